// Entry text is written in Markdown and shown as sanitised HTML. Two guards, each enough alone:
//  1. marked never passes HTML through: raw HTML in the text is shown as the text it is;
//  2. DOMPurify keeps only a few basic tags and attributes, and links only to http, https and
//     mailto addresses, which open outside the app (rel="noopener noreferrer").
// The result is a DOM fragment, put in place with DOM calls: no {@html} and no inline styles,
// so the strict CSP holds.

import DOMPurify, { type Config } from 'dompurify';
import { Marked, type Tokens } from 'marked';

import { externalUrl, opensInNewTab } from './links';

/** The only elements entry text may become. */
export const ALLOWED_TAGS = [
  'p',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'a',
  'h3',
  'h4',
  'blockquote',
  'code',
  'br',
] as const;

const CONFIG: Config = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: ['href', 'title'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  KEEP_CONTENT: true,
};

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const marked = new Marked({
  gfm: true,
  breaks: true, // a single line break in the text is a line break on the page
  async: false,
  renderer: {
    // Raw HTML is text, never markup.
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
  },
  // Sections have <h2> headings, so headings in the text start one level below them.
  walkTokens(token) {
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      heading.depth = heading.depth <= 2 ? 3 : 4;
    }
  },
});

let purifier: ReturnType<typeof DOMPurify> | null = null;

/** The sanitiser, made on first use (it needs a `window`). */
function purify(): ReturnType<typeof DOMPurify> {
  if (purifier !== null) return purifier;
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    const url = href === null ? null : externalUrl(href);
    if (url === null) {
      node.removeAttribute('href'); // unwrapped below
      return;
    }
    node.setAttribute('href', url);
    node.setAttribute('rel', 'noopener noreferrer');
    if (opensInNewTab(url)) node.setAttribute('target', '_blank');
  });
  purifier = p;
  return p;
}

/** Replaces each <a> without an address by its text: a link to nowhere is no link. */
function unwrapDeadLinks(fragment: DocumentFragment) {
  for (const a of Array.from(fragment.querySelectorAll('a:not([href])'))) {
    a.replaceWith(...Array.from(a.childNodes));
  }
}

/** HTML as a sanitised DOM fragment. */
export function sanitizeToFragment(html: string): DocumentFragment {
  const fragment = purify().sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
  unwrapDeadLinks(fragment);
  return fragment;
}

/** HTML, sanitised, as a string (for tests and for looking at). */
export function sanitize(html: string): string {
  const div = document.createElement('div');
  div.append(sanitizeToFragment(html));
  return div.innerHTML;
}

/** Markdown to HTML, before sanitising. */
export function markdownToUnsafeHtml(text: string): string {
  return marked.parse(text.replace(/\r\n?/g, '\n')) as string;
}

/** Markdown as a sanitised DOM fragment, ready to put in the page. */
export function renderMarkdown(text: string): DocumentFragment {
  return sanitizeToFragment(markdownToUnsafeHtml(text));
}

/** Markdown as sanitised HTML. */
export function markdownToHtml(text: string): string {
  return sanitize(markdownToUnsafeHtml(text));
}
