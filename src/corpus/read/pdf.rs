//! `.pdf`: the text layer, extracted by poppler's `pdftotext` (package
//! poppler-utils; see README "Reading files" for why this extractor), run
//! with a time limit on the file's bytes through a pipe. Pages come apart at
//! form feeds; each page's lines are re-flowed into paragraphs
//! ([`super::join_pages`]). A PDF without a text layer (a scan) is skipped
//! with a warning that it needs OCR.

use crate::t;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{join_pages, ReadText, Unread};

/// How long one PDF may take.
const TIME_LIMIT: Duration = Duration::from_secs(60);
/// The most text taken from one PDF.
const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

pub(super) fn read(bytes: &[u8]) -> Result<ReadText, Unread> {
    if !bytes.starts_with(b"%PDF")
        && !bytes
            .get(..1024)
            .unwrap_or(bytes)
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Err(Unread(t!("read.pdf_no_header").into_owned()));
    }
    let text = pdftotext(bytes)?;
    let pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|page| page.lines().map(str::to_string).collect())
        .collect();
    let letters = text.chars().filter(|c| !c.is_whitespace()).count();
    if letters < 10 {
        return Err(Unread(t!("read.pdf_no_text_layer").into_owned()));
    }
    let (text, positions) = join_pages(&pages);
    Ok(ReadText {
        text,
        positions,
        note: None,
    })
}

/// `pdftotext -enc UTF-8 - -`, fed through stdin, killed after
/// [`TIME_LIMIT`].
fn pdftotext(bytes: &[u8]) -> Result<String, Unread> {
    let mut child = Command::new("pdftotext")
        .args(["-q", "-enc", "UTF-8", "-eol", "unix", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Unread(t!("read.pdftotext_missing").into_owned())
            } else {
                Unread(t!("read.pdftotext_failed", error = e).into_owned())
            }
        })?;
    let mut stdin = child.stdin.take();
    let mut stdout = child.stdout.take();
    let started = Instant::now();
    let status = std::thread::scope(|scope| {
        scope.spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                // A broken pipe (pdftotext gave up early) is not our error.
                let _ = stdin.write_all(bytes);
            }
        });
        let reader = scope.spawn(move || {
            let mut out = Vec::new();
            if let Some(stdout) = stdout.as_mut() {
                let _ = stdout.take(MAX_TEXT_BYTES).read_to_end(&mut out);
            }
            out
        });
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if started.elapsed() > TIME_LIMIT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(Unread(
                        t!("read.pdftotext_timeout", seconds = TIME_LIMIT.as_secs()).into_owned(),
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => break Err(Unread(t!("read.pdftotext_error", error = e).into_owned())),
            }
        };
        let out = reader.join().unwrap_or_default();
        status.map(|s| (s, out))
    });
    let (status, out) = status?;
    let text = String::from_utf8_lossy(&out).into_owned();
    if !status.success() && text.trim().is_empty() {
        return Err(Unread(t!("read.pdf_damaged").into_owned()));
    }
    Ok(text)
}
