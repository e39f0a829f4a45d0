//! The live corpus: the navigator watches the corpus directory and reads
//! it again, in the background, when a document is added, changed or
//! removed. Editors write a file in several steps (a temporary file, a
//! rename, a truncate and a write), so changes are gathered until the
//! directory has been quiet for [`QUIET`] before one reload.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::msg::Msg;
use super::Loader;

/// How long the corpus must be quiet before it is read again.
pub const QUIET: Duration = Duration::from_millis(400);

/// True for a path under the corpus `root` whose change can change the
/// library: a document by its extension, or the corpus's dictionary or
/// alias table. Hidden files and folders below the root (editor swap
/// files, `.git`) and Word's `~$` lock files are not; the root itself may
/// sit anywhere, hidden or not (a temporary directory `.tmpXXXX`).
pub fn matters(root: &Path, path: &Path) -> bool {
    let below = path.strip_prefix(root).unwrap_or(path);
    let hidden = below.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.') && name != "." && name != ".." || name.starts_with("~$")
    });
    if hidden {
        return false;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    policy_nav::corpus::read::Format::of(path).is_some()
        || name.as_deref() == Some(policy_nav::corpus::source::USER_ALIASES_FILE)
}

/// Starts watching `dir`; every settled change sends [`Msg::CorpusChanging`]
/// and then [`Msg::Reloaded`] on `tx`. Returns the watcher, which watches
/// as long as it lives, or why the directory cannot be watched (the
/// navigator then says so and works without live reload).
pub fn start(
    dir: &Path,
    load: Loader,
    tx: mpsc::Sender<Msg>,
) -> Result<notify::RecommendedWatcher, String> {
    let (events_tx, events) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if event.kind.is_access() {
                return;
            }
            for path in event.paths {
                let _ = events_tx.send(path);
            }
        }
    })
    .map_err(|e| e.to_string())?;
    watcher
        .watch(dir, RecursiveMode::Recursive)
        .map_err(|e| e.to_string())?;
    let root = dir.to_path_buf();
    std::thread::spawn(move || reload_loop(&root, &events, &load, &tx));
    Ok(watcher)
}

fn reload_loop(
    root: &Path,
    events: &mpsc::Receiver<PathBuf>,
    load: &Loader,
    tx: &mpsc::Sender<Msg>,
) {
    while let Ok(first) = events.recv() {
        let mut changed = vec![first];
        loop {
            match events.recv_timeout(QUIET) {
                Ok(path) => changed.push(path),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        changed.retain(|p| matters(root, p));
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            continue;
        }
        if tx.send(Msg::CorpusChanging).is_err() {
            return;
        }
        let load = load.clone();
        let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load()))
            .unwrap_or_else(|_| Err(t!("nav.status.reload_internal_error").into_owned()));
        if tx.send(Msg::Reloaded(loaded.map(Arc::new))).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_documents_and_corpus_data_matter() {
        let root = Path::new("/tmp/.tmpAbc/corpus");
        for path in ["a.txt", "sub/B.DOCX", "x.pdf", "aliases.toml", "dict.txt"] {
            assert!(matters(root, &root.join(path)), "{path}");
        }
        for path in [
            ".a.txt.swp",
            ".git/index",
            ".hidden/a.txt",
            "~$draft.docx",
            "notes.xlsx",
            "a.txt~",
            "4913",
        ] {
            assert!(!matters(root, &root.join(path)), "{path}");
        }
    }
}
