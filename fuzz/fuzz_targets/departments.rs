//! Department extractor: the duty parenthetical's span is inside the text,
//! and an index built from arbitrary clauses and notice lines answers
//! lookups for every department it lists.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_nav::departments::{
    duty_parenthetical, AliasTable, ClauseInput, DepartmentIndex, NoticeInput,
};

fuzz_target!(|text: &str| {
    let n = text.chars().count();
    if let Some(p) = duty_parenthetical(text) {
        assert!(p.span.start <= p.span.end && p.span.end <= n, "{:?} in {n}", p.span);
        for (name, _) in &p.entries {
            assert!(!name.is_empty());
        }
    }
    // Lines become clauses, the first two the notice's 主送 and 落款.
    let lines: Vec<&str> = text.split('\n').collect();
    let ids: Vec<String> = (0..lines.len()).map(|i| format!("c:{i}")).collect();
    let clauses: Vec<ClauseInput> = lines
        .iter()
        .zip(&ids)
        .map(|(line, id)| ClauseInput {
            id,
            heading: line.get(..line.len().min(12)).unwrap_or(""),
            text: line,
        })
        .collect();
    let issuers: Vec<String> = lines.iter().skip(1).take(2).map(|s| s.to_string()).collect();
    let notices = [NoticeInput {
        clause_id: "c:0",
        issuers: &issuers,
        addressees: lines.first().copied().unwrap_or(""),
    }];
    let index = DepartmentIndex::build(&clauses, &notices, &AliasTable::embedded());
    for dept in index.departments() {
        assert!(index.lookup(&dept.name).is_ok(), "{:?} not found", dept.name);
    }
    let _ = index.nearest(text, 3);
    for id in &ids {
        let _ = index.clause_departments(id);
    }
});
