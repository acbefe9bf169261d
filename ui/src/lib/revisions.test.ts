import { describe, expect, it } from 'vitest';

import type { RevisionInfo } from '../bindings/RevisionInfo';
import { defaultPair, fileBytes, formatBytes, formatDateTime, hasChanges, latestRevision } from './revisions';

const rev = (revision: number): RevisionInfo => ({
  revision,
  at: '2025-03-12T10:15:00Z',
  by: 'Test',
  status: 'utkast',
  comment: '',
});

describe('the history page', () => {
  it('compares the last two revisions first', () => {
    expect(defaultPair([rev(1), rev(2), rev(3)])).toEqual({ from: 2, to: 3 });
    expect(defaultPair([rev(3), rev(1), rev(2)])).toEqual({ from: 2, to: 3 });
    expect(defaultPair([rev(1)])).toBeNull();
    expect(defaultPair([])).toBeNull();
    expect(latestRevision([rev(2), rev(5), rev(1)])).toBe(5);
    expect(latestRevision([])).toBe(0);
  });

  it('tells a real change from a change of spaces only', () => {
    expect(hasChanges([{ op: 'equal', text: 'a' }])).toBe(false);
    expect(hasChanges([{ op: 'insert', text: ' ' }])).toBe(false);
    expect(hasChanges([{ op: 'delete', text: 'a' }])).toBe(true);
  });

  it('writes times and sizes for people', () => {
    expect(formatDateTime('2025-03-12T10:15:00Z', 'sv-SE')).toMatch(/^1[0-9] mars 2025 \d\d:\d\d$/);
    expect(formatDateTime('nonsense', 'sv-SE')).toBe('');
    expect(formatDateTime('', 'sv-SE')).toBe('');
    expect(formatBytes(850, 'sv-SE')).toBe('850 B');
    expect(formatBytes(1_234, 'sv-SE')).toBe('1,2 kB');
    expect(formatBytes(12_345, 'en-GB')).toBe('12 kB');
    expect(formatBytes(3_400_000, 'sv-SE')).toBe('3,4 MB');
  });

  it('reads a file as bytes', async () => {
    const bytes = await fileBytes(new Blob([new Uint8Array([37, 80, 68, 70])]));
    expect(Array.from(bytes)).toEqual([37, 80, 68, 70]);
  });
});
