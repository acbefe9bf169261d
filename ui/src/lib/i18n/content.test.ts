import { describe, expect, it } from 'vitest';

import { withContent } from './content';
import { en } from './en';
import { sv } from './sv';

describe('content inside messages', () => {
  it('splits a message around the content it names, in the order the words put it', () => {
    expect(withContent((h) => en.editorEditHeading(h(0)), ['Södertälje – mat'])).toEqual([
      { text: 'Edit “', content: false },
      { text: 'Södertälje – mat', content: true },
      { text: '”', content: false },
    ]);
    expect(withContent((h) => sv.placeFound(h(0), '0181', h(1)), ['Södertälje', 'Stockholms län'])).toEqual([
      { text: 'Södertälje', content: true },
      { text: ', kommunkod 0181, ', content: false },
      { text: 'Stockholms län', content: true },
    ]);
  });

  it('keeps the whole message when it names nothing', () => {
    expect(withContent(() => 'Inget här', [])).toEqual([{ text: 'Inget här', content: false }]);
  });
});
