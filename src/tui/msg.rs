//! Messages the event loop feeds to `update`.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use policy_nav::search::SearchIndex;
use policy_nav::Library;

/// Something that happened.
#[derive(Clone)]
pub enum Msg {
    /// The search index finished opening or building (off the input path);
    /// the note says where it lives when that is not the default. The
    /// number is the library generation it belongs to (the event loop
    /// drops an index of a corpus that has since been reloaded).
    IndexReady(Result<Arc<SearchIndex>, String>, Option<String>, u64),
    /// A key was pressed (releases and repeats are filtered out before).
    Key(KeyEvent),
    /// Text was pasted (bracketed paste).
    Paste(String),
    /// The terminal was resized.
    Resize(u16, u16),
    /// A mouse event (only with --mouse).
    Mouse(MouseEvent),
    /// SIGTERM, SIGHUP or SIGINT arrived: leave cleanly.
    Terminate,
    /// An export (`Effect::Export`) was written: how many rows and where,
    /// or why not.
    Exported(Result<(usize, std::path::PathBuf), String>),
    /// The corpus finished loading (handled by the event loop before any
    /// state exists; `update` ignores it).
    Loaded(Result<Arc<Library>, String>),
    /// A file of the corpus was added, changed or removed; it is being
    /// read again in the background.
    CorpusChanging,
    /// The corpus was read again after files changed, or why it could not
    /// be (what was loaded stays). The event loop swaps the library;
    /// `update` only reports a failure.
    Reloaded(Result<Arc<Library>, String>),
}
