//! Loading: corpus files parsed in parallel, clauses addressed, departments
//! and targets extracted once.

#[allow(unused_imports)]
use super::*;

impl Library {
    /// Loads every document of a corpus location: from the parsed-library
    /// cache beside its search index when the corpus manifest shows the
    /// corpus unchanged (only files whose size, times or inode changed are
    /// read, to hash them), else by parsing it ([`Library::parse`]) and
    /// storing the result there. See [`cache`].
    pub fn load(location: CorpusLocation) -> Result<Library, CorpusError> {
        cache::load(location)
    }

    /// Reads and parses every document of a corpus location (the cache is
    /// neither read nor written).
    pub fn parse(location: CorpusLocation) -> Result<Library, CorpusError> {
        Library::parse_stamped(location).map(|(library, _)| library)
    }

    /// [`Library::parse`], with what reading found: the stamps of the
    /// files read and the second reading started in (for the manifest).
    pub(super) fn parse_stamped(
        location: CorpusLocation,
    ) -> Result<(Library, source::Read), CorpusError> {
        let started = std::time::Instant::now();
        let mut read = source::read_stamped(&location)?;
        let files = std::mem::take(&mut read.files);
        let mut warnings = std::mem::take(&mut read.warnings);
        let (extras, mut extra_warnings) = source::read_extras(&location);
        warnings.append(&mut extra_warnings);
        let read_time = started.elapsed();
        let mut library =
            Library::from_files_stamped(location.clone(), &files, &read.stamps, &extras);
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
            read_ms = read_time.as_secs_f64() * 1000.0,
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
        Ok((library, read))
    }

    /// Builds a library from file contents; undecodable files become warnings.
    pub fn from_files(location: CorpusLocation, files: &[SourceFile]) -> Library {
        Library::from_files_with(location, files, &CorpusExtras::default())
    }

    /// A library with nothing in it, made without reading or deriving
    /// anything (no alias table, no dictionary): what the navigator draws
    /// its opening frame from while the corpus loads.
    pub fn empty() -> Library {
        Library {
            location: CorpusLocation::Embedded,
            documents: Vec::new(),
            plans: Vec::new(),
            clauses: Vec::new(),
            warnings: Vec::new(),
            departments: DepartmentIndex::default(),
            aliases: AliasTable::default(),
            targets: Vec::new(),
            metric_wordings: MetricWordings::default(),
            content_hash: String::new(),
            pinyin: PinyinIndex::default(),
            segmenter: Segmenter::default(),
            user_words: Vec::new(),
            by_id: HashMap::new(),
        }
    }

    /// Builds a library from file contents and the corpus's data files
    /// (user dictionary, user aliases); problems become warnings.
    pub fn from_files_with(
        location: CorpusLocation,
        files: &[SourceFile],
        extras: &CorpusExtras,
    ) -> Library {
        let stamps = cache::stamps_of(files);
        Library::from_files_stamped(location, files, &stamps, extras)
    }

    /// [`Library::from_files_with`], the corpus identified by `stamps`.
    fn from_files_stamped(
        location: CorpusLocation,
        files: &[SourceFile],
        stamps: &[Stamp],
        extras: &CorpusExtras,
    ) -> Library {
        let mut library = Library {
            location,
            aliases: AliasTable::embedded(),
            ..Library::empty()
        };
        library.content_hash = content_hash(stamps, extras);
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
        library.levels_from_target_scopes();
        library.metric_wordings = MetricWordings::build(&library.targets);
        library.build_pinyin();
        library
    }

    /// Applies the corpus's `aliases.toml` and `dict.txt`; every problem is
    /// a warning naming the file (and line), and loading goes on.
    pub(super) fn load_extras(&mut self, extras: &CorpusExtras) {
        if let Some(file) = &extras.aliases {
            match source::decode(file) {
                Err(w) => self.warnings.push(w),
                Ok(text) => match self.aliases.merge_toml(text) {
                    Ok(skipped) => {
                        for message in skipped {
                            self.warnings.push(LoadWarning::UserData {
                                path: file.path.clone(),
                                line: None,
                                message: crate::t!("load.alias_skipped", message = message)
                                    .into_owned(),
                            });
                        }
                    }
                    Err(e) => self.warnings.push(LoadWarning::UserData {
                        path: file.path.clone(),
                        line: None,
                        message: crate::t!("load.file_not_used", message = e).into_owned(),
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

    pub(super) fn build_pinyin(&mut self) {
        let terms = self.pinyin_terms();
        self.pinyin = PinyinIndex::build(terms.iter().map(|t| (t.text.as_str(), t.kind)));
    }

    /// The terms the pinyin index keys: department names and aliases, plan
    /// short names, domain and user dictionary words, the metric table's names.
    pub(super) fn pinyin_terms(&self) -> Vec<PinyinTerm> {
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
        for m in crate::targets::MetricTable::embedded().metrics() {
            for name in m.names() {
                add(name, TermKind::Metric);
            }
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
                positions: Default::default(),
            })
            .collect();
        Library::from_files(CorpusLocation::Embedded, &files)
    }

    pub(super) fn add_parsed_document(
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
            origin: Origin::default(),
            plans: Vec::new(),
            clauses: Vec::new(),
            debris: normalized.debris,
            rejoins: normalized.rejoins,
            raw_lines: text.split('\n').count(),
            positions: file.positions.clone(),
        };
        let paragraphs = &normalized.paragraphs;
        self.add_tree(&mut doc, document, &tree, paragraphs);
        doc.origin = self.origin_of(&doc, paragraphs);
        self.documents.push(doc);
    }

    /// The document's level and issuer from its notice fields, plan
    /// titles and first paragraphs (a news lead).
    fn origin_of(&self, doc: &Document, paragraphs: &[Paragraph]) -> Origin {
        let plan_titles: Vec<&str> = doc
            .plans
            .iter()
            .map(|&p| self.plans[p].title.as_str())
            .collect();
        let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        let lead = &texts[..texts.len().min(ORIGIN_LEAD_PARAGRAPHS)];
        let notice = doc.notice.as_ref();
        origin(&Header {
            issuers: notice.map_or(&[], |n| n.issuers.as_slice()),
            title: notice.and_then(|n| n.title.as_deref()),
            document_number: notice.and_then(|n| n.document_number.as_deref()),
            plan_titles: &plan_titles,
            lead,
            paragraphs: &texts,
        })
    }

    /// A document whose header tells no level, but whose targets are
    /// scoped 全市 (or 全省, 全县, 全国) more than any other such way, is of
    /// that level: a plan sets targets for its own territory.
    fn levels_from_target_scopes(&mut self) {
        let mut counts: HashMap<usize, [usize; 4]> = HashMap::new();
        for t in &self.targets {
            let Some(level) = t.scope.as_deref().and_then(own_territory_level) else {
                continue;
            };
            let Some(&clause) = self.by_id.get(&t.address) else {
                continue;
            };
            let document = self.clauses[clause].document;
            if self.documents[document].origin.level.is_none() {
                counts.entry(document).or_default()[level as usize] += 1;
            }
        }
        for (document, count) in counts {
            let best = count.iter().copied().max().unwrap_or(0);
            if best == 0 || count.iter().filter(|&&c| c == best).count() > 1 {
                continue;
            }
            let level = Level::ALL[count.iter().position(|&c| c == best).unwrap_or(0)];
            self.documents[document].origin.level = Some(level);
        }
        for t in &mut self.targets {
            if t.level.is_none() {
                if let Some(&clause) = self.by_id.get(&t.address) {
                    t.level = self.documents[self.clauses[clause].document].origin.level;
                }
            }
        }
    }

    pub(super) fn push_clause(&mut self, doc: &mut Document, clause: Clause) -> usize {
        let index = self.clauses.len();
        self.clauses.push(clause);
        doc.clauses.push(index);
        index
    }

    pub(super) fn add_tree(
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
            // A plan without a title line is named by its whole document
            // name, never by a cut of it.
            let short = match &parsed.title {
                Some(title) => short_name(title),
                None => doc.name.clone(),
            };
            let mut plan = Plan {
                document,
                short_name: address_safe(&short, || format!("计划{}", n + 1)),
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
                // A section the excerpt does not show (it starts inside
                // its outline) has no clause: its items stand alone.
                if !section.label.is_empty() || !section.paragraphs.is_empty() {
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
                }
                for item in &section.items {
                    let subitems = std::iter::once((item, None))
                        .chain(item.subitems.iter().map(|s| (s, Some(s.label.clone()))));
                    for (entry, subitem) in subitems {
                        let mut clause = new_clause(
                            ClauseKind::Item,
                            document,
                            Some(plan_index),
                            entry.heading.clone(),
                            take(&entry.paragraphs),
                            None,
                        );
                        clause.section = Some(section.label.clone());
                        clause.section_heading = Some(section.heading.clone());
                        clause.item = Some(item.label.clone());
                        clause.subitem = subitem;
                        plan.clauses.push(self.push_clause(doc, clause));
                    }
                }
            }
            doc.plans.push(plan_index);
            self.plans.push(plan);
        }
    }

    /// Gives every plan its address name and every clause its address.
    /// Short names shared by plans of different documents, and notices when
    /// several documents have one, get a `文档名/` prefix.
    pub(super) fn assign_addresses(&mut self) {
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
                    "{p}:{}({}){}",
                    clause.section.as_deref().unwrap_or(""),
                    clause.item.as_deref().unwrap_or(""),
                    clause.subitem.as_deref().unwrap_or("")
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

    pub(super) fn build_departments(&self) -> DepartmentIndex {
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

    /// Targets of every clause: plan clauses, and also text outside any
    /// plan (a notice's body and the news lead before it, an untitled
    /// document), each cited to its own clause. A notice's title,
    /// 文号, addressees and signature are not read (they carry years and
    /// numbers that are no targets). Outside a plan a target is filed
    /// under the document's only plan, or else the document's name.
    pub(super) fn collect_targets(&self) -> Vec<Target> {
        let notice_body: HashMap<usize, &[usize]> = self
            .documents
            .iter()
            .filter_map(|d| d.notice.as_ref())
            .map(|n| (n.clause, n.body_paragraphs.as_slice()))
            .collect();
        // The text of each section that runs up to its first item: its
        // last paragraph may introduce the items' list (`2020年各乡镇改善
        // 目标按以下原则分配：`).
        let section_text: HashMap<(usize, Option<usize>, &str), &str> = self
            .clauses
            .iter()
            .filter(|c| c.kind == ClauseKind::Section)
            .filter_map(|c| Some(((c.document, c.plan, c.section.as_deref()?), c.text.as_str())))
            .collect();
        self.clauses
            .iter()
            .enumerate()
            .flat_map(|(index, c)| {
                let doc = &self.documents[c.document];
                let plan = match (c.plan, doc.plans.as_slice()) {
                    (Some(p), _) | (None, &[p]) => self.plans[p].address_name.clone(),
                    (None, _) => doc_label(&doc.name, c.document),
                };
                // What heads the clause, nearest first: its own heading,
                // the sentence introducing its list, its section's heading.
                // A notice's heading is its title, a preamble's is 序.
                let mut headings: Vec<&str> = Vec::new();
                if matches!(c.kind, ClauseKind::Section | ClauseKind::Item) {
                    headings.push(&c.heading);
                }
                if c.kind == ClauseKind::Item {
                    let lead = c
                        .section
                        .as_deref()
                        .and_then(|s| section_text.get(&(c.document, c.plan, s)))
                        .and_then(|t| t.lines().last())
                        .filter(|l| l.ends_with(['：', ':']));
                    headings.extend(lead);
                    headings.extend(c.section_heading.as_deref());
                }
                let mut found = extract_targets_under(&plan, &c.id, &c.text, &headings);
                for t in &mut found {
                    t.level = doc.origin.level;
                    t.issuer.clone_from(&doc.origin.issuer);
                }
                if let Some(body) = notice_body.get(&index) {
                    // Character range of each paragraph in the joined text.
                    let mut start = 0;
                    let ranges: Vec<(usize, usize)> = c
                        .paragraphs
                        .iter()
                        .map(|p| {
                            let len = p.text.chars().count();
                            let range = (start, start + len);
                            start += len + 1;
                            range
                        })
                        .collect();
                    found.retain(|t| {
                        body.iter().any(|&b| {
                            ranges
                                .get(b - 1)
                                .is_some_and(|&(s, e)| s <= t.span[0] && t.span[1] <= e)
                        })
                    });
                }
                found
            })
            .collect()
    }
}

/// The level a target scope of a plan's own territory names: 全国, 全省,
/// 全市, 全县.
fn own_territory_level(scope: &str) -> Option<Level> {
    match scope {
        "全国" => Some(Level::National),
        "全省" => Some(Level::Province),
        "全市" => Some(Level::City),
        "全县" => Some(Level::County),
        _ => None,
    }
}

/// A name usable inside an address: no surrounding whitespace and none of
/// the characters addresses use as separators; `fallback` when nothing is
/// left (a plan titled only by a blank file name, say).
pub(super) fn address_safe(name: &str, fallback: impl FnOnce() -> String) -> String {
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
pub(super) fn doc_label(name: &str, index: usize) -> String {
    address_safe(name, || format!("文档{}", index + 1))
}

pub(super) fn english_names(short: &str) -> impl Iterator<Item = &'static str> + '_ {
    PLAN_NAMES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(move |line| {
            let mut words = line.split_whitespace();
            (words.next() == Some(short)).then_some(words)
        })
        .flatten()
}

pub(super) fn new_clause(
    kind: ClauseKind,
    document: usize,
    plan: Option<usize>,
    heading: String,
    paragraphs: Vec<Paragraph>,
    heading_lines: Option<LineRange>,
) -> Clause {
    let text = crate::corpus::model::joined_text(&paragraphs);
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
        subitem: None,
        heading,
        paragraphs,
        text,
        lines,
    }
}
