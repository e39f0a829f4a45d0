//! Library side of issue 9 on the bundled corpus: counterparts, recurring
//! groups, pinyin lookups, timeline, and the corpus's data files.

use std::collections::HashSet;

use policy_nav::compare::{
    clause_similarity, counterparts, counterparts_detailed, recurring_groups, Reason,
    SIMILAR_THRESHOLD,
};
use policy_nav::corpus::source::{CorpusExtras, SourceFile};
use policy_nav::corpus::ClauseKind;
use policy_nav::pinyin::{full_keys, initials_keys};
use policy_nav::timeline::{deadline_key, timeline};
use policy_nav::{CorpusLocation, Library, LoadWarning};

fn library() -> Library {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    Library::load(CorpusLocation::Dir(dir)).unwrap()
}

#[test]
fn counterparts_are_other_plans_with_a_reason_that_holds() {
    let lib = library();
    let mut with_any = 0;
    for (i, c) in lib.iter_clauses() {
        let detailed = counterparts_detailed(&lib, i);
        if c.plan.is_none() {
            assert!(detailed.is_empty());
            continue;
        }
        with_any += usize::from(!detailed.is_empty());
        for cp in &detailed {
            let other = &lib.clauses[cp.clause];
            assert_ne!(other.plan, c.plan);
            let sim = clause_similarity(&lib, i, cp.clause);
            assert!((sim - cp.similarity).abs() < 1e-12);
            assert_eq!(
                cp.reasons.contains(&Reason::SimilarText),
                sim >= SIMILAR_THRESHOLD,
                "{} ~ {}",
                c.id,
                other.id
            );
            assert_eq!(
                cp.reasons.contains(&Reason::SameNumber),
                other.kind == c.kind && other.section == c.section && other.item == c.item
            );
            assert!(!cp.reasons.is_empty());
        }
        let simple = counterparts(&lib, i);
        assert_eq!(simple.len(), detailed.len());
        assert!(simple.windows(2).all(|w| w[0].1 >= w[1].1));
        // Symmetric: each counterpart lists this clause back.
        for &(j, _) in &simple {
            assert!(counterparts(&lib, j).iter().any(|&(k, _)| k == i));
        }
    }
    assert!(with_any > 10);
}

#[test]
fn recurring_groups_span_plans_and_gather_identical_items() {
    let lib = library();
    let groups = recurring_groups(&lib);
    assert!(!groups.is_empty());
    let mut seen = HashSet::new();
    for g in &groups {
        let plans: HashSet<_> = g.iter().map(|&i| lib.clauses[i].plan).collect();
        assert!(plans.len() >= 2);
        for &i in g {
            assert!(seen.insert(i), "a clause is in one group only");
            assert_eq!(lib.clauses[i].kind, ClauseKind::Item);
        }
    }
    // Items with the same heading in several plans end up together.
    let heading = &lib.clause_by_id("钢铁:四(四)").unwrap().heading;
    let same: Vec<usize> = lib
        .iter_clauses()
        .filter(|(_, c)| c.kind == ClauseKind::Item && &c.heading == heading)
        .map(|(i, _)| i)
        .collect();
    assert!(same.len() >= 2);
    let group = groups.iter().find(|g| g.contains(&same[0])).unwrap();
    assert!(same.iter().all(|i| group.contains(i)));
}

#[test]
fn every_plan_is_found_by_the_pinyin_of_its_short_name() {
    let lib = library();
    for (p, plan) in lib.plans.iter().enumerate() {
        let key = &full_keys(&plan.short_name)[0];
        assert_eq!(lib.find_plan(key), Some(p), "{key}");
        assert_eq!(lib.find_plan(&key.to_uppercase()), Some(p), "{key}");
        // Addresses take the pinyin too.
        let item = plan
            .clauses
            .iter()
            .map(|&c| &lib.clauses[c])
            .find(|c| c.kind == ClauseKind::Item)
            .unwrap();
        let typed = format!(
            "{key}:{}({})",
            item.section.as_deref().unwrap(),
            item.item.as_deref().unwrap()
        );
        assert_eq!(
            lib.resolve(&typed).map(|r| r.clause),
            Ok(lib.clause_index(&item.id).unwrap()),
            "{typed}"
        );
    }
}

#[test]
fn every_department_is_found_by_its_pinyin_or_listed_when_ambiguous() {
    let lib = library();
    let mut checked = 0;
    for d in lib.departments.departments() {
        for key in full_keys(&d.name)
            .into_iter()
            .take(1)
            .chain(initials_keys(&d.name).into_iter().take(1))
        {
            checked += 1;
            match lib.lookup_department(&key) {
                Ok(found) => assert_eq!(found.name, d.name, "{key}"),
                Err(candidates) => assert!(candidates.contains(&d.name), "{key}: {candidates:?}"),
            }
        }
    }
    assert!(checked > 10);
}

#[test]
fn timeline_covers_all_dated_targets_in_key_order() {
    let lib = library();
    let groups = timeline(&lib.targets, true);
    let keys: Vec<_> = groups
        .iter()
        .filter_map(|g| g.deadline.as_deref())
        .map(deadline_key)
        .filter(|k| k.end_year.is_some())
        .collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    let listed: usize = groups
        .iter()
        .flat_map(|g| &g.plans)
        .map(|p| p.targets.len())
        .sum();
    assert_eq!(listed, lib.targets.len());
    for g in &groups {
        for p in &g.plans {
            for &i in &p.targets {
                assert!(lib.clause_by_id(&lib.targets[i].address).is_some());
            }
        }
    }
}

fn file(name: &str, text: &str) -> SourceFile {
    SourceFile {
        name: name.into(),
        path: format!("corpus/{name}"),
        bytes: text.as_bytes().to_vec(),
        positions: Default::default(),
    }
}

#[test]
fn data_files_extend_dictionary_aliases_and_pinyin_and_change_the_hash() {
    let doc = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/jiangsu-2024-1057.txt"
    ))
    .unwrap();
    let files = [SourceFile {
        name: "doc".into(),
        path: "corpus/doc.txt".into(),
        bytes: doc,
        positions: Default::default(),
    }];
    let plain = Library::from_files(CorpusLocation::Embedded, &files);
    let extras = CorpusExtras {
        dict: Some(file("dict.txt", "余热余压发电\n坏 行 多 了\n")),
        aliases: Some(file(
            "aliases.toml",
            "[[department]]\nname = \"国家发展改革委\"\naliases = [\"改革委本级\"]\n",
        )),
    };
    let lib = Library::from_files_with(CorpusLocation::Embedded, &files, &extras);
    assert_ne!(plain.content_hash, lib.content_hash);
    assert_eq!(lib.user_words.len(), 1);
    assert_eq!(lib.segmenter.user_word_count(), 1);
    assert!(lib
        .warnings
        .iter()
        .any(|w| matches!(w, LoadWarning::UserData { path, line: Some(2), .. } if path.ends_with("dict.txt"))));
    assert_eq!(
        lib.lookup_department("改革委本级").unwrap().name,
        "国家发展改革委"
    );
    assert!(plain.lookup_department("改革委本级").is_err());
    // The user word is keyed in pinyin too.
    let key = &full_keys("余热余压发电")[0];
    assert!(lib
        .pinyin
        .lookup(key)
        .iter()
        .any(|(t, _)| t.text == "余热余压发电"));
    assert!(plain.pinyin.lookup(key).is_empty());
    // A broken alias table is a warning; the built-in aliases still work.
    let broken = CorpusExtras {
        dict: None,
        aliases: Some(file("aliases.toml", "[[department]\n")),
    };
    let lib = Library::from_files_with(CorpusLocation::Embedded, &files, &broken);
    assert!(lib
        .warnings
        .iter()
        .any(|w| matches!(w, LoadWarning::UserData { path, line: None, .. } if path.ends_with("aliases.toml"))));
    assert_eq!(
        lib.lookup_department("发改委").unwrap().name,
        "国家发展改革委"
    );
}
