//! Exit status as grep and ripgrep have it: 0 when something was found or
//! printed, 1 when nothing was found, 2 on an error (usage, an unusable
//! corpus). `--json` still prints `[]` when nothing matches.

mod common;

use common::{corpus_copy, run_in};

fn status(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    run_in(dir, args)
}

#[test]
fn search_exits_0_on_a_hit_and_1_on_none_in_every_format_and_path() {
    let dir = corpus_copy();
    let (code, out, err) = status(dir.path(), &["search", "余热发电"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.is_empty());
    // The first run built the index; these take the quick path (no parse).
    for _ in 0..2 {
        let (code, out, err) = status(dir.path(), &["search", "量子纠缠", "--json"]);
        assert_eq!(code, 1, "{err}");
        assert_eq!(out.trim(), "[]");
        let (code, out, _) = status(dir.path(), &["search", "量子纠缠"]);
        assert_eq!(code, 1);
        assert!(out.is_empty(), "{out}");
    }
    // Exports need the parsed corpus (the full path).
    let (code, out, _) = status(dir.path(), &["search", "量子纠缠", "--csv"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("rank,address"),
        "the header is still printed: {out}"
    );
    let (code, _, _) = status(dir.path(), &["search", "余热发电", "--md"]);
    assert_eq!(code, 0);
}

#[test]
fn show_exits_1_for_an_unknown_address() {
    let dir = corpus_copy();
    assert_eq!(status(dir.path(), &["show", "钢铁:二(四)"]).0, 0);
    let (code, out, err) = status(dir.path(), &["show", "钢铁:九十九"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(!err.is_empty(), "says why");
}

#[test]
fn depts_exits_1_for_an_unknown_department() {
    let dir = corpus_copy();
    assert_eq!(status(dir.path(), &["depts", "发改委"]).0, 0);
    assert_eq!(status(dir.path(), &["depts"]).0, 0);
    let (code, _, err) = status(dir.path(), &["depts", "不存在的委员会"]);
    assert_eq!(code, 1, "{err}");
    let (code, _, _) = status(dir.path(), &["depts", "不存在的委员会", "--json"]);
    assert_eq!(code, 1);
}

#[test]
fn targets_exit_1_when_the_filters_match_nothing() {
    let dir = corpus_copy();
    assert_eq!(status(dir.path(), &["targets"]).0, 0);
    assert_eq!(status(dir.path(), &["targets", "--deadline", "2025"]).0, 0);
    let (code, out, err) = status(dir.path(), &["targets", "--deadline", "2099"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    let (code, out, _) = status(dir.path(), &["targets", "--deadline", "2099", "--json"]);
    assert_eq!(code, 1);
    assert_eq!(out.trim(), "[]");
    let (code, out, _) = status(dir.path(), &["targets", "--deadline", "2099", "--csv"]);
    assert_eq!(code, 1);
    assert!(out.contains("plan,address"), "{out}");
}

#[test]
fn timeline_exits_1_when_nothing_has_a_deadline() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(
        dir.path().join("docs/plan.txt"),
        "测试行业节能降碳专项行动计划\n\n一、主要任务\n\n（一）加强管理。开展能效诊断。\n",
    )
    .unwrap();
    let (code, out, err) = status(dir.path(), &["--corpus", "docs", "timeline"]);
    assert_eq!(code, 1, "{out}{err}");
    let (code, out, _) = status(dir.path(), &["--corpus", "docs", "timeline", "--json"]);
    assert_eq!(code, 1);
    assert_eq!(out.trim(), "[]");
    let copy = corpus_copy();
    assert_eq!(status(copy.path(), &["timeline"]).0, 0);
}

#[test]
fn errors_exit_2() {
    let dir = corpus_copy();
    // Usage: a missing query, an unknown option, an unknown plan.
    assert_eq!(status(dir.path(), &["search"]).0, 2);
    assert_eq!(status(dir.path(), &["targets", "--no-such-option"]).0, 2);
    assert_eq!(status(dir.path(), &["targets", "--plan", "不存在"]).0, 2);
    // An unusable corpus.
    let (code, _, err) = status(dir.path(), &["--corpus", "no-such-dir", "outline"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = status(dir.path(), &["--corpus", "no-such-dir", "search", "钢铁"]);
    assert_eq!(code, 2);
}
