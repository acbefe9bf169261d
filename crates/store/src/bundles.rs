//! What bundles leave in the library: which revision of an entry came from where, the
//! trusted signers, and the incoming versions of locally changed entries kept for review.

use rusqlite::{OptionalExtension, params};

use model::Entry;
use model::error::Result;

use crate::entries::Batch;
use crate::{Store, from_json, to_json};

/// Who sent a revision, and when it arrived.
pub struct Sender<'a> {
    /// The signer's public key in hex.
    pub signer: &'a str,
    /// The subscription it came by, or the bundle signer's name.
    pub source: &'a str,
    pub at: &'a str,
}

impl Store {
    /// What the library knows of an entry received in a bundle: the bundle's revision, the
    /// local revision it became, and the public key of the signer it came from.
    pub fn received(&self, uid: &str) -> Result<Option<(u32, u32, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT origin_revision, local_revision, signer FROM received WHERE uid = ?1",
                [uid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
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

    /// The signer and source of the newest incoming version of an entry.
    pub fn incoming_signer(&self, uid: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT signer, source FROM incoming WHERE uid = ?1
                 ORDER BY origin_revision DESC LIMIT 1",
                [uid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Where an entry came from, if it was received from another library.
    pub fn origin(&self, uid: &str) -> Result<Option<model::subscription::EntryOrigin>> {
        Ok(self
            .conn
            .query_row(
                "SELECT r.source, r.origin_revision, r.received_at, r.local_revision <> e.revision
                 FROM received r JOIN entries e ON e.uid = r.uid WHERE r.uid = ?1",
                [uid],
                |r| {
                    Ok(model::subscription::EntryOrigin {
                        source: r.get(0)?,
                        origin_revision: r.get(1)?,
                        received_at: r.get(2)?,
                        changed_here: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// The source an entry was received by, for the search index (empty when none).
    pub fn source_of(&self, uid: &str) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached("SELECT source FROM received WHERE uid = ?1")?
            .query_row([uid], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
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
}

impl Batch<'_> {
    /// Remembers that the entry's local revision `local` is the `origin` revision of what
    /// `signer` sent by `source` (a subscription's name or a bundle signer's).
    pub fn mark_received(&self, uid: &str, origin: u32, local: u32, from: &Sender) -> Result<()> {
        self.tx.execute(
            "INSERT INTO received
                 (uid, origin_revision, local_revision, signer, received_at, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (uid) DO UPDATE SET origin_revision = ?2, local_revision = ?3,
                 signer = ?4, received_at = ?5, source = ?6",
            params![uid, origin, local, from.signer, from.at, from.source],
        )?;
        Ok(())
    }

    /// Keeps an incoming version of a locally changed entry for review.
    pub fn keep_incoming(&self, entry: &Entry, from: &Sender) -> Result<()> {
        self.tx.execute(
            "INSERT OR REPLACE INTO incoming
                 (uid, origin_revision, body, signer, received_at, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                entry.uid,
                entry.revision,
                to_json(entry)?,
                from.signer,
                from.at,
                from.source
            ],
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
}
