//! Import of entries from JSON (an object, an array or JSON Lines), CSV and XLSX.
//!
//! An import is planned first ([`crate::plan`]), row by row: each row becomes a new entry, an
//! update of the entry with its `uid` or `id`, "unchanged", or a rejection with the reason. A
//! dry run prints that plan; a real import applies the same plan, so the dry run predicts it
//! exactly. By default it is all or nothing: one rejected row and nothing is written. With
//! `accept_valid` the valid rows are written and the refused ones come back as a rejects file
//! to fix and import again. Either way a backup of the library is made first and every row
//! lands in one transaction.
//!
//! On the way in, each row gets its language (the file's column, the mapping's, or detected
//! from its text), and a summary over the limit moves to a section when the mapping says so.

use std::collections::HashSet;

use crate::Library;
use crate::plan::{Claims, Plan, Step, WriteAction, WriteReport, WriteSource};
use model::error::{Error, Result};
use model::validate::{self, MAX_SUMMARY_CHARS};
use model::{Entry, Language, SectionKey};
use share::tabular::{self, ColumnMap, Mapping};

/// How to import a file: its mapping (columns, value maps, language, where long summaries go)
/// and whether valid rows are written when others are refused.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub mapping: Mapping,
    /// Write the valid rows and return the refused ones as a rejects file.
    pub accept_valid: bool,
    pub dry_run: bool,
}

/// The largest file an import reads.
pub const MAX_IMPORT_BYTES: usize = 100 * 1024 * 1024;

/// A row read from the file: where it is, the entry or why it could not be read, and
/// whether it sets the status (an update otherwise keeps the entry's own).
struct Candidate {
    row: String,
    entry: Result<Entry>,
    sets_status: bool,
    /// Whether the row names its language (else it is the mapping's or detected).
    sets_language: bool,
    /// The row's title as written, to name a row that cannot become an entry.
    title: String,
    /// What happened on the way in (a long summary moved, a language detected), for the
    /// report.
    notes: Vec<String>,
}

/// What was read from a file: its format, the rows, and for a sheet its header row, each
/// row's cells (for the rejects file) and the columns skipped.
struct Read {
    format: &'static str,
    candidates: Vec<Candidate>,
    headers: Vec<String>,
    cells: Vec<Vec<String>>,
    skipped: Vec<String>,
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
fn read(name: &str, bytes: &[u8], mapping: &Mapping, library: &Library) -> Result<Read> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(Error::invalid(format!(
            "{name}: filen är {} MB; importen läser högst {} MB",
            bytes.len() / (1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    let format = format_of(name)?;
    match format {
        "json" | "jsonl" => {
            if !mapping.columns.is_empty() || !mapping.values.is_empty() {
                return Err(Error::invalid(
                    "--map och --values gäller kalkylblad (CSV, XLSX); JSON-filer har fältens \
                     egna namn",
                ));
            }
            Ok(Read {
                format,
                candidates: json_rows(name, &utf8(name, bytes)?, format)?,
                headers: Vec::new(),
                cells: Vec::new(),
                skipped: Vec::new(),
            })
        }
        _ => {
            let (headers, rows) = sheet(name, format, bytes)?;
            let columns = ColumnMap::new(&headers, mapping)?;
            let focus = library.store.focus_areas()?;
            let rows: Vec<(usize, Vec<String>)> = rows
                .into_iter()
                .enumerate()
                .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
                .collect();
            let candidates = rows
                .iter()
                .map(|(i, cells)| Candidate {
                    row: format!("rad {}", i + 2),
                    entry: columns.entry(cells, &focus),
                    sets_status: columns.has("status"),
                    sets_language: !columns.cell(cells, "language").is_empty(),
                    title: model::text::label(columns.cell(cells, "title")),
                    notes: Vec::new(),
                })
                .collect();
            Ok(Read {
                format,
                candidates,
                headers,
                cells: rows.into_iter().map(|(_, cells)| cells).collect(),
                skipped: columns.skipped,
            })
        }
    }
}

/// A sheet's header row and its other rows.
fn sheet(name: &str, format: &str, bytes: &[u8]) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let mut rows = if format == "csv" {
        tabular::csv_rows(&utf8(name, bytes)?)?
    } else {
        tabular::sheet_rows(bytes)?
    };
    if rows.is_empty() {
        return Err(Error::invalid(format!("{name}: filen är tom")));
    }
    let headers = rows.remove(0);
    Ok((headers, rows))
}

/// A mapping file to start from for the sheet `name`: see [`tabular::suggest_mapping`].
pub fn suggest_mapping(name: &str, bytes: &[u8]) -> Result<String> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(Error::invalid(format!(
            "{name}: filen är större än {} MB",
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    let format = format_of(name)?;
    if format == "json" || format == "jsonl" {
        return Err(Error::invalid(
            "--suggest-mapping gäller kalkylblad (CSV, XLSX); JSON-filer har fältens egna namn",
        ));
    }
    let (headers, rows) = sheet(name, format, bytes)?;
    let file = std::path::Path::new(name)
        .file_name()
        .map_or_else(|| name.to_owned(), |f| f.to_string_lossy().into_owned());
    Ok(tabular::suggest_mapping(&file, &headers, &rows))
}

/// Moves a summary over the limit into `section` (before what the section has) and keeps its
/// first sentences as the summary. Returns what the report says, or `None` when it fits.
fn move_long_summary(entry: &mut Entry, section: SectionKey) -> Option<String> {
    let chars = entry.summary.chars().count();
    if chars <= MAX_SUMMARY_CHARS {
        return None;
    }
    let text = std::mem::take(&mut entry.summary);
    let (summary, sentences) = first_sentences(&text);
    entry.summary = summary;
    // The summary is no place for it: the description of a case is its solution.
    let section = match section {
        SectionKey::Summary => SectionKey::Solution,
        other => other,
    };
    let slot = entry
        .sections
        .text_mut(section)
        .expect("a section other than the summary");
    *slot = if slot.trim().is_empty() {
        text
    } else {
        format!("{text}\n\n{slot}")
    };
    let heading = section.heading();
    Some(match sentences {
        Some(n) => format!(
            "sammanfattningen ({chars} tecken) flyttades till avsnittet {heading}; \
             {} blev sammanfattning",
            if n == 1 {
                "första meningen".to_owned()
            } else {
                format!("de {n} första meningarna")
            }
        ),
        None => format!(
            "sammanfattningen ({chars} tecken) flyttades till avsnittet {heading}; dess första \
             mening är längre än {MAX_SUMMARY_CHARS} tecken, så sammanfattningen är dess början \
             fram till \"…\""
        ),
    })
}

/// The first sentences of a text as a summary: whole sentences up to about 500 characters
/// (at least one), and how many; a first sentence over the limit is cut at a word and ends in
/// "…" (then the count is `None`).
fn first_sentences(text: &str) -> (String, Option<usize>) {
    const ENOUGH: usize = 300;
    const AT_MOST: usize = 600;
    let mut end = 0;
    let mut count = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        if matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace) {
            let candidate = i + c.len_utf8();
            let length = text[..candidate].chars().count();
            if count > 0 && length > AT_MOST {
                break;
            }
            if length > MAX_SUMMARY_CHARS {
                break;
            }
            end = candidate;
            count += 1;
            if length >= ENOUGH {
                break;
            }
        }
    }
    if count > 0 {
        return (text[..end].trim().to_owned(), Some(count));
    }
    let mut cut = String::new();
    for word in text.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 2 > MAX_SUMMARY_CHARS {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    cut.push('…');
    (cut, None)
}

fn json_rows(name: &str, text: &str, format: &str) -> Result<Vec<Candidate>> {
    let one = |row: String, value: serde_json::Value| Candidate {
        sets_status: value.get("status").is_some(),
        sets_language: value.get("language").is_some(),
        title: model::text::label(value.get("title").and_then(|t| t.as_str()).unwrap_or("")),
        entry: validate::parse_entry(&value.to_string()),
        row,
        notes: Vec::new(),
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
                sets_language: false,
                title: String::new(),
                notes: Vec::new(),
            }),
        }
    }
    Ok(rows)
}

impl Library {
    /// Imports the file `name` with content `bytes`. Returns the report; `applied` is false
    /// when it was a dry run or a row was rejected without `accept_valid` (then nothing was
    /// written). With `accept_valid` the report carries the refused rows as a rejects file.
    pub fn import(
        &mut self,
        name: &str,
        bytes: &[u8],
        options: &ImportOptions,
    ) -> Result<WriteReport> {
        let mapping = &options.mapping;
        let long_summary = mapping.long_summary_section()?;
        let language = mapping.language()?;
        let Read {
            format,
            mut candidates,
            headers,
            cells,
            skipped,
        } = read(name, bytes, mapping, self)?;
        if candidates.is_empty() {
            return Err(Error::invalid(format!("{name}: filen har inga poster")));
        }
        for candidate in &mut candidates {
            let Ok(entry) = &mut candidate.entry else {
                continue;
            };
            if let Some(section) = long_summary
                && let Some(note) = move_long_summary(entry, section)
            {
                candidate.notes.push(note);
            }
            if !candidate.sets_language {
                if let Some(language) = language {
                    entry.language = language;
                } else if let Some(found) = detect(entry) {
                    entry.language = found;
                    if found != Language::Sv {
                        candidate
                            .notes
                            .push(format!("språket {} igenkänt", found.label().to_lowercase()));
                    }
                }
            }
        }
        let mut plan = self.plan_import(candidates)?;
        let rejects = if options.accept_valid && plan.is_rejected() {
            plan.accept_valid();
            let refused: Vec<(Vec<String>, String)> = plan
                .rows()
                .iter()
                .zip(&cells)
                .filter(|(row, _)| row.action == WriteAction::Reject)
                .map(|(row, cells)| (cells.clone(), row.reason.clone()))
                .collect();
            (!headers.is_empty())
                .then(|| tabular::rejects_csv(&headers, &refused))
                .transpose()?
        } else {
            None
        };
        let mut report = self.apply(
            plan,
            options.dry_run,
            Some("import"),
            &format!("importerad från {name}"),
        )?;
        report.format = format.to_owned();
        report.skipped_columns = skipped;
        report.rejects_csv = rejects;
        Ok(report)
    }

    /// Decides what happens to each row, without writing.
    fn plan_import(&self, candidates: Vec<Candidate>) -> Result<Plan> {
        let focus = self.store.focus_areas()?;
        let mut plan = self.new_plan(WriteSource::Import)?;
        let mut claims = Claims::default();
        for candidate in candidates {
            let row = candidate.row;
            let notes = candidate.notes.join("; ");
            let with_notes = |reason: String| match (reason.is_empty(), notes.is_empty()) {
                (_, true) => reason,
                (true, false) => notes.clone(),
                (false, false) => format!("{reason}; {notes}"),
            };
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
                        plan.unchanged(row, &entry, with_notes(String::new()));
                    } else {
                        let reason = with_notes(format!("ändrar: {}", changed.join(", ")));
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
                    plan.write(row, step, with_notes(String::new()));
                }
            }
        }
        Ok(plan)
    }
}

/// The language of an entry's text, when it can be told (see [`tabular::detect_language`]).
fn detect(entry: &Entry) -> Option<Language> {
    let mut text = format!("{}. {}", entry.title, entry.summary);
    for (_, section) in entry.sections.iter() {
        if text.len() > 2_000 {
            break;
        }
        text.push('\n');
        text.push_str(section);
    }
    tabular::detect_language(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentences_are_whole_sentences_within_the_limit() {
        let long = format!("{} Sista.", "Ett kort fall om mat. ".repeat(60));
        let (summary, n) = first_sentences(&long);
        assert!(
            summary.ends_with('.') && summary.chars().count() <= 600,
            "{summary}"
        );
        assert!(n.unwrap() >= 2);
        let one = "ord ".repeat(500);
        let (summary, n) = first_sentences(&one);
        assert_eq!(n, None);
        assert!(summary.ends_with('…') && summary.chars().count() <= MAX_SUMMARY_CHARS);
    }
}
