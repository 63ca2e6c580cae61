/**
 * The built renderer is served with its own CSP meta tag intact: the policy is strict, the app
 * runs under it without a single violation (the fixture fails a test on any), and what it
 * forbids really is blocked in Chromium.
 */
import { expect, test } from './bridge/app-fixture';

test('the shipped CSP is strict and enforced', async ({ app }) => {
  await app.open();
  const { page } = app;
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = new Map<string, string>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values.join(' '));
  }
  expect(directives.get('default-src')).toBe("'none'");
  expect(directives.get('script-src')).toBe("'self'");
  expect(directives.get('style-src')).toBe("'self'");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('unsafe-eval');

  app.allowCspViolations();
  const blocked = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const w = window as unknown as Record<string, unknown>;
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    const fetched = await fetch('https://example.com/').then(
      () => true,
      () => false,
    );
    await new Promise((r) => setTimeout(r, 50));
    return { inlineRan: w.__inlineRan === true, fetched, violations };
  });
  expect(blocked.inlineRan).toBe(false);
  expect(blocked.fetched).toBe(false);
  expect(blocked.violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
});
