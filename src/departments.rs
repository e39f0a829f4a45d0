//! Departments named in policy documents, and what each is asked to do.
//!
//! Items of 二、重点任务 and 三、政策保障 in State Council style action plans end
//! with a *duty parenthetical* such as
//! `（国家发展改革委、工业和信息化部牵头，生态环境部、商务部按职责分工负责）`.
//! [`duty_parenthetical`] finds and parses it; [`DepartmentIndex`] collects
//! the duties of every department over a whole document, together with the
//! departments merely *mentioned* in running text (四、组织实施, the notice
//! body), the issuers (落款) and addressees (主送) of a forwarding notice, and
//! the provincial / city counterparts of each national department.
//!
//! Names are canonicalised through an [`AliasTable`], which is data
//! (`data/aliases.toml`, embedded at compile time). A department the table
//! does not know keeps the name the document gives it.
//!
//! # Decisions
//!
//! * Only the **last** bracketed group that parses as a duty list counts as
//!   the clause's parenthetical. Groups without a role verb (`首台（套）`,
//!   `（2024年版）`, `原油（重油）`) are never duties.
//! * A trailing `等` / `等部门` / `等单位` is not part of a department name.
//! * Generic references are **not** departments: anything ending in
//!   `部门` / `单位` / `机构`, anything containing `主管`, and anything
//!   beginning with `有关` / `相关` / `其他` / `各级` / `各有关` / `各相关`.
//!   So `各省级节能主管部门`, `有关部门` and `工业和信息化主管部门` are skipped.
//! * A department named in the parenthetical of a clause is not also listed
//!   as `mentioned` for that clause: each department has one role per clause
//!   (the strongest; `lead` > `support` > `responsible` > `mentioned`).
//! * In running text a department is recognised (a) by longest match against
//!   every name seen in any parenthetical, issuer or addressee line of the
//!   document plus the alias table (aliases of fewer than three characters
//!   excepted), a match right after a locality character (省 市 县 区 州) being
//!   a local body and skipped; or (b) generically, when a run of CJK text
//!   between list delimiters (`、`, `会同`, `等部门`, `牵头`, `联合` …) ends with
//!   a department suffix (部 委 局 总局 总署 署 厅 银行 办公室 委员会) and is not a
//!   known non-department word (布局, 全部, 部署 …).
//! * Issuers of a notice fill the `province` counterpart slot and addressees
//!   the `city` slot; a department has no counterpart at its own level.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The alias table shipped with the crate (`data/aliases.toml`).
pub const EMBEDDED_ALIASES: &str = include_str!("../data/aliases.toml");

/// What a department is asked to do in (or how it appears in) a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Leads the task (`…牵头`).
    Lead,
    /// Supports the lead departments (`…配合`).
    Support,
    /// Responsible within its remit (`…按职责分工负责`).
    Responsible,
    /// Named in the clause text outside the duty parenthetical.
    Mentioned,
    /// Signs the forwarding notice (落款).
    Issuer,
    /// Is addressed by the forwarding notice (主送).
    Addressee,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 6] = [
        Role::Lead,
        Role::Support,
        Role::Responsible,
        Role::Mentioned,
        Role::Issuer,
        Role::Addressee,
    ];

    /// The snake_case name used in JSON (`"lead"`, `"support"` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Support => "support",
            Role::Responsible => "responsible",
            Role::Mentioned => "mentioned",
            Role::Issuer => "issuer",
            Role::Addressee => "addressee",
        }
    }

    /// A short Chinese label (牵头, 配合, 负责, 提及, 发文, 主送).
    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Support => "配合",
            Role::Responsible => "负责",
            Role::Mentioned => "提及",
            Role::Issuer => "发文",
            Role::Addressee => "主送",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

// ---------------------------------------------------------------------------
// Alias table
// ---------------------------------------------------------------------------

/// One department of the alias table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AliasEntry {
    /// Canonical name, as the documents spell it (`国家发展改革委`).
    pub name: String,
    /// Full official name (`国家发展和改革委员会`), also accepted as an alias.
    #[serde(default)]
    pub full_name: Option<String>,
    /// Other spellings (`发改委`, `国家发改委`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Bare names of local counterparts that differ from the national name
    /// (`经济和信息化厅` for `工业和信息化部`); used only for counterparts.
    #[serde(default)]
    pub local_names: Vec<String>,
}

#[derive(Deserialize)]
struct AliasFile {
    #[serde(default, rename = "department")]
    departments: Vec<AliasEntry>,
}

/// Errors from loading an alias table.
#[derive(Debug, thiserror::Error)]
pub enum AliasError {
    /// The TOML did not parse or did not have the expected shape.
    #[error("alias table is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    /// A department entry has an empty name.
    #[error("alias table has a department with an empty name")]
    EmptyName,
    /// One spelling is claimed by two departments.
    #[error("alias {alias:?} maps to both {first:?} and {second:?}")]
    Conflict {
        /// The ambiguous spelling.
        alias: String,
        /// The department that claimed it first.
        first: String,
        /// The department that claimed it again.
        second: String,
    },
}

/// Maps abbreviations and full official names to canonical department names.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    entries: Vec<AliasEntry>,
    /// normalised spelling (canonical, full name or alias) -> entry index
    by_spelling: HashMap<String, usize>,
}

impl AliasTable {
    /// Parses a table in the `data/aliases.toml` format.
    pub fn from_toml_str(text: &str) -> Result<Self, AliasError> {
        let file: AliasFile = toml::from_str(text)?;
        let mut table = AliasTable::default();
        for mut entry in file.departments {
            entry.name = normalize_name(&entry.name);
            if entry.name.is_empty() {
                return Err(AliasError::EmptyName);
            }
            entry.full_name = entry.full_name.map(|f| normalize_name(&f));
            entry.aliases = entry.aliases.iter().map(|a| normalize_name(a)).collect();
            entry.local_names = entry
                .local_names
                .iter()
                .map(|a| normalize_name(a))
                .collect();
            let idx = table.entries.len();
            let spellings: Vec<String> = std::iter::once(entry.name.clone())
                .chain(entry.full_name.clone())
                .chain(entry.aliases.iter().cloned())
                .filter(|s| !s.is_empty())
                .collect();
            for s in spellings {
                match table.by_spelling.get(&s) {
                    Some(&other) if other != idx => {
                        return Err(AliasError::Conflict {
                            alias: s,
                            first: table.entries[other].name.clone(),
                            second: entry.name.clone(),
                        });
                    }
                    _ => {
                        table.by_spelling.insert(s, idx);
                    }
                }
            }
            table.entries.push(entry);
        }
        Ok(table)
    }

    /// The table embedded from `data/aliases.toml`.
    ///
    /// # Panics
    /// Never in a released build: the embedded file is checked by the tests.
    pub fn embedded() -> Self {
        Self::from_toml_str(EMBEDDED_ALIASES).expect("embedded data/aliases.toml is valid")
    }

    /// The canonical name for a canonical name, full name or alias
    /// (after [`normalize_name`]); `None` if the table does not know it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.by_spelling
            .get(&normalize_name(name))
            .map(|&i| self.entries[i].name.as_str())
    }

    /// The entry of a canonical name, full name or alias.
    pub fn entry(&self, name: &str) -> Option<&AliasEntry> {
        self.by_spelling
            .get(&normalize_name(name))
            .map(|&i| &self.entries[i])
    }

    /// Alternative spellings of a department (full name first, then
    /// aliases); empty if the table does not know it.
    pub fn aliases_of(&self, name: &str) -> Vec<String> {
        match self.entry(name) {
            Some(e) => e
                .full_name
                .iter()
                .chain(e.aliases.iter())
                .filter(|a| **a != e.name)
                .cloned()
                .collect(),
            None => Vec::new(),
        }
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[AliasEntry] {
        &self.entries
    }

    /// Extends this table with a user table in the same TOML format. An
    /// entry whose name (or full name, or an alias) is already known adds
    /// its spellings and local names to that department; other entries are
    /// new departments. A spelling already claimed by another department is
    /// skipped and reported. Fails (changing nothing) when `text` is not a
    /// valid table on its own.
    pub fn merge_toml(&mut self, text: &str) -> Result<Vec<String>, AliasError> {
        let user = AliasTable::from_toml_str(text)?;
        let mut skipped = Vec::new();
        for entry in user.entries {
            let spellings: Vec<String> = std::iter::once(entry.name.clone())
                .chain(entry.full_name.clone())
                .chain(entry.aliases.iter().cloned())
                .collect();
            let existing = spellings
                .iter()
                .find_map(|s| self.by_spelling.get(s).copied());
            let idx = match existing {
                Some(i) => i,
                None => {
                    self.entries.push(AliasEntry {
                        name: entry.name.clone(),
                        full_name: None,
                        aliases: Vec::new(),
                        local_names: Vec::new(),
                    });
                    self.by_spelling
                        .insert(entry.name.clone(), self.entries.len() - 1);
                    self.entries.len() - 1
                }
            };
            for s in spellings {
                match self.by_spelling.get(&s) {
                    Some(&other) if other != idx => skipped.push(format!(
                        "alias {s:?} of {:?} already names {:?}",
                        entry.name, self.entries[other].name
                    )),
                    Some(_) => {}
                    None => {
                        self.by_spelling.insert(s.clone(), idx);
                        let e = &mut self.entries[idx];
                        if Some(&s) == entry.full_name.as_ref() && e.full_name.is_none() {
                            e.full_name = Some(s);
                        } else {
                            e.aliases.push(s);
                        }
                    }
                }
            }
            for local in entry.local_names {
                if !self.entries[idx].local_names.contains(&local) {
                    self.entries[idx].local_names.push(local);
                }
            }
        }
        Ok(skipped)
    }

    /// Every spelling the table knows, with its canonical name.
    pub fn spellings(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_spelling
            .iter()
            .map(|(s, &i)| (s.as_str(), self.entries[i].name.as_str()))
    }
}

// ---------------------------------------------------------------------------
// Character helpers
// ---------------------------------------------------------------------------

const OPENERS: [char; 2] = ['（', '('];
const CLOSERS: [char; 2] = ['）', ')'];
/// Characters that end a place name (江苏省, 各设区市, 内蒙古自治区 …).
const LOCALITY_CHARS: [char; 9] = ['省', '市', '县', '区', '州', '盟', '旗', '团', '）'];
/// Department suffixes for names found in running text, longest first.
const DEPT_SUFFIXES: [&str; 11] = [
    "委员会",
    "办公室",
    "总局",
    "总署",
    "银行",
    "部",
    "委",
    "局",
    "署",
    "厅",
    "办",
];
/// Extra suffixes accepted inside a duty parenthetical, where the list
/// context already says the names are bodies (证监会, 国务院, 人民政府, 国铁集团).
const PAREN_EXTRA_SUFFIXES: [&str; 6] = ["会", "院", "政府", "中心", "集团", "联"];
/// Words ending in a department suffix that are not departments.
const NON_DEPT_WORDS: [&str; 40] = [
    "内部",
    "外部",
    "全部",
    "局部",
    "东部",
    "西部",
    "中部",
    "南部",
    "北部",
    "干部",
    "头部",
    "底部",
    "顶部",
    "总部",
    "本部",
    "支部",
    "根部",
    "尾部",
    "端部",
    "腹部",
    "背部",
    "面部",
    "俱乐部",
    "布局",
    "格局",
    "大局",
    "结局",
    "开局",
    "当局",
    "新局",
    "部署",
    "签署",
    "餐厅",
    "大厅",
    "展厅",
    "客厅",
    "门厅",
    "前厅",
    "办公厅室",
    "举办",
];

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Normalises a department name as written: removes whitespace, makes
/// brackets full width, drops a trailing `等` / `等部门` / `等单位`, and
/// removes a doubled final suffix character left by a page break
/// (`工业和信息化部部` → `工业和信息化部`). Idempotent.
pub fn normalize_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect();
    loop {
        let before = s.len();
        for tail in ["等部门", "等单位", "等"] {
            if let Some(stripped) = s.strip_suffix(tail) {
                s = stripped.to_string();
            }
        }
        if s.len() == before {
            break;
        }
    }
    // Collapse every repeat of the final suffix character (keeps the
    // function idempotent).
    while let Some(last) = s.chars().last() {
        let mut it = s.chars().rev().skip(1);
        let doubled = it.next() == Some(last) && it.next().is_some();
        if doubled && matches!(last, '部' | '局' | '委' | '厅' | '署') {
            s.pop();
        } else {
            break;
        }
    }
    s
}

fn is_generic_reference(name: &str) -> bool {
    name.ends_with("部门")
        || name.ends_with("单位")
        || name.ends_with("机构")
        || name.ends_with("企业")
        || name.contains("主管")
        || [
            "有关",
            "相关",
            "其他",
            "各级",
            "各有关",
            "各相关",
            "上述",
            "本级",
        ]
        .iter()
        .any(|p| name.starts_with(p))
}

fn has_dept_suffix(name: &str) -> bool {
    DEPT_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Strict test for a name found in running text.
fn looks_like_department(name: &str) -> bool {
    let n = name.chars().count();
    (2..=20).contains(&n)
        && name.chars().all(is_cjk)
        && !name.contains('的')
        && has_dept_suffix(name)
        && !is_generic_reference(name)
        && !NON_DEPT_WORDS.iter().any(|w| name.ends_with(w))
}

/// Lenient test for a name listed in a duty parenthetical.
fn looks_like_listed_body(name: &str) -> bool {
    let n = name.chars().count();
    (2..=30).contains(&n)
        && name.chars().all(|c| is_cjk(c) || c == '（' || c == '）')
        && (has_dept_suffix(name) || PAREN_EXTRA_SUFFIXES.iter().any(|s| name.ends_with(s)))
        && !is_generic_reference(name)
        && !NON_DEPT_WORDS.iter().any(|w| name.ends_with(w))
}

/// Splits on any of `seps` outside brackets.
fn split_top_level<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && seps.contains(&c) {
            out.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&s[start..]);
    out
}

// ---------------------------------------------------------------------------
// Duty parenthetical
// ---------------------------------------------------------------------------

/// A clause's duty parenthetical: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DutyParenthetical {
    /// Char (not byte) offsets of the group in the text, brackets included.
    pub span: Range<usize>,
    /// Departments as written (normalised by [`normalize_name`]) with their
    /// roles, in order of appearance; each name at most once.
    pub entries: Vec<(String, Role)>,
}

/// Finds the duty parenthetical of a clause: the last bracketed group (either
/// bracket width, mixed allowed, nesting respected) that names departments
/// with a role verb — `牵头` (lead), `配合` / `协助` / `参与` (support), or
/// `负责` / `按职责分工负责` (responsible). A trailing unclosed group at the
/// end of the text is accepted too. Returns `None` when there is none.
pub fn duty_parenthetical(text: &str) -> Option<DutyParenthetical> {
    let chars: Vec<char> = text.chars().collect();
    let mut stack: Vec<usize> = Vec::new();
    let mut groups: Vec<(usize, usize)> = Vec::new(); // (open, end exclusive)
    for (i, &c) in chars.iter().enumerate() {
        if OPENERS.contains(&c) {
            stack.push(i);
        } else if CLOSERS.contains(&c) {
            // Every closed group is a candidate, nested or not, so that a
            // stray unclosed opener earlier in the text (`首台（套`) does not
            // hide the duty group after it; outer groups end later and are
            // tried first.
            if let Some(open) = stack.pop() {
                groups.push((open, i + 1));
            }
        }
    }
    if let Some(&open) = stack.first() {
        groups.push((open, chars.len()));
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.1));
    for (open, end) in groups {
        let inner_end = if end > open + 1 && CLOSERS.contains(&chars[end - 1]) {
            end - 1
        } else {
            end
        };
        let content: String = chars[open + 1..inner_end].iter().collect();
        if let Some(entries) = parse_duty_content(&content) {
            return Some(DutyParenthetical {
                span: open..end,
                entries,
            });
        }
    }
    None
}

fn strip_role(part: &str) -> Option<(&str, Role)> {
    let part = part.trim_end_matches(['。', '.']);
    for verb in ["牵头负责", "牵头"] {
        if let Some(rest) = part.strip_suffix(verb) {
            return Some((rest, Role::Lead));
        }
    }
    for verb in ["配合", "协助", "参与"] {
        if let Some(rest) = part.strip_suffix(verb) {
            return Some((rest, Role::Support));
        }
    }
    if let Some(mut rest) = part.strip_suffix("负责") {
        loop {
            let before = rest.len();
            for q in [
                "按职责分工",
                "按照职责分工",
                "按职能分工",
                "按职责",
                "分工",
                "分别",
                "共同",
                "各自",
            ] {
                if let Some(r) = rest.strip_suffix(q) {
                    rest = r;
                }
            }
            if rest.len() == before {
                break;
            }
        }
        return Some((rest, Role::Responsible));
    }
    None
}

fn parse_duty_content(content: &str) -> Option<Vec<(String, Role)>> {
    let s: String = content.chars().filter(|c| !c.is_whitespace()).collect();
    let mut entries: Vec<(String, Role)> = Vec::new();
    for part in split_top_level(&s, &['，', ',', '；', ';']) {
        let Some((list, role)) = strip_role(part) else {
            continue;
        };
        let list = list.strip_prefix('由').unwrap_or(list);
        for raw in split_top_level(list, &['、', '/', '／']) {
            for name in split_conjunction(&normalize_name(raw)) {
                if looks_like_listed_body(&name) && !entries.iter().any(|(n, _)| *n == name) {
                    entries.push((name, role));
                }
            }
        }
    }
    (!entries.is_empty()).then_some(entries)
}

/// Splits `国家发展改革委和国家能源局` at 和 / 及 / 与 when both sides are
/// department names; `工业和信息化部` and `住房和城乡建设部` stay whole because
/// `工业` and `住房` are not.
fn split_conjunction(name: &str) -> Vec<String> {
    for (i, c) in name.char_indices() {
        if !matches!(c, '和' | '及' | '与') {
            continue;
        }
        let (left, right) = (&name[..i], &name[i + c.len_utf8()..]);
        if looks_like_department(left) && looks_like_listed_body(right) {
            let mut out = vec![left.to_string()];
            out.extend(split_conjunction(right));
            return out;
        }
    }
    vec![name.to_string()]
}

// ---------------------------------------------------------------------------
// Addressees and local prefixes
// ---------------------------------------------------------------------------

/// Characters that, right after a locality character, mean the locality
/// character belongs to a word (市场, 区域, 省级) rather than ends a place.
const BAD_AFTER_LOCALITY: [char; 9] = ['场', '域', '级', '长', '民', '内', '外', '直', '辖'];

/// Parses a 主送 line into full addressee names, applying a collective
/// prefix to every item: `各设区市发展改革委、工业和信息化局：` →
/// `各设区市发展改革委`, `各设区市工业和信息化局`. The prefix may contain
/// separators inside brackets or before the first department
/// (`各市、县（市、区）`). Items that carry their own place prefix keep it.
pub fn parse_addressees(line: &str) -> Vec<String> {
    parse_addressees_detailed(line)
        .into_iter()
        .map(|(full, _)| full)
        .collect()
}

/// Like [`parse_addressees`], with the bare name (prefix removed) of each.
fn parse_addressees_detailed(line: &str) -> Vec<(String, String)> {
    let mut s: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            other => other,
        })
        .collect();
    for p in ["主送：", "主送:"] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.to_string();
        }
    }
    let s = s.trim_end_matches(['：', ':', '。', '；', ';']).to_string();
    let (prefix, rest) = collective_prefix(&s);
    let mut out = Vec::new();
    for item in split_top_level(rest, &['、', '，', '；', ';']) {
        let name = normalize_name(item);
        if name.is_empty() {
            continue;
        }
        if prefix.is_empty() || name.starts_with('各') || split_local_prefix(&name).is_some() {
            let bare = strip_local_prefixes(&name);
            out.push((name, bare));
        } else {
            out.push((format!("{prefix}{name}"), name));
        }
    }
    out
}

/// Splits a 主送 line that starts with `各` into its collective prefix and
/// the rest. Without such a prefix returns `("", s)`.
fn collective_prefix(s: &str) -> (&str, &str) {
    if !s.starts_with('各') {
        return ("", s);
    }
    // The prefix lies within the first top-level segment run that ends in
    // a department name.
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut depth = 0usize;
    let mut seg_start = 0usize; // byte offset
    let mut region_end = s.len();
    for &(i, c) in &chars {
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && matches!(c, '、' | '，' | '；' | ';') {
            if has_dept_suffix(&s[seg_start..i]) {
                region_end = i;
                break;
            }
            seg_start = i + c.len_utf8();
        }
    }
    let mut best: Option<usize> = None;
    depth = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if i >= region_end {
            break;
        }
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) {
            depth = depth.saturating_sub(1);
        }
        if depth != 0 || !LOCALITY_CHARS.contains(&c) {
            continue;
        }
        let p = i + c.len_utf8();
        let Some(&(_, next)) = chars.get(k + 1) else {
            continue;
        };
        if p >= region_end || BAD_AFTER_LOCALITY.contains(&next) || !is_cjk(next) {
            continue;
        }
        if looks_like_department(&s[p..region_end]) {
            best = Some(p);
        }
    }
    match best {
        Some(p) => (&s[..p], &s[p..]),
        None => ("", s),
    }
}

/// Splits one leading place prefix off a local department name:
/// `江苏省发展改革委` → (`江苏省`, `发展改革委`). Generic: any 2–8 characters
/// ending in 省 / 自治区 / 特别行政区 / 市 / 州 / 盟 / 县 / 区, the earliest
/// such end whose remainder still looks like a department. Names starting
/// with `国家` are national and never split.
fn split_local_prefix(name: &str) -> Option<(&str, &str)> {
    if name.starts_with("国家") || name.starts_with("中华人民共和国") {
        return None;
    }
    if name.starts_with('各') {
        let (prefix, rest) = collective_prefix(name);
        return (!prefix.is_empty()).then_some((prefix, rest));
    }
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    for k in 2..chars.len().min(9) {
        let (i, c) = chars[k];
        if !['省', '区', '市', '州', '盟', '县'].contains(&c) {
            continue;
        }
        let p = i + c.len_utf8();
        let next = match chars.get(k + 1) {
            Some(&(_, n)) => n,
            None => continue,
        };
        if BAD_AFTER_LOCALITY.contains(&next) {
            continue;
        }
        if looks_like_department(&name[p..]) {
            return Some((&name[..p], &name[p..]));
        }
    }
    None
}

fn strip_local_prefixes(name: &str) -> String {
    let mut cur = name;
    while let Some((_, rest)) = split_local_prefix(cur) {
        cur = rest;
    }
    cur.to_string()
}

/// The name core used to match counterparts: place prefixes, `国家` /
/// `中华人民共和国` / `国务院` and the department suffix removed, and the
/// connectives 和 / 与 / 及 dropped (`国家发展和改革委员会` → `发展改革`).
fn name_core(name: &str) -> Option<String> {
    let mut s = normalize_name(name);
    for p in ["中华人民共和国", "国家", "国务院"] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.to_string();
        }
    }
    s = strip_local_prefixes(&s);
    for suf in DEPT_SUFFIXES {
        if let Some(r) = s.strip_suffix(suf) {
            s = r.to_string();
            break;
        }
    }
    let core: String = s
        .chars()
        .filter(|c| !matches!(c, '和' | '与' | '及'))
        .collect();
    (core.chars().count() >= 2).then_some(core)
}

// ---------------------------------------------------------------------------
// Running-text recognition
// ---------------------------------------------------------------------------

/// Words that delimit department lists in running text.
const LIST_TRIGGERS: [&str; 9] = [
    "按职责分工负责",
    "等部门",
    "等单位",
    "会同",
    "联合",
    "牵头",
    "配合",
    "负责",
    "印发",
];

/// [`LIST_TRIGGERS`] as characters, made once: the scan tries them at
/// every character of every clause.
fn list_triggers() -> &'static [Vec<char>] {
    static TRIGGERS: std::sync::LazyLock<Vec<Vec<char>>> =
        std::sync::LazyLock::new(|| LIST_TRIGGERS.iter().map(|t| t.chars().collect()).collect());
    &TRIGGERS
}

/// Function words that may precede a department name in running text
/// (`由省发展改革委牵头`); none of them starts a department name.
const LEADING_FUNCTION_CHARS: [char; 7] = ['由', '请', '向', '与', '及', '并', '而'];

struct Lexicon {
    /// written (normalised) -> canonical
    names: HashMap<String, String>,
    /// Every non-empty prefix of every name (names included), so a scan can
    /// stop extending a candidate as soon as no name starts with it.
    prefixes: HashSet<String>,
    /// First characters of the names: most positions of a text start no
    /// name, and this answers them without building and hashing a string.
    first_chars: HashSet<char>,
    max_len: usize,
}

impl Lexicon {
    fn new() -> Self {
        Lexicon {
            names: HashMap::new(),
            prefixes: HashSet::new(),
            first_chars: HashSet::new(),
            max_len: 0,
        }
    }

    fn add(&mut self, written: &str, canonical: &str) {
        let n = written.chars().count();
        if n < 2 {
            return;
        }
        self.max_len = self.max_len.max(n);
        if let Some(first) = written.chars().next() {
            self.first_chars.insert(first);
        }
        for (i, c) in written.char_indices() {
            self.prefixes
                .insert(written[..i + c.len_utf8()].to_string());
        }
        self.names
            .entry(written.to_string())
            .or_insert_with(|| canonical.to_string());
    }

    /// The longest name starting at `chars[i]` that does not run into a
    /// skipped character: `(length in characters, canonical)`.
    fn longest_at(
        &self,
        chars: &[char],
        i: usize,
        skipped: impl Fn(usize) -> bool,
    ) -> Option<(usize, &String)> {
        if !chars.get(i).is_some_and(|c| self.first_chars.contains(c)) {
            return None;
        }
        let end = chars.len().min(i + self.max_len);
        let mut cand = String::new();
        let mut best = None;
        for (j, &c) in chars.iter().enumerate().take(end).skip(i) {
            if skipped(j) {
                break;
            }
            cand.push(c);
            if !self.prefixes.contains(&cand) {
                break;
            }
            if j > i {
                if let Some(canon) = self.names.get(&cand) {
                    best = Some((j + 1 - i, canon));
                }
            }
        }
        best
    }
}

/// Departments in `chars` outside `skip`, as (char offset, canonical).
fn scan_text(
    chars: &[char],
    skip: Option<&Range<usize>>,
    lexicon: &Lexicon,
    aliases: &AliasTable,
) -> Vec<(usize, String)> {
    let n = chars.len();
    let skipped = |i: usize| skip.is_some_and(|r| r.contains(&i));
    let mut found = Vec::new();
    let mut consumed = vec![false; n];
    let mut i = 0;
    while i < n {
        if skipped(i) {
            i += 1;
            continue;
        }
        let mut matched = 0;
        // A name right after a place character (江苏省发展改革委) belongs to
        // the place, unless it is a 各… name.
        let after_place =
            i > 0 && ['省', '市', '县', '区', '州'].contains(&chars[i - 1]) && chars[i] != '各';
        if !after_place {
            if let Some((len, canon)) = lexicon.longest_at(chars, i, skipped) {
                found.push((i, canon.clone()));
                matched = len;
            }
        }
        if matched > 0 {
            consumed[i..i + matched].iter_mut().for_each(|c| *c = true);
            i += matched;
        } else {
            i += 1;
        }
    }

    // Generic pass: CJK runs between delimiters in a list context.
    #[derive(Clone, Copy, PartialEq)]
    enum Delim {
        Edge,
        Punct,
        List,
    }
    let mut pieces: Vec<(usize, usize, Delim)> = Vec::new(); // start, end, delimiter before
    let mut start = 0;
    let mut before = Delim::Edge;
    let mut i = 0;
    let mut delims_after: Vec<Delim> = Vec::new();
    while i <= n {
        let (delim, width) = if i == n {
            (Some(Delim::Edge), 0)
        } else if skipped(i) || consumed[i] || chars[i] == '、' {
            (Some(Delim::List), 1)
        } else if !is_cjk(chars[i]) {
            (Some(Delim::Punct), 1)
        } else if let Some(t) = list_triggers()
            .iter()
            .find(|t| t[0] == chars[i] && chars[i..].starts_with(t))
        {
            (Some(Delim::List), t.len())
        } else {
            (None, 0)
        };
        match delim {
            Some(d) => {
                if i > start {
                    pieces.push((start, i, before));
                    delims_after.push(d);
                }
                before = d;
                i += width.max(1);
                start = i;
            }
            None => i += 1,
        }
    }
    for (k, &(s, e, before)) in pieces.iter().enumerate() {
        let after = delims_after[k];
        if before != Delim::List && after != Delim::List {
            continue;
        }
        let piece: String = chars[s..e].iter().collect();
        let piece = piece.trim_start_matches(LEADING_FUNCTION_CHARS);
        let name = normalize_name(piece);
        if looks_like_department(&name) {
            let canon = aliases.canonical(&name).unwrap_or(&name).to_string();
            found.push((s, canon));
        }
    }
    found.sort_by_key(|(pos, _)| *pos);
    found
}

// ---------------------------------------------------------------------------
// Index
// ---------------------------------------------------------------------------

/// One clause of a document, as the clause tree provides it.
#[derive(Debug, Clone, Copy)]
pub struct ClauseInput<'a> {
    /// Stable clause address, e.g. `钢铁:二(一)`.
    pub id: &'a str,
    /// Clause heading, e.g. `完善产能调控和产量管理`.
    pub heading: &'a str,
    /// Normalised clause text.
    pub text: &'a str,
}

/// The header and signature of a forwarding notice.
#[derive(Debug, Clone, Copy)]
pub struct NoticeInput<'a> {
    /// Address of the clause holding the notice body (may or may not be one
    /// of the [`ClauseInput`]s; its heading is taken from there if it is).
    pub clause_id: &'a str,
    /// Issuers from the signature (落款), one per line.
    pub issuers: &'a [String],
    /// The raw 主送 line, e.g. `各设区市发展改革委、工业和信息化局：`.
    pub addressees: &'a str,
}

/// Name resolution of a [`DepartmentIndex`] without the index: resolves
/// exactly what [`DepartmentIndex::lookup`] resolves, to the canonical name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameTable {
    // Ordered, so the stored table (and the index fingerprint) is the same
    // in every run.
    by_name: std::collections::BTreeMap<String, String>,
    spellings: std::collections::BTreeMap<String, String>,
}

impl NameTable {
    /// The canonical name for a name or alias, as [`DepartmentIndex::lookup`] finds it.
    pub fn lookup(&self, name_or_alias: &str) -> Option<&str> {
        if let Some(n) = self.by_name.get(name_or_alias.trim()) {
            return Some(n);
        }
        let q = normalize_name(name_or_alias);
        self.by_name
            .get(&q)
            .or_else(|| self.spellings.get(&q))
            .map(String::as_str)
    }

    /// Every name and spelling it resolves.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name
            .keys()
            .chain(self.spellings.keys())
            .map(String::as_str)
    }
}

/// One thing a department is asked to do (or one place it appears).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duty {
    /// Clause address.
    pub clause: String,
    /// The department's role in that clause.
    pub role: Role,
    /// Heading of the clause.
    pub heading: String,
}

/// Local counterparts of a department named in the forwarding notice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counterparts {
    /// Provincial counterpart (an issuer of the notice).
    pub province: Option<String>,
    /// City counterpart (an addressee of the notice).
    pub city: Option<String>,
}

/// A department with everything the document says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Department {
    /// Canonical name.
    pub name: String,
    /// Other spellings: the alias table's, then variants seen in the text.
    pub aliases: Vec<String>,
    /// Provincial and city counterparts.
    pub counterparts: Counterparts,
    /// Duties in document order; one per (clause, role).
    pub duties: Vec<Duty>,
}

/// How many duties a department has per role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RoleCounts {
    /// `lead` duties.
    pub lead: usize,
    /// `support` duties.
    pub support: usize,
    /// `responsible` duties.
    pub responsible: usize,
    /// `mentioned` appearances.
    pub mentioned: usize,
    /// `issuer` appearances.
    pub issuer: usize,
    /// `addressee` appearances.
    pub addressee: usize,
}

impl RoleCounts {
    /// The count for one role.
    pub fn get(&self, role: Role) -> usize {
        match role {
            Role::Lead => self.lead,
            Role::Support => self.support,
            Role::Responsible => self.responsible,
            Role::Mentioned => self.mentioned,
            Role::Issuer => self.issuer,
            Role::Addressee => self.addressee,
        }
    }

    /// Sum over all roles.
    pub fn total(&self) -> usize {
        Role::ALL.iter().map(|&r| self.get(r)).sum()
    }
}

impl Department {
    /// Counts of this department's duties per role.
    pub fn role_counts(&self) -> RoleCounts {
        let mut c = RoleCounts::default();
        for d in &self.duties {
            match d.role {
                Role::Lead => c.lead += 1,
                Role::Support => c.support += 1,
                Role::Responsible => c.responsible += 1,
                Role::Mentioned => c.mentioned += 1,
                Role::Issuer => c.issuer += 1,
                Role::Addressee => c.addressee += 1,
            }
        }
        c
    }

    /// Duties with the given role, in document order.
    pub fn duties_with(&self, role: Role) -> impl Iterator<Item = &Duty> {
        self.duties.iter().filter(move |d| d.role == role)
    }
}

/// The departments of one clause, by role (canonical names, in order).
///
/// Issuers and addressees of a notice are not listed here; they are
/// duties of their [`Department`]s with the notice's clause address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClauseDepartments {
    /// Lead departments.
    pub lead: Vec<String>,
    /// Supporting departments.
    pub support: Vec<String>,
    /// Departments responsible within their remit.
    pub responsible: Vec<String>,
    /// Departments named in the text outside the parenthetical.
    pub mentioned: Vec<String>,
}

impl ClauseDepartments {
    /// True when the clause names no department.
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty()
            && self.support.is_empty()
            && self.responsible.is_empty()
            && self.mentioned.is_empty()
    }
}

/// All departments of a document with their duties, aliases and counterparts.
#[derive(Debug, Clone, Default)]
pub struct DepartmentIndex {
    departments: Vec<Department>,
    by_name: HashMap<String, usize>,
    /// every spelling (alias table and variants seen) -> canonical
    spellings: HashMap<String, String>,
    clauses: HashMap<String, ClauseDepartments>,
}

impl DepartmentIndex {
    /// Builds the index from a document's clauses (in document order) and
    /// its forwarding notices.
    pub fn build(clauses: &[ClauseInput], notices: &[NoticeInput], aliases: &AliasTable) -> Self {
        let canon = |written: &str| -> String {
            let n = normalize_name(written);
            aliases.canonical(&n).map(str::to_string).unwrap_or(n)
        };
        let mut b = Builder::default();

        // Pass 1: parentheticals and notice names feed the lexicon.
        let mut lexicon = Lexicon::new();
        let parens: Vec<Option<DutyParenthetical>> =
            crate::parallel::map(clauses, |c| duty_parenthetical(c.text));
        for p in parens.iter().flatten() {
            for (written, _) in &p.entries {
                let c = canon(written);
                lexicon.add(written, &c);
                lexicon.add(&c, &c);
                b.note_spelling(written, &c);
            }
        }
        let parsed_notices: Vec<(FullAndBare, FullAndBare)> = notices
            .iter()
            .map(|n| {
                let addr = parse_addressees_detailed(n.addressees);
                let iss = n
                    .issuers
                    .iter()
                    .map(|i| normalize_name(i))
                    .filter(|i| !i.is_empty())
                    .map(|i| {
                        let bare = strip_local_prefixes(&i);
                        (i, bare)
                    })
                    .collect();
                (addr, iss)
            })
            .collect();
        for (addr, iss) in &parsed_notices {
            for (full, _) in addr.iter().chain(iss.iter()) {
                lexicon.add(full, full);
            }
        }
        for e in aliases.entries() {
            lexicon.add(&e.name, &e.name);
            for a in e.full_name.iter().chain(e.aliases.iter()) {
                if a.chars().count() >= 3 {
                    lexicon.add(a, &e.name);
                }
            }
        }

        // Pass 2: duties in document order.
        let heading_of: HashMap<&str, &str> = clauses.iter().map(|c| (c.id, c.heading)).collect();
        let mut notice_done = vec![false; notices.len()];
        let mut local: Vec<(String, String, Role)> = Vec::new(); // full, bare, role
        let add_notice = |b: &mut Builder, k: usize, local: &mut Vec<(String, String, Role)>| {
            let n = &notices[k];
            let heading = heading_of.get(n.clause_id).copied().unwrap_or("");
            for (full, bare) in &parsed_notices[k].0 {
                b.add(full, Role::Addressee, n.clause_id, heading);
                local.push((full.clone(), bare.clone(), Role::Addressee));
            }
            (n.clause_id, heading)
        };
        let mut notices_at: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, n) in notices.iter().enumerate() {
            notices_at.entry(n.clause_id).or_default().push(k);
        }
        // Scanning running text for names depends only on the clause and
        // the lexicon: done for every clause on all cores first.
        let indices: Vec<usize> = (0..clauses.len()).collect();
        let mut scans = crate::parallel::map(&indices, |&ci| {
            let chars: Vec<char> = clauses[ci].text.chars().collect();
            let span = parens[ci].as_ref().map(|p| &p.span);
            scan_text(&chars, span, &lexicon, aliases)
        })
        .into_iter();
        for (ci, clause) in clauses.iter().enumerate() {
            let notice_ks: Vec<usize> = notices_at
                .get(clause.id)
                .map(|ks| ks.iter().copied().filter(|&k| !notice_done[k]).collect())
                .unwrap_or_default();
            for &k in &notice_ks {
                add_notice(&mut b, k, &mut local);
            }
            let paren = parens[ci].as_ref();
            let listed: Vec<(String, Role)> = paren
                .map(|p| p.entries.iter().map(|(w, r)| (canon(w), *r)).collect())
                .unwrap_or_default();
            let mut cd = ClauseDepartments::default();
            for (_, name) in scans.next().unwrap_or_default() {
                let in_paren = listed.iter().any(|(n, _)| *n == name);
                if !in_paren && !cd.mentioned.contains(&name) {
                    b.add(&name, Role::Mentioned, clause.id, clause.heading);
                    cd.mentioned.push(name);
                }
            }
            for (name, role) in &listed {
                b.add(name, *role, clause.id, clause.heading);
                let v = match role {
                    Role::Lead => &mut cd.lead,
                    Role::Support => &mut cd.support,
                    _ => &mut cd.responsible,
                };
                if !v.contains(name) {
                    v.push(name.clone());
                }
            }
            for &k in &notice_ks {
                let heading = clause.heading;
                for (full, bare) in &parsed_notices[k].1 {
                    b.add(full, Role::Issuer, clause.id, heading);
                    if bare != full {
                        local.push((full.clone(), bare.clone(), Role::Issuer));
                    }
                }
                notice_done[k] = true;
            }
            let entry = b.clauses.entry(clause.id.to_string()).or_default();
            merge_clause(entry, cd);
        }
        for k in 0..notices.len() {
            if notice_done[k] {
                continue;
            }
            let (cid, heading) = add_notice(&mut b, k, &mut local);
            for (full, bare) in &parsed_notices[k].1 {
                b.add(full, Role::Issuer, cid, heading);
                if bare != full {
                    local.push((full.clone(), bare.clone(), Role::Issuer));
                }
            }
        }

        // Aliases.
        for d in &mut b.departments {
            let mut list = aliases.aliases_of(&d.name);
            if let Some(seen) = b.seen_spellings.get(&d.name) {
                for s in seen {
                    if *s != d.name && !list.contains(s) {
                        list.push(s.clone());
                    }
                }
            }
            d.aliases = list;
        }

        link_counterparts(&mut b, &local, aliases);

        let mut spellings: HashMap<String, String> = HashMap::new();
        for (s, c) in aliases.spellings() {
            spellings.insert(s.to_string(), c.to_string());
        }
        for (c, seen) in &b.seen_spellings {
            for s in seen {
                spellings.insert(s.clone(), c.clone());
            }
        }
        DepartmentIndex {
            departments: b.departments,
            by_name: b.by_name,
            spellings,
            clauses: b.clauses,
        }
    }

    /// All departments, in order of first appearance in the document.
    pub fn departments(&self) -> &[Department] {
        &self.departments
    }

    /// Finds a department by canonical name, then by alias (alias table or
    /// a spelling seen in the document). On failure returns the nearest
    /// department names (at most five, best first; possibly empty).
    pub fn lookup(&self, name_or_alias: &str) -> Result<&Department, Vec<String>> {
        if let Some(&i) = self.by_name.get(name_or_alias.trim()) {
            return Ok(&self.departments[i]);
        }
        let q = normalize_name(name_or_alias);
        if let Some(&i) = self.by_name.get(&q) {
            return Ok(&self.departments[i]);
        }
        if let Some(&i) = self.spellings.get(&q).and_then(|c| self.by_name.get(c)) {
            return Ok(&self.departments[i]);
        }
        Err(self.nearest(&q, 5))
    }

    /// The tables [`DepartmentIndex::lookup`] resolves names with, flattened
    /// to canonical names, so a search can expand aliases without building
    /// the index (they are stored beside the search index).
    pub fn name_table(&self) -> NameTable {
        let name = |i: usize| self.departments[i].name.clone();
        NameTable {
            by_name: self
                .by_name
                .iter()
                .map(|(k, &i)| (k.clone(), name(i)))
                .collect(),
            spellings: self
                .spellings
                .iter()
                .filter_map(|(s, c)| self.by_name.get(c).map(|&i| (s.clone(), name(i))))
                .collect(),
        }
    }

    /// The departments whose names or aliases are most similar to `query`
    /// (longest common subsequence of characters, substrings first), best
    /// first, at most `limit`. Names sharing fewer than two characters with
    /// the query (one for one-character queries) are left out.
    pub fn nearest(&self, query: &str, limit: usize) -> Vec<String> {
        let q: Vec<char> = normalize_name(query).chars().collect();
        if q.is_empty() {
            return Vec::new();
        }
        let need = q.len().min(2);
        let mut scored: Vec<(f64, usize)> = Vec::new();
        for (i, d) in self.departments.iter().enumerate() {
            let best = std::iter::once(&d.name)
                .chain(d.aliases.iter())
                .filter_map(|cand| {
                    let c: Vec<char> = cand.chars().collect();
                    let l = lcs(&q, &c);
                    if l < need {
                        return None;
                    }
                    let mut score = 2.0 * l as f64 / (q.len() + c.len()) as f64;
                    let qs: String = q.iter().collect();
                    if cand.contains(&qs) || qs.contains(cand.as_str()) {
                        score += 1.0;
                    }
                    Some(score)
                })
                .fold(None, |acc: Option<f64>, s| {
                    Some(acc.map_or(s, |a| a.max(s)))
                });
            if let Some(s) = best {
                scored.push((s, i));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(limit)
            .map(|(_, i)| self.departments[i].name.clone())
            .collect()
    }

    /// The departments of one clause by role; empty for unknown clauses.
    pub fn clause_departments(&self, clause_id: &str) -> ClauseDepartments {
        self.clauses.get(clause_id).cloned().unwrap_or_default()
    }

    /// Role counts of a department given by name or alias.
    pub fn role_counts(&self, name_or_alias: &str) -> Option<RoleCounts> {
        self.lookup(name_or_alias).ok().map(Department::role_counts)
    }
}

fn merge_clause(into: &mut ClauseDepartments, from: ClauseDepartments) {
    for (dst, src) in [
        (&mut into.lead, from.lead),
        (&mut into.support, from.support),
        (&mut into.responsible, from.responsible),
        (&mut into.mentioned, from.mentioned),
    ] {
        for n in src {
            if !dst.contains(&n) {
                dst.push(n);
            }
        }
    }
}

fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for &x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Local department names: (full name, bare name without place prefix).
type FullAndBare = Vec<(String, String)>;

#[derive(Default)]
struct Builder {
    departments: Vec<Department>,
    by_name: HashMap<String, usize>,
    seen_spellings: HashMap<String, Vec<String>>,
    clauses: HashMap<String, ClauseDepartments>,
    /// `(department, role, clause)` already recorded: a department can have
    /// a duty in every clause, so looking through its list would be
    /// quadratic in the corpus size.
    recorded: HashSet<(usize, Role, String)>,
}

impl Builder {
    fn note_spelling(&mut self, written: &str, canonical: &str) {
        let w = normalize_name(written);
        if w != canonical {
            let v = self
                .seen_spellings
                .entry(canonical.to_string())
                .or_default();
            if !v.contains(&w) {
                v.push(w);
            }
        }
    }

    fn add(&mut self, name: &str, role: Role, clause: &str, heading: &str) {
        let idx = *self.by_name.entry(name.to_string()).or_insert_with(|| {
            self.departments.push(Department {
                name: name.to_string(),
                aliases: Vec::new(),
                counterparts: Counterparts::default(),
                duties: Vec::new(),
            });
            self.departments.len() - 1
        });
        if self.recorded.insert((idx, role, clause.to_string())) {
            self.departments[idx].duties.push(Duty {
                clause: clause.to_string(),
                role,
                heading: heading.to_string(),
            });
        }
    }
}

/// Links national departments to issuers (province slot) and addressees
/// (city slot) whose name cores match, and the local ones to each other.
/// Only issuers with a place prefix count as local: a national issuer
/// (`国家发展改革委` signing its own notice) is linked like any national
/// department. Addressees are always local.
fn link_counterparts(b: &mut Builder, local: &[(String, String, Role)], aliases: &AliasTable) {
    // Every notice repeats its issuers and addressees; the pairing below is
    // quadratic in this list, so each name and role counts once (first
    // appearance kept, which is the order the picks depend on).
    let mut seen = HashSet::new();
    let local: Vec<&(String, String, Role)> = local
        .iter()
        .filter(|(full, _, role)| seen.insert((full.as_str(), *role)))
        .collect();
    let local_names: HashSet<&str> = local.iter().map(|(f, _, _)| f.as_str()).collect();
    let local_core: Vec<Option<String>> =
        local.iter().map(|(_, bare, _)| name_core(bare)).collect();
    let mut links: Vec<(usize, Option<String>, Option<String>)> = Vec::new();
    for (di, d) in b.departments.iter().enumerate() {
        if local_names.contains(d.name.as_str()) {
            continue;
        }
        let mut cores: HashSet<String> = HashSet::new();
        let mut spellings = vec![d.name.clone()];
        spellings.extend(d.aliases.iter().cloned());
        if let Some(e) = aliases.entry(&d.name) {
            spellings.extend(e.local_names.iter().cloned());
        }
        for s in &spellings {
            if let Some(c) = name_core(s) {
                cores.insert(c);
            }
        }
        let pick = |role: Role| {
            local
                .iter()
                .zip(&local_core)
                .find(|((_, _, r), c)| *r == role && c.as_ref().is_some_and(|c| cores.contains(c)))
                .map(|((f, _, _), _)| f.clone())
        };
        let province = pick(Role::Issuer);
        let city = pick(Role::Addressee);
        if province.is_some() || city.is_some() {
            links.push((di, province, city));
        }
    }
    // Local-to-local: through a shared national department, or equal cores.
    let mut local_links: Vec<(String, String)> = Vec::new(); // (province, city)
    for (_, p, c) in &links {
        if let (Some(p), Some(c)) = (p, c) {
            local_links.push((p.clone(), c.clone()));
        }
    }
    for (i, (pf, _, pr)) in local.iter().enumerate() {
        if *pr != Role::Issuer {
            continue;
        }
        for (j, (cf, _, cr)) in local.iter().enumerate() {
            if *cr == Role::Addressee && local_core[i].is_some() && local_core[i] == local_core[j] {
                local_links.push((pf.clone(), cf.clone()));
            }
        }
    }
    for (di, p, c) in links {
        let d = &mut b.departments[di];
        d.counterparts = Counterparts {
            province: p,
            city: c,
        };
    }
    for (p, c) in local_links {
        if let Some(&pi) = b.by_name.get(&p) {
            let cp = &mut b.departments[pi].counterparts;
            cp.city.get_or_insert(c.clone());
        }
        if let Some(&ci) = b.by_name.get(&c) {
            let cp = &mut b.departments[ci].counterparts;
            cp.province.get_or_insert(p.clone());
        }
    }
}

#[cfg(test)]
mod merge_tests {
    use super::*;

    #[test]
    fn user_aliases_extend_known_departments_and_add_new_ones() {
        let mut table = AliasTable::embedded();
        let before = table.entries().len();
        let skipped = table
            .merge_toml(
                r#"
[[department]]
name = "国家发展改革委"
aliases = ["发展改革委员会本级", "工信部"]

[[department]]
name = "国家数据局"
aliases = ["数据局"]
"#,
            )
            .unwrap();
        assert_eq!(
            table.canonical("发展改革委员会本级"),
            Some("国家发展改革委")
        );
        assert_eq!(table.canonical("数据局"), Some("国家数据局"));
        assert_eq!(table.entries().len(), before + 1);
        assert_eq!(table.canonical("工信部"), Some("工业和信息化部"));
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(skipped[0].contains("工信部"), "{skipped:?}");
    }

    #[test]
    fn invalid_user_table_changes_nothing() {
        let mut table = AliasTable::embedded();
        let before = table.entries().len();
        assert!(table.merge_toml("[[department]]\nname = ").is_err());
        assert_eq!(table.entries().len(), before);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_strips_deng_and_doubled_suffix() {
        assert_eq!(normalize_name("市场监管总局等部门"), "市场监管总局");
        assert_eq!(normalize_name("金融监管总局等"), "金融监管总局");
        assert_eq!(normalize_name("工业和信息化部\n\n部"), "工业和信息化部");
        assert_eq!(normalize_name(" 国家 能源局 "), "国家能源局");
    }

    #[test]
    fn generic_references_are_not_departments() {
        for g in [
            "主管部门",
            "各省级节能主管部门",
            "有关部门",
            "工业和信息化主管部门",
            "各级节能主管部门",
            "优化产业布局",
            "全部",
        ] {
            assert!(!looks_like_department(g), "{g}");
        }
        for d in [
            "教育部",
            "国家林草局",
            "浙江省经济和信息化厅",
            "中国人民银行",
        ] {
            assert!(looks_like_department(d), "{d}");
        }
    }

    #[test]
    fn local_prefix_split_is_generic() {
        assert_eq!(
            split_local_prefix("江苏省市场监督管理局"),
            Some(("江苏省", "市场监督管理局"))
        );
        assert_eq!(
            split_local_prefix("浙江省经济和信息化厅"),
            Some(("浙江省", "经济和信息化厅"))
        );
        assert_eq!(
            split_local_prefix("广西壮族自治区发展和改革委员会"),
            Some(("广西壮族自治区", "发展和改革委员会"))
        );
        assert_eq!(
            split_local_prefix("南京市市场监督管理局"),
            Some(("南京市", "市场监督管理局"))
        );
        assert_eq!(split_local_prefix("市场监管总局"), None);
        assert_eq!(split_local_prefix("国家市场监督管理总局"), None);
        assert_eq!(split_local_prefix("住房城乡建设部"), None);
    }

    #[test]
    fn cores_match_across_levels() {
        assert_eq!(
            name_core("国家市场监督管理总局").as_deref(),
            Some("市场监督管理")
        );
        assert_eq!(
            name_core("江苏省市场监督管理局").as_deref(),
            Some("市场监督管理")
        );
        assert_eq!(
            name_core("国家发展和改革委员会"),
            name_core("江苏省发展改革委")
        );
        assert_eq!(name_core("住房和城乡建设部"), name_core("住房城乡建设部"));
        assert_ne!(name_core("生态环境部"), name_core("工业和信息化部"));
    }

    #[test]
    fn conjunctions_split_only_between_departments() {
        assert_eq!(
            split_conjunction("国家发展改革委和国家能源局"),
            ["国家发展改革委", "国家能源局"]
        );
        assert_eq!(split_conjunction("工业和信息化部"), ["工业和信息化部"]);
        assert_eq!(split_conjunction("住房和城乡建设部"), ["住房和城乡建设部"]);
        let p = duty_parenthetical("（国家发展改革委和国家能源局牵头）").unwrap();
        assert_eq!(p.entries.len(), 2);
    }

    #[test]
    fn stray_opener_does_not_hide_the_duty() {
        let text = "推广首台（套重大装备。（国家发展改革委牵头，财政部配合）";
        let p = duty_parenthetical(text).unwrap();
        assert_eq!(
            p.entries,
            [
                ("国家发展改革委".to_string(), Role::Lead),
                ("财政部".to_string(), Role::Support)
            ]
        );
        assert_eq!(p.span.end, text.chars().count());
    }

    #[test]
    fn alias_table_errors_are_reported() {
        let dup = "[[department]]\nname = \"甲部\"\naliases = [\"甲\"]\n[[department]]\nname = \"乙部\"\naliases = [\"甲\"]\n";
        assert!(matches!(
            AliasTable::from_toml_str(dup),
            Err(AliasError::Conflict { .. })
        ));
        assert!(matches!(
            AliasTable::from_toml_str("[[department]]\nname = \" \"\n"),
            Err(AliasError::EmptyName)
        ));
        assert!(matches!(
            AliasTable::from_toml_str("department = 3"),
            Err(AliasError::Toml(_))
        ));
        let t = AliasTable::embedded();
        assert_eq!(t.canonical("发改委"), Some("国家发展改革委"));
        assert_eq!(t.canonical("教育部"), None);
        assert!(t
            .aliases_of("工业和信息化部")
            .contains(&"工信部".to_string()));
    }

    #[test]
    fn running_text_skips_function_words_and_local_bodies() {
        let aliases = AliasTable::embedded();
        let clauses = [ClauseInput {
            id: "x",
            heading: "h",
            text: "由省教育厅牵头，江苏省发改委会同科技部、水利部等部门推进。",
        }];
        let idx = DepartmentIndex::build(&clauses, &[], &aliases);
        let m = idx.clause_departments("x").mentioned;
        assert!(m.contains(&"省教育厅".to_string()), "{m:?}");
        assert!(m.contains(&"科技部".to_string()), "{m:?}");
        assert!(m.contains(&"水利部".to_string()), "{m:?}");
        // 发改委 after 省 is a provincial body, not 国家发展改革委
        assert!(!m.contains(&"国家发展改革委".to_string()), "{m:?}");
    }

    #[test]
    fn national_issuer_is_linked_like_a_national_department() {
        let issuers = vec!["国家发展改革委".to_string()];
        let notices = [NoticeInput {
            clause_id: "通知",
            issuers: &issuers,
            addressees: "各省、自治区、直辖市发展改革委：",
        }];
        let idx = DepartmentIndex::build(&[], &notices, &AliasTable::embedded());
        let d = idx.lookup("发改委").unwrap();
        assert_eq!(d.duties[0].role, Role::Issuer);
        assert_eq!(d.counterparts.province, None);
        assert_eq!(
            d.counterparts.city.as_deref(),
            Some("各省、自治区、直辖市发展改革委")
        );
    }

    #[test]
    fn collective_prefix_handles_market_and_brackets() {
        assert_eq!(
            collective_prefix("各设区市市场监督管理局"),
            ("各设区市", "市场监督管理局")
        );
        assert_eq!(
            collective_prefix("各市、县（市、区）农业农村局、教育局"),
            ("各市、县（市、区）", "农业农村局、教育局")
        );
        assert_eq!(collective_prefix("教育局"), ("", "教育局"));
    }
}
