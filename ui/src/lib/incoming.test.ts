// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';

import type { IncomingVersion } from '../bindings/IncomingVersion';
import { INCOMING_HASH, incomingFor, incomingList, incomingSource, showsIncoming } from './incoming';
import { parseHash } from './router.svelte';

const version = (over: Partial<IncomingVersion> = {}): IncomingVersion => ({
  id: 'matkassar',
  title: 'Matkassar till äldre',
  origin_revision: 3,
  source: 'Regionens exempelbank',
  changes: [],
  ...over,
});

describe('the address of the incoming versions', () => {
  it('is the Redaktion page, asking for them', () => {
    const route = parseHash(INCOMING_HASH);
    expect(route.name).toBe('curation');
    expect(route.name === 'curation' && showsIncoming(route.params)).toBe(true);
  });

  it('is not asked for by the plain page or a status filter', () => {
    expect(showsIncoming(new URLSearchParams(''))).toBe(false);
    expect(showsIncoming(new URLSearchParams('status=utkast'))).toBe(false);
    expect(showsIncoming(new URLSearchParams('visa=annat'))).toBe(false);
  });
});

describe('incomingSource', () => {
  it('names the subscription or the signer', () => {
    expect(incomingSource(version(), 'ett paket')).toBe('Regionens exempelbank');
  });

  it('says "ett paket" when nobody is known', () => {
    expect(incomingSource(version({ source: '' }), 'ett paket')).toBe('ett paket');
    expect(incomingSource(version({ source: '   ' }), 'ett paket')).toBe('ett paket');
  });
});

describe('incomingFor', () => {
  it('finds the version waiting for an entry', () => {
    const other = version({ id: 'cykel', title: 'Cykelbibliotek' });
    expect(incomingFor([other, version()], 'matkassar')?.title).toBe('Matkassar till äldre');
  });

  it('is null when none waits', () => {
    expect(incomingFor([version()], 'cykel')).toBeNull();
    expect(incomingFor([], 'matkassar')).toBeNull();
  });

  it('takes the newest when several wait', () => {
    const found = incomingFor([version({ origin_revision: 5 }), version({ origin_revision: 2 })], 'matkassar');
    expect(found?.origin_revision).toBe(5);
  });
});

describe('incomingList', () => {
  it('keeps the newest version of each entry, sorted by title in Swedish', () => {
    const list = incomingList([
      version({ id: 'a', title: 'Äldreomsorg', origin_revision: 1 }),
      version({ id: 'b', title: 'Arbetsmarknad' }),
      version({ id: 'a', title: 'Äldreomsorg', origin_revision: 4 }),
      version({ id: 'c', title: 'Zon' }),
    ]);
    expect(list.map((v) => [v.id, v.origin_revision])).toEqual([
      ['b', 3],
      ['c', 3],
      ['a', 4],
    ]);
  });

  it('is empty with nothing waiting', () => {
    expect(incomingList([])).toEqual([]);
  });
});
