//! Messages in the user's language (issue 18, item 5): every key the code
//! looks up is in locales/messages.toml in both languages with the same
//! placeholders; the program speaks Chinese by default and English when
//! the locale asks; no rustdoc syntax reaches --help.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

const MESSAGES: &str = include_str!("../locales/messages.toml");

/// key → (language → text), from the nested tables of the file.
fn messages() -> BTreeMap<String, BTreeMap<String, String>> {
    let table: toml::Table = toml::from_str(MESSAGES).expect("messages.toml is TOML");
    let mut out = BTreeMap::new();
    fn walk(
        prefix: &str,
        table: &toml::Table,
        out: &mut BTreeMap<String, BTreeMap<String, String>>,
    ) {
        for (name, value) in table {
            let key = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            match value {
                toml::Value::Table(t) if t.values().all(toml::Value::is_str) => {
                    let texts = t
                        .iter()
                        .map(|(lang, v)| (lang.clone(), v.as_str().unwrap().to_string()))
                        .collect();
                    out.insert(key, texts);
                }
                toml::Value::Table(t) => walk(&key, t, out),
                _ => {} // _version
            }
        }
    }
    walk("", &table, &mut out);
    out
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("%{")
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

#[test]
fn every_message_has_both_languages_with_the_same_placeholders() {
    let messages = messages();
    assert!(messages.len() > 100, "{} messages", messages.len());
    for (key, texts) in &messages {
        let languages: Vec<&str> = texts.keys().map(String::as_str).collect();
        assert_eq!(languages, ["en", "zh"], "{key}");
        assert_eq!(
            placeholders(&texts["zh"]),
            placeholders(&texts["en"]),
            "{key}: the two languages fill in different values"
        );
        // clap's template placeholders ({usage}) are the same in both too.
        let braces = |s: &str| -> BTreeSet<String> {
            s.split('{')
                .skip(1)
                .filter_map(|r| r.split_once('}').map(|(n, _)| n.to_string()))
                .collect()
        };
        assert_eq!(braces(&texts["zh"]), braces(&texts["en"]), "{key}");
    }
}

/// `t!("key"` in the sources, with the file it is in; and every string
/// literal that starts with `nav.`: the navigator's key table is const and
/// stores message keys (`"nav.key.search"`) that are looked up when drawn.
fn keys_in_code() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("\"nav.") {
                    match text[at + 1..].split_once('"') {
                        // `"nav."` alone is a prefix, not a key.
                        Some((key, _)) if !key.ends_with('.') => {
                            out.push((key.to_string(), path.display().to_string()))
                        }
                        _ => {}
                    }
                }
                let mut rest = text.as_str();
                while let Some(at) = rest.find("t!(") {
                    // `t!(`, not `format!(`, `print!(` …
                    let word_before = rest[..at]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_');
                    rest = &rest[at + 3..];
                    if word_before {
                        continue;
                    }
                    let literal = rest.trim_start();
                    if let Some(body) = literal.strip_prefix('"') {
                        if let Some((key, _)) = body.split_once('"') {
                            out.push((key.to_string(), path.display().to_string()));
                        }
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

#[test]
fn every_key_the_code_uses_is_in_the_file() {
    let messages = messages();
    let used = keys_in_code();
    assert!(used.len() > 100, "found only {} lookups", used.len());
    let stored = used
        .iter()
        .filter(|(key, path)| key.starts_with("nav.key.") && path.ends_with("keys.rs"))
        .count();
    assert!(stored > 40, "found only {stored} keys in the key table");
    let missing: Vec<_> = used
        .iter()
        .filter(|(key, _)| !messages.contains_key(key))
        .collect();
    assert!(
        missing.is_empty(),
        "keys missing from messages.toml: {missing:?}"
    );
}

fn run(language: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("policy-nav")
        .unwrap()
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", language)
        .env("NO_COLOR", "1")
        .env("HOME", std::env::temp_dir())
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("policy-nav-messages-test"),
        )
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn help_is_chinese_by_default_and_english_when_asked() {
    for command in [
        vec!["--help"],
        vec!["search", "--help"],
        vec!["targets", "--help"],
        vec!["depts", "-h"],
    ] {
        let (code, zh, _) = run("C.UTF-8", &command);
        assert_eq!(code, 0, "{command:?}");
        assert!(
            zh.contains("用法：") && zh.contains("选项"),
            "{command:?}:\n{zh}"
        );
        assert!(!zh.contains("Usage:") && !zh.contains("Print help"), "{zh}");
        // clap's own placeholder in the usage line too.
        assert!(
            zh.contains("[选项]") && !zh.contains("[OPTIONS]"),
            "{command:?}:\n{zh}"
        );
        let (_, en, _) = run("en_US.UTF-8", &command);
        assert!(en.contains("Usage:") && en.contains("Options"), "{en}");
        assert!(en.contains("[OPTIONS]"), "{en}");
        for text in [&zh, &en] {
            assert!(
                !text.contains("[`") && !text.contains("`]"),
                "rustdoc link syntax in help:\n{text}"
            );
        }
    }
    let (_, zh, _) = run("zh_CN.UTF-8", &["search", "--help"]);
    assert!(zh.contains("最多列出几条结果"), "{zh}");
}

#[test]
fn errors_and_hints_follow_the_language() {
    let (code, _, zh) = run("C.UTF-8", &["show", "钢铁:九"]);
    assert_eq!(code, 1);
    assert!(zh.contains("没有条款"), "{zh}");
    let (_, _, en) = run("en_GB.UTF-8", &["show", "钢铁:九"]);
    assert!(en.contains("no clause"), "{en}");

    let (code, _, zh) = run("C.UTF-8", &["search", "--no-such-flag", "x"]);
    assert_eq!(code, 2);
    assert!(zh.contains("未知的参数") && zh.contains("--help"), "{zh}");
    let (code, _, en) = run("en_US.UTF-8", &["search", "--no-such-flag", "x"]);
    assert_eq!(code, 2);
    assert!(en.contains("unexpected argument"), "{en}");

    let (_, _, zh) = run("C.UTF-8", &["search", "完全不存在的词语组合"]);
    assert!(zh.contains("没有条款匹配"), "{zh}");
}

#[test]
fn the_man_page_is_chinese_by_default() {
    let (code, zh, _) = run("C.UTF-8", &["man"]);
    assert_eq!(code, 0);
    assert!(
        zh.contains(".SH \"概要\"") && zh.contains("退出状态"),
        "{zh}"
    );
    assert!(!zh.contains(".SH SYNOPSIS"));
    let (_, en, _) = run("en_US.UTF-8", &["man"]);
    assert!(
        en.contains("SYNOPSIS") && en.contains("EXIT STATUS"),
        "{en}"
    );
}
