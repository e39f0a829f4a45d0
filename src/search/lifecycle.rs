//! Building, opening, verifying and replacing the on-disk index.
//!
//! Layout inside a candidate directory `D`:
//! * `D/idx-<fingerprint16>/` — a complete tantivy index plus [`META_FILE`];
//! * `D/.build-…/` — an index being built (renamed to `idx-…` when complete);
//! * `D/.trash-…/` — a replaced index being deleted.
//!
//! An index is only ever made visible by `rename`, so readers never see a
//! half-written one. The name is derived from the content fingerprint, so two
//! processes building at once build the same thing: the loser of the rename
//! discards its copy and opens the winner's.

use std::fs;
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use super::dict::{QueryCut, QueryDictionary};
use super::schema::{build_schema, fields_of, Fields, SCHEMA_VERSION};
use super::tokenizer::{self, Segmenter, UserWord, DOMAIN_DICT};
use super::writing::{build_into, write_docs};
use super::{verified, IndexableClause, SearchError};

/// Name of the metadata file stored inside each index directory.
pub const META_FILE: &str = "policy-nav-meta.json";

/// Name of the file beside the index holding its restricted jieba
/// dictionary (see [`super::dict`]), the vocabulary it covers besides the
/// clauses, and the caller's payload ([`Extras`]).
pub const EXTRAS_FILE: &str = "policy-nav-extras.bin";

/// What a caller stores with an index besides the clauses.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// Strings queries may contain that are not clause text (department
    /// names and aliases): the restricted dictionary covers them too.
    pub vocabulary: &'a [String],
    /// Opaque data handed back by [`SearchIndex::payload`] (the library
    /// stores what a search needs to expand a query without loading the
    /// corpus).
    pub payload: Option<&'a [u8]>,
    /// The full dictionary words are cut with (a corpus's user words on
    /// top of the domain dictionary); the restricted dictionary is derived
    /// from it, and its user words are part of the fingerprint.
    pub segmenter: Segmenter,
}

/// Contents of [`EXTRAS_FILE`].
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct ExtrasFile {
    /// Restricted dictionary, `None` if it could not be derived.
    pub(super) dictionary: Option<QueryDictionary>,
    /// Strings besides the clause texts the dictionary was derived from.
    pub(super) vocabulary: Vec<String>,
    pub(super) payload: Option<Vec<u8>>,
    /// User words of the full dictionary (on top of the domain dictionary).
    #[serde(default)]
    pub(super) user_words: Vec<UserWord>,
}

/// Query-time segmentation: the index's restricted dictionary and the
/// strings besides the clause texts that it is known to cover.
#[derive(Default)]
pub(crate) struct Restricted {
    restricted: Option<QueryDictionary>,
    /// The part of it cut for the strings segmented so far.
    cut: Mutex<Option<QueryCut>>,
    vocabulary: Vec<String>,
}

impl Restricted {
    /// The words of `s` as the restricted dictionary segments it, if the
    /// index has one, and whether it surely covers `s` (a part of its
    /// vocabulary). A string it does not surely cover is still covered if
    /// it occurs in an indexed text.
    pub(crate) fn words(&self, s: &str) -> Option<(Vec<String>, bool)> {
        let mut cut = self.cut.lock().unwrap_or_else(PoisonError::into_inner);
        let jieba = self.restricted.as_ref()?.grow(&mut cut, s)?;
        let words = tokenizer::word_tokens_with(jieba, s)
            .into_iter()
            .map(|t| t.2)
            .collect();
        Some((words, self.vocabulary.iter().any(|v| v.contains(s))))
    }
}

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Leftover build directories older than this are from dead processes.
const STALE_BUILD_AGE: Duration = Duration::from_secs(600);

/// Why an index was (re)built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum BuildReason {
    /// No index existed for this content.
    Missing,
    /// An index existed for different content (corpus, dictionary or schema changed).
    Stale,
    /// The existing index failed to open or verify.
    Corrupt(String),
    /// A rebuild was asked for.
    Requested,
}

/// What opening did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Action {
    /// A valid index was opened as it was.
    Opened,
    /// Another process built the index at the same moment; its copy is used.
    OpenedConcurrentBuild,
    /// The index was built.
    Built {
        /// Why it was built.
        reason: BuildReason,
        /// How long building took.
        took: Duration,
    },
}

/// Where the index lives and how it got there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Index directory, `None` when the index is in RAM.
    pub path: Option<PathBuf>,
    /// Which of the directory candidates was used (0 is the default).
    pub candidate: Option<usize>,
    /// What was done.
    pub action: Action,
    /// Candidates that could not be used, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

impl Location {
    /// True when the index is in the first candidate directory.
    pub fn is_default(&self) -> bool {
        self.candidate == Some(0)
    }

    /// True when no directory could be used and the index lives in RAM.
    pub fn in_ram(&self) -> bool {
        self.path.is_none()
    }

    /// One line for stderr, e.g. when the index is not in the default place.
    pub fn describe(&self) -> String {
        use crate::t;
        let place = match &self.path {
            Some(p) => t!("index.place_dir", path = crate::corpus::source::shown(p)),
            None => t!("index.place_memory"),
        };
        let what = match &self.action {
            Action::Opened => t!("index.opened"),
            Action::OpenedConcurrentBuild => t!("index.opened_concurrent"),
            Action::Built { reason, took } => {
                let why = match reason {
                    BuildReason::Missing => t!("index.why_missing"),
                    BuildReason::Stale => t!("index.why_stale"),
                    BuildReason::Corrupt(e) => t!("index.why_corrupt", error = e),
                    BuildReason::Requested => t!("index.why_requested"),
                };
                t!("index.built", ms = took.as_millis(), why = why)
            }
        };
        let skipped = match self.skipped.first() {
            Some((p, why)) => t!(
                "index.not_usable",
                path = crate::corpus::source::shown(p),
                why = crate::text::escape_for_terminal(why)
            ),
            None => "".into(),
        };
        t!(
            "index.describe",
            place = place,
            what = what,
            skipped = skipped
        )
        .into_owned()
    }
}

/// Contents of [`META_FILE`].
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Meta {
    pub(super) fingerprint: String,
    pub(super) content_hash: String,
    pub(super) schema_version: u32,
    pub(super) num_docs: usize,
    pub(super) built_at_unix: u64,
    /// SHA-256 of the domain dictionary the index was built with.
    #[serde(default)]
    pub(super) domain_dict: String,
    /// SHA-256 of [`EXTRAS_FILE`].
    #[serde(default)]
    pub(super) extras_sha256: String,
}

/// The content fingerprint an index is stored under: covers the caller's
/// corpus hash, the clauses themselves, the domain dictionary and the schema
/// version, so a change in any of them causes a rebuild.
pub fn fingerprint(clauses: &[IndexableClause], content_hash: &str) -> String {
    fingerprint_with(clauses, content_hash, &Extras::default())
}

fn fingerprint_with(clauses: &[IndexableClause], content_hash: &str, extras: &Extras) -> String {
    let mut h = Sha256::new();
    // User words change how text is cut: they are part of the identity.
    let user_words = extras.segmenter.user_words();
    if !user_words.is_empty() {
        h.update(b"user words\0");
        h.update(serde_json::to_vec(user_words).unwrap_or_default());
        h.update(b"\0");
    }
    if !extras.vocabulary.is_empty() || extras.payload.is_some() {
        h.update(b"extras\0");
        h.update(serde_json::to_vec(extras.vocabulary).unwrap_or_default());
        h.update(extras.payload.unwrap_or_default());
        h.update(b"\0");
    }
    h.update(b"policy-nav search index\0");
    h.update(SCHEMA_VERSION.to_le_bytes());
    h.update(tokenizer::DOMAIN_DICT.as_bytes());
    h.update(b"\0");
    h.update(content_hash.as_bytes());
    h.update(b"\0");
    h.update(serde_json::to_vec(clauses).unwrap_or_default());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 (hex) of the given byte strings, e.g. the corpus files: the
/// `content_hash` to pass to [`SearchIndex::open_or_build`] and the name of
/// the per-corpus cache directory.
pub fn corpus_hash(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The per-user cache directory for a corpus:
/// `$XDG_CACHE_HOME/policy-nav/<corpus_hash>`, else `~/.cache/policy-nav/<corpus_hash>`.
pub fn user_cache_dir(corpus_hash: &str) -> Option<PathBuf> {
    Some(crate::dirs::UserDir::Cache.path()?.join(corpus_hash))
}

/// The usual candidates: `index_dir` (the `index/` beside the corpus), then
/// the user cache directory.
pub fn default_dir_candidates(index_dir: &Path, corpus_hash: &str) -> Vec<PathBuf> {
    let mut v = vec![index_dir.to_path_buf()];
    v.extend(user_cache_dir(corpus_hash));
    v
}

/// A searchable index over clauses.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) segmenter: Segmenter,
    pub(crate) restricted: Restricted,
    payload: Option<Vec<u8>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("num_docs", &self.num_docs())
            .finish()
    }
}

/// Build directories of this process that are not finished yet.
static UNFINISHED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Set by [`remove_unfinished_builds`]: the process is exiting, and a build
/// thread that has not made its directory yet must not make one (it would
/// outlive the clean-up).
static CLOSED: AtomicBool = AtomicBool::new(false);

fn unfinished() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Makes a build directory and records it as unfinished, both under the
/// lock [`remove_unfinished_builds`] takes, so it is either made and then
/// removed by it, or not made at all.
fn create_build_dir(tmp: &Path) -> io::Result<()> {
    let mut list = unfinished();
    if CLOSED.load(Ordering::SeqCst) {
        return Err(io::Error::other("the program is exiting"));
    }
    fs::create_dir(tmp)?;
    list.push(tmp.to_path_buf());
    Ok(())
}

/// Deletes this process's index builds that have not finished, e.g. when
/// the navigator exits on a signal while a build runs on another thread,
/// so no `.build-…` directory is left behind. Other processes' builds are
/// not touched. Call it just before exiting.
pub fn remove_unfinished_builds() {
    {
        let _list = unfinished();
        CLOSED.store(true, Ordering::SeqCst);
    }
    remove_unfinished_builds_where(|_| true);
}

/// [`remove_unfinished_builds`] for the builds `which` selects (tests
/// running in parallel must not remove each other's builds).
pub(crate) fn remove_unfinished_builds_where(which: impl Fn(&Path) -> bool) {
    let dirs: Vec<PathBuf> = {
        let mut all = unfinished();
        let (chosen, kept) = all.drain(..).partition(|d: &PathBuf| which(d));
        *all = kept;
        chosen
    };
    for dir in dirs {
        // A build thread may still be writing: try a few times.
        for _ in 0..5 {
            if fs::remove_dir_all(&dir).is_ok() || !dir.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

#[cfg(test)]
pub(crate) fn track_unfinished_for_test(dir: &Path) {
    unfinished().push(dir.to_path_buf());
}

fn unique_suffix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{}-{}-{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

pub(super) fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Clauses per search thread: below this a thread pool costs more than it
/// saves. Starting tantivy's pool and handing it the segments took about a
/// millisecond of a 2-core machine, more than searching 19,000 clauses on
/// one thread (1,000 generated plans); at 190,000 two threads were faster.
const CLAUSES_PER_SEARCH_THREAD: usize = 50_000;

fn new_reader(index: &Index) -> Result<IndexReader, SearchError> {
    // Segments are searched in parallel, one thread per core, when there
    // are several and enough clauses to keep the threads busy.
    let mut index = index.clone();
    let segments = index.searchable_segment_metas()?;
    let clauses: usize = segments.iter().map(|s| s.num_docs() as usize).sum();
    let threads = crate::parallel::cores(4).min(clauses / CLAUSES_PER_SEARCH_THREAD);
    if threads > 1 && segments.len() > 1 {
        index.set_multithread_executor(threads)?;
    }
    Ok(index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?)
}

/// Checks that a searcher really serves `clauses`: document count, and the
/// first and last clause found by id with their stored text intact and by
/// an exact-substring search.
fn verify(index: &SearchIndex, clauses: &[IndexableClause]) -> Result<(), SearchError> {
    let searcher = index.reader.searcher();
    if searcher.num_docs() as usize != clauses.len() {
        return Err(SearchError::Corrupt(format!(
            "{} documents, expected {}",
            searcher.num_docs(),
            clauses.len()
        )));
    }
    let probes = [clauses.first(), clauses.last()];
    for c in probes.into_iter().flatten() {
        let q = TermQuery::new(
            Term::from_field_text(index.fields.id, &c.id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.first() else {
            return Err(SearchError::Corrupt(format!("clause {} not found", c.id)));
        };
        let doc: TantivyDocument = searcher.doc(*addr)?;
        let stored = doc.get_first(index.fields.text).and_then(|v| v.as_str());
        if stored != Some(c.text.as_str()) {
            return Err(SearchError::Corrupt(format!(
                "clause {} text differs",
                c.id
            )));
        }
        let probe: String = c
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(4)
            .collect();
        if !probe.is_empty() {
            let hits = index.matching_orders(&probe);
            if !hits.contains(&c.order) {
                return Err(SearchError::Corrupt(format!(
                    "clause {} not found by its text",
                    c.id
                )));
            }
        }
    }
    Ok(())
}

/// Opens the index in `path` and checks it against `fp` and `clauses`.
fn open_verified(
    path: &Path,
    fp: &str,
    clauses: &[IndexableClause],
) -> Result<SearchIndex, SearchError> {
    let meta = read_meta(path)?;
    if meta.fingerprint != fp
        || meta.schema_version != SCHEMA_VERSION
        || meta.num_docs != clauses.len()
    {
        return Err(SearchError::Meta("fingerprint mismatch".into()));
    }
    open_checked(path, &meta, |si| verify(si, clauses))
}

fn read_meta(path: &Path) -> Result<Meta, SearchError> {
    let meta_text = fs::read_to_string(path.join(META_FILE))
        .map_err(|e| SearchError::Meta(format!("{META_FILE}: {e}")))?;
    serde_json::from_str(&meta_text).map_err(|e| SearchError::Meta(format!("{META_FILE}: {e}")))
}

/// Opens the index in `path` described by `meta`: checksums of every file
/// (the extras file's against the metadata), document count, then `check`.
fn open_checked(
    path: &Path,
    meta: &Meta,
    check: impl FnOnce(&SearchIndex) -> Result<(), SearchError>,
) -> Result<SearchIndex, SearchError> {
    if meta.extras_sha256.is_empty() || meta.domain_dict != sha256_hex(DOMAIN_DICT.as_bytes()) {
        return Err(SearchError::Meta("made by another version".into()));
    }
    let extras_bytes = fs::read(path.join(EXTRAS_FILE))
        .map_err(|e| SearchError::Corrupt(format!("{EXTRAS_FILE}: {e}")))?;
    // An index verified earlier whose files have not changed since is not
    // read through again (see `verified`).
    let trusted = verified::unchanged_since_verified(path);
    let extras_damaged = || SearchError::Corrupt(format!("{EXTRAS_FILE} damaged"));
    if !trusted && sha256_hex(&extras_bytes) != meta.extras_sha256 {
        return Err(extras_damaged());
    }
    let extras: ExtrasFile = postcard::from_bytes(&extras_bytes)
        .map_err(|e| SearchError::Corrupt(format!("{EXTRAS_FILE}: {e}")))?;
    let segmenter = Segmenter::with_user_words(&extras.user_words);
    // tantivy may panic on some garbage; treat a panic as corruption.
    let opened = catch_unwind(AssertUnwindSafe(|| -> Result<SearchIndex, SearchError> {
        let index = Index::open_in_dir(path)?;
        let fields = fields_of(&index.schema())?;
        tokenizer::register_with(&index, segmenter);
        if !trusted {
            let mut damage = None;
            let sound = verified::verify_and_record(path, || {
                // The extras file again: checked before the stats were
                // taken above, it must be checked between them too.
                let extras_now = fs::read(path.join(EXTRAS_FILE)).unwrap_or_default();
                if sha256_hex(&extras_now) != meta.extras_sha256 {
                    damage = Some(extras_damaged());
                    return false;
                }
                match index.validate_checksum() {
                    Ok(damaged) if damaged.is_empty() => return true,
                    Ok(damaged) => {
                        damage = Some(SearchError::Corrupt(format!("bad checksum in {damaged:?}")))
                    }
                    Err(error) => damage = Some(error.into()),
                }
                false
            });
            if !sound {
                return Err(damage.unwrap_or_else(|| SearchError::Corrupt("checksum".into())));
            }
        }
        let reader = new_reader(&index)?;
        let si = SearchIndex {
            index,
            reader,
            fields,
            segmenter,
            restricted: Restricted {
                restricted: extras.dictionary,
                cut: Mutex::default(),
                vocabulary: extras.vocabulary,
            },
            payload: extras.payload,
        };
        if si.num_docs() != meta.num_docs {
            return Err(SearchError::Corrupt(format!(
                "{} documents, expected {}",
                si.num_docs(),
                meta.num_docs
            )));
        }
        check(&si)?;
        Ok(si)
    }));
    match opened {
        Ok(r) => r,
        Err(_) => Err(SearchError::Corrupt(
            "tantivy panicked while opening".into(),
        )),
    }
}

/// Moves `path` out of the way (atomically) and deletes it. Missing is fine:
/// another process may have done it first.
fn discard(dir: &Path, path: &Path) {
    let trash = dir.join(format!(".trash-{}", unique_suffix()));
    if fs::rename(path, &trash).is_ok() {
        let _ = fs::remove_dir_all(&trash);
    }
}

/// Removes other fingerprints' indexes, trash, and builds abandoned by dead processes.
fn clean_up(dir: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_BUILD_AGE);
        if (name.starts_with("idx-") && path != keep) || name.starts_with(".trash-") {
            discard(dir, &path);
        } else if verified::is_record_of_another(&name, keep) {
            let _ = fs::remove_file(&path);
        } else if name.starts_with(".build-") && old {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

fn has_other_index(dir: &Path, target: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("idx-") && e.path() != target)
    })
}

/// A failure of one attempt: whether trying again could help (the directory
/// is usable but a concurrent process got in the way).
struct AttemptError {
    error: SearchError,
    retry: bool,
}

fn fatal(error: impl Into<SearchError>) -> AttemptError {
    AttemptError {
        error: error.into(),
        retry: false,
    }
}

fn retryable(error: impl Into<SearchError>) -> AttemptError {
    AttemptError {
        error: error.into(),
        retry: true,
    }
}

/// Opens the index for `fp` in `dir`, building it if missing, stale,
/// corrupt, or if `force`. Fails if `dir` cannot be used. A few attempts,
/// since a concurrent process may replace the index under our feet.
fn open_or_build_in(
    dir: &Path,
    clauses: &[IndexableClause],
    content_hash: &str,
    extras: &Extras,
    fp: &str,
    force: bool,
) -> Result<(SearchIndex, PathBuf, Action), SearchError> {
    let mut force = force;
    let mut attempt = 0;
    loop {
        match attempt_in(dir, clauses, content_hash, extras, fp, force) {
            Ok(done) => return Ok(done),
            Err(e) if e.retry && attempt < 3 => {
                attempt += 1;
                // Someone else just (re)built it: no need to force again.
                force = false;
            }
            Err(e) => return Err(e.error),
        }
    }
}

fn attempt_in(
    dir: &Path,
    clauses: &[IndexableClause],
    content_hash: &str,
    extras: &Extras,
    fp: &str,
    force: bool,
) -> Result<(SearchIndex, PathBuf, Action), AttemptError> {
    let target = dir.join(format!("idx-{}", &fp[..16]));
    let mut reason = if force {
        BuildReason::Requested
    } else if has_other_index(dir, &target) {
        BuildReason::Stale
    } else {
        BuildReason::Missing
    };
    if !force && target.exists() {
        match open_verified(&target, fp, clauses) {
            Ok(si) => return Ok((si, target, Action::Opened)),
            Err(e) => reason = BuildReason::Corrupt(e.to_string()),
        }
    }
    let started = Instant::now();
    // Failing to create the build directory means `dir` is not usable.
    fs::create_dir_all(dir).map_err(fatal)?;
    let tmp = dir.join(format!(".build-{}-{}", &fp[..16], unique_suffix()));
    create_build_dir(&tmp).map_err(fatal)?;
    let built = build_into(&tmp, clauses, content_hash, extras, fp);
    let result = match built {
        Ok(()) => publish(dir, &tmp, &target, clauses, fp, force, reason, started),
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            Err(fatal(e))
        }
    };
    unfinished().retain(|p| p != &tmp);
    result
}

/// Moves a finished build into place (or uses a concurrent process's) and
/// opens it.
#[allow(clippy::too_many_arguments)]
fn publish(
    dir: &Path,
    tmp: &Path,
    target: &Path,
    clauses: &[IndexableClause],
    fp: &str,
    force: bool,
    reason: BuildReason,
    started: Instant,
) -> Result<(SearchIndex, PathBuf, Action), AttemptError> {
    let (tmp, target) = (tmp.to_path_buf(), target.to_path_buf());
    if target.exists() {
        // A concurrent process may have just put a good one there.
        if !force {
            if let Ok(si) = open_verified(&target, fp, clauses) {
                let _ = fs::remove_dir_all(&tmp);
                return Ok((si, target, Action::OpenedConcurrentBuild));
            }
        }
        // Corrupt, or a forced rebuild: move the old one aside first.
        discard(dir, &target);
    }
    let mut action = Action::Built {
        reason,
        took: Duration::ZERO,
    };
    if let Err(e) = fs::rename(&tmp, &target) {
        let _ = fs::remove_dir_all(&tmp);
        if !target.exists() {
            return Err(retryable(e));
        }
        // Lost the race: another process put an index for the same content there.
        action = Action::OpenedConcurrentBuild;
    }
    let si = open_verified(&target, fp, clauses).map_err(retryable)?;
    if let Action::Built { took, .. } = &mut action {
        *took = started.elapsed();
    }
    clean_up(dir, &target);
    Ok((si, target, action))
}

impl SearchIndex {
    /// Opens the index for `clauses` in the first usable directory of
    /// `dir_candidates` (building it there if it is missing, stale or
    /// corrupt), else builds it in RAM. `content_hash` identifies the corpus
    /// (it is recorded in the metadata; the fingerprint also covers the
    /// clauses, the dictionary and the schema).
    pub fn open_or_build(
        dir_candidates: &[PathBuf],
        clauses: &[IndexableClause],
        content_hash: &str,
    ) -> Result<(SearchIndex, Location), SearchError> {
        Self::open_or_build_with(
            dir_candidates,
            clauses,
            content_hash,
            Extras::default(),
            false,
        )
    }

    /// Rebuilds the index unconditionally (same directory choice as
    /// [`SearchIndex::open_or_build`]); the [`Location`]'s action says what
    /// was done and how long it took.
    pub fn rebuild(
        dir_candidates: &[PathBuf],
        clauses: &[IndexableClause],
        content_hash: &str,
    ) -> Result<(SearchIndex, Location), SearchError> {
        Self::open_or_build_with(
            dir_candidates,
            clauses,
            content_hash,
            Extras::default(),
            true,
        )
    }

    /// [`SearchIndex::open_or_build`] (or with `force`,
    /// [`SearchIndex::rebuild`]) storing `extras` with the index, words
    /// segmented by `extras.segmenter` (a corpus's user dictionary; its
    /// words are part of the fingerprint, so changing them rebuilds the
    /// index). For [`SearchIndex::open_current`] to find the index, the
    /// caller's `content_hash` must cover the user words too.
    pub fn open_or_build_with(
        dir_candidates: &[PathBuf],
        clauses: &[IndexableClause],
        content_hash: &str,
        extras: Extras,
        force: bool,
    ) -> Result<(SearchIndex, Location), SearchError> {
        let fp = fingerprint_with(clauses, content_hash, &extras);
        let mut skipped = Vec::new();
        for (i, dir) in dir_candidates.iter().enumerate() {
            match open_or_build_in(dir, clauses, content_hash, &extras, &fp, force) {
                Ok((si, path, action)) => {
                    let location = Location {
                        path: Some(path),
                        candidate: Some(i),
                        action,
                        skipped,
                    };
                    return Ok((si, location));
                }
                Err(e) => skipped.push((dir.clone(), e.to_string())),
            }
        }
        let started = Instant::now();
        let mut si = Self::build_in_ram_with(clauses, extras.segmenter)?;
        si.payload = extras.payload.map(<[u8]>::to_vec);
        let reason = if force {
            BuildReason::Requested
        } else {
            BuildReason::Missing
        };
        let location = Location {
            path: None,
            candidate: None,
            action: Action::Built {
                reason,
                took: started.elapsed(),
            },
            skipped,
        };
        Ok((si, location))
    }

    /// Builds an index in RAM only.
    pub fn build_in_ram(clauses: &[IndexableClause]) -> Result<SearchIndex, SearchError> {
        Self::build_in_ram_with(clauses, Segmenter::default())
    }

    /// Builds an index in RAM only, words segmented by `segmenter`.
    pub fn build_in_ram_with(
        clauses: &[IndexableClause],
        segmenter: Segmenter,
    ) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        tokenizer::register_with(&index, segmenter);
        write_docs(&index, &fields, clauses)?;
        let reader = new_reader(&index)?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            segmenter,
            restricted: Restricted::default(),
            payload: None,
        })
    }

    /// Builds an index in RAM as `parts` segments (one commit per part, the
    /// last part first, no merging), searched in parallel as a big corpus's
    /// index is.
    #[cfg(test)]
    pub(crate) fn build_in_ram_segmented(
        clauses: &[IndexableClause],
        parts: usize,
    ) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        tokenizer::register(&index);
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000)?;
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        // Last part first: segment order is then not document order, so
        // ties must really be broken by the order field.
        for part in clauses
            .chunks(clauses.len().div_ceil(parts.max(1)).max(1))
            .rev()
        {
            for c in part {
                writer.add_document(super::writing::clause_document(&fields, c))?;
            }
            writer.commit()?;
        }
        writer.wait_merging_threads()?;
        let reader = new_reader(&index)?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            segmenter: Segmenter::default(),
            restricted: Restricted::default(),
            payload: None,
        })
    }

    /// Opens, without the clauses, an index built for `content_hash` in
    /// one of `dir_candidates` (the first found), checking its files as
    /// [`SearchIndex::open_or_build`] does. `None` when there is none or it
    /// is damaged: then the caller loads the corpus and calls
    /// [`SearchIndex::open_or_build`]. Only sound when `content_hash`
    /// determines the clauses (the library's index key covers the corpus
    /// bytes and the program that parses them).
    pub fn open_current(
        dir_candidates: &[PathBuf],
        content_hash: &str,
    ) -> Option<(SearchIndex, Location)> {
        for (i, dir) in dir_candidates.iter().enumerate() {
            let Ok(entries) = fs::read_dir(dir) else {
                continue;
            };
            for e in entries.flatten() {
                if !e.file_name().to_string_lossy().starts_with("idx-") {
                    continue;
                }
                let path = e.path();
                let Ok(meta) = read_meta(&path) else { continue };
                if meta.content_hash != content_hash || meta.schema_version != SCHEMA_VERSION {
                    continue;
                }
                if let Ok(si) = open_checked(&path, &meta, |_| Ok(())) {
                    let location = Location {
                        path: Some(path),
                        candidate: Some(i),
                        action: Action::Opened,
                        skipped: Vec::new(),
                    };
                    return Some((si, location));
                }
            }
        }
        None
    }

    /// Opens the most recently written index in the first candidate
    /// directory that has one, before the corpus's key is known, so that
    /// the open can run beside the check that computes the key; returns
    /// the key the index was built for, which the caller compares. (A
    /// directory's candidates do not depend on its content.)
    pub fn open_newest(dir_candidates: &[PathBuf]) -> Option<(SearchIndex, Location, String)> {
        for (i, dir) in dir_candidates.iter().enumerate() {
            let Ok(entries) = fs::read_dir(dir) else {
                continue;
            };
            let newest = entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("idx-"))
                .filter_map(|e| {
                    let path = e.path();
                    let written = fs::metadata(path.join(META_FILE)).ok()?.modified().ok()?;
                    Some((written, path))
                })
                .max();
            let Some((_, path)) = newest else { continue };
            let meta = read_meta(&path).ok()?;
            if meta.schema_version != SCHEMA_VERSION {
                return None;
            }
            let si = open_checked(&path, &meta, |_| Ok(())).ok()?;
            let location = Location {
                path: Some(path),
                candidate: Some(i),
                action: Action::Opened,
                skipped: Vec::new(),
            };
            return Some((si, location, meta.content_hash));
        }
        None
    }

    /// The payload stored with [`Extras`], if any.
    pub fn payload(&self) -> Option<&[u8]> {
        self.payload.as_deref()
    }

    /// Whether queries are segmented with a restricted dictionary (see
    /// [`super::dict`]).
    pub fn has_restricted_dictionary(&self) -> bool {
        self.restricted.restricted.is_some()
    }

    /// The segmenter this index's words were cut with (the full dictionary
    /// for this corpus, with its user words).
    pub fn segmenter(&self) -> Segmenter {
        self.segmenter
    }

    /// Number of indexed clauses.
    pub fn num_docs(&self) -> usize {
        self.reader.searcher().num_docs() as usize
    }

    /// The underlying tantivy index (for diagnostics).
    pub fn tantivy_index(&self) -> &Index {
        &self.index
    }
}
