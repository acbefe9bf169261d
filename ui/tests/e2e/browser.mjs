#!/usr/bin/env node
// The web UI end to end in a real browser (Debian's Chromium through playwright-core; no
// browser is ever downloaded), against `exempelbank serve` or the fake API:
//
//   BASE_URL=http://127.0.0.1:5174/ EXPECT_TITLE='Mindre matsvinn' node tests/e2e/browser.mjs
//
// - the flow a civil servant follows: search, filter by a facet and remove the filter, open a
//   hit, go back to the same results;
// - the language setting, remembered over a reload;
// - axe-core (WCAG 2.0/2.1 A and AA) on the start page, a results page, an entry and the
//   overview, in light and dark: no violations allowed;
// - screenshots of those pages in both themes (1280×800) to SCREENSHOT_DIR (test-output/).
//
// Prints `ok - ...` or `not ok - ...` for each check, then `browser: N passed, M failed`, and
// exits 1 on any failure. Every step has a time limit, and the whole run one of 120 s.
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
const TOTAL_MS = 120_000;
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
