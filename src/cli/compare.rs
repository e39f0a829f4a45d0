//! `policy-nav compare`: clauses of several plans side by side, differences
//! marked.

use std::io::Write;

use policy_nav::compare::{select, Comparison, ComparisonReport, Reason};
use policy_nav::export::{comparison_table, mark_ranges, write_comparison_md, write_table, Format};
use policy_nav::Library;

use super::style::Paint;
use super::{Failure, EXIT_NOT_FOUND};

fn reason_label(r: Reason) -> String {
    match r {
        Reason::SameNumber => t!("compare.same_number"),
        Reason::SameHeading => t!("compare.same_heading"),
        Reason::SimilarText => t!("compare.similar_text"),
    }
    .into_owned()
}

pub fn run(
    library: &Library,
    addresses: &[String],
    format: Option<Format>,
    marks: bool,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let args: Vec<&str> = addresses.iter().map(String::as_str).collect();
    let clauses = select(library, &args).map_err(|e| Failure {
        message: e.to_string(),
        code: EXIT_NOT_FOUND,
    })?;
    let report = ComparisonReport::new(library, &Comparison::of(library, &clauses));
    match format {
        Some(Format::Json) => {
            serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Some(Format::Md) => write_comparison_md(&report, out)?,
        Some(Format::Csv) => write_table(&comparison_table(&report), Format::Csv, out)?,
        None => {
            let (open, close) = if marks {
                ("【", "】")
            } else {
                paint.hit_marks()
            };
            for (n, c) in report.clauses.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                let note = if n == 0 {
                    "reference".to_string()
                } else {
                    let reasons: Vec<String> = c.reasons.iter().map(|r| reason_label(*r)).collect();
                    let mut note = format!("similarity {:.0}%", c.similarity * 100.0);
                    if !reasons.is_empty() {
                        note.push_str(&format!(", {}", reasons.join(", ")));
                    }
                    note
                };
                writeln!(
                    out,
                    "{}  {}  ({note})",
                    paint.address(&c.address),
                    paint.heading(&c.heading)
                )?;
                writeln!(out, "{}", paint.dim(&c.citation))?;
                // The reference is marked only against a single other clause.
                let ranges: &[[usize; 2]] = if n == 0 && report.clauses.len() != 2 {
                    &[]
                } else {
                    &c.changed
                };
                for line in mark_ranges(&c.text, ranges, open, close).split('\n') {
                    writeln!(out, "  {line}")?;
                }
            }
        }
    }
    Ok(())
}
