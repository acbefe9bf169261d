// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';

import { ALLOWED_TAGS, markdownToHtml, renderMarkdown, sanitize } from './markdown';

/** Every element name and attribute in `html`. */
function inventory(html: string) {
  const div = document.createElement('div');
  div.innerHTML = html;
  const elements = Array.from(div.querySelectorAll('*'));
  return {
    tags: new Set(elements.map((e) => e.tagName.toLowerCase())),
    attributes: new Set(elements.flatMap((e) => e.getAttributeNames())),
    hrefs: elements.flatMap((e) => (e.hasAttribute('href') ? [e.getAttribute('href') ?? ''] : [])),
  };
}

describe('Markdown', () => {
  it('renders the basic elements', () => {
    const html = markdownToHtml(
      '## Rubrik\n\nEtt stycke med **fet**, *kursiv* och `kod`.\n\n- ett\n- två\n\n1. första\n\n> citat',
    );
    expect(html).toContain('<h3>Rubrik</h3>');
    expect(html).toContain('<strong>fet</strong>');
    expect(html).toContain('<em>kursiv</em>');
    expect(html).toContain('<code>kod</code>');
    expect(html).toContain('<ul>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<blockquote>');
  });

  it('keeps headings below the sections’ <h2>', () => {
    const { tags } = inventory(markdownToHtml('# Ett\n\n## Två\n\n### Tre\n\n###### Sex'));
    expect([...tags].sort()).toEqual(['h3', 'h4']);
  });

  it('makes a single line break a <br>', () => {
    expect(markdownToHtml('rad ett\nrad två')).toBe('<p>rad ett<br>rad två</p>\n');
  });

  it('shows raw HTML in the text as text', () => {
    const html = markdownToHtml('Texten innehåller <script>alert("x")</script> & "citat".');
    const { tags } = inventory(html);
    expect([...tags]).toEqual(['p']);
    const div = document.createElement('div');
    div.innerHTML = html;
    expect(div.textContent).toContain('<script>alert("x")</script> & "citat"');
  });

  it('removes <script>, event handler attributes and javascript: links', () => {
    const dirty =
      '<p onclick="alert(1)">a<script>alert(2)</script></p>' +
      '<img src="x" onerror="alert(3)">' +
      '<a href="javascript:alert(4)">länk</a>' +
      '<a href="JaVaScRiPt:alert(5)">länk</a>' +
      '<a href=" javascript:alert(6)">länk</a>' +
      '<svg><script>alert(7)</script></svg>' +
      '<iframe src="https://example.org"></iframe>' +
      '<p style="color:red">stil</p>';
    const html = sanitize(dirty);
    const { tags, attributes, hrefs } = inventory(html);
    expect(html).not.toMatch(/script|onerror|onclick|javascript|iframe|style/i);
    for (const tag of tags) expect(ALLOWED_TAGS).toContain(tag);
    expect([...attributes]).toEqual([]);
    expect(hrefs).toEqual([]);
    expect(html).toContain('länk'); // the text of a dropped link stays
  });

  it('removes the same from Markdown links and autolinks', () => {
    const html = markdownToHtml(
      '[klicka](javascript:alert(1)) [data](data:text/html,<b>x</b>) [fil](file:///etc/passwd) ' +
        '[relativ](/api/entries) ![bild](https://example.org/x.png "t")',
    );
    const { tags, hrefs } = inventory(html);
    expect(hrefs).toEqual([]);
    expect(tags.has('img')).toBe(false);
    expect(tags.has('a')).toBe(false);
    expect(html).toContain('klicka');
  });

  it('keeps http, https and mailto links, opening outside the app', () => {
    const fragment = renderMarkdown(
      '[Rapporten](https://example.org/rapport) <http://example.org/a> [Skriv](mailto:kost@example.org)',
    );
    const links = Array.from(fragment.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.org/rapport',
      'http://example.org/a',
      'mailto:kost@example.org',
    ]);
    for (const a of links) expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links.map((a) => a.getAttribute('target'))).toEqual(['_blank', '_blank', null]);
  });

  it('drops links with credentials in them', () => {
    expect(inventory(sanitize('<a href="https://bank.se@evil.example/">x</a>')).hrefs).toEqual([]);
  });
});
