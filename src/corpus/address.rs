//! Clause addresses as people type them.
//!
//! Canonical form: `钢铁:二(五)` (item), `钢铁:二(五)3` (entry 3． under
//! that item), `钢铁:(二)` (an item of a text that starts inside its
//! outline, whose section is not shown), `钢铁:一` (section text),
//! `钢铁:一#2` (its second paragraph), `钢铁:序` (preamble), `通知` /
//! `通知#3` (the notice). Also accepted: full-width brackets and colon,
//! `steel:2.5`, `1:2.5` (attachment number), the plan's full title,
//! `二.五`, `2(5)`, and a `文档名/` prefix to pick a document.

use crate::text::{chinese_numeral_value, fold_width};

/// Which part of a plan an address points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locator {
    /// The preamble (序).
    Preamble,
    /// A section's own text.
    Section(u32),
    /// An item: (section, item); section 0 when the text does not show it.
    Item(u32, u32),
    /// A numbered entry under an item: (section, item, entry).
    SubItem(u32, u32, u32),
}

/// A parsed address, not yet resolved against a library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressQuery {
    /// Document name prefix (`jiangsu-2024-1057/…`).
    pub document: Option<String>,
    /// The plan part (short name, title, number, English name) or, without
    /// a locator, a whole unit (通知, a plan, a document name).
    pub name: String,
    /// Where in the plan, if given.
    pub locator: Option<Locator>,
    /// Paragraph number (1-based) after `#`.
    pub paragraph: Option<usize>,
}

/// Why an address could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressSyntaxError {
    /// Nothing was given.
    Empty,
    /// The part after `#` is not a positive number.
    Paragraph(String),
    /// The section/item part is not numbers.
    Locator(String),
}

impl std::fmt::Display for AddressSyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            AddressSyntaxError::Empty => crate::t!("address.empty"),
            AddressSyntaxError::Paragraph(text) => crate::t!("address.bad_paragraph", text = text),
            AddressSyntaxError::Locator(text) => crate::t!("address.bad_locator", text = text),
        })
    }
}

/// Parses user input into an [`AddressQuery`].
pub fn parse_address(input: &str) -> Result<AddressQuery, AddressSyntaxError> {
    let folded = fold_width(input.trim()).to_lowercase();
    if folded.is_empty() {
        return Err(AddressSyntaxError::Empty);
    }
    let (body, paragraph) = match folded.rsplit_once('#') {
        Some((body, n)) => match n.trim().parse::<usize>() {
            Ok(n) if n >= 1 => (body.trim().to_string(), Some(n)),
            _ => return Err(AddressSyntaxError::Paragraph(n.to_string())),
        },
        None => (folded.clone(), None),
    };
    let (document, body) = match body.split_once('/') {
        Some((doc, rest)) if !doc.contains(':') && !rest.is_empty() => {
            (Some(doc.trim().to_string()), rest.trim().to_string())
        }
        _ => (None, body),
    };
    let split = body
        .split_once(':')
        .or_else(|| body.split_once(char::is_whitespace));
    let Some((name, locator)) = split else {
        return Ok(AddressQuery {
            document,
            name: body,
            locator: None,
            paragraph,
        });
    };
    let locator = locator.trim();
    Ok(AddressQuery {
        document,
        name: name.trim().to_string(),
        locator: Some(
            parse_locator(locator)
                .ok_or_else(|| AddressSyntaxError::Locator(locator.to_string()))?,
        ),
        paragraph,
    })
}

fn parse_number(s: &str) -> Option<u32> {
    let s = s.trim().trim_end_matches(['、', '.']);
    if s.chars().all(|c| c.is_ascii_digit()) {
        s.parse().ok()
    } else {
        chinese_numeral_value(s)
    }
}

fn parse_locator(s: &str) -> Option<Locator> {
    if matches!(s, "序" | "序言" | "前言" | "preamble" | "0") {
        return Some(Locator::Preamble);
    }
    // An item's section may be left out (`(二)`) where the text does not
    // show it: section 0.
    let section_number = |s: &str| {
        if s.trim().is_empty() {
            Some(0)
        } else {
            parse_number(s)
        }
    };
    if let Some((section, rest)) = s.split_once('(') {
        let (item, entry) = rest.split_once(')')?;
        let (section, item) = (section_number(section)?, parse_number(item)?);
        let entry = entry.trim().trim_start_matches(['.', '、']);
        return Some(if entry.is_empty() {
            Locator::Item(section, item)
        } else {
            Locator::SubItem(section, item, parse_number(entry)?)
        });
    }
    let parts: Vec<&str> = s.split(['.', '、']).collect();
    match parts.as_slice() {
        [section, item] if !item.is_empty() => {
            Some(Locator::Item(parse_number(section)?, parse_number(item)?))
        }
        [section, item, entry] if !item.is_empty() && !entry.is_empty() => Some(Locator::SubItem(
            parse_number(section)?,
            parse_number(item)?,
            parse_number(entry)?,
        )),
        _ => Some(Locator::Section(parse_number(s)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(name: &str, locator: Option<Locator>, paragraph: Option<usize>) -> AddressQuery {
        AddressQuery {
            document: None,
            name: name.into(),
            locator,
            paragraph,
        }
    }

    #[test]
    fn accepts_every_spelling() {
        let item = Some(Locator::Item(2, 5));
        for input in [
            "钢铁:二(五)",
            "钢铁：二（五）",
            " 钢铁:2.5 ",
            "钢铁:二.五",
            "钢铁:2(5)",
            "钢铁 二(五)",
        ] {
            assert_eq!(parse_address(input), Ok(q("钢铁", item, None)), "{input}");
        }
        assert_eq!(parse_address("steel:2.5"), Ok(q("steel", item, None)));
        assert_eq!(parse_address("1:2.5"), Ok(q("1", item, None)));
        assert_eq!(
            parse_address("钢铁:一#2"),
            Ok(q("钢铁", Some(Locator::Section(1)), Some(2)))
        );
        assert_eq!(
            parse_address("钢铁:序"),
            Ok(q("钢铁", Some(Locator::Preamble), None))
        );
        assert_eq!(parse_address("通知＃3"), Ok(q("通知", None, Some(3))));
        for input in [
            "钢铁:二(五)3",
            "钢铁：二（五）3",
            "钢铁:2.5.3",
            "钢铁:2(5)3",
        ] {
            assert_eq!(
                parse_address(input),
                Ok(q("钢铁", Some(Locator::SubItem(2, 5, 3)), None)),
                "{input}"
            );
        }
        assert_eq!(
            parse_address("钢铁:(二)"),
            Ok(q("钢铁", Some(Locator::Item(0, 2)), None))
        );
        assert_eq!(
            parse_address("钢铁:(二)1#2"),
            Ok(q("钢铁", Some(Locator::SubItem(0, 2, 1)), Some(2)))
        );
        assert_eq!(
            parse_address("doc-a/钢铁:十二"),
            Ok(AddressQuery {
                document: Some("doc-a".into()),
                ..q("钢铁", Some(Locator::Section(12)), None)
            })
        );
    }

    #[test]
    fn rejects_malformed() {
        assert_eq!(parse_address("  "), Err(AddressSyntaxError::Empty));
        assert!(matches!(
            parse_address("钢铁:一#0"),
            Err(AddressSyntaxError::Paragraph(_))
        ));
        assert!(matches!(
            parse_address("钢铁:甲(乙)"),
            Err(AddressSyntaxError::Locator(_))
        ));
    }
}
