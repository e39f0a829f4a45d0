//! The document view: collapsible outline and the reader.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use policy_nav::corpus::ClauseKind;

use super::super::select;
use super::super::state::{App, Focus, OutlineRow, State};
use super::super::wrap::truncate;
use super::page_start;

pub fn render(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let (outline, reader) = select::areas(state, area);
    if let Some(area) = outline {
        render_outline(state, app, frame, area);
    }
    if let Some(area) = reader {
        render_reader(state, app, frame, area);
    }
}

fn row_label(state: &State, app: &App, row: OutlineRow) -> String {
    let library = &app.library;
    match row {
        OutlineRow::Plan(p) => {
            let plan = &library.plans[p];
            format!(
                "{}{}",
                state.theme.fold(state.doc.collapsed.contains(&p)),
                plan.title
            )
        }
        OutlineRow::Clause(c) => {
            let clause = &library.clauses[c];
            let indent = "  ".repeat(State::row_depth(app, row));
            match clause.kind {
                ClauseKind::Notice | ClauseKind::Untitled => format!(
                    "{}{}",
                    clause.id,
                    if clause.heading != clause.id {
                        format!(" {}", clause.heading)
                    } else {
                        String::new()
                    }
                ),
                _ => format!("{indent}{}", clause.display_heading()),
            }
        }
    }
}

fn render_outline(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let theme = &state.theme;
    let [title, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let title_style = if state.doc.focus == Focus::List {
        theme.active_tab()
    } else {
        theme.title()
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(
                &format!(" {}", t!("nav.place.outline")),
                area.width as usize,
            ),
            title_style,
        )),
        title,
    );
    let height = list.height as usize;
    let start = page_start(state.doc.selected, height);
    let width = list.width as usize;
    let lines: Vec<Line> = state
        .doc
        .rows
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, &row)| {
            let selected = i == state.doc.selected;
            let marker = if selected { theme.marker() } else { "  " };
            let text = truncate(&format!("{marker}{}", row_label(state, app, row)), width);
            let style = match (selected, row) {
                (true, _) => theme.selected(),
                (false, OutlineRow::Plan(_)) => theme.title(),
                _ => theme.text(),
            };
            Line::styled(text, style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

fn render_reader(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let theme = &state.theme;
    let [title, text] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let title_style = if state.doc.focus == Focus::Detail {
        theme.active_tab()
    } else {
        theme.title()
    };
    let clause = &app.library.clauses[state.doc.clause];
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(
                &format!(
                    " {}",
                    t!("nav.document.reader", heading = clause.display_heading())
                ),
                area.width as usize,
            ),
            title_style,
        )),
        title,
    );
    let (lines, _) = select::reader_lines(state, app, text.width as usize);
    let height = text.height as usize;
    let scroll = state
        .doc
        .scroll
        .min(lines.len().saturating_sub(height.max(1)));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), text);
}
