import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.hoisted(() => vi.fn());
vi.mock('@tauri-apps/api/core', () => ({
  invoke,
  Channel: class {
    onmessage: (event: unknown) => void = () => {};
  },
}));
vi.mock('@tauri-apps/plugin-opener', () => ({ openUrl: vi.fn() }));

import type { SearchRequest } from '../bindings/SearchRequest';
import {
  acceptIncoming,
  accounts,
  addAccount,
  addToList,
  auditLog,
  bundleSourceName,
  cancelTask,
  changePassword,
  createBundle,
  createList,
  deleteList,
  deleteSavedSearch,
  discardIncoming,
  entryOrigin,
  importBundle,
  incomingVersions,
  lists,
  login,
  logout,
  pickBundle,
  removeFromList,
  renameList,
  resetPassword,
  saveSearch,
  savedSearches,
  session,
  setAccountDisabled,
  setAccountRole,
  subscribe,
  subscriptionPeek,
  subscriptionPull,
  subscriptions,
  unsubscribe,
} from './transport';
import { onRefusal } from './ipc';
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
const feed = {
  format: 1,
  library_id: 'df20b0a7-998b-494f-8950-efc5e977fa12',
  signer: { name: 'Regionens exempelbank', public_key: '27f59da7391826cb896182e0cc9ba75129ddc5e2446b0f7bde9a78d45b2b9af1' },
  cursor: 14,
};
const pulled = {
  name: 'Regionens exempelbank',
  reached: true,
  problem: '',
  new: 14,
  updated: 0,
  withdrawn: 0,
  kept_for_review: 0,
  deltas: 1,
  message: '14 nya exempel från Regionens exempelbank',
};
const anna = { name: 'Anna', role: 'skribent', disabled: false, created_at: '2025-01-01T00:00:00Z' };

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
  { run: () => accounts(), command: 'accounts', args: {}, answer: [anna] },
  {
    run: () => addAccount('Anna', 'skribent', 'ett långt lösenord'),
    command: 'add_account',
    args: { name: 'Anna', role: 'skribent', password: 'ett långt lösenord' },
    answer: anna,
  },
  { run: () => setAccountRole('Anna', 'granskare'), command: 'set_account_role', args: { name: 'Anna', role: 'granskare' }, answer: anna },
  { run: () => setAccountDisabled('Anna', true), command: 'set_account_disabled', args: { name: 'Anna', disabled: true }, answer: anna },
  { run: () => resetPassword('Anna', 'ett nytt lösenord'), command: 'reset_password', args: { name: 'Anna', password: 'ett nytt lösenord' }, answer: null },
  { run: () => auditLog(), command: 'audit_log', args: {}, answer: [] },
  { run: () => auditLog(50), command: 'audit_log', args: { limit: 50 }, answer: [] },
  { run: () => subscriptions(), command: 'subscriptions', args: {}, answer: [] },
  {
    run: () => subscribe('https://exempel.region.example', feed, feed.signer.public_key),
    command: 'subscribe',
    args: { source: 'https://exempel.region.example', info: feed, fingerprint: feed.signer.public_key },
    answer: { name: 'Regionens exempelbank' },
  },
  {
    run: () => subscribe('/media/delat', feed, feed.signer.public_key, 'Regionen'),
    command: 'subscribe',
    args: { source: '/media/delat', name: 'Regionen', info: feed, fingerprint: feed.signer.public_key },
    answer: { name: 'Regionen' },
  },
  {
    run: () => unsubscribe('Regionen', true),
    command: 'unsubscribe',
    args: { name: 'Regionen', removeEntries: true },
    answer: { name: 'Regionen', trashed: 14, kept: 0 },
  },
  {
    run: () => entryOrigin('en-post'),
    command: 'entry_origin',
    args: { id: 'en-post' },
    answer: { source: 'Regionen', origin_revision: 2, received_at: '2026-12-03T09:12:00Z', changed_here: false },
  },
  {
    run: () => incomingVersions(),
    command: 'incoming_versions',
    args: {},
    answer: [{ id: 'en-post', title: 'En post', origin_revision: 3, source: 'Regionen', changes: [] }],
  },
  { run: () => acceptIncoming('en-post'), command: 'accept_incoming', args: { id: 'en-post' }, answer: { id: 'en-post' } },
  { run: () => discardIncoming('en-post'), command: 'discard_incoming', args: { id: 'en-post' }, answer: 1 },
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

describe('logging in to a team library (HTTP only)', () => {
  const fetch = vi.fn();
  const refused = vi.fn();
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
  beforeEach(() => {
    fetch.mockReset();
    refused.mockReset();
    vi.stubGlobal('fetch', fetch);
    onRefusal(refused);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    onRefusal(null);
  });

  it('asks GET api/session, and never in the desktop app', async () => {
    fetch.mockResolvedValueOnce(json({ mode: 'team', public: false, account: anna, access: 'draft' }));
    expect(await session()).toEqual({ mode: 'team', public: false, account: anna, access: 'draft' });
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit | undefined];
    expect(url).toBe('api/session');
    expect(init?.method ?? 'GET').toBe('GET');
    fetch.mockResolvedValueOnce(json({ mode: 'team', public: false, access: 'read' }));
    expect((await session())?.account).toBeNull();
    fetch.mockResolvedValueOnce(json({ something: 'else' }));
    await expect(session()).rejects.toMatchObject({ code: 'io' });

    vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
    fetch.mockReset();
    expect(await session()).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('logs in with POST api/login, and a refusal keeps the server\'s message', async () => {
    fetch.mockResolvedValueOnce(json({ account: anna }));
    expect(await login('Anna', 'hemligt lösenord')).toEqual(anna);
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('api/login');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual({ name: 'Anna', password: 'hemligt lösenord' });

    fetch.mockResolvedValueOnce(json({ error: { code: 'unauthenticated', message: 'fel namn eller lösenord' } }, 401));
    await expect(login('Anna', 'fel')).rejects.toEqual({ code: 'unauthenticated', message: 'fel namn eller lösenord' });
    const wait = 'för många misslyckade inloggningar; försök igen om 30 sekunder';
    fetch.mockResolvedValueOnce(json({ error: { code: 'too_many_requests', message: wait } }, 429));
    await expect(login('Anna', 'fel')).rejects.toEqual({ code: 'too_many_requests', message: wait });
    // A failed login is no session that ended.
    expect(refused).not.toHaveBeenCalled();
  });

  it('logs out with POST api/logout, and changes the password with POST api/password', async () => {
    fetch.mockResolvedValueOnce(json({}));
    await logout();
    expect(fetch.mock.calls[0]?.[0]).toBe('api/logout');
    expect((fetch.mock.calls[0]?.[1] as RequestInit).method).toBe('POST');
    fetch.mockResolvedValueOnce(json({}));
    await changePassword('gammalt lösen', 'ett nytt lösenord');
    const [url, init] = fetch.mock.calls[1] as [string, RequestInit];
    expect(url).toBe('api/password');
    expect(JSON.parse(String(init.body))).toEqual({ old_password: 'gammalt lösen', new_password: 'ett nytt lösenord' });
    const wrong = { code: 'forbidden', message: 'det nuvarande lösenordet stämmer inte', field: 'old_password' };
    fetch.mockResolvedValueOnce(json({ error: wrong }, 403));
    await expect(changePassword('fel', 'ett nytt lösenord')).rejects.toEqual(wrong);
  });

  it('tells the session state of a command refused for want of a session (or as not allowed)', async () => {
    const gone = { code: 'unauthenticated', message: 'logga in för att fortsätta' };
    fetch.mockResolvedValueOnce(json({ error: gone }, 401));
    await expect(lists()).rejects.toEqual(gone);
    expect(refused).toHaveBeenCalledWith(gone);
    const forbidden = { code: 'forbidden', message: 'kommandot lists kräver en roll som ditt konto inte har' };
    fetch.mockResolvedValueOnce(json({ error: forbidden }, 403));
    await expect(lists()).rejects.toEqual(forbidden);
    expect(refused).toHaveBeenLastCalledWith(forbidden);
    fetch.mockResolvedValueOnce(json({ error: { code: 'not_found', message: 'ingen lista' } }, 404));
    await expect(lists()).rejects.toMatchObject({ code: 'not_found' });
    expect(refused).toHaveBeenCalledTimes(2);
  });
});

describe('bundles', () => {
  const summary = {
    entries: 12,
    attachments: 2,
    missing_attachments: 0,
    bytes: 4096,
    signer: 'Exempelbanken',
    public_key: 'ab'.repeat(32),
  };
  const report = {
    source: 'bundle',
    format: '',
    attachments: 0,
    erased_contacts: 0,
    dry_run: true,
    applied: false,
    totals: { create: 0, update: 0, unchanged: 12, reject: 0, keep_for_review: 0 },
    rows: [],
  };

  describe('in the desktop app (the system\'s dialogs, progress over a channel)', () => {
    beforeEach(() => {
      vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
      invoke.mockReset();
    });
    afterEach(() => vi.unstubAllGlobals());

    it('writes a bundle where the save dialog says, or nothing when it is closed', async () => {
      invoke.mockResolvedValueOnce('/hem/paket.zip').mockResolvedValueOnce(summary);
      expect(await createBundle(request, 'exempelbanken-2025-03-12')).toEqual({
        path: '/hem/paket.zip',
        bytes: 4096,
        summary,
      });
      expect(invoke).toHaveBeenNthCalledWith(1, 'choose_save_path', {
        suggestedName: 'exempelbanken-2025-03-12.zip',
        filter: { name: 'Exempelbanken-paket', extensions: ['zip'] },
      });
      expect(invoke.mock.calls[1]?.[0]).toBe('bundle_create');
      expect(invoke.mock.calls[1]?.[1]).toMatchObject({ request, path: '/hem/paket.zip' });
      invoke.mockReset();
      invoke.mockResolvedValueOnce(null);
      expect(await createBundle(request, 'x')).toBeNull();
      expect(invoke).toHaveBeenCalledTimes(1);
    });

    it('imports the file the open dialog picked, by its path', async () => {
      invoke.mockResolvedValueOnce('/hem/Hämtade filer/paket.zip');
      const picked = await pickBundle();
      expect(picked).toEqual({ path: '/hem/Hämtade filer/paket.zip' });
      expect(invoke).toHaveBeenCalledWith('choose_open_path', {
        filter: { name: 'Exempelbanken-paket', extensions: ['zip'] },
      });
      expect(bundleSourceName(picked!)).toBe('paket.zip');
      expect(bundleSourceName({ path: 'C:\\Users\\a\\paket 2.zip' })).toBe('paket 2.zip');
      invoke.mockResolvedValueOnce(report);
      expect(await importBundle(picked!, true, false)).toEqual(report);
      expect(invoke.mock.calls[1]?.[0]).toBe('bundle_import');
      expect(invoke.mock.calls[1]?.[1]).toMatchObject({ path: '/hem/Hämtade filer/paket.zip', dryRun: true, trust: false });
      expect(invoke).not.toHaveBeenCalledWith('call', expect.anything());
      invoke.mockResolvedValueOnce(null);
      expect(await pickBundle()).toBeNull();
      invoke.mockResolvedValueOnce(null);
      await cancelTask();
      expect(invoke).toHaveBeenLastCalledWith('cancel_task', undefined);
    });
  });

  describe('in a browser (a download, an upload)', () => {
    const fetch = vi.fn();
    const refused = vi.fn();
    const clicked: { href: string; download: string }[] = [];
    beforeEach(() => {
      fetch.mockReset();
      refused.mockReset();
      invoke.mockReset();
      clicked.length = 0;
      vi.stubGlobal('fetch', fetch);
      vi.stubGlobal('document', {
        createElement: () => {
          const link = { href: '', download: '', click: () => clicked.push({ href: link.href, download: link.download }) };
          return link;
        },
      });
      vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:paket');
      vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
      onRefusal(refused);
    });
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
      onRefusal(null);
    });

    it('downloads a bundle of what the request selects from POST api/bundle', async () => {
      const zip = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]);
      fetch.mockResolvedValueOnce(new Response(zip, { status: 200, headers: { 'Content-Type': 'application/zip' } }));
      expect(await createBundle(request, 'exempelbanken-2025-03-12')).toEqual({
        path: 'exempelbanken-2025-03-12.zip',
        bytes: 6,
        summary: null,
      });
      const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
      expect(url).toBe('api/bundle');
      expect(init.method).toBe('POST');
      expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
      expect(JSON.parse(String(init.body))).toEqual(request);
      expect(clicked).toEqual([{ href: 'blob:paket', download: 'exempelbanken-2025-03-12.zip' }]);
    });

    it('passes a refusal on (and tells the session state), downloading nothing', async () => {
      const forbidden = { code: 'forbidden', message: 'att skapa ett paket kräver rollen redaktör' };
      fetch.mockResolvedValueOnce(new Response(JSON.stringify({ error: forbidden }), { status: 403 }));
      await expect(createBundle(request, 'x')).rejects.toEqual(forbidden);
      expect(refused).toHaveBeenCalledWith(forbidden);
      fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
      await expect(createBundle(request, 'x')).rejects.toMatchObject({ code: 'io' });
      expect(clicked).toEqual([]);
    });

    it('stops the download when the task is cancelled: nothing is saved', async () => {
      fetch.mockImplementationOnce(
        (_url: string, init: RequestInit) =>
          new Promise((_, reject) => {
            init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }),
      );
      const running = createBundle(request, 'x');
      await cancelTask();
      await expect(running).rejects.toMatchObject({ code: 'cancelled' });
      expect(clicked).toEqual([]);
      // Nothing under way: cancelling again does nothing.
      await cancelTask();
    });

    it('uploads a bundle with import_bundle: its name, its bytes, a dry run and the trust', async () => {
      const source = { name: 'paket.zip', bytes: new Uint8Array([0x50, 0x4b, 255]) };
      expect(bundleSourceName(source)).toBe('paket.zip');
      fetch.mockResolvedValueOnce(new Response(JSON.stringify(report), { status: 200 }));
      expect(await importBundle(source, true, false)).toEqual(report);
      const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
      expect(url).toBe('api/rpc/import_bundle');
      expect(JSON.parse(String(init.body))).toEqual({ name: 'paket.zip', bytes: [0x50, 0x4b, 255], dryRun: true, trust: false });
      // An unknown signer is refused as a conflict, with the library's message.
      const untrusted = {
        code: 'conflict',
        message: 'paket.zip: paketet är signerat av "Region Test" (nyckel 0123456789abcdef…), som biblioteket inte litar på ännu; importera med --trust om du vet att det kommer från dem',
      };
      fetch.mockResolvedValueOnce(new Response(JSON.stringify({ error: untrusted }), { status: 409 }));
      await expect(importBundle(source, true, false)).rejects.toEqual(untrusted);
      fetch.mockResolvedValueOnce(new Response(JSON.stringify({ ...report, dry_run: false, applied: true }), { status: 200 }));
      await importBundle(source, false, true);
      expect(JSON.parse(String((fetch.mock.calls[2] as [string, RequestInit])[1].body))).toMatchObject({ dryRun: false, trust: true });
      expect(refused).not.toHaveBeenCalled();
      expect(invoke).not.toHaveBeenCalled();
    });
  });
});

describe('subscriptions over the network (no command of the table)', () => {
  describe('in the desktop app: its own Tauri commands', () => {
    beforeEach(() => {
      vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
      invoke.mockReset();
    });
    afterEach(() => vi.unstubAllGlobals());

    it('reads a source with subscription_peek', async () => {
      invoke.mockResolvedValueOnce(feed);
      expect(await subscriptionPeek('https://exempel.region.example')).toEqual(feed);
      expect(invoke).toHaveBeenCalledWith('subscription_peek', { source: 'https://exempel.region.example' });
    });

    it('pulls one source or every one with subscription_pull', async () => {
      invoke.mockResolvedValueOnce([pulled]);
      expect(await subscriptionPull('Regionens exempelbank')).toEqual([pulled]);
      expect(invoke).toHaveBeenLastCalledWith('subscription_pull', { name: 'Regionens exempelbank' });
      invoke.mockResolvedValueOnce([]);
      await subscriptionPull();
      expect(invoke).toHaveBeenLastCalledWith('subscription_pull', { name: null });
      expect(invoke).not.toHaveBeenCalledWith('call', expect.anything());
    });

    it('says an entry written here came from nowhere (null)', async () => {
      invoke.mockResolvedValueOnce(null);
      expect(await entryOrigin('egen-post')).toBeNull();
      expect(invoke).toHaveBeenCalledWith('call', { name: 'entry_origin', args: { id: 'egen-post' } });
    });

    it('rejects with the library error and its field', async () => {
      const bad = { code: 'invalid_input', message: 'källan ska vara https://… eller en mapp', field: 'source' };
      invoke.mockRejectedValueOnce(bad);
      await expect(subscriptionPeek('ftp://x')).rejects.toEqual(bad);
    });
  });

  describe('in a browser under serve --write: POST api/subscriptions/…', () => {
    const fetch = vi.fn();
    const refused = vi.fn();
    beforeEach(() => {
      fetch.mockReset();
      refused.mockReset();
      invoke.mockReset();
      vi.stubGlobal('fetch', fetch);
      onRefusal(refused);
    });
    afterEach(() => {
      vi.unstubAllGlobals();
      onRefusal(null);
    });

    it('reads a source with POST api/subscriptions/peek', async () => {
      fetch.mockResolvedValueOnce(new Response(JSON.stringify(feed), { status: 200 }));
      expect(await subscriptionPeek('http://127.0.0.1:8080/')).toEqual(feed);
      const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
      expect(url).toBe('api/subscriptions/peek');
      expect(init.method).toBe('POST');
      expect(init.credentials).toBe('same-origin');
      expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
      expect(new Headers(init.headers).get('Accept')).toBe('application/json');
      expect(JSON.parse(String(init.body))).toEqual({ source: 'http://127.0.0.1:8080/' });
      expect(invoke).not.toHaveBeenCalled();
    });

    it('pulls with POST api/subscriptions/pull: a name, or {} for every one', async () => {
      fetch.mockResolvedValueOnce(new Response(JSON.stringify([pulled]), { status: 200 }));
      expect(await subscriptionPull('Regionens exempelbank')).toEqual([pulled]);
      fetch.mockResolvedValueOnce(new Response(JSON.stringify([]), { status: 200 }));
      expect(await subscriptionPull()).toEqual([]);
      const bodies = fetch.mock.calls.map(([url, init]) => [url, JSON.parse(String((init as RequestInit).body))]);
      expect(bodies).toEqual([
        ['api/subscriptions/pull', { name: 'Regionens exempelbank' }],
        ['api/subscriptions/pull', {}],
      ]);
    });

    it('passes the error on with its field, and a refusal to the session state', async () => {
      const bad = { code: 'io', message: 'https://x.invalid: kunde inte nås', field: 'source' };
      fetch.mockResolvedValueOnce(new Response(JSON.stringify({ error: bad }), { status: 502 }));
      await expect(subscriptionPeek('https://x.invalid')).rejects.toEqual(bad);
      const forbidden = { code: 'forbidden', message: 'prenumerationer hämtas av bibliotekets ägare' };
      fetch.mockResolvedValueOnce(new Response(JSON.stringify({ error: forbidden }), { status: 403 }));
      await expect(subscriptionPull()).rejects.toEqual(forbidden);
      expect(refused).toHaveBeenCalledWith(forbidden);
      fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
      await expect(subscriptionPull()).rejects.toMatchObject({ code: 'io' });
    });
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
