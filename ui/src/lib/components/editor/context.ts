// What the parts of the entry editor share without passing it down by hand: the problem the
// library found in the entry as one types or saves, so that each field and group of fields can
// show the message about itself next to itself (Field, FieldGroup, FieldError).
import { createContext } from 'svelte';

import { type FieldProblem, fieldId } from '../../editor';

export type EditorProblem = {
  /** The library's verdict on the entry as it is now: null when it found nothing. */
  readonly current: FieldProblem | null;
};

export const [getEditorProblem, setEditorProblem] = createContext<EditorProblem>();

/** The DOM id of the message about a field (`title` → `field-title-error`). */
export const errorId = (field: string) => `${fieldId(field)}-error`;

/** The message about a field when the problem names exactly that field, else null. */
export const errorFor = (problem: FieldProblem | null, field: string): string | null =>
  problem?.field === field ? problem.text : null;

/** An aria-describedby value from a list of ids, leaving out the empty ones (none: undefined). */
export const describedBy = (...ids: (string | false | null | undefined)[]): string | undefined =>
  ids.filter((x): x is string => typeof x === 'string' && x !== '').join(' ') || undefined;

/** What a Field hands to the control it labels: spread them on the input, select or textarea. */
export type ControlAttributes = {
  id: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
  'aria-required': 'true' | undefined;
};
