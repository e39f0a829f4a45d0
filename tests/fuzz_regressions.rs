//! Inputs the fuzz targets (fuzz/) once crashed on, replayed through the
//! same code as the target that found them, so a fixed crash stays fixed.
//! Each file in tests/fixtures/fuzz-regressions/ is a libFuzzer crash file
//! named after the target that found it (`parse-crash-…`,
//! `targets-crash-…`).

use std::path::Path;

use policy_nav::targets::extract_targets;
use policy_nav::Library;

/// What fuzz/fuzz_targets/parse.rs does with its input: load it as one
/// document, or as two when the first byte says so; every address must
/// resolve to its clause.
fn parse_target(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let library = match data.first() {
        Some(b) if b % 4 == 0 => {
            let mid = text
                .char_indices()
                .nth(text.chars().count() / 2)
                .map_or(0, |(i, _)| i);
            Library::from_texts(&[("a", &text[..mid]), ("b", &text[mid..])])
        }
        _ => Library::from_texts(&[("doc", &text)]),
    };
    for (i, clause) in library.clauses.iter().enumerate() {
        let resolved = library.resolve(&clause.id).expect("address resolves");
        assert_eq!(resolved.clause, i);
    }
}

/// What fuzz/fuzz_targets/targets.rs checks of every extracted target.
fn targets_target(data: &[u8]) {
    // The target takes &str: libfuzzer-sys (arbitrary) gives it the
    // longest valid UTF-8 prefix of the bytes.
    let text = match std::str::from_utf8(data) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap(),
    };
    let n = text.chars().count();
    for t in extract_targets("钢铁", "钢铁:一", text) {
        let [s, e] = t.span;
        assert!(s <= e && e <= n, "span {:?} outside 0..{n}", t.span);
        let quote: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(quote, t.quote);
        assert!(!t.metric.is_empty(), "a target without a metric: {t:?}");
    }
}

#[test]
fn inputs_that_once_crashed_a_fuzz_target_pass_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut replayed = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&path).unwrap();
        match name.split('-').next() {
            Some("parse") => parse_target(&data),
            Some("targets") => targets_target(&data),
            _ => panic!("{name}: name it after its fuzz target"),
        }
        replayed.push(name);
    }
    assert!(replayed.len() >= 3, "{replayed:?}");
}

/// The first crash, reduced by hand: a document header that is only a
/// province's short name made the level reader index past the text.
#[test]
fn a_header_that_is_only_a_province_short_name_has_a_level() {
    let library = Library::from_texts(&[("x", "江苏\n一、总体要求\n到2025年，能耗下降5%。\n")]);
    assert!(!library.clauses.is_empty());
}
