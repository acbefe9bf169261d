// The only place that talks to the backend.
//
// In the desktop app (Tauri 2) it calls the shell's commands over IPC; anywhere else it uses
// the JSON API of `exempelbank serve` on the same origin. Either way a failure is thrown as
// the library's own `Error` object, `{ code, message }`, whose `message` is meant for people.
// It also decides how a link out of the app is opened: by the system browser in the desktop
// app (the opener plugin), by the browser itself (a new tab) elsewhere.

import { Channel, invoke } from '@tauri-apps/api/core';
import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog';
import { openUrl } from '@tauri-apps/plugin-opener';

import type { Entry } from '../bindings/Entry';
import type { BundleReport } from '../bindings/BundleReport';
import type { BundleSummary } from '../bindings/BundleSummary';
import type { EntrySummary } from '../bindings/EntrySummary';
import type { ExportOptions } from '../bindings/ExportOptions';
import type { ProgressEvent } from '../bindings/ProgressEvent';
import type { ErasureReport } from '../bindings/ErasureReport';
import type { FieldChange } from '../bindings/FieldChange';
import type { FocusArea } from '../bindings/FocusArea';
import type { ImportReport } from '../bindings/ImportReport';
import type { Note } from '../bindings/Note';
import type { RevisionInfo } from '../bindings/RevisionInfo';
import type { Status } from '../bindings/Status';
import type { Transition } from '../bindings/Transition';
import type { TrashedEntry } from '../bindings/TrashedEntry';
import type { EntryList } from '../bindings/EntryList';
import type { Error as ApiError } from '../bindings/Error';
import type { LibraryInfo } from '../bindings/LibraryInfo';
import type { SavedSearch } from '../bindings/SavedSearch';
import type { SearchRequest } from '../bindings/SearchRequest';
import type { SearchResponse } from '../bindings/SearchResponse';
import type { Taxonomy } from '../bindings/Taxonomy';
import { t } from './i18n';
import { externalUrl } from './links';

export type { ApiError };

/** Whether `value` is an error object as the library sends it. */
export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  // The code is not checked against today's list: a newer backend may add codes, and its
  // message must still reach the user.
  return typeof message === 'string' && typeof code === 'string';
}

/** Any failure as an `ApiError`, so callers only ever see one shape. */
export function toApiError(value: unknown, fallback: string = t.errorUnknown): ApiError {
  if (isApiError(value)) return { code: value.code, message: value.message };
  if (typeof value === 'string' && value.trim() !== '') return { code: 'io', message: value };
  return { code: 'io', message: fallback };
}

function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toApiError(err);
  }
}

/**
 * A JSON request to the HTTP API. An answer without a body (`null`, or 204) is an error unless
 * `empty` says the call answers nothing (a deletion).
 */
async function http<T>(path: string, init?: RequestInit, empty = false): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { Accept: 'application/json', ...(init?.headers ?? {}) },
      credentials: 'same-origin',
    });
  } catch {
    throw toApiError(null, t.errorUnreachable);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error =
      typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    throw toApiError(error, t.errorStatus(response.status));
  }
  if (body === null && !empty) throw toApiError(null, t.errorUnknown);
  return body as T;
}

/** A request with a JSON body. */
function withJson(method: string, body: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** A call that answers nothing (null) either way. */
async function nothing(promise: Promise<unknown>): Promise<void> {
  await promise;
}

/** Facts about the open library. */
export function libraryInfo(): Promise<LibraryInfo> {
  return inTauri() ? call('library_info') : http('api/info');
}

/** Focus areas, kinds, stages, counties, municipalities, goals: everything a picker needs. */
export function taxonomy(): Promise<Taxonomy> {
  return inTauri() ? call('taxonomy') : http('api/taxonomy');
}

/** Ranked hits for one page, and facet counts over all matches. */
export function search(request: SearchRequest): Promise<SearchResponse> {
  return inTauri()
    ? call('search', { request })
    : http('api/search', withJson('POST', request));
}

/** One entry, by its id (slug) or its uid. */
export function getEntry(id: string): Promise<Entry> {
  return inTauri() ? call('get_entry', { id }) : http(`api/entries/${encodeURIComponent(id)}`);
}

// The user's own lists and saved searches. Only the desktop app has them: `exempelbank serve` is
// read-only (its `library_info` says `read_only: true`), and callers never ask it for these.

/** Every list ("Mina listor") with the uids of its entries, sorted by name. */
export function lists(): Promise<EntryList[]> {
  return inTauri() ? call('lists') : http('api/lists');
}

/** A new, empty list (a conflict if the name is taken). */
export function createList(name: string): Promise<EntryList> {
  return inTauri() ? call('create_list', { name }) : http('api/lists', withJson('POST', { name }));
}

export function renameList(list: number, name: string): Promise<EntryList> {
  return inTauri()
    ? call('rename_list', { list, name })
    : http(`api/lists/${list}`, withJson('PUT', { name }));
}

/** Deletes a list; its entries stay in the library. */
export function deleteList(list: number): Promise<void> {
  return nothing(
    inTauri() ? call('delete_list', { list }) : http(`api/lists/${list}`, { method: 'DELETE' }, true),
  );
}

/** Adds an entry (by id or uid) to the end of a list; adding it again changes nothing. */
export function addToList(list: number, entry: string): Promise<EntryList> {
  return inTauri()
    ? call('add_to_list', { list, entry })
    : http(`api/lists/${list}/entries`, withJson('POST', { entry }));
}

export function removeFromList(list: number, uid: string): Promise<EntryList> {
  return inTauri()
    ? call('remove_from_list', { list, uid })
    : http(`api/lists/${list}/entries/${encodeURIComponent(uid)}`, { method: 'DELETE' });
}

/** The saved searches, sorted by name. */
export function savedSearches(): Promise<SavedSearch[]> {
  return inTauri() ? call('saved_searches') : http('api/saved-searches');
}

/** Saves a search with its filters under a name; a search of the same name is replaced. */
export function saveSearch(name: string, request: SearchRequest): Promise<SavedSearch> {
  return inTauri()
    ? call('save_search', { name, request })
    : http('api/saved-searches', withJson('POST', { name, request }));
}

export function deleteSavedSearch(id: number): Promise<void> {
  return nothing(
    inTauri()
      ? call('delete_saved_search', { id })
      : http(`api/saved-searches/${id}`, { method: 'DELETE' }, true),
  );
}

// Curation: writing, reviewing and publishing entries, their history, the trash, the taxonomy,
// imports, attachments and erasure. Only the desktop app has these (`serve` is read-only); in a
// browser they go to `api/rpc/<command>` with the same arguments, which the development server
// (`ui/scripts/fake-api.mjs`) answers and `exempelbank serve` refuses.

/** A curation command: Tauri IPC in the app, `POST api/rpc/<command>` elsewhere. */
function curate<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  return inTauri() ? call(command, args) : http(`api/rpc/${command}`, withJson('POST', args));
}

/** Every entry outside the trash, of any status unless one is named, sorted by title. */
export function listEntries(status?: Status): Promise<EntrySummary[]> {
  return curate('list_entries', { status: status ?? null });
}

/** Checks an entry as the form has it: the normalised entry, or an error naming the field. */
export function validateEntry(entry: Entry): Promise<Entry> {
  return curate('validate_entry', { entry });
}

/** Saves a new entry (status `utkast` unless it has one). */
export function createEntry(entry: Entry): Promise<Entry> {
  return curate('create_entry', { entry });
}

/** Saves an edit as a new revision; a conflict if the entry changed since `expectedRevision`. */
export function updateEntry(id: string, entry: Entry, expectedRevision: number): Promise<Entry> {
  return curate('update_entry', { id, entry, expectedRevision });
}

/** The status changes the workflow allows for an entry now. */
export function transitions(id: string): Promise<Transition[]> {
  return curate('transitions', { id });
}

export function setStatus(id: string, status: Status, comment: string): Promise<Entry> {
  return curate('set_status', { id, status, comment });
}

/** The revisions of an entry, oldest first. */
export function history(id: string): Promise<RevisionInfo[]> {
  return curate('history', { id });
}

/** An entry as it was at one revision. */
export function revision(id: string, revision: number): Promise<Entry> {
  return curate('revision', { id, revision });
}

/** What changed from one revision to another, field by field. */
export function diff(id: string, from: number, to: number): Promise<FieldChange[]> {
  return curate('diff', { id, from, to });
}

/** A new revision with the content of an old one. */
export function restore(id: string, revision: number): Promise<Entry> {
  return curate('restore', { id, revision });
}

/** Moves an entry to the trash. */
export function deleteEntry(id: string): Promise<Entry> {
  return curate('delete_entry', { id });
}

export function undeleteEntry(id: string): Promise<Entry> {
  return curate('undelete_entry', { id });
}

export function trash(): Promise<TrashedEntry[]> {
  return curate('trash');
}

/** Deletes the entries in the trash for good (ask the user first). Returns how many. */
export function emptyTrash(): Promise<number> {
  return curate('empty_trash');
}

/** The user's personal note on an entry (never exported). */
export function getNote(id: string): Promise<Note> {
  return curate('get_note', { id });
}

export function setNote(id: string, text: string): Promise<Note> {
  return curate('set_note', { id, text });
}

export function addFocusArea(name: string, description: string): Promise<FocusArea> {
  return curate('add_focus_area', { name, description });
}

/** Renames a focus area; the entries that use it follow, each with a new revision. */
export function renameFocusArea(slug: string, name: string): Promise<FocusArea> {
  return curate('rename_focus_area', { slug, name });
}

/** Merges one focus area into another; the entries follow. */
export function mergeFocusAreas(from: string, into: string): Promise<FocusArea> {
  return curate('merge_focus_areas', { from, into });
}

/** The name recorded in the history. */
export function userName(): Promise<string> {
  return curate('user_name');
}

export function saveUserName(name: string): Promise<string> {
  return curate('save_user_name', { name });
}

/** Imports a file's content (its name only tells the format); a dry run writes nothing. */
export function importFile(
  name: string,
  bytes: Uint8Array,
  mapping: string | null,
  dryRun: boolean,
): Promise<ImportReport> {
  return curate('import_file', { name, bytes: Array.from(bytes), mapping, dryRun });
}

/** Attaches a file's content to an entry (its name is a label only). */
export function attachFile(
  id: string,
  name: string,
  bytes: Uint8Array,
  licence: string,
): Promise<Entry> {
  return curate('attach_file', { id, name, bytes: Array.from(bytes), licence });
}

export function detachFile(id: string, name: string): Promise<Entry> {
  return curate('detach_file', { id, name });
}

/** Erases a person's contact data from every entry, revision and backup (ask first). */
export function erasePerson(name: string): Promise<ErasureReport> {
  return curate('erase_person', { name });
}

// Export and bundles. In the desktop app the user picks where the file goes in the system's
// save dialog and the task reports its progress over a channel; `cancelTask` stops it before it
// writes anything. In a browser an export is downloaded (published entries only, from
// `exempelbank serve`), and bundles are not offered.

/** Whether files can be saved where the user chooses (the desktop app). */
export function canSaveFiles(): boolean {
  return inTauri();
}

/** The uids of every entry a search matches, not only one page. */
export function selectEntries(request: SearchRequest): Promise<string[]> {
  return curate('select_entries', { request });
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
    let response: Response;
    try {
      response = await fetch('api/export', withJson('POST', { ids, options }));
    } catch {
      throw toApiError(null, t.errorUnreachable);
    }
    if (!response.ok) {
      let body: unknown = null;
      try {
        body = await response.json();
      } catch {
        body = null;
      }
      const error =
        typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
      throw toApiError(error, t.errorStatus(response.status));
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return fileName;
  }
  const path = await saveDialog({ defaultPath: fileName, filters: [FILE_FILTERS[options.format]] });
  if (path === null) return null;
  await call<number>('export_file', { ids, options, path, onProgress: progressChannel(onProgress) });
  return path;
}

/** Writes a bundle of what a search selects (an empty request: the whole library). */
export async function createBundle(
  request: SearchRequest,
  suggestedName: string,
  onProgress: (event: ProgressEvent) => void = () => {},
): Promise<{ path: string; summary: BundleSummary } | null> {
  const path = await saveDialog({ defaultPath: `${suggestedName}.zip`, filters: [FILE_FILTERS.zip] });
  if (path === null) return null;
  const summary = await call<BundleSummary>('bundle_create', {
    request,
    path,
    onProgress: progressChannel(onProgress),
  });
  return { path, summary };
}

/** Asks for a bundle file to import; null when the user closed the dialog. */
export async function pickBundle(): Promise<string | null> {
  const picked = await openDialog({ multiple: false, directory: false, filters: [FILE_FILTERS.zip] });
  return typeof picked === 'string' ? picked : null;
}

/** Imports a bundle (a dry run first, to show the report); `trust` accepts a new signer. */
export function importBundle(
  path: string,
  dryRun: boolean,
  trust: boolean,
  onProgress: (event: ProgressEvent) => void = () => {},
): Promise<BundleReport> {
  return call('bundle_import', { path, dryRun, trust, onProgress: progressChannel(onProgress) });
}

/** Stops the running export or bundle task; it writes nothing. */
export function cancelTask(): Promise<void> {
  return inTauri() ? call('cancel_task') : Promise.resolve();
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
