#!/usr/bin/env node
// Walks through the UI in Debian's Chromium and saves screenshots, in light and dark, to look
// at by eye; it also fails on console errors (a CSP violation among them) and on a few
// behaviours: the search box shortcut, filtering, the entry page and the way back.
//
// It starts the real backend itself (scripts/serve.mjs: `exempelbank serve --write` on a new
// library with the starter entries and one made-up entry whose text holds markup, to show that
// it is escaped), or uses the one whose link (with its token) --url gives:
//
//   node scripts/screenshots.mjs [--url http://127.0.0.1:PORT/?token=...] [--out /tmp/ui-shots]
//
// Uses playwright-core with the system browser (never downloads one).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { serverFor } from './serve.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const out = arg('--out', '/tmp/ui-shots');
const executablePath = arg('--chromium', process.env.CHROMIUM ?? '/usr/bin/chromium');
mkdirSync(out, { recursive: true });

// TEST DATA: a published entry whose text holds markup, found by "citattecken".
const ESCAPING = {
  id: 'testdata-markup-i-texten',
  kind: 'exempel',
  status: 'publicerad',
  title: 'Markup i texten: <b>fet</b> & "citattecken" (testdata)',
  summary: 'En påhittad post vars text har <script>alert(1)</script> och <img src=x onerror=alert(1)> i sig, med "citattecken" & et-tecken.',
  focus_areas: ['digitalisering'],
  tags: ['testdata'],
};
const server = await serverFor(arg('--url', null), { seed: [ESCAPING] });

const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

const problems = [];
const check = (ok, what) => {
  if (!ok) problems.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

async function run(scheme) {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 800 },
    colorScheme: scheme,
    locale: 'sv-SE',
  });
  const page = await context.newPage();
  page.on('response', (res) => {
    if (res.status() >= 400) {
      problems.push(`${scheme} HTTP ${res.status()}: ${res.url()}`);
    }
  });
  page.on('console', (msg) => {
    if (/Failed to load resource/.test(msg.text())) return; // reported by 'response' above
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${scheme} console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${scheme} page error: ${err.message}`));
  const shot = (name, fullPage = false) => page.screenshot({ path: join(out, `${scheme}-${name}.png`), fullPage });

  // The link first: it sets the token's cookie and leads to the start page.
  await page.goto(server.link);
  await page.locator('.card').first().waitFor();
  await page.locator('.newest li').first().waitFor();
  await shot('1-start');

  // "/" focuses the search box.
  await page.keyboard.press('/');
  check(await page.locator('#search-input').evaluate((el) => el === document.activeElement), `${scheme}: "/" focuses the search box`);

  await page.keyboard.type('livsmedel', { delay: 30 });
  await page.waitForFunction(() => document.querySelector('.hit-count')?.textContent?.includes('träff'));
  await page.waitForTimeout(300);
  check(/#\/sok\?q=livsmedel/.test(page.url()), `${scheme}: the address holds the query`);
  check((await page.locator('.snippet mark').count()) > 0, `${scheme}: the snippet marks the match`);
  await shot('2-results');

  // Browse everything, then filter on a focus area and a kind.
  await page.fill('#search-input', '');
  await page.locator('.card').first().waitFor();
  await page.locator('.card', { hasText: 'Samverkan och spridning' }).click();
  await page.locator('.hit').first().waitFor();
  await page.getByRole('checkbox', { name: /^Exempel/ }).check();
  await page.waitForTimeout(300);
  check((await page.locator('.chip').count()) === 2, `${scheme}: two filter chips`);
  await shot('3-filtered');

  // A search that finds nothing.
  await page.fill('#search-input', 'xyzzyq');
  await page.getByRole('heading', { name: 'Inga träffar' }).waitFor();
  await shot('4-no-hits');

  // The entry with markup in its text (seeded above; a server at --url may lack it): its
  // markup must show as text.
  await page.locator('.chip').first().click();
  await page.locator('.chip').first().click();
  await page.fill('#search-input', 'citattecken');
  await page.locator('.hit, .empty-state, h2:has-text("Inga träffar")').first().waitFor();
  await page.waitForTimeout(300);
  if ((await page.locator('.hit').count()) > 0) {
    check((await page.locator('.snippet script, .snippet img, .hit b').count()) === 0, `${scheme}: no markup from snippets`);
    await shot('5-escaping');
  } else {
    console.log(`skip ${scheme}: no entry with markup in its text at --url`);
  }

  // An entry, and back.
  await page.fill('#search-input', 'välfärdsteknik');
  await page.waitForTimeout(400);
  await page.locator('a.hit-title').first().click();
  await page.locator('h1.entry-title').waitFor();
  await page.locator('.see-also li').first().waitFor();
  await shot('6-entry');
  await shot('6-entry-full', true);
  await page.getByRole('button', { name: 'Tillbaka till sökresultaten' }).click();
  await page.locator('a.hit-title').first().waitFor();
  check((await page.inputValue('#search-input')) === 'välfärdsteknik', `${scheme}: back restores the query`);
  check(
    await page.locator('a.hit-title').first().evaluate((el) => el === document.activeElement),
    `${scheme}: back puts focus on the hit that was opened`,
  );
  await page.goForward();
  await page.locator('h1.entry-title').waitFor();
  await page.goBack();
  await page.locator('a.hit-title').first().waitFor();
  check(/q=v%C3%A4lf%C3%A4rdsteknik/i.test(page.url()), `${scheme}: browser back returns to the results`);

  // Keyboard: Tab from the search box to the first hit, and open it with Enter.
  await page.locator('#search-input').focus();
  for (let i = 0; i < 10; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.classList.contains('hit-title'))) break;
  }
  check(
    await page.evaluate(() => document.activeElement?.classList.contains('hit-title') ?? false),
    `${scheme}: Tab reaches the first hit`,
  );
  await shot('7-focus-ring');
  await page.keyboard.press('Enter');
  await page.locator('h1.entry-title').waitFor();
  check(
    await page.evaluate(() => document.activeElement?.classList.contains('entry-title') ?? false),
    `${scheme}: an opened entry has focus on its title`,
  );
  await page.goBack();
  await page.locator('a.hit-title').first().waitFor();

  // A narrow window.
  await page.setViewportSize({ width: 760, height: 900 });
  await shot('8-narrow');
  await context.close();
}

try {
  await run('light');
  await run('dark');
} finally {
  await browser.close();
  server.stop();
}

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`\nScreenshots in ${out}`);
