// The accessibility statement (Tillgänglighetsredogörelse, `#/tillganglighet`) in the form DIGG
// asks for: the standard followed, the known shortcomings with the WCAG success criteria they
// fail, how to report a problem, and when the statement was last reviewed. The shortcomings are
// kept here, in one list, so that a test can hold the statement to what is still unfixed; their
// words are in the language catalogues (`a11yShortcomings`), under the same ids.

import type { Messages } from './i18n';

export type ShortcomingId = keyof Messages['a11yShortcomings'];

export type Shortcoming = {
  id: ShortcomingId;
  /** The WCAG 2.1 success criteria it fails ("3.1.2"); none when it is a matter of usability. */
  criteria: readonly string[];
};

/** What is known not to work yet, in the order the statement lists it. */
export const SHORTCOMINGS: readonly Shortcoming[] = [
  { id: 'contentLanguageInNames', criteria: ['3.1.2'] },
];

/** The standard the statement measures against. */
export const STANDARD = { wcag: '2.1', level: 'AA', en: 'EN 301 549', law: '2018:1937' } as const;

/** When the statement was last reviewed (ISO date). */
export const REVIEWED = '2026-12-03';

/** WCAG 2.1's success criteria at levels A and AA that the list may name. */
const WCAG21_A_AA = new Set([
  '1.1.1', '1.2.1', '1.2.2', '1.2.3', '1.2.4', '1.2.5', '1.3.1', '1.3.2', '1.3.3', '1.3.4',
  '1.3.5', '1.4.1', '1.4.2', '1.4.3', '1.4.4', '1.4.5', '1.4.10', '1.4.11', '1.4.12', '1.4.13',
  '2.1.1', '2.1.2', '2.1.4', '2.2.1', '2.2.2', '2.3.1', '2.4.1', '2.4.2', '2.4.3', '2.4.4',
  '2.4.5', '2.4.6', '2.4.7', '2.5.1', '2.5.2', '2.5.3', '2.5.4', '3.1.1', '3.1.2', '3.2.1',
  '3.2.2', '3.2.3', '3.2.4', '3.3.1', '3.3.2', '3.3.3', '3.3.4', '4.1.1', '4.1.2', '4.1.3',
]);

/** Whether a criterion is one of WCAG 2.1's at level A or AA. */
export function isWcag21Criterion(criterion: string): boolean {
  return WCAG21_A_AA.has(criterion);
}
