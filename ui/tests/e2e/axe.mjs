// axe-core as every end-to-end test runs it: the rules of WCAG 2.0 and 2.1, levels A and AA
// (AXE_TAGS), and also label-content-name-mismatch (SC 2.5.3, Label in Name). axe counts that
// rule as experimental and leaves it out of a run by tags unless it is asked for by name; it is
// the one that sees a control whose aria-label does not contain its visible text.

import { AxeBuilder } from '@axe-core/playwright';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const EXPERIMENTAL_RULES = { 'label-content-name-mismatch': { enabled: true } };

/**
 * The violations on the page as it is now, one readable block each (the rule, its impact, its
 * help text and the elements it found), each line led by `prefix`. None: an empty list.
 */
export async function axeViolations(page, prefix = '') {
  const result = await new AxeBuilder({ page })
    .options({ rules: EXPERIMENTAL_RULES })
    .withTags(AXE_TAGS)
    .analyze();
  return result.violations.map(
    (v) =>
      `${prefix}${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n` +
      v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n'),
  );
}
