//! Every key of the navigator in one table: each [`Action`] with its
//! default keys, where it applies and its help text. The navigator
//! dispatches on the actions looked up here; its help overlay, hint line and
//! the README's key table are generated from [`TABLE`]; the config file may
//! rebind the actions that have a `[keys]` name, and no other key the table
//! uses. To add or change a key, change [`TABLE`].
//!
//! The table is const, so its words are message keys (`nav.key.search`)
//! into `locales/messages.toml`, looked up in the user's language when
//! drawn; the README's table is always the Chinese one.
//!
//! Terminal-independent: the navigator converts its key events to [`Key`].

use std::fmt;

/// Where an entry applies: a set of the places below.
pub type Where = u16;

/// Everywhere, even in a pop-up or while typing a query.
pub const ALWAYS: Where = 1;
/// The search view's query line, while it has the keyboard.
pub const TYPING: Where = 1 << 1;
/// A read-only pop-up: help, comparison, query explanation, pickers.
pub const POPUP: Where = 1 << 2;
/// A text field: the go-to and find-department pop-ups, the find line of
/// the targets table and the timeline.
pub const INPUT: Where = 1 << 3;
/// The search view's result list.
pub const SEARCH: Where = 1 << 4;
/// The document view's outline.
pub const OUTLINE: Where = 1 << 5;
/// The document view's reader.
pub const READER: Where = 1 << 6;
/// The departments view's list.
pub const DEPT_LIST: Where = 1 << 7;
/// The selected department's duties.
pub const DUTIES: Where = 1 << 8;
/// The targets table.
pub const TARGET_TABLE: Where = 1 << 9;
/// The targets bar chart.
pub const CHART: Where = 1 << 10;
/// The timeline view.
pub const TIMELINE: Where = 1 << 11;
/// The document view, either pane.
pub const DOCUMENT: Where = OUTLINE | READER;
/// The departments view, either pane.
pub const DEPARTMENTS: Where = DEPT_LIST | DUTIES;
/// The targets view, table or chart.
pub const TARGETS: Where = TARGET_TABLE | CHART;
/// Every view (no pop-up open, query line left).
pub const VIEWS: Where = SEARCH | DOCUMENT | DEPARTMENTS | TARGETS | TIMELINE;
/// Any pop-up.
pub const POPUPS: Where = POPUP | INPUT;

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Interrupt,
    Back,
    Forward,
    Quit,
    Search,
    Goto,
    Help,
    ShowView,
    NextView,
    PrevView,
    Copy,
    Export,
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    First,
    Last,
    Open,
    Close,
    Edit,
    Explain,
    ClearQuery,
    NextResult,
    PrevResult,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    DeleteBack,
    DeleteForward,
    ToDetail,
    ToList,
    Fold,
    NextHit,
    PrevHit,
    PickDepartment,
    PickTarget,
    Compare,
    Find,
    Sort,
    Reverse,
    PlanFilter,
    DeadlineFilter,
    Milestones,
    Chart,
    GroupByMetric,
    NextChart,
    PrevChart,
    Complete,
    ScrollPage,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// What the keys do.
    pub action: Action,
    /// The default keys.
    pub keys: &'static [Key],
    /// Where they work.
    pub at: Where,
    /// The name in the config file's `[keys]`, for an action that may be
    /// rebound (to one key).
    pub config: Option<&'static str>,
    /// The message key of the help text (rows with the same text next to
    /// each other are shown as one).
    pub help: &'static str,
}

const fn c(ch: char) -> Key {
    Key::char(ch)
}

const fn k(code: KeyCode) -> Key {
    Key::plain(code)
}

const fn entry(action: Action, keys: &'static [Key], at: Where, help: &'static str) -> Entry {
    Entry {
        action,
        keys,
        at,
        config: None,
        help,
    }
}

const fn rebindable(
    action: Action,
    name: &'static str,
    key: &'static [Key],
    at: Where,
    help: &'static str,
) -> Entry {
    Entry {
        action,
        keys: key,
        at,
        config: Some(name),
        help,
    }
}

use Action as A;
use KeyCode as K;

/// Every key the navigator knows, in help order.
pub const TABLE: &[Entry] = &[
    // Everywhere.
    rebindable(
        A::Search,
        "search",
        &[c('/')],
        VIEWS | TYPING,
        "nav.key.search",
    ),
    rebindable(A::Goto, "goto", &[c(':')], VIEWS, "nav.key.goto"),
    entry(
        A::ShowView,
        &[c('1'), c('2'), c('3'), c('4'), c('5')],
        VIEWS,
        "nav.key.show_view",
    ),
    entry(
        A::NextView,
        &[k(K::Tab)],
        VIEWS | TYPING,
        "nav.key.next_view",
    ),
    entry(
        A::PrevView,
        &[k(K::BackTab)],
        VIEWS | TYPING,
        "nav.key.next_view",
    ),
    entry(
        A::Down,
        &[c('j'), k(K::Down)],
        VIEWS | POPUP,
        "nav.key.line",
    ),
    entry(A::Up, &[c('k'), k(K::Up)], VIEWS | POPUP, "nav.key.line"),
    entry(
        A::PageDown,
        &[k(K::PageDown)],
        VIEWS | POPUP,
        "nav.key.page",
    ),
    entry(A::PageUp, &[k(K::PageUp)], VIEWS | POPUP, "nav.key.page"),
    entry(
        A::HalfPageDown,
        &[Key::ctrl('d')],
        VIEWS,
        "nav.key.half_page",
    ),
    entry(A::HalfPageUp, &[Key::ctrl('u')], VIEWS, "nav.key.half_page"),
    entry(A::First, &[c('g'), k(K::Home)], VIEWS, "nav.key.first_last"),
    entry(A::Last, &[c('G'), k(K::End)], VIEWS, "nav.key.first_last"),
    entry(A::Open, &[k(K::Enter)], VIEWS | POPUPS, "nav.key.open"),
    entry(A::Back, &[k(K::Backspace)], VIEWS, "nav.key.history"),
    entry(A::Back, &[Key::alt(K::Left)], ALWAYS, "nav.key.history"),
    entry(A::Forward, &[Key::alt(K::Right)], ALWAYS, "nav.key.history"),
    entry(A::Copy, &[c('y')], SEARCH | DOCUMENT, "nav.key.copy"),
    entry(A::Export, &[c('e')], VIEWS, "nav.key.export"),
    rebindable(A::Help, "help", &[c('?')], VIEWS | POPUP, "nav.key.help"),
    // F1 as well, and also in the query line, where `?` is a character: the
    // navigator starts there, and its top bar offers help.
    entry(
        A::Help,
        &[k(K::F(1))],
        VIEWS | TYPING | POPUP,
        "nav.key.help_anywhere",
    ),
    entry(A::Close, &[k(K::Esc)], TYPING | POPUPS, "nav.key.close"),
    rebindable(A::Quit, "quit", &[c('q')], VIEWS | POPUP, "nav.key.quit"),
    entry(
        A::Interrupt,
        &[Key::ctrl('c'), Key::ctrl('q')],
        ALWAYS,
        "nav.key.interrupt",
    ),
    // The search view.
    entry(A::Edit, &[c('i'), c('a')], SEARCH, "nav.key.edit"),
    entry(A::Explain, &[c('x')], SEARCH, "nav.key.explain"),
    entry(
        A::ClearQuery,
        &[Key::ctrl('u')],
        TYPING,
        "nav.key.clear_query",
    ),
    entry(
        A::NextResult,
        &[Key::ctrl('n')],
        TYPING,
        "nav.key.next_result",
    ),
    entry(
        A::PrevResult,
        &[Key::ctrl('p')],
        TYPING,
        "nav.key.next_result",
    ),
    entry(A::CursorLeft, &[k(K::Left)], TYPING, "nav.key.cursor"),
    entry(A::CursorRight, &[k(K::Right)], TYPING, "nav.key.cursor"),
    entry(A::CursorHome, &[k(K::Home)], TYPING, "nav.key.cursor"),
    entry(A::CursorEnd, &[k(K::End)], TYPING, "nav.key.cursor"),
    entry(A::DeleteBack, &[k(K::Backspace)], TYPING, "nav.key.delete"),
    entry(A::DeleteForward, &[k(K::Delete)], TYPING, "nav.key.delete"),
    // The document and departments views.
    entry(
        A::ToDetail,
        &[c('l'), k(K::Right)],
        OUTLINE | DEPT_LIST,
        "nav.key.to_detail",
    ),
    entry(
        A::ToList,
        &[c('h'), k(K::Left)],
        READER | DUTIES,
        "nav.key.to_list",
    ),
    entry(A::Fold, &[c(' ')], OUTLINE, "nav.key.fold"),
    entry(A::NextHit, &[c('n')], READER, "nav.key.hit"),
    entry(A::PrevHit, &[c('N')], READER, "nav.key.hit"),
    entry(
        A::PickDepartment,
        &[c('d')],
        DOCUMENT,
        "nav.key.pick_department",
    ),
    entry(A::PickTarget, &[c('t')], DOCUMENT, "nav.key.pick_target"),
    entry(A::Compare, &[c('c')], DOCUMENT, "nav.key.compare"),
    entry(
        A::Find,
        &[c('f')],
        DEPARTMENTS | TARGET_TABLE | TIMELINE,
        "nav.key.find",
    ),
    entry(
        A::Close,
        &[k(K::Esc)],
        TARGET_TABLE | TIMELINE,
        "nav.key.clear_find",
    ),
    // The targets view.
    entry(A::Sort, &[c('s')], TARGETS, "nav.key.sort"),
    entry(A::Reverse, &[c('S')], TARGETS, "nav.key.sort"),
    entry(A::PlanFilter, &[c('p')], TARGETS, "nav.key.plan_filter"),
    entry(
        A::DeadlineFilter,
        &[c('D')],
        TARGETS,
        "nav.key.deadline_filter",
    ),
    entry(A::Milestones, &[c('m')], TARGETS, "nav.key.milestones"),
    entry(A::Chart, &[c('c')], TARGETS, "nav.key.chart"),
    entry(
        A::GroupByMetric,
        &[c('z')],
        TARGETS,
        "nav.key.group_by_metric",
    ),
    entry(
        A::NextChart,
        &[c(']'), k(K::Right)],
        CHART,
        "nav.key.next_chart",
    ),
    entry(
        A::PrevChart,
        &[c('['), k(K::Left)],
        CHART,
        "nav.key.next_chart",
    ),
    // Pop-ups.
    entry(A::Down, &[k(K::Down)], INPUT, "nav.key.input_select"),
    entry(A::Up, &[k(K::Up)], INPUT, "nav.key.input_select"),
    entry(A::Complete, &[k(K::Tab)], INPUT, "nav.key.complete"),
    entry(
        A::DeleteBack,
        &[k(K::Backspace)],
        INPUT,
        "nav.key.delete_typed",
    ),
    entry(A::ScrollPage, &[c(' ')], POPUP, "nav.key.scroll_page"),
];

/// The hint line of each place: actions and the message key of a word for
/// each (the keys come from the table and the config).
pub const HINTS: &[(Where, &[(Action, &str)])] = &[
    (
        TYPING,
        &[
            (A::Up, "nav.hint.select"),
            (A::Down, "nav.hint.select"),
            (A::Open, "nav.hint.open"),
            (A::Close, "nav.hint.clear"),
            (A::NextView, "nav.hint.switch_view"),
            (A::Interrupt, "nav.hint.quit"),
        ],
    ),
    (
        SEARCH,
        &[
            (A::Search, "nav.hint.type"),
            (A::Down, "nav.hint.select"),
            (A::Up, "nav.hint.select"),
            (A::Open, "nav.hint.open"),
            (A::Explain, "nav.hint.explain"),
            (A::Export, "nav.hint.export"),
            (A::Copy, "nav.hint.copy"),
            (A::Quit, "nav.hint.quit"),
        ],
    ),
    (
        DOCUMENT,
        &[
            (A::Open, "nav.hint.read"),
            (A::ToList, "nav.hint.outline"),
            (A::NextHit, "nav.hint.match"),
            (A::PrevHit, "nav.hint.match"),
            (A::PickDepartment, "nav.hint.departments"),
            (A::PickTarget, "nav.hint.targets"),
            (A::Compare, "nav.hint.compare"),
            (A::Copy, "nav.hint.copy"),
            (A::Back, "nav.hint.back"),
        ],
    ),
    (
        DEPARTMENTS,
        &[
            (A::Down, "nav.hint.select"),
            (A::Up, "nav.hint.select"),
            (A::Open, "nav.hint.duties"),
            (A::Find, "nav.hint.find_pinyin"),
            (A::Export, "nav.hint.export"),
            (A::Back, "nav.hint.back"),
        ],
    ),
    (
        TIMELINE,
        &[
            (A::Down, "nav.hint.select"),
            (A::Up, "nav.hint.select"),
            (A::Open, "nav.hint.open_clause"),
            (A::Find, "nav.hint.find"),
            (A::Close, "nav.hint.clear_find"),
            (A::Export, "nav.hint.export"),
            (A::Back, "nav.hint.back"),
            (A::Quit, "nav.hint.quit"),
        ],
    ),
    (
        INPUT,
        &[
            (A::Open, "nav.hint.confirm"),
            (A::Close, "nav.hint.clear_find"),
            (A::Down, "nav.hint.select"),
            (A::Up, "nav.hint.select"),
            (A::DeleteBack, "nav.hint.delete"),
            (A::Interrupt, "nav.hint.quit"),
        ],
    ),
    (
        TARGETS,
        &[
            (A::Open, "nav.hint.clause"),
            (A::Find, "nav.hint.find"),
            (A::Sort, "nav.hint.sort"),
            (A::Reverse, "nav.hint.sort"),
            (A::PlanFilter, "nav.hint.plan"),
            (A::DeadlineFilter, "nav.hint.deadline"),
            (A::Milestones, "nav.hint.milestones"),
            (A::GroupByMetric, "nav.hint.by_metric"),
            (A::Chart, "nav.hint.chart"),
            (A::Export, "nav.hint.export"),
        ],
    ),
];

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
    /// Shift-Tab.
    BackTab,
}

/// The message key of an arrow key's name (`nav.key_name.up`).
fn arrow_name(code: KeyCode) -> &'static str {
    match code {
        KeyCode::Up => "nav.key_name.up",
        KeyCode::Down => "nav.key_name.down",
        KeyCode::Left => "nav.key_name.left",
        _ => "nav.key_name.right",
    }
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
    ("backtab", KeyCode::BackTab),
    ("shift-tab", KeyCode::BackTab),
];

impl Key {
    /// A plain character key.
    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// Ctrl and a character.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Alt and a key.
    pub const fn alt(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: true,
        }
    }

    /// A character typed without Ctrl or Alt: text in a text field.
    pub fn is_text(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    /// The key as the interface names it (`上`, `PgDn`, `Space`): no glyph
    /// of ambiguous East Asian width. `arrows` names the arrow keys with
    /// arrows instead (for the README).
    pub fn label(self, arrows: bool) -> String {
        self.label_in(arrows, &rust_i18n::locale())
    }

    /// [`Key::label`] in a given language.
    fn label_in(self, arrows: bool, language: &str) -> String {
        let name = match (self.code, arrows) {
            (KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right, false) => {
                t!(arrow_name(self.code), locale = language)
            }
            (KeyCode::Up, true) => "↑".into(),
            (KeyCode::Down, true) => "↓".into(),
            (KeyCode::Left, true) => "←".into(),
            (KeyCode::Right, true) => "→".into(),
            (KeyCode::PageUp, _) => "PgUp".into(),
            (KeyCode::PageDown, _) => "PgDn".into(),
            (KeyCode::BackTab, _) => "Shift-Tab".into(),
            _ => return self.to_string(),
        };
        let mut out = String::new();
        if self.ctrl {
            out.push_str("Ctrl-");
        }
        if self.alt {
            out.push_str("Alt-");
        }
        out.push_str(&name);
        out
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
            (None, _) => return Err(t!("config.empty_key").into_owned()),
            (Some(c), None) if c.is_control() => {
                return Err(t!("config.control_key", key = s.escape_debug()).into_owned())
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
                    return Err(t!("config.unknown_key", key = s.escape_debug()).into_owned());
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

/// The config file's key for each rebindable action, over the table's
/// defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyBindings {
    overrides: Vec<(Action, Key)>,
}

/// The rebindable entries, in table order.
pub fn rebindable_entries() -> impl Iterator<Item = &'static Entry> {
    TABLE.iter().filter(|e| e.config.is_some())
}

impl KeyBindings {
    /// The key bound to a rebindable `action` (its first table key for any
    /// other).
    pub fn key(&self, action: Action) -> Key {
        self.overrides
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, k)| *k)
            .or_else(|| {
                TABLE
                    .iter()
                    .find(|e| e.action == action)
                    .and_then(|e| e.keys.first().copied())
            })
            .expect("every action has a key")
    }

    /// Binds a rebindable action to a key.
    pub fn set(&mut self, action: Action, key: Key) {
        self.overrides.retain(|(a, _)| *a != action);
        if KeyBindings::default().key(action) != key {
            self.overrides.push((action, key));
        }
    }

    /// The rebindable action bound to `key`, if any. For a `Char` key with
    /// no Ctrl or Alt, Shift is part of the character (`G`, `?`).
    #[cfg(test)]
    pub fn action(&self, key: Key) -> Option<Action> {
        rebindable_entries()
            .map(|e| e.action)
            .find(|a| self.key(*a) == key)
    }

    /// The keys of an entry with this binding.
    pub fn keys_of(&self, entry: &Entry) -> Vec<Key> {
        if entry.config.is_some() {
            vec![self.key(entry.action)]
        } else {
            entry.keys.to_vec()
        }
    }
}

/// The key that does `action` in place `at` (a single place) with this
/// binding, if any: the first of the table's, where a character in the
/// query line is text, not a key.
pub fn key_at(action: Action, at: Where, bindings: &KeyBindings) -> Option<Key> {
    TABLE
        .iter()
        .filter(|e| e.action == action && e.at & at != 0)
        .flat_map(|e| bindings.keys_of(e))
        .find(|k| lookup(*k, at, bindings).is_some_and(|e| e.action == action))
}

/// The entry for `key` in place `at` (a single place), if any.
pub fn lookup(key: Key, at: Where, bindings: &KeyBindings) -> Option<&'static Entry> {
    TABLE
        .iter()
        .find(|e| e.at & at != 0 && bindings.keys_of(e).contains(&key))
}

/// The entry whose fixed (not rebindable) keys include `key`: a key the
/// config file may not give to a rebindable action.
pub fn fixed_owner(key: Key) -> Option<&'static Entry> {
    TABLE
        .iter()
        .find(|e| e.config.is_none() && e.keys.contains(&key))
}

/// Sections of the help (message keys of their titles), each with the
/// places it covers.
const SECTIONS: &[(&str, Where)] = &[
    ("nav.view.search", SEARCH | TYPING),
    ("nav.view.document", DOCUMENT),
    ("nav.view.departments", DEPARTMENTS),
    ("nav.view.targets", TARGETS),
    ("nav.view.timeline", TIMELINE),
    ("nav.place.popups", POPUPS),
];

/// The section of the keys that work everywhere or in several sections.
const GENERAL: &str = "nav.place.general";

/// The section an entry is listed in: [`GENERAL`] when it works everywhere
/// or in more than one section.
fn section(entry: &Entry) -> &'static str {
    let touched: Vec<&str> = SECTIONS
        .iter()
        .filter(|(_, at)| entry.at & at != 0)
        .map(|(name, _)| *name)
        .collect();
    match touched.as_slice() {
        [one] if entry.at & ALWAYS == 0 => one,
        _ => GENERAL,
    }
}

/// Names of places (message keys), largest first, for the README's
/// "where" column.
#[cfg(test)]
const PLACES: &[(Where, &str)] = &[
    (ALWAYS, "nav.place.always"),
    (VIEWS, "nav.place.views"),
    (TYPING, "nav.place.typing"),
    (SEARCH, "nav.view.search"),
    (DOCUMENT, "nav.view.document"),
    (OUTLINE, "nav.place.outline"),
    (READER, "nav.place.reader"),
    (DEPARTMENTS, "nav.view.departments"),
    (DEPT_LIST, "nav.place.dept_list"),
    (DUTIES, "nav.place.duties"),
    (TARGETS, "nav.view.targets"),
    (TARGET_TABLE, "nav.place.target_table"),
    (CHART, "nav.place.chart"),
    (TIMELINE, "nav.view.timeline"),
    (POPUPS, "nav.place.popups"),
    (POPUP, "nav.place.popups"),
    (INPUT, "nav.place.input"),
];

/// A place set in Chinese words, as the README has it: `文档、部门列表`.
#[cfg(test)]
pub fn describe(at: Where) -> String {
    let mut left = at;
    let mut names = Vec::new();
    for &(place, name) in PLACES {
        if left & place == place && left & place != 0 {
            names.push(t!(name, locale = policy_nav::i18n::CHINESE));
            left &= !place;
        }
    }
    names.join("、")
}

/// One row of the help: keys, where, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The message key of the help section (通用, 搜索 …).
    pub section: &'static str,
    /// The keys, as the interface names them.
    pub keys: Vec<Key>,
    /// Where they work.
    pub at: Where,
    /// The message key of what they do.
    pub help: &'static str,
    /// The config names of the rebindable actions in the row.
    pub config: Vec<&'static str>,
}

/// The help's rows in table order, neighbours with the same text and section
/// joined.
pub fn help_rows(bindings: &KeyBindings) -> Vec<HelpRow> {
    let mut rows: Vec<HelpRow> = Vec::new();
    for entry in TABLE {
        let section = section(entry);
        match rows.last_mut() {
            Some(row) if row.help == entry.help && row.section == section => {
                row.keys.extend(bindings.keys_of(entry));
                row.at |= entry.at;
                row.config.extend(entry.config);
            }
            _ => rows.push(HelpRow {
                section,
                keys: bindings.keys_of(entry),
                at: entry.at,
                help: entry.help,
                config: entry.config.into_iter().collect(),
            }),
        }
    }
    rows
}

/// The help sections (message keys) in the order shown: the one of the
/// place the user is in first, then 通用, then the others.
pub fn help_sections(current: Where) -> Vec<&'static str> {
    let mut order: Vec<&'static str> = SECTIONS
        .iter()
        .filter(|(_, at)| at & current != 0)
        .map(|(name, _)| *name)
        .collect();
    order.push(GENERAL);
    for (name, _) in SECTIONS {
        if !order.contains(name) {
            order.push(name);
        }
    }
    order
}

/// The keys of a row as text: `j 下 k 上`.
pub fn keys_text(keys: &[Key], arrows: bool) -> String {
    keys.iter()
        .map(|k| k.label(arrows))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The hint line for a place (`TYPING`, `SEARCH`, `DOCUMENT` …): the first
/// usable key of each action with its word, neighbours with one word joined
/// (`j/k 选择`).
pub fn hint_line(place: Where, bindings: &KeyBindings) -> String {
    hint_line_in(place, bindings, &rust_i18n::locale())
}

/// [`hint_line`] in a given language.
fn hint_line_in(place: Where, bindings: &KeyBindings, language: &str) -> String {
    let Some((_, hints)) = HINTS.iter().find(|(at, _)| at & place != 0) else {
        return String::new();
    };
    // In the query line characters are text, so the keys shown there are
    // those that act while typing (the list's, behind it, too).
    let places = if place == TYPING {
        TYPING | SEARCH | ALWAYS
    } else {
        place | ALWAYS
    };
    let mut parts: Vec<(Vec<String>, &str)> = Vec::new();
    for &(action, word) in *hints {
        let key = TABLE
            .iter()
            .filter(|e| e.action == action && e.at & places != 0)
            .flat_map(|e| bindings.keys_of(e))
            .find(|k| place != TYPING || !k.is_text() || lookup(*k, TYPING, bindings).is_some());
        let Some(key) = key else { continue };
        match parts.last_mut() {
            Some((keys, w)) if *w == word => keys.push(key.label_in(false, language)),
            _ => parts.push((vec![key.label_in(false, language)], word)),
        }
    }
    parts
        .iter()
        .map(|(keys, word)| format!("{} {}", keys.join("/"), t!(*word, locale = language)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The README's key table (Markdown), generated from [`TABLE`] with the
/// default keys (the README test compares it; print it with the ignored
/// test `print_readme_key_table`).
#[cfg(test)]
pub fn readme_table() -> String {
    let mut out = String::from("| 按键 | 在哪里 | 作用 |\n|---|---|---|\n");
    let rows = help_rows(&KeyBindings::default());
    for section in help_sections(0) {
        for row in rows.iter().filter(|r| r.section == section) {
            let keys: Vec<String> = row
                .keys
                .iter()
                .map(|k| format!("`{}`", k.label(true).replace('|', "\\|")))
                .collect();
            let config = if row.config.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = row.config.iter().map(|n| format!("`{n}`")).collect();
                format!("（配置文件 `[keys]` 中的 {}）", names.join("、"))
            };
            out.push_str(&format!(
                "| {} | {} | {}{config} |\n",
                keys.join(" "),
                describe(row.at),
                t!(row.help, locale = policy_nav::i18n::CHINESE)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_entries_share_a_key_in_one_place() {
        let bindings = KeyBindings::default();
        for bit in 0..16 {
            let place: Where = 1 << bit;
            let mut seen: Vec<(Key, Action)> = Vec::new();
            for entry in TABLE.iter().filter(|e| e.at & place != 0) {
                for key in bindings.keys_of(entry) {
                    if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                        assert_eq!(
                            *other,
                            entry.action,
                            "{key} is both {other:?} and {:?} in {}",
                            entry.action,
                            describe(place)
                        );
                    }
                    seen.push((key, entry.action));
                }
            }
        }
    }

    /// In a text field the table's keys come first: a character there
    /// would never be typed. Only the search key is meant to be.
    #[test]
    fn text_fields_take_characters_except_the_search_key() {
        for entry in TABLE.iter().filter(|e| e.at & (TYPING | INPUT) != 0) {
            for key in entry.keys {
                assert!(
                    !key.is_text() || entry.action == Action::Search,
                    "{key} ({:?}) would never be typed",
                    entry.action
                );
            }
        }
    }

    fn readme_key_table() -> String {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README.md");
        let section = readme
            .split("\n## ")
            .find(|s| s.starts_with("The navigator"))
            .expect("README has a navigator section");
        let mut table = String::new();
        for line in section.lines().skip_while(|l| !l.starts_with('|')) {
            if !line.starts_with('|') {
                break;
            }
            table.push_str(line);
            table.push('\n');
        }
        table
    }

    /// `cargo test --bin policy-nav print_readme_key_table -- --ignored
    /// --nocapture` prints the table to paste into README.md.
    #[test]
    #[ignore]
    fn print_readme_key_table() {
        print!("{}", readme_table());
    }

    #[test]
    fn the_readme_key_table_is_the_generated_one() {
        assert_eq!(
            readme_key_table(),
            readme_table(),
            "README.md's key table differs from the action table; print the new one with \
             `cargo test --bin policy-nav print_readme_key_table -- --ignored --nocapture`"
        );
    }

    #[test]
    fn rebound_keys_replace_the_defaults_in_help_and_hints() {
        let mut bindings = KeyBindings::default();
        bindings.set(Action::Search, Key::plain(KeyCode::F(2)));
        bindings.set(Action::Quit, Key::char('Q'));
        assert_eq!(bindings.action(Key::char('Q')), Some(Action::Quit));
        assert_eq!(bindings.action(Key::char('q')), None);
        let hint = hint_line(SEARCH, &bindings);
        assert!(hint.starts_with("F2 输入"), "{hint}");
        assert!(hint.ends_with("Q 退出"), "{hint}");
        assert!(!hint.contains('/') || hint.contains("j/k"), "{hint}");
        let rows = help_rows(&bindings);
        assert!(rows.iter().any(|r| r.keys == vec![Key::char('Q')]));
        bindings.set(Action::Quit, Key::char('q'));
        bindings.set(Action::Search, Key::char('/'));
        assert_eq!(bindings, KeyBindings::default());
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

    /// Every message key the tables store.
    fn stored_keys() -> Vec<&'static str> {
        let mut keys: Vec<&str> = TABLE.iter().map(|e| e.help).collect();
        keys.extend(
            HINTS
                .iter()
                .flat_map(|(_, words)| words.iter().map(|(_, w)| *w)),
        );
        keys.extend(SECTIONS.iter().map(|(name, _)| *name));
        keys.push(GENERAL);
        keys.extend(PLACES.iter().map(|(_, name)| *name));
        keys.extend([KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right].map(arrow_name));
        keys
    }

    const LANGUAGES: [&str; 2] = [policy_nav::i18n::CHINESE, policy_nav::i18n::ENGLISH];

    /// A key missing in English would silently show the Chinese text (the
    /// catalogue falls back to it), so the catalogue itself is asked.
    #[test]
    fn every_key_the_tables_store_is_in_both_languages() {
        // A key missing in every language comes back as the key itself
        // (built here, so that tests/messages.rs does not find it in the
        // code and ask for it in the catalogue).
        let missing = ["no_such", "key"].join(".");
        assert_eq!(t!(missing.as_str(), locale = "en"), missing);
        let backend = crate::_rust_i18n_backend();
        let keys = stored_keys();
        assert!(keys.len() > TABLE.len(), "{}", keys.len());
        for key in keys {
            assert!(key.starts_with("nav."), "{key} is not a message key");
            for language in LANGUAGES {
                let text = backend.translate(language, key);
                assert!(text.is_some(), "{key} has no {language} text");
                assert_ne!(t!(key, locale = language), key);
            }
        }
    }

    #[test]
    fn every_hint_line_fits_80_cells_in_both_languages() {
        use unicode_width::UnicodeWidthStr;
        let cjk = |s: &str| s.chars().any(|c| c >= '\u{3000}');
        for &(place, _) in HINTS {
            for language in LANGUAGES {
                let line = hint_line_in(place, &KeyBindings::default(), language);
                assert!(line.width() <= 80, "{} cells: {line}", line.width());
                assert_eq!(cjk(&line), language == policy_nav::i18n::CHINESE, "{line}");
            }
        }
    }
}
