//! `policy-nav targets`: the numeric targets table, one metric across
//! documents (`--metric`), and the workbook (`--xlsx`).

use std::io::Write;
use std::path::PathBuf;

use policy_nav::export::{
    cited_targets_table, targets_table, write_table, write_xlsx, Format, Table,
};
use policy_nav::library::MetricLookup;
use policy_nav::targets::{metric_groups, sort_by_level, Target, TargetFilter};
use policy_nav::targets_chart::{chart_groups, render_text};
use policy_nav::targets_format::{
    render_metric_table, write_json, write_table as write_text_table,
};
use policy_nav::Library;

use super::search::plan_filter;
use super::style::Paint;
use super::{Failure, EXIT_NOT_FOUND, EXIT_USAGE};

/// Width of the table and the chart, in display columns.
const WIDTH: usize = 80;

/// What `targets` produces.
#[derive(Debug, Clone)]
pub enum Output {
    /// The text table, or an export to stdout.
    Print(Option<Format>),
    /// The text bar chart.
    Chart,
    /// A workbook written to this file.
    Workbook(PathBuf),
}

/// The rows `--plan P --deadline D [--all]` select (an unknown plan is a
/// usage error naming the plans there are).
pub fn filter(
    library: &Library,
    plan: Option<&str>,
    deadline: Option<&str>,
    all: bool,
) -> Result<TargetFilter, Failure> {
    Ok(TargetFilter {
        plan: plan_filter(library, plan)?,
        ..by_deadline(deadline, all)
    })
}

/// The rows `--deadline D [--all]` select: no name to resolve, so no
/// library needed.
pub fn by_deadline(deadline: Option<&str>, all: bool) -> TargetFilter {
    TargetFilter {
        deadline: deadline.map(str::to_string),
        milestones: all,
        ..TargetFilter::default()
    }
}

/// The metric key `--metric NAME` names: any wording or its pinyin. A
/// metric no row has is "nothing found" (status 1) with the nearest
/// metrics on stderr; pinyin of several metrics is a usage error.
pub fn metric_filter(library: &Library, name: Option<&str>) -> Result<Option<String>, Failure> {
    let Some(name) = name else {
        return Ok(None);
    };
    match library.lookup_metric(name) {
        MetricLookup::Key(key) => Ok(Some(key)),
        MetricLookup::Ambiguous(keys) => Err(Failure {
            message: t!(
                "cli.metric_ambiguous",
                name = name,
                metrics = keys.join("、")
            )
            .into_owned(),
            code: EXIT_USAGE,
        }),
        MetricLookup::Unknown { nearest } => Err(Failure {
            message: if nearest.is_empty() {
                t!("cli.metric_unknown", name = name)
            } else {
                t!(
                    "cli.metric_unknown_nearest",
                    name = name,
                    nearest = nearest.join("、")
                )
            }
            .into_owned(),
            code: EXIT_NOT_FOUND,
        }),
    }
}

/// The outputs that cite no clause, and so need the rows alone (the
/// cache's targets section is enough): JSON, the text table without
/// `--metric` (whose table cites every row) and the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uncited {
    Json,
    Text,
    Chart,
}

/// The outputs that cite each row's clause, and so need the library.
enum Cited {
    /// A CSV or Markdown table.
    Table(Format),
    /// The text table of one metric (`--metric`).
    MetricTable,
    Workbook(PathBuf),
}

impl Uncited {
    /// Whether `output` cites no clause (`metric`: `--metric` was given).
    pub fn of(output: &Output, metric: bool) -> Option<Uncited> {
        classify(output.clone(), metric).ok()
    }
}

fn classify(output: Output, metric: bool) -> Result<Uncited, Cited> {
    match output {
        Output::Print(Some(Format::Json)) => Ok(Uncited::Json),
        Output::Print(Some(format)) => Err(Cited::Table(format)),
        Output::Print(None) if metric => Err(Cited::MetricTable),
        Output::Print(None) => Ok(Uncited::Text),
        Output::Chart => Ok(Uncited::Chart),
        Output::Workbook(path) => Err(Cited::Workbook(path)),
    }
}

/// Prints `rows` in an output that cites no clause.
pub fn print_uncited(
    rows: &[&Target],
    how: Uncited,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let found = match how {
        Uncited::Json => {
            // Written from the rows, not copies (a big corpus has hundreds
            // of thousands).
            write_json(rows, out)?;
            !rows.is_empty()
        }
        Uncited::Text if rows.is_empty() => {
            eprintln!("policy-nav: {}", t!("cli.no_targets"));
            false
        }
        Uncited::Text => {
            let rows: Vec<Target> = rows.iter().map(|&t| t.clone()).collect();
            let mut text = Vec::new();
            write_text_table(&rows, WIDTH, &mut text)?;
            let text = String::from_utf8_lossy(&text);
            out.write_all(paint.first_line_heading(&text).as_bytes())?;
            true
        }
        Uncited::Chart => {
            let groups = chart_groups(rows.iter().copied());
            if groups.is_empty() {
                eprintln!("policy-nav: {}", t!("cli.no_shared_metric"));
            }
            let text = render_text(&groups, WIDTH);
            for (i, block) in text.split("\n\n").enumerate() {
                if i > 0 {
                    out.write_all(b"\n\n")?;
                }
                out.write_all(paint.first_line_heading(block).as_bytes())?;
            }
            !groups.is_empty()
        }
    };
    super::found(found)
}

/// `targets --json` from rows kept rendered in the library cache
/// ([`policy_nav::text::json_rows_for_terminal`]): the text
/// [`print_uncited`] writes for the same rows.
pub fn print_rendered_json(
    stored: &policy_nav::library::cache::StoredRows,
    rows: &[usize],
    out: &mut impl Write,
) -> Result<(), Failure> {
    stored.write_list(rows, out)?;
    super::found(!rows.is_empty())
}

pub fn run(
    library: &Library,
    filter: &TargetFilter,
    output: Output,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut selected = filter.select(&library.targets);
    // One metric across documents reads national first.
    if filter.metric.is_some() {
        sort_by_level(&mut selected);
    }
    let cited = match classify(output, filter.metric.is_some()) {
        Ok(how) => return print_uncited(&selected, how, paint, out),
        Err(cited) => cited,
    };
    let rows: Vec<Target> = selected.into_iter().cloned().collect();
    match cited {
        Cited::Table(format) => write_table(&targets_table(library, &rows), format, out)?,
        Cited::MetricTable if rows.is_empty() => {
            eprintln!("policy-nav: {}", t!("cli.no_targets"));
        }
        Cited::MetricTable => {
            let key = filter.metric.as_deref().unwrap_or_default();
            let refs: Vec<&Target> = rows.iter().collect();
            let citations: Vec<String> = rows
                .iter()
                .map(|t| library.citation_of(&t.address))
                .collect();
            let text = render_metric_table(key, &refs, &citations, WIDTH);
            out.write_all(paint.first_line_heading(&text).as_bytes())?;
        }
        Cited::Workbook(path) => {
            if rows.is_empty() {
                eprintln!(
                    "policy-nav: {}",
                    t!("cli.workbook_nothing", path = path.display())
                );
            } else {
                let sheets = workbook_sheets(library, filter, &rows);
                write_xlsx(&path, &sheets).map_err(|e| Failure {
                    message: t!(
                        "cli.workbook_failed",
                        path = path.display(),
                        reason = io_reason(&e)
                    )
                    .into_owned(),
                    code: EXIT_USAGE,
                })?;
                eprintln!(
                    "policy-nav: {}",
                    t!(
                        "cli.workbook_written",
                        path = path.display(),
                        sheets = sheets.len(),
                        rows = rows.len()
                    )
                );
            }
        }
    }
    super::found(!rows.is_empty())
}

/// The workbook's sheets: the rows (named after the metric with
/// `--metric`), and without it the metrics two or more plans state, each
/// metric's rows together, national first.
fn workbook_sheets(
    library: &Library,
    filter: &TargetFilter,
    rows: &[Target],
) -> Vec<(String, Table)> {
    let name = filter.metric.clone().unwrap_or_else(|| "指标".to_string());
    let mut sheets = vec![(name, targets_table(library, rows))];
    if filter.metric.is_none() {
        let all: Vec<usize> = (0..rows.len()).collect();
        let shared: Vec<(&Target, String)> = metric_groups(rows, &all)
            .into_iter()
            .filter(|g| g.plans >= 2)
            .flat_map(|g| g.rows)
            .map(|i| (&rows[i], library.citation_of(&rows[i].address)))
            .collect();
        if !shared.is_empty() {
            sheets.push((
                "同一指标跨文件对比".to_string(),
                cited_targets_table(shared),
            ));
        }
    }
    sheets
}

/// Why a file could not be written, in Chinese where the reason is common.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => t!("cli.no_such_directory").into_owned(),
        std::io::ErrorKind::PermissionDenied => t!("cli.no_permission").into_owned(),
        std::io::ErrorKind::IsADirectory => t!("cli.is_a_directory").into_owned(),
        _ => e.to_string(),
    }
}
