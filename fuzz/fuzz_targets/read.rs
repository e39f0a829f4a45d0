//! File readers: any bytes under any document format are read or refused
//! with a message, never a panic, and every line of the text read maps
//! back to a source position. PDF is left out: its text layer comes from
//! the `pdftotext` program, a process per input, which would make each run
//! thousands of times slower; its output parser is covered by the
//! property tests in tests/read_corrupt_prop.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_nav::corpus::read::{read, Format};

const FORMATS: [Format; 5] = [
    Format::Text,
    Format::Docx,
    Format::Html,
    Format::Ofd,
    Format::Legacy,
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = FORMATS[selector as usize % FORMATS.len()];
    match read(format, bytes.to_vec()) {
        Ok(read_text) => {
            for line in 1..=read_text.text.lines().count() {
                let _ = read_text.positions.describe_line(line);
            }
        }
        Err(unread) => assert!(!unread.0.is_empty(), "a refusal names its reason"),
    }
});
