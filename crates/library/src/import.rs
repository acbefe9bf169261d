//! Import of entries from JSON (an object, an array or JSON Lines), CSV and XLSX.
//!
//! An import is planned first, row by row: each row becomes a new entry, an update of the
//! entry with its `uid` or `id`, "unchanged", or a rejection with the reason. A dry run
//! prints that plan; a real import runs the same plan, so the dry run predicts it exactly.
//! It is all or nothing: one rejected row and nothing is written. Otherwise a backup of the
//! library is made and every row lands in one transaction.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use crate::{Library, now};
use model::Entry;
use model::error::{Error, Result};
use model::text;
use model::validate::{self, normalise_and_check};
use share::tabular::{self, ColumnMap};
use store::Change;

/// The largest file an import reads.
pub const MAX_IMPORT_BYTES: usize = 100 * 1024 * 1024;

/// What an import did, or (in a dry run, or when a row was rejected) would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub format: String,
    pub dry_run: bool,
    /// Whether the rows were written (never when a row is rejected).
    pub imported: bool,
    pub rows: Vec<ImportRow>,
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub rejected: u32,
    /// The backup made before a real import.
    #[ts(optional)]
    pub backup: Option<String>,
}

/// One row of the file and what happens to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportRow {
    /// Where the row is in the file: "rad 3" (a spreadsheet row or JSON line), "post 2".
    pub row: String,
    pub action: ImportAction,
    pub id: String,
    pub title: String,
    /// Why a row is rejected; what changes in an update.
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ImportAction {
    Create,
    Update,
    Unchanged,
    Reject,
}

/// A row read from the file: where it is, the entry or why it could not be read, and
/// whether it sets the status (an update otherwise keeps the entry's own).
struct Candidate {
    row: String,
    entry: Result<Entry>,
    sets_status: bool,
}

enum Planned {
    Create(Entry),
    Update(Entry, u32),
}

/// The format of a file, from its name.
fn format_of(name: &str) -> Result<&'static str> {
    let lower = name.to_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or("");
    Ok(match ext {
        "json" => "json",
        "jsonl" | "ndjson" => "jsonl",
        "csv" | "tsv" | "txt" => "csv",
        "xlsx" | "xlsm" | "xls" | "ods" => "xlsx",
        _ => {
            return Err(Error::invalid(format!(
                "{name}: okänt filformat \"{ext}\"; importen läser .json, .jsonl, .csv och .xlsx"
            )));
        }
    })
}

/// The bytes of a text file as UTF-8 (a byte-order mark is dropped), or an error that says
/// where the file stops being UTF-8.
fn utf8(name: &str, bytes: &[u8]) -> Result<String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::invalid(format!(
            "{name}: filen är kodad som UTF-16; spara den som UTF-8 (i Excel: \"CSV UTF-8\")"
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::invalid(format!(
                "{name}: rad {line} är inte UTF-8 (byte {at}); filen är troligen sparad som \
                 Windows-1252 eller Latin-1: spara den som UTF-8 (i Excel: \"CSV UTF-8\")"
            )))
        }
    }
}

/// Reads the rows of a file. File-level problems (format, encoding, columns) are errors;
/// row-level problems are kept with their row.
fn read(
    name: &str,
    bytes: &[u8],
    mapping: Option<&str>,
    library: &Library,
) -> Result<(&'static str, Vec<Candidate>)> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(Error::invalid(format!(
            "{name}: filen är {} MB; importen läser högst {} MB",
            bytes.len() / (1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    let format = format_of(name)?;
    let candidates = match format {
        "json" | "jsonl" => {
            if mapping.is_some() {
                return Err(Error::invalid(
                    "--map gäller kalkylblad (CSV, XLSX); JSON-filer har fältens egna namn",
                ));
            }
            json_rows(name, &utf8(name, bytes)?, format)?
        }
        _ => {
            let rows = if format == "csv" {
                tabular::csv_rows(&utf8(name, bytes)?)?
            } else {
                tabular::sheet_rows(bytes)?
            };
            let mapping = mapping
                .map(tabular::parse_mapping)
                .transpose()?
                .unwrap_or_default();
            let mut rows = rows.into_iter().enumerate();
            let Some((_, headers)) = rows.next() else {
                return Err(Error::invalid(format!("{name}: filen är tom")));
            };
            let columns = ColumnMap::new(&headers, &mapping)?;
            let focus = library.store.focus_areas()?;
            rows.filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
                .map(|(i, cells)| Candidate {
                    row: format!("rad {}", i + 1),
                    entry: columns.entry(&cells, &focus),
                    sets_status: columns.has("status"),
                })
                .collect()
        }
    };
    Ok((format, candidates))
}

fn json_rows(name: &str, text: &str, format: &str) -> Result<Vec<Candidate>> {
    let one = |row: String, value: serde_json::Value| Candidate {
        sets_status: value.get("status").is_some(),
        entry: validate::parse_entry(&value.to_string()),
        row,
    };
    let trimmed = text.trim_start();
    if format == "json" && (trimmed.starts_with('[') || trimmed.starts_with('{')) {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Error::invalid(format!(
                "{name}: ogiltig JSON på rad {}, kolumn {}: {e}",
                e.line(),
                e.column()
            ))
        })?;
        return Ok(match value {
            serde_json::Value::Array(items) => {
                if items.len() > tabular::MAX_ROWS {
                    return Err(Error::invalid(format!(
                        "{name}: fler än {} poster; dela upp filen",
                        tabular::MAX_ROWS
                    )));
                }
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| one(format!("post {}", i + 1), v))
                    .collect()
            }
            value => vec![one("post 1".to_owned(), value)],
        });
    }
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row = format!("rad {}", i + 1);
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(value) => rows.push(one(row, value)),
            Err(e) => rows.push(Candidate {
                row,
                entry: Err(Error::invalid(format!("ogiltig JSON: {e}"))),
                sets_status: false,
            }),
        }
    }
    Ok(rows)
}

impl Library {
    /// Imports the file `name` with content `bytes`. Returns the report; `imported` is false
    /// when it was a dry run or a row was rejected (then nothing was written).
    pub fn import(
        &mut self,
        name: &str,
        bytes: &[u8],
        mapping: Option<&str>,
        dry_run: bool,
    ) -> Result<ImportReport> {
        let (format, candidates) = read(name, bytes, mapping, self)?;
        if candidates.is_empty() {
            return Err(Error::invalid(format!("{name}: filen har inga poster")));
        }
        let (rows, planned) = self.plan(candidates)?;
        let count = |a: ImportAction| rows.iter().filter(|r| r.action == a).count() as u32;
        let mut report = ImportReport {
            format: format.to_owned(),
            dry_run,
            imported: false,
            created: count(ImportAction::Create),
            updated: count(ImportAction::Update),
            unchanged: count(ImportAction::Unchanged),
            rejected: count(ImportAction::Reject),
            rows,
            backup: None,
        };
        if dry_run || report.rejected > 0 {
            return Ok(report);
        }
        if !planned.is_empty() {
            let backup = self.backup("import")?;
            report.backup = Some(backup.display().to_string());
            let at = now();
            let comment = format!("importerad från {name}");
            let change = Change {
                by: &self.user,
                at: &at,
                comment: &comment,
            };
            let batch = self.store.batch()?;
            for planned in planned {
                match planned {
                    Planned::Create(mut entry) => {
                        entry.created_at = at.clone();
                        entry.updated_at = at.clone();
                        batch.insert(&entry, &change)?;
                    }
                    Planned::Update(mut entry, expected) => {
                        entry.updated_at = at.clone();
                        batch.update(&entry, Some(expected), &change)?;
                    }
                }
            }
            batch.commit()?;
            self.after_write();
        }
        report.imported = true;
        Ok(report)
    }

    /// Decides what happens to each row, without writing.
    fn plan(&self, candidates: Vec<Candidate>) -> Result<(Vec<ImportRow>, Vec<Planned>)> {
        let focus = self.store.focus_areas()?;
        let origin = self.id()?;
        let mut rows = Vec::with_capacity(candidates.len());
        let mut planned = Vec::new();
        let mut ids_seen: HashMap<String, String> = HashMap::new();
        let mut uids_seen: HashMap<String, String> = HashMap::new();
        let mut new_ids: HashSet<String> = HashSet::new();
        for candidate in candidates {
            let row = candidate.row;
            let reject = |entry: Option<&Entry>, reason: String| ImportRow {
                row: row.clone(),
                action: ImportAction::Reject,
                id: entry.map(|e| e.id.clone()).unwrap_or_default(),
                title: entry.map(|e| e.title.clone()).unwrap_or_default(),
                reason,
            };
            let mut entry = match candidate.entry {
                Ok(entry) => entry,
                Err(err) => {
                    rows.push(reject(None, err.message));
                    continue;
                }
            };
            if let Err(err) = normalise_and_check(&mut entry, &focus) {
                rows.push(reject(Some(&entry), err.message));
                continue;
            }
            if !entry.uid.is_empty() && uuid::Uuid::parse_str(&entry.uid).is_err() {
                rows.push(reject(
                    Some(&entry),
                    format!("fältet uid: \"{}\" är ingen UUID", entry.uid),
                ));
                continue;
            }
            for (key, seen, what) in [
                (&entry.id, &mut ids_seen, "id"),
                (&entry.uid, &mut uids_seen, "uid"),
            ] {
                if key.is_empty() {
                    continue;
                }
                if let Some(first) = seen.get(key) {
                    let reason = format!("{what} \"{key}\" förekommer redan på {first}");
                    rows.push(reject(Some(&entry), reason));
                    break;
                }
                seen.insert(key.clone(), row.clone());
            }
            if rows.last().is_some_and(|r| r.row == row) {
                continue;
            }
            let by_uid = if entry.uid.is_empty() {
                None
            } else {
                self.store.get(&entry.uid)?
            };
            let by_id = if entry.id.is_empty() {
                None
            } else {
                self.store.get(&entry.id)?
            };
            let existing = match (by_uid, by_id) {
                (Some(a), Some(b)) if a.0.uid != b.0.uid => {
                    let reason = format!(
                        "uid {} hör till posten \"{}\", men id \"{}\" till en annan post",
                        entry.uid, a.0.id, entry.id
                    );
                    rows.push(reject(Some(&entry), reason));
                    continue;
                }
                (Some(found), _) | (None, Some(found)) => Some(found),
                (None, None) => None,
            };
            match existing {
                Some((_, true)) => {
                    let reason = "posten ligger i papperskorgen; återställ den först".to_owned();
                    rows.push(reject(Some(&entry), reason));
                }
                Some((current, false)) => {
                    if !entry.id.is_empty() && entry.id != current.id && entry.uid == current.uid {
                        let reason = format!(
                            "id \"{}\" skiljer sig från postens id \"{}\"; id kan inte ändras",
                            entry.id, current.id
                        );
                        rows.push(reject(Some(&entry), reason));
                        continue;
                    }
                    entry.id = current.id.clone();
                    entry.uid = current.uid.clone();
                    entry.origin = current.origin.clone();
                    entry.created_at = current.created_at.clone();
                    if !candidate.sets_status {
                        entry.status = current.status;
                    }
                    entry.revision = current.revision;
                    entry.updated_at = current.updated_at.clone();
                    let changed: Vec<String> = model::diff::diff(&current, &entry, &focus)
                        .into_iter()
                        .map(|c| c.label)
                        .collect();
                    if changed.is_empty() {
                        rows.push(ImportRow {
                            row: row.clone(),
                            action: ImportAction::Unchanged,
                            id: entry.id.clone(),
                            title: entry.title.clone(),
                            reason: String::new(),
                        });
                    } else {
                        rows.push(ImportRow {
                            row: row.clone(),
                            action: ImportAction::Update,
                            id: entry.id.clone(),
                            title: entry.title.clone(),
                            reason: format!("ändrar: {}", changed.join(", ")),
                        });
                        entry.revision = current.revision + 1;
                        planned.push(Planned::Update(entry, current.revision));
                    }
                }
                None => {
                    if entry.id.is_empty() {
                        entry.id = self.free_id(&text::slugify(&entry.title), &new_ids)?;
                    }
                    new_ids.insert(entry.id.clone());
                    if entry.uid.is_empty() {
                        entry.uid = uuid::Uuid::new_v4().to_string();
                    }
                    if entry.origin.is_empty() {
                        entry.origin = origin.clone();
                    }
                    if !candidate.sets_status {
                        entry.status = model::Status::Utkast;
                    }
                    entry.revision = 1;
                    rows.push(ImportRow {
                        row: row.clone(),
                        action: ImportAction::Create,
                        id: entry.id.clone(),
                        title: entry.title.clone(),
                        reason: String::new(),
                    });
                    planned.push(Planned::Create(entry));
                }
            }
        }
        Ok((rows, planned))
    }
}
