import { describe, expect, it } from 'vitest';

import { externalUrl, isExternalUrl, opensInNewTab } from './links';

describe('links out of the app', () => {
  it('allows http, https and mailto', () => {
    expect(externalUrl('https://www.vinnova.se/')).toBe('https://www.vinnova.se/');
    expect(externalUrl(' http://example.org/a b ')).toBe('http://example.org/a%20b');
    expect(externalUrl('mailto:kost@example.org')).toBe('mailto:kost@example.org');
    expect(externalUrl('HTTPS://EXAMPLE.ORG')).toBe('https://example.org/');
  });

  it('refuses everything else', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      'ftp://example.org',
      '/api/info',
      '#/post/x',
      '//example.org',
      'https://',
      'https://user:pw@example.org',
      '',
    ]) {
      expect(isExternalUrl(bad), bad).toBe(false);
    }
  });

  it('opens web pages in a new tab and mail links in the mail program', () => {
    expect(opensInNewTab('https://example.org')).toBe(true);
    expect(opensInNewTab('mailto:a@example.org')).toBe(false);
  });
});
