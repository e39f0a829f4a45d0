//! The search view: query line, result list and a preview of the selection.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::super::select::{query_marks, result_clause};
use super::super::state::{App, IndexState, State};
use super::super::wrap::{mark_ranges, truncate, wrap_plain, wrap_runs};
use super::page_start;

/// Rows each result takes in the list.
const ROWS_PER_RESULT: usize = 2;

pub fn render(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let theme = &state.theme;
    let [query_area, rest] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let prompt = format!("{} ", t!("nav.view.search"));
    let count = if state.query.is_empty() {
        String::new()
    } else {
        format!("  {}", t!("nav.search.count", count = state.results.len()))
    };
    let count = match &state.index {
        IndexState::Ready(_) => count,
        IndexState::Building => format!("{count}  {}", t!("nav.search.index_building")),
        IndexState::Failed(e) => format!("{count}  {}", t!("nav.search.index_failed", error = e)),
    };
    let line = Line::from(vec![
        Span::styled(
            prompt.clone(),
            if state.typing {
                theme.active_tab()
            } else {
                theme.title()
            },
        ),
        Span::raw(" "),
        Span::raw(state.query.clone()),
        Span::styled(count, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), query_area);
    if state.typing && state.overlay.is_none() {
        let before: String = state.query.chars().take(state.cursor).collect();
        let x = query_area.x as usize + prompt.width() + 1 + before.width();
        if x < (query_area.x + query_area.width) as usize {
            frame.set_cursor_position(Position::new(x as u16, query_area.y));
        }
    }
    if rest.height == 0 {
        return;
    }
    let (list, preview) = if rest.width >= 120 {
        let [l, _, r] = Layout::horizontal([
            Constraint::Percentage(50),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(rest);
        (l, Some(r))
    } else if rest.height >= 12 {
        let [l, r] = Layout::vertical([Constraint::Percentage(55), Constraint::Min(1)]).areas(rest);
        (l, Some(r))
    } else {
        (rest, None)
    };
    render_list(state, app, frame, list);
    if let Some(preview) = preview {
        render_preview(state, app, frame, preview);
    }
}

fn render_list(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let theme = &state.theme;
    let width = area.width as usize;
    if state.results.is_empty() {
        let message = if state.query.trim().is_empty() {
            t!("nav.search.start")
        } else {
            t!("nav.search.nothing")
        };
        frame.render_widget(
            Paragraph::new(wrap_plain(&message, width, theme.dim())),
            area,
        );
        return;
    }
    let per_page = (area.height as usize / ROWS_PER_RESULT).max(1);
    let start = page_start(state.search_selected, per_page);
    let mut lines = Vec::new();
    for (i, row) in state.results.iter().enumerate().skip(start).take(per_page) {
        let clause = &app.library.clauses[row.clause];
        let selected = i == state.search_selected;
        let marker = if selected { theme.marker() } else { "  " };
        let head = truncate(&format!("{marker}{} {}", clause.id, clause.heading), width);
        lines.push(Line::styled(
            head,
            if selected {
                theme.selected()
            } else {
                theme.address()
            },
        ));
        let (snippet, highlights) = without_ellipses(&row.snippet, &row.highlights);
        let runs = mark_ranges(&snippet, &highlights, theme.text(), theme.hit());
        let mut snippet = wrap_runs(&runs, width.saturating_sub(4))
            .into_iter()
            .next()
            .unwrap_or_default();
        snippet.spans.insert(0, Span::raw("    "));
        lines.push(snippet);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The snippet without the … at its ends: … is of ambiguous width (two
/// cells in CJK-locale terminals) and the indented line already reads as
/// an excerpt.
fn without_ellipses(snippet: &str, highlights: &[(usize, usize)]) -> (String, Vec<(usize, usize)>) {
    let lead = usize::from(snippet.starts_with('…'));
    let text = snippet.strip_prefix('…').unwrap_or(snippet);
    let text = text.strip_suffix('…').unwrap_or(text);
    let shifted = highlights
        .iter()
        .map(|&(s, e)| (s.saturating_sub(lead), e.saturating_sub(lead)))
        .collect();
    (text.to_string(), shifted)
}

fn render_preview(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let theme = &state.theme;
    let Some(c) = result_clause(state, app, state.search_selected) else {
        return;
    };
    let clause = &app.library.clauses[c];
    let width = area.width as usize;
    let mut lines = vec![Line::styled(
        truncate(
            &format!(" {}", t!("nav.search.preview", address = clause.id)),
            width,
        ),
        theme.title(),
    )];
    lines.extend(wrap_plain(
        &app.library.breadcrumb(clause).join(theme.separator()),
        width,
        theme.dim(),
    ));
    let runs = mark_ranges(
        &clause.text,
        &query_marks(state, &clause.text),
        theme.text(),
        theme.hit(),
    );
    lines.extend(wrap_runs(&runs, width));
    lines.truncate(area.height as usize);
    frame.render_widget(Paragraph::new(lines), area);
}
