#!/usr/bin/env node
// The desktop app's export and bundle UI, in Chromium with a SIMULATED Tauri IPC: an init
// script defines `window.__TAURI_INTERNALS__`, so the UI takes its desktop paths. Commands the
// fake API knows are forwarded to it (library_info, search, lists, api/rpc/...); the save and
// open dialogs, export_file, bundle_create, bundle_import and cancel_task are made up here,
// with progress sent over the channel as the real ones send it. It checks what the UI does
// with them, not the Rust side (the core's own tests do that):
//
// - Redaktion has "Paket" (and it is in the table of contents); a bundle of the whole library
//   shows its progress and summary; "Avbryt" says "Avbrutet – inget sparades";
// - a bundle from an untrusted signer asks "Lita på avsändaren?"; "Avbryt" imports nothing;
//   trusting redoes the dry run with trust; the report names each action in Swedish; Importera
//   imports with the same trust and names the backup;
// - an entry is exported to the path the save dialog gave, with a determinate progress bar;
//   "Avbryt" and a closed save dialog say so; a list is exported as a brief with its name;
// - axe (WCAG 2.1 A/AA) on the Redaktion page with a bundle report, and with the trust dialog.
//
//   node scripts/fake-api.mjs --port 5174 &      # freshly started, ui/dist built
//   BASE_URL=http://127.0.0.1:5174/ node tests/e2e/export-desktop.mjs
//
// env: BASE_URL, SCREENSHOT_DIR (test-output/), CHROMIUM (/usr/bin/chromium).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { axeViolations } from './axe.mjs';

const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:5174/';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || 'test-output/';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_MS = 15_000;
const TOTAL_MS = 120_000;
const ENTRY = 'testdata-matsvinn-i-skolkoket';

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
  console.log(`export-desktop: ${passed} passed, ${failed} failed`);
}

const deadline = setTimeout(() => {
  report(false, `the run finished within ${TOTAL_MS / 1000} s`);
  summary();
  process.exit(1);
}, TOTAL_MS);

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

/**
 * Runs in the page before the app: a stand-in for the Tauri shell. `window.__sim` holds what
 * the test sets (slow tasks, a closed save dialog) and the calls made.
 */
function simulateTauri() {
  const callbacks = new Map();
  let nextId = 1;
  const sim = {
    calls: [],
    cancel: false,
    saveNull: false,
    /** Milliseconds between progress events. */
    tick: 60,
    trusted: new Set(),
  };
  window.__sim = sim;

  const fail = (code, message) => ({ code, message });
  const http = async (method, path, body) => {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => null);
    if (!response.ok) throw answer?.error ?? fail('io', `HTTP ${response.status}`);
    return answer;
  };
  const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

  /** Sends progress over a channel, as the shell does; stops with `cancelled` when asked. */
  async function task(channel, steps) {
    sim.cancel = false;
    let index = 0;
    const send = (message) => callbacks.get(channel.id)?.({ index: index++, message });
    for (const [stage, total] of steps) {
      for (let done = 0; done <= total; done += 1) {
        if (sim.cancel) {
          callbacks.get(channel.id)?.({ index: index++, end: true });
          throw fail('cancelled', 'avbrutet av användaren; inget sparades');
        }
        send({ done, total, stage });
        await sleep(sim.tick);
        if (total === 0) break;
      }
    }
    callbacks.get(channel.id)?.({ index: index++, end: true });
  }

  const SIGNER = 'Region Testlän (testdata)';
  const KEY = '0123456789abcdef'.repeat(4);

  async function handle(cmd, args) {
    switch (cmd) {
      case 'library_info':
        return http('GET', 'api/info');
      case 'taxonomy':
        return http('GET', 'api/taxonomy');
      case 'search':
        return http('POST', 'api/search', args.request);
      case 'get_entry':
        return http('GET', `api/entries/${encodeURIComponent(args.id)}`);
      case 'lists':
        return http('GET', 'api/lists');
      case 'create_list':
        return http('POST', 'api/lists', { name: args.name });
      case 'rename_list':
        return http('PUT', `api/lists/${args.list}`, { name: args.name });
      case 'delete_list':
        return http('DELETE', `api/lists/${args.list}`);
      case 'add_to_list':
        return http('POST', `api/lists/${args.list}/entries`, { entry: args.entry });
      case 'remove_from_list':
        return http('DELETE', `api/lists/${args.list}/entries/${encodeURIComponent(args.uid)}`);
      case 'saved_searches':
        return http('GET', 'api/saved-searches');
      case 'save_search':
        return http('POST', 'api/saved-searches', { name: args.name, request: args.request });
      case 'delete_saved_search':
        return http('DELETE', `api/saved-searches/${args.id}`);
      case 'plugin:dialog|save':
        return sim.saveNull ? null : `/tmp/sim/${args.options.defaultPath}`;
      case 'plugin:dialog|open':
        return '/tmp/sim/fran-region-testlan.zip';
      case 'cancel_task':
        sim.cancel = true;
        return null;
      case 'export_file':
        await task(args.onProgress, [
          ['Hämtar posterna', args.ids.length],
          [args.options.format === 'pdf' ? 'Sätter PDF-filen' : 'Skriver filen', 0],
        ]);
        return 1234;
      case 'bundle_create':
        await task(args.onProgress, [
          ['Samlar posterna', 0],
          ['Skriver paketet', 6],
        ]);
        return { entries: 5, attachments: 2, missing_attachments: 1, bytes: 3_456_789, signer: 'Testbiblioteket (testdata)', public_key: 'fedcba9876543210'.repeat(4) };
      case 'bundle_import': {
        await task(args.onProgress, [['Kontrollerar paketet', 4]]);
        if (!args.trust && !sim.trusted.has(KEY)) {
          throw fail(
            'conflict',
            `${args.path}: paketet är signerat av "${SIGNER}" (nyckel ${KEY.slice(0, 16)}…), som biblioteket inte litar på ännu; importera med --trust om du vet att det kommer från dem`,
          );
        }
        if (!args.dryRun) {
          await task(args.onProgress, [['Importerar posterna', 4]]);
          sim.trusted.add(KEY);
        }
        const row = (n, action, reason) => ({
          uid: `00000000-0000-4000-9000-00000000000${n}`,
          id: `paket-post-${n}`,
          title: `Paketets post ${n} (testdata)`,
          action,
          reason,
        });
        return {
          signer: SIGNER,
          public_key: KEY,
          library_id: 'region-testlan',
          dry_run: args.dryRun,
          imported: !args.dryRun,
          rows: [
            row(1, 'add', 'ny post'),
            row(2, 'update', 'nyare revision (3 → 5)'),
            row(3, 'unchanged', 'samma revision'),
            row(4, 'keep_local', 'ändrad här sedan förra paketet; paketets version väntar på granskning'),
          ],
          added: 1,
          updated: 1,
          unchanged: 1,
          kept_local: 1,
          attachments: 2,
          ...(args.dryRun ? {} : { backup: '/tmp/sim/backups/2025-04-01T10-00-00.sqlite' }),
        };
      }
      default:
        return http('POST', `api/rpc/${cmd}`, args ?? {});
    }
  }

  window.__TAURI_INTERNALS__ = {
    transformCallback(callback, once = false) {
      const id = nextId++;
      callbacks.set(id, (data) => {
        if (once) callbacks.delete(id);
        callback(data);
      });
      return id;
    },
    unregisterCallback(id) {
      callbacks.delete(id);
    },
    async invoke(cmd, args) {
      const { onProgress, ...rest } = args ?? {};
      sim.calls.push({ cmd, args: JSON.parse(JSON.stringify(rest)) });
      return handle(cmd, args ?? {});
    },
    convertFileSrc: (path) => path,
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
  };
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

const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE', colorScheme: 'light' });
context.setDefaultTimeout(STEP_MS);
await context.addInitScript(simulateTauri);
const page = await context.newPage();
const problems = [];
page.on('console', (msg) => {
  if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) problems.push(`console: ${msg.text()}`);
});
page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

const url = (hash) => new URL(hash, BASE_URL).href;
async function open(hash) {
  await page.goto('about:blank');
  await page.goto(url(hash), { waitUntil: 'load' });
  await page.locator('input[type="search"]').waitFor();
}
const calls = (cmd) => page.evaluate((c) => window.__sim.calls.filter((x) => x.cmd === c).map((x) => x.args), cmd);
const setSim = (values) => page.evaluate((v) => Object.assign(window.__sim, v), values);
async function axeClean(label) {
  const found = await axeViolations(page, `${label}: `);
  assert(found.length === 0, found.join('\n'));
}

try {
  const section = page.locator('section[aria-labelledby="bundles-heading"]');
  const shown = await step('Redaktion has "Paket", listed in its table of contents', async () => {
    await open('#/redaktion');
    await section.locator('h2', { hasText: 'Paket' }).waitFor();
    await page.locator('nav.contents button', { hasText: 'Paket' }).click();
    const focused = await page.evaluate(() => document.activeElement?.id);
    assert(focused === 'bundles-heading', `the contents moved focus to ${focused}`);
  });
  if (!shown) throw new Error('the desktop paths are not taken: nothing more to check');

  await step('a bundle of the whole library shows its progress, then its summary', async () => {
    await setSim({ tick: 120 });
    await page.getByTestId('bundle-create').click();
    await page.getByTestId('bundle-progress').waitFor();
    await section.locator('.stage', { hasText: 'Skriver paketet' }).waitFor();
    assert((await page.getByTestId('bundle-progress').getAttribute('max')) === '6', 'the bar is not determinate');
    const sum = page.getByTestId('bundle-summary');
    await sum.waitFor();
    const text = await sum.innerText();
    for (const want of ['/tmp/sim/exempelbanken-', '5 poster', '2 bilagor', '1 bilaga saknas', '3,5 MB', 'Testbiblioteket (testdata)']) {
      assert(text.includes(want), `the summary lacks "${want}": ${text}`);
    }
    const [args] = await calls('bundle_create');
    assert(args.request.query === '' && args.request.all === false && args.request.sort === 'relevance', JSON.stringify(args.request));
    assert(args.path.endsWith('.zip'), `the path is ${args.path}`);
  });

  await step('"Avbryt" stops a bundle: "Avbrutet – inget sparades"', async () => {
    await setSim({ tick: 300 });
    await page.getByTestId('bundle-create').click();
    await page.getByTestId('bundle-cancel').click();
    await section.locator('[role="status"]', { hasText: 'Avbrutet – inget sparades.' }).waitFor();
    assert((await page.getByTestId('bundle-summary').count()) === 0, 'a summary is shown after a cancel');
    await setSim({ tick: 60 });
  });

  const trustDialog = page.locator('dialog.confirm[open]', { hasText: 'Lita på avsändaren?' });
  const asked = await step('a bundle from an untrusted signer asks first; "Avbryt" imports nothing', async () => {
    await page.getByTestId('bundle-import').click();
    await trustDialog.waitFor();
    const text = await trustDialog.innerText();
    assert(text.includes('Paketet är signerat av ”Region Testlän (testdata)”. Lita på avsändaren?'), text);
    assert(!text.includes('--trust'), 'the CLI advice is shown');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'desktop-sim-trust-dialog.png') });
    await axeClean('trust dialog');
    await trustDialog.getByRole('button', { name: 'Avbryt' }).click();
    await trustDialog.waitFor({ state: 'detached' });
    await section.locator('[role="status"]', { hasText: 'inte litar på ännu' }).waitFor();
    assert((await page.getByTestId('bundle-report').count()) === 0, 'a report without trust');
    const imports = await calls('bundle_import');
    assert(imports.length === 1 && imports[0].dryRun === true && imports[0].trust === false, JSON.stringify(imports));
  });

  const dry = await step('trusting the signer redoes the dry run with trust; the report says what happens to each entry', async () => {
    await section.getByRole('button', { name: 'Lita på avsändaren …' }).click();
    await trustDialog.getByTestId('bundle-trust').click();
    const reportBox = page.getByTestId('bundle-report');
    await reportBox.locator('h4', { hasText: 'Provkörning – inget har sparats' }).waitFor();
    const actions = await reportBox.locator('tbody .badge').allInnerTexts();
    assert(
      JSON.stringify(actions) === JSON.stringify(['ny', 'uppdateras', 'oförändrad', 'lokal ändring behålls']),
      `actions: ${actions.join(', ')}`,
    );
    const text = await reportBox.innerText();
    assert(text.includes('1 ny, 1 uppdateras, 1 oförändrad, 1 lokal ändring behålls'), text);
    assert(text.includes('väntar på granskning'), 'no note about the kept local change');
    assert(text.includes('Posterna i fran-region-testlan.zip'), 'the caption does not name the file');
    const imports = await calls('bundle_import');
    assert(imports.length === 2 && imports[1].dryRun === true && imports[1].trust === true, JSON.stringify(imports));
    assert(await page.getByTestId('bundle-run').isEnabled(), 'Importera is not enabled');
    await page.evaluate(() => document.getElementById('bundles-heading')?.scrollIntoView());
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'desktop-sim-bundle-report.png') });
    await axeClean('bundle report');
  }, 30_000, asked);

  await step('Importera imports with the same trust, shows the report and the backup', async () => {
    await page.getByTestId('bundle-run').click();
    const reportBox = page.getByTestId('bundle-report');
    await reportBox.locator('h4', { hasText: 'Paketet är importerat' }).waitFor();
    const text = await reportBox.innerText();
    assert(text.includes('/tmp/sim/backups/2025-04-01T10-00-00.sqlite'), `no backup named: ${text}`);
    assert((await page.getByTestId('bundle-run').count()) === 0, 'Importera is still offered');
    const imports = await calls('bundle_import');
    assert(imports.length === 3 && imports[2].dryRun === false && imports[2].trust === true, JSON.stringify(imports));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'desktop-sim-bundle-done.png') });
  }, STEP_MS, dry);

  const dialog = page.locator('dialog.export-dialog[open]');
  const exported = await step('an entry is saved where the save dialog said, with a determinate progress bar', async () => {
    await open(`#/post/${ENTRY}`);
    await page.locator('h1.entry-title').waitFor();
    await setSim({ tick: 250 });
    await page.getByTestId('export-open').click();
    await dialog.locator('h2').waitFor();
    assert((await dialog.locator('.where').count()) === 0, 'the browser note is shown in the app');
    await dialog.getByTestId('export-run').click();
    const bar = dialog.getByTestId('export-progress');
    await bar.waitFor();
    assert((await bar.getAttribute('max')) === '1', `the bar's max is ${await bar.getAttribute('max')}`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'desktop-sim-export-progress.png') });
    const result = dialog.getByTestId('export-result');
    await result.waitFor();
    const text = (await result.innerText()).trim();
    assert(text === `Sparad: /tmp/sim/${ENTRY}.pdf`, `the result says "${text}"`);
    const [args] = await calls('export_file');
    assert(args.options.format === 'pdf' && args.options.brief === false, JSON.stringify(args.options));
    assert(args.ids.length === 1 && args.ids[0] === ENTRY, JSON.stringify(args.ids));
  });

  await step('"Avbryt" stops an export, and a closed save dialog saves nothing; both say so', async () => {
    await dialog.getByTestId('export-run').click();
    await dialog.getByTestId('export-cancel').click();
    await dialog.getByTestId('export-result').filter({ hasText: 'Avbrutet – inget sparades.' }).waitFor();
    await setSim({ saveNull: true });
    await dialog.getByTestId('export-run').click();
    await dialog.getByTestId('export-result').filter({ hasText: 'Ingen fil sparades.' }).waitFor();
    await setSim({ saveNull: false, tick: 60 });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }, STEP_MS, exported);

  await step('a list is exported as a brief titled with its name', async () => {
    await open('#/listor');
    const card = page.locator('.list-card').first();
    await card.waitFor();
    const name = (await card.locator('h3').innerText()).trim();
    await card.getByTestId('export-open').click();
    await dialog.locator('h2', { hasText: 'Exportera listan' }).waitFor();
    assert((await dialog.locator('input[type="text"]').inputValue()) === name, 'the title is not the list’s name');
    await dialog.getByTestId('export-run').click();
    await dialog.getByTestId('export-result').waitFor();
    const all = await calls('export_file');
    const args = all[all.length - 1];
    assert(args.options.brief === true && args.options.title === name, JSON.stringify(args.options));
    assert(args.path.endsWith('.pdf'), args.path);
  });

  report(problems.length === 0, 'no console errors or page errors', problems.join('\n'));
} catch (err) {
  report(false, 'the run completed', err instanceof Error ? err.message : err);
} finally {
  await browser.close().catch(() => {});
  clearTimeout(deadline);
}

summary();
process.exit(failed > 0 ? 1 : 0);
