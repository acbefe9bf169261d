// Messages that name content (an entry's title, a municipality, a county) inside words of the
// interface: in the English UI the content stays Swedish, and must be marked `lang="sv"` on its
// own (WCAG 3.1.2). A message is asked for with a placeholder in place of each piece of content
// and split around them, so the words stay in the catalogues, whole sentences, in any order.

/** One piece of a message: words of the interface, or a piece of content. */
export type MessagePart = { text: string; content: boolean };

// Private-use characters, which no message or content has.
const HOLE = '\u{E000}';
const PATTERN = new RegExp(`${HOLE}(\\d+)${HOLE}`);

/**
 * The parts of a message whose content is `values`: `render` builds the message from a
 * placeholder for each value (`hole(0)`, `hole(1)`, ...).
 */
export function withContent(render: (hole: (i: number) => string) => string, values: readonly string[]): MessagePart[] {
  const pieces = render((i) => `${HOLE}${i}${HOLE}`).split(PATTERN);
  const parts: MessagePart[] = [];
  pieces.forEach((piece, i) => {
    // split() with a capturing group: words at even places, the value's number at odd ones.
    if (i % 2 === 0) {
      if (piece !== '') parts.push({ text: piece, content: false });
    } else {
      parts.push({ text: values[Number(piece)] ?? '', content: true });
    }
  });
  return parts;
}
