//! The targets view: the numeric targets table, sortable by any column and
//! filtered by plan, deadline and milestones.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use policy_nav::targets::Target;
use policy_nav::targets_format::target_text;

use super::super::select;
use super::super::state::{App, State, TargetColumn};
use super::super::wrap::{pad, truncate, wrap_plain};
use super::page_start;

fn cells(target: &Target) -> [String; 6] {
    [
        target.plan.clone(),
        match &target.scope {
            Some(scope) => format!("{}（{scope}）", target.metric),
            None => target.metric.clone(),
        },
        target_text(target),
        target
            .baseline_year
            .map(|y| format!("{y}年"))
            .unwrap_or_default(),
        target.deadline.clone().unwrap_or_default(),
        target.address.clone(),
    ]
}

/// A row of the table grouped by metric: the level in place of the plan,
/// the metric's key before the wording as written, and the issuer (else
/// the plan) in place of the clause.
fn metric_cells(target: &Target) -> [String; 6] {
    let mut cells = cells(target);
    cells[0] = target.level.map_or("—", |l| l.label_zh()).to_string();
    if target.metric_key != target.metric {
        cells[1] = format!("{}：{}", target.metric_key, cells[1]);
    }
    cells[5] = target.issuer.clone().unwrap_or_else(|| target.plan.clone());
    cells
}

/// Column widths for a table `width` cells wide: the metric takes what the
/// others leave.
fn widths(width: usize) -> [usize; 6] {
    let fixed = [6, 0, 16, 6, 11, 12];
    let gutters = 2 * 5 + 2;
    let metric = width
        .saturating_sub(fixed.iter().sum::<usize>() + gutters)
        .max(8);
    [fixed[0], metric, fixed[2], fixed[3], fixed[4], fixed[5]]
}

fn row_text(cells: &[String; 6], widths: &[usize; 6]) -> String {
    cells
        .iter()
        .zip(widths)
        .map(|(c, &w)| pad(c, w))
        .collect::<Vec<_>>()
        .join("  ")
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
            Paragraph::new(wrap_plain(
                "没有可跨计划比较的同一指标。",
                width,
                theme.dim(),
            )),
            area,
        );
        return;
    };
    let [title, chart] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
    let position = format!("图 {}/{count}（[ ] 切换，c 返回表格）", at + 1);
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

pub fn render(state: &State, app: &App, frame: &mut Frame, area: Rect) {
    if state.targets.chart {
        render_chart(state, frame, area);
        return;
    }
    let theme = &state.theme;
    let library = &app.library;
    let t = &state.targets;
    let [filters, header, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    let rows = select::visible_targets(state, app);
    let width = area.width as usize;
    let filter_text = format!(
        " 计划：{}  期限：{}  里程碑：{}{}  共{}条",
        t.plan.map_or("全部".to_string(), |p| library.plans[p]
            .address_name
            .clone()),
        t.deadline.clone().unwrap_or_else(|| "全部".into()),
        if t.milestones { "显示" } else { "隐藏" },
        if t.by_metric { "  按指标分组" } else { "" },
        rows.len()
    );
    frame.render_widget(
        Paragraph::new(Line::styled(truncate(&filter_text, width), theme.title())),
        filters,
    );
    let w = widths(width.saturating_sub(2));
    let mut head: Vec<String> = TargetColumn::ALL
        .iter()
        .map(|c| c.label().to_string())
        .collect();
    let sorted = TargetColumn::ALL
        .iter()
        .position(|&c| c == t.sort)
        .unwrap_or(0);
    head[sorted] = format!("{}{}", head[sorted], if t.descending { "-" } else { "+" });
    if t.by_metric {
        head[0] = "级别".to_string();
        head[5] = "发文机关".to_string();
    }
    let head: [String; 6] = head.try_into().unwrap_or_default();
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(&format!("  {}", row_text(&head, &w)), width),
            theme.dim(),
        )),
        header,
    );
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(wrap_plain(
                "没有符合筛选条件的指标。按 p、D 更改筛选，m 显示里程碑。",
                width,
                theme.dim(),
            )),
            body,
        );
        return;
    }
    let height = body.height as usize;
    let start = page_start(t.selected, height);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, &r)| {
            let selected = i == t.selected;
            let marker = if selected { theme.marker() } else { "  " };
            let row = if t.by_metric {
                metric_cells(&library.targets[r])
            } else {
                cells(&library.targets[r])
            };
            let text = truncate(&format!("{marker}{}", row_text(&row, &w)), width);
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
}
