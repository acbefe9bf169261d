// How a call reaches the backend: Tauri IPC in the desktop app, HTTP JSON under
// `exempelbank serve`. The generated `bindings/commands.ts` calls `call` for every command of
// the table in crates/library/src/commands.rs; transport.ts adds what only one side has.
// Either way a failure is thrown as the library's own `Error` object, `{ code, message,
// field? }`, whose `message` is meant for people.

import { invoke } from '@tauri-apps/api/core';

import type { Error as ApiError } from '../bindings/Error';
import { t } from './i18n';

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
  if (isApiError(value)) {
    const field = (value as { field?: unknown }).field;
    return typeof field === 'string'
      ? { code: value.code, message: value.message, field }
      : { code: value.code, message: value.message };
  }
  if (typeof value === 'string' && value.trim() !== '') return { code: 'io', message: value };
  return { code: 'io', message: fallback };
}

/** Whether the UI runs in the desktop app. */
export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

/** A Tauri command of the desktop shell, with failures as `ApiError`. */
export async function invokeDesktop<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toApiError(err);
  }
}

/** A request with a JSON body. */
export function withJson(method: string, body: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** The error a failed HTTP response carries, or one that names its status. */
export async function responseError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error =
    typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  return toApiError(error, t.errorStatus(response.status));
}

/**
 * Who hears of a request the server refused for want of a valid session (401
 * `unauthenticated`) or as not allowed (403 `forbidden`): the session state, which finds out
 * whether the user's session has ended under them (session.svelte.ts).
 */
type RefusalListener = (error: ApiError) => void;
let refusalListener: RefusalListener | null = null;

export function onRefusal(listener: RefusalListener | null) {
  refusalListener = listener;
}

/** Tells the listener of a refusal (any other error passes unheard); returns the error. */
export function heard(error: ApiError): ApiError {
  if (error.code === 'unauthenticated' || error.code === 'forbidden') refusalListener?.(error);
  return error;
}

/**
 * A JSON request to the HTTP API of `exempelbank serve`. A refusal is told to the session
 * state unless `quiet` (the login itself, and the session state's own questions).
 */
export async function http<T>(path: string, init?: RequestInit, quiet = false): Promise<T> {
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
  if (!response.ok) {
    const error = await responseError(response);
    throw quiet ? error : heard(error);
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw toApiError(null, t.errorUnknown);
  }
}

/** Runs a command of the table by name with its arguments. */
export function call<T>(name: string, args: unknown): Promise<T> {
  return inTauri()
    ? invokeDesktop<T>('call', { name, args })
    : http<T>(`api/rpc/${name}`, withJson('POST', args));
}
