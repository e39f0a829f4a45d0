//! The restricted jieba dictionary stored with the index must segment
//! exactly as the full dictionary: on every clause and heading of the corpus
//! and of the fixture documents, on query-sized pieces of them, and through
//! whole searches (where query strings it does not cover fall back to the
//! full dictionary).

use std::collections::HashSet;

use policy_nav::search::dict;
use policy_nav::search::tokenizer::{full_jieba, parse_dict, word_tokens_with};
use policy_nav::search::{Extras, IndexableClause, NoExpander, SearchIndex, Segmenter};
use policy_nav::Library;

const DOCUMENTS: [(&str, &str); 3] = [
    (
        "jiangsu-2024-1057",
        include_str!("../corpus/jiangsu-2024-1057.txt"),
    ),
    (
        "zhejiang-2025-88",
        include_str!("fixtures/genre/zhejiang-2025-88.txt"),
    ),
    (
        "standalone-plan",
        include_str!("fixtures/genre/standalone-plan.txt"),
    ),
];

fn clauses(name: &str, text: &str) -> Vec<IndexableClause> {
    Library::from_texts(&[(name, text)]).indexable_clauses()
}

/// Clause texts and headings, and pieces of 1 to 6 characters of them (what
/// a user types).
fn texts(clauses: &[IndexableClause]) -> Vec<String> {
    let mut out = Vec::new();
    for c in clauses {
        for t in [&c.text, &c.heading] {
            out.push(t.clone());
            let chars: Vec<char> = t.chars().collect();
            for start in (0..chars.len()).step_by(3) {
                for len in 1..=6.min(chars.len() - start) {
                    out.push(chars[start..start + len].iter().collect());
                }
            }
        }
    }
    out
}

/// Texts (of `texts`) that `restricted` segments differently from `full`.
fn differences(
    full: &jieba_rs::Jieba,
    restricted: &jieba_rs::Jieba,
    texts: &[String],
) -> Vec<String> {
    texts
        .iter()
        .filter(|t| word_tokens_with(full, t) != word_tokens_with(restricted, t))
        .cloned()
        .collect()
}

#[test]
fn restricted_dictionary_segments_every_clause_like_the_full_one() {
    let full = full_jieba();
    for (name, text) in DOCUMENTS {
        let clauses = clauses(name, text);
        assert!(clauses.len() > 3, "{name}");
        let sources: Vec<&str> = clauses
            .iter()
            .flat_map(|c| [c.text.as_str(), c.heading.as_str()])
            .collect();
        let derived = dict::derive(&mut full_jieba(), sources).expect("derived");
        let words = derived.lines().count();
        assert!(words > 50 && words < 20_000, "{name}: {words} words");
        let restricted = dict::load(&derived).unwrap();
        let texts = texts(&clauses);
        let diff = differences(&full, &restricted, &texts);
        assert!(
            diff.is_empty(),
            "{name}: {} differ, e.g. {:?}",
            diff.len(),
            &diff[..diff.len().min(3)]
        );
    }
}

/// What a query is segmented with, a dictionary cut from the restricted
/// one for each string ([`dict::QueryDictionary`]), segments every clause,
/// heading and piece of them like the full dictionary.
#[test]
fn dictionaries_cut_for_each_string_segment_like_the_full_one() {
    let full = full_jieba();
    for (name, text) in DOCUMENTS {
        let clauses = clauses(name, text);
        let sources: Vec<&str> = clauses
            .iter()
            .flat_map(|c| [c.text.as_str(), c.heading.as_str()])
            .collect();
        let derived = dict::derive(&mut full_jieba(), sources).expect("derived");
        let query = dict::QueryDictionary::from_derived(&derived).expect("read back");
        let texts = texts(&clauses);
        let diff: Vec<&String> = texts
            .iter()
            .filter(|t| {
                let cut = query.for_text(t).expect("cut");
                word_tokens_with(&full, t) != word_tokens_with(&cut, t)
            })
            .collect();
        assert!(
            diff.is_empty(),
            "{name}: {} differ, e.g. {:?}",
            diff.len(),
            &diff[..diff.len().min(3)]
        );
        // And it can fail: the dictionary of another string lacks the words.
        let other = query.for_text("之").expect("cut");
        assert!(texts
            .iter()
            .any(|t| word_tokens_with(&full, t) != word_tokens_with(&other, t)));
    }
}

/// The guard above can fail: a dictionary missing one word of the corpus,
/// or with another total frequency, segments differently.
#[test]
fn a_dictionary_missing_a_word_or_the_sentinel_is_caught() {
    let full = full_jieba();
    let (name, text) = DOCUMENTS[0];
    let clauses = clauses(name, text);
    let texts = texts(&clauses);
    let sources: Vec<&str> = clauses.iter().map(|c| c.text.as_str()).collect();
    let derived = dict::derive(&mut full_jieba(), sources).unwrap();

    let without_word: String = derived
        .lines()
        .filter(|l| !l.starts_with("余热 "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without_word, derived);
    let restricted = dict::load(&without_word).unwrap();
    assert!(!differences(&full, &restricted, &texts).is_empty());

    let without_sentinel: String = derived
        .lines()
        .filter(|l| !l.starts_with(dict::SENTINEL))
        .map(|l| format!("{l}\n"))
        .collect();
    let restricted = dict::load(&without_sentinel).unwrap();
    assert!(!differences(&full, &restricted, &texts).is_empty());
}

/// Whole searches on an index with a restricted dictionary rank exactly as
/// with the full dictionary, also for queries with words the corpus lacks.
#[test]
fn searches_rank_exactly_as_with_the_full_dictionary() {
    let (name, text) = DOCUMENTS[0];
    let clauses = clauses(name, text);
    let tmp = tempfile::tempdir().unwrap();
    let vocabulary = vec!["发改委".to_string(), "国家发展和改革委员会".to_string()];
    let extras = Extras {
        vocabulary: &vocabulary,
        payload: None,
        ..Extras::default()
    };
    let dirs = vec![tmp.path().join("index")];
    let (restricted, _) =
        SearchIndex::open_or_build_with(&dirs, &clauses, "h", extras, false).unwrap();
    assert!(restricted.has_restricted_dictionary());
    let full = SearchIndex::build_in_ram(&clauses).unwrap();
    assert!(!full.has_restricted_dictionary());

    let mut queries: Vec<String> = [
        "余热发电",
        "发改委",
        "国家发展和改革委员会 节能",
        "发电站",
        "余热发电站",
        "人工智能 节能",
        "CO2",
        "co2 排放",
        "\"阶梯电价\" -钢铁",
        "节能降碳 超低排放改造",
        "能效 标杆水平以上",
        "炼油 催化裂化 装置",
        "量子计算",
    ]
    .iter()
    .map(|q| q.to_string())
    .collect();
    let mut seen = HashSet::new();
    for c in clauses.iter().step_by(7) {
        let chars: Vec<char> = c.text.chars().collect();
        for start in (0..chars.len()).step_by(97) {
            let q: String = chars[start..(start + 5).min(chars.len())].iter().collect();
            if seen.insert(q.clone()) {
                queries.push(q);
            }
        }
    }
    assert!(queries.len() > 30);
    for q in &queries {
        let a = restricted.search(q, 50, None, &NoExpander);
        let b = full.search(q, 50, None, &NoExpander);
        let key = |hits: &[policy_nav::search::Hit]| -> Vec<(String, u32)> {
            hits.iter()
                .map(|h| (h.address.clone(), h.score.to_bits()))
                .collect()
        };
        assert_eq!(key(&a), key(&b), "{q}");
    }
}

/// A corpus's user words (`corpus/dict.txt`) are part of its full
/// dictionary: the restricted dictionary derived with them segments like
/// the full dictionary with them (which differs from the one without), and
/// whole searches on the stored index rank as on an index built in RAM
/// with the same words.
#[test]
fn user_words_are_part_of_the_full_dictionary() {
    let (words, errors) = parse_dict("余热发电 50 n\n节能降碳改造\n超低排放改造 30\n鹳鹬鹮鹭\n");
    assert!(errors.is_empty());
    let segmenter = Segmenter::with_user_words(&words);
    let (name, text) = DOCUMENTS[0];
    let clauses = clauses(name, text);
    let texts = texts(&clauses);
    let full = segmenter.jieba();
    assert!(
        !differences(&full_jieba(), full, &texts).is_empty(),
        "the user words change segmentation"
    );
    let sources: Vec<&str> = clauses
        .iter()
        .flat_map(|c| [c.text.as_str(), c.heading.as_str()])
        .chain(words.iter().map(|w| w.word.as_str()))
        .collect();
    let derived = dict::derive(&mut segmenter.full_jieba(), sources).expect("derived");
    let restricted = dict::load(&derived).unwrap();
    let diff = differences(full, &restricted, &texts);
    assert!(
        diff.is_empty(),
        "{} differ, e.g. {:?}",
        diff.len(),
        &diff[..diff.len().min(3)]
    );

    let tmp = tempfile::tempdir().unwrap();
    let dirs = vec![tmp.path().join("index")];
    let extras = Extras {
        segmenter,
        ..Extras::default()
    };
    let (stored, _) = SearchIndex::open_or_build_with(&dirs, &clauses, "h", extras, false).unwrap();
    assert!(stored.has_restricted_dictionary());
    assert_eq!(stored.segmenter().user_word_count(), words.len());
    let other = vec![tmp.path().join("other")];
    let (plain, _) =
        SearchIndex::open_or_build_with(&other, &clauses, "h", Extras::default(), false).unwrap();
    assert_eq!(
        plain.segmenter().user_word_count(),
        0,
        "another fingerprint"
    );
    let in_ram = SearchIndex::build_in_ram_with(&clauses, segmenter).unwrap();
    for q in [
        "余热发电",
        "余热发电站",
        "节能降碳改造",
        "超低排放改造 钢铁",
        "鹳鹬鹮鹭",
        "鹳鹬",
        "改造",
        "发电",
    ] {
        let key = |hits: &[policy_nav::search::Hit]| -> Vec<(String, u32)> {
            hits.iter()
                .map(|h| (h.address.clone(), h.score.to_bits()))
                .collect()
        };
        let a = stored.search(q, 50, None, &NoExpander);
        let b = in_ram.search(q, 50, None, &NoExpander);
        assert_eq!(key(&a), key(&b), "{q}");
    }
}
