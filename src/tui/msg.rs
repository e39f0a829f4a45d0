//! Messages the event loop feeds to `update`.

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

/// Something that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
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
}
