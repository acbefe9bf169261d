// Unsaved editor changes, kept in the browser's storage (localStorage) under one key per entry
// ("new" for an entry not yet saved), so nothing typed is lost when the window closes. A draft
// remembers the revision it was begun from: saving it then goes through the library's check
// that nobody changed the entry since (a conflict instead of overwriting their work).

import { type FormState, isFormState, withDefaults } from './editor';

export const DRAFT_PREFIX = 'exempelbanken:utkast:';

/** The key for an entry's draft: its id, or `new` for a new entry. */
export function draftKey(id: string | null): string {
  return `${DRAFT_PREFIX}${id ?? 'new'}`;
}

export type Draft = {
  version: 1;
  /** RFC 3339. */
  savedAt: string;
  /** The revision the editing began from (0 for a new entry). */
  revision: number;
  form: FormState;
};

/** The part of `Storage` a draft store needs. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The browser's localStorage, or null where there is none (or it may not be used). */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled
  }
}

export class DraftStore {
  constructor(private readonly storage: DraftStorage | null) {}

  /** The draft kept for an entry, if there is one that can still be read. */
  load(id: string | null): Draft | null {
    let raw: string | null = null;
    try {
      raw = this.storage?.getItem(draftKey(id)) ?? null;
    } catch {
      return null;
    }
    if (raw === null) return null;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null) return null;
      const d = value as Record<string, unknown>;
      if (d['version'] !== 1 || typeof d['savedAt'] !== 'string') return null;
      if (typeof d['revision'] !== 'number' || !isFormState(d['form'])) return null;
      const draft = value as Draft;
      return { ...draft, form: withDefaults(draft.form) };
    } catch {
      return null;
    }
  }

  /** Keeps a draft; false when it could not be stored (no storage, or it is full). */
  save(id: string | null, form: FormState, revision: number, now: Date = new Date()): boolean {
    if (this.storage === null) return false;
    const draft: Draft = { version: 1, savedAt: now.toISOString(), revision, form };
    try {
      this.storage.setItem(draftKey(id), JSON.stringify(draft));
      return true;
    } catch {
      return false;
    }
  }

  clear(id: string | null): void {
    try {
      this.storage?.removeItem(draftKey(id));
    } catch {
      // nothing to clear it from
    }
  }
}

/**
 * Removes every draft kept in `storage`: at logout, so that the next person to use this
 * browser (a shared computer) neither sees nor saves the changes someone else left unsaved.
 * Returns how many went.
 */
export function clearDrafts(storage: Pick<Storage, 'length' | 'key' | 'removeItem'> | null): number {
  if (storage === null) return 0;
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key !== null && key.startsWith(DRAFT_PREFIX)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
    return keys.length;
  } catch {
    return 0; // storage that fails keeps nothing we could remove
  }
}

export { debounce, type Debounced } from './debounce';
