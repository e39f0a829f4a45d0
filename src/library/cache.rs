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
//! the library. The two are decoded on two threads. A file that is short,
//! of another format or key, or whose checksums or sections do not check
//! out is not used; the corpus is parsed and the file replaced.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::*;
use crate::corpus::manifest::{self, Manifest, Stamp};

/// The first bytes of a cache file.
const MAGIC: &[u8; 16] = b"policy-nav/lib\n\0";

/// Bumped when the layout above changes. (The payload's own layout is
/// covered by the key: it includes a hash of the program's sources.)
const FORMAT: u32 = 2;

/// The sections: the targets section, then the rest of the library.
const SECTIONS: usize = 2;

/// Bytes before the first section's length.
const PREFIX_LEN: usize = MAGIC.len() + 4 + 64;

const HEADER_LEN: usize = PREFIX_LEN + SECTIONS * (8 + 4);

/// The part of a library `targets` needs, stored apart from the rest.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct TargetsSection {
    /// The library's [`Library::warnings`].
    pub warnings: Vec<LoadWarning>,
    /// The library's [`Library::targets`].
    pub targets: Vec<Target>,
}

/// [`TargetsSection`] borrowed from a library, for writing (postcard
/// writes a slice as it writes a `Vec`).
#[derive(Serialize)]
struct TargetsSectionRef<'a> {
    warnings: &'a [LoadWarning],
    targets: &'a [Target],
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
    let [(targets_len, targets_crc), (rest_len, rest_crc)] = read_header(bytes, key)?;
    let body = &bytes[HEADER_LEN.min(bytes.len())..];
    if Some(body.len() as u64) != targets_len.checked_add(rest_len) {
        return Err(damaged("长度不符（文件被截断或有多余内容）"));
    }
    let (targets, rest) = body.split_at(targets_len as usize);
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
    let mut file = std::fs::File::open(path).map_err(|_| Miss::Absent)?;
    let mut header = vec![0; HEADER_LEN];
    file.read_exact(&mut header)
        .map_err(|_| damaged("文件头不对"))?;
    let [(targets_len, targets_crc), (rest_len, _)] = read_header(&header, key)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let expected = (HEADER_LEN as u64)
        .checked_add(targets_len)
        .and_then(|n| n.checked_add(rest_len));
    if expected != Some(size) {
        return Err(damaged("长度不符（文件被截断或有多余内容）"));
    }
    let mut bytes = Vec::new();
    file.take(targets_len)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(&e.to_string()))?;
    decode_section(&bytes, targets_crc)
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

/// Loads a corpus through the cache (see [`Library::load`]).
pub(super) fn load(location: CorpusLocation) -> Result<Library, CorpusError> {
    let started = std::time::Instant::now();
    let cached = from_cache(&location, |path, key| match std::fs::read(path) {
        Ok(bytes) => decode(&bytes, key),
        Err(_) => Err(Miss::Absent),
    });
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

        // A byte changed in the rest: only the whole library sees it.
        let mut rest_damaged = bytes.clone();
        let last = rest_damaged.len() - 1;
        rest_damaged[last] ^= 0x55;
        std::fs::write(&path, &rest_damaged).unwrap();
        assert!(read_targets(&path, &key).is_ok());
        assert!(matches!(decode(&rest_damaged, &key), Err(Miss::Damaged(_))));

        // A byte changed in the targets section: both see it.
        let mut targets_damaged = bytes.clone();
        targets_damaged[HEADER_LEN + 3] ^= 0x55;
        std::fs::write(&path, &targets_damaged).unwrap();
        assert!(matches!(read_targets(&path, &key), Err(Miss::Damaged(_))));
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
