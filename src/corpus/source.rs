//! Where corpus files come from: a directory on disk or the copy embedded
//! in the binary at build time.
//!
//! Besides the documents (`*.txt`), a corpus directory may hold two data
//! files that extend the built-in ones (see [`read_extras`]):
//! [`USER_DICT_FILE`] (`dict.txt`, jieba user-dict format) and
//! [`USER_ALIASES_FILE`] (`aliases.toml`, the `data/aliases.toml` format).
//! `dict.txt` ends in `.txt` but is never loaded as a document.

use crate::t;
use std::fmt;
use std::path::{Path, PathBuf};

use super::manifest::{stamp_name, FileStat, Stamp};
pub use super::read::Positions;
use super::read::{self as reader, Format};

include!(concat!(env!("OUT_DIR"), "/embedded_corpus.rs"));

/// Where the corpus is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusLocation {
    /// Every document under this directory (recursively), or this one
    /// file (see README "Reading files").
    Dir(PathBuf),
    /// The corpus embedded in the binary.
    Embedded,
}

impl CorpusLocation {
    /// `--corpus DIR` when given; else `./corpus` when it is a directory;
    /// else the embedded corpus.
    pub fn choose(explicit: Option<&Path>) -> CorpusLocation {
        match explicit {
            Some(dir) => CorpusLocation::Dir(dir.to_path_buf()),
            None if Path::new("corpus").is_dir() => CorpusLocation::Dir(PathBuf::from("corpus")),
            None => CorpusLocation::Embedded,
        }
    }
}

impl fmt::Display for CorpusLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusLocation::Dir(dir) => write!(f, "{}", shown(dir)),
            CorpusLocation::Embedded => f.write_str(&t!("corpus.builtin")),
        }
    }
}

/// The user dictionary's file name in a corpus directory; excluded from
/// the documents by name.
pub const USER_DICT_FILE: &str = "dict.txt";
/// The user alias table's file name in a corpus directory.
pub const USER_ALIASES_FILE: &str = "aliases.toml";

/// True for a file name that is corpus data, not a document.
pub fn is_data_file(file_name: &str) -> bool {
    file_name == USER_DICT_FILE
}

/// The optional data files of a corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusExtras {
    /// `dict.txt`: extra words for the segmenter (and pinyin lookup).
    pub dict: Option<SourceFile>,
    /// `aliases.toml`: extra department aliases.
    pub aliases: Option<SourceFile>,
}

/// Reads the corpus's data files (absent ones are `None`; an unreadable one
/// is a warning).
pub fn read_extras(location: &CorpusLocation) -> (CorpusExtras, Vec<LoadWarning>) {
    let mut warnings = Vec::new();
    let extras = match location {
        CorpusLocation::Embedded => {
            let make = |name: &str, bytes: Option<&[u8]>| {
                bytes.map(|b| SourceFile {
                    name: name.to_string(),
                    path: format!("embedded:{name}"),
                    bytes: b.to_vec(),
                    positions: Positions::Lines,
                })
            };
            CorpusExtras {
                dict: make(USER_DICT_FILE, EMBEDDED_USER_DICT),
                aliases: make(USER_ALIASES_FILE, EMBEDDED_USER_ALIASES),
            }
        }
        CorpusLocation::Dir(dir) => {
            let mut read = |name: &str| {
                let path = dir.join(name);
                if !path.is_file() {
                    return None;
                }
                match std::fs::read(&path) {
                    Ok(bytes) => Some(SourceFile {
                        name: name.to_string(),
                        path: path.display().to_string(),
                        bytes,
                        positions: Positions::Lines,
                    }),
                    Err(e) => {
                        warnings.push(LoadWarning::Unreadable {
                            path: path.display().to_string(),
                            error: e.to_string(),
                        });
                        None
                    }
                }
            };
            CorpusExtras {
                dict: read(USER_DICT_FILE),
                aliases: read(USER_ALIASES_FILE),
            }
        }
    };
    (extras, warnings)
}

/// A path as shown to the user: lossy UTF-8 with control characters and
/// bidi overrides escaped, so a hostile file name cannot drive the terminal.
pub fn shown(path: &Path) -> String {
    crate::text::escape_for_terminal(&path.display().to_string()).into_owned()
}

/// Corpus files larger than this are skipped with a warning naming the
/// file and its size, so one huge file cannot exhaust memory or stall
/// loading; the rest of the corpus loads. A policy document is well under
/// 1 MB; see README "Security and robustness" for the measurements.
/// The environment variable `POLICY_NAV_MAX_FILE_MB` overrides it.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The per-file limit in force: `POLICY_NAV_MAX_FILE_MB` (whole MB) when
/// set and valid, else [`MAX_FILE_BYTES`].
pub fn max_file_bytes() -> u64 {
    std::env::var("POLICY_NAV_MAX_FILE_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(MAX_FILE_BYTES, |mb| mb.saturating_mul(1024 * 1024))
}

/// One corpus file's bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Document name: the file name without `.txt`.
    pub name: String,
    /// Display path.
    pub path: String,
    /// Contents: the file's bytes for the embedded corpus and data files;
    /// for a document read from disk, its text as UTF-8 (see
    /// [`super::read`]).
    pub bytes: Vec<u8>,
    /// What the text's line numbers refer to (a `.txt`'s lines, a
    /// `.docx`'s paragraphs, a PDF's pages and lines).
    pub positions: Positions,
}

/// A problem with the corpus as a whole: nothing could be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The directory could not be listed.
    Unreadable {
        /// The directory.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The directory holds no document file.
    Empty(String),
    /// Files were found but none could be loaded.
    NothingLoaded {
        /// Where.
        location: String,
        /// One line per failed file.
        details: String,
    },
}

/// A problem with one file; the rest of the corpus still loads.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LoadWarning {
    /// The file is not valid UTF-8; it was skipped.
    NotUtf8 {
        /// File path.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A note that does not stop loading: the text file's encoding was
    /// not UTF-8 and is named here.
    Decoded {
        /// File path.
        path: String,
        /// The note (Chinese).
        note: String,
    },
    /// Not a regular file (a FIFO, socket, device or directory named like
    /// a document); it was skipped without being opened for reading.
    NotRegular {
        /// File path.
        path: String,
        /// What it is (Chinese).
        kind: String,
    },
    /// The file's format could not be read (corrupt, truncated, a scan
    /// without text, an old `.doc`); it was skipped.
    Unread {
        /// File path.
        path: String,
        /// Why (Chinese).
        reason: String,
    },
    /// The file could not be read; it was skipped.
    Unreadable {
        /// File path.
        path: String,
        /// The OS error.
        error: String,
    },
    /// The file is larger than [`MAX_FILE_BYTES`]; it was skipped.
    TooLarge {
        /// File path.
        path: String,
        /// Its size in bytes.
        bytes: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is empty or only whitespace.
    Empty {
        /// File path.
        path: String,
    },
    /// No notice or plan structure was recognized; loaded as plain paragraphs.
    NoStructure {
        /// File path.
        path: String,
    },
    /// Part of a user data file (`dict.txt`, `aliases.toml`) is unusable;
    /// the rest of the corpus (and of the file, when `line` is given) was used.
    UserData {
        /// File path.
        path: String,
        /// 1-based line, when the problem is one line.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

impl LoadWarning {
    /// True for a warning about the file system rather than a file's
    /// contents (a file that is not regular, cannot be read, or is over the
    /// size limit): it can go away with the content unchanged.
    pub fn about_file_system(&self) -> bool {
        matches!(
            self,
            LoadWarning::NotRegular { .. }
                | LoadWarning::Unreadable { .. }
                | LoadWarning::TooLarge { .. }
        )
    }

    /// True if the file was skipped entirely.
    pub fn skipped(&self) -> bool {
        matches!(
            self,
            LoadWarning::NotUtf8 { .. }
                | LoadWarning::Unreadable { .. }
                | LoadWarning::NotRegular { .. }
                | LoadWarning::Unread { .. }
                | LoadWarning::TooLarge { .. }
        )
    }
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            CorpusError::Unreadable { path, source } => {
                t!("corpus.unreadable_dir", path = path, error = source)
            }
            CorpusError::Empty(path) => t!("corpus.empty", path = path),
            CorpusError::NothingLoaded { location, details } => {
                t!(
                    "corpus.nothing_loaded",
                    location = location,
                    details = details
                )
            }
        })
    }
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            LoadWarning::NotUtf8 { path, offset } => {
                t!("load.not_utf8", path = path, offset = offset)
            }
            LoadWarning::Unreadable { path, error } => {
                t!("load.unreadable", path = path, error = error)
            }
            LoadWarning::Decoded { path, note } => t!("load.decoded", path = path, note = note),
            LoadWarning::NotRegular { path, kind } => {
                t!("load.not_regular", path = path, kind = kind)
            }
            LoadWarning::Unread { path, reason } => t!("load.unread", path = path, reason = reason),
            LoadWarning::TooLarge { path, bytes, limit } => t!(
                "load.too_large",
                path = path,
                size = format!("{:.1}", *bytes as f64 / (1024.0 * 1024.0)),
                limit = limit / (1024 * 1024)
            ),
            LoadWarning::Empty { path } => t!("load.empty", path = path),
            LoadWarning::NoStructure { path } => t!("load.no_structure", path = path),
            LoadWarning::UserData {
                path,
                line: Some(line),
                message,
            } => t!(
                "load.user_data_line",
                path = path,
                line = line,
                message = message
            ),
            LoadWarning::UserData {
                path,
                line: None,
                message,
            } => t!("load.user_data", path = path, message = message),
        })
    }
}

/// Reads the files of a location, in file-name order. Files that cannot be
/// read become warnings.
pub fn read(location: &CorpusLocation) -> Result<(Vec<SourceFile>, Vec<LoadWarning>), CorpusError> {
    read_stamped(location).map(|read| (read.files, read.warnings))
}

/// What reading a corpus gave.
#[derive(Debug, Clone)]
pub struct Read {
    /// The documents read, in file-name order.
    pub files: Vec<SourceFile>,
    /// Files skipped or read with a note.
    pub warnings: Vec<LoadWarning>,
    /// The stamp of every file whose bytes were read (see
    /// [`super::manifest`]), in the same order, including those a reader
    /// then refused (their bytes decide that).
    pub stamps: Vec<Stamp>,
    /// The second (Unix) reading started in.
    pub taken: i64,
}

/// [`read`], with the stamp of each file's bytes.
pub fn read_stamped(location: &CorpusLocation) -> Result<Read, CorpusError> {
    let taken = super::manifest::now_second();
    match location {
        CorpusLocation::Embedded => Ok(Read {
            files: EMBEDDED_CORPUS
                .iter()
                .map(|(file, bytes)| SourceFile {
                    name: file.trim_end_matches(".txt").to_string(),
                    path: format!("embedded:{file}"),
                    bytes: bytes.to_vec(),
                    positions: Positions::Lines,
                })
                .collect(),
            warnings: Vec::new(),
            stamps: EMBEDDED_CORPUS
                .iter()
                .map(|(file, bytes)| Stamp::of(file, None, bytes))
                .collect(),
            taken,
        }),
        CorpusLocation::Dir(dir) => read_dir(dir, taken),
    }
}

/// Directories deeper than this under the corpus are not entered.
const MAX_DEPTH: usize = 32;

/// The document paths of a corpus directory (or the one file it names), in
/// file-name order, without opening them; directories that cannot be
/// listed are warnings.
pub fn list(dir: &Path) -> Result<(Vec<PathBuf>, Vec<LoadWarning>), CorpusError> {
    let (listed, warnings) = list_unordered(dir)?;
    let mut paths: Vec<PathBuf> = listed.into_iter().map(|(path, _)| path).collect();
    paths.sort();
    Ok((paths, warnings))
}

/// The files [`list`] finds, in the order the directories give them, each
/// with its directory entry (`None` for a one-file corpus): the entry's
/// stat is taken relative to its open directory, cheaper than by path,
/// which is what the manifest check does for every file on every start.
pub fn list_unordered(dir: &Path) -> Result<(Vec<Listed>, Vec<LoadWarning>), CorpusError> {
    let mut warnings = Vec::new();
    let single = std::fs::metadata(dir).is_ok_and(|m| !m.is_dir());
    let mut listed = Vec::new();
    if single {
        // `--corpus FILE`: that one document, whatever its extension says.
        listed.push((dir.to_path_buf(), None));
    } else {
        let entries = std::fs::read_dir(dir).map_err(|source| CorpusError::Unreadable {
            path: shown(dir),
            source,
        })?;
        walk(entries, 0, &mut listed, &mut warnings);
    }
    if listed.is_empty() {
        return Err(CorpusError::Empty(shown(dir)));
    }
    Ok((listed, warnings))
}

/// A listed file: its path and its directory entry.
pub type Listed = (PathBuf, Option<std::fs::DirEntry>);

/// The metadata of a listed file, following a symbolic link as opening it
/// would.
pub fn listed_metadata((path, entry): &Listed) -> std::io::Result<std::fs::Metadata> {
    match entry {
        Some(entry) if entry.file_type().is_ok_and(|t| !t.is_symlink()) => entry.metadata(),
        _ => std::fs::metadata(path),
    }
}

fn read_dir(dir: &Path, taken: i64) -> Result<Read, CorpusError> {
    let (paths, mut warnings) = list(dir)?;
    let mut opened = Vec::new();
    let mut stamps = Vec::new();
    for path in paths {
        match open_regular(&path) {
            Ok((bytes, meta)) => {
                stamps.push(Stamp::of(
                    &stamp_name(dir, &path),
                    Some(FileStat::of(&meta)),
                    &bytes,
                ));
                opened.push((path, bytes));
            }
            Err(warning) => warnings.push(warning),
        }
    }
    // Readers are independent per file: run them on every core, keep order.
    let read = crate::parallel::map(&opened, |(path, bytes)| {
        let format = Format::of(path).unwrap_or(Format::Text);
        let bytes = bytes.clone();
        // A reader bug must cost one file, never the load.
        std::panic::catch_unwind(|| reader::read(format, bytes))
            .unwrap_or_else(|_| Err(reader::Unread(t!("load.reader_crashed").into_owned())))
    });
    let mut files = Vec::new();
    for ((path, _), outcome) in opened.iter().zip(read) {
        match outcome {
            Ok(text) => {
                if let Some(note) = text.note {
                    warnings.push(LoadWarning::Decoded {
                        path: shown(path),
                        note,
                    });
                }
                files.push(SourceFile {
                    name: path
                        .file_stem()
                        .map(|s| {
                            crate::text::escape_for_terminal(&s.to_string_lossy()).into_owned()
                        })
                        .unwrap_or_default(),
                    path: shown(path),
                    bytes: text.text.into_bytes(),
                    positions: text.positions,
                });
            }
            Err(reader::Unread(reason)) => warnings.push(LoadWarning::Unread {
                path: shown(path),
                reason,
            }),
        }
    }
    Ok(Read {
        files,
        warnings,
        stamps,
        taken,
    })
}

/// Collects the document paths under a directory: recursively, skipping
/// hidden entries (`.git`, `~$` Word lock files), the top level's `index/`
/// and `dict.txt`. Symbolic links are listed when named like a document
/// (and opened only if they lead to a regular file); linked directories are
/// not entered, so a link loop cannot make the walk endless.
fn walk(
    entries: std::fs::ReadDir,
    depth: usize,
    listed: &mut Vec<Listed>,
    warnings: &mut Vec<LoadWarning>,
) {
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let is_real_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_real_dir && Format::of(&path).is_none() {
            if depth == 0 && name == "index" || depth >= MAX_DEPTH {
                continue;
            }
            match std::fs::read_dir(&path) {
                Ok(sub) => walk(sub, depth + 1, listed, warnings),
                Err(e) => warnings.push(LoadWarning::Unreadable {
                    path: shown(&path),
                    error: e.to_string(),
                }),
            }
        } else if Format::of(&path).is_some() && !(depth == 0 && is_data_file(&name)) {
            listed.push((path, Some(entry)));
        }
    }
}

/// What a non-regular file is, for the note.
fn kind_of(meta: &std::fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return t!("kind.fifo").into_owned();
        }
        if t.is_socket() {
            return t!("kind.socket").into_owned();
        }
        if t.is_block_device() || t.is_char_device() {
            return t!("kind.device").into_owned();
        }
    }
    if meta.is_dir() {
        t!("kind.directory")
    } else {
        t!("kind.special")
    }
    .into_owned()
}

/// Opens a path only if it is a regular file (after following links) and
/// reads at most [`max_file_bytes`]. On Unix the open itself cannot block
/// (`O_NONBLOCK`: a FIFO swapped in after the check opens at once and is
/// then refused by its type), so nothing in the corpus can hang the load.
/// Gives the bytes and the metadata of the file they were read from.
pub(crate) fn open_regular(path: &Path) -> Result<(Vec<u8>, std::fs::Metadata), LoadWarning> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| LoadWarning::Unreadable {
        path: shown(path),
        error: e.to_string(),
    };
    let not_regular = |meta: &std::fs::Metadata| LoadWarning::NotRegular {
        path: shown(path),
        kind: kind_of(meta),
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let limit = max_file_bytes();
    let too_large = |bytes: u64| LoadWarning::TooLarge {
        path: shown(path),
        bytes,
        limit,
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok((bytes, meta))
}

/// Decodes a file as UTF-8, or says where it is not.
pub fn decode(file: &SourceFile) -> Result<&str, LoadWarning> {
    std::str::from_utf8(&file.bytes).map_err(|e| LoadWarning::NotUtf8 {
        path: file.path.clone(),
        offset: e.valid_up_to(),
    })
}
