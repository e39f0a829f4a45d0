//! `.docx`: body paragraphs and table rows in reading order, one per line
//! (line n is paragraph n: [`Positions::Paragraphs`]); the numbers Word
//! generates from `word/numbering.xml` (`chineseCounting` → 一、,
//! `（%1）`, `%1．` …) are written into the text, so automatic numbering
//! parses like typed numbering, whether a paragraph names its numbering
//! itself or through its paragraph style (`word/styles.xml`, with
//! `basedOn` inheritance). A table row is its cells joined by a tab.

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
    // Styles only add numbering: a damaged styles part costs the styles'
    // numbering (with a note), never the document.
    let (styles, note) = match zipped::entry(&mut archive, "word/styles.xml")
        .and_then(|xml| xml.map_or(Ok(Styles::default()), |xml| Styles::parse(&xml)))
    {
        Ok(styles) => (styles, None),
        Err(Unread(why)) => (
            Styles::default(),
            Some(t!("read.docx_styles_unread", error = why).into_owned()),
        ),
    };
    let text = body(&document, &numbering, &styles)?;
    Ok(ReadText {
        text,
        positions: Positions::Paragraphs,
        note,
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

/// A tag of a streamed XML part: an opening tag (and whether it closes
/// itself) or a closing tag's local name.
enum Tag<'a, 'x> {
    Open(&'a BytesStart<'x>, bool),
    Close(&'a str),
}

/// Calls `on` for every tag of `xml`, in order.
fn each_tag(xml: &str, mut on: impl FnMut(Tag<'_, '_>)) -> Result<(), Unread> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(bad_xml)? {
            Event::Start(e) => on(Tag::Open(&e, false)),
            Event::Empty(e) => on(Tag::Open(&e, true)),
            Event::End(e) => on(Tag::Close(e.local_name().as_ref())),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
    /// The paragraph style this level belongs to (`<w:pStyle>` in the
    /// level): how a style that names only a numId gets its level.
    style: Option<String>,
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
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(u8, Level)> = None;
        each_tag(xml, |tag| match tag {
            Tag::Close("abstractNum") => abstract_id = None,
            Tag::Close("num") => num_id = None,
            Tag::Close("lvl") => {
                if let (Some(id), Some((ilvl, lvl))) = (&abstract_id, level.take()) {
                    out.abstracts
                        .entry(id.clone())
                        .or_default()
                        .insert(ilvl, lvl);
                }
            }
            Tag::Close(_) => {}
            Tag::Open(e, empty) => match e.local_name().as_ref() {
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
                name => {
                    let (Some((_, lvl)), Some(v)) = (&mut level, attr(e, "val")) else {
                        return;
                    };
                    match name {
                        "numFmt" => lvl.format = v,
                        "lvlText" => lvl.text = v,
                        "start" => lvl.start = v.parse().unwrap_or(1),
                        "pStyle" => lvl.style = Some(v),
                        _ => {}
                    }
                }
            },
        })?;
        Ok(out)
    }

    fn levels(&self, num_id: &str) -> Option<&HashMap<u8, Level>> {
        self.abstracts.get(self.nums.get(num_id)?)
    }

    /// The level of `num_id` that names `style` as its paragraph style.
    fn level_of_style(&self, num_id: &str, style: &str) -> Option<u8> {
        self.levels(num_id)?
            .iter()
            .filter(|(_, level)| level.style.as_deref() == Some(style))
            .map(|(&ilvl, _)| ilvl)
            .min()
    }
}

/// A numbering reference (`<w:numPr>`): each part may be missing, and is
/// then inherited (from the paragraph's style, or a style's `basedOn`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct NumberingRef {
    num_id: Option<String>,
    ilvl: Option<u8>,
}

impl NumberingRef {
    /// Reads a `numId` or `ilvl` element into the reference.
    fn take(&mut self, e: &BytesStart<'_>) {
        match e.local_name().as_ref() {
            "numId" => self.num_id = attr(e, "val"),
            "ilvl" => self.ilvl = attr(e, "val").and_then(|v| v.parse().ok()),
            _ => {}
        }
    }
}

#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    numbering: NumberingRef,
}

/// `word/styles.xml`: the paragraph styles, for the numbering they carry.
#[derive(Debug, Default)]
struct Styles {
    paragraph: HashMap<String, Style>,
    /// The style of paragraphs that name none (`w:default="1"`).
    default: Option<String>,
}

/// The longest `basedOn` chain followed; Word itself stops far sooner, and
/// a cycle ends here too.
const MAX_STYLE_DEPTH: usize = 32;

impl Styles {
    fn parse(xml: &str) -> Result<Styles, Unread> {
        let mut out = Styles::default();
        // The paragraph style being read, and whether we are in its own
        // paragraph properties (not a revision's record of old ones).
        let mut current: Option<(String, Style)> = None;
        let mut in_ppr = false;
        let mut in_change = false;
        each_tag(xml, |tag| match tag {
            Tag::Close("style") => {
                if let Some((id, style)) = current.take() {
                    out.paragraph.insert(id, style);
                }
            }
            Tag::Close("pPr") if !in_change => in_ppr = false,
            Tag::Close("pPrChange") => in_change = false,
            Tag::Close(_) => {}
            Tag::Open(e, empty) => match e.local_name().as_ref() {
                "style" if !empty => {
                    // A style without w:type is a paragraph style.
                    let paragraph = attr(e, "type").is_none_or(|t| t == "paragraph");
                    current = match (paragraph, attr(e, "styleId")) {
                        (true, Some(id)) => {
                            if attr(e, "default").is_some_and(|d| d == "1" || d == "true") {
                                out.default = Some(id.clone());
                            }
                            Some((id, Style::default()))
                        }
                        _ => None,
                    };
                }
                "basedOn" => {
                    if let Some((_, style)) = &mut current {
                        style.based_on = attr(e, "val");
                    }
                }
                "pPr" if !empty && !in_change => in_ppr = current.is_some(),
                "pPrChange" if !empty => in_change = true,
                "numId" | "ilvl" if in_ppr && !in_change => {
                    if let Some((_, style)) = &mut current {
                        style.numbering.take(e);
                    }
                }
                _ => {}
            },
        })?;
        Ok(out)
    }

    /// The numbering a paragraph gets from `style` (or the default style):
    /// each part from the nearest style in its `basedOn` chain that names
    /// it. The level, when no style names one, is the numbering level that
    /// links to a style of the chain (ECMA-376 17.9.23). Word writes and
    /// honours a style's own `ilvl` although the standard says to ignore it
    /// ([MS-OI29500] 2.1.50), so that comes first. A `numId` of 0 switches
    /// numbering off, as on a paragraph.
    fn numbering(&self, style: Option<&str>, numbering: &Numbering) -> NumberingRef {
        let mut chain: Vec<&str> = Vec::new();
        let mut next = style.or(self.default.as_deref());
        let mut found = NumberingRef::default();
        while let Some(id) = next {
            if chain.len() >= MAX_STYLE_DEPTH || chain.contains(&id) {
                break;
            }
            chain.push(id);
            let Some(style) = self.paragraph.get(id) else {
                break;
            };
            found.num_id = found.num_id.or_else(|| style.numbering.num_id.clone());
            found.ilvl = found.ilvl.or(style.numbering.ilvl);
            next = style.based_on.as_deref();
        }
        if let (Some(num_id), None) = (&found.num_id, found.ilvl) {
            found.ilvl = chain
                .iter()
                .find_map(|id| numbering.level_of_style(num_id, id));
        }
        found
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
fn body(xml: &str, numbering: &Numbering, styles: &Styles) -> Result<String, Unread> {
    let mut reader = Reader::from_str(xml);
    let mut lines: Vec<String> = Vec::new();
    let mut counters = Counters::default();
    // Nesting of tables; cells of the current (outermost) row.
    let mut table_depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut paragraph = String::new();
    // The paragraph's own numbering and style.
    let mut num = NumberingRef::default();
    let mut style: Option<String> = None;
    // Inside a tracked change's record of the old paragraph properties.
    let mut in_change = false;
    let mut in_text = false;
    loop {
        match reader.read_event().map_err(bad_xml)? {
            Event::Start(e) if e.local_name().as_ref() == "p" => {
                paragraph.clear();
                num = NumberingRef::default();
                style = None;
            }
            Event::Empty(e) if e.local_name().as_ref() == "p" && table_depth == 0 => {
                lines.push(String::new());
            }
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tbl" => table_depth += 1,
                "tr" if table_depth == 1 => row.clear(),
                "tc" if table_depth == 1 => cell.clear(),
                "pPrChange" => in_change = true,
                "numId" | "ilvl" if !in_change => num.take(&e),
                "pStyle" if !in_change => style = attr(&e, "val"),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "numId" | "ilvl" if !in_change => num.take(&e),
                "pStyle" if !in_change => style = attr(&e, "val"),
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
                "pPrChange" => in_change = false,
                "p" => {
                    // The paragraph's own numId and ilvl win over its
                    // style's, each on its own.
                    let inherited = styles.numbering(style.as_deref(), numbering);
                    let num_id = num.num_id.take().or(inherited.num_id);
                    let ilvl = num.ilvl.or(inherited.ilvl).unwrap_or(0);
                    let label = match &num_id {
                        Some(id) if id != "0" => counters.next(numbering, id, ilvl),
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
            body(&doc, &numbering, &Styles::default()).unwrap(),
            "实施方案\n一、总体要求\n（一）指导思想\n（二）主要目标\n1．到2025年 & 以后\n二、重点任务\n牵头单位\t市发展改革委"
        );
    }

    /// Heading styles as government templates carry them: 标题 1 names the
    /// numbering and its level, 标题 2 inherits the numId through basedOn,
    /// 条目 names only the numId and gets its level from the numbering's
    /// pStyle link.
    const STYLES: &str = r#"<w:styles xmlns:w="w">
      <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="1"><w:basedOn w:val="a"/>
        <w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="2"><w:basedOn w:val="1"/>
        <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr>
        <w:rPr><w:b/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="item"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
      <w:style w:type="character" w:styleId="c"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="loopA"><w:basedOn w:val="loopB"/></w:style>
      <w:style w:type="paragraph" w:styleId="loopB"><w:basedOn w:val="loopA"/></w:style>
    </w:styles>"#;

    /// NUMBERING with level 3 linked to the style `item`.
    fn numbering_with_item_link() -> Numbering {
        Numbering::parse(&NUMBERING.replace(
            r#"<w:numFmt w:val="decimal"/>"#,
            r#"<w:numFmt w:val="decimal"/><w:pStyle w:val="item"/>"#,
        ))
        .unwrap()
    }

    /// A paragraph with the style `style` and optionally its own `pPr`
    /// content.
    fn styled(style: &str, own: &str, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{own}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    fn read_body(paragraphs: &[String]) -> String {
        let doc = format!(
            "<w:document xmlns:w=\"w\"><w:body>{}</w:body></w:document>",
            paragraphs.concat()
        );
        let styles = Styles::parse(STYLES).unwrap();
        body(&doc, &numbering_with_item_link(), &styles).unwrap()
    }

    #[test]
    fn numbering_from_paragraph_styles_is_rebuilt() {
        let text = read_body(&[
            p(None, "实施方案"),
            styled("1", "", "总体要求"),
            styled("2", "", "指导思想"),
            styled("item", "", "坚持节约优先"),
            styled("item", "", "坚持创新驱动"),
            styled("2", "", "主要目标"),
            styled("item", "", "到2025年"),
            // Direct and style numbering share one set of counters.
            p(Some(0), "重点任务"),
            styled("2", "", "调整产业结构"),
            styled("c", "", "字符样式不带编号"),
        ]);
        assert_eq!(
            text,
            "实施方案\n一、总体要求\n（一）指导思想\n1．坚持节约优先\n2．坚持创新驱动\n\
             （二）主要目标\n1．到2025年\n二、重点任务\n（一）调整产业结构\n字符样式不带编号"
        );
    }

    #[test]
    fn a_paragraphs_own_numbering_wins_over_its_style() {
        let text = read_body(&[
            styled("1", "", "总体要求"),
            // Own ilvl, style's numId.
            styled("1", r#"<w:numPr><w:ilvl w:val="1"/></w:numPr>"#, "指导思想"),
            // Own ilvl and numId.
            styled(
                "2",
                r#"<w:numPr><w:ilvl w:val="2"/><w:numId w:val="5"/></w:numPr>"#,
                "坚持节约优先",
            ),
        ]);
        assert_eq!(text, "一、总体要求\n（一）指导思想\n1．坚持节约优先");
    }

    #[test]
    fn num_id_zero_switches_style_numbering_off() {
        let text = read_body(&[
            styled("1", "", "总体要求"),
            styled(
                "2",
                r#"<w:numPr><w:numId w:val="0"/></w:numPr>"#,
                "不编号的标题",
            ),
            styled("2", "", "指导思想"),
        ]);
        assert_eq!(text, "一、总体要求\n不编号的标题\n（一）指导思想");
    }

    #[test]
    fn a_based_on_cycle_ends() {
        let text = read_body(&[
            styled("loopA", "", "循环样式"),
            styled("nowhere", "", "未定义样式"),
        ]);
        assert_eq!(text, "循环样式\n未定义样式");
        // A chain longer than any Word writes still ends.
        let mut long = String::from("<w:styles xmlns:w=\"w\">");
        for i in 0..1000 {
            long.push_str(&format!(
                r#"<w:style w:type="paragraph" w:styleId="s{i}"><w:basedOn w:val="s{}"/></w:style>"#,
                i + 1
            ));
        }
        long.push_str("</w:styles>");
        let styles = Styles::parse(&long).unwrap();
        assert_eq!(
            styles.numbering(Some("s0"), &Numbering::default()),
            NumberingRef::default()
        );
    }

    #[test]
    fn damaged_styles_leave_the_document_readable_with_a_note() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, xml) in [
            (
                "word/document.xml",
                format!(
                    "<w:document xmlns:w=\"w\"><w:body>{}{}</w:body></w:document>",
                    p(Some(0), "总体要求"),
                    styled("1", "", "重点任务")
                ),
            ),
            ("word/numbering.xml", NUMBERING.to_string()),
            (
                "word/styles.xml",
                "<w:styles><w:style></w:styles".to_string(),
            ),
        ] {
            zip.start_file(name, options).unwrap();
            std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        let read = read(&bytes).unwrap();
        assert_eq!(read.text, "一、总体要求\n重点任务");
        assert!(read.note.is_some_and(|n| n.contains("styles.xml")));
    }
}
