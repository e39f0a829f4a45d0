//! The timeline view: targets and milestones grouped by deadline, then plan.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use policy_nav::targets_format::target_text;
use policy_nav::timeline::timeline;

use super::super::state::{App, State};
use super::super::wrap::{pad, truncate, wrap_plain};
use super::page_start;

/// One row of the timeline: a deadline heading or a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Index into the groups.
    Deadline(usize),
    /// Index into `library.targets`.
    Target(usize),
}

/// The timeline's rows and the deadline groups' labels.
pub type Rows = (Vec<Row>, Vec<String>);

/// Rows in display order (milestones included: the timeline is where the
/// 2030 picture lives), computed on first use.
pub fn rows(app: &App) -> &Rows {
    app.timeline_rows.get_or_init(|| derive_rows(app))
}

fn derive_rows(app: &App) -> Rows {
    let groups = timeline(&app.library.targets, false);
    let mut rows = Vec::new();
    let mut labels = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        rows.push(Row::Deadline(g));
        labels.push(group.spellings.join(" / "));
        for plan in &group.plans {
            rows.extend(plan.targets.iter().map(|&t| Row::Target(t)));
        }
    }
    (rows, labels)
}

pub fn render(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let theme = &state.theme;
    let width = area.width as usize;
    let (rows, labels) = rows(app);
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
                Row::Deadline(g) => (format!("{marker}{}", labels[g]), theme.title()),
                Row::Target(t) => {
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
                            target.clause
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
