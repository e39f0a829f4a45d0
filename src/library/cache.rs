//! The parsed-library cache: a loaded [`Library`] stored whole beside the
//! search index and keyed like it (the corpus's content and the program that
//! parses it, see [`index_key`]), so a command or the navigator starts from
//! it instead of reading and parsing every file. The corpus manifest
//! ([`crate::corpus::manifest`]) tells whether the corpus is unchanged
//! without reading it.
//!
//! File layout (`library-<key>-<spelling>.bin`, written atomically):
//! [`MAGIC`], the format version (u32 LE), the 64 hex digits of the key,
//! then for each of [`SECTIONS`] sections its length (u64 LE) and CRC-32
//! (u32 LE), then the sections, each in postcard (serde's compact binary
//! format): first the targets and the load's warnings ([`TargetsSection`],
//! all `targets` needs, read alone by [`load_targets`]), then the rest of
//! the library, then every target's row as `targets --json` writes it
//! ([`TargetRows`]: the JSON list is then written, not rendered; 50 MB at
//! 10,000 plans). A library is the first two, decoded on two threads. A
//! file that is short,
//! of another format or key, or whose checksums or sections do not check
//! out is not used; the corpus is parsed and the file replaced.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::*;
use crate::corpus::manifest::{self, Manifest, Stamp};
use crate::targets::{TargetFilter, TargetOf};

/// The first bytes of a cache file.
const MAGIC: &[u8; 16] = b"policy-nav/lib\n\0";

/// Bumped when the layout above changes. (The payload's own layout is
/// covered by the key: it includes a hash of the program's sources.)
const FORMAT: u32 = 3;

/// The sections: the targets section, the rest of the library, the rows.
const SECTIONS: usize = 3;

/// Bytes before the first section's length.
const PREFIX_LEN: usize = MAGIC.len() + 4 + 64;

const HEADER_LEN: usize = PREFIX_LEN + SECTIONS * (8 + 4);

/// The part of a library `targets` needs, stored apart from the rest; its
/// texts owned (`String`) or borrowed from the file's bytes (`&str`).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(bound(deserialize = "TargetOf<S>: Deserialize<'de>"))]
pub struct TargetsSection<S = String> {
    /// The library's [`Library::warnings`].
    pub warnings: Vec<LoadWarning>,
    /// The library's [`Library::targets`].
    pub targets: Vec<TargetOf<S>>,
}

/// [`TargetsSection`] borrowed from a library, for writing (postcard
/// writes a slice as it writes a `Vec`).
#[derive(Serialize)]
struct TargetsSectionRef<'a> {
    warnings: &'a [LoadWarning],
    targets: &'a [Target],
}

/// The targets section and the rows section of a cache file, as read and
/// checked against their CRCs: what `targets --json` writes, read without
/// copying a text into a string of its own.
pub struct TargetRows {
    /// The targets section, read only for a filter whose rows are not
    /// stored (see [`TargetRows::select`]).
    targets: Option<Vec<u8>>,
    rows: Vec<u8>,
}

impl TargetRows {
    /// The rows.
    pub fn rows(&self) -> Option<StoredRows<'_>> {
        StoredRows::decode(&self.rows)
    }

    /// The indices of the rows `filter` keeps: stored for a filter on
    /// milestones alone (what `targets --json` and `--all` ask), else
    /// found by `filter` in the targets, borrowed from their section.
    pub fn select(&self, filter: &TargetFilter, rows: &StoredRows) -> Option<Vec<usize>> {
        if filter.is_unfiltered() {
            return Some(rows.selections[usize::from(filter.milestones)].clone());
        }
        let section: TargetsSection<&str> = postcard::from_bytes(self.targets.as_ref()?).ok()?;
        (section.targets.len() == rows.len()).then(|| filter.select_indices(&section.targets))
    }
}

/// The rows section: each target's row as `targets --json` writes it within
/// the list ([`crate::text::json_rows_for_terminal`]), the rows joined by
/// `,\n` as in the list, so that a run of neighbouring rows is one slice;
/// and which rows the filters on milestones alone keep. Stored as bytes,
/// not postcard strings: written out as they are, they need no UTF-8 check
/// (50 MB at 10,000 plans; their CRC is checked). Layout, numbers u64 LE:
/// the row count, each row's start and end in the text, then for the
/// filter without milestones and the one with them the count and indices
/// of the rows it keeps, then the text. The load's warnings lead it (their
/// length, then postcard), so that it is all `targets --json` reads.
pub struct StoredRows<'a> {
    /// The library's [`Library::warnings`].
    pub warnings: Vec<LoadWarning>,
    text: &'a [u8],
    spans: Vec<(usize, usize)>,
    /// The rows [`TargetFilter::default`] keeps, then those it keeps with
    /// milestones.
    selections: [Vec<usize>; 2],
}

/// Reads the rows section front to back.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    /// The next `len` bytes.
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let taken = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(taken)
    }

    /// The next number (u64 LE), if it fits a `usize`.
    fn number(&mut self) -> Option<usize> {
        let field = self.take(8)?;
        usize::try_from(u64::from_le_bytes(field.try_into().ok()?)).ok()
    }
}

/// The separator between rows in the list.
const ROW_SEPARATOR: &[u8] = crate::text::JSON_ROW_SEPARATOR;

impl StoredRows<'_> {
    /// The rows section's bytes for `targets` and the load's `warnings`.
    fn encode(targets: &[Target], warnings: &[LoadWarning]) -> Result<Vec<u8>, String> {
        let warnings = postcard::to_allocvec(warnings).map_err(|e| e.to_string())?;
        let rows = crate::text::json_rows_for_terminal(targets).map_err(|e| e.to_string())?;
        let selections = [false, true].map(|milestones| {
            TargetFilter {
                milestones,
                ..TargetFilter::default()
            }
            .select_indices(targets)
        });
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&(warnings.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&warnings);
        let mut number = |n: usize| bytes.extend_from_slice(&(n as u64).to_le_bytes());
        number(rows.len());
        let mut at = 0;
        for row in &rows {
            number(at);
            at += row.len();
            number(at);
            at += ROW_SEPARATOR.len();
        }
        for selection in &selections {
            number(selection.len());
            selection.iter().for_each(|&i| number(i));
        }
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                bytes.extend_from_slice(ROW_SEPARATOR);
            }
            bytes.extend_from_slice(row.as_bytes());
        }
        Ok(bytes)
    }

    /// The rows in a rows section's bytes, if its spans are in order, each
    /// row followed by the separator, inside the text, and its selections
    /// name rows there are.
    fn decode(bytes: &[u8]) -> Option<StoredRows<'_>> {
        let mut read = Cursor { bytes, at: 0 };
        let warnings_len = read.number()?;
        let warnings = postcard::from_bytes(read.take(warnings_len)?).ok()?;
        let count = read.number()?;
        if count > bytes.len() / 16 {
            return None;
        }
        let mut spans = Vec::with_capacity(count);
        let mut next = 0;
        for _ in 0..count {
            let (start, end) = (read.number()?, read.number()?);
            if start != next || end < start {
                return None;
            }
            spans.push((start, end));
            next = end + ROW_SEPARATOR.len();
        }
        let mut selection = || -> Option<Vec<usize>> {
            let len = read.number()?;
            if len > count {
                return None;
            }
            (0..len)
                .map(|_| read.number().filter(|&i| i < count))
                .collect()
        };
        let selections = [selection()?, selection()?];
        let text = read.take(bytes.len() - read.at)?;
        let whole = spans.last().map_or(0, |&(_, end)| end);
        (whole == text.len()).then_some(StoredRows {
            warnings,
            text,
            spans,
            selections,
        })
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Writes the list of the rows at `indices` (ascending), as
    /// [`crate::text::write_json_rows_for_terminal`] writes those targets:
    /// each run of neighbouring rows in one piece.
    pub fn write_list(
        &self,
        indices: &[usize],
        out: &mut impl std::io::Write,
    ) -> std::io::Result<()> {
        let mut pieces: Vec<&[u8]> = Vec::new();
        let mut run: Option<(usize, usize)> = None;
        for &i in indices {
            let Some(&(start, end)) = self.spans.get(i) else {
                continue;
            };
            run = match run {
                Some((first, last)) if last + ROW_SEPARATOR.len() == start => Some((first, end)),
                Some((first, last)) => {
                    pieces.push(&self.text[first..last]);
                    Some((start, end))
                }
                None => Some((start, end)),
            };
        }
        if let Some((first, last)) = run {
            pieces.push(&self.text[first..last]);
        }
        crate::text::write_rendered_json_rows(out, &pieces)
    }
}

/// Why a cache file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// There is none for this corpus.
    Absent,
    /// It is for another corpus content, spelling or program.
    Stale,
    /// It is damaged (what is wrong).
    Damaged(String),
}

/// The location a deserialized library has until the loader sets the
/// real one (the location is not stored: the same corpus may be named
/// differently).
pub(super) fn placeholder_location() -> CorpusLocation {
    CorpusLocation::Embedded
}

/// The full key of a cache file: the index key and how the corpus was
/// named (documents' paths are shown as the user spelled the corpus).
fn full_key(index_key: &str, spelling: &str) -> String {
    Sha256::digest(format!("{index_key}\0{spelling}"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The cache file's name for `index_key` and `spelling`.
fn file_name(index_key: &str, spelling: &str) -> String {
    let spelled = full_key("", spelling);
    format!("library-{}-{}.bin", &index_key[..16], &spelled[..8])
}

/// Serializes `library` into the cache file format for `key`.
pub fn encode(library: &Library, key: &str) -> Result<Vec<u8>, String> {
    let targets = TargetsSectionRef {
        warnings: &library.warnings,
        targets: &library.targets,
    };
    let sections = [
        postcard::to_allocvec(&targets).map_err(|e| e.to_string())?,
        postcard::to_allocvec(library).map_err(|e| e.to_string())?,
        StoredRows::encode(&library.targets, &library.warnings)?,
    ];
    let total: usize = sections.iter().map(Vec::len).sum();
    let mut bytes = Vec::with_capacity(HEADER_LEN + total);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(key.as_bytes());
    for section in &sections {
        bytes.extend_from_slice(&(section.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&crc32fast::hash(section).to_le_bytes());
    }
    for section in &sections {
        bytes.extend_from_slice(section);
    }
    Ok(bytes)
}

fn damaged(what: &str) -> Miss {
    Miss::Damaged(what.to_string())
}

/// The sections' (length, CRC-32) from a file's first [`HEADER_LEN`]
/// bytes, if they are a cache file's of this format for `key`.
fn read_header(header: &[u8], key: &str) -> Result<[(u64, u32); SECTIONS], Miss> {
    if header.len() < HEADER_LEN || &header[..MAGIC.len()] != MAGIC {
        return Err(damaged("文件头不对"));
    }
    let field = |at: usize, len: usize| &header[at..at + len];
    let format = u32::from_le_bytes(field(MAGIC.len(), 4).try_into().unwrap_or_default());
    if format != FORMAT || field(MAGIC.len() + 4, 64) != key.as_bytes() {
        return Err(Miss::Stale);
    }
    let mut sections = [(0, 0); SECTIONS];
    for (i, section) in sections.iter_mut().enumerate() {
        let at = PREFIX_LEN + i * 12;
        *section = (
            u64::from_le_bytes(field(at, 8).try_into().unwrap_or_default()),
            u32::from_le_bytes(field(at + 8, 4).try_into().unwrap_or_default()),
        );
    }
    Ok(sections)
}

/// Checks a section's bytes against its CRC-32 and decodes them.
fn decode_section<T: serde::de::DeserializeOwned>(bytes: &[u8], crc: u32) -> Result<T, Miss> {
    if crc32fast::hash(bytes) != crc {
        return Err(damaged("校验和不符"));
    }
    postcard::from_bytes(bytes).map_err(|e| Miss::Damaged(format!("内容无法解码：{e}")))
}

/// Reads back what [`encode`] wrote for `key`: the library without its
/// location, segmenter and address table (see [`Library::restore`]).
pub fn decode(bytes: &[u8], key: &str) -> Result<Library, Miss> {
    let sections = read_header(bytes, key)?;
    if total_len(&sections) != Some(bytes.len() as u64) {
        return Err(damaged("长度不符（文件被截断或有多余内容）"));
    }
    decode_library(&sections, &bytes[HEADER_LEN..])
}

/// The file's length its header announces.
fn total_len(sections: &[(u64, u32); SECTIONS]) -> Option<u64> {
    sections
        .iter()
        .try_fold(HEADER_LEN as u64, |sum, (len, _)| sum.checked_add(*len))
}

/// Reads the library from the cache file at `path`: its first two
/// sections, not the rows.
fn read_library(path: &Path, key: &str) -> Result<Library, Miss> {
    let (sections, mut file) = open_checked(path, key)?;
    let mut body = Vec::new();
    (&mut file)
        .take(sections[0].0 + sections[1].0)
        .read_to_end(&mut body)
        .map_err(|e| damaged(&e.to_string()))?;
    decode_library(&sections, &body)
}

/// Opens a cache file and reads its header: the sections' lengths and
/// CRCs, if it is of this format, for `key`, and as long as they say.
fn open_checked(path: &Path, key: &str) -> Result<([(u64, u32); SECTIONS], std::fs::File), Miss> {
    let mut file = std::fs::File::open(path).map_err(|_| Miss::Absent)?;
    let mut header = vec![0; HEADER_LEN];
    file.read_exact(&mut header)
        .map_err(|_| damaged("文件头不对"))?;
    let sections = read_header(&header, key)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if total_len(&sections) != Some(size) {
        return Err(damaged("长度不符（文件被截断或有多余内容）"));
    }
    Ok((sections, file))
}

/// The library from the bytes of its first two sections, decoded on two
/// threads.
fn decode_library(sections: &[(u64, u32); SECTIONS], body: &[u8]) -> Result<Library, Miss> {
    let [(targets_len, targets_crc), (rest_len, rest_crc), _] = *sections;
    let (targets, rest) = body.split_at(targets_len.min(body.len() as u64) as usize);
    let rest = &rest[..rest_len.min(rest.len() as u64) as usize];
    // The targets are a fifth to a third of a library: decoded beside the
    // rest, they cost no time of their own.
    let (section, library) = std::thread::scope(|scope| {
        let section = scope.spawn(|| decode_section::<TargetsSection>(targets, targets_crc));
        let library = decode_section::<Library>(rest, rest_crc);
        let section = section
            .join()
            .unwrap_or_else(|_| Err(damaged("内容无法解码")));
        (section, library)
    });
    let (section, mut library) = (section?, library?);
    library.targets = section.targets;
    library.warnings = section.warnings;
    Ok(library)
}

/// Reads the targets section alone from the cache file at `path`, written
/// for `key` (the rest of the file is not read).
fn read_targets(path: &Path, key: &str) -> Result<TargetsSection, Miss> {
    let (sections, mut file) = open_checked(path, key)?;
    let bytes = read_section(&mut file, sections[0])?;
    decode_section(&bytes, sections[0].1)
}

/// Reads the targets section and the rows section (skipping the library
/// between them), each checked against its CRC.
fn read_target_rows(path: &Path, key: &str, with_targets: bool) -> Result<TargetRows, Miss> {
    use std::io::{Seek, SeekFrom};
    let (sections, mut file) = open_checked(path, key)?;
    let checked = |bytes: Vec<u8>, (_, crc): (u64, u32)| {
        if crc32fast::hash(&bytes) == crc {
            Ok(bytes)
        } else {
            Err(damaged("校验和不符"))
        }
    };
    let targets = if with_targets {
        Some(checked(read_section(&mut file, sections[0])?, sections[0])?)
    } else {
        None
    };
    let rows_at = HEADER_LEN as u64 + sections[0].0 + sections[1].0;
    file.seek(SeekFrom::Start(rows_at))
        .map_err(|e| damaged(&e.to_string()))?;
    let rows = checked(read_section(&mut file, sections[2])?, sections[2])?;
    Ok(TargetRows { targets, rows })
}

/// The next `len` bytes of `file` (a section whose length and CRC are
/// given), read into a buffer of that size at once.
fn read_section(file: &mut std::fs::File, (len, _): (u64, u32)) -> Result<Vec<u8>, Miss> {
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(len)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(&e.to_string()))?;
    if bytes.len() as u64 != len {
        return Err(damaged("长度不符（文件被截断或有多余内容）"));
    }
    Ok(bytes)
}

/// What identifies a corpus without parsing it: its content hash (from
/// the manifest, hashing only changed files) and where its index and
/// caches live.
pub(super) struct Identity {
    /// [`Library::content_hash`] of the corpus as it is now.
    pub(super) content_hash: String,
    /// Where its index and caches may live, best first.
    pub(super) candidates: Vec<PathBuf>,
    /// The manifest to write beside them, when it differs from the one
    /// found (a corpus directory only).
    manifest: Option<Manifest>,
}

impl Identity {
    /// Identifies the corpus at `location` from its manifest, reading only
    /// files that changed. `None` when that cannot be done (a file that is
    /// not regular, unreadable or too large, an unreadable data file): then
    /// the full load decides and reports.
    pub(super) fn of(location: &CorpusLocation) -> Option<Identity> {
        let (extras, warnings) = source::read_extras(location);
        if !warnings.is_empty() {
            return None;
        }
        match location {
            CorpusLocation::Embedded => {
                // Built into the binary: hashing it costs next to nothing.
                let read = source::read_stamped(location).ok()?;
                let content_hash = content_hash(&read.stamps, &extras);
                Some(Identity {
                    candidates: index_dir_candidates(location, &content_hash),
                    content_hash,
                    manifest: None,
                })
            }
            CorpusLocation::Dir(dir) => {
                // A directory's candidates depend on its path only.
                let candidates = index_dir_candidates(location, "");
                let root = dir.canonicalize().ok()?;
                let previous = candidates.iter().find_map(|d| Manifest::read(d, &root));
                let now = manifest::current(location, previous.as_ref())?;
                tracing::debug!(
                    files = now.manifest.stamps.len(),
                    hashed = now.hashed,
                    "corpus manifest checked"
                );
                let content_hash = content_hash(&now.manifest.stamps, &extras);
                // Files that were racy when the manifest was written are
                // hashed again on every run; once a later second has begun
                // they no longer are, and the manifest is written again
                // (as git refreshes its index), or they would be hashed
                // on every run for ever.
                let changed = previous.is_none_or(|p| {
                    !p.same_stamps(&now.manifest) || now.manifest.racy_stamps() < p.racy_stamps()
                });
                Some(Identity {
                    candidates,
                    content_hash,
                    manifest: changed.then_some(now.manifest),
                })
            }
        }
    }

    /// Writes the manifest into `dir` if it changed (failure only costs
    /// hashing again next time).
    pub(super) fn record(&self, dir: &Path) {
        if let Some(manifest) = &self.manifest {
            if let Err(error) = manifest.write(dir) {
                tracing::debug!(%error, dir = %dir.display(), "corpus manifest not written");
            }
        }
    }
}

/// Reads the cache file of the corpus at `location` as it is now with
/// `read` (given the file's path and full key), from the first candidate
/// directory that has a usable one; records the manifest there.
fn from_cache<T>(
    location: &CorpusLocation,
    read: impl Fn(&Path, &str) -> Result<T, Miss>,
) -> Option<T> {
    let identity = Identity::of(location)?;
    let spelling = location.to_string();
    let key = index_key(&identity.content_hash);
    let full = full_key(&key, &spelling);
    for dir in &identity.candidates {
        let path = dir.join(file_name(&key, &spelling));
        match read(&path, &full) {
            Ok(found) => {
                identity.record(dir);
                tracing::info!(path = %path.display(), "read from the library cache");
                return Some(found);
            }
            Err(Miss::Absent) => {}
            Err(miss) => tracing::warn!(?miss, path = %path.display(), "library cache not used"),
        }
    }
    None
}

/// The targets and load warnings of the corpus at `location` from its
/// cache alone, without reading the rest of the library; `None` when there
/// is no usable cache (then [`Library::load`] parses and writes one).
pub fn load_targets(location: &CorpusLocation) -> Option<TargetsSection> {
    from_cache(location, read_targets)
}

/// [`load_targets`] with every row as `targets --json` writes it, read
/// without decoding a text into a string of its own (see [`TargetRows`]).
pub fn load_target_rows(location: &CorpusLocation, filter: &TargetFilter) -> Option<TargetRows> {
    let with_targets = !filter.is_unfiltered();
    from_cache(location, |path, key| {
        read_target_rows(path, key, with_targets)
    })
}

/// Loads a corpus through the cache (see [`Library::load`]).
pub(super) fn load(location: CorpusLocation) -> Result<Library, CorpusError> {
    let started = std::time::Instant::now();
    let cached = from_cache(&location, read_library);
    if let Some(mut library) = cached {
        library.restore(location);
        tracing::info!(
            clauses = library.clauses.len(),
            ms = started.elapsed().as_secs_f64() * 1000.0,
            "corpus loaded from the library cache"
        );
        return Ok(library);
    }
    let spelling = location.to_string();
    let (library, read) = Library::parse_stamped(location)?;
    let (stamps, taken) = (read.stamps, read.taken);
    // Warnings about the file system (a FIFO, an unreadable or oversized
    // file) are not part of the content: such a load is not stored.
    let storable = !library.warnings.iter().any(LoadWarning::about_file_system);
    if storable {
        let key = index_key(&library.content_hash);
        match encode(&library, &full_key(&key, &spelling)) {
            Ok(bytes) => {
                let candidates = library.index_dir_candidates();
                let root = match &library.location {
                    CorpusLocation::Dir(dir) => dir.canonicalize().ok(),
                    CorpusLocation::Embedded => None,
                };
                store(&candidates, &key, &spelling, &bytes, |dir| {
                    if let Some(root) = &root {
                        let manifest = Manifest::new(root, taken, stamps);
                        if let Err(error) = manifest.write(dir) {
                            tracing::debug!(%error, "corpus manifest not written");
                        }
                    }
                });
            }
            Err(error) => tracing::warn!(%error, "library not cached"),
        }
    }
    Ok(library)
}

/// Writes a cache file into the first candidate directory that takes it,
/// removes that directory's cache files of other contents, and calls
/// `beside` with the directory (for the manifest).
fn store(
    candidates: &[PathBuf],
    key: &str,
    spelling: &str,
    bytes: &[u8],
    beside: impl FnOnce(&Path),
) {
    let name = file_name(key, spelling);
    for dir in candidates {
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| crate::atomic_file::write(&dir.join(&name), bytes));
        match written {
            Ok(()) => {
                remove_other_contents(dir, &key[..16]);
                beside(dir);
                tracing::info!(dir = %dir.display(), bytes = bytes.len(), "library cache written");
                return;
            }
            Err(error) => {
                tracing::debug!(%error, dir = %dir.display(), "library cache not written here")
            }
        }
    }
}

/// Removes cache files in `dir` for another content than `key16` (the
/// corpus changed, or another build of the program wrote them).
fn remove_other_contents(dir: &Path, key16: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let ours = format!("library-{key16}-");
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("library-") && name.ends_with(".bin") && !name.starts_with(&ours) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl Library {
    /// Sets what the cache does not store: the location, the segmenter
    /// (from the user words) and the address table.
    fn restore(&mut self, location: CorpusLocation) {
        self.location = location;
        for clause in &mut self.clauses {
            clause.text = crate::corpus::model::joined_text(&clause.paragraphs);
        }
        self.segmenter = Segmenter::with_user_words(&self.user_words);
        self.by_id = self
            .clauses
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
    }
}

/// The stamps of in-memory files (no stat: not read from disk).
pub(super) fn stamps_of(files: &[SourceFile]) -> Vec<Stamp> {
    files
        .iter()
        .map(|f| Stamp::of(&f.name, None, &f.bytes))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_library_survives_the_round_trip() {
        let library = Library::parse(CorpusLocation::Embedded).unwrap();
        let key = "0".repeat(64);
        let bytes = encode(&library, &key).unwrap();
        let mut back = decode(&bytes, &key).unwrap();
        back.restore(CorpusLocation::Embedded);
        // JSON objects are ordered maps: equal values, whatever the
        // order of the hash maps inside.
        let json = |l: &Library| serde_json::to_value(l).unwrap();
        assert_eq!(json(&back), json(&library));
        // The targets and warnings travel in their own section.
        assert!(!library.targets.is_empty());
        let targets = |l: &Library| serde_json::to_value(&l.targets).unwrap();
        assert_eq!(targets(&back), targets(&library));
        assert_eq!(back.warnings, library.warnings);
        assert_eq!(back.by_id, library.by_id);
        // Clause texts are derived again, not stored.
        assert!(back
            .clauses
            .iter()
            .zip(&library.clauses)
            .all(|(b, l)| b.text == l.text));
        assert!(library.clauses.iter().any(|c| c.text.contains('\n')));
        assert_eq!(back.segmenter.user_words(), library.segmenter.user_words());
        assert!(matches!(decode(&bytes, &"1".repeat(64)), Err(Miss::Stale)));
        assert!(matches!(
            decode(&bytes[..bytes.len() - 1], &key),
            Err(Miss::Damaged(_))
        ));
    }

    #[test]
    fn the_targets_section_is_read_alone_and_checked() {
        let mut library = Library::parse(CorpusLocation::Embedded).unwrap();
        library.warnings.push(LoadWarning::Unreadable {
            path: "a.txt".into(),
            error: "test".into(),
        });
        let key = "0".repeat(64);
        let bytes = encode(&library, &key).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.bin");
        std::fs::write(&path, &bytes).unwrap();
        let section = read_targets(&path, &key).unwrap();
        assert_eq!(
            serde_json::to_value(&section.targets).unwrap(),
            serde_json::to_value(&library.targets).unwrap()
        );
        assert_eq!(section.warnings, library.warnings);
        assert!(matches!(
            read_targets(&path, &"1".repeat(64)),
            Err(Miss::Stale)
        ));
        assert!(matches!(
            read_targets(&dir.path().join("none.bin"), &key),
            Err(Miss::Absent)
        ));

        // The rows section: each target's row as `targets --json` writes
        // it, and the list written from them is the rendered one.
        let stored = read_target_rows(&path, &key, true).unwrap();
        let rows = stored.rows().unwrap();
        assert_eq!(rows.warnings, library.warnings);
        let rendered = |rows: &[&Target]| {
            let mut text = Vec::new();
            crate::text::write_json_rows_for_terminal(&mut text, rows).unwrap();
            String::from_utf8(text).unwrap()
        };
        let written = |indices: &[usize]| {
            let mut text = Vec::new();
            rows.write_list(indices, &mut text).unwrap();
            String::from_utf8(text).unwrap()
        };
        let all: Vec<usize> = (0..library.targets.len()).collect();
        // All, none, one, and runs with gaps between them.
        let gaps: Vec<usize> = all.iter().copied().filter(|i| i % 5 < 2).collect();
        for indices in [&all[..], &[], &[3], &gaps[..]] {
            let rows: Vec<&Target> = indices.iter().map(|&i| &library.targets[i]).collect();
            assert_eq!(written(indices), rendered(&rows), "{indices:?}");
        }
        // The rows a filter keeps: stored for filters on milestones
        // alone, found in the borrowed targets for the others; the same
        // as the filter finds in the library.
        let deadline = library.targets.iter().find_map(|t| t.deadline.clone());
        for filter in [
            TargetFilter::default(),
            TargetFilter {
                milestones: true,
                ..TargetFilter::default()
            },
            TargetFilter {
                deadline,
                ..TargetFilter::default()
            },
        ] {
            assert_eq!(
                stored.select(&filter, &rows),
                Some(filter.select_indices(&library.targets)),
                "{filter:?}"
            );
        }
        assert!(library
            .targets
            .iter()
            .any(|t| t.relation == crate::targets::Relation::Milestone));

        let [(targets_len, _), (rest_len, _), _] = read_header(&bytes, &key).unwrap();
        let damage = |at: u64| {
            let mut damaged = bytes.clone();
            damaged[at as usize] ^= 0x55;
            std::fs::write(&path, &damaged).unwrap();
            damaged
        };
        // A byte changed in the rest of the library: only the library sees it.
        let rest_damaged = damage(HEADER_LEN as u64 + targets_len + 3);
        assert!(read_targets(&path, &key).is_ok());
        assert!(read_target_rows(&path, &key, true).is_ok());
        assert!(matches!(decode(&rest_damaged, &key), Err(Miss::Damaged(_))));
        // A byte changed in the rows: only the rows' reader sees it.
        let rows_damaged = damage(HEADER_LEN as u64 + targets_len + rest_len + 3);
        assert!(read_targets(&path, &key).is_ok());
        assert!(matches!(
            read_target_rows(&path, &key, true),
            Err(Miss::Damaged(_))
        ));
        assert!(decode(&rows_damaged, &key).is_ok());

        // A byte changed in the targets section: both see it.
        let mut targets_damaged = bytes.clone();
        targets_damaged[HEADER_LEN + 3] ^= 0x55;
        std::fs::write(&path, &targets_damaged).unwrap();
        assert!(matches!(read_targets(&path, &key), Err(Miss::Damaged(_))));
        assert!(matches!(
            read_target_rows(&path, &key, true),
            Err(Miss::Damaged(_))
        ));
        // (Not read when the rows a filter keeps are stored.)
        assert!(read_target_rows(&path, &key, false).is_ok());
        assert!(matches!(
            decode(&targets_damaged, &key),
            Err(Miss::Damaged(_))
        ));

        // Cut short: the lengths no longer add up.
        std::fs::write(&path, &bytes[..bytes.len() - 10]).unwrap();
        assert!(matches!(read_targets(&path, &key), Err(Miss::Damaged(_))));
        std::fs::write(&path, &bytes[..HEADER_LEN - 1]).unwrap();
        assert!(matches!(read_targets(&path, &key), Err(Miss::Damaged(_))));
    }
}
