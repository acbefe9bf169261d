import { afterEach, describe, expect, it } from 'vitest';

import {
  KEYSTROKE_TO_PAINT,
  markAnswered,
  markKeystroke,
  markStartPainted,
  measureKeystroke,
  RESULTS_IN_DOM,
  SEARCH_ANSWERED,
  START_PAINTED,
} from './perf';

const measures = () => performance.getEntriesByName(KEYSTROKE_TO_PAINT, 'measure').length;

describe('performance marks', () => {
  afterEach(() => {
    performance.clearMarks();
    performance.clearMeasures();
  });

  it('measure keystroke to paint for the latest keystroke only, once', async () => {
    const first = markKeystroke();
    const second = markKeystroke();
    await measureKeystroke(first); // stale: a newer keystroke is under way
    expect(measures()).toBe(0);
    await measureKeystroke(second);
    expect(measures()).toBe(1);
    await measureKeystroke(second); // the same answer shown again
    expect(measures()).toBe(1);
  });

  it('mark where the time goes for the latest keystroke only: answer, then DOM, then paint', async () => {
    const stale = markKeystroke();
    const n = markKeystroke();
    markAnswered(stale);
    expect(performance.getEntriesByName(SEARCH_ANSWERED, 'mark').length).toBe(0);
    markAnswered(n);
    await measureKeystroke(n);
    const at = (name: string) => performance.getEntriesByName(name)[0].startTime;
    expect(performance.getEntriesByName(RESULTS_IN_DOM, 'mark').length).toBe(1);
    expect(at(SEARCH_ANSWERED)).toBeLessThanOrEqual(at(RESULTS_IN_DOM));
    expect(measures()).toBe(1);
  });

  it('drop a measurement when a keystroke comes before the paint', async () => {
    const n = markKeystroke();
    const pending = measureKeystroke(n);
    markKeystroke();
    await pending;
    expect(measures()).toBe(0);
  });

  it('mark the start page painted the first time only', async () => {
    await markStartPainted();
    await markStartPainted();
    expect(performance.getEntriesByName(START_PAINTED, 'mark').length).toBe(1);
  });
});
