//! Addresses as typed → clauses, plans and departments, with nearest matches.

#[allow(unused_imports)]
use super::*;

impl Library {
    /// The clause with exactly this canonical address.
    pub fn clause_by_id(&self, id: &str) -> Option<&Clause> {
        self.by_id.get(id).map(|&i| &self.clauses[i])
    }

    /// Index of the clause with exactly this canonical address.
    pub fn clause_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// One address of each form this library has, for a message that shows
    /// how addresses look: its first item, a section's second paragraph, a
    /// preamble and a notice — the user's own documents, not ours.
    pub fn example_addresses(&self) -> Vec<String> {
        let first = |kind: ClauseKind| self.clauses.iter().find(|c| c.kind == kind);
        let paragraph = self
            .clauses
            .iter()
            .find(|c| c.kind == ClauseKind::Section && c.paragraphs.len() >= 2)
            .map(|c| format!("{}#2", c.id));
        [
            first(ClauseKind::Item).map(|c| c.id.clone()),
            paragraph,
            first(ClauseKind::Preamble).map(|c| c.id.clone()),
            first(ClauseKind::Notice).map(|c| c.id.clone()),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Ways to name the department with the most duties: its shortest name
    /// and that name's pinyin initials (`发改委`, `fgw`), for a message
    /// that shows how departments are found in the user's own documents.
    pub fn example_department_names(&self) -> Vec<String> {
        let Some(department) = self
            .departments
            .departments()
            .iter()
            .max_by_key(|d| (d.duties.len(), std::cmp::Reverse(d.name.clone())))
        else {
            return Vec::new();
        };
        let shortest = std::iter::once(&department.name)
            .chain(&department.aliases)
            .min_by_key(|n| n.chars().count())
            .unwrap_or(&department.name);
        let initials = crate::pinyin::initials_keys(shortest).into_iter().next();
        std::iter::once(shortest.clone()).chain(initials).collect()
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
            examples: self.example_addresses(),
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

    pub(super) fn documents_matching<'a>(
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

    pub(super) fn find(&self, query: &AddressQuery) -> Option<usize> {
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
        if plans.is_empty() {
            // A document with one plan is addressed by its own name.
            plans = docs
                .iter()
                .filter(|&&d| {
                    self.documents[d].name.to_lowercase() == query.name
                        && self.documents[d].plans.len() == 1
                })
                .map(|&d| self.documents[d].plans[0])
                .collect();
        }
        let [plan] = plans.as_slice() else {
            return None;
        };
        let plan = &self.plans[*plan];
        let clauses = plan.clauses.iter().copied();
        let label_is = |label: &Option<String>, n: u32| {
            label.as_deref().is_some_and(|l| {
                let value = if l.is_empty() {
                    Some(0)
                } else {
                    chinese_numeral_value(l).or_else(|| l.parse().ok())
                };
                value == Some(n)
            })
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
                    && clause.subitem.is_none()
                    && label_is(&clause.section, s)
                    && label_is(&clause.item, i)
            }),
            Some(Locator::SubItem(s, i, n)) => clauses.into_iter().find(|&c| {
                let clause = &self.clauses[c];
                clause.kind == ClauseKind::Item
                    && label_is(&clause.section, s)
                    && label_is(&clause.item, i)
                    && label_is(&clause.subitem, n)
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
    pub(super) fn of(plan: &Plan) -> PlanKey {
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
    pub(super) fn matches(&self, name: &str, attachments: &[u32]) -> bool {
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
pub(super) fn find_plan_key(keys: &[PlanKey], name: &str, pinyin: &PinyinIndex) -> Option<usize> {
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
