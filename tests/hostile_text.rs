//! Terminal safety: a corpus full of escape sequences, C1 controls, bidi
//! overrides, NUL, tabs and CR — in the text and in the file names — must
//! never reach the terminal raw, in any command's plain or JSON output,
//! including warnings and error messages on stderr. JSON keeps the removed
//! text but escapes it.

use std::path::PathBuf;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

mod common;
use common::{assert_terminal_safe, HOSTILE};

struct Fixture {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    corpus: PathBuf,
}

/// The hostile corpus in a directory whose name, and whose files' names,
/// carry escape sequences too. One file is not UTF-8 and one is empty, so
/// the warnings (which name the files) are exercised.
fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    let corpus = root.join("corpus\x1b]2;DIR-TITLE\x07");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("test\x1b]0;FILE-TITLE\x07.txt"), HOSTILE).unwrap();
    std::fs::write(
        corpus.join("gbk\x1b[31m\u{202E}.txt"),
        b"\xb2\xe2\xca\xd4\x1b]0;x\x07",
    )
    .unwrap();
    std::fs::write(corpus.join("empty\u{9b}2J.txt"), "").unwrap();
    Fixture {
        _tmp: tmp,
        root,
        corpus,
    }
}

struct Output {
    code: i32,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

fn run(f: &Fixture, args: &[&str]) -> Output {
    let out = Command::cargo_bin("policy-nav")
        .unwrap()
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(&f.root)
        .env("XDG_CACHE_HOME", f.root.join("cache"))
        .arg("--corpus")
        .arg(&f.corpus)
        .args(args)
        .output()
        .unwrap();
    let label = format!("{args:?}");
    assert_terminal_safe(&format!("{label} stdout"), &out.stdout);
    assert_terminal_safe(&format!("{label} stderr"), &out.stderr);
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

fn ok(f: &Fixture, args: &[&str]) -> String {
    let out = run(f, args);
    assert_eq!(
        out.code,
        0,
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(f: &Fixture, args: &[&str]) -> Value {
    serde_json::from_str(&ok(f, args)).unwrap()
}

fn addresses(outline: &Value) -> Vec<String> {
    let mut v = Vec::new();
    for doc in outline.as_array().unwrap() {
        if let Some(a) = doc["notice"]["address"].as_str() {
            v.push(a.to_string());
        }
        for plan in doc["plans"].as_array().unwrap() {
            for c in plan["clauses"].as_array().unwrap() {
                v.push(c["address"].as_str().unwrap().to_string());
            }
        }
        for c in doc["untitled"].as_array().unwrap() {
            v.push(c["address"].as_str().unwrap().to_string());
        }
    }
    v
}

#[test]
fn the_hostile_corpus_still_parses_into_its_clauses() {
    let f = fixture();
    let outline = json(&f, &["outline", "--json"]);
    let all = addresses(&outline);
    assert!(all.iter().any(|a| a == "测试:二(一)"), "{all:?}");
    let shown = json(&f, &["show", "测试:二(一)", "--json"]);
    let text = shown["text"].as_str().unwrap();
    assert!(text.contains("余热利用"), "{text}");
    assert!(text.contains("余热发电水平"), "{text}");
    assert!(text.contains("淘汰落后装置"), "{text}");
    let lead = &shown["departments"]["lead"];
    assert_eq!(lead[0], "国家发展改革委", "{shown}");
}

#[test]
fn plain_outputs_carry_no_raw_control_or_escape() {
    let f = fixture();
    let outline = json(&f, &["outline", "--json"]);
    ok(&f, &["outline"]);
    ok(&f, &["outline", "--debris"]);
    for address in addresses(&outline) {
        ok(&f, &["show", &address]);
        ok(&f, &["show", &address, "--json"]);
    }
    let found = ok(&f, &["search", "余热发电"]);
    assert!(found.contains("测试:二(一)"), "{found}");
    ok(&f, &["search", "能效", "诊断", "--limit", "5"]);
    let depts = ok(&f, &["depts"]);
    assert!(depts.contains("国家发展改革委"), "{depts}");
    ok(&f, &["depts", "国家发展改革委"]);
    ok(&f, &["depts", "工业和信息化部"]);
    let targets = ok(&f, &["targets", "--all"]);
    assert!(targets.contains("综合能耗"), "{targets}");
    ok(&f, &["targets", "--csv"]);
    ok(&f, &["index"]);
    ok(&f, &["index", "--rebuild"]);
}

#[test]
fn file_names_are_shown_escaped_in_warnings_and_sources() {
    let f = fixture();
    let out = run(&f, &["outline"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    // The non-UTF-8 file (now decoded, with a note) and the empty file
    // are named, escaped.
    assert!(stderr.contains("不是 UTF-8"), "{stderr}");
    assert!(stderr.contains("gbk\\u{1b}[31m\\u{202e}.txt"), "{stderr}");
    assert!(stderr.contains("empty\\u{9b}2J.txt"), "{stderr}");
    let shown = ok(&f, &["show", "测试:二(一)"]);
    assert!(shown.contains("FILE-TITLE"), "{shown}");
    assert!(shown.contains("\\u{1b}]0;FILE-TITLE\\u{7}"), "{shown}");
}

#[test]
fn json_outputs_escape_what_they_carry() {
    let f = fixture();
    let debris = json(&f, &["outline", "--debris", "--json"]);
    // The removed sequences are kept, exactly, in the parsed JSON …
    let texts: Vec<&str> = debris
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["debris"].as_array().unwrap())
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    for wanted in [
        "\x1b]0;PWNED-TITLE\x07",
        "\x1b[2J",
        "\u{202E}",
        "\u{85}",
        "\u{9d}0;x\u{9c}",
        "\0",
    ] {
        assert!(texts.contains(&wanted), "{wanted:?} not in {texts:?}");
    }
    // … while the bytes printed were checked safe by `run`.
    json(&f, &["outline", "--json"]);
    json(&f, &["search", "余热发电", "--json"]);
    json(&f, &["depts", "--json"]);
    json(&f, &["depts", "国家发展改革委", "--json"]);
    let targets = json(&f, &["targets", "--all", "--json"]);
    assert!(!targets.as_array().unwrap().is_empty(), "{targets}");
}

#[test]
fn hostile_arguments_are_echoed_escaped() {
    let f = fixture();
    for args in [
        &["show", "\x1b]0;ARG\x07"][..],
        &["show", "测试:\u{9b}2J"],
        &["depts", "\x1b[2J\u{202E}"],
        &["search", "\x1b]0;ARG\x07"],
        &["search", "余热", "--plan", "\x1b]0;ARG\x07"],
        &["targets", "--plan", "\u{202E}x"],
        &["targets", "--deadline", "\x1b[2J"],
    ] {
        let out = run(&f, args);
        assert!(
            out.code != 0 || !out.stderr.is_empty() || out.stdout.starts_with(b"["),
            "{args:?} said nothing"
        );
    }
}

/// The checker itself must catch each kind of character.
#[test]
fn the_checker_rejects_each_hostile_kind() {
    for bad in [
        "\x1b[31m", "\u{9b}", "\u{85}", "\u{202E}", "\u{2066}", "\0", "\t", "\r", "\u{7}",
    ] {
        let r = std::panic::catch_unwind(|| assert_terminal_safe("probe", bad.as_bytes()));
        assert!(r.is_err(), "{bad:?} passed the checker");
    }
    assert_terminal_safe("probe", "ok\r\nok\n中文".as_bytes());
}
