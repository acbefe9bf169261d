// Who is using the app and what they may do, as reactive state shared by the header and every
// page: how the server is used (`GET api/session`: a reader's `serve`, the owner's `serve
// --write`, or a team library, `serve --team`), the account logged in, and the access the pages
// are gated by (access.ts). The desktop app has no accounts and never asks: its user owns the
// library, and its access comes from library_info.
//
// A session can end under the user (it was idle too long, the account was disabled, its
// password reset). A request refused then (401 `unauthenticated`) brings the login page back
// with a message. Under `--public` the server answers such a request as a reader's instead, so
// a refusal there (403 `forbidden`) makes this ask the server whether anyone is still logged in.

import type { Access } from '../bindings/Access';
import type { AccountInfo } from '../bindings/AccountInfo';
import { needsLogin, type SessionInfo } from './access';
import { type ApiError, onRefusal } from './ipc';
import { session } from './transport';

export type SessionMode = 'desktop' | SessionInfo['mode'];

export class Auth {
  /** Whether the backend has said how it is used. */
  known = $state(false);
  mode: SessionMode = $state('desktop');
  /** Whether published entries can be read without logging in (`--public`, or a reader's serve). */
  open = $state(false);
  account: AccountInfo | null = $state(null);
  access: Access = $state('read');
  /** Set when the session ended under the user; cleared by a login (or by going on as a reader). */
  expired = $state(false);
  /** The name of the account whose session ended, to offer on the login page. */
  lastName = $state('');

  private checking = false;

  /** Whether the login page stands in for the app. */
  get loginRequired(): boolean {
    return needsLogin(this.mode, this.open, this.account, this.expired);
  }

  /** Whether this is a team library (`serve --team`), where people log in. */
  get team(): boolean {
    return this.mode === 'team';
  }

  /** Asks the server how it is used and who is logged in (the desktop app: nothing to ask). */
  async refresh(): Promise<void> {
    const info = await session();
    this.take(info);
  }

  /** Takes an answer of `GET api/session` (null: the desktop app). */
  take(info: SessionInfo | null) {
    if (info === null) {
      this.mode = 'desktop';
      this.open = false;
      this.account = null;
    } else {
      this.mode = info.mode;
      this.open = info.public;
      this.account = info.account;
      this.access = info.access;
      if (info.account !== null) this.expired = false;
    }
    this.known = true;
  }

  /** library_info's word on the access: the one that counts for the pages. */
  noteAccess(access: Access) {
    this.access = access;
  }

  /** A request was refused: if the user is logged in, has their session ended? */
  refused(error: ApiError) {
    if (this.account === null) return;
    if (error.code === 'unauthenticated') {
      this.end();
    } else if (error.code === 'forbidden' && this.open && !this.checking) {
      this.checking = true;
      session()
        .then((info) => {
          if (info !== null && info.account === null && this.account !== null) this.end();
        })
        .catch(() => {
          // The server does not answer: the refusal itself is shown where it happened.
        })
        .finally(() => {
          this.checking = false;
        });
    }
  }

  /** The user logged out. */
  loggedOut() {
    this.account = null;
    this.access = 'read';
    this.expired = false;
    this.lastName = '';
  }

  /** The user goes on reading without logging in again (where readers are welcome). */
  dismissExpiry() {
    this.expired = false;
  }

  private end() {
    this.lastName = this.account?.name ?? '';
    this.account = null;
    this.access = 'read';
    this.expired = true;
  }
}

export const auth = new Auth();

onRefusal((error) => auth.refused(error));
