import { describe, expect, it } from 'vitest';

import { decodeEntities, parseSnippet } from './snippet';

describe('snippets', () => {
  it('splits on <mark> into marked and plain parts', () => {
    expect(parseSnippet('Mindre <mark>matsvinn</mark> i <mark>skol</mark>köket')).toEqual([
      { text: 'Mindre ', marked: false },
      { text: 'matsvinn', marked: true },
      { text: ' i ', marked: false },
      { text: 'skol', marked: true },
      { text: 'köket', marked: false },
    ]);
  });

  it('keeps escaped markup as text, never as elements', () => {
    const parts = parseSnippet('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>citat</mark>');
    expect(parts).toEqual([
      { text: '<script>alert("x")</script> & ', marked: false },
      { text: 'citat', marked: true },
    ]);
  });

  it('treats any tag other than <mark> as text', () => {
    const parts = parseSnippet('<img src=x onerror=alert(1)><b>fet</b>');
    expect(parts).toEqual([{ text: '<img src=x onerror=alert(1)><b>fet</b>', marked: false }]);
  });

  it('decodes each entity once', () => {
    expect(decodeEntities('&amp;lt;b&amp;gt; &#39;a&#39;')).toBe("&lt;b&gt; 'a'");
  });

  it('joins neighbouring parts of the same kind and drops empty ones', () => {
    expect(parseSnippet('<mark>a</mark><mark>b</mark>')).toEqual([{ text: 'ab', marked: true }]);
    expect(parseSnippet('')).toEqual([]);
  });
});
