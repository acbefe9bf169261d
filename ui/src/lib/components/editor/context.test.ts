import { describe, expect, it } from 'vitest';

import { problemOf } from '../../editor';
import { describedBy, errorFor, errorId } from './context';

describe('the editor fields’ shared helpers', () => {
  it('give a message only to the field the problem names', () => {
    const problem = problemOf({ message: 'fältet places[1].lan_code: okänd länskod "99"', field: 'places[1].lan_code' });
    expect(errorFor(problem, 'places.1.lan')).toBe('Okänd länskod "99"');
    expect(errorFor(problem, 'places.1.municipality')).toBeNull();
    expect(errorFor(problem, 'places')).toBeNull();
    expect(errorFor(null, 'title')).toBeNull();
  });

  it('name the message by the field’s id', () => {
    expect(errorId('title')).toBe('field-title-error');
    expect(errorId('sources.0.url')).toBe('field-sources-0-url-error');
  });

  it('join the ids that describe a control, leaving out the empty ones', () => {
    expect(describedBy('a-hint', false, null, undefined, '', 'a-error')).toBe('a-hint a-error');
    expect(describedBy(false, undefined)).toBeUndefined();
  });
});
