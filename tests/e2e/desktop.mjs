// Desktop end-to-end test: the real Exempelbanken window under Xvfb, driven through
// tauri-driver and WebKitWebDriver with plain W3C WebDriver requests.
//
// The app starts on a new temporary library (with the starter entries). The test types
// `livsmedel`, sees the Södertälje case, opens it and sees its title; saves it to a new list
// and finds the list again after restarting the app; then, while the app keeps the library
// open, adds an entry with the CLI and finds it in the window; checks that each page has one h1
// and a title of its own, that nothing scrolls sideways in the narrowest window the app allows,
// and that removing a filter chip keeps focus off <body>. Then the curator's round trip:
// create a draft in the editor, fill it, send it to review and publish it, find it by search,
// edit it, compare two revisions in the history and restore the first. Last, sharing: a PDF
// case card and a bundle of the library are saved through the system's save dialog (answered
// with xdotool, since WebDriver cannot reach a native window) and the real commands. Last,
// subscriptions: the app stops, its library follows another one (served by `exempelbank serve`
// on a temporary library of two entries) with the CLI, and when the app starts again its
// background pull brings them, which a notice says; the Prenumerationer page shows the
// subscription and "Hämta alla nu" fetches again.
//
// Environment: TAURI_DRIVER (path to tauri-driver), APP (the built desktop binary),
// EXEMPELBANK_CLI (the CLI binary). Screenshots go to test-output/ (and docs/ with
// UPDATE_SCREENSHOTS=1).

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DRIVER = process.env.TAURI_DRIVER;
const APP = process.env.APP;
const CLI = process.env.EXEMPELBANK_CLI;
const BASE = 'http://127.0.0.1:4444';
const STEP_MS = 20_000;

for (const [name, value] of Object.entries({ TAURI_DRIVER: DRIVER, APP, EXEMPELBANK_CLI: CLI })) {
  if (!value) throw new Error(`${name} is not set`);
}

const tmp = mkdtempSync(join(tmpdir(), 'exempelbank-e2e-'));
const library = join(tmp, 'bibliotek');
mkdirSync('test-output', { recursive: true });

let passed = 0;
let failed = 0;
/** The server of the library the app's library follows (the last step starts it). */
let feedServer = null;
const driver = spawn(DRIVER, [], {
  env: { ...process.env, EXEMPELBANK_LIBRARY: library },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let driverLog = '';
driver.stderr.on('data', (d) => { driverLog += d; });

async function request(method, path, body) {
  const res = await fetch(BASE + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(STEP_MS),
  });
  const json = await res.json();
  if (!res.ok || (json.value && json.value.error)) {
    throw new Error(`${method} ${path}: ${JSON.stringify(json.value ?? json)}`);
  }
  return json.value;
}

async function waitFor(what, probe, ms = STEP_MS) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

async function step(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed += 1;
    console.log(`not ok - ${name}\n  ${err.message}`);
    throw err;
  }
}

let session;
const s = (path) => `/session/${session}${path}`;
const elementId = (e) => e[ELEMENT];
const find = async (css) => elementId(await request('POST', s('/element'), { using: 'css selector', value: css }));
const findAll = async (css) => (await request('POST', s('/elements'), { using: 'css selector', value: css })).map(elementId);
const text = async (el) => request('GET', s(`/element/${el}/text`));
const click = async (css) => request('POST', s(`/element/${await find(css)}/click`), {});
const typeInto = async (css, words) => {
  const el = await find(css);
  await request('POST', s(`/element/${el}/clear`), {});
  await request('POST', s(`/element/${el}/value`), { text: words });
};
const go = (hash) => request('POST', s('/execute/sync'), { script: `location.hash = ${JSON.stringify(hash)}`, args: [] });
const cli = (...args) => execFileSync(CLI, ['--library', library, ...args], { timeout: STEP_MS, encoding: 'utf8' });
const screenshot = async (file) => {
  const png = await request('GET', s('/screenshot'));
  writeFileSync(file, Buffer.from(png, 'base64'));
};

async function newSession() {
  return (await request('POST', '/session', {
    capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: APP } } },
  })).sessionId;
}

async function typeSearch(words) {
  const box = await find('input[type="search"]');
  await request('POST', s(`/element/${box}/clear`), {});
  await request('POST', s(`/element/${box}/value`), { text: words });
}

async function hitTitles() {
  const hits = await findAll('.hit-title');
  return Promise.all(hits.map(text));
}

try {
  await waitFor('tauri-driver', async () => (await fetch(`${BASE}/status`)).ok, 30_000);
  session = await newSession();

  await step('the window opens on the starter library with a search box', async () => {
    await waitFor('the search box', () => find('input[type="search"]'));
  });

  await step('typing "livsmedel" lists the Södertälje case', async () => {
    await typeSearch('livsmedel');
    const titles = await waitFor('search results', async () => {
      const t = await hitTitles();
      return t.some((x) => x.startsWith('Södertälje')) && t;
    });
    if (!titles[0].startsWith('Södertälje')) throw new Error(`first hit is ${titles[0]}`);
    await screenshot('test-output/desktop-search.png');
    if (process.env.UPDATE_SCREENSHOTS === '1') await screenshot('docs/desktop-search.png');
  });

  await step('opening the hit shows the entry with its title', async () => {
    const [first] = await findAll('.hit-title');
    await request('POST', s(`/element/${first}/click`), {});
    const title = await waitFor('the entry title', async () => text(await find('h1.entry-title')));
    if (!title.startsWith('Södertälje – hållbar livsmedelsförsörjning')) throw new Error(`title is ${title}`);
    await screenshot('test-output/desktop-entry.png');
    if (process.env.UPDATE_SCREENSHOTS === '1') await screenshot('docs/desktop-entry.png');
  });

  await step('the entry is saved to a new list, which survives a restart of the app', async () => {
    const name = await waitFor('the new-list field', () => find('#save-list-name'));
    await request('POST', s(`/element/${name}/value`), { text: 'Till mötet i maj' });
    const save = await find('form.save button[type="submit"]');
    await request('POST', s(`/element/${save}/click`), {});
    await waitFor('the list on the entry page', async () =>
      (await text(await find('.in-lists a'))) === 'Till mötet i maj');
    await screenshot('test-output/desktop-list.png');

    await request('DELETE', `/session/${session}`);
    session = await newSession();
    // A second WebKit start right after the first can be slow on a loaded machine: wait for the
    // app to have its library (the lists link appears with it) before typing.
    await waitFor('the restarted app with its library', () => find('a[href="#/listor"]'), 60_000);
    await typeSearch('livsmedel');
    await waitFor('search results after the restart', async () => (await hitTitles()).length > 0);
    const [first] = await findAll('.hit-title');
    await request('POST', s(`/element/${first}/click`), {});
    await waitFor('the list, remembered', async () =>
      (await text(await find('.in-lists a'))) === 'Till mötet i maj');
  });

  await step('an entry added by the CLI while the app is open is found in the window', async () => {
    const entry = {
      kind: 'exempel',
      title: 'Syntetiskt testexempel om snöröjning med drönare',
      summary: 'Ett syntetiskt exempel som end-to-end-testet lägger till medan appen är öppen.',
      focus_areas: ['digitalisering'],
      status: 'publicerad',
    };
    const file = join(tmp, 'ny.json');
    writeFileSync(file, JSON.stringify(entry));
    execFileSync(CLI, ['--library', library, 'add', file], { timeout: STEP_MS });
    await typeSearch('snöröjning');
    await waitFor('the new entry in the results', async () =>
      (await hitTitles()).includes(entry.title));
  });

  // Spread: an entry's uptakes on a map of Sweden with their table, and Översikt's map, drawn
  // in the real window (screenshots of each part, to docs/ with UPDATE_SCREENSHOTS=1).
  // With GTK_THEME=Adwaita:dark, WebKit reports a dark colour scheme: the pictures get "-dark".
  const theme = (process.env.GTK_THEME ?? '').endsWith(':dark') ? '-dark' : '';
  const partShot = async (css, file) => {
    const name = file.replace(/\.png$/, `${theme}.png`);
    const el = await find(css);
    await request('POST', s('/execute/sync'), { script: 'arguments[0].scrollIntoView({block: "start"})', args: [{ [ELEMENT]: el }] });
    await new Promise((r) => setTimeout(r, 300));
    const png = await request('GET', s(`/element/${el}/screenshot`));
    writeFileSync(`test-output/${name}`, Buffer.from(png, 'base64'));
    if (process.env.UPDATE_SCREENSHOTS === '1') writeFileSync(`docs/${name}`, Buffer.from(png, 'base64'));
  };
  await step("an entry's uptakes show on a map of Sweden beside their table", async () => {
    const entry = {
      kind: 'exempel',
      title: 'Syntetiskt exempel: en påhittad tjänst som spridits',
      summary: 'Påhittat exempel (testdata) för att visa spridningen i fönstret.',
      status: 'publicerad',
      places: [{ municipality_code: '1480' }],
      uptakes: [
        { code: '0380', stage: 'infort', date: '2022', source: 'Påhittad källa (testdata)' },
        { code: '2480', stage: 'testar', date: '2023-02', source: 'Påhittad källa (testdata)' },
        { code: '12', stage: 'planerar', date: '2023', source: 'Påhittad källa (testdata)' },
        { count: 4, type: 'kommun', stage: 'intresserad', source: 'Påhittad källa (testdata)' },
      ],
    };
    const file = join(tmp, 'spridd.json');
    writeFileSync(file, JSON.stringify(entry));
    execFileSync(CLI, ['--library', library, 'add', file], { timeout: STEP_MS });
    await go('#/post/syntetiskt-exempel-en-pahittad-tjanst-som-spridits');
    await waitFor('the spread section with its map', async () => {
      const rows = await findAll('[data-testid="spread-table"] tbody tr');
      const paths = await findAll('[data-testid="spread-section"] svg path');
      return rows.length === 4 && paths.length > 20;
    });
    const said = await text(await find('[data-testid="spread-section"]'));
    if (!said.includes('Tagits upp av 4 kommuner och 1 region, 2022–2023')) throw new Error(`the section says: ${said.slice(0, 200)}`);
    // The window is 800 px high: the table, then the timeline and the map, each in view.
    await partShot('[data-testid="spread-section"]', 'desktop-spread-entry.png');
    await partShot('[data-testid="spread-section"] .spread-layout', 'desktop-spread-map.png');
  });

  await step('an entry ends with "Liknande exempel", links to other entries than itself', async () => {
    const id = 'sodertalje-hallbar-livsmedelsforsorjning';
    await go(`#/post/${id}`);
    await waitFor('the similar entries', async () => {
      const links = await findAll('[data-testid="similar-entries"] a');
      return links.length >= 1 && links.length <= 5;
    });
    const said = await text(await find('[data-testid="similar-entries"]'));
    if (!said.includes('Liknande exempel')) throw new Error(`the section says: ${said.slice(0, 200)}`);
    for (const link of await findAll('[data-testid="similar-entries"] a')) {
      const href = await request('GET', s(`/element/${link}/attribute/href`));
      if (String(href).endsWith(`/post/${id}`)) throw new Error('the entry is listed as like itself');
    }
    await partShot('[data-testid="similar-entries"]', 'desktop-similar.png');
  });

  await step("Översikt's map counts where entries were taken up, by municipality", async () => {
    await go('#/oversikt');
    await waitFor('the map', async () => (await findAll('[data-testid="overview-map"] svg path')).length > 20);
    await click('[data-testid="map-level-municipality"]');
    await click('[data-testid="map-measure-spread"]');
    await waitFor('Uppsala in the table', async () =>
      (await text(await find('[data-testid="overview-map-table"]'))).includes('Uppsala'));
    await partShot('[data-testid="overview-map"]', 'desktop-spread-overview.png');
  });

  // The accessibility checks of the browser test (ui/tests/e2e/browser.mjs) that WebKit's
  // window allows: one h1 per page and a title of each route's own, no horizontal scrolling in
  // the narrowest window, and focus kept off <body> when a filter chip goes away.
  const run = (script) => request('POST', s('/execute/sync'), { script, args: [] });

  await step('every page has exactly one h1, and the title changes with the route', async () => {
    const routes = [
      '#/',
      '#/sok?q=livsmedel',
      '#/post/sodertalje-hallbar-livsmedelsforsorjning',
      '#/oversikt',
      '#/listor',
      '#/redaktion',
      '#/papperskorg',
      '#/post/finns-inte',
      '#/tillganglighet',
    ];
    const titles = new Map();
    let before = await run('return document.title');
    for (const route of routes) {
      await go(route);
      // Loaded when the title is no longer the last page's (nor "loading") and one h1 is shown.
      const seen = await waitFor(`one h1 and a new title on ${route}`, async () => {
        const page = await run('return { h1s: document.querySelectorAll("h1").length, title: document.title }');
        return page.h1s === 1 && page.title !== before && !page.title.startsWith('Hämtar') && page;
      }).catch(async (err) => {
        const page = await run('return [document.querySelectorAll("h1").length, document.title]');
        throw new Error(`${err.message} (${page[0]} h1 elements, title "${page[1]}")`);
      });
      if (titles.has(seen.title)) throw new Error(`${route} has the title of ${titles.get(seen.title)}: "${seen.title}"`);
      titles.set(seen.title, route);
      before = seen.title;
    }
  });

  await step('no horizontal scrolling in the narrowest window the app allows', async () => {
    // WCAG 1.4.10 asks for 320 CSS px. The window cannot be made that narrow: src-tauri's
    // tauri.conf.json gives it a minWidth of 720, and WebKitGTK has no viewport emulation or
    // zoom that WebDriver can set (the app's capability allows no webview zoom). So the window
    // is made as narrow as it goes and checked there; 320 px is checked in Chromium
    // (browser.mjs), with the same CSS.
    const rect = await request('GET', s('/window/rect'));
    try {
      await request('POST', s('/window/rect'), { width: 320, height: rect.height });
      const narrowest = await waitFor('the window to narrow', async () => {
        const width = await run('return window.innerWidth');
        return width < rect.width && width;
      });
      for (const route of ['#/', '#/sok?q=livsmedel', '#/post/sodertalje-hallbar-livsmedelsforsorjning', '#/oversikt', '#/redaktion', '#/papperskorg']) {
        await go(route);
        await waitFor(`the h1 on ${route}`, () => find('main h1'));
        await new Promise((r) => setTimeout(r, 300));
        const wide = await run('return [document.documentElement.scrollWidth, window.innerWidth]');
        if (wide[0] > wide[1]) throw new Error(`${route}: ${wide[0]} px wide in a window of ${wide[1]} (narrowest ${narrowest})`);
      }
      console.log(`# narrowest window: ${narrowest} CSS px (320 px is not possible: minWidth)`);
    } finally {
      await request('POST', s('/window/rect'), { width: rect.width, height: rect.height }).catch(() => {});
    }
  });

  await step('removing a filter chip leaves focus on the page, not on <body>', async () => {
    await go('#/sok?q=livsmedel');
    await waitFor('the results', async () => (await hitTitles()).length > 0);
    const [box] = await findAll('.facets label.option input[type="checkbox"]');
    await request('POST', s(`/element/${box}/click`), {});
    await waitFor('the chip of the filter', () => find('.chip'));
    await click('.chip');
    await waitFor('the chip gone', async () => (await findAll('.chip')).length === 0);
    await new Promise((r) => setTimeout(r, 200));
    const at = await run(
      'const el = document.activeElement; return el === null || el === document.body ? "body" : `${el.tagName.toLowerCase()} ${el.textContent.trim().slice(0, 40)}`',
    );
    if (at === 'body') throw new Error('focus is on <body>');
  });

  // The curator's round trip, in the real window.
  const title = 'Syntetisk testpost om cykelpendling i glesbygd';
  const firstSummary = 'Första versionen: kommunen lånar ut elcyklar till pendlare.';
  const secondSummary = 'Andra versionen: kommunen lånar ut elcyklar och mäter resorna.';
  let id = '';

  await step('a new draft is filled in the editor and saved', async () => {
    await go('#/ny');
    await waitFor('the editor', () => find('[data-testid="field-title"]'));
    await typeInto('[data-testid="field-title"]', title);
    await typeInto('[data-testid="field-summary"]', firstSummary);
    await typeInto('[data-testid="field-sections-results"]', 'Fler reser **utan bil**.');
    await click('[data-testid="focus-digitalisering"]');
    await screenshot('test-output/desktop-editor.png');
    await click('[data-testid="save-entry"]');
    const status = await waitFor('the saved draft', async () => text(await find('[data-testid="status-label"]')));
    if (status !== 'Utkast') throw new Error(`status is ${status}`);
    id = JSON.parse(cli('list', '--json')).find((e) => e.title === title)?.id;
    if (!id) throw new Error('the CLI does not list the new entry');
  });

  await step('the draft is sent to review and published', async () => {
    await click('[data-testid="transition-granskning"]');
    await waitFor('status Granskning', async () => (await text(await find('[data-testid="status-label"]'))) === 'Granskning');
    await click('[data-testid="transition-publicerad"]');
    await waitFor('status Publicerad', async () => (await text(await find('[data-testid="status-label"]'))) === 'Publicerad');
    await screenshot('test-output/desktop-published.png');
  });

  await step('the published entry is found by search', async () => {
    await go('#/');
    await typeSearch('cykelpendling');
    await waitFor('the entry in the results', async () => (await hitTitles()).includes(title));
  });

  await step('the entry is edited, which makes a new revision', async () => {
    await go(`#/post/${id}/redigera`);
    await waitFor('the editor with the saved summary', async () =>
      (await request('GET', s(`/element/${await find('[data-testid="field-summary"]')}/property/value`))) === firstSummary);
    await typeInto('[data-testid="field-summary"]', secondSummary);
    await click('[data-testid="save-entry"]');
    await waitFor('the entry page', () => find('[data-testid="status-label"]'));
    const shown = JSON.parse(cli('show', id, '--json'));
    if (shown.summary !== secondSummary) throw new Error(`summary is ${shown.summary}`);
  });

  await step('the history shows the revisions and the diff between the first and the last', async () => {
    await go(`#/post/${id}/historik`);
    await waitFor('revision 4', () => find('[data-testid="revision-4"]'));
    await click('[data-testid="diff-from-1"]');
    await click('[data-testid="diff-to-4"]');
    let seen = '';
    const diff = await waitFor('the diff', async () => {
      seen = await text(await find('[data-testid="diff-view"]'));
      return seen.includes('mäter') && seen.includes('resorna') && seen.includes('Sammanfattning') && seen;
    }).catch((err) => {
      throw new Error(`${err.message}; the diff said: ${seen.slice(0, 600)}`);
    });
    if (!diff.includes('Sammanfattning')) throw new Error(`diff: ${diff}`);
    const inserted = await findAll('[data-testid="diff-view"] ins');
    const deleted = await findAll('[data-testid="diff-view"] del');
    if (inserted.length === 0 || deleted.length === 0) throw new Error('no <ins>/<del> in the diff');
    await screenshot('test-output/desktop-history.png');
    if (process.env.UPDATE_SCREENSHOTS === '1') await screenshot('docs/desktop-history.png');
  });

  await step('restoring the first revision makes a new revision with its content', async () => {
    await click('[data-testid="restore-1"]');
    await click('[data-testid="confirm-restore"]');
    await waitFor('revision 5 in the history', () => find('[data-testid="revision-5"]'));
    const shown = JSON.parse(cli('show', id, '--json'));
    if (shown.summary !== firstSummary) throw new Error(`summary is ${shown.summary}`);
    if (shown.revision !== 5 || shown.status !== 'publicerad') throw new Error(`revision ${shown.revision}, ${shown.status}`);
    const history = JSON.parse(cli('history', id, '--json'));
    if (history.length !== 5) throw new Error(`${history.length} revisions`);
  });

  // Sharing, through the system's save dialog (GTK): xdotool types the file's path into it and
  // presses Enter, as a user would.
  const answerSaveDialog = async (path) => {
    // Wait until GTK's save dialog ("Save File", rfd's title) is shown, however long it takes
    // to open; typing before that would go to the app's window. Xvfb has no window manager,
    // so the dialog is found by its name, not as the active window.
    const until = Date.now() + 30_000;
    const shown = () => {
      try {
        execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^Save File$'], { timeout: STEP_MS });
        return true;
      } catch {
        return false;
      }
    };
    while (!shown()) {
      if (Date.now() > until) throw new Error('the save dialog did not open within 30 s');
      await new Promise((r) => setTimeout(r, 250));
    }
    // Without a window manager nothing gives the dialog the keyboard: focus it, type the
    // path into its name field and press Enter; once more if it is still open (GTK sometimes
    // takes the first keys before its name field is ready).
    for (let attempt = 1; ; attempt++) {
      await new Promise((r) => setTimeout(r, 500));
      execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^Save File$', 'windowfocus', '--sync'], { timeout: STEP_MS });
      execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+a'], { timeout: STEP_MS });
      execFileSync('xdotool', ['type', '--delay', '15', path], { timeout: STEP_MS });
      await new Promise((r) => setTimeout(r, 300));
      execFileSync('xdotool', ['key', 'Return'], { timeout: STEP_MS });
      const closing = Date.now() + 5_000;
      while (shown() && Date.now() < closing) await new Promise((r) => setTimeout(r, 250));
      if (!shown()) return;
      if (attempt === 2) throw new Error('the save dialog did not take the path');
    }
  };

  await step('a PDF case card is exported from the entry page to the chosen file', async () => {
    const pdf = join(tmp, 'kort.pdf');
    await go('#/post/sodertalje-hallbar-livsmedelsforsorjning');
    await waitFor('the entry', () => find('[data-testid="export-open"]'));
    await click('[data-testid="export-open"]');
    await click('[data-testid="export-format-pdf"]');
    await click('[data-testid="export-run"]');
    await answerSaveDialog(pdf);
    const said = await waitFor('the export result', async () => text(await find('[data-testid="export-result"]')));
    if (!said.includes('kort.pdf')) throw new Error(`result: ${said}`);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    if (!info.includes('Tagged:          yes')) throw new Error(info);
    const body = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    if (!body.includes('Södertälje')) throw new Error('the card lacks its title');
    await screenshot('test-output/desktop-export.png');
  });

  await step('a bundle of the library is created in the window and imports into an empty library', async () => {
    const bundle = join(tmp, 'bibliotek.zip');
    await go('#/redaktion');
    await waitFor('the Paket section', () => find('[data-testid="bundle-create"]'));
    await click('[data-testid="bundle-create"]');
    await answerSaveDialog(bundle);
    await waitFor('the bundle summary', () => find('[data-testid="bundle-summary"]'));
    const empty = join(tmp, 'tom');
    execFileSync(CLI, ['--library', empty, 'init', '--empty'], { timeout: STEP_MS });
    const report = JSON.parse(execFileSync(CLI, ['--library', empty, 'bundle', 'import', bundle, '--trust', '--json'], { timeout: STEP_MS, encoding: 'utf8' }));
    const published = JSON.parse(cli('list', '--status', 'publicerad', '--json')).length;
    if (!report.applied) throw new Error(`the bundle was not imported: ${JSON.stringify(report.totals)}`);
    if (report.totals.create !== published) throw new Error(`${report.totals.create} created, ${published} published`);
  });

  await step('a library followed with the CLI is pulled in the background when the app starts; Prenumerationer shows it', async () => {
    const signer = 'Regionens exempelbank';
    const region = join(tmp, 'region');
    const regionCli = (...args) => execFileSync(CLI, ['--library', region, ...args], { timeout: STEP_MS, encoding: 'utf8' });
    regionCli('init', '--empty');
    regionCli('key', '--name', signer);
    const fingerprint = JSON.parse(regionCli('key', '--json')).fingerprint;
    const entries = [
      { title: 'Syntetiskt regionexempel om digitala bibliotekskort', focus: 'digitalisering' },
      { title: 'Syntetiskt regionexempel om delade elcyklar i hemtjänsten', focus: 'digitalisering' },
    ];
    entries.forEach((e, i) => {
      const file = join(tmp, `region-${i}.json`);
      writeFileSync(file, JSON.stringify({
        kind: 'exempel',
        title: e.title,
        summary: 'Ett syntetiskt exempel i biblioteket som appens bibliotek följer.',
        focus_areas: [e.focus],
        status: 'publicerad',
      }));
      regionCli('add', file);
    });
    feedServer = spawn(CLI, ['--library', region, 'serve', '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    feedServer.stdout.on('data', (d) => { said += d; });
    const feed = await waitFor('the library to follow, served', () => /http:\/\/127\.0\.0\.1:\d+\//.exec(said)?.[0]);

    // The app stops; its library follows the other one; the app starts again.
    await request('DELETE', `/session/${session}`);
    session = null;
    cli('subscribe', 'add', feed, '--trust', fingerprint);
    session = await newSession();
    await waitFor('the restarted app, with Prenumerationer in its menu', () => find('[data-testid="nav-subscriptions"]'), 60_000);
    // The first background pull comes about 5 s after the start.
    const notice = await waitFor('the notice of the background pull', async () => text(await find('[data-testid="pull-notice"]')), 40_000);
    if (!notice.includes(`${entries.length} nya exempel från ${signer}`)) throw new Error(`the notice says: ${notice}`);

    await click('[data-testid="nav-subscriptions"]');
    await waitFor('the subscription', async () => (await text(await find('[data-testid="subscription-name"]'))) === signer);
    const count = await text(await find('[data-testid="subscription-entries"]'));
    if (count !== String(entries.length)) throw new Error(`${count} entries from it`);
    const shown = await request('POST', s('/execute/sync'), {
      script: 'return document.querySelector(\'[data-testid="subscription-fingerprint"]\').textContent',
      args: [],
    });
    if (shown !== fingerprint) throw new Error(`the fingerprint shown is ${shown}`);
    await click('[data-testid="subscriptions-pull-all"]');
    await waitFor('the pull\'s result', async () =>
      (await text(await find('[data-testid="subscriptions-said"]'))).includes(`Inget nytt från ${signer}`));
    await screenshot('test-output/desktop-prenumerationer.png');
    if (process.env.SCREENSHOT_DIR) await screenshot(join(process.env.SCREENSHOT_DIR, 'desktop-prenumerationer.png'));

    // Its entries are found by search, and an entry's page says where it came from.
    await typeSearch('bibliotekskort');
    await waitFor('its entry in the results', async () => (await hitTitles()).includes(entries[0].title));
    const [first] = await findAll('.hit-title');
    await request('POST', s(`/element/${first}/click`), {});
    const origin = await waitFor('the entry\'s origin', async () => text(await find('[data-testid="entry-origin"]')));
    if (!origin.startsWith(`Kom från: ${signer}`)) throw new Error(`the entry says: ${origin}`);
  });
} catch (err) {
  if (failed === 0) {
    failed += 1;
    console.log(`not ok - setup\n  ${err.message}`);
  }
  console.log(driverLog.split('\n').filter((l) => l.trim() && !l.includes('dconf')).slice(-20).join('\n'));
  console.log(`files in ${tmp}: ${execFileSync('ls', ['-la', tmp], { encoding: 'utf8' })}`);
  if (session) {
    await screenshot('test-output/desktop-failure.png').catch(() => {});
    const source = await request('GET', s('/source')).catch(() => '');
    writeFileSync('test-output/desktop-failure.html', String(source));
  }
} finally {
  if (session) await request('DELETE', `/session/${session}`).catch(() => {});
  feedServer?.kill();
  driver.kill();
  rmSync(tmp, { recursive: true, force: true });
}

console.log(`desktop: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
