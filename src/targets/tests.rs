use super::*;

fn rows(text: &str) -> Vec<Target> {
    extract_targets("测试", "测试:一", text)
}

/// Exactly one row, with its quote consistent with its span.
fn one(text: &str) -> Target {
    let r = rows(text);
    assert_eq!(r.len(), 1, "expected one row for {text:?}, got {r:#?}");
    let t = r.into_iter().next().unwrap();
    let q: String = text
        .chars()
        .skip(t.span[0])
        .take(t.span[1] - t.span[0])
        .collect();
    assert_eq!(q, t.quote);
    t
}

/// One field (or tuple of fields) of every row, in order.
fn each<'a, T>(r: &'a [Target], f: impl Fn(&'a Target) -> T) -> Vec<T> {
    r.iter().map(f).collect()
}

fn quals(t: &Target) -> Vec<&str> {
    t.qualifiers.iter().map(String::as_str).collect()
}

// -- one fixture per relation ------------------------------------------

#[test]
fn reduce_by_with_baseline() {
    let t = one("单位地区生产总值能耗比2020年下降13.5%。");
    assert_eq!(t.relation, Relation::ReduceBy);
    assert_eq!(t.metric, "单位地区生产总值能耗");
    assert_eq!(t.value, Some(13.5));
    assert_eq!(t.unit.as_deref(), Some("%"));
    assert_eq!(t.baseline_year, Some(2020));
    assert_eq!(t.scope, None);
}

#[test]
fn reduce_by_variants_of_baseline_wording() {
    for text in [
        "吨钢水耗较2020年降低5%",
        "吨钢水耗与2020年相比降低5%",
        "吨钢水耗相比2020年降低5%",
        "吨钢水耗在2020年基础上降低5%",
        "吨钢水耗比2020年减少5%",
    ] {
        let t = one(text);
        assert_eq!(t.relation, Relation::ReduceBy, "{text}");
        assert_eq!(t.metric, "吨钢水耗", "{text}");
        assert_eq!(t.baseline_year, Some(2020), "{text}");
        assert_eq!(t.value, Some(5.0), "{text}");
    }
}

#[test]
fn standalone_baseline_applies_to_the_sentence() {
    let r = rows("与2020年相比，单位GDP能耗下降13.5%，二氧化碳排放下降18%。");
    assert_eq!(r.len(), 2);
    assert!(r.iter().all(|t| t.baseline_year == Some(2020)));
    assert_eq!(r[1].metric, "二氧化碳排放");
}

#[test]
fn increase_by_percentage_points_is_not_converted() {
    let t = one("余热利用率比2023年提高3个百分点以上");
    assert_eq!(t.relation, Relation::IncreaseBy);
    assert_eq!(t.unit.as_deref(), Some("个百分点"));
    assert_eq!(t.value, Some(3.0));
    assert_eq!(quals(&t), ["以上"]);
}

#[test]
fn annual_growth_is_increase_by_without_baseline() {
    let t = one("到2025年，规模以上工业增加值年均增长8%。");
    assert_eq!(t.relation, Relation::IncreaseBy);
    assert_eq!(t.metric, "规模以上工业增加值");
    assert_eq!(t.baseline_year, None);
    assert_eq!(quals(&t), ["年均"]);
    assert_eq!(t.deadline.as_deref(), Some("2025年"));
}

#[test]
fn reach_verbs() {
    for (text, metric, value) in [
        ("可再生能源消费比重提升至15%", "可再生能源消费比重", 15.0),
        ("绿色建材占比达到40%", "绿色建材占比", 40.0),
        ("新能源汽车销量占比提高到20%", "新能源汽车销量占比", 20.0),
        ("再生金属产量达2000万吨", "再生金属产量", 2000.0),
    ] {
        let t = one(text);
        assert_eq!(t.relation, Relation::Reach, "{text}");
        assert_eq!(t.metric, metric, "{text}");
        assert_eq!(t.value, Some(value), "{text}");
    }
}

#[test]
fn reach_by_comparative_prefix() {
    let t = one("绿色建材占比超过30%");
    assert_eq!(t.relation, Relation::Reach);
    assert_eq!(quals(&t), ["超过"]);
    let t = one("工业固废综合利用率不低于50%");
    assert_eq!(t.relation, Relation::Reach);
    assert_eq!(t.metric, "工业固废综合利用率");
    assert_eq!(quals(&t), ["不低于"]);
}

#[test]
fn cap_forms() {
    let t = one("陶瓷砖产能控制在20亿平方米以内");
    assert_eq!(t.relation, Relation::Cap);
    assert_eq!(t.unit.as_deref(), Some("亿平方米"));
    assert_eq!(quals(&t), ["以内"]);
    // 降至 names the level reached (issue 16): a reach, the ceiling being
    // only in its 以下.
    let t = one("单位产品水耗降至1.3以下");
    assert_eq!(t.relation, Relation::Reach);
    assert_eq!(t.metric, "单位产品水耗");
    assert_eq!(t.unit, None);
    assert_eq!(t.value, Some(1.3));
    assert_eq!(quals(&t), ["以下"]);
    let t = one("吨钢水耗不得高于2.5立方米/吨");
    assert_eq!(t.relation, Relation::Cap);
    assert_eq!(t.unit.as_deref(), Some("立方米/吨"));
    assert_eq!(quals(&t), ["不得高于"]);
    let t = one("煤炭消费量控制在42亿吨左右");
    assert_eq!(t.relation, Relation::Cap);
    assert_eq!(quals(&t), ["左右"]);
}

#[test]
fn threshold_noun_phrase_is_the_metric() {
    let t = one("加快淘汰30万千瓦以下煤电机组。");
    assert_eq!(t.relation, Relation::Threshold);
    assert_eq!(t.metric, "煤电机组");
    assert_eq!(t.unit.as_deref(), Some("万千瓦"));
    assert_eq!(quals(&t), ["以下"]);
    assert_eq!(t.quote, "30万千瓦以下煤电机组");
    let t = one("推动100吨及以上的电弧炉更新改造。");
    assert_eq!(t.relation, Relation::Threshold);
    assert_eq!(t.metric, "电弧炉");
    assert_eq!(quals(&t), ["及以上"]);
}

#[test]
fn milestone_without_number() {
    let t = one("到2030年底，行业绿色低碳发展取得显著成效。");
    assert_eq!(t.relation, Relation::Milestone);
    assert_eq!(t.value, None);
    assert_eq!(t.metric, "行业绿色低碳发展取得显著成效");
    assert_eq!(t.deadline.as_deref(), Some("2030年底"));
    assert_eq!(t.quote, "到2030年底，行业绿色低碳发展取得显著成效");
    let t = one("到“十四五”末，整体能效水平明显提升。");
    assert_eq!(t.deadline.as_deref(), Some("“十四五”末"));
}

#[test]
fn no_milestone_when_the_deadline_governs_a_number() {
    let r = rows("到2025年底，能效水平明显提升，数控化率达到70%。");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].relation, Relation::Reach);
}

#[test]
fn a_goal_done_in_full_beside_numbers_is_a_milestone() {
    let r =
        rows("到2025年，单位产值能耗下降13%，城镇新建建筑全面执行绿色建筑标准，管理水平明显提升。");
    assert_eq!(
        each(&r, |t| t.relation),
        [Relation::ReduceBy, Relation::Milestone]
    );
    assert_eq!(r[1].metric, "城镇新建建筑全面执行绿色建筑标准");
    assert_eq!(r[1].deadline.as_deref(), Some("2025年"));
    assert_eq!(r[1].quote, "城镇新建建筑全面执行绿色建筑标准");
    // In document order, dated by a deadline written inside the clause,
    // which is cut out of its words, as a guarantee at its start is.
    let r = rows("到2020年，新增管网7000公里以上；县级污水处理厂2017年底前全面实施一级A排放标准，乡镇污水处理率达到85%。");
    assert_eq!(each(&r, |t| t.value), [Some(7000.0), None, Some(85.0)]);
    assert_eq!(r[1].metric, "县级污水处理厂全面实施一级A排放标准");
    assert_eq!(r[1].deadline.as_deref(), Some("2017年底前"));
    let r = rows("力争到2025年，能耗下降13%，基本消除重点区域异味。");
    assert_eq!(each(&r, |t| quals(t)), [vec!["力争"], vec!["力争"]]);
    assert_eq!(r[1].metric, "基本消除重点区域异味");
    let r = rows("到2025年，能耗下降13%，确保完成上级下达的减排任务。");
    assert!(r[1].qualifiers.is_empty());
    assert_eq!(r[1].metric, "完成上级下达的减排任务");
    // The year is a deadline, not a value (issue 16's real documents
    // annotate this as a goal without a number).
    let t = one("确保2030年前实现碳达峰");
    assert_eq!((t.relation, t.value), (Relation::Milestone, None));
    assert_eq!(t.metric, "实现碳达峰");
    let r = rows("确保工业领域二氧化碳排放在2030年前达峰，单位能耗下降18%。");
    assert_eq!(r[0].metric, "工业领域二氧化碳排放达峰");
    assert_eq!(r[0].deadline.as_deref(), Some("2030年前"));
}

#[test]
fn a_date_with_a_month_and_a_before_is_a_deadline() {
    let t = one("2019年9月底前，基本完成全市整治任务。");
    assert_eq!(t.relation, Relation::Milestone);
    assert_eq!(t.metric, "基本完成全市整治任务");
    assert_eq!(t.deadline.as_deref(), Some("2019年9月底前"));
    let t = one("到2019年6月30日前，重点企业能耗下降5%。");
    assert_eq!(t.deadline.as_deref(), Some("2019年6月30日前"));
    assert_eq!(t.value, Some(5.0));
    // A date alone is still no deadline, and its numbers are no values.
    assert!(rows("2024年8月29日印发，全面完成整治任务。").is_empty());
}

#[test]
fn a_completion_without_a_date_or_as_the_object_of_an_aim_is_no_milestone() {
    for text in [
        "城镇新建建筑全面执行绿色建筑标准，能耗下降13%。",
        "到2025年，能耗下降13%，为实现碳达峰奠定坚实基础。",
        "到2025年，能耗下降13%，在碳达峰的基础上持续下降。",
        "截至2020年，能耗下降13%，全面完成下达的任务。",
        "按照《2030年前碳达峰行动方案》，能耗下降13%。",
    ] {
        assert!(
            rows(text).iter().all(|t| t.relation != Relation::Milestone),
            "{text}: {:?}",
            rows(text)
        );
    }
}

// -- one fixture per qualifier ------------------------------------------

#[test]
fn suffix_qualifiers() {
    for (text, q) in [
        ("数控化率达到80%以上", "以上"),
        ("数控化率达到80%左右", "左右"),
        ("能耗总量控制在5亿吨以内", "以内"),
        ("能耗总量控制在5亿吨之内", "之内"),
        ("单位能耗降至1.3以下", "以下"),
        ("数控化率达到80%上下", "上下"),
    ] {
        assert_eq!(quals(&one(text)), [q], "{text}");
    }
    let t = one("淘汰200万吨/年及以下装置");
    assert_eq!(quals(&t), ["及以下"]);
    let t = one("推广6.5兆帕及以上气化炉");
    assert_eq!(quals(&t), ["及以上"]);
}

#[test]
fn prefix_qualifiers() {
    for (text, q, rel) in [
        ("节能量约200万吨标准煤", "约", Relation::Reach),
        ("占比超过30%", "超过", Relation::Reach),
        ("利用率不低于50%", "不低于", Relation::Reach),
        ("含硫量不高于0.5%", "不高于", Relation::Cap),
        ("含硫量不超过0.5%", "不超过", Relation::Cap),
        ("占比力争达到15%", "力争", Relation::Reach),
        ("力争占比达到15%", "力争", Relation::Reach),
        ("产量争取达到300万吨", "争取", Relation::Reach),
    ] {
        let t = one(text);
        assert_eq!(quals(&t), [q], "{text}");
        assert_eq!(t.relation, rel, "{text}");
    }
}

#[test]
fn qualifiers_keep_text_order() {
    let t = one("产量力争达到约300万吨以上");
    assert_eq!(quals(&t), ["力争", "约", "以上"]);
}

// -- grammar -------------------------------------------------------------

#[test]
fn distributive_shares_the_head_and_the_value() {
    let r = rows("高炉、转炉工序单位产品能耗分别比2023年降低1%以上");
    let names: Vec<_> = r.iter().map(|t| t.metric.as_str()).collect();
    assert_eq!(names, ["高炉工序单位产品能耗", "转炉工序单位产品能耗"]);
    assert!(r
        .iter()
        .all(|t| t.value == Some(1.0) && t.baseline_year == Some(2023)));
}

#[test]
fn distributive_pairs_values() {
    let r = rows("单位GDP能耗和二氧化碳排放分别降低1.8%左右、2.6%左右。");
    assert_eq!(r.len(), 2);
    assert_eq!(
        (r[0].metric.as_str(), r[0].value),
        ("单位GDP能耗", Some(1.8))
    );
    assert_eq!(
        (r[1].metric.as_str(), r[1].value),
        ("二氧化碳排放", Some(2.6))
    );
    assert!(r.iter().all(|t| quals(t) == ["左右"]));
    let r = rows("烧结、球团、炼铁工序能耗分别下降2、3、5个百分点");
    let got: Vec<_> = r
        .iter()
        .map(|t| (t.metric.as_str(), t.value, t.unit.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("烧结工序能耗", Some(2.0), Some("个百分点")),
            ("球团工序能耗", Some(3.0), Some("个百分点")),
            ("炼铁工序能耗", Some(5.0), Some("个百分点")),
        ]
    );
}

#[test]
fn deadline_applies_until_next_deadline_or_sentence_end() {
    let r =
        rows("到2025年，甲比例达到30%，乙比例达到40%；到2030年，甲比例达到50%。丙比例达到60%。");
    let dl: Vec<_> = r.iter().map(|t| t.deadline.as_deref()).collect();
    assert_eq!(dl, [Some("2025年"), Some("2025年"), Some("2030年"), None]);
}

#[test]
fn period_deadlines_as_written() {
    let t = one("2024—2025年，形成节能量约2000万吨标准煤");
    assert_eq!(t.deadline.as_deref(), Some("2024—2025年"));
    assert_eq!(t.metric, "节能量");
    let t = one("行业2024年—2025年形成节能量约250万吨标准煤");
    assert_eq!(t.deadline.as_deref(), Some("2024年—2025年"));
    let t = one("到2025年前，占比达到10%");
    assert_eq!(t.deadline.as_deref(), Some("2025年前"));
}

#[test]
fn scope_words() {
    let t = one("全国原油一次加工能力控制在10亿吨以内");
    assert_eq!(t.scope.as_deref(), Some("全国"));
    assert_eq!(t.metric, "原油一次加工能力");
    let t = one("西部地区可再生能源比重达到30%");
    assert_eq!(t.scope.as_deref(), Some("西部地区"));
    assert_eq!(t.metric, "可再生能源比重");
    // 地区生产总值 is a metric word, not a region.
    let t = one("单位地区生产总值能耗下降3%");
    assert_eq!(t.scope, None);
}

#[test]
fn elliptic_metric_after_a_scope_borrows_the_full_metric() {
    let r = rows("到2025年，清洁运输比例达到70%左右，重点区域比例达到80%左右。");
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].metric, "清洁运输比例");
    assert_eq!(r[1].scope.as_deref(), Some("重点区域"));
    assert_eq!(r[1].value, Some(80.0));
}

#[test]
fn plan_subject_is_dropped_other_subjects_kept() {
    let r = extract_targets("钢铁", "钢铁:一", "钢铁行业能效标杆产能占比达到30%");
    assert_eq!(r[0].metric, "能效标杆产能占比");
    let r = extract_targets("钢铁", "钢铁:一", "重点行业能效标杆产能占比达到30%");
    assert_eq!(r[0].metric, "重点行业能效标杆产能占比");
}

#[test]
fn non_targets() {
    for text in [
        "对标《重点用能产品设备能效先进水平（2024年版）》，支撑完成“十四五”能耗强度降低约束性指标",
        "加快5G、大数据等技术应用，环保绩效A级水平，C、D级项目",
        "2024年继续实施粗钢产量调控。",
        "苏发改资环发〔2024〕1057号",
        "2024年8月29日",
        "1. 钢铁行业节能降碳行动计划",
        "（一）完善产能调控和产量管理",
        "第3批示范项目，3年内完成",
        "PM2.5治理",
        "编号123",
    ] {
        assert!(rows(text).is_empty(), "{text}: {:#?}", rows(text));
    }
}

#[test]
fn dates_durations_and_bare_ranges_are_not_targets() {
    for text in [
        "发布日期：2024-08-29",
        "3个月内完成整改",
        "每2周报告一次",
        "《2030年前碳达峰行动方案》",
    ] {
        assert!(rows(text).is_empty(), "{text}: {:#?}", rows(text));
    }
}

#[test]
fn whitespace_and_half_width_are_tolerated() {
    let t = one("到 2025 年底, 水泥熟料产能控制在 18 亿吨左右");
    assert_eq!(t.deadline.as_deref(), Some("2025年底"));
    assert_eq!(t.metric, "水泥熟料产能");
    assert_eq!(t.value, Some(18.0));
    assert_eq!(t.quote, "水泥熟料产能控制在 18 亿吨左右");
    let t = one("能耗比２０２０年降低３．７％");
    assert_eq!(t.value, Some(3.7));
    assert_eq!(t.unit.as_deref(), Some("%"));
    assert_eq!(t.baseline_year, Some(2020));
}

#[test]
fn spans_count_characters_not_bytes() {
    let text = "到2025年，占比达到30%";
    let t = one(text);
    assert_eq!(t.span, [7, 14]);
    assert_eq!(t.quote, "占比达到30%");
}

#[test]
fn range_keeps_upper_bound_as_qualifier() {
    let t = one("能耗降低10%—15%");
    assert_eq!(t.value, Some(10.0));
    assert_eq!(quals(&t), ["—15%"]);
}

#[test]
fn starting_value_is_context_not_a_row() {
    let t = one("森林覆盖率由2020年的23%提高到24.1%。");
    assert_eq!(t.relation, Relation::Reach);
    assert_eq!(t.metric, "森林覆盖率");
    assert_eq!(t.value, Some(24.1));
    assert_eq!(t.baseline_year, Some(2020));
    assert_eq!(quals(&t), ["由2020年的23%"]);
    let r = rows("森林覆盖率从23%提升至24.1%，草原综合植被盖度达到57%。");
    let got: Vec<_> = r.iter().map(|t| (t.metric.as_str(), t.value)).collect();
    assert_eq!(
        got,
        [("森林覆盖率", Some(24.1)), ("草原综合植被盖度", Some(57.0))]
    );
}

#[test]
fn aspiration_before_a_deadline_qualifies_its_rows() {
    let t = one("力争到2025年底，绿电占比达到30%。");
    assert_eq!(quals(&t), ["力争"]);
    assert_eq!(t.deadline.as_deref(), Some("2025年底"));
    let t = one("力争到2030年，实现碳达峰。");
    assert_eq!(t.relation, Relation::Milestone);
    assert_eq!(quals(&t), ["力争"]);
    assert_eq!(t.quote, "力争到2030年，实现碳达峰");
}

#[test]
fn quoted_plan_period_is_a_deadline() {
    let t = one("“十四五”期间，单位GDP能耗下降13.5%。");
    assert_eq!(t.deadline.as_deref(), Some("“十四五”期间"));
    assert_eq!(t.relation, Relation::ReduceBy);
}

#[test]
fn compound_and_latin_units() {
    for (text, unit) in [
        ("单位产品综合能耗不高于12.5千克标准煤/吨", "千克标准煤/吨"),
        ("吨钢能耗降至540kgce/t以下", "kgce/t"),
        ("淘汰35蒸吨/小时以下燃煤锅炉", "蒸吨/小时"),
        ("光伏装机达到1.2亿千瓦", "亿千瓦"),
        ("用电量达到3000亿千瓦时", "亿千瓦时"),
        ("投资达到1.5万亿元", "万亿元"),
        ("淘汰200kA以下电解槽", "kA"),
        ("单机50MW及以上机组", "MW"),
    ] {
        assert_eq!(one(text).unit.as_deref(), Some(unit), "{text}");
    }
}

#[test]
fn counted_objects_take_the_noun_as_metric() {
    let r = rows("培育100家绿色工厂、10个绿色工业园区。");
    let got: Vec<_> = r
        .iter()
        .map(|t| (t.metric.as_str(), t.value, t.unit.as_deref(), t.relation))
        .collect();
    assert_eq!(
        got,
        [
            ("绿色工厂", Some(100.0), Some("家"), Relation::Reach),
            ("绿色工业园区", Some(10.0), Some("个"), Relation::Reach),
        ]
    );
}

#[test]
fn relative_baseline_without_year_is_a_qualifier() {
    let t = one("煤炭消费量比上年下降3%");
    assert_eq!(t.relation, Relation::ReduceBy);
    assert_eq!(t.metric, "煤炭消费量");
    assert_eq!(t.baseline_year, None);
    assert_eq!(quals(&t), ["比上年"]);
}

#[test]
fn later_change_in_a_sentence_inherits_the_baseline() {
    let r = rows("营运车辆碳排放强度比2020年下降5%，营运船舶下降3.5%。船舶能耗下降2%。");
    let got: Vec<_> = r
        .iter()
        .map(|t| (t.metric.as_str(), t.baseline_year))
        .collect();
    assert_eq!(
        got,
        [
            ("营运车辆碳排放强度", Some(2020)),
            ("营运船舶", Some(2020)),
            ("船舶能耗", None),
        ]
    );
}

#[test]
fn leading_action_verbs_are_not_part_of_the_metric() {
    let t = one("完成既有建筑节能改造面积3.5亿平方米以上");
    assert_eq!(t.metric, "既有建筑节能改造面积");
    assert_eq!(t.relation, Relation::Reach);
}

#[test]
fn relation_serializes_snake_case() {
    let json = serde_json::to_string(&Relation::IncreaseBy).unwrap();
    assert_eq!(json, "\"increase_by\"");
    let back: Relation = serde_json::from_str("\"reduce_by\"").unwrap();
    assert_eq!(back, Relation::ReduceBy);
    for r in Relation::ALL {
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            format!("\"{}\"", r.as_str())
        );
    }
}

// -- grammar of real documents (issue 16); invented sentences -------------

#[test]
fn last_qualifier_of_a_list_covers_every_value() {
    let r = rows("甲、乙、丙浓度分别下降5%、4%、3%左右。");
    assert_eq!(r.len(), 3);
    assert!(r.iter().all(|t| t.qualifiers == ["左右"]), "{r:#?}");
}

#[test]
fn listed_places_pair_with_values_and_share_one_value() {
    let r = rows("甲地、乙地、丙地等区域丁浓度分别下降5%、4%、3%。");
    let got: Vec<_> = r.iter().map(|t| (t.scope.as_deref(), t.value)).collect();
    assert_eq!(
        got,
        [
            (Some("甲地"), Some(5.0)),
            (Some("乙地"), Some(4.0)),
            (Some("丙地"), Some(3.0))
        ]
    );
    let r = rows("甲镇、乙乡的丁浓度均下降至40微克/立方米及以下。");
    let got: Vec<_> = r
        .iter()
        .map(|t| (t.scope.as_deref(), t.metric.as_str(), t.relation))
        .collect();
    assert_eq!(
        got,
        [
            (Some("甲镇"), "丁浓度", Relation::Reach),
            (Some("乙乡"), "丁浓度", Relation::Reach)
        ]
    );
}

#[test]
fn a_second_distributive_clause_reuses_the_list() {
    let r = rows("甲、乙排放总量分别控制在3万吨、2万吨以内，比2015年分别下降10%以上。");
    let got: Vec<_> = r
        .iter()
        .map(|t| (t.metric.as_str(), t.value, t.baseline_year))
        .collect();
    assert_eq!(
        got,
        [
            ("甲排放总量", Some(3.0), None),
            ("乙排放总量", Some(2.0), None),
            ("甲排放总量", Some(10.0), Some(2015)),
            ("乙排放总量", Some(10.0), Some(2015)),
        ]
    );
}

#[test]
fn aspirational_alternative_restates_the_previous_target() {
    let r = rows("甲能耗比2020年下降10%，力争完成12%的更高目标。");
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].metric, "甲能耗");
    assert_eq!(r[1].relation, Relation::ReduceBy);
    assert_eq!(r[1].baseline_year, Some(2020));
    assert_eq!(quals(&r[1]), ["力争"]);
}

#[test]
fn spelled_units_fractions_and_zero_targets() {
    assert_eq!(
        one("甲浓度控制在20微克每立方米以下").unit.as_deref(),
        Some("微克每立方米")
    );
    assert_eq!(
        one("甲排放控制在550克二氧化碳/千瓦时以内").unit.as_deref(),
        Some("克二氧化碳/千瓦时")
    );
    let t = one("不再新建每小时20蒸吨及以下甲锅炉");
    assert_eq!(
        (t.unit.as_deref(), t.relation),
        (Some("蒸吨/小时"), Relation::Threshold)
    );
    let t = one("甲比重达到三分之一");
    assert!((t.value.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    let t = one("甲比例提高两个百分点");
    assert_eq!((t.value, t.unit.as_deref()), (Some(2.0), Some("个百分点")));
    let t = one("甲用量实现零增长");
    assert_eq!(
        (t.metric.as_str(), t.value, t.relation),
        ("甲用量", Some(0.0), Relation::IncreaseBy)
    );
    let t = one("不出现甲类天数");
    assert_eq!(
        (t.metric.as_str(), t.value, t.relation),
        ("甲类天数", Some(0.0), Relation::Cap)
    );
    assert!(rows("确保甲不出现不降反升")
        .iter()
        .all(|t| t.value.is_none()));
}

#[test]
fn not_targets_of_real_text() {
    // Results as of a date, equipment sizes, bands, summing counts.
    assert!(rows("截至2022年，甲能耗较2020年下降12.34%。").is_empty());
    assert!(rows("实施甲公司2×300MW机组改造。").is_empty());
    assert!(rows("2022年甲浓度在40至50微克/立方米之间的乙镇。").is_empty());
    assert!(rows("明确了甲、乙、丙等8项任务。").is_empty());
    assert!(rows("低于50微克/立方米的乙镇。").is_empty());
}

#[test]
fn a_deadline_opening_a_sentence_governs_the_paragraph() {
    let r = rows("到2030年，甲下降10%。乙控制在5亿立方米以内。\n丙达到5%。");
    let dl: Vec<_> = r.iter().map(|t| t.deadline.as_deref()).collect();
    assert_eq!(dl, [Some("2030年"), Some("2030年"), None]);
}

#[test]
fn a_plan_period_naming_a_target_list_is_its_deadline() {
    let r =
        rows("文件提出了“十四五”水污染防治的主要目标：甲、乙排放总量分别控制在5万吨、3万吨以内。");
    assert_eq!(
        each(&r, |t| (t.metric.as_str(), t.deadline.as_deref())),
        [
            ("甲排放总量", Some("“十四五”")),
            ("乙排放总量", Some("“十四五”"))
        ]
    );
    // A period named in passing, not introducing a list, is no deadline.
    let t = one("总结“十三五”经验，甲比例达到40%。");
    assert_eq!(t.deadline, None);
    let t = one("“十三五”工作成效明显：甲比例达到40%。");
    assert_eq!(t.deadline, None, "成效 names no target");
}

#[test]
fn a_semicolon_ends_the_baseline_a_later_change_inherits() {
    let r =
        rows("到2030年，甲浓度比2020年下降12%，乙浓度下降8%；丙、丁地区戊浓度分别下降6%、5%左右。");
    assert_eq!(
        each(&r, |t| (t.metric.as_str(), t.baseline_year)),
        [
            ("甲浓度", Some(2020)),
            ("乙浓度", Some(2020)),
            ("戊浓度", None),
            ("戊浓度", None)
        ]
    );
    // A standalone baseline still covers the whole sentence.
    let r = rows("与2020年相比，甲下降5%；乙下降3%。");
    assert!(r.iter().all(|t| t.baseline_year == Some(2020)), "{r:#?}");
}

#[test]
fn a_subject_scopes_the_rows_after_it_in_its_part() {
    let r = rows("到2030年，城区甲浓度保持在20微克/立方米以下，力争保持在15微克/立方米以下，乙比率保持在90%以上；丙天数控制在5天以内。");
    assert_eq!(
        each(&r, |t| (t.metric.as_str(), t.scope.as_deref())),
        [
            ("甲浓度", Some("城区")),
            ("甲浓度", Some("城区")),
            ("乙比率", Some("城区")),
            ("丙天数", None)
        ]
    );
    // A whole territory before a body is the plan's own: the body scopes.
    let r = rows(
        "全县事业机构人均综合能耗、单位面积综合能耗和人均用水量与2020年相比分别下降6%、5%和6%，单位面积碳排放下降4%。",
    );
    assert_eq!(
        each(&r, |t| (t.metric.as_str(), t.scope.as_deref())),
        [
            ("人均综合能耗", Some("事业机构")),
            ("单位面积综合能耗", Some("事业机构")),
            ("人均用水量", Some("事业机构")),
            ("单位面积碳排放", Some("事业机构"))
        ]
    );
    let t = one("大型电力集团单位供电煤耗控制在300克标准煤/千瓦时以内");
    assert_eq!(
        (t.scope.as_deref(), t.metric.as_str()),
        (Some("大型电力集团"), "单位供电煤耗")
    );
    // A whole territory alone is not passed on (it is the default).
    let r = rows("全市甲比例达到90%，乙浓度下降5%。");
    assert_eq!(each(&r, |t| t.scope.as_deref()), [Some("全市"), None]);
    // Places paired with values scope their own rows only.
    let r = rows("甲、乙等地区丙浓度分别下降5%、4%，丁浓度下降3%。");
    assert_eq!(
        each(&r, |t| t.scope.as_deref()),
        [Some("甲"), Some("乙"), None]
    );
}

#[test]
fn thresholds_and_sub_targets_keep_their_subject() {
    let t = one("中心城区原则上不再新建每小时20蒸吨以下燃煤锅炉");
    assert_eq!(
        (t.relation, t.scope.as_deref(), t.metric.as_str()),
        (Relation::Threshold, Some("中心城区"), "燃煤锅炉")
    );
    let r =
        rows("到2030年，甲区域乙浓度下降10%左右，其中丙丁市乙年均浓度控制在35微克/立方米左右。");
    assert_eq!(
        each(&r, |t| (t.scope.as_deref(), t.metric.as_str())),
        [(Some("甲区域"), "乙浓度"), (Some("丙丁市"), "乙年均浓度")]
    );
    // Without 其中 a leading place name stays in the metric.
    assert_eq!(one("丙丁市乙浓度下降5%").scope, None);
    let t = one("要求甲单位能耗降低5%");
    assert_eq!(t.metric, "甲单位能耗");
}

#[test]
fn a_saving_with_its_amount_is_a_reduction_of_its_subject() {
    let r = rows("到2030年，全县事业单位节水15%；新建住宅节能75%，节电10%。");
    assert_eq!(
        each(&r, |t| (t.metric.as_str(), t.scope.as_deref(), t.relation)),
        [
            ("节水", Some("事业单位"), Relation::ReduceBy),
            ("节能", Some("新建住宅"), Relation::ReduceBy),
            ("节电", Some("新建住宅"), Relation::ReduceBy)
        ]
    );
    // A saving amount with a verb keeps the verb's reading.
    let t = one("节能量达到200万吨标准煤");
    assert_eq!((t.metric.as_str(), t.relation), ("节能量", Relation::Reach));
}

#[test]
fn a_year_set_off_by_a_comma_governs_the_paragraph() {
    let r = rows("2030年，甲比例达到40%。乙比例达到50%。");
    assert_eq!(
        each(&r, |t| t.deadline.as_deref()),
        [Some("2030年"), Some("2030年")]
    );
    let r = rows("2030年甲比例达到40%。乙比例达到50%。");
    assert_eq!(each(&r, |t| t.deadline.as_deref()), [Some("2030年"), None]);
}

#[test]
fn a_year_dating_a_condition_is_no_deadline() {
    // The year says which year's level sorts the places; the target that
    // follows states no deadline.
    let r = rows("2021年甲浓度高于45微克/立方米的丙镇、丁乡的甲浓度均降至40微克/立方米以下。");
    assert_eq!(
        each(&r, |t| (t.scope.as_deref(), t.value, t.deadline.as_deref())),
        [
            (Some("丙镇"), Some(40.0), None),
            (Some("丁乡"), Some(40.0), None)
        ]
    );
    // A band, and a year led by 在.
    let r = rows("2021年甲浓度在40至45微克/立方米之间的戊镇、己乡的甲浓度均下降至目标值38微克/立方米及以下。");
    assert_eq!(each(&r, |t| t.deadline.as_deref()), [None, None]);
    let t = one("在2021年甲浓度低于35微克/立方米的庚镇，甲浓度保持在35微克/立方米以下。");
    assert_eq!((t.value, t.deadline.as_deref()), (Some(35.0), None));
    // The deadline carried from the opening sentence governs again.
    let r = rows("到2025年，甲浓度分类下降。2021年甲浓度超过50微克/立方米的辛镇，甲浓度下降至45微克/立方米以下。");
    let last = r.last().expect("a row");
    assert_eq!(
        (last.value, last.deadline.as_deref()),
        (Some(45.0), Some("2025年"))
    );
    // A bare year before a target, with no condition, is its deadline.
    let t = one("2021年甲浓度下降至40微克/立方米以下。");
    assert_eq!(t.deadline.as_deref(), Some("2021年"));
}

#[test]
fn a_heading_stating_the_year_gives_it_to_rows_without_one() {
    assert_eq!(heading_deadline("到2030年目标").as_deref(), Some("2030年"));
    assert_eq!(
        heading_deadline("主要目标（2030年）").as_deref(),
        Some("2030年")
    );
    assert_eq!(
        heading_deadline("2024年经济社会发展主要预期目标").as_deref(),
        Some("2024年")
    );
    assert_eq!(
        heading_deadline("2023年各镇改善目标按以下原则确定：").as_deref(),
        Some("2023年")
    );
    // No goals named, a baseline, two years, a sentence: no deadline.
    assert_eq!(heading_deadline("2030年工作安排"), None);
    assert_eq!(heading_deadline("比2020年下降的目标"), None);
    assert_eq!(heading_deadline("2025年和2030年目标"), None);
    assert_eq!(heading_deadline("到2030年，甲比例达到40%的目标"), None);
    // The nearest heading with a year wins; a row's own deadline stays.
    let r = extract_targets_under(
        "测试",
        "测试:一(一)",
        "甲比例达到40%。\n到2035年，乙比例达到60%。",
        &["主要目标", "到2030年目标", "2028年目标"],
    );
    assert_eq!(
        each(&r, |t| t.deadline.as_deref()),
        [Some("2030年"), Some("2035年")]
    );
}

#[test]
fn under_a_heading_over_the_present_numbers_are_results() {
    for heading in [
        "我市甲资源利用基本情况",
        "（一）乙处理现状",
        "“十三五”工作成效",
        "存在的主要问题",
    ] {
        assert!(heading_reports_present(heading), "{heading}");
    }
    for heading in [
        "主要目标",
        "到2030年目标",
        "提升甲利用水平",
        "甲利用情况，到2030年达到…",
    ] {
        assert!(!heading_reports_present(heading), "{heading}");
    }
    let text = "据统计，2019年全市甲产生量约为500万吨，占总量的40%。\
        2019年，全市甲利用率达到80%，重点区域达到90%以上。“十三五”期间累计下降12%。\
        到2025年，甲利用率达到95%。乙利用率达到70%。";
    let headings = ["我市甲资源利用基本情况"];
    let r = extract_targets_under("测试", "测试:一", text, &headings);
    assert_eq!(
        each(&r, |t| (t.metric.as_str(), t.value, t.deadline.as_deref())),
        [
            ("甲利用率", Some(95.0), Some("2025年")),
            ("乙利用率", Some(70.0), Some("2025年"))
        ]
    );
    // The same text under a heading over goals: every number is a row.
    let r = extract_targets_under("测试", "测试:一", text, &["主要目标"]);
    assert_eq!(r.len(), 6, "{r:#?}");
}

#[test]
fn a_baseline_whose_year_was_lost_is_no_part_of_the_metric() {
    // Web pages drop digits (`比年下降`); the baseline word and 年 still
    // end the metric, and no baseline year is made up.
    let t = one("全县单位产值甲耗比年下降9%。");
    assert_eq!(t.metric, "单位产值甲耗");
    assert_eq!((t.baseline_year, t.value), (None, Some(9.0)));
    assert!(t.qualifiers.is_empty());
}

#[test]
fn a_guaranteed_level_that_must_not_worsen_is_a_goal_per_place() {
    let r = rows("在2021年甲浓度低于40微克/立方米的丙乡、丁镇、戊县确保甲不出现不降反升。");
    assert_eq!(
        each(&r, |t| (
            t.scope.as_deref(),
            t.metric.as_str(),
            t.relation,
            quals(t)
        )),
        [
            (Some("丙乡"), "甲", Relation::Milestone, vec!["确保"]),
            (Some("丁镇"), "甲", Relation::Milestone, vec!["确保"]),
            (Some("戊县"), "甲", Relation::Milestone, vec!["确保"]),
        ]
    );
    assert!(r.iter().all(|t| t.value.is_none() && t.deadline.is_none()));
    let t = one("到2030年，确保乙林覆盖率不下降。");
    assert_eq!(
        (t.metric.as_str(), t.scope.as_deref(), t.deadline.as_deref()),
        ("乙林覆盖率", None, Some("2030年"))
    );
    // Without a guarantee it is a description, not a goal.
    assert!(rows("近年来丙浓度不下降").is_empty());
}

#[test]
fn a_guarantee_is_kept_as_a_qualifier() {
    assert_eq!(quals(&one("甲用量确保实现零增长")), ["确保"]);
    assert_eq!(quals(&one("确保乙比例达到50%")), ["确保"]);
}

#[test]
fn a_bracket_opening_with_ji_restates_the_target_and_is_read() {
    let r = rows("到2030年，城区甲天数比率不低于90%（即全年乙天数不能超过36天），丙浓度不高于30微克/立方米。");
    assert_eq!(
        each(&r, |t| (
            t.metric.as_str(),
            t.value,
            t.relation,
            t.scope.as_deref()
        )),
        [
            ("甲天数比率", Some(90.0), Relation::Reach, Some("城区")),
            ("全年乙天数", Some(36.0), Relation::Cap, Some("城区")),
            ("丙浓度", Some(30.0), Relation::Cap, Some("城区")),
        ]
    );
    // Any other bracket stays unread.
    assert_eq!(rows("甲比率不低于90%（乙天数不超过36天）").len(), 1);
}

#[test]
fn a_list_sharing_one_head_before_one_value_is_one_metric() {
    // `甲、乙、丙等重点行业…比例` is one ratio over the listed industries,
    // not a complete metric per industry: only metrics written out in full
    // (`单位甲用水量、单位乙用水量`) are parallel.
    let t = one("到2030年，甲、乙、丙等重点行业能效标杆水平的比例超过40%。");
    assert_eq!(t.metric, "甲、乙、丙等重点行业能效标杆水平的比例");
    let r = rows("单位甲产品用水量、单位乙产品用水量比2020年降低10%");
    assert_eq!(
        each(&r, |t| t.metric.as_str()),
        ["单位甲产品用水量", "单位乙产品用水量"]
    );
}

/// Relations and levels are shown in the user's language: Chinese words
/// (for levels, the ones exports write) or English ones, never a
/// catalogue key.
#[test]
fn relations_and_levels_have_words_in_both_languages() {
    use crate::corpus::origin::Level;
    let levels = [Level::National, Level::Province, Level::City, Level::County];
    let pairs = Relation::ALL
        .iter()
        .map(|r| (r.label_in("zh"), r.label_in("en")))
        .chain(levels.iter().map(|l| (l.label_in("zh"), l.label_in("en"))));
    for (zh, en) in pairs {
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(en.is_ascii() && !en.contains('.'), "{en}");
    }
    let exported: Vec<String> = levels.iter().map(|l| l.label_zh()).collect();
    assert_eq!(exported, ["国家", "省", "市", "县区"]);
    assert_eq!(Relation::ReduceBy.label_in("zh"), "比基准降低");
}
