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
pub mod file_stat;
pub mod i18n;
pub mod library;
pub mod parallel;
pub mod pinyin;
pub mod search;
pub mod targets;
pub mod targets_chart;
pub mod targets_format;
pub mod text;
pub mod timeline;

// Messages by key in both languages (see `i18n`). include_str! makes the
// compiler track the file, so editing a message rebuilds the crate.
rust_i18n::i18n!("locales", fallback = "zh");
const _MESSAGES: &str = include_str!("../locales/messages.toml");

/// A message by key in the user's language (`locales/messages.toml`).
macro_rules! t {
    ($($arg:tt)*) => {{
        $crate::i18n::ensure_language();
        rust_i18n::t!($($arg)*)
    }};
}
pub(crate) use t;

pub use corpus::source::{CorpusError, CorpusLocation, LoadWarning};
pub use library::{AddressError, Library, Resolved};
