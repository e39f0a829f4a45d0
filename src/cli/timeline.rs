//! `policy-nav timeline`: targets and milestones by deadline, then plan.

use std::io::Write;

use serde::Serialize;

use policy_nav::export::{timeline_table, write_table, Format};
use policy_nav::targets::{Target, TargetFilter};
use policy_nav::targets_format::target_text;
use policy_nav::timeline::timeline;
use policy_nav::Library;

use super::search::plan_filter;
use super::Failure;

#[derive(Serialize)]
struct JsonPlan<'a> {
    plan: &'a str,
    targets: Vec<&'a Target>,
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    deadline: Option<&'a str>,
    spellings: &'a [String],
    plans: Vec<JsonPlan<'a>>,
}

pub fn run(
    library: &Library,
    plan: Option<&str>,
    undated: bool,
    format: Option<Format>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    // Milestones belong on a timeline.
    let filter = TargetFilter {
        plan: plan_filter(library, plan)?,
        milestones: true,
        ..TargetFilter::default()
    };
    let targets: Vec<Target> = filter
        .select(&library.targets)
        .into_iter()
        .cloned()
        .collect();
    let groups = timeline(&targets, undated);
    match format {
        Some(Format::Json) => {
            // Targets keep their deadline as written; a group may gather
            // several spellings of one deadline.
            let json: Vec<JsonGroup> = groups
                .iter()
                .map(|g| JsonGroup {
                    deadline: g.deadline.as_deref(),
                    spellings: &g.spellings,
                    plans: g
                        .plans
                        .iter()
                        .map(|p| JsonPlan {
                            plan: &p.plan,
                            targets: p.targets.iter().map(|&i| &targets[i]).collect(),
                        })
                        .collect(),
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Some(format) => write_table(&timeline_table(library, &targets, &groups), format, out)?,
        None => {
            if groups.is_empty() {
                eprintln!("policy-nav: {}", t!("cli.no_dated_targets"));
            }
            for g in &groups {
                writeln!(
                    out,
                    "{}",
                    g.deadline
                        .clone()
                        .unwrap_or_else(|| t!("cli.no_deadline").into_owned())
                )?;
                for p in &g.plans {
                    writeln!(out, "  {}", p.plan)?;
                    for &i in &p.targets {
                        let t = &targets[i];
                        let value = if t.value.is_some() {
                            format!("  {}", target_text(t))
                        } else {
                            String::new()
                        };
                        writeln!(out, "    {}  {}{value}", t.address, t.metric)?;
                    }
                }
            }
        }
    }
    super::found(!groups.is_empty())
}
