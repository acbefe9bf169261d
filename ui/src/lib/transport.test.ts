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
import { COMMANDS } from '../bindings/commands';
import transportSource from './transport.ts?raw';

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

/** Every collection call, with the command and arguments it sends. */
const calls = [
  { run: () => lists(), command: 'lists', args: {}, answer: [list] },
  { run: () => createList('Att läsa'), command: 'create_list', args: { name: 'Att läsa' }, answer: list },
  { run: () => renameList(3, 'Nytt'), command: 'rename_list', args: { list: 3, name: 'Nytt' }, answer: list },
  { run: () => deleteList(3), command: 'delete_list', args: { list: 3 }, answer: null },
  { run: () => addToList(3, 'en-post'), command: 'add_to_list', args: { list: 3, entry: 'en-post' }, answer: list },
  { run: () => removeFromList(3, 'u/1'), command: 'remove_from_list', args: { list: 3, entry: 'u/1' }, answer: list },
  { run: () => savedSearches(), command: 'saved_searches', args: {}, answer: [] },
  { run: () => saveSearch('Skola', request), command: 'save_search', args: { name: 'Skola', request }, answer: { id: 1, name: 'Skola', request } },
  { run: () => deleteSavedSearch(1), command: 'delete_saved_search', args: { id: 1 }, answer: null },
];

describe('commands in the desktop app', () => {
  beforeEach(() => {
    vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
    invoke.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it.each(calls)('$command goes through `call` with its arguments', async ({ run, command, args, answer }) => {
    invoke.mockResolvedValueOnce(answer);
    const result = await run();
    expect(invoke).toHaveBeenCalledWith('call', { name: command, args });
    expect(result).toEqual(answer ?? undefined);
  });

  it('rejects with the library error, keeping the field it names', async () => {
    invoke.mockRejectedValueOnce({ code: 'conflict', message: 'det finns redan en lista som heter "A"' });
    await expect(createList('A')).rejects.toEqual({
      code: 'conflict',
      message: 'det finns redan en lista som heter "A"',
    });
    invoke.mockRejectedValueOnce({ code: 'invalid_input', message: 'fältet title: saknas', field: 'title' });
    await expect(createList('')).rejects.toEqual({
      code: 'invalid_input',
      message: 'fältet title: saknas',
      field: 'title',
    });
  });
});

describe('commands over HTTP', () => {
  const fetch = vi.fn();
  beforeEach(() => {
    fetch.mockReset();
    vi.stubGlobal('fetch', fetch);
  });
  afterEach(() => vi.unstubAllGlobals());

  it.each(calls)('POST api/rpc/$command', async ({ run, command, args, answer }) => {
    fetch.mockResolvedValueOnce(new Response(JSON.stringify(answer), { status: 200 }));
    const result = await run();
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(`api/rpc/${command}`);
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual(args);
    expect(result).toEqual(answer ?? undefined);
  });

  it('wants a JSON body in every answer', async () => {
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

describe('the command table', () => {
  /** A command the library has but the UI cannot call is a gap; this finds it. */
  it('has every command used by the transport', () => {
    const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const missing = Object.keys(COMMANDS).filter(
      (name) => !transportSource.includes(`commands.${camel(name)}(`),
    );
    expect(missing).toEqual([]);
  });
});
