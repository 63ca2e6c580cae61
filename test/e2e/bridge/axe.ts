/**
 * axe-core run directly in the page (the @axe-core/playwright wrapper needs a newer Node).
 * The source goes in through `page.evaluate`, which the page's CSP does not govern, so the
 * policy under test stays exactly as shipped.
 */
import axe from 'axe-core';
import type { Page } from '@playwright/test';

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** One readable line per violation; empty when the page is clean. */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe
      .run;
    const result = (await run(document, { resultTypes: ['violations'] })) as { violations: unknown[] };
    return result.violations;
  });
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}
