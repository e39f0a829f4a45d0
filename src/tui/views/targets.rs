//! The targets view: the numeric targets table, sortable by any column,
//! filtered by plan, deadline, milestones and the find line, with the
//! selected row in full under it.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use policy_nav::targets::{Relation, Target};
use policy_nav::targets_format::target_text;

use unicode_width::UnicodeWidthStr;

use super::super::select;
use super::super::state::{App, FindField, State, TargetColumn};
use super::super::wrap::{mark_ranges, pad, truncate, wrap_plain, wrap_runs, StyledRun};
use super::page_start;

fn cells(target: &Target) -> [String; 6] {
    [
        target.plan.clone(),
        match &target.scope {
            Some(scope) => format!("{}（{scope}）", target.metric),
            None => target.metric.clone(),
        },
        target_text(target),
        target.baseline_year.map(year).unwrap_or_default(),
        target.deadline.clone().unwrap_or_default(),
        target.address.clone(),
    ]
}

/// A year as the user's language writes it (`2025年`, `2025`).
fn year(y: u16) -> String {
    t!("nav.year", year = y).into_owned()
}

/// A row of the table grouped by metric: the level in place of the plan,
/// the metric's key before the wording as written, and the issuer (else
/// the plan) in place of the clause.
fn metric_cells(target: &Target) -> [String; 6] {
    let mut cells = cells(target);
    cells[0] = target.level.map_or_else(|| "—".to_string(), |l| l.label());
    if target.metric_key != target.metric {
        cells[1] = format!("{}：{}", target.metric_key, cells[1]);
    }
    cells[5] = target.issuer.clone().unwrap_or_else(|| target.plan.clone());
    cells
}

/// Columns in the order they get room when the table is narrow: the
/// metric and the target always, then deadline, plan, baseline and clause
/// (the detail under the table shows every field).
const ROOM_ORDER: [usize; 6] = [1, 2, 4, 0, 3, 5];

/// The order grouped by metric, where the rows of one metric differ by
/// level and issuer: those come before deadline and baseline.
const ROOM_ORDER_BY_METRIC: [usize; 6] = [1, 2, 0, 5, 4, 3];

/// Share of the table's width the metric and the target keep before any
/// other column is shown (when they need it).
const METRIC_SHARE: usize = 40;
const TARGET_SHARE: usize = 30;

/// Cells between columns.
const GUTTER: usize = 2;

/// Column widths for a table `width` cells wide whose cells are at most
/// `natural` wide (0: the column is left out). The metric and the target
/// get their room first; the other columns come in `order` ([`ROOM_ORDER`])
/// while they fit whole; what is left widens the metric.
fn widths(natural: &[usize; 6], width: usize, order: &[usize; 6]) -> [usize; 6] {
    let mut w = [0; 6];
    w[1] = natural[1].min((width * METRIC_SHARE / 100).max(8));
    w[2] = natural[2].min((width * TARGET_SHARE / 100).max(8));
    let mut used = w[1] + GUTTER + w[2];
    for &c in &order[2..] {
        if used + GUTTER + natural[c] <= width {
            w[c] = natural[c];
            used += GUTTER + natural[c];
        }
    }
    // Whatever is left: first the target's whole text, then the metric.
    let grow = natural[2]
        .saturating_sub(w[2])
        .min(width.saturating_sub(used));
    w[2] += grow;
    w[1] += width.saturating_sub(used + grow);
    w
}

/// The widest cell of each column (its heading included).
fn natural_widths(head: &[String; 6], rows: &[[String; 6]]) -> [usize; 6] {
    let mut w = head.each_ref().map(|h| h.width());
    for row in rows {
        for (n, cell) in w.iter_mut().zip(row) {
            *n = (*n).max(cell.width());
        }
    }
    w
}

fn row_text(cells: &[String; 6], widths: &[usize; 6]) -> String {
    cells
        .iter()
        .zip(widths)
        .filter(|(_, &w)| w > 0)
        .map(|(c, &w)| pad(c, w))
        .collect::<Vec<_>>()
        .join(&" ".repeat(GUTTER))
}

/// Bars drawn with `#`: block elements are of ambiguous width in CJK-locale
/// terminals, and `#` reads the same without colour.
const ASCII_BARS: ratatui::symbols::bar::Set<'static> = ratatui::symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "#",
    half: "#",
    three_eighths: " ",
    one_quarter: " ",
    one_eighth: " ",
    empty: " ",
};

fn render_chart(state: &State, frame: &mut Frame, area: Rect) {
    use ratatui::layout::Direction;
    use ratatui::widgets::{Bar, BarChart, BarGroup};
    let theme = &state.theme;
    let count = select::chart_count(state);
    let width = area.width as usize;
    let Some((at, group)) = select::shown_chart(state) else {
        frame.render_widget(
            Paragraph::new(wrap_plain(&t!("nav.targets.no_chart"), width, theme.dim())),
            area,
        );
        return;
    };
    let [title, chart] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
    let position = t!("nav.targets.chart_position", at = at + 1, count = count);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                truncate(&format!(" {}", group.title()), width),
                theme.title(),
            ),
            Line::styled(truncate(&format!(" {position}"), width), theme.dim()),
        ]),
        title,
    );
    // BarChart takes integers: scale so one decimal survives.
    let scale = 10.0;
    // Only the bars that fit (one row each, a row between): a metric that
    // 10,000 plans share has 10,000 bars, and laying them all out per frame
    // cost more than the rest of the frame.
    let fit = (chart.height as usize).div_ceil(2);
    let bars: Vec<Bar> = group
        .bars
        .iter()
        .take(fit)
        .map(|b| {
            Bar::default()
                .value((b.value * scale).round().max(0.0) as u64)
                .label(Line::raw(truncate(&b.label, 14)))
                .text_value(b.value_text.clone())
        })
        .collect();
    let chart_widget = BarChart::default()
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(1)
        .bar_set(ASCII_BARS)
        .max((group.scale_max() * scale).round() as u64)
        .bar_style(theme.hit())
        .value_style(theme.text())
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart_widget, chart);
}

/// Rows the table keeps at least when the detail shows.
const MIN_TABLE_ROWS: usize = 5;
/// Most rows the detail takes.
const MAX_DETAIL_ROWS: usize = 10;

pub fn render(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    if state.targets.chart {
        render_chart(state, frame, area);
        return;
    }
    let theme = &state.theme;
    let library = &app.library;
    let t = &state.targets;
    let rows = select::visible_targets(state, app);
    let width = area.width as usize;
    let selected = rows.get(t.selected).map(|&r| &library.targets[r]);
    let detail = selected.map_or_else(Vec::new, |target| detail_lines(state, app, target, width));
    let room = (area.height as usize).saturating_sub(2 + MIN_TABLE_ROWS);
    let detail_height = if room >= 4 {
        detail.len().min(room).min(MAX_DETAIL_ROWS)
    } else {
        0
    };
    let [filters, header, body, detail_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(detail_height as u16),
    ])
    .areas(area);
    let cells_of = |r: usize| {
        if t.by_metric {
            metric_cells(&library.targets[r])
        } else {
            cells(&library.targets[r])
        }
    };
    let all_cells: Vec<[String; 6]> = rows.iter().map(|&r| cells_of(r)).collect();
    let mut head: [String; 6] = TargetColumn::ALL.map(TargetColumn::label);
    let sorted = TargetColumn::ALL
        .iter()
        .position(|&c| c == t.sort)
        .unwrap_or(0);
    head[sorted] = format!("{}{}", head[sorted], if t.descending { "-" } else { "+" });
    if t.by_metric {
        head[0] = t!("nav.column.level").into_owned();
        head[5] = t!("nav.column.issuer").into_owned();
    }
    let w = widths(
        &natural_widths(&head, &all_cells),
        width.saturating_sub(theme.marker().width()),
        if t.by_metric {
            &ROOM_ORDER_BY_METRIC
        } else {
            &ROOM_ORDER
        },
    );
    render_filter_line(
        state,
        app,
        frame,
        filters,
        rows.len(),
        (w[sorted] == 0).then(|| head[sorted].as_str()),
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(&format!("  {}", row_text(&head, &w)), width),
            theme.dim(),
        )),
        header,
    );
    if rows.is_empty() {
        let message = if t.find.is_active() {
            t!("nav.targets.no_match", words = t.find.text.trim())
        } else {
            t!("nav.targets.none_filtered")
        };
        frame.render_widget(
            Paragraph::new(wrap_plain(&message, width, theme.dim())),
            body,
        );
        return;
    }
    let height = body.height as usize;
    let start = page_start(t.selected, height);
    let lines: Vec<Line> = all_cells
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, row)| {
            let selected = i == t.selected;
            let marker = if selected { theme.marker() } else { "  " };
            let text = truncate(&format!("{marker}{}", row_text(row, &w)), width);
            Line::from(Span::styled(
                text,
                if selected {
                    theme.selected()
                } else {
                    theme.text()
                },
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    frame.render_widget(
        Paragraph::new(detail.into_iter().take(detail_height).collect::<Vec<_>>()),
        detail_area,
    );
}

/// The line over the table: the find line, the count, the filters, and
/// the sort when its column is left out at this width.
fn render_filter_line(
    state: &State,
    app: &App,
    frame: &mut Frame,
    area: Rect,
    count: usize,
    hidden_sort: Option<&str>,
) {
    let theme = &state.theme;
    let t = &state.targets;
    let mut spans = find_spans(state, &t.find);
    let lead = if spans.is_empty() { " " } else { "  " };
    let mut rest = format!("{lead}{}", t!("nav.count", count = count));
    let all = || t!("nav.targets.all").into_owned();
    rest.push_str(&format!(
        "  {}",
        t!(
            "nav.targets.filters",
            plan = t
                .plan
                .map_or_else(all, |p| app.library.plans[p].address_name.clone()),
            deadline = t.deadline.clone().unwrap_or_else(all),
            milestones = if t.milestones {
                t!("nav.targets.shown")
            } else {
                t!("nav.targets.hidden")
            },
        )
    ));
    if t.by_metric {
        rest.push_str(&format!("  {}", t!("nav.targets.grouped")));
    }
    if let Some(sort) = hidden_sort {
        rest.push_str(&format!("  {}", t!("nav.targets.sorted", column = sort)));
    }
    spans.push(Span::styled(rest, theme.title()));
    super::render_find_line(state, &t.find, frame, area, spans);
}

/// The find line's words as spans (`查找：清洁运输`), when there are
/// some or they are being typed.
pub fn find_spans(state: &State, find: &FindField) -> Vec<Span<'static>> {
    let theme = &state.theme;
    if !find.typing && !find.is_active() {
        return Vec::new();
    }
    vec![
        Span::styled(
            format!(" {}", t!("nav.targets.find")),
            if find.typing {
                theme.active_tab()
            } else {
                theme.title()
            },
        ),
        Span::styled(find.text.clone(), theme.hit()),
    ]
}

/// Everything about the selected row, under the table: where it is
/// written (citation and address), the metric and its key, the target
/// with its number marked, relation, qualifiers, baseline, deadline,
/// scope, plan and issuer, and the sentence it was read from with the
/// quote marked.
fn detail_lines(state: &State, app: &App, target: &Target, width: usize) -> Vec<Line<'static>> {
    let theme = &state.theme;
    let library = &app.library;
    let clause = library
        .clause_index(&target.address)
        .map(|c| &library.clauses[c]);
    let run = |text: String, style| StyledRun { text, style };
    // `指标：`, `Metric: ` — the label of a field, from its message key.
    let label = |key: &str| {
        run(
            t!("nav.labelled", label = t!(key), text = "").into_owned(),
            theme.dim(),
        )
    };
    let gap = || run("  ".to_string(), theme.text());
    let mut lines = Vec::new();
    let citation = clause.map(|c| library.citation(c)).unwrap_or_default();
    lines.extend(wrap_runs(
        &[
            run(format!(" {} ", t!("nav.targets.detail")), theme.title()),
            run(target.address.clone(), theme.address()),
            gap(),
            run(citation, theme.text()),
        ],
        width,
    ));
    // A milestone's "metric" is its goal text, which the sentence shows.
    if target.relation != Relation::Milestone {
        let mut metric = vec![
            label("nav.column.metric"),
            run(target.metric.clone(), theme.text()),
        ];
        if letters(&target.metric_key) != letters(&target.metric) {
            metric.push(run(
                t!("nav.targets.common_name", name = target.metric_key).into_owned(),
                theme.dim(),
            ));
        }
        lines.extend(wrap_runs(&metric, width));
    }
    let goal = target_text(target);
    let number = target
        .value
        .and_then(|v| number_span(&goal, v))
        .into_iter()
        .collect::<Vec<_>>();
    let mut figures = vec![label("nav.column.value")];
    figures.extend(mark_ranges(&goal, &number, theme.text(), theme.hit()));
    figures.extend([
        gap(),
        label("nav.targets.relation"),
        run(target.relation.label(), theme.text()),
    ]);
    if !target.qualifiers.is_empty() {
        figures.extend([
            gap(),
            label("nav.targets.qualifiers"),
            run(
                target.qualifiers.join(&t!("nav.list_separator")),
                theme.text(),
            ),
        ]);
    }
    lines.extend(wrap_runs(&figures, width));
    let mut context = Vec::new();
    let mut field = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            if !context.is_empty() {
                context.push(gap());
            }
            context.extend([label(name), run(value, theme.text())]);
        }
    };
    field("nav.column.baseline", target.baseline_year.map(year));
    field("nav.column.deadline", target.deadline.clone());
    field("nav.targets.scope", target.scope.clone());
    field("nav.targets.unit", target.unit.clone());
    field("nav.column.plan", Some(target.plan.clone()));
    let origin: Vec<String> = target
        .level
        .map(|l| l.label())
        .into_iter()
        .chain(target.issuer.clone())
        .collect();
    field(
        "nav.targets.origin",
        (!origin.is_empty()).then(|| origin.join(" ")),
    );
    lines.extend(wrap_runs(&context, width));
    if let Some(clause) = clause {
        let (sentence, quote) = quote_in_sentence(&clause.text, target.span);
        let mut source = vec![label("nav.targets.source")];
        source.extend(mark_ranges(&sentence, &[quote], theme.text(), theme.hit()));
        lines.extend(wrap_runs(&source, width));
    }
    lines
}

/// The letters, digits and ideographs of a wording (a key that differs
/// from the wording only in punctuation or width says nothing new).
fn letters(text: &str) -> String {
    policy_nav::text::fold_width(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Characters of a sentence's context kept before the quote when the
/// sentence is long.
const LEAD_CHARS: usize = 30;

/// The sentence of `text` holding the character range `span` (from the
/// previous 。！？； or line break to the next), and the span within it.
/// A long lead before the quote is cut to [`LEAD_CHARS`], marked `...`.
fn quote_in_sentence(text: &str, span: [usize; 2]) -> (String, (usize, usize)) {
    let chars: Vec<char> = text.chars().collect();
    let ends = |c: &char| "。！？；\n".contains(*c);
    let (s, e) = (span[0].min(chars.len()), span[1].min(chars.len()));
    let mut start = chars[..s].iter().rposition(ends).map_or(0, |i| i + 1);
    let end = chars[e..]
        .iter()
        .position(ends)
        .map_or(chars.len(), |i| (e + i + 1).min(chars.len()));
    let mut lead = String::new();
    if s - start > LEAD_CHARS {
        start = s - LEAD_CHARS;
        lead.push_str("...");
    }
    let offset = lead.chars().count();
    let sentence: String = lead
        .chars()
        .chain(chars[start..end].iter().copied())
        .filter(|&c| c != '\n')
        .collect();
    (sentence, (s - start + offset, e - start + offset))
}

/// Character range of the number `value` in `text` (a run of digits, full
/// width or not, that reads as it), if it is there.
fn number_span(text: &str, value: f64) -> Option<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '.' || c == '．';
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|&&c| digit(c)).count();
        if run > 0 {
            let written: String =
                policy_nav::text::fold_width(&chars[i..i + run].iter().collect::<String>());
            if written.parse::<f64>().is_ok_and(|v| v == value) {
                return Some((i, i + run));
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}
