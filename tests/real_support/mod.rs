//! Shared by `real_structure.rs` and `real_duties.rs`: the real fixtures
//! (01–16 in `../shared/fixtures/real/`, 17– in `tests/fixtures/real-more/`),
//! their hand readings (`tests/fixtures/real-expected/NN-*.toml`) and the
//! status files that record, row by row, what the library gets right.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub const EXPECTED_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real-expected");
const FIXTURE_DIRS: [&str; 2] = [
    concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/real"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real-more"),
];

/// One fixture with its annotation.
pub struct Fixture {
    /// `NN-name` (file name without `.txt`).
    pub name: String,
    pub text: String,
    pub expected: toml::Table,
}

/// Every annotated fixture, in file-name order.
pub fn fixtures() -> Vec<Fixture> {
    let mut tomls: Vec<PathBuf> = std::fs::read_dir(EXPECTED_DIR)
        .expect("real-expected dir")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "toml")
                && p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
        })
        .collect();
    tomls.sort();
    tomls
        .iter()
        .map(|p| {
            let expected: toml::Table = std::fs::read_to_string(p).unwrap().parse().unwrap();
            let file = expected["fixture"].as_str().unwrap().to_string();
            let path = FIXTURE_DIRS
                .iter()
                .map(|d| Path::new(d).join(&file))
                .find(|p| p.is_file())
                .unwrap_or_else(|| panic!("fixture {file} not found in {FIXTURE_DIRS:?}"));
            Fixture {
                name: file.trim_end_matches(".txt").to_string(),
                text: std::fs::read_to_string(path).unwrap(),
                expected,
            }
        })
        .collect()
}

/// Text compared without whitespace and with ASCII-range punctuation folded
/// to full width (the fixtures store `( ) , :` half-width).
pub fn fold(s: &str) -> String {
    policy_nav::text::fold_width(&s.chars().filter(|c| !c.is_whitespace()).collect::<String>())
}

pub fn str_list(v: Option<&toml::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Compares `actual` with the status file `name` in `real-expected/`, or
/// rewrites the file when `POLICY_NAV_UPDATE_STATUS=1`. The file is the
/// record of what is reached and what is not: a row that stops passing, or
/// one that starts passing without the file being regenerated, fails.
pub fn check_status(name: &str, actual: &str) {
    let path = Path::new(EXPECTED_DIR).join(name);
    if std::env::var("POLICY_NAV_UPDATE_STATUS").as_deref() == Ok("1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&path).unwrap_or_default();
    if recorded != actual {
        let diff = similar_lines(&recorded, actual);
        panic!(
            "{name} differs from what the library now does (regenerate with \
             POLICY_NAV_UPDATE_STATUS=1 only if every change is an improvement):\n{diff}"
        );
    }
}

fn similar_lines(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let mut out = String::new();
    for l in &old {
        if !new.contains(l) {
            out.push_str(&format!("- {l}\n"));
        }
    }
    for l in &new {
        if !old.contains(l) {
            out.push_str(&format!("+ {l}\n"));
        }
    }
    out
}
