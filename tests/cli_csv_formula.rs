//! Formula-safe CSV (OWASP "CSV injection"): a cell that begins with `=`,
//! `+`, `-`, `@`, a tab or a carriage return is written with a leading `'`,
//! so WPS and Excel show it as text instead of evaluating it. Every CSV the
//! program prints goes through `export::write_csv`; each command is run on
//! a corpus whose plan title, clause heading and a line are hostile.

mod common;

use common::run_in;

/// A plan titled `-测试…` (its short name and addresses begin with `-`),
/// a clause headed `-2+3加强管理` with a duty, and a `=HYPERLINK(…)` line.
const FORMULAS: &str = "-测试行业节能降碳专项行动计划

为推动测试行业节能降碳，制定本行动计划。

一、主要目标

到2025年底，测试产品综合能耗比2023年降低2%以上。

二、重点任务

（一）-2+3加强管理。开展能效诊断，到2025年底，能效标杆产能占比达到30%。（国家发展改革委牵头，工业和信息化部配合）
=HYPERLINK(\"http://x\",\"y\")

（二）@推进余热利用。提升余热发电水平。（国家发展改革委按职责分工负责）
";

fn hostile_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/hostile.txt"), FORMULAS).unwrap();
    dir
}

/// The cells of a CSV printed by the program (BOM and header included).
fn cells(csv_text: &str) -> Vec<Vec<String>> {
    let text = csv_text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Runs one CSV command and checks that no cell could be taken for a
/// formula; returns the cells.
fn safe_csv(dir: &std::path::Path, args: &[&str]) -> Vec<Vec<String>> {
    let mut full = vec!["--corpus", "docs"];
    full.extend_from_slice(args);
    let (code, out, err) = run_in(dir, &full);
    assert_eq!(code, 0, "{args:?}: {err}");
    let rows = cells(&out);
    assert!(rows.len() > 1, "{args:?} printed no rows:\n{out}");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{args:?}: cell {cell:?} would be a formula in a spreadsheet"
            );
        }
    }
    rows
}

fn has_cell(rows: &[Vec<String>], cell: &str) -> bool {
    rows.iter().flatten().any(|c| c == cell)
}

#[test]
fn search_csv_quotes_formula_cells() {
    let dir = hostile_corpus();
    let rows = safe_csv(dir.path(), &["search", "管理", "--csv"]);
    assert!(has_cell(&rows, "'-2+3加强管理"), "{rows:?}");
    assert!(has_cell(&rows, "'-测试"), "{rows:?}");
}

#[test]
fn targets_csv_quotes_formula_cells() {
    let dir = hostile_corpus();
    let rows = safe_csv(dir.path(), &["targets", "--csv", "--all"]);
    assert!(has_cell(&rows, "'-测试:二(一)"), "{rows:?}");
}

#[test]
fn timeline_csv_quotes_formula_cells() {
    let dir = hostile_corpus();
    let rows = safe_csv(dir.path(), &["timeline", "--csv", "--undated"]);
    assert!(has_cell(&rows, "'-测试:一"), "{rows:?}");
}

#[test]
fn depts_csv_quotes_formula_cells() {
    let dir = hostile_corpus();
    let rows = safe_csv(dir.path(), &["depts", "发改委", "--csv"]);
    assert!(has_cell(&rows, "'-2+3加强管理"), "{rows:?}");
    assert!(has_cell(&rows, "'@推进余热利用"), "{rows:?}");
}

#[test]
fn a_formula_line_in_the_text_is_quoted_too() {
    let dir = hostile_corpus();
    let (code, out, err) = run_in(
        dir.path(),
        &["--corpus", "docs", "search", "HYPERLINK", "--csv"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("HYPERLINK"), "{out}");
    for cell in cells(&out).iter().flatten() {
        assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
    }
}
