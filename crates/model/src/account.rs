//! Accounts of a team library (`exempelbank serve --team`): who may do what, and the
//! audit log of logins and account changes. The passwords and sessions themselves are the
//! store's and the library's business; this module has the types and the rules for names
//! and passwords.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// What an account may do. The roles follow the editorial workflow: a `skribent` writes
/// drafts and sends them to review, a `granskare` publishes, archives and sends back, a
/// `redaktör` also keeps the taxonomy, imports, bundles, erasure and the accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Role {
    #[serde(rename = "läsare")]
    Lasare,
    #[serde(rename = "skribent")]
    Skribent,
    #[serde(rename = "granskare")]
    Granskare,
    #[serde(rename = "redaktör")]
    Redaktor,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Lasare,
        Role::Skribent,
        Role::Granskare,
        Role::Redaktor,
    ];

    /// The role as written in the CLI, in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lasare => "läsare",
            Role::Skribent => "skribent",
            Role::Granskare => "granskare",
            Role::Redaktor => "redaktör",
        }
    }

    /// Reads a role, also without the Swedish letters (`lasare`, `redaktor`).
    pub fn parse(text: &str) -> Result<Role> {
        let folded = crate::text::fold(text.trim());
        Role::ALL
            .into_iter()
            .find(|role| crate::text::fold(role.as_str()) == folded)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "okänd roll \"{}\" (välj läsare, skribent, granskare eller redaktör)",
                    text.trim()
                ))
                .with_field("role")
            })
    }
}

/// An account as it is shown: never its password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AccountInfo {
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: String,
    /// The last successful login, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_login: Option<String>,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditEvent {
    #[ts(type = "number")]
    pub seq: i64,
    pub at: String,
    /// Who did it: the account that logged in or made the change (or the name tried).
    pub actor: String,
    /// `login`, `login_failed`, `logout`, `account_added`, `role_changed`, …
    pub event: String,
    /// What it was about, in Swedish ("skribent → granskare").
    pub detail: String,
    /// The client's address, when the event came over the network.
    pub address: String,
}

/// The longest account name.
pub const MAX_NAME_CHARS: usize = 64;
/// The shortest password an account may get.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password (Argon2 would take any length; a bound keeps the work bounded).
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Checks an account name: 1–64 characters, no control characters, no space at either end.
pub fn check_name(name: &str) -> Result<&str> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid("kontot behöver ett namn").with_field("name"));
    }
    if trimmed.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(format!(
            "kontots namn får vara högst {MAX_NAME_CHARS} tecken"
        ))
        .with_field("name"));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Error::invalid("kontots namn innehåller ett styrtecken").with_field("name"));
    }
    Ok(trimmed)
}

/// Checks a new password: at least 10 characters and at most 1 024 bytes.
pub fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::invalid(format!(
            "lösenordet ska ha minst {MIN_PASSWORD_CHARS} tecken"
        ))
        .with_field("password"));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(Error::invalid(format!(
            "lösenordet får vara högst {MAX_PASSWORD_BYTES} byte"
        ))
        .with_field("password"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_with_and_without_swedish_letters() {
        assert_eq!(Role::parse("redaktör").unwrap(), Role::Redaktor);
        assert_eq!(Role::parse("Redaktor").unwrap(), Role::Redaktor);
        assert_eq!(Role::parse("lasare").unwrap(), Role::Lasare);
        let err = Role::parse("admin").unwrap_err();
        assert!(err.message.contains("admin"), "{}", err.message);
        assert_eq!(serde_json::to_string(&Role::Lasare).unwrap(), "\"läsare\"");
    }

    #[test]
    fn names_and_passwords_are_bounded() {
        assert_eq!(check_name("  Anna  ").unwrap(), "Anna");
        assert!(check_name("").is_err());
        assert!(check_name("a\u{7}b").is_err());
        assert!(check_name(&"x".repeat(65)).is_err());
        assert!(check_password("kort").is_err());
        assert!(check_password("ett långt lösenord").is_ok());
        assert!(check_password(&"x".repeat(1025)).is_err());
    }
}
