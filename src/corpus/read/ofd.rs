//! `.ofd` (GB/T 33190, what 电子公文 systems emit): a zip of XML pages.
//! The text objects of each page (`Doc_N/Pages/Page_M/Content.xml`) are
//! put in lines by their position, pages in order, then re-flowed like a
//! PDF's ([`super::join_pages`]). Fonts, layers and templates are ignored.

use crate::t;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::docx::{attr, entity};
use super::{join_pages, zipped, ReadText, Unread};

pub(super) fn read(bytes: &[u8]) -> Result<ReadText, Unread> {
    let mut archive = zipped::open(bytes)?;
    let mut pages: Vec<((u32, u32), String)> = archive
        .file_names()
        .flatten()
        .filter(|n| n.ends_with("/Content.xml") && n.contains("Pages/Page_"))
        .map(|n| {
            (
                (number_after(&n, "Doc_"), number_after(&n, "Page_")),
                n.to_string(),
            )
        })
        .collect();
    if pages.is_empty() {
        return Err(Unread(t!("read.ofd_no_pages").into_owned()));
    }
    pages.sort();
    let mut texts = Vec::new();
    for (_, name) in pages {
        let xml = zipped::entry(&mut archive, &name)?.unwrap_or_default();
        texts.push(page_lines(&xml)?);
    }
    let (text, positions) = join_pages(&texts);
    if text.chars().filter(|c| !c.is_whitespace()).count() < 10 {
        return Err(Unread(t!("read.no_text_ocr").into_owned()));
    }
    Ok(ReadText {
        text,
        positions,
        note: None,
    })
}

fn number_after(name: &str, prefix: &str) -> u32 {
    name.find(prefix)
        .map(|i| &name[i + prefix.len()..])
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn numbers(s: &str) -> Vec<f64> {
    s.split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// A page's text objects grouped into lines by their baseline.
fn page_lines(xml: &str) -> Result<Vec<String>, Unread> {
    let mut reader = Reader::from_str(xml);
    let mut pieces: Vec<(f64, f64, String)> = Vec::new();
    let mut origin = (0.0, 0.0);
    let mut code: Option<(f64, f64, String)> = None;
    loop {
        match reader
            .read_event()
            .map_err(|e| Unread(t!("read.ofd_bad_xml", error = e).into_owned()))?
        {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "TextObject" => {
                let b = attr(&e, "Boundary")
                    .map(|b| numbers(&b))
                    .unwrap_or_default();
                origin = (
                    b.first().copied().unwrap_or(0.0),
                    b.get(1).copied().unwrap_or(0.0),
                );
            }
            Event::Start(e) if e.local_name().as_ref() == "TextCode" => {
                let x = attr(&e, "X").and_then(|v| v.parse().ok()).unwrap_or(0.0);
                let y = attr(&e, "Y").and_then(|v| v.parse().ok()).unwrap_or(0.0);
                code = Some((origin.1 + y, origin.0 + x, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, _, s)) = &mut code {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let (Some((_, _, s)), Some(c)) = (&mut code, entity(&r)) {
                    s.push(c);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "TextCode" => {
                if let Some(piece) = code.take() {
                    pieces.push(piece);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    pieces.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut lines: Vec<(f64, Vec<(f64, String)>)> = Vec::new();
    for (y, x, text) in pieces {
        match lines.last_mut() {
            Some((line_y, line)) if (y - *line_y).abs() < 1.5 => line.push((x, text)),
            _ => lines.push((y, vec![(x, text)])),
        }
    }
    for (_, line) in &mut lines {
        line.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    Ok(lines
        .into_iter()
        .map(|(_, l)| l.into_iter().map(|(_, t)| t).collect())
        .collect())
}
