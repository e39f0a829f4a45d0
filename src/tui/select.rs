//! Selectors: rows and lists derived from the state and the library, read
//! by both `update` (to move, jump, export) and the views (to draw). The
//! memos (timeline rows, chart groups) are filled by `update` through
//! [`prepare`]; the views only read them.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

use std::cmp::Ordering;
use std::sync::Arc;

use policy_nav::departments::{ClauseDepartments, Department, Role};
use policy_nav::targets::{Target, TargetFilter, TargetFind};
use policy_nav::targets_chart::{chart_group, group_rows, shared_groups, ChartGroup};
use policy_nav::text::fold_width;
use policy_nav::timeline::{compare_deadlines, timeline};

use super::state::{
    App, ChartMemo, Focus, Jump, State, TargetColumn, TimelineRow, TimelineRows, View,
};
use super::wrap::{mark_ranges, wrap_plain, wrap_runs};

/// Bars built for the chart shown: one per row with a row between, so
/// more than any terminal shows.
const CHART_BARS: usize = 256;

/// Fills the memos the current screen needs (called by `update`, never by
/// a view).
pub fn prepare(state: &mut State, app: &App) {
    if state.view == View::Timeline {
        app.timeline_rows
            .get_or_init(|| derive_timeline_rows(&app.library));
    }
    if state.view == View::Targets && state.targets.chart {
        let targets = &app.library.targets;
        let deadline = &state.targets.deadline;
        if state
            .targets
            .chart_groups
            .as_ref()
            .is_none_or(|memo| &memo.deadline != deadline)
        {
            let all = app.chart_rows.get_or_init(|| group_rows(targets));
            let filter = TargetFilter {
                deadline: deadline.clone(),
                ..TargetFilter::default()
            };
            let mut kept = vec![false; targets.len()];
            for i in filter.select_indices(targets) {
                kept[i] = true;
            }
            state.targets.chart_groups = Some(ChartMemo {
                deadline: deadline.clone(),
                groups: Arc::new(shared_groups(targets, all, &kept)),
                shown: None,
            });
        }
        let wanted = state.targets.chart_group;
        if let Some(memo) = &mut state.targets.chart_groups {
            if let Some(last) = memo.groups.len().checked_sub(1) {
                let at = wanted.min(last);
                if memo.shown.as_ref().is_none_or(|(i, _)| *i != at) {
                    let group = chart_group(targets, &memo.groups[at], CHART_BARS);
                    memo.shown = Some((at, Arc::new(group)));
                }
            }
        }
    }
}

// The search view.

/// Clause of the `n`th result.
pub fn result_clause(state: &State, _app: &App, n: usize) -> Option<usize> {
    state.results.get(n).map(|r| r.clause)
}

/// Number of results.
pub fn result_count(state: &State, _app: &App) -> usize {
    state.results.len()
}

/// The words and phrases the query asks for (the library's query parser:
/// exclusions and `plan:`/`dept:`/`role:` filters are not words), used to
/// highlight hits in the reader.
pub fn query_words(query: &str) -> Vec<String> {
    policy_nav::search::parse_query(query)
        .terms
        .into_iter()
        .map(|t| t.text)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Character ranges in `text` where query words occur.
pub fn query_marks(state: &State, text: &str) -> Vec<(usize, usize)> {
    let mut marks = Vec::new();
    for word in query_words(&state.query) {
        let word_chars = word.chars().count();
        for (byte, _) in text.match_indices(word.as_str()) {
            let start = text[..byte].chars().count();
            marks.push((start, start + word_chars));
        }
    }
    marks.sort_unstable();
    marks
}

// Layout that `update` needs too.

/// A list pane and a detail pane: side by side from 70 columns, else only
/// the pane that has the keyboard.
pub fn two_panes(area: Rect, focus: Focus, list_width: u16) -> (Option<Rect>, Option<Rect>) {
    if area.width >= 70 {
        let [list, _gap, detail] = Layout::horizontal([
            Constraint::Length(list_width),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(area);
        (Some(list), Some(detail))
    } else if focus == Focus::List {
        (Some(area), None)
    } else {
        (None, Some(area))
    }
}

/// Outline and reader areas; on narrow screens only the focused pane shows.
pub fn areas(state: &State, area: Rect) -> (Option<Rect>, Option<Rect>) {
    let outline = (area.width as usize * 36 / 100).clamp(24, 40) as u16;
    two_panes(area, state.doc.focus, outline)
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

// The document view.

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
pub fn reader_lines(state: &State, app: &App, width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
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
        &match doc.positions {
            policy_nav::corpus::read::Positions::Lines => format!(
                "{} {}",
                doc.path,
                t!(
                    "place.lines",
                    first = clause.lines.first,
                    last = clause.lines.last
                )
            ),
            ref other => format!("{} {}", doc.path, other.describe(clause.lines)),
        },
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
        lines.push(Line::styled(t!("nav.document.no_text"), theme.dim()));
    }
    let targets: Vec<String> = library
        .targets
        .iter()
        .filter(|t| t.address == clause.id)
        .map(target_line)
        .collect();
    if !targets.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(t!("nav.view.targets"), theme.title()));
        for t in targets {
            lines.extend(wrap_plain(&t, width, theme.text()));
        }
    }
    let roles = library.departments.clause_departments(&clause.id);
    if !roles.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(t!("nav.view.departments"), theme.title()));
        for (role, names) in role_groups(&roles) {
            if !names.is_empty() {
                lines.extend(wrap_plain(
                    &t!(
                        "nav.labelled",
                        label = role_label(role),
                        text = names.join(&t!("nav.list_separator"))
                    ),
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

/// Jumps to the departments named in the reader's clause.
pub fn department_jumps(state: &State, app: &App) -> Vec<(String, Jump)> {
    let library = &app.library;
    let clause = &library.clauses[state.doc.clause];
    let roles = library.departments.clause_departments(&clause.id);
    let mut rows = Vec::new();
    for (role, names) in role_groups(&roles) {
        let label = role_label(role);
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

/// The departments a clause names, by role, in display order.
fn role_groups(roles: &ClauseDepartments) -> [(Role, &Vec<String>); 4] {
    [
        (Role::Lead, &roles.lead),
        (Role::Support, &roles.support),
        (Role::Responsible, &roles.responsible),
        (Role::Mentioned, &roles.mentioned),
    ]
}

/// A role's name in the user's language (牵头, Lead).
pub fn role_label(role: Role) -> String {
    t!(match role {
        Role::Lead => "nav.role.lead",
        Role::Support => "nav.role.support",
        Role::Responsible => "nav.role.responsible",
        Role::Mentioned => "nav.role.mentioned",
        Role::Issuer => "nav.role.issuer",
        Role::Addressee => "nav.role.addressee",
    })
    .into_owned()
}

/// Jumps to the targets stated in the reader's clause (highlighting each).
pub fn target_jumps(state: &State, app: &App) -> Vec<(String, Jump)> {
    let id = &app.library.clauses[state.doc.clause].id;
    app.library
        .targets
        .iter()
        .filter(|t| t.address == *id)
        .filter_map(|t| Some((target_line(t), target_jump(app, t)?)))
        .collect()
}

/// One target as a line of text: 吨钢综合能耗 降低2%以上（比2023年，2025年底）.
fn target_line(t: &policy_nav::targets::Target) -> String {
    let mut context = Vec::new();
    if let Some(y) = t.baseline_year {
        context.push(t!("nav.targets.compared_with", year = y).into_owned());
    }
    if let Some(d) = &t.deadline {
        context.push(d.clone());
    }
    let context = if context.is_empty() {
        String::new()
    } else {
        t!(
            "nav.targets.context",
            context = context.join(&t!("nav.targets.context_separator"))
        )
        .into_owned()
    };
    format!(
        "{} {}{context}",
        t.metric,
        policy_nav::targets_format::target_text(t)
    )
}

// The targets view.

/// The library's filter for the targets view's plan, deadline,
/// milestone and find choices.
pub fn target_filter(state: &State, app: &App) -> TargetFilter {
    let t = &state.targets;
    TargetFilter {
        plan: t.plan.map(|p| app.library.plans[p].address_name.clone()),
        deadline: t.deadline.clone(),
        milestones: t.milestones,
        metric: None,
        find: find(app, &t.find.text),
    }
}

/// The words typed in a find line, with the metrics they name.
fn find(app: &App, typed: &str) -> TargetFind {
    TargetFind::new(typed, &app.library.metric_wordings)
}

/// The target of the selected table row, if any.
pub fn selected_target(state: &State, app: &App) -> Option<usize> {
    visible_targets(state, app)
        .get(state.targets.selected)
        .copied()
}

/// Indices into `library.targets` of the rows shown, in display order.
pub fn visible_targets(state: &State, app: &App) -> Vec<usize> {
    let library = &app.library;
    let t = &state.targets;
    let mut rows = target_filter(state, app).select_indices(&library.targets);
    let key = |a: &Target, b: &Target| -> Ordering {
        match t.sort {
            TargetColumn::Plan => Ordering::Equal,
            TargetColumn::Metric => a.metric.cmp(&b.metric),
            TargetColumn::Value => a
                .value
                .unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&b.value.unwrap_or(f64::NEG_INFINITY)),
            TargetColumn::Baseline => a.baseline_year.cmp(&b.baseline_year),
            TargetColumn::Deadline => match (&a.deadline, &b.deadline) {
                (Some(a), Some(b)) => compare_deadlines(a, b),
                (a, b) => a.is_some().cmp(&b.is_some()),
            },
            TargetColumn::Clause => a.address.cmp(&b.address),
        }
    };
    // A stable sort keeps reading order among equal keys.
    rows.sort_by(|&a, &b| {
        let order = key(&library.targets[a], &library.targets[b]);
        if t.descending {
            order.reverse()
        } else {
            order
        }
    });
    if t.by_metric {
        rows = grouped_by_metric(app, &rows);
    }
    rows
}

/// `rows` grouped by metric key across documents (metrics more plans state
/// first; in a group national first, then by level and issuer).
fn grouped_by_metric(app: &App, rows: &[usize]) -> Vec<usize> {
    policy_nav::targets::metric_groups(&app.library.targets, rows)
        .into_iter()
        .flat_map(|g| g.rows)
        .collect()
}

/// Distinct deadlines in chronological order, for the deadline filter
/// (gathered from every target once per library).
pub fn deadlines(app: &App) -> &[String] {
    app.deadlines
        .get_or_init(|| policy_nav::targets::deadlines(&app.library.targets))
}

/// The jump a target row makes: its clause with the quote highlighted.
pub fn target_jump(app: &App, target: &Target) -> Option<Jump> {
    let clause = app.library.clause_index(&target.address)?;
    Some(Jump::Clause {
        clause,
        marks: vec![(target.span[0], target.span[1])],
    })
}

/// The chart for the current deadline filter (the plan filter is ignored:
/// a chart compares plans), as [`prepare`] left it.
fn chart_memo(state: &State) -> Option<&ChartMemo> {
    state
        .targets
        .chart_groups
        .as_ref()
        .filter(|memo| memo.deadline == state.targets.deadline)
}

/// How many charts (metrics shared by two or more plans) the filter leaves.
pub fn chart_count(state: &State) -> usize {
    chart_memo(state).map_or(0, |memo| memo.groups.len())
}

/// The chart shown (the selected one, or the last), with its position.
pub fn shown_chart(state: &State) -> Option<(usize, Arc<ChartGroup>)> {
    chart_memo(state)?.shown.clone()
}

/// The position of the chart comparing the metric `key`, if the filter
/// leaves one.
pub fn chart_of_metric(state: &State, app: &App, key: &str) -> Option<usize> {
    chart_memo(state)?
        .groups
        .iter()
        .position(|group| app.library.targets[group[0]].metric_key == key)
}

// The departments view.

/// Duties of a department in display order (grouped by role), as jumps.
pub fn duty_rows(app: &App, dept: &Department) -> Vec<(Role, String, Jump)> {
    let mut rows = Vec::new();
    for role in Role::ALL {
        for duty in dept.duties_with(role) {
            let Some(clause) = app.library.clause_index(&duty.address) else {
                continue;
            };
            let marks = name_marks(&app.library.clauses[clause].text, &dept.name);
            rows.push((
                role,
                format!("{} {}", duty.address, duty.heading),
                Jump::Clause { clause, marks },
            ));
        }
    }
    rows
}

/// Character ranges where `name` occurs in `text`.
pub fn name_marks(text: &str, name: &str) -> Vec<(usize, usize)> {
    let len = name.chars().count();
    text.match_indices(name)
        .map(|(byte, _)| {
            let start = text[..byte].chars().count();
            (start, start + len)
        })
        .collect()
}

// The timeline view.

/// The timeline's rows (milestones included: the timeline is where the
/// 2030 picture lives), once [`prepare`] has derived them.
pub fn timeline_rows(app: &App) -> Option<&TimelineRows> {
    app.timeline_rows.get()
}

/// The timeline's rows the find line keeps: its targets, each under its
/// deadline heading (headings without a kept target go too).
pub fn visible_timeline_rows(state: &State, app: &App) -> Vec<TimelineRow> {
    let Some((rows, _)) = timeline_rows(app) else {
        return Vec::new();
    };
    if !state.timeline_find.is_active() {
        return rows.clone();
    }
    let find = find(app, &state.timeline_find.text);
    let mut out = Vec::new();
    let mut heading = None;
    for &row in rows {
        match row {
            TimelineRow::Deadline(_) => heading = Some(row),
            TimelineRow::Target(t) if find.matches(&app.library.targets[t]) => {
                out.extend(heading.take());
                out.push(row);
            }
            TimelineRow::Target(_) => {}
        }
    }
    out
}

/// Derives the timeline's rows (see [`App::timeline_rows`]); the event loop
/// also runs it in the background after the first frame.
pub fn derive_timeline_rows(library: &policy_nav::Library) -> TimelineRows {
    let groups = timeline(&library.targets, false);
    let mut rows = Vec::new();
    let mut labels = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        rows.push(TimelineRow::Deadline(g));
        labels.push(group.spellings.join(" / "));
        for plan in &group.plans {
            rows.extend(plan.targets.iter().map(|&t| TimelineRow::Target(t)));
        }
    }
    (rows, labels)
}

// The go-to overlay.

/// Addresses that complete what was typed in the go-to overlay.
pub fn completions(app: &App, input: &str) -> Vec<String> {
    let typed = fold_width(input.trim()).to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<String> = app
        .library
        .clauses
        .iter()
        .filter(|c| fold_width(&c.id).to_lowercase().starts_with(&typed))
        .map(|c| c.id.clone())
        .collect();
    if out.is_empty() {
        if let Ok(r) = app.library.resolve(input) {
            out.push(app.library.clauses[r.clause].id.clone());
        }
    }
    out.truncate(50);
    out
}
