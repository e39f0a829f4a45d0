//! Duty parenthetical

#[allow(unused_imports)]
use super::*;

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

pub(super) fn strip_role(part: &str) -> Option<(&str, Role)> {
    let part = part.trim_end_matches(['。', '.']);
    let (mut rest, role) =
        Role::duty_verbs().find_map(|(verb, role)| Some((part.strip_suffix(verb)?, role)))?;
    if role == Role::Responsible {
        // `按职责分工负责`, `分别负责`: the manner words are not names.
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
    }
    Some((rest, role))
}

pub(super) fn parse_duty_content(content: &str) -> Option<Vec<(String, Role)>> {
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
pub(super) fn split_conjunction(name: &str) -> Vec<String> {
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
