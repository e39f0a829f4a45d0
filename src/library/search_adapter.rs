//! The search adapter: what the index is built from, where it lives, and
//! what a one-shot search needs without parsing the corpus.

#[allow(unused_imports)]
use super::*;

impl Library {
    /// Clauses as the search index takes them.
    pub fn indexable_clauses(&self) -> Vec<IndexableClause> {
        self.clauses
            .iter()
            .enumerate()
            .map(|(order, c)| {
                let roles = self.departments.clause_departments(&c.id);
                let departments = [
                    (Role::Lead, &roles.lead),
                    (Role::Support, &roles.support),
                    (Role::Responsible, &roles.responsible),
                    (Role::Mentioned, &roles.mentioned),
                ]
                .into_iter()
                .flat_map(|(role, names)| {
                    names
                        .iter()
                        .map(move |n| (n.clone(), role.as_str().to_string()))
                })
                .collect();
                IndexableClause {
                    id: c.id.clone(),
                    plan: c
                        .plan
                        .map(|p| self.plans[p].address_name.clone())
                        .unwrap_or_default(),
                    plan_title: c
                        .plan
                        .map(|p| self.plans[p].title.clone())
                        .unwrap_or_default(),
                    section: match (&c.section, &c.section_heading) {
                        (Some(n), Some(h)) => format!("{n}、{h}"),
                        _ => String::new(),
                    },
                    heading: c.heading.clone(),
                    text: c.text.clone(),
                    order,
                    departments,
                }
            })
            .collect()
    }

    /// Where the search index may live, best first: `index/` beside the
    /// project's own `corpus/`, else the user cache directory (see
    /// [`index_dir_candidates`]). (The caller falls back to memory when
    /// none is usable.)
    pub fn index_dir_candidates(&self) -> Vec<std::path::PathBuf> {
        index_dir_candidates(&self.location, &self.content_hash)
    }

    /// What a search needs from the library besides the index.
    fn search_snapshot(&self) -> SearchSnapshot {
        SearchSnapshot {
            departments: self.departments.name_table(),
            plans: Deferred::new(self.plans.iter().map(PlanKey::of).collect()),
            pinyin_terms: self.pinyin_terms(),
            pinyin: std::sync::OnceLock::new(),
            metric_wordings: self.metric_wordings.clone(),
            clean: self.warnings.is_empty(),
        }
    }

    /// Opens the search index, building it if it is missing, stale or broken.
    pub fn open_search(&self, rebuild: bool) -> Result<(SearchIndex, Location), SearchError> {
        let started = std::time::Instant::now();
        let candidates = self.index_dir_candidates();
        tracing::debug!(?candidates, rebuild, "opening search index");
        let clauses = self.indexable_clauses();
        let snapshot = self.search_snapshot();
        // Strings a query may hold that the clause text need not: the
        // department names and aliases it expands.
        let mut vocabulary: Vec<String> = snapshot
            .departments
            .names()
            .map(str::to_string)
            .chain(self.aliases.entries().iter().flat_map(|e| {
                std::iter::once(e.name.clone())
                    .chain(e.full_name.clone())
                    .chain(e.aliases.iter().cloned())
            }))
            .collect();
        vocabulary.sort();
        vocabulary.dedup();
        let payload = postcard::to_allocvec(&snapshot).ok();
        let extras = Extras {
            vocabulary: &vocabulary,
            payload: payload.as_deref(),
            segmenter: self.segmenter,
        };
        let result = SearchIndex::open_or_build_with(
            &candidates,
            &clauses,
            &index_key(&self.content_hash),
            extras,
            rebuild,
        );
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        match &result {
            Ok((index, location)) => tracing::info!(
                path = ?location.path,
                action = ?location.action,
                skipped = ?location.skipped,
                clauses = index.num_docs(),
                ms,
                "search index ready"
            ),
            Err(error) => tracing::error!(%error, ms, "search index failed"),
        }
        result
    }

    /// Query expansion backed by this library's aliases and plan names.
    pub fn expander(&self) -> LibraryExpander<'_> {
        LibraryExpander(self)
    }
}

/// Hash of every corpus file's stamp (its name in the corpus and the
/// digest of its bytes: see [`crate::corpus::manifest`]), of the alias
/// table and of the corpus's data files (`dict.txt`, `aliases.toml`).
pub(super) fn content_hash(stamps: &[Stamp], extras: &CorpusExtras) -> String {
    let mut hashed: Vec<&[u8]> = Vec::new();
    for stamp in stamps {
        hashed.push(stamp.name.as_bytes());
        hashed.push(stamp.sha256.as_bytes());
    }
    hashed.push(crate::departments::EMBEDDED_ALIASES.as_bytes());
    // The data files change segmentation and aliases: part of the hash.
    for (tag, file) in [("dict", &extras.dict), ("aliases", &extras.aliases)] {
        if let Some(file) = file {
            hashed.push(tag.as_bytes());
            hashed.push(&file.bytes);
        }
    }
    search::corpus_hash(&hashed)
}

/// The key the search index is stored under: the corpus content and the
/// program that parses it (a hash of its sources, set by `build.rs`), which
/// together determine the clauses, so a current index can be found without
/// parsing the corpus.
pub fn index_key(content_hash: &str) -> String {
    search::corpus_hash(&[
        b"policy-nav index key",
        content_hash.as_bytes(),
        env!("POLICY_NAV_SOURCE_HASH").as_bytes(),
    ])
}

/// Where a corpus's search index may live, best first. The project's own
/// `corpus/` (this source tree's, compared by canonical path) keeps
/// `index/` beside it, with the user cache as fallback; any other corpus
/// (a `--corpus` folder or file anywhere else) has its index only in the
/// user cache, `$XDG_CACHE_HOME/policy-nav/<hash of its canonical path>`:
/// nothing is ever written beside the user's files, and two corpora in one
/// folder have two indexes. The embedded corpus's is keyed by its content.
pub(super) fn index_dir_candidates(
    location: &CorpusLocation,
    content_hash: &str,
) -> Vec<std::path::PathBuf> {
    match location {
        CorpusLocation::Dir(dir) => {
            let canonical = dir.canonicalize().unwrap_or_else(|_| {
                std::env::current_dir()
                    .map(|cwd| cwd.join(dir))
                    .unwrap_or_else(|_| dir.clone())
            });
            let cache = corpus_cache_dir(&canonical);
            if is_project_corpus(&canonical) {
                let parent = canonical
                    .parent()
                    .map(|p| p.to_path_buf())
                    .unwrap_or_else(|| std::path::PathBuf::from("."));
                std::iter::once(parent.join("index")).chain(cache).collect()
            } else {
                cache.into_iter().collect()
            }
        }
        CorpusLocation::Embedded => search::user_cache_dir(content_hash).into_iter().collect(),
    }
}

/// Whether `canonical` is this source tree's `corpus/` (known at build
/// time; an installed binary's tree is usually gone, and then no corpus is).
fn is_project_corpus(canonical: &std::path::Path) -> bool {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .canonicalize()
        .is_ok_and(|project| project == canonical)
}

/// The user cache directory for the corpus at `canonical`: one per corpus
/// path, so an edited corpus replaces its index there instead of adding one.
fn corpus_cache_dir(canonical: &std::path::Path) -> Option<std::path::PathBuf> {
    let hash = search::corpus_hash(&[
        b"policy-nav corpus path",
        canonical.as_os_str().as_encoded_bytes(),
    ]);
    search::user_cache_dir(&format!("corpus-{hash}"))
}

/// What a search needs from the library besides the index: department
/// name resolution and plan names. Stored with the index, so a one-shot
/// search can run without parsing the corpus ([`QuickSearch`]).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct SearchSnapshot {
    departments: NameTable,
    /// Needed only by a query that names a plan.
    plans: Deferred<Vec<PlanKey>>,
    /// The terms of the library's pinyin index (the index is built from
    /// them when a query first needs it).
    #[serde(default)]
    pinyin_terms: Vec<PinyinTerm>,
    #[serde(skip)]
    pinyin: std::sync::OnceLock<PinyinIndex>,
    /// The wordings of each metric, for metric synonyms in queries.
    #[serde(default)]
    metric_wordings: MetricWordings,
    /// The corpus loaded without warnings (otherwise the full load runs, to print them).
    clean: bool,
}

impl SearchSnapshot {
    /// The plan's address name for a user-typed plan name, if exactly one matches.
    pub fn find_plan(&self, name: &str) -> Option<&str> {
        let plans = self.plans.get();
        find_plan_key(plans, name, self.pinyin()).map(|p| plans[p].address_name.as_str())
    }

    /// The pinyin index of the library the snapshot was taken from.
    pub fn pinyin(&self) -> &PinyinIndex {
        self.pinyin.get_or_init(|| {
            PinyinIndex::build(self.pinyin_terms.iter().map(|t| (t.text.as_str(), t.kind)))
        })
    }

    /// Address names of all plans.
    pub fn plan_names(&self) -> impl Iterator<Item = &str> {
        self.plans.get().iter().map(|p| p.address_name.as_str())
    }
}

impl Expander for SearchSnapshot {
    fn expand_department(&self, word: &str) -> Option<String> {
        self.departments.lookup(word).map(str::to_string)
    }

    fn resolve_plan(&self, s: &str) -> Option<String> {
        self.find_plan(s).map(str::to_string)
    }

    fn expand_pinyin(&self, word: &str) -> Vec<String> {
        self.pinyin()
            .lookup(word)
            .into_iter()
            .map(|(t, _)| t.text.clone())
            .collect()
    }

    fn expand_metric(&self, word: &str) -> Vec<String> {
        self.metric_wordings.synonyms_of(word)
    }
}

/// A part of the [`SearchSnapshot`] kept as its own postcard bytes and
/// decoded when first asked for: a one-shot search decodes the plan list
/// only if its query names a plan (at 1,000 plans decoding the list was
/// most of the snapshot's half millisecond).
#[derive(Debug, Clone, Default)]
struct Deferred<T> {
    bytes: Vec<u8>,
    value: std::sync::OnceLock<T>,
}

impl<T: serde::Serialize> Deferred<T> {
    fn new(value: T) -> Deferred<T> {
        Deferred {
            bytes: postcard::to_allocvec(&value).unwrap_or_default(),
            value: std::sync::OnceLock::from(value),
        }
    }
}

impl<T: serde::de::DeserializeOwned + Default> Deferred<T> {
    fn get(&self) -> &T {
        self.value.get_or_init(|| {
            // The bytes were checked with the rest of the index's extras;
            // a part that still does not decode reads as empty.
            postcard::from_bytes(&self.bytes).unwrap_or_else(|error| {
                tracing::warn!(%error, "a part of the search snapshot does not decode");
                T::default()
            })
        })
    }
}

impl<T> serde::Serialize for Deferred<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.bytes)
    }
}

impl<'de, T> serde::Deserialize<'de> for Deferred<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl<'de> serde::de::Visitor<'de> for Bytes {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
        }
        Ok(Deferred {
            bytes: deserializer.deserialize_byte_buf(Bytes)?,
            value: std::sync::OnceLock::new(),
        })
    }
}

/// A search opened without loading the corpus: the index and what query
/// expansion needs.
pub struct QuickSearch {
    /// The index.
    pub index: SearchIndex,
    /// Where it is.
    pub location: Location,
    /// Department names and plan names.
    pub snapshot: SearchSnapshot,
}

impl QuickSearch {
    /// Opens the current index of a corpus without parsing it: the corpus
    /// manifest identifies the corpus, reading only files that changed.
    /// `None` when there is no current, intact index, or the corpus has
    /// load warnings to print: then load the [`Library`] and use
    /// [`Library::open_search`].
    pub fn open(location: &CorpusLocation) -> Option<QuickSearch> {
        // A directory's index lives where its path alone says, so the
        // newest index there is opened on another thread while this one
        // checks the corpus against its manifest (at 10,000 plans each
        // takes over 10 ms); it is used if it was built for the corpus as
        // it is now. The thread is always joined, so nothing reads an
        // index the caller may go on to rebuild.
        let with_snapshot = |index: SearchIndex| {
            let snapshot: SearchSnapshot = postcard::from_bytes(index.payload()?).ok()?;
            Some((index, snapshot))
        };
        let newest = match location {
            CorpusLocation::Dir(_) => {
                let candidates = index_dir_candidates(location, "");
                Some(std::thread::spawn(move || {
                    let (index, location, built_for) = SearchIndex::open_newest(&candidates)?;
                    Some((with_snapshot(index)?, location, built_for))
                }))
            }
            CorpusLocation::Embedded => None,
        };
        let identity = cache::Identity::of(location);
        let newest = newest.and_then(|thread| thread.join().ok().flatten());
        let identity = identity?;
        let key = index_key(&identity.content_hash);
        let ((index, snapshot), location) = match newest {
            Some((opened, location, built_for)) if built_for == key => (opened, location),
            _ => {
                let (index, location) = SearchIndex::open_current(&identity.candidates, &key)?;
                (with_snapshot(index)?, location)
            }
        };
        if let Some(dir) = location.path.as_deref().and_then(std::path::Path::parent) {
            identity.record(dir);
        }
        snapshot.clean.then_some(QuickSearch {
            index,
            location,
            snapshot,
        })
    }
}

/// Expands department aliases and plan names in search queries.
pub struct LibraryExpander<'a>(&'a Library);

impl Expander for LibraryExpander<'_> {
    fn expand_department(&self, word: &str) -> Option<String> {
        self.0.departments.lookup(word).ok().map(|d| d.name.clone())
    }

    fn resolve_plan(&self, s: &str) -> Option<String> {
        self.0
            .find_plan(s)
            .map(|p| self.0.plans[p].address_name.clone())
    }

    fn expand_pinyin(&self, word: &str) -> Vec<String> {
        self.0
            .pinyin
            .lookup(word)
            .into_iter()
            .map(|(t, _)| t.text.clone())
            .collect()
    }

    fn expand_metric(&self, word: &str) -> Vec<String> {
        self.0.metric_wordings.synonyms_of(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_snapshot_finds_the_same_plans() {
        let library = Library::from_texts(&[(
            "jiangsu-2024-1057",
            include_str!("../../corpus/jiangsu-2024-1057.txt"),
        )]);
        let snapshot = library.search_snapshot();
        let stored: SearchSnapshot =
            postcard::from_bytes(&postcard::to_allocvec(&snapshot).unwrap()).unwrap();
        assert!(
            stored.plans.value.get().is_none(),
            "not decoded until asked"
        );
        let names: Vec<&str> = snapshot.plan_names().collect();
        assert!(names.len() >= 5, "{names:?}");
        assert_eq!(stored.plan_names().collect::<Vec<_>>(), names);
        for plan in &library.plans {
            for name in [&plan.address_name, &plan.title] {
                assert_eq!(stored.find_plan(name), Some(plan.address_name.as_str()));
            }
        }
        assert_eq!(stored.find_plan("gangtie"), snapshot.find_plan("gangtie"));
        assert!(stored.find_plan("gangtie").is_some());
    }

    #[test]
    fn a_part_that_does_not_decode_reads_as_empty() {
        let damaged: Deferred<Vec<PlanKey>> = Deferred {
            bytes: vec![0xff; 3],
            value: std::sync::OnceLock::new(),
        };
        assert!(damaged.get().is_empty());
    }
}
