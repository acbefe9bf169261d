// Subscriptions in Chromium against real servers (tests/e2e/ui-flows.sh starts them): the owner's
// `exempelbank serve --write` on an empty library (BASE_URL, the link with its token), and a
// reader's `exempelbank serve` on a second library with the starter entries whose signer is
// named "Regionens exempelbank" (FEED_URL). The owner opens Prenumerationer, asks the second
// server who signs it, compares the fingerprint with `exempelbank key --json`'s, trusts and
// follows it and sees what the first pull brought; finds its entries by their source and by
// search, sees "Kom från: …" on an entry page; sees the background pull's notice after the
// second library gets a new entry (added with the CLI) and the app starts again; reviews
// "Inkommande versioner" (two entries changed here through the API and there with the CLI:
// the pull keeps ours and theirs waits; it takes their version of one and keeps ours of the
// other); and stops following it, keeping the entries. axe-core runs on the page in light and dark, and
// screenshots go to SCREENSHOT_DIR.
//
// env: BASE_URL, FEED_URL, FINGERPRINT, SIGNER (Regionens exempelbank), EXPECTED_NEW (how many
// entries the second library publishes), EXPECT_TITLE (the title of one of them), FEED_LIBRARY
// and EXEMPELBANK_CLI (to add an entry there), SCREENSHOT_DIR (test-output/), CHROMIUM.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { axeViolations } from './axe.mjs';
import { assert, checks, launchChromium, watchProblems } from './harness.mjs';

const BASE_URL = process.env.BASE_URL;
const FEED_URL = process.env.FEED_URL;
const FINGERPRINT = process.env.FINGERPRINT;
const SIGNER = process.env.SIGNER || 'Regionens exempelbank';
const EXPECTED_NEW = Number(process.env.EXPECTED_NEW);
const EXPECT_TITLE = process.env.EXPECT_TITLE;
const FEED_LIBRARY = process.env.FEED_LIBRARY;
const CLI = process.env.EXEMPELBANK_CLI;
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || 'test-output/';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_MS = 20_000;
const TOTAL_MS = 380_000;

for (const [name, value] of Object.entries({ BASE_URL, FEED_URL, FINGERPRINT, EXPECT_TITLE, FEED_LIBRARY, EXEMPELBANK_CLI: CLI })) {
  if (!value) throw new Error(`${name} is not set (run tests/e2e/ui-flows.sh)`);
}
if (!Number.isInteger(EXPECTED_NEW) || EXPECTED_NEW <= 0) throw new Error(`EXPECTED_NEW is ${process.env.EXPECTED_NEW}`);

const link = new URL(BASE_URL);
const APP_URL = new URL(link.pathname, link.origin).href;
const url = (hash) => new URL(hash, APP_URL).href;

const TOKEN = link.searchParams.get('token');

const { report, step, finish } = checks('subscriptions', { stepMs: STEP_MS, totalMs: TOTAL_MS });
mkdirSync(SCREENSHOT_DIR, { recursive: true });
const shot = (name) => join(SCREENSHOT_DIR, `subscriptions-${name}.png`);
const incomingShot = (name) => join(SCREENSHOT_DIR, `incoming-${name}.png`);

/** A command of the owner's server, as the UI calls it (with the token of the link). */
async function rpc(name, args) {
  const response = await fetch(new URL(`api/rpc/${name}`, APP_URL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(TOKEN ? { Authorization: `Bearer ${TOKEN}` } : {}) },
    body: JSON.stringify(args),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** The CLI on the library followed, its answer read as JSON with `--json`. */
function feedCli(args, input) {
  return execFileSync(CLI, ['--library', FEED_LIBRARY, ...args], { timeout: STEP_MS, input, encoding: 'utf8' });
}

const browser = await launchChromium({ report, finish }, CHROMIUM, STEP_MS);
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE', colorScheme: 'light' });
context.setDefaultTimeout(STEP_MS);
const page = await context.newPage();
const { problems, forgive } = watchProblems(page);

const byTestId = (id) => page.getByTestId(id);
const search = page.locator('input[type="search"]');

/** Goes to a page of the app afresh: a new start of the app. */
async function open(hash) {
  await page.goto('about:blank');
  await page.goto(url(hash), { waitUntil: 'load' });
  await search.waitFor();
}

/** axe on the page as it is now, in light and dark, with a screenshot of each. */
async function axeBoth(name, path = (scheme) => shot(`${scheme}-${name}`)) {
  const found = [];
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path(colorScheme), fullPage: true });
    found.push(...(await axeViolations(page, `${colorScheme}: `)));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  assert(found.length === 0, found.join('\n'));
}

const row = page.locator('[data-testid="subscription"]', { hasText: SIGNER });
const word = EXPECT_TITLE.split(/\s+/).find((w) => w.length > 5) ?? EXPECT_TITLE;

try {
  const started = await step('the owner\'s link opens the app, with "Prenumerationer" in the menu', async () => {
    await page.goto(BASE_URL, { waitUntil: 'load' });
    await search.waitFor();
    await byTestId('nav-subscriptions').waitFor();
  });
  if (!started) throw new Error(`the app does not answer at ${APP_URL}`);

  await step('Prenumerationer says the library follows nothing yet, and passes axe', async () => {
    await byTestId('nav-subscriptions').click();
    await page.locator('main h1', { hasText: 'Prenumerationer' }).waitFor();
    assert((await page.title()) === 'Prenumerationer – Exempelbanken', `the title is "${await page.title()}"`);
    assert(
      (await page.locator('.site-nav a[aria-current="page"]').innerText()).trim() === 'Prenumerationer',
      'the menu does not mark the page',
    );
    await byTestId('subscriptions-none').waitFor();
    await axeBoth('empty');
  });

  await step('an address it cannot follow gets the library\'s message beside the field', async () => {
    await byTestId('follow-peek').click();
    const missing = await byTestId('follow-source-error').innerText();
    assert(missing.includes('adress'), `empty: ${missing}`);
    await byTestId('follow-source').fill('ftp://exempel.invalid/');
    await byTestId('follow-peek').click();
    await page.locator('[data-testid="follow-source-error"]', { hasText: 'http' }).waitFor();
    assert((await byTestId('follow-source').getAttribute('aria-invalid')) === 'true', 'the field is not marked invalid');
    forgive(/HTTP 400: \/api\/subscriptions\/peek/);
  });

  let peeked = false;
  peeked = await step('"Hämta uppgifter" shows the signer and the fingerprint `exempelbank key` prints', async () => {
    await byTestId('follow-source').fill(FEED_URL);
    await byTestId('follow-peek').click();
    await byTestId('follow-info').waitFor();
    assert((await byTestId('follow-source-error').count()) === 0, 'the old error stays');
    const signer = (await byTestId('follow-signer').innerText()).trim();
    assert(signer === SIGNER, `the signer is "${signer}"`);
    // Read in groups of four, copied as one string.
    const copied = await byTestId('follow-fingerprint').evaluate((el) => el.textContent);
    assert(copied === FINGERPRINT, `the fingerprint is ${copied}, exempelbank key says ${FINGERPRINT}`);
    const info = await byTestId('follow-info').innerText();
    assert(
      info.includes('Jämför fingeravtrycket med det som källans ägare ser med exempelbank key'),
      `the advice is missing: ${info}`,
    );
    await axeBoth('peek');
  });

  const followed = await step(`"Lita på och följ" follows it and fetches at once: "${EXPECTED_NEW} nya exempel från ${SIGNER}"`, async () => {
    await byTestId('follow-trust').click();
    await page.locator('[data-testid="follow-said"]', { hasText: `${EXPECTED_NEW} nya exempel från ${SIGNER}` }).waitFor();
    await row.waitFor();
    assert((await row.getByTestId('subscription-entries').innerText()).trim() === String(EXPECTED_NEW), 'the count of entries');
    assert((await row.getByTestId('subscription-state').innerText()).includes('Allt i ordning'), 'the state');
    assert(!(await row.getByTestId('subscription-last').innerText()).includes('aldrig'), 'never fetched');
    const fp = await row.getByTestId('subscription-fingerprint').evaluate((el) => el.textContent);
    assert(fp === FINGERPRINT, `the row's fingerprint is ${fp}`);
    assert((await byTestId('follow-source').inputValue()) === '', 'the form keeps the address');
    await axeBoth('following');
  }, STEP_MS, peeked);

  await step('"Hämta nu" fetches it again: nothing new', async () => {
    await row.getByTestId('subscription-pull').click();
    await row.locator('[data-testid="subscription-said"]', { hasText: `Inget nytt från ${SIGNER}` }).waitFor();
  }, STEP_MS, followed);

  await step('"Visa exemplen" lists its entries with the source as a filter that can be removed', async () => {
    await row.getByTestId('subscription-show').click();
    const chip = page.locator('.chip', { hasText: `Källa: ${SIGNER}` });
    await chip.waitFor();
    await page.locator('.hit-count', { hasText: `${EXPECTED_NEW} träffar` }).waitFor();
    assert(page.url().includes('kalla='), `the address is ${page.url()}`);
    await page.screenshot({ path: shot('results') });
    await chip.click();
    await chip.waitFor({ state: 'detached' });
  }, STEP_MS, followed);

  await step('a search finds its entry, whose page says "Kom från: Regionens exempelbank"', async () => {
    await open(`#/sok?q=${encodeURIComponent(word)}`);
    const hit = page.locator('a.hit-title', { hasText: EXPECT_TITLE }).first();
    await hit.click();
    const origin = byTestId('entry-origin');
    await origin.waitFor();
    const said = await origin.innerText();
    assert(said.startsWith(`Kom från: ${SIGNER} · mottagen `), `the entry says "${said}"`);
    await page.screenshot({ path: shot('entry') });
  }, STEP_MS, followed);

  await step('after a new entry there, the app\'s next start fetches it in the background and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exempelbank-sub-'));
    try {
      const file = join(dir, 'ny.json');
      writeFileSync(file, JSON.stringify({
        kind: 'exempel',
        title: 'Syntetiskt exempel om prenumerationer på cykelbibliotek',
        summary: 'Ett syntetiskt exempel som testet lägger till i källan medan den följs.',
        focus_areas: ['digitalisering'],
        status: 'publicerad',
      }));
      execFileSync(CLI, ['--library', FEED_LIBRARY, 'add', file], { timeout: STEP_MS });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await open('#/');
    const notice = byTestId('pull-notice');
    // The first background pull comes about 5 s after the start.
    await notice.waitFor({ timeout: 15_000 });
    const text = await notice.innerText();
    assert(text.includes(`1 nytt exempel från ${SIGNER}`), `the notice says "${text}"`);
    assert(
      (await page.locator('[aria-live="polite"]').filter({ has: notice }).count()) === 1,
      'the notice is not in a polite live region',
    );
    await page.screenshot({ path: shot('notice') });
    const violations = await axeViolations(page);
    assert(violations.length === 0, violations.join('\n'));
    await byTestId('pull-notice-close').click();
    await notice.waitFor({ state: 'detached' });
  }, 30_000, followed);

  // Two entries that came from there, changed here (through the API, as the editor saves)
  // and then there (with the CLI): the pull keeps ours, and theirs waits for review.
  /** The two entries: their id, our title, and the title they get there. */
  let changed = [];
  const incomingReady = await step('an entry changed both here and there waits for review after "Hämta nu"', async () => {
    const published = JSON.parse(feedCli(['--json', 'list', '--status', 'publicerad']));
    changed = published
      .filter((e) => e.title !== EXPECT_TITLE && !e.title.startsWith('Syntetiskt'))
      .slice(0, 2)
      .map((e) => ({ id: e.id, ours: e.title, theirs: `${e.title} (regionens version)` }));
    assert(changed.length === 2, `only ${changed.length} entries to change`);
    for (const c of changed) {
      const local = await rpc('get_entry', { id: c.id });
      local.summary = `${local.summary} Kompletterad av redaktionen här.`;
      await rpc('update_entry', { id: c.id, entry: local, expectedRevision: local.revision });
      const there = JSON.parse(feedCli(['--json', 'show', c.id]));
      there.title = c.theirs;
      feedCli(['edit', c.id, '-'], JSON.stringify(there));
    }
    await open('#/prenumerationer');
    await row.waitFor();
    await row.getByTestId('subscription-pull').click();
    await row.locator('[data-testid="subscription-said"]', { hasText: SIGNER }).waitFor();
    const waiting = row.getByTestId('subscription-waiting');
    await waiting.waitFor();
    const text = (await waiting.innerText()).trim();
    assert(text === '2 inkommande versioner väntar på granskning', `the row says "${text}"`);
    await row.screenshot({ path: incomingShot('subscription') });
  }, 30_000, followed);

  // Regression: the entry page asked for incoming versions only when the entry arrived, with the
  // access known then; when `library_info` (which says the caller is the owner) answered after
  // the entry, the notice never showed (CI, 2026-12-03). Here it answers a second late.
  await step('the notice shows when the caller\'s access is known after the entry', async () => {
    const late = async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // The page may have gone meanwhile (a step that timed out): nothing to answer then.
      await route.continue().catch(() => {});
    };
    await page.route('**/api/rpc/library_info', late);
    try {
      await open(`#/post/${encodeURIComponent(changed[1].id)}`);
      await byTestId('entry-incoming').waitFor();
    } finally {
      await page.unroute('**/api/rpc/library_info', late);
    }
  }, STEP_MS, incomingReady);

  await step('the entry page says a newer version waits, with a link', async () => {
    await open(`#/post/${encodeURIComponent(changed[1].id)}`);
    const notice = byTestId('entry-incoming');
    await notice.waitFor();
    const text = await notice.innerText();
    assert(text.includes(`En nyare version från ${SIGNER} väntar på granskning`), `the notice says "${text}"`);
    await notice.scrollIntoViewIfNeeded();
    await page.screenshot({ path: incomingShot('entry') });
    await notice.getByRole('link').click();
    await page.locator('#incoming-heading').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'incoming-heading');
  }, STEP_MS, incomingReady);

  const reviewing = await step('"väntar på granskning" opens Inkommande versioner: each with its source and changes; axe passes', async () => {
    await open('#/prenumerationer');
    await row.getByTestId('subscription-waiting').click();
    await page.locator('main h1', { hasText: 'Redaktion' }).waitFor();
    const versions = page.getByTestId('incoming-version');
    await versions.nth(1).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'incoming-heading');
    assert((await versions.count()) === 2, `${await versions.count()} incoming versions`);
    assert((await byTestId('incoming-count').innerText()).includes('2 inkommande versioner väntar'), 'the count');
    for (const c of changed) {
      const card = page.locator(`[data-testid="incoming-version"][data-id="${c.id}"]`);
      assert((await card.getByTestId('incoming-title').innerText()).trim() === c.ours, `the title of ${c.id}`);
      assert((await card.getByTestId('incoming-source').innerText()).trim() === SIGNER, `the source of ${c.id}`);
      const diff = await card.getByTestId('incoming-changes').innerText();
      assert(diff.includes('Rubrik'), `no title change for ${c.id}: ${diff}`);
      assert((await card.locator('ins', { hasText: 'regionens version' }).count()) === 1, `their words are not marked added: ${diff}`);
      assert((await card.locator('del', { hasText: 'Kompletterad av redaktionen' }).count()) === 1, `our words are not marked removed: ${diff}`);
    }
    await axeBoth('review', (scheme) => incomingShot(`${scheme}-review`));
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await page.waitForTimeout(100);
      await byTestId('incoming').screenshot({ path: incomingShot(`${colorScheme}-section`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }, STEP_MS, incomingReady);

  await step('"Ta in deras version" makes it the entry\'s: said politely, focus on the heading, their title on the entry', async () => {
    const [taken] = changed;
    const card = page.locator(`[data-testid="incoming-version"][data-id="${taken.id}"]`);
    await card.getByTestId('incoming-accept').click();
    const said = page.locator('[data-testid="incoming-said"]', { hasText: `Deras version av ”${taken.theirs}”` });
    await said.waitFor();
    assert((await byTestId('incoming-said').getAttribute('role')) === 'status', 'not a polite live region');
    await card.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.id === 'incoming-heading');
    assert((await page.getByTestId('incoming-version').count()) === 1, 'the list still has it');
    await page.screenshot({ path: incomingShot('accepted'), fullPage: true });
    await open(`#/post/${encodeURIComponent(taken.id)}`);
    await page.locator('h1#entry-title', { hasText: taken.theirs }).waitFor();
    assert((await byTestId('entry-incoming').count()) === 0, 'the entry still says a version waits');
  }, STEP_MS, reviewing);

  await step('"Behåll vår version" asks, keeps ours, and the list says nothing waits', async () => {
    const kept = changed[1];
    await open('#/redaktion?visa=inkommande');
    const card = page.locator(`[data-testid="incoming-version"][data-id="${kept.id}"]`);
    await card.getByTestId('incoming-discard').click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    const question = await dialog.innerText();
    assert(question.includes(`från ${SIGNER}`), `the dialog says "${question}"`);
    await page.screenshot({ path: incomingShot('discard-dialog') });
    const violations = await axeViolations(page);
    assert(violations.length === 0, violations.join('\n'));
    await dialog.getByTestId('incoming-discard-confirm').click();
    await page.locator('[data-testid="incoming-said"]', { hasText: `Ni behåller er version av ”${kept.ours}”` }).waitFor();
    await byTestId('incoming-none').waitFor();
    assert((await byTestId('incoming-none').innerText()).trim() === 'Inga inkommande versioner väntar.', 'the empty state');
    await page.waitForFunction(() => document.activeElement?.id === 'incoming-heading');
    await axeBoth('empty', (scheme) => incomingShot(`${scheme}-empty`));
    const entry = await rpc('get_entry', { id: kept.id });
    assert(entry.title === kept.ours && entry.summary.includes('Kompletterad av redaktionen'), `the entry is now "${entry.title}"`);
  }, STEP_MS, reviewing);

  await step('"Sluta följa" asks whether to keep the entries, and keeps them', async () => {
    await open('#/prenumerationer');
    await row.waitFor();
    assert((await row.getByTestId('subscription-entries').innerText()).trim() === String(EXPECTED_NEW + 1), 'the count after the background pull');
    await row.getByTestId('subscription-remove').click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    const question = await dialog.innerText();
    assert(question.includes(`${EXPECTED_NEW + 1} exempel i biblioteket kom därifrån`), `the dialog says "${question}"`);
    await dialog.getByTestId('unsubscribe-trash').waitFor();
    await page.screenshot({ path: shot('unsubscribe') });
    const violations = await axeViolations(page);
    assert(violations.length === 0, violations.join('\n'));
    await dialog.getByTestId('unsubscribe-keep').click();
    await page.locator('[data-testid="subscriptions-said"]', { hasText: `Du följer inte längre ${SIGNER}` }).waitFor();
    const said = await byTestId('subscriptions-said').innerText();
    assert(said.includes(`${EXPECTED_NEW + 1} exempel finns kvar`), `it says "${said}"`);
    await byTestId('subscriptions-none').waitFor();
    await open(`#/sok?q=${encodeURIComponent(word)}`);
    await page.locator('a.hit-title', { hasText: EXPECT_TITLE }).first().waitFor();
  }, STEP_MS, followed);

  report(problems.length === 0, 'no console errors, CSP violations or failed requests', problems.join('\n'));
} catch (err) {
  report(false, 'the run completed', err instanceof Error ? err.message : err);
} finally {
  await browser.close().catch(() => {});
}

finish();
