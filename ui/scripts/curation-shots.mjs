#!/usr/bin/env node
// Screenshots of the curator's pages for docs/: the Redaktion page with an import report shown
// (a dry run of a small made-up CSV) and the Papperskorg page, in light and dark, full page.
// It starts the real backend itself (scripts/serve.mjs: `exempelbank serve --write` on a new
// library with the starter entries and the made-up drafts and trashed entries of
// tests/e2e/seed.json), or uses the one whose link (with its token) --url gives; it changes
// nothing there (the import is only tried):
//
//   node scripts/curation-shots.mjs [--url http://127.0.0.1:PORT/?token=...] [--out ../docs]
//
// Writes curation.png, curation-dark.png, trash.png and trash-dark.png. Uses playwright-core
// with the system Chromium (never downloads one).

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { serverFor } from './serve.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const here = fileURLToPath(new URL('.', import.meta.url));
const out = resolve(arg('--out', join(here, '..', '..', 'docs')));
const executablePath = arg('--chromium', process.env.CHROMIUM ?? '/usr/bin/chromium');
mkdirSync(out, { recursive: true });

// TEST DATA: the made-up entries of the end-to-end test; those whose id begins with
// "e2e-papperskorg-" go to the trash.
const seed = JSON.parse(readFileSync(join(here, '..', 'tests', 'e2e', 'seed.json'), 'utf8'));
const trash = seed.map((e) => e.id).filter((id) => id.startsWith('e2e-papperskorg-'));
const server = await serverFor(arg('--url', null), { seed, trash });
const url = server.url;

// TEST DATA: made-up rows, one of them without a title (rejected).
const CSV =
  'Rubrik;Sammanfattning;Fokusområden;Typ\n' +
  'Digital ronderingslista i hemtjänsten (testdata);Påhittad rad.;Digitalisering;exempel\n' +
  'Gemensam mall för behovsanalys (testdata);Påhittad rad.;Tjänstedesign och användardriven innovation;metod\n' +
  ';En rad utan rubrik;;exempel\n';

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

try {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      colorScheme: scheme,
      locale: 'sv-SE',
    });
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error(`${scheme} page error: ${err.message}`));
    const suffix = scheme === 'light' ? '' : '-dark';

    // The link first: it sets the token's cookie.
    await page.goto(server.link);
    await page.locator('main h1').waitFor();
    await page.goto(new URL('#/redaktion?status=utkast', url).href);
    await page.getByTestId('status-filter').waitFor();
    await page.getByTestId('import-file').setInputFiles({
      name: 'nya-poster.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-report').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(out, `curation${suffix}.png`), fullPage: true });

    await page.goto(new URL('#/papperskorg', url).href);
    await page.locator('[data-testid^="trash-row-"], .empty-state').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(out, `trash${suffix}.png`), fullPage: true });
    await context.close();
    console.log(`${scheme}: ${join(out, `curation${suffix}.png`)}, ${join(out, `trash${suffix}.png`)}`);
  }
} finally {
  await browser.close();
  server.stop();
}
