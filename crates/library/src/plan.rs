//! One way to plan and apply a write of many entries.
//!
//! `add`, `import` and a bundle's merge each decide, entry by entry, what happens: an
//! [`WriteAction`] (create, update, unchanged, reject, keep for review) with the reason. Those
//! decisions make a [`Plan`]; its [`WriteReport`] is what a dry run shows and what the CLI and
//! the UI print, one type for all three. [`Library::apply`] carries a plan out: nothing when an
//! entry is rejected, otherwise one backup and one transaction. Revision numbers are not set
//! here at all: the store gives every new entry revision 1 and every update the next one.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use model::Entry;
use model::error::{Error, Result};
use model::taxonomy::FocusArea;
use model::text;
use model::validate::normalise_and_check;
use share::bundle::BundleSigner;
use store::Change;

use crate::{Library, now};

/// What a write does to one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WriteAction {
    Create,
    Update,
    Unchanged,
    /// The entry cannot be written; nothing in the plan is.
    Reject,
    /// The entry was changed here since it was received: the local version stays and the
    /// incoming one waits for review.
    KeepForReview,
}

/// Where the entries of a write come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WriteSource {
    /// Entries given as JSON (`add`, the editor).
    Add,
    /// A file of entries (JSON, JSON Lines, CSV, XLSX).
    Import,
    /// A signed bundle from another library.
    Bundle,
    /// The starter library that ships with the program.
    Starter,
}

/// One entry of a write and what happens to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WriteRow {
    /// Where the entry is in what was read: "rad 3" (a spreadsheet row or JSON line),
    /// "post 2" (an element of a JSON array or a bundle).
    pub place: String,
    pub action: WriteAction,
    /// The entry's id here (empty when a rejected row has none).
    pub id: String,
    pub title: String,
    /// Why a row is rejected or kept for review; what an update changes.
    pub reason: String,
}

/// How many entries each action has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WriteTotals {
    pub create: u32,
    pub update: u32,
    pub unchanged: u32,
    pub reject: u32,
    pub keep_for_review: u32,
}

/// Who signed a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BundleSender {
    pub name: String,
    pub public_key: String,
    pub library_id: String,
}

/// What a write did or, in a dry run or when an entry is rejected, would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WriteReport {
    pub source: WriteSource,
    /// The file's format for an import ("json", "jsonl", "csv", "xlsx"), else empty.
    pub format: String,
    /// The signer of a bundle.
    #[ts(optional)]
    pub sender: Option<BundleSender>,
    /// Attachment files a bundle carries.
    pub attachments: u32,
    /// Contacts left out because the library has erased the person (GDPR): an erasure stays
    /// an erasure whatever a file or another library sends later.
    pub erased_contacts: u32,
    pub dry_run: bool,
    /// Whether the plan was written (never in a dry run, never when an entry is rejected).
    pub applied: bool,
    pub totals: WriteTotals,
    pub rows: Vec<WriteRow>,
    /// The backup made before the write.
    #[ts(optional)]
    pub backup: Option<String>,
    /// The columns of a sheet that were skipped because nothing maps them.
    pub skipped_columns: Vec<String>,
    /// With `accept_valid`: the refused rows of a sheet as CSV, each with its reason, to fix
    /// and import again.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rejects_csv: Option<String>,
}

/// A write that has not happened yet: a report row for every entry and the steps for those
/// that change something.
pub(crate) struct Plan {
    source: WriteSource,
    rows: Vec<WriteRow>,
    steps: Vec<Step>,
    /// The first rejection, with its field, for callers that answer with an error.
    first_problem: Option<Error>,
    /// Focus areas the entries use that the library lacks (a bundle brings them).
    pub(crate) new_areas: Vec<FocusArea>,
    /// Who sent the entries, for the record of received revisions (bundles).
    pub(crate) sender: Option<BundleSigner>,
    /// Whether applying the plan remembers the sender as trusted (a bundle from another
    /// library; not the library's own key, not the starter library).
    pub(crate) trust_sender: bool,
    /// The source received entries are recorded with: a subscription's name, else the
    /// sender's.
    pub(crate) source_name: Option<String>,
    /// A subscription's new position, recorded in the transaction of the merge.
    pub(crate) pull: Option<PullPosition>,
    /// How many of the updates archive an entry its source withdrew.
    pub(crate) withdrawn: u32,
    erased: store::erasure::ErasedPeople,
    erased_contacts: u32,
}

/// Where a subscription's pull moves it, recorded with the merge.
pub(crate) struct PullPosition {
    pub(crate) name: String,
    /// The cursor the pull started from: the subscription must still stand there.
    pub(crate) from: u64,
    pub(crate) cursor: u64,
    pub(crate) etag: String,
}

/// What a merge with these totals brought, its `withdrawn` updates told apart from the others.
pub(crate) fn pull_counts(
    totals: &WriteTotals,
    withdrawn: u32,
) -> store::subscriptions::PullCounts {
    store::subscriptions::PullCounts {
        new: totals.create,
        updated: totals.update - withdrawn,
        withdrawn,
    }
}

/// A write of one entry. `received` is the sender's revision of it (bundles).
pub(crate) enum Step {
    Create {
        entry: Entry,
        received: Option<u32>,
    },
    Update {
        entry: Entry,
        current: u32,
        received: Option<u32>,
    },
    KeepForReview {
        entry: Entry,
        received: u32,
    },
}

impl Step {
    fn action(&self) -> WriteAction {
        match self {
            Step::Create { .. } => WriteAction::Create,
            Step::Update { .. } => WriteAction::Update,
            Step::KeepForReview { .. } => WriteAction::KeepForReview,
        }
    }
}

impl Plan {
    /// Leaves out the contacts of people the library has erased. Call it on every entry
    /// before it is compared or written.
    pub(crate) fn drop_erased(&mut self, entry: &mut Entry) {
        let erased = &self.erased;
        let mut dropped = 0;
        let mut keep = |contacts: &mut Vec<model::Contact>| {
            let before = contacts.len();
            contacts.retain(|c| !erased.contains(&c.name));
            dropped += before - contacts.len();
        };
        keep(&mut entry.contacts);
        for uptake in &mut entry.uptakes {
            keep(&mut uptake.contacts);
        }
        self.erased_contacts += dropped as u32;
    }

    /// Records a write of `step`'s entry at `place`.
    pub(crate) fn write(&mut self, place: String, step: Step, reason: String) {
        let entry = match &step {
            Step::Create { entry, .. }
            | Step::Update { entry, .. }
            | Step::KeepForReview { entry, .. } => entry,
        };
        self.rows.push(WriteRow {
            place,
            action: step.action(),
            id: entry.id.clone(),
            title: entry.title.clone(),
            reason,
        });
        self.steps.push(step);
    }

    /// Records an entry that is already as the library has it.
    pub(crate) fn unchanged(&mut self, place: String, entry: &Entry, reason: String) {
        self.rows.push(WriteRow {
            place,
            action: WriteAction::Unchanged,
            id: entry.id.clone(),
            title: entry.title.clone(),
            reason,
        });
    }

    /// Records an entry that cannot be written.
    pub(crate) fn reject(&mut self, place: String, entry: Option<&Entry>, problem: Error) {
        let id = entry.map(|e| e.id.clone()).unwrap_or_default();
        let title = entry.map(|e| e.title.as_str()).unwrap_or_default();
        self.reject_row(place, id, title, problem);
    }

    /// Records a row that could not even be read as an entry, named by the title it has.
    pub(crate) fn reject_titled(&mut self, place: String, title: &str, problem: Error) {
        self.reject_row(place, String::new(), title, problem);
    }

    fn reject_row(&mut self, place: String, id: String, title: &str, problem: Error) {
        self.rows.push(WriteRow {
            place,
            action: WriteAction::Reject,
            id,
            title: title.to_owned(),
            reason: problem.message.clone(),
        });
        self.first_problem.get_or_insert(problem);
    }

    pub(crate) fn is_rejected(&self) -> bool {
        self.first_problem.is_some()
    }

    /// Lets the plan be applied although entries are rejected: those stay out, in the report
    /// as rejected, and the others are written.
    pub(crate) fn accept_valid(&mut self) {
        self.first_problem = None;
    }

    /// The report rows so far, one per entry in the order they were planned.
    pub(crate) fn rows(&self) -> &[WriteRow] {
        &self.rows
    }

    /// The first rejection as an error, its place in front when there are several entries.
    pub(crate) fn into_problem(self) -> Option<Error> {
        let many = self.rows.len() > 1;
        let place = self
            .rows
            .iter()
            .find(|r| r.action == WriteAction::Reject)
            .map(|r| r.place.clone());
        self.first_problem.map(|mut problem| {
            if let (true, Some(place)) = (many, place) {
                problem.message = format!("{place}: {}", problem.message);
            }
            problem
        })
    }

    /// The report of this plan, not yet applied.
    pub(crate) fn report(&self, dry_run: bool) -> WriteReport {
        let mut totals = WriteTotals::default();
        for row in &self.rows {
            *match row.action {
                WriteAction::Create => &mut totals.create,
                WriteAction::Update => &mut totals.update,
                WriteAction::Unchanged => &mut totals.unchanged,
                WriteAction::Reject => &mut totals.reject,
                WriteAction::KeepForReview => &mut totals.keep_for_review,
            } += 1;
        }
        WriteReport {
            source: self.source,
            format: String::new(),
            sender: None,
            attachments: 0,
            erased_contacts: self.erased_contacts,
            dry_run,
            applied: false,
            totals,
            rows: self.rows.clone(),
            backup: None,
            skipped_columns: Vec::new(),
            rejects_csv: None,
        }
    }
}

/// What the entries planned so far have claimed: ids given to new entries, and the place of
/// every id and uid seen, so a second entry with the same one is rejected with both places.
#[derive(Default)]
pub(crate) struct Claims {
    new_ids: HashSet<String>,
    /// ("id" or "uid", its value) → the place of the entry that had it first.
    seen: HashMap<(&'static str, String), String>,
    /// This library's id, read once for all new entries.
    origin: String,
}

impl Claims {
    /// Refuses an id or uid that an earlier entry of the same write has.
    pub(crate) fn check_unique(&mut self, entry: &Entry, place: &str) -> Result<()> {
        for (key, what) in [(&entry.id, "id"), (&entry.uid, "uid")] {
            if key.is_empty() {
                continue;
            }
            if let Some(first) = self.seen.get(&(what, key.clone())) {
                return Err(Error {
                    field: Some(what.to_owned()),
                    ..Error::invalid(format!("{what} \"{key}\" förekommer redan på {first}"))
                });
            }
        }
        for (key, what) in [(&entry.id, "id"), (&entry.uid, "uid")] {
            if !key.is_empty() {
                self.seen.insert((what, key.clone()), place.to_owned());
            }
        }
        Ok(())
    }
}

impl Library {
    /// An empty plan for a write of entries from `source`.
    pub(crate) fn new_plan(&self, source: WriteSource) -> Result<Plan> {
        Ok(Plan {
            source,
            rows: Vec::new(),
            steps: Vec::new(),
            first_problem: None,
            new_areas: Vec::new(),
            sender: None,
            trust_sender: false,
            source_name: None,
            pull: None,
            withdrawn: 0,
            erased: self.store.erased_people()?,
            erased_contacts: 0,
        })
    }

    /// Checks an entry from outside and normalises it: every field by the rules of
    /// [`normalise_and_check`], and a given `uid` must be a UUID.
    pub(crate) fn check_incoming(&self, entry: &mut Entry, focus: &[FocusArea]) -> Result<()> {
        normalise_and_check(entry, focus)?;
        if !entry.uid.is_empty() && uuid::Uuid::parse_str(&entry.uid).is_err() {
            return Err(Error::field(
                "uid",
                format!("\"{}\" är ingen UUID", entry.uid),
            ));
        }
        Ok(())
    }

    /// Refuses an entry with an attachment whose file is neither in `carried` (the files a
    /// bundle brings) nor in the library with the size the entry gives it.
    pub(crate) fn check_attachment_files(
        &self,
        entry: &Entry,
        carried: &HashSet<&str>,
    ) -> Result<()> {
        for (i, a) in entry.attachments.iter().enumerate() {
            if carried.contains(a.sha256.as_str()) {
                continue;
            }
            let path = store::files::stored_path(&self.dir, &a.sha256)?;
            match std::fs::metadata(&path) {
                Ok(meta) if meta.len() == a.size => {}
                Ok(meta) => {
                    return Err(Error::field(
                        &format!("attachments[{i}].size"),
                        format!(
                            "{} byte, men filen {} har {} byte",
                            a.size,
                            a.name,
                            meta.len()
                        ),
                    ));
                }
                Err(_) => {
                    return Err(Error::field(
                        &format!("attachments[{i}].sha256"),
                        format!(
                            "filen {} ({}) finns inte i biblioteket; bifoga den i stället",
                            a.name, a.sha256
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Gives a new entry what it lacks: an id from its title (or a free variant of the one it
    /// has, when `rename_taken`), a new uid, this library as its origin.
    pub(crate) fn new_identity(
        &self,
        entry: &mut Entry,
        claims: &mut Claims,
        rename_taken: bool,
    ) -> Result<()> {
        let taken = |id: &str| -> Result<bool> {
            Ok(claims.new_ids.contains(id) || self.store.id_taken(id)?)
        };
        if entry.id.is_empty() || (rename_taken && taken(&entry.id)?) {
            let base = if entry.id.is_empty() {
                text::slugify(&entry.title)
            } else {
                entry.id.clone()
            };
            entry.id = self.free_id(&base, &claims.new_ids)?;
        }
        claims.new_ids.insert(entry.id.clone());
        if entry.uid.is_empty() {
            entry.uid = uuid::Uuid::new_v4().to_string();
        }
        if entry.origin.is_empty() {
            if claims.origin.is_empty() {
                claims.origin = self.id()?;
            }
            entry.origin = claims.origin.clone();
        }
        Ok(())
    }

    /// Carries out a plan: nothing when an entry is rejected or in a dry run; otherwise a
    /// backup named after `backup_kind` (none when `None`), then every step in one
    /// transaction, with `comment` on every revision.
    pub(crate) fn apply(
        &mut self,
        plan: Plan,
        dry_run: bool,
        backup_kind: Option<&str>,
        comment: &str,
    ) -> Result<WriteReport> {
        Ok(self.apply_keeping(plan, dry_run, backup_kind, comment)?.0)
    }

    /// Like [`Library::apply`], also returning the entries written (created or updated), as
    /// saved.
    pub(crate) fn apply_keeping(
        &mut self,
        plan: Plan,
        dry_run: bool,
        backup_kind: Option<&str>,
        comment: &str,
    ) -> Result<(WriteReport, Vec<Entry>)> {
        let mut report = plan.report(dry_run);
        let mut written = Vec::new();
        if dry_run || plan.is_rejected() {
            return Ok((report, written));
        }
        let trusts_sender = plan.trust_sender && plan.sender.is_some();
        if plan.steps.is_empty()
            && plan.new_areas.is_empty()
            && !trusts_sender
            && plan.pull.is_none()
        {
            report.applied = true;
            return Ok((report, written));
        }
        if let Some(kind) = backup_kind {
            report.backup = Some(self.backup(kind)?.display().to_string());
        }
        let at = now();
        let change = Change {
            by: &self.user,
            at: &at,
            comment,
        };
        let batch = self.store.batch()?;
        if !plan.new_areas.is_empty() {
            let mut focus = batch.focus_areas()?;
            focus.extend(plan.new_areas.iter().cloned());
            batch.set_focus_areas(&focus)?;
        }
        let sender = plan.sender.as_ref();
        if let Some(sender) = sender
            && plan.trust_sender
        {
            batch.trust(&sender.public_key, &sender.name, &at)?;
        }
        let from = store::Sender {
            signer: sender.map(|s| s.public_key.as_str()).unwrap_or_default(),
            source: plan
                .source_name
                .as_deref()
                .or(sender.map(|s| s.name.as_str()))
                .unwrap_or_default(),
            at: &at,
        };
        for step in plan.steps {
            let (entry, received) = match step {
                Step::Create {
                    mut entry,
                    received,
                } => {
                    if entry.created_at.is_empty() {
                        entry.created_at = at.clone();
                    }
                    entry.updated_at = at.clone();
                    batch.insert(&mut entry, &change)?;
                    (entry, received)
                }
                Step::Update {
                    mut entry,
                    current,
                    received,
                } => {
                    entry.updated_at = at.clone();
                    batch.update(&mut entry, Some(current), &change)?;
                    (entry, received)
                }
                Step::KeepForReview {
                    mut entry,
                    received,
                } => {
                    entry.revision = received;
                    batch.keep_incoming(&entry, &from)?;
                    continue;
                }
            };
            if let Some(origin_revision) = received {
                batch.mark_received(&entry.uid, origin_revision, entry.revision, &from)?;
            }
            written.push(entry);
        }
        if let Some(pull) = &plan.pull {
            let totals = report.totals;
            let brought = totals.create + totals.update + totals.keep_for_review > 0;
            batch.record_pull(
                &pull.name,
                &store::subscriptions::PullOutcome {
                    from: pull.from,
                    cursor: pull.cursor,
                    etag: &pull.etag,
                    at: &at,
                    counts: brought.then(|| pull_counts(&totals, plan.withdrawn)),
                },
            )?;
        }
        batch.commit()?;
        self.after_write();
        report.applied = true;
        Ok((report, written))
    }
}
