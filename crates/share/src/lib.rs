//! The file formats in which entries leave and enter a library: exports (a PDF case card or
//! brief typeset by typst, Markdown, HTML, JSON, CSV and XLSX lists), the mapping of
//! spreadsheet columns to entry fields, and signed bundles.
//!
//! Nothing here opens a library: functions take entries and return bytes (or read bytes and
//! return checked entries). The library crate decides what to read and where to write.

pub mod bundle;
pub mod export;
pub mod feed;
pub mod map;
pub mod pdf;
pub mod tabular;
