//! policy-nav: a navigator for Chinese policy documents.
//!
//! The library turns raw corpus text into a tree of clauses with stable
//! addresses, extracts department duties and numeric targets, and indexes
//! clauses for search. It never prints and never depends on a terminal UI.
pub mod search;
