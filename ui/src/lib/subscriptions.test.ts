import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { PullReport } from '../bindings/PullReport';
import type { Subscription } from '../bindings/Subscription';
import {
  broughtSomething,
  FIRST_PULL_MS,
  fingerprintGroups,
  looksLikeServer,
  noticeMessages,
  PULL_EVERY_MS,
  schedulePulls,
  subscriptionState,
} from './subscriptions';

const report = (over: Partial<PullReport> = {}): PullReport => ({
  name: 'Regionens exempelbank',
  reached: true,
  problem: '',
  new: 0,
  updated: 0,
  withdrawn: 0,
  kept_for_review: 0,
  deltas: 0,
  message: 'Inget nytt från Regionens exempelbank',
  ...over,
});

const twelve = report({ new: 12, deltas: 1, message: '12 nya exempel från Regionens exempelbank' });
const unreachable = report({
  name: 'Kommunen',
  reached: false,
  problem: 'http://127.0.0.1:1: io: Connection refused; inget hämtades',
  message: 'Kommunen kunde inte nås: http://127.0.0.1:1: io: Connection refused; inget hämtades',
});

/** Lets the promises of one round settle (each await is a turn of the microtask queue). */
async function settle() {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

describe('what a notice says', () => {
  it('tells what brought something, and neither nothing new nor a source that was not reached', () => {
    expect(broughtSomething(twelve)).toBe(true);
    expect(broughtSomething(report({ updated: 1 }))).toBe(true);
    expect(broughtSomething(report({ withdrawn: 2 }))).toBe(true);
    expect(broughtSomething(report({ kept_for_review: 1 }))).toBe(true);
    expect(broughtSomething(report())).toBe(false);
    expect(noticeMessages([report(), twelve, unreachable])).toEqual(['12 nya exempel från Regionens exempelbank']);
    expect(noticeMessages([report(), unreachable])).toEqual([]);
  });
});

describe('the background pulls', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pull once shortly after the start, then every three hours', async () => {
    const pull = vi.fn(async () => [twelve]);
    const onReports = vi.fn();
    const scheduler = schedulePulls({ hasSubscriptions: async () => true, pull, onReports });
    expect(FIRST_PULL_MS).toBe(5_000);
    expect(PULL_EVERY_MS).toBe(3 * 60 * 60 * 1000);

    await vi.advanceTimersByTimeAsync(FIRST_PULL_MS - 1);
    expect(pull).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(pull).toHaveBeenCalledTimes(1);
    expect(onReports).toHaveBeenCalledWith([twelve]);

    await vi.advanceTimersByTimeAsync(PULL_EVERY_MS - 1);
    expect(pull).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(pull).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(PULL_EVERY_MS);
    await settle();
    expect(pull).toHaveBeenCalledTimes(3);
    scheduler.stop();
  });

  it('pull nothing while the library follows nothing, and try again next round', async () => {
    let follows = false;
    const pull = vi.fn(async () => [twelve]);
    const scheduler = schedulePulls({ hasSubscriptions: async () => follows, pull, onReports: vi.fn() });
    await vi.advanceTimersByTimeAsync(FIRST_PULL_MS);
    await settle();
    expect(pull).not.toHaveBeenCalled();
    follows = true;
    await vi.advanceTimersByTimeAsync(PULL_EVERY_MS);
    await settle();
    expect(pull).toHaveBeenCalledTimes(1);
    scheduler.stop();
  });

  it('keep going quietly after a failure', async () => {
    const pull = vi
      .fn<() => Promise<PullReport[]>>()
      .mockRejectedValueOnce({ code: 'io', message: 'biblioteket är upptaget' })
      .mockResolvedValue([twelve]);
    const onReports = vi.fn();
    const scheduler = schedulePulls({ hasSubscriptions: async () => true, pull, onReports });
    await vi.advanceTimersByTimeAsync(FIRST_PULL_MS);
    await settle();
    expect(onReports).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(PULL_EVERY_MS);
    await settle();
    expect(onReports).toHaveBeenCalledWith([twelve]);
    scheduler.stop();
  });

  it('time the next round from the end of the last, so rounds never overlap', async () => {
    let finish: (reports: PullReport[]) => void = () => {};
    const pull = vi.fn(() => new Promise<PullReport[]>((resolve) => (finish = resolve)));
    const scheduler = schedulePulls({ hasSubscriptions: async () => true, pull, onReports: vi.fn(), everyMs: 1000 });
    await vi.advanceTimersByTimeAsync(FIRST_PULL_MS);
    await settle();
    expect(pull).toHaveBeenCalledTimes(1);
    // A slow source: no second round while the first is under way.
    await vi.advanceTimersByTimeAsync(5000);
    expect(pull).toHaveBeenCalledTimes(1);
    finish([twelve]);
    await settle();
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(pull).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('stop: no more rounds, and the reports of one under way are dropped', async () => {
    let finish: (reports: PullReport[]) => void = () => {};
    const pull = vi.fn(() => new Promise<PullReport[]>((resolve) => (finish = resolve)));
    const onReports = vi.fn();
    const scheduler = schedulePulls({ hasSubscriptions: async () => true, pull, onReports });
    await vi.advanceTimersByTimeAsync(FIRST_PULL_MS);
    await settle();
    scheduler.stop();
    finish([twelve]);
    await settle();
    await vi.advanceTimersByTimeAsync(PULL_EVERY_MS * 3);
    expect(onReports).not.toHaveBeenCalled();
    expect(pull).toHaveBeenCalledTimes(1);

    // Stopped before the first round: nothing at all.
    const never = vi.fn(async () => [twelve]);
    schedulePulls({ hasSubscriptions: async () => true, pull: never, onReports }).stop();
    await vi.advanceTimersByTimeAsync(PULL_EVERY_MS);
    expect(never).not.toHaveBeenCalled();
  });
});

describe('a subscription as the page shows it', () => {
  const base: Subscription = {
    name: 'Regionens exempelbank',
    source: 'https://exempel.region.example',
    kind: 'server',
    library_id: 'df20b0a7',
    signer_name: 'Regionens exempelbank',
    fingerprint: '27f59da7391826cb896182e0cc9ba75129ddc5e2446b0f7bde9a78d45b2b9af1',
    added_at: '2026-12-03T05:12:59Z',
    cursor: 14,
    last_problem: '',
    last_new: 14,
    last_updated: 0,
    last_withdrawn: 0,
    entries: 14,
    waiting_review: 0,
  };

  it('reads the fingerprint in sixteen groups of four, which join to the fingerprint again', () => {
    const groups = fingerprintGroups(base.fingerprint);
    expect(groups).toHaveLength(16);
    expect(groups[0]).toBe('27f5');
    expect(groups.join('')).toBe(base.fingerprint);
    expect(fingerprintGroups('')).toEqual([]);
  });

  it('says whether it is well, not fetched yet, or not reached (and when it last was)', () => {
    expect(subscriptionState({ ...base, last_success: '2026-12-03T09:12:00Z' })).toEqual({ state: 'ok' });
    expect(subscriptionState(base)).toEqual({ state: 'new' });
    // The CLI's JSON says null where the bindings say absent.
    expect(subscriptionState({ ...base, last_success: null as unknown as undefined })).toEqual({ state: 'new' });
    expect(
      subscriptionState({ ...base, last_success: '2026-12-03T09:12:00Z', last_problem: 'io: Connection refused' }),
    ).toEqual({ state: 'unreachable', lastSuccess: '2026-12-03T09:12:00Z', problem: 'io: Connection refused' });
    expect(subscriptionState({ ...base, last_problem: 'io: timeout' })).toEqual({
      state: 'unreachable',
      lastSuccess: null,
      problem: 'io: timeout',
    });
  });

  it('tells a server from a folder', () => {
    expect(looksLikeServer('https://exempel.region.example/')).toBe(true);
    expect(looksLikeServer(' HTTP://127.0.0.1:8080')).toBe(true);
    expect(looksLikeServer('/media/delat/exempelbanken')).toBe(false);
    expect(looksLikeServer('C:\\Delat\\Exempelbanken')).toBe(false);
  });
});
