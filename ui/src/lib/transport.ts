// The only module the UI's components use to talk to the backend.
//
// Every command of the library's table (crates/library/src/commands.rs) is generated into
// `bindings/commands.ts` with its request and answer types; the functions here give them the
// shapes the components use. What only one side has is here too: saving files where the
// user chooses and bundles (the desktop app), downloads and logging in to a team server (a
// browser), and opening links.

import { Channel } from '@tauri-apps/api/core';
import { openUrl } from '@tauri-apps/plugin-opener';

import * as commands from '../bindings/commands';
import type { AccountInfo } from '../bindings/AccountInfo';
import type { AuditEvent } from '../bindings/AuditEvent';
import type { Entry } from '../bindings/Entry';
import type { BundleSummary } from '../bindings/BundleSummary';
import type { EntryOrigin } from '../bindings/EntryOrigin';
import type { EntrySummary } from '../bindings/EntrySummary';
import type { FeedInfo } from '../bindings/FeedInfo';
import type { ExportOptions } from '../bindings/ExportOptions';
import type { ProgressEvent } from '../bindings/ProgressEvent';
import type { PullReport } from '../bindings/PullReport';
import type { ErasureReport } from '../bindings/ErasureReport';
import type { FieldChange } from '../bindings/FieldChange';
import type { FocusArea } from '../bindings/FocusArea';
import type { Hit } from '../bindings/Hit';
import type { IncomingVersion } from '../bindings/IncomingVersion';
import type { Note } from '../bindings/Note';
import type { RevisionInfo } from '../bindings/RevisionInfo';
import type { Role } from '../bindings/Role';
import type { Status } from '../bindings/Status';
import type { Subscription } from '../bindings/Subscription';
import type { Transition } from '../bindings/Transition';
import type { TrashedEntry } from '../bindings/TrashedEntry';
import type { Unsubscribed } from '../bindings/Unsubscribed';
import type { EntryList } from '../bindings/EntryList';
import type { LibraryInfo } from '../bindings/LibraryInfo';
import type { SavedSearch } from '../bindings/SavedSearch';
import type { SearchRequest } from '../bindings/SearchRequest';
import type { SearchResponse } from '../bindings/SearchResponse';
import type { Taxonomy } from '../bindings/Taxonomy';
import type { WriteReport } from '../bindings/WriteReport';
import { isSessionInfo, type SessionInfo } from './access';
import { importArgs, type ImportChoices } from './curation';
import { t } from './i18n';
import {
  heard,
  http,
  inTauri,
  invokeDesktop as call,
  responseError,
  toApiError,
  withJson,
} from './ipc';
import { externalUrl } from './links';

export { isApiError, toApiError } from './ipc';
export type { ApiError } from './ipc';

/** Facts about the open library. */
export function libraryInfo(): Promise<LibraryInfo> {
  return commands.libraryInfo({});
}

/** Focus areas, kinds, stages, counties, municipalities, goals: everything a picker needs. */
export function taxonomy(): Promise<Taxonomy> {
  return commands.taxonomy({});
}

/** Ranked hits for one page, and facet counts over all matches. */
export function search(request: SearchRequest): Promise<SearchResponse> {
  return commands.search(request);
}

/** One entry, by its id (slug) or its uid. */
export function getEntry(id: string): Promise<Entry> {
  return commands.getEntry({ id });
}

/**
 * "Liknande exempel": up to five published entries most like this one (by id or uid), as
 * hits; never the entry itself nor those under its "Se även".
 */
export function similarEntries(id: string): Promise<Hit[]> {
  return commands.similarEntries({ id });
}

// The user's own lists and saved searches (not offered where `library_info` says
// `read_only`: the server refuses them there).

/** Every list ("Mina listor") with the uids of its entries, sorted by name. */
export function lists(): Promise<EntryList[]> {
  return commands.lists({});
}

/** A new, empty list (a conflict if the name is taken). */
export function createList(name: string): Promise<EntryList> {
  return commands.createList({ name });
}

export function renameList(list: number, name: string): Promise<EntryList> {
  return commands.renameList({ list, name });
}

/** Deletes a list; its entries stay in the library. */
export async function deleteList(list: number): Promise<void> {
  await commands.deleteList({ list });
}

/** Adds an entry (by id or uid) to the end of a list; adding it again changes nothing. */
export function addToList(list: number, entry: string): Promise<EntryList> {
  return commands.addToList({ list, entry });
}

export function removeFromList(list: number, uid: string): Promise<EntryList> {
  return commands.removeFromList({ list, entry: uid });
}

/** The saved searches, sorted by name. */
export function savedSearches(): Promise<SavedSearch[]> {
  return commands.savedSearches({});
}

/** Saves a search with its filters under a name; a search of the same name is replaced. */
export function saveSearch(name: string, request: SearchRequest): Promise<SavedSearch> {
  return commands.saveSearch({ name, request });
}

export async function deleteSavedSearch(id: number): Promise<void> {
  await commands.deleteSavedSearch({ id });
}

// Curation: writing, reviewing and publishing entries, their history, the trash, the taxonomy,
// imports, attachments and erasure (the desktop app, or `exempelbank serve --write`).

/** Every entry outside the trash, of any status unless one is named, sorted by title. */
export function listEntries(status?: Status): Promise<EntrySummary[]> {
  return commands.listEntries(status === undefined ? {} : { status });
}

/** Checks an entry as the form has it: the normalised entry, or an error naming the field. */
export function validateEntry(entry: Entry): Promise<Entry> {
  return commands.validateEntry({ entry });
}

/** Saves a new entry (status `utkast` unless it has one). */
export function createEntry(entry: Entry): Promise<Entry> {
  return commands.createEntry({ entry });
}

/** Saves an edit as a new revision; a conflict if the entry changed since `expectedRevision`. */
export function updateEntry(id: string, entry: Entry, expectedRevision: number): Promise<Entry> {
  return commands.updateEntry({ id, entry, expectedRevision });
}

/** The status changes the workflow allows for an entry now. */
export function transitions(id: string): Promise<Transition[]> {
  return commands.transitions({ id });
}

export function setStatus(id: string, status: Status, comment: string): Promise<Entry> {
  return commands.setStatus({ id, status, comment });
}

/** The revisions of an entry, oldest first. */
export function history(id: string): Promise<RevisionInfo[]> {
  return commands.history({ id });
}

/** An entry as it was at one revision. */
export function revision(id: string, revision: number): Promise<Entry> {
  return commands.revision({ id, revision });
}

/** What changed from one revision to another, field by field. */
export function diff(id: string, from: number, to: number): Promise<FieldChange[]> {
  return commands.diff({ id, from, to });
}

/** A new revision with the content of an old one. */
export function restore(id: string, revision: number): Promise<Entry> {
  return commands.restore({ id, revision });
}

/** Moves an entry to the trash. */
export function deleteEntry(id: string): Promise<Entry> {
  return commands.deleteEntry({ id });
}

export function undeleteEntry(id: string): Promise<Entry> {
  return commands.undeleteEntry({ id });
}

export function trash(): Promise<TrashedEntry[]> {
  return commands.trash({});
}

/** Deletes the entries in the trash for good (ask the user first). Returns how many. */
export function emptyTrash(): Promise<number> {
  return commands.emptyTrash({});
}

/** The user's personal note on an entry (never exported). */
export function getNote(id: string): Promise<Note> {
  return commands.getNote({ id });
}

export function setNote(id: string, text: string): Promise<Note> {
  return commands.setNote({ id, text });
}

export function addFocusArea(name: string, description: string): Promise<FocusArea> {
  return commands.addFocusArea({ name, description });
}

/** Renames a focus area; the entries that use it follow, each with a new revision. */
export function renameFocusArea(slug: string, name: string): Promise<FocusArea> {
  return commands.renameFocusArea({ slug, name });
}

/** Merges one focus area into another; the entries follow. */
export function mergeFocusAreas(from: string, into: string): Promise<FocusArea> {
  return commands.mergeFocusAreas({ from, into });
}

/** The name recorded in the history. */
export function userName(): Promise<string> {
  return commands.userName({});
}

export function saveUserName(name: string): Promise<string> {
  return commands.saveUserName({ name });
}

/**
 * Imports a file's content (its name only tells the format) with the form's choices (a preset,
 * a mapping, value maps, …: `importArgs` in curation.ts); a dry run writes nothing.
 */
export function importFile(
  name: string,
  bytes: Uint8Array,
  choices: ImportChoices,
  dryRun: boolean,
): Promise<WriteReport> {
  return commands.importFile(importArgs(name, bytes, choices, dryRun));
}

/** Attaches a file's content to an entry (its name is a label only). */
export function attachFile(
  id: string,
  name: string,
  bytes: Uint8Array,
  licence: string,
): Promise<Entry> {
  return commands.attachFile({ id, name, bytes: Array.from(bytes), licence });
}

export function detachFile(id: string, name: string): Promise<Entry> {
  return commands.detachFile({ id, name });
}

/** Erases a person's contact data from every entry, revision and backup (ask first). */
export function erasePerson(name: string): Promise<ErasureReport> {
  return commands.erasePerson({ name });
}

// Subscriptions: the libraries this one follows (the owner's: the desktop app, or `exempelbank
// serve --write`). Reading a source's description and pulling go over the network, so they are
// no commands of the table (which run holding the library): the desktop app has Tauri commands
// for them, `serve --write` two routes of its own.

/** The libraries this one follows, with when each was last reached and what it brought. */
export function subscriptions(): Promise<Subscription[]> {
  return commands.subscriptions({});
}

/**
 * Follows a source described by `subscriptionPeek`; `fingerprint` is the signer's key the
 * person confirmed (a pull signed by any other is refused). Nothing is pulled yet.
 */
export function subscribe(source: string, info: FeedInfo, fingerprint: string, name?: string): Promise<Subscription> {
  return commands.subscribe({ source, info, fingerprint, ...(name === undefined || name === '' ? {} : { name }) });
}

/** Stops following a source; its entries stay, or (`removeEntries`) go to the trash. */
export function unsubscribe(name: string, removeEntries: boolean): Promise<Unsubscribed> {
  return commands.unsubscribe({ name, removeEntries });
}

/** Where an entry came from (a subscription or a bundle), or null if it was written here. */
export function entryOrigin(id: string): Promise<EntryOrigin | null> {
  return commands.entryOrigin({ id });
}

// Incoming versions: a newer version of an entry changed here, sent by another library (a
// bundle, a subscription's pull), waits for a curator to take it or keep the local one.

/** The incoming versions waiting for review, each with what taking it would change here. */
export function incomingVersions(): Promise<IncomingVersion[]> {
  return commands.incomingVersions({});
}

/** Takes an entry's incoming version as its next revision (the local one stays in the history). */
export function acceptIncoming(id: string): Promise<Entry> {
  return commands.acceptIncoming({ id });
}

/** Keeps the local version of an entry and forgets its incoming ones. Returns how many went. */
export function discardIncoming(id: string): Promise<number> {
  return commands.discardIncoming({ id });
}

/** What a source (a server's address or a folder's path) says about itself: its signer. */
export function subscriptionPeek(source: string): Promise<FeedInfo> {
  if (inTauri()) return call<FeedInfo>('subscription_peek', { source });
  return http<FeedInfo>('api/subscriptions/peek', withJson('POST', { source }));
}

/**
 * Pulls what is new from one subscription, or from every one: a report each. A source that
 * cannot be reached is a report (`reached` false) and no error: the library works offline.
 */
export function subscriptionPull(name?: string): Promise<PullReport[]> {
  if (inTauri()) return call<PullReport[]>('subscription_pull', { name: name ?? null });
  return http<PullReport[]>('api/subscriptions/pull', withJson('POST', name === undefined ? {} : { name }));
}

// The accounts of a team library (`exempelbank serve --team`): a redaktör's. The desktop app
// may call them too (its owner has every access).

/** Every account, by name. */
export function accounts(): Promise<AccountInfo[]> {
  return commands.accounts({});
}

/** A new account with a role and its first password (at least 10 characters). */
export function addAccount(name: string, role: Role, password: string): Promise<AccountInfo> {
  return commands.addAccount({ name, role, password });
}

export function setAccountRole(name: string, role: Role): Promise<AccountInfo> {
  return commands.setAccountRole({ name, role });
}

/** Disables an account (its sessions end) or enables it again. */
export function setAccountDisabled(name: string, disabled: boolean): Promise<AccountInfo> {
  return commands.setAccountDisabled({ name, disabled });
}

/** A new password for an account; its sessions end. */
export async function resetPassword(name: string, password: string): Promise<void> {
  await commands.resetPassword({ name, password });
}

/** The newest lines of the audit log (logins, failed logins, account changes), newest first. */
export function auditLog(limit?: number): Promise<AuditEvent[]> {
  return commands.auditLog(limit === undefined ? {} : { limit });
}

// Logging in to a team library. Only a browser talks to `exempelbank serve`; the desktop app
// has no accounts of its own (its user is the library's owner) and never asks.

/**
 * How the server is used and who is logged in (`GET api/session`, never refused); null in the
 * desktop app, which asks no server.
 */
export async function session(): Promise<SessionInfo | null> {
  if (inTauri()) return null;
  const answer = await http<unknown>('api/session', undefined, true);
  if (!isSessionInfo(answer)) throw toApiError(null, t.errorUnknown);
  return { ...answer, account: answer.account ?? null };
}

/**
 * Logs in with a name and a password; the server sets the session cookie. Fails with
 * `unauthenticated` (wrong name or password) or `too_many_requests` (wait, as its message says).
 */
export async function login(name: string, password: string): Promise<AccountInfo> {
  const answer = await http<{ account: AccountInfo }>('api/login', withJson('POST', { name, password }), true);
  return answer.account;
}

/** Ends the session on the server, and removes its cookie. */
export async function logout(): Promise<void> {
  await http<unknown>('api/logout', withJson('POST', {}), true);
}

/**
 * Changes the password of the account logged in. Its other sessions end; this one goes on. A
 * wrong old password fails with the field `old_password`, a too short new one with `password`.
 */
export async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  await http<unknown>('api/password', withJson('POST', { old_password: oldPassword, new_password: newPassword }));
}

/** The uids of every entry a search matches, not only one page. */
export function selectEntries(request: SearchRequest): Promise<string[]> {
  return commands.selectEntries(request);
}

// Export and bundles. In the desktop app the user picks where the file goes in the system's
// save dialog (or which bundle to open in its open dialog) and the task reports its progress
// over a channel; `cancelTask` stops it before it writes anything. In a browser an export
// (published entries only, from `exempelbank serve`) and a bundle (a redaktör's, `POST
// api/bundle`) are downloaded, `cancelTask` stops the download, and a bundle to import is a
// file the user uploads (`import_bundle`).

/** Whether files can be saved where the user chooses (the desktop app). */
export function canSaveFiles(): boolean {
  return inTauri();
}

function progressChannel(onProgress: (event: ProgressEvent) => void): Channel<ProgressEvent> {
  const channel = new Channel<ProgressEvent>();
  channel.onmessage = onProgress;
  return channel;
}

const FILE_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  md: { name: 'Markdown', extensions: ['md'] },
  html: { name: 'HTML', extensions: ['html'] },
  json: { name: 'JSON', extensions: ['json'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
  zip: { name: 'Exempelbanken-paket', extensions: ['zip'] },
};

/**
 * The system's save dialog, shown by the app itself: the path it returns is the only one the
 * next export or bundle may write (the app refuses any path the window names on its own).
 */
function chooseSavePath(
  suggestedName: string,
  filter: { name: string; extensions: string[] },
): Promise<string | null> {
  return call<string | null>('choose_save_path', { suggestedName, filter });
}

/** The browser's download under way, which `cancelTask` stops. */
let downloading: AbortController | null = null;

/**
 * A browser's "save": POSTs `body` as JSON to `path` and downloads the answer as `fileName`.
 * Returns the file's size. Stopped by `cancelTask` (a `cancelled` error; nothing is saved).
 */
async function download(path: string, body: unknown, fileName: string): Promise<number> {
  const controller = new AbortController();
  downloading = controller;
  const cancelled = () => toApiError({ code: 'cancelled', message: t.cancelled });
  try {
    let response: Response;
    try {
      response = await fetch(path, { ...withJson('POST', body), signal: controller.signal });
    } catch {
      throw controller.signal.aborted ? cancelled() : toApiError(null, t.errorUnreachable);
    }
    if (!response.ok) throw heard(await responseError(response));
    let blob: Blob;
    try {
      blob = await response.blob();
    } catch {
      throw controller.signal.aborted ? cancelled() : toApiError(null, t.errorUnreachable);
    }
    if (controller.signal.aborted) throw cancelled();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return blob.size;
  } finally {
    if (downloading === controller) downloading = null;
  }
}

/**
 * Exports entries. In the app: asks where to save, then writes the file and returns its path
 * (null when the user closed the dialog). In a browser: downloads the file and returns its name.
 */
export async function exportEntries(
  ids: string[],
  options: ExportOptions,
  suggestedName: string,
  onProgress: (event: ProgressEvent) => void = () => {},
): Promise<string | null> {
  const fileName = `${suggestedName}.${options.format}`;
  if (!inTauri()) {
    await download('api/export', { ids, options }, fileName);
    return fileName;
  }
  const path = await chooseSavePath(fileName, FILE_FILTERS[options.format]);
  if (path === null) return null;
  await call<number>('export_file', { ids, options, path, onProgress: progressChannel(onProgress) });
  return path;
}

/**
 * A bundle written: where (the desktop's path, or the name a browser downloaded it under), its
 * size, and what it holds (the desktop app knows; a download says only its size).
 */
export type CreatedBundle = { path: string; bytes: number; summary: BundleSummary | null };

/**
 * Writes a bundle of what a search selects (an empty request: the whole library). In the app:
 * asks where to save it (null when the user closed the dialog). In a browser: downloads it.
 */
export async function createBundle(
  request: SearchRequest,
  suggestedName: string,
  onProgress: (event: ProgressEvent) => void = () => {},
): Promise<CreatedBundle | null> {
  const fileName = `${suggestedName}.zip`;
  if (!inTauri()) {
    const bytes = await download('api/bundle', request, fileName);
    return { path: fileName, bytes, summary: null };
  }
  const path = await chooseSavePath(fileName, FILE_FILTERS.zip);
  if (path === null) return null;
  const summary = await call<BundleSummary>('bundle_create', {
    request,
    path,
    onProgress: progressChannel(onProgress),
  });
  return { path, bytes: summary.bytes, summary };
}

/**
 * A bundle to import: a path the desktop's open dialog returned, or a file a browser read
 * (`readUpload`).
 */
export type BundleSource = { path: string } | { name: string; bytes: Uint8Array };

/** The name a bundle to import is shown under. */
export function bundleSourceName(source: BundleSource): string {
  return 'path' in source ? (source.path.split(/[\\/]/).pop() ?? source.path) : source.name;
}

/** Asks for a bundle file to import (the desktop app); null when the user closed the dialog. */
export async function pickBundle(): Promise<BundleSource | null> {
  const path = await call<string | null>('choose_open_path', { filter: FILE_FILTERS.zip });
  return path === null ? null : { path };
}

/**
 * Imports a bundle (a dry run first, to show the report); `trust` accepts a new signer. The
 * desktop app reads the file itself and reports progress; a browser uploads the bytes.
 */
export function importBundle(
  source: BundleSource,
  dryRun: boolean,
  trust: boolean,
  onProgress: (event: ProgressEvent) => void = () => {},
): Promise<WriteReport> {
  if ('path' in source) {
    return call('bundle_import', {
      path: source.path,
      dryRun,
      trust,
      onProgress: progressChannel(onProgress),
    });
  }
  return commands.importBundle({ name: source.name, bytes: Array.from(source.bytes), dryRun, trust });
}

/** Stops the running export or bundle task (in a browser, the download); it writes nothing. */
export function cancelTask(): Promise<void> {
  if (inTauri()) return call('cancel_task');
  downloading?.abort();
  return Promise.resolve();
}

/**
 * Opens a link out of the app (http, https or mailto) when the app must do it itself: in the
 * desktop app, in the system browser or mail program. Returns true when the link was handled
 * here (the click should then do nothing more), false when the browser should follow the link
 * (`target="_blank"` opens it in a new tab). Any other address is never opened.
 */
export function openExternal(href: string): boolean {
  const url = externalUrl(href);
  if (!inTauri()) return false;
  if (url !== null) {
    openUrl(url).catch(() => {
      // Nothing to open it with: the link stays where it is, and nothing breaks.
    });
  }
  return true;
}
