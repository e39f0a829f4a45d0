//! The `outline` and `show` commands as a user runs them.

use std::io::Read;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn policy_nav() -> Command {
    let mut cmd = Command::cargo_bin("policy-nav").unwrap();
    cmd.env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run_ok(args: &[&str]) -> String {
    let out = policy_nav().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_outline_address_shows_its_clause() {
    let outline: Value = serde_json::from_str(&run_ok(&["outline", "--json"])).unwrap();
    let mut addresses = vec![outline[0]["notice"]["address"]
        .as_str()
        .unwrap()
        .to_string()];
    for plan in outline[0]["plans"].as_array().unwrap() {
        for clause in plan["clauses"].as_array().unwrap() {
            addresses.push(clause["address"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(addresses.len(), 1 + 20 + 19 + 18 + 19 + 18);
    // Every address round-trips in-process (tests/corpus_tree.rs); through
    // the binary, a spread of them: notice, each plan's first and a stride.
    for address in addresses.iter().step_by(6).chain(addresses.last()) {
        let shown: Value = serde_json::from_str(&run_ok(&["show", address, "--json"])).unwrap();
        assert_eq!(shown["address"], address.as_str());
        assert!(shown["lines"]["first"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn show_prints_breadcrumb_lines_and_text() {
    let text = run_ok(&["show", "steel:2.5"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "钢铁:二(五)");
    assert_eq!(
        lines[1],
        "通知 › 钢铁行业节能降碳专项行动计划 › 二、重点任务 › （五）提升短流程电炉炼钢比重"
    );
    assert_eq!(lines[2], "corpus/jiangsu-2024-1057.txt, 第55–57行");
    assert!(lines[4].starts_with("（五）提升短流程电炉炼钢比重。积极发展新型电炉装备"));
    let json: Value = serde_json::from_str(&run_ok(&["show", "钢铁:一#2", "--json"])).unwrap();
    assert_eq!(json["address"], "钢铁:一#2");
    assert_eq!(json["lines"]["first"], 39);
    assert_eq!(
        json["citation"],
        "《钢铁行业节能降碳专项行动计划》一、主要目标"
    );
    assert!(json["text"].as_str().unwrap().starts_with("到2030年底"));
}

#[test]
fn unknown_address_exits_1_with_nearest() {
    let out = policy_nav().args(["show", "水泥:二(九)"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("没有条款“水泥:二(九)”"), "{err}");
    assert!(err.contains("最接近的：水泥:二("), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_corpus_directory_is_a_usage_error_naming_it() {
    let out = policy_nav()
        .args(["--corpus", "/nonexistent/dir", "outline"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("/nonexistent/dir"), "{err}");
}

#[test]
fn debris_lists_removed_text_with_lines() {
    let text = run_ok(&["outline", "--debris"]);
    assert!(text.contains("第165行:1"), "{text}");
    assert!(text.contains("\"负责）\""));
    assert!(text.contains("第269行:1"));
    assert!(
        text.contains("接回") && text.contains("第79行 与 第81行"),
        "{text}"
    );
}

#[test]
fn embedded_corpus_is_used_outside_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("policy-nav")
        .unwrap()
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(dir.path())
        .args(["show", "通知", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["source"], "embedded:jiangsu-2024-1057.txt");
}

#[test]
fn output_piped_into_a_closed_reader_does_not_panic() {
    // Enough documents that the outline overflows the pipe buffer, so the
    // writer really meets a closed pipe.
    let dir = tempfile::tempdir().unwrap();
    let raw = std::fs::read_to_string("corpus/jiangsu-2024-1057.txt").unwrap();
    for n in 0..40 {
        std::fs::write(dir.path().join(format!("copy-{n:02}.txt")), &raw).unwrap();
    }
    let mut child = policy_nav()
        .arg("--corpus")
        .arg(dir.path())
        .args(["outline"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        status.success() || status.code().is_none(),
        "{status:?} {err}"
    );
}
