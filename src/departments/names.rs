//! Character helpers

#[allow(unused_imports)]
use super::*;

pub(super) const OPENERS: [char; 3] = ['（', '(', '〔'];
pub(super) const CLOSERS: [char; 3] = ['）', ')', '〕'];
/// Characters that end a place name (江苏省, 各设区市, 内蒙古自治区 …).
pub(super) const LOCALITY_CHARS: [char; 9] = ['省', '市', '县', '区', '州', '盟', '旗', '团', '）'];
/// Department suffixes for names found in running text, longest first.
pub(super) const DEPT_SUFFIXES: [&str; 11] = [
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
/// 园区 stands for its managing body (`各工业园区`) in the task lists of
/// local plans, beside the governments.
pub(super) const PAREN_EXTRA_SUFFIXES: [&str; 7] =
    ["会", "院", "政府", "中心", "集团", "联", "园区"];
/// Words ending in a department suffix that are not departments.
pub(super) const NON_DEPT_WORDS: [&str; 40] = [
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

pub(super) fn is_generic_reference(name: &str) -> bool {
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

/// A collective reference to the holders of a task (`各部门`, `各地`,
/// `国务院有关部门`, `国务院其他有关部门`, `市政府各部门`, `各级政府`): not a
/// department's name, yet where a duty note or a running-text duty names it,
/// the task falls to it. A qualified reference (`各省级节能主管部门`,
/// `有关企业`) is not one: only an optional issuing body, a quantifier and a
/// bare head.
pub(super) fn is_collective_body(name: &str) -> bool {
    const ORGANS: [&str; 9] = [
        "国务院",
        "省政府",
        "市政府",
        "县政府",
        "区政府",
        "省直",
        "市直",
        "县直",
        "区直",
    ];
    const QUANTIFIERS: [&str; 8] = [
        "其他有关",
        "各有关",
        "各相关",
        "各级",
        "有关",
        "相关",
        "其他",
        "各",
    ];
    const HEADS: [&str; 6] = ["人民政府", "政府", "部门", "单位", "地区", "地"];
    let rest = ORGANS
        .iter()
        .find_map(|o| name.strip_prefix(o))
        .unwrap_or(name);
    QUANTIFIERS
        .iter()
        .find_map(|q| rest.strip_prefix(q))
        .is_some_and(|head| HEADS.contains(&head))
}

pub(super) fn has_dept_suffix(name: &str) -> bool {
    DEPT_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Strict test for a name found in running text.
pub(super) fn looks_like_department(name: &str) -> bool {
    let n = name.chars().count();
    (2..=20).contains(&n)
        && name.chars().all(is_cjk)
        && !name.contains('的')
        && has_dept_suffix(name)
        && !is_generic_reference(name)
        && !NON_DEPT_WORDS.iter().any(|w| name.ends_with(w))
}

/// Lenient test for a name listed in a duty parenthetical.
pub(super) fn looks_like_listed_body(name: &str) -> bool {
    let n = name.chars().count();
    (2..=30).contains(&n)
        && name.chars().all(|c| is_cjk(c) || c == '（' || c == '）')
        && (has_dept_suffix(name) || PAREN_EXTRA_SUFFIXES.iter().any(|s| name.ends_with(s)))
        && !is_generic_reference(name)
        && !NON_DEPT_WORDS.iter().any(|w| name.ends_with(w))
}

/// A body named by grammar (a name with a body suffix, or a list of local
/// governments), as opposed to a collective reference or a short name
/// that only a `…等部门` frame makes a department.
pub(super) fn is_named_body(name: &str) -> bool {
    let name = normalize_name(name);
    !is_collective_body(&name) && (looks_like_listed_body(&name) || is_local_governments(&name))
}

/// Splits on any of `seps` outside brackets.
pub(super) fn split_top_level<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
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
