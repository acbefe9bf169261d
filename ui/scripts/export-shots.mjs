#!/usr/bin/env node
// Screenshots of the export dialog for docs/ (export-dialog.png: the dialog open on an entry,
// light theme, 1280×800). With --all it also saves, beside it, the dialog on a list with the
// CSV columns (export-dialog-list.png) and after a Markdown export (export-dialog-done.png),
// in light and dark, for looking at the layout. It starts the real backend itself
// (scripts/serve.mjs: `exempelbank serve --write` on a new library with the starter entries,
// where it makes a list of two of them), or uses the one whose link (with its token) --url
// gives (a download is made):
//
//   node scripts/export-shots.mjs [--url http://127.0.0.1:PORT/?token=...] [--out ../docs] [--all]
//
// Uses playwright-core with the system browser (never downloads one).

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { chromium } from 'playwright-core';

import { serverFor } from './serve.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const out = resolve(arg('--out', '../docs'));
const all = args.includes('--all');
const executablePath = arg('--chromium', process.env.CHROMIUM ?? '/usr/bin/chromium');
mkdirSync(out, { recursive: true });

const ID = 'sodertalje-hallbar-livsmedelsforsorjning';
const server = await serverFor(arg('--url', null));
const base = server.url;
if (all && (await server.rpc('lists')).length === 0) {
  const list = await server.rpc('create_list', { name: 'Till mötet i maj' });
  for (const entry of [ID, 'orebro-gemensam-testbadd-valfardsteknik-e-halsa']) {
    await server.rpc('add_to_list', { list: list.id, entry });
  }
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

try {
  for (const colorScheme of all ? ['light', 'dark'] : ['light']) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'sv-SE',
      colorScheme,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const suffix = colorScheme === 'light' ? '' : '-dark';
    const settle = async () => {
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(150);
    };

    // The link first: it sets the token's cookie.
    await page.goto(server.link);
    await page.locator('main h1').waitFor();
    await page.goto(new URL(`#/post/${ID}`, base).href, { waitUntil: 'load' });
    await page.locator('h1.entry-title').waitFor();
    await page.getByTestId('export-open').click();
    await page.locator('dialog.export-dialog[open] h2').waitFor();
    await settle();
    await page.screenshot({ path: join(out, `export-dialog${suffix}.png`) });

    if (all) {
      await page.getByTestId('export-format-md').check();
      const download = page.waitForEvent('download');
      await page.getByTestId('export-run').click();
      await download;
      await page.getByTestId('export-result').waitFor();
      await settle();
      await page.screenshot({ path: join(out, `export-dialog-done${suffix}.png`) });

      await page.goto(new URL('#/listor', base).href, { waitUntil: 'load' });
      await page.locator('.list-card').first().waitFor();
      await page.locator('.list-card [data-testid="export-open"]').first().click();
      await page.locator('dialog.export-dialog[open] h2').waitFor();
      await page.locator('dialog.export-dialog[open] [data-testid="export-format-csv"]').check();
      await page.locator('dialog.export-dialog[open] [data-testid="export-no-contacts"]').check();
      await settle();
      await page.screenshot({ path: join(out, `export-dialog-list${suffix}.png`) });
    }
    await context.close();
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  server.stop();
}
