//! The corpus pipeline: raw text → normalized paragraphs → document tree →
//! clauses with stable addresses.

pub mod address;
pub mod manifest;
pub mod markers;
pub mod model;
pub mod normalize;
pub mod origin;
pub mod parse;
pub mod read;
pub mod source;

pub use model::{Clause, ClauseKind, Document, Notice, Plan};
pub use normalize::{Debris, DebrisReason, LineRange, Paragraph};
