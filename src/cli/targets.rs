//! `policy-nav targets`: the numeric targets table.

use std::io::Write;

use policy_nav::targets::{Target, TargetFilter};
use policy_nav::targets_chart::{chart_groups, render_text};
use policy_nav::targets_format::{write_csv, write_json, write_table};
use policy_nav::Library;

use super::search::plan_filter;
use super::style::Paint;
use super::Failure;

/// Output format of the targets table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Md,
    Chart,
}

/// Width of the table and the chart, in display columns.
const WIDTH: usize = 80;

pub fn run(
    library: &Library,
    plan: Option<&str>,
    deadline: Option<&str>,
    all: bool,
    format: Format,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let filter = TargetFilter {
        plan: plan_filter(library, plan)?,
        deadline: deadline.map(str::to_string),
        milestones: all,
    };
    let rows: Vec<Target> = filter
        .select(&library.targets)
        .into_iter()
        .cloned()
        .collect();
    match format {
        Format::Json => write_json(&rows, out)?,
        Format::Csv => {
            let cited: Vec<(Target, String)> = rows
                .into_iter()
                .map(|t| {
                    let citation = library
                        .clause_by_id(&t.address)
                        .map(|c| library.citation(c))
                        .unwrap_or_default();
                    (t, citation)
                })
                .collect();
            write_csv(&cited, out)?
        }
        Format::Md => {
            let table = policy_nav::export::targets_table(library, &rows);
            policy_nav::export::write_md(&table, out)?
        }
        Format::Table => {
            if rows.is_empty() {
                eprintln!("policy-nav: no targets match; try without --plan/--deadline, or --all for milestones");
            } else {
                let mut text = Vec::new();
                write_table(&rows, WIDTH, &mut text)?;
                let text = String::from_utf8_lossy(&text);
                out.write_all(paint.first_line_heading(&text).as_bytes())?;
            }
        }
        Format::Chart => {
            let groups = chart_groups(&rows);
            if groups.is_empty() {
                eprintln!("policy-nav: no metric is shared by two or more plans among these targets; try without --plan/--deadline");
            }
            let text = render_text(&groups, WIDTH);
            for (i, block) in text.split("\n\n").enumerate() {
                if i > 0 {
                    out.write_all(b"\n\n")?;
                }
                out.write_all(paint.first_line_heading(block).as_bytes())?;
            }
        }
    }
    Ok(())
}
