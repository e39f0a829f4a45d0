//! The real binary in a pseudo-terminal at 80×24, its screen parsed with
//! vt100: typing Chinese, jumping into a clause and back, switching views,
//! quitting, signals, a hostile corpus — and the terminal always restored.
//! Needs no external program. Every wait polls the parsed screen with a
//! deadline; no sleep is an assertion.

use std::io::{Read, Write};
use std::os::fd::{FromRawFd, RawFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

mod common;
use common::{corpus_copy, leftovers, HOSTILE};

/// How long any single wait may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(60);

/// Everything a terminal would do besides drawing that the program asked for.
#[derive(Default, Debug)]
struct Recorder {
    titles: Vec<String>,
    bells: usize,
    clipboard: Vec<String>,
    unhandled_osc: Vec<String>,
    unhandled_control: Vec<u8>,
}

impl vt100::Callbacks for Recorder {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard
            .push(String::from_utf8_lossy(data).into_owned());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let parts: Vec<String> = params
            .iter()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        self.unhandled_osc.push(parts.join(";"));
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.unhandled_control.push(b);
    }
}

type Screen = Arc<Mutex<vt100::Parser<Recorder>>>;

/// The navigator running in a pseudo-terminal.
struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    screen: Screen,
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Tui {
    /// Starts `policy-nav --corpus CORPUS` at 80×24 in `dir`, with its
    /// cache in `dir/cache`, in Chinese (`LANG=C.UTF-8`).
    fn start(dir: &Path, corpus: &Path) -> Tui {
        Tui::start_in(dir, corpus, "C.UTF-8")
    }

    /// [`Tui::start`] with `LANG` set to `language`.
    fn start_in(dir: &Path, corpus: &Path, language: &str) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(assert_cmd::cargo::cargo_bin("policy-nav"));
        cmd.env("LANG", language);
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        cmd.arg("--corpus");
        cmd.arg(corpus);
        cmd.cwd(dir);
        cmd.env("XDG_CACHE_HOME", dir.join("cache"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        // Our own descriptor of the master, read only when poll(2) says
        // so, so the reader can be stopped and the master truly closed.
        let master_fd: RawFd = pair.master.as_raw_fd().unwrap();
        // SAFETY: dup(2) of a descriptor the master keeps open.
        let fd = unsafe { libc::dup(master_fd) };
        assert!(fd >= 0);
        // SAFETY: `fd` is a fresh descriptor owned by nothing else.
        let mut file = unsafe { std::fs::File::from_raw_fd(fd) };
        let writer = pair.master.take_writer().unwrap();
        let screen: Screen = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            24,
            80,
            0,
            Recorder::default(),
        )));
        let feed = Arc::clone(&screen);
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stopped.load(Ordering::SeqCst) {
                let mut poll = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                let ready = unsafe { libc::poll(&mut poll, 1, 50) };
                if ready <= 0 {
                    continue;
                }
                match file.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => feed.lock().unwrap().process(&buf[..n]),
                }
            }
        });
        Tui {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            screen,
            stop,
            reader: Some(reader),
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen satisfies `ok`; fails showing the screen.
    fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = self.contents();
            if ok(&text) {
                return text;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("exited ({status:?}) while waiting for {what}; screen:\n{text}");
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_text(&mut self, what: &str) -> String {
        let owned = what.to_string();
        self.wait_for(what, move |s| s.contains(&owned))
    }

    fn send(&mut self, bytes: &str) {
        let w = self.writer.as_mut().unwrap();
        w.write_all(bytes.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    /// Waits for the process to exit; fails if it does not.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread drain what was written before exit.
                let drained = Instant::now();
                let mut last = self.screen.lock().unwrap().screen().contents_formatted();
                while drained.elapsed() < Duration::from_millis(500) {
                    std::thread::sleep(Duration::from_millis(50));
                    let now = self.screen.lock().unwrap().screen().contents_formatted();
                    if now == last {
                        break;
                    }
                    last = now;
                }
                return status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("did not exit; screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn pid(&self) -> i32 {
        self.child.process_id().unwrap() as i32
    }

    /// Checks that the terminal was given back as it was found.
    fn assert_restored(&self) {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.bracketed_paste(), "bracketed paste left on");
        assert!(!screen.hide_cursor(), "cursor left hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
    }

    /// No cell of the screen holds a control or bidi character.
    fn assert_cells_safe(&self) {
        let parser = self.screen.lock().unwrap();
        let (rows, cols) = parser.screen().size();
        for row in 0..rows {
            for col in 0..cols {
                if let Some(cell) = parser.screen().cell(row, col) {
                    let text = cell.contents();
                    assert!(
                        !text.chars().any(common::unsafe_char),
                        "unsafe {text:?} drawn at {row},{col}:\n{}",
                        parser.screen().contents()
                    );
                }
            }
        }
    }

    fn recorder(&self) -> std::sync::MutexGuard<'_, vt100::Parser<Recorder>> {
        self.screen.lock().unwrap()
    }
}

impl Tui {
    /// Closes every descriptor of the terminal's master side, as when
    /// the terminal window closes or the connection drops.
    fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        self.writer.take();
        self.master.take();
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.hang_up();
    }
}

/// The screen row (0-based) holding `needle`, if any.
fn row_of(screen: &str, needle: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(needle))
}

fn first_frame(tui: &mut Tui) -> String {
    tui.wait_for("the tab bar", |s| {
        ["搜索", "文档", "部门", "指标"]
            .iter()
            .all(|t| s.contains(t))
    })
}

/// The heading of a clause as `policy-nav show --json` reports it.
fn heading(dir: &Path, corpus: &Path, address: &str) -> String {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("policy-nav"))
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .arg("--corpus")
        .arg(corpus)
        .args(["show", address, "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["heading"].as_str().unwrap().to_string()
}

fn index_dirs(dir: &Path) -> [PathBuf; 2] {
    [dir.join("index"), dir.join("cache")]
}

#[test]
fn type_chinese_jump_back_switch_views_and_quit_with_q() {
    let dir = corpus_copy();
    let corpus = dir.path().join("corpus");
    let target = "钢铁:二(四)";
    let target_heading = heading(dir.path(), &corpus, target);
    let mut tui = Tui::start(dir.path(), &corpus);
    first_frame(&mut tui);

    // The search view opens with the query line focused: Chinese goes in.
    tui.send("余热发电");
    let screen = tui.wait_text("余热发电");
    let query_row = row_of(&screen, "余热发电").unwrap();
    assert!(query_row <= 2, "query not on the query line:\n{screen}");

    // Tab leaves the query line for the document view; `:` goes to an address.
    tui.send("\t");
    tui.wait_for("the outline", |s| s.contains("钢铁") && s.contains("通知"));
    tui.send(":");
    tui.wait_text("跳转到地址");
    tui.send(target);
    tui.send("\r");
    let reader = tui.wait_text(&target_heading);
    assert!(reader.contains(target), "address not shown:\n{reader}");

    // Backspace goes back to where we were: the reader no longer on it.
    tui.send("\x7f");
    tui.wait_for("the previous place", |s| !s.contains(&target_heading));

    // Number keys switch views when not typing.
    tui.send("3");
    tui.wait_text("国家发展改革委");
    // (The targets view's key line; its table is still being built.)
    tui.send("4");
    tui.wait_text("里程碑");
    tui.send("1");
    tui.wait_text("余热发电");

    // Back on the search view the query line has the keys again ('2'
    // would be typed): Tab leaves it, then q quits.
    tui.send("\t");
    tui.wait_text("目录");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    tui.assert_restored();
    for d in index_dirs(dir.path()) {
        assert!(leftovers(&d).is_empty(), "{:?}", leftovers(&d));
    }
}

/// Search as users do it: type, see results, Enter opens the reader,
/// Backspace returns to the results. Needs the search view's results,
/// which the navigator's search wiring (issue 6, in progress) provides.
#[test]
fn search_enter_reader_backspace_results() {
    let dir = corpus_copy();
    let corpus = dir.path().join("corpus");
    let target = "钢铁:二(四)";
    let target_heading = heading(dir.path(), &corpus, target);
    let mut tui = Tui::start(dir.path(), &corpus);
    first_frame(&mut tui);
    tui.send("余热发电");
    // Results may show while the query is still being echoed (余热 alone
    // finds the target too, on a loaded machine): wait for both.
    let results = tui.wait_for("the results of the whole query", |s| {
        s.contains(target) && s.contains("余热发电")
    });
    let query_row = row_of(&results, "余热发电").unwrap();
    assert!(row_of(&results, target).unwrap() > query_row);
    tui.send("\r");
    let reader = tui.wait_for("the reader", |s| {
        s.contains(&target_heading) && s.contains("余热发电")
    });
    assert!(reader.contains(target), "{reader}");
    tui.send("\x7f");
    tui.wait_for("the results again", |s| {
        s.contains(target) && row_of(s, "余热发电").is_some_and(|r| r <= 2)
    });
    tui.send("\x03");
    assert!(tui.wait_exit().success());
    tui.assert_restored();
}

#[test]
fn ctrl_c_while_typing_quits_and_restores() {
    let dir = corpus_copy();
    let corpus = dir.path().join("corpus");
    let mut tui = Tui::start(dir.path(), &corpus);
    first_frame(&mut tui);
    tui.send("节能");
    tui.wait_text("节能");
    tui.send("\x03");
    assert!(tui.wait_exit().success());
    tui.assert_restored();
}

fn signal_exits_cleanly(signal: i32) {
    let dir = corpus_copy();
    let corpus = dir.path().join("corpus");
    let mut tui = Tui::start(dir.path(), &corpus);
    first_frame(&mut tui);
    tui.send("余热");
    tui.wait_text("余热");
    // SAFETY: kill(2) on our own child's pid.
    let rc = unsafe { libc::kill(tui.pid(), signal) };
    assert_eq!(rc, 0);
    let status = tui.wait_exit();
    assert!(
        status.signal().is_none(),
        "killed by the signal instead of exiting: {status:?}"
    );
    tui.assert_restored();
    for d in index_dirs(dir.path()) {
        assert!(leftovers(&d).is_empty(), "{:?}", leftovers(&d));
    }
}

#[test]
fn sigterm_restores_the_terminal_and_leaves_no_temporary_files() {
    signal_exits_cleanly(libc::SIGTERM);
}

#[test]
fn sighup_restores_the_terminal_and_leaves_no_temporary_files() {
    signal_exits_cleanly(libc::SIGHUP);
}

#[test]
fn closing_the_terminal_ends_the_program() {
    let dir = corpus_copy();
    let corpus = dir.path().join("corpus");
    let mut tui = Tui::start(dir.path(), &corpus);
    first_frame(&mut tui);
    // The terminal goes away (a dropped connection): the kernel hangs up.
    tui.hang_up();
    let start = Instant::now();
    loop {
        if tui.child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(start.elapsed() < DEADLINE, "still running after hang-up");
        std::thread::sleep(Duration::from_millis(20));
    }
    for d in index_dirs(dir.path()) {
        assert!(leftovers(&d).is_empty(), "{:?}", leftovers(&d));
    }
}

#[test]
fn a_hostile_corpus_never_drives_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("test\x1b]0;FILE-TITLE\x07.txt"), HOSTILE).unwrap();
    let mut tui = Tui::start(tmp.path(), &corpus);
    first_frame(&mut tui);
    tui.send("\t");
    tui.wait_text("测试");
    tui.send(":测试:二(一)\r");
    let reader = tui.wait_text("余热发电水平");
    assert!(reader.contains("淘汰落后"), "{reader}");
    tui.assert_cells_safe();
    tui.send("3");
    tui.wait_text("国家发展改革委");
    tui.assert_cells_safe();
    tui.send("4");
    tui.wait_text("里程碑");
    tui.assert_cells_safe();
    tui.send("2");
    tui.send(":通知\r");
    tui.wait_text("各设区市发展改革委");
    let screens = tui.contents();
    assert!(!screens.contains("PWNED"), "{screens}");
    tui.assert_cells_safe();
    tui.send("q");
    assert!(tui.wait_exit().success());
    tui.assert_restored();
    let parser = tui.recorder();
    let rec = parser.callbacks();
    assert!(rec.titles.is_empty(), "window title set: {:?}", rec.titles);
    assert_eq!(rec.bells, 0, "bell rung");
    assert!(rec.clipboard.is_empty(), "clipboard written");
    assert!(
        rec.unhandled_osc.is_empty(),
        "OSC reached the terminal: {:?}",
        rec.unhandled_osc
    );
    assert!(
        rec.unhandled_control.is_empty(),
        "control bytes reached the terminal: {:?}",
        rec.unhandled_control
    );
}

/// The navigator loads the corpus once: a file overwritten or deleted
/// under it changes nothing until it is restarted, and nothing breaks.
#[test]
fn the_navigator_follows_files_added_changed_and_removed_while_it_runs() {
    let dir = corpus_copy();
    let corpus = dir.path().join("corpus");
    let mut tui = Tui::start(dir.path(), &corpus);
    // A document dropped into the corpus while the navigator starts is
    // never missed, whether the first load or a reload reads it.
    std::fs::write(
        corpus.join("added.txt"),
        "一、总体要求\n到2025年，示范园区余热利用率提高5个百分点。\n",
    )
    .unwrap();
    first_frame(&mut tui);
    tui.send("余热");
    tui.wait_text("示范园区");
    // A document changed under an open result list: the list follows, the
    // query kept.
    std::fs::write(
        corpus.join("added.txt"),
        "一、总体要求\n到2025年，示范城市余热利用率提高6个百分点。\n",
    )
    .unwrap();
    tui.wait_text("修改 1");
    tui.wait_text("示范城市");
    // The bundled notice removed: its clauses go, the added one stays.
    std::fs::remove_file(corpus.join("jiangsu-2024-1057.txt")).unwrap();
    tui.wait_text("删除 1");
    tui.wait_text("示范城市");
    // Nothing left to load: what is shown stays, and the status says why.
    std::fs::remove_file(corpus.join("added.txt")).unwrap();
    tui.wait_text("重新读入语料失败");
    tui.wait_text("示范城市");
    tui.send("\t");
    tui.wait_text("目录");
    tui.send("q");
    assert!(tui.wait_exit().success());
    tui.assert_restored();
}

/// A corpus big enough that loading it takes a while: the bundled notice
/// copied `copies` times under other file names.
fn big_corpus(copies: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = corpus_copy();
    let corpus = dir.path().join("corpus");
    let text = std::fs::read(corpus.join("jiangsu-2024-1057.txt")).unwrap();
    for k in 0..copies {
        std::fs::write(corpus.join(format!("copy-{k:03}.txt")), &text).unwrap();
    }
    (dir, corpus)
}

/// While a big corpus loads the navigator says so at once, keeps what is
/// typed meanwhile and applies it once loaded.
#[test]
fn keys_typed_while_a_big_corpus_loads_are_kept() {
    let (dir, corpus) = big_corpus(80);
    let mut tui = Tui::start(dir.path(), &corpus);
    tui.wait_text("正在载入语料");
    tui.send("余热发电");
    let waiting = tui.wait_for("the loading screen or the results", |s| {
        s.contains("已记下 4 个按键") || s.contains("搜索  余热发电")
    });
    let screen = tui.wait_for("results for the query typed while loading", |s| {
        s.contains("搜索  余热发电") && s.contains("钢铁:二(四)")
    });
    assert!(
        !screen.contains("正在载入语料"),
        "loading screen left behind:\n{screen}\n(before: {waiting})"
    );
    tui.send("\x03");
    assert!(tui.wait_exit().success());
    tui.assert_restored();
}

/// Ctrl-C during a long load leaves at once, with the terminal restored.
#[test]
fn ctrl_c_while_loading_leaves_cleanly() {
    let (dir, corpus) = big_corpus(80);
    let mut tui = Tui::start(dir.path(), &corpus);
    tui.wait_text("正在载入语料");
    tui.send("\x03");
    assert!(tui.wait_exit().success());
    tui.assert_restored();
}

/// The navigator's own words (tabs, hint line, help, pop-ups) follow the
/// locale like the messages do: English when `LANG` starts with `en`,
/// Chinese otherwise. The corpus is Chinese either way, so only the
/// navigator's chrome is looked for.
#[test]
fn the_navigator_speaks_english_when_the_locale_asks_and_chinese_otherwise() {
    let dir = corpus_copy();
    let corpus = dir.path().join("corpus");
    let chinese = Chrome {
        outline: "目录",
        help_title: "按键帮助（j/k 滚动，Esc 关闭）",
        help_rows: &["折叠 / 展开计划", "通用"],
        words: &["搜索", "文档", "帮助", "选择", "退出", "通用", "跳转到地址"],
    };
    let english = Chrome {
        outline: "Outline",
        help_title: "Keys (j/k scroll, Esc closes)",
        help_rows: &["Fold / unfold a plan", "General"],
        words: &[
            "Search", "Document", "help", "select", "quit", "General", "Go to",
        ],
    };

    let mut tui = Tui::start_in(dir.path(), &corpus, "en_US.UTF-8");
    let screen = tui.wait_for("the English tab bar", |s| {
        ["Search", "Document", "Departments", "Targets", "Timeline"]
            .iter()
            .all(|t| s.contains(t))
    });
    // The navigator starts in the query line, where `?` is text: the top
    // bar names the key that opens the help there.
    assert!(screen.contains("F1 help"), "{screen}");
    tui.wait_for("the query line's hint line", |s| {
        s.lines()
            .last()
            .is_some_and(|l| l.contains("Up/Down select") && l.contains("Ctrl-c quit"))
    });
    document_help(&mut tui, &english, &chinese);
    tui.send(":");
    let goto = tui.wait_text("Go to address (Enter confirms");
    assert!(!goto.contains("跳转到地址"), "{goto}");
    tui.send("\x1b");
    tui.wait_for("the pop-up closed", |s| !s.contains("Go to address"));
    tui.send("4");
    tui.wait_text("milestones");
    tui.send("q");
    assert!(tui.wait_exit().success());
    tui.assert_restored();

    let mut tui = Tui::start(dir.path(), &corpus);
    let screen = first_frame(&mut tui);
    assert!(
        screen.contains("帮助") && screen.contains("选择"),
        "{screen}"
    );
    document_help(&mut tui, &chinese, &english);
    tui.send("q");
    assert!(tui.wait_exit().success());
    tui.assert_restored();
}

/// Words of the navigator in one language.
struct Chrome {
    outline: &'static str,
    help_title: &'static str,
    help_rows: &'static [&'static str],
    words: &'static [&'static str],
}

/// From the query line to the document view and its help (the document's
/// keys first): all in `language`, none of `other`'s words; closes it.
fn document_help(tui: &mut Tui, language: &Chrome, other: &Chrome) {
    tui.send("\t");
    tui.wait_text(language.outline);
    tui.send("?");
    let help = tui.wait_text(language.help_title);
    for row in language.help_rows {
        assert!(help.contains(row), "{row} missing from the help:\n{help}");
    }
    for word in other.words {
        assert!(!help.contains(word), "{word} in the help:\n{help}");
    }
    tui.send("\x1b");
    tui.wait_for("the help closed", |s| !s.contains(language.help_title));
}
