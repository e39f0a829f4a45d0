//! The one loaded corpus every front end reads: documents, plans and
//! clauses, with address resolution, breadcrumbs and citations.

use std::collections::HashMap;

use crate::corpus::address::{parse_address, AddressQuery, AddressSyntaxError, Locator};
use crate::corpus::model::{Attachment, Clause, ClauseKind, Document, Notice, Plan};
use crate::corpus::normalize::{normalize, LineRange, Paragraph};
use crate::corpus::parse::{parse, short_name, ParsedDocument};
use crate::corpus::source::{self, CorpusError, CorpusLocation, LoadWarning, SourceFile};
use crate::departments::{AliasTable, ClauseInput, DepartmentIndex, NoticeInput, Role};
use crate::search::{self, Expander, IndexableClause, Location, SearchError, SearchIndex};
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
    /// Hash of every loaded file's name and bytes: the search index is
    /// rebuilt when it changes.
    pub content_hash: String,
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

impl Library {
    /// Loads every document of a corpus location.
    pub fn load(location: CorpusLocation) -> Result<Library, CorpusError> {
        let (files, mut warnings) = source::read(&location)?;
        let mut library = Library::from_files(location.clone(), &files);
        warnings.append(&mut library.warnings);
        library.warnings = warnings;
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
            by_id: HashMap::new(),
        };
        let mut hashed: Vec<&[u8]> = Vec::new();
        for file in files {
            hashed.push(file.name.as_bytes());
            hashed.push(&file.bytes);
        }
        hashed.push(crate::departments::EMBEDDED_ALIASES.as_bytes());
        library.content_hash = search::corpus_hash(&hashed);
        for file in files {
            match source::decode(file) {
                Ok(text) => library.add_document(file, text),
                Err(warning) => library.warnings.push(warning),
            }
        }
        library.assign_addresses();
        library.index_departments();
        library.extract_targets();
        library
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

    fn add_document(&mut self, file: &SourceFile, text: &str) {
        let normalized = normalize(text);
        let tree = parse(&normalized.paragraphs);
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
                short_name: short_name(&title),
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
                    format!("{}/{}", self.documents[plan.document].name, plan.short_name)
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
                (ClauseKind::Notice, _) if notices > 1 => format!("{}/{NOTICE_ADDRESS}", doc.name),
                (ClauseKind::Notice, _) => NOTICE_ADDRESS.to_string(),
                (ClauseKind::Untitled, _) => doc.name.clone(),
                (ClauseKind::Preamble, Some(p)) => format!("{p}:序"),
                (ClauseKind::Section, Some(p)) => {
                    format!("{p}:{}", clause.section.as_deref().unwrap_or(""))
                }
                (ClauseKind::Item, Some(p)) => format!(
                    "{p}:{}({})",
                    clause.section.as_deref().unwrap_or(""),
                    clause.item.as_deref().unwrap_or("")
                ),
                _ => doc.name.clone(),
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

    fn index_departments(&mut self) {
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
        self.departments = DepartmentIndex::build(&clauses, &notices, &self.aliases);
    }

    fn extract_targets(&mut self) {
        let targets = self
            .clauses
            .iter()
            .filter(|c| c.plan.is_some())
            .flat_map(|c| {
                let plan = c.plan.map_or("", |p| self.plans[p].address_name.as_str());
                extract_targets(plan, &c.id, &c.text)
            })
            .collect();
        self.targets = targets;
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
        match &self.location {
            CorpusLocation::Dir(dir) => {
                let parent = dir
                    .canonicalize()
                    .ok()
                    .and_then(|d| d.parent().map(|p| p.to_path_buf()))
                    .unwrap_or_else(|| std::path::PathBuf::from("."));
                search::default_dir_candidates(&parent.join("index"), &self.content_hash)
            }
            CorpusLocation::Embedded => search::user_cache_dir(&self.content_hash)
                .into_iter()
                .collect(),
        }
    }

    /// Opens the search index, building it if it is missing, stale or broken.
    pub fn open_search(&self, rebuild: bool) -> Result<(SearchIndex, Location), SearchError> {
        let candidates = self.index_dir_candidates();
        let clauses = self.indexable_clauses();
        if rebuild {
            SearchIndex::rebuild(&candidates, &clauses, &self.content_hash)
        } else {
            SearchIndex::open_or_build(&candidates, &clauses, &self.content_hash)
        }
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
        let plans: Vec<usize> = self
            .plans
            .iter()
            .enumerate()
            .filter(|(_, p)| docs.contains(&p.document) && self.plan_matches(p, &query.name))
            .map(|(i, _)| i)
            .collect();
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
        let name = fold_width(name.trim()).to_lowercase();
        name == plan.address_name.to_lowercase()
            || name == plan.short_name
            || name == plan.title
            || plan.listed_as.as_deref() == Some(name.as_str())
            || name.parse::<u32>().is_ok_and(|n| {
                n == plan.attachment && self.plans.iter().filter(|p| p.attachment == n).count() == 1
            })
            || english_names(&plan.short_name).any(|e| e == name)
    }

    /// The plan a user-typed name refers to (short name, title, number or
    /// English name), if exactly one matches.
    pub fn find_plan(&self, name: &str) -> Option<usize> {
        let matches: Vec<usize> = (0..self.plans.len())
            .filter(|&p| self.plan_matches(&self.plans[p], name))
            .collect();
        (matches.len() == 1).then(|| matches[0])
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
