//! The recall contract on the real parsed clauses: every clause whose text
//! contains the query (or every word of it) is in the results.

use std::collections::{BTreeSet, HashSet};

use policy_nav::search::{tokenizer::word_tokens, NoExpander, SearchIndex};
use policy_nav::Library;

fn library() -> Library {
    Library::from_texts(&[(
        "jiangsu-2024-1057",
        include_str!("../corpus/jiangsu-2024-1057.txt"),
    )])
}

fn scan(library: &Library, words: &[&str]) -> BTreeSet<String> {
    library
        .clauses
        .iter()
        .filter(|c| {
            words
                .iter()
                .all(|w| c.text.to_lowercase().contains(&w.to_lowercase()))
        })
        .map(|c| c.id.clone())
        .collect()
}

fn found(index: &SearchIndex, query: &str) -> HashSet<String> {
    index
        .search(query, 1000, None, &NoExpander)
        .into_iter()
        .map(|h| h.address)
        .collect()
}

/// Deterministic pseudo-random numbers (no dependency on a seed crate).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[test]
fn every_word_and_random_substring_of_the_corpus_is_found_wherever_it_occurs() {
    let library = library();
    let index = SearchIndex::build_in_ram(&library.indexable_clauses()).unwrap();
    let mut queries: BTreeSet<String> = BTreeSet::new();
    for clause in &library.clauses {
        for (_, _, word) in word_tokens(&clause.text) {
            if word
                .chars()
                .any(|c| !c.is_ascii_punctuation() && !"，。、；：（）“”《》—".contains(c))
            {
                queries.insert(word);
            }
        }
    }
    let words = queries.len();
    let mut rng = Lcg(20241057);
    let texts: Vec<Vec<char>> = library
        .clauses
        .iter()
        .map(|c| c.text.chars().collect())
        .filter(|t: &Vec<char>| t.len() > 4)
        .collect();
    for _ in 0..1500 {
        let text = &texts[rng.next(texts.len())];
        let len = 2 + rng.next(3);
        let start = rng.next(text.len() - len);
        let s: String = text[start..start + len].iter().collect();
        if !s.contains('\n') {
            queries.insert(s);
        }
    }
    assert!(words > 800, "{words} distinct corpus words");
    let mut misses = Vec::new();
    for q in &queries {
        let expected = scan(&library, &[q.as_str()]);
        let got = found(&index, q);
        let missing: Vec<&String> = expected.iter().filter(|id| !got.contains(*id)).collect();
        if !missing.is_empty() {
            misses.push(format!("{q}: {missing:?}"));
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {} queries missed clauses: {:?}",
        misses.len(),
        queries.len(),
        &misses[..misses.len().min(10)]
    );
}

#[test]
fn multi_word_queries_find_every_clause_containing_all_words() {
    let library = library();
    let index = SearchIndex::build_in_ram(&library.indexable_clauses()).unwrap();
    for query in [
        "国家发展改革委 碳排放",
        "钢铁 余热",
        "能效 标杆 水平",
        "2025 30%",
        "电解槽 阳极",
        "A级 环保绩效",
    ] {
        let words: Vec<&str> = query.split_whitespace().collect();
        let expected = scan(&library, &words);
        let got = found(&index, query);
        assert!(!expected.is_empty(), "{query}");
        for id in &expected {
            assert!(got.contains(id), "{query}: missing {id}");
        }
    }
    // The measured weak spot of a jieba-only index.
    assert_eq!(
        scan(&library, &["国家发展改革委"]).len(),
        found(&index, "国家发展改革委").len()
    );
}

/// The navigator's answer while the index opens (`Library::scan`) finds the
/// same clauses as the index for the whole query language: words, quoted
/// phrases, exclusions, plan:, dept: (any alias) and role:.
#[test]
fn scan_without_the_index_finds_what_the_index_finds() {
    let library = library();
    let index = SearchIndex::build_in_ram(&library.indexable_clauses()).unwrap();
    for query in [
        "节能",
        "余热 发电",
        "\"余热余压\"",
        "节能 -钢铁",
        "降碳 -plan:水泥",
        "plan:水泥 节能",
        "plan:steel 能效",
        "dept:发改委",
        "dept:工信部 role:牵头",
        "role:配合",
        "改造 dept:国家发展改革委 role:responsible",
        "fgw",
    ] {
        let by_index: BTreeSet<String> = index
            .search(query, 1000, None, &library.expander())
            .into_iter()
            .map(|h| h.address)
            .collect();
        let by_scan: BTreeSet<String> = library
            .scan(query, 1000)
            .into_iter()
            .map(|h| h.address)
            .collect();
        assert!(!by_index.is_empty(), "{query}: the index finds something");
        assert_eq!(by_scan, by_index, "{query}");
    }
}
