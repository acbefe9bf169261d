#!/usr/bin/env node
// The web UI end to end in a real browser (Debian's Chromium through playwright-core; no
// browser is ever downloaded), against the real backend, `exempelbank serve`:
//
//   tests/e2e/ui-flows.sh    # serve --write on a new library with the starter entries and
//                            # ui/tests/e2e/seed.json: every flow below
//   tests/e2e/browser.sh     # serve, read-only: the reader's flows, and that nothing else is
//                            # offered or asked for
//
// BASE_URL is the link the server printed. With `--write` it carries the token: the first
// navigation opens it (the server sets the token as an HttpOnly cookie and sends the browser on
// to `/`), and every later address is the app's own, without the token. Node's own requests
// (which server is it, is the token needed) send it as a bearer token.
//
// - the token (`--write` only): without it the API answers 403; the link sets the cookie and
//   leaves the address bar;
// - the flow a civil servant follows: search, filter by a facet and remove the filter, open a
//   hit, go back to the same results;
// - the language setting, remembered over a reload, and the language button's accessible name
//   (its visible text first, then what it does);
// - "Mina listor" (`--write`): an entry saved to a new list from its page, a search saved with
//   its filters from the results, the lists page (the entry's title, the list exported as a PDF
//   brief titled with its name, rename, remove an entry, delete after a confirmation), a saved
//   search run from there and offered on the start page. Read-only: the list steps print
//   "ok - ... (skipped: read-only)", and one step checks instead that no collection control is
//   shown and no collection command is ever sent;
// - the Redaktion and Papperskorg pages (`--write`): the entries by status (the drafts and the
//   entry in review are exactly the ones seed.json added), a dry run of a small CSV shows its
//   rows and enables Importera, which imports it (a rejected row or a refused file does not);
//   the import's choices (grouped in fieldsets, labelled; a preset shows what it decides; a
//   mapping file is read into the form) reach `import_file`, and with "Importera de giltiga
//   raderna och ge mig de avvisade" the dry run shows the skipped column and the notes (a long
//   summary moved, English recognised), the import writes the valid rows as chosen and offers
//   the refused one as `<stem>.avvisade.csv` (downloaded and read); a bad value map is said
//   beside its field, which takes focus; axe in light and dark, pictures import-options.png and
//   import-rejects.png for docs/; a
//   focus area is added and the user name saved (the history below names it); the
//   Papperskorg holds the seeded entries, restores one and is emptied only after a
//   confirmation; "Visa alla statusar" adds drafts to the results. Read-only: none of it is
//   offered, and no such command is sent;
// - the editor and the history (`--write`): a new entry in the editor (a validation message
//   next to the field as one types), sent to review and published, edited (the unsaved change
//   kept over a reload), its history (its four revisions) with a diff (<del>/<ins>), revision 1
//   restored after a confirmation (focus back on its button after Escape, on the heading after
//   restoring); a PDF attached and found by its text, the personal note, the trash and "Ångra"
//   (and the entry, in the trash, shown as gone in a list);
//   axe on the editor, the curation bar and the history (and its dialog), light and dark;
// - export, which a browser downloads from `POST api/export`: an entry as Markdown (its request,
//   its file name, its content, "Hämtad: …"), axe with the dialog open in light and dark,
//   Escape and focus back; "Exportera träffarna" sends every hit as CSV with the columns ticked
//   (and the file holds each of them); a bundle of the library downloaded from Redaktion →
//   Paket (a zip), whose upload is offered (team.mjs imports one);
// - axe-core (WCAG 2.0/2.1 A and AA, and Label in Name: tests/e2e/axe.mjs) on the start page,
//   a results page, an entry, the overview, and with `--write` the lists page (with and without
//   its delete dialog), the Redaktion page with an import report and the trash, in light and
//   dark: no violations allowed; screenshots of each (1280×800) to SCREENSHOT_DIR;
// - on those pages, the missing entry (`#/post/finns-inte`) and the accessibility statement
//   (`#/tillganglighet`): exactly one h1, a document.title of each page's own; no horizontal
//   scrolling at 320 CSS px, of the page or inside it (tables reflow), with and without WCAG
//   1.4.12's text spacing (a screenshot of any that scrolls); at 320 px "Filtrera" comes before
//   the hits and opens the filters above them; under forced colours a hit link and a button
//   reached with Tab show an outline; removing a filter chip, or "Rensa alla filter", leaves
//   focus off <body>; in the English UI (and with `--write` in the editor and the history too)
//   no Swedish text is left inside lang="en": Swedish letters or a focus-area or county name in
//   a text node whose nearest lang is "en" fail. The pictures for docs/ (a11y-entry-320.png,
//   a11y-forced-colours-focus.png, a11y-filter-button.png) are written to SCREENSHOT_DIR;
// - languages and countries: the made-up English entry from Finland (seed-english.json, which
//   browser.sh and ui-flows.sh add) has the badge "Engelska" and lang="en" on its hit's title
//   and snippet and "Finland" among its places; the "Språk" and "Land" facets (shown only where
//   the hits differ in them) filter the results, with chips; its page says "Språk: Engelska",
//   names Finland among its places and marks its text lang="en"; axe on both pages, and the
//   pictures language-results-*.png and language-entry-*.png (light and dark) for docs/; with
//   `--write`, the editor saves a new entry in English with a place in Finland (language and
//   country_code reach the library);
// - "Liknande exempel": on the Södertälje starter entry a heading and 1–5 links after "Se
//   även", as similar_entries answers, never the entry itself nor one under its "Se även", each
//   title marked with its language, the first reached by Tab after "Se även" (pictures
//   similar-entry-*.png for docs/); the English entry lists Swedish ones marked lang="sv";
// - the overview: each chart says how many entries it shows and how many lack its value, and
//   the numbers add up; a few years make a small chart; Tab meets the charts in the order they
//   are laid out.
// - Spridning: the Södertälje entry says "Tagits upp av 16 kommuner och 2 regioner" (counts never
//   added up) over a table of its 4 counted uptakes, and under its map that they have no place;
//   an entry without uptakes has no section; with --write, seed.json's made-up entry
//   (e2e-syntetiskt-spridning) has its places drawn by stage and a timeline by year. Översikt's
//   map colours exactly the counties (or municipalities taken up there) the facets count, its
//   table's link opens the county's search by Enter, a click on a municipality lists the entries
//   taken up there (the chip "Spridd till: …", as many hits as the map counts); axe on both (spread-entry, overview-map) and pictures spread-entry-*.png and
//   spread-overview-*.png in light and dark.
//
// Prints `ok - ...` or `not ok - ...` for each check, then `browser: N passed, M failed`, and
// exits 1 on any failure. Every step has a time limit, and the whole run one of 360 s.
//
// env: BASE_URL (http://127.0.0.1:7878/), SEED (the seed.json the library was given; needed
// with --write), EXPECT_TITLE (Södertälje), SCREENSHOT_DIR (test-output/), CHROMIUM
// (/usr/bin/chromium), QUERY (livsmedel).

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { axeViolations } from './axe.mjs';
import { assert, checks, launchChromium, watchProblems } from './harness.mjs';

const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:7878/';
const EXPECT_TITLE = process.env.EXPECT_TITLE || 'Södertälje';
const QUERY = process.env.QUERY || 'livsmedel';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || 'test-output/';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SEED = process.env.SEED ? JSON.parse(readFileSync(process.env.SEED, 'utf8')) : null;
const STEP_MS = 15_000;
const TOTAL_MS = 360_000;

// The link the server printed, and the app's own address (without the token).
const link = new URL(BASE_URL);
const TOKEN = link.searchParams.get('token');
const APP_URL = new URL(link.pathname, link.origin).href;

// What seed.json added before the server started: drafts, one entry in review, and the
// entries whose id begins with "e2e-papperskorg-", which were moved to the trash.
const inTrash = (e) => e.id.startsWith('e2e-papperskorg-');
const seeded = {
  drafts: (SEED ?? []).filter((e) => !inTrash(e) && e.status === 'utkast'),
  review: (SEED ?? []).filter((e) => !inTrash(e) && e.status === 'granskning'),
  trash: (SEED ?? []).filter(inTrash),
};

// The commands a reader may send (Access::Read in crates/library/src/commands.rs), and the
// routes that run them (and `api/session`, which only says how the server is used); a
// read-only server must never be asked anything else.
const READ_COMMANDS = new Set(['library_info', 'taxonomy', 'search', 'select_entries', 'get_entry', 'similar_entries', 'entry_origin']);
const READ_ROUTES = /^\/api\/(info|taxonomy|search|session|entries\/[^/]+|export)$/;

const { report, step, finish } = checks('browser', { stepMs: STEP_MS, totalMs: TOTAL_MS });

const url = (hash) => new URL(hash, APP_URL).href;

/** A request of Node's own to the server, with the token when there is one. */
async function api(path, body, { token = true } = {}) {
  const headers = {};
  if (token && TOKEN) headers.Authorization = `Bearer ${TOKEN}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url(path), {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

// Whether the server can be written: `library_info` says read_only: false under `serve
// --write` (and in the desktop app), true under a plain `serve`.
let readOnly = true;
try {
  readOnly = (await api('api/info')).body?.read_only !== false;
} catch {
  readOnly = true; // the first step will say the server does not answer
}

/** A step that needs a writable library: skipped (and said so) on a read-only server. */
async function collectionStep(name, fn, ms = STEP_MS, needs = true) {
  if (readOnly) {
    report(true, `${name} (skipped: read-only)`);
    return false;
  }
  return step(name, fn, ms, needs);
}

/** A small PDF with one line of text (ASCII), valid enough for any reader to extract it. */
function makePdf(text) {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

mkdirSync(SCREENSHOT_DIR, { recursive: true });

const browser = await launchChromium({ report, finish }, CHROMIUM, STEP_MS);

const context = await browser.newContext({
  viewport: { width: 1280, height: 800 },
  locale: 'sv-SE',
  colorScheme: 'light',
  acceptDownloads: true,
});
context.setDefaultTimeout(STEP_MS);
const page = await context.newPage();

// Console errors (a CSP violation among them) and failed requests are failures; the few the
// test causes on purpose (validation messages, a refused import) are taken out where they
// happen.
const { problems, forgive } = watchProblems(page);

// Every API request the page makes, by command name (`api/rpc/<name>`) or route.
const apiCalls = [];
page.on('request', (req) => {
  const path = new URL(req.url()).pathname;
  if (path.startsWith('/api/')) apiCalls.push(path);
});
/** The API requests a reader must never make. */
const beyondReading = () =>
  apiCalls.filter((path) => {
    const rpc = /^\/api\/rpc\/([^/]+)$/.exec(path);
    return rpc ? !READ_COMMANDS.has(rpc[1]) : !READ_ROUTES.test(path);
  });

const search = page.locator('input[type="search"]');
const hitTitle = page.locator('a.hit-title', { hasText: EXPECT_TITLE }).first();
const exportDialog = page.locator('dialog.export-dialog[open]');
let entryHash = null;

/** Goes to a page of the app afresh (a load, not an in-app navigation). */
async function open(hash) {
  await page.goto('about:blank');
  await page.goto(url(hash), { waitUntil: 'load' });
  await search.waitFor();
}

/**
 * Waits until an entry's "Liknande exempel" has its answer: the section is no longer busy, or
 * gone because nothing is similar. Call it once the entry's heading is there (the section
 * appears with it, busy).
 */
function similarSettled() {
  return page.waitForFunction(() => {
    const section = document.querySelector('[data-testid="similar-entries"]');
    return section === null || section.getAttribute('aria-busy') === 'false';
  });
}

/** A picture of one part of the page with a margin of the page around it (for docs/). */
async function shootAround(locator, path, margin = 24) {
  await page.mouse.move(0, 0); // nothing hovered
  const box = await locator.evaluate((el, m) => {
    const r = el.getBoundingClientRect();
    const x = Math.max(0, r.left + window.scrollX - m);
    const y = Math.max(0, r.top + window.scrollY - m);
    return { x, y, width: Math.min(document.documentElement.scrollWidth - x, r.width + 2 * m), height: r.height + 2 * m };
  }, margin);
  await page.screenshot({ path, fullPage: true, clip: box });
}

/** Runs an export from the open dialog: the request's body and the downloaded file. */
async function runExport() {
  const sent = page.waitForRequest((r) => new URL(r.url()).pathname.endsWith('/api/export'));
  const download = page.waitForEvent('download');
  await exportDialog.getByTestId('export-run').click();
  const body = JSON.parse((await sent).postData() ?? '{}');
  const file = await download;
  const failure = await file.failure();
  assert(failure === null, `the download failed: ${failure}`);
  const bytes = readFileSync(await file.path());
  return { body, name: file.suggestedFilename(), bytes };
}

try {
  // ------------------------------------------------------------------------------------------
  // The link, and the token
  if (TOKEN) {
    await step('without the token the API answers 403, with it the server answers', async () => {
      const bare = await api('api/info', undefined, { token: false });
      assert(bare.status === 403, `GET api/info without the token: HTTP ${bare.status}`);
      const rpc = await api('api/rpc/list_entries', {}, { token: false });
      assert(rpc.status === 403, `POST api/rpc/list_entries without the token: HTTP ${rpc.status}`);
      const info = await api('api/info');
      assert(info.status === 200 && info.body?.read_only === false, `with it: ${JSON.stringify(info)}`);
    });
  }

  const started = await step('the link opens the start page with a search box', async () => {
    await page.goto(BASE_URL, { waitUntil: 'load' });
    await search.waitFor();
    await page.locator('main h1').waitFor();
    if (TOKEN) {
      assert(!page.url().includes('token='), `the token stays in the address: ${page.url()}`);
      const cookies = await context.cookies(APP_URL);
      const cookie = cookies.find((c) => c.value === TOKEN);
      assert(cookie, `no cookie holds the token: ${cookies.map((c) => c.name).join(', ')}`);
      assert(cookie.httpOnly && cookie.sameSite === 'Strict', `the cookie is ${JSON.stringify(cookie)}`);
    }
  });
  if (!started) throw new Error(`the app does not answer at ${APP_URL}: nothing more to check`);
  if (!readOnly && SEED === null) throw new Error('a writable server needs SEED (run tests/e2e/ui-flows.sh)');

  // ------------------------------------------------------------------------------------------
  // The flow
  const found = await step(`typing "${QUERY}" lists a hit titled "${EXPECT_TITLE}…"`, async () => {
    await open('#/');
    await search.click();
    await search.pressSequentially(QUERY, { delay: 25 });
    await hitTitle.waitFor();
    const title = (await hitTitle.innerText()).trim();
    assert(title.startsWith(EXPECT_TITLE), `the hit is titled ${title}`);
    assert(page.url().includes(`q=${encodeURIComponent(QUERY)}`), `the address is ${page.url()}`);
    entryHash = await hitTitle.getAttribute('href');
  });

  let facetLabel = '';
  await step('ticking a facet filter shows its chip', async () => {
    const option = page.locator('.facets label.option').first();
    await option.waitFor();
    facetLabel = (await option.locator('.label').innerText()).trim();
    await option.locator('input[type="checkbox"]').check();
    const chip = page.locator('.chip', { hasText: facetLabel });
    await chip.waitFor();
    assert(await option.locator('input').isChecked(), 'the box is not ticked');
  });

  await step('removing the chip removes the filter', async () => {
    await page.locator('.chip', { hasText: facetLabel }).click();
    await page.locator('.chip').first().waitFor({ state: 'detached' });
    await hitTitle.waitFor();
    assert(!page.url().includes('fokus=') && !page.url().includes('lan='), `the address is ${page.url()}`);
  });

  const opened = await step(
    'opening the hit shows the entry',
    async () => {
      await hitTitle.click();
      const h1 = page.locator('h1.entry-title');
      await h1.waitFor();
      const title = (await h1.innerText()).trim();
      assert(title.startsWith(EXPECT_TITLE), `the entry is titled ${title}`);
    },
    STEP_MS,
    found,
  );

  await step('links out of the app are safe: http(s)/mailto only, with rel="noopener noreferrer"', async () => {
    await page.locator('.entry').waitFor();
    const links = await page.$$eval('a[href]', (as) =>
      as.map((a) => ({ href: a.getAttribute('href') ?? '', rel: a.rel, target: a.target })),
    );
    const outside = links.filter((l) => !l.href.startsWith('#'));
    for (const l of outside) {
      assert(/^(https?:|mailto:)/i.test(l.href), `a link to ${l.href}`);
      assert(l.rel.includes('noopener') && l.rel.includes('noreferrer'), `${l.href} has rel="${l.rel}"`);
      if (/^https?:/i.test(l.href)) assert(l.target === '_blank', `${l.href} opens in the same tab`);
    }
    const scripts = await page.locator('.entry script, .entry [onerror], .entry [onclick]').count();
    assert(scripts === 0, `${scripts} script elements or handlers in the entry`);
  }, STEP_MS, opened);

  await step(
    'browser back shows the same results again',
    async () => {
      await page.goBack();
      await hitTitle.waitFor();
      assert((await search.inputValue()) === QUERY, `the search box holds "${await search.inputValue()}"`);
      assert(page.url().includes(`q=${encodeURIComponent(QUERY)}`), `the address is ${page.url()}`);
    },
    STEP_MS,
    opened,
  );

  // The toggle's accessible name (as the accessibility tree has it) must begin with the text it
  // shows and go on to say what it does, in either language (WCAG 2.5.3, Label in Name).
  const toggleNamed = async (visible, doing) => {
    const toggle = page.locator('button.language');
    const text = (await toggle.innerText()).trim();
    assert(text === visible, `the language button shows "${text}"`);
    const name = /^- button "(.*)"/.exec(await toggle.ariaSnapshot())?.[1] ?? '';
    assert(name.startsWith(text) && doing.test(name), `the language button "${text}" is named "${name}"`);
  };

  // A typo: the hits say which word they were found for (WCAG 3.3.3 in spirit; issue #18, 8).
  await step('a mistyped word finds the entries and says "Visar träffar för livsmedel"', async () => {
    await open('#/sok?q=livsmedl');
    await hitTitle.waitFor();
    const said = (await page.getByTestId('search-corrected').innerText()).trim();
    assert(said === 'Visar träffar för livsmedel.', `the note says "${said}"`);
    await page.getByTestId('results-announcement').filter({ hasText: 'Visar träffar för ”livsmedel”' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'typo-corrected.png') });
  });

  await step('no hits: "Menade du livsmedel?" searches for it; no filters where there is nothing to filter', async () => {
    await open('#/sok?q=livsmdl');
    const meant = page.getByTestId('did-you-mean');
    await meant.waitFor();
    assert((await meant.innerText()).trim() === 'Menade du livsmedel?', `it says "${await meant.innerText()}"`);
    const advice = await page.locator('.no-hits').innerText();
    assert(!advice.includes('filter'), `the advice speaks of filters that are not there: ${advice}`);
    assert((await page.locator('#filters, .filters-toggle').count()) === 0, 'an empty filter panel is shown');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'zero-hits-suggestion.png') });
    await meant.getByRole('link').click();
    await hitTitle.waitFor();
    assert(page.url().includes('q=livsmedel'), `the address is ${page.url()}`);
    // Nothing near: no suggestion, and still no filters.
    await open('#/sok?q=xyzzy');
    await page.locator('.no-hits').waitFor();
    assert((await page.getByTestId('did-you-mean').count()) === 0, 'xyzzy got a suggestion');
    assert((await page.locator('#filters, .filters-toggle').count()) === 0, 'an empty filter panel is shown');
  });

  await step('the language button is named by its visible text and what it does, in both languages', async () => {
    await toggleNamed('English', /engelska/);
    await page.locator('button.language').click();
    await page.locator('html[lang="en"]').waitFor();
    await toggleNamed('Svenska', /Swedish/);
    await page.locator('button.language').click();
    await page.locator('html[lang="sv"]').waitFor();
  });

  await step('the language can be switched to English, and it is remembered', async () => {
    await page.locator('button.language').click();
    await page.locator('html[lang="en"]').waitFor();
    const label = (await page.locator('.search-button').innerText()).trim();
    assert(label === 'Search', `the search button says ${label}`);
    await page.reload();
    await page.locator('html[lang="en"]').waitFor();
    await page.locator('button.language').click();
    await page.locator('html[lang="sv"]').waitFor();
    const back = (await page.locator('.search-button').innerText()).trim();
    assert(back === 'Sök', `the search button says ${back}`);
  });

  // ------------------------------------------------------------------------------------------
  // Mina listor (only where the library can be written)
  const stamp = Date.now().toString(36);
  const listName = `E2E-lista ${stamp}`;
  const renamed = `E2E-lista omdöpt ${stamp}`;
  const searchName = `E2E-sökning ${stamp}`;
  let savedHash = '';
  const card = (name) => page.locator('.list-card').filter({ has: page.locator('h3', { hasText: name }) });

  const listed = await collectionStep(
    'Mina listor: the entry page saves the entry to a new list',
    async () => {
      await open(entryHash);
      await page.locator('h1.entry-title').waitFor();
      await page.locator('#save-list-select').selectOption('new');
      await page.locator('#save-list-name').fill(listName);
      await page.locator('.entry-lists button[type="submit"]').click();
      await page.locator('.entry-lists .in-lists a', { hasText: listName }).waitFor();
      const status = await page.locator('.entry-lists [role="status"]').innerText();
      assert(status.includes(listName), `the status says "${status}"`);
    },
    STEP_MS,
    found,
  );

  const savedSearch = await collectionStep(
    'Mina listor: the results save the search with its filter, named after the query',
    async () => {
      await open(`#/sok?q=${encodeURIComponent(QUERY)}`);
      await page.locator('a.hit-title').first().waitFor();
      await page.locator('.facets label.option input[type="checkbox"]').first().check();
      await page.locator('.chip').first().waitFor();
      savedHash = new URL(page.url()).hash;
      await page.locator('.save-search-button').click();
      const name = page.locator('#save-search-name');
      await name.waitFor();
      assert((await name.inputValue()) === QUERY, `the name offered is "${await name.inputValue()}"`);
      await name.fill(searchName);
      await name.press('Enter');
      await page.locator('.save-status', { hasText: searchName }).waitFor();
    },
    STEP_MS,
    found,
  );

  await collectionStep(
    'Mina listor: the lists page shows the list with the entry\'s title, and the saved search',
    async () => {
      await page.locator('.site-nav a[href="#/listor"]').click();
      await page.locator('h1', { hasText: 'Mina listor' }).waitFor();
      const title = card(listName).locator('a.list-entry').first();
      await title.waitFor();
      assert((await title.innerText()).startsWith(EXPECT_TITLE), `the entry is titled ${await title.innerText()}`);
      await page.locator('a.saved-link', { hasText: searchName }).waitFor();
    },
    STEP_MS,
    listed && savedSearch,
  );

  await collectionStep(
    'Mina listor: a list is exported as a PDF brief titled with its name (a download)',
    async () => {
      await card(listName).getByTestId('export-open').click();
      await exportDialog.locator('h2', { hasText: 'Exportera listan' }).waitFor();
      const title = exportDialog.locator('input[type="text"]');
      assert((await title.inputValue()) === listName, `the title offered is "${await title.inputValue()}"`);
      assert(await exportDialog.getByTestId('export-format-pdf').isChecked(), 'PDF is not chosen first');
      const { body, name, bytes } = await runExport();
      assert(body.options?.format === 'pdf', `the format sent is ${body.options?.format}`);
      assert(body.options?.brief === true && body.options?.title === listName, JSON.stringify(body.options));
      assert(body.ids?.length === 1, `${body.ids?.length} ids sent for a list of one entry`);
      assert(name.endsWith('.pdf'), `the download is named ${name}`);
      assert(bytes.subarray(0, 5).toString('latin1') === '%PDF-', 'the download is not a PDF');
      const result = exportDialog.getByTestId('export-result');
      await result.waitFor();
      assert((await result.innerText()).trim() === `Hämtad: ${name}`, `the result says "${await result.innerText()}"`);
      await page.keyboard.press('Escape');
      await exportDialog.waitFor({ state: 'detached' });
    },
    60_000,
    listed,
  );

  await collectionStep(
    'Mina listor: a list is renamed, loses its entry, and is deleted only after a confirmation',
    async () => {
      await open('#/listor');
      await card(listName).getByRole('button', { name: /^Byt namn/ }).click();
      const input = card(listName).locator('input[type="text"]');
      await input.fill(renamed);
      await input.press('Enter');
      await card(renamed).waitFor();
      await card(renamed).getByRole('button', { name: /^Ta bort ur listan/ }).click();
      await card(renamed).locator('.empty').waitFor();
      const dialog = page.locator('dialog.confirm');
      const deleteButton = card(renamed).getByRole('button', { name: /^Ta bort listan/ });
      await deleteButton.click();
      await dialog.locator('h2').waitFor();
      await dialog.getByRole('button', { name: 'Avbryt' }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert((await card(renamed).count()) === 1, 'the list went although the deletion was cancelled');
      assert(await deleteButton.evaluate((el) => el === document.activeElement), 'focus is not back on "Ta bort listan"');
      await deleteButton.click();
      await dialog.getByRole('button', { name: 'Ta bort listan' }).click();
      await card(renamed).waitFor({ state: 'detached' });
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    },
    STEP_MS,
    listed && savedSearch,
  );

  await collectionStep(
    'Mina listor: a saved search runs with its filters, and the start page offers it',
    async () => {
      await open('#/listor');
      await page.locator('a.saved-link', { hasText: searchName }).click();
      await hitTitle.waitFor();
      await page.locator('.chip').first().waitFor();
      assert(new URL(page.url()).hash === savedHash, `the address is ${page.url()}, saved from ${savedHash}`);
      await open('#/');
      await page.locator('.saved a', { hasText: searchName }).waitFor();
      await open('#/listor');
      await page.getByRole('button', { name: `Ta bort: ${searchName}` }).click();
      await page.locator('a.saved-link', { hasText: searchName }).waitFor({ state: 'detached' });
    },
    STEP_MS,
    savedSearch,
  );

  if (readOnly) {
    await step('read-only: no lists or saved searches are offered, and none are asked for', async () => {
      await open(`#/sok?q=${encodeURIComponent(QUERY)}`);
      await page.locator('a.hit-title').first().waitFor();
      const controls = await page.locator('.site-nav a[href="#/listor"], .save-search-button, .entry-lists').count();
      assert(controls === 0, `${controls} collection controls shown`);
      if (entryHash !== null) {
        await open(entryHash);
        await page.locator('h1.entry-title').waitFor();
        assert((await page.locator('.entry-lists').count()) === 0, 'the entry page offers "Spara i lista"');
      }
      const asked = beyondReading();
      assert(asked.length === 0, `asked for ${asked.join(', ')}`);
    });
  } else {
    report(true, 'read-only: no lists or saved searches are offered (skipped: not read-only)');
  }

  // Four charts always, and countries and languages where the library has more than one of
  // them: it has (Sweden and Finland, Swedish and English; seed-english.json).
  await step('the overview draws six charts (countries and languages among them), each with a table', async () => {
    await page.locator('a[href="#/oversikt"]').first().click();
    await page.locator('.chart svg[role="img"]').nth(5).waitFor();
    const charts = await page.locator('.chart svg[role="img"][aria-label]').count();
    const tables = await page.locator('.chart-card table').count();
    assert(charts === 6, `${charts} charts`);
    assert(tables === 6, `${tables} tables`);
    const titles = await page.locator('.chart-card h2').allInnerTexts();
    assert(titles.includes('Poster per land') && titles.includes('Poster per språk'), `the charts are ${titles.join(', ')}`);
    const countries = await page.locator('#chart-country-title ~ details th[scope="row"]').allTextContents();
    assert(countries.includes('Finland') && countries.includes('Sverige'), `the countries' table names ${countries.join(', ')}`);
    const languages = await page.locator('#chart-language-title ~ details th[scope="row"]').allTextContents();
    assert(languages.includes('Engelska') && languages.includes('Svenska'), `the languages' table names ${languages.join(', ')}`);
  });

  await step('the overview: each chart says how many entries it shows and how many lack its value', async () => {
    await open('#/oversikt');
    await page.locator('.chart svg[role="img"]').nth(5).waitFor();
    const intro = await page.locator('.page-intro p').innerText();
    const total = Number(/(\d+) publicerade poster/.exec(intro)?.[1] ?? NaN);
    assert(Number.isInteger(total), `the introduction says "${intro}"`);
    assert(!/Välj ett namn/.test(intro), `the introduction asks for a choice in a closed table: "${intro}"`);
    const lacking = { focus: 'fokusområde', lan: 'län', stage: 'skede', year: 'år', country: 'land', language: 'språk' };
    for (const [chart, word] of Object.entries(lacking)) {
      const said = (await page.getByTestId(`chart-${chart}-coverage`).innerText()).trim();
      const some = new RegExp(`^Diagrammet visar (\\d+) av ${total} poster; (\\d+) saknar ${word}\\.$`).exec(said);
      const all = said === `Diagrammet visar alla ${total} poster.`;
      assert(all || some, `the ${chart} chart says "${said}"`);
      if (some) assert(Number(some[1]) + Number(some[2]) === total, `the ${chart} chart's numbers do not add up: "${said}"`);
      // The shown count is what the search for any of the chart's values finds: at least the
      // tallest bar, and no more than the bars together.
      const counts = (await page.locator(`#chart-${chart}-title ~ details td.number`).allTextContents()).map((c) => Number(c.replace(/\D/g, '')));
      const shown = all ? total : Number(some[1]);
      assert(shown >= Math.max(0, ...counts) && shown <= counts.reduce((a, b) => a + b, 0), `${chart}: ${shown} shown, bars ${counts}`);
    }
    // The years are drawn as wide as their bars need: a few years make a small chart.
    const years = await page.locator('#chart-year-title ~ details tbody tr').count();
    const [drawn, room] = await page.locator('.area-year .chart').evaluate((el) => [el.querySelector('svg')?.getBoundingClientRect().width ?? 0, el.clientWidth]);
    if (years <= 6) assert(drawn <= 52 + Math.max(3, years) * 72 + 1 && drawn < room, `${years} years drawn ${drawn} px wide in ${room} px`);
    // Tab meets the charts in the order they are laid out: by rows, then left to right.
    const laidOut = await page.locator('.chart-card').evaluateAll((cards) =>
      cards
        .map((c) => ({ id: c.querySelector('h2')?.id ?? '', box: c.getBoundingClientRect() }))
        .sort((a, b) => Math.round(a.box.top) - Math.round(b.box.top) || a.box.left - b.box.left)
        .map((c) => c.id),
    );
    await page.locator('main h1').focus();
    const met = [];
    for (let i = 0; i < 40 && met.length < laidOut.length; i += 1) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => document.activeElement?.closest('.chart-card')?.querySelector('h2')?.id ?? null);
      if (at !== null && met.at(-1) !== at) met.push(at);
    }
    assert(JSON.stringify(met) === JSON.stringify(laidOut), `Tab meets ${met.join(', ')}; laid out ${laidOut.join(', ')}`);
  });

  // ------------------------------------------------------------------------------------------
  // Languages and countries: the made-up English entry from Finland (ui/tests/e2e/
  // seed-english.json, added by browser.sh and ui-flows.sh before the server starts) among the
  // Swedish entries of its focus area.
  const ENGLISH_TITLE = 'Automated decisions in social services';
  const ENGLISH_RESULTS = '#/sok?fokus=digitalisering';
  const englishHit = page.locator('li.hit').filter({ has: page.locator('a.hit-title', { hasText: ENGLISH_TITLE }) });
  const facetGroup = (legend) => page.locator('fieldset.facet').filter({ has: page.locator('legend', { hasText: new RegExp(`^${legend}$`) }) });
  const facetOption = (legend, label) =>
    facetGroup(legend).locator('label.option').filter({ has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) });
  const hitCount = async () => Number(((await page.locator('.hit-count').innerText()).match(/^\d+/) ?? ['NaN'])[0]);
  let englishHash = null;

  const englishListed = await step('an English hit: the badge "Engelska", lang="en" on its title and snippet, Finland among its places', async () => {
    await open(ENGLISH_RESULTS);
    await englishHit.waitFor();
    const badge = englishHit.getByTestId('hit-language');
    assert((await badge.textContent()).trim() === 'Språk: Engelska', `the badge says "${await badge.textContent()}"`);
    assert((await page.getByTestId('hit-language').count()) === 1, 'a Swedish hit has a language badge');
    assert((await englishHit.locator('h2.hit-heading').getAttribute('lang')) === 'en', 'the title is not lang="en"');
    assert((await englishHit.locator('p.snippet').getAttribute('lang')) === 'en', 'the snippet is not lang="en"');
    const swedish = page.locator('li.hit').filter({ hasNot: page.getByTestId('hit-language') }).first();
    assert((await swedish.locator('h2.hit-heading').getAttribute('lang')) === 'sv', 'a Swedish hit is not lang="sv"');
    const countries = (await englishHit.getByTestId('hit-countries').innerText()).trim();
    assert(countries === 'Finland', `its places say "${countries}"`);
    assert((await facetGroup('Språk').count()) === 1 && (await facetGroup('Land').count()) === 1, 'no "Språk" or "Land" facet');
    englishHash = await englishHit.locator('a.hit-title').getAttribute('href');
    await page.evaluate(() => document.fonts.ready);
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await page.waitForTimeout(100);
      // The whole page: the hits, and the "Språk" and "Land" facets further down the panel.
      await page.screenshot({ path: join(SCREENSHOT_DIR, `language-results-${colorScheme}.png`), fullPage: true });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await step('"Språk" and "Land" are offered only where the hits differ in them', async () => {
    await open(`#/sok?q=${encodeURIComponent(QUERY)}`);
    await hitTitle.waitFor();
    await page.locator('fieldset.facet').first().waitFor();
    assert((await facetGroup('Språk').count()) === 0, 'Swedish hits only, and a "Språk" facet');
    assert((await facetGroup('Land').count()) === 0, 'hits from Sweden only, and a "Land" facet');
  });

  await step('the "Språk" facet filters the results (sprak=en), with a chip that takes it off', async () => {
    await open(ENGLISH_RESULTS);
    await englishHit.waitFor();
    const before = await hitCount();
    assert(before > 1, `${before} hits before filtering`);
    await facetOption('Språk', 'Engelska').locator('input').check();
    const chip = page.locator('.chip', { hasText: 'Engelska' });
    await chip.waitFor();
    assert(/sprak=en/.test(page.url()), `the address is ${page.url()}`);
    await page.locator('.hit-count', { hasText: /^1 träff/ }).waitFor();
    assert((await page.locator('li.hit').count()) === 1 && (await englishHit.count()) === 1, 'the English hit is not the only one');
    assert(((await chip.getAttribute('aria-label')) ?? '').includes('Språk: Engelska'), `the chip is named "${await chip.getAttribute('aria-label')}"`);
    // The facet stays with its values, counted as if it were not picked.
    assert((await facetOption('Språk', 'Svenska').count()) === 1, 'Svenska went from the facet');
    await chip.click();
    await chip.waitFor({ state: 'detached' });
    await page.locator('.hit-count', { hasText: new RegExp(`^${before} träffar`) }).waitFor();
    assert(!page.url().includes('sprak='), `the address is ${page.url()}`);
  }, STEP_MS, englishListed);

  await step('the "Land" facet filters the results (land=FI); back and forward keep it', async () => {
    await open(ENGLISH_RESULTS);
    await englishHit.waitFor();
    const finland = facetOption('Land', 'Finland');
    assert((await finland.locator('.count [aria-hidden="true"]').innerText()).trim() === '1', 'Finland does not count 1');
    assert((await facetOption('Land', 'Sverige').count()) === 1, 'Sverige is not offered');
    await finland.locator('input').check();
    const chip = page.locator('.chip', { hasText: 'Finland' });
    await chip.waitFor();
    assert(/land=FI/.test(page.url()), `the address is ${page.url()}`);
    await page.locator('.hit-count', { hasText: /^1 träff/ }).waitFor();
    assert((await englishHit.count()) === 1, 'the English hit is not the one found');
    await page.goBack();
    await chip.waitFor({ state: 'detached' });
    await page.goForward();
    await chip.waitFor();
    await page.locator('.hit-count', { hasText: /^1 träff/ }).waitFor();
    await page.getByRole('button', { name: 'Rensa alla filter' }).click();
    await page.locator('.chip').first().waitFor({ state: 'detached' });
    assert(!page.url().includes('land='), `the address is ${page.url()}`);
  }, STEP_MS, englishListed);

  await step('the English entry: "Språk: Engelska" among the facts, Finland among its places, its text lang="en"', async () => {
    await open(englishHash);
    const h1 = page.locator('h1.entry-title');
    await h1.waitFor();
    assert((await h1.innerText()).trim() === ENGLISH_TITLE, `the entry is titled ${await h1.innerText()}`);
    assert((await h1.getAttribute('lang')) === 'en', 'the title is not lang="en"');
    const language = page.getByTestId('fact-language');
    assert((await language.innerText()).trim() === 'Engelska', `the language says "${await language.innerText()}"`);
    const term = await language.evaluate((dd) => dd.previousElementSibling?.textContent?.trim() ?? '');
    assert(term === 'Språk', `the fact is called "${term}"`);
    const country = page.getByTestId('place-country');
    assert((await country.innerText()).trim() === 'Finland', `the place says "${await country.innerText()}"`);
    const prose = await page.locator('.entry .prose').evaluateAll((els) => els.map((el) => el.getAttribute('lang')));
    assert(prose.length >= 3 && prose.every((l) => l === 'en'), `the summary and sections are lang=${prose.join(', ')}`);
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `language-entry-${colorScheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // A Swedish entry has no language fact, and its text stays Swedish.
    await open('#/post/sodertalje-hallbar-livsmedelsforsorjning');
    await page.locator('h1.entry-title').waitFor();
    assert((await page.getByTestId('fact-language').count()) === 0, 'a Swedish entry says its language');
    assert((await page.locator('h1.entry-title').getAttribute('lang')) === 'sv', 'a Swedish entry is not lang="sv"');
  }, STEP_MS, englishListed);

  // ------------------------------------------------------------------------------------------
  // "Liknande exempel": a starter entry's page lists the entries the library finds most like
  // it (similar_entries): a heading and a list of 1–5 links after "Se även", never the entry
  // itself nor one under its "Se även", in the library's order, each title marked with its
  // language (a badge when not Swedish) and reached by Tab after "Se även". The English entry
  // lists Swedish ones, marked lang="sv". Pictures similar-entry-*.png for docs/.
  const SIMILAR_ENTRY = 'sodertalje-hallbar-livsmedelsforsorjning';
  const similarSection = page.getByTestId('similar-entries');
  const similarItems = similarSection.locator('ul.similar-list > li');
  /** What the library answers for an entry: its uid and "Se även", and its similar entries. */
  const similarFromLibrary = async (id) => {
    const entry = (await api(`api/entries/${encodeURIComponent(id)}`)).body;
    const similar = (await api('api/rpc/similar_entries', { id })).body;
    assert(Array.isArray(similar), `similar_entries answered ${JSON.stringify(similar)}`);
    return { entry, similar };
  };
  /** The similar entries the page shows, checked against the library's answer. */
  const checkSimilar = async (id) => {
    const { entry, similar } = await similarFromLibrary(id);
    assert(!similar.some((h) => h.uid === entry.uid || (entry.related ?? []).includes(h.uid)), 'the library answers the entry itself or one of its "Se även"');
    await open(`#/post/${id}`);
    await page.locator('h1.entry-title').waitFor();
    await similarSettled();
    const hrefs = await similarItems.locator('a.hit-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert(
      JSON.stringify(hrefs) === JSON.stringify(similar.slice(0, 5).map((h) => `#/post/${h.id}`)),
      `the page lists ${hrefs.join(', ')}; the library ${similar.map((h) => h.id).join(', ')}`,
    );
    for (const [i, h] of similar.slice(0, 5).entries()) {
      const item = similarItems.nth(i);
      const lang = await item.locator('h3.hit-heading').getAttribute('lang');
      assert(lang === h.language, `${h.id}: its title is lang="${lang}", the entry is in ${h.language}`);
      assert((await item.getByTestId('hit-language').count()) === (h.language === 'sv' ? 0 : 1), `${h.id}: a language badge where it should not be, or none`);
      assert((await item.locator('.badge.accent').count()) === 1, `${h.id}: no kind`);
    }
    return { entry, hrefs };
  };

  await step('"Liknande exempel" on a starter entry: a heading and 1–5 links after "Se även", never itself nor one of its "Se även"', async () => {
    const { hrefs } = await checkSimilar(SIMILAR_ENTRY);
    const heading = similarSection.locator('h2');
    assert((await heading.innerText()).trim() === 'Liknande exempel', `the heading says "${await heading.innerText()}"`);
    assert((await similarSection.getAttribute('aria-labelledby')) === (await heading.getAttribute('id')), 'the section is not named by its heading');
    assert(hrefs.length >= 1 && hrefs.length <= 5, `${hrefs.length} similar entries`);
    assert((await similarItems.count()) === hrefs.length, 'the list has items that are not links');
    const own = `#/post/${SIMILAR_ENTRY}`;
    assert(!hrefs.includes(own), 'the entry is listed as like itself');
    const seeAlso = await page.locator('nav.see-also a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert(seeAlso.length > 0, 'the entry has no "Se även" to leave out');
    const both = hrefs.filter((h) => seeAlso.includes(h));
    assert(both.length === 0, `under "Se även" too: ${both.join(', ')}`);
    // After "Se även" in the page, and the next stop of Tab after its last link.
    const after = await page.evaluate(() => {
      const nav = document.querySelector('nav.see-also');
      const section = document.querySelector('[data-testid="similar-entries"]');
      return nav !== null && section !== null && (nav.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    assert(after, '"Liknande exempel" does not come after "Se även"');
    await page.locator('nav.see-also a').last().focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? document.activeElement?.tagName);
    assert(focused === hrefs[0], `Tab after "Se även" went to ${focused}`);
    // The pictures: "Se även" and "Liknande exempel" in view, light and dark, nothing focused.
    await page.evaluate(() => {
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      document.querySelector('nav.see-also')?.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -24);
    });
    await page.evaluate(() => document.fonts.ready);
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `similar-entry-${colorScheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await step('"Liknande exempel" on the English entry: Swedish titles marked lang="sv"', async () => {
    const id = decodeURIComponent(englishHash.replace(/^#\/post\//, ''));
    const { hrefs } = await checkSimilar(id);
    assert(hrefs.length >= 1, 'nothing is like the English entry');
    assert(!hrefs.includes(englishHash), 'the entry is listed as like itself');
  }, STEP_MS, englishListed && englishHash !== null);

  // ------------------------------------------------------------------------------------------
  // Spridning: the entry's uptakes in words, as a table, a timeline and a map; Översikt's map
  // of Sweden by county or municipality, with a table whose links open each area's search.
  // The starter Södertälje entry has counted uptakes only (no places); the --write run's seed
  // adds a made-up entry with municipalities (e2e-syntetiskt-spridning) for the pictures.
  const SPREAD_ENTRY = '#/post/sodertalje-hallbar-livsmedelsforsorjning';
  const synthetic = (SEED ?? []).find((e) => e.id === 'e2e-syntetiskt-spridning') ?? null;
  const spreadPictureEntry = synthetic ? `#/post/${synthetic.id}` : SPREAD_ENTRY;

  await step('Spridning on the Södertälje entry: "Tagits upp av 16 kommuner och 2 regioner", its 4 uptakes in a table', async () => {
    await open(SPREAD_ENTRY);
    const section = page.getByTestId('spread-section');
    await section.waitFor();
    const summary = (await page.getByTestId('spread-summary').innerText()).trim();
    // Counts are never added up: 16 + 3 municipalities and 2 + 1 regions are at least 16 and 2.
    assert(summary === 'Tagits upp av 16 kommuner och 2 regioner', `the summary says "${summary}"`);
    const rows = page.getByTestId('spread-table').locator('tbody tr');
    assert((await rows.count()) === 4, `${await rows.count()} rows in the table`);
    const first = (await rows.first().locator('th, td').allInnerTexts()).map((s) => s.trim());
    assert(first[0] === '16 (antal, inga namn)' && first[1] === 'Kommun' && first[2] === 'Intresserad', `the first row: ${first.join(' | ')}`);
    assert(first[4] === 'Mälardalsrådet: Innovation i offentlig sektor', `the first row's source: ${first[4]}`);
    // No uptake has a place: the map says where they went instead, and still shows the origin.
    const unplaced = (await page.getByTestId('spread-map-unplaced').innerText()).trim();
    assert(unplaced === '16 kommuner och 2 regioner utan angiven ort visas bara i tabellen.', `under the map: "${unplaced}"`);
    const svg = section.locator('svg.sweden-map');
    await svg.waitFor();
    assert((await svg.getAttribute('aria-hidden')) === 'true', 'the map is not hidden from assistive technology');
    assert((await section.locator('g.map-origin path, g.map-origin circle').count()) >= 1, 'the map does not show where the case comes from');
    const source = await section.locator('.map-source').innerText();
    assert(/^Kartdata: okfse\/sweden-geojson/.test(source), `the map's source line: "${source}"`);
  });

  await step('Spridning: an entry without uptakes shows no section', async () => {
    const hit = await api('api/search', { query: '', focus: [], lan: [], municipality: [], kind: [], stage: [], all: false, prefix: false, sort: 'newest', limit: 50 });
    const without = (hit.body?.hits ?? []).find((h) => h.reach === 0);
    assert(without, 'no published entry without uptakes to look at');
    await open(`#/post/${without.id}`);
    await page.locator('h1.entry-title').waitFor();
    await page.waitForTimeout(200);
    assert((await page.getByTestId('spread-section').count()) === 0, `${without.id} shows a Spridning section`);
  });

  if (synthetic) {
    await step('Spridning: the made-up entry\'s uptakes are on the map by stage, with a shape each, and in the timeline', async () => {
      await open(spreadPictureEntry);
      const section = page.getByTestId('spread-section');
      await section.locator('svg.sweden-map').waitFor();
      const placed = synthetic.uptakes.filter((u) => u.code);
      for (const stage of new Set(placed.map((u) => u.stage))) {
        const areas = await section.locator(`svg.sweden-map g.map-stage-${stage} path, svg.sweden-map g.map-stage-${stage} circle`).count();
        assert(areas > 0, `nothing drawn for the stage ${stage}`);
      }
      const legend = (await page.getByTestId('spread-map-legend').innerText()).split('\n').map((s) => s.trim()).filter(Boolean);
      assert(legend.includes('Härifrån kommer exemplet') && legend.includes('Infört') && legend.includes('Avslutat'), `the legend: ${legend.join(', ')}`);
      const years = (await page.getByTestId('spread-timeline').locator(':scope > li > .year').allInnerTexts()).map(Number);
      assert(JSON.stringify(years) === JSON.stringify([2020, 2021, 2022, 2023]), `the timeline's years: ${years}`);
    });
  }

  await step('Översikt\'s map: counties by default, its table\'s link opens the county\'s search by keyboard', async () => {
    await open('#/oversikt');
    const card = page.getByTestId('overview-map');
    await card.locator('svg.sweden-map').waitFor();
    assert((await card.locator('g.map-choropleth path').count()) === 21, 'the map does not draw 21 counties');
    const source = await card.locator('.map-source').innerText();
    assert(/^Kartdata: /.test(source), `the map's source line: "${source}"`);
    const lan = await api('api/search', { query: '', focus: [], lan: [], municipality: [], kind: [], stage: [], all: false, prefix: false, sort: 'relevance', limit: 1 });
    const counties = Object.entries(lan.body.facets.lan).filter(([, n]) => n > 0);
    const rows = card.getByTestId('overview-map-table').locator('tbody tr');
    assert((await rows.count()) === counties.length, `${await rows.count()} rows, ${counties.length} counties with entries`);
    // The areas with entries are coloured; the others are not.
    const coloured = await card.locator('g.map-choropleth path:not(.map-class-0)').count();
    assert(coloured === counties.length, `${coloured} counties coloured, ${counties.length} with entries`);
    const link = rows.first().locator('a');
    const href = (await link.getAttribute('href')) ?? '';
    const code = /lan=(\d\d)/.exec(href)?.[1];
    assert(code !== undefined && lan.body.facets.lan[code] > 0, `the first row's link is ${href}`);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.hash.startsWith('#/sok?'));
    assert(new URL(page.url()).hash === href, `Enter opened ${new URL(page.url()).hash}, not ${href}`);
    await page.locator('a.hit-title').first().waitFor();
  });

  await step('Översikt\'s map: by municipality, taken up there; a click on a municipality lists the entries taken up there', async () => {
    await open('#/oversikt');
    const card = page.getByTestId('overview-map');
    await card.locator('svg.sweden-map').waitFor();
    await card.getByTestId('map-level-municipality').check();
    await card.getByTestId('map-measure-spread').check();
    await card.locator('g.map-choropleth path').nth(289).waitFor({ state: 'attached' });
    const all = await api('api/search', { query: '', focus: [], lan: [], municipality: [], kind: [], stage: [], all: false, prefix: false, sort: 'relevance', limit: 1 });
    const spread = Object.entries(all.body.facets.spread_municipality ?? {}).filter(([, n]) => n > 0);
    const coloured = await card.locator('g.map-choropleth path:not(.map-class-0)').count();
    assert(coloured === spread.length, `${coloured} municipalities coloured, ${spread.length} with uptakes`);
    if (spread.length > 0) {
      const [code, n] = spread[0];
      await card.locator(`g.map-choropleth path[data-code="${code}"]`).click({ force: true });
      await page.waitForURL((u) => u.hash.startsWith('#/sok?'));
      const hash = new URL(page.url()).hash;
      assert(hash === `#/sok?spridd_kommun=${code}`, `a click on ${code} opened ${hash}`);
      await page.locator('.chip', { hasText: 'Spridd till:' }).waitFor();
      await page.locator('a.hit-title').nth(n - 1).waitFor();
      assert((await page.locator('a.hit-title').count()) === n, `the map counted ${n} entries taken up there`);
    }
  });

  for (const colorScheme of ['light', 'dark']) {
    await step(`pictures of Spridning on an entry and on Översikt (${colorScheme})`, async () => {
      await page.emulateMedia({ colorScheme });
      await open(spreadPictureEntry);
      const section = page.getByTestId('spread-section');
      await section.locator('svg.sweden-map').waitFor();
      await page.evaluate(() => document.fonts.ready);
      await section.screenshot({ path: join(SCREENSHOT_DIR, `spread-entry-${colorScheme}.png`) });
      await open('#/oversikt');
      const card = page.getByTestId('overview-map');
      await card.locator('svg.sweden-map').waitFor();
      if (synthetic) {
        await card.getByTestId('map-level-municipality').check();
        await card.getByTestId('map-measure-spread').check();
        await card.locator('g.map-choropleth path').nth(289).waitFor({ state: 'attached' });
      }
      await card.screenshot({ path: join(SCREENSHOT_DIR, `spread-overview-${colorScheme}.png`) });
      await page.emulateMedia({ colorScheme: 'light' });
    }, 30_000);
  }

  // ------------------------------------------------------------------------------------------
  // The Redaktion (#/redaktion) and Papperskorg (#/papperskorg) pages, and "Visa alla
  // statusar" on the results; only where the library can be written. They expect the library
  // as ui-flows.sh made it: the starter entries (all published) and seed.json's entries.
  const axeClean = async () => {
    const found = await axeViolations(page);
    assert(found.length === 0, found.join('\n'));
  };
  const importCsv = (rows) => ({
    name: `e2e-${stamp}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(`Rubrik;Sammanfattning\n${rows.map((r) => r.join(';')).join('\n')}\n`, 'utf8'),
  });
  const entryRows = page.locator('[data-testid^="entry-row-"]');
  const trashRows = page.locator('[data-testid^="trash-row-"]');
  const rowIds = async (rows, prefix) =>
    (await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid'))))
      .map((id) => id.slice(prefix.length))
      .sort();
  const ids = (entries) => entries.map((e) => e.id).sort();
  const filterTo = async (status) => {
    await page.getByTestId('status-filter').locator(`input[value="${status}"]`).check();
    await page.waitForFunction((s) => location.hash.includes(`status=${s}`), status);
  };

  const curationOpen = await collectionStep(
    'Redaktion: the menu leads there; "Utkast" and "Granskning" list exactly the seeded entries',
    async () => {
      await open('#/');
      await page.getByTestId('nav-curation').click();
      await page.locator('h1', { hasText: 'Redaktion' }).waitFor();
      const filter = page.getByTestId('status-filter');
      await filter.waitFor();
      await entryRows.first().waitFor();
      const all = await entryRows.count();
      await filterTo('utkast');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="entry-row-"]').length === n, seeded.drafts.length);
      const drafts = await rowIds(entryRows, 'entry-row-');
      assert(JSON.stringify(drafts) === JSON.stringify(ids(seeded.drafts)), `the drafts listed: ${drafts.join(', ')}`);
      const statuses = await entryRows.locator('.badge').allInnerTexts();
      assert(statuses.every((s) => s.trim() === 'Utkast'), `statuses shown: ${statuses.join(', ')}`);
      const label = (await filter.locator('label', { has: page.locator('input[value="utkast"]') }).innerText()).trim();
      assert(label === `Utkast (${drafts.length})`, `the filter says "${label}"`);
      await filterTo('granskning');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="entry-row-"]').length === n, seeded.review.length);
      const review = await rowIds(entryRows, 'entry-row-');
      assert(JSON.stringify(review) === JSON.stringify(ids(seeded.review)), `in review: ${review.join(', ')}`);
      await filterTo('publicerad');
      await entryRows.first().waitFor();
      const published = await entryRows.count();
      assert(published + drafts.length + review.length === all, `${published} + ${drafts.length} + ${review.length} of ${all}`);
      const trashed = await entryRows.filter({ hasText: 'E2E-papperskorg' }).count();
      assert(trashed === 0, 'an entry in the trash is listed');
      await filterTo('utkast');
      const link = entryRows.first().locator('a');
      const href = await link.getAttribute('href');
      assert(href?.startsWith('#/post/'), `the row links to ${href}`);
      await link.click();
      await page.locator('h1.entry-title').waitFor();
      await page.goBack();
      await filter.locator('input[value="utkast"]:checked').waitFor();
    },
  );

  await collectionStep(
    'Redaktion: a dry run of a small CSV shows its rows and enables Importera, which imports it',
    async () => {
      await open('#/redaktion');
      const run = page.getByTestId('import-run');
      await run.waitFor();
      assert(await run.isDisabled(), 'Importera is enabled before any dry run');
      const titles = [`E2E-import ett ${stamp} (testdata)`, `E2E-import två ${stamp} (testdata)`];
      await page.getByTestId('import-file').setInputFiles(importCsv(titles.map((t) => [t, 'Påhittad rad.'])));
      await page.getByTestId('import-dry-run').click();
      const report = page.getByTestId('import-report');
      await report.locator('tbody tr').nth(1).waitFor();
      assert((await report.locator('tbody tr').count()) === 2, 'the report does not have two rows');
      const text = await report.innerText();
      assert(titles.every((t) => text.includes(t)), `the report says: ${text}`);
      assert(text.includes('2 nya') && text.includes('0 avvisas'), `the totals say: ${text}`);
      assert(await run.isEnabled(), 'Importera is not enabled after a clean dry run');
      // A dry run writes nothing.
      const before = await api('api/rpc/list_entries', {});
      assert(!before.body.some((e) => titles.includes(e.title)), 'the dry run saved an entry');
      // Another mapping is another import: it needs its own dry run.
      await page.getByTestId('import-mapping').fill('Sammanfattning=summary');
      assert(await run.isDisabled(), 'Importera stays enabled after the mapping changed');
      await page.getByTestId('import-mapping').fill('');
      await run.waitFor();
      assert(await run.isEnabled(), 'Importera is not enabled with the tried mapping back');
      await run.click();
      await report.locator('h3', { hasText: 'Importen är klar' }).waitFor();
      assert(/säkerhetskopia/i.test(await report.innerText()), 'no backup is named');
      assert(await run.isDisabled(), 'Importera is still enabled after the import');
      await page.getByTestId('status-filter').locator('input[value="alla"]').check();
      for (const title of titles) await page.locator('[data-testid^="entry-row-"] a', { hasText: title }).waitFor();
      const after = await api('api/rpc/list_entries', {});
      const imported = after.body.filter((e) => titles.includes(e.title));
      assert(imported.length === 2, `${imported.length} of the rows are in the library`);
    },
    STEP_MS,
    curationOpen,
  );

  await collectionStep('Redaktion: a rejected row keeps Importera disabled; a bad file says why', async () => {
    await open('#/redaktion');
    await page.getByTestId('import-file').setInputFiles(importCsv([[`E2E ${stamp}`, 'ok'], ['', 'utan rubrik']]));
    await page.getByTestId('import-dry-run').click();
    const report = page.getByTestId('import-report');
    await report.locator('.action-reject').waitFor();
    assert(/1 avvisas/.test(await report.innerText()), 'the totals do not count the rejected row');
    assert(await page.getByTestId('import-run').isDisabled(), 'Importera is enabled with a rejected row');
    // A column that maps to no field fails the whole file, and the message says which.
    await page.getByTestId('import-file').setInputFiles({
      name: `e2e-${stamp}-budget.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from('Rubrik;Budget\nEtt exempel;12\n', 'utf8'),
    });
    await page.getByTestId('import-dry-run').click();
    await page.locator('.curation-section [role="alert"]', { hasText: 'Budget' }).waitFor();
    assert((await page.getByTestId('import-report').count()) === 0, 'a report is shown for a refused file');
    assert(await page.getByTestId('import-run').isDisabled(), 'Importera is enabled for a refused file');
    // That refusal is an HTTP 400 on purpose: not a problem.
    forgive(/HTTP 400: .*\/api\/rpc\/import_file$/);
  }, STEP_MS, curationOpen);

  // The import's choices: a preset (which says what it decides), a mapping typed or read from
  // a file, value maps, unknown columns skipped, where a too long summary goes, the language,
  // and "Importera de giltiga raderna och ge mig de avvisade". The CSV below has a column no
  // field is called (skipped), one mapped and translated by value maps, a summary over 1 200
  // characters in English (moved to a section, its language recognised) and a row without a
  // title (refused, and given back as a CSV that imports again).
  const selectFirstOption = (testid) => page.getByTestId(testid).locator('option').first().innerText();
  const longSummary = Array.from(
    { length: 11 },
    (_, i) => `This made-up case number ${i + 1} tells how a small municipality tested shared planning of school meals with its neighbours.`,
  ).join(' ');
  const acceptName = `e2e-giltiga-${stamp}.csv`;
  const acceptTitles = [`E2E-giltig kort ${stamp} (testdata)`, `E2E-giltig lång ${stamp} (testdata)`];
  const acceptCsv = {
    name: acceptName,
    mimeType: 'text/csv',
    buffer: Buffer.from(
      [
        'Rubrik;Sammanfattning;Fas;Budget',
        `${acceptTitles[0]};En påhittad rad om ett försök med gemensam planering av skolmåltider i kommunen.;Pågående;100`,
        `${acceptTitles[1]};${longSummary};Klar;200`,
        ';Utan rubrik;Pågående;300',
        '',
      ].join('\n'),
      'utf8',
    ),
  };
  const importSection = page.locator('section[aria-labelledby="import-heading"]');

  const optionsShown = await collectionStep('Import: the choices are grouped and labelled; a preset says what it decides; a mapping file is read into the form', async () => {
    await open('#/redaktion');
    await page.getByTestId('import-preset-none').waitFor();
    const legends = (await page.locator('form.import-form fieldset > legend').allInnerTexts()).map((l) => l.trim());
    assert(JSON.stringify(legends) === JSON.stringify(['Förval för kolumnerna', 'Kolumner och värden', 'Raderna']), `the groups: ${legends.join(', ')}`);
    assert(await page.getByTestId('import-preset-none').isChecked(), 'a preset is picked from the start');
    for (const label of ['Europeisk fallsamling (PSTW)', 'Kommunens projektlista', 'Värdeöversättningar (frivilliga)', 'Hoppa över okända kolumner', 'En för lång sammanfattning', 'Språk', 'Importera de giltiga raderna och ge mig de avvisade', 'Läs in mappningen från en fil']) {
      assert((await page.getByLabel(label, { exact: true }).count()) === 1, `no control is labelled "${label}"`);
    }
    const skip = page.getByTestId('import-skip-unmapped');
    assert(!(await skip.isChecked()) && (await skip.isEnabled()), 'unknown columns are skipped from the start');
    const sections = await page.getByTestId('import-long-summary').locator('option').allInnerTexts();
    assert(
      JSON.stringify(sections) === JSON.stringify(['Avvisa raden', 'Flytta till Utmaning och behov', 'Flytta till Lösning och genomförande', 'Flytta till Resultat och effekter', 'Flytta till Lärdomar', 'Flytta till Spridning']),
      `the summary can go to: ${sections.join(' | ')}`,
    );
    const languages = await page.getByTestId('import-language').locator('option').allInnerTexts();
    assert(JSON.stringify(languages) === JSON.stringify(['Känn igen för varje rad', 'Svenska', 'Engelska', 'Danska', 'Norska', 'Finska']), `the languages: ${languages.join(', ')}`);
    // The municipality's preset skips unknown columns and moves long summaries itself.
    await page.getByTestId('import-preset-kommun').check();
    assert((await skip.isChecked()) && (await skip.isDisabled()), 'the preset\'s skipping is not shown');
    assert((await selectFirstOption('import-long-summary')) === 'Som förvalet: Flytta till Lösning och genomförande', `the summary: ${await selectFirstOption('import-long-summary')}`);
    assert((await selectFirstOption('import-language')) === 'Känn igen för varje rad', `the language: ${await selectFirstOption('import-language')}`);
    await page.getByTestId('import-preset-pstw').check();
    assert((await selectFirstOption('import-language')) === 'Som förvalet: Engelska', `the language: ${await selectFirstOption('import-language')}`);
    await page.getByTestId('import-preset-none').check();
    assert(!(await skip.isChecked()) && (await skip.isEnabled()), 'the box stays ticked without a preset');
    // A mapping file's text goes into the mapping, to read and change.
    const toml = '# e2e\n[columns]\n"Fas" = "stage"\n';
    await page.getByTestId('import-mapping-file').setInputFiles({ name: 'e2e-mappning.toml', mimeType: 'application/toml', buffer: Buffer.from(toml, 'utf8') });
    await page.locator('[role="status"]', { hasText: 'Mappningen lästes in från e2e-mappning.toml.' }).waitFor();
    assert((await page.getByTestId('import-mapping').inputValue()) === toml, `the mapping holds ${await page.getByTestId('import-mapping').inputValue()}`);
    // The choices for the import below, and their picture.
    await page.getByTestId('import-file').setInputFiles(acceptCsv);
    await page.getByTestId('import-values').fill('Fas: Pågående=inforande; Klar=avslutad');
    await skip.check();
    await page.getByTestId('import-long-summary').selectOption('solution');
    await page.getByTestId('import-accept-valid').check();
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await shootAround(importSection, join(SCREENSHOT_DIR, 'import-options.png'));
  }, STEP_MS, curationOpen);

  await collectionStep(
    'Import: "Importera de giltiga raderna" writes the valid rows; the refused one comes back as a CSV to download',
    async () => {
      const report = page.getByTestId('import-report');
      const run = page.getByTestId('import-run');
      // The dry run sends every choice made.
      const sent = page.waitForRequest((r) => new URL(r.url()).pathname.endsWith('/api/rpc/import_file'));
      await page.getByTestId('import-dry-run').click();
      const body = JSON.parse((await sent).postData() ?? '{}');
      const { bytes: _bytes, ...options } = body;
      assert(
        JSON.stringify(options) ===
          JSON.stringify({ name: acceptName, mapping: '# e2e\n[columns]\n"Fas" = "stage"', values: 'Fas: Pågående=inforande; Klar=avslutad', skipUnmapped: true, longSummary: 'solution', acceptValid: true, dryRun: true }),
        `the dry run asked ${JSON.stringify(options)}`,
      );
      await report.locator('tbody tr').nth(2).waitFor();
      const text = await report.innerText();
      assert(text.includes('2 nya') && text.includes('1 avvisas'), `the totals say: ${text}`);
      const skipped = (await report.getByTestId('import-report-skipped').innerText()).trim();
      assert(/^Överhoppad kolumn:\s+"Budget" \(kolumn D\)$/.test(skipped), `the skipped columns: ${skipped}`);
      const long = report.locator('tbody tr', { hasText: acceptTitles[1] });
      const notes = await long.locator('td').last().innerText();
      assert(/flyttades till avsnittet Lösning och genomförande/.test(notes) && /språket engelska igenkänt/.test(notes), `the long row's notes: ${notes}`);
      const verdict = report.getByTestId('import-report-verdict');
      assert(/^Den avvisade raden lämnas utanför\. Välj Importera/.test((await verdict.innerText()).trim()), `the verdict: ${await verdict.innerText()}`);
      assert(await run.isEnabled(), 'Importera is not enabled with the valid rows to write');
      // Without the choice, a refused row stops the import, and the report says what to do.
      await page.getByTestId('import-accept-valid').uncheck();
      assert(await run.isDisabled(), 'Importera is enabled with a refused row');
      assert(/eller välj ”Importera de giltiga raderna och ge mig de avvisade”/.test(await verdict.innerText()), `the verdict: ${await verdict.innerText()}`);
      await page.getByTestId('import-accept-valid').check();
      await run.click();
      await report.locator('h3', { hasText: 'Importen är klar' }).waitFor();
      const done = (await verdict.innerText()).trim();
      assert(/^De giltiga raderna är sparade.*Den avvisade raden sparades inte: hämta den som en fil/.test(done), `the verdict: ${done}`);
      assert(/säkerhetskopia/i.test(await report.innerText()), 'no backup is named');
      // The refused row, as a file named after the imported one.
      const link = page.getByTestId('import-rejects');
      const rejectsName = `e2e-giltiga-${stamp}.avvisade.csv`;
      assert((await link.getAttribute('download')) === rejectsName, `the link downloads ${await link.getAttribute('download')}`);
      assert(/^blob:/.test((await link.getAttribute('href')) ?? ''), `the link goes to ${await link.getAttribute('href')}`);
      assert((await link.innerText()).includes('Hämta de avvisade raderna'), `the link says ${await link.innerText()}`);
      const download = page.waitForEvent('download');
      await link.click();
      const file = await download;
      assert(file.suggestedFilename() === rejectsName, `downloaded as ${file.suggestedFilename()}`);
      const csv = readFileSync(await file.path(), 'utf8');
      const lines = csv.trim().split(/\r?\n/);
      assert(lines[0] === 'Rubrik;Sammanfattning;Fas;Budget;Avvisad: skäl', `its header: ${lines[0]}`);
      const cells = ';Utan rubrik;Pågående;300;';
      assert(lines.length === 2 && lines[1].startsWith(cells) && /title|rubrik/i.test(lines[1].slice(cells.length)), `its rows: ${lines.slice(1).join(' / ')}`);
      // The valid rows are in the library as the choices said; the refused one is not.
      const after = await api('api/rpc/list_entries', {});
      const written = after.body.filter((e) => acceptTitles.includes(e.title));
      assert(written.length === 2, `${written.length} of the valid rows are in the library`);
      const short = (await api('api/rpc/get_entry', { id: written.find((e) => e.title === acceptTitles[0]).id })).body;
      const moved = (await api('api/rpc/get_entry', { id: written.find((e) => e.title === acceptTitles[1]).id })).body;
      assert(short.stage === 'inforande' && moved.stage === 'avslutad', `stages ${short.stage}, ${moved.stage}`);
      assert(moved.language === 'en' && (short.language ?? 'sv') === 'sv', `languages ${short.language}, ${moved.language}`);
      assert(moved.summary.length <= 1200 && (moved.sections.solution ?? '').includes('number 11'), 'the long summary did not move to the solution');
      assert(!after.body.some((e) => e.title === '' || e.title === 'Utan rubrik'), 'the refused row was written');
      // The picture, and axe with the report in light and dark.
      await page.evaluate(() => document.fonts.ready);
      await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
      await shootAround(report, join(SCREENSHOT_DIR, 'import-rejects.png'));
      for (const colorScheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme });
        await axeClean();
      }
      await page.emulateMedia({ colorScheme: 'light' });
    },
    30_000,
    optionsShown,
  );

  await collectionStep('Import: a value map that cannot be read is said beside its field, which takes focus', async () => {
    await open('#/redaktion');
    await page.getByTestId('import-file').setInputFiles(acceptCsv);
    await page.getByTestId('import-values').fill('Fas Pågående=inforande');
    await page.getByTestId('import-dry-run').click();
    const values = page.getByTestId('import-values');
    await page.locator('#import-values[aria-invalid="true"]').waitFor();
    const message = (await page.locator('#import-values-error').innerText()).trim();
    assert(/saknar ":"/.test(message), `the message: ${message}`);
    assert(((await values.getAttribute('aria-describedby')) ?? '').split(' ').includes('import-values-error'), 'the message does not describe the field');
    await page.waitForFunction(() => document.activeElement?.id === 'import-values');
    assert((await page.getByTestId('import-report').count()) === 0, 'a report is shown for a refused import');
    assert((await page.locator('[aria-invalid="true"]').count()) === 1, 'another field is marked invalid');
    await axeClean();
    forgive(/HTTP 400: .*\/api\/rpc\/import_file$/);
  }, STEP_MS, curationOpen);

  let editorName = null;
  await collectionStep('Redaktion: a focus area is added, and the user name saved', async () => {
    await open('#/redaktion');
    const name = `E2E-område ${stamp}`;
    await page.getByTestId('focus-add-name').fill(name);
    await page.getByTestId('focus-add').click();
    await page.locator('.focus-table .area-name', { hasText: name }).waitFor();
    await page.locator('[role="status"]', { hasText: `”${name}” lades till` }).waitFor();
    const taxonomy = await api('api/rpc/taxonomy', {});
    assert(taxonomy.body.focus_areas.some((a) => a.name === name), 'the library does not have the new focus area');
    const user = page.getByTestId('user-name');
    await page.waitForFunction(() => !document.querySelector('[data-testid="user-name"]')?.hasAttribute('disabled'));
    const before = await user.inputValue();
    await user.fill(`E2E-redaktör ${stamp}`);
    await page.getByTestId('save-user-name').click();
    await page.locator('[role="status"]', { hasText: `E2E-redaktör ${stamp}` }).waitFor();
    const saved = await api('api/rpc/user_name', {});
    assert(saved.body === `E2E-redaktör ${stamp}`, `the library says the user is ${JSON.stringify(saved.body)}`);
    assert(saved.body !== before, `the name was "${before}" already`);
    // Kept: the history below names whoever made each revision.
    editorName = saved.body;
  }, STEP_MS, curationOpen);

  await collectionStep(
    'Papperskorg: it holds the seeded entries; one is restored, and it is emptied only after a confirmation',
    async () => {
      await open('#/');
      await page.getByTestId('nav-trash').click();
      await page.locator('h1', { hasText: 'Papperskorg' }).waitFor();
      await trashRows.first().waitFor();
      const before = await rowIds(trashRows, 'trash-row-');
      assert(JSON.stringify(before) === JSON.stringify(ids(seeded.trash)), `the trash holds ${before.join(', ')}`);
      await axeClean();
      const id = (await trashRows.first().getAttribute('data-testid')).slice('trash-row-'.length);
      await page.getByTestId(`undelete-${id}`).click();
      await page.getByTestId(`trash-row-${id}`).waitFor({ state: 'detached' });
      await page.locator('[role="status"]', { hasText: 'hämtades tillbaka' }).waitFor();
      const left = await trashRows.count();
      assert(left === before.length - 1, `${left} entries left of ${before.length}`);
      // Asking first: "Avbryt" keeps them.
      const dialog = page.locator('dialog[open]');
      await page.getByTestId('empty-trash').click();
      await dialog.locator('h2').waitFor();
      const question = await dialog.innerText();
      assert(question.includes(left === 1 ? '1 post tas bort för alltid' : `${left} poster tas bort för alltid`), question);
      await axeClean();
      await dialog.getByRole('button', { name: 'Avbryt' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert((await trashRows.count()) === left, 'the trash changed although the dialog was cancelled');
      await page.getByTestId('empty-trash').click();
      await page.getByTestId('confirm-empty-trash').click();
      await page.locator('.empty-state').waitFor();
      await page.locator('[role="status"]', { hasText: 'togs bort för alltid' }).waitFor();
      const trash = await api('api/rpc/trash', {});
      assert(trash.body.length === 0, `the library's trash still holds ${trash.body.length}`);
      const gone = seeded.trash.find((e) => e.id !== id);
      const lookup = await api('api/rpc/get_entry', { id: gone.id });
      assert(lookup.status === 404, `${gone.id} is still there after emptying: HTTP ${lookup.status}`);
      // The restored entry is back in the library.
      await open('#/redaktion');
      await page.getByTestId(`entry-row-${id}`).waitFor();
    },
  );

  await collectionStep('results: "Visa alla statusar" adds drafts, marked with their status', async () => {
    await open('#/sok?sortera=nyast');
    await page.locator('a.hit-title').first().waitFor();
    assert((await page.locator('.hit-status').count()) === 0, 'a hit that is not published is shown');
    await page.getByTestId('show-all-statuses').check();
    await page.waitForFunction(() => location.hash.includes('alla=1'));
    await page.locator('.hit-status').first().waitFor();
    await page.reload();
    await page.locator('.hit-status').first().waitFor();
    assert(await page.getByTestId('show-all-statuses').isChecked(), 'the box is not ticked after a reload');
    await page.getByTestId('show-all-statuses').uncheck();
    await page.locator('.hit-status').first().waitFor({ state: 'detached' });
  });

  if (readOnly) {
    await step('read-only: no curation page, link or control, and no curation command is sent', async () => {
      await open(`#/sok?q=${encodeURIComponent(QUERY)}`);
      await page.locator('a.hit-title').first().waitFor();
      const controls = await page
        .locator('[data-testid="nav-curation"], [data-testid="nav-trash"], [data-testid="show-all-statuses"]')
        .count();
      assert(controls === 0, `${controls} curation controls shown`);
      await open('#/redaktion');
      await page.locator('main h1', { hasText: 'Redaktion' }).waitFor();
      assert((await page.getByTestId('status-filter').count()) === 0, 'the Redaktion page is shown');
      await open('#/papperskorg');
      await page.locator('main h1', { hasText: 'Papperskorg' }).waitFor();
      assert((await page.getByTestId('empty-trash').count()) === 0, 'the trash is shown');
      const asked = beyondReading();
      assert(asked.length === 0, `asked for ${asked.join(', ')}`);
    });
  } else {
    report(true, 'read-only: no curation page, link or control (skipped: not read-only)');
  }

  // ------------------------------------------------------------------------------------------
  // The editor and the history: a new entry written in the editor (a validation message as one
  // types), sent to review and published, edited (an unsaved change survives a reload), its
  // history with a diff, a revision restored; attachments, the personal note, the trash and
  // back. Only where the library can be written; axe runs on the editor, the entry's curation
  // bar and the history (and its dialog) in light and dark, with screenshots.
  const e2eTitle = `E2E-post ${stamp} (testdata)`;
  const e2eWord = `solfjader${stamp}`;
  let e2eHash = null;
  let e2eId = null;
  const axeNow = async (name) => {
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `browser-${colorScheme}-${name}.png`) });
      const found = await axeViolations(page, `${colorScheme}: `);
      assert(found.length === 0, found.join('\n'));
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };
  const statusIs = async (label) => {
    await page.locator('[data-testid="status-label"]', { hasText: new RegExp(`^${label}$`) }).waitFor();
  };

  const written = await collectionStep(
    'editor: a new entry says "Titel saknas" next to the title as one types, and is saved as a draft',
    async () => {
      await open('#/');
      await page.getByTestId('nav-new-entry').click();
      const title = page.getByTestId('field-title');
      await title.waitFor();
      await title.fill('x');
      await title.fill('');
      const error = page.locator('#field-title-error');
      await error.waitFor();
      assert((await error.innerText()).trim() === 'Titel saknas', `the title says "${await error.innerText()}"`);
      assert((await title.getAttribute('aria-invalid')) === 'true', 'the title is not aria-invalid');
      const described = (await title.getAttribute('aria-describedby')) ?? '';
      assert(described.split(' ').includes('field-title-error'), `aria-describedby="${described}"`);
      const field = page.locator('.field', { has: title });
      assert((await field.locator('#field-title-error').count()) === 1, 'the message is not next to the title');
      await axeNow('editor');
      await title.fill(e2eTitle);
      await error.waitFor({ state: 'detached' });
      await page.getByTestId('field-summary').fill('Påhittad sammanfattning för ett test.');
      await page.getByTestId('field-sections-results').fill('Svinnet minskade med en fjärdedel.\n\n- **mindre** svinn');
      const preview = page.locator('#field-sections-results-preview');
      await page.locator('button[aria-controls="field-sections-results-preview"]').click();
      await preview.locator('strong', { hasText: 'mindre' }).waitFor();
      await page.getByTestId('focus-offentliga-maltider').check();
      await page.getByTestId('save-entry').click();
      await page.locator('h1.entry-title', { hasText: e2eTitle }).waitFor();
      await statusIs('Utkast');
      e2eHash = new URL(page.url()).hash;
      assert(e2eHash.startsWith('#/post/'), `the address is ${page.url()}`);
      e2eId = decodeURIComponent(e2eHash.slice('#/post/'.length));
      const saved = await api('api/rpc/get_entry', { id: e2eId });
      assert(saved.body?.title === e2eTitle && saved.body.status === 'utkast', JSON.stringify(saved.body));
      assert(saved.body.focus_areas.includes('offentliga-maltider'), `focus areas ${saved.body.focus_areas}`);
    },
  );
  // The validation messages are HTTP 400 answers on purpose: not problems.
  forgive(/HTTP 400: .*\/api\/rpc\/validate_entry$/);

  const published = await collectionStep(
    'workflow: the entry is sent to review and published; back to draft asks for a comment first',
    async () => {
      await page.getByTestId('transition-granskning').click();
      await statusIs('Granskning');
      await page.getByTestId('transition-utkast').click();
      await page.locator('#transition-comment-error').waitFor();
      assert((await page.getByTestId('transition-comment').getAttribute('aria-invalid')) === 'true', 'no aria-invalid');
      await statusIs('Granskning');
      await page.getByTestId('transition-publicerad').click();
      await statusIs('Publicerad');
      await page.getByTestId('transition-arkiverad').waitFor();
      const saved = await api('api/rpc/get_entry', { id: e2eId });
      assert(saved.body?.status === 'publicerad', `the library says ${saved.body?.status}`);
      await axeNow('entry-curation');
    },
    STEP_MS,
    written,
  );

  const edited = await collectionStep(
    'editor: an unsaved change comes back after a reload ("Osparade ändringar återställdes"), and is saved',
    async () => {
      await page.getByTestId('edit-entry').click();
      const summary = page.getByTestId('field-summary');
      await summary.waitFor();
      assert((await page.getByTestId('discard-draft').count()) === 0, 'a draft notice before any change');
      await summary.fill('En ändrad sammanfattning för ett test.');
      await page.waitForTimeout(700); // the draft is kept after a pause
      await page.reload();
      await page.getByTestId('discard-draft').waitFor();
      await page.locator('[role="status"]', { hasText: 'Osparade ändringar återställdes' }).waitFor();
      assert(
        (await summary.inputValue()) === 'En ändrad sammanfattning för ett test.',
        `the summary holds "${await summary.inputValue()}"`,
      );
      await page.getByTestId('save-entry').click();
      await page.locator('h1.entry-title', { hasText: e2eTitle }).waitFor();
      await page.locator('.entry-header', { hasText: 'En ändrad sammanfattning' }).waitFor();
      await statusIs('Publicerad');
      // Saved: the draft is gone.
      await page.getByTestId('edit-entry').click();
      await page.getByTestId('field-summary').waitFor();
      await page.waitForTimeout(200);
      assert((await page.getByTestId('discard-draft').count()) === 0, 'the draft outlived the save');
      await page.goBack();
      await page.locator('h1.entry-title', { hasText: e2eTitle }).waitFor();
    },
    STEP_MS,
    published,
  );

  await collectionStep(
    'history: four revisions, a diff of the last two with <del> and <ins>, and revision 1 restored',
    async () => {
      await page.getByTestId('open-history').click();
      await page.getByTestId('revision-1').waitFor();
      // Saved, sent to review, published, edited: four revisions.
      const rows = await page.locator('[data-testid^="revision-"]').count();
      assert(rows === 4, `${rows} revisions`);
      if (editorName !== null) {
        const by = await page.locator('[data-testid^="revision-"]').allInnerTexts();
        assert(by.every((row) => row.includes(editorName)), `the revisions are not all by ${editorName}: ${by.join(' | ')}`);
      }
      assert(await page.getByTestId(`diff-to-${rows}`).isChecked(), 'the newest revision is not "till"');
      assert(await page.getByTestId(`diff-from-${rows - 1}`).isChecked(), 'the one before is not "från"');
      const diffView = page.getByTestId('diff-view');
      await diffView.locator('del').first().waitFor();
      await diffView.locator('ins').first().waitFor();
      const spoken = await diffView.locator('del .visually-hidden, ins .visually-hidden').allInnerTexts();
      assert(spoken.some((s) => s.includes('borttaget')) && spoken.some((s) => s.includes('tillagt')), spoken.join('|'));
      assert((await diffView.innerText()).includes('Sammanfattning'), 'the summary is not among the changes');
      await axeNow('history');
      await page.getByTestId('diff-from-1').check();
      await diffView.locator('h2', { hasText: `revision 1 till ${rows}` }).waitFor();
      await page.getByTestId('restore-1').click();
      await page.getByTestId('confirm-restore').waitFor();
      await axeNow('history-dialog');
      await page.keyboard.press('Escape');
      await page.getByTestId('confirm-restore').waitFor({ state: 'hidden' });
      const back = await page.getByTestId('restore-1').evaluate((el) => el === document.activeElement);
      assert(back, 'focus is not back on the restore button after Escape');
      await page.getByTestId('restore-1').click();
      await page.getByTestId('confirm-restore').click();
      await page.getByTestId(`revision-${rows + 1}`).waitFor();
      await page.locator('[role="status"]', { hasText: 'Revision 1 återställdes' }).waitFor();
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      await page.locator('[data-testid="revision-' + (rows + 1) + '"]', { hasText: 'återställd från revision 1' }).waitFor();
      const saved = await api('api/rpc/get_entry', { id: e2eId });
      assert(saved.body?.summary === 'Påhittad sammanfattning för ett test.', `the library has "${saved.body?.summary}"`);
      assert(saved.body.revision === rows + 1, `revision ${saved.body.revision}`);
      await open(e2eHash);
      await page.locator('.entry-header', { hasText: 'Påhittad sammanfattning för ett test.' }).waitFor();
      await statusIs('Publicerad');
    },
    30_000,
    edited,
  );

  await collectionStep(
    'attachments: a PDF is attached, its text found ("Träff i bilagan"), and removed; the note is saved',
    async () => {
      await open(e2eHash);
      const pdf = makePdf(`Rapport om ${e2eWord} och solceller`);
      await page.getByTestId('attach-file').setInputFiles({ name: `e2e-${stamp}.pdf`, mimeType: 'application/pdf', buffer: pdf });
      await page.locator('#attach-licence').fill('CC BY 4.0');
      await page.getByTestId('attach-submit').click();
      await page.locator('.attachments tbody th', { hasText: `e2e-${stamp}.pdf` }).waitFor();
      await page.locator('.attachments td', { hasText: 'CC BY 4.0' }).waitFor();
      await open(`#/sok?q=${encodeURIComponent(e2eWord)}`);
      const hit = page.locator('.hit', { hasText: e2eTitle });
      await hit.locator('.in-attachment', { hasText: `Träff i bilagan e2e-${stamp}.pdf` }).waitFor();
      await open(e2eHash);
      await page.getByRole('button', { name: `Ta bort: e2e-${stamp}.pdf` }).click();
      await page.locator('.attachments', { hasText: 'Posten har inga bilagor.' }).waitFor();
      await page.getByTestId('personal-note').fill('Min egen anteckning (testdata).');
      await page.getByTestId('save-note').click();
      await page.locator('.note [role="status"]', { hasText: 'Anteckningen sparades.' }).waitFor();
      await page.reload();
      await page.locator('h1.entry-title').waitFor();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="personal-note"]')?.value === 'Min egen anteckning (testdata).',
      );
    },
    30_000,
    written,
  );

  const goneList = `E2E-borta ${stamp}`;
  await collectionStep(
    'trash: "Flytta till papperskorgen" leads to the start page with a message; "Ångra" brings it back',
    async () => {
      await open(e2eHash);
      // In a list first: the lists page says when an entry is no longer in the library.
      await page.locator('#save-list-select').selectOption('new');
      await page.locator('#save-list-name').fill(goneList);
      await page.locator('.entry-lists button[type="submit"]').click();
      await page.locator('.entry-lists .in-lists a', { hasText: goneList }).waitFor();
      await page.getByTestId('delete-entry').click();
      await page.locator('main [role="status"]', { hasText: 'flyttades till papperskorgen' }).waitFor();
      assert(new URL(page.url()).hash === '#/', `the address is ${page.url()}`);
      const trash = await api('api/rpc/trash', {});
      assert(trash.body.some((e) => e.id === e2eId), 'the entry is not in the library\'s trash');
      await page.getByRole('button', { name: 'Ångra' }).click();
      await page.locator('h1.entry-title', { hasText: e2eTitle }).waitFor();
      // Leave it in the trash.
      await page.getByTestId('delete-entry').click();
      await page.locator('main [role="status"]', { hasText: 'flyttades till papperskorgen' }).waitFor();
    },
    STEP_MS,
    written,
  );

  await collectionStep(
    'Mina listor: an entry in the trash is "no longer in the library" in its list, and its export says it is left out',
    async () => {
      await open('#/listor');
      await card(goneList).locator('.gone', { hasText: 'Posten finns inte längre' }).waitFor();
      await card(goneList).getByTestId('export-open').click();
      await exportDialog.locator('h2', { hasText: 'Exportera listan' }).waitFor();
      const said = await exportDialog.innerText();
      assert(said.includes('1 post i listan finns inte längre i biblioteket och tas inte med'), said);
      await page.keyboard.press('Escape');
      await exportDialog.waitFor({ state: 'detached' });
      // The list goes; the entry's lookup answered 404 on purpose.
      await card(goneList).getByRole('button', { name: /^Ta bort listan/ }).click();
      await page.locator('dialog.confirm').getByRole('button', { name: 'Ta bort listan' }).click();
      await card(goneList).waitFor({ state: 'detached' });
      forgive(/HTTP 404: .*\/api\/rpc\/get_entry$/);
    },
    STEP_MS,
    written,
  );

  if (readOnly) {
    await step('read-only: no editor, curation bar, note or attachments', async () => {
      await open('#/');
      assert((await page.getByTestId('nav-new-entry').count()) === 0, '"Ny post" is offered');
      if (entryHash !== null) {
        await open(entryHash);
        await page.locator('h1.entry-title').waitFor();
        const controls = await page
          .locator('[data-testid="status-label"], [data-testid="edit-entry"], [data-testid="personal-note"], [data-testid="attach-file"]')
          .count();
        assert(controls === 0, `${controls} curation controls on the entry page`);
      }
      await open('#/ny');
      await page.locator('main h1').waitFor();
      assert((await page.getByTestId('field-title').count()) === 0, 'the editor is shown');
      const asked = beyondReading();
      assert(asked.length === 0, `asked for ${asked.join(', ')}`);
    });
  } else {
    report(true, 'read-only: no editor, curation bar, note or attachments (skipped: not read-only)');
  }

  // The editor in another language: a new entry in English with a place in Finland. The
  // request carries the language and the country's code alone; the library names the country.
  // The entry goes to the trash again, so that the steps after it see the library as before.
  await collectionStep('editor: a new entry in English with a place in Finland sends its language and country_code', async () => {
    await open('#/ny');
    const title = page.getByTestId('field-title');
    await title.waitFor();
    assert((await page.getByTestId('field-language').inputValue()) === 'sv', 'a new entry is not Swedish');
    await page.getByTestId('field-language').selectOption('en');
    assert((await title.getAttribute('lang')) === 'en', 'the title field is not lang="en" for an English entry');
    await title.fill(`E2E entry in English ${stamp} (testdata)`);
    await page.getByTestId('field-summary').fill('A made-up summary in English.');
    await page.getByRole('button', { name: 'Lägg till plats' }).click();
    await page.locator('#field-places-0-municipality').waitFor();
    await page.getByTestId('place-country-0').selectOption('FI');
    // A country outside Sweden has no municipality or county.
    await page.locator('#field-places-0-municipality').waitFor({ state: 'detached' });
    assert((await page.locator('#field-places-0-lan').count()) === 0, 'the county is still offered');
    const sent = page.waitForRequest((r) => new URL(r.url()).pathname.endsWith('/api/rpc/create_entry'));
    await page.getByTestId('save-entry').click();
    const { entry } = JSON.parse((await sent).postData() ?? '{}');
    assert(entry?.language === 'en', `the request's language is ${entry?.language}`);
    assert(
      JSON.stringify(entry.places) === JSON.stringify([{ municipality_code: '', municipality: '', lan_code: '', lan: '', country_code: 'FI' }]),
      `the request's places are ${JSON.stringify(entry.places)}`,
    );
    await page.locator('h1.entry-title[lang="en"]').waitFor();
    assert((await page.getByTestId('place-country').innerText()).trim() === 'Finland', 'the page does not name Finland');
    const id = decodeURIComponent(new URL(page.url()).hash.slice('#/post/'.length));
    const saved = await api('api/rpc/get_entry', { id });
    assert(saved.body?.language === 'en', `the library says language ${saved.body?.language}`);
    const place = saved.body?.places?.[0] ?? {};
    assert(place.country_code === 'FI' && place.country === 'Finland', `the library's place is ${JSON.stringify(place)}`);
    // The editor opens it again as it was saved.
    await page.getByTestId('edit-entry').click();
    await page.getByTestId('field-title').waitFor();
    assert((await page.getByTestId('field-language').inputValue()) === 'en', 'the editor forgot the language');
    assert((await page.getByTestId('place-country-0').inputValue()) === 'FI', 'the editor forgot the country');
    const gone = await api('api/rpc/delete_entry', { id });
    assert(gone.status === 200, `delete_entry: HTTP ${gone.status}`);
  });
  // Its validation while the title was empty answered HTTP 400 on purpose.
  forgive(/HTTP 400: .*\/api\/rpc\/validate_entry$/);

  // ------------------------------------------------------------------------------------------
  // Export: in a browser a download from POST api/export; the export dialog on an entry
  // (Markdown) and on the search results (CSV of every hit); axe with the dialog open, in light
  // and dark. (A list, as a PDF brief, is exported above.) Bundles, the save dialog,
  // progress over a channel and "Avbryt" are the desktop app's (tests/e2e/desktop.mjs).
  const exported = await step(
    'export: the entry page exports Markdown as a download and says "Hämtad: …"',
    async () => {
      await open(entryHash);
      await page.locator('h1.entry-title').waitFor();
      const heading = (await page.locator('h1.entry-title').innerText()).trim();
      const opener = page.getByTestId('export-open');
      await opener.click();
      await exportDialog.locator('h2', { hasText: 'Exportera posten' }).waitFor();
      const focused = await page.evaluate(() => document.activeElement?.closest('dialog') !== null);
      assert(focused, 'focus is not in the dialog');
      assert(await exportDialog.getByTestId('export-format-pdf').isChecked(), 'PDF-kort is not chosen first');
      assert((await exportDialog.locator('.where').count()) === 1, 'the browser does not say the file is downloaded');
      await exportDialog.getByTestId('export-format-md').check();
      await exportDialog.getByTestId('export-no-contacts').check();
      const { body, name, bytes } = await runExport();
      assert(body.options?.format === 'md', `the format sent is ${body.options?.format}`);
      assert(body.options?.no_contacts === true, 'no_contacts was not sent');
      assert(body.ids?.length === 1, `${body.ids?.length} ids sent`);
      assert(name.endsWith('.md'), `the download is named ${name}`);
      assert(bytes.toString('utf8').includes(heading), `the Markdown lacks the title "${heading}"`);
      const result = exportDialog.getByTestId('export-result');
      await result.waitFor();
      const text = (await result.innerText()).trim();
      assert(text === `Hämtad: ${name}`, `the result says "${text}"`);
      assert((await exportDialog.getByTestId('export-cancel').count()) === 0, '"Avbryt" is still shown');
    },
    30_000,
    found,
  );

  await step(
    'export: no WCAG 2.1 A/AA violations with the dialog open (light and dark); Escape closes it',
    async () => {
      for (const colorScheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme });
        await page.evaluate(() => document.fonts.ready);
        await page.waitForTimeout(100);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `browser-${colorScheme}-export-dialog.png`) });
        const found = await axeViolations(page, `${colorScheme}: `);
        assert(found.length === 0, found.join('\n'));
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.keyboard.press('Escape');
      await exportDialog.waitFor({ state: 'detached' });
      const back = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      assert(back === 'export-open', `focus went to ${back}`);
    },
    30_000,
    exported,
  );

  await step(
    'export: the results export every hit as CSV with the chosen columns',
    async () => {
      await open(`#/sok?q=${encodeURIComponent(QUERY)}`);
      await page.locator('a.hit-title').first().waitFor();
      const count = (await page.locator('.hit-count').innerText()).trim();
      const total = Number(/^(\d[\d\s\u00a0]*)/.exec(count)?.[1]?.replace(/\D/g, '') ?? NaN);
      await page.getByTestId('export-open').click();
      await exportDialog.locator('h2', { hasText: 'Exportera träffarna' }).waitFor();
      await exportDialog.getByTestId('export-format-csv').check();
      await exportDialog.getByTestId('export-column-uid').check();
      const { body, name, bytes } = await runExport();
      assert(body.ids?.length === total, `${body.ids?.length} ids sent for ${total} hits ("${count}")`);
      assert(body.options?.columns?.[0] === 'id' && body.options.columns[1] === 'uid', `columns ${body.options?.columns}`);
      assert(name.endsWith('.csv'), `the download is named ${name}`);
      const csv = bytes.toString('utf8').replace(/^\ufeff/, '');
      const header = csv.split(/\r?\n/)[0];
      assert(/^id[;,]uid[;,]/i.test(header), `the CSV begins "${header}"`);
      const uids = new Set(csv.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []);
      assert(uids.size === total, `${uids.size} entries in the CSV for ${total} hits`);
      await exportDialog.getByTestId('export-result').waitFor();
      await page.keyboard.press('Escape');
      await exportDialog.waitFor({ state: 'detached' });
    },
    30_000,
    found,
  );

  await collectionStep('bundles: Redaktion → Paket downloads a bundle of the library (a zip) and offers an upload', async () => {
    await open('#/redaktion');
    await page.locator('#bundles-heading').waitFor();
    assert((await page.getByTestId('bundle-import').count()) === 0, 'the desktop\'s "Välj paket …" in a browser');
    assert((await page.getByTestId('bundle-file').getAttribute('accept')) === '.zip', 'no file field for a .zip');
    const download = page.waitForEvent('download');
    await page.getByTestId('bundle-create').click();
    const file = await download;
    assert((await file.failure()) === null, `the download failed: ${await file.failure()}`);
    assert(file.suggestedFilename().endsWith('.zip'), `the download is named ${file.suggestedFilename()}`);
    const bytes = readFileSync(await file.path());
    assert(bytes.subarray(0, 2).toString('latin1') === 'PK', 'the download is not a zip');
    await page.getByTestId('bundle-summary').waitFor();
  }, 30_000);

  // ------------------------------------------------------------------------------------------
  // axe and screenshots, in light and dark
  const pages = [
    { name: 'start', hash: '#/', ready: () => page.locator('main h1').waitFor() },
    {
      name: 'results',
      hash: `#/sok?q=${encodeURIComponent(QUERY)}`,
      ready: () => page.locator('a.hit-title').first().waitFor(),
    },
    {
      name: 'zero-hits',
      hash: '#/sok?q=livsmdl',
      ready: () => page.getByTestId('did-you-mean').waitFor(),
    },
    {
      // The Södertälje entry, with its "Liknande exempel" in place.
      name: 'entry',
      hash: entryHash ?? '#/',
      ready: async () => {
        await page.locator('h1.entry-title').waitFor();
        await similarSettled();
      },
    },

    {
      name: 'overview',
      hash: '#/oversikt',
      ready: () => page.locator('.chart svg[role="img"]').nth(5).waitFor(),
    },
    {
      name: 'language-results',
      hash: ENGLISH_RESULTS,
      ready: () => englishHit.waitFor(),
    },
    {
      name: 'language-entry',
      hash: englishHash ?? '#/',
      possible: englishHash !== null,
      ready: () => page.locator('h1.entry-title').waitFor(),
    },
    {
      name: 'spread-entry',
      state: true,
      hash: spreadPictureEntry,
      ready: () => page.getByTestId('spread-section').locator('svg.sweden-map').waitFor(),
    },
    {
      name: 'overview-map',
      state: true,
      hash: '#/oversikt',
      ready: async () => {
        const card = page.getByTestId('overview-map');
        await card.locator('svg.sweden-map').waitFor();
        await card.getByTestId('map-level-municipality').check();
        await card.getByTestId('map-measure-spread').check();
        await card.locator('g.map-choropleth path').nth(289).waitFor({ state: 'attached' });
      },
    },
    ...(readOnly
      ? []
      : [
          {
            name: 'lists',
            hash: '#/listor',
            ready: async () => {
              await page.locator('.lists-layout').waitFor();
              // The lists made above are gone: a new, empty one, for the picture and for axe.
              if ((await page.locator('.list-card').count()) === 0) {
                await page.locator('#new-list-name').fill(`E2E-dialog ${stamp}`);
                await page.locator('#new-list-name').press('Enter');
                await page.locator('.list-card').first().waitFor();
              }
            },
          },
          {
            name: 'lists-dialog',
            hash: '#/listor',
            ready: async () => {
              await page.locator('.list-card').first().waitFor();
              await page.locator('.list-card .link-button.danger').first().click();
              await page.locator('dialog.confirm[open] h2').waitFor();
            },
          },
          {
            name: 'curation',
            hash: '#/redaktion',
            ready: async () => {
              await page.getByTestId('status-filter').waitFor();
              await page.getByTestId('import-file').setInputFiles(importCsv([[`E2E axe ${stamp}`, 'x'], ['', 'y']]));
              await page.getByTestId('import-dry-run').click();
              await page.getByTestId('import-report').locator('tbody tr').nth(1).waitFor();
              await page.evaluate(() => window.scrollTo(0, 0));
            },
          },
          {
            name: 'trash',
            hash: '#/papperskorg',
            ready: () => page.locator('[data-testid^="trash-row-"], .empty-state').first().waitFor(),
          },
        ]),
  ];

  // Pages with nothing to set up: the missing entry and the accessibility statement.
  const morePages = [
    {
      name: 'missing-entry',
      hash: '#/post/finns-inte',
      ready: () => page.locator('main h1').waitFor(),
    },
    {
      name: 'accessibility-statement',
      hash: '#/tillganglighet',
      ready: () => page.locator('main h1').waitFor(),
    },
  ];

  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    for (const p of [...pages, ...morePages]) {
      const possible = p.possible ?? (p.name !== 'entry' || entryHash !== null);
      await step(`axe: no WCAG 2.1 A/AA violations on the ${p.name} page (${colorScheme})`, async () => {
        await open(p.hash);
        await p.ready();
        await page.evaluate(() => document.fonts.ready);
        await page.waitForTimeout(150); // searches and charts settle
        await page.screenshot({ path: join(SCREENSHOT_DIR, `browser-${colorScheme}-${p.name}.png`) });
        const found = await axeViolations(page);
        assert(found.length === 0, found.join('\n'));
      }, 30_000, possible);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Regressions of the accessibility fixes: one h1 and a title of its own on each page; no
  // horizontal scrolling at 320 CSS px (WCAG 1.4.10), also with the text spacing of WCAG 1.4.12;
  // a focus outline under forced colours (Windows' contrast themes); focus kept off <body>
  // when a filter goes away.
  await page.emulateMedia({ colorScheme: 'light' });
  const a11yPages = [...pages.filter((p) => p.name !== 'lists-dialog'), ...morePages];
  const possibleOn = (p) => p.possible ?? (p.name !== 'entry' || entryHash !== null);
  const titles = new Map();
  for (const p of a11yPages) {
    await step(`the ${p.name} page has exactly one h1, and a title`, async () => {
      await open(p.hash);
      await p.ready();
      await page.waitForTimeout(150);
      const h1s = await page.locator('h1').count();
      assert(h1s === 1, `${h1s} h1 elements`);
      const title = await page.title();
      assert(title.trim() !== '', 'document.title is empty');
      // A state of a page above (the map switched, an entry with uptakes) has that page's title.
      if (!p.state) titles.set(p.name, title);
    }, STEP_MS, possibleOn(p));
  }
  // The entry that is not there answered 404 on purpose.
  forgive(/HTTP 404: .*\/api\/rpc\/get_entry$/);
  await step('document.title differs between the pages (start, results, entry, statement, …)', async () => {
    const byTitle = new Map();
    for (const [name, title] of titles) byTitle.set(title, [...(byTitle.get(title) ?? []), name]);
    const shared = [...byTitle].filter(([, names]) => names.length > 1);
    assert(shared.length === 0, shared.map(([title, names]) => `${names.join(', ')}: "${title}"`).join('\n'));
    for (const name of ['start', 'results', 'accessibility-statement', ...(entryHash !== null ? ['entry'] : [])]) {
      assert(titles.has(name), `no title for the ${name} page (its check failed)`);
    }
  });

  // WCAG 1.4.12's text spacing, put into the app's own style sheet (the CSP allows no <style>).
  const TEXT_SPACING = [
    '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }',
    'p { margin-bottom: 2em !important; }',
  ];
  const overflow = () =>
    page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > 321)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} (right ${Math.round(el.getBoundingClientRect().right)})`),
    }));
  // What scrolls sideways inside the page: a table in a scroll container passes the page's own
  // width, but it must reflow too (the curator's tables become stacked rows at this width).
  const innerScrolling = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(el).overflowX))
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).trim().split(/\s+/).join('.')} (${el.scrollWidth} px in ${el.clientWidth})`),
    );
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    for (const p of a11yPages) {
      for (const spaced of [false, true]) {
        const how = spaced ? ', with WCAG text spacing' : '';
        await step(`no horizontal scrolling at 320 px on the ${p.name} page${how}`, async () => {
          await open(p.hash);
          await p.ready();
          if (spaced) {
            const applied = await page.evaluate((rules) => {
              const sheet = [...document.styleSheets].find((s) => {
                try {
                  return s.cssRules !== null;
                } catch {
                  return false;
                }
              });
              if (!sheet) return false;
              for (const rule of rules) sheet.insertRule(rule, sheet.cssRules.length);
              return getComputedStyle(document.body).letterSpacing !== 'normal';
            }, TEXT_SPACING);
            assert(applied, 'the text spacing could not be applied');
          }
          await page.evaluate(() => document.fonts.ready);
          await page.waitForTimeout(150);
          const { width, wide } = await overflow();
          const inner = await innerScrolling();
          if (width > 320 || inner.length > 0) {
            await page.screenshot({ path: join(SCREENSHOT_DIR, `browser-320-${p.name}${spaced ? '-spacing' : ''}.png`), fullPage: true });
          }
          // The picture for docs/ (a11y-entry-320.png): an entry's title and text as a phone shows them.
          if (p.name === 'entry' && !spaced) {
            await page.locator('h1.entry-title').evaluate((h1) => window.scrollTo(0, h1.getBoundingClientRect().top + window.scrollY - 96));
            await page.screenshot({ path: join(SCREENSHOT_DIR, 'a11y-entry-320.png') });
          }
          assert(width <= 320, `scrollWidth is ${width}; wider than the page: ${wide.join(', ')}`);
          assert(inner.length === 0, `scrolls sideways inside the page: ${inner.join(', ')}`);
        }, STEP_MS, possibleOn(p));
      }
    }
    await step('narrow window: "Filtrera" comes before the hits and opens the filters above them', async () => {
      await open(`#/sok?q=${encodeURIComponent(QUERY)}`);
      const hit = page.locator('a.hit-title').first();
      await hit.waitFor();
      const toggle = page.locator('.filters-toggle button');
      await toggle.waitFor();
      assert((await toggle.getAttribute('aria-expanded')) === 'false', 'the filters are open at first');
      assert(!(await page.locator('#filters').isVisible()), 'the filters are shown before "Filtrera" is pressed');
      const before = await toggle.evaluate((b, h) => b.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING, await hit.elementHandle());
      assert(before, '"Filtrera" comes after the hits');
      await page.locator('main h1').scrollIntoViewIfNeeded();
      await page.evaluate(() => document.fonts.ready);
      // The picture for docs/ (a11y-filter-button.png).
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'a11y-filter-button.png') });
      await toggle.click();
      await page.locator('#filters').waitFor({ state: 'visible' });
      assert((await toggle.getAttribute('aria-expanded')) === 'true', 'aria-expanded is not true once open');
      const [filtersTop, hitTop] = await Promise.all([
        page.locator('#filters').evaluate((el) => el.getBoundingClientRect().top),
        hit.evaluate((el) => el.getBoundingClientRect().top),
      ]);
      assert(filtersTop < hitTop, `the filters open at ${filtersTop} px, below the first hit at ${hitTop} px`);
    }, STEP_MS, found);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
    forgive(/HTTP 404: .*\/api\/rpc\/get_entry$/);
  }

  /** Tabs from the search box until `selector` has focus; its outline then. */
  const tabTo = async (selector) => {
    const forced = await page.evaluate(() => matchMedia('(forced-colors: active)').matches);
    assert(forced, 'forced colours are not emulated');
    await search.focus();
    for (let i = 0; i < 80; i += 1) {
      await page.keyboard.press('Tab');
      const there = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
      if (there) {
        return page.evaluate(() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {
            what: `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}"`,
            style: style.outlineStyle,
            width: style.outlineWidth,
          };
        });
      }
    }
    throw new Error(`Tab never reached ${selector}`);
  };
  await page.emulateMedia({ forcedColors: 'active' });
  try {
    await step('forced colours: a hit link focused with Tab shows an outline', async () => {
      await open(`#/sok?q=${encodeURIComponent(QUERY)}`);
      await page.locator('a.hit-title').first().waitFor();
      const { what, style, width } = await tabTo('a.hit-title');
      // The picture for docs/ (a11y-forced-colours-focus.png): the hit link with its ring.
      await page.evaluate(() => document.activeElement?.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'a11y-forced-colours-focus.png') });
      assert(style !== 'none' && width !== '0px', `${what}: outline ${style} ${width}`);
    }, STEP_MS, found);
    await step('forced colours: a button focused with Tab shows an outline', async () => {
      await open(`#/sok?q=${encodeURIComponent(QUERY)}`);
      await page.locator('a.hit-title').first().waitFor();
      const { what, style, width } = await tabTo('button');
      assert(style !== 'none' && width !== '0px', `${what}: outline ${style} ${width}`);
    }, STEP_MS, found);
  } finally {
    await page.emulateMedia({ forcedColors: 'none' });
  }

  /** Ticks the first facet on the results page; its chip. */
  const tickFacet = async () => {
    await open(`#/sok?q=${encodeURIComponent(QUERY)}`);
    const option = page.locator('.facets label.option').first();
    await option.waitFor();
    const label = (await option.locator('.label').innerText()).trim();
    await option.locator('input[type="checkbox"]').check();
    const chip = page.locator('.chip', { hasText: label });
    await chip.waitFor();
    return chip;
  };
  const focusedOn = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el === null || el === document.body ? 'body' : `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}"`;
    });
  await step('removing a filter chip leaves focus on the page, not on <body>', async () => {
    const chip = await tickFacet();
    await chip.focus();
    await page.keyboard.press('Enter');
    await page.locator('.chip').first().waitFor({ state: 'detached' });
    await page.waitForTimeout(150);
    const at = await focusedOn();
    assert(at !== 'body', 'focus is on <body>');
  }, STEP_MS, found);
  await step('"Rensa alla filter" leaves focus on the page, not on <body>', async () => {
    await tickFacet();
    await page.getByRole('button', { name: 'Rensa alla filter' }).click();
    await page.locator('.chip').first().waitFor({ state: 'detached' });
    await page.waitForTimeout(150);
    const at = await focusedOn();
    assert(at !== 'body', 'focus is on <body>');
  }, STEP_MS, found);

  // ------------------------------------------------------------------------------------------
  // The English UI: content that stays Swedish (entry titles and text, focus-area and county
  // names, ...) carries lang="sv", so that a screen reader reads it as Swedish (WCAG 3.1.2).
  // Every text node whose nearest lang is "en" is looked at: Swedish letters (å, ä, ö) or a
  // name from the taxonomy in it mean Swedish marked as English. A country's English name is
  // English, whatever its letters ("Åland Islands" among the editor's countries).
  const taxonomyNames = await api('api/taxonomy')
    .then(({ body }) => ({
      swedish: [...(body?.focus_areas ?? []).map((f) => f.name), ...(body?.counties ?? []).map((c) => c.name)],
      english: (body?.countries ?? []).map((c) => c.name_en),
    }))
    .catch(() => ({ swedish: [], english: [] }));
  const swedishNames = taxonomyNames.swedish;
  const unmarkedSwedish = () =>
    page.evaluate(({ names, english }) => {
      const found = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent.trim();
        const el = node.parentElement;
        if (text === '' || el === null || el.closest('script, style')) continue;
        if (el.closest('[lang]')?.getAttribute('lang') !== 'en') continue;
        if (english.includes(text)) continue;
        if (/[åäöÅÄÖ]/.test(text) || names.some((name) => text.includes(name))) {
          found.push(`${el.tagName.toLowerCase()}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/)[0]}` : ''}: "${text.slice(0, 60)}"`);
        }
      }
      return found;
    }, { names: swedishNames, english: taxonomyNames.english });
  const englishPages = [
    ...a11yPages,
    ...(readOnly || entryHash === null
      ? []
      : [
          { name: 'editor (new)', hash: '#/ny', ready: () => page.getByTestId('field-title').waitFor() },
          { name: 'editor', hash: `${entryHash}/redigera`, ready: () => page.getByTestId('field-title').waitFor() },
          { name: 'history', hash: `${entryHash}/historik`, ready: () => page.getByTestId('revision-1').waitFor() },
        ]),
  ];
  const english = await step('English UI: the language button switches to English', async () => {
    assert(swedishNames.length > 0, 'the taxonomy has no names to look for');
    await open('#/');
    await page.locator('button.language').click();
    await page.locator('html[lang="en"]').waitFor();
  });
  try {
    for (const p of englishPages) {
      await step(`English UI: Swedish content on the ${p.name} page is marked lang="sv"`, async () => {
        await open(p.hash);
        await page.locator('html[lang="en"]').waitFor();
        await p.ready();
        await page.waitForTimeout(150);
        const found = await unmarkedSwedish();
        assert(found.length === 0, `Swedish inside lang="en":\n${found.join('\n')}`);
      }, STEP_MS, english && possibleOn(p));
    }
    // The statement holds what is true: the one shortcoming it lists (content names inside
    // accessible names) still reproduces here. When it is fixed, this fails: take it off the
    // statement (ui/src/lib/accessibility.ts) and out of this step.
    await step('the statement lists what still fails, and it still does: a county chip\'s accessible name mixes languages', async () => {
      await open('#/tillganglighet');
      // Read once the list is there: read at once, it was sometimes not yet drawn.
      await page.locator('ul.shortcomings > li').first().waitFor();
      const listed = await page.locator('ul.shortcomings > li').allInnerTexts();
      assert(listed.length === 1 && listed[0].includes('accessible name'), `the statement lists: ${listed.join('\n')}`);
      assert((await page.locator('main time[datetime]').getAttribute('datetime')) === '2026-12-03', 'the review date');
      await open('#/sok?lan=01');
      const chip = page.locator('.chip', { hasText: 'Stockholms län' });
      await chip.waitFor();
      const name = await chip.getAttribute('aria-label');
      assert(/^Remove .*Stockholms län/.test(name ?? ''), `the chip is named "${name}"`);
    }, STEP_MS, english);
  } finally {
    // Back to Swedish, as the other checks expect.
    await open('#/').catch(() => {});
    if (await page.locator('html[lang="en"]').count()) await page.locator('button.language').click().catch(() => {});
    forgive(/HTTP 404: .*\/api\/rpc\/get_entry$/);
  }

  report(problems.length === 0, 'no console errors, CSP violations or failed requests', problems.join('\n'));
} catch (err) {
  report(false, 'the run completed', err instanceof Error ? err.message : err);
} finally {
  await browser.close().catch(() => {});
}

finish();
