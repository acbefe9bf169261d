//! Erasing a person's contact data (GDPR) from the entries, every revision and backups.

use std::path::Path;

use rusqlite::{Connection, params};

use model::error::{Error, Result};

use crate::Store;

impl Store {
    /// Removes the contacts named `name` from every entry and every revision (GDPR erasure).
    pub fn erase_contact(&mut self, name: &str) -> Result<Erasure> {
        let erasure = erase_contact(&mut self.conn, name, true)?;
        // The old pages also live in the write-ahead log until a checkpoint copies them.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(erasure)
    }
}

/// What an erasure changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Erasure {
    pub entries: u32,
    pub revisions: u32,
}

/// Erases a person's contacts from a backup copy of a library (a database file that is not
/// open), and compacts the file so the old pages are gone. Returns what was erased.
pub fn erase_contact_in_backup(path: &Path, name: &str) -> Result<Erasure> {
    let mut conn = Connection::open(path)?;
    let erased = erase_contact(&mut conn, name, false)?;
    if erased.revisions > 0 || erased.entries > 0 {
        conn.execute_batch("VACUUM")?;
    }
    Ok(erased)
}

/// Removes the contacts whose name is `name` (compared without case and extra spaces) from
/// the current entries and every revision in `conn`, in one transaction. With `log`, the
/// changed entries go to the change log so the index follows.
fn erase_contact(conn: &mut Connection, name: &str, log: bool) -> Result<Erasure> {
    let wanted = contact_key(name);
    if wanted.is_empty() {
        return Err(Error::field("namn", "tomt namn"));
    }
    let strip = |body: &str| -> Result<Option<String>> {
        let mut value: serde_json::Value = serde_json::from_str(body).map_err(|e| {
            Error::new(
                model::error::ErrorCode::Database,
                format!("en sparad post kan inte läsas: {e}"),
            )
        })?;
        let Some(contacts) = value.get_mut("contacts").and_then(|c| c.as_array_mut()) else {
            return Ok(None);
        };
        let before = contacts.len();
        contacts.retain(|c| {
            c.get("name")
                .and_then(|n| n.as_str())
                .is_none_or(|n| contact_key(n) != wanted)
        });
        if contacts.len() == before {
            return Ok(None);
        }
        Ok(Some(value.to_string()))
    };
    conn.pragma_update(None, "secure_delete", "ON")?;
    let tx = conn.transaction()?;
    let mut erasure = Erasure::default();
    let rows: Vec<(String, String)> = {
        let mut stmt = tx.prepare("SELECT uid, body FROM entries")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    for (uid, body) in rows {
        if let Some(body) = strip(&body)? {
            tx.execute(
                "UPDATE entries SET body = ?2 WHERE uid = ?1",
                params![uid, body],
            )?;
            if log {
                tx.execute("INSERT INTO changes (uid) VALUES (?1)", [&uid])?;
            }
            erasure.entries += 1;
        }
    }
    let rows: Vec<(String, u32, String)> = {
        let mut stmt = tx.prepare("SELECT uid, revision, body FROM revisions")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?
    };
    for (uid, revision, body) in rows {
        if let Some(body) = strip(&body)? {
            tx.execute(
                "UPDATE revisions SET body = ?3 WHERE uid = ?1 AND revision = ?2",
                params![uid, revision, body],
            )?;
            erasure.revisions += 1;
        }
    }
    tx.commit()?;
    Ok(erasure)
}

/// A person's name as erasure compares it: composed, lower case, single spaces.
fn contact_key(name: &str) -> String {
    model::text::nfc(name)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
