// A message that outlives a change of page: "moved to the trash", shown on the page one lands
// on (with an action, such as undoing it) and gone at the next change of page.

import { router } from './router.svelte';

export type FlashAction = { label: string; run: () => void | Promise<void> };

class Flash {
  message: string | null = $state(null);
  action: FlashAction | null = $state(null);
  /** The page visit the message belongs to. */
  private visit = $state(-1);

  /** Shows `message` on the page being shown now (call it after navigating). */
  show(message: string, action: FlashAction | null = null) {
    this.message = message;
    this.action = action;
    this.visit = router.visit;
  }

  /** Whether the message is for the page shown now. */
  get current(): boolean {
    return this.message !== null && this.visit === router.visit;
  }

  clear() {
    this.message = null;
    this.action = null;
  }
}

export const flash = new Flash();
