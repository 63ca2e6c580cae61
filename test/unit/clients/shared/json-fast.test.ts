/**
 * readJsonFast parses first and looks for NUL bytes and blank text only when parsing fails: that
 * order must give exactly the outcome of looking first, for any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonFast } from '../../../../src/clients/shared/json';

/** The checks in their plain order, as the reference. */
function looksFirst(text: string): 'binary' | 'empty' | 'parsed' | 'failed' {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.includes('\u0000')) return 'binary';
  if (!/\S/.test(t)) return 'empty';
  try {
    JSON.parse(t);
    return 'parsed';
  } catch {
    return 'failed';
  }
}

function outcome(text: string): string {
  const r = readJsonFast({ bytes: Buffer.from(text, 'utf8'), text }, 'f.json');
  if (r.ok) return r.empty ? 'empty' : 'parsed';
  return r.problem.message.includes('binary') ? 'binary' : 'failed';
}

const pieces = fc.constantFrom(
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  '1',
  'a',
  ' ',
  '\n',
  '\t',
  '\u0000',
  '\u00a0',
  '\ufeff',
  '\\',
  'null',
);

describe('readJsonFast', () => {
  it('gives the same outcome as checking for NUL and blank text first', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces, { maxLength: 12 }).map((a) => a.join('')),
        ),
        (text) => {
          expect(outcome(text)).toBe(looksFirst(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('says which file is binary, blank or broken', () => {
    expect(outcome('{"a":"\u0000"}')).toBe('binary');
    expect(outcome(' \n\t')).toBe('empty');
    expect(outcome('\ufeff{"a":1}')).toBe('parsed');
    const broken = readJsonFast({ bytes: Buffer.from('{"a":'), text: '{"a":' }, 'tokens.json');
    expect(broken.ok ? '' : broken.problem.message).toMatch(
      /^tokens\.json is not valid JSON: .* at line 1, column \d+$/,
    );
  });
});
