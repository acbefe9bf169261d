//! Erasing a person (GDPR): their contact entries and every mention of their name, in every
//! table of the library and in its backups, remembered so that it stays erased.
//!
//! Erasure rewrites history on purpose. A contact whose name is the person's goes; the name
//! anywhere else (case text, revision comments, notes, attachment texts, saved searches, list
//! names, incoming versions waiting for review) becomes [`REDACTED`]. The library remembers
//! the erasure as a keyed hash of the name (HMAC-SHA256 with a random key of the library's),
//! never the name itself, and later imports and bundle merges drop that person's contacts.

use std::collections::HashSet;
use std::path::Path;

use hmac::{Hmac, KeyInit, Mac};
use rusqlite::{Connection, Transaction, params};
use sha2::Sha256;

use model::error::{Error, ErrorCode, Result};

use crate::Store;

/// What an erased name becomes in free text.
pub const REDACTED: &str = "[namn borttaget]";

/// The library value that holds the key of the erasure hashes.
const ERASURE_KEY: &str = "erasure_key";

/// What an erasure changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Erasure {
    /// Current entries changed.
    pub entries: u32,
    /// Revisions changed (their content or their comment).
    pub revisions: u32,
    /// Other places changed: notes, attachment texts, saved searches, lists, incoming
    /// versions.
    pub other: u32,
}

/// The people a library has erased, to test contact names against.
pub struct ErasedPeople {
    key: Vec<u8>,
    hashes: HashSet<String>,
}

impl ErasedPeople {
    /// Whether `name` is the name of an erased person (compared as erasure compares).
    pub fn contains(&self, name: &str) -> bool {
        !self.hashes.is_empty() && self.hashes.contains(&name_hash(&self.key, name))
    }
}

impl Store {
    /// Erases the person `name` from every table and remembers it (see the module). The
    /// write-ahead log is checkpointed, so the old pages are gone from it as well.
    pub fn erase_person(&mut self, name: &str, at: &str) -> Result<Erasure> {
        let key = self.erasure_key()?;
        let hash = name_hash(&key, name);
        let erasure = erase(&mut self.conn, name, true, Some((&hash, at)))?;
        self.checkpoint()?;
        Ok(erasure)
    }

    /// The people this library has erased.
    pub fn erased_people(&self) -> Result<ErasedPeople> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name_hash FROM erased_people")?;
        let hashes: HashSet<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let key = if hashes.is_empty() {
            Vec::new()
        } else {
            self.erasure_key_value()?.unwrap_or_default()
        };
        Ok(ErasedPeople { key, hashes })
    }

    fn erasure_key_value(&self) -> Result<Option<Vec<u8>>> {
        Ok(self.meta(ERASURE_KEY)?.and_then(|k| hex::decode(k).ok()))
    }

    /// The key of the erasure hashes, made the first time it is needed.
    fn erasure_key(&mut self) -> Result<Vec<u8>> {
        if let Some(key) = self.erasure_key_value()? {
            return Ok(key);
        }
        let mut key = vec![0u8; 32];
        getrandom::fill(&mut key)
            .map_err(|e| Error::new(ErrorCode::Io, format!("slumptal saknas: {e}")))?;
        self.set_meta(ERASURE_KEY, &hex::encode(&key))?;
        Ok(key)
    }
}

/// Erases a person from a backup copy of a library (a database file that is not open), and
/// compacts the file so the old pages are gone. `name_hash` is remembered in the copy too, if
/// it is new enough to have the table. Returns what was erased.
pub fn erase_person_in_backup(
    path: &Path,
    name: &str,
    remember: Option<(&str, &str)>,
) -> Result<Erasure> {
    let mut conn = Connection::open(path)?;
    let has_table: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE name = 'erased_people')",
        [],
        |r| r.get(0),
    )?;
    let erased = erase(&mut conn, name, false, remember.filter(|_| has_table))?;
    conn.execute_batch("VACUUM")?;
    Ok(erased)
}

/// The keyed hash a store remembers for an erased name, for [`erase_person_in_backup`].
pub fn remembered_hash(store: &Store, name: &str) -> Result<Option<String>> {
    Ok(store.erasure_key_value()?.map(|key| name_hash(&key, name)))
}

/// A person's name as erasure compares it: composed, lower case, single spaces.
fn contact_key(name: &str) -> String {
    model::text::nfc(name)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn name_hash(key: &[u8], name: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(contact_key(name).as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Finds a name in text and in entries.
struct Redactor {
    wanted: String,
    pattern: regex::Regex,
}

impl Redactor {
    fn new(name: &str) -> Result<Redactor> {
        let wanted = contact_key(name);
        if wanted.is_empty() {
            return Err(Error::field("namn", "tomt namn"));
        }
        let words: Vec<String> = wanted.split(' ').map(regex::escape).collect();
        let pattern = regex::RegexBuilder::new(&format!(r"\b{}\b", words.join(r"\s+")))
            .case_insensitive(true)
            .build()
            .map_err(|e| Error::field("namn", format!("kan inte sökas efter: {e}")))?;
        Ok(Redactor { wanted, pattern })
    }

    /// `text` with the name replaced, or `None` when it does not occur.
    fn text(&self, text: &str) -> Option<String> {
        self.pattern
            .is_match(text)
            .then(|| self.pattern.replace_all(text, REDACTED).into_owned())
    }

    /// An entry (its JSON) without the person's contacts and with the name replaced
    /// everywhere else, or `None` when it has neither.
    fn entry(&self, body: &str) -> Result<Option<String>> {
        let mut value: serde_json::Value = serde_json::from_str(body).map_err(|e| {
            Error::new(
                ErrorCode::Database,
                format!("en sparad post kan inte läsas: {e}"),
            )
        })?;
        let mut changed = self.contacts(&mut value);
        // An uptake's contacts, too.
        if let Some(uptakes) = value.get_mut("uptakes").and_then(|u| u.as_array_mut()) {
            for uptake in uptakes {
                changed |= self.contacts(uptake);
            }
        }
        changed |= self.strings(&mut value);
        Ok(changed.then(|| value.to_string()))
    }

    /// Drops the person's contacts from the `contacts` of `holder` (an entry or an uptake);
    /// whether any was there.
    fn contacts(&self, holder: &mut serde_json::Value) -> bool {
        let Some(contacts) = holder.get_mut("contacts").and_then(|c| c.as_array_mut()) else {
            return false;
        };
        let before = contacts.len();
        contacts.retain(|c| {
            c.get("name")
                .and_then(|n| n.as_str())
                .is_none_or(|n| contact_key(n) != self.wanted)
        });
        contacts.len() != before
    }

    fn strings(&self, value: &mut serde_json::Value) -> bool {
        match value {
            serde_json::Value::String(s) => match self.text(s) {
                Some(redacted) => {
                    *s = redacted;
                    true
                }
                None => false,
            },
            serde_json::Value::Array(items) => items
                .iter_mut()
                .fold(false, |changed, v| self.strings(v) | changed),
            serde_json::Value::Object(map) => map
                .values_mut()
                .fold(false, |changed, v| self.strings(v) | changed),
            _ => false,
        }
    }
}

/// Rows of `sql` (a key and a text per row) that `change` rewrites, written back with
/// `update` (the key, then the new text). Returns how many rows changed.
fn rewrite(
    tx: &Transaction,
    sql: &str,
    update: &str,
    mut change: impl FnMut(&str) -> Result<Option<String>>,
) -> Result<u32> {
    let rows: Vec<(rusqlite::types::Value, String)> = {
        let mut stmt = tx.prepare(sql)?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    let mut n = 0;
    for (key, text) in rows {
        if let Some(new) = change(&text)? {
            tx.execute(update, params![key, new])?;
            n += 1;
        }
    }
    Ok(n)
}

/// Erases `name` from every table in `conn`, in one transaction. With `log`, changed entries
/// go to the change log so the index follows; with `remember`, the name's hash and the time
/// are recorded.
fn erase(
    conn: &mut Connection,
    name: &str,
    log: bool,
    remember: Option<(&str, &str)>,
) -> Result<Erasure> {
    let redact = Redactor::new(name)?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    let tx = crate::write_transaction(conn)?;
    let mut erasure = Erasure::default();
    let text = |t: &str| Ok(redact.text(t));
    let entry = |t: &str| redact.entry(t);

    let rows: Vec<(String, String)> = {
        let mut stmt = tx.prepare("SELECT uid, body FROM entries")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    for (uid, body) in rows {
        if let Some(body) = redact.entry(&body)? {
            let title: String = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v.get("title")?.as_str().map(str::to_owned))
                .unwrap_or_default();
            tx.execute(
                "UPDATE entries SET body = ?2, title = ?3 WHERE uid = ?1",
                params![uid, body, title],
            )?;
            if log {
                tx.execute("INSERT INTO changes (uid) VALUES (?1)", [&uid])?;
            }
            erasure.entries += 1;
        }
    }
    let rows: Vec<(i64, String, String)> = {
        let mut stmt = tx.prepare("SELECT rowid, body, comment FROM revisions")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?
    };
    for (rowid, body, comment) in rows {
        let new_body = redact.entry(&body)?;
        let new_comment = redact.text(&comment);
        if new_body.is_some() || new_comment.is_some() {
            tx.execute(
                "UPDATE revisions SET body = ?2, comment = ?3 WHERE rowid = ?1",
                params![
                    rowid,
                    new_body.unwrap_or(body),
                    new_comment.unwrap_or(comment)
                ],
            )?;
            erasure.revisions += 1;
        }
    }
    erasure.other += rewrite(
        &tx,
        "SELECT rowid, body FROM incoming",
        "UPDATE incoming SET body = ?2 WHERE rowid = ?1",
        entry,
    )?;
    for (sql, update) in [
        (
            "SELECT uid, text FROM notes",
            "UPDATE notes SET text = ?2 WHERE uid = ?1",
        ),
        (
            "SELECT sha256, text FROM attachment_texts",
            "UPDATE attachment_texts SET text = ?2 WHERE sha256 = ?1",
        ),
        (
            "SELECT id, name FROM saved_searches",
            "UPDATE saved_searches SET name = ?2 WHERE id = ?1",
        ),
        (
            "SELECT id, request FROM saved_searches",
            "UPDATE saved_searches SET request = ?2 WHERE id = ?1",
        ),
        (
            "SELECT id, name FROM lists",
            "UPDATE lists SET name = ?2 WHERE id = ?1",
        ),
    ] {
        erasure.other += rewrite(&tx, sql, update, text)?;
    }
    if let Some((hash, at)) = remember {
        tx.execute(
            "INSERT OR IGNORE INTO erased_people (name_hash, erased_at) VALUES (?1, ?2)",
            params![hash, at],
        )?;
    }
    tx.commit()?;
    Ok(erasure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_found_in_any_case_and_spacing_but_not_inside_other_words() {
        let r = Redactor::new("Anna  Berg").unwrap();
        assert_eq!(
            r.text("Kontakt: anna berg, Anna\nBerg och Annaberg")
                .unwrap(),
            format!("Kontakt: {REDACTED}, {REDACTED} och Annaberg")
        );
        assert_eq!(r.text("Annika Bergström"), None);
    }

    #[test]
    fn an_entry_loses_the_contact_and_every_mention() {
        let r = Redactor::new("Anna Berg").unwrap();
        let body = serde_json::json!({
            "title": "Ett exempel",
            "contacts": [{"name": "ANNA BERG", "email": "anna@example.se"}, {"name": "Per Ek"}],
            "sections": {"results": "Anna Berg ledde arbetet."}
        })
        .to_string();
        let out: serde_json::Value =
            serde_json::from_str(&r.entry(&body).unwrap().unwrap()).unwrap();
        assert_eq!(out["contacts"].as_array().unwrap().len(), 1);
        assert!(!out.to_string().to_lowercase().contains("anna"), "{out}");
        assert_eq!(r.entry(&out.to_string()).unwrap(), None);
    }

    #[test]
    fn remembered_names_are_hashed_with_the_library_key() {
        let a = name_hash(b"key one", "Anna Berg");
        assert_eq!(a, name_hash(b"key one", " anna  BERG "));
        assert_ne!(a, name_hash(b"key two", "Anna Berg"));
        assert!(!a.contains("anna"));
    }
}
