//! `policy-nav search` and `policy-nav index`.

use std::io::{IsTerminal, Write};

use policy_nav::search::{Hit, SearchIndex};
use policy_nav::Library;

use super::{Failure, EXIT_USAGE};

/// Opens the index, saying on stderr where it lives when that is not the default.
pub fn open_index(library: &Library, rebuild: bool) -> Result<SearchIndex, Failure> {
    let (index, location) = library.open_search(rebuild).map_err(|e| Failure {
        message: format!(
            "cannot open or build the search index: {e}. Try `policy-nav index --rebuild`."
        ),
        code: EXIT_USAGE,
    })?;
    if !location.is_default() {
        eprintln!("policy-nav: {}", super::terminal_safe(&location.describe()));
    }
    Ok(index)
}

/// Resolves a `--plan` value or fails listing the plans.
pub fn plan_filter(library: &Library, plan: Option<&str>) -> Result<Option<String>, Failure> {
    let Some(name) = plan else {
        return Ok(None);
    };
    match library.find_plan(name) {
        Some(p) => Ok(Some(library.plans[p].address_name.clone())),
        None => {
            let names: Vec<&str> = library
                .plans
                .iter()
                .map(|p| p.address_name.as_str())
                .collect();
            Err(Failure {
                message: format!("no plan {name:?}; plans are: {}", names.join(", ")),
                code: EXIT_USAGE,
            })
        }
    }
}

pub fn run_search(
    library: &Library,
    query: &str,
    limit: usize,
    plan: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let plan = plan_filter(library, plan)?;
    let (searched, cut) = policy_nav::search::clamp_query(query);
    if cut {
        eprintln!(
            "policy-nav: the query is {} characters long; only its first {} are searched",
            query.chars().count(),
            policy_nav::search::MAX_QUERY_CHARS
        );
    }
    let index = open_index(library, false)?;
    let hits = index.search(query, limit, plan.as_deref(), &library.expander());
    if json {
        super::write_json(out, &hits)?;
        return Ok(());
    }
    if hits.is_empty() {
        eprintln!("policy-nav: no clause matches {searched:?}{}. Try a shorter query, fewer words, or another wording (aliases such as 发改委 work too).", if cut { "…" } else { "" });
        return Ok(());
    }
    let emphasis = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for (n, hit) in hits.iter().enumerate() {
        writeln!(out, "{:>2}. {}  {}", n + 1, hit.id, hit.heading)?;
        writeln!(out, "    {}", highlighted(hit, emphasis))?;
    }
    Ok(())
}

/// The snippet with its hits in bold when writing to a terminal.
fn highlighted(hit: &Hit, emphasis: bool) -> String {
    if !emphasis {
        return hit.snippet.clone();
    }
    let mut out = String::new();
    for (i, c) in hit.snippet.chars().enumerate() {
        if hit.highlights.iter().any(|h| h[0] == i) {
            out.push_str("\x1b[1;4m");
        }
        out.push(c);
        if hit.highlights.iter().any(|h| h[1] == i + 1) {
            out.push_str("\x1b[0m");
        }
    }
    out
}

pub fn run_index(library: &Library, rebuild: bool, out: &mut impl Write) -> Result<(), Failure> {
    let (index, location) = library.open_search(rebuild).map_err(|e| Failure {
        message: format!("cannot build the search index: {e}"),
        code: EXIT_USAGE,
    })?;
    writeln!(out, "{} clauses; {}", index.num_docs(), location.describe())?;
    Ok(())
}
