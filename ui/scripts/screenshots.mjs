#!/usr/bin/env node
// Walks through the UI in Debian's Chromium and saves screenshots, in light and dark, to look
// at by eye; it also fails on console errors (a CSP violation among them) and on a few
// behaviours: the search box shortcut, filtering, the entry page and the way back.
//
//   node scripts/fake-api.mjs &      (serves ui/dist with test data on port 5174)
//   node scripts/screenshots.mjs [--url http://127.0.0.1:5174/] [--out /tmp/ui-shots]
//
// Uses playwright-core with the system browser (never downloads one).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const url = arg('--url', 'http://127.0.0.1:5174/');
const out = arg('--out', '/tmp/ui-shots');
const executablePath = arg('--chromium', process.env.CHROMIUM ?? '/usr/bin/chromium');
mkdirSync(out, { recursive: true });

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
  // The first test entry names a related entry that does not exist: its 404 is expected.
  const expected404 = /\/api\/entries\/00000000-0000-4000-8000-000000000099$/;
  page.on('response', (res) => {
    if (res.status() >= 400 && !expected404.test(res.url())) {
      problems.push(`${scheme} HTTP ${res.status()}: ${res.url()}`);
    }
  });
  page.on('console', (msg) => {
    if (/Failed to load resource/.test(msg.text())) return; // reported by 'response' above
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${scheme} console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${scheme} page error: ${err.message}`));
  const shot = (name, fullPage = false) => page.screenshot({ path: join(out, `${scheme}-${name}.png`), fullPage });

  await page.goto(url);
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
  await page.locator('.card', { hasText: 'Innovationsupphandling' }).click();
  await page.locator('.hit').first().waitFor();
  await page.getByRole('checkbox', { name: /Exempel/ }).check();
  await page.waitForTimeout(300);
  check((await page.locator('.chip').count()) === 2, `${scheme}: two filter chips`);
  await shot('3-filtered');

  // A search that finds nothing.
  await page.fill('#search-input', 'xyzzyq');
  await page.getByRole('heading', { name: 'Inga träffar' }).waitFor();
  await shot('4-no-hits');

  // The escaping test entry: its markup must show as text.
  await page.locator('.chip').first().click();
  await page.locator('.chip').first().click();
  await page.fill('#search-input', 'citattecken');
  await page.locator('.hit').first().waitFor();
  await page.waitForTimeout(300);
  check((await page.locator('.snippet script').count()) === 0, `${scheme}: no markup from snippets`);
  await shot('5-escaping');

  // An entry, and back.
  await page.fill('#search-input', 'app');
  await page.waitForTimeout(400);
  await page.locator('a.hit-title').first().click();
  await page.locator('h1.entry-title').waitFor();
  await page.locator('.see-also li').first().waitFor();
  await shot('6-entry');
  await shot('6-entry-full', true);
  await page.getByRole('button', { name: 'Tillbaka till sökresultaten' }).click();
  await page.locator('a.hit-title').first().waitFor();
  check((await page.inputValue('#search-input')) === 'app', `${scheme}: back restores the query`);
  check(
    await page.locator('a.hit-title').first().evaluate((el) => el === document.activeElement),
    `${scheme}: back puts focus on the hit that was opened`,
  );
  await page.goForward();
  await page.locator('h1.entry-title').waitFor();
  await page.goBack();
  await page.locator('a.hit-title').first().waitFor();
  check(/q=app/.test(page.url()), `${scheme}: browser back returns to the results`);

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
}

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`\nScreenshots in ${out}`);
