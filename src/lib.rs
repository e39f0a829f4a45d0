//! policy-nav: a navigator for Chinese policy documents.
//!
//! The library turns raw corpus text into a tree of clauses with stable
//! addresses, extracts department duties and numeric targets, and indexes
//! clauses for search. It never prints and never depends on a terminal UI.

pub(crate) mod atomic_file;
pub mod compare;
pub mod corpus;
pub mod departments;
pub mod departments_format;
pub mod dirs;
pub mod export;
pub mod library;
pub mod parallel;
pub mod pinyin;
pub mod search;
pub mod targets;
pub mod targets_chart;
pub mod targets_format;
pub mod text;
pub mod timeline;

pub use corpus::source::{CorpusError, CorpusLocation, LoadWarning};
pub use library::{AddressError, Library, Resolved};
