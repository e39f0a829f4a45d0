//! The timeline view: targets and milestones grouped by deadline, then plan.

use ratatui::layout::Rect;
use ratatui::text::Line;
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
    let Some((rows, labels)) = select::timeline_rows(app) else {
        return;
    };
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(wrap_plain("没有带期限的指标。", width, theme.dim())),
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
                        "定性目标".into()
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
