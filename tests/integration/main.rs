//! Integration tests of the core and the CLI, in one binary with shared helpers.
//!
//! Every test works on a real SQLite file and a real tantivy index in a temporary
//! directory; CLI tests run the real `exempelbank` binary.

mod util;

mod bundle;
mod cli;
mod collections;
mod crash;
mod curation;
mod export;
mod hardening;
mod import;
mod index;
mod layers;
mod properties;
mod real_data;
mod relevance;
mod search;
mod serve;
mod spread;
mod starter;
mod store;
mod subscriptions;
mod team;
