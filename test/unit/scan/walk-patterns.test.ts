/**
 * The walk matches names without a regex for the common pattern shapes (a literal, one `*`); it
 * must decide exactly as the glob's definition does: `*` matches within one name, never a `/` or
 * `\`, and everything else is literal and case-sensitive.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentMatches } from '../../../src/scan/walk';

/** The definition, as a regex. */
function reference(pattern: string, name: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/\\\\]*')}$`).test(name);
}

const alphabet = fc.constantFrom('a', 'b', '_', '.', '-', '\\', '/', 'A', '0', ' ', '\n', 'é');
const piece = fc.string({ unit: alphabet, maxLength: 6 });
const pattern = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('*'));

describe('walk: segment patterns', () => {
  it('decide like the glob definition for any pattern and name', () => {
    fc.assert(
      fc.property(pattern, fc.string({ unit: alphabet, maxLength: 14 }), (p, name) => {
        expect(segmentMatches(p, name)).toBe(reference(p, name));
      }),
      { numRuns: 20_000 },
    );
  });

  it('decide like the glob definition for names built from the pattern', () => {
    // Random names rarely match; these mostly do, or miss by one character.
    const near = fc
      .tuple(pattern, fc.array(piece, { maxLength: 4 }), fc.integer({ min: 0, max: 3 }))
      .map(([p, fills, cut]) => {
        const parts = p.split('*');
        const name = parts.map((part, i) => (i === 0 ? part : `${fills[i - 1] ?? ''}${part}`)).join('');
        return [p, cut === 0 ? name.slice(1) : cut === 1 ? `${name}x` : name] as const;
      });
    fc.assert(
      fc.property(near, ([p, name]) => {
        expect(segmentMatches(p, name)).toBe(reference(p, name));
      }),
      { numRuns: 20_000 },
    );
  });

  it('mcp-remote shapes', () => {
    const h = '0123456789abcdef0123456789abcdef';
    expect(segmentMatches('*_tokens.json', `${h}_tokens.json`)).toBe(true);
    expect(segmentMatches('*_tokens.json', `${h}_tokens.json.tmp`)).toBe(false);
    expect(segmentMatches('*_tokens.json', `a\\b_tokens.json`)).toBe(false);
    expect(segmentMatches('*_tokens.json', `_tokens.json`)).toBe(true);
    expect(segmentMatches('*_tokens.json', `${h}_TOKENS.json`)).toBe(false);
    expect(segmentMatches('mcp-remote-*', 'mcp-remote-v1')).toBe(true);
    expect(segmentMatches('mcp-remote-*', 'mcp-remote')).toBe(false);
    expect(segmentMatches('*_code_verifier*.txt', `${h}_code_verifier_x.txt`)).toBe(true);
    expect(segmentMatches('*_code_verifier*.txt', `${h}_code_verifier.txt`)).toBe(true);
    expect(segmentMatches('*_code_verifier*.txt', `${h}_code_verifier/x.txt`)).toBe(false);
  });
});
