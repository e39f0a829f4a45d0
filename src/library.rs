//! The one loaded corpus every front end reads: documents, plans and
//! clauses, with address resolution, breadcrumbs and citations.

use std::collections::HashMap;

use crate::corpus::address::{parse_address, AddressQuery, AddressSyntaxError, Locator};
use crate::corpus::model::{Attachment, Clause, ClauseKind, Document, Notice, Plan};
use crate::corpus::normalize::{normalize, LineRange, Normalized, Paragraph};
use crate::corpus::parse::{parse, short_name, ParsedDocument};
use crate::corpus::source::{
    self, CorpusError, CorpusExtras, CorpusLocation, LoadWarning, SourceFile,
};
use crate::departments::{
    AliasTable, ClauseInput, Department, DepartmentIndex, NameTable, NoticeInput, Role,
};
use crate::pinyin::{PinyinIndex, PinyinTerm, TermKind};
use crate::search::tokenizer::{parse_dict, DOMAIN_DICT};
use crate::search::{
    self, Expander, Extras, IndexableClause, Location, SearchError, SearchIndex, Segmenter,
    UserWord,
};
use crate::targets::{extract_targets, Target};
use crate::text::{chinese_numeral_value, edit_distance, fold_width};

/// The reserved address of a covering notice.
pub const NOTICE_ADDRESS: &str = "通知";

/// English plan names accepted in addresses (data, not code).
const PLAN_NAMES: &str = include_str!("../data/plan-names.txt");

/// A loaded corpus.
#[derive(Debug, Clone)]
pub struct Library {
    /// Where it was loaded from.
    pub location: CorpusLocation,
    /// Documents in file-name order.
    pub documents: Vec<Document>,
    /// Plans of all documents in order.
    pub plans: Vec<Plan>,
    /// Clauses of all documents in reading order.
    pub clauses: Vec<Clause>,
    /// Problems with individual files (the rest loaded).
    pub warnings: Vec<LoadWarning>,
    /// Department duties in both directions.
    pub departments: DepartmentIndex,
    /// The department alias table in force.
    pub aliases: AliasTable,
    /// Every quantified target (and milestone) in reading order.
    pub targets: Vec<Target>,
    /// Hash of every loaded file's name and bytes (documents, and the
    /// corpus's `dict.txt` and `aliases.toml`): the search index is rebuilt
    /// when it changes.
    pub content_hash: String,
    /// Pinyin keys of department names and aliases, plan short names and
    /// dictionary words.
    pub pinyin: PinyinIndex,
    /// The word segmenter: the shared one, plus the corpus's `dict.txt` words.
    pub segmenter: Segmenter,
    /// Words of the corpus's `dict.txt` (empty without one).
    pub user_words: Vec<UserWord>,
    by_id: HashMap<String, usize>,
}

/// A resolved address: a clause and optionally one of its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// Clause index.
    pub clause: usize,
    /// Paragraph index (0-based) when the address named one.
    pub paragraph: Option<usize>,
}

/// Why an address did not resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// The text is not an address at all.
    #[error("{input:?} is not an address: {source}. Addresses look like 钢铁:二(五), 钢铁:一#2, 钢铁:序 or 通知.")]
    Syntax {
        /// What was typed.
        input: String,
        /// What is wrong.
        source: AddressSyntaxError,
    },
    /// No clause has this address.
    #[error("no clause {input:?}.{}", nearest_hint(.nearest))]
    Unknown {
        /// What was typed.
        input: String,
        /// The closest valid addresses.
        nearest: Vec<String>,
    },
    /// The clause exists but has fewer paragraphs.
    #[error("{clause} has {count} paragraph(s); #{wanted} does not exist")]
    Paragraph {
        /// The clause address.
        clause: String,
        /// Its paragraph count.
        count: usize,
        /// The number asked for.
        wanted: usize,
    },
}

fn nearest_hint(nearest: &[String]) -> String {
    if nearest.is_empty() {
        String::new()
    } else {
        format!(" Nearest: {}", nearest.join(", "))
    }
}

/// Files normalized and parsed at a time (on all cores) before being added.
const PARSE_CHUNK_FILES: usize = 64;

/// A decoded, normalized and parsed file, or why it could not be decoded.
type ParsedFile<'a> = Result<(&'a str, Normalized, ParsedDocument), LoadWarning>;

fn parse_file(file: &SourceFile) -> ParsedFile<'_> {
    let text = source::decode(file)?;
    let normalized = normalize(text);
    let tree = parse(&normalized.paragraphs);
    Ok((text, normalized, tree))
}

impl Library {
    /// Loads every document of a corpus location.
    pub fn load(location: CorpusLocation) -> Result<Library, CorpusError> {
        let started = std::time::Instant::now();
        let (files, mut warnings) = source::read(&location)?;
        let (extras, mut extra_warnings) = source::read_extras(&location);
        warnings.append(&mut extra_warnings);
        let read = started.elapsed();
        let mut library = Library::from_files_with(location.clone(), &files, &extras);
        warnings.append(&mut library.warnings);
        library.warnings = warnings;
        tracing::info!(
            corpus = %location,
            files = files.len(),
            documents = library.documents.len(),
            plans = library.plans.len(),
            clauses = library.clauses.len(),
            targets = library.targets.len(),
            warnings = library.warnings.len(),
            read_ms = read.as_secs_f64() * 1000.0,
            total_ms = started.elapsed().as_secs_f64() * 1000.0,
            "corpus loaded"
        );
        for warning in &library.warnings {
            tracing::warn!(%warning, "corpus warning");
        }
        if library.documents.is_empty() {
            return Err(CorpusError::NothingLoaded {
                location: location.to_string(),
                details: library
                    .warnings
                    .iter()
                    .map(|w| format!("  {w}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            });
        }
        Ok(library)
    }

    /// Builds a library from file contents; undecodable files become warnings.
    pub fn from_files(location: CorpusLocation, files: &[SourceFile]) -> Library {
        Library::from_files_with(location, files, &CorpusExtras::default())
    }

    /// Builds a library from file contents and the corpus's data files
    /// (user dictionary, user aliases); problems become warnings.
    pub fn from_files_with(
        location: CorpusLocation,
        files: &[SourceFile],
        extras: &CorpusExtras,
    ) -> Library {
        let mut library = Library {
            location,
            documents: Vec::new(),
            plans: Vec::new(),
            clauses: Vec::new(),
            warnings: Vec::new(),
            departments: DepartmentIndex::default(),
            aliases: AliasTable::embedded(),
            targets: Vec::new(),
            content_hash: String::new(),
            pinyin: PinyinIndex::default(),
            segmenter: Segmenter::default(),
            user_words: Vec::new(),
            by_id: HashMap::new(),
        };
        library.content_hash = content_hash(files, extras);
        library.load_extras(extras);
        // Normalizing and parsing a file depends on that file alone: a
        // chunk of files is parsed on every core, then added in file order
        // (chunks keep the parsed-but-not-added text bounded).
        for chunk in files.chunks(PARSE_CHUNK_FILES) {
            let parsed = crate::parallel::map(chunk, parse_file);
            for (file, outcome) in chunk.iter().zip(parsed) {
                match outcome {
                    Ok((text, normalized, tree)) => {
                        library.add_parsed_document(file, text, normalized, tree)
                    }
                    Err(warning) => library.warnings.push(warning),
                }
            }
        }
        library.assign_addresses();
        // Targets need only the clauses: extracted beside the department
        // index, the other half of a big corpus's load.
        let (departments, targets) = std::thread::scope(|scope| {
            let targets = scope.spawn(|| library.collect_targets());
            (library.build_departments(), targets.join())
        });
        library.departments = departments;
        library.targets = match targets {
            Ok(targets) => targets,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        library.build_pinyin();
        library
    }

    /// Applies the corpus's `aliases.toml` and `dict.txt`; every problem is
    /// a warning naming the file (and line), and loading goes on.
    fn load_extras(&mut self, extras: &CorpusExtras) {
        if let Some(file) = &extras.aliases {
            match source::decode(file) {
                Err(w) => self.warnings.push(w),
                Ok(text) => match self.aliases.merge_toml(text) {
                    Ok(skipped) => {
                        for message in skipped {
                            self.warnings.push(LoadWarning::UserData {
                                path: file.path.clone(),
                                line: None,
                                message: format!("{message}; that alias is skipped"),
                            });
                        }
                    }
                    Err(e) => self.warnings.push(LoadWarning::UserData {
                        path: file.path.clone(),
                        line: None,
                        message: format!("{e}; the file is not used"),
                    }),
                },
            }
        }
        if let Some(file) = &extras.dict {
            match source::decode(file) {
                Err(w) => self.warnings.push(w),
                Ok(text) => {
                    let (words, errors) = parse_dict(text);
                    for e in errors {
                        self.warnings.push(LoadWarning::UserData {
                            path: file.path.clone(),
                            line: Some(e.line),
                            message: e.message,
                        });
                    }
                    self.segmenter = Segmenter::with_user_words(&words);
                    self.user_words = words;
                }
            }
        }
    }

    fn build_pinyin(&mut self) {
        let terms = self.pinyin_terms();
        self.pinyin = PinyinIndex::build(terms.iter().map(|t| (t.text.as_str(), t.kind)));
    }

    /// The terms the pinyin index keys: department names and aliases, plan
    /// short names, domain and user dictionary words.
    fn pinyin_terms(&self) -> Vec<PinyinTerm> {
        let mut terms = Vec::new();
        let mut add = |text: &str, kind: TermKind| {
            terms.push(PinyinTerm {
                text: text.to_string(),
                kind,
            })
        };
        for (spelling, canonical) in self.aliases.spellings() {
            add(spelling, TermKind::Department);
            add(canonical, TermKind::Department);
        }
        for d in self.departments.departments() {
            add(&d.name, TermKind::Department);
            for a in &d.aliases {
                add(a, TermKind::Department);
            }
        }
        for p in &self.plans {
            add(&p.short_name, TermKind::Plan);
        }
        for w in parse_dict(DOMAIN_DICT).0.iter().chain(&self.user_words) {
            add(&w.word, TermKind::Dictionary);
        }
        terms.sort();
        terms.dedup();
        terms
    }

    /// Builds a library from in-memory texts `(name, text)`; for tests and tools.
    pub fn from_texts(texts: &[(&str, &str)]) -> Library {
        let files: Vec<SourceFile> = texts
            .iter()
            .map(|(name, text)| SourceFile {
                name: name.to_string(),
                path: format!("{name}.txt"),
                bytes: text.as_bytes().to_vec(),
            })
            .collect();
        Library::from_files(CorpusLocation::Embedded, &files)
    }

    fn add_parsed_document(
        &mut self,
        file: &SourceFile,
        text: &str,
        normalized: Normalized,
        tree: ParsedDocument,
    ) {
        if normalized.paragraphs.is_empty() {
            self.warnings.push(LoadWarning::Empty {
                path: crate::text::escape_for_terminal(&file.path).into_owned(),
            });
        } else if tree.is_untitled() {
            self.warnings.push(LoadWarning::NoStructure {
                path: crate::text::escape_for_terminal(&file.path).into_owned(),
            });
        }
        let document = self.documents.len();
        let mut doc = Document {
            // Names and paths may come from anywhere (`from_texts`, file
            // names): never let them carry escapes to a terminal.
            name: crate::text::escape_for_terminal(&file.name).into_owned(),
            path: crate::text::escape_for_terminal(&file.path).into_owned(),
            notice: None,
            plans: Vec::new(),
            clauses: Vec::new(),
            debris: normalized.debris,
            rejoins: normalized.rejoins,
            raw_lines: text.split('\n').count(),
        };
        let paragraphs = &normalized.paragraphs;
        self.add_tree(&mut doc, document, &tree, paragraphs);
        self.documents.push(doc);
    }

    fn push_clause(&mut self, doc: &mut Document, clause: Clause) -> usize {
        let index = self.clauses.len();
        self.clauses.push(clause);
        doc.clauses.push(index);
        index
    }

    fn add_tree(
        &mut self,
        doc: &mut Document,
        document: usize,
        tree: &ParsedDocument,
        paragraphs: &[Paragraph],
    ) {
        let take = |indices: &[usize]| -> Vec<Paragraph> {
            indices.iter().map(|&i| paragraphs[i].clone()).collect()
        };
        let first_plan = self.plans.len();
        if let Some(parsed) = &tree.notice {
            let heading = parsed
                .title
                .clone()
                .unwrap_or_else(|| NOTICE_ADDRESS.to_string());
            let clause = new_clause(
                ClauseKind::Notice,
                document,
                None,
                heading,
                take(&parsed.paragraphs),
                None,
            );
            let index = self.push_clause(doc, clause);
            doc.notice = Some(Notice {
                document_number: parsed.document_number.clone(),
                title: parsed.title.clone(),
                addressees: parsed.addressees.clone(),
                attachments: parsed
                    .attachments
                    .iter()
                    .map(|a| Attachment {
                        number: a.number,
                        title: a.title.clone(),
                        plan: a.plan.map(|p| first_plan + p),
                    })
                    .collect(),
                issuers: parsed.issuers.clone(),
                date: parsed.date.clone(),
                clause: index,
                body_paragraphs: parsed
                    .body
                    .iter()
                    .filter_map(|b| parsed.paragraphs.iter().position(|p| p == b).map(|p| p + 1))
                    .collect(),
            });
        }
        if !tree.untitled.is_empty() || (tree.is_untitled() && paragraphs.is_empty()) {
            let clause = new_clause(
                ClauseKind::Untitled,
                document,
                None,
                doc.name.clone(),
                take(&tree.untitled),
                None,
            );
            self.push_clause(doc, clause);
        }
        for (n, parsed) in tree.plans.iter().enumerate() {
            let plan_index = self.plans.len();
            let attachment = doc.notice.as_ref().and_then(|notice| {
                notice
                    .attachments
                    .iter()
                    .find(|a| a.plan == Some(plan_index))
            });
            let title = parsed.title.clone().unwrap_or_else(|| doc.name.clone());
            let listed_as = attachment.map(|a| a.title.clone()).filter(|t| *t != title);
            let mut plan = Plan {
                document,
                short_name: address_safe(&short_name(&title), || format!("计划{}", n + 1)),
                address_name: String::new(),
                attachment: attachment.map_or(n as u32 + 1, |a| a.number),
                listed_as,
                title,
                clauses: Vec::new(),
            };
            let title_lines = parsed.title_paragraph.map(|t| paragraphs[t].lines);
            if !parsed.preamble.is_empty() {
                let clause = new_clause(
                    ClauseKind::Preamble,
                    document,
                    Some(plan_index),
                    "序".into(),
                    take(&parsed.preamble),
                    title_lines,
                );
                plan.clauses.push(self.push_clause(doc, clause));
            }
            for section in &parsed.sections {
                let heading_lines = paragraphs[section.heading_paragraph].lines;
                let mut clause = new_clause(
                    ClauseKind::Section,
                    document,
                    Some(plan_index),
                    section.heading.clone(),
                    take(&section.paragraphs),
                    Some(heading_lines),
                );
                clause.section = Some(section.label.clone());
                clause.section_heading = Some(section.heading.clone());
                plan.clauses.push(self.push_clause(doc, clause));
                for item in &section.items {
                    let mut clause = new_clause(
                        ClauseKind::Item,
                        document,
                        Some(plan_index),
                        item.heading.clone(),
                        take(&item.paragraphs),
                        None,
                    );
                    clause.section = Some(section.label.clone());
                    clause.section_heading = Some(section.heading.clone());
                    clause.item = Some(item.label.clone());
                    plan.clauses.push(self.push_clause(doc, clause));
                }
            }
            doc.plans.push(plan_index);
            self.plans.push(plan);
        }
    }

    /// Gives every plan its address name and every clause its address.
    /// Short names shared by plans of different documents, and notices when
    /// several documents have one, get a `文档名/` prefix.
    fn assign_addresses(&mut self) {
        let mut short_count: HashMap<&str, usize> = HashMap::new();
        for plan in &self.plans {
            *short_count.entry(plan.short_name.as_str()).or_default() += 1;
        }
        let names: Vec<String> = self
            .plans
            .iter()
            .map(|plan| {
                if short_count[plan.short_name.as_str()] > 1 {
                    format!(
                        "{}/{}",
                        doc_label(&self.documents[plan.document].name, plan.document),
                        plan.short_name
                    )
                } else {
                    plan.short_name.clone()
                }
            })
            .collect();
        for (plan, name) in self.plans.iter_mut().zip(names) {
            plan.address_name = name;
        }
        let notices = self
            .clauses
            .iter()
            .filter(|c| c.kind == ClauseKind::Notice)
            .count();
        self.by_id.clear();
        for index in 0..self.clauses.len() {
            let clause = &self.clauses[index];
            let doc = &self.documents[clause.document];
            let plan = clause.plan.map(|p| self.plans[p].address_name.as_str());
            let base = match (clause.kind, plan) {
                (ClauseKind::Notice, _) if notices > 1 => {
                    format!("{}/{NOTICE_ADDRESS}", doc_label(&doc.name, clause.document))
                }
                (ClauseKind::Notice, _) => NOTICE_ADDRESS.to_string(),
                (ClauseKind::Untitled, _) => doc_label(&doc.name, clause.document),
                (ClauseKind::Preamble, Some(p)) => format!("{p}:序"),
                (ClauseKind::Section, Some(p)) => {
                    format!("{p}:{}", clause.section.as_deref().unwrap_or(""))
                }
                (ClauseKind::Item, Some(p)) => format!(
                    "{p}:{}({})",
                    clause.section.as_deref().unwrap_or(""),
                    clause.item.as_deref().unwrap_or("")
                ),
                _ => doc_label(&doc.name, clause.document),
            };
            // A repeated section or item number in a damaged document still
            // gets a unique address.
            let mut id = base.clone();
            let mut n = 2;
            while self.by_id.contains_key(&id) {
                id = format!("{base}~{n}");
                n += 1;
            }
            self.by_id.insert(id.clone(), index);
            self.clauses[index].id = id;
        }
    }

    fn build_departments(&self) -> DepartmentIndex {
        // A notice names its addressees and issuers in its own lines; only
        // its body can mention a department.
        let notice_bodies: HashMap<usize, String> = self
            .documents
            .iter()
            .filter_map(|d| d.notice.as_ref())
            .map(|n| {
                let clause = &self.clauses[n.clause];
                let body: Vec<&str> = n
                    .body_paragraphs
                    .iter()
                    .filter_map(|&p| clause.paragraphs.get(p - 1).map(|p| p.text.as_str()))
                    .collect();
                (n.clause, body.join("\n"))
            })
            .collect();
        let clauses: Vec<ClauseInput> = self
            .clauses
            .iter()
            .enumerate()
            .map(|(i, c)| ClauseInput {
                id: &c.id,
                heading: &c.heading,
                text: notice_bodies.get(&i).map_or(&c.text, |b| b),
            })
            .collect();
        let notices: Vec<NoticeInput> = self
            .documents
            .iter()
            .filter_map(|d| d.notice.as_ref())
            .map(|n| NoticeInput {
                clause_id: &self.clauses[n.clause].id,
                issuers: &n.issuers,
                addressees: n.addressees.as_deref().unwrap_or(""),
            })
            .collect();
        DepartmentIndex::build(&clauses, &notices, &self.aliases)
    }

    fn collect_targets(&self) -> Vec<Target> {
        self.clauses
            .iter()
            .filter(|c| c.plan.is_some())
            .flat_map(|c| {
                let plan = c.plan.map_or("", |p| self.plans[p].address_name.as_str());
                extract_targets(plan, &c.id, &c.text)
            })
            .collect()
    }

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

    /// Where the search index may live, best first: `index/` beside a
    /// corpus directory, then the user cache directory. (The caller falls
    /// back to memory when none is usable.)
    pub fn index_dir_candidates(&self) -> Vec<std::path::PathBuf> {
        index_dir_candidates(&self.location, &self.content_hash)
    }

    /// Opens the search index, building it if it is missing, stale or broken.
    pub fn open_search(&self, rebuild: bool) -> Result<(SearchIndex, Location), SearchError> {
        let started = std::time::Instant::now();
        let candidates = self.index_dir_candidates();
        tracing::debug!(?candidates, rebuild, "opening search index");
        let clauses = self.indexable_clauses();
        let snapshot = SearchSnapshot {
            departments: self.departments.name_table(),
            plans: self.plans.iter().map(PlanKey::of).collect(),
            pinyin_terms: self.pinyin_terms(),
            pinyin: std::sync::OnceLock::new(),
            clean: self.warnings.is_empty(),
        };
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
        let payload = serde_json::to_string(&snapshot).ok();
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

    /// The clause with exactly this canonical address.
    pub fn clause_by_id(&self, id: &str) -> Option<&Clause> {
        self.by_id.get(id).map(|&i| &self.clauses[i])
    }

    /// Index of the clause with exactly this canonical address.
    pub fn clause_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Resolves an address as a person types it.
    pub fn resolve(&self, input: &str) -> Result<Resolved, AddressError> {
        if let Some(&clause) = self.by_id.get(input.trim()) {
            return Ok(Resolved {
                clause,
                paragraph: None,
            });
        }
        let query = parse_address(input).map_err(|source| AddressError::Syntax {
            input: input.to_string(),
            source,
        })?;
        let clause = self.find(&query).ok_or_else(|| AddressError::Unknown {
            input: input.to_string(),
            nearest: self.nearest(input, 5),
        })?;
        let paragraph = match query.paragraph {
            None => None,
            Some(n) => {
                let count = self.clauses[clause].paragraphs.len();
                if n > count {
                    return Err(AddressError::Paragraph {
                        clause: self.clauses[clause].id.clone(),
                        count,
                        wanted: n,
                    });
                }
                Some(n - 1)
            }
        };
        Ok(Resolved { clause, paragraph })
    }

    fn documents_matching<'a>(
        &'a self,
        query: &'a AddressQuery,
    ) -> impl Iterator<Item = usize> + 'a {
        (0..self.documents.len()).filter(move |&d| {
            query
                .document
                .as_ref()
                .is_none_or(|name| self.documents[d].name.to_lowercase() == *name)
        })
    }

    fn find(&self, query: &AddressQuery) -> Option<usize> {
        let docs: Vec<usize> = self.documents_matching(query).collect();
        if query.locator.is_none() {
            if query.name == NOTICE_ADDRESS || query.name == "notice" {
                let notices: Vec<usize> = docs
                    .iter()
                    .filter_map(|&d| self.documents[d].notice.as_ref().map(|n| n.clause))
                    .collect();
                return (notices.len() == 1).then(|| notices[0]);
            }
            if let Some(&d) = docs
                .iter()
                .find(|&&d| self.documents[d].name.to_lowercase() == query.name)
            {
                return self.documents[d].clauses.first().copied();
            }
        }
        let mut plans: Vec<usize> = self
            .plans
            .iter()
            .enumerate()
            .filter(|(_, p)| docs.contains(&p.document) && self.plan_matches(p, &query.name))
            .map(|(i, _)| i)
            .collect();
        if plans.is_empty() {
            // The pinyin of a short name: gangtie:二(五), gt:二(五).
            let spelled = self.pinyin.lookup_kind(&query.name, TermKind::Plan);
            plans = (0..self.plans.len())
                .filter(|&p| {
                    docs.contains(&self.plans[p].document)
                        && spelled.contains(&self.plans[p].short_name.as_str())
                })
                .collect();
        }
        let [plan] = plans.as_slice() else {
            return None;
        };
        let plan = &self.plans[*plan];
        let clauses = plan.clauses.iter().copied();
        let label_is = |label: &Option<String>, n: u32| {
            label
                .as_deref()
                .is_some_and(|l| chinese_numeral_value(l).or_else(|| l.parse().ok()) == Some(n))
        };
        match query.locator {
            None => plan.clauses.first().copied(),
            Some(Locator::Preamble) => clauses
                .into_iter()
                .find(|&c| self.clauses[c].kind == ClauseKind::Preamble),
            Some(Locator::Section(s)) => clauses.into_iter().find(|&c| {
                self.clauses[c].kind == ClauseKind::Section && label_is(&self.clauses[c].section, s)
            }),
            Some(Locator::Item(s, i)) => clauses.into_iter().find(|&c| {
                let clause = &self.clauses[c];
                clause.kind == ClauseKind::Item
                    && label_is(&clause.section, s)
                    && label_is(&clause.item, i)
            }),
        }
    }

    /// True if `name` (already folded and lowercased) names this plan: its
    /// address or short name, full title, attachment-list spelling,
    /// attachment number or English name.
    pub fn plan_matches(&self, plan: &Plan, name: &str) -> bool {
        let attachments: Vec<u32> = self.plans.iter().map(|p| p.attachment).collect();
        PlanKey::of(plan).matches(name, &attachments)
    }

    /// The plan a user-typed name refers to (short name, title, number,
    /// English name, or the pinyin of its short name: `gangtie`, `gt`), if
    /// exactly one matches.
    pub fn find_plan(&self, name: &str) -> Option<usize> {
        let keys: Vec<PlanKey> = self.plans.iter().map(PlanKey::of).collect();
        find_plan_key(&keys, name, &self.pinyin)
    }

    /// A department by name, any alias, or pinyin of either (`fgw`,
    /// `fagaiwei`, `gongxinbu`). Err: the nearest names (for pinyin that
    /// spells several departments, those departments).
    pub fn lookup_department(&self, name: &str) -> Result<&Department, Vec<String>> {
        let nearest = match self.departments.lookup(name) {
            Ok(d) => return Ok(d),
            Err(nearest) => nearest,
        };
        let mut found: Vec<&Department> = Vec::new();
        for term in self.pinyin.lookup_kind(name.trim(), TermKind::Department) {
            if let Ok(d) = self.departments.lookup(term) {
                if !found.iter().any(|f| f.name == d.name) {
                    found.push(d);
                }
            }
        }
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(nearest),
            many => Err(many.iter().map(|d| d.name.clone()).collect()),
        }
    }

    /// The citation of the clause with this canonical address (empty if
    /// there is none).
    pub fn citation_of(&self, id: &str) -> String {
        self.clause_by_id(id)
            .map(|c| self.citation(c))
            .unwrap_or_default()
    }

    /// The `n` canonical addresses closest to `input`.
    pub fn nearest(&self, input: &str, n: usize) -> Vec<String> {
        let folded = fold_width(input.trim()).to_lowercase();
        let mut scored: Vec<(usize, usize)> = self
            .clauses
            .iter()
            .enumerate()
            .map(|(i, c)| (edit_distance(&folded, &fold_width(&c.id).to_lowercase()), i))
            .collect();
        scored.sort();
        scored
            .into_iter()
            .take(n)
            .map(|(_, i)| self.clauses[i].id.clone())
            .collect()
    }

    /// The path from the document down to a clause, e.g. 通知 ›
    /// 钢铁行业节能降碳专项行动计划 › 二、重点任务 › （五）提升….
    pub fn breadcrumb(&self, clause: &Clause) -> Vec<String> {
        let doc = &self.documents[clause.document];
        let mut crumbs = Vec::new();
        if let Some(notice) = &doc.notice {
            crumbs.push(self.clauses[notice.clause].id.clone());
        } else if self.documents.len() > 1 {
            crumbs.push(doc.name.clone());
        }
        if let Some(p) = clause.plan {
            crumbs.push(self.plans[p].title.clone());
        }
        match clause.kind {
            ClauseKind::Item => {
                crumbs.push(format!(
                    "{}、{}",
                    clause.section.as_deref().unwrap_or(""),
                    clause.section_heading.as_deref().unwrap_or("")
                ));
                crumbs.push(clause.display_heading());
            }
            ClauseKind::Notice => {
                if crumbs.is_empty() {
                    crumbs.push(clause.id.clone());
                }
            }
            _ => crumbs.push(clause.display_heading()),
        }
        crumbs
    }

    /// A citation as officials write it: 《钢铁行业节能降碳专项行动计划》二、（五）
    /// for an item, 《…》一、主要目标 for a section.
    pub fn citation(&self, clause: &Clause) -> String {
        let doc = &self.documents[clause.document];
        let Some(plan) = clause.plan else {
            let title = doc.title(&self.plans);
            let number = doc
                .notice
                .as_ref()
                .and_then(|n| n.document_number.as_deref())
                .map(|n| format!("（{n}）"))
                .unwrap_or_default();
            return format!("《{title}》{number}");
        };
        let title = &self.plans[plan].title;
        match clause.kind {
            ClauseKind::Item => format!(
                "《{title}》{}、（{}）",
                clause.section.as_deref().unwrap_or(""),
                clause.item.as_deref().unwrap_or("")
            ),
            ClauseKind::Preamble => format!("《{title}》序言"),
            _ => format!("《{title}》{}", clause.display_heading()),
        }
    }

    /// Clauses in reading order with their indices.
    pub fn iter_clauses(&self) -> impl Iterator<Item = (usize, &Clause)> {
        self.clauses.iter().enumerate()
    }
}

/// Hash of every corpus file's name and bytes, of the alias table and of
/// the corpus's data files (`dict.txt`, `aliases.toml`).
fn content_hash(files: &[SourceFile], extras: &CorpusExtras) -> String {
    let mut hashed: Vec<&[u8]> = Vec::new();
    for file in files {
        hashed.push(file.name.as_bytes());
        hashed.push(&file.bytes);
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

fn index_dir_candidates(location: &CorpusLocation, content_hash: &str) -> Vec<std::path::PathBuf> {
    match location {
        CorpusLocation::Dir(dir) => {
            let parent = dir
                .canonicalize()
                .ok()
                .and_then(|d| d.parent().map(|p| p.to_path_buf()))
                .unwrap_or_else(|| std::path::PathBuf::from("."));
            search::default_dir_candidates(&parent.join("index"), content_hash)
        }
        CorpusLocation::Embedded => search::user_cache_dir(content_hash).into_iter().collect(),
    }
}

/// What a plan answers to in `--plan` and `plan:` (stored with the index).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlanKey {
    /// Address name (`钢铁`, or `文档名/钢铁` when shared).
    pub address_name: String,
    /// Short name.
    pub short_name: String,
    /// Full title.
    pub title: String,
    /// The attachment list's spelling of the title, when different.
    pub listed_as: Option<String>,
    /// Attachment number.
    pub attachment: u32,
}

impl PlanKey {
    fn of(plan: &Plan) -> PlanKey {
        PlanKey {
            address_name: plan.address_name.clone(),
            short_name: plan.short_name.clone(),
            title: plan.title.clone(),
            listed_as: plan.listed_as.clone(),
            attachment: plan.attachment,
        }
    }

    /// True if `name` names this plan: its address or short name, full
    /// title, attachment-list spelling, attachment number (when no other
    /// plan of `attachments` has it) or English name.
    fn matches(&self, name: &str, attachments: &[u32]) -> bool {
        let name = fold_width(name.trim()).to_lowercase();
        name == self.address_name.to_lowercase()
            || name == self.short_name
            || name == self.title
            || self.listed_as.as_deref() == Some(name.as_str())
            || name.parse::<u32>().is_ok_and(|n| {
                n == self.attachment && attachments.iter().filter(|&&a| a == n).count() == 1
            })
            || english_names(&self.short_name).any(|e| e == name)
    }
}

/// The plan of `keys` that `name` names, if exactly one does; when none
/// does literally, the plan whose short name `name` spells in pinyin.
fn find_plan_key(keys: &[PlanKey], name: &str, pinyin: &PinyinIndex) -> Option<usize> {
    let attachments: Vec<u32> = keys.iter().map(|k| k.attachment).collect();
    let matches: Vec<usize> = (0..keys.len())
        .filter(|&p| keys[p].matches(name, &attachments))
        .collect();
    if !matches.is_empty() {
        return (matches.len() == 1).then(|| matches[0]);
    }
    let spelled = pinyin.lookup_kind(name.trim(), TermKind::Plan);
    let matches: Vec<usize> = (0..keys.len())
        .filter(|&p| spelled.contains(&keys[p].short_name.as_str()))
        .collect();
    (matches.len() == 1).then(|| matches[0])
}

/// What a search needs from the library besides the index: department
/// name resolution and plan names. Stored with the index, so a one-shot
/// search can run without parsing the corpus ([`QuickSearch`]).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct SearchSnapshot {
    departments: NameTable,
    plans: Vec<PlanKey>,
    /// The terms of the library's pinyin index (the index is built from
    /// them when a query first needs it).
    #[serde(default)]
    pinyin_terms: Vec<PinyinTerm>,
    #[serde(skip)]
    pinyin: std::sync::OnceLock<PinyinIndex>,
    /// The corpus loaded without warnings (otherwise the full load runs, to print them).
    clean: bool,
}

impl SearchSnapshot {
    /// The plan's address name for a user-typed plan name, if exactly one matches.
    pub fn find_plan(&self, name: &str) -> Option<&str> {
        find_plan_key(&self.plans, name, self.pinyin()).map(|p| self.plans[p].address_name.as_str())
    }

    /// The pinyin index of the library the snapshot was taken from.
    pub fn pinyin(&self) -> &PinyinIndex {
        self.pinyin.get_or_init(|| {
            PinyinIndex::build(self.pinyin_terms.iter().map(|t| (t.text.as_str(), t.kind)))
        })
    }

    /// Address names of all plans.
    pub fn plan_names(&self) -> impl Iterator<Item = &str> {
        self.plans.iter().map(|p| p.address_name.as_str())
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
    /// Opens the current index of a corpus by reading and hashing its
    /// files only (no parsing). `None` when there is no current, intact
    /// index, or the corpus has load warnings to print: then load the
    /// [`Library`] and use [`Library::open_search`].
    pub fn open(location: &CorpusLocation) -> Option<QuickSearch> {
        let (files, warnings) = source::read(location).ok()?;
        let (extras, extra_warnings) = source::read_extras(location);
        if !warnings.is_empty()
            || !extra_warnings.is_empty()
            || files.is_empty()
            || files.iter().any(|f| source::decode(f).is_err())
        {
            return None;
        }
        let content_hash = content_hash(&files, &extras);
        drop(files);
        let candidates = index_dir_candidates(location, &content_hash);
        let (index, location) = SearchIndex::open_current(&candidates, &index_key(&content_hash))?;
        let snapshot: SearchSnapshot = serde_json::from_str(index.payload()?).ok()?;
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
}

/// A name usable inside an address: no surrounding whitespace and none of
/// the characters addresses use as separators; `fallback` when nothing is
/// left (a plan titled only by a blank file name, say).
fn address_safe(name: &str, fallback: impl FnOnce() -> String) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if matches!(c, ':' | '：' | '/' | '#' | '＃') || c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    if cleaned.is_empty() {
        fallback()
    } else {
        cleaned
    }
}

/// A document's name as addresses use it.
fn doc_label(name: &str, index: usize) -> String {
    address_safe(name, || format!("文档{}", index + 1))
}

fn english_names(short: &str) -> impl Iterator<Item = &'static str> + '_ {
    PLAN_NAMES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(move |line| {
            let mut words = line.split_whitespace();
            (words.next() == Some(short)).then_some(words)
        })
        .flatten()
}

fn new_clause(
    kind: ClauseKind,
    document: usize,
    plan: Option<usize>,
    heading: String,
    paragraphs: Vec<Paragraph>,
    heading_lines: Option<LineRange>,
) -> Clause {
    let text = paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let lines = paragraphs
        .iter()
        .map(|p| p.lines)
        .chain(heading_lines)
        .reduce(LineRange::union)
        .unwrap_or(LineRange { first: 0, last: 0 });
    Clause {
        id: String::new(),
        kind,
        document,
        plan,
        section: None,
        section_heading: None,
        item: None,
        heading,
        paragraphs,
        text,
        lines,
    }
}
