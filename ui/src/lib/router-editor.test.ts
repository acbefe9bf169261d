// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';

import { editHash, historyHash, NEW_HASH, parseHash } from './router.svelte';

describe('the editor and history routes', () => {
  it('are read from the address', () => {
    expect(parseHash(NEW_HASH)).toEqual({ name: 'new' });
    expect(parseHash('#/ny/')).toEqual({ name: 'new' });
    expect(parseHash('#/post/matsvinn/redigera')).toEqual({ name: 'edit', id: 'matsvinn' });
    expect(parseHash('#/post/matsvinn/historik/')).toEqual({ name: 'history', id: 'matsvinn' });
    expect(parseHash('#/post/m%C3%A5l/historik')).toEqual({ name: 'history', id: 'mål' });
    expect(parseHash('#/post/%E0%A4%A/redigera')).toEqual({ name: 'notfound' });
    expect(parseHash('#/post/matsvinn/annat')).toEqual({ name: 'notfound' });
    expect(parseHash('#/post/matsvinn')).toEqual({ name: 'entry', id: 'matsvinn' });
  });

  it('are written with the id escaped', () => {
    expect(editHash('mål')).toBe('#/post/m%C3%A5l/redigera');
    expect(historyHash('a/b')).toBe('#/post/a%2Fb/historik');
    expect(parseHash(editHash('a/b'))).toEqual({ name: 'edit', id: 'a/b' });
  });
});
