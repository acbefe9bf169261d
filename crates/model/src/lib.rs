//! Exempelbanken's core types and rules, with no storage and no I/O: the entry in its
//! exchange format, the one error type, validation, the taxonomy and reference data, the
//! workflow, diffs between revisions, Swedish collation and the text helpers every layer
//! uses.
//!
//! Every other crate depends on this one, and it depends on none of them.
//!
//! ```
//! # use exempelbank_model as model;
//! let entry = model::validate::parse_entry(r#"{"kind": "exempel", "title": "Ett exempel"}"#);
//! assert!(entry.is_ok());
//! assert_eq!(model::text::slugify("Södertäljes hållbara mat"), "sodertaljes-hallbara-mat");
//! ```

pub mod account;
pub mod collate;
pub mod diff;
mod entry;
pub mod error;
pub mod progress;
pub mod query;
pub mod schema;
pub mod spread;
pub mod subscription;
pub mod taxonomy;
pub mod text;
pub mod validate;
pub mod workflow;

pub use entry::*;
