//! The one loaded corpus every front end reads: documents, plans and
//! clauses, with address resolution, breadcrumbs and citations.

use std::collections::HashMap;

use crate::corpus::address::{parse_address, AddressQuery, AddressSyntaxError, Locator};
use crate::corpus::manifest::Stamp;
use crate::corpus::model::{Attachment, Clause, ClauseKind, Document, Notice, Plan};
use crate::corpus::normalize::{normalize, LineRange, Normalized, Paragraph};
use crate::corpus::origin::{origin, Header, Level, Origin};
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
use crate::targets::{extract_targets_under, MetricWordings, Target};
use crate::text::{chinese_numeral_value, edit_distance, fold_width};

/// The reserved address of a covering notice.
pub const NOTICE_ADDRESS: &str = "通知";

/// English plan names accepted in addresses (data, not code).
const PLAN_NAMES: &str = include_str!("../../data/plan-names.txt");

/// A loaded corpus. It is stored whole in the parsed-library cache
/// ([`cache`]), its targets and warnings in a section of their own; what
/// is not stored is set again on loading.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Library {
    /// Where it was loaded from.
    #[serde(skip, default = "cache::placeholder_location")]
    pub location: CorpusLocation,
    /// Documents in file-name order.
    pub documents: Vec<Document>,
    /// Plans of all documents in order.
    pub plans: Vec<Plan>,
    /// Clauses of all documents in reading order.
    pub clauses: Vec<Clause>,
    /// Problems with individual files (the rest loaded). (Cached in the
    /// targets section, see [`cache`].)
    #[serde(skip)]
    pub warnings: Vec<LoadWarning>,
    /// Department duties in both directions.
    pub departments: DepartmentIndex,
    /// The department alias table in force.
    pub aliases: AliasTable,
    /// Every quantified target (and milestone) in reading order. (Cached
    /// in a section of its own, see [`cache`].)
    #[serde(skip)]
    pub targets: Vec<Target>,
    /// The wordings of each metric (table and rows), for search.
    pub metric_wordings: MetricWordings,
    /// Hash of every loaded file's name and bytes (documents, and the
    /// corpus's `dict.txt` and `aliases.toml`): the search index is rebuilt
    /// when it changes.
    pub content_hash: String,
    /// Pinyin keys of department names and aliases, plan short names and
    /// dictionary words.
    pub pinyin: PinyinIndex,
    /// The word segmenter: the shared one, plus the corpus's `dict.txt` words.
    #[serde(skip)]
    pub segmenter: Segmenter,
    /// Words of the corpus's `dict.txt` (empty without one).
    pub user_words: Vec<UserWord>,
    #[serde(skip)]
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
    Syntax {
        /// What was typed.
        input: String,
        /// What is wrong.
        source: AddressSyntaxError,
        /// Addresses of this library, one of each form (see
        /// [`Library::example_addresses`]).
        examples: Vec<String>,
    },
    /// No clause has this address.
    Unknown {
        /// What was typed.
        input: String,
        /// The closest valid addresses.
        nearest: Vec<String>,
    },
    /// The clause exists but has fewer paragraphs.
    Paragraph {
        /// The clause address.
        clause: String,
        /// Its paragraph count.
        count: usize,
        /// The number asked for.
        wanted: usize,
    },
}

impl std::fmt::Display for AddressError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AddressError::Syntax {
                input,
                source,
                examples,
            } => {
                f.write_str(&crate::t!(
                    "address.not_an_address",
                    input = input,
                    reason = source
                ))?;
                if !examples.is_empty() {
                    let list = examples.join(", ");
                    write!(f, " {}", crate::t!("address.examples", list = list))?;
                }
                Ok(())
            }
            AddressError::Unknown { input, nearest } => {
                f.write_str(&crate::t!("address.unknown", input = input))?;
                if !nearest.is_empty() {
                    let list = nearest.join(", ");
                    write!(f, " {}", crate::t!("address.nearest", list = list))?;
                }
                Ok(())
            }
            AddressError::Paragraph {
                clause,
                count,
                wanted,
            } => f.write_str(&crate::t!(
                "address.no_paragraph",
                clause = clause,
                count = count,
                wanted = wanted
            )),
        }
    }
}

/// Paragraphs at a document's start read for a news lead (`X印发《…》`).
const ORIGIN_LEAD_PARAGRAPHS: usize = 3;

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
    /// Clauses in reading order with their indices.
    pub fn iter_clauses(&self) -> impl Iterator<Item = (usize, &Clause)> {
        self.clauses.iter().enumerate()
    }
}

pub mod cache;
mod cite;
mod load;
mod metric_lookup;
mod resolve;
mod scan;
mod search_adapter;
#[allow(unused_imports)]
use load::*;
pub use metric_lookup::MetricLookup;
#[allow(unused_imports)]
pub use resolve::*;
#[allow(unused_imports)]
pub use search_adapter::*;
