//! The one error type every front end sees: a stable code that programs match on, and a
//! message in Swedish that names the problem and the place.

use serde::Serialize;
use ts_rs::TS;

/// What kind of failure an [`Error`] is. The code is stable; the message is for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The input was malformed or failed validation. Nothing was written.
    InvalidInput,
    /// No entry (or revision) with that id.
    NotFound,
    /// The write conflicts with the library's state (duplicate id, stale revision).
    Conflict,
    /// The caller may not do this (a read-only view, or too little access).
    Forbidden,
    /// The caller must log in first (a team server), or the session has ended.
    Unauthenticated,
    /// Too many attempts (logins); the message says when to try again.
    TooManyRequests,
    /// The library directory cannot be used (holds something else, newer schema).
    Library,
    /// SQLite failed.
    Database,
    /// The full-text index failed; it can always be rebuilt from SQLite.
    Index,
    /// Reading or writing a file failed.
    Io,
    /// The user cancelled a long task; nothing was written.
    Cancelled,
}

impl ErrorCode {
    /// The code as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::TooManyRequests => "too_many_requests",
            ErrorCode::Library => "library",
            ErrorCode::Database => "database",
            ErrorCode::Index => "index",
            ErrorCode::Io => "io",
            ErrorCode::Cancelled => "cancelled",
        }
    }
}

/// An error with a code and a human message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// The field of the entry (or request) the problem concerns, as a path such as
    /// `places[0].municipality_code`, so that a form can show the message beside it without
    /// reading the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            field: None,
        }
    }

    /// Bad input, naming the field it concerns.
    pub fn field(field: &str, problem: impl std::fmt::Display) -> Self {
        Error {
            field: Some(field.to_owned()),
            ..Error::invalid(format!("fältet {field}: {problem}"))
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidInput, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::Forbidden, message)
    }

    /// The same error, naming the field of the request it concerns.
    pub fn with_field(self, field: &str) -> Self {
        Error {
            field: Some(field.to_owned()),
            ..self
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::NotFound, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::Conflict, message)
    }

    pub fn library(message: impl Into<String>) -> Self {
        Error::new(ErrorCode::Library, message)
    }

    pub fn index(err: impl std::fmt::Display) -> Self {
        Error::new(ErrorCode::Index, format!("sökindexet: {err}"))
    }

    /// An I/O error, naming the path it concerns.
    pub fn io(path: &std::path::Path, err: impl std::fmt::Display) -> Self {
        Error::new(ErrorCode::Io, format!("{}: {err}", path.display()))
    }
}

#[cfg(feature = "sqlite")]
impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        Error::new(ErrorCode::Database, format!("databasen: {err}"))
    }
}

#[cfg(feature = "tantivy")]
impl From<tantivy::TantivyError> for Error {
    fn from(err: tantivy::TantivyError) -> Self {
        Error::index(err)
    }
}
