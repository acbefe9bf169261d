// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';

import { vocab } from '../test/fixtures';
import {
  clearFiltersOf,
  emptyState,
  filterCount,
  fromParams,
  fromRequest,
  hasFilters,
  isEmpty,
  type SearchState,
  stateKey,
  toHash,
  toParams,
  toRequest,
} from './query';
import { parseHash } from './router.svelte';

function fromHash(hash: string): SearchState {
  const route = parseHash(hash);
  if (route.name !== 'search') throw new Error(`${hash} is not a search`);
  return fromParams(route.params);
}

describe('a search as an address', () => {
  it('is #/ for the start page', () => {
    expect(toHash(emptyState())).toBe('#/');
    expect(isEmpty(fromHash('#/'))).toBe(true);
  });

  it('round-trips words, filters, years and sort order', () => {
    const state: SearchState = {
      q: 'hållbar livsmedelsförsörjning & "skola"',
      focus: ['offentliga-maltider', 'digitalisering'],
      lan: ['01'],
      kind: ['exempel'],
      stage: ['pilot', 'inforande'],
      spread: ['03', '18'],
      language: ['en'],
      country: ['FI', 'SE'],
      yearFrom: 2019,
      yearTo: 2023,
      sort: 'newest',
    };
    const hash = toHash(state);
    expect(hash.startsWith('#/sok?')).toBe(true);
    expect(hash).toContain('sortera=nyast');
    expect(hash).toContain('fran=2019');
    expect(fromHash(hash)).toEqual(state);
  });

  it('"Rensa alla filter" clears every filter there is (regression: "Spridd till" stayed)', () => {
    const every: SearchState = {
      ...emptyState(),
      q: 'mat',
      focus: ['a'],
      lan: ['01'],
      kind: ['metod'],
      stage: ['ide'],
      spread: ['03'],
      yearFrom: 2019,
      yearTo: 2020,
      source: ['Regionen'],
      municipality: ['0180'],
      spreadMunicipality: ['0380'],
      sort: 'spread',
    };
    expect(filterCount(every)).toBe(9);
    every.language = ['en'];
    every.country = ['FI'];
    expect(filterCount(every)).toBe(11);
    clearFiltersOf(every);
    expect(hasFilters(every)).toBe(false);
    expect(every.q).toBe('mat');
    expect(every.sort).toBe('spread');
  });

  it('keeps municipalities, from there and taken up there, in the address', () => {
    const state: SearchState = { ...emptyState(), municipality: ['1880'], spreadMunicipality: ['0380'] };
    const hash = toHash(state);
    expect(hash).toBe('#/sok?kommun=1880&spridd_kommun=0380');
    expect(fromHash(hash)).toEqual(state);
  });

  it('keeps "Spridd till" and "Mest spridda" in the address', () => {
    const state: SearchState = { ...emptyState(), spread: ['03'], sort: 'spread' };
    const hash = toHash(state);
    expect(hash).toBe('#/sok?spridd=03&sortera=spridning');
    expect(fromHash(hash)).toEqual(state);
    expect(filterCount(state)).toBe(1);
    expect(stateKey(state)).not.toBe(stateKey({ ...state, sort: 'relevance' }));
  });

  it('uses Swedish parameter names', () => {
    const params = toParams({ ...emptyState(), q: 'ö', focus: ['a'], kind: ['metod'], stage: ['ide'] });
    expect([...params.keys()]).toEqual(['q', 'fokus', 'typ', 'skede']);
  });

  it('reads an address leniently: duplicates, empty values and bad years are dropped', () => {
    const state = fromHash('#/sok?fokus=a&fokus=a&fokus=&fran=tjugo&till=2020&sortera=konstig');
    expect(state.focus).toEqual(['a']);
    expect(state.yearFrom).toBeUndefined();
    expect(state.yearTo).toBe(2020);
    expect(state.sort).toBe('relevance');
    expect(hasFilters(state)).toBe(true);
  });

  it('gives equal keys to equal searches, whatever the order of values and spaces', () => {
    const a = { ...emptyState(), q: 'app ', focus: ['x', 'y'] };
    const b = { ...emptyState(), q: 'app', focus: ['y', 'x'] };
    expect(stateKey(a)).toBe(stateKey(b));
    expect(stateKey(a)).not.toBe(stateKey({ ...b, sort: 'newest' }));
  });
});

describe('a search as a request', () => {
  const state: SearchState = {
    q: '  livsmedel ',
    focus: ['offentliga-maltider', 'okänt-område'],
    lan: ['01', '99'],
    kind: ['exempel', 'påhittad'],
    stage: ['pilot', 'nej'],
    spread: ['18', '00'],
    language: [],
    country: [],
    yearFrom: 2020,
    sort: 'relevance',
  };

  it('trims the words and drops values the taxonomy does not know', () => {
    const request = toRequest(state, vocab, { limit: 20 });
    expect(request).toEqual({
      query: 'livsmedel',
      focus: ['offentliga-maltider'],
      lan: ['01'],
      municipality: [],
      kind: ['exempel'],
      stage: ['pilot'],
      spread_to: ['18'],
      year_from: 2020,
      limit: 20,
      offset: 0,
      all: false,
      prefix: true,
      sort: 'relevance',
    });
  });

  it('pages with an offset', () => {
    expect(toRequest(state, vocab, { limit: 20, offset: 40 }).offset).toBe(40);
  });
});

describe('routes', () => {
  it('knows the entry, overview and unknown pages', () => {
    expect(parseHash('#/post/s%C3%B6dert%C3%A4lje')).toEqual({ name: 'entry', id: 'södertälje' });
    expect(parseHash('#/oversikt')).toEqual({ name: 'overview' });
    expect(parseHash('#/post/%E0%A4%A')).toEqual({ name: 'notfound' });
    expect(parseHash('#/annat')).toEqual({ name: 'notfound' });
  });
});

describe('a saved request as a search', () => {
  it('round-trips through toRequest', () => {
    const state: SearchState = {
      q: 'matsvinn',
      focus: ['offentliga-maltider'],
      lan: ['01', '18'],
      kind: ['exempel'],
      stage: ['pilot'],
      spread: ['01'],
      language: ['en', 'fi'],
      country: ['FI'],
      yearFrom: 2019,
      yearTo: 2023,
      sort: 'spread',
    };
    expect(fromRequest(toRequest(state, vocab, { limit: 20 }))).toEqual(state);
    expect(toHash(fromRequest(toRequest(emptyState(), vocab, { limit: 20 })))).toBe('#/');
  });

  it('reads an older or odd request leniently', () => {
    const odd = JSON.parse(
      '{"query":"x","focus":["a","a"],"lan":null,"kind":[],"stage":[],"municipality":["0181"],' +
        '"year_from":null,"year_to":2020.5,"all":true,"prefix":false,"sort":"konstig"}',
    );
    expect(fromRequest(odd)).toEqual({ ...emptyState(), q: 'x', focus: ['a'], all: true, municipality: ['0181'] });
  });
});

describe('every status (curators)', () => {
  it('is kept in the address as alla=1, and only when asked for', () => {
    const state: SearchState = { ...emptyState(), q: 'app', all: true };
    const hash = toHash(state);
    expect(hash).toBe('#/sok?q=app&alla=1');
    expect(fromHash(hash)).toEqual(state);
    expect(fromHash('#/sok?q=app').all).toBeUndefined();
    expect(fromHash('#/sok?q=app&alla=ja').all).toBeUndefined();
  });

  it('is sent as `all`, and changes the key', () => {
    expect(toRequest({ ...emptyState(), q: 'x', all: true }, vocab, { limit: 20 }).all).toBe(true);
    expect(toRequest({ ...emptyState(), q: 'x' }, vocab, { limit: 20 }).all).toBe(false);
    expect(stateKey({ ...emptyState(), q: 'x', all: true })).not.toBe(stateKey({ ...emptyState(), q: 'x' }));
  });

  it('alone is a search of everything, not the start page', () => {
    expect(isEmpty({ ...emptyState(), all: true })).toBe(false);
    expect(toHash({ ...emptyState(), all: true })).toBe('#/sok?alla=1');
    expect(hasFilters({ ...emptyState(), all: true })).toBe(false);
  });
});

describe('the curation pages', () => {
  it('have their own addresses, the status filter in the query', () => {
    const route = parseHash('#/redaktion?status=utkast');
    expect(route.name).toBe('curation');
    if (route.name === 'curation') expect(route.params.get('status')).toBe('utkast');
    expect(parseHash('#/redaktion/').name).toBe('curation');
    expect(parseHash('#/papperskorg')).toEqual({ name: 'trash' });
  });
});

describe('the lists page', () => {
  it('has its own address', () => {
    expect(parseHash('#/listor')).toEqual({ name: 'lists' });
    expect(parseHash('#/listor/')).toEqual({ name: 'lists' });
  });
});

describe('filterCount', () => {
  it('counts each picked value, and the years as one filter', () => {
    expect(filterCount(emptyState())).toBe(0);
    expect(filterCount({ ...emptyState(), q: 'skola', sort: 'newest' })).toBe(0);
    expect(filterCount({ ...emptyState(), focus: ['a', 'b'], kind: ['exempel'] })).toBe(3);
    expect(filterCount({ ...emptyState(), yearFrom: 2020, yearTo: 2022 })).toBe(1);
    expect(filterCount({ ...emptyState(), lan: ['18'], yearTo: 2022 })).toBe(2);
  });
});

describe('a source (the entries a subscription brought: "Visa exemplen")', () => {
  const state: SearchState = { ...emptyState(), source: ['Regionens exempelbank'] };

  it('is kept in the address as kalla=, and read back', () => {
    const hash = toHash(state);
    expect(hash).toBe('#/sok?kalla=Regionens+exempelbank');
    expect(fromHash(hash)).toEqual(state);
    expect(fromHash('#/sok?q=x').source).toBeUndefined();
    expect(fromHash('#/sok?kalla=&q=x').source).toBeUndefined();
  });

  it('is a filter: not the start page, counted, sent, and part of the key', () => {
    expect(isEmpty(state)).toBe(false);
    expect(hasFilters(state)).toBe(true);
    expect(filterCount({ ...state, kind: ['exempel'] })).toBe(2);
    expect(toRequest(state, vocab, { limit: 20 }).source).toEqual(['Regionens exempelbank']);
    expect(toRequest(emptyState(), vocab, { limit: 20 }).source).toBeUndefined();
    expect(stateKey(state)).not.toBe(stateKey(emptyState()));
    expect(stateKey({ ...emptyState(), source: ['b', 'a'] })).toBe(stateKey({ ...emptyState(), source: ['a', 'b'] }));
  });

  it('comes back from a saved request', () => {
    expect(fromRequest(toRequest(state, vocab, { limit: 20 }))).toEqual(state);
  });
});

describe('the subscriptions page', () => {
  it('has its own address', () => {
    expect(parseHash('#/prenumerationer')).toEqual({ name: 'subscriptions' });
    expect(parseHash('#/prenumerationer/')).toEqual({ name: 'subscriptions' });
  });
});

describe('the language and the country (`sprak=`, `land=`)', () => {
  const state: SearchState = { ...emptyState(), q: 'decisions', language: ['en', 'fi'], country: ['FI'] };

  it('round-trip through the address, under Swedish names', () => {
    const hash = toHash(state);
    expect(hash).toBe('#/sok?q=decisions&sprak=en&sprak=fi&land=FI');
    expect(fromHash(hash)).toEqual(state);
    expect(fromHash('#/sok?land=SE')).toEqual({ ...emptyState(), country: ['SE'] });
  });

  it('read an address leniently: duplicates and empty values dropped, country codes in upper case', () => {
    const read = fromHash('#/sok?sprak=en&sprak=en&sprak=&land=fi&land=FI');
    expect(read.language).toEqual(['en']);
    expect(read.country).toEqual(['FI']);
  });

  it('are filters: counted, cleared, and part of the key whatever their order', () => {
    expect(isEmpty({ ...emptyState(), language: ['en'] })).toBe(false);
    expect(hasFilters({ ...emptyState(), country: ['FI'] })).toBe(true);
    expect(filterCount(state)).toBe(3);
    const cleared: SearchState = { ...state, language: [...state.language], country: [...state.country] };
    clearFiltersOf(cleared);
    expect(cleared).toEqual({ ...emptyState(), q: 'decisions' });
    expect(stateKey(state)).not.toBe(stateKey({ ...state, country: [] }));
    expect(stateKey({ ...state, language: ['fi', 'en'] })).toBe(stateKey(state));
  });

  it('are sent as `language` and `country`, without values the taxonomy does not know', () => {
    const request = toRequest({ ...state, language: ['en', 'de'], country: ['FI', 'XX'] }, vocab, { limit: 20 });
    expect(request.language).toEqual(['en']);
    expect(request.country).toEqual(['FI']);
    const none = toRequest(emptyState(), vocab, { limit: 20 });
    expect(none.language).toBeUndefined();
    expect(none.country).toBeUndefined();
  });

  it('come back from a saved request, and an older request without them reads as none', () => {
    expect(fromRequest(toRequest(state, vocab, { limit: 20 }))).toEqual(state);
    const older = JSON.parse('{"query":"x","focus":[],"lan":[],"kind":[],"stage":[],"all":false,"prefix":true,"sort":"relevance"}');
    expect(fromRequest(older)).toEqual({ ...emptyState(), q: 'x' });
  });
});
