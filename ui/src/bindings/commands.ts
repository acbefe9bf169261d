// Generated from crates/library/src/commands.rs by `cargo test`; do not edit.
// One function per command of the table; `call` (ui/src/lib/ipc.ts) sends it over
// Tauri IPC in the app and to `POST api/rpc/<name>` under `exempelbank serve`.

import { call } from '../lib/ipc';
import type { AccountDisabledArgs } from './AccountDisabledArgs';
import type { AccountInfo } from './AccountInfo';
import type { AccountRoleArgs } from './AccountRoleArgs';
import type { AddAccountArgs } from './AddAccountArgs';
import type { AttachArgs } from './AttachArgs';
import type { AuditArgs } from './AuditArgs';
import type { AuditEvent } from './AuditEvent';
import type { BundleArgs } from './BundleArgs';
import type { DetachArgs } from './DetachArgs';
import type { DiffArgs } from './DiffArgs';
import type { Entry } from './Entry';
import type { EntryArgs } from './EntryArgs';
import type { EntryList } from './EntryList';
import type { EntryOrigin } from './EntryOrigin';
import type { EntrySummary } from './EntrySummary';
import type { ErasureReport } from './ErasureReport';
import type { FieldChange } from './FieldChange';
import type { FocusArea } from './FocusArea';
import type { FocusAreaArgs } from './FocusAreaArgs';
import type { Hit } from './Hit';
import type { IdArgs } from './IdArgs';
import type { ImportArgs } from './ImportArgs';
import type { IncomingVersion } from './IncomingVersion';
import type { LibraryInfo } from './LibraryInfo';
import type { ListArgs } from './ListArgs';
import type { ListEntryArgs } from './ListEntryArgs';
import type { MergeFocusAreasArgs } from './MergeFocusAreasArgs';
import type { NameArgs } from './NameArgs';
import type { NoArgs } from './NoArgs';
import type { Note } from './Note';
import type { NoteArgs } from './NoteArgs';
import type { PasswordArgs } from './PasswordArgs';
import type { RenameFocusAreaArgs } from './RenameFocusAreaArgs';
import type { RenameListArgs } from './RenameListArgs';
import type { RevisionArgs } from './RevisionArgs';
import type { RevisionInfo } from './RevisionInfo';
import type { SaveSearchArgs } from './SaveSearchArgs';
import type { SavedSearch } from './SavedSearch';
import type { SavedSearchArgs } from './SavedSearchArgs';
import type { SearchRequest } from './SearchRequest';
import type { SearchResponse } from './SearchResponse';
import type { SetStatusArgs } from './SetStatusArgs';
import type { StatusFilter } from './StatusFilter';
import type { SubscribeArgs } from './SubscribeArgs';
import type { Subscription } from './Subscription';
import type { Taxonomy } from './Taxonomy';
import type { Transition } from './Transition';
import type { TrashedEntry } from './TrashedEntry';
import type { UnsubscribeArgs } from './UnsubscribeArgs';
import type { Unsubscribed } from './Unsubscribed';
import type { UpdateArgs } from './UpdateArgs';
import type { WriteReport } from './WriteReport';

/** Every command and the access it needs. */
export const COMMANDS = {
  library_info: 'read',
  taxonomy: 'read',
  search: 'read',
  select_entries: 'read',
  get_entry: 'read',
  similar_entries: 'read',
  entry_origin: 'read',
  lists: 'write',
  create_list: 'write',
  rename_list: 'write',
  delete_list: 'write',
  add_to_list: 'write',
  remove_from_list: 'write',
  saved_searches: 'write',
  save_search: 'write',
  delete_saved_search: 'write',
  get_note: 'write',
  set_note: 'write',
  user_name: 'write',
  save_user_name: 'write',
  list_entries: 'draft',
  validate_entry: 'draft',
  create_entry: 'draft',
  update_entry: 'draft',
  transitions: 'draft',
  set_status: 'draft',
  history: 'draft',
  revision: 'draft',
  diff: 'draft',
  restore: 'review',
  attach_file: 'draft',
  detach_file: 'draft',
  delete_entry: 'curate',
  undelete_entry: 'curate',
  trash: 'curate',
  empty_trash: 'curate',
  add_focus_area: 'curate',
  rename_focus_area: 'curate',
  merge_focus_areas: 'curate',
  import_file: 'curate',
  import_bundle: 'curate',
  incoming_versions: 'curate',
  accept_incoming: 'curate',
  discard_incoming: 'curate',
  subscriptions: 'curate',
  subscribe: 'curate',
  unsubscribe: 'curate',
  erase_person: 'curate',
  accounts: 'curate',
  add_account: 'curate',
  set_account_role: 'curate',
  set_account_disabled: 'curate',
  reset_password: 'curate',
  audit_log: 'curate',
} as const;

/** Facts about the open library. */
export function libraryInfo(args: NoArgs): Promise<LibraryInfo> {
  return call('library_info', args);
}

/** Focus areas, kinds, stages, counties, municipalities and goals. */
export function taxonomy(args: NoArgs): Promise<Taxonomy> {
  return call('taxonomy', args);
}

/** Ranked hits for one page, and facet counts over all matches. */
export function search(args: SearchRequest): Promise<SearchResponse> {
  return call('search', args);
}

/** The uids of every entry a search matches, not only one page. */
export function selectEntries(args: SearchRequest): Promise<Array<string>> {
  return call('select_entries', args);
}

/** One entry, by its id (slug) or uid. */
export function getEntry(args: IdArgs): Promise<Entry> {
  return call('get_entry', args);
}

/** "Liknande exempel": the five published entries most like this one (not itself, not those under its "Se även"). */
export function similarEntries(args: IdArgs): Promise<Array<Hit>> {
  return call('similar_entries', args);
}

/** Where an entry came from (a subscription or a bundle), if from another library. */
export function entryOrigin(args: IdArgs): Promise<EntryOrigin | null> {
  return call('entry_origin', args);
}

/** The user's lists of entries, sorted by name. */
export function lists(args: NoArgs): Promise<Array<EntryList>> {
  return call('lists', args);
}

/** A new, empty list (a conflict if the name is taken). */
export function createList(args: NameArgs): Promise<EntryList> {
  return call('create_list', args);
}

export function renameList(args: RenameListArgs): Promise<EntryList> {
  return call('rename_list', args);
}

/** Deletes a list; its entries stay in the library. */
export function deleteList(args: ListArgs): Promise<null> {
  return call('delete_list', args);
}

/** Adds an entry to the end of a list; adding it again changes nothing. */
export function addToList(args: ListEntryArgs): Promise<EntryList> {
  return call('add_to_list', args);
}

export function removeFromList(args: ListEntryArgs): Promise<EntryList> {
  return call('remove_from_list', args);
}

/** The saved searches, sorted by name. */
export function savedSearches(args: NoArgs): Promise<Array<SavedSearch>> {
  return call('saved_searches', args);
}

/** Saves a search with its filters; a search of the same name is replaced. */
export function saveSearch(args: SaveSearchArgs): Promise<SavedSearch> {
  return call('save_search', args);
}

export function deleteSavedSearch(args: SavedSearchArgs): Promise<null> {
  return call('delete_saved_search', args);
}

/** The user's personal note on an entry (never exported). */
export function getNote(args: IdArgs): Promise<Note> {
  return call('get_note', args);
}

export function setNote(args: NoteArgs): Promise<Note> {
  return call('set_note', args);
}

/** The name recorded in the history (runs on the writer, which holds it). */
export function userName(args: NoArgs): Promise<string> {
  return call('user_name', args);
}

export function saveUserName(args: NameArgs): Promise<string> {
  return call('save_user_name', args);
}

/** Every entry outside the trash, of any status unless one is named, sorted by title. */
export function listEntries(args: StatusFilter): Promise<Array<EntrySummary>> {
  return call('list_entries', args);
}

/** Checks an entry as a form has it: the normalised entry, or an error naming the field. */
export function validateEntry(args: EntryArgs): Promise<Entry> {
  return call('validate_entry', args);
}

/** Saves a new entry (status `utkast` unless it has one; only a reviewer may give another). */
export function createEntry(args: EntryArgs): Promise<Entry> {
  return call('create_entry', args);
}

/** Saves an edit as a new revision; a conflict if the entry changed since. */
export function updateEntry(args: UpdateArgs): Promise<Entry> {
  return call('update_entry', args);
}

/** The status changes the workflow allows for an entry now, and the caller may make. */
export function transitions(args: IdArgs): Promise<Array<Transition>> {
  return call('transitions', args);
}

export function setStatus(args: SetStatusArgs): Promise<Entry> {
  return call('set_status', args);
}

/** The revisions of an entry, oldest first. */
export function history(args: IdArgs): Promise<Array<RevisionInfo>> {
  return call('history', args);
}

/** An entry as it was at one revision. */
export function revision(args: RevisionArgs): Promise<Entry> {
  return call('revision', args);
}

/** What changed from one revision to another, field by field. */
export function diff(args: DiffArgs): Promise<Array<FieldChange>> {
  return call('diff', args);
}

/** A new revision with the content of an old one. */
export function restore(args: RevisionArgs): Promise<Entry> {
  return call('restore', args);
}

/** Attaches a file's content to an entry. */
export function attachFile(args: AttachArgs): Promise<Entry> {
  return call('attach_file', args);
}

export function detachFile(args: DetachArgs): Promise<Entry> {
  return call('detach_file', args);
}

/** Moves an entry to the trash. */
export function deleteEntry(args: IdArgs): Promise<Entry> {
  return call('delete_entry', args);
}

export function undeleteEntry(args: IdArgs): Promise<Entry> {
  return call('undelete_entry', args);
}

export function trash(args: NoArgs): Promise<Array<TrashedEntry>> {
  return call('trash', args);
}

/** Deletes the entries in the trash for good. Returns how many. */
export function emptyTrash(args: NoArgs): Promise<number> {
  return call('empty_trash', args);
}

export function addFocusArea(args: FocusAreaArgs): Promise<FocusArea> {
  return call('add_focus_area', args);
}

/** Renames a focus area; the entries that use it follow, each with a new revision. */
export function renameFocusArea(args: RenameFocusAreaArgs): Promise<FocusArea> {
  return call('rename_focus_area', args);
}

/** Merges one focus area into another; the entries follow. */
export function mergeFocusAreas(args: MergeFocusAreasArgs): Promise<FocusArea> {
  return call('merge_focus_areas', args);
}

/** Imports a file's content; a dry run writes nothing. */
export function importFile(args: ImportArgs): Promise<WriteReport> {
  return call('import_file', args);
}

/** Imports an uploaded bundle; a dry run writes nothing, and a signer that is neither this library nor trusted is refused unless `trust`, which remembers it. */
export function importBundle(args: BundleArgs): Promise<WriteReport> {
  return call('import_bundle', args);
}

/** Versions from other libraries (bundles, subscriptions) of entries changed here, waiting for review, each with what taking it would change. */
export function incomingVersions(args: NoArgs): Promise<Array<IncomingVersion>> {
  return call('incoming_versions', args);
}

/** Takes the newest incoming version of an entry as its next revision (the local one stays in the history). */
export function acceptIncoming(args: IdArgs): Promise<Entry> {
  return call('accept_incoming', args);
}

/** Keeps the local version and forgets the incoming ones. Returns how many went. */
export function discardIncoming(args: IdArgs): Promise<number> {
  return call('discard_incoming', args);
}

/** The libraries this one follows, with how their last pulls went. */
export function subscriptions(args: NoArgs): Promise<Array<Subscription>> {
  return call('subscriptions', args);
}

/** Follows a source once its signer's fingerprint is confirmed (the library's owner only: the desktop app, `serve --write`). */
export function subscribe(args: SubscribeArgs): Promise<Subscription> {
  return call('subscribe', args);
}

/** Stops following a source; its entries stay unless `removeEntries` (the owner only). */
export function unsubscribe(args: UnsubscribeArgs): Promise<Unsubscribed> {
  return call('unsubscribe', args);
}

/** Erases a person's contact data from every entry, revision and backup. */
export function erasePerson(args: NameArgs): Promise<ErasureReport> {
  return call('erase_person', args);
}

/** The accounts of a team library, by name. */
export function accounts(args: NoArgs): Promise<Array<AccountInfo>> {
  return call('accounts', args);
}

/** Adds an account with a role and a first password. */
export function addAccount(args: AddAccountArgs): Promise<AccountInfo> {
  return call('add_account', args);
}

/** Gives an account another role. */
export function setAccountRole(args: AccountRoleArgs): Promise<AccountInfo> {
  return call('set_account_role', args);
}

/** Disables an account (its sessions end) or enables it again. */
export function setAccountDisabled(args: AccountDisabledArgs): Promise<AccountInfo> {
  return call('set_account_disabled', args);
}

/** Sets a new password for an account; its sessions end. */
export function resetPassword(args: PasswordArgs): Promise<null> {
  return call('reset_password', args);
}

/** The newest lines of the audit log: logins, failed logins, account changes. */
export function auditLog(args: AuditArgs): Promise<Array<AuditEvent>> {
  return call('audit_log', args);
}
