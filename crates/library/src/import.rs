//! Import of entries from JSON (an object, an array or JSON Lines), CSV and XLSX.
//!
//! An import is planned first ([`crate::plan`]), row by row: each row becomes a new entry, an
//! update of the entry with its `uid` or `id`, "unchanged", or a rejection with the reason. A
//! dry run prints that plan; a real import applies the same plan, so the dry run predicts it
//! exactly. It is all or nothing: one rejected row and nothing is written. Otherwise a backup
//! of the library is made and every row lands in one transaction.

use std::collections::HashSet;

use crate::Library;
use crate::plan::{Claims, Plan, Step, WriteReport, WriteSource};
use model::Entry;
use model::error::{Error, Result};
use model::validate;
use share::tabular::{self, ColumnMap};

/// The largest file an import reads.
pub const MAX_IMPORT_BYTES: usize = 100 * 1024 * 1024;

/// A row read from the file: where it is, the entry or why it could not be read, and
/// whether it sets the status (an update otherwise keeps the entry's own).
struct Candidate {
    row: String,
    entry: Result<Entry>,
    sets_status: bool,
    /// The row's title as written, to name a row that cannot become an entry.
    title: String,
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
                    title: model::text::label(columns.cell(&cells, "title")),
                })
                .collect()
        }
    };
    Ok((format, candidates))
}

fn json_rows(name: &str, text: &str, format: &str) -> Result<Vec<Candidate>> {
    let one = |row: String, value: serde_json::Value| Candidate {
        sets_status: value.get("status").is_some(),
        title: model::text::label(value.get("title").and_then(|t| t.as_str()).unwrap_or("")),
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
                title: String::new(),
            }),
        }
    }
    Ok(rows)
}

impl Library {
    /// Imports the file `name` with content `bytes`. Returns the report; `applied` is false
    /// when it was a dry run or a row was rejected (then nothing was written).
    pub fn import(
        &mut self,
        name: &str,
        bytes: &[u8],
        mapping: Option<&str>,
        dry_run: bool,
    ) -> Result<WriteReport> {
        let (format, candidates) = read(name, bytes, mapping, self)?;
        if candidates.is_empty() {
            return Err(Error::invalid(format!("{name}: filen har inga poster")));
        }
        let plan = self.plan_import(candidates)?;
        let mut report = self.apply(
            plan,
            dry_run,
            Some("import"),
            &format!("importerad från {name}"),
        )?;
        report.format = format.to_owned();
        Ok(report)
    }

    /// Decides what happens to each row, without writing.
    fn plan_import(&self, candidates: Vec<Candidate>) -> Result<Plan> {
        let focus = self.store.focus_areas()?;
        let mut plan = self.new_plan(WriteSource::Import)?;
        let mut claims = Claims::default();
        for candidate in candidates {
            let row = candidate.row;
            let mut entry = match candidate.entry {
                Ok(entry) => entry,
                Err(problem) => {
                    plan.reject_titled(row, &candidate.title, problem);
                    continue;
                }
            };
            plan.drop_erased(&mut entry);
            if let Err(problem) = self
                .check_incoming(&mut entry, &focus)
                .and_then(|()| claims.check_unique(&entry, &row))
                .and_then(|()| self.check_attachment_files(&entry, &HashSet::new()))
            {
                plan.reject(row, Some(&entry), problem);
                continue;
            }
            let find = |key: &str| -> Result<Option<(Entry, bool)>> {
                if key.is_empty() {
                    Ok(None)
                } else {
                    self.store.get(key)
                }
            };
            let existing = match (find(&entry.uid)?, find(&entry.id)?) {
                (Some(a), Some(b)) if a.0.uid != b.0.uid => {
                    let problem = Error::field(
                        "uid",
                        format!(
                            "uid {} hör till posten \"{}\", men id \"{}\" till en annan post",
                            entry.uid, a.0.id, entry.id
                        ),
                    );
                    plan.reject(row, Some(&entry), problem);
                    continue;
                }
                (Some(found), _) | (None, Some(found)) => Some(found),
                (None, None) => None,
            };
            match existing {
                Some((_, true)) => {
                    let problem = Error::conflict(
                        "posten ligger i papperskorgen; återställ den först".to_owned(),
                    );
                    plan.reject(row, Some(&entry), problem);
                }
                Some((current, false)) => {
                    if !entry.id.is_empty() && entry.id != current.id {
                        let problem = Error::field(
                            "id",
                            format!(
                                "\"{}\" skiljer sig från postens id \"{}\"; id kan inte ändras",
                                entry.id, current.id
                            ),
                        );
                        plan.reject(row, Some(&entry), problem);
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
                        plan.unchanged(row, &entry, String::new());
                    } else {
                        let reason = format!("ändrar: {}", changed.join(", "));
                        let step = Step::Update {
                            entry,
                            current: current.revision,
                            received: None,
                        };
                        plan.write(row, step, reason);
                    }
                }
                None => {
                    self.new_identity(&mut entry, &mut claims, false)?;
                    if !candidate.sets_status {
                        entry.status = model::Status::Utkast;
                    }
                    entry.created_at.clear();
                    let step = Step::Create {
                        entry,
                        received: None,
                    };
                    plan.write(row, step, String::new());
                }
            }
        }
        Ok(plan)
    }
}
