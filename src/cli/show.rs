//! `policy-nav show ADDRESS`: one clause with breadcrumb and raw lines.

use std::io::Write;

use serde_json::json;

use super::style::Paint;
use super::{Failure, EXIT_NOT_FOUND};
use policy_nav::Library;

pub fn run(
    library: &Library,
    address: &str,
    json: bool,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let resolved = library.resolve(address).map_err(|e| Failure {
        message: e.to_string(),
        code: EXIT_NOT_FOUND,
    })?;
    let clause = &library.clauses[resolved.clause];
    let doc = &library.documents[clause.document];
    let paragraphs: Vec<_> = match resolved.paragraph {
        Some(p) => vec![&clause.paragraphs[p]],
        None => clause.paragraphs.iter().collect(),
    };
    let lines = match resolved.paragraph {
        Some(p) => clause.paragraphs[p].lines,
        None => clause.lines,
    };
    let address = match resolved.paragraph {
        Some(p) => format!("{}#{}", clause.id, p + 1),
        None => clause.id.clone(),
    };
    let breadcrumb = library.breadcrumb(clause);
    if json {
        let value = json!({
            "address": address,
            "kind": clause.kind,
            "plan": clause.plan.map(|p| library.plans[p].address_name.clone()),
            "plan_title": clause.plan.map(|p| library.plans[p].title.clone()),
            "heading": clause.heading,
            "breadcrumb": breadcrumb,
            "citation": library.citation(clause),
            "text": paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n"),
            "paragraphs": paragraphs,
            "source": doc.path,
            "lines": lines,
            "place": doc.positions.describe(lines),
            "departments": library.departments.clause_departments(&clause.id),
        });
        super::write_json(out, &value)?;
        return Ok(());
    }
    writeln!(out, "{}", paint.address(&address))?;
    writeln!(out, "{}", paint.heading(&breadcrumb.join(" › ")))?;
    writeln!(
        out,
        "{}",
        paint.dim(&format!("{}, {}", doc.path, doc.positions.describe(lines)))
    )?;
    writeln!(out)?;
    for p in paragraphs {
        writeln!(out, "{}", p.text)?;
    }
    let departments = library.departments.clause_departments(&clause.id);
    if !departments.is_empty() {
        writeln!(out)?;
        policy_nav::departments_format::write_clause_departments(out, &clause.id, &departments)?;
    }
    Ok(())
}
