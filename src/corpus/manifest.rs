//! Freshness without reading everything: the corpus manifest records, for
//! every source file, what it was (size, modification and change times,
//! device and inode) when its bytes were hashed. A later run stats the
//! files and reads and hashes only those whose record no longer matches;
//! the others keep their recorded digest. The digests identify the corpus
//! (`Library::content_hash`), which keys the search index and the
//! parsed-library cache.
//!
//! **Racy files.** A file's times have a granularity (a clock tick, or a
//! whole second on some file systems), so a file changed again within the
//! tick of its last change keeps its times. As in git's "racy clean" rule, a
//! record is trusted only when the file's modification and change times
//! are strictly older than the second in which the stamps were taken;
//! a file changed in that second (or later, a clock ahead) is read and
//! hashed on every run, until the manifest is next written for a change.
//! The change time (ctime) cannot be set back by `touch`, so a file whose
//! modification time was restored after an edit is still seen as changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::source::{self, CorpusLocation};
pub use crate::file_stat::FileStat;

/// The manifest's file name, in the directory of the corpus's index.
/// (postcard, serde's compact binary format: at 10,000 plans, read on
/// every start, it was 424 KB of JSON.)
pub const MANIFEST_FILE: &str = "corpus-manifest.bin";

/// Bumped when the manifest's meaning or layout changes; another version
/// is ignored.
const MANIFEST_VERSION: u32 = 2;

/// One source file's identity: its name in the corpus and a digest of its
/// bytes as stored (before any reader converts them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The path relative to the corpus directory (`/`-separated), the file
    /// name for a one-file corpus, or the embedded file's name.
    pub name: String,
    /// What the file system said when it was hashed (`None` for bytes not
    /// read from disk).
    pub stat: Option<FileStat>,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
}

impl Stamp {
    /// The stamp of bytes named `name`, with the stat they were read under.
    pub fn of(name: &str, stat: Option<FileStat>, bytes: &[u8]) -> Stamp {
        Stamp {
            name: name.to_string(),
            stat,
            sha256: Sha256::digest(bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        }
    }
}

/// The name a file under `root` is stamped with: its path relative to the
/// corpus, or its file name when the corpus is that one file.
pub fn stamp_name(root: &Path, path: &Path) -> String {
    let relative = path
        .strip_prefix(root)
        .ok()
        .filter(|r| !r.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new(path.file_name().unwrap_or(path.as_os_str())));
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The stamps of a corpus directory's files at a moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    version: u32,
    /// The corpus directory it describes, canonical.
    root: PathBuf,
    /// The second (Unix) the stamps were taken in: files changed in it or
    /// later are racy.
    taken: i64,
    /// In file-name order, as the corpus is read.
    pub stamps: Vec<Stamp>,
}

/// The current second, Unix time.
pub fn now_second() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl Manifest {
    /// A manifest of `stamps` of the corpus at `root`, taken in second `taken`.
    pub fn new(root: &Path, taken: i64, stamps: Vec<Stamp>) -> Manifest {
        Manifest {
            version: MANIFEST_VERSION,
            root: root.to_path_buf(),
            taken,
            stamps,
        }
    }

    /// The manifest in `dir` for the corpus at `root`, if there is a
    /// readable one of this version. (A damaged manifest that still parses
    /// can only cause a file to be hashed again or the corpus to be seen
    /// as changed: a digest is trusted only together with a matching stat.)
    pub fn read(dir: &Path, root: &Path) -> Option<Manifest> {
        let manifest = Manifest::read_file(&dir.join(MANIFEST_FILE))?;
        (manifest.root == root).then_some(manifest)
    }

    /// The manifest in the file at `path`, if it is one of this version
    /// (for diagnostics and tests; [`Manifest::read`] also checks the
    /// corpus).
    pub fn read_file(path: &Path) -> Option<Manifest> {
        let bytes = std::fs::read(path).ok()?;
        let manifest: Manifest = postcard::from_bytes(&bytes).ok()?;
        (manifest.version == MANIFEST_VERSION).then_some(manifest)
    }

    /// Writes the manifest into `dir` (atomically).
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let bytes = postcard::to_allocvec(self).map_err(std::io::Error::other)?;
        crate::atomic_file::write(&dir.join(MANIFEST_FILE), &bytes)
    }

    /// How many stamps are racy (their file changed in or after the
    /// second they were taken in): their digests are not trusted, so the
    /// files are hashed again on every run until a manifest is taken in a
    /// later second.
    pub fn racy_stamps(&self) -> usize {
        self.stamps
            .iter()
            .filter(|s| s.stat.as_ref().is_some_and(|st| st.racy(self.taken)))
            .count()
    }

    /// Whether `other` records the same files with the same stats and
    /// digests (the time taken aside): if so, rewriting is pointless.
    pub fn same_stamps(&self, other: &Manifest) -> bool {
        self.root == other.root && self.stamps == other.stamps
    }
}

/// The stamps of a corpus directory now (see [`Manifest`]), and how many
/// files had to be read for them.
#[derive(Debug)]
pub struct Current {
    /// The corpus's stamps now.
    pub manifest: Manifest,
    /// Files read and hashed (the rest kept their recorded digest).
    pub hashed: usize,
}

/// The stamps of the corpus at `location` now, reusing `previous`'s
/// digest for every file whose stat is unchanged and not racy and reading
/// and hashing the others. `None` when the corpus cannot be stamped
/// without loading it: an embedded corpus (it has no manifest), a
/// directory or file that cannot be listed or read, a file that is not a
/// regular file or is over the size limit — the full load reports those.
pub fn current(location: &CorpusLocation, previous: Option<&Manifest>) -> Option<Current> {
    let CorpusLocation::Dir(dir) = location else {
        return None;
    };
    let root = dir.canonicalize().ok()?;
    let taken = now_second();
    let (listed, warnings) = source::list_unordered(dir).ok()?;
    if !warnings.is_empty() {
        return None;
    }
    let known: HashMap<&str, &Stamp> = previous
        .map(|m| {
            m.stamps
                .iter()
                .filter(|s| s.stat.as_ref().is_some_and(|st| !st.racy(m.taken)))
                .map(|s| (s.name.as_str(), s))
                .collect()
        })
        .unwrap_or_default();
    let limit = source::max_file_bytes();
    let mut stats = Vec::with_capacity(listed.len());
    for file in &listed {
        let meta = source::listed_metadata(file).ok()?;
        if !meta.is_file() || meta.len() > limit {
            return None;
        }
        stats.push((stamp_name(dir, &file.0), FileStat::of(&meta)));
    }
    // The usual case, nothing changed: every file is a known one with its
    // recorded stat, and there are as many as recorded, so the files are
    // the recorded ones and the recorded stamps (in corpus order) stand,
    // without sorting the paths.
    if let Some(previous) = previous {
        let unchanged = stats.iter().all(|(name, stat)| {
            known
                .get(name.as_str())
                .is_some_and(|s| s.stat.as_ref() == Some(stat))
        });
        if unchanged && stats.len() == previous.stamps.len() && known.len() == stats.len() {
            return Some(Current {
                manifest: Manifest::new(&root, taken, previous.stamps.clone()),
                hashed: 0,
            });
        }
    }
    let mut order: Vec<usize> = (0..listed.len()).collect();
    order.sort_by(|&a, &b| listed[a].0.cmp(&listed[b].0));
    let mut stamps: Vec<Option<Stamp>> = Vec::with_capacity(listed.len());
    let mut to_hash = Vec::new();
    for i in order {
        let path = &listed[i].0;
        let (name, stat) = stats[i].clone();
        match known.get(name.as_str()) {
            Some(stamp) if stamp.stat.as_ref() == Some(&stat) => {
                stamps.push(Some((*stamp).clone()))
            }
            _ => {
                to_hash.push((stamps.len(), path.clone(), name));
                stamps.push(None);
            }
        }
    }
    let hashed = to_hash.len();
    // Read and hashed on every core; the stat is the one the file was
    // opened under, so a change while it is read shows next time.
    let fresh = crate::parallel::map(&to_hash, |(_, path, name)| {
        source::open_regular(path)
            .ok()
            .map(|(bytes, meta)| Stamp::of(name, Some(FileStat::of(&meta)), &bytes))
    });
    for ((slot, _, _), stamp) in to_hash.iter().zip(fresh) {
        stamps[*slot] = Some(stamp?);
    }
    let stamps = stamps.into_iter().collect::<Option<Vec<Stamp>>>()?;
    Some(Current {
        manifest: Manifest::new(&root, taken, stamps),
        hashed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "一、甲\n").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.txt"), "二、乙\n").unwrap();
        dir
    }

    fn names(current: &Current) -> Vec<&str> {
        current
            .manifest
            .stamps
            .iter()
            .map(|s| s.name.as_str())
            .collect()
    }

    fn location(dir: &tempfile::TempDir) -> CorpusLocation {
        CorpusLocation::Dir(dir.path().to_path_buf())
    }

    /// A manifest whose stamps were taken long after every file changed.
    fn settled(mut m: Manifest) -> Manifest {
        m.taken = now_second() + 10;
        m
    }

    #[test]
    fn names_are_relative_to_the_corpus() {
        let dir = corpus();
        let now = current(&location(&dir), None).unwrap();
        assert_eq!(names(&now), ["a.txt", "sub/b.txt"]);
        assert_eq!(now.hashed, 2);
    }

    #[test]
    fn stamps_taken_after_their_files_settled_are_not_racy() {
        let stat = |second| FileStat {
            size: 1,
            modified: (second, 5),
            changed: (second, 7),
            id: (1, 2),
        };
        let stamp = |name: &str, second| Stamp {
            name: name.to_string(),
            stat: Some(stat(second)),
            sha256: String::new(),
        };
        let stamps = vec![stamp("a.txt", 100), stamp("b.txt", 105)];
        let root = Path::new("/c");
        assert_eq!(Manifest::new(root, 105, stamps.clone()).racy_stamps(), 1);
        assert_eq!(Manifest::new(root, 100, stamps.clone()).racy_stamps(), 2);
        assert_eq!(Manifest::new(root, 106, stamps).racy_stamps(), 0);
    }

    #[test]
    fn unchanged_files_are_not_read_again() {
        let dir = corpus();
        let first = settled(current(&location(&dir), None).unwrap().manifest);
        let again = current(&location(&dir), Some(&first)).unwrap();
        assert_eq!(again.hashed, 0);
        assert!(again.manifest.same_stamps(&first));
    }

    #[test]
    fn a_changed_file_is_hashed_again_and_only_it() {
        let dir = corpus();
        let first = settled(current(&location(&dir), None).unwrap().manifest);
        std::fs::write(dir.path().join("a.txt"), "一、丙丙\n").unwrap();
        let again = current(&location(&dir), Some(&first)).unwrap();
        assert_eq!(again.hashed, 1);
        assert_ne!(again.manifest.stamps[0].sha256, first.stamps[0].sha256);
        assert_eq!(again.manifest.stamps[1], first.stamps[1]);
    }

    #[test]
    fn a_racy_file_is_hashed_even_with_its_stat_unchanged() {
        let dir = corpus();
        // Stamps taken in the second the files were written: racy.
        let mut first = current(&location(&dir), None).unwrap().manifest;
        first.taken = now_second() - 100;
        // Same size, times and inode, other bytes: only a hash can tell.
        first.stamps[0].sha256 = "0".repeat(64);
        let again = current(&location(&dir), Some(&first)).unwrap();
        assert_eq!(again.hashed, 2);
        assert_ne!(again.manifest.stamps[0].sha256, "0".repeat(64));
        // The same record, taken a second after the change, is trusted.
        let mut trusted = first.clone();
        trusted.taken = now_second() + 10;
        let reused = current(&location(&dir), Some(&trusted)).unwrap();
        assert_eq!(reused.hashed, 0);
        assert_eq!(reused.manifest.stamps[0].sha256, "0".repeat(64));
    }

    #[test]
    fn a_file_with_its_modification_time_set_back_is_hashed_again() {
        let dir = corpus();
        let path = dir.path().join("a.txt");
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        let first = settled(current(&location(&dir), None).unwrap().manifest);
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, "一、丁\n").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(before)
            .unwrap();
        let again = current(&location(&dir), Some(&first)).unwrap();
        assert_eq!(again.hashed, 1, "the change time gives it away");
    }

    #[test]
    fn added_and_removed_files_change_the_stamps() {
        let dir = corpus();
        let first = settled(current(&location(&dir), None).unwrap().manifest);
        std::fs::remove_file(dir.path().join("sub/b.txt")).unwrap();
        std::fs::write(dir.path().join("c.txt"), "三、丙\n").unwrap();
        let again = current(&location(&dir), Some(&first)).unwrap();
        assert_eq!(names(&again), ["a.txt", "c.txt"]);
        assert_eq!(again.hashed, 1);
    }

    #[test]
    fn a_manifest_round_trips_and_is_tied_to_its_corpus() {
        let dir = corpus();
        let store = tempfile::tempdir().unwrap();
        let now = current(&location(&dir), None).unwrap().manifest;
        now.write(store.path()).unwrap();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(Manifest::read(store.path(), &root), Some(now));
        assert_eq!(Manifest::read(store.path(), Path::new("/elsewhere")), None);
        std::fs::write(store.path().join(MANIFEST_FILE), "{ damaged").unwrap();
        assert_eq!(Manifest::read(store.path(), &root), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_means_the_full_load_decides() {
        let dir = corpus();
        let fifo = dir.path().join("pipe.txt");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        assert!(current(&location(&dir), None).is_none());
    }
}
