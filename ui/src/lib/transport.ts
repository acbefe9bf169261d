// The only place that talks to the backend.
//
// In the desktop app (Tauri 2) it calls the shell's commands over IPC; anywhere else it uses
// the JSON API of `exempelbank serve` on the same origin. Either way a failure is thrown as
// the library's own `Error` object, `{ code, message }`, whose `message` is meant for people.
// It also decides how a link out of the app is opened: by the system browser in the desktop
// app (the opener plugin), by the browser itself (a new tab) elsewhere.

import { invoke } from '@tauri-apps/api/core';
import { openUrl } from '@tauri-apps/plugin-opener';

import type { Entry } from '../bindings/Entry';
import type { Error as ApiError } from '../bindings/Error';
import type { LibraryInfo } from '../bindings/LibraryInfo';
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

async function http<T>(path: string, init?: RequestInit): Promise<T> {
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
  if (body === null) throw toApiError(null, t.errorUnknown);
  return body as T;
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
    : http('api/search', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      });
}

/** One entry, by its id (slug) or its uid. */
export function getEntry(id: string): Promise<Entry> {
  return inTauri() ? call('get_entry', { id }) : http(`api/entries/${encodeURIComponent(id)}`);
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
