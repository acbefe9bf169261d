// The background pulls of the libraries this one follows, as reactive state shared by the app's
// notice and the Prenumerationer page: started once the app knows it is the library's owner
// (the desktop app, `serve --write`), stopped when it no longer is. The notice shows only what
// brought something ("12 nya exempel från Regionens exempelbank"); a source that cannot be
// reached is said on the Prenumerationer page alone.

import type { PullReport } from '../bindings/PullReport';
import { noticeMessages, type PullScheduler, schedulePulls, type Timers } from './subscriptions';
import { subscriptionPull, subscriptions } from './transport';

/** The most sentences the notice keeps (the newest). */
const MAX_NOTICES = 6;

export type PullBackend = {
  hasSubscriptions: () => Promise<boolean>;
  pull: (name?: string) => Promise<PullReport[]>;
};

const backend: PullBackend = {
  hasSubscriptions: async () => (await subscriptions()).length > 0,
  pull: (name) => subscriptionPull(name),
};

export class Pulls {
  /** What the background pulls brought, for the notice; empty: no notice. */
  notices: string[] = $state([]);
  /** Grows after every pull (background or asked for), so the page shows the new state. */
  version = $state(0);
  /** Whether a pull of every subscription is under way (in the background or asked for). */
  pullingAll = $state(false);

  private scheduler: PullScheduler | null = null;

  constructor(
    private readonly api: PullBackend = backend,
    private readonly timers?: Timers,
  ) {}

  /** Whether the background pulls run. */
  get running(): boolean {
    return this.scheduler !== null;
  }

  /** Starts the background pulls (once; again after `stop`). */
  start(firstMs?: number, everyMs?: number) {
    if (this.scheduler !== null) return;
    this.scheduler = schedulePulls({
      hasSubscriptions: () => this.api.hasSubscriptions(),
      pull: () => this.pull(),
      onReports: (reports) => this.tell(reports),
      ...(firstMs === undefined ? {} : { firstMs }),
      ...(everyMs === undefined ? {} : { everyMs }),
      ...(this.timers === undefined ? {} : { timers: this.timers }),
    });
  }

  /** Stops the background pulls, and forgets the notice (another user, or none, comes). */
  stop() {
    this.scheduler?.stop();
    this.scheduler = null;
    this.notices = [];
  }

  /** Pulls one subscription, or (no name) every one; failures are thrown as the library's. */
  async pull(name?: string): Promise<PullReport[]> {
    const all = name === undefined;
    if (all) this.pullingAll = true;
    try {
      return await this.api.pull(name);
    } finally {
      if (all) this.pullingAll = false;
      this.version += 1;
    }
  }

  /** The reports of a background pull: what brought something goes to the notice. */
  tell(reports: readonly PullReport[]) {
    const said = noticeMessages(reports);
    if (said.length === 0) return;
    this.notices = [...this.notices, ...said].slice(-MAX_NOTICES);
  }

  /** The notice closed by the user. */
  dismiss() {
    this.notices = [];
  }
}

export const pulls = new Pulls();
