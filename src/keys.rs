//! Every key of the navigator in one table: each [`Action`] with its
//! default keys, where it applies and its help text. The navigator
//! dispatches on the actions looked up here; its help overlay, hint line and
//! the README's key table are generated from [`TABLE`]; the config file may
//! rebind the actions that have a `[keys]` name, and no other key the table
//! uses. To add or change a key, change [`TABLE`].
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
    /// Help text (rows with the same text next to each other are shown as
    /// one).
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
        "搜索：转到查询行（任何视图）",
    ),
    rebindable(
        A::Goto,
        "goto",
        &[c(':')],
        VIEWS,
        "跳转到地址，如 钢铁:二(五)、steel:2.5（Tab 补全）",
    ),
    entry(
        A::ShowView,
        &[c('1'), c('2'), c('3'), c('4'), c('5')],
        VIEWS,
        "切换视图：搜索 文档 部门 指标 时间",
    ),
    entry(
        A::NextView,
        &[k(K::Tab)],
        VIEWS | TYPING,
        "下一个 / 上一个视图",
    ),
    entry(
        A::PrevView,
        &[k(K::BackTab)],
        VIEWS | TYPING,
        "下一个 / 上一个视图",
    ),
    entry(
        A::Down,
        &[c('j'), k(K::Down)],
        VIEWS | POPUP,
        "下移 / 上移一行",
    ),
    entry(A::Up, &[c('k'), k(K::Up)], VIEWS | POPUP, "下移 / 上移一行"),
    entry(
        A::PageDown,
        &[k(K::PageDown)],
        VIEWS | POPUP,
        "下翻 / 上翻一页",
    ),
    entry(A::PageUp, &[k(K::PageUp)], VIEWS | POPUP, "下翻 / 上翻一页"),
    entry(A::HalfPageDown, &[Key::ctrl('d')], VIEWS, "下翻 / 上翻半页"),
    entry(A::HalfPageUp, &[Key::ctrl('u')], VIEWS, "下翻 / 上翻半页"),
    entry(
        A::First,
        &[c('g'), k(K::Home)],
        VIEWS,
        "到第一行 / 最后一行",
    ),
    entry(A::Last, &[c('G'), k(K::End)], VIEWS, "到第一行 / 最后一行"),
    entry(
        A::Open,
        &[k(K::Enter)],
        VIEWS | POPUPS,
        "打开结果、职责或指标所在的条款（高亮相关文字）；弹窗和查找行中确认",
    ),
    entry(
        A::Back,
        &[k(K::Backspace)],
        VIEWS,
        "后退 / 前进，恢复视图、选择和滚动位置",
    ),
    entry(
        A::Back,
        &[Key::alt(K::Left)],
        ALWAYS,
        "后退 / 前进，恢复视图、选择和滚动位置",
    ),
    entry(
        A::Forward,
        &[Key::alt(K::Right)],
        ALWAYS,
        "后退 / 前进，恢复视图、选择和滚动位置",
    ),
    entry(
        A::Copy,
        &[c('y')],
        SEARCH | DOCUMENT,
        "复制条款及引文到本地剪贴板（OSC 52，SSH 下也可用）",
    ),
    entry(
        A::Export,
        &[c('e')],
        VIEWS,
        "把当前列表（结果、职责、指标、时间）连同引文导出为 CSV，存到当前目录",
    ),
    rebindable(
        A::Help,
        "help",
        &[c('?')],
        VIEWS | POPUP,
        "显示 / 关闭本帮助",
    ),
    entry(
        A::Close,
        &[k(K::Esc)],
        TYPING | POPUPS,
        "关闭弹窗；查询行中清空查询，再按离开查询行；查找行中清除查找；从不退出",
    ),
    rebindable(
        A::Quit,
        "quit",
        &[c('q')],
        VIEWS | POPUP,
        "退出（弹窗中：关闭弹窗）",
    ),
    entry(
        A::Interrupt,
        &[Key::ctrl('c'), Key::ctrl('q')],
        ALWAYS,
        "退出（输入查询时也可用）",
    ),
    // The search view.
    entry(A::Edit, &[c('i'), c('a')], SEARCH, "回到查询行输入"),
    entry(
        A::Explain,
        &[c('x')],
        SEARCH,
        "解释查询：分词、扩展，以及每条结果匹配的字段",
    ),
    entry(A::ClearQuery, &[Key::ctrl('u')], TYPING, "清空查询"),
    entry(
        A::NextResult,
        &[Key::ctrl('n')],
        TYPING,
        "输入时选择下一条 / 上一条结果",
    ),
    entry(
        A::PrevResult,
        &[Key::ctrl('p')],
        TYPING,
        "输入时选择下一条 / 上一条结果",
    ),
    entry(A::CursorLeft, &[k(K::Left)], TYPING, "移动光标"),
    entry(A::CursorRight, &[k(K::Right)], TYPING, "移动光标"),
    entry(A::CursorHome, &[k(K::Home)], TYPING, "移动光标"),
    entry(A::CursorEnd, &[k(K::End)], TYPING, "移动光标"),
    entry(
        A::DeleteBack,
        &[k(K::Backspace)],
        TYPING,
        "删除光标前 / 后的字",
    ),
    entry(
        A::DeleteForward,
        &[k(K::Delete)],
        TYPING,
        "删除光标前 / 后的字",
    ),
    // The document and departments views.
    entry(
        A::ToDetail,
        &[c('l'), k(K::Right)],
        OUTLINE | DEPT_LIST,
        "从目录进入阅读，从部门进入职责",
    ),
    entry(
        A::ToList,
        &[c('h'), k(K::Left)],
        READER | DUTIES,
        "回到目录 / 部门列表",
    ),
    entry(A::Fold, &[c(' ')], OUTLINE, "折叠 / 展开计划"),
    entry(A::NextHit, &[c('n')], READER, "下一个 / 上一个高亮匹配"),
    entry(A::PrevHit, &[c('N')], READER, "下一个 / 上一个高亮匹配"),
    entry(
        A::PickDepartment,
        &[c('d')],
        DOCUMENT,
        "条款涉及的部门，选一个跳过去",
    ),
    entry(
        A::PickTarget,
        &[c('t')],
        DOCUMENT,
        "条款中的指标，选一个跳过去",
    ),
    entry(
        A::Compare,
        &[c('c')],
        DOCUMENT,
        "与其他计划中的对应条款（同编号、同标题或相似）对比，不同的字标出",
    ),
    entry(
        A::Find,
        &[c('f')],
        DEPARTMENTS | TARGET_TABLE | TIMELINE,
        "查找：部门按全称、简称、拼音（fgw、fagaiwei）或名称的一部分；指标和时间视图边输入边筛选（指标及其其他说法、计划、单位、期限、原文，或拼音首字母如 qjys），空格分开的词都须找到",
    ),
    entry(
        A::Close,
        &[k(K::Esc)],
        TARGET_TABLE | TIMELINE,
        "清除查找，显示全部（从不退出）",
    ),
    // The targets view.
    entry(A::Sort, &[c('s')], TARGETS, "按下一列排序 / 反向排序"),
    entry(A::Reverse, &[c('S')], TARGETS, "按下一列排序 / 反向排序"),
    entry(A::PlanFilter, &[c('p')], TARGETS, "按计划筛选（依次切换）"),
    entry(
        A::DeadlineFilter,
        &[c('D')],
        TARGETS,
        "按期限筛选（依次切换）",
    ),
    entry(A::Milestones, &[c('m')], TARGETS, "显示 / 隐藏里程碑"),
    entry(
        A::Chart,
        &[c('c')],
        TARGETS,
        "表格与柱状图（多个计划共有的指标）之间切换",
    ),
    entry(
        A::GroupByMetric,
        &[c('z')],
        TARGETS,
        "按指标分组：同一指标各文件的目标排在一起（不论怎么写），国家、省、市、县区依次",
    ),
    entry(
        A::NextChart,
        &[c(']'), k(K::Right)],
        CHART,
        "下一张 / 上一张图",
    ),
    entry(
        A::PrevChart,
        &[c('['), k(K::Left)],
        CHART,
        "下一张 / 上一张图",
    ),
    // Pop-ups.
    entry(
        A::Down,
        &[k(K::Down)],
        INPUT,
        "跳转弹窗中选择补全；查找行中移动选择",
    ),
    entry(
        A::Up,
        &[k(K::Up)],
        INPUT,
        "跳转弹窗中选择补全；查找行中移动选择",
    ),
    entry(A::Complete, &[k(K::Tab)], INPUT, "跳转弹窗中补全地址"),
    entry(
        A::DeleteBack,
        &[k(K::Backspace)],
        INPUT,
        "删除输入的最后一个字",
    ),
    entry(A::ScrollPage, &[c(' ')], POPUP, "对比和解释弹窗中向下翻页"),
];

/// The hint line of each place: actions and a word for each (the keys come
/// from the table and the config).
pub const HINTS: &[(Where, &[(Action, &str)])] = &[
    (
        TYPING,
        &[
            (A::Up, "选择"),
            (A::Down, "选择"),
            (A::Open, "打开"),
            (A::Close, "清空"),
            (A::NextView, "切换视图"),
            (A::Interrupt, "退出"),
        ],
    ),
    (
        SEARCH,
        &[
            (A::Search, "输入"),
            (A::Down, "选择"),
            (A::Up, "选择"),
            (A::Open, "打开"),
            (A::Explain, "解释"),
            (A::Export, "导出"),
            (A::Copy, "复制"),
            (A::Quit, "退出"),
        ],
    ),
    (
        DOCUMENT,
        &[
            (A::Open, "阅读"),
            (A::ToList, "目录"),
            (A::NextHit, "匹配"),
            (A::PrevHit, "匹配"),
            (A::PickDepartment, "部门"),
            (A::PickTarget, "指标"),
            (A::Compare, "对比"),
            (A::Copy, "复制"),
            (A::Back, "返回"),
        ],
    ),
    (
        DEPARTMENTS,
        &[
            (A::Down, "选择"),
            (A::Up, "选择"),
            (A::Open, "职责"),
            (A::Find, "查找(可用拼音)"),
            (A::Export, "导出"),
            (A::Back, "返回"),
        ],
    ),
    (
        TIMELINE,
        &[
            (A::Down, "选择"),
            (A::Up, "选择"),
            (A::Open, "打开条款"),
            (A::Find, "查找"),
            (A::Close, "清除"),
            (A::Export, "导出"),
            (A::Back, "返回"),
            (A::Quit, "退出"),
        ],
    ),
    (
        INPUT,
        &[
            (A::Open, "确认"),
            (A::Close, "清除"),
            (A::Down, "选择"),
            (A::Up, "选择"),
            (A::DeleteBack, "删除"),
            (A::Interrupt, "退出"),
        ],
    ),
    (
        TARGETS,
        &[
            (A::Open, "条款"),
            (A::Find, "查找"),
            (A::Sort, "排序"),
            (A::Reverse, "排序"),
            (A::PlanFilter, "计划"),
            (A::DeadlineFilter, "期限"),
            (A::Milestones, "里程碑"),
            (A::GroupByMetric, "按指标"),
            (A::Chart, "图表"),
            (A::Export, "导出"),
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
        let name = match (self.code, arrows) {
            (KeyCode::Up, false) => "上",
            (KeyCode::Down, false) => "下",
            (KeyCode::Left, false) => "左",
            (KeyCode::Right, false) => "右",
            (KeyCode::Up, true) => "↑",
            (KeyCode::Down, true) => "↓",
            (KeyCode::Left, true) => "←",
            (KeyCode::Right, true) => "→",
            (KeyCode::PageUp, _) => "PgUp",
            (KeyCode::PageDown, _) => "PgDn",
            (KeyCode::BackTab, _) => "Shift-Tab",
            _ => return self.to_string(),
        };
        let mut out = String::new();
        if self.ctrl {
            out.push_str("Ctrl-");
        }
        if self.alt {
            out.push_str("Alt-");
        }
        out.push_str(name);
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

/// Sections of the help, each with the places it covers.
const SECTIONS: &[(&str, Where)] = &[
    ("搜索", SEARCH | TYPING),
    ("文档", DOCUMENT),
    ("部门", DEPARTMENTS),
    ("指标", TARGETS),
    ("时间", TIMELINE),
    ("弹窗", POPUPS),
];

/// The section an entry is listed in: 通用 when it works everywhere or in
/// more than one section.
fn section(entry: &Entry) -> &'static str {
    let touched: Vec<&str> = SECTIONS
        .iter()
        .filter(|(_, at)| entry.at & at != 0)
        .map(|(name, _)| *name)
        .collect();
    match touched.as_slice() {
        [one] if entry.at & ALWAYS == 0 => one,
        _ => "通用",
    }
}

/// Names of places, largest first, for the README's "where" column.
#[cfg(test)]
const PLACES: &[(Where, &str)] = &[
    (ALWAYS, "任何时候"),
    (VIEWS, "各视图"),
    (TYPING, "查询行"),
    (SEARCH, "搜索"),
    (DOCUMENT, "文档"),
    (OUTLINE, "目录"),
    (READER, "阅读"),
    (DEPARTMENTS, "部门"),
    (DEPT_LIST, "部门列表"),
    (DUTIES, "职责"),
    (TARGETS, "指标"),
    (TARGET_TABLE, "指标表"),
    (CHART, "图表"),
    (TIMELINE, "时间"),
    (POPUPS, "弹窗"),
    (POPUP, "弹窗"),
    (INPUT, "输入框"),
];

/// A place set in words: `文档、部门列表`.
#[cfg(test)]
pub fn describe(at: Where) -> String {
    let mut left = at;
    let mut names = Vec::new();
    for &(place, name) in PLACES {
        if left & place == place && left & place != 0 {
            names.push(name);
            left &= !place;
        }
    }
    names.join("、")
}

/// One row of the help: keys, where, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The help section (通用, 搜索 …).
    pub section: &'static str,
    /// The keys, as the interface names them.
    pub keys: Vec<Key>,
    /// Where they work.
    pub at: Where,
    /// What they do.
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

/// The help sections in the order shown: the one of the place the user is in
/// first, then 通用, then the others.
pub fn help_sections(current: Where) -> Vec<&'static str> {
    let mut order: Vec<&'static str> = SECTIONS
        .iter()
        .filter(|(_, at)| at & current != 0)
        .map(|(name, _)| *name)
        .collect();
    order.push("通用");
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
            Some((keys, w)) if *w == word => keys.push(key.label(false)),
            _ => parts.push((vec![key.label(false)], word)),
        }
    }
    parts
        .iter()
        .map(|(keys, word)| format!("{} {word}", keys.join("/")))
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
                row.help
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
}
