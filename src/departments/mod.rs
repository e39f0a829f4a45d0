//! Departments named in policy documents, and what each is asked to do.
//!
//! Items of 二、重点任务 and 三、政策保障 in State Council style action plans end
//! with a *duty parenthetical* such as
//! `（国家发展改革委、工业和信息化部牵头，生态环境部、商务部按职责分工负责）`.
//! [`duty_parenthetical`] finds and parses it; [`DepartmentIndex`] collects
//! the duties of every department over a whole document, together with the
//! departments merely *mentioned* in running text (四、组织实施, the notice
//! body), the issuers (落款) and addressees (主送) of a forwarding notice, and
//! the provincial / city counterparts of each national department.
//!
//! Names are canonicalised through an [`AliasTable`], which is data
//! (`data/aliases.toml`, embedded at compile time). A department the table
//! does not know keeps the name the document gives it.
//!
//! # Decisions
//!
//! * Every bracketed group, labelled line or task-table row that parses as
//!   a duty list is a note of the clause ([`duty_notes`]); the clause's
//!   duties are all of them. Groups without a role verb (`首台（套）`,
//!   `（2024年版）`, `原油（重油）`) are never duties; a group inside a note
//!   is part of it.
//! * A trailing `等` / `等部门` / `等单位` is not part of a department name.
//! * Generic references are **not** departments when merely mentioned:
//!   anything ending in `部门` / `单位` / `机构`, anything containing `主管`,
//!   and anything beginning with `有关` / `相关` / `其他` / `各级` / `各有关` /
//!   `各相关`. So `各省级节能主管部门`, `有关部门` and `工业和信息化主管部门`
//!   are skipped in running text. A bare *collective* (`各部门`, `各地`,
//!   `国务院其他有关部门`, `各级政府`) does hold a duty where a note or a
//!   running-text duty gives it one beside a named body.
//! * Duties stated in running text ([`running_duties`]) need a subject of
//!   bodies by grammar and a predicate that assigns (role word, `对…负责`,
//!   modal, deadline); see that function.
//! * A department named in the parenthetical of a clause is not also listed
//!   as `mentioned` for that clause: each department has one role per clause
//!   (the strongest; `lead` > `support` > `responsible` > `mentioned`).
//! * In running text a department is recognised (a) by longest match against
//!   every name seen in any parenthetical, issuer or addressee line of the
//!   document plus the alias table (aliases of fewer than three characters
//!   excepted), a match right after a locality character (省 市 县 区 州) being
//!   a local body and skipped; or (b) generically, when a run of CJK text
//!   between list delimiters (`、`, `会同`, `等部门`, `牵头`, `联合` …) ends with
//!   a department suffix (部 委 局 总局 总署 署 厅 银行 办公室 委员会) and is not a
//!   known non-department word (布局, 全部, 部署 …).
//! * Issuers of a notice fill the `province` counterpart slot and addressees
//!   the `city` slot; a department has no counterpart at its own level.

use crate::corpus::normalize::CELL_SEPARATOR;
use crate::text::common_subsequence_len;
use crate::text::is_cjk_ideograph as is_cjk;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The alias table shipped with the crate (`data/aliases.toml`).
pub const EMBEDDED_ALIASES: &str = include_str!("../../data/aliases.toml");

/// What a department is asked to do in (or how it appears in) a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Leads the task (`…牵头`).
    Lead,
    /// Supports the lead departments (`…配合`).
    Support,
    /// Responsible within its remit (`…按职责分工负责`).
    Responsible,
    /// Named in the clause text outside the duty parenthetical.
    Mentioned,
    /// Signs the forwarding notice (落款).
    Issuer,
    /// Is addressed by the forwarding notice (主送).
    Addressee,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 6] = [
        Role::Lead,
        Role::Support,
        Role::Responsible,
        Role::Mentioned,
        Role::Issuer,
        Role::Addressee,
    ];

    /// The snake_case name used in JSON (`"lead"`, `"support"` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Support => "support",
            Role::Responsible => "responsible",
            Role::Mentioned => "mentioned",
            Role::Issuer => "issuer",
            Role::Addressee => "addressee",
        }
    }

    /// A short Chinese label (牵头, 配合, 负责, 提及, 发文, 主送).
    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Support => "配合",
            Role::Responsible => "负责",
            Role::Mentioned => "提及",
            Role::Issuer => "发文",
            Role::Addressee => "主送",
        }
    }
}

/// Every word that names a role, in the documents' grammar (`…牵头`,
/// `…配合`) and as users type it (`--role 参与`, `role:lead`): the one list
/// the duty-note parser, the query parser and the command line share.
/// Where one word ends with another, the longer comes first.
///
/// The words with 单位 / 部门 are the labels of labelled duty blocks
/// (`牵头单位：X 责任单位：Y`); every duty word may stand as such a label.
pub const ROLE_WORDS: &[(&str, Role)] = &[
    ("牵头负责", Role::Lead),
    ("牵头督导", Role::Lead),
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("牵头", Role::Lead),
    ("lead", Role::Lead),
    ("配合单位", Role::Support),
    ("配合部门", Role::Support),
    ("配合", Role::Support),
    ("协助", Role::Support),
    ("协同", Role::Support),
    ("参与单位", Role::Support),
    ("参与", Role::Support),
    ("参加单位", Role::Support),
    ("参加", Role::Support),
    ("协办单位", Role::Support),
    ("协办", Role::Support),
    ("支持", Role::Support),
    ("support", Role::Support),
    ("负责落实", Role::Responsible),
    ("负责单位", Role::Responsible),
    ("负责", Role::Responsible),
    ("主责单位", Role::Responsible),
    ("主责", Role::Responsible),
    ("责任单位", Role::Responsible),
    ("责任部门", Role::Responsible),
    ("责任", Role::Responsible),
    ("responsible", Role::Responsible),
    ("提及", Role::Mentioned),
    ("mentioned", Role::Mentioned),
    ("发文", Role::Issuer),
    ("印发", Role::Issuer),
    ("issuer", Role::Issuer),
    ("主送", Role::Addressee),
    ("addressee", Role::Addressee),
];

impl Role {
    /// The role a word names (any of [`ROLE_WORDS`], ASCII case ignored).
    pub fn parse(word: &str) -> Option<Role> {
        let word = word.trim().to_ascii_lowercase();
        ROLE_WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|&(_, role)| role)
    }

    /// True for the roles a duty note assigns (lead, support, responsible).
    pub fn is_duty(self) -> bool {
        matches!(self, Role::Lead | Role::Support | Role::Responsible)
    }

    /// The Chinese words of a duty role, as they end a list of departments
    /// in a duty note, longest first where one ends with another.
    pub fn duty_verbs() -> impl Iterator<Item = (&'static str, Role)> {
        ROLE_WORDS
            .iter()
            .copied()
            .filter(|(w, r)| r.is_duty() && !w.is_ascii())
    }
}

impl std::str::FromStr for Role {
    type Err = String;

    /// Parses a role word; the error lists the accepted words.
    fn from_str(s: &str) -> Result<Role, String> {
        Role::parse(s).ok_or_else(|| {
            let words: Vec<&str> = ROLE_WORDS.iter().map(|(w, _)| *w).collect();
            crate::t!("role.unknown", role = s, roles = words.join(", ")).into_owned()
        })
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

mod aliases;
#[allow(unused_imports)]
pub use aliases::*;
mod names;
#[allow(unused_imports)]
pub use names::*;
mod parenthetical;
#[allow(unused_imports)]
pub use parenthetical::*;
mod addressees;
#[allow(unused_imports)]
pub use addressees::*;
mod running_text;
#[allow(unused_imports)]
pub use running_text::*;
mod index;
#[allow(unused_imports)]
pub use index::*;
#[cfg(test)]
mod tests;
