//! Test-only helpers: a crude paragraph splitter standing in for the real
//! parser, a small expander, and one shared in-RAM index per test binary.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Expander, IndexableClause, SearchIndex};

/// The bundled corpus.
pub const CORPUS: &str = include_str!("../../corpus/jiangsu-2024-1057.txt");

const DEPARTMENTS: &[(&str, &[&str])] = &[
    ("国家发展改革委", &["国家发改委", "发改委", "ndrc"]),
    ("工业和信息化部", &["工信部", "miit"]),
    ("生态环境部", &["环保部"]),
    ("市场监管总局", &["市场监督管理总局"]),
    ("国家能源局", &["能源局"]),
    ("商务部", &[]),
    ("海关总署", &[]),
    ("财政部", &[]),
    ("科技部", &[]),
    ("中国人民银行", &["人民银行", "央行"]),
    ("税务总局", &[]),
    ("金融监管总局", &[]),
    ("国务院国资委", &["国资委"]),
    ("国家标准委", &[]),
    ("住房城乡建设部", &["住建部"]),
    ("交通运输部", &[]),
];

const PLANS: &[(&str, &[&str])] = &[
    ("钢铁", &["steel"]),
    ("炼油", &["refining", "oil"]),
    ("合成氨", &["ammonia"]),
    ("水泥", &["cement"]),
    ("电解铝", &["aluminum", "aluminium"]),
];

/// Test expander over the tables above.
pub struct TestExpander;

impl Expander for TestExpander {
    fn expand_department(&self, word: &str) -> Option<String> {
        let w = word.to_lowercase();
        DEPARTMENTS
            .iter()
            .find(|(canon, aliases)| *canon == w || aliases.contains(&w.as_str()))
            .map(|(canon, _)| canon.to_string())
    }
    fn resolve_plan(&self, s: &str) -> Option<String> {
        let s = s.to_lowercase();
        PLANS
            .iter()
            .find(|(short, aliases)| {
                *short == s
                    || aliases.contains(&s.as_str())
                    || s == format!("{short}行业节能降碳专项行动计划")
                    || s == format!("{short}行业")
            })
            .map(|(short, _)| short.to_string())
    }
}

fn is_cjk(c: char) -> bool {
    !c.is_ascii()
}

/// Removes whitespace next to CJK characters, collapses the rest to one space.
pub fn normalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            let cjk_side = before.is_none_or(is_cjk) || after.is_none_or(is_cjk);
            if !cjk_side {
                out.push(' ');
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn is_section(p: &str) -> bool {
    let head: String = p
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .collect();
    !head.is_empty() && p[head.len()..].starts_with('、')
}

fn is_item(p: &str) -> bool {
    let Some(rest) = p.strip_prefix(['（', '(']) else {
        return false;
    };
    let n: String = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .collect();
    !n.is_empty() && rest[n.len()..].trim_start().starts_with(['）', ')'])
}

fn plan_of_title(p: &str) -> Option<&str> {
    let short = p.strip_suffix("行业节能降碳专项行动计划")?;
    (!short.is_empty() && short.chars().count() <= 4).then_some(short)
}

fn starts_block(p: &str) -> bool {
    is_section(p) || plan_of_title(p).is_some() || p.starts_with(['（', '('])
}

fn departments(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let expander = TestExpander;
    let tail = text
        .rfind(['（', '('])
        .map(|i| &text[i..])
        .filter(|t| t.contains("负责") || t.contains("牵头"));
    if let Some(tail) = tail {
        let (lead, rest) = match tail.split_once("牵头") {
            Some((l, r)) => (l, r),
            None => ("", tail),
        };
        for (part, role) in [(lead, "lead"), (rest, "responsible")] {
            for name in part.split(['、', '，', ',', '（', '(', '）', ')']) {
                let name = name
                    .trim_end_matches("按职责分工负责")
                    .trim_end_matches("负责")
                    .trim_end_matches('等');
                if let Some(canon) = expander.expand_department(name) {
                    if !out.iter().any(|(d, _)| *d == canon) {
                        out.push((canon, role.to_string()));
                    }
                }
            }
        }
    }
    for (canon, _) in DEPARTMENTS {
        if text.contains(canon) && !out.iter().any(|(d, _)| d == canon) {
            out.push((canon.to_string(), "mentioned".to_string()));
        }
    }
    out
}

/// Splits raw corpus text into paragraph clauses `p0, p1, …`: blank lines
/// separate paragraphs, a paragraph not ending a sentence is rejoined with the
/// next unless that one starts a heading.
pub fn split_clauses(raw: &str) -> Vec<IndexableClause> {
    let mut paras: Vec<String> = Vec::new();
    for chunk in raw.split("\n\n") {
        let chunk = normalize(chunk);
        if chunk.is_empty() {
            continue;
        }
        let rejoin = paras.last().is_some_and(|prev| {
            !prev.ends_with(['。', '；', '！', '？', '：', ')', '）'])
                && !is_section(prev)
                && plan_of_title(prev).is_none()
                && !starts_block(&chunk)
        });
        match paras.last_mut() {
            Some(prev) if rejoin => *prev = normalize(&format!("{prev} {chunk}")),
            _ => paras.push(chunk),
        }
    }
    let (mut plan, mut plan_title, mut section) = (String::new(), String::new(), String::new());
    let mut out = Vec::new();
    for (order, p) in paras.into_iter().enumerate() {
        if let Some(short) = plan_of_title(&p) {
            plan = short.to_string();
            plan_title = p.clone();
            section.clear();
        }
        let heading = if is_section(&p) {
            section = p.clone();
            p.clone()
        } else if is_item(&p) {
            p.split('。').next().unwrap_or_default().to_string()
        } else {
            String::new()
        };
        out.push(IndexableClause {
            id: format!("p{order}"),
            plan: plan.clone(),
            plan_title: plan_title.clone(),
            section: section.clone(),
            heading,
            departments: departments(&p),
            text: p,
            order,
        });
    }
    out
}

/// The corpus split into clauses (once per test binary).
pub fn clauses() -> &'static [IndexableClause] {
    static CLAUSES: OnceLock<Vec<IndexableClause>> = OnceLock::new();
    CLAUSES.get_or_init(|| split_clauses(CORPUS))
}

/// The shared in-RAM index over [`clauses`] (built once per test binary).
pub fn shared_index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| SearchIndex::build_in_ram(clauses()).expect("build test index"))
}

/// Clause orders by id, for readable assertions.
pub fn order_of() -> HashMap<String, usize> {
    clauses().iter().map(|c| (c.id.clone(), c.order)).collect()
}
