//! Normalizer + parser: any text loads, every clause address resolves to
//! its clause, and no clause text carries a terminal control character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_nav::text::is_terminal_unsafe;
use policy_nav::Library;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // A first byte splits the input into two documents now and then, so
    // name clashes and the 文档名/ prefix are exercised too.
    let library = match data.first() {
        Some(b) if b % 4 == 0 => {
            let mid = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
            Library::from_texts(&[("a", &text[..mid]), ("b", &text[mid..])])
        }
        _ => Library::from_texts(&[("doc", &text)]),
    };
    for (i, clause) in library.clauses.iter().enumerate() {
        let resolved = library
            .resolve(&clause.id)
            .unwrap_or_else(|e| panic!("{:?} does not resolve: {e}", clause.id));
        assert_eq!(resolved.clause, i, "{:?} resolves elsewhere", clause.id);
        assert!(
            !clause.text.chars().any(|c| c != '\n' && is_terminal_unsafe(c)),
            "unsafe character in {:?}: {:?}",
            clause.id,
            clause.text
        );
        assert!(!clause.heading.chars().any(is_terminal_unsafe));
        let _ = library.breadcrumb(clause);
        let _ = library.citation(clause);
    }
    let _ = library.nearest(&text, 5);
});
