//! The library's files on disk besides SQLite: attachments stored under their SHA-256.
//!
//! A file's name from outside is only ever a label: the stored path is
//! `attachments/<first two hex digits>/<sha256>`.

use std::path::{Path, PathBuf};

use model::error::{Error, Result};

pub use model::validate::MAX_ATTACHMENT_BYTES;

/// The media type of a file, from its first bytes (never from its name).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"PK\x03\x04") && contains(bytes, b"word/") {
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    } else {
        None
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A display name from an outside path: its last component, without control characters
/// or separators, at most 120 characters.
pub fn display_name(path: &Path) -> Result<String> {
    let raw = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = model::text::label(&raw);
    if name.is_empty() {
        return Err(Error::field("attachments.name", "filen saknar namn"));
    }
    Ok(name)
}

pub fn check_size(name: &str, size: u64) -> Result<()> {
    if size > MAX_ATTACHMENT_BYTES {
        return Err(Error::invalid(format!(
            "{name}: filen är {} MB; en bilaga får vara högst {} MB",
            size / (1024 * 1024),
            MAX_ATTACHMENT_BYTES / (1024 * 1024)
        )));
    }
    if size == 0 {
        return Err(Error::invalid(format!("{name}: filen är tom")));
    }
    Ok(())
}

/// Where a file with this hash lives inside the library directory. Anything but a SHA-256
/// digest is refused, so that no text from outside can name another file.
pub fn stored_path(library_dir: &Path, sha256: &str) -> Result<PathBuf> {
    if !model::text::is_sha256(sha256) {
        return Err(Error::field(
            "attachments.sha256",
            "ingen SHA-256-summa (64 hexadecimala tecken, små bokstäver)",
        ));
    }
    Ok(library_dir
        .join("attachments")
        .join(&sha256[..2])
        .join(sha256))
}

/// Copies `bytes` into the library under their hash (once; the same file twice is one copy).
/// The hash is computed again here: bytes that do not have it are refused, so a stored file's
/// name always is its content's digest, whoever called.
pub fn store_file(library_dir: &Path, sha256: &str, bytes: &[u8]) -> Result<PathBuf> {
    let target = stored_path(library_dir, sha256)?;
    let actual = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(bytes));
    if actual != sha256 {
        return Err(Error::invalid(format!(
            "bilagan {sha256} har inte det innehåll som summan anger (innehållets summa är \
             {actual})"
        )));
    }
    if target.exists() {
        return Ok(target);
    }
    let dir = target.parent().expect("stored paths have a parent");
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let temp = dir.join(format!(".{sha256}.{}", std::process::id()));
    std::fs::write(&temp, bytes).map_err(|e| Error::io(&temp, e))?;
    std::fs::rename(&temp, &target).map_err(|e| Error::io(&target, e))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_file_refuses_bytes_whose_digest_is_not_their_name() {
        let dir = tempfile::tempdir().unwrap();
        let right = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(b"%PDF-1.4 a"));
        let wrong = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(b"something else"));
        let err = store_file(dir.path(), &wrong, b"%PDF-1.4 a").unwrap_err();
        assert!(err.message.contains(&wrong), "{}", err.message);
        assert!(!stored_path(dir.path(), &wrong).unwrap().exists());
        let path = store_file(dir.path(), &right, b"%PDF-1.4 a").unwrap();
        assert_eq!(std::fs::read(path).unwrap(), b"%PDF-1.4 a");
    }
}
