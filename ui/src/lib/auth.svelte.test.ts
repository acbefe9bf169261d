import { beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({ session: vi.fn() }));
vi.mock('./transport', async (original) => ({ ...(await original<typeof import('./transport')>()), ...api }));

import { Auth } from './auth.svelte';

const anna = { name: 'Anna', role: 'skribent', disabled: false, created_at: '2025-01-01T00:00:00Z' } as const;

describe('who is logged in', () => {
  beforeEach(() => api.session.mockReset());

  it('is nobody in the desktop app, which asks no server and has the access library_info gives', async () => {
    api.session.mockResolvedValueOnce(null);
    const auth = new Auth();
    await auth.refresh();
    expect(auth.known).toBe(true);
    expect(auth.mode).toBe('desktop');
    expect(auth.team).toBe(false);
    expect(auth.loginRequired).toBe(false);
    auth.noteAccess('curate');
    expect(auth.access).toBe('curate');
  });

  it('asks for a login in a closed team library, and not after one', () => {
    const auth = new Auth();
    auth.take({ mode: 'team', public: false, account: null, access: 'read' });
    expect(auth.loginRequired).toBe(true);
    auth.take({ mode: 'team', public: false, account: anna, access: 'draft' });
    expect(auth.loginRequired).toBe(false);
    expect(auth.access).toBe('draft');
  });

  it('brings the login back when a session ends under the user, with their name', () => {
    const auth = new Auth();
    auth.take({ mode: 'team', public: false, account: anna, access: 'draft' });
    auth.refused({ code: 'unauthenticated', message: 'sessionen har gått ut; logga in igen för att fortsätta' });
    expect(auth.account).toBeNull();
    expect(auth.access).toBe('read');
    expect(auth.expired).toBe(true);
    expect(auth.lastName).toBe('Anna');
    expect(auth.loginRequired).toBe(true);
    auth.take({ mode: 'team', public: false, account: anna, access: 'draft' });
    expect(auth.expired).toBe(false);
  });

  it('ignores a refusal when nobody was logged in, and a logout is no expiry', () => {
    const auth = new Auth();
    auth.take({ mode: 'team', public: true, account: null, access: 'read' });
    auth.refused({ code: 'unauthenticated', message: 'logga in' });
    expect(auth.expired).toBe(false);
    auth.take({ mode: 'team', public: true, account: anna, access: 'draft' });
    auth.loggedOut();
    expect(auth.account).toBeNull();
    expect(auth.expired).toBe(false);
    expect(auth.loginRequired).toBe(false); // readers are welcome
  });

  it('under --public, asks the server after a refusal whether the session is still there', async () => {
    const auth = new Auth();
    auth.take({ mode: 'team', public: true, account: anna, access: 'draft' });
    api.session.mockResolvedValueOnce({ mode: 'team', public: true, account: anna, access: 'draft' });
    auth.refused({ code: 'forbidden', message: 'kräver en roll som ditt konto inte har' });
    await vi.waitFor(() => expect(api.session).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    expect(auth.account).toEqual(anna);
    // The session ended: the server answered as to a reader.
    api.session.mockResolvedValueOnce({ mode: 'team', public: true, account: null, access: 'read' });
    await new Promise((r) => setTimeout(r, 0));
    auth.refused({ code: 'forbidden', message: 'kommandot är inte tillåtet här' });
    await vi.waitFor(() => expect(auth.expired).toBe(true));
    expect(auth.loginRequired).toBe(true);
    auth.dismissExpiry();
    expect(auth.loginRequired).toBe(false);
  });

  it('does not ask the server of a closed library about a refusal: it answers 401 itself', () => {
    const auth = new Auth();
    auth.take({ mode: 'team', public: false, account: anna, access: 'draft' });
    auth.refused({ code: 'forbidden', message: 'kräver rollen granskare' });
    expect(api.session).not.toHaveBeenCalled();
    expect(auth.account).toEqual(anna);
  });
});
