//! Addressees and local prefixes

#[allow(unused_imports)]
use super::*;

/// Characters that, right after a locality character, mean the locality
/// character belongs to a word (市场, 区域, 省级) rather than ends a place.
pub(super) const BAD_AFTER_LOCALITY: [char; 9] =
    ['场', '域', '级', '长', '民', '内', '外', '直', '辖'];

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
pub(super) fn parse_addressees_detailed(line: &str) -> Vec<(String, String)> {
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
pub(super) fn collective_prefix(s: &str) -> (&str, &str) {
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
pub(super) fn split_local_prefix(name: &str) -> Option<(&str, &str)> {
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

pub(super) fn strip_local_prefixes(name: &str) -> String {
    let mut cur = name;
    while let Some((_, rest)) = split_local_prefix(cur) {
        cur = rest;
    }
    cur.to_string()
}

/// The name core used to match counterparts: place prefixes, `国家` /
/// `中华人民共和国` / `国务院` and the department suffix removed, and the
/// connectives 和 / 与 / 及 dropped (`国家发展和改革委员会` → `发展改革`).
pub(super) fn name_core(name: &str) -> Option<String> {
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
