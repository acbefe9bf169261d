//! The SQLite store: the library's only source of truth.
//!
//! Entries are kept as their exchange-format JSON beside the few columns that are queried.
//! Every write is one transaction that records a revision and appends to the change log,
//! whose sequence number the search index uses as its watermark. Nothing is deleted
//! outright: deleting moves an entry to the trash.

pub mod collections;
pub mod files;

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use rusqlite_migration::{M, Migrations};

use model::error::{Error, Result};
use model::taxonomy::FocusArea;
use model::{Entry, EntrySummary, RevisionInfo, Status, TrashedEntry};

/// The schema, one step per version. Never edit a step that has shipped; add one.
const MIGRATIONS: &[M<'static>] = &[
    M::up(
        "CREATE TABLE library (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE focus_areas (
        slug        TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        position    INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE entries (
        uid        TEXT PRIMARY KEY,
        id         TEXT NOT NULL UNIQUE,
        revision   INTEGER NOT NULL,
        status     TEXT NOT NULL,
        kind       TEXT NOT NULL,
        title      TEXT NOT NULL,
        body       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE TABLE revisions (
        uid      TEXT NOT NULL REFERENCES entries(uid) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        at       TEXT NOT NULL,
        by       TEXT NOT NULL,
        status   TEXT NOT NULL,
        comment  TEXT NOT NULL,
        body     TEXT NOT NULL,
        PRIMARY KEY (uid, revision)
    ) STRICT;
    CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        uid TEXT NOT NULL
    ) STRICT;",
    ),
    // Personal collections: lists of entries (by uid, so they survive imports and bundles)
    // and saved searches. Not entry content: no revisions, never exported with entries.
    M::up(
        "CREATE TABLE lists (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE list_items (
        list_id  INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
        uid      TEXT NOT NULL,
        position INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (list_id, uid)
    ) STRICT;
    CREATE TABLE saved_searches (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        request    TEXT NOT NULL,
        created_at TEXT NOT NULL
    ) STRICT;",
    ),
    // Curation: personal notes on entries (never part of the entry, never exported or
    // overwritten by an import), and the text extracted from attachments, by content hash.
    M::up(
        "CREATE TABLE notes (
        uid        TEXT PRIMARY KEY REFERENCES entries(uid) ON DELETE CASCADE,
        text       TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE attachment_texts (
        sha256       TEXT PRIMARY KEY,
        text         TEXT NOT NULL,
        problem      TEXT NOT NULL DEFAULT '',
        extracted_at TEXT NOT NULL
    ) STRICT;",
    ),
    // Bundles: signers this library trusts, which revision of each entry came from which
    // bundle (to tell an untouched entry from one changed locally), and incoming versions of
    // locally changed entries, kept for a curator to review instead of overwriting.
    M::up(
        "CREATE TABLE trusted_signers (
        public_key TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        trusted_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE received (
        uid             TEXT PRIMARY KEY REFERENCES entries(uid) ON DELETE CASCADE,
        origin_revision INTEGER NOT NULL,
        local_revision  INTEGER NOT NULL,
        signer          TEXT NOT NULL,
        received_at     TEXT NOT NULL
    ) STRICT;
    CREATE TABLE incoming (
        uid             TEXT NOT NULL REFERENCES entries(uid) ON DELETE CASCADE,
        origin_revision INTEGER NOT NULL,
        body            TEXT NOT NULL,
        signer          TEXT NOT NULL,
        received_at     TEXT NOT NULL,
        PRIMARY KEY (uid, origin_revision)
    ) STRICT;",
    ),
];

/// The schema version this build writes.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

/// Who made a change, when, and why.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub by: &'a str,
    pub at: &'a str,
    pub comment: &'a str,
}

/// An open SQLite library file.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A database from an older version is copied to `backups/` before it is migrated.
    pub fn open(path: &Path, backups: &Path) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Deleted content is overwritten, so an erased person or an emptied trash does not
        // linger in free pages.
        conn.pragma_update(None, "secure_delete", "ON")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let version = version as usize;
        if version > schema_version() {
            return Err(Error::library(format!(
                "{}: biblioteket har schemaversion {version}, men den här versionen av \
                 Exempelbanken läser högst {}; uppdatera programmet",
                path.display(),
                schema_version()
            )));
        }
        if version > 0 && version < schema_version() {
            std::fs::create_dir_all(backups).map_err(|e| Error::io(backups, e))?;
            let target = backups.join(format!("fore-migrering-v{version}.sqlite3"));
            conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
        }
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut conn)
            .map_err(|e| {
                Error::library(format!("{}: migreringen misslyckades: {e}", path.display()))
            })?;
        Ok(Store { conn })
    }

    /// The connection, for the modules that keep their own tables (collections).
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A value of the `library` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM library WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets a value of the `library` table.
    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO library (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = ?2",
            [key, value],
        )?;
        Ok(())
    }

    /// Sets up a new library: its id, creation time and focus areas, in one transaction.
    /// Does nothing if the library already has an id.
    pub fn initialise(&mut self, library_id: &str, at: &str, focus: &[FocusArea]) -> Result<bool> {
        let tx = self.conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM library WHERE key = 'id')",
            [],
            |r| r.get(0),
        )?;
        if exists {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO library (key, value) VALUES ('id', ?1)",
            [library_id],
        )?;
        tx.execute(
            "INSERT INTO library (key, value) VALUES ('created_at', ?1)",
            [at],
        )?;
        for (position, area) in focus.iter().enumerate() {
            tx.execute(
                "INSERT INTO focus_areas (slug, name, description, position) VALUES (?1, ?2, ?3, ?4)",
                params![area.slug, area.name, area.description, position as i64],
            )?;
        }
        tx.commit()?;
        Ok(true)
    }

    pub fn focus_areas(&self) -> Result<Vec<FocusArea>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT slug, name, description FROM focus_areas ORDER BY position")?;
        let rows = stmt.query_map([], |r| {
            Ok(FocusArea {
                slug: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether the library holds no entries at all, trash included.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(!self
            .conn
            .query_row("SELECT EXISTS(SELECT 1 FROM entries)", [], |r| r.get(0))?)
    }

    /// Inserts new entries, each with its first revision, in one transaction. The entries
    /// must be validated and have `uid`, `id`, `origin` and times set.
    pub fn insert(&mut self, entries: &[Entry], change: &Change) -> Result<()> {
        let batch = self.batch()?;
        for entry in entries {
            batch.insert(entry, change)?;
        }
        batch.commit()
    }

    /// Replaces a live entry with a new revision. `expected_revision`, when given, must be
    /// the current one (a stale editor gets a conflict instead of overwriting).
    pub fn update(
        &mut self,
        entry: &Entry,
        expected_revision: Option<u32>,
        change: &Change,
    ) -> Result<()> {
        let batch = self.batch()?;
        batch.update(entry, expected_revision, change)?;
        batch.commit()
    }

    /// Starts a transaction that several writes share: all of them land, or none.
    pub fn batch(&mut self) -> Result<Batch<'_>> {
        Ok(Batch {
            tx: self.conn.transaction()?,
        })
    }

    /// The entry with this id or uid, live or in the trash, and whether it is in the trash.
    pub fn get(&self, id_or_uid: &str) -> Result<Option<(Entry, bool)>> {
        let row: Option<(String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT body, deleted_at FROM entries WHERE id = ?1 OR uid = ?1",
                [id_or_uid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(body, deleted)| Ok((from_json(&body)?, deleted.is_some())))
            .transpose()
    }

    /// Live entries by uid, in the order asked; unknown and trashed uids are skipped.
    pub fn live_by_uids(&self, uids: &[String]) -> Result<Vec<Entry>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT body FROM entries WHERE uid = ?1 AND deleted_at IS NULL")?;
        let mut out = Vec::with_capacity(uids.len());
        for uid in uids {
            if let Some(body) = stmt
                .query_row([uid], |r| r.get::<_, String>(0))
                .optional()?
            {
                out.push(from_json(&body)?);
            }
        }
        Ok(out)
    }

    /// Calls `f` with every live entry, in uid order, without holding them all in memory.
    pub fn for_each_live(&self, mut f: impl FnMut(Entry) -> Result<()>) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT body FROM entries WHERE deleted_at IS NULL ORDER BY uid")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            f(from_json(
                row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?,
            )?)?;
        }
        Ok(())
    }

    /// Every entry outside the trash, optionally of one status, sorted by title in Swedish
    /// order.
    pub fn list(&self, status: Option<Status>) -> Result<Vec<EntrySummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uid, title, kind, status, revision, updated_at FROM entries
             WHERE deleted_at IS NULL AND (?1 IS NULL OR status = ?1)",
        )?;
        let rows = stmt.query_map([status.map(Status::slug)], |r| {
            Ok(EntrySummary {
                id: r.get(0)?,
                uid: r.get(1)?,
                title: r.get(2)?,
                kind: parse_slug(r.get_ref(3)?.as_str()?, model::Kind::from_slug)?,
                status: parse_slug(r.get_ref(4)?.as_str()?, Status::from_slug)?,
                revision: r.get(5)?,
                updated_at: r.get(6)?,
            })
        })?;
        let mut list: Vec<EntrySummary> = rows.collect::<Result<_, _>>()?;
        list.sort_by(|a, b| model::collate::swedish_cmp(&a.title, &b.title));
        Ok(list)
    }

    /// The revisions of an entry, oldest first.
    pub fn history(&self, uid: &str) -> Result<Vec<RevisionInfo>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT revision, at, by, status, comment FROM revisions WHERE uid = ?1 ORDER BY revision",
        )?;
        let rows = stmt.query_map([uid], |r| {
            Ok(RevisionInfo {
                revision: r.get(0)?,
                at: r.get(1)?,
                by: r.get(2)?,
                status: parse_slug(r.get_ref(3)?.as_str()?, Status::from_slug)?,
                comment: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The entry as it was at one revision.
    pub fn revision(&self, uid: &str, revision: u32) -> Result<Option<Entry>> {
        let body: Option<String> = self
            .conn
            .query_row(
                "SELECT body FROM revisions WHERE uid = ?1 AND revision = ?2",
                params![uid, revision],
                |r| r.get(0),
            )
            .optional()?;
        body.map(|b| from_json(&b)).transpose()
    }

    /// Moves an entry to the trash (`deleted = true`) or back, recording a revision.
    pub fn set_trashed(&mut self, entry: &Entry, deleted: bool, change: &Change) -> Result<()> {
        let tx = self.conn.transaction()?;
        let deleted_at = deleted.then_some(change.at);
        let body = to_json(entry)?;
        let n = tx.execute(
            "UPDATE entries SET deleted_at = ?2, revision = ?3, body = ?4, updated_at = ?5
             WHERE uid = ?1 AND revision = ?3 - 1",
            params![
                entry.uid,
                deleted_at,
                entry.revision,
                body,
                entry.updated_at
            ],
        )?;
        if n != 1 {
            return Err(Error::conflict(format!(
                "posten \"{}\" ändrades samtidigt av någon annan; försök igen",
                entry.id
            )));
        }
        record_revision(&tx, entry, &body, change)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes every entry in the trash for good, with its revisions, notes and list
    /// places, in one transaction. Returns how many entries went.
    pub fn empty_trash(&mut self) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let uids: Vec<String> = {
            let mut stmt = tx.prepare("SELECT uid FROM entries WHERE deleted_at IS NOT NULL")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        for uid in &uids {
            tx.execute("DELETE FROM list_items WHERE uid = ?1", [uid])?;
            tx.execute("DELETE FROM entries WHERE uid = ?1", [uid])?;
            tx.execute("INSERT INTO changes (uid) VALUES (?1)", [uid])?;
        }
        tx.commit()?;
        Ok(uids.len())
    }

    /// What the library knows of an entry received in a bundle: the bundle's revision and the
    /// local revision it became.
    pub fn received(&self, uid: &str) -> Result<Option<(u32, u32)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT origin_revision, local_revision FROM received WHERE uid = ?1",
                [uid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Whether a signer's public key (hex) is trusted.
    pub fn is_trusted(&self, public_key: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM trusted_signers WHERE public_key = ?1)",
            [public_key],
            |r| r.get(0),
        )?)
    }

    /// The signer of the newest incoming version of an entry.
    pub fn incoming_signer(&self, uid: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT signer FROM incoming WHERE uid = ?1 ORDER BY origin_revision DESC LIMIT 1",
                [uid],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Incoming versions waiting for review: (uid, origin revision, entry).
    pub fn incoming(&self) -> Result<Vec<(String, u32, Entry)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT uid, origin_revision, body FROM incoming ORDER BY received_at, uid",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (uid, rev, body) = row?;
            out.push((uid, rev, from_json(&body)?));
        }
        Ok(out)
    }

    /// The personal note on an entry ("" when there is none).
    pub fn note(&self, uid: &str) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT text FROM notes WHERE uid = ?1", [uid], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    /// Sets or (with empty text) removes the personal note on an entry.
    pub fn set_note(&mut self, uid: &str, text: &str, at: &str) -> Result<()> {
        if text.trim().is_empty() {
            self.conn
                .execute("DELETE FROM notes WHERE uid = ?1", [uid])?;
        } else {
            self.conn.execute(
                "INSERT INTO notes (uid, text, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (uid) DO UPDATE SET text = ?2, updated_at = ?3",
                params![uid, text, at],
            )?;
        }
        Ok(())
    }

    /// Removes the contacts named `name` from every entry and every revision (GDPR erasure).
    pub fn erase_contact(&mut self, name: &str) -> Result<Erasure> {
        let erasure = erase_contact(&mut self.conn, name, true)?;
        // The old pages also live in the write-ahead log until a checkpoint copies them.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(erasure)
    }

    /// Extracted text of an attachment, if it has been extracted.
    pub fn attachment_text(&self, sha256: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT text, problem FROM attachment_texts WHERE sha256 = ?1",
                [sha256],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Stores the text extracted from an attachment (or why there is none).
    pub fn set_attachment_text(
        &mut self,
        sha256: &str,
        text: &str,
        problem: &str,
        at: &str,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO attachment_texts (sha256, text, problem, extracted_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (sha256) DO UPDATE SET text = ?2, problem = ?3, extracted_at = ?4",
            params![sha256, text, problem, at],
        )?;
        Ok(())
    }

    /// Copies the whole database to `target` (a consistent snapshot, even while others
    /// write). The copy is written beside it as `.partial` and renamed when complete, so a
    /// crash never leaves a half backup under a backup's name.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        let dir = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut partial = target.as_os_str().to_owned();
        partial.push(format!(".{}.partial", std::process::id()));
        let partial = std::path::PathBuf::from(partial);
        self.conn
            .execute("VACUUM INTO ?1", [partial.to_string_lossy()])?;
        std::fs::rename(&partial, target).map_err(|e| Error::io(target, e))?;
        Ok(())
    }

    /// The entries in the trash, most recently deleted first.
    pub fn trash(&self) -> Result<Vec<TrashedEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uid, title, deleted_at FROM entries WHERE deleted_at IS NOT NULL
             ORDER BY deleted_at DESC, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TrashedEntry {
                id: r.get(0)?,
                uid: r.get(1)?,
                title: r.get(2)?,
                deleted_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether an id is used by any entry, trash included.
    pub fn id_taken(&self, id: &str) -> Result<bool> {
        id_taken(&self.conn, id)
    }

    /// The highest change sequence number: the watermark the index must reach.
    pub fn last_change(&self) -> Result<u64> {
        let seq: i64 =
            self.conn
                .query_row("SELECT COALESCE(MAX(seq), 0) FROM changes", [], |r| {
                    r.get(0)
                })?;
        Ok(seq as u64)
    }

    /// The uids changed after `seq`, each once, and the highest sequence number seen.
    pub fn changes_since(&self, seq: u64) -> Result<(Vec<String>, u64)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT uid, MAX(seq) FROM changes WHERE seq > ?1 GROUP BY uid ORDER BY MAX(seq)",
        )?;
        let mut last = seq;
        let mut uids = Vec::new();
        let mut rows = stmt.query([seq as i64])?;
        while let Some(row) = rows.next()? {
            uids.push(row.get(0)?);
            last = last.max(row.get::<_, i64>(1)? as u64);
        }
        Ok((uids, last))
    }

    /// Problems SQLite or the stored JSON have; empty when the store is sound.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrity != "ok" {
            problems.push(format!("SQLite: {integrity}"));
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let fk = stmt.query_map([], |r| r.get::<_, String>(0))?.count();
        if fk > 0 {
            problems.push(format!("{fk} rader bryter mot främmande nycklar"));
        }
        let mut stmt = self.conn.prepare(
            "SELECT e.uid, e.id, e.revision, e.body, MAX(r.revision) FROM entries e
             LEFT JOIN revisions r ON r.uid = e.uid GROUP BY e.uid",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(1)?;
            let revision: u32 = row.get(2)?;
            let latest: Option<u32> = row.get(4)?;
            if latest != Some(revision) {
                problems.push(format!(
                    "posten {id}: revision {revision} men senaste sparade revision är {latest:?}"
                ));
            }
            match from_json(&row.get::<_, String>(3)?) {
                Ok(entry) if entry.revision != revision || entry.id != id => {
                    problems.push(format!(
                        "posten {id}: innehållet stämmer inte med raden (revision {} / {revision})",
                        entry.revision
                    ))
                }
                Ok(_) => {}
                Err(err) => problems.push(format!("posten {id}: {}", err.message)),
            }
        }
        Ok(problems)
    }
}

/// Writes that land together in one transaction: dropping a batch without
/// [`Batch::commit`] rolls all of them back.
pub struct Batch<'c> {
    tx: Transaction<'c>,
}

impl Batch<'_> {
    /// Inserts a new entry with its first revision.
    pub fn insert(&self, entry: &Entry, change: &Change) -> Result<()> {
        let tx = &self.tx;
        if id_taken(tx, &entry.id)? {
            return Err(Error::conflict(format!(
                "det finns redan en post med id \"{}\"",
                entry.id
            )));
        }
        let uid_taken: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM entries WHERE uid = ?1)",
            [&entry.uid],
            |r| r.get(0),
        )?;
        if uid_taken {
            return Err(Error::conflict(format!(
                "det finns redan en post med uid {}",
                entry.uid
            )));
        }
        let body = to_json(entry)?;
        tx.execute(
            "INSERT INTO entries (uid, id, revision, status, kind, title, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                entry.uid,
                entry.id,
                entry.revision,
                entry.status.slug(),
                entry.kind.slug(),
                entry.title,
                body,
                entry.created_at,
                entry.updated_at
            ],
        )?;
        record_revision(tx, entry, &body, change)
    }

    /// Replaces a live entry with its next revision (`entry.revision` must be the current
    /// one plus one; `expected_revision`, when given, the current one).
    pub fn update(
        &self,
        entry: &Entry,
        expected_revision: Option<u32>,
        change: &Change,
    ) -> Result<()> {
        self.write_revision(entry, expected_revision, false, change)
    }

    /// Like [`Batch::update`], for an entry that may be in the trash (it stays there): the
    /// taxonomy editor keeps trashed entries valid so they can come back.
    pub fn rewrite(&self, entry: &Entry, change: &Change) -> Result<()> {
        self.write_revision(entry, None, true, change)
    }

    fn write_revision(
        &self,
        entry: &Entry,
        expected_revision: Option<u32>,
        in_trash_too: bool,
        change: &Change,
    ) -> Result<()> {
        let tx = &self.tx;
        let current: Option<(u32, Option<String>)> = tx
            .query_row(
                "SELECT revision, deleted_at FROM entries WHERE uid = ?1",
                [&entry.uid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((revision, deleted_at)) = current else {
            return Err(Error::not_found(format!(
                "ingen post med id \"{}\"",
                entry.id
            )));
        };
        if deleted_at.is_some() && !in_trash_too {
            return Err(Error::conflict(format!(
                "posten \"{}\" ligger i papperskorgen; återställ den först",
                entry.id
            )));
        }
        if let Some(expected) = expected_revision
            && expected != revision
        {
            return Err(Error::conflict(format!(
                "posten \"{}\" har ändrats sedan revision {expected} (nu {revision}); \
                 hämta den senaste versionen och gör om ändringen",
                entry.id
            )));
        }
        if entry.revision != revision + 1 {
            return Err(Error::conflict(format!(
                "posten \"{}\": revision {} följer inte på {revision}",
                entry.id, entry.revision
            )));
        }
        let body = to_json(entry)?;
        tx.execute(
            "UPDATE entries SET revision = ?2, status = ?3, kind = ?4, title = ?5, body = ?6,
                    updated_at = ?7 WHERE uid = ?1",
            params![
                entry.uid,
                entry.revision,
                entry.status.slug(),
                entry.kind.slug(),
                entry.title,
                body,
                entry.updated_at
            ],
        )?;
        record_revision(tx, entry, &body, change)
    }

    /// Replaces the focus areas (the taxonomy editor's writes go with the entries' in the
    /// same batch).
    pub fn set_focus_areas(&self, focus: &[FocusArea]) -> Result<()> {
        self.tx.execute("DELETE FROM focus_areas", [])?;
        for (position, area) in focus.iter().enumerate() {
            self.tx.execute(
                "INSERT INTO focus_areas (slug, name, description, position) VALUES (?1, ?2, ?3, ?4)",
                params![area.slug, area.name, area.description, position as i64],
            )?;
        }
        Ok(())
    }

    /// Remembers that the entry's local revision `local` is the bundle's `origin` revision.
    pub fn mark_received(
        &self,
        uid: &str,
        origin: u32,
        local: u32,
        signer: &str,
        at: &str,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO received (uid, origin_revision, local_revision, signer, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (uid) DO UPDATE SET origin_revision = ?2, local_revision = ?3,
                 signer = ?4, received_at = ?5",
            params![uid, origin, local, signer, at],
        )?;
        Ok(())
    }

    /// Keeps an incoming version of a locally changed entry for review.
    pub fn keep_incoming(&self, entry: &Entry, signer: &str, at: &str) -> Result<()> {
        self.tx.execute(
            "INSERT OR REPLACE INTO incoming (uid, origin_revision, body, signer, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![entry.uid, entry.revision, to_json(entry)?, signer, at],
        )?;
        Ok(())
    }

    /// Forgets the incoming versions of an entry (accepted or discarded).
    pub fn delete_incoming(&self, uid: &str) -> Result<usize> {
        Ok(self
            .tx
            .execute("DELETE FROM incoming WHERE uid = ?1", [uid])?)
    }

    /// Remembers a signer as trusted.
    pub fn trust(&self, public_key: &str, name: &str, at: &str) -> Result<()> {
        self.tx.execute(
            "INSERT OR IGNORE INTO trusted_signers (public_key, name, trusted_at) VALUES (?1, ?2, ?3)",
            params![public_key, name, at],
        )?;
        Ok(())
    }

    pub fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
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

fn id_taken(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM entries WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

fn record_revision(tx: &Transaction, entry: &Entry, body: &str, change: &Change) -> Result<()> {
    tx.execute(
        "INSERT INTO revisions (uid, revision, at, by, status, comment, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            entry.uid,
            entry.revision,
            change.at,
            change.by,
            entry.status.slug(),
            change.comment,
            body
        ],
    )?;
    tx.execute("INSERT INTO changes (uid) VALUES (?1)", [&entry.uid])?;
    Ok(())
}

fn to_json(entry: &Entry) -> Result<String> {
    serde_json::to_string(entry)
        .map_err(|e| Error::invalid(format!("posten \"{}\" kan inte sparas: {e}", entry.id)))
}

fn from_json(body: &str) -> Result<Entry> {
    serde_json::from_str(body).map_err(|e| {
        Error::new(
            model::error::ErrorCode::Database,
            format!("en sparad post kan inte läsas: {e}"),
        )
    })
}

fn parse_slug<T>(slug: &str, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(slug).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("okänt värde {slug:?}").into(),
        )
    })
}
