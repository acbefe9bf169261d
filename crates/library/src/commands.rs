//! The command table: every operation a front end may ask of a library, defined once.
//!
//! Each command has a name, the access it needs, a request type, a response type and a
//! handler over [`Library`]. The desktop app dispatches its IPC calls through [`dispatch`],
//! `exempelbank serve` its `POST /api/rpc/{name}` requests, and the TypeScript the UI calls
//! is generated from the table ([`typescript`], written to `ui/src/bindings/commands.ts` by
//! `cargo test`). A command that exists here exists everywhere, with the same checks.
//!
//! Policy lives here, not in the adapters: a [`Scope`] says what the caller may do, and a
//! read-only scope sees published entries only, whatever its request asks.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use ts_rs::TS;

use model::account::{AccountInfo, AuditEvent, Role};
use model::diff::FieldChange;
use model::error::{Error, Result};
use model::query::{Hit, SearchRequest, SearchResponse};
use model::taxonomy::{FocusArea, Taxonomy};
use model::workflow::Transition;
use model::{Entry, EntrySummary, RevisionInfo, Status, TrashedEntry};

use crate::bundle::IncomingVersion;
use crate::curation::{ErasureReport, Note};
use crate::plan::WriteReport;
use crate::subscriptions::Unsubscribed;
use crate::{EntryList, Library, LibraryInfo, SavedSearch};
use model::subscription::{EntryOrigin, Subscription};
use share::feed::FeedInfo;

/// What a command needs of its caller, from least to most. The roles of a team library
/// ([`Role`]) map onto these; the desktop app and `serve --write` have them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Access {
    /// Reading published entries and the taxonomy.
    Read,
    /// The user's own things: lists, saved searches, notes, the name in the history.
    Write,
    /// Writing drafts and sending them to review; seeing every entry and its history.
    Draft,
    /// Publishing, archiving and sending back; editing any entry; restoring a revision.
    Review,
    /// The taxonomy, the trash, imports, bundles, erasure and the accounts.
    Curate,
}

/// Who is calling: what they may do. A scope below [`Access::Write`] sees published entries
/// only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub access: Access,
    /// Whether the caller is on the library's machine (the desktop app, `serve --write`):
    /// only then do answers name paths on its disk.
    pub local: bool,
}

impl Scope {
    /// The desktop app and a `serve --write`: everything.
    pub const OWNER: Scope = Scope {
        access: Access::Curate,
        local: true,
    };
    /// A read-only `serve`: published entries only.
    pub const READER: Scope = Scope {
        access: Access::Read,
        local: false,
    };

    /// The scope of an account of a team library.
    pub fn for_role(role: Role) -> Scope {
        let access = match role {
            Role::Lasare => Access::Read,
            Role::Skribent => Access::Draft,
            Role::Granskare => Access::Review,
            Role::Redaktor => Access::Curate,
        };
        Scope {
            access,
            local: false,
        }
    }

    /// A write report as this caller may see it: the backup by its file name only when the
    /// caller is elsewhere.
    fn report(self, mut report: WriteReport) -> WriteReport {
        if !self.local {
            report.backup = report.backup.map(|path| {
                std::path::Path::new(&path)
                    .file_name()
                    .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
            });
        }
        report
    }

    /// Refuses a caller elsewhere: what reads the network or the disk from the library's
    /// machine (following sources) is for its owner, not for a team's remote redaktör.
    pub fn owner(self, command: &str) -> Result<()> {
        if self.local && self.access >= Access::Curate {
            Ok(())
        } else {
            Err(Error::forbidden(format!(
                "{command}: prenumerationer sköts av bibliotekets ägare (skrivbordsappen eller \
                 serve --write)"
            )))
        }
    }

    /// Whether this caller sees drafts, entries in review, archived ones and the trash.
    pub fn sees_unpublished(self) -> bool {
        self.access >= Access::Write
    }

    /// The entry, if this caller may see it; otherwise the same answer as for no entry.
    pub fn visible(self, entry: Entry) -> Result<Entry> {
        if self.sees_unpublished() || entry.status == Status::Publicerad {
            Ok(entry)
        } else {
            Err(Error::not_found(format!(
                "ingen publicerad post med id \"{}\"",
                entry.id
            )))
        }
    }

    /// The search this caller may make: a reader's never includes unpublished entries.
    pub fn search(self, mut request: SearchRequest) -> SearchRequest {
        if !self.sees_unpublished() {
            request.all = false;
        }
        request
    }

    /// Whether this caller may change the content of an entry with status `status`: a
    /// writer changes drafts and entries in review; a published or archived entry is a
    /// reviewer's.
    pub fn may_edit(self, id: &str, status: Status) -> Result<()> {
        if self.access >= Access::Review || matches!(status, Status::Utkast | Status::Granskning) {
            return Ok(());
        }
        Err(Error::forbidden(format!(
            "posten \"{id}\" är {}; bara en granskare eller redaktör kan ändra den",
            status.label().to_lowercase()
        )))
    }

    /// Whether this caller may move an entry from `from` to `to`: a writer only sends a
    /// draft to review.
    pub fn may_move(self, id: &str, from: Status, to: Status) -> Result<()> {
        if self.access >= Access::Review || (from == Status::Utkast && to == Status::Granskning) {
            return Ok(());
        }
        Err(Error::forbidden(format!(
            "att flytta posten \"{id}\" till {} kräver rollen granskare",
            to.label().to_lowercase()
        )))
    }

    /// The workflow's moves this caller may make.
    pub fn transitions(self, from: Status, all: Vec<Transition>) -> Vec<Transition> {
        all.into_iter()
            .filter(|t| self.may_move("", from, t.to).is_ok())
            .collect()
    }
}

/// One row of the table, as the adapters and the generated TypeScript see it.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    pub name: &'static str,
    pub access: Access,
    /// Whether it changes the library (a server runs it on its one writer; reads run side
    /// by side on readers). `user_name` is marked so too: the writer holds the name.
    pub writes: bool,
    /// What the command does, from its doc comment.
    pub doc: &'static str,
}

/// No arguments.
#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NoArgs {}

/// An entry by its id (slug) or uid.
#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct IdArgs {
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NameArgs {
    pub name: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct EntryArgs {
    pub entry: Entry,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename_all = "camelCase")]
pub struct UpdateArgs {
    pub id: String,
    pub entry: Entry,
    /// The revision the edit was made from; a newer one in the library is a conflict.
    pub expected_revision: u32,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StatusFilter {
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<Status>,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SetStatusArgs {
    pub id: String,
    pub status: Status,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RevisionArgs {
    pub id: String,
    pub revision: u32,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DiffArgs {
    pub id: String,
    pub from: u32,
    pub to: u32,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NoteArgs {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ListArgs {
    #[ts(type = "number")]
    pub list: i64,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RenameListArgs {
    #[ts(type = "number")]
    pub list: i64,
    pub name: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ListEntryArgs {
    #[ts(type = "number")]
    pub list: i64,
    /// An entry's id or uid.
    pub entry: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SaveSearchArgs {
    pub name: String,
    pub request: SearchRequest,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SavedSearchArgs {
    #[ts(type = "number")]
    pub id: i64,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct FocusAreaArgs {
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RenameFocusAreaArgs {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MergeFocusAreasArgs {
    pub from: String,
    pub into: String,
}

/// A file's content as the window read it; its name only tells the format (never a path).
#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename_all = "camelCase")]
pub struct ImportArgs {
    pub name: String,
    pub bytes: Vec<u8>,
    /// A mapping file's text (TOML or JSON) or `Column=field` pairs.
    #[serde(default)]
    #[ts(optional)]
    pub mapping: Option<String>,
    /// A preset's name (`pstw`, `kommun`), under the mapping.
    #[serde(default)]
    #[ts(optional)]
    pub preset: Option<String>,
    /// Value maps, `column: From=to; Other=to`, one column per line.
    #[serde(default)]
    #[ts(optional)]
    pub values: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub skip_unmapped: bool,
    /// The section a summary over the limit moves to.
    #[serde(default)]
    #[ts(optional)]
    pub long_summary: Option<String>,
    /// The language of every row (else detected per row).
    #[serde(default)]
    #[ts(optional)]
    pub language: Option<String>,
    /// Write the valid rows; the report carries the refused ones as CSV.
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub accept_valid: bool,
    #[serde(default)]
    pub dry_run: bool,
}

impl ImportArgs {
    /// The options these arguments describe: the preset, the mapping over it, then the value
    /// maps and settings over both.
    pub fn options(&self) -> Result<crate::import::ImportOptions> {
        use share::tabular::Mapping;
        // Each problem names the argument it is in, so that a form shows it beside that field.
        let mut mapping = match &self.preset {
            Some(name) => Mapping::preset(name).map_err(|e| e.with_field("preset"))?,
            None => Mapping::default(),
        };
        if let Some(text) = self.mapping.as_deref().filter(|t| !t.trim().is_empty()) {
            mapping = mapping.merge(Mapping::from_text(text).map_err(|e| e.with_field("mapping"))?);
        }
        let mut over = Mapping {
            skip_unmapped: self.skip_unmapped,
            long_summary: self.long_summary.clone(),
            language: self.language.clone(),
            ..Mapping::default()
        };
        if let Some(values) = &self.values {
            over.add_values(values)
                .map_err(|e| e.with_field("values"))?;
        }
        over.long_summary_section()
            .map_err(|e| e.with_field("longSummary"))?;
        over.language().map_err(|e| e.with_field("language"))?;
        Ok(crate::import::ImportOptions {
            mapping: mapping.merge(over),
            accept_valid: self.accept_valid,
            dry_run: self.dry_run,
        })
    }
}

/// A bundle's content as the window read it; its name is a label only.
#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename_all = "camelCase")]
pub struct BundleArgs {
    pub name: String,
    pub bytes: Vec<u8>,
    #[serde(default)]
    pub dry_run: bool,
    #[serde(default)]
    pub trust: bool,
}

/// A file to attach; its name is a label only.
#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AttachArgs {
    pub id: String,
    pub name: String,
    pub bytes: Vec<u8>,
    #[serde(default)]
    pub licence: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DetachArgs {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AddAccountArgs {
    pub name: String,
    pub role: Role,
    pub password: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AccountRoleArgs {
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AccountDisabledArgs {
    pub name: String,
    pub disabled: bool,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PasswordArgs {
    pub name: String,
    pub password: String,
}

/// A source to follow, as `subscription_peek` described it, and the fingerprint the person
/// confirmed.
#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SubscribeArgs {
    pub source: String,
    #[serde(default)]
    #[ts(optional)]
    pub name: Option<String>,
    pub info: FeedInfo,
    pub fingerprint: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename_all = "camelCase")]
pub struct UnsubscribeArgs {
    pub name: String,
    /// Move the entries that came from it to the trash; else they stay.
    pub remove_entries: bool,
}

#[derive(Debug, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AuditArgs {
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// Defines the table: [`COMMANDS`], [`dispatch`] and [`typescript`] from one list.
macro_rules! commands {
    (@writes writes) => { true };
    (@writes) => { false };
    ($(
        $(#[doc = $doc:literal])*
        $name:ident($access:ident, $args:ty) $($writes:ident)? -> $out:ty = $handler:expr;
    )*) => {
        /// Every command, in the order of the table.
        pub const COMMANDS: &[Command] = &[$(Command {
            name: stringify!($name),
            access: Access::$access,
            writes: commands!(@writes $($writes)?),
            doc: concat!($($doc),*),
        }),*];

        /// Runs the command `name` with its arguments as JSON text, for a caller in `scope`.
        /// An unknown command is `not_found`; one the scope does not allow is refused before
        /// its arguments are read.
        pub fn dispatch(
            library: &mut Library,
            scope: Scope,
            name: &str,
            args: &str,
        ) -> Result<serde_json::Value> {
            match name {
                $(stringify!($name) => {
                    allow(scope, Access::$access, name)?;
                    let args: $args = parse_args(name, args)?;
                    let handler: fn(&mut Library, Scope, $args) -> Result<$out> = $handler;
                    let out = handler(library, scope, args)?;
                    Ok(serde_json::to_value(out).expect("answers serialise"))
                })*
                _ => Err(Error::not_found(format!("okänt kommando \"{name}\""))),
            }
        }

        /// The table as TypeScript: one typed function per command over a `call` that the
        /// UI's transport provides (Tauri IPC in the app, HTTP under `serve`).
        pub fn typescript() -> String {
            let cfg = ts_rs::Config::new();
            let mut imports = std::collections::BTreeSet::new();
            let mut out = String::new();
            $(
                let args = <$args as TS>::name(&cfg);
                let answer = <$out as TS>::name(&cfg);
                imports.extend(type_names(&args));
                imports.extend(type_names(&answer));
                out.push_str(&typescript_function(
                    stringify!($name),
                    concat!($($doc),*),
                    &args,
                    &answer,
                ));
            )*
            typescript_module(&imports, &out)
        }
    };
}

commands! {
    /// Facts about the open library.
    library_info(Read, NoArgs) -> LibraryInfo = |lib, scope, _| {
        let info = lib.info()?;
        let access = scope.access;
        if scope.sees_unpublished() {
            let dir = if scope.local { info.dir.clone() } else { String::new() };
            return Ok(LibraryInfo { access, dir, ..info });
        }
        // A reader learns what readers may see: no path on the server's disk, no count of
        // drafts.
        Ok(LibraryInfo {
            dir: String::new(),
            entries: info.published,
            indexed: info.published,
            read_only: true,
            warnings: Vec::new(),
            access,
            ..info
        })
    };
    /// Focus areas, kinds, stages, counties, municipalities and goals.
    taxonomy(Read, NoArgs) -> Taxonomy = |lib, _, _| lib.taxonomy();
    /// Ranked hits for one page, and facet counts over all matches.
    search(Read, SearchRequest) -> SearchResponse =
        |lib, scope, request| lib.search(&scope.search(request));
    /// The uids of every entry a search matches, not only one page.
    select_entries(Read, SearchRequest) -> Vec<String> =
        |lib, scope, request| lib.select(&scope.search(request));
    /// One entry, by its id (slug) or uid.
    get_entry(Read, IdArgs) -> Entry = |lib, scope, a| scope.visible(lib.get(&a.id)?);
    /// "Liknande exempel": the five published entries most like this one (not itself, not
    /// those under its "Se även").
    similar_entries(Read, IdArgs) -> Vec<Hit> = |lib, scope, a| {
        scope.visible(lib.get(&a.id)?)?;
        lib.similar(&a.id, 5)
    };
    /// Where an entry came from (a subscription or a bundle), if from another library.
    entry_origin(Read, IdArgs) -> Option<EntryOrigin> = |lib, scope, a| {
        scope.visible(lib.get(&a.id)?)?;
        lib.origin(&a.id)
    };

    /// The user's lists of entries, sorted by name.
    lists(Write, NoArgs) -> Vec<EntryList> = |lib, _, _| lib.lists();
    /// A new, empty list (a conflict if the name is taken).
    create_list(Write, NameArgs) writes -> EntryList = |lib, _, a| lib.create_list(&a.name);
    rename_list(Write, RenameListArgs) writes -> EntryList =
        |lib, _, a| lib.rename_list(a.list, &a.name);
    /// Deletes a list; its entries stay in the library.
    delete_list(Write, ListArgs) writes -> () = |lib, _, a| lib.delete_list(a.list);
    /// Adds an entry to the end of a list; adding it again changes nothing.
    add_to_list(Write, ListEntryArgs) writes -> EntryList =
        |lib, _, a| lib.add_to_list(a.list, &a.entry);
    remove_from_list(Write, ListEntryArgs) writes -> EntryList =
        |lib, _, a| lib.remove_from_list(a.list, &a.entry);
    /// The saved searches, sorted by name.
    saved_searches(Write, NoArgs) -> Vec<SavedSearch> = |lib, _, _| lib.saved_searches();
    /// Saves a search with its filters; a search of the same name is replaced.
    save_search(Write, SaveSearchArgs) writes -> SavedSearch =
        |lib, _, a| lib.save_search(&a.name, &a.request);
    delete_saved_search(Write, SavedSearchArgs) writes -> () =
        |lib, _, a| lib.delete_saved_search(a.id);
    /// The user's personal note on an entry (never exported).
    get_note(Write, IdArgs) -> Note = |lib, _, a| lib.note(&a.id);
    set_note(Write, NoteArgs) writes -> Note = |lib, _, a| lib.set_note(&a.id, &a.text);
    /// The name recorded in the history (runs on the writer, which holds it).
    user_name(Write, NoArgs) writes -> String = |lib, _, _| Ok(lib.user().to_owned());
    save_user_name(Write, NameArgs) writes -> String = |lib, _, a| lib.save_user(&a.name);

    /// Every entry outside the trash, of any status unless one is named, sorted by title.
    list_entries(Draft, StatusFilter) -> Vec<EntrySummary> = |lib, _, a| lib.list(a.status);
    /// Checks an entry as a form has it: the normalised entry, or an error naming the field.
    validate_entry(Draft, EntryArgs) -> Entry = |lib, _, a| lib.validate(a.entry);
    /// Saves a new entry (status `utkast` unless it has one; only a reviewer may give
    /// another).
    create_entry(Draft, EntryArgs) writes -> Entry = |lib, scope, a| {
        if a.entry.status != Status::Utkast && scope.access < Access::Review {
            return Err(Error::forbidden(format!(
                "en skribent skapar utkast; status {} kräver rollen granskare",
                a.entry.status.label().to_lowercase()
            )));
        }
        lib.add(a.entry)
    };
    /// Saves an edit as a new revision; a conflict if the entry changed since.
    update_entry(Draft, UpdateArgs) writes -> Entry = |lib, scope, a| {
        let current = lib.get(&a.id)?;
        scope.may_edit(&current.id, current.status)?;
        lib.edit(&a.id, a.entry, None, Some(a.expected_revision), "ändrad")
    };
    /// The status changes the workflow allows for an entry now, and the caller may make.
    transitions(Draft, IdArgs) -> Vec<Transition> = |lib, scope, a| {
        let current = lib.get(&a.id)?;
        Ok(scope.transitions(current.status, lib.transitions(&a.id)?))
    };
    set_status(Draft, SetStatusArgs) writes -> Entry = |lib, scope, a| {
        let current = lib.get(&a.id)?;
        scope.may_move(&current.id, current.status, a.status)?;
        lib.set_status(&a.id, a.status, &a.comment)
    };
    /// The revisions of an entry, oldest first.
    history(Draft, IdArgs) -> Vec<RevisionInfo> = |lib, _, a| lib.history(&a.id);
    /// An entry as it was at one revision.
    revision(Draft, RevisionArgs) -> Entry = |lib, _, a| lib.revision(&a.id, a.revision);
    /// What changed from one revision to another, field by field.
    diff(Draft, DiffArgs) -> Vec<FieldChange> = |lib, _, a| lib.diff(&a.id, a.from, a.to);
    /// A new revision with the content of an old one.
    restore(Review, RevisionArgs) writes -> Entry = |lib, _, a| lib.restore(&a.id, a.revision);
    /// Attaches a file's content to an entry.
    attach_file(Draft, AttachArgs) writes -> Entry = |lib, scope, a| {
        let current = lib.get(&a.id)?;
        scope.may_edit(&current.id, current.status)?;
        Ok(lib.attach_bytes(&a.id, &a.name, &a.bytes, &a.licence)?.0)
    };
    detach_file(Draft, DetachArgs) writes -> Entry = |lib, scope, a| {
        let current = lib.get(&a.id)?;
        scope.may_edit(&current.id, current.status)?;
        lib.detach(&a.id, &a.name)
    };
    /// Moves an entry to the trash.
    delete_entry(Curate, IdArgs) writes -> Entry = |lib, _, a| lib.delete(&a.id);
    undelete_entry(Curate, IdArgs) writes -> Entry = |lib, _, a| lib.undelete(&a.id);
    trash(Curate, NoArgs) -> Vec<TrashedEntry> = |lib, _, _| lib.trash();
    /// Deletes the entries in the trash for good. Returns how many.
    empty_trash(Curate, NoArgs) writes -> usize = |lib, _, _| lib.empty_trash();
    add_focus_area(Curate, FocusAreaArgs) writes -> FocusArea =
        |lib, _, a| lib.add_focus_area(&a.name, &a.description);
    /// Renames a focus area; the entries that use it follow, each with a new revision.
    rename_focus_area(Curate, RenameFocusAreaArgs) writes -> FocusArea =
        |lib, _, a| lib.rename_focus_area(&a.slug, &a.name);
    /// Merges one focus area into another; the entries follow.
    merge_focus_areas(Curate, MergeFocusAreasArgs) writes -> FocusArea =
        |lib, _, a| lib.merge_focus_areas(&a.from, &a.into);
    /// Imports a file's content; a dry run writes nothing.
    import_file(Curate, ImportArgs) writes -> WriteReport =
        |lib, scope, a| {
            let report = lib.import(&a.name, &a.bytes, &a.options()?)?;
            Ok(scope.report(report))
        };
    /// Imports an uploaded bundle; a dry run writes nothing, and a signer that is neither
    /// this library nor trusted is refused unless `trust`, which remembers it.
    import_bundle(Curate, BundleArgs) writes -> WriteReport =
        |lib, scope, a| {
            let report = lib.bundle_import_bytes(&a.name, &a.bytes, a.dry_run, a.trust)?;
            Ok(scope.report(report))
        };
    /// Versions from other libraries (bundles, subscriptions) of entries changed here,
    /// waiting for review, each with what taking it would change.
    incoming_versions(Curate, NoArgs) -> Vec<IncomingVersion> = |lib, _, _| lib.incoming_review();
    /// Takes the newest incoming version of an entry as its next revision (the local one
    /// stays in the history).
    accept_incoming(Curate, IdArgs) writes -> Entry = |lib, _, a| lib.accept_incoming(&a.id);
    /// Keeps the local version and forgets the incoming ones. Returns how many went.
    discard_incoming(Curate, IdArgs) writes -> usize = |lib, _, a| lib.discard_incoming(&a.id);
    /// The libraries this one follows, with how their last pulls went.
    subscriptions(Curate, NoArgs) -> Vec<Subscription> = |lib, _, _| lib.subscriptions();
    /// Follows a source once its signer's fingerprint is confirmed (the library's owner only:
    /// the desktop app, `serve --write`).
    subscribe(Curate, SubscribeArgs) writes -> Subscription = |lib, scope, a| {
        scope.owner("subscribe")?;
        lib.subscribe(&a.source, a.name.as_deref(), &a.info, &a.fingerprint)
    };
    /// Stops following a source; its entries stay unless `removeEntries` (the owner only).
    unsubscribe(Curate, UnsubscribeArgs) writes -> Unsubscribed = |lib, scope, a| {
        scope.owner("unsubscribe")?;
        lib.unsubscribe(&a.name, a.remove_entries)
    };
    /// Erases a person's contact data from every entry, revision and backup.
    erase_person(Curate, NameArgs) writes -> ErasureReport = |lib, _, a| lib.erase_person(&a.name);

    /// The accounts of a team library, by name.
    accounts(Curate, NoArgs) -> Vec<AccountInfo> = |lib, _, _| lib.accounts();
    /// Adds an account with a role and a first password.
    add_account(Curate, AddAccountArgs) writes -> AccountInfo =
        |lib, _, a| lib.add_account(&a.name, a.role, &a.password);
    /// Gives an account another role.
    set_account_role(Curate, AccountRoleArgs) writes -> AccountInfo =
        |lib, _, a| lib.set_account_role(&a.name, a.role);
    /// Disables an account (its sessions end) or enables it again.
    set_account_disabled(Curate, AccountDisabledArgs) writes -> AccountInfo =
        |lib, _, a| lib.set_account_disabled(&a.name, a.disabled);
    /// Sets a new password for an account; its sessions end.
    reset_password(Curate, PasswordArgs) writes -> () =
        |lib, _, a| lib.reset_password(&a.name, &a.password);
    /// The newest lines of the audit log: logins, failed logins, account changes.
    audit_log(Curate, AuditArgs) -> Vec<AuditEvent> =
        |lib, _, a| lib.audit_log(a.limit.unwrap_or(200) as usize);
}

fn allow(scope: Scope, needs: Access, name: &str) -> Result<()> {
    if scope.access >= needs {
        Ok(())
    } else {
        Err(Error::new(
            model::error::ErrorCode::Forbidden,
            match scope.access {
                Access::Read => {
                    format!("kommandot {name} är inte tillåtet för den som bara läser biblioteket")
                }
                _ => format!("kommandot {name} kräver en roll som ditt konto inte har"),
            },
        ))
    }
}

/// The arguments of a command: a JSON object (an empty body is no arguments).
fn parse_args<T: DeserializeOwned>(name: &str, args: &str) -> Result<T> {
    let args = if args.trim().is_empty() { "{}" } else { args };
    model::validate::parse_json(args).map_err(|err| Error {
        message: format!("{name}: {}", err.message),
        ..err
    })
}

fn typescript_function(name: &str, doc: &str, args: &str, out: &str) -> String {
    let camel = camel_case(name);
    let mut text = String::new();
    if !doc.trim().is_empty() {
        text.push_str(&format!("/**{} */\n", doc.trim_end()));
    }
    text.push_str(&format!(
        "export function {camel}(args: {args}): Promise<{out}> {{\n  \
         return call('{name}', args);\n}}\n\n"
    ));
    text
}

fn typescript_module(imports: &std::collections::BTreeSet<String>, functions: &str) -> String {
    let mut text = String::from(
        "// Generated from crates/library/src/commands.rs by `cargo test`; do not edit.\n\
         // One function per command of the table; `call` (ui/src/lib/ipc.ts) sends it over\n\
         // Tauri IPC in the app and to `POST api/rpc/<name>` under `exempelbank serve`.\n\n\
         import { call } from '../lib/ipc';\n",
    );
    for name in imports {
        text.push_str(&format!("import type {{ {name} }} from './{name}';\n"));
    }
    text.push('\n');
    text.push_str(&format!(
        "/** Every command and the access it needs. */\nexport const COMMANDS = {{\n{}}} as const;\n\n",
        COMMANDS
            .iter()
            .map(|c| format!(
                "  {}: '{}',\n",
                c.name,
                serde_json::to_value(c.access).expect("access serialises").as_str().unwrap_or("")
            ))
            .collect::<String>()
    ));
    text.push_str(functions.trim_end());
    text.push('\n');
    text
}

/// The generated types a TypeScript type expression names (`Array<FieldChange>` names
/// `FieldChange`), to import them.
fn type_names(expression: &str) -> Vec<String> {
    expression
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|word| word.starts_with(|c: char| c.is_ascii_uppercase()))
        .filter(|word| !matches!(*word, "Array" | "Record" | "Partial"))
        .map(str::to_owned)
        .collect()
}

fn camel_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated TypeScript is committed; CI fails when it is stale (as for the bindings).
    #[test]
    fn typescript_bindings_are_written() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../ui/src/bindings/commands.ts");
        // Written only when it changes: its time stamp tells make to rebuild the UI.
        let text = typescript();
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).expect("bindings folder exists");
        }
    }

    #[test]
    fn every_name_is_unique_and_snake_case() {
        let mut names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COMMANDS.len());
        assert!(
            names
                .iter()
                .all(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        );
    }

    #[test]
    fn a_reader_cannot_call_a_write_command() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::open(&dir.path().join("bibliotek")).unwrap();
        let err = dispatch(&mut lib, Scope::READER, "create_list", r#"{"name":"x"}"#).unwrap_err();
        assert_eq!(err.code, model::error::ErrorCode::Forbidden);
        assert!(lib.lists().unwrap().is_empty());
        let err = dispatch(&mut lib, Scope::OWNER, "no_such_command", "{}").unwrap_err();
        assert_eq!(err.code, model::error::ErrorCode::NotFound);
    }

    #[test]
    fn a_reader_sees_only_published_entries() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::open(&dir.path().join("bibliotek")).unwrap();
        let mut draft = lib
            .get("orebro-gemensam-testbadd-valfardsteknik-e-halsa")
            .unwrap();
        draft.id = "ett-utkast".into();
        draft.uid.clear();
        draft.status = Status::Utkast;
        draft.revision = 0;
        let draft = lib.add(draft).unwrap();
        let args = format!(r#"{{"id":"{}"}}"#, draft.id);
        let err = dispatch(&mut lib, Scope::READER, "get_entry", &args).unwrap_err();
        assert_eq!(err.code, model::error::ErrorCode::NotFound);
        assert!(dispatch(&mut lib, Scope::OWNER, "get_entry", &args).is_ok());
        let everything = r#"{"query":"","all":true,"limit":200}"#;
        let seen = dispatch(&mut lib, Scope::READER, "select_entries", everything).unwrap();
        assert!(!seen.as_array().unwrap().iter().any(|u| u == &draft.uid));
        let seen = dispatch(&mut lib, Scope::OWNER, "select_entries", everything).unwrap();
        assert!(seen.as_array().unwrap().iter().any(|u| u == &draft.uid));
    }

    #[test]
    fn bad_arguments_name_the_command_and_the_field() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::open(&dir.path().join("bibliotek")).unwrap();
        let err = dispatch(
            &mut lib,
            Scope::OWNER,
            "revision",
            r#"{"id":"x","revision":"ett"}"#,
        )
        .unwrap_err();
        assert_eq!(err.code, model::error::ErrorCode::InvalidInput);
        assert!(
            err.message.starts_with("revision: fältet revision"),
            "{}",
            err.message
        );
        assert_eq!(err.field.as_deref(), Some("revision"));
    }

    /// An old UI sent `select_entries` its request wrapped as `{"request": …}`; the unknown
    /// field was ignored and the empty request selected every entry (an export of 14 entries
    /// for 2 hits). Unknown fields are refused now, naming the field.
    #[test]
    fn unknown_argument_fields_are_refused_not_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::open(&dir.path().join("bibliotek")).unwrap();
        let wrapped = r#"{"request":{"query":"livsmedel"}}"#;
        let err = dispatch(&mut lib, Scope::OWNER, "select_entries", wrapped).unwrap_err();
        assert_eq!(err.code, model::error::ErrorCode::InvalidInput);
        assert!(err.message.contains("request"), "{}", err.message);
        let err = dispatch(
            &mut lib,
            Scope::OWNER,
            "get_entry",
            r#"{"id":"x","extra":1}"#,
        )
        .unwrap_err();
        assert_eq!(err.code, model::error::ErrorCode::InvalidInput);
        let found = dispatch(
            &mut lib,
            Scope::OWNER,
            "select_entries",
            r#"{"query":"livsmedel"}"#,
        )
        .unwrap();
        let all = dispatch(&mut lib, Scope::OWNER, "select_entries", "{}").unwrap();
        assert!(found.as_array().unwrap().len() < all.as_array().unwrap().len());
    }
}
