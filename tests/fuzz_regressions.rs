//! Inputs the fuzz targets (fuzz/) once crashed on, replayed through the
//! same code as the target that found them, so a fixed crash stays fixed.
//! Each file in tests/fixtures/fuzz-regressions/ is named after the target
//! (`parse-…`) or is a libFuzzer `crash-…` file of the `parse` target.

use std::path::Path;

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

#[test]
fn inputs_that_once_crashed_the_parse_target_load() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        parse_target(&std::fs::read(&path).unwrap());
        replayed += 1;
    }
    assert!(replayed >= 2, "{replayed} inputs in {}", dir.display());
}

/// The first crash, reduced by hand: a document header that is only a
/// province's short name made the level reader index past the text.
#[test]
fn a_header_that_is_only_a_province_short_name_has_a_level() {
    let library = Library::from_texts(&[("x", "江苏\n一、总体要求\n到2025年，能耗下降5%。\n")]);
    assert!(!library.clauses.is_empty());
}
