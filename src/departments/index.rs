//! Index

#[allow(unused_imports)]
use super::*;

/// One clause of a document, as the clause tree provides it.
#[derive(Debug, Clone, Copy)]
pub struct ClauseInput<'a> {
    /// Stable clause address, e.g. `钢铁:二(一)`.
    pub id: &'a str,
    /// Clause heading, e.g. `完善产能调控和产量管理`.
    pub heading: &'a str,
    /// Normalised clause text.
    pub text: &'a str,
}

/// The header and signature of a forwarding notice.
#[derive(Debug, Clone, Copy)]
pub struct NoticeInput<'a> {
    /// Address of the clause holding the notice body (may or may not be one
    /// of the [`ClauseInput`]s; its heading is taken from there if it is).
    pub clause_id: &'a str,
    /// Issuers from the signature (落款), one per line.
    pub issuers: &'a [String],
    /// The raw 主送 line, e.g. `各设区市发展改革委、工业和信息化局：`.
    pub addressees: &'a str,
}

/// Name resolution of a [`DepartmentIndex`] without the index: resolves
/// exactly what [`DepartmentIndex::lookup`] resolves, to the canonical name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameTable {
    // Ordered, so the stored table (and the index fingerprint) is the same
    // in every run.
    by_name: std::collections::BTreeMap<String, String>,
    spellings: std::collections::BTreeMap<String, String>,
}

impl NameTable {
    /// The canonical name for a name or alias, as [`DepartmentIndex::lookup`] finds it.
    pub fn lookup(&self, name_or_alias: &str) -> Option<&str> {
        if let Some(n) = self.by_name.get(name_or_alias.trim()) {
            return Some(n);
        }
        let q = normalize_name(name_or_alias);
        self.by_name
            .get(&q)
            .or_else(|| self.spellings.get(&q))
            .map(String::as_str)
    }

    /// Every name and spelling it resolves.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name
            .keys()
            .chain(self.spellings.keys())
            .map(String::as_str)
    }
}

/// One thing a department is asked to do (or one place it appears).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duty {
    /// Clause address.
    pub address: String,
    /// The department's role in that clause.
    pub role: Role,
    /// Heading of the clause.
    pub heading: String,
}

/// Local counterparts of a department named in the forwarding notice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counterparts {
    /// Provincial counterpart (an issuer of the notice).
    pub province: Option<String>,
    /// City counterpart (an addressee of the notice).
    pub city: Option<String>,
}

/// A department with everything the document says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    /// Canonical name.
    pub name: String,
    /// Other spellings: the alias table's, then variants seen in the text.
    pub aliases: Vec<String>,
    /// Provincial and city counterparts.
    pub counterparts: Counterparts,
    /// Duties in document order; one per (clause, role).
    pub duties: Vec<Duty>,
}

/// How many duties a department has per role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RoleCounts {
    /// `lead` duties.
    pub lead: usize,
    /// `support` duties.
    pub support: usize,
    /// `responsible` duties.
    pub responsible: usize,
    /// `mentioned` appearances.
    pub mentioned: usize,
    /// `issuer` appearances.
    pub issuer: usize,
    /// `addressee` appearances.
    pub addressee: usize,
}

impl RoleCounts {
    /// The count for one role.
    pub fn get(&self, role: Role) -> usize {
        match role {
            Role::Lead => self.lead,
            Role::Support => self.support,
            Role::Responsible => self.responsible,
            Role::Mentioned => self.mentioned,
            Role::Issuer => self.issuer,
            Role::Addressee => self.addressee,
        }
    }

    /// Sum over all roles.
    pub fn total(&self) -> usize {
        Role::ALL.iter().map(|&r| self.get(r)).sum()
    }
}

impl Department {
    /// Counts of this department's duties per role.
    pub fn role_counts(&self) -> RoleCounts {
        let mut c = RoleCounts::default();
        for d in &self.duties {
            match d.role {
                Role::Lead => c.lead += 1,
                Role::Support => c.support += 1,
                Role::Responsible => c.responsible += 1,
                Role::Mentioned => c.mentioned += 1,
                Role::Issuer => c.issuer += 1,
                Role::Addressee => c.addressee += 1,
            }
        }
        c
    }

    /// Duties with the given role, in document order.
    pub fn duties_with(&self, role: Role) -> impl Iterator<Item = &Duty> {
        self.duties.iter().filter(move |d| d.role == role)
    }
}

/// The departments of one clause, by role (canonical names, in order).
///
/// Issuers and addressees of a notice are not listed here; they are
/// duties of their [`Department`]s with the notice's clause address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClauseDepartments {
    /// Lead departments.
    pub lead: Vec<String>,
    /// Supporting departments.
    pub support: Vec<String>,
    /// Departments responsible within their remit.
    pub responsible: Vec<String>,
    /// Departments named in the text outside the parenthetical.
    pub mentioned: Vec<String>,
}

impl ClauseDepartments {
    /// True when the clause names no department.
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty()
            && self.support.is_empty()
            && self.responsible.is_empty()
            && self.mentioned.is_empty()
    }
}

/// All departments of a document with their duties, aliases and counterparts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DepartmentIndex {
    departments: Vec<Department>,
    by_name: HashMap<String, usize>,
    /// every spelling (alias table and variants seen) -> canonical
    spellings: HashMap<String, String>,
    clauses: HashMap<String, ClauseDepartments>,
}

impl DepartmentIndex {
    /// Builds the index from a document's clauses (in document order) and
    /// its forwarding notices.
    pub fn build(clauses: &[ClauseInput], notices: &[NoticeInput], aliases: &AliasTable) -> Self {
        let canon = |written: &str| -> String {
            let n = normalize_name(written);
            aliases.canonical(&n).map(str::to_string).unwrap_or(n)
        };
        let mut b = Builder::default();

        // Pass 1: duty notes, running-text duties and notice names feed
        // the lexicon.
        let mut lexicon = Lexicon::new();
        let duties: Vec<ClauseDuties> = crate::parallel::map(clauses, |c| {
            let notes = duty_notes(c.text);
            let spans: Vec<Range<usize>> = notes.iter().map(|n| n.span.clone()).collect();
            let running = running_duties(c.text, &spans);
            ClauseDuties {
                notes,
                spans,
                running,
            }
        });
        for d in &duties {
            let named = d.notes.iter().flat_map(|n| &n.entries).chain(&d.running);
            for (written, _) in named {
                let c = canon(written);
                // Only names by grammar find the body elsewhere in the text:
                // not `各部门`, nor `财政` from a `…等部门` frame.
                if is_named_body(written) {
                    lexicon.add(written, &c);
                    lexicon.add(&c, &c);
                }
                b.note_spelling(written, &c);
            }
        }
        let parsed_notices: Vec<(FullAndBare, FullAndBare)> = notices
            .iter()
            .map(|n| {
                let addr = parse_addressees_detailed(n.addressees);
                let iss = n
                    .issuers
                    .iter()
                    .map(|i| normalize_name(i))
                    .filter(|i| !i.is_empty())
                    .map(|i| {
                        let bare = strip_local_prefixes(&i);
                        (i, bare)
                    })
                    .collect();
                (addr, iss)
            })
            .collect();
        for (addr, iss) in &parsed_notices {
            for (full, _) in addr.iter().chain(iss.iter()) {
                lexicon.add(full, full);
            }
        }
        for e in aliases.entries() {
            lexicon.add(&e.name, &e.name);
            for a in e.full_name.iter().chain(e.aliases.iter()) {
                if a.chars().count() >= 3 {
                    lexicon.add(a, &e.name);
                }
            }
        }

        // Pass 2: duties in document order.
        let heading_of: HashMap<&str, &str> = clauses.iter().map(|c| (c.id, c.heading)).collect();
        let mut notice_done = vec![false; notices.len()];
        let mut local: Vec<(String, String, Role)> = Vec::new(); // full, bare, role
        let add_notice = |b: &mut Builder, k: usize, local: &mut Vec<(String, String, Role)>| {
            let n = &notices[k];
            let heading = heading_of.get(n.clause_id).copied().unwrap_or("");
            for (full, bare) in &parsed_notices[k].0 {
                b.add(full, Role::Addressee, n.clause_id, heading);
                local.push((full.clone(), bare.clone(), Role::Addressee));
            }
            (n.clause_id, heading)
        };
        let mut notices_at: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, n) in notices.iter().enumerate() {
            notices_at.entry(n.clause_id).or_default().push(k);
        }
        // Scanning running text for names depends only on the clause and
        // the lexicon: done for every clause on all cores first.
        let indices: Vec<usize> = (0..clauses.len()).collect();
        let mut scans = crate::parallel::map(&indices, |&ci| {
            let chars: Vec<char> = clauses[ci].text.chars().collect();
            scan_text(&chars, &duties[ci].spans, &lexicon, aliases)
        })
        .into_iter();
        let mut standing: Vec<(String, Role)> = Vec::new();
        let mut standing_scope = "";
        for (ci, clause) in clauses.iter().enumerate() {
            let notice_ks: Vec<usize> = notices_at
                .get(clause.id)
                .map(|ks| ks.iter().copied().filter(|&k| !notice_done[k]).collect())
                .unwrap_or_default();
            for &k in &notice_ks {
                add_notice(&mut b, k, &mut local);
            }
            let notes = &duties[ci].notes;
            // A standing note governs the later duty notes of its own
            // document part (the address before `:`).
            let scope = clause.id.split(':').next().unwrap_or(clause.id);
            if standing_scope != scope {
                standing.clear();
                standing_scope = scope;
            }
            // Each body once per clause, with the strongest role it is
            // given (lead > support > responsible), in the order first
            // named: the notes in text order, then what is still standing
            // from earlier notes, then the duties of the running text.
            let mut listed: Vec<(String, Role)> = Vec::new();
            let mut list =
                |name: String, role: Role| match listed.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, held)) => *held = (*held).min(role),
                    None => listed.push((name, role)),
                };
            for note in notes {
                for (w, r) in &note.entries {
                    list(canon(w), *r);
                }
            }
            if !notes.is_empty() {
                for (name, role) in &standing {
                    list(name.clone(), *role);
                }
            }
            for (w, r) in &duties[ci].running {
                list(canon(w), *r);
            }
            // Collective references (`各部门`) hold a task only beside a
            // named body.
            if listed.iter().all(|(n, _)| is_collective_body(n)) {
                listed.clear();
            }
            for note in notes {
                standing.extend(note.standing.iter().map(|(w, r)| (canon(w), *r)));
            }
            let mut cd = ClauseDepartments::default();
            for (_, name) in scans.next().unwrap_or_default() {
                let in_paren = listed.iter().any(|(n, _)| *n == name);
                if !in_paren && !cd.mentioned.contains(&name) {
                    b.add(&name, Role::Mentioned, clause.id, clause.heading);
                    cd.mentioned.push(name);
                }
            }
            for (name, role) in &listed {
                b.add(name, *role, clause.id, clause.heading);
                let v = match role {
                    Role::Lead => &mut cd.lead,
                    Role::Support => &mut cd.support,
                    _ => &mut cd.responsible,
                };
                if !v.contains(name) {
                    v.push(name.clone());
                }
            }
            for &k in &notice_ks {
                let heading = clause.heading;
                for (full, bare) in &parsed_notices[k].1 {
                    b.add(full, Role::Issuer, clause.id, heading);
                    if bare != full {
                        local.push((full.clone(), bare.clone(), Role::Issuer));
                    }
                }
                notice_done[k] = true;
            }
            let entry = b.clauses.entry(clause.id.to_string()).or_default();
            merge_clause(entry, cd);
        }
        for k in 0..notices.len() {
            if notice_done[k] {
                continue;
            }
            let (cid, heading) = add_notice(&mut b, k, &mut local);
            for (full, bare) in &parsed_notices[k].1 {
                b.add(full, Role::Issuer, cid, heading);
                if bare != full {
                    local.push((full.clone(), bare.clone(), Role::Issuer));
                }
            }
        }

        // Aliases.
        for d in &mut b.departments {
            let mut list = aliases.aliases_of(&d.name);
            if let Some(seen) = b.seen_spellings.get(&d.name) {
                for s in seen {
                    if *s != d.name && !list.contains(s) {
                        list.push(s.clone());
                    }
                }
            }
            d.aliases = list;
        }

        link_counterparts(&mut b, &local, aliases);

        let mut spellings: HashMap<String, String> = HashMap::new();
        for (s, c) in aliases.spellings() {
            spellings.insert(s.to_string(), c.to_string());
        }
        for (c, seen) in &b.seen_spellings {
            for s in seen {
                spellings.insert(s.clone(), c.clone());
            }
        }
        DepartmentIndex {
            departments: b.departments,
            by_name: b.by_name,
            spellings,
            clauses: b.clauses,
        }
    }

    /// All departments, in order of first appearance in the document.
    pub fn departments(&self) -> &[Department] {
        &self.departments
    }

    /// Finds a department by canonical name, then by alias (alias table or
    /// a spelling seen in the document). On failure returns the nearest
    /// department names (at most five, best first; possibly empty).
    pub fn lookup(&self, name_or_alias: &str) -> Result<&Department, Vec<String>> {
        if let Some(&i) = self.by_name.get(name_or_alias.trim()) {
            return Ok(&self.departments[i]);
        }
        let q = normalize_name(name_or_alias);
        if let Some(&i) = self.by_name.get(&q) {
            return Ok(&self.departments[i]);
        }
        if let Some(&i) = self.spellings.get(&q).and_then(|c| self.by_name.get(c)) {
            return Ok(&self.departments[i]);
        }
        Err(self.nearest(&q, 5))
    }

    /// The tables [`DepartmentIndex::lookup`] resolves names with, flattened
    /// to canonical names, so a search can expand aliases without building
    /// the index (they are stored beside the search index).
    pub fn name_table(&self) -> NameTable {
        let name = |i: usize| self.departments[i].name.clone();
        NameTable {
            by_name: self
                .by_name
                .iter()
                .map(|(k, &i)| (k.clone(), name(i)))
                .collect(),
            spellings: self
                .spellings
                .iter()
                .filter_map(|(s, c)| self.by_name.get(c).map(|&i| (s.clone(), name(i))))
                .collect(),
        }
    }

    /// The departments whose names or aliases are most similar to `query`
    /// (longest common subsequence of characters, substrings first), best
    /// first, at most `limit`. Names sharing fewer than two characters with
    /// the query (one for one-character queries) are left out.
    pub fn nearest(&self, query: &str, limit: usize) -> Vec<String> {
        let q: Vec<char> = normalize_name(query).chars().collect();
        if q.is_empty() {
            return Vec::new();
        }
        let need = q.len().min(2);
        let mut scored: Vec<(f64, usize)> = Vec::new();
        for (i, d) in self.departments.iter().enumerate() {
            let best = std::iter::once(&d.name)
                .chain(d.aliases.iter())
                .filter_map(|cand| {
                    let c: Vec<char> = cand.chars().collect();
                    let qs: String = q.iter().collect();
                    let l = common_subsequence_len(&qs, cand);
                    if l < need {
                        return None;
                    }
                    let mut score = 2.0 * l as f64 / (q.len() + c.len()) as f64;
                    if cand.contains(&qs) || qs.contains(cand.as_str()) {
                        score += 1.0;
                    }
                    Some(score)
                })
                .fold(None, |acc: Option<f64>, s| {
                    Some(acc.map_or(s, |a| a.max(s)))
                });
            if let Some(s) = best {
                scored.push((s, i));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(limit)
            .map(|(_, i)| self.departments[i].name.clone())
            .collect()
    }

    /// The departments of one clause by role; empty for unknown clauses.
    pub fn clause_departments(&self, clause_id: &str) -> ClauseDepartments {
        self.clauses.get(clause_id).cloned().unwrap_or_default()
    }

    /// Role counts of a department given by name or alias.
    pub fn role_counts(&self, name_or_alias: &str) -> Option<RoleCounts> {
        self.lookup(name_or_alias).ok().map(Department::role_counts)
    }
}

pub(super) fn merge_clause(into: &mut ClauseDepartments, from: ClauseDepartments) {
    for (dst, src) in [
        (&mut into.lead, from.lead),
        (&mut into.support, from.support),
        (&mut into.responsible, from.responsible),
        (&mut into.mentioned, from.mentioned),
    ] {
        for n in src {
            if !dst.contains(&n) {
                dst.push(n);
            }
        }
    }
}

/// What a clause says about its duties, read once per clause.
struct ClauseDuties {
    /// Its duty notes, in text order.
    notes: Vec<DutyParenthetical>,
    /// Their char spans, which running text and the name scan leave out.
    spans: Vec<Range<usize>>,
    /// Duties stated in its running text.
    running: Vec<(String, Role)>,
}

/// Local department names: (full name, bare name without place prefix).
pub(super) type FullAndBare = Vec<(String, String)>;

#[derive(Default)]
pub(super) struct Builder {
    departments: Vec<Department>,
    by_name: HashMap<String, usize>,
    seen_spellings: HashMap<String, Vec<String>>,
    clauses: HashMap<String, ClauseDepartments>,
    /// `(department, role, clause)` already recorded: a department can have
    /// a duty in every clause, so looking through its list would be
    /// quadratic in the corpus size.
    recorded: HashSet<(usize, Role, String)>,
}

impl Builder {
    pub(super) fn note_spelling(&mut self, written: &str, canonical: &str) {
        let w = normalize_name(written);
        if w != canonical {
            let v = self
                .seen_spellings
                .entry(canonical.to_string())
                .or_default();
            if !v.contains(&w) {
                v.push(w);
            }
        }
    }

    pub(super) fn add(&mut self, name: &str, role: Role, clause: &str, heading: &str) {
        let idx = *self.by_name.entry(name.to_string()).or_insert_with(|| {
            self.departments.push(Department {
                name: name.to_string(),
                aliases: Vec::new(),
                counterparts: Counterparts::default(),
                duties: Vec::new(),
            });
            self.departments.len() - 1
        });
        if self.recorded.insert((idx, role, clause.to_string())) {
            self.departments[idx].duties.push(Duty {
                address: clause.to_string(),
                role,
                heading: heading.to_string(),
            });
        }
    }
}

/// Links national departments to issuers (province slot) and addressees
/// (city slot) whose name cores match, and the local ones to each other.
/// Only issuers with a place prefix count as local: a national issuer
/// (`国家发展改革委` signing its own notice) is linked like any national
/// department. Addressees are always local.
pub(super) fn link_counterparts(
    b: &mut Builder,
    local: &[(String, String, Role)],
    aliases: &AliasTable,
) {
    // Every notice repeats its issuers and addressees; the pairing below is
    // quadratic in this list, so each name and role counts once (first
    // appearance kept, which is the order the picks depend on).
    let mut seen = HashSet::new();
    let local: Vec<&(String, String, Role)> = local
        .iter()
        .filter(|(full, _, role)| seen.insert((full.as_str(), *role)))
        .collect();
    let local_names: HashSet<&str> = local.iter().map(|(f, _, _)| f.as_str()).collect();
    let local_core: Vec<Option<String>> =
        local.iter().map(|(_, bare, _)| name_core(bare)).collect();
    let mut links: Vec<(usize, Option<String>, Option<String>)> = Vec::new();
    for (di, d) in b.departments.iter().enumerate() {
        if local_names.contains(d.name.as_str()) {
            continue;
        }
        let mut cores: HashSet<String> = HashSet::new();
        let mut spellings = vec![d.name.clone()];
        spellings.extend(d.aliases.iter().cloned());
        if let Some(e) = aliases.entry(&d.name) {
            spellings.extend(e.local_names.iter().cloned());
        }
        for s in &spellings {
            if let Some(c) = name_core(s) {
                cores.insert(c);
            }
        }
        let pick = |role: Role| {
            local
                .iter()
                .zip(&local_core)
                .find(|((_, _, r), c)| *r == role && c.as_ref().is_some_and(|c| cores.contains(c)))
                .map(|((f, _, _), _)| f.clone())
        };
        let province = pick(Role::Issuer);
        let city = pick(Role::Addressee);
        if province.is_some() || city.is_some() {
            links.push((di, province, city));
        }
    }
    // Local-to-local: through a shared national department, or equal cores.
    let mut local_links: Vec<(String, String)> = Vec::new(); // (province, city)
    for (_, p, c) in &links {
        if let (Some(p), Some(c)) = (p, c) {
            local_links.push((p.clone(), c.clone()));
        }
    }
    for (i, (pf, _, pr)) in local.iter().enumerate() {
        if *pr != Role::Issuer {
            continue;
        }
        for (j, (cf, _, cr)) in local.iter().enumerate() {
            if *cr == Role::Addressee && local_core[i].is_some() && local_core[i] == local_core[j] {
                local_links.push((pf.clone(), cf.clone()));
            }
        }
    }
    for (di, p, c) in links {
        let d = &mut b.departments[di];
        d.counterparts = Counterparts {
            province: p,
            city: c,
        };
    }
    for (p, c) in local_links {
        if let Some(&pi) = b.by_name.get(&p) {
            let cp = &mut b.departments[pi].counterparts;
            cp.city.get_or_insert(c.clone());
        }
        if let Some(&ci) = b.by_name.get(&c) {
            let cp = &mut b.departments[ci].counterparts;
            cp.province.get_or_insert(p.clone());
        }
    }
}
