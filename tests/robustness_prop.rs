//! Properties of the paths the fuzzers exercise (see `fuzz/`), so plain
//! `cargo test` checks them too: the normalizer + parser on arbitrary and
//! genre-shaped hostile text, and the query path through the library.
//! (The targets and department extractors have theirs in
//! tests/targets_prop.rs and tests/departments.rs.) Crashes the fuzzers
//! found are kept at the end as regression tests.

use std::sync::OnceLock;

use proptest::prelude::*;

use policy_nav::search::{parse_query, SearchIndex};
use policy_nav::text::is_terminal_unsafe;
use policy_nav::{CorpusLocation, Library};

/// Pieces of the genre plus hostile characters, to build documents that
/// have structure and garbage at once.
const PIECES: &[&str] = &[
    "苏发改资环发〔2024〕1057号\n",
    "关于印发钢铁行业节能降碳专项行动计划的通知\n",
    "各设区市发展改革委：\n",
    "附件：1. 钢铁行业节能降碳专项行动计划\n",
    "钢铁行业节能降碳专项行动计划\n",
    "水泥行业节能降碳专项行动计划\n",
    "江苏省发展和改革委员会\n",
    "2024年8月1日\n",
    "一、主要目标\n",
    "二、重点任务\n",
    "三、",
    "（一）推进余热利用。",
    "（二）",
    "(五)",
    "1. ",
    "到2025年底，吨钢综合能耗降低2%以上。",
    "（国家发展改革委牵头，工业和信息化部按职责分工负责）",
    "（工业和\n\n信息化部配合）",
    "按职\n\n责分工负责）",
    "\n\n",
    "\n",
    " ",
    "\t",
    "\r\n",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x1b]8;;http://x\x1b\\",
    "\x1bP1$q\x1b\\",
    "\x1b",
    "\u{9b}2J",
    "\u{9d}0;t\u{9c}",
    "\u{85}",
    "\u{202E}",
    "\u{2066}",
    "\u{200F}",
    "\u{FEFF}",
    "\u{2028}",
    "\0",
    "\u{7f}",
    "#",
    ":",
    "钢铁",
    "序",
];

fn genre_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

/// Everything the fuzz target `parse` asserts.
fn check_library(library: &Library) -> Result<(), TestCaseError> {
    for (i, clause) in library.clauses.iter().enumerate() {
        let resolved = library.resolve(&clause.id);
        prop_assert!(resolved.is_ok(), "{:?}: {:?}", clause.id, resolved.err());
        prop_assert_eq!(resolved.unwrap().clause, i, "{:?}", clause.id);
        prop_assert!(
            !clause
                .text
                .chars()
                .any(|c| c != '\n' && is_terminal_unsafe(c)),
            "unsafe character in {:?}: {:?}",
            clause.id,
            clause.text
        );
        prop_assert!(!clause.heading.chars().any(is_terminal_unsafe));
        prop_assert!(!clause.id.chars().any(is_terminal_unsafe));
        let _ = library.breadcrumb(clause);
        let _ = library.citation(clause);
    }
    for doc in &library.documents {
        prop_assert!(!doc.name.chars().any(is_terminal_unsafe));
        prop_assert!(!doc.path.chars().any(is_terminal_unsafe));
    }
    Ok(())
}

fn fixture() -> &'static (Library, SearchIndex) {
    static FIXTURE: OnceLock<(Library, SearchIndex)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let library = Library::load(CorpusLocation::Embedded).unwrap();
        let index = SearchIndex::build_in_ram(&library.indexable_clauses()).unwrap();
        (library, index)
    })
}

/// Everything the fuzz target `query` asserts.
fn check_query(query: &str) -> Result<(), TestCaseError> {
    let (library, index) = fixture();
    let parsed = parse_query(query);
    let hits = index.search_parsed(&parsed, 10, None, &library.expander());
    prop_assert!(hits.is_ok(), "{:?}: {:?}", query, hits.err());
    for hit in hits.unwrap() {
        let n = hit.snippet.chars().count();
        for &[s, e] in &hit.highlights {
            prop_assert!(s < e && e <= n, "highlight {}..{} of {}", s, e, n);
        }
        prop_assert!(library.clause_by_id(&hit.address).is_some());
    }
    let _ = index.search(query, 5, Some("钢铁"), &library.expander());
    Ok(())
}

const QUERY_PIECES: &[&str] = &[
    "余热",
    "发电",
    "\"",
    "“",
    "”",
    "-",
    "plan:",
    "plan:钢铁",
    "dept:",
    "dept:发改委",
    "role:",
    "role:lead",
    " ",
    "　",
    "AND",
    "OR",
    "*",
    "(",
    ")",
    "[",
    "]",
    "^2",
    "~",
    ":",
    "\\",
    "\x1b[2J",
    "\u{202E}",
    "\0",
    "钢铁:二(五)",
    "a",
    "1",
    "。",
    "\n",
];

fn query_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(QUERY_PIECES), 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_loads_and_every_address_resolves(text in any::<String>()) {
        check_library(&Library::from_texts(&[("doc", &text)]))?;
    }

    #[test]
    fn genre_soup_with_hostile_characters_loads_safely(text in genre_soup(), split in any::<prop::sample::Index>()) {
        check_library(&Library::from_texts(&[("doc", &text)]))?;
        // Two documents sharing plan names: addresses get prefixes.
        let cut = text.char_indices().map(|(i, _)| i).nth(split.index(text.chars().count().max(1))).unwrap_or(0);
        check_library(&Library::from_texts(&[("a", &text[..cut]), ("b", &text[cut..]), ("a", &text)]))?;
    }

    #[test]
    fn document_names_never_carry_controls(name in any::<String>(), text in genre_soup()) {
        check_library(&Library::from_texts(&[(&name, &text)]))?;
    }

    #[test]
    fn arbitrary_queries_through_the_library(query in any::<String>()) {
        check_query(&query)?;
    }

    #[test]
    fn query_syntax_soup_through_the_library(query in query_soup()) {
        check_query(&query)?;
    }
}
