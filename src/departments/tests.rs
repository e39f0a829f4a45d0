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
    let m = idx.clause_departments("x").mentioned;
    assert!(m.contains(&"省教育厅".to_string()), "{m:?}");
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
