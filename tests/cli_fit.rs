//! Shell integration, colour, config, logging and the targets chart, run
//! as a user runs them: every command in a temporary HOME so nothing of the
//! developer's own config, cache or state is read or written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn config_file(&self) -> PathBuf {
        self.path().join("config/policy-nav/config.toml")
    }

    fn write_config(&self, text: &str) {
        let path = self.config_file();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn state_dir(&self) -> PathBuf {
        self.path().join("state")
    }

    /// policy-nav in the repository (so ./corpus is used) with HOME and the
    /// XDG directories inside this temporary home and no NO_COLOR or
    /// POLICY_NAV_LOG inherited.
    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("policy-nav").unwrap();
        cmd.env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env("XDG_STATE_HOME", self.state_dir())
            .env_remove("NO_COLOR")
            .env_remove("POLICY_NAV_LOG");
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn has_escape(s: &str) -> bool {
    s.contains('\x1b')
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    let home = Home::new();
    for (shell, marker, color_flag) in [
        ("bash", "complete -F", "--color"),
        ("zsh", "#compdef policy-nav", "--color"),
        ("fish", "complete -c policy-nav", "-l color"),
    ] {
        let out = home.run(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains(marker), "{shell}: no {marker:?}");
        for word in ["outline", "search", "targets", color_flag, "completions"] {
            assert!(text.contains(word), "{shell} completion lacks {word}");
        }
    }
    let out = home.run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_page_is_roff_with_exit_status_and_files() {
    let home = Home::new();
    let out = home.run(&["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(".ie") || text.starts_with(".TH"),
        "{}",
        &text[..80]
    );
    assert!(
        text.lines().any(|l| l.starts_with(".TH policy-nav 1")),
        "no .TH line"
    );
    for section in [
        ".SH \"名称\"",
        ".SH \"概要\"",
        ".SH \"退出状态\"",
        ".SH \"环境变量\"",
        ".SH \"文件\"",
    ] {
        assert!(text.contains(section), "no {section}");
    }
    for word in [
        "outline",
        "search",
        "targets",
        "NO_COLOR",
        "POLICY_NAV_LOG",
        "config.toml",
    ] {
        assert!(text.contains(word), "man page lacks {word}");
    }
}

#[test]
fn config_default_is_commented_and_valid() {
    let home = Home::new();
    let out = home.run(&["config", "--default"]);
    assert!(out.status.success());
    let default = stdout(&out);
    assert!(default.lines().filter(|l| l.starts_with('#')).count() > 10);
    for key in [
        "theme = \"dark\"",
        "ascii = false",
        "color = \"auto\"",
        "[keys]",
        "quit = \"q\"",
    ] {
        assert!(default.contains(key), "default config lacks {key}");
    }
    home.write_config(&default);
    let out = home.run(&["config"]);
    assert!(out.status.success());
    assert_eq!(stderr(&out), "", "the default config gives no warning");
    let shown = stdout(&out);
    assert!(shown.contains(&home.config_file().display().to_string()));
    assert!(shown.contains("theme = \"dark\""));

    let out = home.run(&["config", "--path"]);
    assert_eq!(
        stdout(&out).trim(),
        home.config_file().display().to_string()
    );
}

#[test]
fn broken_config_names_file_line_and_key_and_commands_still_run() {
    let home = Home::new();
    // Line 3: a bad value; the rest applies.
    home.write_config("# mine\ncolor = \"always\"\ntheme = \"purple\"\n");
    let out = home.run(&["show", "钢铁:二(五)"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let file = home.config_file().display().to_string();
    assert!(
        err.contains(&format!("{file}:3: 设置项 `theme`")),
        "stderr: {err}"
    );
    assert!(err.contains("purple"), "{err}");
    assert!(
        stdout(&out).starts_with("\x1b["),
        "color = \"always\" still applies"
    );

    // Not TOML at all: line and key, then every default.
    home.write_config("ascii = true\n\n[keys]\nquit = q\n");
    let out = home.run(&["show", "钢铁:二(五)"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{file}:4: 设置项 `keys.quit`")),
        "stderr: {err}"
    );
    assert!(stdout(&out).starts_with("钢铁:二(五)\n"));

    // Unknown settings and a key clash.
    home.write_config("colour = \"never\"\n[keys]\nsearch = \"q\"\n");
    let out = home.run(&["config"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(":1: 设置项 `colour`") && err.contains("`color`"),
        "{err}"
    );
    assert!(err.contains(":3: 设置项 `keys.search`"), "{err}");
    assert!(
        stdout(&out).contains("search = \"/\""),
        "the clash falls back"
    );
}

#[test]
fn config_corpus_is_used_unless_the_flag_says_otherwise() {
    let home = Home::new();
    let corpus = home.path().join("docs");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/genre/standalone-plan.txt"),
        corpus.join("only.txt"),
    )
    .unwrap();
    // Relative to the config file's directory.
    home.write_config("corpus = \"../../docs\"\n");
    let from_config = home.run(&["outline", "--json"]);
    assert!(from_config.status.success(), "{}", stderr(&from_config));
    let docs: Value = serde_json::from_slice(&from_config.stdout).unwrap();
    assert_eq!(docs.as_array().unwrap().len(), 1);
    assert_eq!(docs[0]["name"], "only");

    let repo_corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let flag = home.run(&[
        "outline",
        "--json",
        "--corpus",
        repo_corpus.to_str().unwrap(),
    ]);
    let docs: Value = serde_json::from_slice(&flag.stdout).unwrap();
    assert_ne!(docs[0]["name"], "only");
}

/// Every text command, for the colour checks.
const TEXT_COMMANDS: &[&[&str]] = &[
    &["outline"],
    &["show", "钢铁:二(五)"],
    &["search", "余热发电"],
    &["depts"],
    &["depts", "发改委"],
    &["targets"],
    &["targets", "--chart"],
];

#[test]
fn color_never_and_pipes_are_plain_and_always_is_coloured() {
    let home = Home::new();
    for args in TEXT_COMMANDS {
        let plain = home.run(args);
        assert!(plain.status.success(), "{args:?}: {}", stderr(&plain));
        assert!(
            !has_escape(&stdout(&plain)),
            "{args:?} into a pipe has escapes"
        );

        let never: Vec<&str> = args.iter().copied().chain(["--color", "never"]).collect();
        let out = home.run(&never);
        assert!(!has_escape(&stdout(&out)), "{never:?}");
        assert_eq!(stdout(&out), stdout(&plain), "{never:?}");

        let always: Vec<&str> = args.iter().copied().chain(["--color", "always"]).collect();
        let out = home.run(&always);
        assert!(out.status.success());
        let coloured = stdout(&out);
        assert!(has_escape(&coloured), "{always:?} has no escapes");
        // Same text once the escapes are gone: colour never changes layout.
        assert_eq!(strip_sgr(&coloured), stdout(&plain), "{always:?}");
    }
}

fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn color_precedence_flag_then_no_color_then_config() {
    let home = Home::new();
    let args = ["show", "钢铁:二(五)"];
    home.write_config("color = \"always\"\n");
    let out = home.run(&args);
    assert!(has_escape(&stdout(&out)), "config always");
    let out = home.cmd().env("NO_COLOR", "1").args(args).output().unwrap();
    assert!(!has_escape(&stdout(&out)), "NO_COLOR beats the config");
    let out = home.cmd().env("NO_COLOR", "").args(args).output().unwrap();
    assert!(has_escape(&stdout(&out)), "an empty NO_COLOR is not set");
    let out = home
        .cmd()
        .env("NO_COLOR", "1")
        .args(args)
        .args(["--color", "always"])
        .output()
        .unwrap();
    assert!(has_escape(&stdout(&out)), "--color beats NO_COLOR");
    home.write_config("color = \"never\"\n");
    let out = home.run(&["show", "钢铁:二(五)", "--color", "always"]);
    assert!(has_escape(&stdout(&out)), "--color beats the config");
}

#[test]
fn log_file_only_with_the_variable() {
    let home = Home::new();
    let out = home.run(&["search", "钢铁", "--json"]);
    assert!(out.status.success());
    assert!(!home.state_dir().exists(), "no log without POLICY_NAV_LOG");

    let out = home
        .cmd()
        .env("POLICY_NAV_LOG", "debug")
        .args(["search", "钢铁", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let log_path = home.state_dir().join("policy-nav/policy-nav.log");
    let log = std::fs::read_to_string(&log_path).expect("log written");
    for event in ["dispatch", "search index ready", "done"] {
        assert!(log.contains(event), "log lacks {event:?}:\n{log}");
    }
    // A search with a current index skips parsing; a command that needs the
    // parsed corpus logs its load.
    let shown = home
        .cmd()
        .env("POLICY_NAV_LOG", "info")
        .args(["show", "钢铁:一"])
        .output()
        .unwrap();
    assert!(shown.status.success(), "{}", stderr(&shown));
    let log = std::fs::read_to_string(&log_path).expect("log written");
    assert!(
        log.contains("corpus loaded"),
        "log lacks \"corpus loaded\":\n{log}"
    );
    assert!(log.contains("command=\"search\""), "{log}");
    assert!(log.contains("DEBUG"), "debug level events are kept:\n{log}");
    // Nothing of the log reaches the terminal.
    assert!(!stderr(&out).contains("corpus loaded"));
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(results.is_array());

    // info drops debug events; a second run appends.
    let before = log.lines().count();
    let out = home
        .cmd()
        .env("POLICY_NAV_LOG", "info")
        .args(["outline"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let log = std::fs::read_to_string(&log_path).unwrap();
    let added: Vec<&str> = log.lines().skip(before).collect();
    assert!(added.iter().any(|l| l.contains("command=\"outline\"")));
    assert!(!added.iter().any(|l| l.contains("DEBUG")), "{added:?}");

    // A bad level warns and the command still runs, without a log.
    let home = Home::new();
    let out = home
        .cmd()
        .env("POLICY_NAV_LOG", "loud")
        .args(["outline"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stderr(&out).contains("POLICY_NAV_LOG"), "{}", stderr(&out));
    assert!(!home.state_dir().exists());
}

/// The chart's groups as the JSON table implies them: rows with a number
/// that are neither milestones nor thresholds, by metric key, unit and
/// relation, where at least two plans have one; with the names the chart
/// may be titled by (the key, the wordings).
type SharedMetrics = BTreeMap<(String, String, String), (BTreeSet<String>, BTreeSet<String>)>;

fn shared_metrics(targets: &Value) -> SharedMetrics {
    let mut groups: SharedMetrics = BTreeMap::new();
    for t in targets.as_array().unwrap() {
        let relation = t["relation"].as_str().unwrap();
        if t["value"].is_null() || relation == "threshold" || relation == "milestone" {
            continue;
        }
        let key = (
            t["metric_key"].as_str().unwrap().to_string(),
            t["unit"].as_str().unwrap_or("").to_string(),
            relation.to_string(),
        );
        let (plans, names) = groups.entry(key.clone()).or_default();
        plans.insert(t["plan"].as_str().unwrap().to_string());
        names.insert(key.0);
        names.insert(t["metric"].as_str().unwrap().to_string());
    }
    groups.retain(|_, (plans, _)| plans.len() >= 2);
    groups
}

#[test]
fn chart_fits_80_columns_with_a_bar_for_each_plan_sharing_a_metric() {
    let home = Home::new();
    let table: Value = serde_json::from_slice(&home.run(&["targets", "--json"]).stdout).unwrap();
    let groups = shared_metrics(&table);
    assert!(
        groups.len() >= 2,
        "the bundled plans share metrics: {groups:?}"
    );
    let every_plan: BTreeSet<String> = table
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["plan"].as_str().unwrap().to_string())
        .collect();
    assert!(
        groups
            .iter()
            .any(|((metric, unit, _), (plans, _))| metric.contains("节能量")
                && unit == "万吨标准煤"
                && *plans == every_plan),
        "节能量 in 万吨标准煤 for every plan: {groups:?}"
    );

    let out = home.run(&["targets", "--chart"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let chart = stdout(&out);
    for line in chart.lines() {
        assert!(line.width() <= 80, "wider than 80: {line}");
    }
    let blocks: Vec<&str> = chart.split("\n\n").collect();
    assert_eq!(blocks.len(), groups.len(), "{chart}");
    for ((metric, unit, _), (plans, names)) in &groups {
        let block = blocks
            .iter()
            .find(|b| {
                let title = b.lines().next().unwrap();
                names
                    .iter()
                    .any(|name| title.starts_with(&format!("{name}（{unit}")))
            })
            .unwrap_or_else(|| panic!("no chart for {metric} {unit}:\n{chart}"));
        for plan in plans {
            assert!(
                block
                    .lines()
                    .skip(1)
                    .any(|l| l.trim_start().starts_with(plan.as_str()) && l.contains('#')),
                "{metric}: no bar for {plan}:\n{block}"
            );
        }
        // Bars are ASCII only: no ambiguous-width block characters.
        for line in block.lines().skip(1) {
            let bar: String = line.chars().filter(|c| !c.is_ascii()).collect();
            assert!(!bar.contains('█'), "{line}");
        }
    }

    // Filters apply to the chart as to the table.
    let out = home.run(&["targets", "--chart", "--plan", "钢铁"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "no shared metric: nothing found"
    );
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("两个及以上方案"));
    let out = home.run(&["targets", "--chart", "--json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn exit_codes_are_as_documented() {
    let home = Home::new();
    assert_eq!(home.run(&["show", "钢铁:九(九)"]).status.code(), Some(1));
    assert_eq!(home.run(&["depts", "不存在的部门"]).status.code(), Some(1));
    assert_eq!(home.run(&["--no-such-flag"]).status.code(), Some(2));
    assert_eq!(
        home.run(&["--color", "sometimes", "outline"]).status.code(),
        Some(2)
    );
    assert_eq!(
        home.run(&["targets", "--plan", "无此计划"]).status.code(),
        Some(2)
    );
    assert_eq!(
        home.run(&["search", "不存在的词语组合"]).status.code(),
        Some(1)
    );
}
