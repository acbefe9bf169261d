// What the browser tests share (browser.mjs, team.mjs): checks that print `ok - ...` or
// `not ok - ...` and count, each with a time limit and the run with a deadline; Debian's
// Chromium started through playwright-core (no browser is ever downloaded); and the problems
// a page shows on its own (console errors, page errors, failed requests), which a test may
// forgive where it causes them on purpose.

import { chromium } from 'playwright-core';

/** Throws `message` unless `condition` holds: a failed check. */
export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * A run of checks named `label` (said in the summary line), whose steps have `stepMs` each
 * unless told otherwise and which stops with a failure after `totalMs` in all.
 */
export function checks(label, { stepMs, totalMs }) {
  let passed = 0;
  let failed = 0;

  function report(ok, name, detail) {
    if (ok) {
      passed += 1;
      console.log(`ok - ${name}`);
    } else {
      failed += 1;
      console.log(`not ok - ${name}`);
      if (detail) console.log(String(detail).replace(/^/gm, '  '));
    }
  }

  function summary() {
    console.log(`${label}: ${passed} passed, ${failed} failed`);
  }

  // The whole run has one deadline: past it, say so and stop.
  const deadline = setTimeout(() => {
    report(false, `the run finished within ${totalMs / 1000} s`);
    summary();
    process.exit(1);
  }, totalMs);

  /**
   * Runs one check with a time limit; a throw or a time-out is a failure. A check that `needs`
   * an earlier one that failed fails at once, without waiting for its time limit. Returns
   * whether it passed.
   */
  async function step(name, fn, ms = stepMs, needs = true) {
    if (!needs) {
      report(false, name, 'skipped: an earlier check it depends on failed');
      return false;
    }
    let timer;
    try {
      await Promise.race([
        fn(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
        }),
      ]);
      report(true, name);
      return true;
    } catch (err) {
      report(false, name, err instanceof Error ? err.message : err);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Prints the summary and exits: 1 on any failure. */
  function finish() {
    clearTimeout(deadline);
    summary();
    process.exit(failed === 0 ? 0 : 1);
  }

  return { report, step, finish };
}

/** Headless Chromium at `executablePath`; a failure to start is reported and ends the run. */
export async function launchChromium({ report, finish }, executablePath, timeout) {
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      timeout,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  } catch (err) {
    report(false, `Chromium starts (${executablePath})`, err instanceof Error ? err.message : err);
    return finish();
  }
}

/**
 * Collects what goes wrong on a page by itself: console errors (a CSP violation among them),
 * page errors and failed requests (HTTP 400 and up, by path), each prefixed with `label` when
 * one is given. `forgive` takes out the ones a step causes on purpose, where it causes them.
 */
export function watchProblems(page, label = '') {
  const prefix = label === '' ? '' : `${label}: `;
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) {
      problems.push(`${prefix}console: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`${prefix}page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${prefix}HTTP ${res.status()}: ${new URL(res.url()).pathname}`);
  });
  const forgive = (pattern) => {
    for (let i = problems.length - 1; i >= 0; i -= 1) {
      if (pattern.test(problems[i])) problems.splice(i, 1);
    }
  };
  return { problems, forgive };
}
