//! Accounts, logins and sessions of a team library (`exempelbank serve --team`).
//!
//! Passwords are hashed with Argon2id ([`ARGON2_PARAMS`], stated in SECURITY.md); a session
//! is a random token that only its holder knows, stored as its SHA-256. A login that fails
//! takes as long whether the name exists or not, and says the same thing. Every login,
//! failed login, logout and account change goes into the audit log, in the transaction of
//! the change itself.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Digest, Sha256};

use model::account::{self, AccountInfo, AuditEvent, Role};
use model::error::{Error, ErrorCode, Result};
use store::accounts::Audit;

use crate::Library;

/// Argon2id with 19 MiB of memory, 2 passes and one lane: OWASP's recommendation for
/// Argon2id (2024).
pub const ARGON2_PARAMS: (u32, u32, u32) = (19 * 1024, 2, 1);

/// How long a session lasts without use, and at most.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub idle_seconds: i64,
    pub absolute_seconds: i64,
}

impl Default for SessionLimits {
    /// Two hours without use, twelve hours at most: a working day.
    fn default() -> Self {
        SessionLimits {
            idle_seconds: 2 * 60 * 60,
            absolute_seconds: 12 * 60 * 60,
        }
    }
}

/// How seldom a session's last use is written (a read does not write every time).
const TOUCH_EVERY_SECONDS: i64 = 60;

/// The answer to a login that failed, whatever was wrong.
pub const LOGIN_FAILED: &str = "fel namn eller lösenord";

/// A session that began: the token goes to the client (in a cookie) and nowhere else.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub account: AccountInfo,
}

/// Who is calling, as a session says.
#[derive(Debug, Clone)]
pub struct SessionAccount {
    pub account: AccountInfo,
    /// The hash of the session's token, to end it or keep it on a password change.
    pub token_hash: String,
    /// Whether its last use should be written now ([`Library::touch_session`]): about once a
    /// minute, so that a read does not write every time.
    pub needs_touch: bool,
}

fn argon2() -> Argon2<'static> {
    let (memory, passes, lanes) = ARGON2_PARAMS;
    let params = Params::new(memory, passes, lanes, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password with a new random salt, in the PHC string format.
pub fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| Error::new(ErrorCode::Io, format!("ingen slumpkälla: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::library(e.to_string()))?;
    Ok(argon2()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| Error::library(format!("lösenordet kunde inte hashas: {e}")))?
        .to_string())
}

/// Whether `password` matches `hash`. A hash that cannot be read matches nothing.
fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to check a password against when the name has no account, so that the answer
/// takes as long as for a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("ingen har det här lösenordet").unwrap_or_default())
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::new(ErrorCode::Io, format!("ingen slumpkälla: {e}")))?;
    Ok(hex::encode(bytes))
}

/// Seconds since 1970, now.
pub fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn unauthenticated(message: &str) -> Error {
    Error::new(ErrorCode::Unauthenticated, message)
}

/// A name as it may appear in the audit log when it was only tried: bounded, no control
/// characters.
fn tried_name(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(account::MAX_NAME_CHARS)
        .collect()
}

impl Library {
    /// Every account, by name.
    pub fn accounts(&self) -> Result<Vec<AccountInfo>> {
        self.store.accounts()
    }

    /// Runs an account change of this library's user, with its audit line.
    fn by_user<T>(
        &mut self,
        event: &str,
        change: impl FnOnce(&mut store::Store, &Audit<'_>) -> Result<T>,
    ) -> Result<T> {
        let at = crate::now();
        let audit = Audit {
            at: &at,
            actor: &self.user,
            event,
            address: "",
        };
        change(&mut self.store, &audit)
    }

    /// Adds an account with a password (at least ten characters).
    pub fn add_account(&mut self, name: &str, role: Role, password: &str) -> Result<AccountInfo> {
        let name = account::check_name(name)?.to_owned();
        account::check_password(password)?;
        let hash = hash_password(password)?;
        self.by_user("account_added", |store, audit| {
            store.insert_account(&name, role, &hash, audit)
        })
    }

    /// Refuses a change that would leave no enabled redaktör (nobody could manage the
    /// accounts then, except from the command line on the server). `after` gives the
    /// account's role and whether it is disabled once changed.
    fn keep_a_redaktor(
        &self,
        name: &str,
        after: impl FnOnce(&AccountInfo) -> (Role, bool),
    ) -> Result<()> {
        let Some(target) = self.store.account(name.trim())? else {
            return Ok(()); // the store names the missing account
        };
        let manages = |(role, disabled): (Role, bool)| role == Role::Redaktor && !disabled;
        let before = (target.info.role, target.info.disabled);
        if !manages(before) || manages(after(&target.info)) {
            return Ok(());
        }
        let others = self
            .store
            .accounts()?
            .iter()
            .filter(|a| a.name != target.info.name && manages((a.role, a.disabled)))
            .count();
        if others == 0 {
            return Err(Error::conflict(format!(
                "{} är den enda aktiva redaktören; ge någon annan rollen redaktör först",
                target.info.name
            ))
            .with_field("name"));
        }
        Ok(())
    }

    /// Gives an account another role (recorded in the audit log).
    pub fn set_account_role(&mut self, name: &str, role: Role) -> Result<AccountInfo> {
        self.keep_a_redaktor(name, |a| (role, a.disabled))?;
        self.by_user("role_changed", |store, audit| {
            store.set_role(name.trim(), role, audit)
        })
    }

    /// Disables an account (its sessions end) or enables it again.
    pub fn set_account_disabled(&mut self, name: &str, disabled: bool) -> Result<AccountInfo> {
        self.keep_a_redaktor(name, |a| (a.role, disabled))?;
        let event = if disabled {
            "account_disabled"
        } else {
            "account_enabled"
        };
        self.by_user(event, |store, audit| {
            store.set_disabled(name.trim(), disabled, audit)
        })
    }

    /// Sets a new password for an account; every session of the account ends.
    pub fn reset_password(&mut self, name: &str, password: &str) -> Result<()> {
        account::check_password(password)?;
        let hash = hash_password(password)?;
        self.by_user("password_reset", |store, audit| {
            store.set_password_hash(name.trim(), &hash, None, audit)
        })
    }

    /// The account's own change of its password: the old one must match; every other
    /// session of the account ends, the one that made the change goes on.
    pub fn change_password(
        &mut self,
        session: &SessionAccount,
        old: &str,
        new: &str,
        address: &str,
    ) -> Result<()> {
        let name = &session.account.name;
        let stored = self
            .store
            .account(name)?
            .ok_or_else(|| unauthenticated("kontot finns inte längre"))?;
        if !verify_password(old, &stored.password_hash) {
            return Err(Error::forbidden("det nuvarande lösenordet stämmer inte")
                .with_field("old_password"));
        }
        account::check_password(new)?;
        let hash = hash_password(new)?;
        let at = crate::now();
        let audit = Audit {
            at: &at,
            actor: name,
            event: "password_changed",
            address,
        };
        self.store
            .set_password_hash(name, &hash, Some(&session.token_hash), &audit)
    }

    /// Checks a name and password; the account if they match an enabled account. Reads
    /// only, so that the slow hash runs outside a server's write lock; the caller records
    /// the outcome with [`Library::start_session`] or [`Library::record_failed_login`].
    pub fn check_login(&self, name: &str, password: &str) -> Result<AccountInfo> {
        if password.len() > account::MAX_PASSWORD_BYTES {
            return Err(unauthenticated(LOGIN_FAILED));
        }
        let stored = self.store.account(name.trim())?;
        let hash = stored
            .as_ref()
            .map_or_else(|| decoy_hash(), |a| a.password_hash.as_str());
        let matches = verify_password(password, hash);
        match stored {
            Some(account) if matches && !account.info.disabled => Ok(account.info),
            _ => Err(unauthenticated(LOGIN_FAILED)),
        }
    }

    /// Starts a session for an account whose login was checked, and records the login.
    pub fn start_session(&mut self, account: AccountInfo, address: &str) -> Result<NewSession> {
        let token = new_token()?;
        let at = crate::now();
        let audit = Audit {
            at: &at,
            actor: &account.name,
            event: "login",
            address,
        };
        self.store
            .insert_session(&token_hash(&token), &account.name, unix_now(), &audit)?;
        Ok(NewSession { token, account })
    }

    /// Records a login that failed, with the name that was tried.
    pub fn record_failed_login(&mut self, name: &str, address: &str, why: &str) -> Result<()> {
        let at = crate::now();
        let actor = tried_name(name);
        let audit = Audit {
            at: &at,
            actor: &actor,
            event: "login_failed",
            address,
        };
        self.store.record(&audit, why)
    }

    /// The account of a session token, if the session is live: not ended, not idle longer
    /// than the limit, not older than the absolute limit, and its account enabled.
    pub fn session(&self, token: &str, limits: SessionLimits, now: i64) -> Result<SessionAccount> {
        let hash = token_hash(token);
        let Some(session) = self.store.session(&hash)? else {
            return Err(unauthenticated("logga in för att fortsätta"));
        };
        if now - session.last_seen > limits.idle_seconds
            || now - session.created_at > limits.absolute_seconds
        {
            return Err(unauthenticated(
                "sessionen har gått ut; logga in igen för att fortsätta",
            ));
        }
        if session.account.disabled {
            return Err(unauthenticated("kontot är avstängt"));
        }
        Ok(SessionAccount {
            account: session.account,
            token_hash: hash,
            needs_touch: now - session.last_seen >= TOUCH_EVERY_SECONDS,
        })
    }

    /// Notes a session's use, and removes the sessions that have expired.
    pub fn touch_session(
        &mut self,
        session: &SessionAccount,
        limits: SessionLimits,
        now: i64,
    ) -> Result<()> {
        self.store.touch_session(&session.token_hash, now)?;
        self.store
            .delete_expired_sessions(now - limits.idle_seconds, now - limits.absolute_seconds)?;
        Ok(())
    }

    /// Ends a session (a logout), recorded in the audit log.
    pub fn end_session(&mut self, session: &SessionAccount, address: &str) -> Result<()> {
        let at = crate::now();
        let audit = Audit {
            at: &at,
            actor: &session.account.name,
            event: "logout",
            address,
        };
        self.store
            .delete_session(&session.token_hash, Some(&audit))?;
        Ok(())
    }

    /// The newest lines of the audit log, newest first.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEvent>> {
        self.store.audit_log(limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::create(&dir.path().join("bibliotek"), crate::Contents::Empty).unwrap();
        (dir, lib)
    }

    #[test]
    fn passwords_are_stored_as_argon2id_hashes() {
        let (_dir, mut lib) = library();
        lib.add_account("Anna", Role::Skribent, "ett långt lösenord")
            .unwrap();
        let stored = lib.store.account("anna").unwrap().unwrap();
        assert!(
            stored
                .password_hash
                .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{}",
            stored.password_hash
        );
        assert!(!stored.password_hash.contains("ett långt lösenord"));
    }

    #[test]
    fn a_wrong_name_and_a_wrong_password_get_the_same_answer() {
        let (_dir, mut lib) = library();
        lib.add_account("Anna", Role::Skribent, "ett långt lösenord")
            .unwrap();
        let wrong_password = lib.check_login("Anna", "fel lösenord!").unwrap_err();
        let wrong_name = lib.check_login("Bertil", "ett långt lösenord").unwrap_err();
        assert_eq!(wrong_password, wrong_name);
        assert_eq!(wrong_name.code, ErrorCode::Unauthenticated);
        assert_eq!(
            lib.check_login(" anna ", "ett långt lösenord")
                .unwrap()
                .name,
            "Anna"
        );
        lib.set_account_disabled("Anna", true).unwrap();
        assert_eq!(
            lib.check_login("Anna", "ett långt lösenord").unwrap_err(),
            wrong_name
        );
    }

    #[test]
    fn the_last_enabled_redaktor_cannot_be_demoted_or_disabled() {
        let (_dir, mut lib) = library();
        lib.add_account("Anna", Role::Redaktor, "ett långt lösenord")
            .unwrap();
        let err = lib.set_account_role("anna", Role::Granskare).unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        assert!(
            err.message.contains("enda aktiva redaktören"),
            "{}",
            err.message
        );
        assert!(lib.set_account_disabled("Anna", true).is_err());
        lib.add_account("Bo", Role::Redaktor, "ett långt lösenord")
            .unwrap();
        lib.set_account_disabled("Anna", true).unwrap();
        assert!(lib.set_account_role("Bo", Role::Lasare).is_err());
        lib.set_account_disabled("Anna", false).unwrap();
        assert_eq!(
            lib.set_account_role("Bo", Role::Lasare).unwrap().role,
            Role::Lasare
        );
    }

    #[test]
    fn sessions_end_when_idle_too_long_or_too_old() {
        let (_dir, mut lib) = library();
        let info = lib
            .add_account("Anna", Role::Granskare, "ett långt lösenord")
            .unwrap();
        let session = lib.start_session(info, "127.0.0.1").unwrap();
        let limits = SessionLimits {
            idle_seconds: 100,
            absolute_seconds: 1000,
        };
        let now = unix_now();
        assert_eq!(
            lib.session(&session.token, limits, now)
                .unwrap()
                .account
                .role,
            Role::Granskare
        );
        assert!(lib.session(&session.token, limits, now + 101).is_err());
        let live = lib.session(&session.token, limits, now + 90).unwrap();
        lib.touch_session(&live, limits, now + 90).unwrap();
        assert!(lib.session(&session.token, limits, now + 180).is_ok());
        assert!(lib.session(&session.token, limits, now + 1001).is_err());
        assert!(lib.session("not-a-token", limits, now).is_err());
    }

    #[test]
    fn a_password_change_ends_the_other_sessions_and_keeps_its_own() {
        let (_dir, mut lib) = library();
        let info = lib
            .add_account("Anna", Role::Skribent, "ett långt lösenord")
            .unwrap();
        let here = lib.start_session(info.clone(), "").unwrap();
        let elsewhere = lib.start_session(info, "").unwrap();
        let limits = SessionLimits::default();
        let now = unix_now();
        let current = lib.session(&here.token, limits, now).unwrap();
        assert!(
            lib.change_password(&current, "fel", "ett nytt långt lösenord", "")
                .is_err()
        );
        lib.change_password(
            &current,
            "ett långt lösenord",
            "ett nytt långt lösenord",
            "",
        )
        .unwrap();
        assert!(lib.session(&here.token, limits, now).is_ok());
        assert!(lib.session(&elsewhere.token, limits, now).is_err());
        lib.reset_password("Anna", "ett tredje långt lösenord")
            .unwrap();
        assert!(lib.session(&here.token, limits, now).is_err());
        let events: Vec<String> = lib
            .audit_log(10)
            .unwrap()
            .into_iter()
            .map(|e| e.event)
            .collect();
        assert_eq!(
            events,
            [
                "password_reset",
                "password_changed",
                "login",
                "login",
                "account_added"
            ]
        );
    }
}
