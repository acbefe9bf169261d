//! Exempelbanken's core: a library of good examples of innovation in the Swedish public
//! sector, kept in SQLite and searched with tantivy.
//!
//! Every front end (the CLI, the desktop app, `serve`) goes through [`api::Library`]; the
//! modules below it know nothing of how they are called. The core never imports Tauri.
//!
//! ```no_run
//! let lib = exempelbank::api::Library::open(std::path::Path::new("/tmp/bibliotek"))?;
//! let found = lib.search(&exempelbank::search::SearchRequest::query("livsmedel"))?;
//! println!("{} träffar", found.total);
//! # Ok::<(), exempelbank::error::Error>(())
//! ```

pub mod api;
pub mod attachments;
pub mod bundle;
pub mod collate;
pub mod collections;
pub mod curation;
pub mod diff;
pub mod error;
pub mod export;
pub mod facets;
pub mod import;
pub mod index;
pub mod model;
pub mod pdf;
pub mod progress;
pub mod schema;
pub mod search;
pub mod serve;
pub mod snippet;
pub mod starter;
pub mod store;
pub mod tabular;
pub mod taxonomy;
pub mod validate;
pub mod workflow;
