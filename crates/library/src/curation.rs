//! The curator's part of the facade: the workflow's choices, differences between revisions,
//! personal notes, emptying the trash, the taxonomy editor and erasing a person's data.
//!
//! These are methods of [`Library`], kept here so that `api` stays the reader's and writer's
//! view of entries. Every write is one transaction; the index follows through the change log.

use serde::Serialize;
use ts_rs::TS;

use crate::{Library, now};
use model::diff::{self, FieldChange};
use model::error::{Error, Result};
use model::taxonomy::FocusArea;
use model::text;
use model::validate;
use model::workflow::{self, Transition};
use store::{Change, Erasure};

/// What erasing a person's data changed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErasureReport {
    /// In the library itself.
    pub library: Erasure,
    /// Backup files that held the person and were cleaned too.
    pub backups: Vec<String>,
}

/// The personal note on an entry.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Note {
    pub uid: String,
    pub text: String,
}

impl Library {
    /// The status changes the workflow allows for this entry now.
    pub fn transitions(&self, id: &str) -> Result<Vec<Transition>> {
        Ok(workflow::transitions(self.get(id)?.status))
    }

    /// What changed from revision `from` to revision `to` of an entry, field by field.
    pub fn diff(&self, id: &str, from: u32, to: u32) -> Result<Vec<FieldChange>> {
        let before = self.revision(id, from)?;
        let after = self.revision(id, to)?;
        Ok(diff::diff(&before, &after, &self.store.focus_areas()?))
    }

    /// The personal note on an entry: kept apart from the entry, never exported, never
    /// overwritten by an import or a bundle.
    pub fn note(&self, id: &str) -> Result<Note> {
        let uid = self.get(id)?.uid;
        Ok(Note {
            text: self.store.note(&uid)?,
            uid,
        })
    }

    /// Sets the personal note on an entry (empty text removes it).
    pub fn set_note(&mut self, id: &str, text: &str) -> Result<Note> {
        let uid = self.get(id)?.uid;
        let text = text::nfc(text);
        if text.len() > validate::MAX_FIELD_BYTES {
            return Err(Error::field(
                "anteckning",
                format!(
                    "för lång ({} byte, högst {})",
                    text.len(),
                    validate::MAX_FIELD_BYTES
                ),
            ));
        }
        self.store.set_note(&uid, &text, &now())?;
        Ok(Note { uid, text })
    }

    /// Deletes the entries in the trash for good. Front ends ask the user first.
    pub fn empty_trash(&mut self) -> Result<usize> {
        let n = self.store.empty_trash()?;
        self.after_write();
        Ok(n)
    }

    /// Adds a focus area at the end of the taxonomy.
    pub fn add_focus_area(&mut self, name: &str, description: &str) -> Result<FocusArea> {
        let name = clean_name(name)?;
        let batch = self.store.batch()?;
        let mut focus = batch.focus_areas()?;
        let slug = text::slugify(&name);
        if let Some(existing) = focus
            .iter()
            .find(|f| f.slug == slug || f.name.to_lowercase() == name.to_lowercase())
        {
            return Err(Error::conflict(format!(
                "fokusområdet \"{}\" finns redan",
                existing.name
            )));
        }
        let area = FocusArea {
            slug,
            name,
            description: text::nfc(description.trim()),
        };
        focus.push(area.clone());
        batch.set_focus_areas(&focus)?;
        batch.commit()?;
        Ok(area)
    }

    /// Renames a focus area. Its slug follows the new name, and so do the entries that use
    /// it: each gets a new revision, all in one transaction with the taxonomy.
    pub fn rename_focus_area(&mut self, slug: &str, name: &str) -> Result<FocusArea> {
        let name = clean_name(name)?;
        let at = now();
        let batch = self.store.batch()?;
        let mut focus = batch.focus_areas()?;
        let Some(pos) = focus.iter().position(|f| f.slug == slug) else {
            return Err(unknown_area(slug));
        };
        let new_slug = text::slugify(&name);
        if let Some(other) = focus.iter().find(|f| f.slug == new_slug && f.slug != slug) {
            return Err(Error::conflict(format!(
                "fokusområdet \"{}\" finns redan; slå ihop dem i stället",
                other.name
            )));
        }
        let old_name = std::mem::replace(&mut focus[pos].name, name.clone());
        focus[pos].slug = new_slug.clone();
        let comment = format!("fokusområdet \"{old_name}\" heter nu \"{name}\"");
        let change = Change {
            by: &self.user,
            at: &at,
            comment: &comment,
        };
        retag(&batch, slug, &new_slug, &focus, &change)?;
        batch.commit()?;
        self.after_write();
        Ok(focus[pos].clone())
    }

    /// Merges the focus area `from` into `into`: entries tagged `from` are tagged `into`
    /// (each with a new revision), and `from` leaves the taxonomy, in one transaction.
    pub fn merge_focus_areas(&mut self, from: &str, into: &str) -> Result<FocusArea> {
        let at = now();
        let batch = self.store.batch()?;
        let mut focus = batch.focus_areas()?;
        let source = focus
            .iter()
            .find(|f| f.slug == from)
            .cloned()
            .ok_or_else(|| unknown_area(from))?;
        let target = focus
            .iter()
            .find(|f| f.slug == into)
            .cloned()
            .ok_or_else(|| unknown_area(into))?;
        if from == into {
            return Err(Error::invalid(format!(
                "ett fokusområde kan inte slås ihop med sig självt (\"{from}\")"
            )));
        }
        focus.retain(|f| f.slug != from);
        let comment = format!(
            "fokusområdet \"{}\" ingår nu i \"{}\"",
            source.name, target.name
        );
        let change = Change {
            by: &self.user,
            at: &at,
            comment: &comment,
        };
        retag(&batch, from, into, &focus, &change)?;
        batch.commit()?;
        self.after_write();
        Ok(target)
    }

    /// Erases a person: their contacts from every entry, every revision and every incoming
    /// version, their name from every text the library keeps, from every backup and from the
    /// index, and remembers them (as a keyed hash) so later imports and bundles drop their
    /// contacts. This rewrites history on purpose (GDPR); front ends ask the user first.
    pub fn erase_person(&mut self, name: &str) -> Result<ErasureReport> {
        let library = self.store.erase_person(name, &now())?;
        let hash = store::erasure::remembered_hash(&self.store, name)?;
        let mut backups = Vec::new();
        let at = now();
        for path in self.backup_files()? {
            let remember = hash.as_deref().map(|h| (h, at.as_str()));
            let erased = store::erase_person_in_backup(&path, name, remember)?;
            if erased != store::Erasure::default() {
                backups.push(path.display().to_string());
            }
        }
        // Deleted documents keep their terms in the index's segments until a merge: rebuild
        // it, so the name is gone from there too.
        self.reindex()?;
        Ok(ErasureReport { library, backups })
    }
}

/// Replaces the focus area `old` by `new` in every entry (trash included, so an entry brought
/// back is still valid) and saves `focus`, all in `batch`.
fn retag(
    batch: &store::Batch,
    old: &str,
    new: &str,
    focus: &[FocusArea],
    change: &Change,
) -> Result<()> {
    batch.set_focus_areas(focus)?;
    for mut entry in batch.tagged(old)? {
        let mut areas = Vec::with_capacity(entry.focus_areas.len());
        for area in entry.focus_areas.drain(..) {
            let area = if area == old { new.to_owned() } else { area };
            if !areas.contains(&area) {
                areas.push(area);
            }
        }
        entry.focus_areas = areas;
        entry.updated_at = change.at.to_owned();
        batch.rewrite(&mut entry, change)?;
    }
    Ok(())
}

fn clean_name(name: &str) -> Result<String> {
    let name = text::nfc(name.trim());
    if name.is_empty() {
        return Err(Error::field("namn", "fokusområdet behöver ett namn"));
    }
    if name.chars().count() > 80 {
        return Err(Error::field("namn", "högst 80 tecken"));
    }
    Ok(name)
}

fn unknown_area(slug: &str) -> Error {
    Error::not_found(format!("inget fokusområde med id \"{slug}\""))
}
