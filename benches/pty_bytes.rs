//! Bytes the navigator writes to its terminal per keystroke, measured
//! through a real pseudo-terminal at 80×24 (issue 8: ≤ 2 KB median while
//! typing a query and moving the selection).
//!
//! Runs the built `policy-nav` on the bundled corpus with its index built,
//! types each query one character at a time, moves the selection down three
//! times and up once, clears the query with Ctrl-U, and after every key
//! waits until the terminal has been quiet for 80 ms; everything read in
//! between is that key's bytes. `cargo bench --bench pty_bytes`.
//!
//! Also times launch to first complete frame under the same pty: the
//! navigator with `--first-frame` draws its first complete frame and exits;
//! the time is from spawning it to reading the end of its output.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use policy_nav::search::BENCH_QUERIES as QUERIES;
use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

const QUIET: Duration = Duration::from_millis(80);

fn main() {
    // POLICY_NAV_BENCH_BIN measures another build (e.g. an older one).
    let bin = std::env::var("POLICY_NAV_BENCH_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_policy-nav").to_string());
    let bin = bin.as_str();
    let dir = tempfile::tempdir().expect("temp dir");
    // A private copy, so the index is built beside it and not in the
    // project's index/.
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for entry in std::fs::read_dir(&bundled).expect("read corpus/") {
        let path = entry.expect("corpus entry").path();
        if path.is_file() {
            std::fs::copy(&path, corpus.join(path.file_name().expect("file name")))
                .expect("copy corpus file");
        }
    }
    let cache = dir.path().join("cache");
    // The goal is stated with the index already built.
    let built = std::process::Command::new(bin)
        .arg("--corpus")
        .arg(&corpus)
        .arg("index")
        .env("XDG_CACHE_HOME", &cache)
        .output()
        .expect("run policy-nav index");
    assert!(built.status.success(), "policy-nav index failed");

    first_frame_times(bin, &corpus, &cache);

    let Navigator {
        _master,
        mut child,
        mut reader,
        mut writer,
        ..
    } = Navigator::spawn(bin, &corpus, &cache, &[]);
    let (tx, rx) = mpsc::channel::<usize>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(n).is_err() {
                break;
            }
        }
    });
    let settle = |rx: &mpsc::Receiver<usize>| -> usize {
        let mut total = 0;
        let deadline = Instant::now() + Duration::from_secs(5);
        while let Ok(n) = rx.recv_timeout(QUIET) {
            total += n;
            if Instant::now() > deadline {
                break;
            }
        }
        total
    };
    let first_frame = settle(&rx);
    // Wait for the index worker's "ready" redraw before measuring keys.
    std::thread::sleep(Duration::from_millis(300));
    let _ = settle(&rx);

    let mut per_key: Vec<(String, usize)> = Vec::new();
    let mut press = |label: String, bytes: &[u8]| {
        writer.write_all(bytes).expect("write key");
        writer.flush().expect("flush key");
        per_key.push((label, settle(&rx)));
    };
    for query in QUERIES {
        for c in query.chars() {
            press(c.to_string(), c.to_string().as_bytes());
        }
        for _ in 0..3 {
            press("Down".into(), b"\x1b[B");
        }
        press("Up".into(), b"\x1b[A");
        press("Ctrl-U".into(), b"\x15");
    }
    writer.write_all(b"\x03").ok();
    let _ = child.wait();

    if std::env::args().any(|a| a == "--trace") {
        for (label, bytes) in &per_key {
            println!("{label}\t{bytes}");
        }
    }
    let mut bytes: Vec<usize> = per_key.iter().map(|k| k.1).collect();
    bytes.sort_unstable();
    let at = |p: f64| bytes[((bytes.len() - 1) as f64 * p).round() as usize];
    println!(
        "pty 80x24, {} keys: bytes per key median {}  p90 {}  p99 {}  max {}  (first frame {})",
        bytes.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        bytes.last().copied().unwrap_or(0),
        first_frame
    );
}

/// Median and p90 of launch to first complete frame (`--first-frame`) in a
/// pty, over 40 runs after 5 warm-ups.
fn first_frame_times(bin: &str, corpus: &std::path::Path, cache: &std::path::Path) {
    let mut times = Vec::new();
    for run in 0..45 {
        let Navigator {
            _master,
            mut child,
            mut reader,
            started,
            ..
        } = Navigator::spawn(bin, corpus, cache, &["--first-frame"]);
        let mut seen = Vec::new();
        let mut buf = [0u8; 16384];
        // The frame ends with the terminal being given back: leaving the
        // alternate screen (ESC[?1049l) is the last thing written.
        while !seen.windows(8).any(|w| w == b"\x1b[?1049l") {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        let took = started.elapsed();
        let _ = child.wait();
        if run >= 5 {
            times.push(took);
        }
    }
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "pty 80x24, launch to first complete frame (--first-frame, {} runs): median {:.2} ms  p90 {:.2} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10])
    );
}

/// The navigator running in an 80×24 pty.
struct Navigator {
    /// Kept open for as long as the navigator runs.
    _master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Box<dyn Read + Send>,
    writer: Box<dyn Write + Send>,
    /// Just before the process was spawned.
    started: Instant,
}

impl Navigator {
    /// Starts `bin --corpus corpus ARGS` with its index cache in `cache`, in
    /// colour, in the corpus's parent directory.
    fn spawn(
        bin: &str,
        corpus: &std::path::Path,
        cache: &std::path::Path,
        args: &[&str],
    ) -> Navigator {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(bin);
        cmd.arg("--corpus");
        cmd.arg(corpus);
        cmd.args(args);
        if let Some(parent) = corpus.parent() {
            cmd.cwd(parent);
        }
        cmd.env("XDG_CACHE_HOME", cache);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("start policy-nav");
        drop(pair.slave);
        Navigator {
            _master: pair.master,
            child,
            reader,
            writer,
            started,
        }
    }
}
