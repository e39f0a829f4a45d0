//! The document view: collapsible outline and the reader.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use policy_nav::corpus::ClauseKind;

use super::super::state::{App, Focus, Jump, OutlineRow, State};
use super::super::wrap::{mark_ranges, truncate, wrap_plain, wrap_runs};
use super::page_start;

/// Outline and reader areas; on narrow screens only the focused pane shows.
pub fn areas(state: &State, area: Rect) -> (Option<Rect>, Option<Rect>) {
    let outline = (area.width as usize * 36 / 100).clamp(24, 40) as u16;
    super::two_panes(area, state.doc.focus, outline)
}

/// Reader width for a terminal size (update uses it to scroll).
fn reader_width(state: &State) -> usize {
    let body = Rect::new(0, 1, state.size.0, state.size.1.saturating_sub(2));
    match areas(state, body) {
        (_, Some(r)) => r.width as usize,
        (Some(o), None) => o.width as usize,
        _ => 0,
    }
}

pub fn render(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let (outline, reader) = areas(state, area);
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
            truncate(" 目录", area.width as usize),
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

/// Character range of paragraph `p` in a clause's text.
pub fn paragraph_range(app: &App, clause: usize, p: usize) -> (usize, usize) {
    let clause = &app.library.clauses[clause];
    let start: usize = clause.paragraphs[..p]
        .iter()
        .map(|q| q.text.chars().count() + 1)
        .sum();
    (start, start + clause.paragraphs[p].text.chars().count())
}

/// The reader's lines at `width`, and the line on which each mark starts.
fn reader_lines(state: &State, app: &App, width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
    let theme = &state.theme;
    let library = &app.library;
    let clause = &library.clauses[state.doc.clause];
    let mut lines = Vec::new();
    lines.extend(wrap_plain(&clause.id, width, theme.address()));
    lines.extend(wrap_plain(
        &library.breadcrumb(clause).join(theme.separator()),
        width,
        theme.dim(),
    ));
    let doc = &library.documents[clause.document];
    lines.extend(wrap_plain(
        &format!(
            "{} 第{}–{}行",
            doc.path, clause.lines.first, clause.lines.last
        ),
        width,
        theme.dim(),
    ));
    lines.push(Line::raw(""));
    let mut mark_starts: Vec<(usize, usize)> = state
        .doc
        .marks
        .iter()
        .map(|&(s, _)| (s, usize::MAX))
        .collect();
    let mut offset = 0;
    for paragraph in &clause.paragraphs {
        let len = paragraph.text.chars().count();
        let marks: Vec<(usize, usize)> = state
            .doc
            .marks
            .iter()
            .filter(|&&(s, e)| e > offset && s < offset + len)
            .map(|&(s, e)| (s.saturating_sub(offset), (e - offset).min(len)))
            .collect();
        let runs = mark_ranges(&paragraph.text, &marks, theme.text(), theme.hit());
        let mut consumed = offset;
        for line in wrap_runs(&runs, width) {
            let chars: usize = line.spans.iter().map(|s| s.content.chars().count()).sum();
            for m in mark_starts.iter_mut() {
                if m.1 == usize::MAX && m.0 >= consumed && m.0 < consumed + chars.max(1) {
                    m.1 = lines.len();
                }
            }
            consumed += chars;
            lines.push(line);
        }
        offset += len + 1;
    }
    if clause.paragraphs.is_empty() {
        lines.push(Line::styled("（本节无正文，见其下各条）", theme.dim()));
    }
    let targets: Vec<String> = library
        .targets
        .iter()
        .filter(|t| t.clause == clause.id)
        .map(target_line)
        .collect();
    if !targets.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("指标", theme.title()));
        for t in targets {
            lines.extend(wrap_plain(&t, width, theme.text()));
        }
    }
    let roles = library.departments.clause_departments(&clause.id);
    if !roles.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("部门", theme.title()));
        for (label, names) in [
            ("牵头", &roles.lead),
            ("配合", &roles.support),
            ("负责", &roles.responsible),
            ("提及", &roles.mentioned),
        ] {
            if !names.is_empty() {
                lines.extend(wrap_plain(
                    &format!("{label}：{}", names.join("、")),
                    width,
                    theme.text(),
                ));
            }
        }
    }
    let starts = mark_starts
        .into_iter()
        .map(|(_, l)| if l == usize::MAX { 0 } else { l })
        .collect();
    (lines, starts)
}

/// Number of wrapped reader lines at the current size.
pub fn reader_line_count(state: &State, app: &App) -> usize {
    reader_lines(state, app, reader_width(state).max(1)).0.len()
}

/// Line index of each highlighted span, in order.
pub fn mark_lines(state: &State, app: &App) -> Vec<usize> {
    reader_lines(state, app, reader_width(state).max(1)).1
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
                &format!(" 阅读 {}", clause.display_heading()),
                area.width as usize,
            ),
            title_style,
        )),
        title,
    );
    let (lines, _) = reader_lines(state, app, text.width as usize);
    let height = text.height as usize;
    let scroll = state
        .doc
        .scroll
        .min(lines.len().saturating_sub(height.max(1)));
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), text);
}

/// Jumps to the departments named in the reader's clause.
pub fn department_jumps(state: &State, app: &App) -> Vec<(String, Jump)> {
    let library = &app.library;
    let clause = &library.clauses[state.doc.clause];
    let roles = library.departments.clause_departments(&clause.id);
    let groups = [
        ("牵头", &roles.lead),
        ("配合", &roles.support),
        ("负责", &roles.responsible),
        ("提及", &roles.mentioned),
    ];
    let mut rows = Vec::new();
    for (label, names) in groups {
        for name in names {
            if let Some(i) = library
                .departments
                .departments()
                .iter()
                .position(|d| d.name == *name)
            {
                rows.push((format!("{label} {name}"), Jump::Department(i)));
            }
        }
    }
    rows
}

/// Jumps to the targets stated in the reader's clause (highlighting each).
pub fn target_jumps(state: &State, app: &App) -> Vec<(String, Jump)> {
    let id = &app.library.clauses[state.doc.clause].id;
    app.library
        .targets
        .iter()
        .filter(|t| t.clause == *id)
        .filter_map(|t| Some((target_line(t), super::targets::jump(app, t)?)))
        .collect()
}

/// One target as a line of text: 吨钢综合能耗 降低2%以上（比2023年，2025年底）.
fn target_line(t: &policy_nav::targets::Target) -> String {
    let mut context = Vec::new();
    if let Some(y) = t.baseline_year {
        context.push(format!("比{y}年"));
    }
    if let Some(d) = &t.deadline {
        context.push(d.clone());
    }
    let context = if context.is_empty() {
        String::new()
    } else {
        format!("（{}）", context.join("，"))
    };
    format!(
        "{} {}{context}",
        t.metric,
        policy_nav::targets_format::target_text(t)
    )
}
