// Hash routes on the History API, so back and forward work in the desktop app and the browser:
//   #/                the start page
//   #/sok?q=...       a search (see query.ts for its parameters)
//   #/post/<id>       one entry
//   #/oversikt        the overview: the library in charts
//   #/listor          the user's lists and saved searches ("Mina listor"; access `write` up)
//   #/tillganglighet  the accessibility statement (Tillgänglighetsredogörelse)
//   #/ny                      a new entry (editor; access `draft` up: a skribent, the desktop app)
//   #/post/<id>/redigera      the editor for an entry (likewise)
//   #/post/<id>/historik      an entry's revisions and what changed (likewise)
//   #/redaktion?status=…      the curator's page: every entry, focus areas, import, settings
//   #/redaktion?visa=inkommande  the same, at its incoming versions (incoming.ts)
//   #/papperskorg             the trash
//   #/logga-in                the login page (a team library open to readers; one that is not
//                             shows it in place of any page until someone logs in)
//   #/konton                  the accounts of a team library and their log (a redaktör's)
//   #/mitt-konto              the account logged in: its role, a new password
//   #/prenumerationer         the libraries this one follows (the owner's: the desktop app,
//                             `serve --write`)
// Each history entry remembers its scroll position; an entry page also remembers how many entry
// pages deep it is since the last list, so "Tillbaka till sökresultaten" can go back that far.

export type Route =
  | { name: 'search'; params: URLSearchParams }
  | { name: 'entry'; id: string }
  | { name: 'overview' }
  | { name: 'lists' }
  | { name: 'accessibility' }
  | { name: 'new' }
  | { name: 'edit'; id: string }
  | { name: 'history'; id: string }
  | { name: 'curation'; params: URLSearchParams }
  | { name: 'trash' }
  | { name: 'login' }
  | { name: 'accounts' }
  | { name: 'account' }
  | { name: 'subscriptions' }
  | { name: 'notfound' };

export const OVERVIEW_HASH = '#/oversikt';
export const LISTS_HASH = '#/listor';
export const ACCESSIBILITY_HASH = '#/tillganglighet';
export const CURATION_HASH = '#/redaktion';
export const TRASH_HASH = '#/papperskorg';
export const NEW_HASH = '#/ny';
export const LOGIN_HASH = '#/logga-in';
export const ACCOUNTS_HASH = '#/konton';
export const MY_ACCOUNT_HASH = '#/mitt-konto';
export const SUBSCRIPTIONS_HASH = '#/prenumerationer';

type PageState = {
  scrollY?: number;
  /** On an entry page: how many entry pages since the list, and that list's address. */
  depth?: number;
  list?: string;
};

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#/, '');
  if (h === '' || h === '/') return { name: 'search', params: new URLSearchParams() };
  const q = h.indexOf('?');
  const path = q === -1 ? h : h.slice(0, q);
  const query = q === -1 ? '' : h.slice(q + 1);
  if (path === '/sok' || path === '/sok/') {
    return { name: 'search', params: new URLSearchParams(query) };
  }
  if (path === '/oversikt' || path === '/oversikt/') return { name: 'overview' };
  if (path === '/listor' || path === '/listor/') return { name: 'lists' };
  if (path === '/tillganglighet' || path === '/tillganglighet/') return { name: 'accessibility' };
  if (path === '/redaktion' || path === '/redaktion/') {
    return { name: 'curation', params: new URLSearchParams(query) };
  }
  if (path === '/papperskorg' || path === '/papperskorg/') return { name: 'trash' };
  if (path === '/ny' || path === '/ny/') return { name: 'new' };
  if (path === '/logga-in' || path === '/logga-in/') return { name: 'login' };
  if (path === '/konton' || path === '/konton/') return { name: 'accounts' };
  if (path === '/mitt-konto' || path === '/mitt-konto/') return { name: 'account' };
  if (path === '/prenumerationer' || path === '/prenumerationer/') return { name: 'subscriptions' };
  const sub = /^\/post\/([^/]+)\/(redigera|historik)\/?$/.exec(path);
  if (sub?.[1]) {
    try {
      const id = decodeURIComponent(sub[1]);
      return sub[2] === 'redigera' ? { name: 'edit', id } : { name: 'history', id };
    } catch {
      return { name: 'notfound' };
    }
  }
  const m = /^\/post\/([^/]+)\/?$/.exec(path);
  if (m?.[1]) {
    try {
      return { name: 'entry', id: decodeURIComponent(m[1]) };
    } catch {
      return { name: 'notfound' };
    }
  }
  return { name: 'notfound' };
}

export function entryHash(id: string): string {
  return `#/post/${encodeURIComponent(id)}`;
}

export function editHash(id: string): string {
  return `${entryHash(id)}/redigera`;
}

export function historyHash(id: string): string {
  return `${entryHash(id)}/historik`;
}

function pageState(): PageState {
  const s: unknown = history.state;
  return typeof s === 'object' && s !== null ? (s as PageState) : {};
}

class Router {
  /** Where we are. */
  route: Route = $state(parseHash(location.hash));
  /** The address of the last list (start page or search) shown, for the way back to it. */
  lastList: string | null = $state(null);
  /** On an entry page: the list it was opened from, if known. */
  entryList: string | null = $state(null);
  /** Grows on every change of page, so views can tell a new visit from an old one. */
  visit = $state(0);
  /** Whether the current page was reached by back or forward (then its scroll is restored). */
  popped = $state(false);

  private hash = location.hash;

  constructor() {
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    window.addEventListener('popstate', () => this.sync(true));
    // A typed address or a plain link: popstate may already have handled it.
    window.addEventListener('hashchange', () => {
      if (location.hash !== this.hash) this.sync(true);
    });
    this.noteList();
  }

  private sync(popped: boolean) {
    this.hash = location.hash;
    this.route = parseHash(location.hash);
    this.popped = popped;
    this.visit += 1;
    this.noteList();
  }

  private noteList() {
    if (this.route.name === 'search') this.lastList = location.hash || '#/';
    this.entryList = this.route.name === 'entry' ? (pageState().list ?? this.lastList) : null;
  }

  /**
   * Goes to `hash`: a new history entry, or (with `replace`) in place of the current one. A new
   * page starts at the top unless `keepScroll` (a filter picked on the same results, say).
   */
  navigate(hash: string, opts: { replace?: boolean; keepScroll?: boolean } = {}) {
    const target = hash.startsWith('#') ? hash : `#${hash}`;
    const next = parseHash(target);
    if (opts.replace) {
      history.replaceState({ ...pageState() }, '', target);
      this.hash = location.hash;
      this.route = next;
      this.noteList();
      return;
    }
    // Remember where we were on the page we leave.
    history.replaceState({ ...pageState(), scrollY: window.scrollY }, '', location.href);
    let state: PageState = {};
    if (next.name === 'entry') {
      const here = pageState();
      state =
        this.route.name === 'entry'
          ? { depth: (here.depth ?? 0) + 1, ...(here.list ? { list: here.list } : {}) }
          : { depth: 1, list: location.hash || '#/' };
    }
    history.pushState(state, '', target);
    this.sync(false);
    if (!opts.keepScroll) window.scrollTo(0, 0);
  }

  /** Back to the list this entry was opened from, through history when it can. */
  backToList() {
    const { depth, list } = pageState();
    if (this.route.name === 'entry' && depth !== undefined && depth > 0 && list !== undefined) {
      history.go(-depth);
    } else {
      this.navigate(this.entryList ?? this.lastList ?? '#/');
    }
  }

  /** The scroll position to restore on a page reached by back or forward. */
  savedScroll(): number {
    return this.popped ? (pageState().scrollY ?? 0) : 0;
  }
}

export const router = new Router();
