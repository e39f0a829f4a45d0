//! Character classes and numeral helpers shared by the corpus pipeline.

/// True for CJK ideographs (the unified blocks and their extensions).
pub fn is_cjk_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// True for characters that belong to Chinese running text: ideographs,
/// CJK punctuation, full-width forms and typographic quotes and dashes.
/// Spaces next to such characters are layout debris, never content.
pub fn is_wide_text(c: char) -> bool {
    is_cjk_ideograph(c)
        || matches!(c as u32,
            0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2018..=0x201F | 0x2014 | 0x2015 | 0x2026 | 0x00B7)
}

/// Characters that end a sentence or a clause-final bracket: a paragraph
/// ending in one of these was not cut by a page break.
pub fn is_terminal_punctuation(c: char) -> bool {
    matches!(
        c,
        '。' | '；'
            | '！'
            | '？'
            | '：'
            | '…'
            | '”'
            | '’'
            | '）'
            | '》'
            | '」'
            | '』'
            | '.'
            | ';'
            | '!'
            | '?'
            | ':'
    )
}

/// Value of a Chinese numeral such as 一, 十二, 二十, 一百零五 (up to 999).
pub fn chinese_numeral_value(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0;
    let mut current: Option<u32> = None;
    for c in s.chars() {
        match c {
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            '百' => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            _ => current = Some(current.unwrap_or(0) * 10 + digit(c)?),
        }
    }
    Some(total + current.unwrap_or(0))
}

/// Chinese numeral for `n` (1..=999), as section and item labels spell it.
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push_str(DIGITS[h as usize]);
        s.push('百');
        if t == 0 && u > 0 {
            s.push('零');
        }
    }
    if t > 0 {
        if !(t == 1 && h == 0) {
            s.push_str(DIGITS[t as usize]);
        }
        s.push('十');
    }
    if u > 0 || n == 0 {
        s.push_str(DIGITS[u as usize]);
    }
    s
}

/// True if every character of `s` is a Chinese numeral character.
pub fn is_chinese_numeral(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| "零〇一二两三四五六七八九十百".contains(c))
}

/// Folds full-width ASCII variants (digits, letters, brackets, colon, hash,
/// full stop, percent) to their ASCII forms. Used on user input, where an
/// IME may produce either width.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '〔' | '【' => '[',
            '〕' | '】' => ']',
            _ => c,
        })
        .collect()
}

/// Length of the longest common subsequence of two strings, in characters.
pub fn common_subsequence_len(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row = vec![0usize; b.len() + 1];
    for &ca in &a {
        let mut diagonal = 0;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Edit distance between two strings, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Cuts `text` to at most `width` terminal cells, ending with `marker`
/// (one cell wide) when it had to cut.
pub fn truncate_cells(text: &str, width: usize, marker: char) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push(marker);
    out
}

/// Pads `text` with spaces on the right to `width` terminal cells.
pub fn pad_cells(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// True for characters that must never reach a terminal raw: every control
/// character (C0, DEL, C1 — tab included), bidi embeddings, overrides,
/// isolates and marks, the byte-order mark, and the Unicode line and
/// paragraph separators.
pub fn is_terminal_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{FEFF}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `s` with every [`is_terminal_unsafe`] character written as a visible
/// Rust-style escape (`\u{1b}`), for names and paths that come from outside
/// (file names, directory names) and are shown to the user.
pub fn escape_for_terminal(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_terminal_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_terminal_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Serialized JSON with every [`is_terminal_unsafe`] character that
/// serde_json leaves raw (DEL, C1 controls, bidi controls, separators)
/// written as a `\uXXXX` escape. Such characters can only occur inside JSON
/// strings, where the escape means the same character, so the value parses
/// back identically.
pub fn escape_json_for_terminal(json: &str) -> std::borrow::Cow<'_, str> {
    use std::fmt::Write as _;
    // Scanned by byte (the targets of 10,000 plans are 50 MB of JSON): an
    // unsafe character is ASCII below 0x20 or DEL, or its UTF-8 starts
    // with C2 (C1 controls), D8 (U+061C), E2 (U+200E…U+2069) or EF
    // (U+FEFF); only there is a character decoded and looked at. Those
    // bytes start a character, so `json[i..]` is at a boundary.
    let may_start_unsafe = |b: u8| {
        (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t'))
            || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2 | 0xef)
    };
    let bytes = json.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        // 32 bytes at a time, with no early exit, which the compiler
        // turns into vector instructions; a block with a candidate is
        // looked at byte by byte (a character begun in it may end past it).
        let end = (i + 32).min(bytes.len());
        if end - i == 32
            && !bytes[i..end]
                .iter()
                .fold(false, |any, &b| any | may_start_unsafe(b))
        {
            i = end;
            continue;
        }
        while i < end {
            if !may_start_unsafe(bytes[i]) {
                i += 1;
                continue;
            }
            let Some(c) = json[i..].chars().next() else {
                break;
            };
            if is_terminal_unsafe_in_json(c) {
                let escaped = out.get_or_insert_with(|| String::with_capacity(json.len() + 16));
                escaped.push_str(&json[copied..i]);
                let _ = write!(escaped, "\\u{:04x}", c as u32);
                copied = i + c.len_utf8();
            }
            i += c.len_utf8();
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(json),
        Some(mut escaped) => {
            escaped.push_str(&json[copied..]);
            std::borrow::Cow::Owned(escaped)
        }
    }
}

/// Writes `value` as pretty JSON and a newline, with every character
/// [`escape_json_for_terminal`] escapes escaped, streamed: a big list (the
/// targets of 10,000 plans are 50 MB of JSON) is never held whole.
pub fn write_json_for_terminal<W: std::io::Write, T: serde::Serialize + ?Sized>(
    out: &mut W,
    value: &T,
) -> std::io::Result<()> {
    let mut safe = TerminalSafe {
        inner: &mut *out,
        partial: Vec::new(),
    };
    use std::io::Write as _;
    // serde_json writes a few bytes at a time (a key, a comma, an
    // indentation): gathered into large pieces before they are checked.
    let mut gathered = std::io::BufWriter::with_capacity(64 * 1024, &mut safe);
    serde_json::to_writer_pretty(&mut gathered, value).map_err(std::io::Error::from)?;
    gathered.flush()?;
    drop(gathered);
    // Pieces end anywhere, but the JSON as a whole is UTF-8: a character
    // still cut short at the end cannot be, and is written as it came.
    let rest = std::mem::take(&mut safe.partial);
    out.write_all(&rest)?;
    writeln!(out)
}

/// Rows below which a thread costs more than it saves.
const ROWS_PER_PART: usize = 2048;

/// [`write_json_for_terminal`] for a list, its rows rendered on every core
/// when there are many (the targets of 10,000 plans: 92,000 rows, 50 MB).
/// The text is the same as from one thread.
pub fn write_json_rows_for_terminal<W: std::io::Write, T: serde::Serialize + Sync>(
    out: &mut W,
    rows: &[T],
) -> std::io::Result<()> {
    let parts = crate::parallel::cores(8).min(rows.len() / ROWS_PER_PART);
    write_json_rows_in_parts(out, rows, parts)
}

fn write_json_rows_in_parts<W: std::io::Write, T: serde::Serialize + Sync>(
    out: &mut W,
    rows: &[T],
    parts: usize,
) -> std::io::Result<()> {
    if parts < 2 {
        return write_json_for_terminal(out, rows);
    }
    let parts: Vec<&[T]> = rows.chunks(rows.len().div_ceil(parts)).collect();
    // Each part is a pretty array of its own, "[\n" + rows + "\n]": rows
    // are indented alike at that depth, so the parts' rows joined with ",\n"
    // are the whole array's.
    // (Escaping leaves the brackets and line breaks between rows alone; a
    // part with nothing to escape is written from its own text, not a
    // copy of it.)
    let rendered = crate::parallel::map(&parts, |part| {
        let json = serde_json::to_string_pretty(part)?;
        Ok::<_, serde_json::Error>(match escape_json_for_terminal(&json) {
            std::borrow::Cow::Owned(escaped) => escaped,
            std::borrow::Cow::Borrowed(_) => json,
        })
    });
    let rendered = rendered
        .into_iter()
        .collect::<Result<Vec<String>, _>>()
        .map_err(std::io::Error::from)?;
    let pieces: Vec<&[u8]> = rendered
        .iter()
        .map(|json| rows_of_array(json).as_bytes())
        .collect();
    write_rendered_json_rows(out, &pieces)
}

/// The rows of a pretty JSON array as serde_json writes it, `"[\n"` +
/// rows + `"\n]"`, as they stand within it.
fn rows_of_array(json: &str) -> &str {
    json.strip_prefix("[\n")
        .and_then(|j| j.strip_suffix("\n]"))
        .unwrap_or_default()
}

/// What separates two rows of a pretty JSON list.
pub const JSON_ROW_SEPARATOR: &[u8] = b",\n";

/// Each row as [`write_json_rows_for_terminal`] writes it within the list
/// (indented, escaped, without the comma between rows), rendered on every
/// core: kept so that the list can later be written without rendering it
/// again ([`write_rendered_json_rows`]).
pub fn json_rows_for_terminal<T: serde::Serialize + Sync>(
    rows: &[T],
) -> Result<Vec<String>, serde_json::Error> {
    let parts: Vec<&[T]> = rows.chunks(ROWS_PER_PART).collect();
    let rendered = crate::parallel::map(&parts, |part| {
        part.iter()
            .map(|row| {
                let json = serde_json::to_string_pretty(std::slice::from_ref(row))?;
                Ok(rows_of_array(&escape_json_for_terminal(&json)).to_string())
            })
            .collect::<Result<Vec<String>, serde_json::Error>>()
    });
    let mut all = Vec::with_capacity(rows.len());
    for part in rendered {
        all.extend(part?);
    }
    Ok(all)
}

/// Writes rows kept from [`json_rows_for_terminal`] as the list
/// [`write_json_rows_for_terminal`] writes of them: the same text. Each
/// piece is one row or several joined by `,\n` as in the list.
pub fn write_rendered_json_rows<W: std::io::Write>(
    out: &mut W,
    pieces: &[&[u8]],
) -> std::io::Result<()> {
    if pieces.is_empty() {
        return out.write_all(b"[]\n");
    }
    out.write_all(b"[\n")?;
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            out.write_all(JSON_ROW_SEPARATOR)?;
        }
        out.write_all(piece)?;
    }
    out.write_all(b"\n]\n")
}

/// A writer that passes UTF-8 on with [`escape_json_for_terminal`]
/// applied, holding back a character cut between two writes.
struct TerminalSafe<W> {
    inner: W,
    partial: Vec<u8>,
}

impl<W: std::io::Write> TerminalSafe<W> {
    fn pass_on(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        // The text up to the first byte that is not UTF-8 (validated once).
        let text = bytes.utf8_chunks().next().map_or("", |chunk| chunk.valid());
        let valid = text.len();
        // What follows is a character cut at the end (held back for the
        // next write) or not UTF-8 at all.
        let invalid = valid < bytes.len()
            && std::str::from_utf8(&bytes[valid..]).is_err_and(|e| e.error_len().is_some());
        self.inner
            .write_all(escape_json_for_terminal(text).as_bytes())?;
        if invalid {
            // Not UTF-8 (serde_json never writes that): the rest as it came.
            self.inner.write_all(&bytes[valid..])?;
            return Ok(bytes.len());
        }
        Ok(valid)
    }
}

impl<W: std::io::Write> std::io::Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        if !self.partial.is_empty() {
            // Complete the character held back (its first byte says how
            // long it is) and pass it on alone, rather than copying the
            // whole of `buf` behind it.
            let length: usize = match self.partial[0] {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            let missing = length.saturating_sub(self.partial.len());
            if rest.len() < missing {
                self.partial.extend_from_slice(rest);
                return Ok(buf.len());
            }
            let mut character = std::mem::take(&mut self.partial);
            character.extend_from_slice(&rest[..missing]);
            let done = self.pass_on(&character)?;
            self.partial.extend_from_slice(&character[done..]);
            rest = &rest[missing..];
        }
        let done = self.pass_on(rest)?;
        self.partial.extend_from_slice(&rest[done..]);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Unsafe characters other than the whitespace JSON uses between tokens.
fn is_terminal_unsafe_in_json(c: char) -> bool {
    is_terminal_unsafe(c) && !matches!(c, '\n' | '\r' | '\t' | ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_json_is_escaped_like_the_whole_text() {
        let value = serde_json::json!({
            "text": "节能\u{202e}降碳\u{85}；\u{2028}完",
            "rows": ["钢铁", "\u{9b}31m"],
        });
        let whole = serde_json::to_string_pretty(&value).unwrap();
        let mut streamed = Vec::new();
        write_json_for_terminal(&mut streamed, &value).unwrap();
        let streamed = String::from_utf8(streamed).unwrap();
        assert_eq!(streamed, format!("{}\n", escape_json_for_terminal(&whole)));
        assert!(!streamed.contains('\u{202e}') && streamed.contains("\\u202e"));
        let back: serde_json::Value = serde_json::from_str(&streamed).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn rows_rendered_in_parts_read_as_from_one_thread() {
        let rows: Vec<serde_json::Value> = (0..10)
            .map(|i| serde_json::json!({ "n": i, "text": format!("节能{i}\u{202e}"), "list": [i, "甲"] }))
            .collect();
        let mut whole = Vec::new();
        write_json_for_terminal(&mut whole, &rows).unwrap();
        for parts in [2, 3, 4, 10] {
            let mut split = Vec::new();
            write_json_rows_in_parts(&mut split, &rows, parts).unwrap();
            assert_eq!(
                String::from_utf8(split).unwrap(),
                String::from_utf8(whole.clone()).unwrap(),
                "{parts} parts"
            );
        }
        let mut empty = Vec::new();
        write_json_rows_for_terminal(&mut empty, &[] as &[serde_json::Value]).unwrap();
        assert_eq!(empty, b"[]\n");
    }

    /// Rows kept rendered and written later make the text rendered now,
    /// for no row, one, and more than one part's worth.
    #[test]
    fn rows_kept_rendered_write_the_rendered_list() {
        for n in [0, 1, 3, ROWS_PER_PART * 2 + 5] {
            let rows: Vec<serde_json::Value> = (0..n)
                .map(|i| serde_json::json!({ "n": i, "text": format!("节能{i}\u{202e}\u{85}"), "list": [i, "甲"], "nested": { "a": [] } }))
                .collect();
            let mut rendered = Vec::new();
            write_json_rows_for_terminal(&mut rendered, &rows).unwrap();
            let kept = json_rows_for_terminal(&rows).unwrap();
            let kept: Vec<&[u8]> = kept.iter().map(String::as_bytes).collect();
            let mut written = Vec::new();
            write_rendered_json_rows(&mut written, &kept).unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(rendered).unwrap(),
                "{n} rows"
            );
        }
    }

    #[test]
    fn a_character_cut_between_writes_is_escaped_whole() {
        use std::io::Write;
        let mut out = Vec::new();
        let mut safe = TerminalSafe {
            inner: &mut out,
            partial: Vec::new(),
        };
        let text = "甲\u{202e}乙".as_bytes();
        // Byte by byte: every character arrives cut.
        for b in text {
            safe.write_all(std::slice::from_ref(b)).unwrap();
        }
        assert!(safe.partial.is_empty());
        assert_eq!(String::from_utf8(out).unwrap(), "甲\\u202e乙");
    }

    /// The byte scan escapes exactly what the character-wise definition
    /// does, for every unsafe character and its neighbours, and a stream
    /// cut anywhere (every pair of cut points) writes the same text.
    #[test]
    fn the_byte_scan_escapes_what_the_definition_says() {
        use std::io::Write;
        let by_definition = |s: &str| -> String {
            s.chars()
                .map(|c| {
                    if is_terminal_unsafe_in_json(c) {
                        format!("\\u{:04x}", c as u32)
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        };
        let mut samples: Vec<char> = (0u32..0x100).filter_map(char::from_u32).collect();
        for range in [
            0x600..0x620,
            0x2000..0x2070,
            0xfef0..0xff10,
            0x1f600..0x1f610,
        ] {
            samples.extend(range.filter_map(char::from_u32));
        }
        samples.extend("“钢铁”…—，节能降碳".chars());
        for c in &samples {
            let text = format!("甲{c}乙\n{c}");
            assert_eq!(
                escape_json_for_terminal(&text),
                by_definition(&text),
                "{c:?}"
            );
        }
        let text: String = samples.iter().collect();
        let whole = by_definition(&text);
        assert_eq!(escape_json_for_terminal(&text), whole);
        let bytes = text.as_bytes();
        for first in (0..bytes.len()).step_by(7) {
            for second in (first..bytes.len()).step_by(13) {
                let mut out = Vec::new();
                let mut safe = TerminalSafe {
                    inner: &mut out,
                    partial: Vec::new(),
                };
                for piece in [&bytes[..first], &bytes[first..second], &bytes[second..]] {
                    safe.write_all(piece).unwrap();
                }
                assert!(safe.partial.is_empty());
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    whole,
                    "cut at {first}, {second}"
                );
            }
        }
    }

    #[test]
    fn chinese_numerals_round_trip() {
        for n in 1..=120 {
            assert_eq!(chinese_numeral_value(&chinese_numeral(n)), Some(n), "{n}");
        }
        assert_eq!(chinese_numeral(11), "十一");
        assert_eq!(chinese_numeral(20), "二十");
        assert_eq!(chinese_numeral(105), "一百零五");
        assert_eq!(chinese_numeral_value("甲"), None);
    }

    #[test]
    fn truncation_and_padding_measure_cells() {
        assert_eq!(truncate_cells("钢铁行业节能降碳", 7, '…'), "钢铁行…");
        assert_eq!(truncate_cells("钢铁", 4, '…'), "钢铁");
        assert_eq!(truncate_cells("钢铁", 0, '…'), "");
        assert_eq!(pad_cells("钢铁", 6), "钢铁  ");
    }

    #[test]
    fn width_folding_and_distances() {
        assert_eq!(fold_width("钢铁：二（五）＃２"), "钢铁:二(五)#2");
        assert_eq!(edit_distance("钢铁:二(五)", "钢铁:二(六)"), 1);
        assert_eq!(common_subsequence_len("油行业", "炼油行业"), 3);
    }

    #[test]
    fn terminal_escaping() {
        assert_eq!(escape_for_terminal("a\x1b]0;t\x07b"), "a\\u{1b}]0;t\\u{7}b");
        assert_eq!(escape_for_terminal("文\u{202E}件"), "文\\u{202e}件");
        assert!(matches!(
            escape_for_terminal("文件"),
            std::borrow::Cow::Borrowed(_)
        ));
        let value = serde_json::json!({"t": "x\u{9b}2J\u{202E}\u{7f}\x1b\n"});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = escape_json_for_terminal(&text);
        assert!(
            !safe.chars().any(|c| is_terminal_unsafe(c) && c != '\n'),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
