//! What a search takes in (`IndexableClause`, an `Expander` for aliases,
//! plans and pinyin) and gives back (`Hit`, `SearchError`).

use serde::Serialize;

#[allow(unused_imports)]
use super::*;

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
    /// Other wordings of the metric a word names (`能耗强度` →
    /// `单位地区生产总值能耗`, `万元GDP能耗` …). None by default.
    fn expand_metric(&self, _word: &str) -> Vec<String> {
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
    Tantivy(#[from] tantivy::TantivyError),
    /// A file operation failed.
    Io(#[from] std::io::Error),
    /// The index metadata file is missing, unreadable or does not match.
    Meta(String),
    /// The index opened but failed verification.
    Corrupt(String),
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The details are the engine's own words (English); the frame is
        // in the user's language.
        f.write_str(&match self {
            SearchError::Tantivy(e) => crate::t!("index.error_tantivy", error = e),
            SearchError::Io(e) => crate::t!("index.error_io", error = e),
            SearchError::Meta(e) => crate::t!("index.error_meta", error = e),
            SearchError::Corrupt(e) => crate::t!("index.error_corrupt", error = e),
        })
    }
}
