//! `policy-nav search`, `index` and `targets` as a user runs them. Each
//! test uses its own copy of the corpus so index directories never collide.

mod common;

use common::corpus_copy;
use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    common::run_in(dir, args)
}

#[test]
fn search_json_has_the_documented_shape_and_ranks_the_right_clause_first() {
    let dir = corpus_copy();
    let (code, stdout, stderr) = run(dir.path(), &["search", "余热发电", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.is_empty(),
        "the default index location is silent: {stderr}"
    );
    let hits: Value = serde_json::from_str(&stdout).unwrap();
    let first = &hits[0];
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "address",
            "heading",
            "highlights",
            "plan",
            "score",
            "snippet"
        ]
    );
    assert_eq!(first["address"], "钢铁:二(四)");
    let snippet: Vec<char> = first["snippet"].as_str().unwrap().chars().collect();
    let [start, end] = [
        first["highlights"][0][0].as_u64().unwrap() as usize,
        first["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    assert_eq!(snippet[start..end].iter().collect::<String>(), "余热发电");
    assert!(
        !dir.path().join("index").exists(),
        "nothing written beside a corpus that is not the project's"
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("cache/policy-nav"))
            .unwrap()
            .count(),
        1,
        "the index is in the user cache (XDG_CACHE_HOME)"
    );
}

#[test]
fn aliases_plans_and_empty_results() {
    let dir = corpus_copy();
    let (_, stdout, _) = run(dir.path(), &["search", "发改委", "阶梯电价", "--json"]);
    let hits: Value = serde_json::from_str(&stdout).unwrap();
    let ids: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["address"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"钢铁:三(一)") && ids.contains(&"水泥:三(一)"),
        "{ids:?}"
    );
    let (_, stdout, _) = run(
        dir.path(),
        &["search", "阶梯电价", "--plan", "cement", "--json"],
    );
    let hits: Value = serde_json::from_str(&stdout).unwrap();
    assert!(hits.as_array().unwrap().iter().all(|h| h["plan"] == "水泥"));
    let (code, stdout, stderr) = run(dir.path(), &["search", "不存在的词语组合", "--json"]);
    assert_eq!(
        (code, stdout.trim()),
        (1, "[]"),
        "nothing found: 1, like grep"
    );
    assert!(stderr.is_empty());
    let (code, stdout, stderr) = run(dir.path(), &["search", "不存在的词语组合"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(stderr.contains("更短"), "{stderr}");
    let (code, _, stderr) = run(dir.path(), &["search", "钢铁", "--plan", "copper"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("现有方案：钢铁, 炼油"), "{stderr}");
}

#[test]
fn tantivy_syntax_is_taken_literally() {
    let dir = corpus_copy();
    for query in [
        "\"",
        "a:b",
        "(",
        "^",
        "~",
        "*",
        "\\",
        "钢铁 AND",
        "title:钢铁)",
        "-",
    ] {
        let (code, stdout, stderr) = run(dir.path(), &["search", query, "--json"]);
        // Found (0) or nothing found (1), never an error.
        assert!(code == 0 || code == 1, "{query}: {code} {stderr}");
        assert!(
            serde_json::from_str::<Value>(&stdout).is_ok(),
            "{query}: {stdout}"
        );
    }
}

#[test]
fn index_command_reports_and_rebuilds_after_corpus_change() {
    let dir = corpus_copy();
    let (code, stdout, _) = run(dir.path(), &["index"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("95 条条款") && stdout.contains("建成"),
        "{stdout}"
    );
    let (_, stdout, _) = run(dir.path(), &["index"]);
    assert!(stdout.contains("已打开"), "{stdout}");
    let path = dir.path().join("corpus/jiangsu-2024-1057.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("余热发电技术", "余热综合发电技术");
    std::fs::write(&path, text).unwrap();
    let (_, stdout, _) = run(dir.path(), &["index"]);
    assert!(
        stdout.contains("内容有变") || stdout.contains("新建"),
        "{stdout}"
    );
    let (_, stdout, _) = run(dir.path(), &["search", "余热综合发电", "--json"]);
    assert!(stdout.contains("钢铁:二(四)"));
    let (_, stdout, _) = run(dir.path(), &["index", "--rebuild"]);
    assert!(stdout.contains("按要求重建"), "{stdout}");
}

#[test]
fn targets_filters_and_formats() {
    let dir = corpus_copy();
    let (code, stdout, _) = run(
        dir.path(),
        &["targets", "--plan", "钢铁", "--deadline", "2025", "--json"],
    );
    assert_eq!(code, 0);
    let rows: Value = serde_json::from_str(&stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows
        .iter()
        .all(|r| r["plan"] == "钢铁" && r["deadline"].as_str().unwrap().contains("2025")));
    let steel = rows.iter().find(|r| r["metric"] == "吨钢综合能耗").unwrap();
    assert_eq!(
        (
            steel["value"].as_f64(),
            steel["unit"].as_str(),
            steel["relation"].as_str()
        ),
        (Some(2.0), Some("%"), Some("reduce_by"))
    );
    assert_eq!(steel["baseline_year"], 2023);
    let mut keys: Vec<&str> = steel
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "address",
            "baseline_year",
            "deadline",
            "issuer",
            "level",
            "metric",
            "metric_key",
            "plan",
            "qualifiers",
            "quote",
            "relation",
            "scope",
            "span",
            "unit",
            "value"
        ]
    );

    let (_, without, _) = run(dir.path(), &["targets", "--json"]);
    let (_, with_all, _) = run(dir.path(), &["targets", "--all", "--json"]);
    let count = |s: &str| {
        serde_json::from_str::<Value>(s)
            .unwrap()
            .as_array()
            .unwrap()
            .len()
    };
    let milestones = count(&with_all) - count(&without);
    assert!(
        milestones >= 5,
        "every plan has a 2030 milestone: {milestones}"
    );

    let out = Command::cargo_bin("policy-nav")
        .unwrap()
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(dir.path())
        .args(["targets", "--csv"])
        .output()
        .unwrap();
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBFplan,address,metric"));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("《钢铁行业节能降碳专项行动计划》一、主要目标"));

    let (_, table, _) = run(dir.path(), &["targets"]);
    for line in table.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
}

/// `-word` excludes on the command line as in the query language, without
/// `--`, and the options after it still apply.
#[test]
fn a_whole_deadline_picks_that_deadline_a_part_picks_all_containing_it() {
    let dir = corpus_copy();
    let deadlines = |args: &[&str]| -> Vec<String> {
        let (code, stdout, stderr) = run(dir.path(), args);
        assert_eq!(code, 0, "{stderr}");
        let rows: Value = serde_json::from_str(&stdout).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r["deadline"].as_str().unwrap().to_string())
            .collect()
    };
    // As the navigator's deadline filter: 2025年 is not 2025年底.
    let exact = deadlines(&["targets", "--deadline", "2025年", "--json"]);
    assert!(
        !exact.is_empty() && exact.iter().all(|d| d == "2025年"),
        "{exact:?}"
    );
    let part = deadlines(&["targets", "--deadline", "2025", "--json"]);
    assert!(part.iter().any(|d| d == "2025年底") && part.iter().any(|d| d == "2025年"));
    assert!(part.iter().all(|d| d.contains("2025")));
}

#[test]
fn exclusions_need_no_double_dash() {
    let dir = corpus_copy();
    let ids = |stdout: &str| -> Vec<String> {
        let hits: Value = serde_json::from_str(stdout).unwrap();
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["address"].as_str().unwrap().to_string())
            .collect()
    };
    let (code, stdout, stderr) = run(dir.path(), &["search", "节能", "--json", "--limit", "50"]);
    assert_eq!(code, 0, "{stderr}");
    let all = ids(&stdout);
    assert!(all.iter().any(|id| id.starts_with("钢铁:")), "{all:?}");

    let (code, stdout, stderr) = run(
        dir.path(),
        &["search", "节能", "-钢铁", "--json", "--limit", "50"],
    );
    assert_eq!(code, 0, "{stderr}");
    let without = ids(&stdout);
    assert!(!without.is_empty());
    assert!(
        without.iter().all(|id| !id.starts_with("钢铁:")),
        "{without:?}"
    );
    assert!(without.len() < all.len());

    // A field exclusion, and --limit after it.
    let (code, stdout, stderr) = run(
        dir.path(),
        &["search", "节能", "-plan:水泥", "--limit", "3", "--json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let hits = ids(&stdout);
    assert_eq!(hits.len(), 3, "{hits:?}");
    assert!(hits.iter().all(|id| !id.starts_with("水泥:")), "{hits:?}");

    // The old spelling with `--` still works.
    let (code, stdout, _) = run(dir.path(), &["search", "--json", "--", "节能", "-钢铁"]);
    assert_eq!(code, 0);
    assert_eq!(ids(&stdout).len(), without.len().min(20));
}
