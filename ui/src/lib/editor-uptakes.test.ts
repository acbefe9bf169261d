import { describe, expect, it } from 'vitest';

import type { Uptake } from '../bindings/Uptake';
import { blankEntry, fieldKey, fromEntry, fromUptake, problemOf, resolveUptakePlace, sameForm, toEntry, toUptake } from './editor';

const municipalities = [
  { code: '0181', name: 'Södertälje', lan_code: '01' },
  { code: '1880', name: 'Örebro', lan_code: '18' },
];
const counties = [
  { code: '01', name: 'Stockholms län' },
  { code: '18', name: 'Örebro län' },
];
const base: Uptake = { code: '', organisation: '', type: 'kommun', stage: 'testar', date: '2022-05', source: 'S', note: 'N', contacts: [] };

describe('the editor’s Spridning rows', () => {
  it('finds a municipality or a county by label, code or name', () => {
    expect(resolveUptakePlace('Södertälje (0181)', municipalities, counties)).toEqual({ code: '0181', name: 'Södertälje' });
    expect(resolveUptakePlace('örebro', municipalities, counties)).toEqual({ code: '1880', name: 'Örebro' });
    expect(resolveUptakePlace('18', municipalities, counties)).toEqual({ code: '18', name: 'Örebro län' });
    expect(resolveUptakePlace('Stockholms län (01)', municipalities, counties)).toEqual({ code: '01', name: 'Stockholms län' });
    expect(resolveUptakePlace('stockholms', municipalities, counties)).toEqual({ code: '01', name: 'Stockholms län' });
    expect(resolveUptakePlace('Gotham', municipalities, counties)).toBeNull();
  });

  it('sends a place by its code (the library names it), a named organisation, or a count', () => {
    const place = { ...fromUptake(base), kind: 'place' as const, place: 'Örebro län (18)' };
    expect(toUptake(place, municipalities, counties)).toEqual({ ...base, code: '18', type: 'region' });
    const named = { ...fromUptake(base), kind: 'named' as const, organisation: 'Vinnova', type: 'myndighet' as const };
    expect(toUptake(named, municipalities, counties)).toEqual({ ...base, organisation: 'Vinnova', type: 'myndighet' });
    const counted = { ...fromUptake(base), kind: 'counted' as const, count: 16 };
    expect(toUptake(counted, municipalities, counties)).toEqual({ ...base, count: 16 });
    // An unknown place goes as typed, so the library's message names it beside the picker.
    const unknown = { ...place, place: '9999' };
    expect(toUptake(unknown, municipalities, counties).code).toBe('9999');
  });

  it('round-trips an entry’s uptakes through the form, keeping their contacts', () => {
    const contact = { name: 'A', role: '', organisation: '', email: '', phone: '' };
    const entry = {
      ...blankEntry(),
      uptakes: [
        { ...base, code: '0181', organisation: 'Södertälje', contacts: [contact] },
        { ...base, count: 16, date: '' },
        { ...base, organisation: 'Vinnova', type: 'myndighet' as const },
      ],
    };
    const form = fromEntry(entry);
    expect(form.uptakes.map((u) => [u.kind, u.place, u.count])).toEqual([
      ['place', 'Södertälje (0181)', null],
      ['counted', '', 16],
      ['named', '', null],
    ]);
    const back = toEntry(form, entry, municipalities, counties);
    expect(back.uptakes[0]).toEqual({ ...base, code: '0181', organisation: '', contacts: [contact] });
    expect(back.uptakes[1]).toEqual({ ...base, count: 16, date: '' });
    expect(back.uptakes[2]).toEqual({ ...base, organisation: 'Vinnova', type: 'myndighet' });
    // A changed stage is a change of the form.
    const changed = fromEntry(entry);
    changed.uptakes[1]!.stage = 'infort';
    expect(sameForm(changed, form)).toBe(false);
  });

  it('puts the library’s message beside the uptake’s field it names', () => {
    expect(fieldKey('uptakes[1].source')).toBe('uptakes.1.source');
    expect(fieldKey('uptakes[0].code')).toBe('uptakes.0.code');
    expect(fieldKey('uptakes[2].contacts[0].email')).toBe('uptakes.2');
    expect(fieldKey('uptakes')).toBe('uptakes');
    const problem = problemOf({ message: 'fältet uptakes[1].source: källa saknas', field: 'uptakes[1].source' });
    expect(problem).toMatchObject({ field: 'uptakes.1.source', text: 'Källa saknas' });
  });
});
