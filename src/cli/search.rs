//! `policy-nav search` and `policy-nav index`.

use std::io::Write;

use policy_nav::export::{hits_table, write_table, Format};
use policy_nav::library::QuickSearch;
use policy_nav::search::{Explanation, Hit, MatchField, SearchIndex, Via};
use policy_nav::Library;

use super::style::Paint;
use super::{Failure, EXIT_USAGE};

/// Opens the index, saying on stderr where it lives when that is not the default.
pub fn open_index(library: &Library, rebuild: bool) -> Result<SearchIndex, Failure> {
    let (index, location) = library.open_search(rebuild).map_err(|e| Failure {
        message: t!("cli.index_unusable", error = e).into_owned(),
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
        None => Err(no_plan(
            name,
            library.plans.iter().map(|p| p.address_name.as_str()),
        )),
    }
}

fn no_plan<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Failure {
    let names: Vec<&str> = names.collect();
    Failure {
        message: t!("cli.no_plan", name = name, plans = names.join(", ")).into_owned(),
        code: EXIT_USAGE,
    }
}

/// Says on stderr when a query is longer than what is searched.
fn warn_if_clamped(query: &str) {
    if policy_nav::search::clamp_query(query).1 {
        eprintln!(
            "policy-nav: {}",
            t!(
                "cli.query_clamped",
                length = query.chars().count(),
                max = policy_nav::search::MAX_QUERY_CHARS
            )
        );
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
    warn_if_clamped(query);
    let hits = quick
        .index
        .search(query, limit, plan.as_deref(), &quick.snapshot);
    print_hits(&hits, query, json, paint, out)
}

/// What `search` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Results as text (`None`) or in an export format.
    Plain(Option<Format>),
    /// The query explanation, as text or JSON.
    Explain { json: bool },
}

pub fn run_search(
    library: &Library,
    query: &str,
    limit: usize,
    plan: Option<&str>,
    output: Output,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let plan = plan_filter(library, plan)?;
    warn_if_clamped(query);
    let index = open_index(library, false)?;
    let format = match output {
        Output::Explain { json } => {
            let explanation = index.explain(query, limit, plan.as_deref(), &library.expander());
            if json {
                serde_json::to_writer_pretty(&mut *out, &explanation)
                    .map_err(std::io::Error::from)?;
                writeln!(out)?;
            } else {
                write_explanation(&explanation, out)?;
            }
            return Ok(());
        }
        Output::Plain(format) => format,
    };
    let hits = index.search(query, limit, plan.as_deref(), &library.expander());
    match format {
        Some(Format::Json) => print_hits(&hits, query, true, paint, out),
        Some(format) => {
            write_table(&hits_table(library, &hits), format, out)?;
            super::found(!hits.is_empty())
        }
        None => print_hits(&hits, query, false, paint, out),
    }
}

fn print_hits(
    hits: &[Hit],
    query: &str,
    json: bool,
    paint: Paint,
    out: &mut impl Write,
) -> Result<(), Failure> {
    if json {
        super::write_json(out, &hits)?;
        return super::found(!hits.is_empty());
    }
    if hits.is_empty() {
        let (searched, cut) = policy_nav::search::clamp_query(query);
        let searched = format!("{searched}{}", if cut { "…" } else { "" });
        eprintln!(
            "policy-nav: {}",
            super::terminal_safe(&t!("cli.no_search_hit", query = searched))
        );
        return Err(Failure::nothing_found());
    }
    for (n, hit) in hits.iter().enumerate() {
        writeln!(
            out,
            "{:>2}. {}  {}",
            n + 1,
            paint.address(&hit.address),
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

fn via_label(via: Via) -> String {
    match via {
        Via::Typed => t!("explain.via_typed"),
        Via::Alias => t!("explain.via_alias"),
        Via::Pinyin => t!("explain.via_pinyin"),
        Via::Metric => t!("explain.via_metric"),
    }
    .into_owned()
}

fn field_label(field: MatchField) -> String {
    match field {
        MatchField::HeadingChars => t!("explain.heading_chars"),
        MatchField::HeadingWords => t!("explain.heading_words"),
        MatchField::TextChars => t!("explain.text_chars"),
        MatchField::TextWords => t!("explain.text_words"),
    }
    .into_owned()
}

/// The explanation as text: query, filters, then one block per result.
fn write_explanation(e: &Explanation, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{}", t!("explain.query", query = e.query))?;
    for (label, terms) in [
        (t!("explain.word"), &e.terms),
        (t!("explain.excluded"), &e.excludes),
    ] {
        for term in terms {
            let quoted = if term.quoted {
                t!("explain.phrase")
            } else {
                "".into()
            };
            writeln!(
                out,
                "{}",
                t!(
                    "explain.term",
                    label = label,
                    text = term.text,
                    quoted = quoted
                )
            )?;
            writeln!(
                out,
                "{}",
                t!("explain.jieba_words", words = term.words.join(" | "))
            )?;
            for v in term.variants.iter().skip(1) {
                writeln!(
                    out,
                    "{}",
                    t!(
                        "explain.also_matches",
                        text = v.text,
                        via = via_label(v.via),
                        from = v.from.as_deref().unwrap_or("")
                    )
                )?;
            }
        }
    }
    for p in &e.plans {
        let sign = if p.exclude { "-" } else { "" };
        let source = if p.source == "option" {
            "--plan "
        } else {
            "plan:"
        };
        let filter = format!("{sign}{source}{}", p.typed);
        match &p.resolved {
            Some(r) => writeln!(
                out,
                "{}",
                t!("explain.plan_filter", filter = filter, plan = r)
            )?,
            None => writeln!(out, "{}", t!("explain.no_such_plan", filter = filter))?,
        }
    }
    for d in &e.depts {
        let roles = if d.roles.is_empty() {
            t!("explain.any_duty").into_owned()
        } else {
            d.roles.join(&t!("explain.or"))
        };
        writeln!(
            out,
            "{}",
            t!(
                "explain.dept_filter",
                typed = d.typed,
                canonical = d.canonical,
                via = via_label(d.via),
                roles = roles
            )
        )?;
    }
    if !e.roles.is_empty() {
        let roles = e.roles.join(&t!("explain.or"));
        writeln!(out, "{}", t!("explain.role_filter", roles = roles))?;
    }
    if e.results.is_empty() {
        writeln!(out, "{}", t!("explain.no_results"))?;
    }
    for (n, r) in e.results.iter().enumerate() {
        let score = format!("{:.2}", r.score);
        writeln!(
            out,
            "{:>2}. {}  {}  {}",
            n + 1,
            r.address,
            r.heading,
            t!("explain.score", score = score)
        )?;
        if r.matches.is_empty() {
            writeln!(out, "{}", t!("explain.filters_only"))?;
        }
        for m in &r.matches {
            let fields: Vec<String> = m.fields.iter().map(|f| field_label(*f)).collect();
            let variant = if m.variant == m.term {
                m.term.clone()
            } else {
                format!("{} → {}", m.term, m.variant)
            };
            let fields = fields.join(&t!("explain.list_separator"));
            writeln!(
                out,
                "{}",
                t!("explain.match", variant = variant, fields = fields)
            )?;
        }
    }
    Ok(())
}

pub fn run_index(library: &Library, rebuild: bool, out: &mut impl Write) -> Result<(), Failure> {
    let (index, location) = library.open_search(rebuild).map_err(|e| Failure {
        message: t!("cli.index_build_failed", error = e).into_owned(),
        code: EXIT_USAGE,
    })?;
    writeln!(
        out,
        "{}",
        t!(
            "cli.index_summary",
            count = index.num_docs(),
            place = location.describe()
        )
    )?;
    Ok(())
}
