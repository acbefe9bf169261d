//! The starter library: the entries in `assets/library/`, one JSON file each, compiled into
//! the binary. A new library is filled with them unless it is made with `init --empty`.

use include_dir::{Dir, include_dir};

use model::Entry;
use model::error::{Error, Result};
use model::validate::parse_entry;

/// The origin of every starter entry.
pub const ORIGIN: &str = "exempelbanken-start";

static LIBRARY: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../assets/library");

/// Every starter entry as written in its file (not yet normalised), sorted by file name.
pub fn entries() -> Result<Vec<Entry>> {
    let mut files: Vec<_> = LIBRARY
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort_by_key(|f| f.path());
    files
        .into_iter()
        .map(|file| {
            let name = file.path().display();
            let text = file
                .contents_utf8()
                .ok_or_else(|| Error::invalid(format!("assets/library/{name}: inte UTF-8")))?;
            parse_entry(text)
                .map_err(|e| Error::invalid(format!("assets/library/{name}: {}", e.message)))
        })
        .collect()
}

/// A digest of the starter files of this build: when it differs from the one a library last
/// merged, the library merges the starter entries again.
pub fn version() -> String {
    use sha2::{Digest, Sha256};
    let mut files: Vec<_> = LIBRARY.files().collect();
    files.sort_by_key(|f| f.path());
    let mut hash = Sha256::new();
    for file in files {
        hash.update(file.path().to_string_lossy().as_bytes());
        hash.update(file.contents());
    }
    hex::encode(hash.finalize())
}
