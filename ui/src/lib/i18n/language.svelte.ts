// The language the UI speaks, as reactive state: Swedish unless the user has picked English,
// which is remembered in localStorage.

export type Language = 'sv' | 'en';

export const LANGUAGES: readonly Language[] = ['sv', 'en'];

const STORAGE_KEY = 'exempelbanken.language';

export function isLanguage(value: unknown): value is Language {
  return value === 'sv' || value === 'en';
}

function stored(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'sv';
  } catch {
    return 'sv'; // storage may be disabled; Swedish it is
  }
}

/** The language in use; read it inside components and it is tracked. */
export const current = $state<{ language: Language }>({ language: stored() });

/** Changes the language and remembers the choice. */
export function setLanguage(language: Language) {
  current.language = language;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but still in use.
  }
}
