//! The parsed-library cache beside the index: commands answer from it as
//! they would from a fresh parse; a damaged or stale cache is detected and
//! replaced; an edited corpus is never answered from the old cache; an
//! unchanged corpus is answered without writing anything.

mod common;

use std::path::{Path, PathBuf};

use common::{corpus_copy, leftovers, run_in};

/// Every command that starts from the parsed library, with its output.
const COMMANDS: &[&[&str]] = &[
    &["--corpus", "corpus", "outline", "--json"],
    &["--corpus", "corpus", "targets", "--json"],
    // Outputs that cite no clause are read from the targets section alone.
    &["--corpus", "corpus", "targets"],
    &["--corpus", "corpus", "targets", "--chart"],
    &["--corpus", "corpus", "targets", "--json", "--all"],
    // JSON is written from the rows kept rendered: the rows a filter on
    // milestones alone keeps are stored, a deadline's are found.
    &[
        "--corpus",
        "corpus",
        "targets",
        "--json",
        "--deadline",
        "2025",
    ],
    &[
        "--corpus",
        "corpus",
        "targets",
        "--json",
        "--deadline",
        "2030",
        "--all",
    ],
    &["--corpus", "corpus", "targets", "--csv"],
    &["--corpus", "corpus", "timeline", "--json"],
    &["--corpus", "corpus", "depts", "--json"],
    &["--corpus", "corpus", "show", "钢铁:二(四)", "--json"],
    &["--corpus", "corpus", "compare", "二(四)", "--json"],
];

fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run_in(dir, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// The cache files (`library-….bin`) under the test's cache directory.
fn cache_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.join("cache")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_dir() {
                stack.push(e.path());
            } else if name.starts_with("library-") && name.ends_with(".bin") {
                found.push(e.path());
            }
        }
    }
    found.sort();
    found
}

/// The one cache file there is.
fn the_cache_file(dir: &Path) -> PathBuf {
    let files = cache_files(dir);
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// Outputs of every command in a fresh copy with an empty cache, the
/// first run of each parsing the corpus.
fn parsed_outputs(corpus: &Path) -> Vec<String> {
    let fresh = tempfile::tempdir().unwrap();
    std::fs::create_dir(fresh.path().join("corpus")).unwrap();
    for e in std::fs::read_dir(corpus).unwrap().flatten() {
        std::fs::copy(e.path(), fresh.path().join("corpus").join(e.file_name())).unwrap();
    }
    COMMANDS
        .iter()
        .map(|args| {
            // Remove the cache before each: every output is a fresh parse's.
            let _ = std::fs::remove_dir_all(fresh.path().join("cache"));
            ok(fresh.path(), args)
        })
        .collect()
}

fn outputs(dir: &Path) -> Vec<String> {
    COMMANDS.iter().map(|args| ok(dir, args)).collect()
}

#[test]
fn commands_from_the_cache_answer_as_from_a_parse() {
    let dir = corpus_copy();
    let reference = parsed_outputs(&dir.path().join("corpus"));
    // The first run parses and writes the cache, the others read it.
    ok(dir.path(), COMMANDS[0]);
    let file = the_cache_file(dir.path());
    let written = std::fs::metadata(&file).unwrap().modified().unwrap();
    assert_eq!(outputs(dir.path()), reference);
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        written,
        "a current cache is read, not rewritten"
    );
}

/// Checks that `file` was replaced since it held `bad`, by one that is
/// accepted: another run leaves it as it is. (Files are compared as a
/// whole: the payload's maps are not stored in a fixed order.)
fn replaced_by_a_good_one(dir: &Path, file: &Path, bad: &[u8]) {
    let now = std::fs::read(file).unwrap();
    assert!(now != bad, "the bad cache file is still there");
    let written = std::fs::metadata(file).unwrap().modified().unwrap();
    ok(dir, COMMANDS[0]);
    assert!(
        std::fs::read(file).unwrap() == now,
        "the new file is not accepted"
    );
    assert_eq!(
        std::fs::metadata(file).unwrap().modified().unwrap(),
        written
    );
}

/// Damages the cache file in a way, runs every command, and checks that
/// the answers are a fresh parse's and that the file was replaced.
fn damaged_cache_is_replaced(damage: impl Fn(&Path)) {
    let dir = corpus_copy();
    let reference = parsed_outputs(&dir.path().join("corpus"));
    ok(dir.path(), COMMANDS[0]);
    let file = the_cache_file(dir.path());
    let good = std::fs::read(&file).unwrap();
    damage(&file);
    let bad = std::fs::read(&file).unwrap();
    assert!(bad != good, "the damage did something");
    assert_eq!(outputs(dir.path()), reference);
    assert_eq!(the_cache_file(dir.path()), file);
    replaced_by_a_good_one(dir.path(), &file, &bad);
    assert!(leftovers(&dir.path().join("cache")).is_empty());
}

#[test]
fn a_cache_with_a_flipped_byte_is_rebuilt() {
    damaged_cache_is_replaced(|file| {
        let mut bytes = std::fs::read(file).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        std::fs::write(file, bytes).unwrap();
    });
}

#[test]
fn a_truncated_cache_is_rebuilt() {
    damaged_cache_is_replaced(|file| {
        let bytes = std::fs::read(file).unwrap();
        std::fs::write(file, &bytes[..bytes.len() * 2 / 3]).unwrap();
    });
}

#[test]
fn a_cache_overwritten_with_garbage_or_emptied_is_rebuilt() {
    damaged_cache_is_replaced(|file| {
        let len = std::fs::metadata(file).unwrap().len() as usize;
        std::fs::write(file, common::garbage(len)).unwrap();
    });
    damaged_cache_is_replaced(|file| std::fs::write(file, b"").unwrap());
}

/// A consistent payload whose checksum was recomputed still fails if it
/// does not decode: only a well-formed library is used.
#[test]
fn a_cache_with_a_valid_checksum_over_a_bad_payload_is_rebuilt() {
    damaged_cache_is_replaced(|file| {
        let mut bytes = std::fs::read(file).unwrap();
        // Magic, format, key, then three sections' (length, CRC-32): the
        // targets, the rest of the library, the targets' JSON rows.
        let prefix = 16 + 4 + 64;
        let header = prefix + 3 * (8 + 4);
        // Sections of the right lengths that are not a library, each
        // under a valid checksum.
        let mut at = header;
        for section in 0..3 {
            let field = prefix + section * 12;
            let len = u64::from_le_bytes(bytes[field..field + 8].try_into().unwrap()) as usize;
            for b in &mut bytes[at..at + len] {
                *b = 0xFF;
            }
            let crc = crc32(&bytes[at..at + len]);
            bytes[field + 8..field + 12].copy_from_slice(&crc.to_le_bytes());
            at += len;
        }
        assert_eq!(at, bytes.len(), "the sections fill the file");
        std::fs::write(file, bytes).unwrap();
    });
}

/// CRC-32 (IEEE), bit by bit: the test does not take the program's word.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

const FILE: &str = "corpus/jiangsu-2024-1057.txt";

fn edit_corpus(dir: &Path, from: &str, to: &str) {
    let path = dir.join(FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

#[test]
fn an_edited_corpus_is_never_answered_from_the_old_cache() {
    let dir = corpus_copy();
    let show = &["--corpus", "corpus", "show", "钢铁:二(四)"];
    assert!(ok(dir.path(), show).contains("余热发电"));
    let old = the_cache_file(dir.path());
    // Same length in bytes: only the manifest's times and the hash tell.
    edit_corpus(dir.path(), "余热发电", "余热供能");
    let now = ok(dir.path(), show);
    assert!(
        now.contains("余热供能") && !now.contains("余热发电"),
        "{now}"
    );
    let new = the_cache_file(dir.path());
    assert_ne!(new, old, "the old content's cache file is removed");
    assert_eq!(
        outputs(dir.path()),
        parsed_outputs(&dir.path().join("corpus"))
    );
}

/// The old content's cache file put where the new content's belongs: its
/// header names another key, so it is stale and replaced.
#[test]
fn a_stale_cache_under_the_current_name_is_rebuilt() {
    let dir = corpus_copy();
    let show = &["--corpus", "corpus", "show", "钢铁:二(四)"];
    ok(dir.path(), show);
    let stale = std::fs::read(the_cache_file(dir.path())).unwrap();
    edit_corpus(dir.path(), "余热发电", "余热供能");
    ok(dir.path(), show);
    let current = the_cache_file(dir.path());
    std::fs::write(&current, &stale).unwrap();
    let now = ok(dir.path(), show);
    assert!(
        now.contains("余热供能") && !now.contains("余热发电"),
        "{now}"
    );
    replaced_by_a_good_one(dir.path(), &current, &stale);
}

/// The corpus named another way (an absolute path) has paths shown its
/// way: its own cache file, the other kept.
#[test]
fn the_corpus_named_two_ways_shows_each_its_own_paths() {
    let dir = corpus_copy();
    let relative = ok(dir.path(), &["--corpus", "corpus", "outline", "--json"]);
    let absolute_path = dir.path().join("corpus").canonicalize().unwrap();
    let absolute_arg = absolute_path.to_string_lossy().into_owned();
    let absolute = ok(
        dir.path(),
        &["--corpus", &absolute_arg, "outline", "--json"],
    );
    assert_eq!(cache_files(dir.path()).len(), 2);
    assert_eq!(
        ok(dir.path(), &["--corpus", "corpus", "outline", "--json"]),
        relative
    );
    assert_eq!(
        ok(
            dir.path(),
            &["--corpus", &absolute_arg, "outline", "--json"]
        ),
        absolute
    );
}

/// `targets` read from the cache's targets section says what the parse
/// said on stderr too: a file's load warnings travel with the targets.
#[test]
fn targets_from_the_cache_repeat_the_load_warnings() {
    let dir = corpus_copy();
    let gb = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/formats/gb18030-02.txt"
    );
    std::fs::copy(gb, dir.path().join("corpus/gb18030-02.txt")).unwrap();
    let args = ["--corpus", "corpus", "targets", "--json"];
    let (code, parsed, parsed_err) = run_in(dir.path(), &args);
    assert_eq!(code, 0, "{parsed_err}");
    assert!(parsed_err.contains("gb18030-02.txt"), "{parsed_err}");
    the_cache_file(dir.path());
    let (code, cached, cached_err) = run_in(dir.path(), &args);
    assert_eq!(code, 0, "{cached_err}");
    assert_eq!(cached, parsed);
    assert_eq!(cached_err, parsed_err);
}

/// The corpus manifest in the test's cache directory.
fn manifest(dir: &Path) -> serde_json::Value {
    let mut stack = vec![dir.join("cache")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else if e.file_name() == policy_nav::corpus::manifest::MANIFEST_FILE {
                let m = policy_nav::corpus::manifest::Manifest::read_file(&e.path())
                    .expect("a readable manifest");
                return serde_json::to_value(m).unwrap();
            }
        }
    }
    panic!("no corpus manifest under {dir:?}")
}

/// Files changed in the second the manifest was taken are hashed on every
/// run until a later run, in a later second, writes it again.
#[test]
fn a_racy_manifest_is_written_again_once_its_files_settle() {
    let dir = corpus_copy();
    let args = ["--corpus", "corpus", "targets", "--json"];
    // Copied and stamped in one second: the file is racy.
    let file = dir.path().join(FILE);
    let mut racy = false;
    for _ in 0..5 {
        std::fs::write(&file, std::fs::read(&file).unwrap()).unwrap();
        ok(dir.path(), &args);
        let m = manifest(dir.path());
        let mtime = m["stamps"][0]["stat"]["modified"][0].as_i64().unwrap();
        if mtime >= m["taken"].as_i64().unwrap() {
            racy = true;
            break;
        }
    }
    assert!(
        racy,
        "could not stamp the file in the second it was written"
    );
    common::wait_for_the_next_second();
    ok(dir.path(), &args);
    let m = manifest(dir.path());
    let stat = &m["stamps"][0]["stat"];
    let taken = m["taken"].as_i64().unwrap();
    assert!(
        stat["modified"][0].as_i64().unwrap() < taken
            && stat["changed"][0].as_i64().unwrap() < taken,
        "the manifest still has the file racy: {m}"
    );
}

/// A one-shot search opens the newest index beside the corpus while it
/// checks the corpus, and must not use it when it was built for other
/// content: here the corpus goes back to an earlier state whose index is
/// older than the one of the state in between.
#[test]
fn a_search_after_the_corpus_went_back_uses_the_index_of_its_content() {
    let dir = corpus_copy();
    let file = dir.path().join(FILE);
    let original = std::fs::read_to_string(&file).unwrap();
    let search = ["--corpus", "corpus", "search", "余热发电", "--json"];
    let first = ok(dir.path(), &search);
    assert!(first.contains("余热发电"), "{first}");
    // Between: the words are gone, and that state's index is the newest.
    std::fs::write(&file, original.replace("余热发电", "余热利用")).unwrap();
    common::wait_for_the_next_second();
    // (No result: exit status 1, as grep.)
    let (code, between, err) = run_in(dir.path(), &search);
    assert_eq!((code, between.trim()), (1, "[]"), "{err}");
    // Back to the first content: its (older) index is the current one.
    std::fs::write(&file, &original).unwrap();
    common::wait_for_the_next_second();
    assert_eq!(ok(dir.path(), &search), first);
    let between_again = ["--corpus", "corpus", "search", "余热利用", "--json"];
    let (code, out, err) = run_in(dir.path(), &between_again);
    assert_eq!((code, out.trim()), (1, "[]"), "{err}");
}
