import { describe, expect, it } from 'vitest';

import { compareSv, sortSv } from './collate';

describe('Swedish order', () => {
  it('puts å, ä and ö after z, in that order', () => {
    const words = ['Örebro', 'Ängelholm', 'Åre', 'Zinkgruvan', 'Alingsås', 'Öckerö', 'Ale'];
    expect([...words].sort(compareSv)).toEqual([
      'Ale',
      'Alingsås',
      'Zinkgruvan',
      'Åre',
      'Ängelholm',
      'Öckerö',
      'Örebro',
    ]);
  });

  it('sorts by a key, and leaves the input alone', () => {
    const counties = [{ name: 'Örebro län' }, { name: 'Västra Götalands län' }, { name: 'Stockholms län' }];
    expect(sortSv(counties, (c) => c.name).map((c) => c.name)).toEqual([
      'Stockholms län',
      'Västra Götalands län',
      'Örebro län',
    ]);
    expect(counties[0]?.name).toBe('Örebro län');
  });

  it('ignores case, and sorts numbers by value', () => {
    expect(compareSv('arbete', 'Arbetsmiljö')).toBeLessThan(0);
    expect(['Mål 10', 'Mål 2'].sort(compareSv)).toEqual(['Mål 2', 'Mål 10']);
  });
});
