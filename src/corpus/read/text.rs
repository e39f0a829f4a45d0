//! `.txt` / `.md`: UTF-8 (with or without BOM) as is; UTF-16 with a BOM;
//! anything else that is not valid UTF-8 is detected (`chardetng`: GB18030
//! and GBK, Big5, …) and decoded (`encoding_rs`), with a note naming the
//! encoding. Plain UTF-8 costs one validation pass and no copy.

use crate::t;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use super::{Positions, ReadText};

pub(super) fn read(bytes: Vec<u8>) -> ReadText {
    let (text, note) = decode(bytes);
    ReadText {
        text,
        positions: Positions::Lines,
        note,
    }
}

/// Bytes → text and, when it was not UTF-8, a note naming the encoding.
pub(crate) fn decode(bytes: Vec<u8>) -> (String, Option<String>) {
    // A UTF-8 BOM stays: the normalizer records it as debris, as before.
    let bom = Encoding::for_bom(&bytes).map(|(e, _)| e);
    if bom.is_none() || bom == Some(encoding_rs::UTF_8) {
        match String::from_utf8(bytes) {
            Ok(text) => return (text, None),
            Err(e) => return decode_other(&e.into_bytes(), None),
        }
    }
    decode_other(&bytes, bom)
}

fn decode_other(bytes: &[u8], bom: Option<&'static Encoding>) -> (String, Option<String>) {
    let encoding = bom
        .or_else(|| utf16_without_bom(bytes))
        .unwrap_or_else(|| detect(bytes));
    let (text, used, had_errors) = encoding.decode(bytes);
    let name = match used.name() {
        "gb18030" => "GB18030/GBK",
        "UTF-16LE" => "UTF-16 LE",
        "UTF-16BE" => "UTF-16 BE",
        other => other,
    };
    let note = if had_errors {
        t!("read.decoded_with_errors", encoding = name)
    } else {
        t!("read.decoded_as", encoding = name)
    }
    .into_owned();
    (text.into_owned(), Some(note))
}

/// Notepad's "Unicode" without a BOM: most ASCII-range characters leave a
/// zero byte in every other position.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_at = |odd: usize| {
        sample
            .iter()
            .skip(odd)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 4 > pairs && even == 0 {
        Some(UTF_16LE)
    } else if even * 4 > pairs && odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The most likely legacy encoding; GBK is read as its superset GB18030.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    if guess == encoding_rs::GBK {
        GB18030
    } else {
        guess
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "一、总体要求\n到2025年，单位GDP能耗下降13.5%。\n";

    #[test]
    fn utf8_is_unchanged_without_note() {
        assert_eq!(decode(TEXT.as_bytes().to_vec()), (TEXT.to_string(), None));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(TEXT.as_bytes());
        assert_eq!(decode(bom).0, format!("\u{FEFF}{TEXT}"));
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = GB18030.encode(TEXT);
        let (text, note) = decode(bytes.into_owned());
        assert_eq!(text, TEXT);
        assert!(note.unwrap().contains("GB18030"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let with_bom = |bom: &[u8], body: &[u8]| [bom, body].concat();
        assert_eq!(decode(with_bom(b"\xFF\xFE", &le)).0, TEXT);
        assert_eq!(decode(with_bom(b"\xFE\xFF", &be)).0, TEXT);
        let (text, note) = decode(with_bom(b"\xFF\xFE", &le));
        assert_eq!(text, TEXT);
        assert!(note.unwrap().contains("UTF-16 LE"));
    }
}
