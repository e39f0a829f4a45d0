//! Printers for extracted [`Target`] rows: pretty JSON, CSV (UTF-8 with BOM,
//! for spreadsheet programs) and an aligned text table that fits a terminal
//! width measured in display columns.
//!
//! All functions write into any [`std::io::Write`] (or return a `String`) and
//! never print on their own.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::targets::{Relation, Target};

/// The targets list's columns in CSV and Markdown exports, in order (the
/// one column list: `export::targets_table` fills them).
pub const CSV_HEADER: [&str; 18] = [
    "plan",
    "address",
    "metric",
    "metric_key",
    "level",
    "level_zh",
    "issuer",
    "value",
    "unit",
    "relation",
    "qualifiers",
    "baseline_year",
    "deadline",
    "scope",
    "quote",
    "span_start",
    "span_end",
    "citation",
];

/// Separator used to join qualifiers in one CSV cell.
pub const QUALIFIER_SEPARATOR: &str = ";";

/// Writes `rows` as a pretty-printed JSON array of target objects (the
/// targets or references to them).
pub fn write_json<W: Write, T: serde::Serialize + Sync>(rows: &[T], w: &mut W) -> io::Result<()> {
    crate::text::write_json_rows_for_terminal(w, rows)
}

/// Formats a value without a trailing `.0` (`2`, `3.7`, `6.5`).
pub fn format_value(v: f64) -> String {
    format!("{v}")
}

/// Qualifiers that are written before the value in the table's target cell.
const PREFIX_QUALIFIERS: &[&str] = &[
    "力争",
    "争取",
    "年均",
    "年平均",
    "平均",
    "累计",
    "同比",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "比上年度",
    "较上年度",
];

/// Qualifiers that replace the relation word (`超过30%` rather than `达到超过30%`).
const COMPARATIVE_PREFIXES: &[&str] = &[
    "不得低于",
    "不得少于",
    "不得高于",
    "不得超过",
    "不低于",
    "不少于",
    "不小于",
    "至少",
    "超过",
    "高于",
    "大于",
    "多于",
    "逾",
    "不高于",
    "不超过",
    "不大于",
    "不多于",
    "低于",
    "小于",
    "少于",
    "最多",
    "不足",
];

/// Qualifiers written right before the number (`约2000万吨`).
const NUMBER_PREFIXES: &[&str] = &["约", "大约", "近", "将近", "接近"];

/// Human-readable target cell: `降低2%以上`, `达到30%`, `控制在18亿吨左右`,
/// `力争达到15%`, `超过30%`, `200kA以下`; milestones read `（定性目标）`.
pub fn target_text(t: &Target) -> String {
    let Some(value) = t.value else {
        return "（定性目标）".to_string();
    };
    let has = |list: &[&str], q: &String| list.contains(&q.as_str());
    let lead: String = t
        .qualifiers
        .iter()
        .filter(|q| has(PREFIX_QUALIFIERS, q))
        .map(String::as_str)
        .collect();
    let comparative = t.qualifiers.iter().find(|q| has(COMPARATIVE_PREFIXES, q));
    let approx: String = t
        .qualifiers
        .iter()
        .filter(|q| has(NUMBER_PREFIXES, q))
        .map(String::as_str)
        .collect();
    let tail: String = t
        .qualifiers
        .iter()
        .filter(|q| {
            !has(PREFIX_QUALIFIERS, q) && !has(COMPARATIVE_PREFIXES, q) && !has(NUMBER_PREFIXES, q)
        })
        .map(String::as_str)
        .collect();
    let verb = match (comparative, t.relation) {
        (Some(c), _) => c.as_str(),
        (None, Relation::ReduceBy) => "降低",
        (None, Relation::IncreaseBy) => "提高",
        (None, Relation::Reach) => "达到",
        (None, Relation::Cap) => "控制在",
        (None, Relation::Threshold | Relation::Milestone) => "",
    };
    format!(
        "{lead}{verb}{approx}{}{}{tail}",
        format_value(value),
        t.unit.as_deref().unwrap_or("")
    )
}

/// Display width of `s` in terminal columns.
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` display columns, ending with `…` when cut.
pub fn truncate_to_width(s: &str, max: usize) -> String {
    crate::text::truncate_cells(s, max, '…')
}

fn pad_to_width(s: &str, w: usize) -> String {
    crate::text::pad_cells(s, w)
}

const TABLE_HEADER: [&str; 6] = ["计划", "指标", "目标", "基准", "期限", "条款"];
const TABLE_SEP: &str = "  ";
/// Widest each column but the metric gets while the metric is being cut.
const SOFT_CAPS: [usize; 6] = [6, usize::MAX, 17, 6, 11, 12];
/// Column index of the metric, the column that gives way first.
const METRIC_COL: usize = 1;
/// Narrowest a column is squeezed to before the line itself is cut.
const MIN_COL: usize = 4;

fn table_cells(t: &Target) -> [String; 6] {
    [
        t.plan.clone(),
        // The metric comes first so that cutting keeps it readable.
        match &t.scope {
            Some(scope) => format!("{}（{}）", t.metric, scope),
            None => t.metric.clone(),
        },
        target_text(t),
        t.baseline_year
            .map(|y| format!("{y}年"))
            .unwrap_or_default(),
        t.deadline.clone().unwrap_or_default(),
        t.address.clone(),
    ]
}

/// Column widths that fit `width`: the metric column shrinks first, then
/// the widest other columns, down to [`MIN_COL`].
fn fit_widths(mut widths: [usize; 6], width: usize) -> [usize; 6] {
    let seps = TABLE_SEP.len() * (widths.len() - 1);
    let total = |w: &[usize; 6]| w.iter().sum::<usize>() + seps;
    // The metric is what a reader scans for: other columns give up their
    // slack (down to soft caps) before it is cut.
    if total(&widths) > width {
        for (w, cap) in widths.iter_mut().zip(SOFT_CAPS) {
            *w = (*w).min(cap);
        }
    }
    let over = total(&widths).saturating_sub(width);
    let metric_room = widths[METRIC_COL].saturating_sub(MIN_COL.max(8));
    widths[METRIC_COL] -= over.min(metric_room);
    while total(&widths) > width {
        let (idx, &w) = widths
            .iter()
            .enumerate()
            .max_by_key(|(_, w)| **w)
            .unwrap_or((0, &0));
        if w <= MIN_COL {
            break;
        }
        widths[idx] = w - 1;
    }
    widths
}

/// Writes an aligned text table (计划 | 指标 | 目标 | 基准 | 期限 | 条款) whose
/// every line is at most `width` display columns (80 is the usual default).
/// Long cells, the metric first, are cut with `…`; for very small widths the
/// lines themselves are cut.
pub fn write_table<W: Write>(rows: &[Target], width: usize, w: &mut W) -> io::Result<()> {
    w.write_all(render_table(rows, width).as_bytes())
}

/// [`write_table`] into a `String`.
pub fn render_table(rows: &[Target], width: usize) -> String {
    let header = TABLE_HEADER.map(String::from);
    let body: Vec<[String; 6]> = rows.iter().map(table_cells).collect();
    let mut natural = header.clone().map(|h| display_width(&h));
    for cells in &body {
        for (n, c) in natural.iter_mut().zip(cells) {
            *n = (*n).max(display_width(c));
        }
    }
    let widths = fit_widths(natural, width);
    let line = |cells: &[String; 6]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, cw)| pad_to_width(&truncate_to_width(c, cw), cw))
            .collect();
        let joined = parts.join(TABLE_SEP);
        truncate_to_width(joined.trim_end(), width)
    };
    let mut out = String::new();
    out.push_str(&line(&header));
    out.push('\n');
    let rule_w = (widths.iter().sum::<usize>() + TABLE_SEP.len() * 5).min(width);
    out.push_str(&"-".repeat(rule_w));
    out.push('\n');
    for cells in &body {
        out.push_str(&line(cells));
        out.push('\n');
    }
    out
}

/// Headings of the one-metric table (`targets --metric`).
const METRIC_TABLE_HEADER: [&str; 6] = ["级别", "发文机关", "原文写法", "目标", "基准", "期限"];
/// Widest each column of the one-metric table gets but the wording, which
/// takes what is left.
const METRIC_TABLE_CAPS: [usize; 6] = [4, 20, usize::MAX, 18, 6, 12];
/// Column of the wording in the one-metric table.
const METRIC_TABLE_WORDING: usize = 2;
/// Shown for a level or issuer the header did not tell.
const UNKNOWN_CELL: &str = "—";

/// One metric across documents as text: a heading line (`能耗强度：4条，
/// 3个计划`), then per row its level, issuer, the metric as the document
/// words it, the target, baseline and deadline, and on a line of its own
/// its citation; the heading counts rows and plans. `rows` and `citations` go together; every line fits
/// `width` display columns.
pub fn render_metric_table(
    key: &str,
    rows: &[&Target],
    citations: &[String],
    width: usize,
) -> String {
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|t| {
            [
                t.level
                    .map_or_else(|| UNKNOWN_CELL.to_string(), |l| l.label()),
                t.issuer.clone().unwrap_or_else(|| UNKNOWN_CELL.to_string()),
                t.metric.clone(),
                target_text(t),
                t.baseline_year
                    .map(|y| format!("{y}年"))
                    .unwrap_or_default(),
                t.deadline.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut widths = METRIC_TABLE_HEADER.map(display_width);
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(c));
        }
    }
    for (w, cap) in widths.iter_mut().zip(METRIC_TABLE_CAPS) {
        *w = (*w).min(cap);
    }
    let others: usize = widths
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != METRIC_TABLE_WORDING)
        .map(|(_, w)| w)
        .sum();
    let room = width.saturating_sub(others + TABLE_SEP.len() * 5).max(8);
    widths[METRIC_TABLE_WORDING] = widths[METRIC_TABLE_WORDING].min(room);
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| pad_to_width(&truncate_to_width(c, w), w))
            .collect();
        truncate_to_width(parts.join(TABLE_SEP).trim_end(), width)
    };
    let plans = {
        let mut plans: Vec<&str> = rows.iter().map(|t| t.plan.as_str()).collect();
        plans.sort_unstable();
        plans.dedup();
        plans.len()
    };
    let mut out = truncate_to_width(&format!("{key}：{}条，{plans}个计划", rows.len()), width);
    out.push('\n');
    out.push_str(&line(&METRIC_TABLE_HEADER.map(String::from)));
    out.push('\n');
    let rule = (widths.iter().sum::<usize>() + TABLE_SEP.len() * 5).min(width);
    out.push_str(&"-".repeat(rule));
    out.push('\n');
    for (row, citation) in cells.iter().zip(citations) {
        out.push_str(&line(row));
        out.push('\n');
        out.push_str(&truncate_to_width(
            &format!("      出处：{citation}"),
            width,
        ));
        out.push('\n');
    }
    out
}
