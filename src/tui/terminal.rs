//! Terminal setup and restoration: raw mode, alternate screen, bracketed
//! paste, optional mouse capture. Restored on drop, on panic and (through
//! the event loop) on SIGTERM/SIGHUP/SIGINT.

use std::io::{self, Write};

use ratatui::crossterm::{
    cursor,
    event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture},
    execute,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};

/// Puts the terminal in interface mode; restores it when dropped.
pub struct TerminalGuard {
    mouse: bool,
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen.
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        terminal::enable_raw_mode()?;
        let guard = TerminalGuard { mouse };
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        install_panic_hook(mouse);
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

/// Leaves interface mode. Errors are ignored: after a hang-up there may be
/// no terminal left to talk to.
pub fn restore(mouse: bool) {
    let mut out = io::stdout();
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(mouse);
        previous(info);
    }));
}

/// The OSC 52 sequence that puts `text` on the user's local clipboard,
/// even over SSH.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    format!(
        "\x1b]52;c;{}\x07",
        base64::engine::general_purpose::STANDARD.encode(text)
    )
}
