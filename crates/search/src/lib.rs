//! Swedish full-text search over a library: the tantivy index derived from the store (and
//! always rebuildable from it), query analysis, facet counts and snippets.
//!
//! The index follows SQLite's change log through a watermark kept in its commit payload; see
//! [`index`]. The request and response types live in [`model::query`].

mod bits;
mod compounds;
pub mod facets;
mod fold;
pub mod index;
mod memo;
mod plan;
pub mod query;
mod segment_cache;
pub mod similar;
pub mod snippet;
mod spelling;
mod threads;

pub use index::SearchIndex;
pub use query::{Boosts, search};
pub use similar::similar;

/// The starter library's entries (`assets/library/`), read from disk: the `library` crate,
/// which compiles them in, is a layer above this one.
#[cfg(test)]
pub(crate) fn starter_entries() -> Vec<model::Entry> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/library");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|file| {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            model::validate::parse_entry(&text).unwrap()
        })
        .collect()
}

/// A library of `entries` in `dir` for a test: the store, and the index built from it.
#[cfg(test)]
pub(crate) fn test_library(
    dir: &std::path::Path,
    mut entries: Vec<model::Entry>,
) -> (store::Store, SearchIndex) {
    let mut store = store::Store::open(&dir.join("db.sqlite3"), dir).unwrap();
    let change = store::Change {
        by: "test",
        at: "2026-01-01T00:00:00Z",
        comment: "",
    };
    store.insert(&mut entries, &change).unwrap();
    let index = SearchIndex::open(&dir.join("index"), &store).unwrap();
    (store, index)
}
