//! What the file system says about a file, compared to tell whether it
//! changed without reading it: the corpus manifest
//! ([`crate::corpus::manifest`]) keys digests on it, and the search index
//! trusts a verified index whose files still have the recorded stats.

use std::fs::Metadata;

use serde::{Deserialize, Serialize};

/// What the file system says about a file: if any of it changes, the file
/// is hashed again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStat {
    /// Size in bytes.
    pub size: u64,
    /// Modification time: seconds and nanoseconds since the Unix epoch.
    pub modified: (i64, u32),
    /// Status change time (Unix; the modification time elsewhere).
    pub changed: (i64, u32),
    /// Device and inode (Unix; zeros elsewhere): a file replaced by
    /// another (an editor's save-by-rename, a copy) is another file.
    pub id: (u64, u64),
}

impl FileStat {
    /// The stat of a file's metadata.
    pub fn of(meta: &Metadata) -> FileStat {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileStat {
                size: meta.len(),
                modified: (meta.mtime(), meta.mtime_nsec() as u32),
                changed: (meta.ctime(), meta.ctime_nsec() as u32),
                id: (meta.dev(), meta.ino()),
            }
        }
        #[cfg(not(unix))]
        {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()));
            FileStat {
                size: meta.len(),
                modified,
                changed: modified,
                id: (0, 0),
            }
        }
    }

    /// Whether the file changed in or after the second `taken` (Unix
    /// seconds) its stat was recorded in: then the record is not trusted
    /// (see the corpus manifest's "racy files").
    pub fn racy(&self, taken: i64) -> bool {
        self.modified.0 >= taken || self.changed.0 >= taken
    }
}
