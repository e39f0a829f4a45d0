//! Search without the index: the same query language ([`parse_query`]) as
//! the index, answered by a scan of the clause texts in document order.
//! What the navigator shows while the index opens, so `-word`, `plan:`,
//! `dept:` and `role:` mean there what they mean everywhere else.

use super::Library;
use crate::departments::Role;
use crate::search::{
    make_snippet, parse_query, resolve_department, term_variants, Expander, Hit, QueryTerm,
    SNIPPET_WIDTH,
};

impl Library {
    /// Clauses matching `query`, in document order, at most `limit`
    /// (score 0; snippets and highlights as the index gives them). A term
    /// matches the clause's text or heading as written, as the department
    /// it names (`发改委`) or as the words its pinyin spells (`fgw`).
    pub fn scan(&self, query: &str, limit: usize) -> Vec<Hit> {
        let parsed = parse_query(query);
        if parsed.is_empty() {
            return Vec::new();
        }
        let expander = self.expander();
        let forms = |term: &QueryTerm| -> Vec<String> {
            term_variants(&term.text, &expander)
                .into_iter()
                .map(|v| v.text)
                .collect()
        };
        let required: Vec<Vec<String>> = parsed.terms.iter().map(forms).collect();
        let excluded: Vec<Vec<String>> = parsed.excludes.iter().map(forms).collect();
        // An unknown plan name matches nothing, as in the index.
        let plan_names = |names: &[String]| -> Vec<String> {
            names
                .iter()
                .map(|p| expander.resolve_plan(p).unwrap_or_else(|| p.clone()))
                .collect()
        };
        let plans = plan_names(&parsed.plans);
        let exclude_plans = plan_names(&parsed.exclude_plans);
        let depts: Vec<String> = parsed
            .depts
            .iter()
            .map(|d| resolve_department(d, &expander).0)
            .collect();
        let roles: Vec<Role> = parsed.roles.iter().filter_map(|r| Role::parse(r)).collect();
        let needles: Vec<String> = required.concat();

        let has = |haystack: &[&str], forms: &[String]| {
            forms
                .iter()
                .any(|f| haystack.iter().any(|h| h.contains(f.as_str())))
        };
        let mut hits = Vec::new();
        for clause in &self.clauses {
            if hits.len() >= limit {
                break;
            }
            let plan = clause
                .plan
                .map_or("", |p| self.plans[p].address_name.as_str());
            if (!plans.is_empty() && !plans.iter().any(|p| p == plan))
                || exclude_plans.iter().any(|p| p == plan)
            {
                continue;
            }
            let haystack = [clause.text.as_str(), clause.heading.as_str()];
            if !required.iter().all(|forms| has(&haystack, forms))
                || excluded.iter().any(|forms| has(&haystack, forms))
            {
                continue;
            }
            let filters_departments = !(depts.is_empty() && roles.is_empty());
            if filters_departments && !self.has_department_role(&clause.id, &depts, &roles) {
                continue;
            }
            let snippet = make_snippet(&clause.text, &needles, SNIPPET_WIDTH);
            hits.push(Hit {
                address: clause.id.clone(),
                plan: plan.to_string(),
                heading: clause.heading.clone(),
                score: 0.0,
                snippet: snippet.text,
                highlights: snippet.highlights,
            });
        }
        hits
    }

    /// The index's rule for `dept:` and `role:`: each department named has
    /// a duty in the clause (in one of `roles` when given); `role:` alone
    /// asks for any department in one of `roles`.
    fn has_department_role(&self, clause: &str, depts: &[String], roles: &[Role]) -> bool {
        let found = self.departments.clause_departments(clause);
        let listed = [
            (Role::Lead, &found.lead),
            (Role::Support, &found.support),
            (Role::Responsible, &found.responsible),
            (Role::Mentioned, &found.mentioned),
        ];
        let role_ok = |role: Role| {
            if roles.is_empty() {
                role.is_duty()
            } else {
                roles.contains(&role)
            }
        };
        if depts.is_empty() {
            return listed
                .iter()
                .any(|(role, names)| roles.contains(role) && !names.is_empty());
        }
        depts.iter().all(|dept| {
            listed
                .iter()
                .any(|(role, names)| role_ok(*role) && names.iter().any(|n| n == dept))
        })
    }
}
