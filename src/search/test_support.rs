//! Test-only helpers: the bundled corpus through the real loader (so search
//! tests see the clauses, addresses, departments and aliases users see), its
//! expander, and one shared in-RAM index per test binary.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Expander, IndexableClause, SearchIndex};
use crate::Library;

/// The bundled corpus.
pub const CORPUS: &str = include_str!("../../corpus/jiangsu-2024-1057.txt");

/// The bundled corpus loaded by the real loader (once per test binary).
pub fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| Library::from_texts(&[("jiangsu-2024-1057", CORPUS)]))
}

/// The library's expander: department aliases, plan names, pinyin.
pub struct TestExpander;

impl Expander for TestExpander {
    fn expand_department(&self, word: &str) -> Option<String> {
        library().expander().expand_department(word)
    }
    fn resolve_plan(&self, s: &str) -> Option<String> {
        library().expander().resolve_plan(s)
    }
    fn expand_pinyin(&self, word: &str) -> Vec<String> {
        library().expander().expand_pinyin(word)
    }
}

/// The corpus's clauses as the index takes them (once per test binary).
pub fn clauses() -> &'static [IndexableClause] {
    static CLAUSES: OnceLock<Vec<IndexableClause>> = OnceLock::new();
    CLAUSES.get_or_init(|| library().indexable_clauses())
}

/// The shared in-RAM index over [`clauses`] (built once per test binary).
pub fn shared_index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::build_in_ram(clauses()).expect("build test index"))
}

/// Clause orders by id, for readable assertions.
pub fn order_of() -> HashMap<String, usize> {
    clauses().iter().map(|c| (c.id.clone(), c.order)).collect()
}
