//! Shared by the integration tests: a private corpus copy, running the
//! binary in it, the hostile corpus and the terminal-safety check.
#![allow(dead_code)]

/// A notice forwarding one plan, with hostile sequences sprinkled through
/// the notice, the plan title, a target, a task and its duty parenthetical.
pub const HOSTILE: &str = concat!(
    "苏发改\x1b]0;PWNED-TITLE\x07资环发〔2024〕9号\n",
    "\n",
    "关于印发\x1b[31m测试\x1b[0m行业节能降碳专项行动计划的通知\n",
    "\n",
    "各设区市发展改革委\u{202E}：\n",
    "\n",
    "现将\u{9b}31m测试行业节能降碳专项行动计划印发给你们。\0\n",
    "\n",
    "附件：测试行业节能降碳专项行动计划\n",
    "\n",
    "江苏省发展和改革委员会\n",
    "\n",
    "2024年8月1日\n",
    "\n",
    "测试行业节能降\u{2066}碳\u{2069}专项行动计划\n",
    "\n",
    "为推动测试行业节能降碳，制定本行动计划。\r\n",
    "\n",
    "一、主要目标\n",
    "\n",
    "到2025年底，测试\x1b[2J产品综合能耗比2023年降低\u{85}2%以上。\n",
    "\n",
    "二、重点任务\n",
    "\n",
    "（一）推进余热\x1bP1$qm\x1b\\利用。提升\x1b]8;;http://evil.example/\x1b\\余热发电\x1b]8;;\x1b\\水平\t\t，",
    "淘汰\u{9d}0;x\u{9c}落后装置\u{202B}。（国家发展改革委牵头，工业和\u{202D}信息化部配合）\n",
    "\n",
    "（二）加强能效\u{1b}c管理。开展\u{7}能效诊断\u{8}\u{8}。（国家发展改革委按职责分工负责）\n",
);

/// True for characters that must not reach a terminal raw.
pub fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{FEFF}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Fails naming the first unsafe character: only `\n` (and `\r\n`, as CSV
/// writes it) may appear.
pub fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let allowed = c == '\n'
            || (c == '\r' && chars.get(i + 1) == Some(&'\n'))
            // The byte-order mark CSV output starts with, for Excel.
            || (c == '\u{FEFF}' && i == 0);
        if unsafe_char(c) && !allowed {
            let at: String = chars[i.saturating_sub(20)..(i + 20).min(chars.len())]
                .iter()
                .collect();
            panic!("{what}: raw {:?} reaches the terminal near {at:?}", c);
        }
    }
}

/// A temporary directory with `corpus/` holding a copy of the bundled
/// corpus, so each test's index (`index/` beside it) and cache
/// (`cache/`, for `XDG_CACHE_HOME`) are its own.
pub fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("corpus")).unwrap();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/jiangsu-2024-1057.txt"),
        dir.path().join("corpus/jiangsu-2024-1057.txt"),
    )
    .unwrap();
    dir
}

/// Runs the binary in `dir` (from [`corpus_copy`]) with its own cache
/// directory; returns exit code, stdout and stderr.
pub fn run_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    use assert_cmd::cargo::CommandCargoExt;
    let out = std::process::Command::cargo_bin("policy-nav")
        .unwrap()
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Entries of `dir` (recursively) whose names mark unfinished work:
/// index builds (`.build-…`), trash (`.trash-…`) and tantivy temp files.
pub fn leftovers(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(".build-")
            || name.starts_with(".trash-")
            || name.ends_with(".tmp")
            || name.starts_with(".tmp")
        {
            found.push(e.path());
        }
        if e.path().is_dir() {
            found.extend(leftovers(&e.path()));
        }
    }
    found
}

/// Deterministic garbage of `len` bytes (xorshift), to overwrite a file with.
pub fn garbage(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x9E37_79B9;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

/// Sleeps until the wall clock's next whole second has begun: files
/// written before the call are then older than any stamp taken after it.
#[allow(dead_code)]
pub fn wait_for_the_next_second() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let rest = std::time::Duration::from_nanos(1_000_000_000 - u64::from(now.subsec_nanos()));
    std::thread::sleep(rest + std::time::Duration::from_millis(5));
}
