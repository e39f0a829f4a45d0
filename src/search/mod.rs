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
mod index;
mod phrase;
mod query;
pub mod schema;
mod snippet;
pub mod tokenizer;

#[cfg(test)]
mod lifecycle_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::HashSet;

use serde::Serialize;

pub use explain::{Explanation, MatchField, ResultExplanation};
pub use index::{
    corpus_hash, default_dir_candidates, fingerprint, remove_unfinished_builds, user_cache_dir,
    Action, BuildReason, Extras, Location, SearchIndex, EXTRAS_FILE, META_FILE,
};
pub use query::{
    clamp_query, parse_query, resolve_department, term_variants, ParsedQuery, QueryTerm, Variant,
    Via, MAX_QUERY_CHARS,
};
pub use snippet::{make_snippet, Snippet, SNIPPET_WIDTH};
pub use tokenizer::{Segmenter, UserWord};

/// One clause to index (filled by the library from its parsed document tree).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IndexableClause {
    /// Clause address, e.g. `钢铁:二(五)`.
    pub id: String,
    /// Plan short name, e.g. `钢铁`; empty for the notice itself.
    pub plan: String,
    /// Full title of the plan.
    pub plan_title: String,
    /// Section heading, e.g. `二、重点任务`.
    pub section: String,
    /// Clause heading.
    pub heading: String,
    /// Normalized clause text.
    pub text: String,
    /// Position of the clause in document order.
    pub order: usize,
    /// `(canonical department name, role)`; role is one of
    /// `lead|support|responsible|mentioned|issuer|addressee`.
    pub departments: Vec<(String, String)>,
}

/// Query expansion supplied by the library (department aliases, plan names).
pub trait Expander {
    /// Canonical department name for any alias (`发改委` → `国家发展改革委`),
    /// or `None` if `word` is not a department.
    fn expand_department(&self, word: &str) -> Option<String>;
    /// Plan short name for a short name, full title or English name
    /// (`steel` → `钢铁`), or `None` if unknown.
    fn resolve_plan(&self, s: &str) -> Option<String>;
    /// Chinese terms a word of ASCII letters spells in pinyin, full or
    /// initials (`fgw` → `发改委`); all of them when ambiguous. None by default.
    fn expand_pinyin(&self, _word: &str) -> Vec<String> {
        Vec::new()
    }
}

/// An [`Expander`] that knows nothing: no aliases, plans taken literally.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoExpander;

impl Expander for NoExpander {
    fn expand_department(&self, _word: &str) -> Option<String> {
        None
    }
    fn resolve_plan(&self, _s: &str) -> Option<String> {
        None
    }
}

/// One search result. Serializes to exactly
/// `{"address","plan","heading","score","snippet","highlights"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Clause address.
    pub address: String,
    /// Plan short name (empty for the notice).
    pub plan: String,
    /// Clause heading.
    pub heading: String,
    /// Relevance score (higher is better).
    pub score: f32,
    /// One-line excerpt of the clause text, at most [`SNIPPET_WIDTH`] cells.
    pub snippet: String,
    /// Highlighted ranges as `[start, end)` CHARACTER offsets into `snippet`.
    pub highlights: Vec<[usize; 2]>,
}

/// Errors from building or opening an index (searching never errors).
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy failed.
    #[error("tantivy: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A file operation failed.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// The index metadata file is missing, unreadable or does not match.
    #[error("index metadata: {0}")]
    Meta(String),
    /// The index opened but failed verification.
    #[error("index corrupt: {0}")]
    Corrupt(String),
}

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

/// How many of the best matches are read to decide whether a query string
/// occurs verbatim in the corpus (and so needs no full dictionary).
const COVERAGE_PROBES: usize = 32;

impl SearchIndex {
    /// Searches with the query language of [`parse_query`]: returns at most
    /// `limit` hits, best first (ties in document order). `plan_filter`
    /// restricts to one plan (short name, title or English, via `expander`).
    /// Never fails: an empty or unmatchable query gives no hits.
    pub fn search(
        &self,
        query: &str,
        limit: usize,
        plan_filter: Option<&str>,
        expander: &dyn Expander,
    ) -> Vec<Hit> {
        let parsed = parse_query(query);
        // Belt and braces: a tantivy assertion must not take the CLI down.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.search_parsed(&parsed, limit, plan_filter, expander)
        }))
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default()
    }

    /// Like [`SearchIndex::search`] for an already parsed query; errors are
    /// internal tantivy failures only.
    pub fn search_parsed(
        &self,
        parsed: &ParsedQuery,
        limit: usize,
        plan_filter: Option<&str>,
        expander: &dyn Expander,
    ) -> Result<Vec<Hit>, SearchError> {
        use tantivy::schema::Value;
        let Some((ranked, needles)) = self.ranked(parsed, plan_filter, expander, Some(limit))?
        else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let mut hits = Vec::with_capacity(limit.min(ranked.len()));
        for (score, _, addr) in ranked.into_iter().take(limit) {
            let doc: tantivy::TantivyDocument = searcher.doc(addr)?;
            let get = |f| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let snippet = make_snippet(&get(self.fields.text), &needles, SNIPPET_WIDTH);
            hits.push(Hit {
                address: get(self.fields.id),
                plan: get(self.fields.plan),
                heading: get(self.fields.heading),
                score,
                snippet: snippet.text,
                highlights: snippet.highlights,
            });
        }
        Ok(hits)
    }

    /// Matches as `(score, order, address)`, best first, ties by order: the
    /// first `limit` (or all); `None` for a query that asks for nothing.
    #[allow(clippy::type_complexity)]
    pub(crate) fn ranked(
        &self,
        parsed: &ParsedQuery,
        plan_filter: Option<&str>,
        expander: &dyn Expander,
        limit: Option<usize>,
    ) -> Result<Option<(Vec<(f32, u64, tantivy::DocAddress)>, Vec<String>)>, SearchError> {
        // Query strings are segmented with the index's restricted dictionary
        // when it covers them; one it may not cover is segmented with the
        // full dictionary if the query matches anything (ranking an empty
        // result needs no words), unless it occurs verbatim in a match.
        let mut full_for: HashSet<String> = HashSet::new();
        loop {
            let unsure = RefCell::new(Vec::new());
            let words = |s: &str| -> Vec<String> {
                match self.restricted.restricted(s) {
                    Some((jieba, sure)) if !full_for.contains(s) => {
                        if !sure {
                            unsure.borrow_mut().push(s.to_string());
                        }
                        tokenizer::word_tokens_with(jieba, s)
                            .into_iter()
                            .map(|t| t.2)
                            .collect()
                    }
                    _ => query::full_words(self.segmenter, s),
                }
            };
            let Some(built) = query::build(parsed, &self.fields, expander, plan_filter, &words)
            else {
                return Ok(None);
            };
            let searcher = self.reader.searcher();
            let n = searcher.num_docs() as usize;
            if n == 0 {
                return Ok(Some((Vec::new(), built.needles)));
            }
            // Keep only what is asked for (and what the coverage check below
            // reads): on a big corpus a broad query matches most clauses,
            // and ranking all of them dominated the query time. Document
            // order breaks ties inside the collector, so the first `limit`
            // are the same as those of a full ranking.
            let keep = limit.map_or(n, |l| l.max(COVERAGE_PROBES)).min(n);
            let collector = tantivy::collector::TopDocs::with_limit(keep.max(1)).tweak_score(
                |segment: &tantivy::SegmentReader| {
                    let order = segment.fast_fields().u64("order").ok();
                    move |doc: tantivy::DocId, score: tantivy::Score| {
                        let order = order.as_ref().and_then(|c| c.first(doc));
                        (score, std::cmp::Reverse(order.unwrap_or(u64::MAX)))
                    }
                },
            );
            let top = searcher.search(&built.query, &collector)?;
            let mut ranked: Vec<_> = top
                .into_iter()
                .map(|((score, std::cmp::Reverse(order)), addr)| (score, order, addr))
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let unsure = unsure.into_inner();
            if unsure.is_empty() || ranked.is_empty() {
                return Ok(Some((ranked, built.needles)));
            }
            let uncovered = self.not_verbatim_in(&ranked, unsure)?;
            if uncovered.is_empty() {
                return Ok(Some((ranked, built.needles)));
            }
            full_for.extend(uncovered);
        }
    }

    /// Those of `strings` that occur verbatim in the text or heading of none
    /// of the first matches (a string that occurs in an indexed text is
    /// covered by the restricted dictionary).
    fn not_verbatim_in(
        &self,
        ranked: &[(f32, u64, tantivy::DocAddress)],
        mut strings: Vec<String>,
    ) -> Result<Vec<String>, SearchError> {
        use tantivy::schema::Value;
        let searcher = self.reader.searcher();
        for (_, _, addr) in ranked.iter().take(COVERAGE_PROBES) {
            if strings.is_empty() {
                break;
            }
            let doc: tantivy::TantivyDocument = searcher.doc(*addr)?;
            let field = |f| doc.get_first(f).and_then(|v| v.as_str()).unwrap_or("");
            let (text, heading) = (field(self.fields.text), field(self.fields.heading));
            strings.retain(|s| !text.contains(s.as_str()) && !heading.contains(s.as_str()));
        }
        Ok(strings)
    }

    /// Orders of the clauses containing `text` literally (no syntax, no
    /// expansion), in document order.
    pub fn matching_orders(&self, text: &str) -> Vec<usize> {
        let parsed = ParsedQuery {
            terms: vec![QueryTerm {
                text: text.to_string(),
                quoted: true,
            }],
            ..ParsedQuery::default()
        };
        let mut orders: Vec<usize> = match self.ranked(&parsed, None, &NoExpander, None) {
            Ok(Some((ranked, _))) => ranked.into_iter().map(|r| r.1 as usize).collect(),
            _ => Vec::new(),
        };
        orders.sort_unstable();
        orders
    }
}
