//! `policy-nav targets`: the numeric targets table.

use std::io::Write;

use policy_nav::export::{targets_table, write_table, Format};
use policy_nav::targets::{Target, TargetFilter};
use policy_nav::targets_chart::{chart_groups, render_text};
use policy_nav::targets_format::{write_json, write_table as write_text_table};
use policy_nav::Library;

use super::search::plan_filter;
use super::style::Paint;
use super::Failure;

/// Width of the table and the chart, in display columns.
const WIDTH: usize = 80;

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
        deadline: deadline.map(str::to_string),
        milestones: all,
    })
}

pub fn run(
    library: &Library,
    filter: &TargetFilter,
    format: Option<Format>,
    chart: bool,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let selected = filter.select(&library.targets);
    if format == Some(Format::Json) {
        // Written from the library's rows, not copies (a big corpus has
        // hundreds of thousands).
        write_json(&selected, out)?;
        return super::found(!selected.is_empty());
    }
    let rows: Vec<Target> = selected.into_iter().cloned().collect();
    let mut found = !rows.is_empty();
    match (format, chart) {
        (Some(format), _) => write_table(&targets_table(library, &rows), format, out)?,
        (None, false) => {
            if rows.is_empty() {
                eprintln!("policy-nav: no targets match; try without --plan/--deadline, or --all for milestones");
            } else {
                let mut text = Vec::new();
                write_text_table(&rows, WIDTH, &mut text)?;
                let text = String::from_utf8_lossy(&text);
                out.write_all(paint.first_line_heading(&text).as_bytes())?;
            }
        }
        (None, true) => {
            let groups = chart_groups(&rows);
            found = !groups.is_empty();
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
    super::found(found)
}
