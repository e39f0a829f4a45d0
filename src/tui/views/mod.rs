//! Pure render functions: `render(&State, &App, &mut Frame)` draws
//! everything from state; nothing here changes state.

pub mod departments;
pub mod document;
pub mod overlay;
pub mod search;
pub mod targets;
pub mod timeline;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::keys;

use super::state::{App, State, View};
use super::wrap::truncate;

/// Draws the whole screen.
pub fn render(state: &State, app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < 2 || area.height < 3 {
        frame.render_widget(Paragraph::new("policy-nav"), area);
        return;
    }
    let [tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_tabs(state, frame, tabs);
    match state.view {
        View::Search => search::render(state, app, frame, body),
        View::Document => document::render(state, app, frame, body),
        View::Departments => departments::render(state, app, frame, body),
        View::Targets => targets::render(state, app, frame, body),
        View::Timeline => timeline::render(state, app, frame, body),
    }
    render_status(state, frame, status);
    if state.overlay.is_some() {
        overlay::render(state, app, frame, body);
    }
}

fn render_tabs(state: &State, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    for (n, view) in View::ALL.iter().enumerate() {
        let label = format!(" {} {} ", n + 1, view.label());
        let style = if *view == state.view {
            state.theme.active_tab()
        } else {
            state.theme.dim()
        };
        spans.push(Span::styled(label, style));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    // The key that opens the help where the keyboard is now (`?` is text in
    // the query line, where the navigator starts).
    let hint = keys::key_at(keys::Action::Help, state.view_place(), &state.keys)
        .map(|key| format!(" {} {} ", key.label(false), t!("nav.hint.help")))
        .unwrap_or_default();
    if !hint.is_empty() && used + hint.width() < area.width as usize {
        spans.push(Span::raw(
            " ".repeat(area.width as usize - used - hint.width()),
        ));
        spans.push(Span::styled(hint, state.theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_status(state: &State, frame: &mut Frame, area: Rect) {
    let line = match &state.status {
        Some(message) => Line::styled(message.clone(), state.theme.warning()),
        None => Line::styled(hints(state), state.theme.dim()),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The hint line, from the key table and the config's keys.
fn hints(state: &State) -> String {
    let place = match state.view_place() {
        keys::OUTLINE | keys::READER => keys::DOCUMENT,
        keys::DEPT_LIST | keys::DUTIES => keys::DEPARTMENTS,
        keys::TARGET_TABLE | keys::CHART => keys::TARGETS,
        place => place,
    };
    keys::hint_line(place, &state.keys)
}

/// A list's line over its rows: `spans` (the find line first), with the
/// cursor after the words while they are typed.
pub fn render_find_line(
    state: &State,
    find: &super::state::FindField,
    frame: &mut Frame,
    area: Rect,
    spans: Vec<Span<'static>>,
) {
    let width = area.width as usize;
    if find.typing && state.overlay.is_none() {
        let before: usize = spans.iter().take(2).map(|s| s.content.width()).sum();
        if before < width {
            frame.set_cursor_position(ratatui::layout::Position::new(
                area.x + before as u16,
                area.y,
            ));
        }
    }
    let mut used = 0;
    let mut fitted = Vec::new();
    for span in spans {
        let w = span.content.width();
        if used + w > width {
            fitted.push(Span::styled(
                truncate(&span.content, width - used),
                span.style,
            ));
            break;
        }
        used += w;
        fitted.push(span);
    }
    frame.render_widget(Paragraph::new(Line::from(fitted)), area);
}

/// First row of the page holding `selected`, for a list `height` rows tall.
/// Paging (not smooth scrolling) keeps redraws small over SSH.
pub fn page_start(selected: usize, height: usize) -> usize {
    selected.checked_div(height).map_or(0, |page| page * height)
}
