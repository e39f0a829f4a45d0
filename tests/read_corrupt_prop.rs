//! Readers never panic on truncated or corrupt files: random bytes with
//! every extension, fixtures cut short or with bytes flipped; and such a
//! file in a corpus is a warning naming it while the rest loads.

use std::path::Path;

use policy_nav::corpus::read::{self, Format};
use policy_nav::{CorpusLocation, Library};
use proptest::prelude::*;

const FORMATS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FORMATS).join(name)).unwrap()
}

const ALL: [Format; 6] = [
    Format::Text,
    Format::Docx,
    Format::Html,
    Format::Pdf,
    Format::Ofd,
    Format::Legacy,
];

proptest! {
    // PDF cases start pdftotext: few cases.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn random_bytes_never_panic_in_any_reader(bytes in proptest::collection::vec(any::<u8>(), 0..2048), which in 0usize..6) {
        let _ = read::read(ALL[which], bytes);
    }

    #[test]
    fn truncated_or_flipped_fixtures_never_panic(cut in 0.0f64..1.0, flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..8), which in 0usize..4) {
        let (name, format) = [
            ("numbered-05.docx", Format::Docx),
            ("text-03.ofd", Format::Ofd),
            ("saved-01.html", Format::Html),
            ("cjk-14.pdf", Format::Pdf),
        ][which];
        let mut bytes = fixture(name);
        let len = bytes.len();
        bytes.truncate(((len as f64) * cut) as usize);
        let len = bytes.len();
        for (at, b) in flips {
            if len > 0 {
                bytes[((len as f64 * at) as usize).min(len - 1)] = b;
            }
        }
        let _ = read::read(format, bytes);
    }
}

#[test]
fn broken_files_are_skipped_by_name_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    put("good.txt", &fixture("gb18030-02.txt"));
    let docx = fixture("numbered-05.docx");
    put("broken.docx", &docx[..docx.len() / 2]);
    let pdf = fixture("cjk-14.pdf");
    put("half.pdf", &pdf[..pdf.len() / 2]);
    put("noise.ofd", b"PK\x03\x04 not really a zip");
    put("noise.pdf", b"\x00\x01\x02 random");
    let library = Library::load(CorpusLocation::Dir(dir.path().to_path_buf())).unwrap();
    let names: Vec<&str> = library.documents.iter().map(|d| d.name.as_str()).collect();
    // A PDF cut in half may still give its first page's text to pdftotext;
    // if not, it is a warning. Either way nothing panics and good.txt loads.
    assert!(names.contains(&"good"), "{names:?}");
    for name in ["broken.docx", "noise.ofd", "noise.pdf"] {
        assert!(
            library
                .warnings
                .iter()
                .any(|w| w.skipped() && w.to_string().contains(name)),
            "{name}: {:?}",
            library.warnings
        );
    }
    assert!(
        names.contains(&"half")
            || library
                .warnings
                .iter()
                .any(|w| w.to_string().contains("half.pdf")),
        "{:?}",
        library.warnings
    );
}
