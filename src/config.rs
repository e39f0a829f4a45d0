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

/// A key as named in the config file: `"q"`, `"/"`, `"F1"`, `"Esc"`,
/// `"Ctrl-g"`, `"Alt-x"`. Independent of any terminal library; the navigator
/// converts it to its own key events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key itself.
    pub code: KeyCode,
    /// Control held.
    pub ctrl: bool,
    /// Alt (Meta) held.
    pub alt: bool,
}

/// The key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    /// A printable character (`' '` for Space).
    Char(char),
    /// A function key, F1 to F12.
    F(u8),
    Esc,
    Enter,
    Tab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
}

const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("tab", KeyCode::Tab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    /// A plain character key.
    pub const fn char(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: false,
            alt: false,
        }
    }

    /// Parses a key name: one character (`q`, `/`, `？`), a named key
    /// (`Esc`, `Enter`, `Tab`, `Space`, `F1`…`F12`, arrows, `PageUp` …, any
    /// case), optionally prefixed by `Ctrl-`/`C-` and/or `Alt-`/`M-`.
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut rest = s;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "ctrl+", "c-"]
                .iter()
                .find(|p| lower.starts_with(**p) && rest.len() > p.len());
            if let Some(p) = prefix {
                ctrl = true;
                rest = &rest[p.len()..];
                continue;
            }
            let prefix = ["alt-", "alt+", "m-"]
                .iter()
                .find(|p| lower.starts_with(**p) && rest.len() > p.len());
            if let Some(p) = prefix {
                alt = true;
                rest = &rest[p.len()..];
                continue;
            }
            break;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err("empty key name".into()),
            (Some(c), None) if c.is_control() => {
                return Err(format!(
                    "{s:?} is a control character; name it, e.g. \"Tab\""
                ))
            }
            (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some((_, code)) = NAMED_KEYS.iter().find(|(n, _)| *n == lower) {
                    *code
                } else if let Some(n) = lower
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n))
                {
                    KeyCode::F(n)
                } else {
                    return Err(format!(
                        "unknown key {s:?}; use one character (\"q\", \"/\"), a name (Esc, Enter, Tab, Space, F1-F12, Up, PageDown …) or Ctrl-/Alt- with one of them"
                    ));
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Navigator actions whose keys the config file may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the navigator (default `q`).
    Quit,
    /// Open the search view and start typing (default `/`).
    Search,
    /// Open the go-to-address prompt (default `:`).
    Goto,
    /// Show the key help overlay (default `?`).
    Help,
}

impl Action {
    /// Every rebindable action, in documentation order.
    pub const ALL: [Action; 4] = [Action::Quit, Action::Search, Action::Goto, Action::Help];

    /// The name used in the `[keys]` table.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Search => "search",
            Action::Goto => "goto",
            Action::Help => "help",
        }
    }

    /// One line of description for the default config and help.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "leave the navigator",
            Action::Search => "open search and start typing",
            Action::Goto => "go to an address (钢铁:二(五))",
            Action::Help => "show the key help",
        }
    }
}

/// Keys the navigator uses for fixed purposes (moving, opening, switching
/// views, copying). A rebindable action may not take one of them: binding
/// `quit` to `j` would make the list impossible to move through.
pub const RESERVED_KEYS: &[&str] = &[
    "j",
    "k",
    "h",
    "l",
    "g",
    "G",
    "n",
    "N",
    "d",
    "t",
    "y",
    "i",
    "a",
    "1",
    "2",
    "3",
    "4",
    "Space",
    "Up",
    "Down",
    "Left",
    "Right",
    "PageUp",
    "PageDown",
    "Home",
    "End",
    "Enter",
    "Esc",
    "Tab",
    "Backspace",
    "Ctrl-c",
    "Ctrl-d",
    "Ctrl-u",
    "Ctrl-n",
    "Ctrl-p",
    "Ctrl-q",
];

/// The keys for each rebindable [`Action`]. Always valid: every action has
/// one key, no two actions share one, and none is in [`RESERVED_KEYS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyBindings {
    /// Leave the navigator.
    pub quit: Key,
    /// Open search.
    pub search: Key,
    /// Go to an address.
    pub goto: Key,
    /// Key help.
    pub help: Key,
}

impl Default for KeyBindings {
    fn default() -> Self {
        KeyBindings {
            quit: Key::char('q'),
            search: Key::char('/'),
            goto: Key::char(':'),
            help: Key::char('?'),
        }
    }
}

impl KeyBindings {
    /// The key bound to `action`.
    pub fn key(&self, action: Action) -> Key {
        match action {
            Action::Quit => self.quit,
            Action::Search => self.search,
            Action::Goto => self.goto,
            Action::Help => self.help,
        }
    }

    fn set(&mut self, action: Action, key: Key) {
        match action {
            Action::Quit => self.quit = key,
            Action::Search => self.search = key,
            Action::Goto => self.goto = key,
            Action::Help => self.help = key,
        }
    }

    /// The action bound to `key`, if any. For a `Char` key with no Ctrl or
    /// Alt, Shift is part of the character (`G`, `?`), so the caller should
    /// pass the character as the terminal reports it and no Shift flag.
    pub fn action(&self, key: Key) -> Option<Action> {
        Action::ALL.into_iter().find(|a| self.key(*a) == key)
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
            write!(f, ": key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// The config file's usual path: `$XDG_CONFIG_HOME/policy-nav/config.toml`
/// when that variable is an absolute path, else
/// `$HOME/.config/policy-nav/config.toml`; `None` without either.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .map(|h| h.join(".config"))
        })?;
    Some(base.join("policy-nav").join("config.toml"))
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
                            message: format!("not UTF-8 (byte {offset}); using the defaults"),
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
                    message: format!("cannot read: {e}; using the defaults"),
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
                    format!("not valid TOML: {message}; using the defaults"),
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
                        format!(
                            "expected \"dark\", \"light\" or \"mono\", found {}",
                            describe(v)
                        ),
                    )),
                },
                "ascii" => match v.as_bool() {
                    Some(b) => config.ascii = b,
                    None => errors.push(error(
                        span,
                        Some(name),
                        format!("expected true or false, found {}", describe(v)),
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
                        format!(
                            "expected \"auto\", \"always\" or \"never\", found {}",
                            describe(v)
                        ),
                    )),
                },
                "corpus" => match v.as_str() {
                    Some(s) if !s.trim().is_empty() => config.corpus = Some(resolve_path(s, path)),
                    _ => errors.push(error(
                        span,
                        Some(name),
                        format!("expected a directory path, found {}", describe(v)),
                    )),
                },
                "keys" => {
                    if !v.is_table() {
                        errors.push(error(
                            span,
                            Some(name),
                            format!(
                                "expected a table such as [keys] quit = \"q\", found {}",
                                describe(v)
                            ),
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
                    format!(
                        "unknown setting; the settings are theme, ascii, color, corpus and [keys] ({})",
                        suggestion(other, &["theme", "ascii", "color", "corpus", "keys"])
                    ),
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
        for action in Action::ALL {
            s.push_str(&format!(
                "{} = {}\n",
                action.as_str(),
                Value::String(self.keys.key(action).to_string())
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
        .min_by_key(|k| crate::text::edit_distance(name, k))
        .filter(|k| crate::text::edit_distance(name, k) <= 2);
    match nearest {
        Some(k) => format!("did you mean `{k}`?"),
        None => "see `policy-nav config --default`".to_string(),
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
    let reserved: Vec<Key> = RESERVED_KEYS
        .iter()
        .map(|k| Key::parse(k).expect("reserved keys parse"))
        .collect();
    for (name, value) in table {
        let dotted = format!("keys.{}", name.get_ref());
        let Some(action) = Action::ALL
            .into_iter()
            .find(|a| a.as_str() == name.get_ref())
        else {
            let names: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
            report(
                name.span(),
                dotted,
                format!(
                    "unknown action; the actions are {} ({})",
                    names.join(", "),
                    suggestion(name.get_ref(), &names)
                ),
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
                    format!(
                        "expected a key name in quotes such as \"q\", found {}",
                        describe(value.get_ref())
                    ),
                );
                continue;
            }
        };
        if reserved.contains(&key) {
            report(
                value.span(),
                dotted,
                format!("{key} is used by the navigator for moving or switching views; choose another key"),
            );
            continue;
        }
        bindings.set(action, key);
        explicit.push(action);
    }
    // Two actions on one key: the explicitly set one that collides keeps the
    // error and both fall back to their defaults when that resolves it.
    for action in Action::ALL {
        let key = bindings.key(action);
        let clash = Action::ALL
            .into_iter()
            .find(|other| *other != action && bindings.key(*other) == key);
        if let Some(other) = clash {
            if explicit.contains(&action) {
                let (span, name) = table
                    .iter()
                    .find(|(n, _)| n.get_ref() == action.as_str())
                    .map(|(n, v)| (v.span(), n.get_ref().clone()))
                    .expect("explicit actions come from the table");
                report(
                    span,
                    format!("keys.{name}"),
                    format!(
                        "{key} is already the key for `{}`; every action needs its own key",
                        other.as_str()
                    ),
                );
                bindings.set(action, KeyBindings::default().key(action));
            }
        }
    }
    // Resetting can itself collide (quit = "/" and search left at "/" is
    // reported above; search = "q" with quit reset to "q"): fall back to
    // all defaults rather than hand out an ambiguous binding.
    let distinct = Action::ALL.iter().all(|a| {
        Action::ALL
            .iter()
            .all(|b| a == b || bindings.key(*a) != bindings.key(*b))
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
         # keys used for moving (j k h l g G, arrows, Enter, Esc, Tab, 1-4 …)\n\
         # cannot be taken.\n\
         [keys]\n",
    );
    for action in Action::ALL {
        s.push_str(&format!(
            "{} = {}  # {}\n",
            action.as_str(),
            Value::String(KeyBindings::default().key(action).to_string()),
            action.describe()
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "theme = \"light\"\nascii = true\ncolor = \"never\"\ncorpus = \"docs\"\n[keys]\nquit = \"x\"\nsearch = \"Ctrl-f\"\ngoto = \"F5\"\nhelp = \"Alt-h\"\n",
        );
        assert_eq!(errors, vec![]);
        assert_eq!(config.theme, ThemeName::Light);
        assert!(config.ascii);
        assert_eq!(config.color, ColorChoice::Never);
        assert_eq!(config.corpus, Some(PathBuf::from("/etc/x/docs")));
        assert_eq!(config.keys.quit, Key::char('x'));
        assert_eq!(
            config.keys.search,
            Key {
                code: KeyCode::Char('f'),
                ctrl: true,
                alt: false
            }
        );
        assert_eq!(config.keys.goto.code, KeyCode::F(5));
        assert!(config.keys.help.alt);
        assert_eq!(config.keys.action(Key::char('x')), Some(Action::Quit));
        assert_eq!(config.keys.action(Key::char('q')), None);
        // And it round-trips.
        let (again, errors) = parse(&config.to_toml());
        assert_eq!(errors, vec![]);
        assert_eq!(again, config);
    }

    #[test]
    fn a_bad_value_names_its_line_and_key_and_the_rest_still_applies() {
        let (config, errors) = parse("ascii = true\n\ntheme = \"purple\"\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, Some(3));
        assert_eq!(errors[0].key.as_deref(), Some("theme"));
        assert!(errors[0].message.contains("purple"));
        assert!(config.ascii);
        assert_eq!(config.theme, ThemeName::Dark);
        let shown = errors[0].to_string();
        assert!(
            shown.starts_with("/etc/x/config.toml:3: key `theme`:"),
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

        let (config, errors) = parse("[keys]\nhelp = \"j\"\nquit = \"x\"\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].key.as_deref(), Some("keys.help"));
        assert_eq!(config.keys.help, Key::char('?'));
        assert_eq!(config.keys.quit, Key::char('x'));

        // Swapping two keys is fine.
        let (config, errors) = parse("[keys]\nsearch = \":\"\ngoto = \"/\"\n");
        assert_eq!(errors, vec![]);
        assert_eq!(config.keys.action(Key::char(':')), Some(Action::Search));

        // Whatever is written, the result never binds two actions to one key.
        for text in [
            "[keys]\nquit = \"/\"\ngoto = \"q\"\n",
            "[keys]\nquit = \"x\"\nsearch = \"x\"\ngoto = \"x\"\n",
            "[keys]\nhelp = \"q\"\n",
        ] {
            let (config, errors) = parse(text);
            assert!(!errors.is_empty(), "{text}");
            for a in Action::ALL {
                assert_eq!(config.keys.action(config.keys.key(a)), Some(a), "{text}");
            }
        }
    }

    #[test]
    fn key_names_parse() {
        assert_eq!(Key::parse("q"), Ok(Key::char('q')));
        assert_eq!(Key::parse("？"), Ok(Key::char('？')));
        assert_eq!(Key::parse("space"), Ok(Key::char(' ')));
        assert_eq!(Key::parse("ESC").map(|k| k.code), Ok(KeyCode::Esc));
        assert_eq!(Key::parse("F12").map(|k| k.code), Ok(KeyCode::F(12)));
        assert!(Key::parse("F13").is_err());
        assert!(Key::parse("").is_err());
        assert!(Key::parse("qq").is_err());
        assert!(Key::parse("\t").is_err());
        let k = Key::parse("C-M-x").unwrap();
        assert!(k.ctrl && k.alt && k.code == KeyCode::Char('x'));
        assert_eq!(Key::parse("Ctrl-X"), Key::parse("ctrl-x"));
        for name in ["q", "Ctrl-f", "Alt-Space", "F3", "PageDown"] {
            let k = Key::parse(name).unwrap();
            assert_eq!(Key::parse(&k.to_string()), Ok(k), "{name}");
        }
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
