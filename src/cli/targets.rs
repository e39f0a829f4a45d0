//! `policy-nav targets`: the numeric targets table.

use std::io::Write;

use policy_nav::targets::{Relation, Target};
use policy_nav::targets_format::{write_csv, write_json, write_table};
use policy_nav::Library;

use super::search::plan_filter;
use super::Failure;

/// Output format of the targets table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Md,
}

/// Targets matching the filters, milestones only with `all`.
pub fn select<'a>(
    library: &'a Library,
    plan: Option<&str>,
    deadline: Option<&str>,
    all: bool,
) -> Vec<&'a Target> {
    library
        .targets
        .iter()
        .filter(|t| all || t.relation != Relation::Milestone)
        .filter(|t| plan.is_none_or(|p| t.plan == p))
        .filter(|t| deadline.is_none_or(|d| t.deadline.as_deref().is_some_and(|td| td.contains(d))))
        .collect()
}

pub fn run(
    library: &Library,
    plan: Option<&str>,
    deadline: Option<&str>,
    all: bool,
    format: Format,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let plan = plan_filter(library, plan)?;
    let rows: Vec<Target> = select(library, plan.as_deref(), deadline, all)
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
                        .clause_by_id(&t.clause)
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
                write_table(&rows, 80, out)?
            }
        }
    }
    Ok(())
}
