//! The user's personal notes on entries, and the text extracted from attached files.

use rusqlite::{OptionalExtension, params};

use model::error::Result;

use crate::Store;

impl Store {
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
}
