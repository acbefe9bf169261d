// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';

import {
  ACCOUNTS_HASH,
  editHash,
  historyHash,
  LOGIN_HASH,
  MY_ACCOUNT_HASH,
  NEW_HASH,
  parseHash,
} from './router.svelte';

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

describe('the routes of a team library', () => {
  it('are read from the address', () => {
    expect(LOGIN_HASH).toBe('#/logga-in');
    expect(parseHash(LOGIN_HASH)).toEqual({ name: 'login' });
    expect(parseHash('#/logga-in/')).toEqual({ name: 'login' });
    expect(parseHash(ACCOUNTS_HASH)).toEqual({ name: 'accounts' });
    expect(parseHash(MY_ACCOUNT_HASH)).toEqual({ name: 'account' });
    expect(parseHash('#/konton/x')).toEqual({ name: 'notfound' });
  });
});
