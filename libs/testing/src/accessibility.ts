import type { Page } from 'playwright-core';

export interface AccessibilityViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page (WCAG 2.x A and AA rules) and returns the violations of at least
 * `minimum` impact. The script is injected from the installed package: nothing is downloaded.
 */
export const accessibilityViolations = async (
  page: Page,
  minimum: 'serious' | 'critical' = 'serious',
): Promise<AccessibilityViolation[]> => {
  const { source } = (await import('axe-core')).default as unknown as { source: string };
  // Evaluated by the browser's debugging protocol, not as a <script>: the portal's CSP
  // (script-src 'self') rightly refuses inline scripts, and the test must not weaken it.
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    };
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.flatMap((node) => node.target.map(String)),
    }));
  });
  const ranks = { minor: 0, moderate: 1, serious: 2, critical: 3 } as Record<string, number>;
  return violations.filter(
    (violation) => (ranks[violation.impact ?? 'minor'] ?? 0) >= ranks[minimum]!,
  );
};
