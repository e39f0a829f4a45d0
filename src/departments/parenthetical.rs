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
    /// Bodies a *standing note* in the group makes responsible for this and
    /// every later task of the document (`以下各项工作均需各县（区）人民政府
    /// 落实，不再列出`, `…负责，下同`), normalised like `entries`.
    pub standing: Vec<(String, Role)>,
}

/// Finds the duty note of a clause: the last of [`duty_notes`], or `None`
/// when there is none.
pub fn duty_parenthetical(text: &str) -> Option<DutyParenthetical> {
    duty_notes(text).pop()
}

/// Every duty note of a clause, in text order. A note is a *labelled
/// line*: a line that begins with a role label and a colon (`牵头单位：X
/// 责任单位：Y`, `配合单位：…`) or with a `…分工：` label (`部门分工：X牵头，Y
/// 配合`); or a bracketed group (any of `（）()〔〕`, nesting respected) that
/// names bodies with a role word of [`ROLE_WORDS`] — as a suffix (`X牵头`,
/// `Y按职责分工负责`) or as a label (`（牵头单位：X 参加单位：Y）`). A group
/// inside a note is part of it, not a note of its own. A trailing unclosed
/// group at the end of the text is accepted too (a cut excerpt).
///
/// A clause may carry several notes (one per sentence of a long item:
/// `…目录。〔X牵头，Y参与〕…锅炉。（Z牵头）`); the clause's duties are all
/// of them together.
pub fn duty_notes(text: &str) -> Vec<DutyParenthetical> {
    let mut notes = labelled_lines(text);
    notes.extend(task_table_rows(text));
    let chars: Vec<char> = text.chars().collect();
    let mut stack: Vec<usize> = Vec::new();
    let mut groups: Vec<(usize, usize)> = Vec::new(); // (open, end exclusive)
    for (i, &c) in chars.iter().enumerate() {
        if OPENERS.contains(&c) {
            stack.push(i);
        } else if CLOSERS.contains(&c) {
            // Every closed group is a candidate, nested or not, so that a
            // stray unclosed opener earlier in the text (`首台（套`) does not
            // hide the duty group after it.
            if let Some(open) = stack.pop() {
                groups.push((open, i + 1));
            }
        }
    }
    if let Some(&open) = stack.first() {
        groups.push((open, chars.len()));
    }
    // Outer groups first, so that a group inside an accepted note is
    // skipped rather than read twice.
    groups.sort_by_key(|&(open, end)| (open, std::cmp::Reverse(end)));
    let mut taken: Vec<Range<usize>> = notes.iter().map(|n| n.span.clone()).collect();
    for (open, end) in groups {
        if taken.iter().any(|t| t.start <= open && end <= t.end) {
            continue;
        }
        let closed = end > open + 1 && CLOSERS.contains(&chars[end - 1]);
        let inner_end = if closed { end - 1 } else { end };
        let content: String = chars[open + 1..inner_end].iter().collect();
        if let Some((entries, standing)) = parse_duty_note(&content, !closed) {
            taken.push(open..end);
            notes.push(DutyParenthetical {
                span: open..end,
                entries,
                standing,
            });
        }
    }
    notes.sort_by_key(|n| n.span.start);
    notes
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

/// The lines of the clause that are labelled duty blocks, with their char
/// spans.
fn labelled_lines(text: &str) -> Vec<DutyParenthetical> {
    let mut found = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let len = line.chars().count();
        let trimmed: String = label_cells(line)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let label = trimmed
            .split_once(['：', ':'])
            .map(|(label, _)| label)
            .filter(|label| duty_label(label).is_some() || label.ends_with("分工"));
        if label.is_some() {
            if let Some((entries, standing)) = parse_duty_note(&trimmed, false) {
                found.push(DutyParenthetical {
                    span: start..start + len,
                    entries,
                    standing,
                });
            }
        }
        start += len + 1;
    }
    found
}

/// A table row as normalisation gives it (cells joined by
/// [`CELL_SEPARATOR`]) with each
/// cell that is a duty label followed by `：`, so that a table of label
/// and value cells (`牵头单位　市发展改革委　配合单位　市财政局`) reads as a
/// labelled line. Lines without tabs are returned unchanged.
fn label_cells(line: &str) -> String {
    if !line.contains(CELL_SEPARATOR) {
        return line.to_string();
    }
    let cells: Vec<&str> = line.split(CELL_SEPARATOR).map(str::trim).collect();
    let mut out = String::new();
    for (k, cell) in cells.iter().enumerate() {
        out.push_str(cell);
        if labels_a_value(&cells, k) {
            out.push('：');
        } else {
            out.push(' ');
        }
    }
    out
}

/// True when cell `k` is a duty label and the cell after it names bodies:
/// a label and its value side by side, not a column heading.
fn labels_a_value(cells: &[&str], k: usize) -> bool {
    duty_label(cells[k]).is_some()
        && cells
            .get(k + 1)
            .is_some_and(|next| !listed_names(next).is_empty())
}

/// Rows of a task table (cells joined by [`CELL_SEPARATOR`]: the .docx and
/// .html readers give a table row as tab-separated cells) under a header row whose cells include role
/// labels (`序号 重点任务 牵头部门 主责单位 协办单位 时限`): each later row
/// of the clause is a note of its own, the bodies of each labelled column
/// taking that column's role. A row with fewer cells than the header (a
/// merged cell) is read by the labelled columns it still has.
fn task_table_rows(text: &str) -> Vec<DutyParenthetical> {
    let mut found = Vec::new();
    let mut columns: Vec<(usize, Role)> = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let len = line.chars().count();
        let cells: Vec<&str> = line.split(CELL_SEPARATOR).map(str::trim).collect();
        let labels: Vec<(usize, Role)> = cells
            .iter()
            .enumerate()
            .filter_map(|(k, cell)| duty_label(cell).map(|role| (k, role)))
            .collect();
        let header = !labels.is_empty() && labels.iter().all(|&(k, _)| !labels_a_value(&cells, k));
        if cells.len() < 2 {
            columns.clear();
        } else if header {
            found.extend(flattened_rows(line, start));
            columns = labels;
        } else if !columns.is_empty() {
            let mut entries: Vec<(String, Role)> = Vec::new();
            for &(k, role) in &columns {
                for name in cells.get(k).map(|c| listed_names(c)).unwrap_or_default() {
                    if !entries.iter().any(|(n, _)| *n == name) {
                        entries.push((name, role));
                    }
                }
            }
            if entries.iter().any(|(n, _)| !is_collective_body(n)) {
                found.push(DutyParenthetical {
                    span: start..start + len,
                    entries,
                    standing: Vec::new(),
                });
            }
        }
        start += len + 1;
    }
    found
}

/// Labels of a task table's deadline column.
const DEADLINE_LABELS: [&str; 4] = ["时限", "完成时限", "完成时间", "时间节点"];

/// A column of a task table after its task text: bodies in a role, or the
/// deadline.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TailColumn {
    Bodies(Role),
    Deadline,
}

/// What one cell of a flattened row holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell {
    /// Only punctuation or brackets, detached from their text.
    Punctuation,
    /// A list of bodies, wholly (`市甲局、市乙委等部门`).
    Bodies,
    /// A time limit (`年底前`, `2022年6月底前`, `长期坚持`).
    Deadline,
    /// Anything else: task text.
    Text,
}

/// Rows of a task table flattened into the line of its header, as PDF
/// text extraction gives a table (`序号 重点任务 牵头部门 主责单位 协办单位
/// 时限 1 任务 措施 市甲局 各区政府 市乙委 年底前 2 …`, the blanks kept
/// as cells by normalisation). The header's role columns and its deadline
/// column, from the first role column on, are the *tail* of every row; a
/// row starts at a cell that is only a row number and reads as: task text,
/// then one cell of bodies for each role column in the header's order,
/// then (if the header has one) the deadline. Punctuation cells are
/// ignored (PDF text detaches them).
///
/// A row whose cells do not follow that order is not read: where bodies
/// stand between pieces of task text, the PDF has interleaved the lines of
/// cells several lines high, and the order of the names no longer tells
/// their columns; where a role column has no cell, which one is empty
/// cannot be told. Such a row assigns no role (its bodies are still found
/// as mentioned in the running text) rather than a guessed one.
fn flattened_rows(line: &str, line_start: usize) -> Vec<DutyParenthetical> {
    let mut cells: Vec<(usize, &str)> = Vec::new();
    let mut at = line_start;
    for cell in line.split(CELL_SEPARATOR) {
        cells.push((at, cell));
        at += cell.chars().count() + 1;
    }
    let is_label = |cell: &str| duty_label(cell).is_some() || DEADLINE_LABELS.contains(&cell);
    let Some(first_role) = cells.iter().position(|(_, c)| duty_label(c).is_some()) else {
        return Vec::new();
    };
    // The header ends at its last label before the first row number.
    let first_row = cells[first_role..]
        .iter()
        .position(|(_, c)| is_row_number(c))
        .map_or(cells.len(), |k| first_role + k);
    let Some(header_end) = cells[..first_row].iter().rposition(|(_, c)| is_label(c)) else {
        return Vec::new();
    };
    let mut tail: Vec<TailColumn> = Vec::new();
    for (_, cell) in &cells[first_role..=header_end] {
        match duty_label(cell) {
            Some(role) => tail.push(TailColumn::Bodies(role)),
            None if DEADLINE_LABELS.contains(cell) => tail.push(TailColumn::Deadline),
            // A column between the role columns that is neither: the
            // cells of a row cannot be matched to the columns.
            None => return Vec::new(),
        }
    }
    let mut rows: Vec<Vec<(usize, &str)>> = vec![Vec::new()];
    for &(at, cell) in &cells[header_end + 1..] {
        if is_row_number(cell) {
            rows.push(Vec::new());
        } else if let Some(row) = rows.last_mut() {
            row.push((at, cell));
        }
    }
    rows.iter()
        .filter_map(|row| flattened_row(row, &tail))
        .collect()
}

/// One flattened row read against the tail columns, or `None` when its
/// cells are out of order (see [`flattened_rows`]).
fn flattened_row(row: &[(usize, &str)], tail: &[TailColumn]) -> Option<DutyParenthetical> {
    let kinds: Vec<(usize, &str, Cell)> = row
        .iter()
        .map(|&(at, cell)| (at, cell, cell_kind(cell)))
        .filter(|&(_, _, kind)| kind != Cell::Punctuation)
        .collect();
    let task_end = kinds.iter().rposition(|k| k.2 == Cell::Text)? + 1;
    let after_task = &kinds[task_end..];
    if kinds[..task_end].iter().any(|k| k.2 != Cell::Text) {
        return None;
    }
    // A missing deadline at the end of the row shifts no other cell.
    let expected =
        if after_task.len() + 1 == tail.len() && tail.last() == Some(&TailColumn::Deadline) {
            &tail[..tail.len() - 1]
        } else {
            tail
        };
    if after_task.len() != expected.len() {
        return None;
    }
    let mut entries: Vec<(String, Role)> = Vec::new();
    for (&(_, cell, kind), column) in after_task.iter().zip(expected) {
        match (column, kind) {
            (TailColumn::Bodies(role), Cell::Bodies) => {
                for name in listed_names(cell) {
                    if !entries.iter().any(|(n, _)| *n == name) {
                        entries.push((name, *role));
                    }
                }
            }
            (TailColumn::Deadline, Cell::Deadline) => {}
            _ => return None,
        }
    }
    let (first, last) = (row.first()?, row.last()?);
    entries
        .iter()
        .any(|(n, _)| !is_collective_body(n))
        .then(|| DutyParenthetical {
            span: first.0..last.0 + last.1.chars().count(),
            entries,
            standing: Vec::new(),
        })
}

/// A cell that is only a row number: `1`, `12`, `一`, `（三）`.
fn is_row_number(cell: &str) -> bool {
    let inner = cell
        .strip_prefix(OPENERS)
        .and_then(|c| c.strip_suffix(CLOSERS))
        .unwrap_or(cell);
    let n = inner.chars().count();
    (1..=3).contains(&n)
        && (inner.chars().all(|c| c.is_ascii_digit())
            || inner.chars().all(|c| "一二三四五六七八九十".contains(c)))
}

fn cell_kind(cell: &str) -> Cell {
    if cell.chars().all(|c| !is_cjk(c) && !c.is_alphanumeric()) {
        return Cell::Punctuation;
    }
    if is_deadline_cell(cell) {
        return Cell::Deadline;
    }
    let names = body_list(cell, true).unwrap_or_default();
    if !names.is_empty() {
        return Cell::Bodies;
    }
    Cell::Text
}

/// A time limit as a task table writes it: `年底前`, `2022年6月底前`,
/// `2025年`, `长期坚持`, `持续推进`.
fn is_deadline_cell(cell: &str) -> bool {
    let n = cell.chars().count();
    let dated = ["前", "年底", "月底", "年末", "年"]
        .iter()
        .any(|end| cell.ends_with(end))
        && cell.chars().all(|c| {
            c.is_ascii_digit() || "年月日底末前上下半季度第一二三四五六七八九十".contains(c)
        });
    (1..=14).contains(&n) && (dated || cell.starts_with("长期") || cell.starts_with("持续"))
}

/// The role a label names (`牵头单位`, `责任单位`, `配合`…), exactly.
fn duty_label(label: &str) -> Option<Role> {
    Role::duty_verbs().find_map(|(w, r)| (w == label).then_some(r))
}

/// Bodies with their roles, in order.
type Roles = Vec<(String, Role)>;

/// Parses the inside of a duty note: its entries, and the bodies of any
/// standing note it carries. `cut` says the note is unclosed at the end of
/// the text: its last list may then have lost its role word
/// (`X牵头，Y、Z、`), and a list that follows a lead list is read as its
/// support, the role such a second list has in this genre. A note whose
/// only bodies are collective references (`（有关部门按职责分工负责）`)
/// assigns nothing.
pub(super) fn parse_duty_note(content: &str, cut: bool) -> Option<(Roles, Roles)> {
    let mut s: String = content
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ':' { '：' } else { c })
        .collect();
    // Labelled blocks run on without punctuation once spaces are gone
    // (`牵头单位：X参加单位：Y`): each label starts a part of its own.
    for (word, _) in Role::duty_verbs() {
        let labelled = format!("{word}：");
        s = s.replace(&labelled, &format!("；{labelled}"));
    }
    let mut entries: Vec<(String, Role)> = Vec::new();
    let mut standing: Vec<(String, Role)> = Vec::new();
    let mut previous: Vec<(String, Role)> = Vec::new();
    let parts = split_top_level(&s, &['，', ',', '；', ';', '。']);
    let last = parts.len() - 1;
    for (k, part) in parts.into_iter().enumerate() {
        let part = part.trim_end_matches(['。', '.']);
        if part.is_empty() {
            continue;
        }
        // `…负责，下同`: the part before applies from here on.
        if part == "下同" {
            standing.extend(previous.iter().cloned());
            continue;
        }
        // `以下各项工作均需X落实` / `以下均由X负责`.
        if let Some(rest) = part.strip_prefix("以下") {
            if let Some(at) = rest.find(['需', '由']) {
                let body = &rest[at + '需'.len_utf8()..];
                let body = ["负责落实", "落实", "负责"]
                    .iter()
                    .find_map(|w| body.strip_suffix(w))
                    .unwrap_or(body);
                for name in listed_names(body) {
                    standing.push((name, Role::Responsible));
                }
            }
            continue;
        }
        let (list, role) = if let Some((label, rest)) = part.split_once('：') {
            match duty_label(label) {
                Some(role) => (rest, role),
                None if label.ends_with("分工") => match strip_role(rest) {
                    Some(found) => found,
                    None => continue,
                },
                None => continue,
            }
        } else if let Some(found) = strip_role(part) {
            found
        } else if is_local_governments(part) {
            // A list of local governments standing last without its role
            // word (the note cut short) is, in this genre, 负责落实.
            (part, Role::Responsible)
        } else if cut && k == last && previous.first().is_some_and(|(_, r)| *r == Role::Lead) {
            (part, Role::Support)
        } else {
            continue;
        };
        let list = list.strip_prefix('由').unwrap_or(list);
        previous.clear();
        for name in listed_names(list) {
            previous.push((name.clone(), role));
            if !entries.iter().any(|(n, _)| *n == name) {
                entries.push((name, role));
            }
        }
    }
    for (name, role) in &standing {
        if !entries.iter().any(|(n, _)| n == name) {
            entries.push((name.clone(), *role));
        }
    }
    let names_a_body = entries.iter().any(|(n, _)| !is_collective_body(n));
    names_a_body.then_some((entries, standing))
}

/// The bodies of a list in a duty note, normalised; what is not a body is
/// left out.
fn listed_names(list: &str) -> Vec<String> {
    body_list(list, false).unwrap_or_default()
}

/// The bodies of a list (`X、Y和Z等部门`), normalised, each once. A list of
/// local governments (`各县、区人民政府（管委会）`, `各市〔特区、区〕人民政府`)
/// is one body: its 、 joins places, not bodies. A body is a name with a
/// body suffix, a list of local governments or a collective reference
/// (`各部门`); and where the list ends with `等部门` / `等单位`, that frame
/// says its items are departments, so short names without a suffix
/// (`市科技、财政、统计等部门`) are kept as written. With `strict` (a
/// running-text subject, where no note says the words are bodies), a name
/// must have a department suffix or end in 政府 / 园区 / 管委会 (not
/// `中心`, `集团`: `推荐的数据中心应…` names a facility), and an item that
/// is not a body makes the whole list `None`; otherwise such an item is
/// left out.
pub(super) fn body_list(list: &str, strict: bool) -> Option<Vec<String>> {
    if is_local_governments(list) {
        return Some(vec![normalize_name(list)]);
    }
    let framed = list.ends_with("等部门") || list.ends_with("等单位");
    let mut out = Vec::new();
    for raw in split_top_level(list, &['、', '/', '／']) {
        let normalized = normalize_name(raw);
        if normalized.is_empty() {
            continue;
        }
        for name in split_conjunction(&normalized) {
            let named = if strict {
                looks_like_department(&name)
                    || (looks_like_listed_body(&name)
                        && !name.contains('的')
                        && ["政府", "园区", "管委会"].iter().any(|s| name.ends_with(s)))
            } else {
                looks_like_listed_body(&name)
            };
            let is_body = named
                || is_local_governments(&name)
                || is_collective_body(&name)
                || (framed && is_framed_department(&name));
            if !is_body {
                if strict {
                    return None;
                }
                continue;
            }
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    Some(out)
}

/// A short name inside a `…等部门` frame (`财政`, `质量技术监督`).
fn is_framed_department(name: &str) -> bool {
    (2..=8).contains(&name.chars().count())
        && name.chars().all(is_cjk)
        && !is_generic_reference(name)
        && !name.contains('的')
}

/// `各县（市、区）人民政府`, `各县、区人民政府（管委会）`, `县(市、区)政府`:
/// the local governments a task falls to.
pub(super) fn is_local_governments(s: &str) -> bool {
    let n = s.chars().count();
    let Some(at) = s.rfind("政府") else {
        return false;
    };
    let tail = &s[at + "政府".len()..];
    let tail_ok = tail.is_empty()
        || (tail.starts_with(OPENERS) && tail.ends_with(CLOSERS) && tail.chars().count() <= 6);
    let places = &s[..at];
    (3..=30).contains(&n)
        && tail_ok
        && (places.starts_with('各') || places.contains(OPENERS))
        && s.chars()
            .all(|c| is_cjk(c) || c == '、' || OPENERS.contains(&c) || CLOSERS.contains(&c))
        && !is_generic_reference(s)
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
