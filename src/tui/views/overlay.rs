//! Overlays: help, go-to-address with completion, pickers, comparison and
//! the query explanation; each clears the box it covers and has a frame.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use crate::keys;

use super::super::state::{App, Overlay, State};
use super::super::wrap::{pad, truncate, wrap_plain};

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn render(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let theme = &state.theme;
    let Some(overlay) = &state.overlay else {
        return;
    };
    // Full width up to 90 columns, so nothing of the view shows beside the box.
    let box_width = if area.width <= 90 { area.width } else { 90 };
    let box_area = centered(area, box_width, area.height.saturating_sub(2).max(3));
    let width = box_area.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    match overlay {
        Overlay::Help { scroll } => {
            lines.push(Line::styled(
                format!(" {}", t!("nav.help.title")),
                theme.title(),
            ));
            let mut body = Vec::new();
            for (section, rows) in help_sections(state) {
                body.push(Line::styled(section, theme.title()));
                for (keys, what) in rows {
                    // Keys too wide for their column get a line of their own;
                    // the text wraps within its column.
                    let mut first = pad(&keys, KEY_COLUMN);
                    if keys.width() >= KEY_COLUMN {
                        body.push(Line::styled(truncate(&keys, width), theme.text()));
                        first = " ".repeat(KEY_COLUMN);
                    }
                    let text_width = width.saturating_sub(KEY_COLUMN).max(1);
                    for (i, mut line) in wrap_plain(&what, text_width, theme.text())
                        .into_iter()
                        .enumerate()
                    {
                        let lead = if i == 0 {
                            first.clone()
                        } else {
                            " ".repeat(KEY_COLUMN)
                        };
                        line.spans.insert(0, Span::raw(lead));
                        body.push(line);
                    }
                }
            }
            lines.extend(body.into_iter().skip(*scroll));
        }
        Overlay::GoTo {
            input,
            selected,
            error,
        } => {
            lines.push(Line::styled(
                format!(" {}", t!("nav.goto.title")),
                theme.title(),
            ));
            lines.push(Line::raw(format!(": {input}")));
            if let Some(error) = error {
                lines.extend(wrap_plain(error, width, theme.warning()));
            }
            let options = super::super::select::completions(app, input);
            let sel = (*selected).min(options.len().saturating_sub(1));
            for (i, id) in options
                .iter()
                .enumerate()
                .take(box_area.height.saturating_sub(4) as usize)
            {
                let marker = if i == sel { theme.marker() } else { "  " };
                let heading = app
                    .library
                    .clause_by_id(id)
                    .map(|c| c.display_heading())
                    .unwrap_or_default();
                let style = if i == sel {
                    theme.selected()
                } else {
                    theme.text()
                };
                lines.push(Line::styled(
                    truncate(&format!("{marker}{id} {heading}"), width),
                    style,
                ));
            }
        }
        Overlay::FindDepartment { input, error } => {
            lines.push(Line::styled(
                format!(" {}", t!("nav.find_department.title")),
                theme.title(),
            ));
            lines.push(Line::raw(format!("> {input}")));
            if let Some(error) = error {
                lines.extend(wrap_plain(error, width, theme.warning()));
            }
        }
        Overlay::Text {
            title,
            lines: text,
            scroll,
        } => {
            lines.push(Line::styled(
                format!(" {}", t!("nav.text.title", title = title)),
                theme.title(),
            ));
            for l in text.iter().skip(*scroll) {
                lines.extend(wrap_plain(l, width, theme.text()));
            }
        }
        Overlay::Compare { clauses, scroll } => {
            use super::super::wrap::{mark_ranges, wrap_runs};
            use policy_nav::compare::char_diff;
            lines.push(Line::styled(
                format!(" {}", t!("nav.compare.title")),
                theme.title(),
            ));
            let library = &app.library;
            let reference = &library.clauses[clauses[0]].text;
            let mut body: Vec<Line> = Vec::new();
            for (i, &c) in clauses.iter().enumerate() {
                let clause = &library.clauses[c];
                let marks: Vec<(usize, usize)> = if i == 0 {
                    clauses.get(1).map_or(Vec::new(), |&other| {
                        char_diff(reference, &library.clauses[other].text)
                            .old_changed()
                            .iter()
                            .map(|r| (r[0], r[1]))
                            .collect()
                    })
                } else {
                    char_diff(reference, &clause.text)
                        .new_changed()
                        .iter()
                        .map(|r| (r[0], r[1]))
                        .collect()
                };
                body.push(Line::styled(
                    truncate(
                        &format!("{} {}", clause.id, library.citation(clause)),
                        width,
                    ),
                    theme.address(),
                ));
                body.extend(wrap_runs(
                    &mark_ranges(&clause.text, &marks, theme.text(), theme.hit()),
                    width,
                ));
                body.push(Line::raw(""));
            }
            lines.extend(body.into_iter().skip(*scroll));
        }
        Overlay::Pick {
            title,
            rows,
            selected,
        } => {
            lines.push(Line::styled(
                format!(" {}", t!("nav.pick.title", title = title)),
                theme.title(),
            ));
            for (i, (label, _)) in rows.iter().enumerate() {
                let marker = if i == *selected { theme.marker() } else { "  " };
                let style = if i == *selected {
                    theme.selected()
                } else {
                    theme.text()
                };
                lines.push(Line::styled(
                    truncate(&format!("{marker}{label}"), width),
                    style,
                ));
            }
        }
    }
    let height = (lines.len() as u16 + 2).min(box_area.height);
    let box_area = Rect { height, ..box_area };
    // The view behind is cleared, not only the box: beside a box narrower
    // than the screen it would show as cut fragments.
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_set(theme.frame())
        .border_style(theme.frame_style());
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    frame.render_widget(Paragraph::new(lines).style(theme.text()), inner);
}

/// Cells of the help's key column.
const KEY_COLUMN: usize = 18;

/// The help's sections, the current place's first: each a title and rows of
/// keys and what they do, from the key table with the configured keys, in
/// the user's language.
pub fn help_sections(state: &State) -> Vec<(String, Vec<(String, String)>)> {
    let rows = keys::help_rows(&state.keys);
    keys::help_sections(state.view_place())
        .into_iter()
        .map(|section| {
            let rows = rows
                .iter()
                .filter(|r| r.section == section)
                .map(|r| (keys::keys_text(&r.keys, false), t!(r.help).into_owned()))
                .collect();
            (t!(section).into_owned(), rows)
        })
        .filter(|(_, rows): &(String, Vec<_>)| !rows.is_empty())
        .collect()
}
