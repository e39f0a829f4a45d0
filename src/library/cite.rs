//! Breadcrumbs and citations (《…》二、（五）) of clauses.

#[allow(unused_imports)]
use super::*;

impl Library {
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
                if clause.section.as_deref().is_some_and(|s| !s.is_empty()) {
                    crumbs.push(format!(
                        "{}、{}",
                        clause.section.as_deref().unwrap_or(""),
                        clause.section_heading.as_deref().unwrap_or("")
                    ));
                }
                if clause.subitem.is_some() {
                    crumbs.push(format!("（{}）", clause.item.as_deref().unwrap_or("")));
                }
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
            ClauseKind::Item => {
                let section = clause
                    .section
                    .as_deref()
                    .filter(|s| !s.is_empty())
                    .map(|s| format!("{s}、"))
                    .unwrap_or_default();
                let entry = clause
                    .subitem
                    .as_deref()
                    .map(|n| format!("{n}．"))
                    .unwrap_or_default();
                format!(
                    "《{title}》{section}（{}）{entry}",
                    clause.item.as_deref().unwrap_or("")
                )
            }
            ClauseKind::Preamble => format!("《{title}》序言"),
            _ => format!("《{title}》{}", clause.display_heading()),
        }
    }
}
