//! The user's configuration file, `$XDG_CONFIG_HOME/policy-nav/config.toml`
//! (or `~/.config/policy-nav/config.toml`).
//!
//! Parsing never fails as a whole: [`Config::parse`] returns the settings it
//! could read plus one [`ConfigError`] per problem, each naming the file, the
//! line and the key, so a front end can warn and go on with defaults for the
//! broken keys. A file that is not valid TOML at all gives every default.
//!
//! Precedence, applied by the front ends: command-line flag > environment
//! (`NO_COLOR`) > this file > built-in default.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::{Spanned, Value};

use crate::keys::{self, Action, Key, KeyBindings};

/// The navigator's colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Colours for a dark background (the default).
    #[default]
    Dark,
    /// Colours for a light background.
    Light,
    /// No colour at all: bold, underline and reverse video only.
    Mono,
}

impl ThemeName {
    /// Every theme, in documentation order.
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::Mono];

    /// The name as written in the config file.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Mono => "mono",
        }
    }
}

/// When to use colour and other terminal escapes in command output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    /// Only when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always, even into a pipe or with `NO_COLOR`.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Every choice, in documentation order.
    pub const ALL: [ColorChoice; 3] = [ColorChoice::Auto, ColorChoice::Always, ColorChoice::Never];

    /// The name as written on the command line and in the config file.
    pub fn as_str(self) -> &'static str {
        match self {
            ColorChoice::Auto => "auto",
            ColorChoice::Always => "always",
            ColorChoice::Never => "never",
        }
    }

    /// Whether to colour, given the command-line choice (`flag`), this
    /// config's choice, whether `NO_COLOR` is set to a non-empty value and
    /// whether the output is a terminal. Flag > `NO_COLOR` > config > auto.
    pub fn resolve(
        flag: Option<ColorChoice>,
        config: ColorChoice,
        no_color_env: bool,
        is_terminal: bool,
    ) -> bool {
        let choice = match flag {
            Some(choice) => choice,
            None if no_color_env => ColorChoice::Never,
            None => config,
        };
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal,
        }
    }
}

/// Every setting, with its default where the file says nothing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// The navigator's theme.
    pub theme: ThemeName,
    /// ASCII-only borders and glyphs in the navigator.
    pub ascii: bool,
    /// Colour in command output (and the navigator): auto, always, never.
    pub color: ColorChoice,
    /// The corpus directory used when `--corpus` is not given; relative
    /// paths are taken from the config file's directory, `~/` from `$HOME`.
    pub corpus: Option<PathBuf>,
    /// Navigator key overrides.
    pub keys: KeyBindings,
}

/// One problem in a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The key, dotted (`keys.quit`), when the problem is one key's.
    pub key: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ": {}", t!("config.key", key = key))?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// The config file's usual path: `$XDG_CONFIG_HOME/policy-nav/config.toml`
/// when that variable is an absolute path, else
/// `$HOME/.config/policy-nav/config.toml`; `None` without either.
pub fn default_path() -> Option<PathBuf> {
    Some(
        policy_nav::dirs::UserDir::Config
            .path()?
            .join("config.toml"),
    )
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a number",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

type SpannedTable = BTreeMap<Spanned<String>, Spanned<Value>>;

#[derive(Deserialize)]
struct KeysOnly {
    keys: Option<SpannedTable>,
}

impl Config {
    /// Reads the config at `path`. A missing file gives the defaults and no
    /// error; an unreadable one gives the defaults and one error.
    pub fn load(path: &Path) -> (Config, Vec<ConfigError>) {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Config::parse(&text, path),
                Err(e) => {
                    let offset = e.utf8_error().valid_up_to();
                    let line = line_of(
                        std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default(),
                        offset,
                    );
                    (
                        Config::default(),
                        vec![ConfigError {
                            path: path.to_path_buf(),
                            line: Some(line),
                            key: None,
                            message: t!("config.not_utf8", offset = offset).into_owned(),
                        }],
                    )
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
            Err(e) => (
                Config::default(),
                vec![ConfigError {
                    path: path.to_path_buf(),
                    line: None,
                    key: None,
                    message: t!("config.unreadable", error = e).into_owned(),
                }],
            ),
        }
    }

    /// Parses config text; `path` is used in errors and to resolve a
    /// relative `corpus`. Keys that are wrong keep their defaults, the rest
    /// apply; invalid TOML gives every default.
    pub fn parse(text: &str, path: &Path) -> (Config, Vec<ConfigError>) {
        let mut config = Config::default();
        let mut errors = Vec::new();
        let error = |span: Option<std::ops::Range<usize>>, key: Option<&str>, message: String| {
            ConfigError {
                path: path.to_path_buf(),
                line: span.map(|s| line_of(text, s.start)),
                key: key.map(str::to_string),
                message,
            }
        };
        let table: SpannedTable = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                let message = e.message().trim().to_string();
                let key = syntax_error_key(text, e.span());
                errors.push(error(
                    e.span(),
                    key.as_deref(),
                    t!("config.bad_toml", error = message).into_owned(),
                ));
                return (config, errors);
            }
        };
        for (key, value) in &table {
            let name = key.get_ref().as_str();
            let span = Some(value.span());
            let v = value.get_ref();
            match name {
                "theme" => match v.as_str().map(|s| {
                    ThemeName::ALL
                        .into_iter()
                        .find(|t| t.as_str().eq_ignore_ascii_case(s))
                }) {
                    Some(Some(theme)) => config.theme = theme,
                    _ => errors.push(error(
                        span,
                        Some(name),
                        t!("config.expected_theme", found = describe(v)).into_owned(),
                    )),
                },
                "ascii" => match v.as_bool() {
                    Some(b) => config.ascii = b,
                    None => errors.push(error(
                        span,
                        Some(name),
                        t!("config.expected_bool", found = describe(v)).into_owned(),
                    )),
                },
                "color" => match v.as_str().map(|s| {
                    ColorChoice::ALL
                        .into_iter()
                        .find(|c| c.as_str().eq_ignore_ascii_case(s))
                }) {
                    Some(Some(choice)) => config.color = choice,
                    _ => errors.push(error(
                        span,
                        Some(name),
                        t!("config.expected_color", found = describe(v)).into_owned(),
                    )),
                },
                "corpus" => match v.as_str() {
                    Some(s) if !s.trim().is_empty() => config.corpus = Some(resolve_path(s, path)),
                    _ => errors.push(error(
                        span,
                        Some(name),
                        t!("config.expected_dir", found = describe(v)).into_owned(),
                    )),
                },
                "keys" => {
                    if !v.is_table() {
                        errors.push(error(
                            span,
                            Some(name),
                            t!("config.expected_keys_table", found = describe(v)).into_owned(),
                        ));
                        continue;
                    }
                    let keys = toml::from_str::<KeysOnly>(text)
                        .ok()
                        .and_then(|k| k.keys)
                        .unwrap_or_default();
                    config.keys = parse_keys(&keys, &mut |span, key, message| {
                        errors.push(error(Some(span), Some(&key), message))
                    });
                }
                other => errors.push(error(
                    Some(key.span()),
                    Some(other),
                    t!(
                        "config.unknown_setting",
                        hint = suggestion(other, &["theme", "ascii", "color", "corpus", "keys"])
                    )
                    .into_owned(),
                )),
            }
        }
        errors.sort_by_key(|e| e.line);
        (config, errors)
    }

    /// The settings as a config file would say them (for `policy-nav config`).
    pub fn to_toml(&self) -> String {
        let mut s = format!(
            "theme = \"{}\"\nascii = {}\ncolor = \"{}\"\n",
            self.theme.as_str(),
            self.ascii,
            self.color.as_str()
        );
        if let Some(corpus) = &self.corpus {
            s.push_str(&format!(
                "corpus = {}\n",
                Value::String(corpus.display().to_string())
            ));
        }
        s.push_str("\n[keys]\n");
        for entry in keys::rebindable_entries() {
            s.push_str(&format!(
                "{} = {}\n",
                entry.config.unwrap_or_default(),
                Value::String(self.keys.key(entry.action).to_string())
            ));
        }
        s
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        Value::Table(_) | Value::Array(_) => type_name(v).to_string(),
        other => format!("{} ({other})", type_name(other)),
    }
}

fn suggestion(name: &str, known: &[&str]) -> String {
    let nearest = known
        .iter()
        .min_by_key(|k| policy_nav::text::edit_distance(name, k))
        .filter(|k| policy_nav::text::edit_distance(name, k) <= 2);
    match nearest {
        Some(k) => t!("config.did_you_mean", key = k).into_owned(),
        None => t!("config.see_default").into_owned(),
    }
}

/// For a TOML syntax error, the key on the error's line (`theme = dark`
/// → `theme`), qualified by the `[table]` above it.
fn syntax_error_key(text: &str, span: Option<std::ops::Range<usize>>) -> Option<String> {
    let line_no = line_of(text, span?.start);
    let mut table: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if i + 1 == line_no {
            let (key, _) = trimmed.split_once('=')?;
            let key = key.trim().trim_matches('"');
            if key.is_empty() || key.starts_with('#') || key.starts_with('[') {
                return None;
            }
            return Some(match table {
                Some(t) => format!("{t}.{key}"),
                None => key.to_string(),
            });
        }
        if let Some(name) = trimmed
            .strip_prefix('[')
            .and_then(|t| t.split(']').next())
            .filter(|t| !t.starts_with('['))
        {
            table = Some(name.trim().to_string());
        }
    }
    None
}

fn resolve_path(s: &str, config_path: &Path) -> PathBuf {
    if let Some(rest) = s.strip_prefix("~/") {
        if let Some(home) = std::env::var_os("HOME") {
            return PathBuf::from(home).join(rest);
        }
    }
    let p = PathBuf::from(s);
    if p.is_absolute() {
        p
    } else {
        config_path.parent().map(|dir| dir.join(&p)).unwrap_or(p)
    }
}

fn parse_keys(
    table: &SpannedTable,
    report: &mut dyn FnMut(std::ops::Range<usize>, String, String),
) -> KeyBindings {
    let mut bindings = KeyBindings::default();
    let mut explicit: Vec<Action> = Vec::new();
    let actions: Vec<(&str, Action)> = keys::rebindable_entries()
        .filter_map(|e| Some((e.config?, e.action)))
        .collect();
    for (name, value) in table {
        let dotted = format!("keys.{}", name.get_ref());
        let Some(&(_, action)) = actions.iter().find(|(n, _)| n == name.get_ref()) else {
            let names: Vec<&str> = actions.iter().map(|(n, _)| *n).collect();
            report(
                name.span(),
                dotted,
                t!(
                    "config.unknown_action",
                    actions = names.join(", "),
                    hint = suggestion(name.get_ref(), &names)
                )
                .into_owned(),
            );
            continue;
        };
        let key = match value.get_ref().as_str().map(Key::parse) {
            Some(Ok(key)) => key,
            Some(Err(message)) => {
                report(value.span(), dotted, message);
                continue;
            }
            None => {
                report(
                    value.span(),
                    dotted,
                    t!(
                        "config.expected_key_name",
                        found = describe(value.get_ref())
                    )
                    .into_owned(),
                );
                continue;
            }
        };
        // Any key the navigator's table uses for something else is refused:
        // binding `quit` to `5` would make the fifth view unreachable.
        if let Some(owner) = keys::fixed_owner(key).filter(|owner| owner.action != action) {
            report(
                value.span(),
                dotted,
                t!(
                    "config.key_fixed",
                    key = key,
                    action = format!("{:?}", owner.action),
                    help = t!(owner.help)
                )
                .into_owned(),
            );
            continue;
        }
        bindings.set(action, key);
        explicit.push(action);
    }
    // Two actions on one key: the explicitly set one that collides keeps the
    // error and both fall back to their defaults when that resolves it.
    for &(_, action) in &actions {
        let key = bindings.key(action);
        let clash = actions
            .iter()
            .find(|(_, other)| *other != action && bindings.key(*other) == key);
        if let Some((other, _)) = clash {
            if explicit.contains(&action) {
                let (span, name) = table
                    .iter()
                    .find(|(n, _)| {
                        actions
                            .iter()
                            .any(|(a, x)| a == n.get_ref() && *x == action)
                    })
                    .map(|(n, v)| (v.span(), n.get_ref().clone()))
                    .expect("explicit actions come from the table");
                report(
                    span,
                    format!("keys.{name}"),
                    t!("config.key_taken", key = key, other = other).into_owned(),
                );
                bindings.set(action, KeyBindings::default().key(action));
            }
        }
    }
    // Resetting can itself collide (quit = "/" and search left at "/" is
    // reported above; search = "q" with quit reset to "q"): fall back to
    // all defaults rather than hand out an ambiguous binding.
    let distinct = actions.iter().all(|(_, a)| {
        actions
            .iter()
            .all(|(_, b)| a == b || bindings.key(*a) != bindings.key(*b))
    });
    if distinct {
        bindings
    } else {
        KeyBindings::default()
    }
}

/// The default config file, every setting at its default and explained.
/// Parsing it gives [`Config::default`].
pub fn default_toml() -> String {
    let mut s = String::from(
        "# policy-nav configuration.\n\
         # Save as $XDG_CONFIG_HOME/policy-nav/config.toml (usually\n\
         # ~/.config/policy-nav/config.toml). Every line is optional; what is\n\
         # missing takes the default shown. Command-line flags win over the\n\
         # environment (NO_COLOR), which wins over this file.\n\
         \n\
         # Navigator colours: \"dark\" (dark background), \"light\" (light\n\
         # background) or \"mono\" (no colour; bold and reverse video only).\n\
         theme = \"dark\"\n\
         \n\
         # Plain ASCII borders and glyphs, for fonts or terminals that show\n\
         # box-drawing characters badly. Same as --ascii.\n\
         ascii = false\n\
         \n\
         # Colour in command output: \"auto\" (only on a terminal), \"always\"\n\
         # or \"never\". Same as --color; NO_COLOR=1 in the environment wins\n\
         # over this, --color over both.\n\
         color = \"auto\"\n\
         \n\
         # Corpus directory used when --corpus is not given (every *.txt in it\n\
         # is one document). Relative paths start at this file's directory,\n\
         # ~/ at your home. Without it: ./corpus when present, else the corpus\n\
         # built into the program.\n\
         # corpus = \"~/policy-documents\"\n\
         \n\
         # Navigator keys. A value is one character (\"q\", \"/\"), a name\n\
         # (Esc, Enter, Tab, Space, F1-F12, Up, Down, PageUp …) or Ctrl-/Alt-\n\
         # with one of them (\"Ctrl-f\"). Each action needs its own key, and\n\
         # keys the navigator uses for anything else (j k h l g G, arrows,\n\
         # Enter, Esc, Tab, 1-5, e x c f s p D m …; see the help, ?) cannot be\n\
         # taken.\n\
         [keys]\n",
    );
    for entry in keys::rebindable_entries() {
        s.push_str(&format!(
            "{} = {}  # {}\n",
            entry.config.unwrap_or_default(),
            Value::String(KeyBindings::default().key(entry.action).to_string()),
            entry.help
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyCode;

    fn parse(text: &str) -> (Config, Vec<ConfigError>) {
        Config::parse(text, Path::new("/etc/x/config.toml"))
    }

    #[test]
    fn the_default_file_parses_to_the_defaults() {
        let (config, errors) = parse(&default_toml());
        assert_eq!(errors, vec![]);
        assert_eq!(config, Config::default());
        let (again, errors) = parse(&Config::default().to_toml());
        assert_eq!(errors, vec![]);
        assert_eq!(again, Config::default());
    }

    #[test]
    fn every_setting_is_read() {
        let (config, errors) = parse(
            "theme = \"light\"\nascii = true\ncolor = \"never\"\ncorpus = \"docs\"\n[keys]\nquit = \"Q\"\nsearch = \"Ctrl-f\"\ngoto = \"F5\"\nhelp = \"Alt-h\"\n",
        );
        assert_eq!(errors, vec![]);
        assert_eq!(config.theme, ThemeName::Light);
        assert!(config.ascii);
        assert_eq!(config.color, ColorChoice::Never);
        assert_eq!(config.corpus, Some(PathBuf::from("/etc/x/docs")));
        assert_eq!(config.keys.key(Action::Quit), Key::char('Q'));
        assert_eq!(config.keys.key(Action::Search), Key::ctrl('f'));
        assert_eq!(config.keys.key(Action::Goto).code, KeyCode::F(5));
        assert!(config.keys.key(Action::Help).alt);
        assert_eq!(config.keys.action(Key::char('Q')), Some(Action::Quit));
        assert_eq!(config.keys.action(Key::char('q')), None);
        // And it round-trips.
        let (again, errors) = parse(&config.to_toml());
        assert_eq!(errors, vec![]);
        assert_eq!(again, config);
    }

    #[test]
    fn a_bad_value_names_its_line_and_key_and_the_rest_still_applies() {
        policy_nav::i18n::set_language(policy_nav::i18n::CHINESE);
        let (config, errors) = parse("ascii = true\n\ntheme = \"purple\"\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, Some(3));
        assert_eq!(errors[0].key.as_deref(), Some("theme"));
        assert!(errors[0].message.contains("purple"));
        assert!(config.ascii);
        assert_eq!(config.theme, ThemeName::Dark);
        let shown = errors[0].to_string();
        assert!(
            shown.starts_with("/etc/x/config.toml:3: 设置项 `theme`:"),
            "{shown}"
        );
    }

    #[test]
    fn a_syntax_error_names_its_line_and_key_and_gives_the_defaults() {
        let (config, errors) = parse("ascii = true\n[keys]\nquit = q\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, Some(3));
        assert_eq!(errors[0].key.as_deref(), Some("keys.quit"));
        assert_eq!(config, Config::default());
    }

    #[test]
    fn unknown_settings_and_actions_are_reported_with_suggestions() {
        let (_, mut errors) = parse("\nthem = \"dark\"\n[keys]\n\nquitt = \"x\"\n");
        errors.sort_by_key(|e| e.line);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].key.as_deref(), Some("them"));
        assert_eq!(errors[0].line, Some(2));
        assert!(errors[0].message.contains("`theme`"));
        assert_eq!(errors[1].key.as_deref(), Some("keys.quitt"));
        assert_eq!(errors[1].line, Some(5));
        assert!(errors[1].message.contains("`quit`"));
    }

    #[test]
    fn key_conflicts_and_reserved_keys_are_refused() {
        let (config, errors) = parse("[keys]\nquit = \"/\"\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].key.as_deref(), Some("keys.quit"));
        assert_eq!(errors[0].line, Some(2));
        assert_eq!(config.keys, KeyBindings::default());

        let (config, errors) = parse("[keys]\nhelp = \"j\"\nquit = \"Q\"\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].key.as_deref(), Some("keys.help"));
        assert_eq!(config.keys.key(Action::Help), Key::char('?'));
        assert_eq!(config.keys.key(Action::Quit), Key::char('Q'));

        // Swapping two keys is fine.
        let (config, errors) = parse("[keys]\nsearch = \":\"\ngoto = \"/\"\n");
        assert_eq!(errors, vec![]);
        assert_eq!(config.keys.action(Key::char(':')), Some(Action::Search));

        // Whatever is written, the result never binds two actions to one key.
        for text in [
            "[keys]\nquit = \"/\"\ngoto = \"q\"\n",
            "[keys]\nquit = \"Q\"\nsearch = \"Q\"\ngoto = \"Q\"\n",
            "[keys]\nhelp = \"q\"\n",
        ] {
            let (config, errors) = parse(text);
            assert!(!errors.is_empty(), "{text}");
            for a in keys::rebindable_entries().map(|e| e.action) {
                assert_eq!(config.keys.action(config.keys.key(a)), Some(a), "{text}");
            }
        }
    }

    /// Every key the navigator's table uses is refused for a rebindable
    /// action, naming the file, line, key and the action that owns it.
    #[test]
    fn keys_the_table_uses_are_refused_naming_their_owner() {
        policy_nav::i18n::set_language(policy_nav::i18n::CHINESE);
        let (config, errors) = parse("[keys]\n\nquit = \"5\"\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(config.keys, KeyBindings::default(), "quit keeps q");
        let shown = errors[0].to_string();
        assert!(
            shown.starts_with("/etc/x/config.toml:3: 设置项 `keys.quit`: 5 "),
            "{shown}"
        );
        assert!(shown.contains("ShowView"), "{shown}");
        for entry in keys::TABLE.iter().filter(|e| e.config.is_none()) {
            for key in entry.keys {
                let text = format!("[keys]\nsearch = {}\n", Value::String(key.to_string()));
                let (config, errors) = parse(&text);
                assert_eq!(errors.len(), 1, "{text}: {errors:?}");
                assert_eq!(config.keys, KeyBindings::default(), "{text}");
            }
        }
        // A fixed key of the action itself is no conflict: help on F1.
        let (config, errors) = parse("[keys]\nhelp = \"F1\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(config.keys.key(Action::Help), Key::plain(KeyCode::F(1)));
    }

    #[test]
    fn colour_precedence_is_flag_then_env_then_config() {
        use ColorChoice::*;
        // flag wins over everything
        assert!(ColorChoice::resolve(Some(Always), Never, true, false));
        assert!(!ColorChoice::resolve(Some(Never), Always, false, true));
        // NO_COLOR wins over the config
        assert!(!ColorChoice::resolve(None, Always, true, true));
        // config wins over the default
        assert!(ColorChoice::resolve(None, Always, false, false));
        assert!(!ColorChoice::resolve(None, Never, false, true));
        // auto follows the terminal
        assert!(ColorChoice::resolve(None, Auto, false, true));
        assert!(!ColorChoice::resolve(None, Auto, false, false));
        assert!(!ColorChoice::resolve(Some(Auto), Always, false, false));
    }

    #[test]
    fn not_utf8_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.toml");
        assert_eq!(Config::load(&missing), (Config::default(), vec![]));
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, b"ascii = true\ntheme = \"\xff\"\n").unwrap();
        let (config, errors) = Config::load(&bad);
        assert_eq!(config, Config::default());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(2));
    }
}
