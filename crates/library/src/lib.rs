//! The facade every front end calls: the CLI, the desktop app's commands and `serve`.
//!
//! A [`Library`] is one library directory opened by one process: the SQLite store, the
//! search index, and the rules that tie them together. Writes go to SQLite in one
//! transaction first; the index follows through the watermark, in this process at once or,
//! if another process holds the index writer, later.
//!
//! ```no_run
//! # use exempelbank_library as library;
//! let lib = library::Library::open(std::path::Path::new("/tmp/bibliotek"))?;
//! let found = lib.search(&model::query::SearchRequest::query("livsmedel"))?;
//! println!("{} träffar", found.total);
//! # Ok::<(), model::error::Error>(())
//! ```
//!
//! The modules below add methods to the same [`Library`] where their subject lives.

pub mod accounts;
pub mod attachments;
pub mod bundle;
pub mod commands;
pub mod curation;
pub mod export;
pub mod feed;
pub mod import;
pub mod plan;
pub mod starter;
pub mod subscriptions;

use std::path::{Path, PathBuf};

use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use ts_rs::TS;

use model::error::{Error, Result};
use model::query::{MAX_LIMIT, SearchRequest, SearchResponse};
use model::taxonomy::{self, Taxonomy};
use model::text;
use model::validate::{self, normalise_and_check};
use model::{Entry, EntrySummary, RevisionInfo, Status, TrashedEntry};
use plan::{Claims, Plan, Step, WriteReport, WriteSource};
pub use search::index::KeepWriter;
use search::index::{SearchIndex, rebuild_into};
use store::collections;
pub use store::collections::{EntryList, SavedSearch};
use store::{Change, Store};

/// Set in a library made with the starter entries: it follows the starter library's updates.
const STARTER_KEY: &str = "starter";
/// The digest of the starter entries last merged.
const STARTER_VERSION_KEY: &str = "starter_version";

/// The key of the saved user name in the `library` table.
const USER_NAME_KEY: &str = "user_name";

/// The database file inside a library directory.
pub const DATABASE_FILE: &str = "library.sqlite3";

/// Facts about an open library.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct LibraryInfo {
    pub dir: String,
    pub id: String,
    /// Entries outside the trash, of any status.
    #[ts(type = "number")]
    pub entries: u64,
    /// Published entries: what readers see.
    #[ts(type = "number")]
    pub published: u64,
    #[ts(type = "number")]
    pub indexed: u64,
    /// Set by a read-only front end (`serve`): no drafts, lists or saved searches there.
    pub read_only: bool,
    /// What the caller may do: the UI offers what this allows (the server checks it too).
    pub access: commands::Access,
    /// Things the user should know, in Swedish (a library on a network file system).
    pub warnings: Vec<String>,
}

/// What `check` found: empty `problems` means the library is sound.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckReport {
    pub problems: Vec<String>,
    #[ts(type = "number")]
    pub entries: u64,
    #[ts(type = "number")]
    pub indexed: u64,
}

/// Whether a new library gets the starter entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    Starter,
    Empty,
}

/// An open library.
pub struct Library {
    pub(crate) dir: PathBuf,
    pub(crate) store: Store,
    /// Shared with the library's [`Library::reader`]s: one index reader for all.
    pub(crate) index: std::sync::Arc<SearchIndex>,
    pub(crate) user: String,
    /// The program that extracts text from PDFs and its time limit (this executable and
    /// [`crate::attachments::EXTRACT_TIMEOUT`] unless set).
    pub(crate) extractor: Option<(PathBuf, std::time::Duration)>,
}

/// The file-system type of `dir` when it is a network file system (Linux: the longest
/// mount point in `/proc/self/mountinfo` that contains it).
pub fn network_file_system(dir: &Path) -> Option<String> {
    const NETWORK: &[&str] = &[
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "fuse.sshfs",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
    ];
    let dir = dir.canonicalize().ok()?;
    let mounts = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let mut best: Option<(usize, String)> = None;
    for line in mounts.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        let (Some(mount), Some(dash)) = (fields.get(4), fields.iter().position(|f| *f == "-"))
        else {
            continue;
        };
        let Some(fs) = fields.get(dash + 1) else {
            continue;
        };
        let mount = mount.replace("\\040", " ");
        if dir.starts_with(&mount) && best.as_ref().is_none_or(|(len, _)| mount.len() > *len) {
            best = Some((mount.len(), (*fs).to_owned()));
        }
    }
    best.map(|(_, fs)| fs)
        .filter(|fs| NETWORK.contains(&fs.as_str()))
}

/// The library directory used when none is named: the OS's data directory.
pub fn default_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("exempelbanken")
}

/// Now, in RFC 3339 to the second.
pub(crate) fn now() -> String {
    let t = OffsetDateTime::now_utc();
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .expect("RFC 3339 formats any UTC time")
}

/// The user name recorded in revisions: `EXEMPELBANK_USER`, else the name saved in the
/// library's settings, else the login name.
fn user_name(saved: Option<String>) -> String {
    let env = |v: &str| std::env::var(v).ok().filter(|s| !s.trim().is_empty());
    env("EXEMPELBANK_USER")
        .or(saved.filter(|s| !s.trim().is_empty()))
        .or_else(|| env("USER"))
        .or_else(|| env("USERNAME"))
        .unwrap_or_else(|| "okänd".to_owned())
}

impl Library {
    /// Opens the library in `dir`. A directory that does not exist or is empty becomes a new
    /// library with the starter entries; one that holds anything else is refused.
    pub fn open(dir: &Path) -> Result<Library> {
        if dir.join(DATABASE_FILE).exists() {
            return Library::open_existing(dir);
        }
        Library::create(dir, Contents::Starter)
    }

    /// Makes a new library in `dir`, which must not exist or be empty.
    pub fn create(dir: &Path, contents: Contents) -> Result<Library> {
        if dir.join(DATABASE_FILE).exists() {
            return Err(Error::conflict(format!(
                "{}: det finns redan ett bibliotek här",
                dir.display()
            )));
        }
        if dir.exists() {
            if !dir.is_dir() {
                return Err(Error::library(format!("{}: är ingen mapp", dir.display())));
            }
            let mut items = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
            if items.next().is_some() {
                return Err(Error::library(format!(
                    "{}: mappen innehåller annat än ett bibliotek; välj en tom eller ny mapp",
                    dir.display()
                )));
            }
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut store = Store::open(&dir.join(DATABASE_FILE), &dir.join("backups"))?;
        let at = now();
        let id = uuid::Uuid::new_v4().to_string();
        store.initialise(&id, &at, &taxonomy::default_focus_areas())?;
        if contents == Contents::Starter {
            store.set_meta(STARTER_KEY, "1")?;
        }
        drop(store);
        let mut library = Library::open_existing(dir)?;
        library.bundle_key()?;
        Ok(library)
    }

    fn open_existing(dir: &Path) -> Result<Library> {
        let store = Store::open(&dir.join(DATABASE_FILE), &dir.join("backups"))?;
        if store.meta("id")?.is_none() {
            return Err(Error::library(format!(
                "{}: biblioteket saknar id; det skapades inte färdigt",
                dir.display()
            )));
        }
        let index = std::sync::Arc::new(SearchIndex::open(&dir.join("index"), &store)?);
        let user = user_name(store.meta(USER_NAME_KEY)?);
        let mut library = Library {
            dir: dir.to_owned(),
            store,
            index,
            user,
            extractor: None,
        };
        library.update_starter()?;
        if library.store.meta("signing_key")?.is_some() {
            // A library from before the key file: the key moves out of the database.
            library.bundle_key()?;
        }
        Ok(library)
    }

    /// In a library made with the starter entries, merges the starter entries of this
    /// version of the program when they differ from the ones it last merged (a new library,
    /// or a program update): by the rules of a bundle, so local edits stay.
    fn update_starter(&mut self) -> Result<()> {
        if self.store.meta(STARTER_KEY)?.as_deref() != Some("1") {
            return Ok(());
        }
        let version = starter::version();
        if self.store.meta(STARTER_VERSION_KEY)?.as_deref() == Some(version.as_str()) {
            return Ok(());
        }
        if !self.store.is_empty()? {
            self.backup("startbibliotek")?;
        }
        self.merge_starter(starter::entries()?)?;
        self.store.set_meta(STARTER_VERSION_KEY, &version)?;
        Ok(())
    }

    /// Another handle on this library for reading only, with its own SQLite connection and
    /// this library's search index: a server gives one to each request that only reads, so
    /// searches run side by side and beside a write. Writing through it fails.
    pub fn reader(&self) -> Result<Library> {
        Ok(Library {
            dir: self.dir.clone(),
            store: Store::open_reader(&self.dir.join(DATABASE_FILE))?,
            index: self.index.clone(),
            user: self.user.clone(),
            extractor: self.extractor.clone(),
        })
    }

    /// Keeps the search index's writer between writes, as a long-running process does: a
    /// write then costs less and the index merges in the background, but another process
    /// cannot update the index meanwhile (this one applies its changes at the next search).
    pub fn keep_index_writer(&self, keep: KeepWriter) {
        self.index.keep_writer(keep);
    }

    /// Reads, on a thread of its own, what the first search would otherwise wait for (see
    /// [`SearchIndex::warm`]): for a process that stays open, the app or a server. A failure
    /// there is met again, and reported, by the search that needs the value.
    pub fn warm_search_in_background(&self) {
        let index = self.index.clone();
        let _ = std::thread::Builder::new()
            .name("search-warm".into())
            .spawn(move || index.warm());
    }

    /// Sets the user name recorded in revisions, for this session.
    pub fn set_user(&mut self, user: &str) {
        self.user = user.to_owned();
    }

    /// The user name recorded in revisions.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// Saves the user name in the library's settings (the desktop app's settings page) and
    /// uses it from now on.
    pub fn save_user(&mut self, user: &str) -> Result<String> {
        let user = text::nfc(user.trim());
        if user.is_empty() {
            return Err(Error::field(
                "namn",
                "skriv ditt namn; det står i historiken",
            ));
        }
        if user.chars().count() > 100 {
            return Err(Error::field("namn", "högst 100 tecken"));
        }
        self.store.set_meta(USER_NAME_KEY, &user)?;
        self.user = user.clone();
        Ok(user)
    }

    /// Copies the database to `backups/fore-<what>-<time>-<random>.sqlite3` before a large
    /// write (an import, a bundle, a starter update), and keeps the newest
    /// [`BACKUPS_KEPT`] of that kind. Returns the copy's path.
    pub fn backup(&self, what: &str) -> Result<PathBuf> {
        let dir = self.dir.join("backups");
        let stamp = now().replace([':', '-'], "");
        let random = &uuid::Uuid::new_v4().simple().to_string()[..8];
        let target = dir.join(format!("fore-{what}-{stamp}-{random}.sqlite3"));
        self.store.backup_to(&target)?;
        prune_backups(&dir, &format!("fore-{what}-"));
        Ok(target)
    }

    /// The backup copies of the library's database, oldest first.
    pub(crate) fn backup_files(&self) -> Result<Vec<PathBuf>> {
        let dir = self.dir.join("backups");
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| Error::io(&dir, e))?
            .filter_map(|item| item.ok().map(|i| i.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "sqlite3"))
            .collect();
        files.sort();
        Ok(files)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The library's id, which becomes the `origin` of the entries it creates.
    pub fn id(&self) -> Result<String> {
        self.store
            .meta("id")?
            .ok_or_else(|| Error::library("biblioteket saknar id"))
    }

    pub fn info(&self) -> Result<LibraryInfo> {
        let (entries, published) = self.store.count_live()?;
        Ok(LibraryInfo {
            dir: self.dir.display().to_string(),
            id: self.id()?,
            entries,
            published,
            indexed: self.index.num_docs(),
            read_only: false,
            access: commands::Access::Curate,
            warnings: self.warnings(),
        })
    }

    /// Warnings about where the library lives: SQLite's locking is unreliable on network
    /// file systems, so a library there may be damaged by two writers.
    pub fn warnings(&self) -> Vec<String> {
        network_file_system(&self.dir)
            .map(|fs| {
                vec![format!(
                    "biblioteket ligger på en nätverksdisk ({fs}); där kan databasen skadas när \
                     två program skriver samtidigt. Flytta det till en lokal disk och dela det \
                     med paket i stället."
                )]
            })
            .unwrap_or_default()
    }

    pub fn taxonomy(&self) -> Result<Taxonomy> {
        Ok(taxonomy::taxonomy(self.store.focus_areas()?))
    }

    /// Brings the reader up to the latest SQLite change, applying it if this process can
    /// take the writer. Cheap when nothing changed: one SQLite query.
    fn refresh(&self) -> Result<()> {
        if self.store.last_change()? > self.index.seen_watermark() {
            self.index.catch_up_unless_busy(&self.store)?;
        }
        Ok(())
    }

    /// Searches published entries (all, with `req.all`).
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        req.check()?;
        // One read transaction for the whole search: the check for other processes' changes
        // and the page's entries read one moment of the database, and its locks are taken
        // once.
        self.store.read_consistently(|| {
            self.refresh()?;
            search::search(&self.index, &self.store, req)
        })
    }

    /// "Liknande exempel": the published entries most like the entry `id`, without itself and
    /// those under its "Se även".
    pub fn similar(&self, id: &str, limit: usize) -> Result<Vec<model::query::Hit>> {
        let entry = self.get(id)?;
        self.refresh()?;
        search::similar(&self.index, &self.store, &entry, limit)
    }

    /// The uids of every entry a search matches (all of them, not one page), in rank order.
    /// An empty query without filters selects the whole library (published entries unless
    /// `all`).
    pub fn select(&self, req: &SearchRequest) -> Result<Vec<String>> {
        let mut uids = Vec::new();
        let mut page = SearchRequest {
            limit: Some(MAX_LIMIT),
            offset: Some(0),
            ..req.clone()
        };
        loop {
            let found = self.search(&page)?;
            let n = found.hits.len() as u32;
            uids.extend(found.hits.into_iter().map(|h| h.uid));
            let next = page.offset.unwrap_or(0) + n;
            if n == 0 || u64::from(next) >= found.total {
                break;
            }
            page.offset = Some(next);
        }
        Ok(uids)
    }

    /// The entry with this id or uid, outside the trash.
    pub fn get(&self, id: &str) -> Result<Entry> {
        match self.store.get(id)? {
            Some((entry, false)) => Ok(entry),
            Some((_, true)) => Err(Error::not_found(format!(
                "posten \"{id}\" ligger i papperskorgen (återställ den med undelete)"
            ))),
            None => Err(Error::not_found(format!("ingen post med id \"{id}\""))),
        }
    }

    pub fn list(&self, status: Option<Status>) -> Result<Vec<EntrySummary>> {
        self.store.list(status)
    }

    /// After a committed write: let the index follow. The write stands even if this fails;
    /// the watermark makes the next search or start replay it.
    pub(crate) fn after_write(&self) {
        let _ = self.index.catch_up(&self.store);
    }

    /// Checks an entry as the editor has it, without saving: the normalised entry, or the
    /// first problem, naming its field.
    pub fn validate(&self, mut entry: Entry) -> Result<Entry> {
        normalise_and_check(&mut entry, &self.store.focus_areas()?)?;
        Ok(entry)
    }

    /// Adds a new entry from its exchange-format JSON.
    pub fn add_json(&mut self, json: &str) -> Result<Entry> {
        let entry = validate::parse_entry(json)?;
        self.add(entry)
    }

    /// Adds one entry (a JSON object) or several (an array) in one transaction.
    pub fn add_json_many(&mut self, json: &str) -> Result<Vec<Entry>> {
        if json.trim_start().starts_with('[') {
            let entries: Vec<Entry> = validate::parse_json(json)?;
            self.add_many(entries)
        } else {
            Ok(vec![self.add_json(json)?])
        }
    }

    /// Adds a new entry. Its id is made from the title unless given; its uid is new unless
    /// given; its status is `utkast` unless given.
    pub fn add(&mut self, entry: Entry) -> Result<Entry> {
        let mut added = self.add_many(vec![entry])?;
        Ok(added.pop().expect("one entry in, one out"))
    }

    /// Adds several new entries in one transaction: all of them, or, if any is refused,
    /// none. A refusal names the entry by its position.
    pub fn add_many(&mut self, entries: Vec<Entry>) -> Result<Vec<Entry>> {
        let plan = self.plan_add(entries)?;
        if plan.is_rejected() {
            return Err(plan.into_problem().expect("a rejected plan has a problem"));
        }
        Ok(self.apply_keeping(plan, false, None, "skapad")?.1)
    }

    /// Adds entries given as JSON (an object or an array) and reports what happened to each,
    /// like an import: nothing is written when one is refused, or in a dry run.
    pub fn add_report(&mut self, json: &str, dry_run: bool) -> Result<WriteReport> {
        let entries = if json.trim_start().starts_with('[') {
            validate::parse_json(json)?
        } else {
            vec![validate::parse_entry(json)?]
        };
        let plan = self.plan_add(entries)?;
        self.apply(plan, dry_run, None, "skapad")
    }

    /// Plans new entries: each is created (its id from its title unless given, its uid new
    /// unless given, `utkast` unless a status is given) or rejected with the reason.
    fn plan_add(&self, entries: Vec<Entry>) -> Result<Plan> {
        let focus = self.store.focus_areas()?;
        let mut plan = self.new_plan(WriteSource::Add)?;
        let mut claims = Claims::default();
        for (i, mut entry) in entries.into_iter().enumerate() {
            let place = format!("post {}", i + 1);
            plan.drop_erased(&mut entry);
            let checked = self
                .check_incoming(&mut entry, &focus)
                .and_then(|()| claims.check_unique(&entry, &place))
                .and_then(|()| self.refuse_taken(&entry))
                .and_then(|()| self.check_attachment_files(&entry, &Default::default()));
            if let Err(problem) = checked {
                plan.reject(place, Some(&entry), problem);
                continue;
            }
            self.new_identity(&mut entry, &mut claims, false)?;
            entry.created_at.clear();
            let step = Step::Create {
                entry,
                received: None,
            };
            plan.write(place, step, String::new());
        }
        Ok(plan)
    }

    /// Refuses a new entry whose given id or uid another entry has.
    fn refuse_taken(&self, entry: &Entry) -> Result<()> {
        if !entry.id.is_empty() && self.store.id_taken(&entry.id)? {
            return Err(Error::field(
                "id",
                format!("det finns redan en post med id \"{}\"", entry.id),
            ));
        }
        if !entry.uid.is_empty() && self.store.uid_taken(&entry.uid)? {
            return Err(Error::field(
                "uid",
                format!("det finns redan en post med uid {}", entry.uid),
            ));
        }
        Ok(())
    }

    /// `base`, or `base-2`, `base-3`…: the first id neither the library nor `pending` uses.
    pub(crate) fn free_id(
        &self,
        base: &str,
        pending: &std::collections::HashSet<String>,
    ) -> Result<String> {
        let free =
            |id: &str| -> Result<bool> { Ok(!pending.contains(id) && !self.store.id_taken(id)?) };
        if free(base)? {
            return Ok(base.to_owned());
        }
        for n in 2.. {
            let candidate = format!("{base}-{n}");
            if free(&candidate)? {
                return Ok(candidate);
            }
        }
        unreachable!("some numbered id is free")
    }

    /// Replaces an entry with the content of `json`. Fields the file leaves out keep their
    /// defaults, except `status`, which stays as it was; a `revision` in the file must be the
    /// current one, so a stale copy cannot overwrite a newer revision.
    pub fn edit_json(&mut self, id: &str, json: &str) -> Result<Entry> {
        let entry = validate::parse_entry(json)?;
        let object = serde_json::from_str::<serde_json::Value>(json).unwrap_or_default();
        let has = |key: &str| object.get(key).is_some();
        let status = has("status").then_some(entry.status);
        let expected = has("revision").then_some(entry.revision);
        self.edit(id, entry, status, expected, "ändrad")
    }

    /// Replaces an entry's content, making a new revision.
    pub fn edit(
        &mut self,
        id: &str,
        mut entry: Entry,
        status: Option<Status>,
        expected_revision: Option<u32>,
        comment: &str,
    ) -> Result<Entry> {
        let current = self.get(id)?;
        if !entry.id.is_empty() && entry.id != current.id {
            return Err(Error::field(
                "id",
                format!(
                    "\"{}\" skiljer sig från postens id \"{}\"; id kan inte ändras",
                    entry.id, current.id
                ),
            ));
        }
        if !entry.uid.is_empty() && entry.uid != current.uid {
            return Err(Error::field(
                "uid",
                format!("{} skiljer sig från postens uid {}", entry.uid, current.uid),
            ));
        }
        normalise_and_check(&mut entry, &self.store.focus_areas()?)?;
        self.check_attachment_files(&entry, &Default::default())?;
        entry.id = current.id.clone();
        entry.uid = current.uid.clone();
        entry.origin = current.origin.clone();
        entry.created_at = current.created_at.clone();
        entry.status = status.unwrap_or(current.status);
        let at = now();
        entry.updated_at = at.clone();
        self.store.update(
            &mut entry,
            expected_revision,
            &Change {
                by: &self.user,
                at: &at,
                comment,
            },
        )?;
        self.after_write();
        Ok(entry)
    }

    /// The revisions of an entry, oldest first.
    pub fn history(&self, id: &str) -> Result<Vec<RevisionInfo>> {
        let uid = self.any_uid(id)?;
        self.store.history(&uid)
    }

    /// An entry as it was at one revision.
    pub fn revision(&self, id: &str, revision: u32) -> Result<Entry> {
        let uid = self.any_uid(id)?;
        self.store.revision(&uid, revision)?.ok_or_else(|| {
            Error::not_found(format!("posten \"{id}\" har ingen revision {revision}"))
        })
    }

    fn any_uid(&self, id: &str) -> Result<String> {
        match self.store.get(id)? {
            Some((entry, _)) => Ok(entry.uid),
            None => Err(Error::not_found(format!("ingen post med id \"{id}\""))),
        }
    }

    /// Makes a new revision with the content of an old one; nothing is rewritten.
    pub fn restore(&mut self, id: &str, revision: u32) -> Result<Entry> {
        let old = self.revision(id, revision)?;
        let current = self.get(id)?;
        let comment = format!("återställd från revision {revision}");
        self.edit(id, old, Some(current.status), None, &comment)
    }

    /// Moves an entry to another workflow status, with a comment.
    pub fn set_status(&mut self, id: &str, status: Status, comment: &str) -> Result<Entry> {
        let current = self.get(id)?;
        model::workflow::check(&current.id, current.status, status, comment)?;
        let comment = if comment.trim().is_empty() {
            format!("status: {}", status.label())
        } else {
            comment.trim().to_owned()
        };
        self.edit(id, current, Some(status), None, &comment)
    }

    /// Moves an entry to the trash.
    pub fn delete(&mut self, id: &str) -> Result<Entry> {
        let entry = self.get(id)?;
        self.set_trashed(entry, true, "flyttad till papperskorgen")
    }

    /// Brings an entry back from the trash.
    pub fn undelete(&mut self, id: &str) -> Result<Entry> {
        let entry = match self.store.get(id)? {
            Some((entry, true)) => entry,
            Some((_, false)) => {
                return Err(Error::conflict(format!(
                    "posten \"{id}\" ligger inte i papperskorgen"
                )));
            }
            None => return Err(Error::not_found(format!("ingen post med id \"{id}\""))),
        };
        self.set_trashed(entry, false, "återställd från papperskorgen")
    }

    fn set_trashed(&mut self, mut entry: Entry, deleted: bool, comment: &str) -> Result<Entry> {
        let at = now();
        entry.updated_at = at.clone();
        self.store.set_trashed(
            &mut entry,
            deleted,
            &Change {
                by: &self.user,
                at: &at,
                comment,
            },
        )?;
        self.after_write();
        Ok(entry)
    }

    pub fn trash(&self) -> Result<Vec<TrashedEntry>> {
        self.store.trash()
    }

    /// The user's lists of entries ("Mina listor").
    pub fn lists(&self) -> Result<Vec<EntryList>> {
        collections::lists(&self.store)
    }

    pub fn create_list(&mut self, name: &str) -> Result<EntryList> {
        collections::create_list(&self.store, name, &now())
    }

    pub fn rename_list(&mut self, list: i64, name: &str) -> Result<EntryList> {
        collections::rename_list(&self.store, list, name)
    }

    /// Deletes a list; its entries stay in the library.
    pub fn delete_list(&mut self, list: i64) -> Result<()> {
        collections::delete_list(&self.store, list)
    }

    /// Adds an entry (by id or uid) to a list.
    pub fn add_to_list(&mut self, list: i64, entry: &str) -> Result<EntryList> {
        let uid = self.get(entry)?.uid;
        collections::add_to_list(&self.store, list, &uid, &now())
    }

    pub fn remove_from_list(&mut self, list: i64, uid: &str) -> Result<EntryList> {
        collections::remove_from_list(&self.store, list, uid)
    }

    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        collections::saved_searches(&self.store)
    }

    /// Saves a search with its filters under a name (replacing one of the same name).
    pub fn save_search(&mut self, name: &str, request: &SearchRequest) -> Result<SavedSearch> {
        collections::save_search(&self.store, name, request, &now())
    }

    pub fn delete_saved_search(&mut self, id: i64) -> Result<()> {
        collections::delete_saved_search(&self.store, id)
    }

    /// Checks SQLite and that the index holds exactly the live entries.
    pub fn check(&self) -> Result<CheckReport> {
        let mut problems = self.store.check()?;
        self.index.catch_up(&self.store)?;
        let mut live: Vec<String> = self.store.list(None)?.into_iter().map(|e| e.uid).collect();
        live.sort();
        let indexed = self.index.all_uids()?;
        if self.index.seen_watermark() < self.store.last_change()? {
            problems.push(format!(
                "sökindexet ligger efter databasen (ändring {} av {}); en annan process \
                 uppdaterar det, eller kör reindex",
                self.index.seen_watermark(),
                self.store.last_change()?
            ));
        } else if live != indexed {
            let missing = live.iter().filter(|u| !indexed.contains(u)).count();
            let extra = indexed.iter().filter(|u| !live.contains(u)).count();
            problems.push(format!(
                "sökindexet stämmer inte med databasen: {missing} poster saknas, {extra} för \
                 mycket; kör reindex"
            ));
        }
        Ok(CheckReport {
            problems,
            entries: live.len() as u64,
            indexed: indexed.len() as u64,
        })
    }

    /// Rebuilds the index from SQLite into a fresh directory and swaps it in.
    pub fn reindex(&mut self) -> Result<u64> {
        let dir = self.dir.join("index");
        self.index
            .without_writer(|| rebuild_into(&dir, &self.store))?;
        let keep = self.index.keeps_writer();
        self.index = std::sync::Arc::new(SearchIndex::open(&dir, &self.store)?);
        self.index.keep_writer(keep);
        Ok(self.index.num_docs())
    }
}

/// How many backups of each kind are kept.
pub const BACKUPS_KEPT: usize = 10;

/// Keeps the newest [`BACKUPS_KEPT`] backups whose names start with `prefix`, and removes
/// partial copies left by a crash more than an hour ago. A backup that cannot be removed
/// stays.
fn prune_backups(dir: &Path, prefix: &str) {
    let Ok(items) = std::fs::read_dir(dir) else {
        return;
    };
    let mut kept = Vec::new();
    for path in items.filter_map(|i| i.ok().map(|i| i.path())) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stale = || {
            std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() > 3600))
        };
        if name.ends_with(".partial") && stale() {
            let _ = std::fs::remove_file(&path);
        } else if name.starts_with(prefix) && name.ends_with(".sqlite3") {
            kept.push(path);
        }
    }
    kept.sort();
    let excess = kept.len().saturating_sub(BACKUPS_KEPT);
    for old in &kept[..excess] {
        let _ = std::fs::remove_file(old);
    }
}
