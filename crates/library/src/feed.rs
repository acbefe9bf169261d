//! The feed a library publishes: its published entries as signed delta bundles, for
//! `GET /api/feed` and for a folder (`bundle publish DIR`). The format is
//! [`share::feed`]; here the deltas are computed from the change log.
//!
//! A delta after cursor `since` carries every published entry changed after it and the uids
//! of the entries withdrawn after it: archived, moved to the trash, deleted or sent back to
//! draft, if they were ever published (a draft that never was is not named). The first pull
//! (`since` 0) is the whole published library. Drafts, notes and erased contacts are never in
//! it: an entry is sent as it is now, and erasure rewrites entries.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use model::error::{Error, Result};
use model::progress::Progress;
use model::{Entry, Status};
use share::bundle::{FeedPart, Outgoing, write_bundle_to};
pub use share::feed::FeedInfo;
use share::feed::{FEED_INFO_FORMAT, INFO_FILE, MAX_INFO_BYTES, delta_file_name};

use crate::bundle::BundleSigner;
use crate::{Library, now};

/// The most entries (changed or withdrawn) one delta of a served feed carries: a long first
/// pull comes page by page, each merged on its own, so an interrupted one goes on from the
/// last page it merged.
pub const MAX_PAGE_ENTRIES: usize = 2_000;

/// A delta as the server sends it.
pub struct FeedDelta {
    pub cursor: u64,
    /// The newest cursor of the feed: more deltas follow while `cursor` is below it.
    pub latest: u64,
    /// The `ETag` of the feed at `cursor`: what a subscriber sends back as `If-None-Match`.
    pub etag: String,
    pub entries: u32,
    pub withdrawn: u32,
    pub bytes: Vec<u8>,
}

/// What `bundle publish DIR` wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PublishReport {
    pub dir: String,
    #[ts(type = "number")]
    pub since: u64,
    #[ts(type = "number")]
    pub cursor: u64,
    /// Entries and withdrawals in the new delta (0 and 0 when nothing changed).
    pub entries: u32,
    pub withdrawn: u32,
    /// Published entries in the whole feed (`since-0.zip`).
    pub published: u32,
    /// Whether anything was written (nothing is when nothing changed).
    pub written: bool,
}

impl Library {
    /// What the feed says about itself (`GET /api/feed/info`, a folder's `feed.json`).
    pub fn feed_info(&mut self) -> Result<FeedInfo> {
        let key = self.bundle_key()?;
        Ok(FeedInfo {
            format: FEED_INFO_FORMAT,
            library_id: self.id()?,
            signer: BundleSigner {
                name: key.name.clone(),
                public_key: key.public_hex(),
            },
            cursor: self.store.last_change()?,
        })
    }

    /// The `ETag` of the feed as it is now. A subscriber whose last pull had this tag has
    /// everything: the server answers `304 Not Modified` without computing a delta.
    pub fn feed_tag(&self) -> Result<String> {
        Ok(tag(&self.id()?, self.store.last_change()?))
    }

    /// The published entries changed after `since` and the withdrawals, at most `limit`
    /// of them, with the cursor they reach. A `since` beyond the change log (a source
    /// restored from an older copy) starts over from 0.
    fn feed_part(&self, since: u64, limit: usize) -> Result<(Vec<Entry>, FeedPart)> {
        let since = if since > self.store.last_change()? {
            0
        } else {
            since
        };
        let (uids, cursor, _) = self.store.feed_changes(since, limit)?;
        let mut entries = self.store.live_by_uids(&uids)?;
        entries.retain(|e| e.status == Status::Publicerad);
        let withdrawn = if since == 0 {
            Vec::new()
        } else {
            let sent: std::collections::HashSet<&str> =
                entries.iter().map(|e| e.uid.as_str()).collect();
            let gone: Vec<String> = uids
                .iter()
                .filter(|uid| !sent.contains(uid.as_str()))
                .cloned()
                .collect();
            self.store.withdrawable(&gone)?
        };
        Ok((
            entries,
            FeedPart {
                since,
                cursor,
                withdrawn,
            },
        ))
    }

    /// The delta after `since` (at most [`MAX_PAGE_ENTRIES`] entries and withdrawals),
    /// signed with the library's key, as bytes.
    pub fn feed_delta(&mut self, since: u64) -> Result<FeedDelta> {
        let (latest, (entries, part)) = self.store.read_consistently(|| {
            Ok((
                self.store.last_change()?,
                self.feed_part(since, MAX_PAGE_ENTRIES)?,
            ))
        })?;
        let bytes = self.write_delta(std::io::Cursor::new(Vec::new()), &entries, &part)?;
        Ok(FeedDelta {
            latest,
            cursor: part.cursor,
            etag: tag(&self.id()?, part.cursor),
            entries: entries.len() as u32,
            withdrawn: part.withdrawn.len() as u32,
            bytes: bytes.into_inner(),
        })
    }

    fn write_delta<W: Write + std::io::Seek>(
        &mut self,
        writer: W,
        entries: &[Entry],
        part: &FeedPart,
    ) -> Result<W> {
        let key = self.bundle_key()?;
        let taxonomy = self.store.focus_areas()?;
        let dir = &self.dir;
        let outgoing = Outgoing {
            library_id: &self.id()?,
            created_at: &now(),
            entries,
            taxonomy: &taxonomy,
            feed: Some(part),
        };
        let (_, writer) = write_bundle_to(
            writer,
            &outgoing,
            |sha256| std::fs::read(store::files::stored_path(dir, sha256).ok()?).ok(),
            &key,
            &Progress::none(),
        )?;
        Ok(writer)
    }

    /// Writes the feed to a folder for subscribers without a server: a delta from the last
    /// cursor published there, the whole library again as `since-0.zip`, and `feed.json`
    /// last, each file complete or not at all. Nothing is written when nothing changed. A
    /// folder holding another library's feed is refused.
    pub fn publish_folder(&mut self, dir: &Path) -> Result<PublishReport> {
        let info_path = dir.join(INFO_FILE);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mine = self.feed_info()?;
        let previous = match std::fs::File::open(&info_path) {
            Ok(file) => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(file, MAX_INFO_BYTES + 1),
                    &mut bytes,
                )
                .map_err(|e| Error::io(&info_path, e))?;
                let info = FeedInfo::parse(&bytes, &info_path.display().to_string())?;
                if info.library_id != mine.library_id {
                    return Err(Error::conflict(format!(
                        "{}: mappen har ett annat biblioteks flöde (\"{}\"); välj en egen mapp",
                        dir.display(),
                        info.signer.name
                    )));
                }
                Some(info.cursor)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(&info_path, e)),
        };
        let since = previous.unwrap_or(0);
        // The delta and the whole feed from one moment, so that both end at one cursor.
        let ((entries, part), (all, whole)) = self.store.read_consistently(|| {
            Ok((
                self.feed_part(since, usize::MAX)?,
                self.feed_part(0, usize::MAX)?,
            ))
        })?;
        let mut report = PublishReport {
            dir: dir.display().to_string(),
            since: part.since,
            cursor: part.cursor,
            entries: entries.len() as u32,
            withdrawn: part.withdrawn.len() as u32,
            published: 0,
            written: false,
        };
        if previous == Some(part.cursor) {
            report.entries = 0;
            report.since = part.cursor;
            return Ok(report);
        }
        if part.since > 0 {
            self.write_file(dir, &delta_file_name(part.since), &entries, &part)?;
        }
        self.write_file(dir, &delta_file_name(0), &all, &whole)?;
        let info = FeedInfo {
            cursor: whole.cursor,
            ..mine
        };
        write_atomically(
            &info_path,
            &serde_json::to_vec_pretty(&info).expect("feed info serialises"),
        )?;
        report.cursor = whole.cursor;
        report.published = all.len() as u32;
        report.written = true;
        Ok(report)
    }

    fn write_file(
        &mut self,
        dir: &Path,
        name: &str,
        entries: &[Entry],
        part: &FeedPart,
    ) -> Result<()> {
        let path = dir.join(name);
        let partial = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
        let file = self.write_delta(std::io::BufWriter::new(partial), entries, part)?;
        let partial = file.into_inner().map_err(|e| Error::io(&path, e.error()))?;
        partial
            .as_file()
            .sync_all()
            .map_err(|e| Error::io(&path, e))?;
        partial
            .persist(&path)
            .map_err(|e| Error::io(&path, e.error))?;
        Ok(())
    }
}

/// The `ETag` of a library's feed at a cursor.
fn tag(library_id: &str, cursor: u64) -> String {
    format!("\"{}-{cursor}\"", &library_id[..library_id.len().min(12)])
}

/// Writes a small file so that it is complete or not there at all.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| Error::io(path, e))?;
    file.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}
