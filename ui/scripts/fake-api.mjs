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
// The desktop app's curation commands are answered at `POST api/rpc/<command>` (the transport's
// browser form of them; see `rpc` below), with drafts, entries in review, archived entries and
// a trash among the test data. Like `serve` it answers `POST /api/export` (a small made-up file
// of the format asked for, published entries only, read-only or not).
//
//   node scripts/fake-api.mjs [--port 5174] [--delay MS] [--many] [--read-only] [--dist DIR]
//
// --delay answers each search after a random delay of up to MS, to exercise the UI's handling
// of stale answers; --many adds 40 filler entries, to exercise paging; --read-only behaves like
// `serve`: info says read_only: true and there are no lists or saved searches. --dist serves
// the built UI from another folder than ui/dist (a build made elsewhere, for a test).

import { createHash } from 'node:crypto'; // editor & history: attachments' sha256
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const uiDir = resolve(here, '..');
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
/** The built UI: ui/dist, or the folder --dist names. */
const distDir = resolve(arg('--dist', join(uiDir, 'dist')));

// ---------------------------------------------------------------------------------------------
// Taxonomy: the real reference data, and the fixed labels of src/model.rs.

function csv(name) {
  const [, ...rows] = readFileSync(join(taxonomyDir, name), 'utf8').trim().split(/\r?\n/);
  return rows.map(cells);
}

/** The cells of a CSV row; a quoted cell may hold commas ("Hållbar industri, innovationer …"). */
function cells(row) {
  const out = [''];
  let quoted = false;
  for (let i = 0; i < row.length; i += 1) {
    const c = row[i];
    if (c === '"' && quoted && row[i + 1] === '"') {
      out[out.length - 1] += '"';
      i += 1;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) out.push('');
    else out[out.length - 1] += c;
  }
  return out;
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
    return words.every((w) => text.includes(w)) || attachmentMatch(e, words) !== null; // editor & history
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
      // editor & history: the words only in an attached PDF
      ...attachmentHit(e, words),
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

async function jsonBody(req, limit = 1e6) {
  try {
    const body = JSON.parse(await readBody(req, limit));
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
// Curation commands: `POST api/rpc/<command>` with the desktop command's arguments (camelCase,
// as transport.ts sends them in a browser). Each block below registers its commands in `rpc`;
// a handler takes the arguments and returns the answer (or a promise of it), and throws
// ApiFailure for an error. Not offered with --read-only (`serve` refuses them too).

/** The handlers of `POST /api/rpc/<command>`, by command name. */
const rpc = Object.create(null);

// ---------------------------------------------------------------------------------------------
// curation pages: every entry of any status, the trash, the focus areas, the user's name,
// import and erasure (the commands list_entries, trash, undelete_entry, empty_trash,
// add_focus_area, rename_focus_area, merge_focus_areas, user_name, save_user_name, import_file,
// erase_person), with a little more TEST DATA: an entry in review, an archived one, and two in
// the trash.

entries.push(
  {
    ...blank,
    id: 'testdata-granskning-cykelpendling',
    uid: uid(7),
    kind: 'exempel',
    title: 'Cykelpendling till vårdcentralen (testdata, granskning)',
    summary: 'Påhittat testexempel som väntar på granskning och inte ska synas i sökningar.',
    focus_areas: ['hallbarhet-agenda-2030'],
    status: 'granskning',
    revision: 3,
    updated_at: '2025-04-03T08:30:00Z',
  },
  {
    ...blank,
    id: 'testdata-arkiverad-faxavveckling',
    uid: uid(8),
    kind: 'metod',
    title: 'Avveckla faxen på tre månader (testdata, arkiverad)',
    summary: 'Påhittat testexempel som är arkiverat och inte ska synas i sökningar.',
    focus_areas: ['digitalisering'],
    status: 'arkiverad',
    revision: 2,
    updated_at: '2022-09-14T13:00:00Z',
  },
);

/** The trash: whole entries, with the time each was deleted. */
const trashBin = [
  {
    deleted_at: '2025-04-02T14:05:00Z',
    entry: {
      ...blank,
      id: 'testdata-borttagen-lekplatsapp',
      uid: uid(9),
      kind: 'exempel',
      title: 'En app för trasiga lekplatser (testdata, borttagen)',
      summary: 'Påhittat testexempel som ligger i papperskorgen.',
      focus_areas: ['digitalisering'],
      status: 'utkast',
      revision: 2,
      updated_at: '2025-04-02T14:05:00Z',
    },
  },
  {
    deleted_at: '2025-03-28T09:40:00Z',
    entry: {
      ...blank,
      id: 'testdata-borttagen-dubblett',
      uid: uid(10),
      kind: 'exempel',
      title: 'Mindre matsvinn i skolköket, dubblett (testdata, borttagen)',
      summary: 'Påhittad dubblett som ligger i papperskorgen.',
      focus_areas: ['offentliga-maltider'],
      status: 'utkast',
      revision: 1,
      updated_at: '2025-03-28T09:40:00Z',
    },
  },
];

let userName = 'Test Testsson (testdata)';
let importCount = 0;

const nowIso = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const summaryOf = ({ id, uid: u, title, kind, status, revision, updated_at }) => ({
  id,
  uid: u,
  title,
  kind,
  status,
  revision,
  updated_at,
});
const invalid = (message) => new ApiFailure(400, 'invalid_input', message);
const slugify = (text) =>
  fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

function findAny(id) {
  return entries.find((e) => e.id === id || e.uid === id);
}

/** A new revision of an entry, written by the user now. */
function touch(entry) {
  entry.revision = (entry.revision ?? 1) + 1;
  entry.updated_at = nowIso();
}

Object.assign(rpc, {
  list_entries({ status }) {
    return entries
      .filter((e) => !status || e.status === status)
      .sort((a, b) => collator.compare(a.title, b.title))
      .map(summaryOf);
  },

  trash() {
    return trashBin.map(({ entry, deleted_at }) => ({
      id: entry.id,
      uid: entry.uid,
      title: entry.title,
      deleted_at,
    }));
  },

  undelete_entry({ id }) {
    const i = trashBin.findIndex(({ entry }) => entry.id === id || entry.uid === id);
    if (i === -1) {
      if (findAny(id)) throw new ApiFailure(409, 'conflict', `posten "${id}" ligger inte i papperskorgen`);
      throw new ApiFailure(404, 'not_found', `ingen post med id "${id}"`);
    }
    const [{ entry }] = trashBin.splice(i, 1);
    touch(entry);
    entries.push(entry);
    return entry;
  },

  empty_trash() {
    const n = trashBin.length;
    for (const { entry } of trashBin) {
      for (const list of lists) list.entries = list.entries.filter((u) => u !== entry.uid);
    }
    trashBin.length = 0;
    return n;
  },

  add_focus_area({ name, description }) {
    const clean = cleanName(name);
    const slug = slugify(clean);
    const existing = taxonomy.focus_areas.find(
      (f) => f.slug === slug || f.name.toLowerCase() === clean.toLowerCase(),
    );
    if (existing) throw new ApiFailure(409, 'conflict', `fokusområdet "${existing.name}" finns redan`);
    const area = { slug, name: clean, description: String(description ?? '').trim() };
    taxonomy.focus_areas.push(area);
    return area;
  },

  rename_focus_area({ slug, name }) {
    const clean = cleanName(name);
    const area = taxonomy.focus_areas.find((f) => f.slug === slug);
    if (!area) throw new ApiFailure(404, 'not_found', `inget fokusområde med id "${slug}"`);
    const next = slugify(clean);
    const other = taxonomy.focus_areas.find((f) => f.slug === next && f.slug !== slug);
    if (other) {
      throw new ApiFailure(409, 'conflict', `fokusområdet "${other.name}" finns redan; slå ihop dem i stället`);
    }
    retag(slug, next);
    area.slug = next;
    area.name = clean;
    return area;
  },

  merge_focus_areas({ from, into }) {
    const source = taxonomy.focus_areas.find((f) => f.slug === from);
    const target = taxonomy.focus_areas.find((f) => f.slug === into);
    if (!source) throw new ApiFailure(404, 'not_found', `inget fokusområde med id "${from}"`);
    if (!target) throw new ApiFailure(404, 'not_found', `inget fokusområde med id "${into}"`);
    if (from === into) throw invalid(`ett fokusområde kan inte slås ihop med sig självt ("${from}")`);
    retag(from, into);
    taxonomy.focus_areas.splice(taxonomy.focus_areas.indexOf(source), 1);
    return target;
  },

  user_name() {
    return userName;
  },

  save_user_name({ name }) {
    userName = cleanName(name);
    return userName;
  },

  import_file({ name, bytes, mapping, dryRun }) {
    return importFile(String(name ?? ''), bytes, mapping ?? null, dryRun !== false);
  },

  erase_person({ name }) {
    const wanted = fold(String(name ?? '').trim());
    if (wanted === '') throw invalid('fältet namn: tomt namn');
    let touched = 0;
    for (const entry of [...entries, ...trashBin.map((t) => t.entry)]) {
      const kept = entry.contacts.filter((c) => fold(c.name.trim()) !== wanted);
      if (kept.length !== entry.contacts.length) {
        entry.contacts = kept;
        touched += 1;
      }
    }
    // The fake keeps no history: say each entry had its current revision cleaned.
    return { library: { entries: touched, revisions: touched }, backups: [] };
  },
});

/** Every entry (the trash too) tagged `old` gets `next` instead, with a new revision. */
function retag(old, next) {
  for (const entry of [...entries, ...trashBin.map((t) => t.entry)]) {
    if (!entry.focus_areas.includes(old)) continue;
    entry.focus_areas = [...new Set(entry.focus_areas.map((f) => (f === old ? next : f)))];
    touch(entry);
  }
}

// A small import with the real one's report: CSV (a header row; `;` or `,`), JSON and JSON
// Lines. Columns map by name (Swedish or English) or by the mapping `Kolumn=fält;Annan=-`.
// A row without a title is rejected; a row whose id exists updates that entry.

const IMPORT_FIELDS = {
  id: ['id'],
  uid: ['uid'],
  kind: ['typ', 'kind', 'posttyp'],
  title: ['rubrik', 'titel', 'title'],
  summary: ['sammanfattning', 'summary', 'kort beskrivning'],
  challenge: ['utmaning', 'utmaning och behov', 'behov', 'challenge'],
  solution: ['losning', 'losning och genomforande', 'genomforande', 'solution'],
  results: ['resultat', 'resultat och effekter', 'effekter', 'results'],
  lessons: ['lardomar', 'lessons'],
  dissemination: ['spridning', 'dissemination'],
  focus_areas: ['fokusomraden', 'fokusomrade', 'focus_areas', 'focus areas'],
  stage: ['skede', 'fas', 'stage'],
  novelty: ['nyhetsgrad', 'novelty'],
  organisations: ['organisationer', 'organisation', 'organisations'],
  municipalities: ['kommuner', 'kommun', 'kommunkod', 'municipality', 'municipalities'],
  lan: ['lan', 'county'],
  start: ['startar', 'start', 'fran ar', 'start_year'],
  end: ['slutar', 'slut', 'till ar', 'end_year'],
  goals: ['agenda 2030', 'agenda 2030-mal', 'mal', 'goals'],
  tags: ['taggar', 'nyckelord', 'tags'],
  sources: ['kallor', 'kalla', 'sources', 'lank', 'lankar'],
  contacts: ['kontakter', 'kontakt', 'contacts'],
  status: ['status'],
};
const headerKey = (h) => fold(String(h).trim());

function parseMapping(text) {
  const map = new Map();
  for (const pair of String(text).split(/[;\n]/).filter((p) => p.trim() !== '')) {
    const at = pair.indexOf('=');
    if (at === -1) throw invalid(`kolumnmappningen: "${pair.trim()}" saknar "=" (skriv Kolumn=fält)`);
    const field = pair.slice(at + 1).trim();
    if (field !== '-' && !(field in IMPORT_FIELDS)) {
      throw invalid(`kolumnmappningen: okänt fält "${field}" (fälten är: ${Object.keys(IMPORT_FIELDS).join(', ')})`);
    }
    map.set(headerKey(pair.slice(0, at)), { column: pair.slice(0, at).trim(), field });
  }
  return map;
}

function utf8(name, bytes) {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw invalid(`${name}: filen är kodad som UTF-16; spara den som UTF-8 (i Excel: "CSV UTF-8")`);
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    const line = body.subarray(0, at).filter((b) => b === 10).length + 1;
    throw invalid(
      `${name}: rad ${line} är inte UTF-8 (byte ${at}); filen är troligen sparad som Windows-1252 ` +
        'eller Latin-1: spara den som UTF-8 (i Excel: "CSV UTF-8")',
    );
  }
}

/** Where the bytes stop being UTF-8 (roughly: overlong forms are not checked). */
function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k += 1) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}

/** Rows of cells; the delimiter is `;` or `,`, whichever the header row has more of. */
function csvRows(text) {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (first.match(/;/g) ?? []).length >= (first.match(/,/g) ?? []).length ? ';' : ',';
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const splitList = (value) =>
  String(value ?? '')
    .split(/[;,\n]/)
    .map((v) => v.trim())
    .filter((v) => v);

/** The candidates of a file: `{ row, fields }` or `{ row, error }`. */
function readImport(name, bytes, mapping) {
  const format = (/\.([a-z]+)$/i.exec(name)?.[1] ?? '').toLowerCase();
  if (!['csv', 'xlsx', 'json', 'jsonl'].includes(format)) {
    throw invalid(`${name}: okänt filformat; importen läser .csv, .xlsx, .json och .jsonl`);
  }
  if (format === 'xlsx') {
    throw invalid(`${name}: test-API:t läser inte XLSX (det gör programmet); prova med en CSV-fil`);
  }
  const text = utf8(name, bytes);
  if (format === 'json' || format === 'jsonl') {
    if (mapping !== null) throw invalid('kolumnmappningen gäller kalkylblad (CSV, XLSX); JSON-filer har fältens egna namn');
    const trimmed = text.trim();
    if (format === 'json' && (trimmed.startsWith('[') || trimmed.startsWith('{'))) {
      let value;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw invalid(`${name}: ogiltig JSON: ${err.message}`);
      }
      const items = Array.isArray(value) ? value : [value];
      return { format, candidates: items.map((fields, i) => ({ row: `post ${i + 1}`, fields })) };
    }
    const candidates = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        candidates.push({ row: `rad ${i + 1}`, fields: JSON.parse(line) });
      } catch (err) {
        candidates.push({ row: `rad ${i + 1}`, error: `ogiltig JSON: ${err.message}` });
      }
    });
    return { format, candidates };
  }
  const explicit = mapping === null ? new Map() : parseMapping(mapping);
  const [headers, ...rows] = csvRows(text);
  if (!headers) throw invalid(`${name}: filen är tom`);
  for (const { column } of explicit.values()) {
    if (!headers.some((h) => headerKey(h) === headerKey(column))) {
      throw invalid(
        `kolumnmappningen nämner kolumnen "${column}", men filen har ingen sådan (kolumnerna är: ${headers.join(', ')})`,
      );
    }
  }
  const unknown = [];
  const columns = headers.map((h) => {
    const key = headerKey(h);
    if (explicit.has(key)) {
      const { field } = explicit.get(key);
      return field === '-' ? null : field;
    }
    const field = Object.keys(IMPORT_FIELDS).find((f) => IMPORT_FIELDS[f].includes(key));
    if (field === undefined && key !== '') unknown.push(h.trim());
    return field ?? null;
  });
  if (unknown.length > 0) {
    throw invalid(
      `okända kolumner: ${unknown.join(', ')}; mappa dem till ett fält eller hoppa över dem med ` +
        `Kolumn=- (fälten är: ${Object.keys(IMPORT_FIELDS).join(', ')})`,
    );
  }
  if (!columns.includes('title')) throw invalid(`${name}: ingen kolumn för rubriken (title); döp en kolumn till Rubrik`);
  const candidates = [];
  rows.forEach((cells, i) => {
    if (!cells.some((c) => c.trim() !== '')) return;
    const fields = {};
    columns.forEach((field, j) => {
      if (field !== null) fields[field] = (cells[j] ?? '').trim();
    });
    candidates.push({ row: `rad ${i + 2}`, fields, tabular: true });
  });
  return { format, candidates };
}

/** The entry a candidate describes, over `base` (an existing entry, or a blank one). */
function entryFrom(fields, base, tabular) {
  const entry = structuredClone(base);
  const text = (v) => (typeof v === 'string' ? v.trim() : v == null ? '' : String(v));
  if ('title' in fields) entry.title = text(fields.title);
  if ('summary' in fields) entry.summary = text(fields.summary);
  if ('id' in fields && text(fields.id)) entry.id = text(fields.id);
  if ('kind' in fields && text(fields.kind)) entry.kind = text(fields.kind);
  if ('stage' in fields && text(fields.stage)) entry.stage = text(fields.stage);
  if ('status' in fields && text(fields.status)) entry.status = text(fields.status);
  if ('tags' in fields) entry.tags = tabular ? splitList(fields.tags) : fields.tags;
  for (const key of ['challenge', 'solution', 'results', 'lessons', 'dissemination']) {
    if (key in fields) entry.sections = { ...entry.sections, [key]: text(fields[key]) };
  }
  if (fields.sections && typeof fields.sections === 'object') {
    entry.sections = { ...entry.sections, ...fields.sections };
  }
  if ('focus_areas' in fields) {
    const values = tabular ? splitList(fields.focus_areas) : (fields.focus_areas ?? []);
    entry.focus_areas = values.map((v) => {
      const area = taxonomy.focus_areas.find((f) => f.slug === v || fold(f.name) === fold(v));
      if (!area) throw invalid(`fältet focus_areas: okänt fokusområde "${v}"`);
      return area.slug;
    });
  }
  if (!entry.title) throw invalid('fältet title: rubrik saknas');
  if (!taxonomy.kinds.some((k) => k.slug === entry.kind)) throw invalid(`fältet kind: okänd typ "${entry.kind}"`);
  if (entry.stage !== undefined && !taxonomy.stages.some((s) => s.slug === entry.stage)) {
    throw invalid(`fältet stage: okänt skede "${entry.stage}"`);
  }
  if (!taxonomy.statuses.some((s) => s.slug === entry.status)) {
    throw invalid(`fältet status: okänd status "${entry.status}"`);
  }
  return entry;
}

const COMPARED = ['title', 'summary', 'kind', 'stage', 'status', 'tags', 'focus_areas', 'sections'];

function importFile(name, bytes, mapping, dryRun) {
  if (!Array.isArray(bytes)) throw invalid('bytes: filens innehåll saknas');
  const { format, candidates } = readImport(name, Uint8Array.from(bytes), mapping);
  if (candidates.length === 0) throw invalid(`${name}: filen har inga poster`);
  const rows = [];
  const planned = [];
  const seen = new Map();
  const taken = new Set(entries.map((e) => e.id));
  for (const c of candidates) {
    const reject = (reason, entry) =>
      rows.push({ row: c.row, action: 'reject', id: entry?.id ?? '', title: entry?.title ?? '', reason });
    if (c.error) {
      reject(c.error);
      continue;
    }
    const wanted = typeof c.fields.id === 'string' ? c.fields.id.trim() : '';
    const existing = wanted ? findAny(wanted) : undefined;
    if (wanted && trashBin.some((t) => t.entry.id === wanted)) {
      reject('posten ligger i papperskorgen; återställ den först', { id: wanted, title: String(c.fields.title ?? '') });
      continue;
    }
    let entry;
    try {
      entry = entryFrom(c.fields, existing ?? { ...blank, kind: 'exempel', status: 'utkast', title: '' }, c.tabular);
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      reject(err.message, { id: wanted, title: String(c.fields.title ?? '') });
      continue;
    }
    if (!existing) {
      let id = wanted || slugify(entry.title);
      for (let n = 2; !wanted && taken.has(id); n += 1) id = `${slugify(entry.title)}-${n}`;
      entry.id = id;
    }
    if (seen.has(entry.id)) {
      reject(`id "${entry.id}" förekommer redan på ${seen.get(entry.id)}`, entry);
      continue;
    }
    seen.set(entry.id, c.row);
    taken.add(entry.id);
    if (existing) {
      const changed = COMPARED.filter((k) => JSON.stringify(existing[k]) !== JSON.stringify(entry[k]));
      if (changed.length === 0) {
        rows.push({ row: c.row, action: 'unchanged', id: entry.id, title: entry.title, reason: '' });
      } else {
        rows.push({ row: c.row, action: 'update', id: entry.id, title: entry.title, reason: `ändrar: ${changed.join(', ')}` });
        planned.push({ existing, entry });
      }
    } else {
      rows.push({ row: c.row, action: 'create', id: entry.id, title: entry.title, reason: '' });
      planned.push({ existing: null, entry });
    }
  }
  const count = (a) => rows.filter((r) => r.action === a).length;
  const report = {
    format,
    dry_run: dryRun,
    imported: false,
    rows,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    rejected: count('reject'),
  };
  if (dryRun || report.rejected > 0) return report;
  if (planned.length > 0) {
    const at = nowIso();
    importCount += 1;
    report.backup = `/tmp/testdata/backups/fore-import-${at.replace(/[:-]/g, '')}-${importCount}.sqlite3`;
    for (const { existing, entry } of planned) {
      entry.updated_at = at;
      if (existing) {
        Object.assign(existing, entry, { revision: existing.revision + 1 });
      } else {
        entries.push({ ...entry, uid: crypto.randomUUID(), revision: 1, created_at: at, origin: 'testdata' });
      }
    }
  }
  report.imported = true;
  return report;
}

// ---------------------------------------------------------------------------------------------
// editor & history: writing entries and their workflow, revisions and diffs, personal notes
// and attachments (the commands validate_entry, create_entry, update_entry, transitions,
// set_status, history, revision, diff, restore, delete_entry, get_note, set_note, attach_file,
// detach_file), with the rules of src/validate.rs, src/workflow.rs and src/diff.rs, roughly.
// Revisions are kept from the first time an entry is written or asked about; a change made
// elsewhere in this file (a focus area renamed, an import) shows up as a revision "ändrad".

/** uid → revisions, oldest first: `{ revision, at, by, status, comment, body }`. */
const revisionLog = new Map();
/** uid → the personal note. */
const personalNotes = new Map();
/** sha256 → the text of an attached PDF, for search. */
const attachmentTexts = new Map();

const clone = (value) => structuredClone(value);

/** An entry's revisions, catching up with its current state first. */
function historyFor(entry, comment = 'ändrad') {
  let log = revisionLog.get(entry.uid);
  if (!log) {
    log = [];
    revisionLog.set(entry.uid, log);
  }
  const last = log[log.length - 1];
  if (!last || last.revision < entry.revision) {
    log.push({
      revision: entry.revision,
      at: entry.updated_at,
      by: last ? userName : 'Testdata',
      status: entry.status,
      comment: last ? comment : 'skapad',
      body: clone(entry),
    });
  }
  return log;
}

function mustFind(id) {
  const entry = findAny(id);
  if (entry) return entry;
  if (trashBin.some((t) => t.entry.id === id || t.entry.uid === id)) {
    throw new ApiFailure(409, 'conflict', `posten "${id}" ligger i papperskorgen; återställ den först`);
  }
  throw new ApiFailure(404, 'not_found', `ingen post med id "${id}"`);
}

const chars = (s) => [...s].length;
const fieldError = (path, problem) => invalid(`fältet ${path}: ${problem}`);

/** The entry normalised (NFC, trimmed, names from SCB codes) and checked, or an error. */
function checkEntry(input) {
  if (typeof input !== 'object' || input === null) throw invalid('posten saknas');
  const e = { ...clone(blank), status: 'utkast', revision: 0, id: '', uid: '', origin: '', ...clone(input) };
  e.format = 1;
  e.sections = { ...blank.sections, ...(e.sections ?? {}) };
  const nfc = (v) => String(v ?? '').normalize('NFC');
  if (!taxonomy.kinds.some((k) => k.slug === e.kind)) {
    throw fieldError('kind', `okänt värde "${e.kind}"; tillåtna värden: ${taxonomy.kinds.map((k) => k.slug).join(', ')}`);
  }
  e.title = nfc(e.title).trim();
  if (e.title === '') throw fieldError('title', 'titel saknas');
  if (chars(e.title) > 300) throw fieldError('title', `för lång text (${chars(e.title)} tecken, högst 300)`);
  e.summary = nfc(e.summary).trim();
  if (chars(e.summary) > 1200) throw fieldError('summary', `för lång text (${chars(e.summary)} tecken, högst 1200)`);
  for (const key of Object.keys(blank.sections)) {
    e.sections[key] = nfc(e.sections[key]);
    const bytes = Buffer.byteLength(e.sections[key]);
    if (bytes > 200_000) throw fieldError(`sections.${key}`, `för lång text (${bytes} byte, högst 200000)`);
  }
  e.focus_areas.forEach((slug, i) => {
    if (!taxonomy.focus_areas.some((f) => f.slug === slug)) throw fieldError(`focus_areas[${i}]`, `okänt fokusområde "${slug}"`);
  });
  e.focus_areas = [...new Set(e.focus_areas)];
  for (const [key, set] of [['stage', taxonomy.stages], ['novelty', taxonomy.novelties]]) {
    if (e[key] === '' || e[key] === null) delete e[key];
    if (e[key] !== undefined && !set.some((l) => l.slug === e[key])) {
      throw fieldError(key, `okänt värde "${e[key]}"; tillåtna värden: ${set.map((l) => l.slug).join(', ')}`);
    }
  }
  e.places = e.places.map((p, i) => {
    const at = (f) => `places[${i}].${f}`;
    const out = { municipality_code: nfc(p.municipality_code).trim(), municipality: nfc(p.municipality).trim(), lan_code: nfc(p.lan_code).trim(), lan: nfc(p.lan).trim() };
    let m = null;
    if (out.municipality_code) {
      m = municipalities.find((x) => x.code === out.municipality_code);
      if (!m) throw fieldError(at('municipality_code'), `okänd kommunkod "${out.municipality_code}"`);
      if (out.municipality && out.municipality !== m.name) {
        throw fieldError(at('municipality'), `"${out.municipality}" stämmer inte med kommunkoden ${m.code} (${m.name})`);
      }
    } else if (out.municipality) {
      m = municipalities.find((x) => fold(x.name) === fold(out.municipality));
      if (!m) throw fieldError(at('municipality'), `okänd kommun "${out.municipality}"`);
    }
    if (m) {
      if (out.lan_code && out.lan_code !== m.lan_code) {
        throw fieldError(at('lan_code'), `${m.name} ligger i län ${m.lan_code}, inte ${out.lan_code}`);
      }
      out.municipality_code = m.code;
      out.municipality = m.name;
      out.lan_code = m.lan_code;
    }
    if (!out.lan_code) throw fieldError(at('lan_code'), 'ange en kommunkod eller en länskod');
    const county = counties.find((c) => c.code === out.lan_code);
    if (!county) throw fieldError(at('lan_code'), `okänd länskod "${out.lan_code}"`);
    out.lan = county.name;
    return out;
  });
  e.goals.forEach((g, i) => {
    if (!Number.isInteger(g) || g < 1 || g > 17) throw fieldError(`goals[${i}]`, `${g} är inget av Agenda 2030-målen 1–17`);
  });
  e.goals = [...new Set(e.goals)].sort((a, b) => a - b);
  if (e.period) {
    for (const name of ['start', 'end']) {
      const year = e.period[name];
      if (year === undefined || year === null) delete e.period[name];
      else if (!Number.isInteger(year) || year < 1900 || year > 2100) throw fieldError(`period.${name}`, `${year} är inget rimligt årtal`);
    }
    if (e.period.start !== undefined && e.period.end !== undefined && e.period.start > e.period.end) {
      throw fieldError('period', `startåret ${e.period.start} kommer efter slutåret ${e.period.end}`);
    }
    if (e.period.start === undefined && e.period.end === undefined) delete e.period;
  }
  e.organisations.forEach((o, i) => {
    if (nfc(o.name).trim() === '') throw fieldError(`organisations[${i}].name`, 'namn saknas');
    if (!taxonomy.org_types.some((t) => t.slug === o.type)) throw fieldError(`organisations[${i}].type`, `okänt värde "${o.type}"`);
  });
  e.contacts.forEach((c, i) => {
    if (nfc(c.name).trim() === '') throw fieldError(`contacts[${i}].name`, 'namn saknas');
  });
  e.sources.forEach((s, i) => {
    if (nfc(s.title).trim() === '') throw fieldError(`sources[${i}].title`, 'titel saknas');
    if (s.url && !/^https?:\/\//.test(s.url)) throw fieldError(`sources[${i}].url`, `"${s.url}" är ingen webbadress (http:// eller https://)`);
  });
  e.tags = e.tags.map((tag, i) => {
    const clean = nfc(tag).trim().toLowerCase();
    if (clean === '') throw fieldError(`tags[${i}]`, 'tom etikett');
    return clean;
  });
  e.tags = [...new Set(e.tags)];
  e.related = [...new Set(e.related)];
  return e;
}

/** Saves `input` as the next revision of `current` (which stays where it is in `entries`). */
function saveEdit(current, input, status, comment) {
  if (input.id && input.id !== current.id) {
    throw fieldError('id', `"${input.id}" skiljer sig från postens id "${current.id}"; id kan inte ändras`);
  }
  if (input.uid && input.uid !== current.uid) {
    throw fieldError('uid', `${input.uid} skiljer sig från postens uid ${current.uid}`);
  }
  historyFor(current);
  const e = checkEntry(input);
  Object.assign(e, {
    id: current.id,
    uid: current.uid,
    origin: current.origin,
    created_at: current.created_at,
    status: status ?? current.status,
    revision: current.revision + 1,
    updated_at: nowIso(),
  });
  entries[entries.indexOf(current)] = e;
  historyFor(e, comment);
  return e;
}

const STATUS_LABEL = (slug) => taxonomy.statuses.find((s) => s.slug === slug)?.label ?? slug;
const WORKFLOW = {
  utkast: [['granskning', 'Skicka till granskning', false]],
  granskning: [['publicerad', 'Publicera', false], ['utkast', 'Skicka tillbaka till utkast', true]],
  publicerad: [['arkiverad', 'Arkivera', false], ['utkast', 'Dra tillbaka till utkast', true]],
  arkiverad: [['publicerad', 'Publicera igen', false], ['utkast', 'Gör till utkast', false]],
};
const movesFrom = (status) =>
  (WORKFLOW[status] ?? []).map(([to, action, needs_comment]) => ({ to, action, needs_comment }));

// Readable fields and a word diff, as src/diff.rs has them.
const labelOf = (set, slug) => set.find((l) => l.slug === slug)?.label ?? slug ?? '';

function diffFields(e) {
  const lines = (items) => items.join('\n');
  const s = e.sections ?? blank.sections;
  return [
    ['title', 'Rubrik', e.title],
    ['kind', 'Typ', labelOf(taxonomy.kinds, e.kind)],
    ['status', 'Status', STATUS_LABEL(e.status)],
    ['summary', 'Sammanfattning', e.summary],
    ['sections.challenge', 'Utmaning och behov', s.challenge],
    ['sections.solution', 'Lösning och genomförande', s.solution],
    ['sections.results', 'Resultat och effekter', s.results],
    ['sections.lessons', 'Lärdomar', s.lessons],
    ['sections.dissemination', 'Spridning', s.dissemination],
    ['focus_areas', 'Fokusområden', lines(e.focus_areas.map((f) => taxonomy.focus_areas.find((a) => a.slug === f)?.name ?? f))],
    ['stage', 'Skede', e.stage ? labelOf(taxonomy.stages, e.stage) : ''],
    ['novelty', 'Nyhetsgrad', e.novelty ? labelOf(taxonomy.novelties, e.novelty) : ''],
    ['organisations', 'Organisationer', lines(e.organisations.map((o) => `${o.name} (${labelOf(taxonomy.org_types, o.type)}${o.role ? `, ${o.role}` : ''})`))],
    ['places', 'Platser', lines(e.places.map((p) => (p.municipality ? `${p.municipality} (${p.lan})` : p.lan)))],
    ['period', 'Period', e.period ? (e.period.start !== undefined && e.period.end !== undefined ? `${e.period.start}–${e.period.end}` : e.period.start !== undefined ? `från ${e.period.start}` : `till ${e.period.end}`) : ''],
    ['goals', 'Agenda 2030-mål', e.goals.join(', ')],
    ['tags', 'Taggar', e.tags.join(', ')],
    ['contacts', 'Kontakter', lines(e.contacts.map((c) => [c.name, c.role, c.organisation, c.email, c.phone].filter((x) => x).join(', ')))],
    ['sources', 'Källor', lines(e.sources.map((x) => (x.url ? `${x.title} <${x.url}>` : x.title)))],
    ['attachments', 'Bilagor', lines(e.attachments.map((a) => a.name))],
    ['related', 'Se även', lines(e.related)],
  ];
}

/** `after` against `before`, word by word (longest common subsequence of words and spaces). */
function wordDiff(before, after) {
  const a = before.match(/\s+|[^\s]+/g) ?? [];
  const b = after.match(/\s+|[^\s]+/g) ?? [];
  const parts = [];
  const push = (op, text) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  if (a.length * b.length > 4e6) {
    if (before) push('delete', before);
    if (after) push('insert', after);
    return parts;
  }
  const w = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push('equal', a[i]);
      i += 1;
      j += 1;
    } else if (i < a.length && (j === b.length || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
      push('delete', a[i]);
      i += 1;
    } else {
      push('insert', b[j]);
      j += 1;
    }
  }
  return parts;
}

function revisionBody(entry, n) {
  const found = historyFor(entry).find((r) => r.revision === Number(n));
  if (!found) throw new ApiFailure(404, 'not_found', `posten "${entry.id}" har ingen revision ${n}`);
  return found.body;
}

/** Any entry, the trash too (history and revisions are kept for it). */
function findWithTrash(id) {
  return findAny(id) ?? trashBin.find((t) => t.entry.id === id || t.entry.uid === id)?.entry ?? mustFind(id);
}

/** The media type from the first bytes, as src/attachments.rs sniffs it. */
function sniffMedia(bytes) {
  const starts = (sig) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x50, 0x4b, 0x03, 0x04]) && bytes.includes('word/')) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

/** The text of a simple PDF: the strings shown by Tj (a crude stand-in for the extractor). */
function pdfText(bytes) {
  const text = bytes.toString('latin1');
  return [...text.matchAll(/\(((?:[^()\\]|\\.)*)\)\s*Tj/g)].map((m) => m[1].replace(/\\(.)/g, '$1')).join(' ');
}

/** A hit's snippet and `attachment` when only an attachment has the words (else nothing). */
function attachmentHit(entry, words) {
  const text = fold(searchableText(entry));
  if (words.length === 0 || words.every((w) => text.includes(w))) return {};
  const found = attachmentMatch(entry, words);
  if (!found) return {};
  return { attachment: found.name, snippet: snippet({ summary: found.text, sections: {} }, words) };
}

/** An attachment whose text has every word, when the entry's own text has not. */
function attachmentMatch(entry, words) {
  if (words.length === 0) return null;
  for (const a of entry.attachments ?? []) {
    const text = attachmentTexts.get(a.sha256);
    if (text && words.every((w) => fold(text).includes(w))) return { name: a.name, text };
  }
  return null;
}

Object.assign(rpc, {
  validate_entry({ entry }) {
    return checkEntry(entry);
  },

  create_entry({ entry }) {
    const e = checkEntry(entry);
    if (e.id) {
      if (findAny(e.id) || trashBin.some((t) => t.entry.id === e.id)) throw new ApiFailure(409, 'conflict', `id "${e.id}" finns redan`);
    } else {
      const base = slugify(e.title) || 'post';
      let id = base;
      for (let n = 2; findAny(id) || trashBin.some((t) => t.entry.id === id); n += 1) id = `${base}-${n}`;
      e.id = id;
    }
    const at = nowIso();
    Object.assign(e, {
      uid: e.uid || crypto.randomUUID(),
      origin: e.origin || 'testdata',
      status: e.status || 'utkast',
      revision: 1,
      created_at: at,
      updated_at: at,
    });
    entries.push(e);
    const log = historyFor(e);
    Object.assign(log[log.length - 1], { by: userName, comment: 'skapad' });
    return e;
  },

  update_entry({ id, entry, expectedRevision }) {
    const current = mustFind(id);
    if (typeof expectedRevision === 'number' && expectedRevision !== current.revision) {
      throw new ApiFailure(
        409,
        'conflict',
        `posten "${current.id}" har ändrats sedan revision ${expectedRevision} (nu ${current.revision}); ` +
          'hämta den senaste versionen och gör om ändringen',
      );
    }
    return saveEdit(current, entry, null, 'ändrad');
  },

  transitions({ id }) {
    return movesFrom(mustFind(id).status);
  },

  set_status({ id, status, comment }) {
    const current = mustFind(id);
    const from = current.status;
    if (from === status) throw new ApiFailure(409, 'conflict', `posten "${current.id}" har redan status ${STATUS_LABEL(status)}`);
    const move = movesFrom(from).find((m) => m.to === status);
    if (!move) {
      const hint = from === 'utkast' && status === 'publicerad'
        ? '; ett utkast granskas innan det publiceras: skicka det till granskning först'
        : '';
      const allowed = movesFrom(from).map((m) => m.to).join(', ');
      throw new ApiFailure(409, 'conflict', `posten "${current.id}" kan inte gå från ${from} till ${status}${hint} (tillåtet: ${allowed})`);
    }
    const text = String(comment ?? '').trim();
    if (move.needs_comment && text === '') {
      throw fieldError('comment', `skriv varför posten "${current.id}" går tillbaka till utkast, så att skribenten vet vad som ska ändras`);
    }
    return saveEdit(current, current, status, text || `status: ${STATUS_LABEL(status)}`);
  },

  history({ id }) {
    return historyFor(findWithTrash(id)).map(({ body: _body, ...info }) => info);
  },

  revision({ id, revision }) {
    return clone(revisionBody(findWithTrash(id), revision));
  },

  diff({ id, from, to }) {
    const entry = findWithTrash(id);
    const before = diffFields(revisionBody(entry, from));
    const after = diffFields(revisionBody(entry, to));
    return before
      .map(([field, label, text], i) => [field, label, text ?? '', after[i][2] ?? ''])
      .filter(([, , b, a]) => b !== a)
      .map(([field, label, b, a]) => ({ field, label, before: b, after: a, parts: wordDiff(b, a) }));
  },

  restore({ id, revision }) {
    const current = mustFind(id);
    const old = clone(revisionBody(current, revision));
    return saveEdit(current, old, current.status, `återställd från revision ${revision}`);
  },

  delete_entry({ id }) {
    const current = mustFind(id);
    historyFor(current);
    entries.splice(entries.indexOf(current), 1);
    const e = { ...current, revision: current.revision + 1, updated_at: nowIso() };
    trashBin.unshift({ deleted_at: e.updated_at, entry: e });
    historyFor(e, 'flyttad till papperskorgen');
    return e;
  },

  get_note({ id }) {
    const { uid: u } = mustFind(id);
    return { uid: u, text: personalNotes.get(u) ?? '' };
  },

  set_note({ id, text }) {
    const { uid: u } = mustFind(id);
    const clean = String(text ?? '').normalize('NFC');
    if (Buffer.byteLength(clean) > 200_000) throw fieldError('anteckning', 'för lång');
    if (clean.trim() === '') personalNotes.delete(u);
    else personalNotes.set(u, clean);
    return { uid: u, text: personalNotes.get(u) ?? '' };
  },

  attach_file({ id, name, bytes, licence }) {
    const current = mustFind(id);
    const label = String(name ?? '')
      .split(/[/\\]/)
      .pop()
      .normalize('NFC')
      .replace(/[\u0000-\u001f\u007f:]/g, '')
      .slice(0, 120)
      .trim()
      .replace(/^\.+/, '');
    if (label === '') throw fieldError('attachments.name', 'filen saknar namn');
    if (!Array.isArray(bytes)) throw invalid(`${label}: filens innehåll saknas`);
    const content = Buffer.from(bytes);
    if (content.length === 0) throw invalid(`${label}: filen är tom`);
    if (content.length > 50 * 1024 * 1024) throw invalid(`${label}: en bilaga får vara högst 50 MB`);
    if (current.attachments.some((a) => a.name === label)) {
      throw new ApiFailure(409, 'conflict', `posten "${current.id}" har redan en bilaga som heter ${label}`);
    }
    const media_type = sniffMedia(content);
    if (!media_type) throw invalid(`${label}: filtypen stöds inte; bifoga PDF, DOCX, PNG eller JPEG`);
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (media_type === 'application/pdf') attachmentTexts.set(sha256, pdfText(content));
    const attachment = { name: label, media_type, size: content.length, sha256, licence: String(licence ?? '').normalize('NFC').trim() };
    return saveEdit(current, { ...current, attachments: [...current.attachments, attachment] }, null, `bilaga ${label} tillagd`);
  },

  detach_file({ id, name }) {
    const current = mustFind(id);
    const kept = current.attachments.filter((a) => a.name !== name);
    if (kept.length === current.attachments.length) {
      throw new ApiFailure(404, 'not_found', `posten "${current.id}" har ingen bilaga som heter ${name}`);
    }
    return saveEdit(current, { ...current, attachments: kept }, null, `bilaga ${name} borttagen`);
  },
});

// Bringing an entry back from the trash (the curation pages' command) is a revision too.
{
  const undelete = rpc.undelete_entry;
  rpc.undelete_entry = (args) => {
    const entry = undelete(args);
    historyFor(entry, 'återställd från papperskorgen');
    return entry;
  };
}

// ---------------------------------------------------------------------------------------------
// export & bundles: `POST /api/export` as `serve` answers it (a download of published entries;
// here a small made-up file of the right type, marked as test data), and the desktop command
// select_entries (the uids of every entry a search matches). Bundles are desktop-only: no
// endpoints for them.

const EXPORT_TYPES = {
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The CSV/XLSX columns of src/export.rs: key and header (the headers the import reads). */
const EXPORT_COLUMNS = {
  id: 'Id',
  uid: 'Uid',
  title: 'Rubrik',
  kind: 'Typ',
  status: 'Status',
  summary: 'Sammanfattning',
  focus_areas: 'Fokusområden',
  municipalities: 'Kommuner',
  lan: 'Län',
  organisations: 'Organisationer',
  stage: 'Skede',
  novelty: 'Nyhetsgrad',
  start: 'Startår',
  end: 'Slutår',
  goals: 'Agenda 2030',
  tags: 'Taggar',
  sources: 'Källor',
  contacts: 'Kontakter',
  challenge: 'Utmaning',
  solution: 'Lösning',
  results: 'Resultat',
  lessons: 'Lärdomar',
  dissemination: 'Spridning',
};
const DEFAULT_EXPORT_COLUMNS = ['id', 'title', 'kind', 'status', 'focus_areas', 'municipalities', 'lan', 'stage', 'start', 'end', 'summary'];

function exportCell(e, key) {
  const join = (items) => items.filter((x) => x).join('; ');
  switch (key) {
    case 'focus_areas':
      return join(e.focus_areas.map((s) => taxonomy.focus_areas.find((f) => f.slug === s)?.name ?? s));
    case 'municipalities':
      return join(e.places.map((p) => p.municipality));
    case 'lan':
      return join([...new Set(e.places.map((p) => p.lan))]);
    case 'organisations':
      return join(e.organisations.map((o) => o.name));
    case 'start':
      return String(e.period?.start ?? '');
    case 'end':
      return String(e.period?.end ?? '');
    case 'goals':
      return join(e.goals.map(String));
    case 'tags':
      return join(e.tags);
    case 'sources':
      return join(e.sources.map((s) => (s.url ? `${s.title} <${s.url}>` : s.title)));
    case 'contacts':
      return join(e.contacts.map((c) => c.name));
    case 'challenge':
    case 'solution':
    case 'results':
    case 'lessons':
    case 'dissemination':
      return e.sections[key] ?? '';
    default:
      return String(e[key] ?? '');
  }
}

const csvCell = (v) => (/[";\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A small made-up file of the format asked for: what `serve` would send, roughly. */
function exportFile(chosen, options) {
  const title = options.title?.trim() || (chosen.length > 1 || options.brief ? 'Goda exempel från Exempelbanken' : chosen[0].title);
  const contacts = (e) => (options.no_contacts ? [] : e.contacts);
  switch (options.format) {
    case 'md':
      return [
        `# ${title}`,
        '',
        '*TESTDATA från fake-api: inte en riktig export.*',
        '',
        ...chosen.flatMap((e) => [
          `## ${e.title}`,
          '',
          e.summary,
          '',
          ...contacts(e).map((c) => `- Kontakt: ${c.name}`),
          '',
        ]),
      ].join('\n');
    case 'html':
      return (
        `<!doctype html>\n<html lang="sv"><meta charset="utf-8"><title>${escapeHtml(title)}</title>\n` +
        `<h1>${escapeHtml(title)}</h1><p><em>TESTDATA från fake-api</em></p>\n` +
        chosen.map((e) => `<h2>${escapeHtml(e.title)}</h2><p>${escapeHtml(e.summary)}</p>`).join('\n') +
        '\n</html>\n'
      );
    case 'json':
      return `${JSON.stringify(chosen.map((e) => ({ ...e, contacts: contacts(e) })), null, 2)}\n`;
    case 'csv':
    case 'xlsx': {
      const keys = (options.columns?.length ? options.columns : DEFAULT_EXPORT_COLUMNS).filter(
        (k) => !(options.no_contacts && k === 'contacts'),
      );
      const unknown = keys.find((k) => !(k in EXPORT_COLUMNS));
      if (unknown) throw invalid(`okänd kolumn "${unknown}"; välj bland: ${Object.keys(EXPORT_COLUMNS).join(', ')}`);
      const rows = [keys.map((k) => EXPORT_COLUMNS[k]), ...chosen.map((e) => keys.map((k) => exportCell(e, k)))];
      const text = rows.map((r) => r.map(csvCell).join(';')).join('\n') + '\n';
      // Not a real workbook: a marker and the CSV, enough for a download to look at.
      return options.format === 'csv' ? text : `PK\u0003\u0004 TESTDATA från fake-api, ingen riktig XLSX-fil\n${text}`;
    }
    case 'pdf':
      return (
        '%PDF-1.4\n% TESTDATA från fake-api: ingen riktig PDF\n' +
        `1 0 obj<<>>stream\nBT (${title.replace(/[()\\]/g, '')}) Tj ET\nendstream\nendobj\n%%EOF\n`
      );
    default:
      throw invalid(`okänt format "${options.format}"; välj bland: pdf, md, html, json, csv, xlsx`);
  }
}

/** `POST /api/export` {ids, options}; false when `path` is not it. */
async function exportRoute(req, res, path) {
  if (path !== '/api/export' || req.method !== 'POST') return false;
  const body = await jsonBody(req);
  const ids = body.ids;
  const options = body.options ?? {};
  if (!Array.isArray(ids) || ids.some((i) => typeof i !== 'string')) throw invalid('ids måste vara en lista av id');
  if (ids.length === 0) throw invalid('inga poster att exportera');
  if (ids.length > 500) throw invalid('högst 500 poster per export');
  const chosen = ids.map((id) => {
    const entry = entries.find((e) => e.id === id || e.uid === id);
    // As `serve`: published entries only, whoever asks.
    if (!entry || entry.status !== 'publicerad') {
      throw new ApiFailure(404, 'not_found', `ingen publicerad post med id "${id}"`);
    }
    return entry;
  });
  const file = exportFile(chosen, options);
  if (delay > 0) await sleep(Math.random() * delay);
  res.writeHead(200, {
    'Content-Type': EXPORT_TYPES[options.format],
    'Content-Disposition': `attachment; filename="exempelbanken.${options.format}"`,
    'Cache-Control': 'no-store',
  });
  res.end(Buffer.from(file, options.format === 'xlsx' || options.format === 'pdf' ? 'latin1' : 'utf8'));
  return true;
}

Object.assign(rpc, {
  select_entries({ request }) {
    if (typeof request !== 'object' || request === null) throw invalid('request saknas');
    const uids = [];
    for (let offset = 0; ; offset += 200) {
      const page = search({ ...request, limit: 200, offset });
      uids.push(...page.hits.map((h) => h.uid));
      if (page.hits.length === 0 || offset + page.hits.length >= page.total) break;
    }
    return uids;
  },
});

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

function readBody(req, limit = 1e6) {
  return new Promise((ok, ko) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      data += chunk;
      if (data.length > limit) ko(new BadRequest('för stor begäran'));
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
      warnings: [],
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
  // export & bundles: a download, read-only or not (as `serve`)
  try {
    if ((await exportRoute(req, res, path)) !== false) return undefined;
  } catch (err) {
    if (err instanceof ApiFailure) return fail(res, err.status, err.code, err.message);
    throw err;
  }
  // The curation commands (see `rpc`); a file to import comes as an array of bytes.
  const command = /^\/api\/rpc\/([a-z_]+)$/.exec(path);
  if (command && req.method === 'POST') {
    if (readOnly) return fail(res, 403, 'library', 'biblioteket är skrivskyddat här');
    const handler = rpc[command[1]];
    if (!handler) return fail(res, 404, 'not_found', `okänt kommando ${command[1]}`);
    try {
      const answer = await handler(await jsonBody(req, 50e6));
      return send(res, 200, answer === undefined ? null : answer);
    } catch (err) {
      if (err instanceof ApiFailure) return fail(res, err.status, err.code, err.message);
      throw err;
    }
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
