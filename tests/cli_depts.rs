//! `policy-nav depts` and the departments in `show --json`.

use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("policy-nav")
        .unwrap()
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn alias_lookup_gives_duties_counterparts_and_exact_json_shape() {
    let (code, stdout, _) = run(&["depts", "发改委", "--json"]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let dept = &json[0];
    let mut keys: Vec<&str> = dept
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort();
    assert_eq!(keys, ["aliases", "counterparts", "duties", "name"]);
    assert_eq!(dept["name"], "国家发展改革委");
    assert_eq!(dept["counterparts"]["province"], "江苏省发展改革委");
    assert_eq!(dept["counterparts"]["city"], "各设区市发展改革委");
    let duties = dept["duties"].as_array().unwrap();
    assert!(duties.iter().any(|d| d["address"] == "炼油:二(二)"
        && d["role"] == "lead"
        && d["heading"] == "推进生产系统节能增效"));
    assert!(duties
        .iter()
        .any(|d| d["address"] == "钢铁:四(一)" && d["role"] == "mentioned"));
}

#[test]
fn role_filter_and_every_alias_spelling() {
    for alias in ["工信部", "工业和信息化部"] {
        let (code, stdout, _) = run(&["depts", alias, "--role", "support", "--json"]);
        assert_eq!(code, 0);
        let json: Value = serde_json::from_str(&stdout).unwrap();
        let clauses: Vec<&str> = json[0]["duties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["address"].as_str().unwrap())
            .collect();
        assert_eq!(clauses, ["炼油:二(二)"], "{alias}");
    }
    let (_, stdout, _) = run(&["depts", "国家市场监督管理总局"]);
    assert!(stdout.starts_with("市场监管总局"), "{stdout}");
    assert!(stdout.contains("江苏省市场监督管理局"));
}

#[test]
fn unknown_department_exits_1_with_nearest() {
    let (code, stdout, stderr) = run(&["depts", "工信布"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(stderr.contains("最接近的：工业和信息化部"), "{stderr}");
    let (code, _, stderr) = run(&["depts", "--role", "boss"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("lead"), "{stderr}");
}

#[test]
fn list_counts_every_role_and_show_json_carries_departments() {
    let (code, stdout, _) = run(&["depts"]);
    assert_eq!(code, 0);
    let header = stdout.lines().next().unwrap();
    for label in ["牵头", "配合", "负责", "提及", "发文", "主送"] {
        assert!(header.contains(label), "{header}");
    }
    let (_, stdout, _) = run(&["show", "炼油:二(二)", "--json"]);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        json["departments"]["lead"],
        serde_json::json!(["国家发展改革委", "国家能源局"])
    );
    assert_eq!(
        json["departments"]["support"],
        serde_json::json!(["工业和信息化部"])
    );
    let (_, stdout, _) = run(&["show", "水泥:四(一)", "--json"]);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert!(json["departments"]["lead"].as_array().unwrap().is_empty());
    assert!(json["departments"]["mentioned"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == "国家能源局"));
}

/// `--role` takes every word the query's `role:` takes (one list of role
/// words): `参与` and `配合` are support, `主责` responsible.
#[test]
fn role_option_takes_every_role_word() {
    for (word, role) in [
        ("参与", "support"),
        ("配合", "support"),
        ("牵头", "lead"),
        ("主责", "responsible"),
    ] {
        let (code, stdout, stderr) = run(&["depts", "--role", word, "--json"]);
        assert_eq!(code, 0, "--role {word}: {stderr}");
        let json: Value = serde_json::from_str(&stdout).unwrap();
        let duties: Vec<&Value> = json
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| d["duties"].as_array().unwrap())
            .collect();
        assert!(!duties.is_empty(), "--role {word}");
        assert!(duties.iter().all(|d| d["role"] == role), "--role {word}");
    }
    let (code, _, stderr) = run(&["depts", "--role", "领导"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("参与"),
        "the error lists the role words: {stderr}"
    );
}
