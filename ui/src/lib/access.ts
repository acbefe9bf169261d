// What the caller may do, and so what the UI offers. The backend says it: `library_info`'s
// `access` (every front end) and `GET api/session` (a browser, with the mode of the server and
// the account logged in). The desktop app and `serve --write` have `curate`, a plain `serve`
// has `read`, and an account of a team library (`serve --team`) the access of its role. The
// server refuses whatever the access does not allow; hiding it here only spares the user a
// refusal.

import type { Access } from '../bindings/Access';
import type { AccountInfo } from '../bindings/AccountInfo';
import type { LibraryInfo } from '../bindings/LibraryInfo';
import type { Role } from '../bindings/Role';
import type { Status } from '../bindings/Status';

export type { Access };

/** The levels from least to most (crates/library/src/commands.rs, `Access`). */
export const ACCESS_LEVELS: readonly Access[] = ['read', 'write', 'draft', 'review', 'curate'];

/** The roles of a team library, from least to most. */
export const ROLES: readonly Role[] = ['läsare', 'skribent', 'granskare', 'redaktör'];

/** Whether `access` allows what needs `needed`. */
export function atLeast(access: Access, needed: Access): boolean {
  return ACCESS_LEVELS.indexOf(access) >= ACCESS_LEVELS.indexOf(needed);
}

/** The access of a role (commands::Scope::for_role). */
export function roleAccess(role: Role): Access {
  switch (role) {
    case 'läsare':
      return 'read';
    case 'skribent':
      return 'draft';
    case 'granskare':
      return 'review';
    case 'redaktör':
      return 'curate';
  }
}

/**
 * What library_info says the caller may do. An answer without `access` (an older backend)
 * is read by `read_only`; no answer at all allows reading only.
 */
export function infoAccess(info: LibraryInfo | null): Access {
  if (info === null) return 'read';
  const given = (info as { access?: unknown }).access;
  if (typeof given === 'string' && (ACCESS_LEVELS as readonly string[]).includes(given)) {
    return given as Access;
  }
  return info.read_only ? 'read' : 'curate';
}

/**
 * Whether the caller may change an entry's content (edit it, attach and detach files): a
 * writer changes drafts and entries in review; a published or archived entry is a reviewer's
 * (commands::Scope::may_edit).
 */
export function mayEdit(access: Access, status: Status): boolean {
  if (!atLeast(access, 'draft')) return false;
  return atLeast(access, 'review') || status === 'utkast' || status === 'granskning';
}

/** How the server is used, as `GET api/session` says (crates/serve/src/auth.rs). */
export type SessionInfo = {
  /** `reader` (plain serve), `owner` (serve --write) or `team` (serve --team). */
  mode: 'reader' | 'owner' | 'team';
  /** Whether published entries can be read without logging in. */
  public: boolean;
  account: AccountInfo | null;
  access: Access;
};

/** Whether `value` is an answer of `GET api/session`. */
export function isSessionInfo(value: unknown): value is SessionInfo {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const account = v['account'];
  return (
    (v['mode'] === 'reader' || v['mode'] === 'owner' || v['mode'] === 'team') &&
    typeof v['public'] === 'boolean' &&
    typeof v['access'] === 'string' &&
    (ACCESS_LEVELS as readonly string[]).includes(v['access']) &&
    (account === null ||
      account === undefined ||
      (typeof account === 'object' && typeof (account as Record<string, unknown>)['name'] === 'string'))
  );
}

/**
 * Whether the login page stands in for the app: a team library nobody is logged in to, which
 * is not open to readers, or whose session just ended under the user (then they are asked to
 * log in again even where readers are welcome).
 */
export function needsLogin(
  mode: 'desktop' | SessionInfo['mode'],
  open: boolean,
  account: AccountInfo | null,
  expired: boolean,
): boolean {
  return mode === 'team' && account === null && (!open || expired);
}
