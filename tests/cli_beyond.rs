//! Issue 9 as a user runs it: compare, pinyin, timeline, search --explain,
//! exports with citations, and the corpus's own dictionary and aliases.
//! Each test uses its own copy of the corpus so index directories never
//! collide.

mod common;

use common::corpus_copy;
use std::path::Path;

use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    common::run_in(dir, args)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let (code, stdout, stderr) = run(dir, args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {stdout}"))
}

fn chars(s: &str, r: &Value) -> String {
    let (a, b) = (
        r[0].as_u64().unwrap() as usize,
        r[1].as_u64().unwrap() as usize,
    );
    s.chars().skip(a).take(b - a).collect()
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap()
}

// ---------------------------------------------------------------- compare

#[test]
fn compare_a_number_lists_every_plan_that_has_it_with_complete_diffs() {
    let dir = corpus_copy();
    let report = json(dir.path(), &["compare", "三(一)", "--json"]);
    let clauses = report["clauses"].as_array().unwrap();
    let outline = json(dir.path(), &["outline", "--json"]);
    let expected: Vec<String> = outline[0]["plans"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["clauses"].as_array().unwrap().clone())
        .map(|c| str_of(&c["address"]).to_string())
        .filter(|a| a.ends_with(":三(一)"))
        .collect();
    let got: Vec<&str> = clauses.iter().map(|c| str_of(&c["address"])).collect();
    assert_eq!(got, expected);
    assert!(got.len() >= 2);
    let reference = str_of(&clauses[0]["text"]);
    for c in &clauses[1..] {
        let text = str_of(&c["text"]);
        let (mut old, mut new) = (String::new(), String::new());
        for op in c["diff"].as_array().unwrap() {
            match str_of(&op["op"]) {
                "equal" => {
                    assert_eq!(chars(reference, &op["old"]), chars(text, &op["new"]));
                    old += &chars(reference, &op["old"]);
                    new += &chars(text, &op["new"]);
                }
                "delete" => old += &chars(reference, &op["old"]),
                "insert" => new += &chars(text, &op["new"]),
                other => panic!("op {other}"),
            }
        }
        assert_eq!(old, reference, "{}", c["address"]);
        assert_eq!(new, text, "{}", c["address"]);
        assert!(c["citation"].as_str().unwrap().starts_with('《'));
        let reasons: Vec<&str> = c["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(str_of)
            .collect();
        assert!(reasons.contains(&"same_number"), "{reasons:?}");
    }
}

#[test]
fn compare_two_addresses_marks_the_industry_names_only_when_asked() {
    let dir = corpus_copy();
    let args = ["compare", "钢铁:四(四)", "水泥:四(四)"];
    let (code, plain, stderr) = run(dir.path(), &args);
    assert_eq!(code, 0, "{stderr}");
    assert!(plain.contains("钢铁:四(四)") && plain.contains("水泥:四(四)"));
    assert!(!plain.contains('\u{1b}'), "no escapes in a pipe");
    assert!(!plain.contains('【'));
    let (_, marked, _) = run(dir.path(), &[&args[..], &["--marks"]].concat());
    let steel = marked
        .lines()
        .find(|l| l.contains("【钢铁】"))
        .unwrap_or_default();
    let cement = marked
        .lines()
        .find(|l| l.contains("【水泥】"))
        .unwrap_or_default();
    assert!(!steel.is_empty() && !cement.is_empty(), "{marked}");
    // Without the marks the text is the clause text.
    let unmarked = marked.replace(['【', '】'], "");
    assert_eq!(unmarked, plain);
}

#[test]
fn compare_one_address_lists_its_counterparts_and_unknowns_fail() {
    let dir = corpus_copy();
    let report = json(dir.path(), &["compare", "钢铁:四(四)", "--json"]);
    let clauses = report["clauses"].as_array().unwrap();
    assert_eq!(clauses[0]["address"], "钢铁:四(四)");
    assert!(clauses.len() >= 3, "{report}");
    let sims: Vec<f64> = clauses[1..]
        .iter()
        .map(|c| c["similarity"].as_f64().unwrap())
        .collect();
    assert!(
        sims.windows(2).all(|w| w[0] >= w[1]),
        "most similar first: {sims:?}"
    );
    assert!(clauses[1..]
        .iter()
        .all(|c| !str_of(&c["address"]).starts_with("钢铁:")));
    let (code, _, stderr) = run(dir.path(), &["compare", "九(九)"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("九(九)"), "{stderr}");
}

#[test]
fn compare_exports_csv_and_markdown_with_citations() {
    let dir = corpus_copy();
    let (code, csv, _) = run(dir.path(), &["compare", "三(一)", "--csv"]);
    assert_eq!(code, 0);
    assert!(csv.starts_with('\u{feff}'));
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let cite = headers.iter().position(|h| h == "citation").unwrap();
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() >= 2);
    assert!(rows
        .iter()
        .all(|r| r[cite].starts_with('《') && r[cite].ends_with("三、（一）")));
    let (_, md, _) = run(
        dir.path(),
        &["compare", "钢铁:四(四)", "水泥:四(四)", "--md"],
    );
    assert!(md.contains("<del>钢铁</del>"), "{md}");
    assert!(md.contains("<ins>水泥</ins>"), "{md}");
}

// ---------------------------------------------------------------- pinyin

#[test]
fn departments_resolve_by_pinyin_and_initials() {
    let dir = corpus_copy();
    for key in ["fgw", "fagaiwei", "FaGaiWei", "国家发展改革委"] {
        let depts = json(dir.path(), &["depts", key, "--json"]);
        assert_eq!(depts[0]["name"], "国家发展改革委", "{key}");
    }
    let (code, _, stderr) = run(dir.path(), &["depts", "zzzzqq"]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn search_expands_pinyin_to_plan_names_and_departments() {
    let dir = corpus_copy();
    let ids = |args: &[&str]| -> Vec<String> {
        json(dir.path(), args)
            .as_array()
            .unwrap()
            .iter()
            .map(|h| str_of(&h["address"]).to_string())
            .collect()
    };
    let by_pinyin = ids(&["search", "gangtie", "--limit", "500", "--json"]);
    let by_hanzi = ids(&["search", "钢铁", "--limit", "500", "--json"]);
    assert!(!by_hanzi.is_empty());
    assert_eq!(by_pinyin, by_hanzi);
    let dept_pinyin = ids(&["search", "fgw", "阶梯电价", "--json"]);
    let dept_alias = ids(&["search", "发改委", "阶梯电价", "--json"]);
    assert!(!dept_alias.is_empty());
    assert_eq!(dept_pinyin, dept_alias);
    let hits = json(
        dir.path(),
        &["search", "阶梯电价", "plan:gangtie", "--json"],
    );
    let plans: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| str_of(&h["plan"]))
        .collect();
    assert!(
        !plans.is_empty() && plans.iter().all(|p| *p == "钢铁"),
        "{plans:?}"
    );
    let hits = json(
        dir.path(),
        &["search", "阶梯电价", "--plan", "shuini", "--json"],
    );
    assert!(hits.as_array().unwrap().iter().all(|h| h["plan"] == "水泥"));
}

// ---------------------------------------------------------------- timeline

fn last_year(deadline: &str) -> Option<u32> {
    let digits: Vec<char> = deadline.chars().collect();
    let mut year = None;
    for w in digits.windows(4) {
        if w.iter().all(char::is_ascii_digit) {
            year = w.iter().collect::<String>().parse().ok();
        }
    }
    year
}

#[test]
fn timeline_groups_every_dated_target_in_year_order_by_plan() {
    let dir = corpus_copy();
    let groups = json(dir.path(), &["timeline", "--json"]);
    let groups = groups.as_array().unwrap();
    let years: Vec<Option<u32>> = groups
        .iter()
        .map(|g| last_year(str_of(&g["deadline"])))
        .collect();
    let dated: Vec<u32> = years.iter().flatten().copied().collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{years:?}");
    // Every target with a deadline appears once, under its deadline.
    let all = json(dir.path(), &["targets", "--all", "--json"]);
    let with_deadline = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["deadline"].is_string())
        .count();
    let mut listed = 0;
    for g in groups {
        let mut plans_seen = Vec::new();
        for p in g["plans"].as_array().unwrap() {
            assert!(!plans_seen.contains(&p["plan"]), "one entry per plan");
            plans_seen.push(p["plan"].clone());
            for t in p["targets"].as_array().unwrap() {
                let spellings = g["spellings"].as_array().unwrap();
                assert!(spellings.contains(&t["deadline"]), "{t} not in {g}");
                assert_eq!(spellings[0], g["deadline"]);
                assert_eq!(t["plan"], p["plan"]);
                listed += 1;
            }
        }
    }
    assert_eq!(listed, with_deadline);
    assert!(listed > 0);
    // A range sorts before the single year it ends in.
    let names: Vec<&str> = groups.iter().map(|g| str_of(&g["deadline"])).collect();
    if let (Some(range), Some(single)) = (
        names.iter().position(|d| d.contains('—')),
        names.iter().position(|d| *d == "2025年"),
    ) {
        assert!(range < single, "{names:?}");
    }
    let (code, text, _) = run(dir.path(), &["timeline"]);
    assert_eq!(code, 0);
    assert!(text.lines().next().is_some_and(|l| l == names[0]), "{text}");
}

// ---------------------------------------------------------------- explain

#[test]
fn explain_shows_segmentation_expansions_and_matched_fields() {
    let dir = corpus_copy();
    let e = json(
        dir.path(),
        &["search", "fgw", "强化激励约束", "--explain", "--json"],
    );
    let variants: Vec<(&str, &str)> = e["terms"][0]["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (str_of(&v["text"]), str_of(&v["via"])))
        .collect();
    assert!(variants.contains(&("发改委", "pinyin")), "{variants:?}");
    assert!(
        variants.contains(&("国家发展改革委", "alias")),
        "{variants:?}"
    );
    assert!(!e["terms"][1]["words"].as_array().unwrap().is_empty());
    let results = e["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let matches = r["matches"].as_array().unwrap();
        for term in ["fgw", "强化激励约束"] {
            assert!(
                matches.iter().any(|m| m["term"] == term),
                "{} lacks {term}: {matches:?}",
                r["address"]
            );
        }
    }
    let first = &results[0];
    assert_eq!(first["heading"], "强化激励约束");
    let heading_match = first["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["term"] == "强化激励约束")
        .unwrap();
    let fields: Vec<&str> = heading_match["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(str_of)
        .collect();
    assert!(fields.contains(&"heading_chars"), "{fields:?}");
    // Same results, same order as the search itself.
    let hits = json(dir.path(), &["search", "fgw", "强化激励约束", "--json"]);
    let hit_ids: Vec<&Value> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["address"])
        .collect();
    let explained: Vec<&Value> = results.iter().map(|r| &r["address"]).collect();
    assert_eq!(hit_ids, explained);
    let (code, text, _) = run(
        dir.path(),
        &["search", "dept:fgw", "--explain", "--limit", "2"],
    );
    assert_eq!(code, 0);
    assert!(text.contains("dept:fgw → 国家发展改革委（拼音）"), "{text}");
}

// ---------------------------------------------------------------- exports

#[test]
fn search_depts_and_targets_export_csv_and_markdown_with_citations() {
    let dir = corpus_copy();
    let (code, csv, _) = run(dir.path(), &["search", "阶梯电价", "--csv"]);
    assert_eq!(code, 0);
    assert!(csv.starts_with('\u{feff}'));
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let id = headers.iter().position(|h| h == "address").unwrap();
    let cite = headers.iter().position(|h| h == "citation").unwrap();
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    for r in &rows {
        let shown = json(dir.path(), &["show", &r[id], "--json"]);
        assert_eq!(shown["citation"], r[cite].to_string());
    }
    let (_, md, _) = run(dir.path(), &["depts", "工信部", "--role", "lead", "--md"]);
    let lines: Vec<&str> = md.lines().collect();
    assert!(lines[0].starts_with("| department |") && lines[0].contains("citation"));
    let detail = json(dir.path(), &["depts", "工信部", "--role", "lead", "--json"]);
    let duties = detail[0]["duties"].as_array().unwrap().len();
    assert_eq!(lines.len(), duties + 2, "{md}");
    assert!(lines[2..].iter().all(|l| l.contains("《")));
    let (_, md, _) = run(dir.path(), &["targets", "--md"]);
    let rows = md.lines().count() - 2;
    let targets = json(dir.path(), &["targets", "--json"]);
    assert_eq!(rows, targets.as_array().unwrap().len());
    // JSON shapes stay as they were: no citation there.
    let hits = json(dir.path(), &["search", "阶梯电价", "--json"]);
    assert!(hits[0].get("citation").is_none());
}

// ---------------------------------------------------- user dictionary, aliases

fn index_line(dir: &Path) -> String {
    let (code, out, err) = run(dir, &["index"]);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn corpus_dictionary_and_aliases_extend_the_builtins_and_rebuild_the_index() {
    let dir = corpus_copy();
    let corpus = dir.path().join("corpus");
    let word = "余热余压发电";
    let words = |dir: &Path| -> Vec<String> {
        let e = json(dir, &["search", word, "--explain", "--json"]);
        e["terms"][0]["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| str_of(w).to_string())
            .collect()
    };
    assert!(!words(dir.path()).contains(&word.to_string()));
    assert!(index_line(dir.path()).contains("已打开"));

    std::fs::write(
        corpus.join("dict.txt"),
        format!("{word} 50 n\n坏行 多余 字段 太多\n"),
    )
    .unwrap();
    std::fs::write(
        corpus.join("aliases.toml"),
        "[[department]]\nname = \"国家发展改革委\"\naliases = [\"发展改革部门本级\"]\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["outline", "--json"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("dict.txt:2："),
        "the warning names file and line: {stderr}"
    );
    let outline = json(dir.path(), &["outline", "--json"]);
    assert_eq!(
        outline.as_array().unwrap().len(),
        1,
        "dict.txt is not a document"
    );
    assert!(words(dir.path()).contains(&word.to_string()));
    let line = index_line(dir.path());
    assert!(line.contains("已打开"), "built by the search above: {line}");
    let dept = json(dir.path(), &["depts", "发展改革部门本级", "--json"]);
    assert_eq!(dept[0]["name"], "国家发展改革委");

    // Changing the dictionary rebuilds the index.
    std::fs::write(corpus.join("dict.txt"), format!("{word} 60 n\n")).unwrap();
    let line = index_line(dir.path());
    assert!(line.contains("建成") && line.contains("内容有变"), "{line}");

    // A broken alias table is a warning naming the file; the rest loads.
    std::fs::write(corpus.join("aliases.toml"), "[[department]\nname = ").unwrap();
    let (code, _, stderr) = run(dir.path(), &["depts", "发改委", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("aliases.toml"), "{stderr}");
}
