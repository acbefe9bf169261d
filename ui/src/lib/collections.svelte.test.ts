import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { Access } from '../bindings/Access';
import type { LibraryInfo } from '../bindings/LibraryInfo';

const api = vi.hoisted(() => ({
  lists: vi.fn(),
  savedSearches: vi.fn(),
  createList: vi.fn(),
  addToList: vi.fn(),
  getEntry: vi.fn(),
}));
vi.mock('./transport', async (original) => ({ ...(await original<typeof import('./transport')>()), ...api }));

import { Collections } from './collections.svelte';

const info = (read_only: boolean, access: Access = read_only ? 'read' : 'curate'): LibraryInfo => ({
  dir: '/tmp/b',
  id: 'b',
  entries: 2,
  published: 2,
  indexed: 2,
  read_only,
  access,
  warnings: [],
});

describe('the collections state', () => {
  beforeEach(() => {
    for (const fn of Object.values(api)) fn.mockReset();
    api.lists.mockResolvedValue([{ id: 1, name: 'Zon', entries: ['u1'] }]);
    api.savedSearches.mockResolvedValue([]);
  });

  it('never calls the backend of a read-only library, nor when library_info failed', async () => {
    for (const given of [info(true), info(true, 'read'), null]) {
      const c = new Collections();
      c.setInfo(given);
      expect(c.known).toBe(true);
      expect(c.available).toBe(false);
      await expect(c.createList('A')).rejects.toMatchObject({ code: 'library' });
      await c.load();
      await c.loadTitles(['u1']);
    }
    for (const fn of Object.values(api)) expect(fn).not.toHaveBeenCalled();
  });

  it('loads the lists of a library that keeps them, and keeps them in name order', async () => {
    const c = new Collections();
    c.setInfo(info(false));
    await vi.waitFor(() => expect(c.loaded).toBe(true));
    expect(c.lists.map((l) => l.name)).toEqual(['Zon']);
    api.createList.mockResolvedValueOnce({ id: 2, name: 'Ängar', entries: [] });
    api.addToList.mockResolvedValueOnce({ id: 2, name: 'Ängar', entries: ['u2'] });
    const made = await c.createList('Ängar');
    await c.add(made.id, 'en-post');
    expect(api.addToList).toHaveBeenCalledWith(2, 'en-post');
    expect(c.lists.map((l) => [l.name, l.entries])).toEqual([
      ['Zon', ['u1']],
      ['Ängar', ['u2']],
    ]);
  });

  it('goes by the access library_info gives: from write up (a team\'s skribent), not a läsare', async () => {
    for (const [access, available] of [
      ['read', false],
      ['write', true],
      ['draft', true],
      ['review', true],
      ['curate', true],
    ] as const) {
      const c = new Collections();
      c.setInfo(info(access === 'read', access));
      expect(c.available, access).toBe(available);
    }
    // An older backend without `access`: read_only decides, as before.
    const { access: _, ...old } = info(false);
    const c = new Collections();
    c.setInfo(old as LibraryInfo);
    expect(c.available).toBe(true);
  });

  it('says an entry is gone when the library no longer has it, without failing', async () => {
    const c = new Collections();
    c.setInfo(info(false));
    api.getEntry.mockImplementation(async (uid: string) => {
      if (uid === 'u1') return { id: 'en-post', uid: 'u1', title: 'En post' };
      if (uid === 'u2') throw { code: 'not_found', message: 'det finns ingen post u2' };
      throw { code: 'io', message: 'nätverket' };
    });
    await c.loadTitles(['u1', 'u2', 'u3']);
    expect(c.titles).toEqual({
      u1: { state: 'found', id: 'en-post', title: 'En post' },
      u2: { state: 'missing' },
      u3: { state: 'error', message: 'nätverket' },
    });
    await c.loadTitles(['u1', 'u2']); // known: not asked again
    expect(api.getEntry).toHaveBeenCalledTimes(3);
    await c.loadTitles(['u1'], true); // afresh
    expect(api.getEntry).toHaveBeenCalledTimes(4);
  });
});
