//! `policy-nav outline`: the document tree, and what normalization removed.

use std::io::{self, Write};

use serde_json::{json, Value};
use unicode_width::UnicodeWidthStr;

use policy_nav::corpus::ClauseKind;
use policy_nav::text::pad_cells;
use policy_nav::Library;

use super::style::Paint;

/// Column where headings start in the text outline.
const HEADING_COLUMN: usize = 24;

pub fn run(
    library: &Library,
    json: bool,
    debris: bool,
    paint: Paint,
    out: &mut impl Write,
) -> io::Result<()> {
    if json {
        let value = outline_json(library, debris);
        super::write_json(out, &value)
    } else if debris {
        write_debris(library, out)
    } else {
        write_outline(library, paint, out)
    }
}

fn write_outline(library: &Library, paint: Paint, out: &mut impl Write) -> io::Result<()> {
    for (d, doc) in library.documents.iter().enumerate() {
        if d > 0 {
            writeln!(out)?;
        }
        let number = doc
            .notice
            .as_ref()
            .and_then(|n| n.document_number.as_deref())
            .map(|n| format!(" · {n}"))
            .unwrap_or_default();
        let title = format!("{} · {}{number}", doc.name, doc.title(&library.plans));
        writeln!(out, "{}", paint.heading(&title))?;
        for &c in &doc.clauses {
            let clause = &library.clauses[c];
            let depth = match clause.kind {
                ClauseKind::Notice | ClauseKind::Untitled => 0,
                ClauseKind::Preamble | ClauseKind::Section => 1,
                ClauseKind::Item => 2,
            };
            if let Some(p) = clause.plan {
                let plan = &library.plans[p];
                if plan.clauses.first() == Some(&c) {
                    let listed = match (&doc.notice, plan.listed_as.as_deref()) {
                        (None, _) => String::new(),
                        (Some(_), Some(l)) => format!("（附件{}：{l}）", plan.attachment),
                        (Some(_), None) => format!("（附件{}）", plan.attachment),
                    };
                    write_row(
                        out,
                        paint,
                        0,
                        &plan.address_name,
                        &format!("{}{listed}", plan.title),
                    )?;
                }
            }
            write_row(out, paint, depth, &clause.id, &clause.display_heading())?;
        }
    }
    Ok(())
}

fn write_row(
    out: &mut impl Write,
    paint: Paint,
    depth: usize,
    address: &str,
    heading: &str,
) -> io::Result<()> {
    let indent = "  ".repeat(depth);
    let used = indent.len() + address.width();
    let pad = HEADING_COLUMN.saturating_sub(used).max(1);
    writeln!(
        out,
        "{indent}{}{}{heading}",
        paint.address(address),
        " ".repeat(pad)
    )
}

fn write_debris(library: &Library, out: &mut impl Write) -> io::Result<()> {
    for doc in &library.documents {
        writeln!(
            out,
            "{}",
            t!(
                "cli.debris_summary",
                path = doc.path,
                pieces = doc.debris.len(),
                rejoins = doc.rejoins.len()
            )
        )?;
        for d in &doc.debris {
            let place = doc.positions.describe_point(d.line, d.column);
            writeln!(
                out,
                "  {} {} {:?}",
                pad_cells(&place, 12),
                pad_cells(&d.reason.describe(), 40),
                d.text
            )?;
        }
        for r in &doc.rejoins {
            let label = t!("cli.rejoined");
            let lines = t!(
                "cli.rejoined_lines",
                before = doc.positions.describe_line(r.before_line),
                after = doc.positions.describe_line(r.after_line)
            );
            writeln!(out, "  {} {lines}", pad_cells(&label, 12))?;
        }
    }
    Ok(())
}

fn outline_json(library: &Library, debris: bool) -> Value {
    let clause_json = |c: usize| {
        let clause = &library.clauses[c];
        json!({
            "address": clause.id,
            "kind": clause.kind,
            "heading": clause.heading,
            "display_heading": clause.display_heading(),
            "lines": clause.lines,
        })
    };
    let documents: Vec<Value> = library
        .documents
        .iter()
        .map(|doc| {
            let notice = doc.notice.as_ref().map(|n| {
                json!({
                    "address": library.clauses[n.clause].id,
                    "document_number": n.document_number,
                    "title": n.title,
                    "addressees": n.addressees,
                    "attachments": n.attachments.iter().map(|a| json!({
                        "number": a.number,
                        "title": a.title,
                        "plan": a.plan.map(|p| library.plans[p].address_name.clone()),
                    })).collect::<Vec<_>>(),
                    "issuers": n.issuers,
                    "date": n.date,
                    "lines": library.clauses[n.clause].lines,
                })
            });
            let plans: Vec<Value> = doc
                .plans
                .iter()
                .map(|&p| {
                    let plan = &library.plans[p];
                    json!({
                        "name": plan.address_name,
                        "short_name": plan.short_name,
                        "title": plan.title,
                        "attachment": plan.attachment,
                        "listed_as": plan.listed_as,
                        "clauses": plan.clauses.iter().map(|&c| clause_json(c)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let mut value = json!({
                "name": doc.name,
                "path": doc.path,
                "title": doc.title(&library.plans),
                "notice": notice,
                "plans": plans,
                "untitled": doc.clauses.iter()
                    .filter(|&&c| library.clauses[c].kind == ClauseKind::Untitled)
                    .map(|&c| clause_json(c)).collect::<Vec<_>>(),
            });
            if debris {
                value["debris"] = json!(doc.debris);
                value["rejoins"] = json!(doc.rejoins);
            }
            value
        })
        .collect();
    json!(documents)
}
