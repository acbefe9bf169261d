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
/// The most attachment bytes one delta of a served feed carries (it is built in memory); a
/// page ends before the entry that would pass it, unless that entry is the page's first.
pub const MAX_PAGE_BYTES: u64 = 256 * 1024 * 1024;

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
    /// of them and about `max_bytes` of attachments, with the cursor they reach. A `since`
    /// beyond the change log (a source restored from an older copy) starts over from 0.
    fn feed_part(
        &self,
        since: u64,
        limit: usize,
        max_bytes: u64,
    ) -> Result<(Vec<Entry>, FeedPart)> {
        let since = if since > self.store.last_change()? {
            0
        } else {
            since
        };
        let (changed, _) = self.store.feed_changes(since, limit)?;
        let mut cursor = since;
        let mut entries = Vec::new();
        let mut gone = Vec::new();
        let mut carried = std::collections::HashSet::new();
        let mut bytes = 0u64;
        for (uid, seq) in changed {
            let entry = self
                .store
                .live_by_uids(std::slice::from_ref(&uid))?
                .pop()
                .filter(|e| e.status == Status::Publicerad);
            // An entry whose attachment file this library lacks cannot be merged anywhere
            // (the subscriber would refuse the whole delta, on every pull): it waits here
            // until the file is back, and the server's log says so.
            let entry = entry.filter(|e| {
                let missing = e.attachments.iter().find(|a| {
                    !store::files::stored_path(&self.dir, &a.sha256).is_ok_and(|p| p.exists())
                });
                if let Some(a) = missing {
                    eprintln!(
                        "flödet: posten \"{}\" skickas inte: bilagan {} ({}) saknas i biblioteket",
                        e.id, a.name, a.sha256
                    );
                }
                missing.is_none()
            });
            match entry {
                Some(entry) => {
                    let adds: u64 = entry
                        .attachments
                        .iter()
                        .filter(|a| !carried.contains(&a.sha256))
                        .map(|a| a.size)
                        .sum();
                    if bytes + adds > max_bytes && cursor > since {
                        break;
                    }
                    bytes += adds;
                    carried.extend(entry.attachments.iter().map(|a| a.sha256.clone()));
                    entries.push(entry);
                }
                None => gone.push(uid),
            }
            cursor = seq;
        }
        let withdrawn = if since == 0 {
            Vec::new()
        } else {
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
                self.feed_part(since, MAX_PAGE_ENTRIES, MAX_PAGE_BYTES)?,
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
                self.feed_part(since, usize::MAX, u64::MAX)?,
                self.feed_part(0, usize::MAX, u64::MAX)?,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Contents;

    /// A library of `n` published entries, each with an attachment of its own of 1 000 bytes.
    fn library_with_attachments(dir: &Path, n: usize) -> Library {
        let mut lib = Library::create(dir, Contents::Empty).unwrap();
        for i in 0..n {
            let entry = model::validate::parse_entry(&format!(
                r#"{{"kind": "exempel", "title": "Syntetisk {i}", "status": "publicerad"}}"#
            ))
            .unwrap();
            let id = lib.add(entry).unwrap().id;
            let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
            png.resize(1_000, i as u8);
            lib.attach_bytes(&id, "bild.png", &png, "").unwrap();
        }
        lib
    }

    #[test]
    fn a_page_ends_before_the_attachment_bytes_run_over_and_the_pages_cover_everything() {
        let dir = tempfile::tempdir().unwrap();
        let lib = library_with_attachments(&dir.path().join("bibliotek"), 3);
        let latest = lib.store.last_change().unwrap();
        let mut since = 0;
        let mut seen = Vec::new();
        let mut pages = 0;
        while since < latest {
            let (entries, part) = lib.feed_part(since, MAX_PAGE_ENTRIES, 1_500).unwrap();
            assert_eq!(
                entries.len(),
                1,
                "one 1 000-byte attachment per 1 500-byte page"
            );
            assert!(part.cursor > since);
            seen.extend(entries.into_iter().map(|e| e.title));
            since = part.cursor;
            pages += 1;
        }
        seen.sort();
        assert_eq!(seen, ["Syntetisk 0", "Syntetisk 1", "Syntetisk 2"]);
        assert_eq!(pages, 3);
        // Unbounded, one page has them all.
        let (entries, part) = lib.feed_part(0, MAX_PAGE_ENTRIES, MAX_PAGE_BYTES).unwrap();
        assert_eq!((entries.len(), part.cursor), (3, latest));
    }

    #[test]
    fn a_draft_never_published_is_neither_sent_nor_withdrawn() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = library_with_attachments(&dir.path().join("bibliotek"), 1);
        let cursor = lib.store.last_change().unwrap();
        let draft =
            model::validate::parse_entry(r#"{"kind": "exempel", "title": "Ett utkast"}"#).unwrap();
        lib.add(draft).unwrap();
        let published = lib.list(None).unwrap();
        let published = published.iter().find(|e| e.title == "Syntetisk 0").unwrap();
        lib.set_status(&published.id, model::Status::Arkiverad, "")
            .unwrap();
        let (entries, part) = lib
            .feed_part(cursor, MAX_PAGE_ENTRIES, MAX_PAGE_BYTES)
            .unwrap();
        assert!(entries.is_empty());
        assert_eq!(part.withdrawn, vec![published.uid.clone()]);
    }
}
