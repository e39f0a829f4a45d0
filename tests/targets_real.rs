//! Targets on real text, measured against hand readings kept as data.
//!
//! Every `tests/fixtures/real-expected/NN-*.toml` is a careful human reading
//! of one real excerpt (`../shared/fixtures/real/` for 01–16,
//! `tests/fixtures/real-more/` for 17–22). This test runs the extractor on
//! the fixture text and matches the annotated `[[targets]]` rows against the
//! extracted ones; it prints a per-fixture table and fails on a regression
//! against `tests/fixtures/real-expected/targets-status.toml`.
//!
//! **What is run.** The library, as a user meets it: `Library::from_texts`
//! on the fixture, and its `targets` (what `targets --json` lists). So a
//! row is read with what the library knows of its clause — the deadline a
//! heading states (`（一）到2020年目标`), the sentence introducing a list —
//! and a notice's title, 文号 and signature are not read, as in use.
//!
//! **Positions.** Annotated quotes are verbatim substrings of the raw file;
//! extracted spans are in a clause's normalized text (spaces removed,
//! bracket and comma widths changed, lines joined). Both sides are mapped
//! into one *folded* text: whitespace dropped, full-width ASCII forms
//! (U+FF01–FF5E, U+3000) folded to ASCII. Each paragraph of a clause is
//! located in the folded raw text from the raw line it starts on, so a span
//! in a clause becomes a folded document range.
//!
//! **Matching.** An annotated row (one per occurrence of its quote, or the
//! listed `occurrences`) matches an extracted row whose folded range overlaps
//! the quote's occurrence and whose value is equal within 0.1% (so `三分之一` = 0.3333;
//! milestones: both without a value). Each extracted row is used once; among candidates the one with
//! the fewest field differences wins. Compared fields: unit, relation,
//! qualifiers (as sets), baseline_year, deadline, scope, and metric. Strings
//! are compared folded (so `(PM2.5)` = `（PM2.5）`); the metric must be equal
//! after folding — no looser rule, so a metric counted as exact is exact.
//!
//! **False rows.** An extracted row that matched no annotated row, whose
//! range overlaps a `[[not_targets]]` quote and whose value is written in that
//! quote (or which is a milestone), is a false row.
//!
//! **Regression status.** `targets-status.toml` lists, per fixture, the ids
//! of annotated rows found exactly, found with differences, and the known
//! false rows. The test fails if a row listed as exact is no longer exact, a
//! row listed as found is no longer found, or a false row appears that is not
//! listed. Regenerate it (never edit by hand) with
//! `UPDATE_TARGETS_STATUS=1 cargo test --test targets_real`.

use policy_nav::targets::Target;
use policy_nav::Library;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn expected_dir() -> PathBuf {
    root().join("tests/fixtures/real-expected")
}

fn status_path() -> PathBuf {
    expected_dir().join("targets-status.toml")
}

fn fixture_path(name: &str) -> Option<PathBuf> {
    let dirs = [
        root().join("../shared/fixtures/real"),
        root().join("tests/fixtures/real-more"),
    ];
    dirs.iter().map(|d| d.join(name)).find(|p| p.is_file())
}

fn fold_char(c: char) -> Option<char> {
    if c.is_whitespace() {
        return None;
    }
    let u = c as u32;
    if (0xFF01..=0xFF5E).contains(&u) {
        return char::from_u32(u - 0xFF01 + 0x21);
    }
    Some(c)
}

fn fold(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// Folded text of `s` plus, for every char index of `s` (and its end), the
/// folded char index at which it starts.
fn fold_map(s: &str) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::new();
    let mut map = Vec::new();
    for c in s.chars() {
        map.push(out.len());
        if let Some(f) = fold_char(c) {
            out.push(f);
        }
    }
    map.push(out.len());
    (out, map)
}

fn find_chars(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

fn all_occurrences(hay: &[char], needle: &[char]) -> Vec<usize> {
    let mut v = Vec::new();
    let mut from = 0;
    while let Some(i) = find_chars(hay, needle, from) {
        v.push(i);
        from = i + 1;
    }
    v
}

/// An extracted row placed in the folded document.
struct Placed {
    row: Target,
    range: Option<(usize, usize)>,
}

/// The rows the library reads from the fixture (`Library::from_texts`, as
/// `targets --json` shows them), each placed in the folded raw text: a
/// row's span is a character range of its clause's text (the clause's
/// paragraphs joined with newlines), and each paragraph is found in the
/// folded text from the start of the raw line it came from.
fn extract_placed(name: &str, raw: &str) -> Vec<Placed> {
    let doc: Vec<char> = fold(raw).chars().collect();
    // Folded offset at which each raw line (1-based) starts.
    let mut line_at = vec![0, 0];
    for line in raw.split('\n') {
        let last = *line_at.last().unwrap();
        line_at.push(last + fold(line).chars().count());
    }
    let library = Library::from_texts(&[(name, raw)]);
    // Per clause id: (folded start, folded map, char start in clause text) per paragraph.
    type PlacedParagraph = (Option<usize>, Vec<usize>, usize);
    let mut clauses: HashMap<&str, Vec<PlacedParagraph>> = HashMap::new();
    for clause in &library.clauses {
        let mut start = 0;
        let placed = clause
            .paragraphs
            .iter()
            .map(|para| {
                let (ptext, pmap) = fold_map(&para.text);
                let from = line_at[para.lines.first.min(line_at.len() - 1)];
                let at = find_chars(&doc, &ptext, from).or_else(|| {
                    // Repairs may have changed a few characters: anchor on a prefix.
                    let n = ptext.len().min(8);
                    find_chars(&doc, &ptext[..n], from)
                });
                let here = (at, pmap, start);
                start += para.text.chars().count() + 1;
                here
            })
            .collect();
        clauses.insert(clause.id.as_str(), placed);
    }
    let locate = |paragraphs: &[PlacedParagraph], offset: usize| -> Option<usize> {
        let (at, pmap, start) = paragraphs.iter().rev().find(|p| p.2 <= offset)?;
        Some((*at)? + pmap[(offset - start).min(pmap.len() - 1)])
    };
    library
        .targets
        .iter()
        .map(|row| {
            let range = clauses.get(row.address.as_str()).and_then(|paragraphs| {
                let s = locate(paragraphs, row.span[0])?;
                let e = locate(paragraphs, row.span[1])?;
                Some((s, e.max(s + 1)))
            });
            Placed {
                row: row.clone(),
                range,
            }
        })
        .collect()
}

/// One annotated row instance.
struct Expected {
    id: String,
    range: (usize, usize),
    metric: String,
    value: Option<f64>,
    unit: Option<String>,
    relation: String,
    qualifiers: BTreeSet<String>,
    baseline_year: Option<u16>,
    deadline: Option<String>,
    scope: Option<String>,
}

fn opt_str(t: &toml::Table, k: &str) -> Option<String> {
    t.get(k)
        .and_then(|v| v.as_str())
        .filter(|s| !s.is_empty())
        .map(fold)
}

fn load_expected(
    table: &toml::Table,
    doc: &[char],
) -> (Vec<Expected>, Vec<(usize, usize, String)>) {
    let mut rows = Vec::new();
    let empty = Vec::new();
    let targets = table
        .get("targets")
        .and_then(|v| v.as_array())
        .unwrap_or(&empty);
    for (i, t) in targets.iter().enumerate() {
        let t = t.as_table().expect("target row is a table");
        let quote: Vec<char> = fold(t["quote"].as_str().unwrap()).chars().collect();
        let occ = all_occurrences(doc, &quote);
        assert!(
            !occ.is_empty(),
            "annotated quote not found: {:?}",
            t["quote"]
        );
        let picked: Vec<usize> = match t.get("occurrences").and_then(|v| v.as_array()) {
            Some(list) => list
                .iter()
                .map(|x| x.as_integer().unwrap() as usize)
                .collect(),
            None => (1..=occ.len()).collect(),
        };
        for &k in &picked {
            let at = occ[k - 1];
            let id = if picked.len() == 1 && occ.len() == 1 {
                format!("{}", i + 1)
            } else {
                format!("{}.{}", i + 1, k)
            };
            rows.push(Expected {
                id,
                range: (at, at + quote.len()),
                metric: fold(t["metric"].as_str().unwrap_or("")),
                value: t
                    .get("value")
                    .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|x| x as f64))),
                unit: opt_str(t, "unit"),
                relation: t["relation"].as_str().unwrap().to_string(),
                qualifiers: t
                    .get("qualifiers")
                    .and_then(|v| v.as_array())
                    .map(|a| a.iter().filter_map(|x| x.as_str()).map(fold).collect())
                    .unwrap_or_default(),
                baseline_year: t
                    .get("baseline_year")
                    .and_then(|v| v.as_integer())
                    .map(|x| x as u16),
                deadline: opt_str(t, "deadline"),
                scope: opt_str(t, "scope"),
            });
        }
    }
    let mut nots = Vec::new();
    if let Some(list) = table.get("not_targets").and_then(|v| v.as_array()) {
        for nt in list {
            let q = nt["quote"].as_str().unwrap();
            let qc: Vec<char> = fold(q).chars().collect();
            for at in all_occurrences(doc, &qc) {
                nots.push((at, at + qc.len(), fold(q)));
            }
        }
    }
    (rows, nots)
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn same_value(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-3 * x.abs().max(1e-3),
        _ => false,
    }
}

/// Names of the fields in which `got` differs from `want`.
fn differences(want: &Expected, got: &Target) -> Vec<&'static str> {
    let mut d = Vec::new();
    if want.unit != got.unit.as_deref().map(fold).filter(|s| !s.is_empty()) {
        d.push("unit");
    }
    if want.relation != got.relation.as_str() {
        d.push("relation");
    }
    let quals: BTreeSet<String> = got.qualifiers.iter().map(|q| fold(q)).collect();
    if want.qualifiers != quals {
        d.push("qualifiers");
    }
    if want.baseline_year != got.baseline_year {
        d.push("baseline_year");
    }
    if want.deadline != got.deadline.as_deref().map(fold) {
        d.push("deadline");
    }
    if want.scope != got.scope.as_deref().map(fold) {
        d.push("scope");
    }
    if want.metric != fold(&got.metric) {
        d.push("metric");
    }
    d
}

#[derive(Default)]
struct FixtureResult {
    annotated: usize,
    exact: Vec<String>,
    differ: Vec<(String, Vec<&'static str>)>,
    /// Want/got lines for differing fields (printed with TARGETS_REAL_VERBOSE).
    detail: Vec<String>,
    missed_detail: Vec<String>,
    missed: Vec<String>,
    false_rows: Vec<String>,
    other_extra: usize,
}

fn value_written(v: f64, quote: &str) -> bool {
    let s = if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    };
    quote.contains(&s)
}

fn run_fixture(name: &str, table: &toml::Table, raw: &str) -> FixtureResult {
    let doc: Vec<char> = fold(raw).chars().collect();
    let (expected, nots) = load_expected(table, &doc);
    let placed = extract_placed(name, raw);
    let mut used = vec![false; placed.len()];
    let mut res = FixtureResult {
        annotated: expected.len(),
        ..Default::default()
    };
    for want in &expected {
        let best = placed
            .iter()
            .enumerate()
            .filter(|(k, p)| {
                !used[*k]
                    && p.range.is_some_and(|r| overlaps(r, want.range))
                    && same_value(want.value, p.row.value)
                    && (want.value.is_some() || p.row.relation.as_str() == "milestone")
            })
            .map(|(k, p)| (differences(want, &p.row).len(), k))
            .min();
        match best {
            Some((_, k)) => {
                used[k] = true;
                let d = differences(want, &placed[k].row);
                if d.is_empty() {
                    res.exact.push(want.id.clone());
                } else {
                    let g = &placed[k].row;
                    res.detail.push(format!(
                        "    {}: want metric={:?} unit={:?} rel={} q={:?} base={:?} dl={:?} scope={:?}\n    {}:  got metric={:?} unit={:?} rel={} q={:?} base={:?} dl={:?} scope={:?}",
                        want.id, want.metric, want.unit, want.relation, want.qualifiers, want.baseline_year, want.deadline, want.scope,
                        want.id, g.metric, g.unit, g.relation.as_str(), g.qualifiers, g.baseline_year, g.deadline, g.scope
                    ));
                    res.differ.push((want.id.clone(), d));
                }
            }
            None => {
                let near: Vec<String> = placed
                    .iter()
                    .filter(|p| p.range.is_some_and(|r| overlaps(r, want.range)))
                    .map(|p| {
                        format!(
                            "{:?}/{}@{}",
                            p.row.value,
                            p.row.relation.as_str(),
                            p.row.quote
                        )
                    })
                    .collect();
                let q: String = doc[want.range.0..want.range.1].iter().collect();
                res.missed_detail.push(format!(
                    "    missed {}: {:?} {} {:?} {:?}; overlapping: {}",
                    want.id,
                    want.value,
                    want.relation,
                    want.metric,
                    q,
                    near.join(" | ")
                ));
                res.missed.push(want.id.clone())
            }
        }
    }
    for (k, p) in placed.iter().enumerate() {
        if used[k] {
            continue;
        }
        let hit = p.range.and_then(|r| {
            nots.iter().find(|(a, b, q)| {
                overlaps(r, (*a, *b)) && p.row.value.is_none_or(|v| value_written(v, q))
            })
        });
        match hit {
            Some(_) => res.false_rows.push(format!(
                "{} {}",
                p.row.value.map(|v| v.to_string()).unwrap_or_default(),
                p.row.quote
            )),
            None => res.other_extra += 1,
        }
    }
    res
}

fn ids(v: &[String]) -> String {
    let q: Vec<String> = v.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", q.join(", "))
}

#[test]
fn real_fixtures_targets() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(expected_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "toml")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.as_bytes()[0].is_ascii_digit())
        })
        .collect();
    files.sort();
    let mut results: BTreeMap<String, FixtureResult> = BTreeMap::new();
    for f in &files {
        let table: toml::Table = std::fs::read_to_string(f).unwrap().parse().unwrap();
        let name = table["fixture"].as_str().unwrap().to_string();
        let Some(path) = fixture_path(&name) else {
            eprintln!("skipped (fixture not found): {name}");
            continue;
        };
        let raw = std::fs::read_to_string(&path).unwrap();
        let key = Path::new(&name)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        results.insert(key.clone(), run_fixture(&key, &table, &raw));
    }

    // The table.
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<40} {:>5} {:>5} {:>5} {:>6} {:>5} {:>5}",
        "fixture", "rows", "exact", "diff", "missed", "false", "other"
    );
    let mut tot = [0usize; 6];
    for (k, r) in &results {
        let row = [
            r.annotated,
            r.exact.len(),
            r.differ.len(),
            r.missed.len(),
            r.false_rows.len(),
            r.other_extra,
        ];
        for (t, x) in tot.iter_mut().zip(row) {
            *t += x;
        }
        let _ = writeln!(
            out,
            "{:<40} {:>5} {:>5} {:>5} {:>6} {:>5} {:>5}",
            k, row[0], row[1], row[2], row[3], row[4], row[5]
        );
        for (id, d) in &r.differ {
            let _ = writeln!(out, "    {id}: differs in {}", d.join(", "));
        }
        if std::env::var_os("TARGETS_REAL_VERBOSE").is_some() {
            for l in &r.detail {
                let _ = writeln!(out, "{l}");
            }
            for l in &r.missed_detail {
                let _ = writeln!(out, "{l}");
            }
        }
        if !r.missed.is_empty() {
            let _ = writeln!(out, "    missed: {}", r.missed.join(" "));
        }
        for q in &r.false_rows {
            let _ = writeln!(out, "    false row: {q}");
        }
    }
    let _ = writeln!(
        out,
        "{:<40} {:>5} {:>5} {:>5} {:>6} {:>5} {:>5}",
        "TOTAL", tot[0], tot[1], tot[2], tot[3], tot[4], tot[5]
    );
    let _ = writeln!(
        out,
        "found {}/{} (exact {}); `other` = extracted rows matching no annotation and no not_target (not asserted)",
        tot[1] + tot[2],
        tot[0],
        tot[1]
    );
    println!("{out}");

    if std::env::var_os("UPDATE_TARGETS_STATUS").is_some() {
        let mut s = String::from(
            "# Generated by `UPDATE_TARGETS_STATUS=1 cargo test --test targets_real`; do not edit.\n\
             # Per fixture: annotated row ids (target index in the .toml, `.k` = k-th occurrence)\n\
             # found exactly, found with field differences, and known false rows.\n",
        );
        let _ = writeln!(
            s,
            "# Total: {} annotated, {} exact, {} with differences, {} missed, {} false.",
            tot[0], tot[1], tot[2], tot[3], tot[4]
        );
        for (k, r) in &results {
            let differ: Vec<String> = r.differ.iter().map(|d| d.0.clone()).collect();
            let _ = writeln!(s, "\n[{k:?}]");
            let _ = writeln!(s, "annotated = {}", r.annotated);
            let _ = writeln!(s, "exact = {}", ids(&r.exact));
            let _ = writeln!(s, "differ = {}", ids(&differ));
            let _ = writeln!(s, "false_rows = {}", ids(&r.false_rows));
        }
        std::fs::write(status_path(), s).unwrap();
        return;
    }

    let status: toml::Table = std::fs::read_to_string(status_path())
        .expect("targets-status.toml missing: run with UPDATE_TARGETS_STATUS=1")
        .parse()
        .unwrap();
    let mut failures = Vec::new();
    for (k, r) in &results {
        let Some(st) = status.get(k).and_then(|v| v.as_table()) else {
            failures.push(format!("{k}: not in targets-status.toml"));
            continue;
        };
        let list = |key: &str| -> Vec<String> {
            st.get(key)
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        for id in list("exact") {
            if !r.exact.contains(&id) {
                failures.push(format!("{k}: row {id} was exact, now is not"));
            }
        }
        for id in list("differ") {
            if !r.exact.contains(&id) && !r.differ.iter().any(|d| d.0 == id) {
                failures.push(format!("{k}: row {id} was found, now missed"));
            }
        }
        let known = list("false_rows");
        for q in &r.false_rows {
            if !known.contains(q) {
                failures.push(format!("{k}: new false row: {q}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "regressions against targets-status.toml:\n{}",
        failures.join("\n")
    );
}
