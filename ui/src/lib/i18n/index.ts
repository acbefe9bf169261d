// The language catalogue in use. Swedish for now; a language setting can pick `en` later.
import { sv, type Messages } from './sv';

export type { Messages };

export const t: Messages = sv;

/** The BCP 47 tag that goes with `t`, for dates and numbers. */
export const locale = 'sv-SE';
