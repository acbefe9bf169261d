import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.hoisted(() => vi.fn());
vi.mock('@tauri-apps/api/core', () => ({ invoke }));
vi.mock('@tauri-apps/plugin-opener', () => ({ openUrl: vi.fn() }));

import type { SearchRequest } from '../bindings/SearchRequest';
import {
  addToList,
  createList,
  deleteList,
  deleteSavedSearch,
  lists,
  removeFromList,
  renameList,
  saveSearch,
  savedSearches,
} from './transport';

const request: SearchRequest = {
  query: 'skola',
  focus: ['digitalisering'],
  lan: [],
  municipality: [],
  kind: [],
  stage: [],
  limit: 20,
  offset: 0,
  all: false,
  prefix: true,
  sort: 'relevance',
};
const list = { id: 3, name: 'Att läsa', entries: ['u1'] };

/** Every collection call, with what it should send over IPC and over HTTP. */
const calls = [
  { run: () => lists(), command: 'lists', args: undefined, method: 'GET', path: 'api/lists', body: undefined, answer: [list] },
  { run: () => createList('Att läsa'), command: 'create_list', args: { name: 'Att läsa' }, method: 'POST', path: 'api/lists', body: { name: 'Att läsa' }, answer: list },
  { run: () => renameList(3, 'Nytt'), command: 'rename_list', args: { list: 3, name: 'Nytt' }, method: 'PUT', path: 'api/lists/3', body: { name: 'Nytt' }, answer: list },
  { run: () => deleteList(3), command: 'delete_list', args: { list: 3 }, method: 'DELETE', path: 'api/lists/3', body: undefined, answer: null },
  { run: () => addToList(3, 'en-post'), command: 'add_to_list', args: { list: 3, entry: 'en-post' }, method: 'POST', path: 'api/lists/3/entries', body: { entry: 'en-post' }, answer: list },
  { run: () => removeFromList(3, 'u/1'), command: 'remove_from_list', args: { list: 3, uid: 'u/1' }, method: 'DELETE', path: 'api/lists/3/entries/u%2F1', body: undefined, answer: list },
  { run: () => savedSearches(), command: 'saved_searches', args: undefined, method: 'GET', path: 'api/saved-searches', body: undefined, answer: [] },
  { run: () => saveSearch('Skola', request), command: 'save_search', args: { name: 'Skola', request }, method: 'POST', path: 'api/saved-searches', body: { name: 'Skola', request }, answer: { id: 1, name: 'Skola', request } },
  { run: () => deleteSavedSearch(1), command: 'delete_saved_search', args: { id: 1 }, method: 'DELETE', path: 'api/saved-searches/1', body: undefined, answer: null },
];

describe('lists and saved searches in the desktop app', () => {
  beforeEach(() => {
    vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
    invoke.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it.each(calls)('$command is invoked with its arguments', async ({ run, command, args, answer }) => {
    invoke.mockResolvedValueOnce(answer);
    const result = await run();
    expect(invoke).toHaveBeenCalledWith(command, args);
    expect(result).toEqual(answer ?? undefined);
  });

  it('rejects with the library error', async () => {
    invoke.mockRejectedValueOnce({ code: 'conflict', message: 'det finns redan en lista som heter "A"' });
    await expect(createList('A')).rejects.toEqual({
      code: 'conflict',
      message: 'det finns redan en lista som heter "A"',
    });
  });
});

describe('lists and saved searches over HTTP', () => {
  const fetch = vi.fn();
  beforeEach(() => {
    fetch.mockReset();
    vi.stubGlobal('fetch', fetch);
  });
  afterEach(() => vi.unstubAllGlobals());

  it.each(calls)('$method $path', async ({ run, method, path, body, answer }) => {
    fetch.mockResolvedValueOnce(new Response(JSON.stringify(answer), { status: 200 }));
    const result = await run();
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(path);
    expect(init.method ?? 'GET').toBe(method);
    expect(init.body === undefined ? undefined : JSON.parse(String(init.body))).toEqual(body);
    expect(result).toEqual(answer ?? undefined);
  });

  it('takes a deletion answered with no body at all', async () => {
    fetch.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(deleteList(3)).resolves.toBeUndefined();
  });

  it('still wants a body from calls that answer something', async () => {
    fetch.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(lists()).rejects.toMatchObject({ code: 'io' });
  });

  it('passes the library error on', async () => {
    fetch.mockResolvedValueOnce(
      new Response(JSON.stringify({ error: { code: 'not_found', message: 'ingen lista med nummer 9' } }), {
        status: 404,
      }),
    );
    await expect(renameList(9, 'X')).rejects.toEqual({ code: 'not_found', message: 'ingen lista med nummer 9' });
  });
});
