//! Raw text → clean paragraphs.
//!
//! The corpus arrives as text extracted from a paginated original: page
//! breaks cut paragraphs (even words) in two, fragments are repeated across
//! a break, brackets and commas come in both widths and spaces sit inside
//! numbers. Normalization repairs this without ever dropping text silently:
//! everything removed is recorded as [`Debris`] with its raw line and
//! column, and every paragraph keeps the raw line range it came from.

use serde::{Deserialize, Serialize};

use super::markers::{
    is_page_furniture, is_standalone_parenthetical, is_title_like, starts_structure,
};
use crate::text::{is_terminal_punctuation, is_wide_text};

/// An inclusive range of raw line numbers (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRange {
    /// First raw line.
    pub first: usize,
    /// Last raw line.
    pub last: usize,
}

impl LineRange {
    /// The smallest range covering both.
    pub fn union(self, other: LineRange) -> LineRange {
        LineRange {
            first: self.first.min(other.first),
            last: self.last.max(other.last),
        }
    }
}

impl std::fmt::Display for LineRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            f.write_str(&crate::t!("place.line", line = self.first))
        } else {
            f.write_str(&crate::t!(
                "place.lines",
                first = self.first,
                last = self.last
            ))
        }
    }
}

/// One normalized paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The repaired text, on one line.
    pub text: String,
    /// The raw lines it was assembled from.
    pub lines: LineRange,
}

/// Why a piece of raw text was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DebrisReason {
    /// A terminal escape sequence (ESC/CSI/OSC …).
    ControlSequence,
    /// A control, bidi-override or byte-order-mark character.
    ControlCharacter,
    /// Whitespace inside Chinese text or numbers, or at a line's ends.
    Space,
    /// A list bullet left by a format conversion (`- ` at a line start).
    ListBullet,
    /// A short line repeating the end of the previous paragraph.
    DuplicateFragment,
    /// A character repeated on both sides of a page break (`部\n\n部`).
    DoubledAtPageBreak,
}

impl DebrisReason {
    /// A short description in the user's language.
    pub fn describe(self) -> String {
        match self {
            DebrisReason::ControlSequence => crate::t!("debris.control_sequence"),
            DebrisReason::ControlCharacter => crate::t!("debris.control_character"),
            DebrisReason::Space => crate::t!("debris.space"),
            DebrisReason::ListBullet => crate::t!("debris.list_bullet"),
            DebrisReason::DuplicateFragment => crate::t!("debris.duplicate_fragment"),
            DebrisReason::DoubledAtPageBreak => crate::t!("debris.doubled_at_page_break"),
        }
        .into_owned()
    }
}

/// A piece of raw text that normalization removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Debris {
    /// Raw line number (1-based).
    pub line: usize,
    /// Character column in that line (1-based).
    pub column: usize,
    /// The removed text, exactly as it was.
    pub text: String,
    /// Why it was removed.
    pub reason: DebrisReason,
}

/// Where two raw lines were joined back into one paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejoin {
    /// Last raw line of the first part.
    pub before_line: usize,
    /// First raw line of the second part.
    pub after_line: usize,
    /// Character offset in the resulting paragraph where the parts meet.
    pub offset: usize,
}

/// The result of normalizing one raw text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Normalized {
    /// Clean paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Everything removed, in raw order.
    pub debris: Vec<Debris>,
    /// Every page-break repair.
    pub rejoins: Vec<Rejoin>,
}

/// Lines longer than this many bytes are cut into pieces of this size so
/// that one pathological line cannot make later passes quadratic.
const MAX_LINE_BYTES: usize = 64 * 1024;

/// Normalizes a whole raw text.
pub fn normalize(raw: &str) -> Normalized {
    let mut out = Normalized::default();
    let mut lines = Vec::new();
    for (index, line) in raw.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let cleaned = clean_line(index + 1, line, &mut out.debris);
        if !cleaned.is_empty() {
            for piece in split_long(&cleaned) {
                lines.push(Paragraph {
                    text: piece.to_string(),
                    lines: LineRange {
                        first: index + 1,
                        last: index + 1,
                    },
                });
            }
        }
    }
    rejoin(lines, &mut out);
    out.debris.sort_by_key(|d| (d.line, d.column));
    out
}

fn split_long(s: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = s;
    while rest.len() > MAX_LINE_BYTES {
        let mut cut = MAX_LINE_BYTES;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        pieces.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    pieces.push(rest);
    pieces
}

/// Characters that must never reach a terminal or the index.
fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}')
}

/// Length in chars of the escape sequence starting at `chars[0]` (ESC or CSI).
fn escape_sequence_len(chars: &[char]) -> usize {
    let terminated_string = |start: usize| {
        let mut i = start;
        while i < chars.len() {
            match chars[i] {
                '\u{7}' | '\u{9C}' => return i + 1,
                '\u{1B}' if chars.get(i + 1) == Some(&'\\') => return i + 2,
                _ => i += 1,
            }
        }
        chars.len()
    };
    let csi = |start: usize| {
        let mut i = start;
        while i < chars.len() {
            if ('\u{40}'..='\u{7E}').contains(&chars[i]) {
                return i + 1;
            }
            if !('\u{20}'..='\u{3F}').contains(&chars[i]) {
                return i;
            }
            i += 1;
        }
        chars.len()
    };
    match chars[0] {
        '\u{9B}' => csi(1),
        '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => terminated_string(1),
        _ => match chars.get(1) {
            Some('[') => csi(2),
            Some(']' | 'P' | 'X' | '^' | '_') => terminated_string(2),
            Some(c) if !c.is_control() => 2,
            _ => 1,
        },
    }
}

/// Removes control characters and escape sequences, recording them.
fn strip_unsafe(line_no: usize, line: &str, debris: &mut Vec<Debris>) -> Vec<(usize, char)> {
    let chars: Vec<char> = line.chars().collect();
    let mut kept = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !is_unsafe_char(c) {
            kept.push((i + 1, c));
            i += 1;
            continue;
        }
        let (len, reason) = if matches!(
            c,
            '\u{1B}' | '\u{9B}' | '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}'
        ) {
            (
                escape_sequence_len(&chars[i..]).max(1),
                DebrisReason::ControlSequence,
            )
        } else {
            (1, DebrisReason::ControlCharacter)
        };
        debris.push(Debris {
            line: line_no,
            column: i + 1,
            text: chars[i..i + len].iter().collect(),
            reason,
        });
        i += len;
    }
    kept
}

/// Cleans one raw line: control characters, bullets, spaces and
/// punctuation width. Returns the cleaned text (possibly empty).
/// What stands between two table cells in normalised text: the readers
/// join cells with a tab, which normalisation turns into this one visible,
/// double-width blank (every other blank touching Chinese text is removed,
/// so it marks cells and nothing else).
pub const CELL_SEPARATOR: char = '\u{3000}';

fn clean_line(line_no: usize, line: &str, debris: &mut Vec<Debris>) -> String {
    let chars = strip_unsafe(line_no, line, debris);
    let mut record = |run: &[(usize, char)], reason| {
        if let Some(&(column, _)) = run.first() {
            debris.push(Debris {
                line: line_no,
                column,
                text: run.iter().map(|&(_, c)| c).collect(),
                reason,
            });
        }
    };
    let start = chars
        .iter()
        .position(|&(_, c)| !c.is_whitespace())
        .unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|&(_, c)| !c.is_whitespace())
        .map_or(start, |p| p + 1);
    record(&chars[..start], DebrisReason::Space);
    record(&chars[end..], DebrisReason::Space);
    let mut body = &chars[start..end];

    // A Markdown-style bullet left by conversion: "- 附件：…".
    if body.len() > 2 && matches!(body[0].1, '-' | '•' | '*') && body[1].1.is_whitespace() {
        let bullet_end = body
            .iter()
            .position(|&(_, c)| !c.is_whitespace() && c != body[0].1)
            .unwrap_or(body.len());
        record(&body[..bullet_end], DebrisReason::ListBullet);
        body = &body[bullet_end..];
    }

    let flattened_table = has_flattened_table_header(body);
    let mut kept: Vec<char> = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i].1;
        if !c.is_whitespace() {
            kept.push(c);
            i += 1;
            continue;
        }
        let run_end = body[i..]
            .iter()
            .position(|&(_, c)| !c.is_whitespace())
            .map_or(body.len(), |p| i + p);
        let before = kept.last().copied().unwrap_or(' ');
        let after = body.get(run_end).map_or(' ', |&(_, c)| c);
        if flattened_table || body[i..run_end].iter().any(|&(_, c)| c == '\t') {
            // Table cells (the .docx and .html readers join them with a
            // tab; a table flattened into one line of PDF text has only
            // blanks between them): the boundary is content, kept as one
            // separator.
            kept.push(CELL_SEPARATOR);
            record(&body[i + 1..run_end], DebrisReason::Space);
        } else if space_is_layout(before, after, &body[run_end..]) {
            record(&body[i..run_end], DebrisReason::Space);
        } else {
            // One space between Latin words is content; the rest of the run is not.
            kept.push(' ');
            record(&body[i + 1..run_end], DebrisReason::Space);
        }
        i = run_end;
    }
    widen_punctuation(&kept)
}

/// True when the line holds the column header of a task table flattened
/// into one line, as PDF text extraction gives it: two blank-separated
/// words in a row that have the shape of role columns (`牵头部门 主责单位`,
/// `牵头单位 配合单位`: two characters and 单位 or 部门). Running text does
/// not set two such words side by side with a blank between them, and in
/// such a line the blanks are all the cell boundaries there are.
fn has_flattened_table_header(body: &[(usize, char)]) -> bool {
    let text: String = body.iter().map(|&(_, c)| c).collect();
    let column_shaped = |w: &str| {
        w.chars().count() == 4
            && w.chars().all(crate::text::is_cjk_ideograph)
            && (w.ends_with("单位") || w.ends_with("部门"))
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .any(|pair| column_shaped(pair[0]) && column_shaped(pair[1]))
}

/// A space is layout, not content, when it touches Chinese text or splits
/// a number into thousands groups (`1 000`).
fn space_is_layout(before: char, after: char, rest: &[(usize, char)]) -> bool {
    if is_wide_text(before) || is_wide_text(after) {
        return true;
    }
    if before.is_ascii_digit() && after.is_ascii_digit() {
        let group = rest
            .iter()
            .take_while(|&&(_, c)| c.is_ascii_digit())
            .count();
        return group == 3;
    }
    // Half-width punctuation that will become full-width below.
    matches!(before, ',' | ';' | ':' | '(' | ')' | '%')
        && rest.first().is_some_and(|&(_, c)| is_wide_text(c))
        || matches!(after, '(' | ')') && is_wide_text(before)
}

/// Brackets in Chinese text become full-width so that structure is
/// recognized the same in both widths; `,` `;` `:` between Chinese text
/// become their full-width forms; full-width digits and letters become
/// ASCII.
fn widen_punctuation(chars: &[char]) -> String {
    let has_chinese = chars.iter().any(|&c| is_wide_text(c));
    let mut out = String::with_capacity(chars.len() * 3);
    for (i, &c) in chars.iter().enumerate() {
        let before = if i > 0 { chars[i - 1] } else { ' ' };
        let after = chars.get(i + 1).copied().unwrap_or(' ');
        let touches_chinese = is_wide_text(before) || is_wide_text(after);
        let mapped = match c {
            '(' if has_chinese => '（',
            ')' if has_chinese => '）',
            ',' if touches_chinese => '，',
            ';' if touches_chinese => '；',
            ':' if touches_chinese => '：',
            '?' if is_wide_text(before) => '？',
            '!' if is_wide_text(before) => '！',
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' | '％' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        };
        out.push(mapped);
    }
    out
}

/// True if a paragraph ending like `prev` continues in `next`: it was cut
/// by a page break.
fn continues(prev: &str, next: &str) -> bool {
    let Some(last) = prev.chars().last() else {
        return false;
    };
    if is_table_row(prev) || is_table_row(next) {
        return false;
    }
    if starts_structure(next) || is_page_furniture(prev) || is_page_furniture(next) {
        return false;
    }
    if is_standalone_parenthetical(next) {
        return !is_title_like(prev);
    }
    // A line ending in an enumeration comma or an opening mark is never
    // complete, however short.
    matches!(last, '、' | '，' | '“' | '（' | '《')
        || !is_terminal_punctuation(last) && !is_title_like(prev)
}

/// A row of a table (cells joined by [`CELL_SEPARATOR`]) is a line of its
/// own: its last cell (`年底前`) ends without punctuation, yet nothing runs
/// on.
fn is_table_row(line: &str) -> bool {
    line.contains(CELL_SEPARATOR)
}

/// `next` repeats the tail of `prev` (a fragment duplicated by the page
/// layout, such as a lone `负责）` after a paragraph ending in `负责）`).
fn is_duplicate_tail(prev: &str, next: &str) -> bool {
    let len = next.chars().count();
    len <= 12 && len < prev.chars().count() && prev.ends_with(next) && !starts_structure(next)
}

/// The width of a text laid out in fixed-width lines (PDF text): the
/// length shared by at least half of its lines of 20 characters or more
/// (within one character), when there are at least eight such lines.
fn wrap_width(lines: &[Paragraph]) -> Option<usize> {
    let lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.text.chars().count())
        .filter(|&n| n >= 20)
        .collect();
    if lengths.len() < 8 {
        return None;
    }
    let near = |w: usize| lengths.iter().filter(|&&n| n.abs_diff(w) <= 1).count();
    let width = lengths.iter().copied().max_by_key(|&w| (near(w), w))?;
    (near(width) * 2 >= lengths.len()).then_some(width)
}

fn rejoin(lines: Vec<Paragraph>, out: &mut Normalized) {
    let doubled_pair_elsewhere = |pair: &str| lines.iter().any(|l| l.text.contains(pair));
    // In a text wrapped at a fixed width, a full-width line without final
    // punctuation runs on, even where it looks like a title (`…二氧化碳排`
    // / `放下降…`).
    let width = wrap_width(&lines);
    let wrapped = |prev: &str, next: &str| {
        width.is_some_and(|w| prev.chars().count() + 1 >= w)
            && prev
                .chars()
                .last()
                .is_some_and(|c| !is_terminal_punctuation(c) && c != '：')
            && !starts_structure(next)
            && !is_table_row(prev)
            && !is_table_row(next)
            && !is_page_furniture(prev)
            && !is_page_furniture(next)
    };
    let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(lines.len());
    for line in &lines {
        let Some(prev) = paragraphs.last_mut() else {
            paragraphs.push(line.clone());
            continue;
        };
        if is_duplicate_tail(&prev.text, &line.text) {
            out.debris.push(Debris {
                line: line.lines.first,
                column: 1,
                text: line.text.clone(),
                reason: DebrisReason::DuplicateFragment,
            });
            continue;
        }
        if !continues(&prev.text, &line.text) && !wrapped(&prev.text, &line.text) {
            paragraphs.push(line.clone());
            continue;
        }
        let mut next = line.text.as_str();
        let last = prev.text.chars().last();
        let first = next.chars().next();
        if let (Some(a), Some(b)) = (last, first) {
            let pair: String = [a, b].iter().collect();
            if a == b && crate::text::is_cjk_ideograph(a) && !doubled_pair_elsewhere(&pair) {
                out.debris.push(Debris {
                    line: line.lines.first,
                    column: 1,
                    text: b.to_string(),
                    reason: DebrisReason::DoubledAtPageBreak,
                });
                next = &next[b.len_utf8()..];
            }
            if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                prev.text.push(' ');
            }
        }
        out.rejoins.push(Rejoin {
            before_line: prev.lines.last,
            after_line: line.lines.first,
            offset: prev.text.chars().count(),
        });
        prev.text.push_str(next);
        prev.lines = prev.lines.union(line.lines);
    }
    out.paragraphs = paragraphs;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &str) -> Vec<String> {
        normalize(raw)
            .paragraphs
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn table_rows_keep_their_cells_and_lines() {
        let n = normalize(
            "二、重点任务\n序号\t任务\t牵头部门\n1\t完善 网络\t市生态环境局\n2\t建设平台\t市数据局",
        );
        let lines: Vec<&str> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            lines,
            [
                "二、重点任务",
                "序号　任务　牵头部门",
                "1　完善网络　市生态环境局",
                "2　建设平台　市数据局"
            ]
        );
    }

    #[test]
    fn flattened_table_line_keeps_its_blanks_as_cells() {
        let n = normalize("措施 牵头单位 配合单位\n1 建设平台 市甲局 市乙委 年底前");
        let lines: Vec<&str> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            lines,
            ["措施　牵头单位　配合单位", "1建设平台市甲局市乙委年底前"]
        );
        // One role-shaped word, or two not side by side, is running text.
        assert_eq!(
            texts("各 责任单位 要 落实，有关 部门 配合单位 工作"),
            ["各责任单位要落实，有关部门配合单位工作"]
        );
        assert_eq!(
            texts("附件 1 序号 任务 牵头部门 主责单位 时限 1 建设 平台 市甲局 各区政府 年底前"),
            ["附件　1　序号　任务　牵头部门　主责单位　时限　1　建设　平台　市甲局　各区政府　年底前"]
        );
    }

    #[test]
    fn rejoins_mid_word_split() {
        assert_eq!(
            texts("（二）加大资金支持。由国家发展改革委、工\n\n业和信息化部牵头。"),
            ["（二）加大资金支持。由国家发展改革委、工业和信息化部牵头。"]
        );
    }

    #[test]
    fn pdf_text_loses_stray_spaces_and_hard_line_breaks() {
        // Lines of a fixed width, as PDF text extraction gives them; the
        // third one has no comma, so it looks like a title, yet ends inside
        // a word.
        let raw = "力争打造一批绿色低碳发展标杆企业。到 2025年,市管企业可再生能源消费\n\
                   比重达到 15%以上,万元收入能耗较2020 年下降 14%,万元收入二氧化碳排\n\
                   放下降确保完成政府下达目标各单位分 别 提 高能源利用效率的水平与整\n\
                   体能力,国家发展改革 委和市管企业共同推进相关工作并且逐步落实到位\n\
                   到 2030 年,市管企业可再生能源消费比重达到 25%左右,二氧化碳排放量整\n\
                   体达到峰值并实现稳中有降,确保完成政府下达指标,如期实现 2030 年前碳\n\
                   达峰目标,市管企业全面绿色低碳转型取得显著成效,产业结构和能源结构调\n\
                   整取得重大进展,重点行业企业能源利用效率达到国内或世界一流企业先进水\n\
                   平。\n";
        assert_eq!(
            texts(raw),
            ["力争打造一批绿色低碳发展标杆企业。到2025年，市管企业可再生能源消费比重达到15%以上，万元收入能耗较2020年下降14%，万元收入二氧化碳排放下降确保完成政府下达目标各单位分别提高能源利用效率的水平与整体能力，国家发展改革委和市管企业共同推进相关工作并且逐步落实到位到2030年，市管企业可再生能源消费比重达到25%左右，二氧化碳排放量整体达到峰值并实现稳中有降，确保完成政府下达指标，如期实现2030年前碳达峰目标，市管企业全面绿色低碳转型取得显著成效，产业结构和能源结构调整取得重大进展，重点行业企业能源利用效率达到国内或世界一流企业先进水平。"]
        );
    }

    #[test]
    fn keeps_titles_and_headings_apart() {
        assert_eq!(
            texts("钢铁行业节能降碳专项行动计划\n\n钢铁行业是重点行业。\n\n一、主要目标\n\n到2025年底，达到30%。"),
            ["钢铁行业节能降碳专项行动计划", "钢铁行业是重点行业。", "一、主要目标", "到2025年底，达到30%。"]
        );
    }

    #[test]
    fn removes_spaces_next_to_chinese_and_in_numbers() {
        let n = normalize("到 2025 年底，产能 1 000 万吨，200kA 以下，A 级， Quickwit  engine");
        assert_eq!(
            n.paragraphs[0].text,
            "到2025年底，产能1000万吨，200kA以下，A级，Quickwit engine"
        );
        assert!(n.debris.iter().all(|d| d.reason == DebrisReason::Space));
        assert_eq!(n.debris.len(), 9);
    }

    #[test]
    fn brackets_and_commas_become_full_width() {
        assert_eq!(
            texts("(市场监管总局牵头, 国家发展改革委按职责分工负责)"),
            ["（市场监管总局牵头，国家发展改革委按职责分工负责）"]
        );
    }

    #[test]
    fn drops_doubled_character_and_duplicate_tail() {
        let n = normalize(
            "（五）工作。由工业和信息化部\n\n部、市场监管总局按职责分工负责）\n\n负责)\n\n三、政策保障",
        );
        let t: Vec<_> = n.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            t,
            [
                "（五）工作。由工业和信息化部、市场监管总局按职责分工负责）",
                "三、政策保障"
            ]
        );
        let reasons: Vec<_> = n
            .debris
            .iter()
            .map(|d| (d.line, d.text.as_str(), d.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                (3, "部", DebrisReason::DoubledAtPageBreak),
                (5, "负责）", DebrisReason::DuplicateFragment)
            ]
        );
    }

    #[test]
    fn standalone_parenthetical_joins_previous_item() {
        assert_eq!(
            texts("（四）加快技术创新。推进应用。\n\n（国家发展改革委按职责分工负责）\n\n四、组织实施"),
            ["（四）加快技术创新。推进应用。（国家发展改革委按职责分工负责）", "四、组织实施"]
        );
    }

    #[test]
    fn escape_sequences_and_controls_are_debris() {
        let n = normalize("危险\u{1b}[31m红色\u{1b}]0;title\u{7}文本\u{202E}反向\u{0}");
        assert_eq!(n.paragraphs[0].text, "危险红色文本反向");
        let removed: Vec<_> = n.debris.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            removed,
            ["\u{1b}[31m", "\u{1b}]0;title\u{7}", "\u{202E}", "\u{0}"]
        );
    }

    #[test]
    fn records_raw_line_ranges() {
        let n = normalize("\n\n甲乙丙，丁\n\n戊己。\n");
        assert_eq!(n.paragraphs[0].lines, LineRange { first: 3, last: 5 });
        assert_eq!(n.rejoins[0].offset, 5);
    }
}
