//! Accounts, sessions and the audit log of a team library.
//!
//! The store keeps what it is given: a password hash made by the library (Argon2id), a
//! session by the hash of its token. Every change to an account is written in the same
//! transaction as its line in the audit log, so the log cannot miss a change that happened.

use rusqlite::{OptionalExtension, params};

use crate::{Store, write_transaction};
use model::account::{AccountInfo, AuditEvent, Role};
use model::error::{Error, Result};

/// The most lines the audit log answers at once.
pub const MAX_AUDIT_LINES: usize = 1_000;

/// A line for the audit log.
#[derive(Debug, Clone, Copy)]
pub struct Audit<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub event: &'a str,
    pub address: &'a str,
}

/// An account with the hash its password is checked against.
#[derive(Debug, Clone)]
pub struct StoredAccount {
    pub info: AccountInfo,
    pub password_hash: String,
}

/// A session as stored: whose it is and its times (Unix seconds).
#[derive(Debug, Clone)]
pub struct StoredSession {
    pub account: AccountInfo,
    pub created_at: i64,
    pub last_seen: i64,
}

fn role(text: &str) -> rusqlite::Result<Role> {
    Role::parse(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn account_info(row: &rusqlite::Row<'_>) -> rusqlite::Result<AccountInfo> {
    Ok(AccountInfo {
        name: row.get("name")?,
        role: role(&row.get::<_, String>("role")?)?,
        disabled: row.get("disabled")?,
        created_at: row.get("created_at")?,
        last_login: row.get("last_login")?,
    })
}

fn no_account(name: &str) -> Error {
    Error::not_found(format!("inget konto med namnet \"{name}\"")).with_field("name")
}

fn log(tx: &rusqlite::Transaction<'_>, audit: &Audit<'_>, detail: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (at, actor, event, detail, address) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![audit.at, audit.actor, audit.event, detail, audit.address],
    )?;
    Ok(())
}

impl Store {
    /// The account named `name` (the case of the letters does not matter).
    pub fn account(&self, name: &str) -> Result<Option<StoredAccount>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT name, role, disabled, created_at, last_login, password_hash
                 FROM accounts WHERE name = ?1",
                [name],
                |row| {
                    Ok(StoredAccount {
                        info: account_info(row)?,
                        password_hash: row.get("password_hash")?,
                    })
                },
            )
            .optional()?)
    }

    /// Every account, by name.
    pub fn accounts(&self) -> Result<Vec<AccountInfo>> {
        let mut stmt = self.conn().prepare(
            "SELECT name, role, disabled, created_at, last_login FROM accounts
             ORDER BY name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], account_info)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds an account; a conflict if the name is taken (in any case of letters).
    pub fn insert_account(
        &mut self,
        name: &str,
        role: Role,
        password_hash: &str,
        audit: &Audit<'_>,
    ) -> Result<AccountInfo> {
        let tx = write_transaction(&mut self.conn)?;
        let taken: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM accounts WHERE name = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if taken {
            return Err(
                Error::conflict(format!("det finns redan ett konto som heter \"{name}\""))
                    .with_field("name"),
            );
        }
        tx.execute(
            "INSERT INTO accounts (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![name, role.as_str(), password_hash, audit.at],
        )?;
        log(&tx, audit, &format!("{name} ({})", role.as_str()))?;
        tx.commit()?;
        Ok(AccountInfo {
            name: name.to_owned(),
            role,
            disabled: false,
            created_at: audit.at.to_owned(),
            last_login: None,
        })
    }

    /// Gives an account another role. Returns the account as it is now.
    pub fn set_role(&mut self, name: &str, role: Role, audit: &Audit<'_>) -> Result<AccountInfo> {
        let tx = write_transaction(&mut self.conn)?;
        let old: String = tx
            .query_row("SELECT role FROM accounts WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| no_account(name))?;
        tx.execute(
            "UPDATE accounts SET role = ?2 WHERE name = ?1",
            params![name, role.as_str()],
        )?;
        log(&tx, audit, &format!("{name}: {old} → {}", role.as_str()))?;
        tx.commit()?;
        self.account(name)?
            .map(|a| a.info)
            .ok_or_else(|| no_account(name))
    }

    /// Disables or enables an account; disabling ends its sessions.
    pub fn set_disabled(
        &mut self,
        name: &str,
        disabled: bool,
        audit: &Audit<'_>,
    ) -> Result<AccountInfo> {
        let tx = write_transaction(&mut self.conn)?;
        let changed = tx.execute(
            "UPDATE accounts SET disabled = ?2 WHERE name = ?1",
            params![name, disabled],
        )?;
        if changed == 0 {
            return Err(no_account(name));
        }
        if disabled {
            tx.execute("DELETE FROM sessions WHERE account = ?1", [name])?;
        }
        log(&tx, audit, name)?;
        tx.commit()?;
        self.account(name)?
            .map(|a| a.info)
            .ok_or_else(|| no_account(name))
    }

    /// Sets a new password hash and ends every session of the account but `keep` (the
    /// session that changed its own password).
    pub fn set_password_hash(
        &mut self,
        name: &str,
        password_hash: &str,
        keep: Option<&str>,
        audit: &Audit<'_>,
    ) -> Result<()> {
        let tx = write_transaction(&mut self.conn)?;
        let changed = tx.execute(
            "UPDATE accounts SET password_hash = ?2 WHERE name = ?1",
            params![name, password_hash],
        )?;
        if changed == 0 {
            return Err(no_account(name));
        }
        tx.execute(
            "DELETE FROM sessions WHERE account = ?1 AND token_hash IS NOT ?2",
            params![name, keep],
        )?;
        log(&tx, audit, name)?;
        tx.commit()?;
        Ok(())
    }

    /// Starts a session: stores the hash of its token and records the login.
    pub fn insert_session(
        &mut self,
        token_hash: &str,
        name: &str,
        now: i64,
        audit: &Audit<'_>,
    ) -> Result<()> {
        let tx = write_transaction(&mut self.conn)?;
        tx.execute(
            "INSERT INTO sessions (token_hash, account, created_at, last_seen)
             VALUES (?1, ?2, ?3, ?3)",
            params![token_hash, name, now],
        )?;
        tx.execute(
            "UPDATE accounts SET last_login = ?2 WHERE name = ?1",
            params![name, audit.at],
        )?;
        log(&tx, audit, "")?;
        tx.commit()?;
        Ok(())
    }

    /// The session with the token hash `token_hash`, with its account.
    pub fn session(&self, token_hash: &str) -> Result<Option<StoredSession>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT a.name, a.role, a.disabled, a.created_at, a.last_login,
                        s.created_at AS session_created, s.last_seen
                 FROM sessions s JOIN accounts a ON a.name = s.account
                 WHERE s.token_hash = ?1",
                [token_hash],
                |row| {
                    Ok(StoredSession {
                        account: account_info(row)?,
                        created_at: row.get("session_created")?,
                        last_seen: row.get("last_seen")?,
                    })
                },
            )
            .optional()?)
    }

    /// Notes that a session was used at `now`.
    pub fn touch_session(&mut self, token_hash: &str, now: i64) -> Result<()> {
        self.conn().execute(
            "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1",
            params![token_hash, now],
        )?;
        Ok(())
    }

    /// Ends a session; with `audit`, records it (a logout). Returns whether it existed.
    pub fn delete_session(&mut self, token_hash: &str, audit: Option<&Audit<'_>>) -> Result<bool> {
        let tx = write_transaction(&mut self.conn)?;
        let gone = tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])? > 0;
        if let (true, Some(audit)) = (gone, audit) {
            log(&tx, audit, "")?;
        }
        tx.commit()?;
        Ok(gone)
    }

    /// Removes the sessions idle since before `idle_before` or started before
    /// `started_before`.
    pub fn delete_expired_sessions(
        &mut self,
        idle_before: i64,
        started_before: i64,
    ) -> Result<usize> {
        Ok(self.conn().execute(
            "DELETE FROM sessions WHERE last_seen < ?1 OR created_at < ?2",
            params![idle_before, started_before],
        )?)
    }

    /// Records an event that changes nothing else (a failed login).
    pub fn record(&mut self, audit: &Audit<'_>, detail: &str) -> Result<()> {
        let tx = write_transaction(&mut self.conn)?;
        log(&tx, audit, detail)?;
        tx.commit()?;
        Ok(())
    }

    /// The newest `limit` lines of the audit log, newest first.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEvent>> {
        let mut stmt = self.conn().prepare(
            "SELECT seq, at, actor, event, detail, address FROM audit_log
             ORDER BY seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit.min(MAX_AUDIT_LINES) as i64], |row| {
            Ok(AuditEvent {
                seq: row.get(0)?,
                at: row.get(1)?,
                actor: row.get(2)?,
                event: row.get(3)?,
                detail: row.get(4)?,
                address: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
