//! `policy-nav search` and `policy-nav index`.

use std::io::Write;

use policy_nav::library::QuickSearch;
use policy_nav::search::{Hit, SearchIndex};
use policy_nav::Library;

use super::style::Paint;
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
        eprintln!("policy-nav: {}", location.describe());
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
        None => Err(no_plan(
            name,
            library.plans.iter().map(|p| p.address_name.as_str()),
        )),
    }
}

fn no_plan<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Failure {
    let names: Vec<&str> = names.collect();
    Failure {
        message: format!("no plan {name:?}; plans are: {}", names.join(", ")),
        code: EXIT_USAGE,
    }
}

/// `search` on an index opened without loading the corpus ([`QuickSearch`]).
pub fn run_quick_search(
    quick: &QuickSearch,
    query: &str,
    limit: usize,
    plan: Option<&str>,
    json: bool,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let plan = match plan {
        None => None,
        Some(name) => match quick.snapshot.find_plan(name) {
            Some(p) => Some(p.to_string()),
            None => return Err(no_plan(name, quick.snapshot.plan_names())),
        },
    };
    if !quick.location.is_default() {
        eprintln!("policy-nav: {}", quick.location.describe());
    }
    let hits = quick
        .index
        .search(query, limit, plan.as_deref(), &quick.snapshot);
    print_hits(&hits, query, json, paint, out)
}

pub fn run_search(
    library: &Library,
    query: &str,
    limit: usize,
    plan: Option<&str>,
    json: bool,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let plan = plan_filter(library, plan)?;
    let index = open_index(library, false)?;
    let hits = index.search(query, limit, plan.as_deref(), &library.expander());
    print_hits(&hits, query, json, paint, out)
}

fn print_hits(
    hits: &[Hit],
    query: &str,
    json: bool,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    if json {
        serde_json::to_writer_pretty(&mut *out, hits).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    if hits.is_empty() {
        eprintln!("policy-nav: no clause matches {query:?}. Try a shorter query, fewer words, or another wording (aliases such as 发改委 work too).");
        return Ok(());
    }
    for (n, hit) in hits.iter().enumerate() {
        writeln!(
            out,
            "{:>2}. {}  {}",
            n + 1,
            paint.address(&hit.id),
            paint.heading(&hit.heading)
        )?;
        writeln!(out, "    {}", highlighted(hit, paint))?;
    }
    Ok(())
}

/// The snippet with its hits in bold underline when colour is on.
fn highlighted(hit: &Hit, paint: Paint) -> String {
    if !paint.enabled {
        return hit.snippet.clone();
    }
    let chars: Vec<char> = hit.snippet.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    let mut spans: Vec<[usize; 2]> = hit.highlights.to_vec();
    spans.sort_unstable();
    for [start, end] in spans {
        let (start, end) = (start.max(at).min(chars.len()), end.min(chars.len()));
        if start >= end {
            continue;
        }
        out.extend(&chars[at..start]);
        out.push_str(&paint.hit(&chars[start..end].iter().collect::<String>()));
        at = end;
    }
    out.extend(&chars[at..]);
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
