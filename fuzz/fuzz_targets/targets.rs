//! Targets extractor: never panics, spans index the text, quotes match.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_nav::targets::{extract_targets, Relation};

fuzz_target!(|text: &str| {
    let n = text.chars().count();
    for t in extract_targets("钢铁", "钢铁:一", text) {
        let [s, e] = t.span;
        assert!(s <= e && e <= n, "span {:?} outside 0..{n}", t.span);
        let quote: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(quote, t.quote);
        assert_eq!(t.value.is_none(), t.relation == Relation::Milestone);
        if let Some(v) = t.value {
            assert!(v.is_finite());
        }
        assert!(!t.metric.is_empty());
    }
});
