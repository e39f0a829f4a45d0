//! Department extraction on the bundled Jiangsu corpus, on a fixture
//! document with departments the corpus lacks, and under arbitrary input.

use policy_nav::departments::{
    duty_parenthetical, normalize_name, parse_addressees, AliasTable, ClauseInput, DepartmentIndex,
    NoticeInput, Role,
};
use std::collections::HashSet;

const CORPUS: &str = include_str!("../corpus/jiangsu-2024-1057.txt");
const NOTICE_ID: &str = "通知";

/// One crudely split clause.
#[derive(Debug, Clone)]
struct Item {
    id: String,
    heading: String,
    text: String,
}

/// The crudely split corpus: notice parts and the items of every plan.
struct Corpus {
    addressees: String,
    issuers: Vec<String>,
    items: Vec<Item>,
}

const NUMERALS: &str = "一二三四五六七八九十";

/// `（一）` / `(一)` / `( 一 )` at the start of a line → (numeral, rest).
fn item_marker(line: &str) -> Option<(String, &str)> {
    let rest = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let close = rest.find(['）', ')'])?;
    let num: String = rest[..close]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if num.is_empty() || !num.chars().all(|c| NUMERALS.contains(c)) {
        return None;
    }
    let after = &rest[close..];
    let after = &after[after.chars().next()?.len_utf8()..];
    Some((num, after.trim_start()))
}

/// `二、重点任务` → `二`.
fn section_marker(line: &str) -> Option<String> {
    let (num, _) = line.split_once('、')?;
    (!num.is_empty() && num.chars().all(|c| NUMERALS.contains(c))).then(|| num.to_string())
}

/// What the real pipeline does to text: spaces next to CJK removed,
/// half-width brackets made full width, `,` between CJK made `，`, and a
/// doubled 部 from a page break removed.
fn pipeline_normalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let wide = |c: char| !c.is_ascii();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        match c {
            ' ' if prev.is_some_and(wide) || next.is_some_and(wide) => {}
            ' ' if prev.is_some_and(|p| p == ')' || p == ',') || next.is_some_and(|n| n == '(') => {
            }
            '(' => out.push('（'),
            ')' => out.push('）'),
            ',' if prev.is_some_and(wide) => out.push('，'),
            _ => out.push(c),
        }
    }
    out.replace("部部", "部")
}

/// Splits the raw corpus: lines are joined within an item (page breaks),
/// items start at `（一）`-style markers, sections at `二、`, plans at their
/// titles. With `normalize`, item texts go through [`pipeline_normalize`];
/// without, they stay raw (half-width brackets, spaces, doubled 部).
fn corpus(normalize: bool) -> Corpus {
    let mut addressees = String::new();
    let mut issuers = Vec::new();
    let mut body = String::new();
    let mut items: Vec<Item> = Vec::new();
    let mut plan: Option<String> = None;
    let mut section = String::new();
    let mut in_item = false;
    let mut in_body = false;
    for line in CORPUS.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.ends_with("专项行动计划") && !line.starts_with("关于") {
            plan = Some(
                line.trim_end_matches("行业节能降碳专项行动计划")
                    .to_string(),
            );
            in_item = false;
            continue;
        }
        let Some(plan) = &plan else {
            // notice part: 主送 line, body until 特此通知, then the 落款
            if line.ends_with('：') && line.starts_with('各') {
                addressees = line.to_string();
                in_body = true;
            } else if line.starts_with("特此") {
                in_body = false;
            } else if in_body {
                body.push_str(line);
            } else if line.starts_with("江苏省")
                && ['委', '厅', '局'].iter().any(|c| line.ends_with(*c))
            {
                issuers.push(line.to_string());
            }
            continue;
        };
        if let Some(num) = section_marker(line) {
            section = num;
            in_item = false;
            continue;
        }
        if let Some((num, rest)) = item_marker(line) {
            let heading = rest.split('。').next().unwrap_or("").to_string();
            items.push(Item {
                id: format!("{plan}:{section}({num})"),
                heading,
                text: rest.to_string(),
            });
            in_item = true;
            continue;
        }
        if in_item {
            items.last_mut().unwrap().text.push_str(line);
        }
    }
    if normalize {
        for it in &mut items {
            it.text = pipeline_normalize(&it.text);
            it.heading = pipeline_normalize(&it.heading);
        }
    }
    let mut all = vec![Item {
        id: NOTICE_ID.to_string(),
        heading: "关于转发钢铁等行业节能降碳专项行动计划的通知".to_string(),
        text: body,
    }];
    all.extend(items);
    Corpus {
        addressees,
        issuers,
        items: all,
    }
}

fn index_of(c: &Corpus) -> DepartmentIndex {
    let clauses: Vec<ClauseInput> = c
        .items
        .iter()
        .map(|i| ClauseInput {
            id: &i.id,
            heading: &i.heading,
            text: &i.text,
        })
        .collect();
    let notices = [NoticeInput {
        clause_id: NOTICE_ID,
        issuers: &c.issuers,
        addressees: &c.addressees,
    }];
    DepartmentIndex::build(&clauses, &notices, &AliasTable::embedded())
}

fn both() -> [(Corpus, DepartmentIndex); 2] {
    [true, false].map(|n| {
        let c = corpus(n);
        let idx = index_of(&c);
        (c, idx)
    })
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn the_crude_splitter_finds_every_item() {
    let c = corpus(true);
    // 5 plans × (二 + 三 + 四) items, plus the notice.
    for plan in ["钢铁", "炼油", "合成氨", "水泥", "电解铝"] {
        let n = c
            .items
            .iter()
            .filter(|i| i.id.starts_with(&format!("{plan}:")))
            .count();
        assert!(n >= 13, "{plan}: {n} items");
    }
    assert!(c.addressees.starts_with("各设区市"));
    assert_eq!(c.issuers.len(), 4);
    assert!(c.items[0].text.contains("国家发展改革委等部门联合印发"));
    // The raw variant keeps what the pipeline would have cleaned up, so the
    // tests run on both really exercise the robustness paths.
    let raw = corpus(false);
    let raw_text: String = raw.items.iter().map(|i| i.text.as_str()).collect();
    let norm_text: String = c.items.iter().map(|i| i.text.as_str()).collect();
    for s in ["工业和信息化部部", "(国家", "负责)", ", "] {
        assert!(raw_text.contains(s), "{s}");
        assert!(!norm_text.contains(s), "{s}");
    }
}

#[test]
fn steel_2_1_lead_and_responsible() {
    for (_, idx) in both() {
        let cd = idx.clause_departments("钢铁:二(一)");
        assert_eq!(strs(&cd.lead), ["国家发展改革委", "工业和信息化部"]);
        assert_eq!(
            strs(&cd.responsible),
            ["生态环境部", "商务部", "海关总署", "市场监管总局"]
        );
        assert!(cd.support.is_empty());
        assert!(cd.mentioned.is_empty(), "{:?}", cd.mentioned);
    }
}

#[test]
fn refining_2_2_has_support() {
    for (_, idx) in both() {
        let cd = idx.clause_departments("炼油:二(二)");
        assert_eq!(strs(&cd.lead), ["国家发展改革委", "国家能源局"]);
        assert_eq!(strs(&cd.support), ["工业和信息化部"]);
        assert!(cd.responsible.is_empty());
    }
}

#[test]
fn every_plan_has_its_roles() {
    for (_, idx) in both() {
        // 钢铁 二(三): 市场监管总局等部门 → 市场监管总局
        let cd = idx.clause_departments("钢铁:二(三)");
        assert_eq!(strs(&cd.lead), ["国家发展改革委"]);
        assert_eq!(strs(&cd.responsible), ["工业和信息化部", "市场监管总局"]);
        // 炼油 二(四): 国家能源局 leads
        let cd = idx.clause_departments("炼油:二(四)");
        assert_eq!(strs(&cd.lead), ["国家能源局"]);
        assert_eq!(strs(&cd.responsible), ["国家发展改革委", "生态环境部"]);
        // 合成氨 二(一): 工业和信息化部 leads
        let cd = idx.clause_departments("合成氨:二(一)");
        assert_eq!(strs(&cd.lead), ["工业和信息化部"]);
        assert!(cd.responsible.contains(&"国家能源局".to_string()));
        // 合成氨 三(三): （…按职\n\n责分工负责） once joined
        let cd = idx.clause_departments("合成氨:三(三)");
        assert_eq!(strs(&cd.lead), ["市场监管总局"]);
        assert_eq!(
            strs(&cd.responsible),
            ["国家发展改革委", "工业和信息化部", "生态环境部"]
        );
        // 合成氨 二(五): a stray `负责)` line after the parenthetical
        let cd = idx.clause_departments("合成氨:二(五)");
        assert_eq!(
            strs(&cd.responsible),
            ["国家发展改革委", "工业和信息化部", "市场监管总局"]
        );
        // 水泥 二(四): 工业和信息化部 leads five
        let cd = idx.clause_departments("水泥:二(四)");
        assert_eq!(strs(&cd.lead), ["工业和信息化部"]);
        assert_eq!(
            strs(&cd.responsible),
            [
                "国家发展改革委",
                "住房城乡建设部",
                "市场监管总局",
                "生态环境部"
            ]
        );
        // 水泥 二(一): no 牵头 → everyone responsible
        let cd = idx.clause_departments("水泥:二(一)");
        assert!(cd.lead.is_empty());
        assert_eq!(cd.responsible.len(), 3);
        // 电解铝 二(三): 国家能源局 leads
        let cd = idx.clause_departments("电解铝:二(三)");
        assert_eq!(strs(&cd.lead), ["国家能源局"]);
        // 电解铝 二(五): 工业和信息化部\n\n部 (doubled 部 in the raw text)
        let cd = idx.clause_departments("电解铝:二(五)");
        assert_eq!(
            strs(&cd.responsible),
            ["国家发展改革委", "工业和信息化部", "市场监管总局"]
        );
        // 电解铝 三(二): 金融监管总局等 → 金融监管总局
        let cd = idx.clause_departments("电解铝:三(二)");
        assert_eq!(
            cd.responsible.last().map(String::as_str),
            Some("金融监管总局")
        );
        assert_eq!(cd.responsible.len(), 6);
        // 电解铝 三(四): the parenthetical stood on its own line
        let cd = idx.clause_departments("电解铝:三(四)");
        assert_eq!(
            strs(&cd.responsible),
            ["国家发展改革委", "工业和信息化部", "生态环境部"]
        );
    }
}

#[test]
fn every_task_and_policy_item_has_a_duty_and_no_implementation_item_does() {
    for (c, idx) in both() {
        for it in c.items.iter().skip(1) {
            let cd = idx.clause_departments(&it.id);
            let has_duty = !(cd.lead.is_empty() && cd.responsible.is_empty());
            let is_duty_section = it.id.contains(":二(") || it.id.contains(":三(");
            assert_eq!(has_duty, is_duty_section, "{}: {cd:?}", it.id);
            if is_duty_section {
                assert!(duty_parenthetical(&it.text).is_some(), "{}", it.id);
            }
        }
    }
}

#[test]
fn brackets_that_are_not_duties_are_ignored() {
    for (c, _) in both() {
        for (id, inner) in [
            ("钢铁:三(四)", "套"),
            ("炼油:二(三)", "解"),
            ("炼油:三(四)", "重油"),
            ("钢铁:二(三)", "2024"),
        ] {
            let it = c.items.iter().find(|i| i.id == id).unwrap();
            assert!(it.text.contains(inner), "{id}");
            let p = duty_parenthetical(&it.text).unwrap();
            let group: String = it
                .text
                .chars()
                .skip(p.span.start)
                .take(p.span.len())
                .collect();
            assert!(!group.contains(inner), "{id}: took {group}");
            assert_eq!(p.span.end, it.text.chars().count().min(p.span.end));
        }
    }
}

#[test]
fn implementation_items_mention_departments_but_not_generic_references() {
    for (_, idx) in both() {
        for plan in ["钢铁", "炼油", "合成氨", "水泥", "电解铝"] {
            let cd = idx.clause_departments(&format!("{plan}:四(一)"));
            for d in [
                "国家发展改革委",
                "工业和信息化部",
                "生态环境部",
                "市场监管总局",
                "国家能源局",
            ] {
                assert!(cd.mentioned.contains(&d.to_string()), "{plan}: {cd:?}");
            }
            assert_eq!(cd.mentioned.len(), 5, "{plan}: {cd:?}");
            let cd = idx.clause_departments(&format!("{plan}:四(二)"));
            assert_eq!(strs(&cd.mentioned), ["国家发展改革委"], "{plan}");
            let cd = idx.clause_departments(&format!("{plan}:四(三)"));
            assert!(cd.is_empty(), "{plan}: {cd:?}");
        }
        for d in idx.departments() {
            for bad in ["部门", "主管", "等"] {
                assert!(!d.name.contains(bad), "{}", d.name);
            }
        }
    }
}

#[test]
fn every_department_comes_from_a_parenthetical_or_the_notice() {
    for (c, idx) in both() {
        let aliases = AliasTable::embedded();
        let mut known: HashSet<String> = HashSet::new();
        for it in &c.items {
            if let Some(p) = duty_parenthetical(&it.text) {
                for (n, _) in p.entries {
                    known.insert(aliases.canonical(&n).map(str::to_string).unwrap_or(n));
                }
            }
        }
        known.extend(c.issuers.iter().cloned());
        known.extend(parse_addressees(&c.addressees));
        for d in idx.departments() {
            assert!(known.contains(&d.name), "unexpected department {}", d.name);
        }
    }
}

#[test]
fn raw_and_normalized_text_give_the_same_departments() {
    let [(_, a), (_, b)] = both();
    let names = |i: &DepartmentIndex| {
        i.departments()
            .iter()
            .map(|d| (d.name.clone(), d.role_counts()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&a), names(&b));
}

#[test]
fn notice_issuers_addressees_and_body() {
    for (_, idx) in both() {
        for issuer in [
            "江苏省发展改革委",
            "江苏省工业和信息化厅",
            "江苏省生态环境厅",
            "江苏省市场监督管理局",
        ] {
            let d = idx.lookup(issuer).unwrap();
            assert_eq!(d.duties.len(), 1);
            assert_eq!(d.duties[0].role, Role::Issuer);
            assert_eq!(d.duties[0].address, NOTICE_ID);
        }
        for addressee in [
            "各设区市发展改革委",
            "各设区市工业和信息化局",
            "各设区市生态环境局",
            "各设区市市场监督管理局",
        ] {
            let d = idx.lookup(addressee).unwrap();
            assert_eq!(d.duties[0].role, Role::Addressee, "{addressee}");
        }
        let d = idx.lookup("国家发展改革委").unwrap();
        assert!(d
            .duties
            .iter()
            .any(|x| x.address == NOTICE_ID && x.role == Role::Mentioned));
        assert_eq!(
            strs(&idx.clause_departments(NOTICE_ID).mentioned),
            ["国家发展改革委"]
        );
    }
}

#[test]
fn counterparts_follow_name_rules() {
    for (_, idx) in both() {
        for (nat, prov, city) in [
            ("国家发展改革委", "江苏省发展改革委", "各设区市发展改革委"),
            (
                "工业和信息化部",
                "江苏省工业和信息化厅",
                "各设区市工业和信息化局",
            ),
            ("生态环境部", "江苏省生态环境厅", "各设区市生态环境局"),
            (
                "市场监管总局",
                "江苏省市场监督管理局",
                "各设区市市场监督管理局",
            ),
        ] {
            let d = idx.lookup(nat).unwrap();
            assert_eq!(d.counterparts.province.as_deref(), Some(prov), "{nat}");
            assert_eq!(d.counterparts.city.as_deref(), Some(city), "{nat}");
            let p = idx.lookup(prov).unwrap();
            assert_eq!(p.counterparts.city.as_deref(), Some(city));
            assert_eq!(p.counterparts.province, None);
            let c = idx.lookup(city).unwrap();
            assert_eq!(c.counterparts.province.as_deref(), Some(prov));
        }
        for lone in ["商务部", "海关总署", "国家能源局", "财政部", "中国人民银行"]
        {
            let d = idx.lookup(lone).unwrap();
            assert_eq!(d.counterparts.province, None, "{lone}");
            assert_eq!(d.counterparts.city, None, "{lone}");
        }
    }
}

#[test]
fn alias_lookups() {
    let (_, idx) = &both()[0];
    for (alias, canonical) in [
        ("发改委", "国家发展改革委"),
        ("国家发改委", "国家发展改革委"),
        ("国家发展和改革委员会", "国家发展改革委"),
        ("工信部", "工业和信息化部"),
        ("住建部", "住房城乡建设部"),
        ("能源局", "国家能源局"),
        ("央行", "中国人民银行"),
        ("人民银行", "中国人民银行"),
        ("人行", "中国人民银行"),
        ("税务局", "税务总局"),
        ("国家税务总局", "税务总局"),
        ("国家市场监督管理总局", "市场监管总局"),
        ("国家金融监督管理总局", "金融监管总局"),
        ("海关", "海关总署"),
        ("住房和城乡建设部", "住房城乡建设部"),
        (" 工信部 ", "工业和信息化部"),
    ] {
        assert_eq!(
            idx.lookup(alias).map(|d| d.name.as_str()),
            Ok(canonical),
            "{alias}"
        );
    }
    let d = idx.lookup("发改委").unwrap();
    assert!(d.aliases.contains(&"国家发展和改革委员会".to_string()));
}

#[test]
fn every_department_of_the_corpus_is_in_the_alias_table() {
    let aliases = AliasTable::embedded();
    let (_, idx) = &both()[0];
    for d in idx.departments() {
        if d.duties
            .iter()
            .all(|x| x.role != Role::Issuer && x.role != Role::Addressee)
        {
            assert!(aliases.entry(&d.name).is_some(), "{} missing", d.name);
            assert!(!d.aliases.is_empty(), "{} has no alias", d.name);
        }
    }
}

#[test]
fn unknown_names_get_nearest_matches() {
    let (_, idx) = &both()[0];
    let near = idx.lookup("发展委").unwrap_err();
    assert_eq!(near.first().map(String::as_str), Some("国家发展改革委"));
    let near = idx.lookup("市场监督局").unwrap_err();
    assert!(near.iter().any(|n| n == "市场监管总局"), "{near:?}");
    assert!(near.len() <= 5);
    assert!(idx.lookup("xyz").unwrap_err().is_empty());
    // known to the alias table but absent from the document
    assert!(idx.lookup("科技部").is_err());
}

#[test]
fn role_counts_match_the_text() {
    for (_, idx) in both() {
        // 国家能源局 leads 炼油 二(一), 二(二), 二(四) and 电解铝 二(三).
        let c = idx.role_counts("能源局").unwrap();
        assert_eq!(c.lead, 4);
        // 工业和信息化部 supports only 炼油 二(二).
        assert_eq!(idx.role_counts("工信部").unwrap().support, 1);
        // 商务部: 钢铁 二(一), 炼油 二(一), 电解铝 二(一).
        let c = idx.role_counts("商务部").unwrap();
        assert_eq!((c.lead, c.responsible, c.mentioned), (0, 3, 0));
        assert_eq!(idx.role_counts("江苏省生态环境厅").unwrap().issuer, 1);
        assert!(idx.role_counts("教育部").is_none());
    }
}

#[test]
fn departments_are_in_order_of_first_appearance() {
    let (_, idx) = &both()[0];
    let names: Vec<&str> = idx.departments().iter().map(|d| d.name.as_str()).collect();
    let pos = |n: &str| names.iter().position(|x| *x == n).unwrap();
    assert!(pos("各设区市发展改革委") < pos("国家发展改革委"));
    assert!(pos("国家发展改革委") < pos("江苏省发展改革委"));
    assert!(pos("江苏省发展改革委") < pos("生态环境部"));
    assert!(pos("海关总署") < pos("住房城乡建设部"));
}

#[test]
fn json_shape() {
    let (_, idx) = &both()[0];
    let d = idx.lookup("发改委").unwrap();
    let v = serde_json::to_value(vec![d]).unwrap();
    let obj = v[0].as_object().unwrap();
    let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 4);
    for k in ["name", "aliases", "counterparts", "duties"] {
        assert!(obj.contains_key(k), "{k}");
    }
    assert_eq!(v[0]["counterparts"]["province"], "江苏省发展改革委");
    assert_eq!(v[0]["counterparts"]["city"], "各设区市发展改革委");
    let first_lead = v[0]["duties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["role"] == "lead")
        .unwrap();
    assert_eq!(first_lead["address"], "钢铁:二(一)");
    assert_eq!(first_lead["heading"], "完善产能调控和产量管理");
    assert_eq!(first_lead.as_object().unwrap().len(), 3);
    let lone = serde_json::to_value(idx.lookup("商务部").unwrap()).unwrap();
    assert!(lone["counterparts"]["province"].is_null());

    let cd = serde_json::to_value(idx.clause_departments("炼油:二(二)")).unwrap();
    let keys: Vec<&str> = cd.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 4);
    assert_eq!(cd["support"][0], "工业和信息化部");
    for k in ["lead", "support", "responsible", "mentioned"] {
        assert!(cd[k].is_array(), "{k}");
    }
}

// ---------------------------------------------------------------------------
// A fixture document with departments the corpus (and alias table) lacks.
// ---------------------------------------------------------------------------

fn fixture_index() -> DepartmentIndex {
    let issuers = vec![
        "浙江省教育厅".to_string(),
        "浙江省农业农村厅".to_string(),
        "浙江省经济和信息化厅".to_string(),
    ];
    let clauses = [
        ClauseInput {
            id: "通知",
            heading: "关于转发乡村学校节能行动方案的通知",
            text: "近日，教育部、农业农村部等部门联合印发了《乡村学校节能行动方案》，现转发给你们，请认真贯彻落实。",
        },
        ClauseInput {
            id: "方案:二(一)",
            heading: "推进校舍节能改造",
            text: "推进校舍节能改造。推广首台（套）节能装备，对标《校舍能效指南（2024年版）》。（教育部牵头，农业农村部、国家林草局按职责分工负责）",
        },
        ClauseInput {
            id: "方案:二(二)",
            heading: "发展乡村清洁能源",
            text: "发展乡村清洁能源。鼓励学校利用屋顶建设光伏。（农业农村部、工业和信息化部牵头，国家乡村振兴局配合,教育部等按职责分工负责)",
        },
        ClauseInput {
            id: "方案:二(三)",
            heading: "加大资金支持",
            text: "加大资金支持。统筹用好既有资金渠道。(国家发改委牵头，财政部、人民银行按职责分工负责）",
        },
        ClauseInput {
            id: "方案:四(一)",
            heading: "加强组织领导",
            text: "加强组织领导。教育部会同农业农村部、国家林草局、文化和旅游部等部门加强协调配合，各级教育主管部门要会同有关部门优化学校布局、全部落实。",
        },
    ];
    let notices = [NoticeInput {
        clause_id: "通知",
        issuers: &issuers,
        addressees: "各市、县（市、区）教育局、农业农村局、经信局：",
    }];
    DepartmentIndex::build(&clauses, &notices, &AliasTable::embedded())
}

#[test]
fn fixture_unknown_departments_work_as_written() {
    let idx = fixture_index();
    let cd = idx.clause_departments("方案:二(一)");
    assert_eq!(strs(&cd.lead), ["教育部"]);
    assert_eq!(strs(&cd.responsible), ["农业农村部", "国家林草局"]);
    let cd = idx.clause_departments("方案:二(二)");
    assert_eq!(strs(&cd.lead), ["农业农村部", "工业和信息化部"]);
    assert_eq!(strs(&cd.support), ["国家乡村振兴局"]);
    assert_eq!(strs(&cd.responsible), ["教育部"]);
    // aliases in the document's own parenthetical are canonicalised
    let cd = idx.clause_departments("方案:二(三)");
    assert_eq!(strs(&cd.lead), ["国家发展改革委"]);
    assert_eq!(strs(&cd.responsible), ["财政部", "中国人民银行"]);
    let d = idx.lookup("国家发展改革委").unwrap();
    assert!(d.aliases.contains(&"国家发改委".to_string()));
    let d = idx.lookup("教育部").unwrap();
    assert!(d.aliases.is_empty());
}

#[test]
fn fixture_mentions_use_generic_names_but_skip_generic_references() {
    let idx = fixture_index();
    let cd = idx.clause_departments("方案:四(一)");
    assert_eq!(
        strs(&cd.mentioned),
        ["教育部", "农业农村部", "国家林草局", "文化和旅游部"]
    );
    assert_eq!(
        strs(&idx.clause_departments("通知").mentioned),
        ["教育部", "农业农村部"]
    );
    assert!(idx.lookup("各级教育主管部门").is_err());
    assert!(idx.lookup("有关部门").is_err());
}

#[test]
fn fixture_addressees_with_bracketed_prefix_and_counterparts() {
    let idx = fixture_index();
    assert_eq!(
        parse_addressees("各市、县（市、区）教育局、农业农村局、经信局："),
        [
            "各市、县（市、区）教育局",
            "各市、县（市、区）农业农村局",
            "各市、县（市、区）经信局"
        ]
    );
    for (nat, prov, city) in [
        ("教育部", "浙江省教育厅", "各市、县（市、区）教育局"),
        (
            "农业农村部",
            "浙江省农业农村厅",
            "各市、县（市、区）农业农村局",
        ),
        (
            "工业和信息化部",
            "浙江省经济和信息化厅",
            "各市、县（市、区）经信局",
        ),
    ] {
        let d = idx.lookup(nat).unwrap();
        assert_eq!(d.counterparts.province.as_deref(), Some(prov), "{nat}");
        assert_eq!(d.counterparts.city.as_deref(), Some(city), "{nat}");
    }
    assert_eq!(idx.lookup("国家林草局").unwrap().counterparts.city, None);
}

#[test]
fn addressee_lines_in_other_shapes() {
    assert_eq!(
        parse_addressees("各设区市发展改革委、工业和信息化局、生态环境局、市场监督管理局："),
        [
            "各设区市发展改革委",
            "各设区市工业和信息化局",
            "各设区市生态环境局",
            "各设区市市场监督管理局"
        ]
    );
    assert_eq!(
        parse_addressees("各省、自治区、直辖市发展改革委, 工业和信息化主管部门:"),
        [
            "各省、自治区、直辖市发展改革委",
            "各省、自治区、直辖市工业和信息化主管部门"
        ]
    );
    assert_eq!(
        parse_addressees("省发展改革委、南京市工业和信息化局"),
        ["省发展改革委", "南京市工业和信息化局"]
    );
    assert!(parse_addressees("").is_empty());
}

#[test]
fn parenthetical_details() {
    let text = "文字。（国家发展改革委牵头，工业和信息化部、市场监管总局等部门按职责分工负责）";
    let p = duty_parenthetical(text).unwrap();
    assert_eq!(p.span, 3..text.chars().count());
    assert_eq!(
        p.entries,
        [
            ("国家发展改革委".to_string(), Role::Lead),
            ("工业和信息化部".to_string(), Role::Responsible),
            ("市场监管总局".to_string(), Role::Responsible),
        ]
    );
    assert!(duty_parenthetical("推广首台（套）重大技术装备（2024年版）").is_none());
    assert!(duty_parenthetical("（由企业负责）").is_none());
    assert!(duty_parenthetical("（有关部门按职责分工负责）").is_none());
    let p = duty_parenthetical("任务。（国家能源局牵头，国家发展改革委配合").unwrap();
    assert_eq!(p.entries.len(), 2);
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in any::<String>()) {
            if let Some(p) = duty_parenthetical(&s) {
                prop_assert!(p.span.end <= s.chars().count());
                prop_assert!(!p.entries.is_empty());
            }
            let _ = parse_addressees(&s);
            let n = normalize_name(&s);
            prop_assert_eq!(normalize_name(&n), n);
            let clauses = [ClauseInput { id: "x", heading: "h", text: &s }];
            let issuers = vec![s.clone()];
            let notices = [NoticeInput { clause_id: "x", issuers: &issuers, addressees: &s }];
            let idx = DepartmentIndex::build(&clauses, &notices, &AliasTable::embedded());
            let _ = idx.lookup(&s);
            let _ = idx.clause_departments(&s);
        }

        #[test]
        fn policy_like_text_never_panics(
            s in "[（）()、，,：:国家发展改革委工业和信息化部省市县区各等部门牵头配合按职责分工负责 \n]{0,80}"
        ) {
            if let Some(p) = duty_parenthetical(&s) {
                let opener = s.chars().nth(p.span.start).unwrap();
                prop_assert!(opener == '（' || opener == '(');
                for (name, _) in &p.entries {
                    prop_assert!(!name.ends_with('等'));
                    // `…等部门` is dropped; the only name ending in 部门
                    // this alphabet can spell is the collective 各部门,
                    // a body when it stands beside a named one.
                    prop_assert!(!name.ends_with("部门") || name == "各部门", "{}", name);
                }
            }
            let addr = parse_addressees(&s);
            for a in &addr {
                prop_assert!(!a.is_empty());
            }
            let clauses = [ClauseInput { id: "x", heading: "h", text: &s }];
            let issuers = vec![s.clone()];
            let notices = [NoticeInput { clause_id: "x", issuers: &issuers, addressees: &s }];
            let idx = DepartmentIndex::build(&clauses, &notices, &AliasTable::embedded());
            let mut buf = Vec::new();
            policy_nav::departments_format::write_department_list(&mut buf, idx.departments()).unwrap();
            for d in idx.departments() {
                policy_nav::departments_format::write_department_detail(&mut buf, d).unwrap();
                prop_assert!(idx.lookup(&d.name).is_ok());
            }
        }
    }
}

#[test]
fn printers_fit_80_columns_on_the_corpus() {
    use policy_nav::departments_format::{
        write_clause_departments, write_department_detail, write_department_list, LINE_WIDTH,
    };
    use unicode_width::UnicodeWidthStr;
    let (_, idx) = &both()[0];
    let mut buf = Vec::new();
    write_department_list(&mut buf, idx.departments()).unwrap();
    for d in idx.departments() {
        write_department_detail(&mut buf, d).unwrap();
    }
    write_clause_departments(
        &mut buf,
        "钢铁:二(一)",
        &idx.clause_departments("钢铁:二(一)"),
    )
    .unwrap();
    let out = String::from_utf8(buf).unwrap();
    print!("{out}");
    for l in out.lines() {
        assert!(l.width() <= LINE_WIDTH, "too wide: {l}");
    }
    // one list row per department plus the header
    assert!(out.lines().count() > idx.departments().len() + 1);
    assert!(out.contains("  牵头：国家发展改革委、工业和信息化部"));
}
