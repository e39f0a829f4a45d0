//! Interface tests without a terminal: key sequences through `update`, and
//! whole-screen snapshots of `render` on a `TestBackend`.

use std::sync::{Arc, OnceLock};

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

use policy_nav::Library;

use super::msg::Msg;
use super::state::{App, State, View};
use super::theme::Theme;
use super::update::update;
use super::views;

fn app() -> App {
    static LIBRARY: OnceLock<Arc<Library>> = OnceLock::new();
    let library = LIBRARY.get_or_init(|| {
        Arc::new(Library::from_texts(&[(
            "jiangsu-2024-1057",
            include_str!("../../corpus/jiangsu-2024-1057.txt"),
        )]))
    });
    App {
        library: library.clone(),
    }
}

const MONO: Theme = Theme {
    color: false,
    ascii: false,
};

fn key(state: &mut State, app: &App, code: KeyCode) {
    update(
        state,
        app,
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
    );
}

fn typed(state: &mut State, app: &App, text: &str) {
    for c in text.chars() {
        key(state, app, KeyCode::Char(c));
    }
}

fn screen(state: &State, app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(state.size.0, state.size.1)).unwrap();
    terminal.draw(|f| views::render(state, app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn every_view_renders_at_every_size_without_panicking() {
    let app = app();
    for view in View::ALL {
        for w in [1u16, 2, 5, 10, 20, 40, 79, 80, 120, 200] {
            for h in [1u16, 2, 3, 5, 10, 24, 40] {
                let mut state = State::new(&app, (w, h), MONO);
                state.view = view;
                screen(&state, &app);
                key(&mut state, &app, KeyCode::Char('?'));
                screen(&state, &app);
            }
        }
    }
}

#[test]
fn esc_never_quits_or_loses_the_place() {
    let app = app();
    let mut state = State::new(&app, (80, 24), MONO);
    for view in View::ALL {
        state.view = view;
        for _ in 0..3 {
            key(&mut state, &app, KeyCode::Esc);
        }
        assert!(!state.quit);
        assert_eq!(state.view, view);
    }
}

#[test]
fn document_view_walks_the_outline_and_goes_back() {
    let app = app();
    let mut state = State::new(&app, (80, 24), MONO);
    key(&mut state, &app, KeyCode::Tab);
    assert_eq!(state.view, View::Document);
    // 通知, the plan row, 序, 一, 二, then the first item.
    for _ in 0..5 {
        key(&mut state, &app, KeyCode::Char('j'));
    }
    let clause = state.doc.clause;
    assert_eq!(app.library.clauses[clause].id, "钢铁:二(一)");
    let text = screen(&state, &app);
    assert!(text.contains("完善产能调控和产量管理"), "{text}");

    // Go to an address, then come back to exactly where we were.
    key(&mut state, &app, KeyCode::Char(':'));
    typed(&mut state, &app, "steel:2.5");
    key(&mut state, &app, KeyCode::Enter);
    assert_eq!(app.library.clauses[state.doc.clause].id, "钢铁:二(五)");
    key(&mut state, &app, KeyCode::Backspace);
    assert_eq!(state.doc.clause, clause);
    assert_eq!(state.view, View::Document);
    update(
        &mut state,
        &app,
        Msg::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::ALT)),
    );
    assert_eq!(app.library.clauses[state.doc.clause].id, "钢铁:二(五)");
}
