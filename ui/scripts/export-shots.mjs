#!/usr/bin/env node
// Screenshots of the export dialog for docs/ (export-dialog.png: the dialog open on an entry,
// light theme, 1280×800). With --all it also saves, beside it, the dialog on a list with the
// CSV columns (export-dialog-list.png) and after a Markdown export (export-dialog-done.png),
// in light and dark, for looking at the layout. Against the fake API (a download is made):
//
//   node scripts/fake-api.mjs &
//   node scripts/export-shots.mjs [--url http://127.0.0.1:5174/] [--out ../docs] [--all]
//
// Uses playwright-core with the system browser (never downloads one).

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const base = arg('--url', 'http://127.0.0.1:5174/');
const out = resolve(arg('--out', '../docs'));
const all = args.includes('--all');
const executablePath = arg('--chromium', process.env.CHROMIUM ?? '/usr/bin/chromium');
mkdirSync(out, { recursive: true });

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

    await page.goto(new URL('#/post/testdata-matsvinn-i-skolkoket', base).href, { waitUntil: 'load' });
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
}
