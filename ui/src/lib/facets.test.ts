import { describe, expect, it } from 'vitest';

import { whenSeveral } from './facets';

const value = (v: string, count: number, checked = false) => ({ value: v, label: v, count, checked });

describe('a facet offered only when the entries differ in it', () => {
  it('is left out when every entry has the same value', () => {
    expect(whenSeveral([value('sv', 14)])).toEqual([]);
    expect(whenSeveral([])).toEqual([]);
  });

  it('is offered when two values have entries', () => {
    expect(whenSeveral([value('sv', 14), value('en', 1)]).map((v) => v.value)).toEqual(['sv', 'en']);
  });

  it('stays while a value is picked, so that it can be taken off', () => {
    expect(whenSeveral([value('en', 1, true)]).map((v) => v.value)).toEqual(['en']);
    expect(whenSeveral([value('fi', 0, true)]).map((v) => v.value)).toEqual(['fi']);
  });
});
