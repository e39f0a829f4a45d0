//! The timeline view: targets and milestones grouped by deadline, then plan.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use policy_nav::targets_format::target_text;

use super::super::select;
use super::super::state::{App, State, TimelineRow};
use super::super::wrap::{pad, truncate, wrap_plain};
use super::page_start;

pub fn render(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let theme = &state.theme;
    let width = area.width as usize;
    let Some((_, labels)) = select::timeline_rows(app) else {
        return;
    };
    let rows = select::visible_timeline_rows(state, app);
    let [head, area] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let find = &state.timeline_find;
    let count = rows
        .iter()
        .filter(|r| matches!(r, TimelineRow::Target(_)))
        .count();
    let mut spans = super::targets::find_spans(state, find);
    let lead = if spans.is_empty() { " " } else { "  " };
    spans.push(Span::styled(
        format!("{lead}{}", t!("nav.count", count = count)),
        theme.title(),
    ));
    super::render_find_line(state, find, frame, head, spans);
    if rows.is_empty() {
        let message = if find.is_active() {
            t!("nav.targets.no_match", words = find.text.trim())
        } else {
            t!("nav.timeline.none")
        };
        frame.render_widget(
            Paragraph::new(wrap_plain(&message, width, theme.dim())),
            area,
        );
        return;
    }
    let height = area.height as usize;
    let start = page_start(state.timeline_selected, height);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, row)| {
            let selected = i == state.timeline_selected;
            let marker = if selected { theme.marker() } else { "  " };
            let (text, style) = match *row {
                TimelineRow::Deadline(g) => (format!("{marker}{}", labels[g]), theme.title()),
                TimelineRow::Target(t) => {
                    let target = &app.library.targets[t];
                    let goal = if target.value.is_some() {
                        target_text(target)
                    } else {
                        t!("nav.timeline.qualitative").into_owned()
                    };
                    (
                        format!(
                            "{marker}  {} {} {}  {}",
                            pad(&target.plan, 6),
                            target.metric,
                            goal,
                            target.address
                        ),
                        theme.text(),
                    )
                }
            };
            Line::styled(
                truncate(&text, width),
                if selected { theme.selected() } else { style },
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
