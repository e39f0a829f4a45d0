//! Writing an index: clauses into tantivy documents, segments on every core,
//! the restricted dictionary and the metadata beside them. Where the index
//! lives and when it is replaced is `lifecycle.rs`.

use std::fs;
use std::path::Path;

use tantivy::{Index, TantivyDocument};

use super::lifecycle::{now_unix, sha256_hex, Extras, ExtrasFile, Meta, EXTRAS_FILE, META_FILE};
use super::schema::{build_schema, dept_role_term, Fields, DUTY_ROLES, SCHEMA_VERSION};
use super::tokenizer::{self, DOMAIN_DICT};
use super::{dict, IndexableClause, SearchError};

/// Below this many clauses an index is written by one thread.
const PARALLEL_BUILD_CLAUSES: usize = 5_000;

pub(super) fn write_docs(
    index: &Index,
    fields: &Fields,
    clauses: &[IndexableClause],
) -> Result<(), SearchError> {
    // Segmenting is the cost of a build, and tantivy segments on its
    // indexing threads: one per core (up to four) once the corpus is big
    // enough for that to pay (each thread writes its own segment, and a
    // small corpus is faster as one). 40 MB per thread keeps segments few.
    let threads = if clauses.len() < PARALLEL_BUILD_CLAUSES {
        1
    } else {
        crate::parallel::cores(4)
    };
    let mut writer =
        index.writer_with_num_threads::<TantivyDocument>(threads, threads * 40_000_000)?;
    if threads > 1 {
        // Segments are searched in parallel (see `new_reader`), so they are
        // left as the threads wrote them, of similar sizes: merging made
        // one segment most of the corpus, and of the work of a query.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    }
    for c in clauses {
        writer.add_document(clause_document(fields, c))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// The tantivy document of one clause.
pub(super) fn clause_document(fields: &Fields, c: &IndexableClause) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &c.id);
    doc.add_text(fields.plan, &c.plan);
    doc.add_text(fields.plan_title, &c.plan_title);
    doc.add_text(fields.section, &c.section);
    doc.add_text(fields.heading, &c.heading);
    doc.add_text(fields.heading_chars, &c.heading);
    doc.add_text(fields.text, &c.text);
    doc.add_text(fields.text_chars, &c.text);
    for (dept, role) in &c.departments {
        if DUTY_ROLES.contains(&role.as_str()) {
            doc.add_text(fields.dept, dept);
        }
        doc.add_text(fields.dept_role, dept_role_term(role, dept));
        doc.add_text(fields.role, role);
    }
    doc.add_text(
        fields.departments,
        serde_json::to_string(&c.departments).unwrap_or_default(),
    );
    doc.add_u64(fields.order, c.order as u64);
    doc
}

/// Builds the index into a fresh `.build-…` directory beside the target.
pub(super) fn build_into(
    tmp: &Path,
    clauses: &[IndexableClause],
    content_hash: &str,
    extras: &Extras,
    fp: &str,
) -> Result<(), SearchError> {
    let (schema, fields) = build_schema();
    let index = Index::create_in_dir(tmp, schema)?;
    tokenizer::register_with(&index, extras.segmenter);
    // Deriving the restricted dictionary needs a full dictionary of its
    // own: do it on the other core while the index is written.
    let (written, file) = std::thread::scope(|scope| {
        let derived = scope.spawn(|| extras_file(clauses, extras));
        let written = write_docs(&index, &fields, clauses);
        (written, derived.join())
    });
    written?;
    let file = file.map_err(|_| SearchError::Meta("deriving the dictionary panicked".into()))?;
    let extras_bytes =
        postcard::to_allocvec(&file).map_err(|e| SearchError::Meta(e.to_string()))?;
    fs::write(tmp.join(EXTRAS_FILE), &extras_bytes)?;
    fs::File::open(tmp.join(EXTRAS_FILE))?.sync_all()?;
    let meta = Meta {
        fingerprint: fp.to_string(),
        content_hash: content_hash.to_string(),
        schema_version: SCHEMA_VERSION,
        num_docs: clauses.len(),
        built_at_unix: now_unix(),
        domain_dict: sha256_hex(DOMAIN_DICT.as_bytes()),
        extras_sha256: sha256_hex(&extras_bytes),
    };
    let json = serde_json::to_vec_pretty(&meta).map_err(|e| SearchError::Meta(e.to_string()))?;
    fs::write(tmp.join(META_FILE), json)?;
    fs::File::open(tmp.join(META_FILE))?.sync_all()?;
    Ok(())
}

/// The restricted dictionary for the clauses' texts and headings, the
/// caller's vocabulary, the domain words and the user words, derived from
/// the full dictionary with the user words, with what it covers.
pub(super) fn extras_file(clauses: &[IndexableClause], extras: &Extras) -> ExtrasFile {
    let user_words = extras.segmenter.user_words();
    let mut vocabulary: Vec<String> = extras.vocabulary.to_vec();
    vocabulary.extend(
        DOMAIN_DICT
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .map(str::to_string),
    );
    vocabulary.extend(user_words.iter().map(|w| w.word.clone()));
    vocabulary.sort();
    vocabulary.dedup();
    let texts = clauses
        .iter()
        .flat_map(|c| [c.text.as_str(), c.heading.as_str()])
        .chain(vocabulary.iter().map(String::as_str));
    let dictionary = dict::derive(&mut extras.segmenter.full_jieba(), texts)
        .and_then(|derived| dict::QueryDictionary::from_derived(&derived));
    ExtrasFile {
        dictionary,
        vocabulary,
        payload: extras.payload.map(<[u8]>::to_vec),
        user_words: user_words.to_vec(),
    }
}
