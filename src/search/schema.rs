//! The tantivy schema: one document per clause.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
    STRING,
};

use super::tokenizer::{CHAR_TOKENIZER, WORD_TOKENIZER};

/// Bumped whenever the schema or the analysis changes; part of the index
/// fingerprint, so an old index is rebuilt rather than misread.
pub const SCHEMA_VERSION: u32 = 4;

/// Roles that count as a duty for `dept:` queries without `role:`.
pub const DUTY_ROLES: [&str; 3] = ["lead", "support", "responsible"];

/// Handles to every field of the schema.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Clause address (raw, stored), e.g. `钢铁:二(五)`.
    pub id: Field,
    /// Plan short name (raw, stored); empty for the notice.
    pub plan: Field,
    /// Plan full title (stored only).
    pub plan_title: Field,
    /// Section heading (raw, stored), e.g. `二、重点任务`.
    pub section: Field,
    /// Clause heading, jieba words (stored).
    pub heading: Field,
    /// Clause heading, character pairs (exact substring matching).
    pub heading_chars: Field,
    /// Clause text, jieba words with positions (stored).
    pub text: Field,
    /// Clause text, character pairs with positions (exact substring matching).
    pub text_chars: Field,
    /// Canonical names of departments with a duty (lead/support/responsible).
    pub dept: Field,
    /// `role:canonical` for every department of the clause, whatever its role.
    pub dept_role: Field,
    /// Roles present in the clause.
    pub role: Field,
    /// The department list as JSON `[[name, role], ...]` (stored only).
    pub departments: Field,
    /// Document order (stored, fast).
    pub order: Field,
}

fn analyzed(tokenizer: &str, stored: bool) -> TextOptions {
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Builds the schema and its field handles.
pub fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        plan: b.add_text_field("plan", STRING | STORED),
        plan_title: b.add_text_field("plan_title", STORED),
        section: b.add_text_field("section", STRING | STORED),
        heading: b.add_text_field("heading", analyzed(WORD_TOKENIZER, true)),
        heading_chars: b.add_text_field("heading_chars", analyzed(CHAR_TOKENIZER, false)),
        text: b.add_text_field("text", analyzed(WORD_TOKENIZER, true)),
        text_chars: b.add_text_field("text_chars", analyzed(CHAR_TOKENIZER, false)),
        dept: b.add_text_field("dept", STRING),
        dept_role: b.add_text_field("dept_role", STRING),
        role: b.add_text_field("role", STRING),
        departments: b.add_text_field("departments", STORED),
        order: b.add_u64_field(
            "order",
            NumericOptions::default()
                .set_indexed()
                .set_stored()
                .set_fast(),
        ),
    };
    (b.build(), fields)
}

/// Looks the field handles up in `schema`; fails if the schema is not ours
/// (an index written by another version is then rebuilt).
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let expected = build_schema().0;
    if schema != &expected {
        return Err(tantivy::TantivyError::SchemaError(
            "index schema differs from this version's schema".into(),
        ));
    }
    Ok(build_schema().1)
}

/// The `dept_role` term for a department in a role.
pub fn dept_role_term(role: &str, dept: &str) -> String {
    format!("{role}:{dept}")
}
