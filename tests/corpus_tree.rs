//! The real corpus and fixture documents parse into the expected tree.

use std::collections::BTreeMap;

use policy_nav::corpus::normalize::normalize;
use policy_nav::corpus::parse::parse;
use policy_nav::corpus::ClauseKind;
use policy_nav::{CorpusLocation, Library, LoadWarning};

const RAW: &str = include_str!("../corpus/jiangsu-2024-1057.txt");

fn library() -> Library {
    Library::from_texts(&[("jiangsu-2024-1057", RAW)])
}

fn text<'a>(library: &'a Library, id: &str) -> &'a str {
    &library
        .clause_by_id(id)
        .unwrap_or_else(|| panic!("no clause {id}"))
        .text
}

#[test]
fn real_corpus_is_one_notice_and_five_plans_with_expected_items() {
    let library = library();
    assert_eq!(library.documents.len(), 1);
    let doc = &library.documents[0];
    let notice = doc.notice.as_ref().expect("notice");
    assert_eq!(
        notice.document_number.as_deref(),
        Some("苏发改资环发〔2024〕1057号")
    );
    assert_eq!(
        notice.title.as_deref(),
        Some("关于转发钢铁等行业节能降碳专项行动计划的通知")
    );
    assert_eq!(notice.date.as_deref(), Some("2024年8月29日"));
    assert_eq!(notice.issuers.len(), 4);
    assert_eq!(notice.issuers[3], "江苏省市场监督管理局");
    assert!(notice
        .addressees
        .as_deref()
        .unwrap()
        .starts_with("各设区市发展改革委"));

    let expected: [(&str, [usize; 4]); 5] = [
        ("钢铁", [0, 7, 4, 4]),
        ("炼油", [0, 6, 4, 4]),
        ("合成氨", [0, 5, 4, 4]),
        ("水泥", [0, 6, 4, 4]),
        ("电解铝", [0, 5, 4, 4]),
    ];
    let shorts: Vec<&str> = library
        .plans
        .iter()
        .map(|p| p.short_name.as_str())
        .collect();
    assert_eq!(shorts, expected.map(|(s, _)| s));
    for (plan, (short, items)) in library.plans.iter().zip(expected) {
        assert_eq!(plan.title, format!("{short}行业节能降碳专项行动计划"));
        let mut per_section: BTreeMap<String, usize> = BTreeMap::new();
        let mut sections = Vec::new();
        for &c in &plan.clauses {
            let clause = &library.clauses[c];
            match clause.kind {
                ClauseKind::Section => {
                    sections.push(clause.section.clone().unwrap());
                    per_section
                        .entry(clause.section.clone().unwrap())
                        .or_default();
                }
                ClauseKind::Item => {
                    *per_section
                        .entry(clause.section.clone().unwrap())
                        .or_default() += 1
                }
                ClauseKind::Preamble => assert!(clause.text.contains("制定本行动计划")),
                other => panic!("unexpected {other:?} in a plan"),
            }
        }
        assert_eq!(sections, ["一", "二", "三", "四"], "{short}");
        let counts: Vec<usize> = ["一", "二", "三", "四"]
            .iter()
            .map(|s| per_section[*s])
            .collect();
        assert_eq!(counts, items, "{short}");
    }
    // The attachment list spells 炼油 as 油行业; it still names the right plan.
    let listed: Vec<_> = notice
        .attachments
        .iter()
        .map(|a| (a.number, library.plans[a.plan.unwrap()].short_name.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (1, "钢铁"),
            (2, "炼油"),
            (3, "合成氨"),
            (4, "水泥"),
            (5, "电解铝")
        ]
    );
}

#[test]
fn every_page_break_split_is_rejoined() {
    let library = library();
    assert!(text(&library, "通知").contains("请结合实际贯彻落实"));
    assert!(text(&library, "炼油:三(二)").contains("财政部、工业和信息化部、中国人民银行"));
    assert!(text(&library, "合成氨:三(三)").ends_with("生态环境部按职责分工负责）"));
    assert!(text(&library, "钢铁:四(一)").contains("加强协调配合，形成工作合力"));
    assert!(text(&library, "钢铁:二(三)").contains("推动实施1000立方米及以下炼钢用生铁高炉"));
    assert!(text(&library, "合成氨:四(二)").ends_with("尽快形成实际节能降碳效果。"));
    assert!(text(&library, "电解铝:二(五)")
        .ends_with("（国家发展改革委、工业和信息化部、市场监管总局按职责分工负责）"));
    // The parenthetical that a page break pushed onto its own line.
    assert!(text(&library, "电解铝:三(四)")
        .ends_with("。（国家发展改革委、工业和信息化部、生态环境部按职责分工负责）"));
    assert!(text(&library, "合成氨:二(五)").ends_with("市场监管总局按职责分工负责）"));
    assert_eq!(
        library.clause_by_id("合成氨:三").unwrap().text,
        "",
        "the lone 负责) is not section text"
    );
    for clause in &library.clauses {
        assert!(!clause.text.contains("部部"), "{}", clause.id);
        assert!(
            !clause.text.contains(' '),
            "space left in {}: {}",
            clause.id,
            clause.text
        );
        if clause.kind == ClauseKind::Item {
            for p in &clause.paragraphs {
                let last = p.text.chars().last().unwrap();
                assert!(
                    matches!(last, '。' | '）'),
                    "{} paragraph ends mid-sentence: {}",
                    clause.id,
                    p.text
                );
            }
        }
    }
    let debris = &library.documents[0].debris;
    let removed: Vec<(usize, &str)> = debris
        .iter()
        .filter(|d| d.reason != policy_nav::corpus::DebrisReason::Space)
        .map(|d| (d.line, d.text.as_str()))
        .collect();
    assert_eq!(removed, [(15, "- "), (165, "负责）"), (269, "部")]);
}

/// Folds the substitutions normalization makes so raw and clean text compare.
fn fold(c: char) -> char {
    match c {
        '（' => '(',
        '）' => ')',
        '，' => ',',
        '；' => ';',
        '：' => ':',
        _ => c,
    }
}

#[test]
fn every_raw_character_is_in_a_paragraph_or_the_debris_list() {
    for raw in [RAW, include_str!("fixtures/genre/zhejiang-2025-88.txt")] {
        let normalized = normalize(raw);
        let mut counts: BTreeMap<char, i64> = BTreeMap::new();
        for c in raw.chars().filter(|c| !matches!(c, '\n' | '\r')) {
            *counts.entry(fold(c)).or_default() += 1;
        }
        let kept = normalized.paragraphs.iter().flat_map(|p| p.text.chars());
        let removed = normalized.debris.iter().flat_map(|d| d.text.chars());
        for c in kept.chain(removed) {
            *counts.entry(fold(c)).or_default() -= 1;
        }
        counts.retain(|_, n| *n != 0);
        assert!(counts.is_empty(), "unaccounted characters: {counts:?}");

        // …and the parser gives every paragraph exactly one place in the tree.
        let tree = parse(&normalized.paragraphs);
        let mut owners = vec![0; normalized.paragraphs.len()];
        let mut own = |i: usize| owners[i] += 1;
        if let Some(n) = &tree.notice {
            n.paragraphs.iter().for_each(|&i| own(i));
        }
        tree.untitled.iter().for_each(|&i| own(i));
        for plan in &tree.plans {
            plan.title_paragraph
                .into_iter()
                .chain(plan.preamble.iter().copied())
                .for_each(&mut own);
            for s in &plan.sections {
                if !s.paragraphs.contains(&s.heading_paragraph) {
                    own(s.heading_paragraph);
                }
                s.paragraphs.iter().for_each(|&i| own(i));
                s.items
                    .iter()
                    .flat_map(|i| &i.paragraphs)
                    .for_each(|&i| own(i));
            }
        }
        assert!(
            owners.iter().all(|&n| n == 1),
            "paragraph ownership: {owners:?}"
        );
    }
}

#[test]
fn addresses_round_trip_and_accept_other_spellings() {
    let library = library();
    for (index, clause) in library.iter_clauses() {
        let resolved = library.resolve(&clause.id).unwrap();
        assert_eq!(resolved.clause, index, "{}", clause.id);
        for n in 1..=clause.paragraphs.len() {
            let r = library.resolve(&format!("{}#{n}", clause.id)).unwrap();
            assert_eq!((r.clause, r.paragraph), (index, Some(n - 1)));
        }
    }
    let target = library.clause_index("钢铁:二(五)").unwrap();
    for spelling in [
        "steel:2.5",
        "1:2.5",
        "钢铁：二（五）",
        "钢铁:2(5)",
        "钢铁行业节能降碳专项行动计划:二(五)",
        "钢铁行业节能降碳行动计划:二(五)",
        "jiangsu-2024-1057/钢铁:二(五)",
    ] {
        assert_eq!(
            library.resolve(spelling).map(|r| r.clause),
            Ok(target),
            "{spelling}"
        );
    }
    assert_eq!(
        library.resolve("aluminium:四").unwrap().clause,
        library.clause_index("电解铝:四").unwrap()
    );
    assert_eq!(
        library.resolve("炼油:序").unwrap().clause,
        library.clause_index("炼油:序").unwrap()
    );
    let two = library.resolve("钢铁:一#2").unwrap();
    assert!(
        library.clauses[two.clause].paragraphs[two.paragraph.unwrap()]
            .text
            .starts_with("到2030年底")
    );
}

#[test]
fn unknown_addresses_list_the_nearest() {
    let library = library();
    match library.resolve("钢铁:二(九)") {
        Err(policy_nav::AddressError::Unknown { nearest, .. }) => {
            assert!(
                nearest.iter().all(|n| n.starts_with("钢铁:二(")),
                "{nearest:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        library.resolve("钢铁:一#9"),
        Err(policy_nav::AddressError::Paragraph { count: 2, .. })
    ));
    assert!(matches!(
        library.resolve("钢铁:甲"),
        Err(policy_nav::AddressError::Syntax { .. })
    ));
}

/// A malformed address is answered with addresses of the user's own
/// documents, one of each form, every one of which resolves.
#[test]
fn a_malformed_address_shows_addresses_of_the_loaded_documents() {
    policy_nav::i18n::set_language("zh");
    let bundled = library();
    let other = Library::from_texts(&[(
        "zhejiang-2025-88",
        include_str!("fixtures/genre/zhejiang-2025-88.txt"),
    )]);
    for library in [&bundled, &other] {
        let examples = library.example_addresses();
        assert!(examples.len() >= 2, "{examples:?}");
        for address in &examples {
            assert!(library.resolve(address).is_ok(), "{address}");
        }
        let error = library.resolve("钢铁:甲").unwrap_err();
        let message = error.to_string();
        assert!(message.contains(&examples.join(", ")), "{message}");
    }
    // Besides the notice (whose address is a word of the grammar), the
    // other document's examples are its own.
    let theirs = other.example_addresses();
    let clause = |a: &str| other.clause_by_id(a.split('#').next().unwrap()).unwrap();
    assert!(
        theirs
            .iter()
            .filter(|a| clause(a).kind != ClauseKind::Notice)
            .all(|a| bundled.clause_by_id(&clause(a).id).is_none()),
        "{theirs:?}"
    );
    let empty = Library::empty();
    assert!(empty.example_addresses().is_empty());
    let message = empty.resolve("钢铁:甲").unwrap_err().to_string();
    assert!(
        message.contains("简称:二(五)"),
        "the grammar is still shown: {message}"
    );
}

/// The department example is the one with the most duties, by its
/// shortest name and that name's initials, in whatever documents are loaded.
#[test]
fn the_department_example_comes_from_the_loaded_documents() {
    for library in [
        library(),
        Library::from_texts(&[(
            "zhejiang-2025-88",
            include_str!("fixtures/genre/zhejiang-2025-88.txt"),
        )]),
    ] {
        let examples = library.example_department_names();
        let busiest = library
            .departments
            .departments()
            .iter()
            .map(|d| d.duties.len())
            .max()
            .unwrap();
        let [name, initials] = examples.as_slice() else {
            panic!("{examples:?}")
        };
        let found = library.lookup_department(name).unwrap();
        assert_eq!(found.duties.len(), busiest, "{name}");
        assert!(
            initials.chars().all(|c| c.is_ascii_lowercase()),
            "{initials}"
        );
        assert_eq!(initials.chars().count(), name.chars().count(), "{initials}");
    }
    assert!(Library::empty().example_department_names().is_empty());
}

#[test]
fn breadcrumb_and_citation() {
    let library = library();
    let clause = library.clause_by_id("钢铁:二(五)").unwrap();
    assert_eq!(
        library.breadcrumb(clause).join(" › "),
        "通知 › 钢铁行业节能降碳专项行动计划 › 二、重点任务 › （五）提升短流程电炉炼钢比重"
    );
    assert_eq!(
        library.citation(clause),
        "《钢铁行业节能降碳专项行动计划》二、（五）"
    );
    assert_eq!(
        library.citation(library.clause_by_id("钢铁:一").unwrap()),
        "《钢铁行业节能降碳专项行动计划》一、主要目标"
    );
    assert_eq!(clause.lines.first, 55);
    assert_eq!(clause.lines.last, 57);
}

#[test]
fn another_document_of_the_genre_parses_without_code_changes() {
    let library = Library::load(CorpusLocation::Dir("tests/fixtures/genre".into())).unwrap();
    assert!(library.warnings.is_empty(), "{:?}", library.warnings);
    let names: Vec<&str> = library
        .plans
        .iter()
        .map(|p| p.address_name.as_str())
        .collect();
    assert_eq!(names, ["有色金属", "数据中心", "平板玻璃"]);
    let zhejiang = &library.documents[1];
    let notice = zhejiang.notice.as_ref().unwrap();
    assert_eq!(
        notice.document_number.as_deref(),
        Some("浙发改能源〔2025〕88号")
    );
    assert_eq!(
        notice.issuers,
        ["浙江省发展和改革委员会", "浙江省经济和信息化厅"]
    );
    let glass = library
        .plans
        .iter()
        .position(|p| p.short_name == "平板玻璃")
        .unwrap();
    assert_eq!(
        notice.attachments[1].plan,
        Some(glass),
        "玻璃行业 names the 平板玻璃 plan"
    );
    assert!(
        text(&library, "数据中心:二(一)").contains("推动存量数据中心整合改造。（国家发展改革委")
    );
    assert!(text(&library, "数据中心:二(二)").ends_with("国家数据局按职责分工负责）"));
    assert!(text(&library, "数据中心:一").contains("降至1.5以下"));
    assert!(text(&library, "通知").contains("请认真组织实施。"));
    assert_eq!(
        library.clause_by_id("数据中心:三(一)").unwrap().heading,
        "加强统筹协调"
    );
    assert_eq!(
        library.clause_by_id("平板玻璃:二(二)").unwrap().heading,
        "推进燃料替代"
    );
    // A plan standing alone, without a notice.
    let standalone = &library.documents[0];
    assert!(standalone.notice.is_none());
    assert_eq!(
        library.plans[standalone.plans[0]].title,
        "有色金属行业节能降碳专项行动计划"
    );
    assert_eq!(
        library.resolve("有色金属:二(2)").unwrap().clause,
        library.clause_index("有色金属:二(二)").unwrap()
    );
}

#[test]
fn shared_plan_names_across_documents_get_a_document_prefix() {
    let library = Library::from_texts(&[("a", RAW), ("b", RAW)]);
    assert!(library.clause_by_id("a/钢铁:二(五)").is_some());
    assert!(library.clause_by_id("b/通知").is_some());
    assert!(
        library.resolve("钢铁:二(五)").is_err(),
        "ambiguous without a prefix"
    );
    assert_eq!(
        library.resolve("b/钢铁:二(五)").unwrap().clause,
        library.clause_index("b/钢铁:二(五)").unwrap()
    );
}

#[test]
fn bad_files_are_reported_and_the_rest_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-good.txt"), RAW).unwrap();
    let mut bad = "钢铁行业".as_bytes().to_vec();
    bad.extend_from_slice(&[0xff, 0xfe]);
    std::fs::write(dir.path().join("b-gbk.txt"), &bad).unwrap();
    std::fs::write(dir.path().join("c-empty.txt"), "").unwrap();
    std::fs::copy(
        "tests/fixtures/unstructured.txt",
        dir.path().join("d-plain.txt"),
    )
    .unwrap();
    let library = Library::load(CorpusLocation::Dir(dir.path().to_path_buf())).unwrap();
    // A file that is not UTF-8 used to be skipped; it is now decoded by
    // detection (src/corpus/read/text.rs) and loads, with a note naming
    // the encoding it was read in.
    assert_eq!(library.documents.len(), 4);
    assert_eq!(library.plans.len(), 5);
    let gbk = dir.path().join("b-gbk.txt").display().to_string();
    assert!(library.warnings.iter().any(|w| matches!(
        w,
        LoadWarning::Decoded { path, note } if *path == gbk && note.contains("不是 UTF-8")
    )));
    assert!(!library.warnings.iter().any(|w| w.skipped()));
    assert!(library
        .warnings
        .iter()
        .any(|w| matches!(w, LoadWarning::Empty { path } if path.ends_with("c-empty.txt"))));
    let plain = library.clause_by_id("d-plain").expect("untitled document");
    assert_eq!(plain.kind, ClauseKind::Untitled);
    assert_eq!(plain.paragraphs.len(), 2);
    assert!(library.resolve("d-plain#2").is_ok());
    policy_nav::i18n::set_language(policy_nav::i18n::CHINESE);
    assert!(library
        .warnings
        .iter()
        .any(|w| w.to_string().contains("b-gbk.txt：按 ")));
}

#[test]
fn blank_or_separator_laden_names_still_give_typeable_addresses() {
    // Found by tests/robustness_prop.rs: a plan without a title takes the
    // file name, and a file named " " gave the address " :序".
    let text = "各设区市发展改革委：\n附件：1. 钢铁行业节能降碳专项行动计划\n一、主要目标\n苏发改资环发〔2024〕1057号\n";
    for name in [" ", "a:b/c#d", "plain"] {
        let library = Library::from_texts(&[(name, text), ("other", "无结构的文字。")]);
        for (index, clause) in library.iter_clauses() {
            assert_eq!(clause.id.trim(), clause.id, "{name:?}");
            assert_eq!(
                library.resolve(&clause.id).map(|r| r.clause),
                Ok(index),
                "{name:?}: {}",
                clause.id
            );
        }
    }
}
