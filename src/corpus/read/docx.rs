//! `.docx`: body paragraphs and table rows in reading order, one per line
//! (line n is paragraph n: [`Positions::Paragraphs`]); the numbers Word
//! generates from `word/numbering.xml` (`chineseCounting` → 一、,
//! `（%1）`, `%1．` …) are written into the text, so automatic numbering
//! parses like typed numbering. A table row is its cells joined by a tab.

use crate::t;
use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{zipped, Positions, ReadText, Unread};

pub(super) fn read(bytes: &[u8]) -> Result<ReadText, Unread> {
    let mut archive = zipped::open(bytes)?;
    let document = zipped::entry(&mut archive, "word/document.xml")?
        .ok_or_else(|| Unread(t!("read.docx_no_body").into_owned()))?;
    let numbering = match zipped::entry(&mut archive, "word/numbering.xml")? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let text = body(&document, &numbering)?;
    Ok(ReadText {
        text,
        positions: Positions::Paragraphs,
        note: None,
    })
}

fn bad_xml(e: impl std::fmt::Display) -> Unread {
    Unread(t!("read.docx_bad_xml", error = e).into_owned())
}

/// An attribute's value by local name (`w:val` → `val`).
pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == name).then(|| unescape(&a.value)))
}

pub(super) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// An entity reference in text (`&amp;`, `&#x4E00;`).
pub(super) fn entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// `word/numbering.xml`: numId → abstract numbering → levels.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    nums: HashMap<String, String>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, Unread> {
        let mut out = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(u8, Level)> = None;
        loop {
            let event = reader.read_event().map_err(bad_xml)?;
            let (e, empty) = match &event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => abstract_id = None,
                        "num" => num_id = None,
                        "lvl" => {
                            if let (Some(id), Some((ilvl, lvl))) = (&abstract_id, level.take()) {
                                out.abstracts
                                    .entry(id.clone())
                                    .or_default()
                                    .insert(ilvl, lvl);
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            match e.local_name().as_ref() {
                "abstractNum" if !empty => abstract_id = attr(e, "abstractNumId"),
                "num" if !empty => num_id = attr(e, "numId"),
                "abstractNumId" => {
                    if let (Some(num), Some(val)) = (&num_id, attr(e, "val")) {
                        out.nums.insert(num.clone(), val);
                    }
                }
                "lvl" if !empty && abstract_id.is_some() => {
                    let ilvl = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = Some((
                        ilvl,
                        Level {
                            start: 1,
                            ..Level::default()
                        },
                    ));
                }
                "numFmt" => {
                    if let (Some((_, lvl)), Some(v)) = (&mut level, attr(e, "val")) {
                        lvl.format = v;
                    }
                }
                "lvlText" => {
                    if let (Some((_, lvl)), Some(v)) = (&mut level, attr(e, "val")) {
                        lvl.text = v;
                    }
                }
                "start" => {
                    if let (Some((_, lvl)), Some(v)) = (&mut level, attr(e, "val")) {
                        lvl.start = v.parse().unwrap_or(1);
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    fn levels(&self, num_id: &str) -> Option<&HashMap<u8, Level>> {
        self.abstracts.get(self.nums.get(num_id)?)
    }
}

/// Counters per abstract numbering, per level.
#[derive(Default)]
struct Counters(HashMap<String, [u32; 9]>);

impl Counters {
    /// The label of the next paragraph numbered `num_id` at `ilvl`.
    fn next(&mut self, numbering: &Numbering, num_id: &str, ilvl: u8) -> Option<String> {
        let levels = numbering.levels(num_id)?;
        let ilvl = ilvl.min(8);
        let level = levels.get(&ilvl)?;
        let key = numbering.nums.get(num_id)?.clone();
        let counts = self.0.entry(key).or_insert([0; 9]);
        let i = usize::from(ilvl);
        counts[i] = if counts[i] == 0 {
            level.start.max(1)
        } else {
            counts[i] + 1
        };
        for deeper in counts.iter_mut().skip(i + 1) {
            *deeper = 0;
        }
        if level.format == "none" {
            return Some(String::new());
        }
        if level.format == "bullet" {
            return None;
        }
        let mut label = level.text.clone();
        for l in (0..=ilvl).rev() {
            let placeholder = format!("%{}", l + 1);
            if !label.contains(&placeholder) {
                continue;
            }
            let n = match counts[usize::from(l)] {
                0 => levels.get(&l).map_or(1, |lvl| lvl.start.max(1)),
                n => n,
            };
            let format = levels.get(&l).map_or("decimal", |lvl| lvl.format.as_str());
            label = label.replace(&placeholder, &format_number(n, format));
        }
        Some(label)
    }
}

/// A counter in one of Word's number formats.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographDigital"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => crate::text::chinese_numeral(n),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or(n.to_string(), String::from)
        }
        "ideographTraditional" if (1..=10).contains(&n) => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth(n as usize - 1)
            .map_or(n.to_string(), String::from),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let letter = (base + ((n.max(1) - 1) % 26) as u8) as char;
            letter
                .to_string()
                .repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        "upperRoman" | "lowerRoman" => {
            let roman = roman(n);
            if format == "lowerRoman" {
                roman.to_lowercase()
            } else {
                roman
            }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value && out.len() < 32 {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The body: one line per paragraph outside tables and per table row.
fn body(xml: &str, numbering: &Numbering) -> Result<String, Unread> {
    let mut reader = Reader::from_str(xml);
    let mut lines: Vec<String> = Vec::new();
    let mut counters = Counters::default();
    // Nesting of tables; cells of the current (outermost) row.
    let mut table_depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut paragraph = String::new();
    let mut num: (Option<String>, u8) = (None, 0);
    let mut in_text = false;
    loop {
        match reader.read_event().map_err(bad_xml)? {
            Event::Start(e) if e.local_name().as_ref() == "p" => {
                paragraph.clear();
                num = (None, 0);
            }
            Event::Empty(e) if e.local_name().as_ref() == "p" && table_depth == 0 => {
                lines.push(String::new());
            }
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tbl" => table_depth += 1,
                "tr" if table_depth == 1 => row.clear(),
                "tc" if table_depth == 1 => cell.clear(),
                "numId" => num.0 = attr(&e, "val"),
                "ilvl" => num.1 = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "numId" => num.0 = attr(&e, "val"),
                "ilvl" => num.1 = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
                "tab" if !paragraph.is_empty() => paragraph.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = entity(&r) {
                    paragraph.push(c);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let label = match &num.0 {
                        Some(id) if id != "0" => counters.next(numbering, id, num.1),
                        _ => None,
                    };
                    let text = match label {
                        Some(label) => format!("{label}{}", paragraph.trim_start()),
                        None => std::mem::take(&mut paragraph),
                    };
                    paragraph.clear();
                    if table_depth == 0 {
                        lines.push(text);
                    } else if !text.trim().is_empty() {
                        if !cell.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(text.trim());
                    }
                }
                "tc" if table_depth == 1 => row.push(std::mem::take(&mut cell)),
                "tr" if table_depth == 1 => {
                    let cells: Vec<&str> = row
                        .iter()
                        .map(|c| c.as_str())
                        .filter(|c| !c.is_empty())
                        .collect();
                    lines.push(cells.join("\t"));
                    row.clear();
                }
                "tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3．"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
    </w:numbering>"#;

    fn p(level: Option<u8>, text: &str) -> String {
        let num = level.map_or(String::new(), |l| {
            format!(
                r#"<w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="5"/></w:numPr></w:pPr>"#
            )
        });
        format!("<w:p>{num}<w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn automatic_numbering_is_rebuilt() {
        let doc = format!(
            "<w:document xmlns:w=\"w\"><w:body>{}{}{}{}{}{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl></w:body></w:document>",
            p(None, "实施方案"),
            p(Some(0), "总体要求"),
            p(Some(1), "指导思想"),
            p(Some(1), "主要目标"),
            p(Some(2), "到2025年 &amp; 以后"),
            p(Some(0), "重点任务"),
            p(None, "牵头单位"),
            p(None, "市发展改革委"),
        );
        let numbering = Numbering::parse(NUMBERING).unwrap();
        assert_eq!(
            body(&doc, &numbering).unwrap(),
            "实施方案\n一、总体要求\n（一）指导思想\n（二）主要目标\n1．到2025年 & 以后\n二、重点任务\n牵头单位\t市发展改革委"
        );
    }
}
