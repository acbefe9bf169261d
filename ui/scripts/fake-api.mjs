#!/usr/bin/env node
// A stand-in for `exempelbank serve`, for looking at the UI without the Rust core: it serves
// ui/dist and answers the same JSON API (GET /api/info, GET /api/taxonomy, POST /api/search,
// GET /api/entries/{id}) with a handful of MADE-UP entries. Everything it says about entries
// is TEST DATA, marked "(testdata)" in every title; only the taxonomy is real (read from
// assets/taxonomy). Its search is a crude substring match, nothing like the real one.
//
// Unlike `serve` it is not read-only: it also stands in for the desktop app's lists and saved
// searches (the Tauri commands lists, create_list, ..., delete_saved_search), kept in memory:
//   GET api/lists, POST api/lists {name}, PUT api/lists/{id} {name}, DELETE api/lists/{id},
//   POST api/lists/{id}/entries {entry}, DELETE api/lists/{id}/entries/{uid},
//   GET api/saved-searches, POST api/saved-searches {name, request}, DELETE api/saved-searches/{id}
// It starts with one test list (holding an entry that is no longer in the library) and two
// saved searches.
//
//   node scripts/fake-api.mjs [--port 5174] [--delay MS] [--many] [--read-only]
//
// --delay answers each search after a random delay of up to MS, to exercise the UI's handling
// of stale answers; --many adds 40 filler entries, to exercise paging; --read-only behaves like
// `serve`: info says read_only: true and there are no lists or saved searches.

import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const uiDir = resolve(here, '..');
const distDir = join(uiDir, 'dist');
const taxonomyDir = resolve(uiDir, '..', 'assets', 'taxonomy');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const port = Number(arg('--port', process.env.PORT ?? '5174'));
const delay = Number(arg('--delay', '0'));
const many = args.includes('--many');
const readOnly = args.includes('--read-only');

// ---------------------------------------------------------------------------------------------
// Taxonomy: the real reference data, and the fixed labels of src/model.rs.

function csv(name) {
  const [, ...rows] = readFileSync(join(taxonomyDir, name), 'utf8').trim().split(/\r?\n/);
  return rows.map((row) => row.split(','));
}

const municipalities = csv('kommuner.csv').map(([code, name, lan_code]) => ({
  code,
  name,
  lan_code,
}));
const counties = [];
for (const [, , code, name] of csv('kommuner.csv')) {
  if (!counties.some((c) => c.code === code)) counties.push({ code, name });
}
counties.sort((a, b) => a.code.localeCompare(b.code));

const labels = (pairs) => pairs.map(([slug, label]) => ({ slug, label }));

// The fixed value sets' labels, from assets/taxonomy/values.json where it exists (the core
// reads them from there too); otherwise the copies below.
const valuesFile = join(taxonomyDir, 'values.json');
const values = existsSync(valuesFile) ? JSON.parse(readFileSync(valuesFile, 'utf8')) : {};

const fixed = {
  kinds: labels([
    ['exempel', 'Exempel'],
    ['metod', 'Metod eller verktyg'],
    ['natverk', 'Nätverk'],
    ['rapport', 'Rapport eller studie'],
    ['evenemang', 'Evenemang eller arena'],
    ['styrdokument', 'Styrdokument eller överenskommelse'],
  ]),
  stages: labels([
    ['ide', 'Idé'],
    ['pilot', 'Test/pilot'],
    ['inforande', 'Införande'],
    ['spridning', 'Spridning'],
    ['avslutad', 'Avslutad'],
  ]),
  novelties: labels([
    ['organisation', 'Ny för organisationen'],
    ['marknad', 'Ny för marknaden'],
    ['varld', 'Ny för världen'],
  ]),
  statuses: labels([
    ['utkast', 'Utkast'],
    ['granskning', 'Granskning'],
    ['publicerad', 'Publicerad'],
    ['arkiverad', 'Arkiverad'],
  ]),
  org_types: labels([
    ['kommun', 'Kommun'],
    ['region', 'Region'],
    ['myndighet', 'Myndighet'],
    ['akademi', 'Akademi'],
    ['naringsliv', 'Näringsliv'],
    ['ideell', 'Ideell sektor'],
    ['annan', 'Annan'],
  ]),
};

const taxonomy = {
  focus_areas: JSON.parse(readFileSync(join(taxonomyDir, 'focus_areas.json'), 'utf8')),
  kinds: values.kinds ?? fixed.kinds,
  stages: values.stages ?? fixed.stages,
  novelties: values.novelties ?? fixed.novelties,
  statuses: values.statuses ?? fixed.statuses,
  org_types: values.org_types ?? fixed.org_types,
  counties,
  municipalities,
  goals: csv('agenda2030.csv').map(([number, name]) => ({ number: Number(number), name })),
};

function place(municipality_code, lan_code) {
  const m = municipalities.find((x) => x.code === municipality_code);
  const code = m?.lan_code ?? lan_code;
  return {
    municipality_code: municipality_code ?? '',
    municipality: m?.name ?? '',
    lan_code: code,
    lan: counties.find((c) => c.code === code)?.name ?? '',
  };
}

// ---------------------------------------------------------------------------------------------
// TEST DATA: made-up entries. None of these initiatives, organisations or people exist.

const blank = {
  format: 1,
  origin: 'testdata',
  summary: '',
  sections: { challenge: '', solution: '', results: '', lessons: '', dissemination: '' },
  focus_areas: [],
  organisations: [],
  places: [],
  goals: [],
  tags: [],
  contacts: [],
  sources: [],
  attachments: [],
  related: [],
  status: 'publicerad',
  revision: 1,
  created_at: '2024-01-10T09:00:00Z',
};

const uid = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const entries = [
  {
    ...blank,
    id: 'testdata-matsvinn-i-skolkoket',
    uid: uid(1),
    kind: 'exempel',
    title: 'Mindre matsvinn i skolköket med en enkel app (testdata)',
    summary:
      'Påhittat testexempel. Skolköken i en kommun vägde svinnet varje dag i en enkel app och ' +
      'anpassade menyn efter det. Livsmedel för flera hundra tusen kronor om året slängs inte ' +
      'längre, och eleverna har varit med och tagit fram nya rätter.',
    sections: {
      challenge:
        'Skolköken slängde mycket mat, men ingen visste hur mycket eller varför.\n\n' +
        'Kockarna saknade ett enkelt sätt att följa upp svinnet från dag till dag.',
      solution:
        'Arbetet hade tre delar:\n\n' +
        '- en **enkel app** där personalen väger och registrerar tallrikssvinn och serveringssvinn,\n' +
        '- *veckovisa genomgångar* där kockar och elever går igenom siffrorna tillsammans,\n' +
        '- en meny som justeras efter vad som faktiskt äts.\n\n' +
        '### Så gick det till\n\n' +
        'Portionerna anpassas efter åldern. Läs mer i [uppföljningen](https://example.invalid/matsvinn-rapport) ' +
        'eller skriv till [kostenheten](mailto:kost@testkommun.invalid). En [farlig länk](javascript:alert(1)) ' +
        'visas som text.\n\n' +
        '> Det viktigaste var att kockarna fick tid att prata om siffrorna.',
      results:
        'Svinnet minskade med en tredjedel på två terminer. Livsmedelsinköpen kunde minskas ' +
        'utan att någon elev fick mindre mat.',
      lessons:
        'Det viktigaste var inte appen utan att kockarna fick tid att prata om siffrorna. ' +
        'Börja i liten skala i ett kök, och låt eleverna vara med från början.',
      dissemination:
        'Arbetssättet har spridits till förskolorna och till två grannkommuner.',
    },
    focus_areas: ['offentliga-maltider', 'hallbarhet-agenda-2030'],
    stage: 'inforande',
    novelty: 'organisation',
    organisations: [
      { name: 'Testkommunens kostenhet', type: 'kommun', role: 'Drev arbetet' },
      { name: 'Testföretaget AB', type: 'naringsliv', role: 'Levererade appen' },
    ],
    places: [place('0181')],
    period: { start: 2021, end: 2023 },
    goals: [2, 12],
    tags: ['matsvinn', 'skolmåltider', 'livsmedel', 'app'],
    contacts: [
      {
        name: 'Test Testsson',
        role: 'Kostchef',
        organisation: 'Testkommunens kostenhet',
        email: 'kost@testkommun.invalid',
        phone: '',
      },
    ],
    sources: [
      {
        title: 'Matsvinn i skolan – en uppföljning (påhittad källa)',
        url: 'https://example.invalid/matsvinn-rapport',
        publisher: 'Testkommunen',
        date: '2023-06',
        licence: 'CC BY 4.0',
      },
    ],
    related: [uid(2), uid(3), uid(99)],
    updated_at: '2025-03-12T10:15:00Z',
  },
  {
    ...blank,
    id: 'testdata-testbadd-trygghetslarm',
    uid: uid(2),
    kind: 'exempel',
    title: 'Gemensam testbädd för digitala trygghetslarm (testdata)',
    summary:
      'Påhittat testexempel. En kommun och en region prövade digitala trygghetslarm och ' +
      'sensorer i en gemensam testbädd för välfärdsteknik innan de upphandlade.',
    sections: {
      ...blank.sections,
      challenge: 'Analoga trygghetslarm skulle bytas ut, och ingen visste vilka digitala lösningar som fungerade i hemtjänsten.',
      solution: 'Leverantörer fick testa sina lösningar hos frivilliga brukare under sex månader, med hemtjänstpersonalen som bedömare.',
      results: 'Testerna gav ett underlag för en innovationsupphandling. Brukarna kände sig tryggare med larm som fungerade även utomhus.',
    },
    focus_areas: ['valfardsteknik-e-halsa', 'digitalisering', 'innovationsupphandling'],
    stage: 'spridning',
    novelty: 'marknad',
    organisations: [
      { name: 'Testkommunen', type: 'kommun', role: 'Ägare av testbädden' },
      { name: 'Region Testlän', type: 'region', role: 'Medfinansiär' },
      { name: 'Testuniversitetet', type: 'akademi', role: 'Följeforskning' },
    ],
    places: [place('1880'), place('', '18')],
    period: { start: 2019, end: 2022 },
    goals: [3, 9, 10],
    tags: ['testbädd', 'trygghetslarm', 'välfärdsteknik', 'e-hälsa'],
    sources: [{ title: 'Slutrapport testbädd (påhittad)', url: '', publisher: 'Region Testlän', date: '2022', licence: '' }],
    related: [uid(1)],
    updated_at: '2025-02-01T08:00:00Z',
  },
  {
    ...blank,
    id: 'testdata-tjanstedesign-sma-kommuner',
    uid: uid(3),
    kind: 'metod',
    title: 'Tjänstedesign för små kommuner – en metod i fem steg (testdata)',
    summary:
      'Påhittat testexempel. En metod för att ta fram tjänster tillsammans med invånarna, ' +
      'anpassad för kommuner med få medarbetare. Texten innehåller <script>alert("x")</script> ' +
      '& "citattecken" för att pröva att allt visas som text.',
    sections: {
      ...blank.sections,
      solution: 'Fem steg: förstå, definiera, idéer, prototyp och test. Varje steg har en mall på en sida.\n\nMetoden kräver ingen konsult & kan göras på en halv dag.',
    },
    focus_areas: ['tjanstedesign', 'ledarskap-innovationsledning'],
    stage: 'pilot',
    organisations: [{ name: 'Testförbundet', type: 'ideell', role: '' }],
    places: [place('1490')],
    period: { start: 2024, end: 2024 },
    goals: [16],
    tags: ['tjänstedesign', 'användardriven innovation', 'mall'],
    updated_at: '2024-11-20T14:30:00Z',
  },
  {
    ...blank,
    id: 'testdata-natverk-innovationsupphandling-norr',
    uid: uid(4),
    kind: 'natverk',
    title: 'Nätverk för innovationsupphandling i norr (testdata)',
    summary:
      'Påhittat testexempel. Upphandlare i två län träffas varannan månad för att dela ' +
      'erfarenheter av innovationsupphandling och dialog med leverantörer.',
    focus_areas: ['innovationsupphandling', 'samverkan-spridning'],
    stage: 'spridning',
    organisations: [{ name: 'Testlänens inköpscentral', type: 'annan', role: 'Sammankallande' }],
    places: [place('', '25'), place('', '24')],
    period: { start: 2018 },
    goals: [9, 17],
    tags: ['upphandling', 'nätverk', 'leverantörsdialog'],
    updated_at: '2024-06-05T09:00:00Z',
  },
  {
    ...blank,
    id: 'testdata-matning-innovationsformaga',
    uid: uid(5),
    kind: 'rapport',
    title: 'Så mäter kommuner sin innovationsförmåga: en jämförande studie med ett mycket långt namn för att pröva radbrytningar (testdata)',
    summary:
      'Påhittat testexempel. En studie av hur tolv kommuner följer upp sitt innovationsarbete, ' +
      'med förslag på enkla mått för ledningsgrupper.',
    focus_areas: ['matning-uppfoljning', 'ledarskap-innovationsledning'],
    stage: 'avslutad',
    organisations: [{ name: 'Testinstitutet', type: 'akademi', role: 'Genomförde studien' }],
    period: { start: 2023, end: 2023 },
    tags: ['mätning', 'uppföljning', 'ledning'],
    updated_at: '2023-12-18T12:00:00Z',
  },
  {
    ...blank,
    id: 'testdata-utkast-kompetenslyft',
    uid: uid(6),
    kind: 'exempel',
    title: 'Digitalt kompetenslyft i vården (testdata, utkast)',
    summary: 'Påhittat testexempel som är ett utkast och inte ska synas i sökningar.',
    focus_areas: ['kompetensforsorjning', 'digitalisering'],
    status: 'utkast',
    updated_at: '2025-04-01T12:00:00Z',
  },
];

if (many) {
  const areas = taxonomy.focus_areas.map((f) => f.slug);
  for (let n = 1; n <= 40; n += 1) {
    entries.push({
      ...blank,
      id: `testdata-utfyllnad-${n}`,
      uid: uid(100 + n),
      kind: n % 3 === 0 ? 'metod' : 'exempel',
      title: `Påhittat utfyllnadsexempel nummer ${n} (testdata)`,
      summary: `Påhittat testexempel nummer ${n} om digitalisering och samverkan, för att pröva bläddring.`,
      focus_areas: [areas[n % areas.length]],
      stage: 'pilot',
      places: [place(municipalities[(n * 7) % municipalities.length].code)],
      period: { start: 2015 + (n % 10), end: 2016 + (n % 10) },
      updated_at: `2022-0${1 + (n % 9)}-1${n % 10}T10:00:00Z`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// A crude search with the real one's shape.

const fold = (s) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

const escapeHtml = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function searchableText(e) {
  return [
    e.title,
    e.summary,
    ...Object.values(e.sections),
    ...e.tags,
    ...e.organisations.map((o) => o.name),
    ...e.places.map((p) => `${p.municipality} ${p.lan}`),
  ].join('\n');
}

function years(e) {
  const { start, end } = e.period ?? {};
  if (start === undefined && end === undefined) return [];
  const from = start ?? end;
  const to = end ?? Math.max(from, 2025);
  const out = [];
  for (let y = from; y <= to; y += 1) out.push(y);
  return out;
}

function snippet(e, words) {
  const texts = [e.summary, ...Object.values(e.sections)].filter((t) => t);
  const text =
    texts.find((t) => words.length > 0 && words.some((w) => fold(t).includes(w))) ?? texts[0] ?? '';
  const folded = fold(text);
  const first = words.length ? Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0), 1e9) : 0;
  const start = first === 1e9 ? 0 : Math.max(0, first - 60);
  const end = Math.min(text.length, start + 220);
  const marks = [];
  for (const w of words) {
    let i = folded.indexOf(w, start);
    while (i !== -1 && i < end) {
      marks.push([i, Math.min(i + w.length, end)]);
      i = folded.indexOf(w, i + w.length);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  let html = start > 0 ? '… ' : '';
  let at = start;
  for (const [s, t] of marks) {
    if (s < at) continue;
    html += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, t))}</mark>`;
    at = t;
  }
  html += escapeHtml(text.slice(at, end)) + (end < text.length ? ' …' : '');
  return html;
}

function facetValues(e) {
  return {
    focus_area: e.focus_areas,
    lan: [...new Set(e.places.map((p) => p.lan_code))],
    municipality: e.places.map((p) => p.municipality_code).filter((c) => c),
    kind: [e.kind],
    stage: e.stage ? [e.stage] : [],
    year: years(e).map(String),
  };
}

class BadRequest extends Error {}

function search(req) {
  const limit = req.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new BadRequest('limit måste vara mellan 1 och 200');
  }
  const offset = req.offset ?? 0;
  const words = fold(req.query ?? '')
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ''))
    .filter((w) => w);
  const any = (wanted, have) => !wanted?.length || wanted.some((w) => have.includes(w));
  const matches = entries.filter((e) => {
    if (!req.all && e.status !== 'publicerad') return false;
    const f = facetValues(e);
    if (!any(req.focus, f.focus_area) || !any(req.lan, f.lan) || !any(req.kind, f.kind)) return false;
    if (!any(req.municipality, f.municipality) || !any(req.stage, f.stage)) return false;
    if (req.year_from !== undefined || req.year_to !== undefined) {
      const ys = years(e);
      if (!ys.some((y) => y >= (req.year_from ?? -Infinity) && y <= (req.year_to ?? Infinity))) return false;
    }
    const text = fold(searchableText(e));
    return words.every((w) => text.includes(w));
  });
  const score = (e) => words.reduce((s, w) => s + (fold(e.title).includes(w) ? 4 : 1), 0);
  matches.sort((a, b) =>
    req.sort === 'newest' || words.length === 0
      ? b.updated_at.localeCompare(a.updated_at)
      : score(b) - score(a),
  );
  const facets = { focus_area: {}, lan: {}, municipality: {}, kind: {}, stage: {}, year: {} };
  for (const e of matches) {
    for (const [name, values] of Object.entries(facetValues(e))) {
      for (const v of values) facets[name][v] = (facets[name][v] ?? 0) + 1;
    }
  }
  const hits = matches.slice(offset, offset + limit).map((e) => {
    const f = facetValues(e);
    return {
      id: e.id,
      uid: e.uid,
      title: e.title,
      score: score(e),
      snippet: snippet(e, words),
      kind: e.kind,
      status: e.status,
      focus_area: f.focus_area,
      lan: f.lan,
      municipality: f.municipality,
      ...(e.stage ? { stage: e.stage } : {}),
      year: years(e),
      organisations: e.organisations.map((o) => o.name),
      updated_at: e.updated_at,
    };
  });
  return { total: matches.length, hits, facets };
}

// ---------------------------------------------------------------------------------------------
// Lists and saved searches, in memory, with the rules of src/collections.rs.

const collator = new Intl.Collator('sv', { sensitivity: 'variant', numeric: true });
const byName = (a, b) => collator.compare(a.name, b.name);

class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function cleanName(name) {
  const clean = typeof name === 'string' ? name.normalize('NFC').trim() : '';
  if (clean === '') throw new ApiFailure(400, 'invalid_input', 'name: namn saknas');
  if ([...clean].length > 120) throw new ApiFailure(400, 'invalid_input', 'name: för långt namn (högst 120 tecken)');
  return clean;
}

const lists = [];
const savedSearches = [];
let nextListId = 1;
let nextSavedId = 1;

const listView = (l) => ({ id: l.id, name: l.name, entries: [...l.entries] });

function findList(id) {
  const list = lists.find((l) => l.id === Number(id));
  if (!list) throw new ApiFailure(404, 'not_found', `ingen lista med nummer ${id}`);
  return list;
}

function createList(name) {
  const clean = cleanName(name);
  if (lists.some((l) => l.name === clean)) {
    throw new ApiFailure(409, 'conflict', `det finns redan en lista som heter "${clean}"`);
  }
  const list = { id: nextListId++, name: clean, entries: [] };
  lists.push(list);
  return list;
}

function renameList(id, name) {
  const list = findList(id);
  const clean = cleanName(name);
  if (lists.some((l) => l.id !== list.id && l.name === clean)) {
    throw new ApiFailure(409, 'conflict', `det finns redan en lista som heter "${clean}"`);
  }
  list.name = clean;
  return list;
}

function saveSearch(name, request) {
  const clean = cleanName(name);
  if (typeof request !== 'object' || request === null) {
    throw new ApiFailure(400, 'invalid_input', 'request: en sökning saknas');
  }
  const { offset: _offset, ...kept } = request;
  const found = savedSearches.find((s) => s.name === clean);
  if (found) {
    found.request = kept;
    return found;
  }
  const saved = { id: nextSavedId++, name: clean, request: kept };
  savedSearches.push(saved);
  return saved;
}

const emptyRequest = {
  query: '',
  focus: [],
  lan: [],
  municipality: [],
  kind: [],
  stage: [],
  limit: 20,
  all: false,
  prefix: true,
  sort: 'relevance',
};

// TEST DATA: a list that holds a published entry and one that is no longer in the library.
createList('Att läsa vidare (testdata)').entries.push(uid(1), uid(99));
saveSearch('Matsvinn (testdata)', { ...emptyRequest, query: 'matsvinn' });
saveSearch('Välfärdsteknik, nyast först (testdata)', {
  ...emptyRequest,
  focus: ['valfardsteknik-e-halsa'],
  kind: ['exempel'],
  sort: 'newest',
});

async function jsonBody(req) {
  try {
    const body = JSON.parse(await readBody(req));
    if (typeof body !== 'object' || body === null) throw new Error('not an object');
    return body;
  } catch {
    throw new ApiFailure(400, 'invalid_input', 'begäran är inte giltig JSON');
  }
}

/** The collection endpoints; false when `path` is none of them. */
async function collections(req, res, path) {
  const method = req.method;
  if (path === '/api/lists') {
    if (method === 'GET') return send(res, 200, [...lists].sort(byName).map(listView));
    if (method === 'POST') return send(res, 200, listView(createList((await jsonBody(req)).name)));
  }
  let m = /^\/api\/lists\/(\d+)$/.exec(path);
  if (m) {
    if (method === 'PUT') return send(res, 200, listView(renameList(m[1], (await jsonBody(req)).name)));
    if (method === 'DELETE') {
      const list = findList(m[1]);
      lists.splice(lists.indexOf(list), 1);
      return send(res, 200, null);
    }
  }
  m = /^\/api\/lists\/(\d+)\/entries$/.exec(path);
  if (m && method === 'POST') {
    const list = findList(m[1]);
    const wanted = (await jsonBody(req)).entry;
    const entry = entries.find((e) => e.id === wanted || e.uid === wanted);
    if (!entry) throw new ApiFailure(404, 'not_found', `det finns ingen post ${wanted}`);
    if (!list.entries.includes(entry.uid)) list.entries.push(entry.uid);
    return send(res, 200, listView(list));
  }
  m = /^\/api\/lists\/(\d+)\/entries\/([^/]+)$/.exec(path);
  if (m && method === 'DELETE') {
    const list = findList(m[1]);
    const gone = decodeURIComponent(m[2]);
    list.entries = list.entries.filter((u) => u !== gone);
    return send(res, 200, listView(list));
  }
  if (path === '/api/saved-searches') {
    if (method === 'GET') return send(res, 200, [...savedSearches].sort(byName));
    if (method === 'POST') {
      const body = await jsonBody(req);
      return send(res, 200, saveSearch(body.name, body.request));
    }
  }
  m = /^\/api\/saved-searches\/(\d+)$/.exec(path);
  if (m && method === 'DELETE') {
    const i = savedSearches.findIndex((s) => s.id === Number(m[1]));
    if (i === -1) throw new ApiFailure(404, 'not_found', `ingen sparad sökning med nummer ${m[1]}`);
    savedSearches.splice(i, 1);
    return send(res, 200, null);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// HTTP

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

// The same CSP as the desktop app (less the IPC origins), so a violation shows up here too.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

const fail = (res, status, code, message) => send(res, status, { error: { code, message } });

function readBody(req) {
  return new Promise((ok, ko) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      data += chunk;
      if (data.length > 1e6) ko(new BadRequest('för stor begäran'));
    });
    req.on('end', () => ok(data));
    req.on('error', ko);
  });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function api(req, res, path) {
  if (req.method === 'GET' && path === '/api/info') {
    const published = entries.filter((e) => e.status === 'publicerad').length;
    return send(res, 200, {
      dir: '/tmp/testdata',
      id: 'testdata',
      entries: entries.length,
      published,
      indexed: entries.length,
      read_only: readOnly,
    });
  }
  if (req.method === 'GET' && path === '/api/taxonomy') return send(res, 200, taxonomy);
  if (req.method === 'POST' && path === '/api/search') {
    let request;
    try {
      request = JSON.parse(await readBody(req));
    } catch {
      return fail(res, 400, 'invalid_input', 'begäran är inte giltig JSON');
    }
    if (delay > 0) await sleep(Math.random() * delay);
    try {
      return send(res, 200, search(request));
    } catch (err) {
      if (err instanceof BadRequest) return fail(res, 400, 'invalid_input', err.message);
      throw err;
    }
  }
  const m = /^\/api\/entries\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && m) {
    const id = decodeURIComponent(m[1]);
    const entry = entries.find((e) => e.id === id || e.uid === id);
    return entry ? send(res, 200, entry) : fail(res, 404, 'not_found', `det finns ingen post ${id}`);
  }
  if (!readOnly) {
    try {
      if ((await collections(req, res, path)) !== false) return undefined;
    } catch (err) {
      if (err instanceof ApiFailure) return fail(res, err.status, err.code, err.message);
      throw err;
    }
  }
  return fail(res, 404, 'not_found', `okänd adress ${path}`);
}

function serveStatic(res, path) {
  if (!existsSync(distDir)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end('ui/dist finns inte: kör npm run build först\n');
  }
  const rel = normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
  let file = resolve(distDir, rel === '' ? 'index.html' : rel);
  if (file !== distDir && !file.startsWith(distDir + sep)) {
    res.writeHead(403);
    return res.end();
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(distDir, 'index.html');
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/favicon.ico') {
    res.writeHead(204);
    return res.end();
  }
  const handle = path.startsWith('/api/') ? api(req, res, path) : Promise.resolve(serveStatic(res, path));
  handle.catch((err) => {
    console.error(err);
    if (!res.headersSent) fail(res, 500, 'io', 'internt fel i fake-api');
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`fake-api (TEST DATA${readOnly ? ', read-only' : ''}) on http://127.0.0.1:${port}/`);
});
