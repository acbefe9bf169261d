#!/usr/bin/env node
// The web UI end to end in a real browser (Debian's Chromium through playwright-core; no
// browser is ever downloaded), against `exempelbank serve` or the fake API:
//
//   BASE_URL=http://127.0.0.1:5174/ EXPECT_TITLE='Mindre matsvinn' node tests/e2e/browser.mjs
//
// - the flow a civil servant follows: search, filter by a facet and remove the filter, open a
//   hit, go back to the same results;
// - the language setting, remembered over a reload;
// - "Mina listor", where the library keeps lists (the fake API; `serve` is read-only): an entry
//   saved to a new list from its page, a search saved with its filters from the results, the
//   lists page (the entry's title, an entry no longer in the library, rename, remove an entry,
//   delete after a confirmation), a saved search run from there and offered on the start page.
//   Against a read-only server (`/api/info` says read_only: true) those steps print
//   "ok - ... (skipped: read-only)", and one step checks instead that no collection control is
//   shown and no collection endpoint is ever asked;
// - axe-core (WCAG 2.0/2.1 A and AA) on the start page, a results page, an entry and the
//   overview (and the lists page, with and without its delete dialog, where there are lists),
//   in light and dark: no violations allowed;
// - screenshots of those pages in both themes (1280×800) to SCREENSHOT_DIR (test-output/).
//
// Prints `ok - ...` or `not ok - ...` for each check, then `browser: N passed, M failed`, and
// exits 1 on any failure. Every step has a time limit, and the whole run one of 180 s.
//
// env: BASE_URL (http://127.0.0.1:5174/), EXPECT_TITLE (Södertälje), SCREENSHOT_DIR
// (test-output/), CHROMIUM (/usr/bin/chromium), QUERY (livsmedel).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';

const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:5174/';
const EXPECT_TITLE = process.env.EXPECT_TITLE || 'Södertälje';
const QUERY = process.env.QUERY || 'livsmedel';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || 'test-output/';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_MS = 15_000;
const TOTAL_MS = 180_000;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

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
      await card(renamed).getByRole('button', { name: /^Ta bort listan/ }).click();
      await dialog.locator('h2').waitFor();
      await dialog.getByRole('button', { name: 'Avbryt' }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert((await card(renamed).count()) === 1, 'the list went although the deletion was cancelled');
      await card(renamed).getByRole('button', { name: /^Ta bort listan/ }).click();
      await dialog.getByRole('button', { name: 'Ta bort listan' }).click();
      await card(renamed).waitFor({ state: 'detached' });
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
        const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        const lines = result.violations.map(
          (v) =>
            `${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n` +
            v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n'),
        );
        assert(result.violations.length === 0, lines.join('\n'));
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
