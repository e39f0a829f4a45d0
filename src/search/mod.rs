//! Full-text search over policy clauses.
//!
//! * [`SearchIndex::open_or_build`] finds or builds a tantivy index (one
//!   document per [`IndexableClause`]) in the first usable directory, else in RAM.
//! * [`SearchIndex::search`] runs a forgiving query (see [`parse_query`]) and
//!   returns [`Hit`]s with terminal-sized, highlighted snippets.
//!
//! Matching is done on a character field (each character indexed with the
//! next one; a phrase of such pairs is an exact substring match), so every
//! clause containing the query text is found whatever jieba does with it;
//! scoring adds BM25 over jieba words.

#![deny(missing_docs)]

pub mod dict;
mod explain;
mod lifecycle;
mod phrase;
mod query;
pub mod schema;
mod snippet;
pub mod tokenizer;
mod verified;
mod writing;

#[cfg(test)]
mod lifecycle_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

mod run;
mod types;

pub use explain::{Explanation, MatchField, ResultExplanation};
pub use lifecycle::{
    corpus_hash, default_dir_candidates, fingerprint, remove_unfinished_builds, user_cache_dir,
    Action, BuildReason, Extras, Location, SearchIndex, EXTRAS_FILE, META_FILE,
};
pub use query::{
    clamp_query, parse_query, resolve_department, term_variants, ParsedQuery, QueryTerm, Variant,
    Via, MAX_QUERY_CHARS,
};
pub use snippet::{make_snippet, Snippet, SNIPPET_WIDTH};
pub use tokenizer::{Segmenter, UserWord};
pub use types::{Expander, Hit, IndexableClause, NoExpander, SearchError};

/// The queries the benchmarks time (`policy-nav bench`, the pty bench):
/// a phrase, broad words, an alias, a number with a unit, a plan name.
pub const BENCH_QUERIES: [&str; 8] = [
    "余热发电",
    "节能降碳",
    "超低排放改造",
    "发改委",
    "能效标杆水平",
    "电解铝",
    "2025年底",
    "阶梯电价",
];
