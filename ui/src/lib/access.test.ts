import { describe, expect, it } from 'vitest';

import type { LibraryInfo } from '../bindings/LibraryInfo';
import type { Status } from '../bindings/Status';
import { ACCESS_LEVELS, atLeast, infoAccess, isSessionInfo, mayEdit, needsLogin, roleAccess, ROLES } from './access';

const STATUSES: Status[] = ['utkast', 'granskning', 'publicerad', 'arkiverad'];

describe('access', () => {
  it('is ordered read < write < draft < review < curate', () => {
    expect(ACCESS_LEVELS).toEqual(['read', 'write', 'draft', 'review', 'curate']);
    for (const [i, access] of ACCESS_LEVELS.entries()) {
      for (const [j, needed] of ACCESS_LEVELS.entries()) {
        expect(atLeast(access, needed), `${access} ≥ ${needed}`).toBe(i >= j);
      }
    }
  });

  it('follows the roles of a team library', () => {
    expect(ROLES.map(roleAccess)).toEqual(['read', 'draft', 'review', 'curate']);
  });

  it('lets a skribent change drafts and entries in review only, a granskare every entry', () => {
    const editable = (access: Parameters<typeof mayEdit>[0]) => STATUSES.filter((s) => mayEdit(access, s));
    expect(editable('read')).toEqual([]);
    expect(editable('write')).toEqual([]);
    expect(editable('draft')).toEqual(['utkast', 'granskning']);
    expect(editable('review')).toEqual(STATUSES);
    expect(editable('curate')).toEqual(STATUSES);
  });

  it('is read from library_info, by read_only where an older backend gives no access', () => {
    const info = (read_only: boolean, access?: string) =>
      ({ dir: '', id: 'b', entries: 1, published: 1, indexed: 1, read_only, warnings: [], access }) as LibraryInfo;
    expect(infoAccess(info(false, 'curate'))).toBe('curate');
    expect(infoAccess(info(false, 'draft'))).toBe('draft');
    expect(infoAccess(info(true, 'read'))).toBe('read');
    expect(infoAccess(info(false))).toBe('curate');
    expect(infoAccess(info(true))).toBe('read');
    expect(infoAccess(info(true, 'everything'))).toBe('read');
    expect(infoAccess(null)).toBe('read');
  });
});

describe('the session', () => {
  const account = { name: 'Anna', role: 'skribent', disabled: false, created_at: '2025-01-01T00:00:00Z' } as const;

  it('is read from api/session, and nothing else is', () => {
    expect(isSessionInfo({ mode: 'team', public: false, account: null, access: 'read' })).toBe(true);
    expect(isSessionInfo({ mode: 'team', public: true, account, access: 'draft' })).toBe(true);
    expect(isSessionInfo({ mode: 'owner', public: false, account: null, access: 'curate' })).toBe(true);
    expect(isSessionInfo({ mode: 'desktop', public: false, account: null, access: 'curate' })).toBe(false);
    expect(isSessionInfo({ mode: 'team', public: 'no', account: null, access: 'read' })).toBe(false);
    expect(isSessionInfo({ mode: 'team', public: false, account: null, access: 'all' })).toBe(false);
    expect(isSessionInfo({ mode: 'team', public: false, account: { role: 'x' }, access: 'read' })).toBe(false);
    expect(isSessionInfo(null)).toBe(false);
    expect(isSessionInfo('team')).toBe(false);
  });

  it('asks for a login in a team library nobody is logged in to, unless readers are welcome', () => {
    expect(needsLogin('team', false, null, false)).toBe(true);
    expect(needsLogin('team', true, null, false)).toBe(false);
    // A session that ended under the user: asked again, even where readers are welcome.
    expect(needsLogin('team', true, null, true)).toBe(true);
    expect(needsLogin('team', false, account, false)).toBe(false);
    for (const mode of ['desktop', 'reader', 'owner'] as const) {
      expect(needsLogin(mode, false, null, true), mode).toBe(false);
    }
  });
});
