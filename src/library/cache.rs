//! The parsed-library cache: a loaded [`Library`] stored whole beside the
//! search index and keyed like it (the corpus's content and the program that
//! parses it, see [`index_key`]), so a command or the navigator starts from
//! it instead of reading and parsing every file. The corpus manifest
//! ([`crate::corpus::manifest`]) tells whether the corpus is unchanged
//! without reading it.
//!
//! File layout (`library-<key>-<spelling>.bin`, written atomically):
//! [`MAGIC`], the format version (u32 LE), the 64 hex digits of the key,
//! the payload's length (u64 LE) and CRC-32 (u32 LE), then the payload:
//! the library in postcard (serde's compact binary format). A file that is
//! short, of another format or key, or whose checksum or payload does not
//! check out is not used; the corpus is parsed and the file replaced.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::*;
use crate::corpus::manifest::{self, Manifest, Stamp};

/// The first bytes of a cache file.
const MAGIC: &[u8; 16] = b"policy-nav/lib\n\0";

/// Bumped when the layout above changes. (The payload's own layout is
/// covered by the key: it includes a hash of the program's sources.)
const FORMAT: u32 = 1;

const HEADER_LEN: usize = MAGIC.len() + 4 + 64 + 8 + 4;

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
    let payload = postcard::to_allocvec(library).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(key.as_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// Reads back what [`encode`] wrote for `key`: the library without its
/// location, segmenter and address table (see [`Library::restore`]).
pub fn decode(bytes: &[u8], key: &str) -> Result<Library, Miss> {
    let damaged = |what: &str| Miss::Damaged(what.to_string());
    if bytes.len() < HEADER_LEN || &bytes[..MAGIC.len()] != MAGIC {
        return Err(damaged("文件头不对"));
    }
    let field = |at: usize, len: usize| &bytes[at..at + len];
    let mut at = MAGIC.len();
    let format = u32::from_le_bytes(field(at, 4).try_into().unwrap_or_default());
    at += 4;
    if format != FORMAT {
        return Err(Miss::Stale);
    }
    if field(at, 64) != key.as_bytes() {
        return Err(Miss::Stale);
    }
    at += 64;
    let len = u64::from_le_bytes(field(at, 8).try_into().unwrap_or_default());
    at += 8;
    let crc = u32::from_le_bytes(field(at, 4).try_into().unwrap_or_default());
    at += 4;
    let payload = &bytes[at..];
    if payload.len() as u64 != len {
        return Err(damaged("长度不符（文件被截断或有多余内容）"));
    }
    if crc32fast::hash(payload) != crc {
        return Err(damaged("校验和不符"));
    }
    postcard::from_bytes(payload).map_err(|e| Miss::Damaged(format!("内容无法解码：{e}")))
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
                let changed = previous.is_none_or(|p| !p.same_stamps(&now.manifest));
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

/// Loads a corpus through the cache (see [`Library::load`]).
pub(super) fn load(location: CorpusLocation) -> Result<Library, CorpusError> {
    let started = std::time::Instant::now();
    let identity = Identity::of(&location);
    let spelling = location.to_string();
    if let Some(identity) = &identity {
        let key = index_key(&identity.content_hash);
        let full = full_key(&key, &spelling);
        for dir in &identity.candidates {
            let path = dir.join(file_name(&key, &spelling));
            let outcome = match std::fs::read(&path) {
                Ok(bytes) => decode(&bytes, &full),
                Err(_) => Err(Miss::Absent),
            };
            match outcome {
                Ok(mut library) => {
                    library.restore(location);
                    identity.record(dir);
                    tracing::info!(
                        path = %path.display(),
                        clauses = library.clauses.len(),
                        ms = started.elapsed().as_secs_f64() * 1000.0,
                        "corpus loaded from the library cache"
                    );
                    return Ok(library);
                }
                Err(Miss::Absent) => {}
                Err(miss) => {
                    tracing::warn!(?miss, path = %path.display(), "library cache not used")
                }
            }
        }
    }
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
        assert_eq!(back.by_id, library.by_id);
        assert_eq!(back.segmenter.user_words(), library.segmenter.user_words());
        assert!(matches!(decode(&bytes, &"1".repeat(64)), Err(Miss::Stale)));
        assert!(matches!(
            decode(&bytes[..bytes.len() - 1], &key),
            Err(Miss::Damaged(_))
        ));
    }
}
