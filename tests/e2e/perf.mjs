// Desktop UI benchmark (not part of `make test`): keystroke → painted results in the real
// window at 10 000 entries, and the time until the start page is shown.
//
//   make bench-ui        (or: xvfb-run node tests/e2e/perf.mjs, with TAURI_DRIVER, APP and
//                         EXEMPELBANK_CLI set as in the Makefile)
//
// The library is made from a deterministic synthetic corpus (every entry marked
// "Syntetisk") built from the words of the starter library. The UI records
// `exempelbanken:keystroke-to-paint` measures (with `search-answered` and `results-in-dom`
// marks, which say where that time goes) and an `exempelbanken:start-painted` mark with the
// Performance API; this script reads them over WebDriver.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { TAURI_DRIVER, APP, EXEMPELBANK_CLI: CLI } = process.env;
const N = Number(process.env.ENTRIES ?? 10000);
const BASE = 'http://127.0.0.1:4444';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

// xorshift, as in crates/library/benches/search.rs
let state = 0x5eedn;
const next = () => {
  state ^= (state << 13n) & 0xffffffffffffffffn;
  state ^= state >> 7n;
  state ^= (state << 17n) & 0xffffffffffffffffn;
  return Number(state % 1000000n) / 1000000;
};
const pick = (list) => list[Math.floor((list.length ** next() - 1)) % list.length];

const words = [];
const seen = new Set();
for (const file of readdirSync('assets/library')) {
  const e = JSON.parse(readFileSync(join('assets/library', file), 'utf8'));
  const text = [e.title, e.summary, ...Object.values(e.sections ?? {})].join(' ');
  for (const w of text.toLowerCase().split(/[^\p{L}]+/u)) {
    if (w.length >= 3 && !seen.has(w)) { seen.add(w); words.push(w); }
  }
}
const sentence = (n) => Array.from({ length: n }, () => pick(words)).join(' ');
const municipalities = readFileSync('assets/taxonomy/kommuner.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
const focus = JSON.parse(readFileSync('assets/taxonomy/focus_areas.json', 'utf8')).map((f) => f.slug);
const kinds = ['exempel', 'metod', 'natverk', 'rapport', 'evenemang', 'styrdokument'];
const entries = Array.from({ length: N }, (_, i) => ({
  kind: kinds[i % kinds.length],
  title: `Syntetisk ${i}: ${sentence(6)}`,
  summary: `Syntetisk testdata. ${sentence(45)}.`.slice(0, 590),
  sections: { challenge: sentence(80), solution: sentence(120), results: sentence(60) },
  focus_areas: [focus[i % focus.length]],
  places: [{ municipality_code: municipalities[i % municipalities.length] }],
  period: { start: 2010 + (i % 15) },
  tags: ['syntetisk'],
  status: 'publicerad',
  // Every second entry taken up by one to three municipalities, every fifth by a region too.
  uptakes: [
    ...Array.from({ length: i % 2 === 0 ? 1 + (i % 3) : 0 }, (_, j) => ({
      code: municipalities[(i * 7 + j * 31) % municipalities.length],
      stage: ['intresserad', 'planerar', 'testar', 'infort', 'avslutat'][(i + j) % 5],
      source: 'Syntetisk källa',
    })),
    ...(i % 5 === 0 ? [{ code: municipalities[(i * 13) % municipalities.length].slice(0, 2), stage: 'testar', source: 'Syntetisk källa' }] : []),
  ],
}));

const tmp = mkdtempSync(join(tmpdir(), 'exempelbank-perf-'));
const library = join(tmp, 'bibliotek');
writeFileSync(join(tmp, 'entries.json'), JSON.stringify(entries));
execFileSync(CLI, ['--library', library, 'init', '--empty']);
let t = Date.now();
execFileSync(CLI, ['--library', library, 'add', join(tmp, 'entries.json')], { stdio: 'ignore', maxBuffer: 1 << 28 });
console.log(`library of ${N} synthetic entries added in ${((Date.now() - t) / 1000).toFixed(1)} s`);

const driver = spawn(TAURI_DRIVER, [], { env: { ...process.env, EXEMPELBANK_LIBRARY: library }, stdio: 'ignore' });
const request = async (method, path, body) => {
  const res = await fetch(BASE + path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body), signal: AbortSignal.timeout(30000) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.round((xs.length - 1) * p))];

try {
  for (let i = 0; i < 150; i++) { try { if ((await fetch(`${BASE}/status`)).ok) break; } catch {} await sleep(200); }
  t = Date.now();
  const session = (await request('POST', '/session', { capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: APP } } } })).sessionId;
  const s = (p) => `/session/${session}${p}`;
  const exec = (script, args = []) => request('POST', s('/execute/sync'), { script, args });
  let painted = null;
  while (Date.now() - t < 30000 && painted === null) {
    try { painted = await exec("const m = performance.getEntriesByName('exempelbanken:start-painted')[0]; return m ? m.startTime : null;"); } catch {}
    if (painted === null) await sleep(50);
  }
  const launched = Date.now() - t;
  console.log(`start page painted ${painted?.toFixed(0)} ms after the page began loading; ${launched} ms from the WebDriver launch request (includes starting WebKit and the driver)`);

  const box = (await request('POST', s('/element'), { using: 'css selector', value: 'input[type="search"]' }))[ELEMENT];
  const queries = ['livsmedel', 'välfärdsteknik', 'offentliga måltider', 'testbädd', 'innovation', 'samverkan kommuner', 'ledarskap', 'digital'];
  const times = [];
  const split = { 'exempelbanken:search-answered': [], 'exempelbanken:results-in-dom': [] };
  for (const q of queries) {
    await request('POST', s(`/element/${box}/clear`), {});
    await exec("performance.clearMeasures('exempelbanken:keystroke-to-paint');");
    for (const ch of q) {
      await request('POST', s(`/element/${box}/value`), { text: ch });
      await sleep(250); // a typist's pace, so each keystroke gets its own answer
    }
    await sleep(500);
    const measures = await exec("return performance.getEntriesByName('exempelbanken:keystroke-to-paint').map(m => m.duration);");
    times.push(...measures);
    // Where the time goes: each keystroke's answer and results-in-DOM marks, after it.
    const marks = await exec(`return performance.getEntriesByType('mark').filter(m => ${JSON.stringify(Object.keys(split))}.includes(m.name) || m.name === 'exempelbanken:keystroke').map(m => [m.name, m.startTime]);`);
    marks.sort((a, b) => a[1] - b[1]);
    let keystroke = null;
    for (const [name, at] of marks) {
      if (name === 'exempelbanken:keystroke') keystroke = at;
      else if (keystroke !== null) split[name].push(at - keystroke);
    }
    await exec(`for (const name of [...${JSON.stringify(Object.keys(split))}, 'exempelbanken:keystroke']) performance.clearMarks(name);`);
  }
  times.sort((a, b) => a - b);
  console.log(`keystroke → painted results at ${N} entries: ${times.length} keystrokes, p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
  for (const [name, xs] of Object.entries(split)) {
    xs.sort((a, b) => a - b);
    console.log(`  the keystroke to ${name.slice('exempelbanken:'.length)}: p50 ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms (${xs.length} keystrokes)`);
  }

  // Översikt's map: from the page's arrival until the map is painted (the search for its
  // counts, the lazily loaded outlines the first time, the drawing), then each switch of the
  // map (division, measure) until it is painted again.
  const measured = async (name, before) => {
    for (let i = 0; i < 200; i++) {
      const all = await exec(`return performance.getEntriesByName('${name}').map(m => m.duration);`);
      if (all.length > before) return all[all.length - 1];
      await sleep(25);
    }
    throw new Error(`no ${name} measure`);
  };
  const arrivals = [];
  const switches = [];
  for (let round = 0; round < 6; round++) {
    await exec("location.hash = '#/';");
    await sleep(300);
    const before = (await exec("return performance.getEntriesByName('exempelbanken:overview-map').length;"));
    await exec("location.hash = '#/oversikt';");
    arrivals.push(await measured('exempelbanken:overview-map', before));
    await sleep(300);
    for (const value of ['municipality', 'spread', 'lan', 'from']) {
      const seen = await exec("return performance.getEntriesByName('exempelbanken:map-switch-to-paint').length;");
      await exec(`document.querySelector('input[type=radio][value="${value}"]').click();`);
      switches.push(await measured('exempelbanken:map-switch-to-paint', seen));
      await sleep(100);
    }
  }
  const first = arrivals.shift();
  arrivals.sort((a, b) => a - b);
  switches.sort((a, b) => a - b);
  console.log(`Översikt's map at ${N} entries: arrival → painted ${first.toFixed(0)} ms the first time (outlines loaded), then p50 ${pct(arrivals, 0.5).toFixed(0)} ms, max ${arrivals[arrivals.length - 1].toFixed(0)} ms (${arrivals.length} arrivals)`);
  console.log(`a switch of the map (county/municipality, from/taken up) → painted: p50 ${pct(switches, 0.5).toFixed(0)} ms, max ${switches[switches.length - 1].toFixed(0)} ms (${switches.length} switches)`);
  await request('DELETE', `/session/${session}`);
} finally {
  driver.kill();
  rmSync(tmp, { recursive: true, force: true });
}
