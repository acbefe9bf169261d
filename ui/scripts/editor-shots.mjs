#!/usr/bin/env node
// Screenshots of the editor, an entry's curation bar and the history with a diff, each with the
// light theme on the left and the dark one on the right, for docs/ (editor.png: the top of the
// form above its text sections; entry-curation.png; history.png). It starts the real backend
// itself (scripts/serve.mjs: `exempelbank serve --write` on a new library with the starter
// entries), or uses the one whose link (with its token) --url gives, and edits the starter
// entry from Södertälje once there (unless its history has a diff already), so that the history
// has a diff:
//
//   node scripts/editor-shots.mjs [--url http://127.0.0.1:PORT/?token=...] [--out ../docs]
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
const executablePath = arg('--chromium', process.env.CHROMIUM ?? '/usr/bin/chromium');
mkdirSync(out, { recursive: true });

const server = await serverFor(arg('--url', null));
const base = server.url;
const ID = 'sodertalje-hallbar-livsmedelsforsorjning';

// One edit, so the history has something to show.
const entry = await server.rpc('get_entry', { id: ID });
if ((await server.rpc('history', { id: ID })).length < 2) {
  await server.rpc('update_entry', {
    id: ID,
    expectedRevision: entry.revision,
    entry: {
      ...entry,
      summary: entry.summary.replace('16 kommuner och två regioner', 'sexton kommuner och två regioner'),
      sections: {
        ...entry.sections,
        results: `${entry.sections.results ?? ''}\n\nFler kommuner i regionen planerar nu egna upphandlingar av lokalt producerade livsmedel.`.trim(),
      },
      tags: [...entry.tags, 'lokal livsmedelsproduktion'],
    },
  });
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const shots = { editorTop: {}, editorText: {}, entry: {}, history: {} };
for (const scheme of ['light', 'dark']) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme, locale: 'sv-SE' });
  const page = await context.newPage();
  // The link first: it sets the token's cookie.
  await page.goto(server.link);
  await page.locator('main h1').waitFor();
  const settle = async () => {
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(250);
  };

  await page.goto(new URL(`#/post/${ID}/redigera`, base).href);
  await page.getByTestId('field-title').waitFor();
  await settle();
  shots.editorTop[scheme] = await page.screenshot();
  await page.locator('button[aria-controls="field-sections-solution-preview"]').click();
  await page.locator('#part-text').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16));
  await settle();
  shots.editorText[scheme] = await page.screenshot();

  await page.goto(new URL(`#/post/${ID}`, base).href);
  await page.getByTestId('status-label').waitFor();
  await page.getByTestId('transition-arkiverad').waitFor();
  await settle();
  shots.entry[scheme] = await page.screenshot();

  await page.goto(new URL(`#/post/${ID}/historik`, base).href);
  await page.getByTestId('diff-view').locator('ins').first().waitFor();
  await page.locator('table').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 120));
  await settle();
  shots.history[scheme] = await page.screenshot();
  await context.close();
}

/** Light on the left, dark on the right; rows one under the other. */
async function composite(file, rows) {
  const context = await browser.newContext({ viewport: { width: 2560, height: 800 * rows.length } });
  const page = await context.newPage();
  const img = (buffer) => `<img src="data:image/png;base64,${buffer.toString('base64')}" width="1280" height="800">`;
  await page.setContent(
    `<style>body{margin:0;display:grid;grid-template-columns:1280px 1280px;line-height:0}</style>` +
      rows.map((r) => img(r.light) + img(r.dark)).join(''),
  );
  await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
  await page.screenshot({ path: join(out, file), fullPage: true });
  await context.close();
  console.log(`wrote ${join(out, file)}`);
}

await composite('editor.png', [shots.editorTop, shots.editorText]);
await composite('entry-curation.png', [shots.entry]);
await composite('history.png', [shots.history]);
await browser.close();
server.stop();
