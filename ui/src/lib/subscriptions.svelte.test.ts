import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(), Channel: class {} }));
vi.mock('@tauri-apps/plugin-opener', () => ({ openUrl: vi.fn() }));

import type { PullReport } from '../bindings/PullReport';
import { FIRST_PULL_MS, PULL_EVERY_MS } from './subscriptions';
import { Pulls } from './subscriptions.svelte';

const report = (name: string, fresh: number, reached = true): PullReport => ({
  name,
  reached,
  problem: reached ? '' : 'io: Connection refused',
  new: fresh,
  updated: 0,
  withdrawn: 0,
  kept_for_review: 0,
  deltas: fresh > 0 ? 1 : 0,
  message: reached
    ? fresh > 0
      ? `${fresh} nya exempel från ${name}`
      : `Inget nytt från ${name}`
    : `${name} kunde inte nås: io: Connection refused`,
});

async function settle() {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

describe('the pulls state', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows what a background pull brought, and nothing for nothing new or a source not reached', async () => {
    const pull = vi
      .fn<(name?: string) => Promise<PullReport[]>>()
      .mockResolvedValueOnce([report('Regionens exempelbank', 12), report('Kommunen', 0), report('Staden', 0, false)])
      .mockResolvedValueOnce([report('Regionens exempelbank', 0), report('Staden', 0, false)]);
    const pulls = new Pulls({ hasSubscriptions: async () => true, pull });
    pulls.start();
    expect(pulls.running).toBe(true);
    await vi.advanceTimersByTimeAsync(FIRST_PULL_MS);
    await settle();
    expect(pull).toHaveBeenCalledWith(undefined);
    expect(pulls.notices).toEqual(['12 nya exempel från Regionens exempelbank']);
    expect(pulls.version).toBe(1);
    pulls.dismiss();
    expect(pulls.notices).toEqual([]);
    await vi.advanceTimersByTimeAsync(PULL_EVERY_MS);
    await settle();
    expect(pulls.notices).toEqual([]);
    expect(pulls.version).toBe(2);
    pulls.stop();
    expect(pulls.running).toBe(false);
  });

  it('starts once, and stopping forgets the notice', async () => {
    const pull = vi.fn(async () => [report('Regionens exempelbank', 3)]);
    const pulls = new Pulls({ hasSubscriptions: async () => true, pull });
    pulls.start();
    pulls.start();
    await vi.advanceTimersByTimeAsync(FIRST_PULL_MS);
    await settle();
    expect(pull).toHaveBeenCalledTimes(1);
    expect(pulls.notices).toHaveLength(1);
    pulls.stop();
    expect(pulls.notices).toEqual([]);
    await vi.advanceTimersByTimeAsync(PULL_EVERY_MS);
    expect(pull).toHaveBeenCalledTimes(1);
  });

  it('pulls one source or all when asked, saying when all are under way', async () => {
    let finish: (reports: PullReport[]) => void = () => {};
    const pull = vi.fn((_name?: string) => new Promise<PullReport[]>((resolve) => (finish = resolve)));
    const pulls = new Pulls({ hasSubscriptions: async () => true, pull });
    const all = pulls.pull();
    expect(pulls.pullingAll).toBe(true);
    finish([report('Regionens exempelbank', 2)]);
    expect(await all).toHaveLength(1);
    expect(pulls.pullingAll).toBe(false);
    const one = pulls.pull('Kommunen');
    expect(pulls.pullingAll).toBe(false);
    finish([report('Kommunen', 0)]);
    await one;
    expect(pull).toHaveBeenLastCalledWith('Kommunen');
    expect(pulls.version).toBe(2);
    // Asked for, a pull's reports are the page's to show, not the notice's.
    expect(pulls.notices).toEqual([]);
  });

  it('passes a failure on to whoever asked, and counts the pull', async () => {
    const pulls = new Pulls({
      hasSubscriptions: async () => true,
      pull: async () => {
        throw { code: 'forbidden', message: 'prenumerationer hämtas av bibliotekets ägare' };
      },
    });
    await expect(pulls.pull()).rejects.toMatchObject({ code: 'forbidden' });
    expect(pulls.pullingAll).toBe(false);
    expect(pulls.version).toBe(1);
  });

  it('keeps the newest few sentences', () => {
    const pulls = new Pulls({ hasSubscriptions: async () => true, pull: async () => [] });
    for (let i = 1; i <= 8; i += 1) pulls.tell([report(`Källa ${i}`, i)]);
    expect(pulls.notices).toHaveLength(6);
    expect(pulls.notices[5]).toBe('8 nya exempel från Källa 8');
  });
});
