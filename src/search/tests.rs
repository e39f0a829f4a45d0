//! Behaviour tests of the search module over the bundled corpus.

use std::collections::BTreeSet;

use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

use super::test_support::*;
use super::tokenizer::{jieba, word_tokens};
use super::*;

/// Lowercased, whitespace removed: how the character field compares text.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn ids(hits: &[Hit]) -> BTreeSet<String> {
    hits.iter().map(|h| h.address.clone()).collect()
}

fn all(query: &str, expander: &dyn Expander) -> Vec<Hit> {
    shared_index().search(query, usize::MAX, None, expander)
}

/// Clauses whose text contains every whitespace-separated word of `q`
/// (the plain substring scan of the recall contract).
fn scan(q: &str) -> BTreeSet<String> {
    clauses()
        .iter()
        .filter(|c| q.split_whitespace().all(|w| c.text.contains(w)))
        .map(|c| c.id.clone())
        .collect()
}

/// `(id, squeezed text, squeezed heading)` of every clause, computed once.
fn squeezed() -> &'static [(String, String, String)] {
    static S: std::sync::OnceLock<Vec<(String, String, String)>> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        clauses()
            .iter()
            .map(|c| (c.id.clone(), squeeze(&c.text), squeeze(&c.heading)))
            .collect()
    })
}

/// Clauses the index may legitimately return for literal `q`: every word in
/// text or heading, compared the way the character field compares.
fn loose_scan(q: &str) -> BTreeSet<String> {
    let words: Vec<String> = q.split_whitespace().map(squeeze).collect();
    squeezed()
        .iter()
        .filter(|(_, t, h)| {
            words
                .iter()
                .all(|w| t.contains(w.as_str()) || h.contains(w.as_str()))
        })
        .map(|(id, _, _)| id.clone())
        .collect()
}

/// Whether the query language reads `q` as plain literal words.
fn is_literal(q: &str) -> bool {
    let p = parse_query(q);
    p.excludes.is_empty()
        && p.plans.is_empty()
        && p.exclude_plans.is_empty()
        && p.depts.is_empty()
        && p.roles.is_empty()
        && p.terms
            .iter()
            .map(|t| t.text.as_str())
            .eq(q.split_whitespace())
}

/// Asserts scan(q) ⊆ results ⊆ loose_scan(q); returns the results, or
/// `None` if `q` is not a literal query.
fn check_recall(q: &str) -> Option<BTreeSet<String>> {
    if !is_literal(q) || q.trim().is_empty() {
        return None;
    }
    let got = ids(&all(q, &NoExpander));
    let expected = scan(q);
    let missing: Vec<_> = expected.difference(&got).collect();
    assert!(missing.is_empty(), "query {q:?} misses {missing:?}");
    let allowed = loose_scan(q);
    let extra: Vec<_> = got.difference(&allowed).collect();
    assert!(
        extra.is_empty(),
        "query {q:?} returns non-matching {extra:?}"
    );
    Some(got)
}

/// Tiny deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Clauses with text of their own (a section may have only a heading).
fn with_text() -> Vec<&'static IndexableClause> {
    clauses()
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .collect()
}

fn random_substring(rng: &mut Rng, min: usize, max: usize) -> String {
    let texted = with_text();
    let c = texted[rng.below(texted.len())];
    let chars: Vec<char> = c.text.chars().collect();
    let len = min + rng.below(max - min + 1);
    let start = rng.below(chars.len().saturating_sub(len) + 1);
    chars[start..(start + len).min(chars.len())]
        .iter()
        .collect()
}

#[test]
fn recall_every_corpus_word() {
    let mut words = BTreeSet::new();
    for c in clauses() {
        for t in jieba().cut(&c.text, false) {
            words.insert(t.word.to_string());
        }
        for (s, e, _) in word_tokens(&c.text) {
            words.insert(c.text[s..e].to_string());
        }
    }
    let checked = words.iter().filter(|w| check_recall(w).is_some()).count();
    assert!(checked > 1000, "only {checked} words checked");
}

#[test]
fn recall_seeded_random_substrings() {
    let mut rng = Rng(0x5eed_1057);
    let mut checked = 0;
    for _ in 0..1500 {
        if check_recall(&random_substring(&mut rng, 2, 4)).is_some() {
            checked += 1;
        }
    }
    assert!(checked > 1400, "only {checked} substrings checked");
}

#[test]
fn recall_multi_word_queries() {
    // Words from the same clause, so most queries have matches.
    let mut rng = Rng(0x0a11_3057);
    let mut matched = 0;
    let texted = with_text();
    for _ in 0..400 {
        let c = texted[rng.below(texted.len())];
        let words = jieba().cut(&c.text, false);
        let n = 2 + rng.below(2);
        let q: Vec<&str> = (0..n).map(|_| words[rng.below(words.len())].word).collect();
        let q = q.join(" ");
        if let Some(got) = check_recall(&q) {
            matched += usize::from(got.contains(&c.id));
        }
    }
    assert!(
        matched > 300,
        "only {matched} multi-word queries found their clause"
    );
}

#[test]
fn recall_every_single_character() {
    let chars: BTreeSet<char> = clauses()
        .iter()
        .flat_map(|c| c.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    let checked = chars
        .iter()
        .filter(|c| check_recall(&c.to_string()).is_some())
        .count();
    assert!(checked > 500, "only {checked} characters checked");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn recall_property(seed in any::<u64>(), len in 1usize..=6) {
        let mut rng = Rng(seed | 1);
        let q = random_substring(&mut rng, len, len);
        check_recall(&q);
    }

    #[test]
    fn arbitrary_queries_never_panic(q in "\\PC{0,30}") {
        let hits = shared_index().search(&q, 5, None, &TestExpander);
        prop_assert!(hits.len() <= 5);
    }
}

#[test]
fn phrases_across_segmentation_boundaries() {
    // From the middle of one jieba word to the middle of the next.
    let mut checked = 0;
    for c in clauses() {
        let toks = jieba().cut(&c.text, false);
        for pair in toks.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.end - a.start < 2 || b.end - b.start < 2 {
                continue;
            }
            let tail: String = a.word.chars().skip(1).collect();
            let head: String = b.word.chars().take(b.end - b.start - 1).collect();
            let q = format!("{tail}{head}");
            if let Some(got) = check_recall(&q) {
                assert!(got.contains(&c.id), "{q:?} not in {}", c.id);
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} checked");
}

#[test]
fn quoted_phrase_matches_across_the_space() {
    let got = ids(&all("\"节能 降碳\"", &NoExpander));
    assert_eq!(got, loose_scan("节能降碳"));
    assert!(got.is_superset(&scan("节能降碳")) && !got.is_empty());
}

#[test]
fn department_alias_in_plain_text() {
    let with = ids(&all("发改委", &TestExpander));
    let without = ids(&all("发改委", &NoExpander));
    let canonical = scan("国家发展改革委");
    assert!(canonical.len() > 20);
    assert!(
        with.is_superset(&canonical),
        "missing {:?}",
        canonical.difference(&with)
    );
    assert!(with.is_superset(&without));
    assert!(with.len() > without.len());
    let miit = ids(&all("工信部", &TestExpander));
    assert!(miit.is_superset(&scan("工业和信息化部")) && !miit.is_empty());
}

fn having(pred: impl Fn(&IndexableClause) -> bool) -> BTreeSet<String> {
    clauses()
        .iter()
        .filter(|c| pred(c))
        .map(|c| c.id.clone())
        .collect()
}

fn has(c: &IndexableClause, dept: &str, roles: &[&str]) -> bool {
    c.departments
        .iter()
        .any(|(d, r)| d == dept && roles.contains(&r.as_str()))
}

#[test]
fn dept_queries_use_duties_and_roles() {
    let duty = ["lead", "support", "responsible"];
    let expected = having(|c| has(c, "国家发展改革委", &duty));
    assert!(!expected.is_empty());
    assert_eq!(ids(&all("dept:发改委", &TestExpander)), expected);
    assert_eq!(ids(&all("dept:国家发展改革委", &TestExpander)), expected);

    let lead = having(|c| has(c, "工业和信息化部", &["lead"]));
    assert!(!lead.is_empty() && lead.len() < expected.len());
    assert_eq!(ids(&all("dept:工信部 role:lead", &TestExpander)), lead);
    assert_eq!(ids(&all("role:牵头 dept:工信部", &TestExpander)), lead);

    let mentioned = having(|c| has(c, "市场监管总局", &["mentioned"]));
    assert!(!mentioned.is_empty());
    assert_eq!(
        ids(&all("dept:市场监管总局 role:mentioned", &TestExpander)),
        mentioned
    );

    let any_lead = having(|c| c.departments.iter().any(|(_, r)| r == "lead"));
    assert_eq!(ids(&all("role:lead", &TestExpander)), any_lead);

    for h in all("dept:发改委", &TestExpander) {
        let text = &clauses().iter().find(|c| c.id == h.address).unwrap().text;
        if text.contains("国家发展改革委") {
            assert!(!h.highlights.is_empty(), "{h:?}");
        }
    }

    let excl = ids(&all("dept:发改委 -节能", &TestExpander));
    let want = having(|c| has(c, "国家发展改革委", &duty) && !c.text.contains("节能"));
    assert_eq!(excl, want);
}

#[test]
fn plan_filters() {
    let steel = having(|c| c.plan == "钢铁");
    let hits = all("plan:steel", &TestExpander);
    assert_eq!(ids(&hits), steel);
    let orders: Vec<usize> = hits.iter().map(|h| order_of()[&h.address]).collect();
    assert!(
        orders.windows(2).all(|w| w[0] < w[1]),
        "not in document order"
    );

    let titled = all("plan:钢铁行业节能降碳专项行动计划 高炉", &TestExpander);
    let want = having(|c| c.plan == "钢铁" && c.text.contains("高炉"));
    assert!(!want.is_empty());
    assert!(ids(&titled).is_superset(&want));
    assert!(titled.iter().all(|h| h.plan == "钢铁"));

    let cement = shared_index().search("熟料", usize::MAX, Some("cement"), &TestExpander);
    assert_eq!(
        ids(&cement),
        having(|c| c.plan == "水泥" && c.text.contains("熟料"))
    );

    let not_steel = ids(&all("高炉 -plan:steel", &TestExpander));
    assert_eq!(
        not_steel,
        having(|c| c.plan != "钢铁" && c.text.contains("高炉"))
    );

    let two = ids(&all("plan:steel plan:cement", &TestExpander));
    assert_eq!(two, having(|c| c.plan == "钢铁" || c.plan == "水泥"));
}

#[test]
fn excludes_remove_clauses() {
    let got = ids(&all("节能 -钢铁", &NoExpander));
    let want = having(|c| c.text.contains("节能") && !c.text.contains("钢铁"));
    assert!(!want.is_empty());
    assert!(got.is_superset(&want));
    assert!(got.iter().all(|id| !clauses()
        .iter()
        .any(|c| &c.id == id && c.text.contains("钢铁"))));
}

#[test]
fn tantivy_syntax_is_literal_and_never_panics() {
    let queries = [
        "\"",
        ":",
        "(",
        ")",
        "^",
        "~",
        "*",
        "\\",
        "钢铁 AND",
        "AND",
        "OR 钢铁",
        "NOT 钢铁",
        "钢铁^2",
        "title:钢铁",
        "[1 TO 2]",
        "{",
        "}",
        "+钢铁",
        "-",
        "--",
        "-\"",
        "\"\"",
        "plan:",
        "dept:",
        "role:",
        "钢铁~2",
        "*钢铁*",
        "a\\b",
        "(一)",
        "（一）",
        "2%",
        "1.5",
        "5G",
        "\u{0}",
        "钢铁 \"",
        "http://x",
        "钢:铁",
        "\\\"钢铁\\\"",
        "!",
        "&&",
        "||",
        "?",
    ];
    for q in queries {
        let hits = all(q, &TestExpander);
        if is_literal(q) {
            assert_eq!(ids(&hits), loose_scan(q), "query {q:?}");
            assert!(ids(&hits).is_superset(&scan(q)), "query {q:?}");
        }
    }
    // Some of them do exist literally in the corpus.
    assert!(!all("万吨/年", &NoExpander).is_empty());
    assert!(!all("2%", &NoExpander).is_empty());
    assert!(all("钢铁 AND", &NoExpander).is_empty());
    assert_eq!(ids(&all("\"钢铁", &NoExpander)), scan("钢铁"));
    let long = "钢".repeat(5000);
    assert!(all(&long, &NoExpander).is_empty());
}

#[test]
fn empty_and_negative_only_queries_have_no_results() {
    for q in ["", "   ", "\u{3000}", "-钢铁", "\"\"", "-plan:steel"] {
        assert!(all(q, &TestExpander).is_empty(), "{q:?}");
    }
    assert!(shared_index()
        .search("钢铁", 0, None, &NoExpander)
        .is_empty());
    assert_eq!(shared_index().search("钢铁", 3, None, &NoExpander).len(), 3);
}

#[test]
fn headings_rank_first() {
    let mut checked = 0;
    for c in clauses() {
        // Item headings (the real loader keeps the marker out of them).
        let title = c.heading.as_str();
        if !c.id.contains('(') || title.chars().count() < 2 {
            continue;
        }
        let hits = shared_index().search(title, 1, None, &NoExpander);
        assert!(
            hits[0].heading.contains(title),
            "{title:?} -> {:?}",
            hits[0]
        );
        checked += 1;
    }
    assert!(checked > 50, "only {checked} headings");
}

#[test]
fn adjacent_words_rank_first_in_the_corpus() {
    for q in ["节能 降碳", "能效 标杆", "用能 设备"] {
        let hits = all(q, &NoExpander);
        let adjacent = loose_scan(&q.replace(' ', ""));
        assert!(
            adjacent.contains(&hits[0].address),
            "{q}: top hit {:?}",
            hits[0]
        );
    }
}

#[test]
fn results_are_stable_and_ties_go_in_document_order() {
    let a = all("钢铁 节能", &TestExpander);
    let b = all("钢铁 节能", &TestExpander);
    assert_eq!(a, b);
    for w in a.windows(2) {
        assert!(w[0].score >= w[1].score);
        if w[0].score == w[1].score {
            assert!(order_of()[&w[0].address] < order_of()[&w[1].address]);
        }
    }
}

#[test]
fn snippets_fit_and_highlight_the_query() {
    for q in [
        "电解槽",
        "国家发展改革委",
        "余热余压",
        "2025年",
        "能效 标杆",
        "发改委",
    ] {
        let needles: Vec<String> = q.split_whitespace().map(squeeze).collect();
        for h in all(q, &TestExpander) {
            assert!(h.snippet.width() <= SNIPPET_WIDTH, "{} too wide", h.snippet);
            let chars: Vec<char> = h.snippet.chars().collect();
            let text = &clauses().iter().find(|c| c.id == h.address).unwrap().text;
            if needles.iter().any(|n| squeeze(text).contains(n)) {
                assert!(
                    !h.highlights.is_empty(),
                    "{q}: {} has no highlight",
                    h.address
                );
            }
            for r in &h.highlights {
                assert!(r[0] < r[1] && r[1] <= chars.len());
                let marked: String = squeeze(&chars[r[0]..r[1]].iter().collect::<String>());
                let ok = needles
                    .iter()
                    .any(|n| marked.contains(n.as_str()) || n.contains(&marked))
                    || marked.contains("国家发展改革委");
                assert!(ok, "{q}: highlighted {marked:?}");
            }
        }
    }
}

#[test]
fn hit_json_has_exactly_the_cli_fields() {
    let hits = all("电解槽", &NoExpander);
    let v = serde_json::to_value(&hits[0]).unwrap();
    let keys: BTreeSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "address",
            "plan",
            "heading",
            "score",
            "snippet",
            "highlights"
        ])
    );
    assert!(v["highlights"][0].as_array().unwrap().len() == 2);
}

fn clause(id: &str, order: usize, heading: &str, text: &str) -> IndexableClause {
    IndexableClause {
        id: id.into(),
        plan: "测试".into(),
        heading: heading.into(),
        text: text.into(),
        order,
        ..IndexableClause::default()
    }
}

fn ranked_ids(cs: &[IndexableClause], q: &str) -> Vec<String> {
    let idx = SearchIndex::build_in_ram(cs).unwrap();
    idx.search(q, 10, None, &NoExpander)
        .into_iter()
        .map(|h| h.address)
        .collect()
}

#[test]
fn heading_match_beats_more_frequent_text_match() {
    let cs = [
        clause(
            "text",
            0,
            "",
            "推进余热利用，扩大余热利用范围，提高余热利用效率。",
        ),
        clause("head", 1, "余热利用", "加强管理，完善制度，余热利用。"),
    ];
    assert_eq!(ranked_ids(&cs, "余热利用"), ["head", "text"]);
}

#[test]
fn adjacent_words_beat_scattered_words_with_more_occurrences() {
    let cs = [
        clause(
            "scattered",
            0,
            "",
            "节能工作、节能监察、节能宣传和降碳行动、降碳技术。",
        ),
        clause("adjacent", 1, "", "推动节能降碳工作，完善监察和宣传制度。"),
    ];
    assert_eq!(ranked_ids(&cs, "节能 降碳"), ["adjacent", "scattered"]);
}

#[test]
fn whole_words_beat_substrings_across_words() {
    let cs = [
        clause("across", 0, "", "功能效果评价、功能效果提升。"),
        clause("word", 1, "", "提升能效水平。"),
    ];
    assert_eq!(ranked_ids(&cs, "能效"), ["word", "across"]);
}

#[test]
fn equal_scores_follow_document_order_not_insertion_order() {
    let cs = [
        clause("third", 2, "", "电解槽改造。"),
        clause("first", 0, "", "电解槽改造。"),
        clause("second", 1, "", "电解槽改造。"),
    ];
    assert_eq!(ranked_ids(&cs, "电解槽"), ["first", "second", "third"]);
}

/// A big corpus's index has several segments searched in parallel: the
/// hits, their order (ties in document order) and scores are those of the
/// one-segment index.
#[test]
fn a_segmented_index_ranks_like_a_single_segment() {
    let segmented = SearchIndex::build_in_ram_segmented(clauses(), 4).unwrap();
    assert_eq!(segmented.reader.searcher().segment_readers().len(), 4);
    let expander = NoExpander;
    for q in [
        "余热发电",
        "节能降碳",
        "钢铁 改造",
        "国家发展改革委",
        "能效标杆水平",
        "铝",
        "2025年底",
        "\"节能降碳改造\" -钢铁",
        "plan:水泥",
    ] {
        let one = shared_index().search(q, usize::MAX, None, &expander);
        let four = segmented.search(q, usize::MAX, None, &expander);
        let line = |hits: &[Hit]| -> Vec<(String, String)> {
            hits.iter()
                .map(|h| (h.address.clone(), format!("{:.4}", h.score)))
                .collect()
        };
        assert!(!one.is_empty(), "{q}: no hits at all");
        assert_eq!(line(&one), line(&four), "{q}");
        for limit in [1, 5] {
            let top = segmented.search(q, limit, None, &expander);
            assert_eq!(
                line(&top),
                line(&one[..limit.min(one.len())]),
                "{q} top {limit}"
            );
        }
    }
}
