//! Bundles as the library makes and merges them: the file format is [`share::bundle`]; here
//! entries are chosen, merged on `uid` and incoming versions kept for review.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use model::Entry;
use model::error::{Error, ErrorCode, Result};
use model::progress::Progress;
use model::taxonomy::FocusArea;
use model::text;
use model::validate::normalise_and_check;
pub use share::bundle::*;
use store::Change;

use crate::{Library, now};

/// An incoming version of a locally changed entry, for review.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IncomingVersion {
    pub id: String,
    pub title: String,
    pub origin_revision: u32,
    /// What taking it would change here.
    pub changes: Vec<model::diff::FieldChange>,
}

/// One incoming entry and what the merge does with it.
enum Merge {
    Add(Entry),
    /// The entry ready to save (local id, next revision), the local revision it follows
    /// and the bundle's revision.
    Update(Entry, u32, u32),
    Unchanged,
    KeepLocal(Entry),
}

impl Library {
    /// The library's own bundle key, made the first time it is needed.
    pub fn bundle_key(&mut self) -> Result<BundleKey> {
        let id = self.id()?;
        let name = format!("bibliotek {}", &id[..id.len().min(8)]);
        if let Some(secret) = self.store.meta("signing_key")? {
            return BundleKey::from_hex(&name, &secret);
        }
        let key = BundleKey::generate(&name)?;
        self.store
            .set_meta("signing_key", &hex::encode(key.key.to_bytes()))?;
        Ok(key)
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
        };
        write_bundle(
            out,
            &outgoing,
            |sha256| std::fs::read(store::files::stored_path(dir, sha256).ok()?).ok(),
            &key,
            progress,
        )
    }

    /// Imports a bundle: everything is checked first; then, unless `dry_run`, a backup is
    /// made and the merge lands in one transaction. A signer that is neither this library
    /// nor trusted is refused unless `trust`, which remembers it.
    pub fn bundle_import(
        &mut self,
        path: &Path,
        dry_run: bool,
        trust: bool,
    ) -> Result<BundleReport> {
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
    ) -> Result<BundleReport> {
        let contents = read_bundle(path, progress, "Kontrollerar paketet", |_, _| Ok(()))?;
        let signer = contents.manifest.signer.clone();
        let own = self.bundle_key()?.public_hex();
        if signer.public_key != own && !self.store.is_trusted(&signer.public_key)? && !trust {
            return Err(Error::new(
                ErrorCode::Conflict,
                format!(
                    "{}: paketet är signerat av \"{}\" (nyckel {}…), som biblioteket inte litar på \
                     ännu; importera med --trust om du vet att det kommer från dem",
                    path.display(),
                    signer.name,
                    &signer.public_key[..16]
                ),
            ));
        }
        let (rows, merges, new_areas) = self.plan_merge(&contents.taxonomy, &contents.entries)?;
        let count = |a: BundleAction| rows.iter().filter(|r| r.action == a).count() as u32;
        let mut report = BundleReport {
            signer: signer.name.clone(),
            public_key: signer.public_key.clone(),
            library_id: contents.manifest.library_id.clone(),
            dry_run,
            imported: false,
            added: count(BundleAction::Add),
            updated: count(BundleAction::Update),
            unchanged: count(BundleAction::Unchanged),
            kept_local: count(BundleAction::KeepLocal),
            attachments: contents.attachments.len() as u32,
            rows,
            backup: None,
        };
        if dry_run {
            return Ok(report);
        }
        // Attachments first: content-addressed, so a file written before a failed merge is
        // only an unused copy. The second pass checks every hash again as it writes.
        let dir = self.dir.clone();
        read_bundle(path, progress, "Packar upp bilagorna", |hash, bytes| {
            store::files::store_file(&dir, hash, bytes).map(|_| ())
        })?;
        let backup = self.backup("paket")?;
        report.backup = Some(backup.display().to_string());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.apply_merge(
            merges,
            new_areas,
            &signer,
            &format!("från paketet {name} ({})", signer.name),
        )?;
        report.imported = true;
        self.extract_missing_texts()?;
        Ok(report)
    }

    fn plan_merge(
        &self,
        taxonomy: &[FocusArea],
        entries: &[Entry],
    ) -> Result<(Vec<BundleRow>, Vec<Merge>, Vec<FocusArea>)> {
        let mut focus = self.store.focus_areas()?;
        let mut new_areas = Vec::new();
        for area in taxonomy {
            if !focus.iter().any(|f| f.slug == area.slug) {
                focus.push(area.clone());
                new_areas.push(area.clone());
            }
        }
        let mut rows = Vec::new();
        let mut merges = Vec::new();
        let mut taken = HashSet::new();
        for incoming in entries {
            let mut entry = incoming.clone();
            normalise_and_check(&mut entry, &focus).map_err(|e| {
                Error::invalid(format!(
                    "posten {} i paketet: {}; inget importerades",
                    incoming.uid, e.message
                ))
            })?;
            let origin_revision = incoming.revision.max(1);
            let local = self.store.get(&entry.uid)?;
            let local_id = local.as_ref().map(|(e, _)| e.id.clone());
            let (action, merge, reason) = match local {
                None => {
                    if entry.id.is_empty()
                        || self.store.id_taken(&entry.id)?
                        || taken.contains(&entry.id)
                    {
                        let base = if entry.id.is_empty() {
                            text::slugify(&entry.title)
                        } else {
                            entry.id.clone()
                        };
                        entry.id = self.free_id(&base, &taken)?;
                    }
                    taken.insert(entry.id.clone());
                    (BundleAction::Add, Merge::Add(entry.clone()), String::new())
                }
                Some((current, _)) => {
                    let changes = model::diff::diff(&current, &entry, &focus);
                    match self.store.received(&entry.uid)? {
                        Some((seen, _)) if origin_revision <= seen => {
                            (BundleAction::Unchanged, Merge::Unchanged, format!("revision {origin_revision} är redan mottagen"))
                        }
                        Some((_, local_revision)) if local_revision == current.revision => {
                            if changes.is_empty() {
                                (BundleAction::Unchanged, Merge::Unchanged, String::new())
                            } else {
                                let labels: Vec<String> = changes.into_iter().map(|c| c.label).collect();
                                let mut update = entry.clone();
                                update.id = current.id.clone();
                                update.created_at = current.created_at.clone();
                                update.revision = current.revision + 1;
                                (
                                    BundleAction::Update,
                                    Merge::Update(update, current.revision, origin_revision),
                                    format!("ändrar: {}", labels.join(", ")),
                                )
                            }
                        }
                        _ if changes.is_empty() => (BundleAction::Unchanged, Merge::Unchanged, String::new()),
                        _ => (
                            BundleAction::KeepLocal,
                            Merge::KeepLocal(entry.clone()),
                            "posten har ändrats här sedan den togs emot: den lokala versionen behålls och \
                             den inkommande sparas för granskning"
                                .to_owned(),
                        ),
                    }
                }
            };
            rows.push(BundleRow {
                uid: entry.uid.clone(),
                id: match &merge {
                    Merge::Add(e) => e.id.clone(),
                    _ => local_id.unwrap_or_default(),
                },
                title: entry.title.clone(),
                action,
                reason,
            });
            merges.push(merge);
        }
        Ok((rows, merges, new_areas))
    }

    fn apply_merge(
        &mut self,
        merges: Vec<Merge>,
        new_areas: Vec<FocusArea>,
        signer: &BundleSigner,
        comment: &str,
    ) -> Result<()> {
        let own = self.bundle_key()?.public_hex();
        let at = now();
        let change = Change {
            by: &self.user,
            at: &at,
            comment,
        };
        let mut focus = self.store.focus_areas()?;
        focus.extend(new_areas.iter().cloned());
        let batch = self.store.batch()?;
        if !new_areas.is_empty() {
            batch.set_focus_areas(&focus)?;
        }
        if signer.public_key != own && signer.public_key != STARTER_SIGNER {
            batch.trust(&signer.public_key, &signer.name, &at)?;
        }
        for merge in merges {
            match merge {
                Merge::Add(mut entry) => {
                    let origin_revision = entry.revision.max(1);
                    entry.revision = 1;
                    if entry.created_at.is_empty() {
                        entry.created_at = at.clone();
                    }
                    entry.updated_at = at.clone();
                    batch.insert(&entry, &change)?;
                    batch.mark_received(&entry.uid, origin_revision, 1, &signer.public_key, &at)?;
                }
                Merge::Update(mut entry, expected, origin_revision) => {
                    entry.updated_at = at.clone();
                    batch.update(&entry, Some(expected), &change)?;
                    batch.mark_received(
                        &entry.uid,
                        origin_revision,
                        entry.revision,
                        &signer.public_key,
                        &at,
                    )?;
                }
                Merge::KeepLocal(entry) => batch.keep_incoming(&entry, &signer.public_key, &at)?,
                Merge::Unchanged => {}
            }
        }
        batch.commit()?;
        self.after_write();
        Ok(())
    }

    /// Extracts the text of PDF attachments that have none yet (after a bundle brought them).
    fn extract_missing_texts(&mut self) -> Result<()> {
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
    pub fn merge_starter(&mut self, entries: Vec<Entry>) -> Result<BundleReport> {
        let (rows, merges, _) = self.plan_merge(&[], &entries)?;
        let count = |a: BundleAction| rows.iter().filter(|r| r.action == a).count() as u32;
        let report = BundleReport {
            signer: "Exempelbanken".to_owned(),
            public_key: STARTER_SIGNER.to_owned(),
            library_id: crate::starter::ORIGIN.to_owned(),
            dry_run: false,
            imported: true,
            added: count(BundleAction::Add),
            updated: count(BundleAction::Update),
            unchanged: count(BundleAction::Unchanged),
            kept_local: count(BundleAction::KeepLocal),
            attachments: 0,
            rows,
            backup: None,
        };
        let signer = BundleSigner {
            name: "Exempelbanken".to_owned(),
            public_key: STARTER_SIGNER.to_owned(),
        };
        let user = std::mem::replace(&mut self.user, "Exempelbanken".to_owned());
        let result = self.apply_merge(merges, Vec::new(), &signer, "från startbiblioteket");
        self.user = user;
        result?;
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
            out.push(IncomingVersion {
                id: local.id.clone(),
                title: local.title.clone(),
                origin_revision,
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
        let signer = self
            .store
            .incoming_signer(&current.uid)?
            .unwrap_or_default();
        normalise_and_check(&mut entry, &self.store.focus_areas()?)?;
        entry.id = current.id.clone();
        entry.created_at = current.created_at.clone();
        entry.revision = current.revision + 1;
        let at = now();
        entry.updated_at = at.clone();
        let comment = format!("inkommande version (revision {origin_revision}) godtagen");
        let change = Change {
            by: &self.user,
            at: &at,
            comment: &comment,
        };
        let batch = self.store.batch()?;
        batch.update(&entry, Some(current.revision), &change)?;
        batch.mark_received(&entry.uid, origin_revision, entry.revision, &signer, &at)?;
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
