import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { clearDrafts, debounce, draftKey, DraftStore, type DraftStorage } from './drafts';
import { blankEntry, type FormState, fromEntry } from './editor';

function memory(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('drafts', () => {
  it('are kept per entry id, and "new" for a new entry', () => {
    expect(draftKey('matsvinn')).toBe('exempelbanken:utkast:matsvinn');
    expect(draftKey(null)).toBe('exempelbanken:utkast:new');
    const storage = memory();
    const store = new DraftStore(storage);
    const form = fromEntry(blankEntry());
    form.title = 'Halvfärdig';
    expect(store.save('matsvinn', form, 3, new Date('2025-05-01T10:00:00Z'))).toBe(true);
    expect(store.load('matsvinn')).toEqual({
      version: 1,
      savedAt: '2025-05-01T10:00:00.000Z',
      revision: 3,
      form,
    });
    expect(store.load(null)).toBeNull();
    store.clear('matsvinn');
    expect(store.load('matsvinn')).toBeNull();
    expect(storage.data.size).toBe(0);
  });

  it('kept by a build without languages read as Swedish', () => {
    const storage = memory();
    const store = new DraftStore(storage);
    const form = { ...fromEntry(blankEntry()), title: 'Gammalt utkast' } as Partial<FormState>;
    delete form.language;
    storage.setItem(draftKey('gammal'), JSON.stringify({ version: 1, savedAt: '2025-01-01T00:00:00Z', revision: 2, form }));
    const draft = store.load('gammal');
    expect(draft?.form.title).toBe('Gammalt utkast');
    expect(draft?.form.language).toBe('sv');
  });

  it('ignore what cannot be read, and storage that fails', () => {
    const storage = memory();
    const store = new DraftStore(storage);
    storage.setItem(draftKey('a'), '{not json');
    storage.setItem(draftKey('b'), JSON.stringify({ version: 1, savedAt: 'x', revision: 1, form: { title: 1 } }));
    storage.setItem(draftKey('c'), JSON.stringify({ version: 2, savedAt: 'x', revision: 1, form: {} }));
    expect(store.load('a')).toBeNull();
    expect(store.load('b')).toBeNull();
    expect(store.load('c')).toBeNull();

    const full: DraftStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const failing = new DraftStore(full);
    expect(failing.save('a', fromEntry(blankEntry()), 1)).toBe(false);
    expect(failing.load('a')).toBeNull();
    expect(() => failing.clear('a')).not.toThrow();
    expect(new DraftStore(null).save('a', fromEntry(blankEntry()), 1)).toBe(false);
  });
});

describe('logging out', () => {
  it('removes every draft, and nothing else', () => {
    const data = new Map<string, string>([
      [draftKey('a'), '{}'],
      [draftKey(null), '{}'],
      ['exempelbanken.language', 'en'],
    ]);
    const storage = {
      get length() {
        return data.size;
      },
      key: (i: number) => [...data.keys()][i] ?? null,
      removeItem: (k: string) => void data.delete(k),
    };
    expect(clearDrafts(storage)).toBe(2);
    expect([...data.keys()]).toEqual(['exempelbanken.language']);
    expect(clearDrafts(null)).toBe(0);
    const failing = {
      length: 1,
      key: () => {
        throw new Error('denied');
      },
      removeItem: () => {},
    };
    expect(clearDrafts(failing)).toBe(0);
  });
});

describe('debounce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls once, with the last arguments, after a quiet spell', () => {
    const fn = vi.fn();
    const d = debounce(fn, 300);
    d(1);
    d(2);
    vi.advanceTimersByTime(299);
    expect(fn).not.toHaveBeenCalled();
    expect(d.pending()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith(2);
    expect(d.pending()).toBe(false);
  });

  it('can be made now, or called off', () => {
    const fn = vi.fn();
    const d = debounce(fn, 300);
    d('a');
    d.flush();
    expect(fn).toHaveBeenCalledWith('a');
    d.flush(); // nothing waiting: nothing happens
    expect(fn).toHaveBeenCalledTimes(1);
    d('b');
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
