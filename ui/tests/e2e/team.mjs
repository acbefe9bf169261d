#!/usr/bin/env node
// A team library end to end in a real browser (Debian's Chromium through playwright-core; no
// browser is ever downloaded), against the real backend, `exempelbank serve --team`, as
// tests/e2e/team.sh starts it on a new library with four accounts. Each person has a browser
// context (cookies) of their own:
//
// PHASE=team (serve --team: nothing without logging in)
// - without a session the API answers 401, and `api/session` says who is logged in (nobody);
// - the login page stands in for the app (its fields named for password managers, no search
//   or menu), a wrong password is said in an alert and focus goes back to the password;
//   axe-core on it in light and dark;
// - the skribent logs in (the header names the account and its role, with "Logga ut"), writes
//   a draft with a made-up word in the editor and sends it to review (publishing is not
//   offered); the granskare finds it under Redaktion and publishes it with a comment; the
//   läsare finds it by the word but sees no edit link, no "Ny post" and no Redaktion, and the
//   server answers 403 to update_entry and create_entry sent from the läsare's page;
// - the history names the skribent and the granskare as the authors of their revisions;
// - two editors of one draft (the skribent and the granskare, each in the editor at revision
//   1): the granskare saves a new title, and the skribent's later save of a new summary is
//   refused (409); the editor shows both versions of the title and the summary (and of nothing
//   else), the saved one named by revision, author and time; axe in light and dark, and at
//   320 px the versions stack with no sideways scrolling; she takes the saved title ("Ta den
//   sparade") and saves: the entry has his title and her summary, and the history both names;
// - after the läsare logs out, the session cookie read before is refused (401);
// - the redaktör's "Konton": the accounts with their roles, an account added, its role changed
//   and disabled, the audit log newest first with Swedish names of the events; axe in light
//   and dark;
// - a session that ends under the user (the redaktör resets the skribent's password) brings
//   the login page back saying so, with the name filled in; logging in again goes on;
// - bundles (Redaktion → Paket, a redaktör's): "Skapa paket" downloads a zip, which uploaded
//   back is tried (the report, no question about the library's own signer) and imported; a
//   bundle from another library (FOREIGN_BUNDLE) asks whether to trust its signer, then is
//   tried and imported, and the next try asks no more; axe in light and dark; the granskare and
//   the skribent see no Paket, and the server answers 403 to the skribent's bundle requests;
// - "Mitt konto": the granskare changes the password (a wrong old one, and a repeat that
//   differs, are said beside their fields); the old password no longer logs in;
// - too many failed logins: the login page shows the server's "try again in N seconds".
//
// PHASE=public (serve --team --public, the same library afterwards)
// - readers need no login: the start page and the published entry; a "Logga in" link leads to
//   the login page, which offers to go on without logging in (axe in light and dark);
// - logging out leaves the reader's view; a disabled account cannot log in;
// - a session that ends under the user (here the server answers as to a reader, 403) also
//   brings the login page back.
//
// Screenshots (1280×800) of the login page, the header logged in, the accounts page, the login
// page after a session ended, the editor's conflict (also at 320 px), the trust question and the
// Paket section go to SCREENSHOT_DIR. Prints `ok - ...` or `not ok - ...`
// for each check, then `team (PHASE): N passed, M failed`, and exits 1 on any failure. Every
// step has a time limit, and the whole run one of 300 s.
//
// env: BASE_URL (the address the server printed), PHASE (team | public), ACCOUNTS (lines of
// "name|role|password", as team.sh made them), FOREIGN_BUNDLE (a bundle signed by another
// library), SCREENSHOT_DIR (test-output/), CHROMIUM (/usr/bin/chromium).

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { axeViolations } from './axe.mjs';
import { assert, checks, launchChromium, watchProblems } from './harness.mjs';

const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:7878/';
const PHASE = process.env.PHASE === 'public' ? 'public' : 'team';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || 'test-output/';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FOREIGN_BUNDLE = process.env.FOREIGN_BUNDLE || '';
const STEP_MS = 20_000;
const TOTAL_MS = 300_000;

const ORIGIN = new URL(BASE_URL).origin;
const SESSION_COOKIE = 'exempelbank_session';

/** The accounts team.sh made, by role. */
const accounts = Object.fromEntries(
  (process.env.ACCOUNTS ?? '')
    .split('\n')
    .filter((line) => line.includes('|'))
    .map((line) => {
      const [name, role, password] = line.split('|');
      return [role, { name, role, password }];
    }),
);
const skribent = accounts['skribent'];
const granskare = accounts['granskare'];
const lasare = accounts['läsare'];
const redaktor = accounts['redaktör'];

// What the team phase changes and the public phase builds on (the same library): the
// skribent's password reset by the redaktör, the granskare's changed under "Mitt konto", a new
// account added and disabled, and the published entry with its made-up word.
const WORD = 'kvastfeningsbok';
const TITLE = `Teamtest om ${WORD} (testdata)`;
const SKRIBENT_NEW_PASSWORD = 'skribentens nya lösenord 5';
const GRANSKARE_NEW_PASSWORD = 'granskarens nya lösenord 6';
const NEWCOMER = { name: 'Nils Nykomling', password: 'nykomlingens lösenord 7' };
const COMMENT = 'Granskad och godkänd (testdata).';
const THROTTLED_NAME = 'Ingen Alls';
// The draft two people edit at once (not published: bundles and the public phase leave it be).
const CONFLICT = {
  title: 'Konflikttest med två redigerare (testdata)',
  newTitle: 'Konflikttest, rubriken ändrad av granskaren (testdata)',
  summary: 'Sammanfattningen som den skrevs först (testdata).',
  newSummary: 'Skribentens nya sammanfattning (testdata).',
};

const { report, step, finish } = checks(`team (${PHASE})`, { stepMs: STEP_MS, totalMs: TOTAL_MS });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const url = (hash) => new URL(hash, BASE_URL).href;

/**
 * A request of Node's own to the server: a POST carries JSON and the server's own Origin (as a
 * browser's fetch does); `cookie` is a session token sent as the session cookie.
 */
async function api(path, { body, cookie } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers.Origin = ORIGIN;
  }
  if (cookie !== undefined) headers.Cookie = `${SESSION_COOKIE}=${cookie}`;
  const response = await fetch(url(path), {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(STEP_MS),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: await response.json().catch(() => null),
  };
}

/** Logs in from Node; the session token the server set. */
async function apiLogin(name, password) {
  const answer = await api('api/login', { body: { name, password } });
  const cookie = answer.headers.get('set-cookie') ?? '';
  const token = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(cookie)?.[1];
  return { ...answer, token };
}

mkdirSync(SCREENSHOT_DIR, { recursive: true });

if (!skribent || !granskare || !lasare || !redaktor) {
  report(false, 'ACCOUNTS names a skribent, a granskare, a läsare and a redaktör', process.env.ACCOUNTS);
  finish();
}

const browser = await launchChromium({ report, finish }, CHROMIUM, STEP_MS);

/**
 * A person at a browser of their own: a context (their cookies) and a page. Console errors and
 * failed requests are collected as problems; the ones a step causes on purpose (a wrong
 * password, a refused command) are forgiven where they happen.
 */
async function person(label) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'sv-SE',
    colorScheme: 'light',
  });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  return { label, context, page, ...watchProblems(page, label) };
}

const people = [];
async function newPerson(label) {
  const p = await person(label);
  people.push(p);
  return p;
}

/** Opens the app afresh (a load, not an in-app navigation). */
async function open(p, hash = '') {
  await p.page.goto('about:blank');
  await p.page.goto(url(hash), { waitUntil: 'load' });
}

/** Fills in the login page and logs in; the header then names the account. */
async function logIn(p, account, password = account.password) {
  const { page } = p;
  await page.getByTestId('login-name').waitFor();
  await page.getByTestId('login-name').fill(account.name);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-name').waitFor();
  const shown = (await page.getByTestId('account-name').innerText()).trim();
  assert(shown === account.name, `the header names "${shown}"`);
}

/** axe on the page as it is, in light and dark, with a screenshot of each. */
async function axeBoth(p, name) {
  for (const colorScheme of ['light', 'dark']) {
    await p.page.emulateMedia({ colorScheme });
    await p.page.evaluate(() => document.fonts.ready);
    await p.page.waitForTimeout(100);
    await p.page.screenshot({ path: join(SCREENSHOT_DIR, `team-${colorScheme}-${name}.png`) });
    const found = await axeViolations(p.page, `${colorScheme}: `);
    assert(found.length === 0, found.join('\n'));
  }
  await p.page.emulateMedia({ colorScheme: 'light' });
}

const count = (p, selector) => p.page.locator(selector).count();
const byTestId = (p, id) => p.page.getByTestId(id);
const statusIs = async (p, label) => {
  await p.page.locator('[data-testid="status-label"]', { hasText: new RegExp(`^${label}$`) }).waitFor();
};
/** The workflow's buttons on an entry's page, by the status they lead to. */
const moves = async (p) =>
  (
    await p.page
      .locator('button[data-testid^="transition-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))
  )
    .map((id) => id.slice('transition-'.length))
    .sort();
const activeId = (p) => p.page.evaluate(() => document.activeElement?.id ?? '');
const rowKey = (name) => encodeURIComponent(name);

/**
 * Whether the page as it is scrolls sideways at 320 CSS px (WCAG 1.4.10); a screenshot of any
 * that does. The page is reloaded at that width (or `hash` opened), so what it shows must
 * survive a reload.
 */
async function noSidewaysScrolling(p, name, hash = null) {
  await p.page.setViewportSize({ width: 320, height: 800 });
  try {
    if (hash === null) await p.page.reload({ waitUntil: 'load' });
    else await open(p, hash);
    await p.page.locator('main h1').first().waitFor();
    await p.page.evaluate(() => document.fonts.ready);
    await p.page.waitForTimeout(150);
    const { width, wide } = await p.page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > 321)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).trim().split(/\s+/).join('.')}`),
    }));
    if (width > 320) {
      await p.page.screenshot({ path: join(SCREENSHOT_DIR, `team-320-${name}.png`), fullPage: true });
    }
    assert(width <= 320, `scrollWidth is ${width}; wider than the page: ${wide.join(', ')}`);
  } finally {
    await p.page.setViewportSize({ width: 1280, height: 800 });
  }
}

/** A command sent from inside a page (its cookie, its origin), as a script there would. */
function rpcFromPage(p, name, body) {
  return p.page.evaluate(
    async ([command, args]) => {
      const response = await fetch(`api/rpc/${command}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    [name, body],
  );
}

let entryId = null;
let conflictId = null;

async function teamPhase() {
  // ----------------------------------------------------------------------------------------
  // Nothing without a session
  await step('without a session api/session says "team, nobody" and the API answers 401', async () => {
    const session = await api('api/session');
    assert(session.status === 200, `api/session: HTTP ${session.status}`);
    const s = session.body;
    assert(s?.mode === 'team' && s.public === false && s.account === null && s.access === 'read', JSON.stringify(s));
    const info = await api('api/info');
    assert(info.status === 401 && info.body?.error?.code === 'unauthenticated', `api/info: ${info.status} ${JSON.stringify(info.body)}`);
    const search = await api('api/rpc/search', { body: {} });
    assert(search.status === 401, `api/rpc/search: HTTP ${search.status}`);
    // A POST without the server's own Origin is refused before anything else.
    const foreign = await fetch(url('api/login'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://example.org' },
      body: JSON.stringify({ name: skribent.name, password: skribent.password }),
    });
    assert(foreign.status === 403, `a login from another origin: HTTP ${foreign.status}`);
  });

  const sara = await newPerson('skribent');
  const loginShown = await step(
    'the login page stands in for the app: a heading, name and password (autocomplete), no search or menu',
    async () => {
      await open(sara);
      const h1 = sara.page.locator('main h1');
      await h1.waitFor();
      assert((await h1.innerText()).trim() === 'Logga in', `the heading is "${await h1.innerText()}"`);
      assert((await sara.page.title()) === 'Logga in – Exempelbanken', `the title is "${await sara.page.title()}"`);
      const name = sara.page.getByLabel('Namn', { exact: true });
      const password = sara.page.getByLabel('Lösenord', { exact: true });
      assert((await name.getAttribute('autocomplete')) === 'username', 'the name field is not autocomplete="username"');
      assert((await password.getAttribute('type')) === 'password', 'the password field is not type="password"');
      assert(
        (await password.getAttribute('autocomplete')) === 'current-password',
        'the password field is not autocomplete="current-password"',
      );
      await sara.page.waitForFunction(() => document.activeElement?.id === 'login-name');
      assert((await count(sara, 'input[type="search"]')) === 0, 'the search box is shown');
      assert((await count(sara, '.site-nav')) === 0, 'the menu is shown');
      assert((await count(sara, '[data-testid="nav-login"]')) === 0, 'a "Logga in" link beside the login page');
      assert((await count(sara, 'main h1')) === 1, 'not exactly one h1');
    },
  );

  await step(
    'axe: no WCAG 2.1 A/AA violations on the login page (light, dark)',
    async () => {
      await axeBoth(sara, 'login');
      await sara.page.screenshot({ path: join(SCREENSHOT_DIR, 'team-login.png') });
    },
    30_000,
    loginShown,
  );

  await step(
    'a wrong password is said in an alert (the server\'s words); focus goes back to the password',
    async () => {
      await byTestId(sara, 'login-name').fill(skribent.name);
      await byTestId(sara, 'login-password').fill('fel lösenord');
      await byTestId(sara, 'login-submit').click();
      const alert = sara.page.locator('.login-page [role="alert"]', { hasText: 'fel namn eller lösenord' });
      await alert.waitFor();
      await sara.page.waitForFunction(() => document.activeElement?.id === 'login-password');
      assert((await byTestId(sara, 'login-password').inputValue()) === '', 'the wrong password stays in the field');
      assert((await byTestId(sara, 'login-name').inputValue()) === skribent.name, 'the name was lost');
      const described = (await byTestId(sara, 'login-password').getAttribute('aria-describedby')) ?? '';
      assert(described.includes('login-error'), `the password field is described by "${described}"`);
      const found = await axeViolations(sara.page, 'with the alert: ');
      assert(found.length === 0, found.join('\n'));
      sara.forgive(/HTTP 401: \/api\/login$/);
    },
    STEP_MS,
    loginShown,
  );

  // ----------------------------------------------------------------------------------------
  // The skribent writes a draft and sends it to review
  const saraIn = await step(
    'the skribent logs in: the header names her and her role, with "Logga ut"; the menu has Ny post and Redaktion, not Papperskorg or Konton',
    async () => {
      await logIn(sara, skribent);
      const role = (await byTestId(sara, 'account-role').innerText()).trim();
      assert(role === '(Skribent)', `the role shown is "${role}"`);
      await byTestId(sara, 'logout').waitFor();
      await byTestId(sara, 'nav-my-account').waitFor();
      await byTestId(sara, 'nav-new-entry').waitFor();
      await byTestId(sara, 'nav-curation').waitFor();
      assert((await count(sara, '.site-nav a[href="#/listor"]')) === 1, '"Mina listor" is not offered');
      assert((await count(sara, '[data-testid="nav-trash"]')) === 0, 'Papperskorg is offered to a skribent');
      assert((await count(sara, '[data-testid="nav-accounts"]')) === 0, 'Konton is offered to a skribent');
      await sara.page.locator('input[type="search"]').waitFor();
      const cookies = await sara.context.cookies(BASE_URL);
      const cookie = cookies.find((c) => c.name === SESSION_COOKIE);
      assert(cookie && cookie.httpOnly && cookie.sameSite === 'Strict', `the session cookie is ${JSON.stringify(cookie)}`);
      await sara.page.evaluate(() => document.fonts.ready);
      await sara.page.screenshot({ path: join(SCREENSHOT_DIR, 'team-header-skribent.png') });
    },
    STEP_MS,
    loginShown,
  );

  const sentToReview = await step(
    'the skribent writes a new draft in the editor and sends it to review; publishing and the trash are not offered',
    async () => {
      await byTestId(sara, 'nav-new-entry').click();
      await byTestId(sara, 'field-title').waitFor();
      await byTestId(sara, 'field-title').fill(TITLE);
      await byTestId(sara, 'field-summary').fill(`Påhittad sammanfattning om ${WORD} för ett test av teamet.`);
      await byTestId(sara, 'save-entry').click();
      await sara.page.locator('h1.entry-title', { hasText: TITLE }).waitFor();
      await statusIs(sara, 'Utkast');
      entryId = decodeURIComponent(new URL(sara.page.url()).hash.slice('#/post/'.length));
      assert(entryId !== '', `the address is ${sara.page.url()}`);
      await sara.page.waitForFunction(() => document.querySelector('button[data-testid^="transition-"]') !== null);
      const offered = await moves(sara);
      assert(JSON.stringify(offered) === '["granskning"]', `a skribent is offered ${offered.join(', ')}`);
      assert((await count(sara, '[data-testid="delete-entry"]')) === 0, '"Flytta till papperskorgen" is offered');
      await byTestId(sara, 'edit-entry').waitFor();
      await byTestId(sara, 'transition-granskning').click();
      await statusIs(sara, 'Granskning');
      // In review she may still edit it, but not move it on.
      await byTestId(sara, 'edit-entry').waitFor();
      await sara.page.waitForFunction(() => document.querySelector('button[data-testid^="transition-"]') === null);
      const saved = await rpcFromPage(sara, 'get_entry', { id: entryId });
      assert(saved.body?.status === 'granskning', `the library says ${JSON.stringify(saved.body?.status)}`);
      // The server refuses to publish it for her all the same.
      const publish = await rpcFromPage(sara, 'set_status', { id: entryId, status: 'publicerad', comment: '' });
      assert(publish.status === 403 && publish.body?.error?.code === 'forbidden', `publishing as a skribent: ${JSON.stringify(publish)}`);
      sara.forgive(/HTTP 403: \/api\/rpc\/set_status$/);
      sara.forgive(/HTTP 400: \/api\/rpc\/validate_entry$/);
    },
    30_000,
    saraIn,
  );

  // ----------------------------------------------------------------------------------------
  // The granskare publishes it
  const gustav = await newPerson('granskare');
  const published = await step(
    'the granskare logs in in a second browser, finds the entry under Redaktion → Granskning and publishes it with a comment',
    async () => {
      await open(gustav);
      await logIn(gustav, granskare);
      assert((await byTestId(gustav, 'account-role').innerText()).trim() === '(Granskare)', 'the role shown');
      assert((await count(gustav, '[data-testid="nav-trash"]')) === 0, 'Papperskorg is offered to a granskare');
      await byTestId(gustav, 'nav-curation').click();
      await gustav.page.locator('main h1', { hasText: 'Redaktion' }).waitFor();
      await byTestId(gustav, 'status-filter').locator('input[value="granskning"]').check();
      const row = gustav.page.locator('[data-testid^="entry-row-"] a', { hasText: TITLE });
      await row.click();
      await gustav.page.locator('h1.entry-title', { hasText: TITLE }).waitFor();
      await statusIs(gustav, 'Granskning');
      await byTestId(gustav, 'transition-publicerad').waitFor();
      await byTestId(gustav, 'transition-comment').fill(COMMENT);
      await byTestId(gustav, 'transition-publicerad').click();
      await statusIs(gustav, 'Publicerad');
      // Published: a granskare may still edit it; the Redaktion sections of a redaktör are not his.
      await byTestId(gustav, 'edit-entry').waitFor();
      await byTestId(gustav, 'nav-curation').click();
      await byTestId(gustav, 'status-filter').waitFor();
      for (const heading of ['focus-heading', 'import-heading', 'bundles-heading', 'erasure-heading', 'settings-heading']) {
        assert((await count(gustav, `#${heading}`)) === 0, `the Redaktion page shows #${heading} to a granskare`);
      }
    },
    30_000,
    sentToReview,
  );

  // ----------------------------------------------------------------------------------------
  // The läsare reads it, and may change nothing
  const lena = await newPerson('läsare');
  const lenaIn = await step(
    'the läsare logs in in a third browser and finds the entry by its made-up word (one hit)',
    async () => {
      await open(lena);
      await logIn(lena, lasare);
      assert((await byTestId(lena, 'account-role').innerText()).trim() === '(Läsare)', 'the role shown');
      const search = lena.page.locator('input[type="search"]');
      await search.click();
      await search.pressSequentially(WORD, { delay: 20 });
      const hit = lena.page.locator('a.hit-title', { hasText: TITLE });
      await hit.waitFor();
      assert((await lena.page.locator('a.hit-title').count()) === 1, 'the word finds more than the entry');
      await hit.click();
      await lena.page.locator('h1.entry-title', { hasText: TITLE }).waitFor();
    },
    STEP_MS,
    published,
  );

  await step(
    'the läsare sees no edit link, no curation bar, no "Ny post", Redaktion, Papperskorg, Mina listor or Konton',
    async () => {
      const none = [
        '[data-testid="edit-entry"]',
        '[data-testid="status-label"]',
        '[data-testid="personal-note"]',
        '[data-testid="attach-file"]',
        '[data-testid="nav-new-entry"]',
        '[data-testid="nav-curation"]',
        '[data-testid="nav-trash"]',
        '[data-testid="nav-accounts"]',
        '.site-nav a[href="#/listor"]',
        '.entry-lists',
      ];
      for (const selector of none) assert((await count(lena, selector)) === 0, `${selector} is shown to a läsare`);
      await open(lena, '#/redaktion');
      await lena.page.locator('main h1', { hasText: 'Redaktion' }).waitFor();
      await lena.page.locator('main', { hasText: 'Ditt konto har inte behörighet till den här sidan.' }).waitFor();
      assert((await count(lena, '[data-testid="status-filter"]')) === 0, 'the Redaktion page is shown');
      await open(lena, '#/ny');
      await lena.page.locator('main h1').waitFor();
      assert((await count(lena, '[data-testid="field-title"]')) === 0, 'the editor is shown');
    },
    STEP_MS,
    lenaIn,
  );

  await step(
    'the server refuses the läsare: update_entry and create_entry sent from her page answer 403',
    async () => {
      const entry = await rpcFromPage(lena, 'get_entry', { id: entryId });
      assert(entry.status === 200, `get_entry: HTTP ${entry.status}`);
      const update = await rpcFromPage(lena, 'update_entry', {
        id: entryId,
        entry: { ...entry.body, title: 'Kapad av en läsare' },
        expectedRevision: entry.body.revision,
      });
      assert(update.status === 403 && update.body?.error?.code === 'forbidden', `update_entry: ${JSON.stringify(update)}`);
      const create = await rpcFromPage(lena, 'create_entry', { entry: { ...entry.body, title: 'Läsarens egen post' } });
      assert(create.status === 403 && create.body?.error?.code === 'forbidden', `create_entry: ${JSON.stringify(create)}`);
      const after = await rpcFromPage(lena, 'get_entry', { id: entryId });
      assert(after.body?.title === TITLE && after.body.revision === entry.body.revision, 'the entry changed');
      lena.forgive(/HTTP 403: \/api\/rpc\/(update_entry|create_entry)$/);
      // Refused commands are no reason to log her out.
      await byTestId(lena, 'account-name').waitFor();
    },
    STEP_MS,
    lenaIn,
  );

  // ----------------------------------------------------------------------------------------
  // The history names the accounts
  await step(
    'the history (read by the granskare) names the skribent and the granskare; only he may restore',
    async () => {
      await open(gustav, `#/post/${encodeURIComponent(entryId)}/historik`);
      await byTestId(gustav, 'revision-3').waitFor();
      const rows = await gustav.page.locator('[data-testid^="revision-"]').count();
      assert(rows === 3, `${rows} revisions (saved, sent to review, published)`);
      const text = async (n) => byTestId(gustav, `revision-${n}`).innerText();
      for (const n of [1, 2]) {
        assert((await text(n)).includes(skribent.name), `revision ${n} is not by ${skribent.name}: ${await text(n)}`);
      }
      assert((await text(3)).includes(granskare.name), `revision 3 is not by ${granskare.name}: ${await text(3)}`);
      assert((await text(3)).includes(COMMENT), `revision 3 lacks the comment: ${await text(3)}`);
      await byTestId(gustav, 'restore-1').waitFor();
      const history = await rpcFromPage(gustav, 'history', { id: entryId });
      const by = history.body.map((r) => r.by);
      assert(JSON.stringify(by) === JSON.stringify([skribent.name, skribent.name, granskare.name]), `by: ${by.join(', ')}`);
      // The skribent reads the history too, but restoring is a granskare's.
      await open(sara, `#/post/${encodeURIComponent(entryId)}/historik`);
      await byTestId(sara, 'revision-3').waitFor();
      assert((await count(sara, 'button[data-testid^="restore-"]')) === 0, 'the skribent is offered to restore');
      // Published, the entry is no longer hers to edit.
      await open(sara, `#/post/${encodeURIComponent(entryId)}`);
      await statusIs(sara, 'Publicerad');
      assert((await count(sara, '[data-testid="edit-entry"]')) === 0, 'the skribent may edit a published entry');
    },
    STEP_MS,
    published,
  );

  // ----------------------------------------------------------------------------------------
  // Two editors of one entry: the later save is refused (a stale revision) and shown with both
  // versions; never a silent overwrite
  const conflictEdit = async (p) => {
    await open(p, `#/post/${encodeURIComponent(conflictId)}/redigera`);
    await p.page.waitForFunction(
      (title) => document.querySelector('[data-testid="field-title"]')?.value === title,
      CONFLICT.title,
    );
  };
  const conflictPanel = byTestId(sara, 'conflict');
  const conflictRow = (key) => byTestId(sara, `conflict-field-${key}`);
  const rowText = async (key, which) =>
    (await conflictRow(key).getByTestId(`conflict-${which}`).innerText()).trim();

  const conflictShown = await step(
    'two editors of one draft: the granskare saves a new title; the skribent\'s later save of a new summary is refused, and the editor shows both versions of each field that differs (title and summary), the saved one named by revision, author and time',
    async () => {
      // The skribent writes the draft; both open its editor at revision 1.
      await open(sara, '#/ny');
      await byTestId(sara, 'field-title').fill(CONFLICT.title);
      await byTestId(sara, 'field-summary').fill(CONFLICT.summary);
      await byTestId(sara, 'save-entry').click();
      await sara.page.locator('h1.entry-title', { hasText: CONFLICT.title }).waitFor();
      conflictId = decodeURIComponent(new URL(sara.page.url()).hash.slice('#/post/'.length));
      sara.forgive(/HTTP 400: \/api\/rpc\/validate_entry$/);
      await conflictEdit(sara);
      await conflictEdit(gustav);
      // The granskare saves first.
      await byTestId(gustav, 'field-title').fill(CONFLICT.newTitle);
      await byTestId(gustav, 'save-entry').click();
      await gustav.page.locator('h1.entry-title', { hasText: CONFLICT.newTitle }).waitFor();
      // The skribent, still at revision 1, changes the summary and saves.
      await byTestId(sara, 'field-summary').fill(CONFLICT.newSummary);
      await byTestId(sara, 'save-entry').click();
      await conflictPanel.waitFor();
      sara.forgive(/HTTP 409: \/api\/rpc\/update_entry$/);
      const alert = conflictPanel.locator('[role="alert"]');
      const heading = (await alert.getByRole('heading', { level: 2 }).innerText()).trim();
      assert(heading === 'Posten har ändrats sedan du började redigera', `the alert's heading is "${heading}"`);
      const said = await alert.innerText();
      assert(said.includes('skiljer sig åt i: Rubrik och Sammanfattning.'), `the alert says "${said}"`);
      // Focus goes to the message, as for any refused save.
      await sara.page.waitForFunction(() => document.activeElement?.classList.contains('summary-box'));
      // The fields that differ from the saved version: the title (hers is the old one) and the
      // summary (hers is the new one); nothing else.
      const keys = await conflictPanel
        .locator('[data-testid^="conflict-field-"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
      assert(
        JSON.stringify(keys) === '["conflict-field-title","conflict-field-summary"]',
        `the fields listed: ${keys.join(', ')}`,
      );
      for (const [key, label] of [['title', 'Rubrik'], ['summary', 'Sammanfattning']]) {
        const h3 = (await conflictRow(key).getByRole('heading', { level: 3 }).innerText()).trim();
        assert(h3 === label, `the row of ${key} is headed "${h3}"`);
      }
      assert((await rowText('title', 'mine')) === CONFLICT.title, `her title: "${await rowText('title', 'mine')}"`);
      assert((await rowText('title', 'saved')) === CONFLICT.newTitle, `the saved title: "${await rowText('title', 'saved')}"`);
      assert((await rowText('summary', 'mine')) === CONFLICT.newSummary, `her summary: "${await rowText('summary', 'mine')}"`);
      assert((await rowText('summary', 'saved')) === CONFLICT.summary, `the saved summary: "${await rowText('summary', 'saved')}"`);
      // The two versions are a description list: "Din version" and the saved one, named.
      const terms = await conflictRow('title').locator('dl dt').allInnerTexts();
      assert(terms[0]?.trim() === 'Din version', `the first term is "${terms[0]}"`);
      assert(
        new RegExp(`^Sparad version \\(revision 2, av ${granskare.name}, \\d+ \\S+ \\d{4} \\d\\d:\\d\\d\\)$`).test(terms[1]?.trim() ?? ''),
        `the second term is "${terms[1]}"`,
      );
      // Side by side in a wide window.
      const [mineBox, savedBox] = await conflictRow('title').locator('dl > div').evaluateAll((els) =>
        els.map((el) => el.getBoundingClientRect().toJSON()),
      );
      assert(mineBox.top === savedBox.top && mineBox.right < savedBox.left, 'the versions are not side by side at 1280 px');
      // What she may do: per field, and with the whole.
      for (const label of ['Rubrik', 'Sammanfattning']) {
        await conflictPanel.getByRole('button', { name: `Ta den sparade: ${label}`, exact: true }).waitFor();
      }
      await conflictPanel.getByRole('button', { name: 'Behåll mina ändringar', exact: true }).waitFor();
      await conflictPanel.getByRole('button', { name: 'Använd den sparade versionen', exact: true }).waitFor();
      // Nothing of hers was saved, and the form still holds her work.
      assert((await byTestId(sara, 'field-summary').inputValue()) === CONFLICT.newSummary, 'her summary left the form');
      const stored = await rpcFromPage(sara, 'get_entry', { id: conflictId });
      assert(
        stored.body?.revision === 2 && stored.body.title === CONFLICT.newTitle && stored.body.summary === CONFLICT.summary,
        `the library has ${JSON.stringify({ revision: stored.body?.revision, title: stored.body?.title, summary: stored.body?.summary })}`,
      );
      await conflictPanel.screenshot({ path: join(SCREENSHOT_DIR, 'team-editor-conflict.png') });
    },
    45_000,
    sentToReview && published,
  );

  await step(
    'axe: no WCAG 2.1 A/AA violations on the editor with the conflict shown (light, dark); at 320 px the versions stack and nothing scrolls sideways',
    async () => {
      await conflictPanel.scrollIntoViewIfNeeded();
      await axeBoth(sara, 'editor-conflict');
      await sara.page.setViewportSize({ width: 320, height: 800 });
      try {
        await sara.page.waitForTimeout(150);
        const width = await sara.page.evaluate(() => document.documentElement.scrollWidth);
        const [mineBox, savedBox] = await conflictRow('title').locator('dl > div').evaluateAll((els) =>
          els.map((el) => el.getBoundingClientRect().toJSON()),
        );
        await conflictPanel.screenshot({ path: join(SCREENSHOT_DIR, 'team-320-editor-conflict.png') });
        assert(width <= 320, `scrollWidth is ${width} at 320 px`);
        assert(savedBox.top >= mineBox.bottom, 'the versions are not stacked at 320 px');
      } finally {
        await sara.page.setViewportSize({ width: 1280, height: 800 });
      }
    },
    45_000,
    conflictShown,
  );

  await step(
    'the skribent takes the saved title ("Ta den sparade: Rubrik") and saves: the entry has the granskare\'s title and her summary, and its history both authors',
    async () => {
      await conflictPanel.getByRole('button', { name: 'Ta den sparade: Rubrik', exact: true }).click();
      assert((await byTestId(sara, 'field-title').inputValue()) === CONFLICT.newTitle, 'the form did not take the saved title');
      assert((await byTestId(sara, 'field-summary').inputValue()) === CONFLICT.newSummary, 'her summary left the form');
      // The row says so, and has focus in place of the button that went.
      await conflictRow('title').getByTestId('conflict-taken').waitFor();
      assert((await activeId(sara)) === 'conflict-title-taken', `focus is on #${await activeId(sara)}`);
      assert((await conflictRow('summary').getByTestId('conflict-take').count()) === 1, 'the summary\'s button went too');
      await byTestId(sara, 'save-entry').click();
      await sara.page.locator('h1.entry-title', { hasText: CONFLICT.newTitle }).waitFor();
      const saved = await rpcFromPage(sara, 'get_entry', { id: conflictId });
      assert(
        saved.body?.revision === 3 && saved.body.title === CONFLICT.newTitle && saved.body.summary === CONFLICT.newSummary,
        `the library has ${JSON.stringify({ revision: saved.body?.revision, title: saved.body?.title, summary: saved.body?.summary })}`,
      );
      const history = await rpcFromPage(sara, 'history', { id: conflictId });
      const by = history.body.map((r) => r.by);
      assert(JSON.stringify(by) === JSON.stringify([skribent.name, granskare.name, skribent.name]), `by: ${by.join(', ')}`);
      await open(sara, `#/post/${encodeURIComponent(conflictId)}/historik`);
      await byTestId(sara, 'revision-3').waitFor();
      assert((await byTestId(sara, 'revision-2').innerText()).includes(granskare.name), 'revision 2 is not the granskare\'s');
      assert((await byTestId(sara, 'revision-3').innerText()).includes(skribent.name), 'revision 3 is not the skribent\'s');
    },
    30_000,
    conflictShown,
  );

  // ----------------------------------------------------------------------------------------
  // Logging out ends the session on the server
  await step(
    'after the läsare logs out the login page is back, and her old session cookie is refused (401)',
    async () => {
      const cookies = await lena.context.cookies(BASE_URL);
      const old = cookies.find((c) => c.name === SESSION_COOKIE);
      assert(old && old.value !== '', 'no session cookie before logging out');
      assert(old.httpOnly && old.sameSite === 'Strict', `the cookie is ${JSON.stringify(old)}`);
      const before = await api('api/info', { cookie: old.value });
      assert(before.status === 200 && before.body?.access === 'read', `with the cookie before: ${before.status}`);
      await byTestId(lena, 'logout').click();
      await lena.page.locator('main h1', { hasText: 'Logga in' }).waitFor();
      await lena.page.locator('main [role="status"]', { hasText: 'Du är utloggad.' }).waitFor();
      assert((await count(lena, '[data-testid="account"]')) === 0, 'the header still names an account');
      const after = await lena.context.cookies(BASE_URL);
      assert(!after.some((c) => c.name === SESSION_COOKIE && c.value !== ''), 'the browser keeps the session cookie');
      const info = await api('api/info', { cookie: old.value });
      assert(info.status === 401 && info.body?.error?.code === 'unauthenticated', `api/info with the old cookie: ${info.status}`);
      const search = await api('api/rpc/search', { body: { query: WORD }, cookie: old.value });
      assert(search.status === 401, `api/rpc/search with the old cookie: HTTP ${search.status}`);
      const session = await api('api/session', { cookie: old.value });
      assert(session.body?.account === null, `api/session with the old cookie: ${JSON.stringify(session.body)}`);
    },
    STEP_MS,
    lenaIn,
  );

  // ----------------------------------------------------------------------------------------
  // The redaktör's accounts page
  const rut = await newPerson('redaktör');
  const accountsOpen = await step(
    'the redaktör logs in; "Konton" lists the four accounts with their roles and last logins',
    async () => {
      await open(rut);
      await logIn(rut, redaktor);
      await byTestId(rut, 'nav-trash').waitFor();
      // Subscriptions are the owner's on their own machine, never a team account's.
      assert((await count(rut, '[data-testid="nav-subscriptions"]')) === 0, 'Prenumerationer is offered to a team account');
      await byTestId(rut, 'nav-accounts').click();
      await rut.page.locator('main h1', { hasText: 'Konton' }).waitFor();
      assert((await rut.page.title()) === 'Konton – Exempelbanken', `the title is "${await rut.page.title()}"`);
      const table = byTestId(rut, 'accounts-table');
      await table.waitFor();
      for (const account of [skribent, granskare, lasare]) {
        const select = byTestId(rut, `account-role-${rowKey(account.name)}`);
        assert((await select.inputValue()) === account.role, `${account.name}'s role is ${await select.inputValue()}`);
        const row = byTestId(rut, `account-row-${rowKey(account.name)}`);
        assert(!(await row.innerText()).includes('Aldrig'), `${account.name} has never logged in`);
      }
      const own = byTestId(rut, `account-row-${rowKey(redaktor.name)}`);
      assert((await own.innerText()).includes('(du)'), 'the redaktör\'s own row is not marked');
      assert((await own.locator('select, button').count()) === 0, 'the redaktör may lock herself out from here');
      assert((await table.locator('tbody tr').count()) === 4, 'not four accounts');
    },
    STEP_MS,
  );

  await step(
    'axe: no WCAG 2.1 A/AA violations on the accounts page (light, dark)',
    () => axeBoth(rut, 'accounts'),
    30_000,
    accountsOpen,
  );

  await step(
    'the redaktör adds an account (a short password is said first), changes its role and disables it',
    async () => {
      await byTestId(rut, 'account-add-name').fill(NEWCOMER.name);
      await byTestId(rut, 'account-add-role').selectOption('skribent');
      await byTestId(rut, 'account-add-password').fill('kort');
      await byTestId(rut, 'account-add').click();
      await rut.page.locator('#account-add-password-error', { hasText: 'minst 10 tecken' }).waitFor();
      assert((await activeId(rut)) === 'account-add-password', 'focus is not on the password');
      await byTestId(rut, 'account-add-password').fill(NEWCOMER.password);
      await byTestId(rut, 'account-add').click();
      await byTestId(rut, 'account-add-said').filter({ hasText: `Kontot ${NEWCOMER.name} lades till med rollen skribent.` }).waitFor();
      const key = rowKey(NEWCOMER.name);
      await byTestId(rut, `account-row-${key}`).waitFor();
      assert((await byTestId(rut, `account-row-${key}`).innerText()).includes('Aldrig'), 'the new account has logged in');
      await byTestId(rut, `account-role-${key}`).selectOption('granskare');
      await byTestId(rut, `account-save-role-${key}`).click();
      await byTestId(rut, 'accounts-said').filter({ hasText: `${NEWCOMER.name} har nu rollen granskare.` }).waitFor();
      await byTestId(rut, `account-toggle-${key}`).click();
      await byTestId(rut, `account-state-${key}`).filter({ hasText: 'Avstängt' }).waitFor();
      assert((await byTestId(rut, `account-toggle-${key}`).innerText()).trim() === 'Aktivera', 'no "Aktivera"');
      const list = await rpcFromPage(rut, 'accounts', {});
      const added = list.body.find((a) => a.name === NEWCOMER.name);
      assert(added?.role === 'granskare' && added.disabled === true, `the library has ${JSON.stringify(added)}`);
      // It cannot log in.
      const login = await api('api/login', { body: { name: NEWCOMER.name, password: NEWCOMER.password } });
      assert(login.status === 401, `a disabled account logs in: HTTP ${login.status}`);
    },
    STEP_MS,
    accountsOpen,
  );

  await step(
    'the audit log, newest first, names the logins, the failed login, the logout and the account changes',
    async () => {
      await byTestId(rut, 'audit-refresh').click();
      const rows = rut.page.locator('[data-testid="audit-row"]');
      await rows.first().waitFor();
      const events = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-event')));
      // The newest: the failed login of the disabled account, after the changes made to it.
      assert(
        JSON.stringify(events.slice(0, 4)) ===
          JSON.stringify(['login_failed', 'account_disabled', 'role_changed', 'account_added']),
        `the newest events: ${events.slice(0, 6).join(', ')}`,
      );
      const texts = await rows.allInnerTexts();
      const has = (label, actor) => texts.some((t) => t.includes(label) && t.includes(actor));
      assert(has('Inloggning', skribent.name), 'no "Inloggning" of the skribent');
      assert(has('Misslyckad inloggning', skribent.name), 'no "Misslyckad inloggning" with her name');
      assert(has('Utloggning', lasare.name), 'no "Utloggning" of the läsare');
      assert(has('Konto tillagt', redaktor.name), 'no "Konto tillagt" by the redaktör');
      assert(has('Ny roll', redaktor.name), 'no "Ny roll"');
      assert(has('Konto avstängt', redaktor.name), 'no "Konto avstängt"');
      assert(texts.some((t) => t.includes('Inloggning') && t.includes('127.0.0.1')), 'a login without its address');
      const log = await rpcFromPage(rut, 'audit_log', {});
      const seqs = log.body.map((e) => e.seq);
      assert(seqs.every((s, i) => i === 0 || seqs[i - 1] > s), 'audit_log is not newest first');
    },
    STEP_MS,
    accountsOpen,
  );

  // ----------------------------------------------------------------------------------------
  // A session that ends under the user
  await step(
    'a session that ends (the redaktör resets the skribent\'s password) brings the login page back, saying so; logging in again goes on',
    async () => {
      const key = rowKey(skribent.name);
      await byTestId(rut, `account-reset-${key}`).click();
      await byTestId(rut, 'account-reset-password').waitFor();
      assert((await activeId(rut)) === 'account-reset-password', 'focus is not on the new password');
      await byTestId(rut, 'account-reset-password').fill(SKRIBENT_NEW_PASSWORD);
      await byTestId(rut, 'account-reset-save').click();
      await byTestId(rut, 'accounts-said').filter({ hasText: `${skribent.name} har fått ett nytt lösenord` }).waitFor();
      // The skribent, still on her page, goes on: the server no longer knows her session.
      await byTestId(sara, 'nav-curation').click();
      await byTestId(sara, 'login-expired').waitFor();
      await sara.page.locator('main h1', { hasText: 'Logga in' }).waitFor();
      assert((await byTestId(sara, 'login-name').inputValue()) === skribent.name, 'her name is not filled in');
      await sara.page.waitForFunction(() => document.activeElement?.id === 'login-password');
      assert((await count(sara, '[data-testid="account"]')) === 0, 'the header still names her');
      await sara.page.screenshot({ path: join(SCREENSHOT_DIR, 'team-session-ended.png') });
      sara.forgive(/HTTP 401: \/api\/rpc\//);
      await byTestId(sara, 'login-password').fill(SKRIBENT_NEW_PASSWORD);
      await byTestId(sara, 'login-submit').click();
      await byTestId(sara, 'account-name').waitFor();
      // Back where she was going.
      await sara.page.locator('main h1', { hasText: 'Redaktion' }).waitFor();
      await sara.page.locator('[data-testid^="entry-row-"] a', { hasText: TITLE }).waitFor();
      assert(new URL(sara.page.url()).hash === '#/redaktion', `the address is ${sara.page.url()}`);
      // A skribent's Redaktion has no "Paket".
      assert((await count(sara, '#bundles-heading, [data-testid="bundle-create"]')) === 0, 'a skribent is offered bundles');
    },
    30_000,
    accountsOpen && saraIn,
  );

  // ----------------------------------------------------------------------------------------
  // Mitt konto
  await step(
    '"Mitt konto": the granskare changes his password; a wrong old one and a repeat that differs are said beside their fields',
    async () => {
      await open(gustav, '#/');
      await byTestId(gustav, 'nav-my-account').click();
      await gustav.page.locator('main h1', { hasText: 'Mitt konto' }).waitFor();
      const intro = await byTestId(gustav, 'my-account-intro').innerText();
      assert(intro.includes(granskare.name) && intro.includes('granskare'), `the page says "${intro}"`);
      await byTestId(gustav, 'password-old').fill('inte mitt lösenord');
      await byTestId(gustav, 'password-new').fill(GRANSKARE_NEW_PASSWORD);
      await byTestId(gustav, 'password-repeat').fill(GRANSKARE_NEW_PASSWORD);
      await byTestId(gustav, 'password-save').click();
      await gustav.page.locator('#password-old-error', { hasText: 'stämmer inte' }).waitFor();
      assert((await byTestId(gustav, 'password-old').getAttribute('aria-invalid')) === 'true', 'the old field is not aria-invalid');
      await gustav.page.waitForFunction(() => document.activeElement?.id === 'password-old');
      gustav.forgive(/HTTP 403: \/api\/password$/);
      await byTestId(gustav, 'password-old').fill(granskare.password);
      await byTestId(gustav, 'password-repeat').fill(`${GRANSKARE_NEW_PASSWORD}x`);
      await byTestId(gustav, 'password-save').click();
      await gustav.page.locator('#password-repeat-error', { hasText: 'inte lika' }).waitFor();
      await byTestId(gustav, 'password-repeat').fill(GRANSKARE_NEW_PASSWORD);
      await byTestId(gustav, 'password-save').click();
      await byTestId(gustav, 'password-said').filter({ hasText: 'Lösenordet är bytt.' }).waitFor();
      const found = await axeViolations(gustav.page);
      assert(found.length === 0, found.join('\n'));
      const old = await api('api/login', { body: { name: granskare.name, password: granskare.password } });
      assert(old.status === 401, `the old password logs in: HTTP ${old.status}`);
      const fresh = await api('api/login', { body: { name: granskare.name, password: GRANSKARE_NEW_PASSWORD } });
      assert(fresh.status === 200, `the new password does not log in: HTTP ${fresh.status}`);
      // This session goes on.
      await byTestId(gustav, 'nav-curation').click();
      await byTestId(gustav, 'status-filter').waitFor();
      await byTestId(gustav, 'account-name').waitFor();
    },
    30_000,
    published,
  );

  await step(
    'no horizontal scrolling at 320 px: the login page, the header logged in, Mitt konto, Konton',
    async () => {
      await noSidewaysScrolling(lena, 'login');
      await noSidewaysScrolling(sara, 'header', '#/');
      await noSidewaysScrolling(gustav, 'my-account');
      await noSidewaysScrolling(rut, 'accounts');
    },
    30_000,
  );

  // ----------------------------------------------------------------------------------------
  // Bundles in the browser: a download, and an upload with a dry run first
  const bundleDir = mkdtempSync(join(tmpdir(), 'exempelbank-team-'));
  let bundleFile = null;
  const bundleSection = rut.page.locator('section[aria-labelledby="bundles-heading"]');
  const bundleReport = byTestId(rut, 'bundle-report');
  const reportHeading = () => bundleReport.locator('.report-heading').innerText();
  const trustDialog = rut.page.locator('dialog[aria-labelledby="bundle-trust-dialog-heading"]');

  const downloaded = await step(
    'the redaktör\'s Redaktion has "Paket": "Skapa paket" downloads a zip of the library, and says what it saved',
    async () => {
      await open(rut, '#/redaktion');
      await rut.page.locator('#bundles-heading').waitFor();
      await rut.page.locator('.contents button', { hasText: 'Paket' }).waitFor();
      assert((await count(rut, '[data-testid="bundle-import"]')) === 0, 'the desktop\'s "Välj paket …" in a browser');
      assert((await byTestId(rut, 'bundle-file').getAttribute('accept')) === '.zip', 'the file field does not ask for a .zip');
      const hint = await bundleSection.innerText();
      assert(hint.includes('Webbläsaren hämtar filen'), 'the section does not say the file is downloaded');
      const sent = rut.page.waitForRequest((r) => new URL(r.url()).pathname === '/api/bundle');
      const download = rut.page.waitForEvent('download');
      await byTestId(rut, 'bundle-create').click();
      const request = await sent;
      assert(request.method() === 'POST', `api/bundle by ${request.method()}`);
      const file = await download;
      assert((await file.failure()) === null, `the download failed: ${await file.failure()}`);
      const name = file.suggestedFilename();
      assert(/^exempelbanken-\d{4}-\d{2}-\d{2}\.zip$/.test(name), `the download is named ${name}`);
      bundleFile = join(bundleDir, name);
      await file.saveAs(bundleFile);
      const bytes = readFileSync(bundleFile);
      assert(bytes.subarray(0, 2).toString('latin1') === 'PK', `the file begins ${JSON.stringify(bytes.subarray(0, 4).toString('latin1'))}`);
      const summary = byTestId(rut, 'bundle-summary');
      await summary.waitFor();
      const said = await summary.innerText();
      assert(said.includes('Paketet är skapat') && said.includes(name), `the summary says "${said}"`);
      assert(/Storlek\s+[\d,]+\s*(byte|kB|MB)/.test(said), `the summary gives no size: "${said}"`);
      await rut.page.waitForFunction(() => document.activeElement?.tagName === 'H4');
    },
    30_000,
    accountsOpen,
  );

  await step(
    'the same file uploaded back: "Provkör paketet" shows the dry run (the library\'s own signer: no question), then Importera completes',
    async () => {
      await byTestId(rut, 'bundle-file').setInputFiles(bundleFile);
      await byTestId(rut, 'bundle-dry-run').click();
      await bundleReport.waitFor();
      assert((await reportHeading()).trim() === 'Provkörning – inget har sparats', `the report is "${await reportHeading()}"`);
      const text = await bundleReport.innerText();
      assert(text.includes(`Posterna i ${bundleFile.split('/').pop()}`), 'the caption does not name the file');
      assert(text.includes('Signerat av'), 'the report does not name the signer');
      assert(text.includes(TITLE), 'the published entry is not in the bundle');
      assert(!(await trustDialog.evaluate((d) => d.open)), 'the library asks whether to trust its own signer');
      await rut.page.waitForFunction(() => document.activeElement?.classList.contains('report-heading'));
      await byTestId(rut, 'bundle-run').click();
      await bundleReport.locator('.report-heading', { hasText: 'Importen är klar' }).waitFor();
      assert((await count(rut, '[data-testid="bundle-run"]')) === 0, '"Importera" is still offered');
    },
    30_000,
    downloaded,
  );

  await step(
    'a bundle from another library: the redaktör is asked whether to trust its signer, and after yes it is tried and imported',
    async () => {
      assert(FOREIGN_BUNDLE !== '', 'FOREIGN_BUNDLE is not set (run tests/e2e/team.sh)');
      await byTestId(rut, 'bundle-file').setInputFiles(FOREIGN_BUNDLE);
      assert((await count(rut, '[data-testid="bundle-report"]')) === 0, 'the last report stays beside another file');
      await byTestId(rut, 'bundle-dry-run').click();
      await rut.page.locator('dialog[aria-labelledby="bundle-trust-dialog-heading"][open]').waitFor();
      // The refusal (409, the signer not trusted yet) is what asks the question.
      rut.forgive(/HTTP 409: \/api\/rpc\/import_bundle$/);
      const question = await trustDialog.innerText();
      assert(question.includes('Region Annanstans'), `the dialog asks "${question}"`);
      await rut.page.screenshot({ path: join(SCREENSHOT_DIR, 'team-bundle-trust.png') });
      const found = await axeViolations(rut.page, 'the trust dialog: ');
      assert(found.length === 0, found.join('\n'));
      await byTestId(rut, 'bundle-trust').click();
      await bundleReport.waitFor();
      assert((await reportHeading()).trim() === 'Provkörning – inget har sparats', `the report is "${await reportHeading()}"`);
      const text = await bundleReport.innerText();
      assert(text.includes('Signerat av ”Region Annanstans”'), 'the report does not name the sender');
      assert(text.includes('Verktygsbibliotek i Region Annanstans'), 'the new entry is not in the report');
      await byTestId(rut, 'bundle-run').click();
      await bundleReport.locator('.report-heading', { hasText: 'Importen är klar' }).waitFor();
      assert((await bundleReport.innerText()).includes('säkerhetskopia'), 'no backup is named');
      // Trusted now: the same file is tried without a question.
      await byTestId(rut, 'bundle-dry-run').click();
      await bundleReport.locator('.report-heading', { hasText: 'Provkörning' }).waitFor();
      assert(!(await trustDialog.evaluate((d) => d.open)), 'the library asks again about a sender it trusts');
      // The imported entry is the library's now.
      await rut.page.locator('[data-testid^="entry-row-"] a', { hasText: 'Verktygsbibliotek i Region Annanstans' }).waitFor();
    },
    30_000,
    downloaded,
  );

  await step(
    'axe: no WCAG 2.1 A/AA violations on Redaktion with a bundle report (light, dark); a screenshot of the Paket section',
    async () => {
      await axeBoth(rut, 'curation-bundles');
      await bundleSection.scrollIntoViewIfNeeded();
      await bundleSection.screenshot({ path: join(SCREENSHOT_DIR, 'team-bundles.png') });
    },
    30_000,
    downloaded,
  );

  await step('the server refuses bundles to a skribent: api/bundle and import_bundle answer 403', async () => {
    const answers = await sara.page.evaluate(async () => {
      const post = async (path, body) => {
        const response = await fetch(path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return response.status;
      };
      return [
        await post('api/bundle', {}),
        await post('api/rpc/import_bundle', { name: 'paket.zip', bytes: [80, 75], dryRun: true, trust: false }),
      ];
    });
    assert(JSON.stringify(answers) === '[403,403]', `a skribent's bundle requests: HTTP ${answers.join(', ')}`);
    sara.forgive(/HTTP 403: \/api\/(bundle|rpc\/import_bundle)$/);
  }, STEP_MS, saraIn);

  rmSync(bundleDir, { recursive: true, force: true });

  // ----------------------------------------------------------------------------------------
  // Too many failed logins (last: the address must then wait too)
  await step(
    'too many failed logins: the login page shows the server\'s message saying how long to wait',
    async () => {
      // Five failures are free; after that each attempt waits twice as long as the last.
      let failures = 0;
      let message = '';
      while (failures < 8) {
        const answer = await api('api/login', { body: { name: THROTTLED_NAME, password: 'gissning' } });
        if (answer.status === 429) {
          message = answer.body?.error?.message ?? '';
          assert(answer.body?.error?.code === 'too_many_requests', JSON.stringify(answer.body));
          const wait = Number(answer.headers.get('retry-after') ?? '1');
          await sleep(wait * 1000 + 150);
        } else {
          assert(answer.status === 401, `a failed login: HTTP ${answer.status}`);
          failures += 1;
        }
      }
      assert(/^för många misslyckade inloggningar; försök igen om \d+ sekund(er)?$/.test(message), `429 says "${message}"`);
      const stranger = await newPerson('throttled');
      await open(stranger);
      await byTestId(stranger, 'login-name').fill(THROTTLED_NAME);
      await byTestId(stranger, 'login-password').fill('gissning');
      await byTestId(stranger, 'login-submit').click();
      const alert = stranger.page.locator('.login-page [role="alert"]', { hasText: 'för många misslyckade inloggningar' });
      await alert.waitFor();
      const said = (await alert.innerText()).trim();
      assert(/^för många misslyckade inloggningar; försök igen om \d+ sekund(er)?$/.test(said), `the page says "${said}"`);
      await stranger.page.waitForFunction(() => document.activeElement?.id === 'login-password');
      stranger.forgive(/HTTP 429: \/api\/login$/);
    },
    45_000,
  );
}

async function publicPhase() {
  await step('with --public api/session says "team, open, nobody", and a reader is let in', async () => {
    const session = await api('api/session');
    const s = session.body;
    assert(s?.mode === 'team' && s.public === true && s.account === null && s.access === 'read', JSON.stringify(s));
    const info = await api('api/info');
    assert(info.status === 200 && info.body?.access === 'read' && info.body.read_only === true, JSON.stringify(info.body));
    const drafts = await api('api/rpc/list_entries', { body: {} });
    assert(drafts.status === 403, `list_entries as a reader: HTTP ${drafts.status}`);
  });

  const anon = await newPerson('reader');
  const reading = await step(
    'readers need no login: the start page, the published entry found by its word, and a "Logga in" link',
    async () => {
      await open(anon);
      const search = anon.page.locator('input[type="search"]');
      await search.waitFor();
      await byTestId(anon, 'nav-login').waitFor();
      assert((await count(anon, '[data-testid="nav-new-entry"]')) === 0, '"Ny post" is offered to a reader');
      await search.click();
      await search.pressSequentially(WORD, { delay: 20 });
      await anon.page.locator('a.hit-title', { hasText: TITLE }).waitFor();
    },
  );

  const loginPage = await step(
    'the "Logga in" link leads to the login page, which offers to go on without logging in; axe light and dark',
    async () => {
      await byTestId(anon, 'nav-login').click();
      await anon.page.locator('main h1', { hasText: 'Logga in' }).waitFor();
      assert(new URL(anon.page.url()).hash === '#/logga-in', `the address is ${anon.page.url()}`);
      await anon.page.getByRole('link', { name: 'Fortsätt utan att logga in' }).waitFor();
      await axeBoth(anon, 'login-public');
    },
    30_000,
    reading,
  );

  await step(
    'the skribent logs in with the password the redaktör gave; logging out leaves the reader\'s view, not the login page',
    async () => {
      await logIn(anon, skribent, SKRIBENT_NEW_PASSWORD);
      await byTestId(anon, 'nav-new-entry').waitFor();
      assert(new URL(anon.page.url()).hash === '#/', `after logging in the address is ${anon.page.url()}`);
      assert((await count(anon, '[data-testid="nav-login"]')) === 0, '"Logga in" beside the account');
      await anon.page.screenshot({ path: join(SCREENSHOT_DIR, 'team-header-public.png') });
      await byTestId(anon, 'logout').click();
      await anon.page.locator('main [role="status"]', { hasText: 'Du är utloggad.' }).waitFor();
      await anon.page.locator('input[type="search"]').waitFor();
      await byTestId(anon, 'nav-login').waitFor();
      assert((await count(anon, '[data-testid="nav-new-entry"]')) === 0, '"Ny post" after logging out');
      assert((await count(anon, '.login-page')) === 0, 'the login page after logging out');
    },
    STEP_MS,
    loginPage,
  );

  await step('a disabled account cannot log in; one whose password changed logs in with the new one only', async () => {
    const disabled = await api('api/login', { body: { name: NEWCOMER.name, password: NEWCOMER.password } });
    assert(disabled.status === 401, `the disabled account: HTTP ${disabled.status}`);
    const old = await api('api/login', { body: { name: granskare.name, password: granskare.password } });
    assert(old.status === 401, `the old password: HTTP ${old.status}`);
    const fresh = await apiLogin(granskare.name, GRANSKARE_NEW_PASSWORD);
    assert(fresh.status === 200 && fresh.token, `the new password: HTTP ${fresh.status}`);
    await api('api/logout', { body: {}, cookie: fresh.token });
  });

  await step(
    'a session that ends under the user (answered as a reader\'s, 403) also brings the login page back',
    async () => {
      const sara = await newPerson('skribent (public)');
      await open(sara, '#/logga-in');
      await logIn(sara, skribent, SKRIBENT_NEW_PASSWORD);
      // The redaktör, from a script of her own, gives the skribent yet another password.
      const rut = await apiLogin(redaktor.name, redaktor.password);
      assert(rut.status === 200 && rut.token, `the redaktör's login: HTTP ${rut.status}`);
      const reset = await api('api/rpc/reset_password', {
        body: { name: skribent.name, password: `${SKRIBENT_NEW_PASSWORD}!` },
        cookie: rut.token,
      });
      assert(reset.status === 200, `reset_password: HTTP ${reset.status} ${JSON.stringify(reset.body)}`);
      await byTestId(sara, 'nav-curation').click();
      await byTestId(sara, 'login-expired').waitFor();
      assert((await byTestId(sara, 'login-name').inputValue()) === skribent.name, 'her name is not filled in');
      sara.forgive(/HTTP 403: \/api\/rpc\//);
      // Going on as a reader instead.
      await sara.page.getByRole('link', { name: 'Fortsätt utan att logga in' }).click();
      await sara.page.locator('input[type="search"]').waitFor();
      await byTestId(sara, 'nav-login').waitFor();
      assert((await count(sara, '[data-testid="nav-curation"]')) === 0, 'Redaktion is offered to a reader');
    },
    30_000,
  );
}

try {
  if (PHASE === 'team') await teamPhase();
  else await publicPhase();

  await step('no console errors and no unexpected failed requests, for anyone', async () => {
    const problems = people.flatMap((p) => p.problems);
    assert(problems.length === 0, problems.join('\n'));
  });
} catch (err) {
  report(false, 'the flows ran to the end', err instanceof Error ? err.stack : err);
} finally {
  await browser.close().catch(() => {});
}

finish();
