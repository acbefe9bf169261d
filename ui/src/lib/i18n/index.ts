// The language catalogue in use: Swedish by default, English as a setting. `t` always answers
// from the current catalogue, and reading it inside a component tracks the language, so a
// change of language redraws every string.
import { en } from './en';
import { current, type Language, LANGUAGES, setLanguage } from './language.svelte';
import { sv, type Messages } from './sv';

export type { Language, Messages };
export { LANGUAGES, setLanguage };

const CATALOGUES: Record<Language, Messages> = { sv, en };

const LOCALES: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

/** The catalogue of a language. */
export function catalogue(language: Language): Messages {
  return CATALOGUES[language];
}

/** The language in use. */
export function language(): Language {
  return current.language;
}

/** The BCP 47 tag that goes with `t`, for dates and numbers. */
export function locale(): string {
  return LOCALES[current.language];
}

export const t: Messages = new Proxy({} as Messages, {
  get(_target, key) {
    return CATALOGUES[current.language][key as keyof Messages];
  },
  has(_target, key) {
    return key in CATALOGUES[current.language];
  },
  ownKeys() {
    return Reflect.ownKeys(CATALOGUES[current.language]);
  },
  getOwnPropertyDescriptor(_target, key) {
    const descriptor = Reflect.getOwnPropertyDescriptor(CATALOGUES[current.language], key);
    return descriptor ? { ...descriptor, configurable: true } : undefined;
  },
});
