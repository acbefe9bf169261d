//! Subscriptions: the published libraries this one follows, as the app and `subscribe list`
//! show them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a subscription reads its feed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SourceKind {
    /// `GET /api/feed` of an `exempelbank serve`.
    Server,
    /// A folder that `bundle publish` writes (a network share, a USB stick).
    Folder,
}

impl SourceKind {
    pub fn slug(self) -> &'static str {
        match self {
            SourceKind::Server => "server",
            SourceKind::Folder => "folder",
        }
    }

    pub fn from_slug(slug: &str) -> Option<SourceKind> {
        match slug {
            "server" => Some(SourceKind::Server),
            "folder" => Some(SourceKind::Folder),
            _ => None,
        }
    }
}

/// A library this one follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Subscription {
    /// The name entries from it show as their source (the signer's name unless given).
    pub name: String,
    /// The server's address or the folder's path.
    pub source: String,
    pub kind: SourceKind,
    /// The id of the library behind the source; a pull from another one is refused.
    pub library_id: String,
    pub signer_name: String,
    /// The trusted signer's key: a delta signed by any other is refused.
    pub fingerprint: String,
    pub added_at: String,
    /// Where in the source's change log the next pull starts.
    #[ts(type = "number")]
    pub cursor: u64,
    /// The last pull tried, and the last that reached the source.
    #[ts(optional)]
    pub last_attempt: Option<String>,
    #[ts(optional)]
    pub last_success: Option<String>,
    /// Why the last pull did not reach the source or was refused; empty when it did.
    pub last_problem: String,
    /// What the last pull that brought anything did.
    pub last_new: u32,
    pub last_updated: u32,
    pub last_withdrawn: u32,
    /// Entries here whose source it is.
    pub entries: u32,
    /// Incoming versions from it waiting for review.
    pub waiting_review: u32,
}

/// Where an entry came from, for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EntryOrigin {
    /// The subscription's name, or the signer's for a bundle file.
    pub source: String,
    /// The source's revision this entry's local copy was made from.
    pub origin_revision: u32,
    pub received_at: String,
    /// Whether it has been changed here since.
    pub changed_here: bool,
}
