//! Entries, their revisions and the trash: reading, and writing in one transaction (a
//! [`Batch`]) that records a revision and appends to the change log.
//!
//! Revision numbers are set here and nowhere else: a new entry gets revision 1, every write
//! of an existing one the revision after the one the database holds.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{OptionalExtension, Transaction, params};

use model::error::{Error, Result};
use model::taxonomy::FocusArea;
use model::{Entry, EntrySummary, RevisionInfo, Status, TrashedEntry};

use crate::{
    Change, Store, StoredEntry, from_json, from_json_bytes, id_taken, parse_slug, record_revision,
    to_json,
};

/// Writes that land together in one transaction: dropping a batch without
/// [`Batch::commit`] rolls all of them back.
pub struct Batch<'c> {
    pub(crate) tx: Transaction<'c>,
}

impl Store {
    /// Inserts new entries, each with its first revision, in one transaction. The entries
    /// must be validated and have `uid`, `id`, `origin` and times set.
    pub fn insert(&mut self, entries: &mut [Entry], change: &Change) -> Result<()> {
        let batch = self.batch()?;
        for entry in entries.iter_mut() {
            batch.insert(entry, change)?;
        }
        batch.commit()
    }

    /// Replaces a live entry with a new revision (set in `entry`). `expected_revision`, when
    /// given, must be the current one (a stale editor gets a conflict instead of overwriting).
    pub fn update(
        &mut self,
        entry: &mut Entry,
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
            tx: crate::write_transaction(&mut self.conn)?,
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
        let mut out = Vec::with_capacity(uids.len());
        self.each_live_by_uid(uids, |_, stored| out.push(stored))?;
        out.into_iter().map(StoredEntry::parse).collect()
    }

    /// Calls `f` with each live entry of `uids` as it is stored, with its place in `uids`;
    /// unknown and trashed uids are skipped. The entry is parsed by [`StoredEntry::parse`],
    /// where the caller chooses: a search parses each hit on another thread, with its snippet,
    /// while this one reads the next.
    pub fn each_live_by_uid(
        &self,
        uids: &[String],
        mut f: impl FnMut(usize, StoredEntry),
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT body FROM entries WHERE uid = ?1 AND deleted_at IS NULL")?;
        // One read transaction for a page of hits, not one per hit.
        self.read_consistently(|| {
            for (i, uid) in uids.iter().enumerate() {
                let body = stmt
                    .query_row([uid], |r| {
                        let body = r.get_ref(0)?.as_bytes().map_err(rusqlite::Error::from)?;
                        Ok(body.to_vec())
                    })
                    .optional()?;
                if let Some(body) = body {
                    f(i, StoredEntry(body));
                }
            }
            Ok(())
        })
    }

    /// Calls `f` with every live entry, in uid order, without holding them all in memory.
    pub fn for_each_live(&self, f: impl FnMut(Entry) -> Result<()>) -> Result<()> {
        self.each_live(LIVE_BY_UID, f)
    }

    /// Calls `f` with every live entry in the order the table stores them, without holding
    /// them all in memory: one pass from the start of the table to its end, for work that
    /// reads every entry and needs no order (a rebuild of the index). In uid order each row
    /// is a jump elsewhere in the file: at 100 000 entries not in the page cache that took
    /// 24 s, against 2.3 s in the table's order.
    ///
    /// Meanwhile another thread reads the database file ahead in large blocks
    /// ([`read_ahead`]), so that SQLite's page-sized reads find it in the system's cache.
    pub fn for_each_live_as_stored(&self, f: impl FnMut(Entry) -> Result<()>) -> Result<()> {
        let done = AtomicBool::new(false);
        let path = self.conn.path().filter(|path| !path.is_empty());
        std::thread::scope(|scope| {
            if let Some(path) = path {
                scope.spawn(|| read_ahead(Path::new(path), &done));
            }
            let read = self.each_live(LIVE_AS_STORED, f);
            done.store(true, Ordering::Relaxed);
            read
        })
    }

    fn each_live(&self, sql: &str, mut f: impl FnMut(Entry) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            f(from_json_bytes(
                row.get_ref(0)?.as_bytes().map_err(rusqlite::Error::from)?,
            )?)?;
        }
        Ok(())
    }

    /// How many entries are outside the trash, and how many of them are published: read from
    /// the index `entries_live_status` alone, not from the table, whose rows hold the entries'
    /// text (`Library::info`, the app's first call). At 100 000 entries from a cold disk:
    /// 25 ms, against 7.7 s for a count that scans the table.
    pub fn count_live(&self) -> Result<(u64, u64)> {
        let (live, published): (i64, i64) =
            self.conn
                .query_row(COUNT_LIVE, [Status::Publicerad.slug()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        Ok((live as u64, published as u64))
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

    /// Moves an entry to the trash (`deleted = true`) or back, recording a revision (set in
    /// `entry`).
    pub fn set_trashed(&mut self, entry: &mut Entry, deleted: bool, change: &Change) -> Result<()> {
        let batch = self.batch()?;
        batch.set_trashed(entry, deleted, change)?;
        batch.commit()
    }

    /// Deletes every entry in the trash for good, with its revisions, notes and list
    /// places, in one transaction. Returns how many entries went.
    pub fn empty_trash(&mut self) -> Result<usize> {
        let tx = crate::write_transaction(&mut self.conn)?;
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

    /// Whether a uid is used by any entry, trash included.
    pub fn uid_taken(&self, uid: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM entries WHERE uid = ?1)")?
            .query_row([uid], |r| r.get(0))?)
    }
}

impl Batch<'_> {
    /// Moves an entry to the trash (`deleted = true`) or back in this transaction.
    pub fn set_trashed(&self, entry: &mut Entry, deleted: bool, change: &Change) -> Result<()> {
        let tx = &self.tx;
        let Some(revision) = current_revision(tx, &entry.uid)? else {
            return Err(Error::not_found(format!(
                "ingen post med id \"{}\"",
                entry.id
            )));
        };
        entry.revision = revision + 1;
        let deleted_at = deleted.then_some(change.at);
        let body = to_json(entry)?;
        tx.execute(
            "UPDATE entries SET deleted_at = ?2, revision = ?3, body = ?4, updated_at = ?5
             WHERE uid = ?1",
            params![
                entry.uid,
                deleted_at,
                entry.revision,
                body,
                entry.updated_at
            ],
        )?;
        record_revision(tx, entry, &body, change)
    }

    /// Inserts a new entry with its first revision (set in `entry`).
    pub fn insert(&self, entry: &mut Entry, change: &Change) -> Result<()> {
        let tx = &self.tx;
        entry.revision = 1;
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
        let body = to_json(&*entry)?;
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

    /// Replaces a live entry with its next revision (set in `entry`; `expected_revision`,
    /// when given, must be the current one).
    pub fn update(
        &self,
        entry: &mut Entry,
        expected_revision: Option<u32>,
        change: &Change,
    ) -> Result<()> {
        self.write_revision(entry, expected_revision, false, change)
    }

    /// Like [`Batch::update`], for an entry that may be in the trash (it stays there): the
    /// taxonomy editor keeps trashed entries valid so they can come back.
    pub fn rewrite(&self, entry: &mut Entry, change: &Change) -> Result<()> {
        self.write_revision(entry, None, true, change)
    }

    fn write_revision(
        &self,
        entry: &mut Entry,
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
        entry.revision = revision + 1;
        let body = to_json(&*entry)?;
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

    /// The focus areas as this transaction sees them (the taxonomy editor reads and writes
    /// in one transaction, so two editors cannot lose each other's changes).
    pub fn focus_areas(&self) -> Result<Vec<FocusArea>> {
        crate::focus_areas(&self.tx)
    }

    /// Every entry tagged with the focus area `slug`, in the trash or not.
    pub fn tagged(&self, slug: &str) -> Result<Vec<Entry>> {
        let mut stmt = self.tx.prepare(
            "SELECT body FROM entries WHERE EXISTS
                 (SELECT 1 FROM json_each(entries.body, '$.focus_areas') WHERE value = ?1)
             ORDER BY uid",
        )?;
        let bodies = stmt
            .query_map([slug], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        bodies.iter().map(|b| from_json(b)).collect()
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

    pub fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
    }
}

/// The revision the database holds for an entry, in the trash or not.
fn current_revision(tx: &Transaction, uid: &str) -> Result<Option<u32>> {
    Ok(tx
        .query_row("SELECT revision FROM entries WHERE uid = ?1", [uid], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Reads the file at `path` from its start, in blocks of 4 MiB, up to [`READ_AHEAD_BYTES`] or
/// until `done` is set, for the system to keep in its cache. A rebuild of the index reads
/// every entry through SQLite, a page at a time; from a cold cache those small reads took a
/// rebuild of 100 000 entries from 7.8 s to 14–15 s, while reading the 1.2 GB file in large
/// blocks took 0.6–2 s. A failure only ends the read-ahead: the scan reports its own.
fn read_ahead(path: &Path, done: &AtomicBool) {
    let Ok(file) = std::fs::File::open(path) else {
        return;
    };
    let mut file = file.take(READ_AHEAD_BYTES);
    let mut block = vec![0; 4 << 20];
    while !done.load(Ordering::Relaxed) {
        match file.read(&mut block) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// How much of the database file [`read_ahead`] reads: a library about seven times the
/// benchmark's 100 000 entries, which take 1.2 GB with their history.
const READ_AHEAD_BYTES: u64 = 8 << 30;

/// Every live entry's body by uid, through the uid index.
const LIVE_BY_UID: &str = "SELECT body FROM entries WHERE deleted_at IS NULL ORDER BY uid";
/// Every live entry's body in the table's order. (Without `ORDER BY rowid` SQLite reads the
/// partial index `entries_live_status` and jumps to the table from it.)
const LIVE_AS_STORED: &str = "SELECT body FROM entries WHERE deleted_at IS NULL ORDER BY rowid";

/// The query of [`Store::count_live`]: the live entries, and how many have status `?1`.
const COUNT_LIVE: &str = "SELECT count(*), coalesce(sum(status = ?1), 0) FROM entries
     WHERE deleted_at IS NULL";

#[cfg(test)]
mod tests {
    use super::{COUNT_LIVE, LIVE_AS_STORED};
    use crate::Store;

    /// SQLite's plan for `sql`, a line per step.
    fn plan(store: &Store, sql: &str) -> Vec<String> {
        store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map(
                rusqlite::params_from_iter(sql.contains("?1").then_some("publicerad")),
                |r| r.get::<_, String>(3),
            )
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// A rebuild of the index reads every entry. Read by uid, each row was a jump in the file,
    /// and a 100 000-entry library not in the page cache took 24 s to read instead of 2.3 s; so
    /// the rebuild reads the table from start to end, and still skips the trash.
    #[test]
    fn a_rebuild_reads_the_table_in_its_order_not_by_uid() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::open(&dir.path().join("b.sqlite3"), &dir.path().join("backups")).unwrap();
        assert_eq!(plan(&store, LIVE_AS_STORED), ["SCAN entries"]);
        let change = crate::Change {
            by: "test",
            at: "2026-01-01T00:00:00Z",
            comment: "",
        };
        let mut entries: Vec<_> = [("forsta", "Första"), ("andra", "Andra"), ("tredje", "Tredje")]
            .map(|(id, title)| {
                model::validate::parse_entry(&format!(
                    r#"{{"id":"{id}","uid":"{id}","kind":"exempel","title":"{title}","status":"publicerad"}}"#
                ))
                .unwrap()
            })
            .into();
        store.insert(&mut entries, &change).unwrap();
        store.set_trashed(&mut entries[1], true, &change).unwrap();
        let mut read = Vec::new();
        store
            .for_each_live_as_stored(|entry| {
                read.push(entry.title);
                Ok(())
            })
            .unwrap();
        assert_eq!(read, ["Första", "Tredje"]);

        // A page of hits is read in one transaction, or in the one already open (a feed's).
        let uids: Vec<String> = entries.iter().map(|e| e.uid.clone()).collect();
        let titles = |found: Vec<model::Entry>| -> Vec<String> {
            found.into_iter().map(|e| e.title).collect()
        };
        assert_eq!(
            titles(store.live_by_uids(&uids).unwrap()),
            ["Första", "Tredje"]
        );
        let nested = store.read_consistently(|| store.live_by_uids(&uids));
        assert_eq!(titles(nested.unwrap()), ["Första", "Tredje"]);
    }

    /// The count at the app's start reads the index of live statuses, not the table: a scan
    /// of the table read every page of a 1.2 GB library (7.7 s from a cold disk).
    #[test]
    fn counting_the_live_entries_reads_the_index_not_the_table() {
        let dir = tempfile::tempdir().unwrap();
        let store =
            Store::open(&dir.path().join("b.sqlite3"), &dir.path().join("backups")).unwrap();
        let plan = plan(&store, COUNT_LIVE);
        // SQLite does not call the index covering, as the condition is on a column outside it;
        // but the index holds only the live entries, so no row of the table is read: 25 ms
        // from a cold disk at 100 000 entries.
        assert_eq!(plan, ["SCAN entries USING INDEX entries_live_status"]);
        assert_eq!(store.count_live().unwrap(), (0, 0));
    }

    /// Inserts the entry `json` (the exchange format), and gives its uid.
    fn insert(store: &mut Store, json: &str) -> String {
        let mut entries = [model::validate::parse_entry(json).unwrap()];
        let change = crate::Change {
            by: "test",
            at: "2026-01-01T00:00:00Z",
            comment: "",
        };
        store.insert(&mut entries, &change).unwrap();
        entries[0].uid.clone()
    }

    /// Stored entries are read with another JSON parser than the one that writes them: every
    /// field, and text with escapes, comes back as serde_json reads it.
    #[test]
    fn an_entry_with_every_field_reads_back_as_it_was_stored() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::open(&dir.path().join("b.sqlite3"), &dir.path().join("backups")).unwrap();
        let json = r#"{
            "format": 1, "kind": "exempel", "status": "publicerad", "language": "sv",
            "title": "Nattillsyn i \"Testby\" \u00e5r 2023 \ud83d\ude00",
            "summary": "Rad ett\nrad två\ttab \\ och \/ snedstreck",
            "sections": {"challenge": "Väckta brukare.", "solution": "En **pilot**.",
                "results": "Färre väckningar.", "lessons": "Börja smått.",
                "dissemination": "Delat i länet."},
            "focus_areas": ["digitalisering"], "stage": "pilot", "novelty": "organisation",
            "organisations": [{"name": "Testby kommun", "type": "kommun", "role": "ägare"}],
            "places": [{"municipality_code": "0180"}, {"lan_code": "03"}],
            "period": {"start": 2021, "end": 2023}, "goals": [3, 10],
            "tags": ["nattillsyn", "syntetisk"],
            "contacts": [{"name": "Registrator", "role": "funktionsadress",
                "organisation": "Testby kommun", "email": "registrator@testby.example",
                "phone": "+46 8 123 45"}],
            "sources": [{"title": "Rapport", "url": "https://example.org/r", "publisher": "Testby",
                "date": "2023-05-01", "licence": "CC BY 4.0"}],
            "uptakes": [{"code": "0181", "stage": "infört", "date": "2024-03", "source": "Rapport"},
                {"type": "kommun", "count": 16, "stage": "intresserad", "source": "Rapport"}]
        }"#;
        let uid = insert(&mut store, json);
        let body: String = store
            .conn
            .query_row("SELECT body FROM entries WHERE uid = ?1", [&uid], |r| {
                r.get(0)
            })
            .unwrap();
        let as_serde_json: model::Entry = serde_json::from_str(&body).unwrap();
        assert!(as_serde_json.title.contains("\"Testby\" år 2023 😀"));
        assert_eq!(as_serde_json.uptakes[1].count, Some(16));
        let read = store.live_by_uids(std::slice::from_ref(&uid)).unwrap();
        assert_eq!(read, std::slice::from_ref(&as_serde_json));
        assert_eq!(store.get(&uid).unwrap(), Some((as_serde_json, false)));
    }

    /// A search reads its hits' JSON as SQLite holds it, without making it a string first: a
    /// body that is not UTF-8, or not an entry, is an error that says so, not a panic.
    #[test]
    fn a_damaged_body_read_for_a_search_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::open(&dir.path().join("b.sqlite3"), &dir.path().join("backups")).unwrap();
        let json = r#"{"kind":"exempel","title":"Ett exempel","status":"publicerad"}"#;
        let uid = insert(&mut store, json);
        let found = store.live_by_uids(std::slice::from_ref(&uid)).unwrap();
        assert_eq!(found[0].title, "Ett exempel");
        let mut seen = 0;
        store
            .for_each_live(|entry| {
                assert_eq!(entry.uid, uid);
                seen += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(seen, 1);

        for damaged in [
            &b"{\"kind\":\"exempel\",\"title\":\"\xff\"}"[..],
            b"inte json",
        ] {
            store
                .conn
                .execute(
                    "UPDATE entries SET body = CAST(?1 AS TEXT) WHERE uid = ?2",
                    rusqlite::params![damaged, uid],
                )
                .unwrap();
            let error = store.live_by_uids(std::slice::from_ref(&uid)).unwrap_err();
            assert!(
                error.message.contains("en sparad post kan inte läsas"),
                "{error:?}"
            );
            assert!(store.for_each_live(|_| Ok(())).is_err());
            assert!(store.for_each_live_as_stored(|_| Ok(())).is_err());
        }
    }
}
