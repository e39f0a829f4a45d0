//! `policy-nav bench …` (hidden): in-process benchmarks that need the
//! navigator (which lives in this binary crate) or a generated corpus.
//!
//! * `bench keys`: types queries into the navigator on an 80×24 TestBackend,
//!   moving the selection, and prints p50/p99 of update+render per key (and
//!   of update+search+render, the search the search view runs per
//!   keystroke), plus the bytes a crossterm backend writes per key.
//! * `bench gen --plans N --out DIR`: a synthetic corpus of N plans made by
//!   varying the real documents (plan names, numbers, departments, sentence
//!   order).
//! * `bench scale`: load, index build (MB/s) and query p50/p99 for `--corpus`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Subcommand;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use policy_nav::search::BENCH_QUERIES as QUERIES;
use policy_nav::{CorpusLocation, Library};

use super::Failure;
use crate::tui::msg::Msg;
use crate::tui::state::{App, State};
use crate::tui::theme::Theme;
use crate::tui::{update, views};

/// Benchmark commands.
#[derive(Debug, Subcommand)]
pub enum Bench {
    /// Keystroke latency and bytes written per key in the navigator.
    Keys {
        /// Rounds of typing all queries.
        #[arg(long, default_value_t = 20)]
        rounds: usize,
        /// Print every key, the bytes it wrote and its time (to stderr).
        #[arg(long)]
        trace: bool,
    },
    /// Generate a synthetic corpus.
    Gen {
        /// Number of plans (each generated document holds five).
        #[arg(long)]
        plans: usize,
        /// Output directory.
        #[arg(long)]
        out: PathBuf,
    },
    /// Load, index build and query latency for the corpus.
    Scale {
        /// Query repetitions.
        #[arg(long, default_value_t = 20)]
        rounds: usize,
        /// Open the current index instead of rebuilding it (query timings
        /// only; the build line then shows the open time).
        #[arg(long)]
        keep_index: bool,
    },
}

fn fail(e: impl std::fmt::Display) -> Failure {
    Failure {
        message: e.to_string(),
        code: super::EXIT_USAGE,
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort_unstable();
    if samples.is_empty() {
        return Duration::ZERO;
    }
    let i = ((samples.len() - 1) as f64 * p).round() as usize;
    samples[i]
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

/// Runs a bench command.
pub fn run(bench: &Bench, corpus: Option<&Path>, out: &mut impl Write) -> Result<(), Failure> {
    match bench {
        Bench::Keys { rounds, trace } => keys(super::load_library(corpus)?, *rounds, *trace, out),
        Bench::Gen { plans, out: dir } => generate(corpus, *plans, dir, out),
        Bench::Scale { rounds, keep_index } => scale(corpus, *rounds, *keep_index, out),
    }
}

fn keys(library: Library, rounds: usize, trace: bool, out: &mut impl Write) -> Result<(), Failure> {
    let app = App::new(Arc::new(library));
    let (index, _) = app.library.open_search(false).map_err(fail)?;
    let theme = Theme {
        color: true,
        ascii: false,
    };
    let mut state = State::new(&app, (80, 24), theme);
    // With the index ready, update runs the search on every query change,
    // exactly as the navigator does.
    update::update(
        &mut state,
        &app,
        Msg::IndexReady(Ok(Arc::new(index)), None, 0),
    );
    let mut test = Terminal::new(TestBackend::new(80, 24)).map_err(fail)?;
    let counter = Counter::default();
    let mut bytes = Terminal::with_options(
        crate::tui::backend::LeanBackend::new(counter.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        },
    )
    .map_err(fail)?;
    test.draw(|f| views::render(&state, &app, f))
        .map_err(fail)?;
    bytes
        .draw(|f| views::render(&state, &app, f))
        .map_err(fail)?;
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let mut plain = Vec::new();
    let mut written = Vec::new();
    for _ in 0..rounds {
        for q in QUERIES {
            let mut msgs: Vec<Msg> = q.chars().map(|c| key(KeyCode::Char(c))).collect();
            msgs.extend([KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Up].map(key));
            msgs.push(Msg::Key(KeyEvent::new(
                KeyCode::Char('u'),
                KeyModifiers::CONTROL,
            )));
            for msg in msgs {
                let msg_label = match &msg {
                    Msg::Key(k) => format!("{:?}", k.code),
                    _ => String::new(),
                };
                let started = Instant::now();
                let changed = update::update(&mut state, &app, msg);
                if changed {
                    test.draw(|f| views::render(&state, &app, f))
                        .map_err(fail)?;
                }
                let took = started.elapsed();
                plain.push(took);
                let before = counter.count();
                bytes
                    .draw(|f| views::render(&state, &app, f))
                    .map_err(fail)?;
                written.push(counter.count() - before);
                if trace {
                    eprintln!(
                        "{msg_label}\t{} bytes\t{}\tquery {:?}",
                        counter.count() - before,
                        us(took),
                        state.query
                    );
                }
            }
        }
    }
    let keys = plain.len();
    written.sort_unstable();
    writeln!(out, "{keys} keys, 80x24")?;
    writeln!(
        out,
        "update (search included) + render: p50 {}  p99 {}",
        us(percentile(&mut plain, 0.5)),
        us(percentile(&mut plain, 0.99))
    )?;
    writeln!(
        out,
        "bytes to terminal per key: median {}  p99 {}  max {}",
        written[written.len() / 2],
        written[(written.len() - 1) * 99 / 100],
        written.last().copied().unwrap_or(0)
    )?;
    Ok(())
}

/// A terminal that only counts the bytes written to it.
#[derive(Clone, Default)]
struct Counter(Arc<std::sync::atomic::AtomicUsize>);

impl Counter {
    fn count(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .fetch_add(buf.len(), std::sync::atomic::Ordering::Relaxed);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Industries the generator names plans after.
const INDUSTRIES: [&str; 16] = [
    "钢铁",
    "炼油",
    "合成氨",
    "水泥",
    "电解铝",
    "玻璃",
    "造纸",
    "陶瓷",
    "铜冶炼",
    "煤化工",
    "纺织",
    "化纤",
    "铁合金",
    "平板玻璃",
    "氧化铝",
    "锌冶炼",
];

/// Department pairs the generator swaps.
const SWAPS: [(&str, &str); 3] = [
    ("工业和信息化部", "生态环境部"),
    ("国家能源局", "市场监管总局"),
    ("财政部", "住房城乡建设部"),
];

fn replace_all(text: &str, pairs: &[(&str, String)]) -> String {
    // Through placeholders, so a swap does not chain.
    let mut s = text.to_string();
    for (i, (from, _)) in pairs.iter().enumerate() {
        s = s.replace(from, &format!("\u{E100}{i}\u{E101}"));
    }
    for (i, (_, to)) in pairs.iter().enumerate() {
        s = s.replace(&format!("\u{E100}{i}\u{E101}"), to);
    }
    s
}

/// One variant of a document: plan names, numbers, departments and the
/// order of sentences inside paragraphs change with `k`.
fn vary(text: &str, k: usize) -> String {
    let mut pairs: Vec<(&str, String)> = INDUSTRIES[..5]
        .iter()
        .enumerate()
        .map(|(i, from)| (*from, INDUSTRIES[(i + k) % INDUSTRIES.len()].to_string()))
        .collect();
    for (n, (a, b)) in SWAPS.iter().enumerate() {
        if (k >> n) & 1 == 1 {
            pairs.push((a, b.to_string()));
            pairs.push((b, a.to_string()));
        }
    }
    let text = replace_all(text, &pairs);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        // Numbers of one or two digits change; years and long numbers stay.
        let mut varied = String::with_capacity(line.len());
        let mut digits = String::new();
        let flush = |digits: &mut String, varied: &mut String| {
            if !digits.is_empty() {
                if digits.len() <= 2 {
                    let n: usize = digits.parse().unwrap_or(0);
                    varied.push_str(&((n + k * 7) % 97 + 1).to_string());
                } else {
                    varied.push_str(digits);
                }
                digits.clear();
            }
        };
        let chars = line.chars();
        let mut leading = true;
        for c in chars {
            // A leading "1." item number keeps its value.
            if c.is_ascii_digit() && !leading {
                digits.push(c);
                continue;
            }
            flush(&mut digits, &mut varied);
            leading = leading && (c.is_ascii_digit() || c.is_whitespace());
            if leading && c.is_ascii_digit() {
                varied.push(c);
                continue;
            }
            leading = false;
            varied.push(c);
        }
        flush(&mut digits, &mut varied);
        // Rotate the sentences after a paragraph's first one.
        let sentences: Vec<&str> = varied.split_inclusive('。').collect();
        if sentences.len() > 3 && varied.ends_with('\n') {
            let (first, rest) = sentences.split_at(1);
            let body = &rest[..rest.len() - 1];
            let tail = rest[rest.len() - 1];
            let r = k % body.len();
            out.push_str(first[0]);
            for s in body[r..].iter().chain(&body[..r]) {
                out.push_str(s);
            }
            out.push_str(tail);
        } else {
            out.push_str(&varied);
        }
    }
    out
}

fn generate(
    corpus: Option<&Path>,
    plans: usize,
    dir: &Path,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let library = super::load_library(corpus)?;
    let per_doc = library.plans.len().max(1);
    let (files, _) = policy_nav::corpus::source::read(&library.location).map_err(fail)?;
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| String::from_utf8(f.bytes.clone()).ok())
        .collect();
    if texts.is_empty() {
        return Err(fail("no corpus text to vary"));
    }
    std::fs::create_dir_all(dir)?;
    let docs = plans.div_ceil(per_doc);
    let mut total = 0;
    for k in 0..docs {
        let text = vary(&texts[k % texts.len()], k);
        total += text.len();
        std::fs::write(dir.join(format!("gen-{k:05}.txt")), text)?;
    }
    writeln!(
        out,
        "{docs} documents ({} plans), {:.1} MB in {}",
        docs * per_doc,
        total as f64 / 1e6,
        dir.display()
    )?;
    Ok(())
}

fn scale(
    corpus: Option<&Path>,
    rounds: usize,
    keep_index: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let location = CorpusLocation::choose(corpus);
    let started = Instant::now();
    // Parsing, not the cache: this measures the pipeline.
    let library = Library::parse(location.clone()).map_err(fail)?;
    let load = started.elapsed();
    let bytes: usize = library
        .clauses
        .iter()
        .map(|c| c.text.len() + c.heading.len())
        .sum();
    let started = Instant::now();
    let (_, location_built) = library.open_search(!keep_index).map_err(fail)?;
    let build = started.elapsed();
    let started = Instant::now();
    let quick = policy_nav::library::QuickSearch::open(&location);
    let quick_open = started.elapsed();
    let (index, _) = library.open_search(false).map_err(fail)?;
    let mut times = Vec::new();
    let mut per_query: Vec<Vec<Duration>> = vec![Vec::new(); QUERIES.len()];
    let expander = library.expander();
    for _ in 0..rounds {
        for (q, samples) in QUERIES.iter().zip(&mut per_query) {
            let started = Instant::now();
            let hits = index.search(q, 20, None, &expander);
            let took = started.elapsed();
            times.push(took);
            samples.push(took);
            std::hint::black_box(hits);
        }
    }
    writeln!(
        out,
        "{} documents, {} plans, {} clauses, {:.1} MB of clause text",
        library.documents.len(),
        library.plans.len(),
        library.clauses.len(),
        bytes as f64 / 1e6
    )?;
    writeln!(out, "library parse: {:.0} ms", load.as_secs_f64() * 1e3)?;
    writeln!(
        out,
        "index build: {:.0} ms ({:.1} MB/s) — {}",
        build.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / build.as_secs_f64(),
        location_built.describe()
    )?;
    writeln!(
        out,
        "quick open (corpus manifest, open index, no parse): {:.1} ms{}",
        quick_open.as_secs_f64() * 1e3,
        if quick.is_some() { "" } else { " (not usable)" }
    )?;
    writeln!(
        out,
        "query ({} runs): p50 {}  p99 {}",
        times.len(),
        us(percentile(&mut times, 0.5)),
        us(percentile(&mut times, 0.99))
    )?;
    for (q, samples) in QUERIES.iter().zip(&mut per_query) {
        writeln!(
            out,
            "  {q}: p50 {}  max {}",
            us(percentile(samples, 0.5)),
            us(percentile(samples, 1.0))
        )?;
    }
    filter_changes(library, out)
}

/// The navigator's work when the targets chart's filter changes and when
/// the timeline opens, at 120×40: `update` (which aggregates once for the
/// new filter) plus a render, as the event loop does per key.
fn filter_changes(library: Library, out: &mut impl Write) -> Result<(), Failure> {
    let app = App::new(Arc::new(library));
    let theme = Theme {
        color: true,
        ascii: false,
    };
    let mut state = State::new(&app, (120, 40), theme);
    let mut term = Terminal::new(TestBackend::new(120, 40)).map_err(fail)?;
    let mut draw = |state: &State| -> Result<(), Failure> {
        term.draw(|f| views::render(state, &app, f)).map_err(fail)?;
        Ok(())
    };
    state.view = crate::tui::state::View::Targets;
    state.typing = false;
    state.targets.chart = true;
    let started = Instant::now();
    crate::tui::select::prepare(&mut state, &app);
    draw(&state)?;
    let opened = started.elapsed();
    // Every deadline in turn, then back to none: one press each.
    let presses = policy_nav::targets::deadlines(&app.library.targets).len() + 1;
    let (mut changes, mut updates) = (Vec::new(), Vec::new());
    let mut seen = std::collections::HashSet::new();
    for _ in 0..presses {
        let started = Instant::now();
        update::update(
            &mut state,
            &app,
            Msg::Key(KeyEvent::new(KeyCode::Char('D'), KeyModifiers::SHIFT)),
        );
        updates.push(started.elapsed());
        draw(&state)?;
        changes.push(started.elapsed());
        seen.insert(state.targets.deadline.clone());
    }
    if seen.len() != presses {
        return Err(fail(format!(
            "the deadline filter key went through {} of {presses} filters",
            seen.len()
        )));
    }
    state.view = crate::tui::state::View::Timeline;
    let started = Instant::now();
    crate::tui::select::prepare(&mut state, &app);
    draw(&state)?;
    let timeline = started.elapsed();
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
    writeln!(
        out,
        "targets chart ({} targets): open {}; deadline filter change ({} presses) p50 {}  max {} (update p50 {})",
        app.library.targets.len(),
        ms(opened),
        changes.len(),
        ms(percentile(&mut changes, 0.5)),
        ms(percentile(&mut changes, 1.0)),
        ms(percentile(&mut updates, 0.5))
    )?;
    writeln!(out, "timeline: first open {}", ms(timeline))?;
    Ok(())
}
