use super::*;

#[test]
fn user_aliases_extend_known_departments_and_add_new_ones() {
    let mut table = AliasTable::embedded();
    let before = table.entries().len();
    let skipped = table
        .merge_toml(
            r#"
[[department]]
name = "国家发展改革委"
aliases = ["发展改革委员会本级", "工信部"]

[[department]]
name = "国家数据局"
aliases = ["数据局"]
"#,
        )
        .unwrap();
    assert_eq!(
        table.canonical("发展改革委员会本级"),
        Some("国家发展改革委")
    );
    assert_eq!(table.canonical("数据局"), Some("国家数据局"));
    assert_eq!(table.entries().len(), before + 1);
    assert_eq!(table.canonical("工信部"), Some("工业和信息化部"));
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].contains("工信部"), "{skipped:?}");
}

#[test]
fn invalid_user_table_changes_nothing() {
    let mut table = AliasTable::embedded();
    let before = table.entries().len();
    assert!(table.merge_toml("[[department]]\nname = ").is_err());
    assert_eq!(table.entries().len(), before);
}

#[test]
fn normalize_strips_deng_and_doubled_suffix() {
    assert_eq!(normalize_name("市场监管总局等部门"), "市场监管总局");
    assert_eq!(normalize_name("金融监管总局等"), "金融监管总局");
    assert_eq!(normalize_name("工业和信息化部\n\n部"), "工业和信息化部");
    assert_eq!(normalize_name(" 国家 能源局 "), "国家能源局");
}

#[test]
fn generic_references_are_not_departments() {
    for g in [
        "主管部门",
        "各省级节能主管部门",
        "有关部门",
        "工业和信息化主管部门",
        "各级节能主管部门",
        "优化产业布局",
        "全部",
    ] {
        assert!(!looks_like_department(g), "{g}");
    }
    for d in [
        "教育部",
        "国家林草局",
        "浙江省经济和信息化厅",
        "中国人民银行",
    ] {
        assert!(looks_like_department(d), "{d}");
    }
}

#[test]
fn local_prefix_split_is_generic() {
    assert_eq!(
        split_local_prefix("江苏省市场监督管理局"),
        Some(("江苏省", "市场监督管理局"))
    );
    assert_eq!(
        split_local_prefix("浙江省经济和信息化厅"),
        Some(("浙江省", "经济和信息化厅"))
    );
    assert_eq!(
        split_local_prefix("广西壮族自治区发展和改革委员会"),
        Some(("广西壮族自治区", "发展和改革委员会"))
    );
    assert_eq!(
        split_local_prefix("南京市市场监督管理局"),
        Some(("南京市", "市场监督管理局"))
    );
    assert_eq!(split_local_prefix("市场监管总局"), None);
    assert_eq!(split_local_prefix("国家市场监督管理总局"), None);
    assert_eq!(split_local_prefix("住房城乡建设部"), None);
}

#[test]
fn cores_match_across_levels() {
    assert_eq!(
        name_core("国家市场监督管理总局").as_deref(),
        Some("市场监督管理")
    );
    assert_eq!(
        name_core("江苏省市场监督管理局").as_deref(),
        Some("市场监督管理")
    );
    assert_eq!(
        name_core("国家发展和改革委员会"),
        name_core("江苏省发展改革委")
    );
    assert_eq!(name_core("住房和城乡建设部"), name_core("住房城乡建设部"));
    assert_ne!(name_core("生态环境部"), name_core("工业和信息化部"));
}

#[test]
fn conjunctions_split_only_between_departments() {
    assert_eq!(
        split_conjunction("国家发展改革委和国家能源局"),
        ["国家发展改革委", "国家能源局"]
    );
    assert_eq!(split_conjunction("工业和信息化部"), ["工业和信息化部"]);
    assert_eq!(split_conjunction("住房和城乡建设部"), ["住房和城乡建设部"]);
    let p = duty_parenthetical("（国家发展改革委和国家能源局牵头）").unwrap();
    assert_eq!(p.entries.len(), 2);
}

#[test]
fn stray_opener_does_not_hide_the_duty() {
    let text = "推广首台（套重大装备。（国家发展改革委牵头，财政部配合）";
    let p = duty_parenthetical(text).unwrap();
    assert_eq!(
        p.entries,
        [
            ("国家发展改革委".to_string(), Role::Lead),
            ("财政部".to_string(), Role::Support)
        ]
    );
    assert_eq!(p.span.end, text.chars().count());
}

#[test]
fn alias_table_errors_are_reported() {
    let dup = "[[department]]\nname = \"甲部\"\naliases = [\"甲\"]\n[[department]]\nname = \"乙部\"\naliases = [\"甲\"]\n";
    assert!(matches!(
        AliasTable::from_toml_str(dup),
        Err(AliasError::Conflict { .. })
    ));
    assert!(matches!(
        AliasTable::from_toml_str("[[department]]\nname = \" \"\n"),
        Err(AliasError::EmptyName)
    ));
    assert!(matches!(
        AliasTable::from_toml_str("department = 3"),
        Err(AliasError::Toml(_))
    ));
    let t = AliasTable::embedded();
    assert_eq!(t.canonical("发改委"), Some("国家发展改革委"));
    assert_eq!(t.canonical("教育部"), None);
    assert!(t
        .aliases_of("工业和信息化部")
        .contains(&"工信部".to_string()));
}

#[test]
fn running_text_skips_function_words_and_local_bodies() {
    let aliases = AliasTable::embedded();
    let clauses = [ClauseInput {
        id: "x",
        heading: "h",
        text: "由省教育厅牵头，江苏省发改委会同科技部、水利部等部门推进。",
    }];
    let idx = DepartmentIndex::build(&clauses, &[], &aliases);
    let cd = idx.clause_departments("x");
    // `由省教育厅牵头` is a lead duty stated in running text; 由 is not
    // part of the name.
    assert_eq!(cd.lead, ["省教育厅"]);
    let m = cd.mentioned;
    assert!(m.contains(&"科技部".to_string()), "{m:?}");
    assert!(m.contains(&"水利部".to_string()), "{m:?}");
    // 发改委 after 省 is a provincial body, not 国家发展改革委
    assert!(!m.contains(&"国家发展改革委".to_string()), "{m:?}");
}

#[test]
fn national_issuer_is_linked_like_a_national_department() {
    let issuers = vec!["国家发展改革委".to_string()];
    let notices = [NoticeInput {
        clause_id: "通知",
        issuers: &issuers,
        addressees: "各省、自治区、直辖市发展改革委：",
    }];
    let idx = DepartmentIndex::build(&[], &notices, &AliasTable::embedded());
    let d = idx.lookup("发改委").unwrap();
    assert_eq!(d.duties[0].role, Role::Issuer);
    assert_eq!(d.counterparts.province, None);
    assert_eq!(
        d.counterparts.city.as_deref(),
        Some("各省、自治区、直辖市发展改革委")
    );
}

#[test]
fn collective_prefix_handles_market_and_brackets() {
    assert_eq!(
        collective_prefix("各设区市市场监督管理局"),
        ("各设区市", "市场监督管理局")
    );
    assert_eq!(
        collective_prefix("各市、县（市、区）农业农村局、教育局"),
        ("各市、县（市、区）", "农业农村局、教育局")
    );
    assert_eq!(collective_prefix("教育局"), ("", "教育局"));
}

#[test]
fn labelled_blocks_map_labels_to_roles() {
    let p = duty_parenthetical("推进某项工作。（牵头单位：甲部 参加单位：乙部、丙局）").unwrap();
    assert_eq!(
        p.entries,
        vec![
            ("甲部".to_string(), Role::Lead),
            ("乙部".to_string(), Role::Support),
            ("丙局".to_string(), Role::Support),
        ]
    );
    let text = "推进某项工作。\n牵头单位：甲厅 责任单位：乙厅";
    let p = duty_parenthetical(text).unwrap();
    assert_eq!(p.entries[0], ("甲厅".to_string(), Role::Lead));
    assert_eq!(p.entries[1], ("乙厅".to_string(), Role::Responsible));
    let p = duty_parenthetical("部门分工：甲委牵头，乙局配合。").unwrap();
    assert_eq!(p.entries.len(), 2);
}

#[test]
fn standing_notes_and_local_governments() {
    let p = duty_parenthetical(
        "〔甲局牵头，乙局参与，各县、区人民政府（管委会）负责落实。以下各项工作均需各县、区人民政府（管委会）落实，不再列出。〕",
    )
    .unwrap();
    assert_eq!(
        p.standing,
        vec![("各县、区人民政府（管委会）".to_string(), Role::Responsible)]
    );
    assert!(p
        .entries
        .contains(&("各县、区人民政府（管委会）".to_string(), Role::Responsible)));
    // A local-government list standing last without its role word.
    let p = duty_parenthetical("（甲局、乙局按职责分工负责，各市（州）人民政府").unwrap();
    assert_eq!(
        p.entries.last().unwrap(),
        &("各市（州）人民政府".to_string(), Role::Responsible)
    );
}

/// The duties of one clause, built through the index as the library does.
fn duties_of(text: &str) -> ClauseDepartments {
    let clauses = [ClauseInput {
        id: "x",
        heading: "h",
        text,
    }];
    DepartmentIndex::build(&clauses, &[], &AliasTable::embedded()).clause_departments("x")
}

#[test]
fn every_duty_note_of_a_clause_counts() {
    // Two sentences of one item, each with its note; the standing note of
    // the first applies to the item itself.
    let cd = duties_of(
        "明确目录。〔甲局牵头，乙局参与，各县、区人民政府（管委会）负责落实。以下各项工作均需各县、区人民政府（管委会）落实，不再列出。〕不再新建锅炉。（丙局、丁局牵头，戊局参与）",
    );
    assert_eq!(cd.lead, ["甲局", "丙局", "丁局"]);
    assert_eq!(cd.support, ["乙局", "戊局"]);
    assert_eq!(cd.responsible, ["各县、区人民政府（管委会）"]);
    // The nested （管委会） is part of its note, not a note of its own.
    assert_eq!(
        duty_notes("任务。〔甲局牵头，各县、区人民政府（管委会）负责落实〕").len(),
        1
    );
}

#[test]
fn standing_note_reaches_later_items_of_its_part() {
    let clauses = [
        ClauseInput {
            id: "p:二(一)1",
            heading: "h",
            text: "任务一。(甲局牵头,乙局等参与,县(市、区)政府负责落实。以下均需县(市、区)政府落实,不再列出)",
        },
        ClauseInput {
            id: "p:二(一)2",
            heading: "h",
            text: "任务二。(丙局牵头,丁局参与)",
        },
        ClauseInput {
            id: "q:二(一)1",
            heading: "h",
            text: "另一文件的任务。(戊局牵头)",
        },
    ];
    let idx = DepartmentIndex::build(&clauses, &[], &AliasTable::embedded());
    let second = idx.clause_departments("p:二(一)2");
    assert_eq!(second.responsible, ["县（市、区）政府"], "{second:?}");
    assert_eq!(second.lead, ["丙局"]);
    // Another document part is not governed by it.
    assert!(idx.clause_departments("q:二(一)1").responsible.is_empty());
}

/// The entries of a text's duty note as `名:角色`.
fn note_entries(text: &str) -> Vec<String> {
    let note = duty_parenthetical(text).unwrap_or_else(|| panic!("no note in {text}"));
    note.entries
        .iter()
        .map(|(name, role)| format!("{name}:{}", role.label_zh()))
        .collect()
}

#[test]
fn a_cut_note_reads_its_last_list_as_support_only_after_a_lead() {
    assert_eq!(
        note_entries("任务。（甲局、乙局牵头督导，丙局、丁局、"),
        ["甲局:牵头", "乙局:牵头", "丙局:配合", "丁局:配合"]
    );
    // Leaders named first keep no role; a body cut to `省` is no name.
    assert_eq!(
        note_entries("目标。（分管副省长负责，省发展改革委牵头，省工业和信息化厅、省"),
        ["省发展改革委:牵头", "省工业和信息化厅:配合"]
    );
    // Closed, the same list has lost nothing: it has no role.
    assert_eq!(
        note_entries("任务。（甲局牵头，丙局、丁局）"),
        ["甲局:牵头"]
    );
    // After a responsible list, a cut list's role is unknown.
    assert_eq!(note_entries("任务。（甲局负责，丙局、"), ["甲局:负责"]);
}

#[test]
fn collective_references_hold_tasks_beside_a_named_body() {
    assert_eq!(
        note_entries("部门分工：省发展改革委牵头，各地、各部门配合。"),
        ["省发展改革委:牵头", "各地:配合", "各部门:配合"]
    );
    let p = duty_parenthetical(
        "（负责单位：发展改革委、能源局、国务院其他有关部门。未明确牵头单位的，由所列负责单位按职责分工负责，下同）",
    )
    .unwrap();
    assert_eq!(
        p.entries
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>(),
        ["发展改革委", "能源局", "国务院其他有关部门"]
    );
    assert!(p.entries.iter().all(|(_, r)| *r == Role::Responsible));
    // Alone, a collective reference assigns nothing; a qualified one is
    // never a body.
    assert!(duty_parenthetical("（有关部门按职责分工负责）").is_none());
    assert_eq!(
        note_entries("（甲局牵头，各省级节能主管部门配合）"),
        ["甲局:牵头"]
    );
    for c in [
        "各部门",
        "各地",
        "国务院有关部门",
        "市政府各部门",
        "各级政府",
        "市直有关单位",
    ] {
        assert!(is_collective_body(c), "{c}");
    }
    for c in [
        "各省级节能主管部门",
        "有关企业",
        "各地区发展改革委",
        "省发展改革委",
    ] {
        assert!(!is_collective_body(c), "{c}");
    }
}

#[test]
fn labelled_forms_and_brackets() {
    // A labelled block on the line after the item, with 配合单位.
    let cd = duties_of("1.推进某项工作。\n牵头单位：甲厅 责任单位：乙厅、丙厅 配合单位：丁厅");
    assert_eq!(cd.lead, ["甲厅"]);
    assert_eq!(cd.responsible, ["乙厅", "丙厅"]);
    assert_eq!(cd.support, ["丁厅"]);
    let cd = duties_of("推进某项工作。（牵头单位：甲部 参加单位：乙部、丙局）");
    assert_eq!(cd.lead, ["甲部"]);
    assert_eq!(cd.support, ["乙部", "丙局"]);
    let cd = duties_of("推进某项工作。（甲局主责，乙局协办）");
    assert_eq!(cd.responsible, ["甲局"]);
    assert_eq!(cd.support, ["乙局"]);
    // 〔〕 and half-width brackets, nested.
    let cd = duties_of("任务。(甲局牵头,乙局参与,县(市、区)政府负责落实)");
    assert_eq!(cd.responsible, ["县（市、区）政府"]);
    let cd = duties_of("任务。（甲局等按职责分工负责，各市〔特区、区〕人民政府");
    assert_eq!(cd.responsible, ["甲局", "各市〔特区、区〕人民政府"]);
    let cd = duties_of("任务。（甲局牵头，各县（市、区）人民政府负责落实）");
    assert_eq!(cd.responsible, ["各县（市、区）人民政府"]);
}

#[test]
fn running_text_role_words_name_their_subjects() {
    let cd = duties_of(
        "（二）明确分工。甲委负责提出规划；乙局、丙局负责建筑节能；丁局、戊局分别负责教育、卫生系统节能；己局、庚局等负责所属系统节能；县（区、市）政府、各工业园区负责本行政区域内节能工作，配合行业主管部门提出目标。",
    );
    assert_eq!(
        cd.responsible.join("、"),
        "甲委、乙局、丙局、丁局、戊局、己局、庚局、县（区、市）政府、各工业园区"
    );
    assert!(cd.support.is_empty(), "{cd:?}");
    let cd = duties_of("由甲局牵头，乙局配合，做好某项工作。");
    assert_eq!(cd.lead, ["甲局"]);
    assert_eq!(cd.support, ["乙局"]);
}

#[test]
fn running_text_frames_modals_and_deadlines() {
    // `对…总负责`, a modal after `也`, and a government collective with a modal.
    let cd = duties_of(
        "在市政府的领导下，甲委、乙委对全市节能工作总负责、总协调，县（区、市）政府也要明确管理机构。各级政府要建立健全协调机制。",
    );
    assert_eq!(
        cd.responsible,
        ["甲委", "乙委", "县（区、市）政府", "各级政府"]
    );
    // A `…等部门` frame makes short names departments; manner, comma, 协同.
    let cd =
        duties_of("甲局负责统筹；市科技、财政、质量技术监督等部门按照职责，协同做好相关工作。");
    assert_eq!(cd.support, ["市科技", "财政", "质量技术监督"]);
    // A deadline set for the subject; the recipient has no duty.
    let cd = duties_of("甲局负责统筹。各部门《能源平衡表》于每年5月12日前报乙局。");
    assert_eq!(cd.responsible, ["甲局", "各部门"]);
    assert!(cd.lead.is_empty() && cd.support.is_empty());
}

#[test]
fn running_text_that_assigns_nothing() {
    for text in [
        // Places and qualified references with a modal: exhortations.
        "各地区要充分认识重要意义。各省级节能主管部门要深入开展能效诊断。",
        // 会同…加强协调配合: the list word ends no subject.
        "国家发展改革委会同工业和信息化部、生态环境部等部门加强协调配合，形成工作合力。",
        // 要求 and 负责人 are not a modal and a role word.
        "甲局要求各地加快进度。甲局负责人出席会议。",
        // Only a collective reference: nothing named.
        "各部门要认真落实。有关部门负责做好衔接。",
    ] {
        let cd = duties_of(text);
        assert!(
            cd.lead.is_empty() && cd.support.is_empty() && cd.responsible.is_empty(),
            "{text}: {cd:?}"
        );
    }
}

#[test]
fn running_text_subjects_are_bodies_not_facilities() {
    let cd = duties_of("甲局负责统筹。推荐的数据中心应具备以下条件。数据中心应当节能。");
    assert_eq!(cd.responsible, ["甲局"]);
}

#[test]
fn task_tables_read_by_column() {
    // A header of role labels, rows under it (cells as normalisation joins
    // them: the readers' tabs become 　).
    let text = "二、重点任务\n序号　重点任务　牵头部门　主责单位　协办单位　时限\n1　巩固改善空气质量　市生态环境局　各区政府　市交通委、市城市管理委等部门　年底前\n2　完善监测网络　市经济和信息化局　　市生态环境局　年底前";
    let notes = duty_notes(text);
    assert_eq!(notes.len(), 2);
    let row = |k: usize| -> Vec<String> {
        notes[k]
            .entries
            .iter()
            .map(|(n, r)| format!("{n}:{}", r.label_zh()))
            .collect()
    };
    assert_eq!(
        row(0),
        [
            "市生态环境局:牵头",
            "各区政府:负责",
            "市交通委:配合",
            "市城市管理委:配合"
        ]
    );
    assert_eq!(row(1), ["市经济和信息化局:牵头", "市生态环境局:配合"]);
    // A table of label and value cells reads like a labelled line.
    assert_eq!(
        note_entries("推进某项工作。\n牵头单位　市发展改革委　配合单位　市财政局"),
        ["市发展改革委:牵头", "市财政局:配合"]
    );
    // Without a header, tab-separated cells assign nothing.
    assert!(duty_notes("1　巩固改善空气质量　市生态环境局　年底前").is_empty());
}

/// Entries of every note of `text`, one string per note.
fn all_note_entries(text: &str) -> Vec<String> {
    duty_notes(text)
        .iter()
        .map(|note| {
            note.entries
                .iter()
                .map(|(n, r)| format!("{n}:{}", r.label_zh()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn flattened_task_tables_read_rows_in_column_order() {
    // Header and rows in one line, as PDF text gives a table; the blanks
    // are cells (normalisation keeps them as 　).
    let table = [
        "附件",
        "序号",
        "重点任务",
        "牵头单位",
        "责任单位",
        "配合单位",
        "完成时限",
        "1",
        "建设监测平台",
        "（",
        "覆盖重点区域",
        "）",
        "甲市丙局",
        "各县区政府",
        "甲市丁委、甲市戊局等部门",
        "2022年6月底前",
        "2",
        "推进",
        "清洁取暖",
        "甲市丁委",
        "各县区政府",
        "甲市丙局",
    ]
    .join("　");
    assert_eq!(
        all_note_entries(&table),
        [
            "甲市丙局:牵头 各县区政府:负责 甲市丁委:配合 甲市戊局:配合",
            "甲市丁委:牵头 各县区政府:负责 甲市丙局:配合"
        ]
    );
    let cd = duties_of(&table);
    assert_eq!(cd.lead, ["甲市丙局", "甲市丁委"]);
    assert_eq!(cd.responsible, ["各县区政府"]);
}

#[test]
fn flattened_rows_out_of_column_order_assign_no_role() {
    // Cells several lines high come out interleaved: a body between two
    // pieces of task text, so the order no longer tells the column.
    let interleaved = "序号　任务　牵头部门　主责单位　协办单位　时限　1　甲市丁委　完善监测　网络　甲市丙局　各县区政府　年底前";
    assert!(all_note_entries(interleaved).is_empty());
    // What is safe to read: the departments it names, as mentioned.
    let cd = duties_of(interleaved);
    assert!(
        cd.lead.is_empty() && cd.support.is_empty() && cd.responsible.is_empty(),
        "{cd:?}"
    );
    assert_eq!(cd.mentioned, ["甲市丁委", "甲市丙局"]);
    // A role column without a cell: which one is empty cannot be told.
    let short = "序号　任务　牵头部门　主责单位　协办单位　时限　1　完善监测网络　甲市丙局　甲市丁委　年底前";
    assert!(all_note_entries(short).is_empty());
    // A deadline out of its place.
    let misplaced =
        "序号　任务　牵头部门　主责单位　时限　1　完善监测网络　年底前　甲市丙局　各县区政府";
    assert!(all_note_entries(misplaced).is_empty());
    // A column between the role columns that is no role: not read.
    let unknown =
        "序号　任务　牵头部门　工作要求　协办单位　1　完善监测网络　甲市丙局　按期完成　甲市丁委";
    assert!(all_note_entries(unknown).is_empty());
}

#[test]
fn a_body_keeps_its_strongest_role_in_a_clause() {
    let cd = duties_of("甲局负责统筹。推进某项工作。（甲局牵头，乙局配合）");
    assert_eq!(cd.lead, ["甲局"]);
    assert!(cd.responsible.is_empty(), "{cd:?}");
    // Named weaker first: the later lead still wins.
    let cd = duties_of("做好衔接。（乙局牵头，甲局配合）建设平台。（甲局牵头）");
    assert_eq!(cd.lead, ["乙局", "甲局"]);
    assert!(cd.support.is_empty(), "{cd:?}");
}
