//! The loaded document model: documents, plans and a flat list of clauses.

use serde::{Deserialize, Serialize};

use super::normalize::{Debris, LineRange, Paragraph, Rejoin};

/// What kind of unit a clause is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseKind {
    /// A covering notice (通知).
    Notice,
    /// A plan's preamble (序).
    Preamble,
    /// A top-level section's own text (一、主要目标).
    Section,
    /// An item of a section (（五）…).
    Item,
    /// A document with no recognizable structure.
    Untitled,
}

/// The smallest addressable unit: a notice, preamble, section or item.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Clause {
    /// Canonical address, e.g. `钢铁:二(五)`.
    pub id: String,
    /// What it is.
    pub kind: ClauseKind,
    /// Index of its document in [`crate::Library::documents`].
    pub document: usize,
    /// Index of its plan in [`crate::Library::plans`], if any.
    pub plan: Option<usize>,
    /// Section numeral (二), for sections and items.
    pub section: Option<String>,
    /// Section heading (重点任务), for sections and items.
    pub section_heading: Option<String>,
    /// Item label (五), for items.
    pub item: Option<String>,
    /// Entry number (3) for the third level, 3． under an item; such a
    /// clause is an `Item` with both `item` and `subitem`.
    pub subitem: Option<String>,
    /// The clause's own heading (提升短流程电炉炼钢比重; 主要目标; the
    /// notice title; 序 for a preamble).
    pub heading: String,
    /// Normalized paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// The paragraphs joined with newlines ([`joined_text`]); offsets into
    /// a clause (target spans, search highlights) are character offsets
    /// into this text. Not stored in the library cache: derived again on
    /// loading (it would double the cache's largest part).
    #[serde(skip)]
    pub text: String,
    /// Raw lines covered, including a heading line.
    pub lines: LineRange,
}

/// A clause's [`Clause::text`]: its paragraphs joined with newlines.
pub fn joined_text(paragraphs: &[Paragraph]) -> String {
    let mut text = String::with_capacity(paragraphs.iter().map(|p| p.text.len() + 1).sum());
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&paragraph.text);
    }
    text
}

impl Clause {
    /// Heading as a reader sees it in the breadcrumb: `二、重点任务`,
    /// `（五）提升短流程电炉炼钢比重`, `序`.
    pub fn display_heading(&self) -> String {
        match self.kind {
            ClauseKind::Section => format!(
                "{}、{}",
                self.section.as_deref().unwrap_or(""),
                self.heading
            ),
            ClauseKind::Item => match &self.subitem {
                Some(n) => format!("{n}．{}", self.heading),
                None => format!("（{}）{}", self.item.as_deref().unwrap_or(""), self.heading),
            },
            _ => self.heading.clone(),
        }
    }
}

/// One attached plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    /// Index of its document.
    pub document: usize,
    /// Full title (钢铁行业节能降碳专项行动计划), or the document name
    /// when the plan has no title line.
    pub title: String,
    /// Short name derived from the title (钢铁).
    pub short_name: String,
    /// The name addresses use: the short name, prefixed with the document
    /// name when two documents share it.
    pub address_name: String,
    /// Attachment number in the notice's list (or position in the document).
    pub attachment: u32,
    /// The attachment list's spelling of the title, when it differs.
    pub listed_as: Option<String>,
    /// Indices of its clauses, in order (preamble, sections, items).
    pub clauses: Vec<usize>,
}

/// Fields of a covering notice.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Notice {
    /// 文号.
    pub document_number: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// 主送 line.
    pub addressees: Option<String>,
    /// Attachment list entries as written, with the plan each names.
    pub attachments: Vec<Attachment>,
    /// 落款: the issuing organisations.
    pub issuers: Vec<String>,
    /// Date line.
    pub date: Option<String>,
    /// The notice's clause index.
    pub clause: usize,
    /// Paragraph numbers (1-based, within the notice clause) of the body.
    pub body_paragraphs: Vec<usize>,
}

/// One entry of a notice's attachment list.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attachment {
    /// Number in the list.
    pub number: u32,
    /// Title as listed.
    pub title: String,
    /// Index of the plan it was matched to.
    pub plan: Option<usize>,
}

/// One corpus file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// File name without `.txt`.
    pub name: String,
    /// Where it was read from (`embedded:` for the built-in corpus).
    pub path: String,
    /// Its covering notice, if any.
    pub notice: Option<Notice>,
    /// Its level and issuing body, as its header tells.
    pub origin: super::origin::Origin,
    /// Indices of its plans.
    pub plans: Vec<usize>,
    /// Indices of all its clauses in order.
    pub clauses: Vec<usize>,
    /// Raw text removed by normalization.
    pub debris: Vec<Debris>,
    /// Page-break repairs.
    pub rejoins: Vec<Rejoin>,
    /// Number of raw lines.
    pub raw_lines: usize,
    /// What its line numbers refer to in the original file (lines of a
    /// `.txt`, paragraphs of a `.docx`, pages and lines of a PDF).
    pub positions: super::read::Positions,
}

impl Document {
    /// A human title: the notice title, the only plan's title, or the name.
    pub fn title<'a>(&'a self, plans: &'a [Plan]) -> &'a str {
        if let Some(title) = self.notice.as_ref().and_then(|n| n.title.as_deref()) {
            return title;
        }
        match self.plans.as_slice() {
            [only] => &plans[*only].title,
            _ => &self.name,
        }
    }
}
