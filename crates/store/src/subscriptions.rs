//! The feeds this library follows: the trusted key, the position in the source's change log,
//! and how the last pulls went.

use rusqlite::{OptionalExtension, params};

use model::error::{Error, Result};
use model::subscription::{SourceKind, Subscription};

use crate::entries::Batch;
use crate::{Store, parse_slug};

/// A new subscription, as `subscribe add` records it once its signer is trusted.
pub struct NewSubscription<'a> {
    pub name: &'a str,
    pub source: &'a str,
    pub kind: SourceKind,
    pub library_id: &'a str,
    pub signer_name: &'a str,
    pub public_key: &'a str,
    pub at: &'a str,
}

/// What a pull that reached its source leaves behind.
pub struct PullOutcome<'a> {
    /// Where the pull started: the subscription must still stand there.
    pub from: u64,
    pub cursor: u64,
    pub etag: &'a str,
    pub at: &'a str,
    /// Whether it brought anything; the counts of the last pull that did are kept.
    pub counts: Option<PullCounts>,
}

/// What a pull brought: entries new here, updated, and withdrawn (archived here).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PullCounts {
    pub new: u32,
    pub updated: u32,
    pub withdrawn: u32,
}

const COLUMNS: &str = "s.name, s.source, s.kind, s.library_id, s.signer_name, s.public_key,
    s.added_at, s.cursor, s.last_attempt, s.last_success, s.last_problem, s.last_new,
    s.last_updated, s.last_withdrawn,
    (SELECT COUNT(*) FROM received r JOIN entries e ON e.uid = r.uid
     WHERE r.source = s.name AND r.signer = s.public_key AND e.deleted_at IS NULL),
    (SELECT COUNT(*) FROM incoming i WHERE i.source = s.name)";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Subscription> {
    Ok(Subscription {
        name: r.get(0)?,
        source: r.get(1)?,
        kind: parse_slug(r.get_ref(2)?.as_str()?, SourceKind::from_slug)?,
        library_id: r.get(3)?,
        signer_name: r.get(4)?,
        fingerprint: r.get(5)?,
        added_at: r.get(6)?,
        cursor: r.get::<_, i64>(7)? as u64,
        last_attempt: r.get(8)?,
        last_success: r.get(9)?,
        last_problem: r.get(10)?,
        last_new: r.get(11)?,
        last_updated: r.get(12)?,
        last_withdrawn: r.get(13)?,
        entries: r.get(14)?,
        waiting_review: r.get(15)?,
    })
}

impl Store {
    /// Every subscription, by name.
    pub fn subscriptions(&self) -> Result<Vec<Subscription>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM subscriptions s ORDER BY s.name"
        ))?;
        let rows = stmt.query_map([], row)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r?);
        }
        Ok(out)
    }

    /// One subscription by name (any case) and the `ETag` of its last pull.
    pub fn subscription(&self, name: &str) -> Result<Option<(Subscription, String)>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS}, s.etag FROM subscriptions s WHERE s.name = ?1"),
                [name],
                |r| Ok((row(r)?, r.get(16)?)),
            )
            .optional()?)
    }

    /// Records a new subscription; a name or a source already followed is a conflict.
    pub fn add_subscription(&mut self, new: &NewSubscription) -> Result<()> {
        let tx = crate::write_transaction(&mut self.conn)?;
        let taken: Option<String> = tx
            .query_row(
                "SELECT name FROM subscriptions WHERE name = ?1 OR source = ?2",
                params![new.name, new.source],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(existing) = taken {
            return Err(Error::conflict(format!(
                "biblioteket följer redan \"{existing}\"; välj ett annat namn eller ta bort den först"
            )));
        }
        tx.execute(
            "INSERT INTO subscriptions
                 (name, source, kind, library_id, signer_name, public_key, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                new.name,
                new.source,
                new.kind.slug(),
                new.library_id,
                new.signer_name,
                new.public_key,
                new.at
            ],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO trusted_signers (public_key, name, trusted_at)
             VALUES (?1, ?2, ?3)",
            params![new.public_key, new.signer_name, new.at],
        )?;
        // Entries kept from an earlier subscription to the same signer (or from its bundles)
        // that no subscription follows now: this one is their source again, and the index
        // learns it.
        let orphans = "SELECT uid FROM received WHERE signer = ?1
             AND source NOT IN (SELECT name FROM subscriptions WHERE name <> ?2)";
        tx.execute(
            &format!("INSERT INTO changes (uid) {orphans}"),
            params![new.public_key, new.name],
        )?;
        tx.execute(
            &format!("UPDATE received SET source = ?2 WHERE uid IN ({orphans})"),
            params![new.public_key, new.name],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records a pull that did not reach its source, or was refused, and why.
    pub fn record_pull_problem(&mut self, name: &str, at: &str, problem: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE subscriptions SET last_attempt = ?2, last_problem = ?3 WHERE name = ?1",
            params![name, at, problem],
        )?;
        Ok(())
    }

    /// Of these uids (changed since a subscriber's last pull and not published now), those a
    /// feed withdraws: entries that were published at some revision, and entries deleted for
    /// good (their revisions went with them, so a purged draft is named too). A draft that
    /// was never published and is still here is not named.
    pub fn withdrawable(&self, uids: &[String]) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT NOT EXISTS(SELECT 1 FROM entries WHERE uid = ?1)
                 OR EXISTS(SELECT 1 FROM revisions WHERE uid = ?1 AND status = 'publicerad')",
        )?;
        let mut out = Vec::new();
        for uid in uids {
            if stmt.query_row([uid], |r| r.get::<_, bool>(0))? {
                out.push(uid.clone());
            }
        }
        Ok(out)
    }

    /// The uids changed after `since`, each once with its last change, in that order, at most
    /// `limit` of them; and whether more uids changed after the last one.
    pub fn feed_changes(&self, since: u64, limit: usize) -> Result<(Vec<(String, u64)>, bool)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT uid, MAX(seq) AS last FROM changes WHERE seq > ?1
             GROUP BY uid ORDER BY last LIMIT ?2",
        )?;
        let limit = limit.min(1 << 40);
        let mut rows = stmt.query(params![since as i64, limit as i64 + 1])?;
        let mut changed = Vec::new();
        let mut more = false;
        while let Some(row) = rows.next()? {
            if changed.len() == limit {
                more = true;
                break;
            }
            changed.push((row.get(0)?, row.get::<_, i64>(1)? as u64));
        }
        Ok((changed, more))
    }

    /// The uids of the live entries that came by the subscription `name` (by its name and
    /// its signer's key: a bundle signer of the same name is another source).
    pub fn uids_from_source(&self, name: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.uid FROM received r JOIN entries e ON e.uid = r.uid
             JOIN subscriptions s ON s.name = ?1
             WHERE r.source = s.name AND r.signer = s.public_key AND e.deleted_at IS NULL
             ORDER BY r.uid",
        )?;
        let rows = stmt.query_map([name], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Batch<'_> {
    /// Moves a subscription on after a pull that reached its source, in the transaction that
    /// merged what it brought: the position never runs ahead of the entries.
    pub fn record_pull(&self, name: &str, outcome: &PullOutcome) -> Result<()> {
        let moved = self.tx.execute(
            "UPDATE subscriptions SET cursor = ?2, etag = ?3, last_attempt = ?4,
                 last_success = ?4, last_problem = '' WHERE name = ?1 AND cursor = ?5",
            params![
                name,
                outcome.cursor as i64,
                outcome.etag,
                outcome.at,
                outcome.from as i64
            ],
        )?;
        if moved == 0 {
            // Another process pulled meanwhile (or removed the subscription): this merge
            // rolls back with the batch, and the next pull starts from where that one ended.
            return Err(Error::conflict(format!(
                "{name}: prenumerationen hämtades samtidigt på annat håll; försök igen"
            )));
        }
        if let Some(counts) = outcome.counts {
            self.tx.execute(
                "UPDATE subscriptions SET last_new = ?2, last_updated = ?3, last_withdrawn = ?4
                 WHERE name = ?1",
                params![name, counts.new, counts.updated, counts.withdrawn],
            )?;
        }
        Ok(())
    }

    /// Forgets a subscription. Its entries stay, with their source, unless the caller moves
    /// them to the trash; incoming versions from it go.
    pub fn remove_subscription(&self, name: &str) -> Result<bool> {
        self.tx
            .execute("DELETE FROM incoming WHERE source = ?1", [name])?;
        Ok(self
            .tx
            .execute("DELETE FROM subscriptions WHERE name = ?1", [name])?
            > 0)
    }
}
