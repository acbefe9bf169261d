//! Bundles as the library makes and merges them: the file format is [`share::bundle`]; here
//! entries are chosen, merged on `uid` and incoming versions kept for review.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use model::Entry;
use model::error::{Error, ErrorCode, Result};
use model::progress::Progress;
use model::taxonomy::FocusArea;
use model::validate::normalise_and_check;
pub use share::bundle::*;

/// The library's signing key, in the library directory (mode 0600 on Unix).
pub const SIGNING_KEY_FILE: &str = "signing-key.json";
use store::Change;

use crate::plan::{BundleSender, Claims, Plan, Step, WriteReport, WriteSource};
use crate::{Library, now};

/// An incoming version of a locally changed entry, for review.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IncomingVersion {
    pub id: String,
    pub title: String,
    pub origin_revision: u32,
    /// Where it came from: a subscription's name or a bundle signer's (empty when unknown).
    pub source: String,
    /// What taking it would change here.
    pub changes: Vec<model::diff::FieldChange>,
}

impl Library {
    /// The library's own bundle key, made the first time it is needed. It lives in its own
    /// file, readable only by its owner ([`SIGNING_KEY_FILE`]), not in the database, so that
    /// backups and copies of the database do not carry it. A library from before the key file
    /// has the key in the database: it moves to the file here.
    pub fn bundle_key(&mut self) -> Result<BundleKey> {
        let path = self.dir.join(SIGNING_KEY_FILE);
        if path.exists() {
            return BundleKey::read(&path);
        }
        let id = self.id()?;
        let name = format!("bibliotek {}", &id[..id.len().min(8)]);
        let key = match self.store.meta("signing_key")? {
            Some(secret) => BundleKey::from_hex(&name, &secret)?,
            None => BundleKey::generate(&name)?,
        };
        match key.write(&path) {
            Ok(()) => {}
            // Another process made it first: that one is the key.
            Err(_) if path.exists() => return BundleKey::read(&path),
            Err(err) => return Err(err),
        }
        self.store.remove_meta("signing_key")?;
        // Backups made before the move hold the key too.
        for backup in self.backup_files()? {
            store::remove_meta_in_backup(&backup, "signing_key")?;
        }
        Ok(key)
    }

    /// Names the library's signer: the name subscribers and importers see beside the key
    /// (an organisation's, say). The key stays the same, so trust in it holds.
    pub fn set_signer_name(&mut self, name: &str) -> Result<BundleKey> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            return Err(Error::field(
                "name",
                "signerarens namn är 1–100 tecken utan radbrytningar",
            ));
        }
        let key = self.bundle_key()?;
        let renamed = BundleKey {
            name: name.to_owned(),
            key: key.key,
        };
        let path = self.dir.join(SIGNING_KEY_FILE);
        let fresh = self
            .dir
            .join(format!("{SIGNING_KEY_FILE}.ny-{}", std::process::id()));
        let _ = std::fs::remove_file(&fresh);
        renamed.write(&fresh)?;
        std::fs::rename(&fresh, &path).map_err(|e| Error::io(&path, e))?;
        Ok(renamed)
    }

    /// Writes a bundle of the entries with these uids (in the trash or not) to `out`.
    pub fn bundle_create(
        &mut self,
        uids: &[String],
        key: Option<BundleKey>,
        out: &Path,
    ) -> Result<BundleSummary> {
        self.bundle_create_with(uids, key, out, &Progress::none())
    }

    /// Like [`Library::bundle_create`], reporting progress and stopping when cancelled.
    pub fn bundle_create_with(
        &mut self,
        uids: &[String],
        key: Option<BundleKey>,
        out: &Path,
        progress: &Progress,
    ) -> Result<BundleSummary> {
        let key = match key {
            Some(key) => key,
            None => self.bundle_key()?,
        };
        let entries = self.store.live_by_uids(uids)?;
        let taxonomy = self.store.focus_areas()?;
        let dir = &self.dir;
        let outgoing = Outgoing {
            library_id: &self.id()?,
            created_at: &now(),
            entries: &entries,
            taxonomy: &taxonomy,
            feed: None,
        };
        write_bundle(
            out,
            &outgoing,
            |sha256| std::fs::read(store::files::stored_path(dir, sha256).ok()?).ok(),
            &key,
            progress,
        )
    }

    /// A bundle of the entries with these uids, as bytes for a download (a browser's "save").
    pub fn bundle_bytes(&mut self, uids: &[String]) -> Result<(BundleSummary, Vec<u8>)> {
        let dir = tempfile::tempdir_in(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        let out = dir.path().join("paket.zip");
        let summary = self.bundle_create(uids, None, &out)?;
        let bytes = std::fs::read(&out).map_err(|e| Error::io(&out, e))?;
        Ok((summary, bytes))
    }

    /// Imports a bundle whose bytes were uploaded (a browser's "open"), as
    /// [`Library::bundle_import`] does a file. Messages name the upload by `name`, never by
    /// the temporary file it is read from.
    pub fn bundle_import_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        dry_run: bool,
        trust: bool,
    ) -> Result<WriteReport> {
        use std::io::Write;
        let mut file =
            tempfile::NamedTempFile::new_in(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        file.write_all(bytes)
            .and_then(|()| file.flush())
            .map_err(|e| Error::io(file.path(), e))?;
        let shown = file.path().display().to_string();
        self.bundle_import(file.path(), dry_run, trust)
            .map_err(|err| Error {
                message: err.message.replace(&shown, name),
                ..err
            })
    }

    /// Imports a bundle: everything is checked first; then, unless `dry_run`, a backup is
    /// made and the merge lands in one transaction. A signer that is neither this library
    /// nor trusted is refused unless `trust`, which remembers it.
    pub fn bundle_import(
        &mut self,
        path: &Path,
        dry_run: bool,
        trust: bool,
    ) -> Result<WriteReport> {
        self.bundle_import_with(path, dry_run, trust, &Progress::none())
    }

    /// Like [`Library::bundle_import`], reporting progress; a cancel before the merge
    /// leaves the library as it was.
    pub fn bundle_import_with(
        &mut self,
        path: &Path,
        dry_run: bool,
        trust: bool,
        progress: &Progress,
    ) -> Result<WriteReport> {
        // One read of the file the user named (it may be on a network share and change under
        // us): a private copy in the library directory, which both passes read.
        let copy = private_copy(path, &self.dir)?;
        let own = self.bundle_key()?.public_hex();
        let decide_trust = |manifest: &Manifest| -> Result<()> {
            let signer = &manifest.signer;
            if signer.public_key == own || trust || self.store.is_trusted(&signer.public_key)? {
                return Ok(());
            }
            Err(Error::new(
                ErrorCode::Conflict,
                format!(
                    "{}: paketet är signerat av \"{}\" (nyckel {}…), som biblioteket inte litar på \
                     ännu; importera med --trust om du vet att det kommer från dem",
                    path.display(),
                    signer.name,
                    &signer.public_key[..16]
                ),
            ))
        };
        let contents = read_bundle(
            copy.path(),
            progress,
            "Kontrollerar paketet",
            decide_trust,
            |_, _| Ok(()),
        )
        .map_err(|e| renamed(e, copy.path(), path))?;
        let signer = contents.manifest.signer.clone();
        let carried: HashSet<&str> = contents.attachments.iter().map(String::as_str).collect();
        let mut plan = self.plan_merge(&contents.taxonomy, contents.entries, &carried, &signer)?;
        plan.trust_sender = signer.public_key != own;
        plan.sender = Some(signer.clone());
        let sender = BundleSender {
            name: signer.name.clone(),
            public_key: signer.public_key.clone(),
            library_id: contents.manifest.library_id.clone(),
        };
        let attachments = contents.attachments.len() as u32;
        let with_sender = |mut report: WriteReport| {
            report.sender = Some(sender.clone());
            report.attachments = attachments;
            report
        };
        if dry_run || plan.is_rejected() {
            return Ok(with_sender(plan.report(dry_run)));
        }
        // Attachments first: content-addressed, so a file written before a failed merge is
        // only an unused copy. The second pass checks every hash again as it writes.
        let dir = self.dir.clone();
        read_bundle(
            copy.path(),
            progress,
            "Packar upp bilagorna",
            |_| Ok(()),
            |hash, bytes| store::files::store_file(&dir, hash, bytes).map(|_| ()),
        )
        .map_err(|e| renamed(e, copy.path(), path))?;
        drop(copy);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let comment = format!("från paketet {name} ({})", signer.name);
        let report = self.apply(plan, false, Some("paket"), &comment)?;
        self.extract_missing_texts()?;
        Ok(with_sender(report))
    }

    /// Plans the merge of a bundle's entries on `uid`: a new entry is created (under a free
    /// id if its own is taken here); an entry not changed here since it was received takes the
    /// incoming version as its next revision; one changed here keeps its local version and the
    /// incoming one waits for review; a revision already received changes nothing.
    ///
    /// An entry is rejected when one of its attachments is neither in the bundle (`carried`)
    /// nor in this library. An update from another signer than the one the entry came from is
    /// kept for review, never applied.
    pub(crate) fn plan_merge(
        &self,
        taxonomy: &[FocusArea],
        entries: Vec<Entry>,
        carried: &HashSet<&str>,
        sender: &BundleSigner,
    ) -> Result<Plan> {
        let mut focus = self.store.focus_areas()?;
        let mut plan = self.new_plan(WriteSource::Bundle)?;
        for area in taxonomy {
            if !focus.iter().any(|f| f.slug == area.slug) {
                focus.push(area.clone());
                plan.new_areas.push(area.clone());
            }
        }
        let mut claims = Claims::default();
        for (i, mut entry) in entries.into_iter().enumerate() {
            let place = format!("post {}", i + 1);
            let origin_revision = entry.revision.max(1);
            plan.drop_erased(&mut entry);
            if let Err(problem) = self
                .check_incoming(&mut entry, &focus)
                .and_then(|()| {
                    if entry.uid.is_empty() {
                        Err(Error::field("uid", "saknas; ett paket bär varje posts uid"))
                    } else {
                        Ok(())
                    }
                })
                .and_then(|()| claims.check_unique(&entry, &place))
                .and_then(|()| self.check_attachment_files(&entry, carried))
            {
                plan.reject(place, Some(&entry), problem);
                continue;
            }
            let Some((current, _)) = self.store.get(&entry.uid)? else {
                self.new_identity(&mut entry, &mut claims, true)?;
                let step = Step::Create {
                    entry,
                    received: Some(origin_revision),
                };
                plan.write(place, step, String::new());
                continue;
            };
            let changes = model::diff::diff(&current, &entry, &focus);
            let received = self.store.received(&entry.uid)?;
            entry.id = current.id.clone();
            match received {
                // A revision number means something only from the signer it came from: another
                // source's version, whatever its number, goes on to the rules below.
                Some((seen, _, ref from))
                    if origin_revision <= seen && *from == sender.public_key =>
                {
                    let reason = format!("revision {origin_revision} är redan mottagen");
                    plan.unchanged(place, &entry, reason);
                }
                _ if changes.is_empty() => plan.unchanged(place, &entry, String::new()),
                Some((_, _, from)) if from != sender.public_key => {
                    let reason = format!(
                        "posten kom hit från en annan signerare än \"{}\": den lokala versionen \
                         behålls och den inkommande sparas för granskning",
                        sender.name
                    );
                    let step = Step::KeepForReview {
                        entry,
                        received: origin_revision,
                    };
                    plan.write(place, step, reason);
                }
                Some((_, local_revision, _)) if local_revision == current.revision => {
                    let labels: Vec<String> = changes.into_iter().map(|c| c.label).collect();
                    entry.created_at = current.created_at.clone();
                    let step = Step::Update {
                        entry,
                        current: current.revision,
                        received: Some(origin_revision),
                    };
                    plan.write(place, step, format!("ändrar: {}", labels.join(", ")));
                }
                _ => {
                    let reason = "posten har ändrats här sedan den togs emot: den lokala \
                                  versionen behålls och den inkommande sparas för granskning";
                    let step = Step::KeepForReview {
                        entry,
                        received: origin_revision,
                    };
                    plan.write(place, step, reason.to_owned());
                }
            }
        }
        Ok(plan)
    }

    /// Extracts the text of PDF attachments that have none yet (after a bundle brought them).
    pub(crate) fn extract_missing_texts(&mut self) -> Result<()> {
        let mut wanted = Vec::new();
        self.store.for_each_live(|entry| {
            for a in entry.attachments {
                if a.media_type == "application/pdf" {
                    wanted.push(a.sha256);
                }
            }
            Ok(())
        })?;
        wanted.sort();
        wanted.dedup();
        let mut changed = false;
        for hash in wanted {
            if self.store.attachment_text(&hash)?.is_some() {
                continue;
            }
            let path = store::files::stored_path(&self.dir, &hash)?;
            if !path.exists() {
                continue;
            }
            let (program, timeout) = self.extractor_program()?;
            let (text, problem) =
                match crate::attachments::extract_pdf_text(&program, &path, timeout) {
                    Ok(text) => (text, String::new()),
                    Err(problem) => (String::new(), problem),
                };
            self.store
                .set_attachment_text(&hash, &text, &problem, &now())?;
            changed = true;
        }
        if changed {
            self.reindex()?;
        }
        Ok(())
    }

    /// Merges the starter library's entries by the rules of a bundle: what is new is added, a
    /// newer revision of an entry not changed here is applied, a local change is kept.
    pub fn merge_starter(&mut self, entries: Vec<Entry>) -> Result<WriteReport> {
        let sender = BundleSigner {
            name: "Exempelbanken".to_owned(),
            public_key: STARTER_SIGNER.to_owned(),
        };
        let mut plan = self.plan_merge(&[], entries, &HashSet::new(), &sender)?;
        if plan.is_rejected() {
            return Err(plan.into_problem().expect("a rejected plan has a problem"));
        }
        plan.sender = Some(sender);
        let user = std::mem::replace(&mut self.user, "Exempelbanken".to_owned());
        let result = self.apply(plan, false, None, "från startbiblioteket");
        self.user = user;
        let mut report = result?;
        report.source = WriteSource::Starter;
        Ok(report)
    }

    /// Incoming versions of locally changed entries, waiting for review.
    pub fn incoming(&self) -> Result<Vec<(String, u32, Entry)>> {
        self.store.incoming()
    }

    /// The incoming versions waiting for review, each with what it would change here.
    pub fn incoming_review(&self) -> Result<Vec<IncomingVersion>> {
        let focus = self.store.focus_areas()?;
        let mut out = Vec::new();
        for (uid, origin_revision, incoming) in self.store.incoming()? {
            let Some((local, _)) = self.store.get(&uid)? else {
                continue;
            };
            let source = self
                .store
                .incoming_signer(&uid)?
                .map(|(_, source)| source)
                .unwrap_or_default();
            out.push(IncomingVersion {
                id: local.id.clone(),
                title: local.title.clone(),
                origin_revision,
                source,
                changes: model::diff::diff(&local, &incoming, &focus),
            });
        }
        Ok(out)
    }

    /// Takes the newest incoming version of an entry as its next revision (the local one
    /// stays in the history) and forgets the others.
    pub fn accept_incoming(&mut self, id: &str) -> Result<Entry> {
        let current = self.get(id)?;
        let (origin_revision, mut entry) = self
            .store
            .incoming()?
            .into_iter()
            .filter(|(uid, _, _)| *uid == current.uid)
            .map(|(_, rev, e)| (rev, e))
            .max_by_key(|(rev, _)| *rev)
            .ok_or_else(|| {
                Error::not_found(format!("posten \"{id}\" har ingen inkommande version"))
            })?;
        let (signer, source) = self
            .store
            .incoming_signer(&current.uid)?
            .unwrap_or_default();
        normalise_and_check(&mut entry, &self.store.focus_areas()?)?;
        entry.id = current.id.clone();
        entry.created_at = current.created_at.clone();
        let at = now();
        entry.updated_at = at.clone();
        let comment = format!("inkommande version (revision {origin_revision}) godtagen");
        let change = Change {
            by: &self.user,
            at: &at,
            comment: &comment,
        };
        let batch = self.store.batch()?;
        batch.update(&mut entry, Some(current.revision), &change)?;
        let from = store::Sender {
            signer: &signer,
            source: &source,
            at: &at,
        };
        batch.mark_received(&entry.uid, origin_revision, entry.revision, &from)?;
        batch.delete_incoming(&entry.uid)?;
        batch.commit()?;
        self.after_write();
        Ok(entry)
    }

    /// Keeps the local version and forgets the incoming ones. Returns how many went.
    pub fn discard_incoming(&mut self, id: &str) -> Result<usize> {
        let uid = self.get(id)?.uid;
        let batch = self.store.batch()?;
        let n = batch.delete_incoming(&uid)?;
        batch.commit()?;
        if n == 0 {
            return Err(Error::not_found(format!(
                "posten \"{id}\" har ingen inkommande version"
            )));
        }
        Ok(n)
    }
}

/// The largest bundle file read: everything it may unpack to, and room for its directory.
const MAX_BUNDLE_FILE_BYTES: u64 = MAX_TOTAL_BYTES + 64 * 1024 * 1024;

/// Copies a bundle into a private temporary file in the library directory (removed when
/// dropped), reading the original once and at most [`MAX_BUNDLE_FILE_BYTES`].
fn private_copy(path: &Path, dir: &Path) -> Result<tempfile::NamedTempFile> {
    let source = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut copy = tempfile::Builder::new()
        .prefix(".inkommande-paket-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    let copied = std::io::copy(
        &mut source.take(MAX_BUNDLE_FILE_BYTES + 1),
        copy.as_file_mut(),
    )
    .map_err(|e| Error::io(path, e))?;
    if copied > MAX_BUNDLE_FILE_BYTES {
        return Err(Error::invalid(format!(
            "{}: filen är större än {} GB; inget importerades",
            path.display(),
            MAX_BUNDLE_FILE_BYTES / (1024 * 1024 * 1024)
        )));
    }
    Ok(copy)
}

/// An error about the private copy, told about the file the user named.
fn renamed(mut error: Error, copy: &Path, original: &Path) -> Error {
    error.message = error
        .message
        .replace(&copy.display().to_string(), &original.display().to_string());
    error
}
