//! Personal collections: named lists of entries ("Mina listor") and saved searches.
//!
//! They belong to the person using the library, not to the entries: they are kept by entry
//! `uid` (so they survive imports and bundles, which merge on `uid`), have no revisions, and
//! `serve` never shows them.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Store;
use model::error::{Error, Result};
use model::query::SearchRequest;

/// The longest name of a list or saved search, in characters.
const MAX_NAME_CHARS: usize = 120;

/// A named list of entries, in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EntryList {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// The `uid`s of the entries, oldest first.
    pub entries: Vec<String>,
}

/// A search kept under a name, with its filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SavedSearch {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub request: SearchRequest,
}

fn clean_name(name: &str) -> Result<String> {
    let name = model::text::nfc(name.trim());
    if name.is_empty() {
        return Err(Error::field("name", "namn saknas"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::field(
            "name",
            format!("för långt namn (högst {MAX_NAME_CHARS} tecken)"),
        ));
    }
    Ok(name)
}

fn unique_violation(err: &rusqlite::Error) -> bool {
    matches!(
        err,
        rusqlite::Error::SqliteFailure(e, _) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}

/// Every list with its entries, sorted by name in Swedish order.
pub fn lists(store: &Store) -> Result<Vec<EntryList>> {
    let conn = store.conn();
    let mut stmt = conn.prepare_cached("SELECT id, name FROM lists")?;
    let heads: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut items =
        conn.prepare_cached("SELECT uid FROM list_items WHERE list_id = ?1 ORDER BY position")?;
    let mut out = Vec::with_capacity(heads.len());
    for (id, name) in heads {
        let entries = items
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        out.push(EntryList { id, name, entries });
    }
    out.sort_by(|a, b| model::collate::swedish_cmp(&a.name, &b.name));
    Ok(out)
}

fn list(store: &Store, id: i64) -> Result<EntryList> {
    lists(store)?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| Error::not_found(format!("ingen lista med nummer {id}")))
}

pub fn create_list(store: &Store, name: &str, at: &str) -> Result<EntryList> {
    let name = clean_name(name)?;
    match store.conn().execute(
        "INSERT INTO lists (name, created_at) VALUES (?1, ?2)",
        params![name, at],
    ) {
        Ok(_) => list(store, store.conn().last_insert_rowid()),
        Err(e) if unique_violation(&e) => Err(Error::conflict(format!(
            "det finns redan en lista som heter \"{name}\""
        ))),
        Err(e) => Err(e.into()),
    }
}

pub fn rename_list(store: &Store, id: i64, name: &str) -> Result<EntryList> {
    let name = clean_name(name)?;
    match store.conn().execute(
        "UPDATE lists SET name = ?2 WHERE id = ?1",
        params![id, name],
    ) {
        Ok(0) => Err(Error::not_found(format!("ingen lista med nummer {id}"))),
        Ok(_) => list(store, id),
        Err(e) if unique_violation(&e) => Err(Error::conflict(format!(
            "det finns redan en lista som heter \"{name}\""
        ))),
        Err(e) => Err(e.into()),
    }
}

pub fn delete_list(store: &Store, id: i64) -> Result<()> {
    match store
        .conn()
        .execute("DELETE FROM lists WHERE id = ?1", [id])?
    {
        0 => Err(Error::not_found(format!("ingen lista med nummer {id}"))),
        _ => Ok(()),
    }
}

/// Adds an entry (by uid) to the end of a list; adding it again changes nothing.
pub fn add_to_list(store: &Store, id: i64, uid: &str, at: &str) -> Result<EntryList> {
    list(store, id)?;
    let conn = store.conn();
    let next: i64 = conn.query_row(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM list_items WHERE list_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT OR IGNORE INTO list_items (list_id, uid, position, added_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, uid, next, at],
    )?;
    list(store, id)
}

pub fn remove_from_list(store: &Store, id: i64, uid: &str) -> Result<EntryList> {
    list(store, id)?;
    store.conn().execute(
        "DELETE FROM list_items WHERE list_id = ?1 AND uid = ?2",
        params![id, uid],
    )?;
    list(store, id)
}

pub fn saved_searches(store: &Store) -> Result<Vec<SavedSearch>> {
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT id, name, request FROM saved_searches")?;
    let rows: Vec<(i64, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, name, request) in rows {
        // A request saved by an older version reads with defaults for what it lacked.
        let request = serde_json::from_str(&request).unwrap_or_default();
        out.push(SavedSearch { id, name, request });
    }
    out.sort_by(|a, b| model::collate::swedish_cmp(&a.name, &b.name));
    Ok(out)
}

/// Saves a search under a name, replacing one with the same name.
pub fn save_search(
    store: &Store,
    name: &str,
    request: &SearchRequest,
    at: &str,
) -> Result<SavedSearch> {
    let name = clean_name(name)?;
    let mut request = request.clone();
    request.offset = None;
    let json = serde_json::to_string(&request).expect("requests serialise");
    store.conn().execute(
        "INSERT INTO saved_searches (name, request, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET request = excluded.request",
        params![name, json, at],
    )?;
    let id: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM saved_searches WHERE name = ?1",
            [&name],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::library("den sparade sökningen försvann"))?;
    Ok(SavedSearch { id, name, request })
}

pub fn delete_saved_search(store: &Store, id: i64) -> Result<()> {
    match store
        .conn()
        .execute("DELETE FROM saved_searches WHERE id = ?1", [id])?
    {
        0 => Err(Error::not_found(format!(
            "ingen sparad sökning med nummer {id}"
        ))),
        _ => Ok(()),
    }
}
