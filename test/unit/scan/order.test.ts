/**
 * The report's sorts take shortcuts (presorting by code units, splitting off credentials with no
 * URL); the order must be exactly that of a plain stable sort by the documented keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByUrlThenId, sortFindings } from '../../../src/scan/order';
import type { Finding } from '../../../src/model/scan';

const RANK = { error: 0, warning: 1, info: 2 } as const;
const CLIENTS = ['mcp-remote', 'copilot-cli', 'claude-code'] as const;

/** Characters whose collation order differs from their code units: case, punctuation, accents. */
const unit = fc.constantFrom(
  'a',
  'B',
  'b',
  'A',
  '_',
  '-',
  '.',
  '/',
  '0',
  '9',
  'é',
  'e\u0301',
  ' ',
  'ß',
  '\uffff',
);
const text = fc.string({ unit, maxLength: 6 });

const finding = fc.record({
  severity: fc.constantFrom('error', 'warning', 'info'),
  client: fc.constantFrom<string | null>(null, 'unknown-client', ...CLIENTS),
  path: fc.option(text, { nil: null }),
  code: fc.constantFrom('malformed-file', 'orphaned-credential', 'duplicate-credential'),
  tag: fc.nat(),
});

describe('scan order', () => {
  it('findings: as a stable sort by severity, client, path and code (localeCompare)', () => {
    const order = new Map<string, number>(CLIENTS.map((c, i) => [c, i]));
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 60 }), (drawn) => {
        const findings = drawn as unknown as Finding[];
        const expected = [...findings].sort(
          (a, b) =>
            RANK[a.severity] - RANK[b.severity] ||
            (order.get(a.client ?? '') ?? 99) - (order.get(b.client ?? '') ?? 99) ||
            (a.path ?? '').localeCompare(b.path ?? '') ||
            a.code.localeCompare(b.code),
        );
        const actual = [...findings];
        sortFindings(actual, order);
        expect(actual).toEqual(expected);
        actual.forEach((f, i) => expect(f).toBe(expected[i]));
      }),
      { numRuns: 3000 },
    );
  });

  it('findings whose paths collate equal but differ in code units keep their order', () => {
    const make = (path: string, tag: number): Finding =>
      ({
        severity: 'warning',
        client: 'mcp-remote',
        path,
        code: 'orphaned-credential',
        tag,
      }) as unknown as Finding;
    // Precomposed é and e + combining acute are the same to a collator, not to code units.
    for (const paths of [
      ['/h/caf\u00e9', '/h/cafe\u0301'],
      ['/h/cafe\u0301', '/h/caf\u00e9'],
    ]) {
      expect(paths[0]!.localeCompare(paths[1]!)).toBe(0);
      const findings = paths.map((p, i) => make(p, i));
      const expected = [...findings];
      sortFindings(findings, new Map([['mcp-remote', 0]]));
      findings.forEach((f, i) => expect(f).toBe(expected[i]));
    }
  });

  it('credentials: as a stable sort by URL (none last, as U+FFFF) then id', () => {
    const credential = fc.record({
      serverUrl: fc.option(text, { nil: null }),
      id: fc.string({ unit, maxLength: 3 }),
      tag: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(credential, { maxLength: 60 }), (items) => {
        const expected = [...items].sort((a, b) => {
          const ua = a.serverUrl ?? '\uffff';
          const ub = b.serverUrl ?? '\uffff';
          if (ua !== ub) return ua < ub ? -1 : 1;
          return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
        });
        const actual = sortByUrlThenId([...items], (c) => c);
        actual.forEach((c, i) => expect(c).toBe(expected[i]));
      }),
      { numRuns: 3000 },
    );
  });
});
