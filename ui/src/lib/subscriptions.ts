// Subscriptions without the UI: when the background pulls run, which of their reports are worth
// a notice, and how a subscription's state and fingerprint read. The reactive state the pages
// share is in subscriptions.svelte.ts.
//
// The owner's app (the desktop app, `serve --write`) pulls every subscription once shortly
// after it starts, then every three hours, in the background: a pull is one async call that
// never holds a search up. A source that cannot be reached is no error (the library works
// offline): it says so on the Prenumerationer page, not in a notice.

import type { PullReport } from '../bindings/PullReport';
import type { Subscription } from '../bindings/Subscription';

/** How long after the start the first pull waits (the app settles first). */
export const FIRST_PULL_MS = 5_000;
/** How often the pulls run after that. */
export const PULL_EVERY_MS = 3 * 60 * 60 * 1000;

/** Whether a report brought anything (new, changed, withdrawn or waiting entries). */
export function broughtSomething(report: PullReport): boolean {
  return report.new + report.updated + report.withdrawn + report.kept_for_review > 0;
}

/** The sentences a notice shows: those of the reports that brought something. */
export function noticeMessages(reports: readonly PullReport[]): string[] {
  return reports.filter((r) => r.reached && broughtSomething(r)).map((r) => r.message);
}

/** The timers the scheduler uses (the global ones; a test passes fakes or uses fake timers). */
export type Timers = {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

const globalTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type PullSchedule = {
  /** Whether the library follows anything (no pull is tried when not). */
  hasSubscriptions: () => Promise<boolean>;
  /** Pulls every subscription. */
  pull: () => Promise<PullReport[]>;
  /** The reports of a background pull. */
  onReports: (reports: PullReport[]) => void;
  firstMs?: number;
  everyMs?: number;
  timers?: Timers;
};

export type PullScheduler = {
  /** Stops the pulls to come (one under way finishes, and its reports are dropped). */
  stop: () => void;
};

/**
 * Pulls every subscription `firstMs` after now and then every `everyMs`, asking first whether
 * there is anything to pull. A failure (the library could not be asked, the app is closing) is
 * quiet: the next round tries again. Rounds never overlap: the next is timed from the end of
 * the last.
 */
export function schedulePulls(schedule: PullSchedule): PullScheduler {
  const timers = schedule.timers ?? globalTimers;
  const firstMs = schedule.firstMs ?? FIRST_PULL_MS;
  const everyMs = schedule.everyMs ?? PULL_EVERY_MS;
  let stopped = false;
  let timer: unknown = null;

  async function round() {
    timer = null;
    try {
      if (await schedule.hasSubscriptions()) {
        const reports = await schedule.pull();
        if (!stopped) schedule.onReports(reports);
      }
    } catch {
      // Not now: the next round tries again, and the page says what it knows.
    }
    if (!stopped) timer = timers.setTimeout(() => void round(), everyMs);
  }

  timer = timers.setTimeout(() => void round(), firstMs);
  return {
    stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}

/** A fingerprint (64 hex digits) in groups of four, for reading it aloud and comparing. */
export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.match(/.{1,4}/g) ?? [];
}

/** How a subscription stands: all well, never pulled, or not reached (with why). */
export type SubscriptionState =
  | { state: 'ok' }
  | { state: 'new' }
  | { state: 'unreachable'; lastSuccess: string | null; problem: string };

export function subscriptionState(s: Subscription): SubscriptionState {
  const lastSuccess = s.last_success ?? null;
  if (s.last_problem.trim() !== '') return { state: 'unreachable', lastSuccess, problem: s.last_problem };
  if (lastSuccess === null) return { state: 'new' };
  return { state: 'ok' };
}

/** Whether `source` names a server (else a folder): how the form's hint and errors read. */
export function looksLikeServer(source: string): boolean {
  return /^https?:\/\//i.test(source.trim());
}
