//! Feeds: a library's published entries as a chain of signed delta bundles
//! ([`crate::bundle::FeedPart`]), served by `exempelbank serve` at `GET /api/feed?since=N` or
//! written to a folder by `bundle publish`.
//!
//! ```text
//! feed.json          what `feed/info` answers: the library, its signer, the newest cursor
//! since-0.zip        the whole published library up to that cursor
//! since-<N>.zip      what changed after cursor N, up to the next one published
//! ```
//! The folder's file names are made from numbers only, never from what a file says.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use model::error::{Error, Result};

use crate::bundle::BundleSigner;

/// The format of `feed.json` and of `GET /api/feed/info`.
pub const FEED_INFO_FORMAT: u32 = 1;
/// The largest `feed.json` or `feed/info` answer read.
pub const MAX_INFO_BYTES: u64 = 64 * 1024;
/// The file of a folder feed that describes it.
pub const INFO_FILE: &str = "feed.json";

/// What a feed says about itself before anything is pulled: enough for a person to decide
/// whether to trust its signer. Not signed itself; every delta is, and a pull checks that the
/// delta's signer is the one trusted here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct FeedInfo {
    pub format: u32,
    pub library_id: String,
    /// The signer's name and ed25519 public key in hex (its fingerprint).
    #[ts(type = "{ name: string, public_key: string }")]
    pub signer: BundleSigner,
    /// The newest position of the feed.
    #[ts(type = "number")]
    pub cursor: u64,
}

impl FeedInfo {
    /// Reads and checks `feed.json` or a `feed/info` answer; `place` names it in errors.
    pub fn parse(bytes: &[u8], place: &str) -> Result<FeedInfo> {
        let info: FeedInfo = serde_json::from_slice(bytes).map_err(|e| {
            Error::invalid(format!(
                "{place}: inget flöde från Exempelbanken ({e}); kontrollera adressen"
            ))
        })?;
        if info.format > FEED_INFO_FORMAT {
            return Err(Error::invalid(format!(
                "{place}: flödesformat {} är nyare än det här programmet läser; uppdatera",
                info.format
            )));
        }
        if info.library_id.is_empty()
            || info.library_id.len() > 100
            || !info
                .library_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(Error::invalid(format!(
                "{place}: flödet har inget giltigt id för biblioteket"
            )));
        }
        crate::bundle::normalise_fingerprint(&info.signer.public_key)
            .map_err(|_| Error::invalid(format!("{place}: flödets signeringsnyckel är ogiltig")))?;
        if !crate::bundle::plain_signer_name(&info.signer.name) {
            return Err(Error::invalid(format!(
                "{place}: signerarens namn är för långt eller innehåller otillåtna tecken"
            )));
        }
        Ok(info)
    }
}

/// The file of a folder feed that holds what changed after `since`.
pub fn delta_file_name(since: u64) -> String {
    format!("since-{since}.zip")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(name: &str) -> Vec<u8> {
        serde_json::json!({
            "format": 1,
            "library_id": "0f8e2c1a-5b7d-4e3f-9a6b-1c2d3e4f5a6b",
            "signer": { "name": name, "public_key": "ab".repeat(32) },
            "cursor": 7
        })
        .to_string()
        .into_bytes()
    }

    #[test]
    fn a_signer_name_that_could_draw_a_fake_fingerprint_is_refused() {
        assert!(FeedInfo::parse(&info("Regionens exempelbank"), "k").is_ok());
        for name in [
            "X\nFingeravtryck: 0000",
            "X\u{1b}[8m",
            "Regionens \u{202e}knabmepmexe",
        ] {
            let err = FeedInfo::parse(&info(name), "k").unwrap_err();
            assert!(
                err.message.contains("otillåtna tecken"),
                "{name:?}: {}",
                err.message
            );
        }
    }
}
