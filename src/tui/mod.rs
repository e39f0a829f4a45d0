//! The interactive navigator. Elm-style: [`state::State`] is the model,
//! [`msg::Msg`] the messages, [`update::update`] the only mutation and
//! [`views::render`] a pure drawing of the state. One thread reads terminal
//! events and one waits for signals; both feed a channel the main loop
//! blocks on, and the screen is redrawn only when `update` says it changed.

pub mod backend;
pub mod msg;
pub mod select;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod views;
pub mod watch;
pub mod wrap;

#[cfg(test)]
mod tests;

use std::io::{self, BufWriter, Write};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread;

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use policy_nav::Library;

use msg::Msg;
use state::{App, Effect, State};

/// Which frame a start-up benchmark stops after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitAfter {
    /// The first complete frame (`--first-frame`): drawn before the corpus
    /// has loaded, since it shows nothing of it.
    FirstFrame,
    /// The first frame drawn from the loaded corpus (`--ready-frame`): from
    /// here on keys are answered.
    ReadyFrame,
}

/// How the interface was asked to run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Plain ASCII glyphs only.
    pub ascii: bool,
    /// Capture the mouse (scroll wheel moves the selection).
    pub mouse: bool,
    /// Draw a frame and exit (for start-up benchmarks).
    pub exit_after: Option<ExitAfter>,
    /// Use colour: already resolved from --color, NO_COLOR, the config's
    /// `color` and a `mono` theme.
    pub color: bool,
    /// The config file's theme (dark, light, mono): mono is folded into
    /// `color`; dark and light share one palette of terminal-default-relative
    /// colours.
    #[allow(dead_code)]
    pub theme: crate::config::ThemeName,
    /// Keys for the rebindable actions (quit, search, goto, help) from the
    /// config file.
    pub keys: crate::keys::KeyBindings,
    /// The corpus directory (or file) to watch for changes; `None` for the
    /// corpus built into the program.
    pub watch: Option<std::path::PathBuf>,
}

fn to_msg(event: Event, mouse: bool) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Mouse(m) if mouse => Some(Msg::Mouse(m)),
        _ => None,
    }
}

/// Opens (or builds) the library's search index on its own thread and
/// sends [`Msg::IndexReady`] for library `generation`.
fn open_index(library: Arc<Library>, generation: u64, tx: mpsc::Sender<Msg>) {
    thread::spawn(move || {
        let msg = match library.open_search(false) {
            Ok((index, location)) => {
                let note = (!location.is_default()).then(|| location.describe());
                Msg::IndexReady(Ok(Arc::new(index)), note, generation)
            }
            Err(e) => Msg::IndexReady(Err(e.to_string()), None, generation),
        };
        let _ = tx.send(msg);
    });
}

/// Writes a list to a new CSV file in the working directory (never
/// overwriting one): how many rows and where, or why not.
fn export(
    table: &policy_nav::export::Table,
    stem: &str,
) -> Result<(usize, std::path::PathBuf), String> {
    use policy_nav::export::{self, Format};
    let dir = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
    export::write_new_file(&dir, stem, Format::Csv, |w| {
        export::write_table(table, Format::Csv, w)
    })
    .map(|path| (table.rows.len(), path))
    .map_err(|e| t!("nav.status.export_dir", error = e, dir = dir.display()).into_owned())
}

/// Loads the corpus for the navigator (on its own thread), at start and
/// again whenever the watched corpus changes.
pub type Loader = Arc<dyn Fn() -> Result<Library, String> + Send + Sync>;

/// Why the navigator stopped other than by the user's choice.
#[derive(Debug)]
pub enum RunError {
    /// The terminal failed.
    Terminal(io::Error),
    /// The corpus could not be loaded (the message says why).
    Load(String),
}

impl From<io::Error> for RunError {
    fn from(e: io::Error) -> Self {
        RunError::Terminal(e)
    }
}

/// How long a load may take before the status line says it is loading
/// (below this nobody would read it, and drawing it would only flash).
const LOADING_SCREEN_AFTER: std::time::Duration = std::time::Duration::from_millis(100);

/// The terminal's size in cells, as the state keeps it.
fn size_of<B: ratatui::backend::Backend<Error = io::Error>>(
    term: &Terminal<B>,
) -> io::Result<(u16, u16)> {
    let size = term.size()?;
    Ok((size.width, size.height))
}

/// The status line while the corpus loads: where from, and what becomes of
/// the keys typed meanwhile.
fn loading_status(location: &str, waiting_keys: usize) -> String {
    let keys = if waiting_keys == 0 {
        t!("nav.loading.type_ahead")
    } else {
        t!("nav.loading.keys_waiting", count = waiting_keys)
    };
    format!("{}  {keys}", t!("nav.loading.corpus", location = location))
}

/// Runs the interface until the user quits or a signal arrives. The corpus
/// is loaded by `load` on another thread: on a big corpus the navigator
/// shows that it is loading, keeps the keys typed meanwhile and applies
/// them once it has loaded; Ctrl-C, SIGTERM and SIGHUP leave at once.
pub fn run(load: Loader, where_from: String, options: Options) -> Result<(), RunError> {
    let (tx, rx) = mpsc::channel::<Msg>();
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let signal_handle = signals.handle();
    let signal_tx = tx.clone();
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = signal_tx.send(Msg::Terminate);
        }
    });
    // The corpus is watched before it is first read, so a file written
    // while it loads (or in the moment after) is never missed: its change
    // reloads the corpus in the background (watch.rs). The watcher lives
    // as long as `run`.
    let watcher = options
        .watch
        .as_deref()
        .map(|dir| watch::start(dir, load.clone(), tx.clone()));
    let load_tx = tx.clone();
    let first_load = load.clone();
    thread::spawn(move || {
        // A loader that panics must still answer, or the loading screen
        // would wait for ever.
        let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| first_load()))
            .unwrap_or_else(|_| {
                Err(
                    "loading the corpus failed unexpectedly (a bug; please report it \
                     with the corpus files)"
                        .to_string(),
                )
            });
        let _ = load_tx.send(Msg::Loaded(loaded.map(Arc::new)));
    });
    let index_tx = tx.clone();

    let guard = terminal::TerminalGuard::enter(options.mouse)?;
    let backend = backend::LeanBackend::new(BufWriter::with_capacity(64 * 1024, io::stdout()));
    let mut term = Terminal::new(backend)?;
    let theme = theme::Theme {
        // Resolved by the caller: --color > NO_COLOR > config > default.
        color: options.color,
        ..theme::Theme::detect(options.ascii)
    };

    let mouse = options.mouse;
    thread::spawn(move || loop {
        match event::read() {
            Ok(ev) => {
                if let Some(msg) = to_msg(ev, mouse) {
                    if tx.send(msg).is_err() {
                        break;
                    }
                }
            }
            Err(_) => {
                let _ = tx.send(Msg::Terminate);
                break;
            }
        }
    });

    // The navigator opens on an empty query line, which shows nothing of
    // the corpus: drawn from an empty library it is the same frame, cell
    // for cell, as drawn from the loaded one (tests:
    // `the_opening_frame_is_the_same_before_the_corpus_loads`). So it is
    // drawn at once, however big the corpus, while the corpus loads on its
    // own thread. Until it has loaded, keys wait and the status line says
    // so after a moment; then the waiting keys are applied as if typed
    // now. (Every frame is a diff against the one before. Never
    // `Terminal::clear`, which asks the terminal for the cursor position —
    // a reply the input thread eats.)
    let waiting_app = App::new(Arc::new(Library::empty()));
    let mut waiting = State::opening(&waiting_app, size_of(&term)?, theme, &options.keys);
    term.draw(|frame| views::render(&waiting, &waiting_app, frame))?;
    if options.exit_after == Some(ExitAfter::FirstFrame) {
        drop(guard);
        return Ok(());
    }
    let mut pending = Vec::new();
    let mut shown = false;
    let library = loop {
        let next = if shown || options.exit_after.is_some() {
            rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected)
        } else {
            rx.recv_timeout(LOADING_SCREEN_AFTER)
        };
        match next {
            // A reload after a change during the first load is the newer
            // corpus; the first load's result, arriving after it, is then
            // ignored by `update`.
            Ok(Msg::Loaded(Ok(library))) | Ok(Msg::Reloaded(Ok(library))) => break library,
            Ok(Msg::Loaded(Err(message))) => {
                drop(term);
                drop(guard);
                return Err(RunError::Load(message));
            }
            Ok(Msg::Terminate) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                signal_handle.close();
                return Ok(());
            }
            Ok(Msg::Key(key)) if update::is_interrupt(&key) => {
                signal_handle.close();
                return Ok(());
            }
            // Before there is anything to show, a change being read again
            // or a reload that failed has nothing to report; the first
            // load's own outcome does.
            Ok(Msg::CorpusChanging | Msg::Reloaded(Err(_))) => {}
            Ok(Msg::Resize(width, height)) => {
                update::update(&mut waiting, &waiting_app, Msg::Resize(width, height));
            }
            Ok(msg) => pending.push(msg),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        shown = true;
        waiting.status = Some(loading_status(&where_from, pending.len()));
        term.draw(|frame| views::render(&waiting, &waiting_app, frame))?;
    };

    let mut app = App::new(library);
    let mut state = State::opening(&app, size_of(&term)?, theme, &options.keys);
    // What was typed while loading, as if typed now.
    for msg in pending {
        update::update(&mut state, &app, msg);
    }
    term.draw(|frame| views::render(&state, &app, frame))?;
    if options.exit_after == Some(ExitAfter::ReadyFrame) {
        drop(guard);
        leave_unfreed(state, app);
        return Ok(());
    }

    // The timeline's rows are derived behind the first frame (a third of a
    // second at 10,000 plans), so its first opening does not wait for them;
    // opened sooner, it waits for this thread's result.
    let (timeline_library, timeline_rows) = (app.library.clone(), app.timeline_rows.clone());
    thread::spawn(move || {
        timeline_rows.get_or_init(|| select::derive_timeline_rows(&timeline_library));
    });

    // The index opens (or builds) off the input path; typing works meanwhile.
    let mut generation = 0;
    open_index(app.library.clone(), generation, index_tx.clone());
    if let Some(Err(e)) = &watcher {
        state.status = Some(t!("nav.status.cannot_watch", error = e).into_owned());
    }

    while let Ok(first) = rx.recv() {
        let mut changed = false;
        let mut queue = vec![first];
        // Coalesce whatever else is already queued (fast typing, a paste
        // split into keys) into one redraw.
        while let Ok(next) = rx.try_recv() {
            queue.push(next);
        }
        for msg in queue {
            match msg {
                // An index of a corpus that has since been reloaded.
                Msg::IndexReady(_, _, g) if g != generation => {}
                Msg::Reloaded(Ok(library)) => {
                    generation += 1;
                    let new_app = App::new(library);
                    let (carried, lost) = state.carried_over(&app, &new_app);
                    state = carried;
                    update::corpus_reloaded(&mut state, &app, &new_app, lost);
                    app = new_app;
                    open_index(app.library.clone(), generation, index_tx.clone());
                    changed = true;
                }
                msg => changed |= update::update(&mut state, &app, msg),
            }
        }
        let effects: Vec<Effect> = state.effects.drain(..).collect();
        for effect in effects {
            match effect {
                Effect::Copy(text) => {
                    let writer = term.backend_mut();
                    let _ = writer.write_all(terminal::osc52(&text).as_bytes());
                    let _ = writer.flush();
                }
                Effect::Export { table, stem } => {
                    let written = export(&table, &stem);
                    changed |= update::update(&mut state, &app, Msg::Exported(written));
                }
            }
        }
        if state.quit {
            break;
        }
        if changed {
            term.draw(|frame| views::render(&state, &app, frame))?;
        }
    }
    signal_handle.close();
    drop(term);
    drop(guard);
    leave_unfreed(state, app);
    Ok(())
}

/// The navigator is leaving and the process ends right after: freeing the
/// library piece by piece (millions of strings at 10,000 plans, a tenth of
/// a second) would only make the user wait for the prompt. The terminal is
/// restored before this; nothing here has work left to do on drop.
fn leave_unfreed(state: State, app: App) {
    std::mem::forget(state);
    std::mem::forget(app);
}
