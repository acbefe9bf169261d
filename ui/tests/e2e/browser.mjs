#!/usr/bin/env node
// The web UI end to end in a real browser (Debian's Chromium through playwright-core; no
// browser is ever downloaded), against `exempelbank serve` or the fake API:
//
//   BASE_URL=http://127.0.0.1:5174/ EXPECT_TITLE='Mindre matsvinn' node tests/e2e/browser.mjs
//
// - the flow a civil servant follows: search, filter by a facet and remove the filter, open a
//   hit, go back to the same results;
// - the language setting, remembered over a reload, and the language button's accessible name
//   (its visible text first, then what it does);
// - "Mina listor", where the library keeps lists (the fake API; `serve` is read-only): an entry
//   saved to a new list from its page, a search saved with its filters from the results, the
//   lists page (the entry's title, an entry no longer in the library, rename, remove an entry,
//   delete after a confirmation), a saved search run from there and offered on the start page.
//   Against a read-only server (`/api/info` says read_only: true) those steps print
//   "ok - ... (skipped: read-only)", and one step checks instead that no collection control is
//   shown and no collection endpoint is ever asked;
// - axe-core (WCAG 2.0/2.1 A and AA, and Label in Name: tests/e2e/axe.mjs) on the start page,
//   a results page, an entry and the overview (and the lists page, with and without its delete
//   dialog, where there are lists), in light and dark: no violations allowed;
// - the Redaktion and Papperskorg pages, where the library can be written (the fake API,
//   freshly started): the Redaktion page lists drafts under "Utkast"; a dry run of a small CSV
//   shows its rows and enables Importera (a rejected row or a refused file does not); a focus
//   area is added and the user name saved; the Papperskorg restores an entry and is emptied only
//   after a confirmation; "Visa alla statusar" adds drafts to the results. Against a read-only
//   server one step checks that none of it is offered, and axe runs on both pages (and the
//   dialog);
// - the editor and the history, where the library can be written: a new entry in the editor (a
//   validation message as one types, a draft restored after a reload), sent to review and
//   published, edited, its history with a diff (<del>/<ins>), revision 1 restored after a
//   confirmation (focus back on its button after Escape, on the heading after restoring); a PDF
//   attached and found by its text, the personal note, the trash and "Ångra"; axe on the editor,
//   the curation bar and the history (and its dialog), light and dark. Read-only: none of it;
// - export: the export dialog on an entry (Markdown, a download: its request, its file name,
//   "Hämtad: …"), axe with the dialog open in light and dark, Escape and focus back;
//   "Exportera träffarna" sends every hit as CSV with the columns ticked; no bundles in a browser;
// - screenshots of those pages in both themes (1280×800) to SCREENSHOT_DIR (test-output/).
//
// Prints `ok - ...` or `not ok - ...` for each check, then `browser: N passed, M failed`, and
// exits 1 on any failure. Every step has a time limit, and the whole run one of 180 s.
//
// env: BASE_URL (http://127.0.0.1:5174/), EXPECT_TITLE (Södertälje), SCREENSHOT_DIR
// (test-output/), CHROMIUM (/usr/bin/chromium), QUERY (livsmedel).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { axeViolations } from './axe.mjs';

const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:5174/';
const EXPECT_TITLE = process.env.EXPECT_TITLE || 'Södertälje';
const QUERY = process.env.QUERY || 'livsmedel';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || 'test-output/';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_MS = 15_000;
const TOTAL_MS = 180_000;

let passed = 0;
let failed = 0;

function report(ok, name, detail) {
  if (ok) {
    passed += 1;
    console.log(`ok - ${name}`);
  } else {
    failed += 1;
    console.log(`not ok - ${name}`);
    if (detail) console.log(String(detail).replace(/^/gm, '  '));
  }
}

function summary() {
  console.log(`browser: ${passed} passed, ${failed} failed`);
}

// The whole run has one deadline: past it, say so and stop.
const deadline = setTimeout(() => {
  report(false, `the run finished within ${TOTAL_MS / 1000} s`);
  summary();
  process.exit(1);
}, TOTAL_MS);

/**
 * Runs one check with a time limit; a throw or a time-out is a failure. A check that `needs`
 * an earlier one that failed fails at once, without waiting for its time limit.
 */
async function step(name, fn, ms = STEP_MS, needs = true) {
  if (!needs) {
    report(false, name, 'skipped: an earlier check it depends on failed');
    return false;
  }
  let timer;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
    report(true, name);
    return true;
  } catch (err) {
    report(false, name, err instanceof Error ? err.message : err);
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const url = (hash) => new URL(hash, BASE_URL).href;

// Whether the server keeps lists and saved searches: only when it says read_only: false (the
// fake API; the desktop app). `exempelbank serve` says true, and an older one says nothing.
let readOnly = true;
try {
  const info = await (await fetch(url('api/info'))).json();
  readOnly = info?.read_only !== false;
} catch {
  readOnly = true; // the first step will say the server does not answer
}

/** A step that needs lists and saved searches: skipped (and said so) on a read-only server. */
async function collectionStep(name, fn, ms = STEP_MS, needs = true) {
  if (readOnly) {
    report(true, `${name} (skipped: read-only)`);
    return false;
  }
  return step(name, fn, ms, needs);
}

mkdirSync(SCREENSHOT_DIR, { recursive: true });

let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: STEP_MS,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
} catch (err) {
  report(false, `Chromium starts (${CHROMIUM})`, err instanceof Error ? err.message : err);
  summary();
  process.exit(1);
}

const context = await browser.newContext({
  viewport: { width: 1280, height: 800 },
  locale: 'sv-SE',
  colorScheme: 'light',
});
context.setDefaultTimeout(STEP_MS);
const page = await context.newPage();

// Console errors (a CSP violation among them) and failed requests are failures. A test entry
// of the fake API names a related entry that does not exist: that 404 is expected.
const problems = [];
const expected404 = /\/api\/entries\/00000000-0000-4000-8000-000000000099$/;
page.on('console', (msg) => {
  if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) {
    problems.push(`console: ${msg.text()}`);
  }
});
page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
page.on('response', (res) => {
  if (res.status() >= 400 && !expected404.test(res.url())) {
    problems.push(`HTTP ${res.status()}: ${res.url()}`);
  }
});
// A read-only server has no lists: the UI must never ask it for them.
const collectionCalls = [];
page.on('request', (req) => {
  if (/\/api\/(lists|saved-searches)(\/|$)/.test(new URL(req.url()).pathname)) collectionCalls.push(req.url());
});

const search = page.locator('input[type="search"]');
const hitTitle = page.locator('a.hit-title', { hasText: EXPECT_TITLE }).first();
let entryHash = null;

/** Goes to a page of the app afresh (a load, not an in-app navigation). */
async function open(hash) {
  await page.goto('about:blank');
  await page.goto(url(hash), { waitUntil: 'load' });
  await search.waitFor();
}

try {
  // ------------------------------------------------------------------------------------------
  // The flow
  const started = await step('the start page opens with a search box', async () => {
    await open('#/');
    await page.locator('main h1').waitFor();
  });
  if (!started) throw new Error(`the app does not answer at ${BASE_URL}: nothing more to check`);

  const found = await step(`typing "${QUERY}" lists a hit titled "${EXPECT_TITLE}…"`, async () => {
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
  // Mina listor (only where the library keeps lists)
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
      // The fake API's test list holds an entry that is no longer in the library.
      if ((await card('(testdata)').count()) > 0) {
        await card('(testdata)').locator('.gone', { hasText: 'Posten finns inte längre' }).waitFor();
      }
    },
    STEP_MS,
    listed && savedSearch,
  );

  await collectionStep(
    'Mina listor: a list is renamed, loses its entry, and is deleted only after a confirmation',
    async () => {
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
      // Leave the server as it was.
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
      assert(collectionCalls.length === 0, `asked for ${collectionCalls.join(', ')}`);
    });
  } else {
    report(true, 'read-only: no lists or saved searches are offered (skipped: not read-only)');
  }

  await step('the overview draws four charts, each with a table', async () => {
    await page.locator('a[href="#/oversikt"]').first().click();
    await page.locator('.chart svg[role="img"]').nth(3).waitFor();
    const charts = await page.locator('.chart svg[role="img"][aria-label]').count();
    const tables = await page.locator('.chart-card table').count();
    assert(charts === 4, `${charts} charts`);
    assert(tables === 4, `${tables} tables`);
  });

  // ------------------------------------------------------------------------------------------
  // The Redaktion (#/redaktion) and Papperskorg (#/papperskorg) pages, and "Visa alla
  // statusar" on the results; only where the library can be written (the fake API, the app).
  // Against the fake API they expect its test data as it starts (drafts, two entries in the
  // trash): run them on a freshly started one.
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
  const rpcCalls = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.includes('/api/rpc/')) rpcCalls.push(req.url());
  });

  const curationOpen = await collectionStep('Redaktion: the menu leads there, and it lists drafts under "Utkast"', async () => {
    await open('#/');
    await page.getByTestId('nav-curation').click();
    await page.locator('h1', { hasText: 'Redaktion' }).waitFor();
    const filter = page.getByTestId('status-filter');
    await filter.waitFor();
    const all = await entryRows.count();
    assert(all > 0, 'no entries are listed');
    await filter.locator('input[value="utkast"]').check();
    await page.waitForFunction(() => location.hash.includes('status=utkast'));
    await entryRows.first().waitFor();
    const drafts = await entryRows.count();
    assert(drafts > 0 && drafts < all, `${drafts} drafts of ${all} entries`);
    const statuses = await entryRows.locator('.badge').allInnerTexts();
    assert(statuses.every((s) => s.trim() === 'Utkast'), `statuses shown: ${statuses.join(', ')}`);
    const label = (await filter.locator('label', { has: page.locator('input[value="utkast"]') }).innerText()).trim();
    assert(label === `Utkast (${drafts})`, `the filter says "${label}"`);
    const link = entryRows.first().locator('a');
    const href = await link.getAttribute('href');
    assert(href?.startsWith('#/post/'), `the row links to ${href}`);
    await link.click();
    await page.locator('h1.entry-title').waitFor();
    await page.goBack();
    await filter.locator('input[value="utkast"]:checked').waitFor();
  });

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
      await page.locator('[data-testid^="entry-row-"] a', { hasText: titles[0] }).waitFor();
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
    for (let i = problems.length - 1; i >= 0; i -= 1) {
      if (/HTTP 400: .*\/api\/rpc\/import_file$/.test(problems[i])) problems.splice(i, 1);
    }
  }, STEP_MS, curationOpen);

  await collectionStep('Redaktion: a focus area is added, and the user name saved', async () => {
    await open('#/redaktion');
    const name = `E2E-område ${stamp}`;
    await page.getByTestId('focus-add-name').fill(name);
    await page.getByTestId('focus-add').click();
    await page.locator('.focus-table .area-name', { hasText: name }).waitFor();
    await page.locator('[role="status"]', { hasText: `”${name}” lades till` }).waitFor();
    const user = page.getByTestId('user-name');
    await page.waitForFunction(() => !document.querySelector('[data-testid="user-name"]')?.hasAttribute('disabled'));
    const before = await user.inputValue();
    await user.fill(`E2E-redaktör ${stamp}`);
    await page.getByTestId('save-user-name').click();
    await page.locator('[role="status"]', { hasText: `E2E-redaktör ${stamp}` }).waitFor();
    await user.fill(before || 'E2E');
    await page.getByTestId('save-user-name').click();
    await page.locator('[role="status"]', { hasText: `”${before || 'E2E'}” sparades` }).waitFor();
  }, STEP_MS, curationOpen);

  await collectionStep(
    'Papperskorg: an entry is restored, and the trash is emptied only after a confirmation',
    async () => {
      await open('#/');
      await page.getByTestId('nav-trash').click();
      await page.locator('h1', { hasText: 'Papperskorg' }).waitFor();
      await trashRows.first().waitFor();
      const before = await trashRows.count();
      assert(before >= 2, `the trash holds ${before} entries; start a fresh fake API`);
      await axeClean();
      const id = (await trashRows.first().getAttribute('data-testid')).slice('trash-row-'.length);
      await page.getByTestId(`undelete-${id}`).click();
      await page.getByTestId(`trash-row-${id}`).waitFor({ state: 'detached' });
      await page.locator('[role="status"]', { hasText: 'hämtades tillbaka' }).waitFor();
      const left = await trashRows.count();
      assert(left === before - 1, `${left} entries left of ${before}`);
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
      // The restored entry is back in the library.
      await open('#/redaktion');
      await page.getByTestId(`entry-row-${id}`).waitFor();
    },
    STEP_MS,
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
      assert(rpcCalls.length === 0, `asked for ${rpcCalls.join(', ')}`);
    });
  } else {
    report(true, 'read-only: no curation page, link or control (skipped: not read-only)');
  }

  // ------------------------------------------------------------------------------------------
  // The editor and the history: a new entry written in the editor (a validation message as one
  // types, a draft that survives a reload), sent to review and published, edited, its history
  // with a diff, a revision restored; attachments, the personal note, the trash and back. Only
  // where the library can be written; axe runs on the editor, the entry's curation bar and the
  // history (and its dialog) in light and dark, with screenshots.
  const e2eTitle = `E2E-post ${stamp} (testdata)`;
  const editorCalls = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.includes('/api/rpc/')) editorCalls.push(req.url());
  });
  const e2eWord = `solfjäder${stamp}`;
  let e2eHash = null;
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
    'editor: a new entry says "Titel saknas" for an empty title as one types, and is saved as a draft',
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
    },
  );

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
    'history: the revisions, a diff of the last two with <del> and <ins>, and revision 1 restored',
    async () => {
      await page.getByTestId('open-history').click();
      await page.getByTestId('revision-1').waitFor();
      const rows = await page.locator('[data-testid^="revision-"]').count();
      assert(rows >= 4, `${rows} revisions`);
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
      const pdf = Buffer.from(
        `%PDF-1.4\n1 0 obj<<>>stream\nBT /F1 12 Tf 72 720 Td (Rapport om ${e2eWord} och solceller) Tj ET\nendstream\nendobj\n%%EOF\n`,
        'latin1',
      );
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
    STEP_MS,
    written,
  );

  await collectionStep(
    'trash: "Flytta till papperskorgen" leads to the start page with a message; "Ångra" brings it back',
    async () => {
      await open(e2eHash);
      await page.getByTestId('delete-entry').click();
      await page.locator('main [role="status"]', { hasText: 'flyttades till papperskorgen' }).waitFor();
      assert(new URL(page.url()).hash === '#/', `the address is ${page.url()}`);
      await page.getByRole('button', { name: 'Ångra' }).click();
      await page.locator('h1.entry-title', { hasText: e2eTitle }).waitFor();
      // Leave it in the trash.
      await page.getByTestId('delete-entry').click();
      await page.locator('main [role="status"]', { hasText: 'flyttades till papperskorgen' }).waitFor();
    },
    STEP_MS,
    written,
  );

  // The validation messages are HTTP 400 answers on purpose: not problems.
  for (let i = problems.length - 1; i >= 0; i -= 1) {
    if (/HTTP 400: .*\/api\/rpc\/validate_entry$/.test(problems[i])) problems.splice(i, 1);
  }

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
      assert(editorCalls.length === 0, `asked for ${editorCalls.join(', ')}`);
    });
  } else {
    report(true, 'read-only: no editor, curation bar, note or attachments (skipped: not read-only)');
  }

  // ------------------------------------------------------------------------------------------
  // Export: the export dialog on an entry (Markdown, downloaded in a browser) and on
  // the search results (CSV of every hit), read-only or not; axe with the dialog open, in
  // light and dark. Bundles are desktop-only: a browser never offers them.
  const exportDialog = page.locator('dialog.export-dialog[open]');
  const exported = await step(
    'export: the entry page exports Markdown as a download and says "Hämtad: …"',
    async () => {
      await open(entryHash);
      await page.locator('h1.entry-title').waitFor();
      const opener = page.getByTestId('export-open');
      await opener.click();
      await exportDialog.locator('h2', { hasText: 'Exportera posten' }).waitFor();
      const focused = await page.evaluate(() => document.activeElement?.closest('dialog') !== null);
      assert(focused, 'focus is not in the dialog');
      assert(await exportDialog.getByTestId('export-format-pdf').isChecked(), 'PDF-kort is not chosen first');
      await exportDialog.getByTestId('export-format-md').check();
      await exportDialog.getByTestId('export-no-contacts').check();
      const sent = page.waitForRequest((r) => new URL(r.url()).pathname.endsWith('/api/export'));
      const download = page.waitForEvent('download');
      await exportDialog.getByTestId('export-run').click();
      const body = JSON.parse((await sent).postData() ?? '{}');
      assert(body.options?.format === 'md', `the format sent is ${body.options?.format}`);
      assert(body.options?.no_contacts === true, 'no_contacts was not sent');
      assert(body.ids?.length === 1, `${body.ids?.length} ids sent`);
      const file = await download;
      const name = file.suggestedFilename();
      assert(name.endsWith('.md'), `the download is named ${name}`);
      const result = exportDialog.getByTestId('export-result');
      await result.waitFor();
      const text = (await result.innerText()).trim();
      assert(text === `Hämtad: ${name}`, `the result says "${text}"`);
      assert((await exportDialog.getByTestId('export-cancel').count()) === 0, '"Avbryt" is still shown');
    },
    STEP_MS,
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
      const sent = page.waitForRequest((r) => new URL(r.url()).pathname.endsWith('/api/export'));
      const download = page.waitForEvent('download');
      await exportDialog.getByTestId('export-run').click();
      const body = JSON.parse((await sent).postData() ?? '{}');
      assert(body.ids?.length === total, `${body.ids?.length} ids sent for ${total} hits ("${count}")`);
      assert(body.options?.columns?.[0] === 'id' && body.options.columns[1] === 'uid', `columns ${body.options?.columns}`);
      assert((await download).suggestedFilename().endsWith('.csv'), 'the download is not a .csv');
      await exportDialog.getByTestId('export-result').waitFor();
      await page.keyboard.press('Escape');
      await exportDialog.waitFor({ state: 'detached' });
    },
    STEP_MS,
    found,
  );

  await collectionStep('export: a browser offers no bundles on the Redaktion page', async () => {
    await open('#/redaktion');
    await page.getByTestId('status-filter').waitFor();
    const offered = await page.locator('[data-testid="bundle-create"], [data-testid="bundle-import"]').count();
    assert(offered === 0, `${offered} bundle controls in a browser`);
  });

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
      name: 'entry',
      hash: entryHash ?? '#/',
      ready: () => page.locator('h1.entry-title').waitFor(),
    },
    {
      name: 'overview',
      hash: '#/oversikt',
      ready: () => page.locator('.chart svg[role="img"]').nth(3).waitFor(),
    },
    ...(readOnly
      ? []
      : [
          {
            name: 'lists',
            hash: '#/listor',
            ready: () => page.locator('.lists-layout').waitFor(),
          },
          {
            name: 'lists-dialog',
            hash: '#/listor',
            ready: async () => {
              await page.locator('.lists-layout').waitFor();
              if ((await page.locator('.list-card').count()) === 0) {
                await page.locator('#new-list-name').fill(`E2E-dialog ${stamp}`);
                await page.locator('#new-list-name').press('Enter');
              }
              await page.locator('.list-card .link-button.danger').first().click();
              await page.locator('dialog.confirm[open] h2').waitFor();
            },
          },
        ]),
  ];

  // The Redaktion page with a dry run's report shown, and the trash (empty by now).
  if (!readOnly) {
    pages.push(
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
    );
  }

  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    for (const p of pages) {
      const possible = p.name !== 'entry' || entryHash !== null;
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

  report(problems.length === 0, 'no console errors, CSP violations or failed requests', problems.join('\n'));
} catch (err) {
  report(false, 'the run completed', err instanceof Error ? err.message : err);
} finally {
  await browser.close().catch(() => {});
  clearTimeout(deadline);
}

summary();
process.exit(failed > 0 ? 1 : 0);
