// @vitest-environment jsdom
import { tick } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';

import { focusHeading, focusLost, focusOnArrival, keepFocusOrHeading, shouldFocusOnArrival } from './focus';

function page(html: string) {
  document.body.innerHTML = html;
}

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`#${id} is missing`);
  return el;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('focusHeading', () => {
  it('focuses a heading, making it focusable by script only', () => {
    page('<h1 id="h">Sökresultat</h1>');
    const h = byId('h');
    expect(focusHeading(h)).toBe(true);
    expect(document.activeElement).toBe(h);
    expect(h.getAttribute('tabindex')).toBe('-1');
  });

  it('keeps a tabindex that is there, and does nothing without a heading in the page', () => {
    page('<h1 id="h" tabindex="-1">Översikt</h1>');
    expect(focusHeading(byId('h'))).toBe(true);
    expect(focusHeading(undefined)).toBe(false);
    expect(focusHeading(null)).toBe(false);
    const gone = document.createElement('h1');
    expect(focusHeading(gone)).toBe(false);
    expect(document.activeElement).toBe(byId('h'));
  });
});

describe('focusLost', () => {
  it('is true on <body>, false on a control in the page', () => {
    page('<button id="b">Rensa alla filter</button>');
    expect(focusLost()).toBe(true);
    byId('b').focus();
    expect(focusLost()).toBe(false);
    byId('b').remove();
    expect(focusLost()).toBe(true);
  });
});

describe('shouldFocusOnArrival', () => {
  it('moves focus on a new page, not on back/forward nor while typing a search', () => {
    page(`<form role="search"><input id="q"><button id="s">Sök</button></form><a id="card" href="#/sok">x</a>`);
    expect(shouldFocusOnArrival(document.body, false)).toBe(true);
    expect(shouldFocusOnArrival(null, false)).toBe(true);
    expect(shouldFocusOnArrival(byId('card'), false)).toBe(true);
    expect(shouldFocusOnArrival(document.body, true)).toBe(false);
    expect(shouldFocusOnArrival(byId('q'), false)).toBe(false);
    expect(shouldFocusOnArrival(byId('s'), false)).toBe(false);
  });
});

describe('focusOnArrival', () => {
  it('focuses the heading of a page arrived at from a link', async () => {
    page('<a id="tag" href="#/sok?q=x">x</a><h1 id="h">Sökresultat</h1>');
    byId('tag').focus();
    focusOnArrival(byId('h'), () => false);
    await tick();
    expect(document.activeElement).toBe(byId('h'));
  });

  it('leaves focus in the search box, and alone on back/forward', async () => {
    page('<form role="search"><input id="q"></form><h1 id="h">Sökresultat</h1><h1 id="h2">Översikt</h1>');
    byId('q').focus();
    focusOnArrival(byId('h'), () => false);
    await tick();
    expect(document.activeElement).toBe(byId('q'));
    (document.activeElement as HTMLElement).blur();
    focusOnArrival(byId('h2'), () => true);
    await tick();
    expect(document.activeElement).toBe(document.body);
  });

  it('does nothing for a heading gone before the page settled', async () => {
    page('<h1 id="h">Översikt</h1>');
    const action = focusOnArrival(byId('h'), () => false);
    action.destroy();
    await tick();
    expect(document.activeElement).toBe(document.body);
  });
});

describe('keepFocusOrHeading', () => {
  it('leaves focus on a control that is still there', async () => {
    page('<h1 id="h">Sökresultat</h1><input type="checkbox" id="c">');
    byId('c').focus();
    await keepFocusOrHeading(() => byId('h'));
    expect(document.activeElement).toBe(byId('c'));
  });

  it('moves focus to the heading when the control went away (a removed filter chip)', async () => {
    page('<h1 id="h">Sökresultat</h1><ul><li><button id="chip">Skola ×</button></li></ul>');
    byId('chip').focus();
    byId('chip').remove();
    await keepFocusOrHeading(() => byId('h'));
    expect(document.activeElement).toBe(byId('h'));
  });
});
