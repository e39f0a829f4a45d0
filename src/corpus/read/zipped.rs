//! Zip containers (`.docx`, `.ofd`): entries read with a size cap, so a
//! zip bomb or a corrupt archive is a warning, never an allocation storm.

use crate::t;
use std::io::{Cursor, Read};

use super::Unread;

/// The most bytes read from one entry (a document's XML is far smaller).
const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

pub(super) type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

pub(super) fn open(bytes: &[u8]) -> Result<Archive<'_>, Unread> {
    zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Unread(t!("read.zip_invalid", error = e).into_owned()))
}

/// An entry's text, `Ok(None)` when it is absent.
pub(super) fn entry(archive: &mut Archive<'_>, name: &str) -> Result<Option<String>, Unread> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(Unread(
                t!("read.zip_entry_unreadable", name = name, error = e).into_owned(),
            ))
        }
    };
    let mut bytes = Vec::new();
    file.take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Unread(t!("read.zip_entry_damaged", name = name, error = e).into_owned()))?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        return Err(Unread(
            t!("read.zip_entry_too_large", name = name).into_owned(),
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| Unread(t!("read.zip_entry_not_utf8", name = name).into_owned()))
}
