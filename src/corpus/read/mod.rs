//! Readers: one file's bytes → text with source positions.
//!
//! Every format becomes the same thing: UTF-8 text, one paragraph (or one
//! raw line) per line, which [`normalize`](super::normalize) and
//! [`parse`](super::parse) handle as they handle a `.txt`. What a line
//! number means depends on the format ([`Positions`]): a raw line of a
//! text file, a paragraph of a `.docx` or a saved page, a page and line of
//! a PDF or OFD. Each format is its own module; this facade picks one by
//! extension (case-insensitive) and turns every failure into a warning.

mod docx;
mod html;
mod ofd;
mod pdf;
mod text;
mod zipped;

use std::path::Path;

use super::normalize::LineRange;
use crate::t;

/// What the line numbers of a read file refer to.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Positions {
    /// Raw lines of a text file (`.txt`, `.md`).
    #[default]
    Lines,
    /// Line n is paragraph n of the original: a `.docx` body paragraph or
    /// table row, or a block of a saved web page's article.
    Paragraphs,
    /// Line n came from `pages[n - 1]`: (page, line on that page), both
    /// 1-based (PDF, OFD).
    Pages(Vec<(u32, u32)>),
}

impl Positions {
    /// A line range as the user finds it in the original: `lines 3–5`,
    /// `第4段`, `第2页第3行至第2页第9行`.
    pub fn describe(&self, lines: LineRange) -> String {
        match self {
            Positions::Lines => lines.to_string(),
            Positions::Paragraphs if lines.first == lines.last => {
                t!("place.paragraph", paragraph = lines.first).into_owned()
            }
            Positions::Paragraphs => {
                t!("place.paragraphs", first = lines.first, last = lines.last).into_owned()
            }
            Positions::Pages(_) => {
                let first = self.place(lines.first);
                if lines.first == lines.last {
                    first
                } else {
                    t!("place.range", first = first, last = self.place(lines.last)).into_owned()
                }
            }
        }
    }

    /// One line (with a column, for debris) as the user finds it.
    pub fn describe_point(&self, line: usize, column: usize) -> String {
        match self {
            Positions::Lines => t!("place.line_column", line = line, column = column).into_owned(),
            Positions::Paragraphs => {
                t!("place.paragraph_column", paragraph = line, column = column).into_owned()
            }
            Positions::Pages(_) => format!("{}:{column}", self.place(line)),
        }
    }

    /// One line as the user finds it (`line 3`, `第3段`, `第2页第5行`).
    pub fn describe_line(&self, line: usize) -> String {
        match self {
            Positions::Lines => t!("place.line", line = line).into_owned(),
            Positions::Paragraphs => t!("place.paragraph", paragraph = line).into_owned(),
            Positions::Pages(_) => self.place(line),
        }
    }

    fn place(&self, line: usize) -> String {
        match self {
            Positions::Pages(pages) => match line.checked_sub(1).and_then(|i| pages.get(i)) {
                Some((page, on_page)) => {
                    t!("place.page_line", page = page, line = on_page).into_owned()
                }
                None => t!("place.line", line = line).into_owned(),
            },
            _ => t!("place.line", line = line).into_owned(),
        }
    }
}

/// A file read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadText {
    /// UTF-8 text, one paragraph or raw line per line.
    pub text: String,
    /// What its line numbers refer to.
    pub positions: Positions,
    /// A note for the user that does not stop loading (the encoding of a
    /// text file that was not UTF-8).
    pub note: Option<String>,
}

/// Why a file could not be read; it is skipped with this message (Chinese,
/// for the user), and the rest of the corpus loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread(pub String);

/// The document formats, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`, `.md`.
    Text,
    /// `.docx`.
    Docx,
    /// `.html`, `.htm`.
    Html,
    /// `.pdf`.
    Pdf,
    /// `.ofd`.
    Ofd,
    /// `.doc`, `.wps`: recognized, not read.
    Legacy,
}

impl Format {
    /// The format of a path by its extension (case-insensitive); `None` for
    /// files that are not documents.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "md" => Format::Text,
            "docx" => Format::Docx,
            "html" | "htm" => Format::Html,
            "pdf" => Format::Pdf,
            "ofd" => Format::Ofd,
            "doc" | "wps" => Format::Legacy,
            _ => return None,
        })
    }
}

/// Reads a file's bytes as text. Never panics on any input: a corrupt or
/// truncated file is an [`Unread`].
pub fn read(format: Format, bytes: Vec<u8>) -> Result<ReadText, Unread> {
    match format {
        Format::Text => Ok(text::read(bytes)),
        Format::Docx => docx::read(&bytes),
        Format::Html => Ok(html::read(&bytes)),
        Format::Pdf => pdf::read(&bytes),
        Format::Ofd => ofd::read(&bytes),
        Format::Legacy => Err(Unread(t!("read.legacy_word").into_owned())),
    }
}

/// Re-flows lines of one page into paragraphs: a line as wide as the
/// page's text (a full line) continues in the next unless the next starts
/// a numbered item. Returns the paragraphs with the 1-based line on the
/// page each starts at. Page ends are left alone: the normalizer's
/// page-break repair joins a paragraph cut there and records it.
pub(crate) fn reflow_page(lines: &[String]) -> Vec<(String, u32)> {
    let width = |s: &str| -> usize {
        s.chars()
            .map(|c| if crate::text::is_wide_text(c) { 2 } else { 1 })
            .sum()
    };
    let full = lines.iter().map(|l| width(l.trim())).max().unwrap_or(0);
    let mut out: Vec<(String, u32)> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        let joins = open && !super::markers::starts_structure(line);
        match out.last_mut() {
            Some((text, _)) if joins => text.push_str(line),
            _ => out.push((line.to_string(), i as u32 + 1)),
        }
        let last = line.chars().last().unwrap_or('。');
        // A full line (at least 4/5 of the widest: proportional glyphs and
        // digits make full lines differ in characters) that does not end a
        // sentence runs on.
        open =
            full > 20 && width(line) * 5 >= full * 4 && !crate::text::is_terminal_punctuation(last);
    }
    out
}

/// Paragraphs of numbered pages → text and [`Positions::Pages`]; a page
/// break is a line break (never a blank line), so the normalizer can
/// rejoin a paragraph cut by it.
pub(crate) fn join_pages(pages: &[Vec<String>]) -> (String, Positions) {
    let mut text = String::new();
    let mut positions = Vec::new();
    for (p, lines) in pages.iter().enumerate() {
        for (paragraph, line) in reflow_page(lines) {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&paragraph);
            positions.push((p as u32 + 1, line));
        }
    }
    (text, Positions::Pages(positions))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reflow_joins_full_lines_and_keeps_short_ones_and_items() {
        let lines: Vec<String> = [
            "一、总体要求",
            "为深入贯彻落实党中央、国务院决策部署，推动工业领域碳达峰",
            "工作，制定本方案。",
            "（一）主要目标。到2025年，规模以上工业单位增加值能耗较",
            "2020年下降13.5%。",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let out = reflow_page(&lines);
        let texts: Vec<&str> = out.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "一、总体要求",
                "为深入贯彻落实党中央、国务院决策部署，推动工业领域碳达峰工作，制定本方案。",
                "（一）主要目标。到2025年，规模以上工业单位增加值能耗较2020年下降13.5%。",
            ]
        );
        assert_eq!(out[1].1, 2);
        assert_eq!(out[2].1, 4);
    }

    #[test]
    fn positions_describe_pages_and_paragraphs() {
        let pages = Positions::Pages(vec![(1, 1), (1, 3), (2, 1)]);
        assert_eq!(
            pages.describe(LineRange { first: 2, last: 3 }),
            "第1页第3行至第2页第1行"
        );
        assert_eq!(
            Positions::Paragraphs.describe(LineRange { first: 4, last: 4 }),
            "第4段"
        );
    }

    #[test]
    fn extensions_are_case_insensitive() {
        assert_eq!(Format::of(Path::new("a/B.TXT")), Some(Format::Text));
        assert_eq!(Format::of(Path::new("x.Docx")), Some(Format::Docx));
        assert_eq!(Format::of(Path::new("x.json")), None);
    }
}
