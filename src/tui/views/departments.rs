//! The departments view: every department with role counts, and the
//! selected one's aliases, counterparts and duties grouped by role.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use policy_nav::departments::{Department, Role};

use super::super::select;
use super::super::state::{App, Focus, State};
use super::super::wrap::{truncate, wrap_plain};
use super::page_start;

/// A compact role summary such as `牵14 负35 提11` (`L14 R35 M11`).
fn counts(dept: &Department) -> String {
    let counts = dept.role_counts();
    Role::ALL
        .iter()
        .filter(|&&r| counts.get(r) > 0)
        .map(|&r| {
            format!(
                "{}{}",
                select::role_label(r).chars().next().unwrap_or(' '),
                counts.get(r)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn render(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    let (list, detail) = select::two_panes(area, state.depts.focus, 34);
    let departments = app.library.departments.departments();
    if departments.is_empty() {
        frame.render_widget(
            Paragraph::new(wrap_plain(
                &t!("nav.departments.none"),
                area.width as usize,
                state.theme.dim(),
            )),
            area,
        );
        return;
    }
    if let Some(area) = list {
        render_list(state, departments, frame, area);
    }
    if let Some(area) = detail {
        if let Some(dept) = departments.get(state.depts.selected) {
            render_detail(state, app, dept, frame, area);
        }
    }
}

fn render_list(state: &State, departments: &[Department], frame: &mut Frame, area: Rect) {
    let theme = &state.theme;
    let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let style = if state.depts.focus == Focus::List {
        theme.active_tab()
    } else {
        theme.title()
    };
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(
                &format!(
                    " {}",
                    t!("nav.departments.title", count = departments.len())
                ),
                area.width as usize,
            ),
            style,
        )),
        title,
    );
    let height = body.height as usize;
    let start = page_start(state.depts.selected, height);
    let width = body.width as usize;
    let lines: Vec<Line> = departments
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, d)| {
            let selected = i == state.depts.selected;
            let marker = if selected { theme.marker() } else { "  " };
            let text = truncate(&format!("{marker}{} {}", d.name, counts(d)), width);
            Line::styled(
                text,
                if selected {
                    theme.selected()
                } else {
                    theme.text()
                },
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

fn render_detail(state: &State, app: &App, dept: &Department, frame: &mut Frame, area: Rect) {
    let theme = &state.theme;
    let width = area.width as usize;
    let style = if state.depts.focus == Focus::Detail {
        theme.active_tab()
    } else {
        theme.title()
    };
    let mut header = vec![Line::styled(
        truncate(&format!(" {}", dept.name), width),
        style,
    )];
    if !dept.aliases.is_empty() {
        header.extend(wrap_plain(
            &t!(
                "nav.labelled",
                label = t!("nav.departments.aliases"),
                text = dept.aliases.join(&t!("nav.list_separator"))
            ),
            width,
            theme.dim(),
        ));
    }
    let counterparts: Vec<String> = [
        ("nav.departments.province", &dept.counterparts.province),
        ("nav.departments.city", &dept.counterparts.city),
    ]
    .iter()
    .filter_map(|(level, name)| name.as_ref().map(|n| format!("{} {n}", t!(*level))))
    .collect();
    if !counterparts.is_empty() {
        header.extend(wrap_plain(
            &t!(
                "nav.labelled",
                label = t!("nav.departments.counterparts"),
                text = counterparts.join(&t!("nav.departments.counterpart_separator"))
            ),
            width,
            theme.dim(),
        ));
    }
    let rows = select::duty_rows(app, dept);
    let mut lines: Vec<(Option<usize>, Line)> = Vec::new();
    let mut last_role = None;
    for (i, (role, label, _)) in rows.iter().enumerate() {
        if last_role != Some(*role) {
            let n = rows.iter().filter(|r| r.0 == *role).count();
            lines.push((
                None,
                Line::styled(
                    t!(
                        "nav.departments.role_heading",
                        role = select::role_label(*role),
                        count = n
                    ),
                    theme.title(),
                ),
            ));
            last_role = Some(*role);
        }
        let selected = state.depts.focus == Focus::Detail && i == state.depts.duty;
        let marker = if selected { theme.marker() } else { "  " };
        let style = if selected {
            theme.selected()
        } else {
            theme.text()
        };
        lines.push((
            Some(i),
            Line::styled(truncate(&format!("{marker}{label}"), width), style),
        ));
    }
    let height = (area.height as usize).saturating_sub(header.len());
    let selected_line = lines
        .iter()
        .position(|(i, _)| *i == Some(state.depts.duty))
        .unwrap_or(0);
    let start = page_start(selected_line, height.max(1));
    header.extend(lines.into_iter().skip(start).take(height).map(|(_, l)| l));
    frame.render_widget(Paragraph::new(header), area);
}
