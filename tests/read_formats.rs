//! Reading the files officials have (README "Reading files"): GB18030 and
//! UTF-16 text, .docx with automatic numbering, a saved web page, a PDF
//! with an embedded CJK font, an OFD; a mixed corpus in subfolders loads,
//! searches and shows; FIFOs and other non-regular files never block the
//! load; corrupt files of every format are warnings, never panics.
//!
//! The fixtures in tests/fixtures/formats/ were made from
//! shared/fixtures/real/ by tests/fixtures/formats/make_fixtures.py.
//! The PDF needs poppler's `pdftotext` (installed by .ci/run): without it
//! the PDF checks print "skipped: …" and check the warning instead.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use policy_nav::corpus::read::{self, Format, Positions};
use policy_nav::{CorpusLocation, Library, LoadWarning};

const FORMATS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats");

/// The verbatim excerpts the fixtures were made from (`shared/` beside the
/// clone, as CI lays it); the comparisons with them are skipped without it.
fn real(name: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/real")
        .join(name);
    let text = std::fs::read_to_string(&path).ok();
    if text.is_none() {
        eprintln!(
            "skipped: {} not present; comparison with the typed text skipped",
            path.display()
        );
    }
    text
}

fn fixture(name: &str) -> PathBuf {
    Path::new(FORMATS).join(name)
}

fn pdftotext() -> bool {
    let found = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    if !found {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed; PDF text checks skipped");
    }
    found
}

/// The mixed corpus: GB18030 and UTF-16 text at the top, the rest in
/// subfolders; an `index/` and a hidden folder that must be skipped.
fn mixed_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for sub in ["", "word", "web/saved", "pdf", "index", ".git"] {
        std::fs::create_dir_all(corpus.join(sub)).unwrap();
    }
    let copy = |name: &str, to: &str| std::fs::copy(fixture(name), corpus.join(to)).unwrap();
    copy("gb18030-02.txt", "gb18030-02.TXT");
    copy("utf16-06.txt", "utf16-06.txt");
    copy("numbered-05.docx", "word/numbered-05.docx");
    copy("saved-01.html", "web/saved/saved-01.htm");
    copy("cjk-14.pdf", "pdf/cjk-14.pdf");
    copy("text-03.ofd", "text-03.ofd");
    std::fs::write(corpus.join("index/stale.txt"), "不应读取").unwrap();
    std::fs::write(corpus.join(".git/HEAD.txt"), "不应读取").unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("policy-nav")
        .unwrap()
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .arg("--corpus")
        .arg(dir.join("corpus"))
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap()
}

fn doc_clauses<'a>(library: &'a Library, name: &str) -> Vec<&'a policy_nav::corpus::Clause> {
    let doc = library
        .documents
        .iter()
        .position(|d| d.name == name)
        .unwrap_or_else(|| panic!("no document {name}"));
    library
        .clauses
        .iter()
        .filter(|c| c.document == doc)
        .collect()
}

#[test]
fn a_mixed_corpus_in_subfolders_loads_every_format() {
    let dir = mixed_corpus();
    let library = Library::load(CorpusLocation::Dir(dir.path().join("corpus"))).unwrap();
    let mut names: Vec<&str> = library.documents.iter().map(|d| d.name.as_str()).collect();
    names.sort();
    let mut expected = vec![
        "gb18030-02",
        "numbered-05",
        "saved-01",
        "text-03",
        "utf16-06",
    ];
    if pdftotext() {
        expected.push("cjk-14");
    }
    expected.sort();
    assert_eq!(names, expected, "{:?}", library.warnings);
    let warnings: Vec<String> = library.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("gb18030-02.TXT") && w.contains("GB18030")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("utf16-06.txt") && w.contains("UTF-16 LE")),
        "{warnings:?}"
    );
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("stale") || w.contains("HEAD")),
        "{warnings:?}"
    );
    // The GB18030 file reads as the verbatim excerpt.
    let gb = doc_clauses(&library, "gb18030-02");
    assert!(
        gb.iter().any(|c| c.text.contains("工业领域碳达峰")),
        "{gb:?}"
    );
    // Positions: paragraphs for Word and web pages, pages for PDF/OFD.
    let positions = |name: &str| {
        &library
            .documents
            .iter()
            .find(|d| d.name == name)
            .unwrap()
            .positions
    };
    assert_eq!(positions("numbered-05"), &Positions::Paragraphs);
    assert_eq!(positions("saved-01"), &Positions::Paragraphs);
    assert!(matches!(positions("text-03"), Positions::Pages(_)));
    assert_eq!(positions("utf16-06"), &Positions::Lines);
}

/// A .docx whose 一、 and (一) are Word's automatic numbering parses like
/// the typed text it was made from: the same clauses with the same text.
#[test]
fn docx_automatic_numbering_parses_like_the_typed_text() {
    let docx = read_docx("numbered-05.docx");
    assert!(
        docx.text.contains("\n一、总体要求\n(一)指导思想。"),
        "{}",
        docx.text
    );
    assert_parses_like_the_typed_text(&docx.text, "05-jiangsu-yunshu-jiegou-2019.txt");
}

fn read_docx(name: &str) -> read::ReadText {
    read::read(Format::Docx, std::fs::read(fixture(name)).unwrap()).unwrap()
}

/// The same clauses with the same addresses and text as the typed excerpt
/// `typed_name` (skipped when shared/ is absent).
fn assert_parses_like_the_typed_text(read_text: &str, typed_name: &str) {
    let Some(typed) = real(typed_name) else {
        return;
    };
    let a = Library::from_texts(&[("typed", typed.as_str())]);
    let b = Library::from_texts(&[("typed", read_text)]);
    let view = |l: &Library| -> Vec<(String, String)> {
        l.clauses
            .iter()
            .map(|c| (c.id.clone(), c.text.clone()))
            .collect()
    };
    assert!(a.clauses.len() > 3);
    assert_eq!(view(&a), view(&b));
}

/// A .docx whose 一、, (一) and 1. come from paragraph styles (styles.xml:
/// a style's own numbering, one inherited through basedOn, one whose level
/// is the numbering's pStyle link) parses like the typed text.
#[test]
fn docx_numbering_from_paragraph_styles_parses_like_the_typed_text() {
    let docx = read_docx("styled-10.docx");
    assert!(
        docx.text.starts_with("一、主要目标\n")
            && docx
                .text
                .contains("\n二、主要工作任务\n(一)打好产业结构优化战役\n1.严格环境准入。")
            && docx.text.contains("\n3.优化产业布局。"),
        "{}",
        docx.text
    );
    assert_parses_like_the_typed_text(&docx.text, "10-city-daqi-2020-targets.txt");
}

#[test]
fn a_saved_page_keeps_the_article_and_its_header_only() {
    let page = read::read(
        Format::Html,
        std::fs::read(fixture("saved-01.html")).unwrap(),
    )
    .unwrap();
    let text = page.text;
    for chrome in [
        "首页",
        "请输入关键字",
        "分享到",
        "版权所有",
        "不是正文",
        "脚本里的条目",
        "line-height",
        "索 引 号",
    ] {
        assert!(!text.contains(chrome), "{chrome} in {text}");
    }
    // The title and 文号 are in the article itself: the header adds only
    // the date the page gives.
    assert!(
        text.starts_with("发布日期：2013年09月12日\n")
            && text.contains("\n国务院关于印发大气污染防治行动计划的通知\n"),
        "{text}"
    );
    assert!(text.contains("国发〔2013〕37号"), "{text}");
    assert!(text.contains("发布日期：2013年09月12日"), "{text}");
    if let Some(real) = real("01-guowuyuan-daqi-2013-notice.txt") {
        for line in real.lines().filter(|l| !l.is_empty()) {
            assert!(text.contains(line.trim()), "missing {line}");
        }
    }
}

#[test]
fn a_pdf_with_an_embedded_cjk_font_reads_by_page_and_line() {
    if !pdftotext() {
        let err =
            read::read(Format::Pdf, std::fs::read(fixture("cjk-14.pdf")).unwrap()).unwrap_err();
        assert!(err.0.contains("poppler-utils"), "{err:?}");
        return;
    }
    let pdf = read::read(Format::Pdf, std::fs::read(fixture("cjk-14.pdf")).unwrap()).unwrap();
    let Positions::Pages(pages) = &pdf.positions else {
        panic!("{:?}", pdf.positions)
    };
    assert_eq!(pages.len(), pdf.text.lines().count());
    assert!(pages.iter().any(|(page, _)| *page == 2), "{pages:?}");
    // Full lines were re-flowed: a line drawn 30 characters wide ran on
    // into the next.
    assert!(
        pdf.text.lines().any(|l| l.chars().count() > 32),
        "{}",
        pdf.text
    );
    assert!(
        pdf.text.contains("三、推动国有经济绿色低碳转型"),
        "{}",
        pdf.text
    );
}

#[test]
fn the_mixed_corpus_searches_and_shows_from_the_command_line() {
    let dir = mixed_corpus();
    let out = run(dir.path(), &["search", "运输结构", "--json"]);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("GB18030"), "{stderr}");
    let hits: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let address = hits
        .as_array()
        .unwrap()
        .iter()
        .find_map(|h| h["address"].as_str().map(str::to_string))
        .expect("a hit in the docx");
    let shown = run(dir.path(), &["show", &address]);
    let shown_text = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.status.success());
    assert!(shown_text.contains("numbered-05.docx, 第"), "{shown_text}");
    assert!(shown_text.contains('段'), "{shown_text}");
    if pdftotext() {
        let out = run(dir.path(), &["search", "可再生能源消费比重", "--json"]);
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let address = hits
            .as_array()
            .unwrap()
            .iter()
            .find_map(|h| h["address"].as_str().map(str::to_string))
            .expect("a hit in the pdf");
        let shown = run(dir.path(), &["show", &address]);
        let text = String::from_utf8_lossy(&shown.stdout);
        assert!(text.contains("cjk-14.pdf, 第1页第"), "{text}");
        let debris = run(dir.path(), &["outline", "--debris"]);
        assert!(debris.status.success());
    }
}

#[test]
fn a_single_file_is_a_corpus() {
    let library = Library::load(CorpusLocation::Dir(fixture("numbered-05.docx"))).unwrap();
    assert_eq!(library.documents.len(), 1);
    assert!(library.clauses.len() > 3);
}

#[test]
fn old_word_files_say_to_save_as_docx() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("gb18030-02.txt"), dir.path().join("a.txt")).unwrap();
    std::fs::write(dir.path().join("旧稿.DOC"), b"\xD0\xCF\x11\xE0 not read").unwrap();
    let library = Library::load(CorpusLocation::Dir(dir.path().to_path_buf())).unwrap();
    assert_eq!(library.documents.len(), 1);
    assert!(
        library.warnings.iter().any(|w| w.skipped()
            && w.to_string().contains("旧稿.DOC")
            && w.to_string().contains(".docx")),
        "{:?}",
        library.warnings
    );
}

/// Issue 18: a FIFO named like a document made every command hang; now it
/// is skipped with a note, as are a directory named `x.txt`, a socket and
/// a symlink loop, and the rest loads.
#[cfg(unix)]
#[test]
fn fifos_sockets_directories_and_link_loops_never_block_the_load() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("x.txt")).unwrap();
    std::fs::copy(fixture("gb18030-02.txt"), corpus.join("good.txt")).unwrap();
    let fifo = std::ffi::CString::new(corpus.join("pipe.txt").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let _socket = std::os::unix::net::UnixListener::bind(corpus.join("sock.txt")).unwrap();
    std::os::unix::fs::symlink(corpus.join("loop-b.txt"), corpus.join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink(corpus.join("loop-a.txt"), corpus.join("loop-b.txt")).unwrap();
    std::os::unix::fs::symlink(corpus.join("good.txt"), corpus.join("link.txt")).unwrap();
    let out = run(dir.path(), &["outline"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for name in ["pipe.txt", "x.txt", "sock.txt", "loop-a.txt"] {
        assert!(stderr.contains(name), "{name}: {stderr}");
    }
    assert!(stderr.contains("FIFO"), "{stderr}");
    assert!(stderr.contains("目录"), "{stderr}");
    assert!(stderr.contains("套接字"), "{stderr}");
    let library = Library::load(CorpusLocation::Dir(corpus)).unwrap();
    let mut names: Vec<&str> = library.documents.iter().map(|d| d.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["good", "link"]);
    assert!(library
        .warnings
        .iter()
        .any(|w| matches!(w, LoadWarning::NotRegular { path, .. } if path.ends_with("pipe.txt"))));
}
