import { describe, expect, it } from 'vitest';
import {
  hasJsonEntry,
  reinsertJsonEntry,
  removeJsonEntries,
  removeJsonEntry,
} from '../../../src/reset/json-entry';
import { assertNoCanary, canary } from '../../helpers/canary';

const F = '/home/u/.claude/.credentials.json';
const buf = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('removing one entry from a shared JSON file', () => {
  it('keeps every other key, the key order and the indentation', () => {
    const text = JSON.stringify(
      { claudeAiOauth: { accessToken: 'x' }, mcpOAuth: { 'a|1': { t: 1 }, 'b|2': { t: 2 } }, z: true },
      null,
      2,
    );
    const out = removeJsonEntry(buf(text), '/mcpOAuth/a|1', F).toString('utf8');
    expect(out).toBe(
      JSON.stringify(
        { claudeAiOauth: { accessToken: 'x' }, mcpOAuth: { 'b|2': { t: 2 } }, z: true },
        null,
        2,
      ),
    );
  });

  it('removes an array element (Gemini keeps a list) and leaves valid JSON', () => {
    const text = JSON.stringify([{ n: 'a' }, { n: 'b' }, { n: 'c' }], null, 2);
    expect(JSON.parse(removeJsonEntry(buf(text), '/1', F).toString('utf8'))).toEqual([
      { n: 'a' },
      { n: 'c' },
    ]);
    expect(JSON.parse(removeJsonEntry(buf(text), '/2', F).toString('utf8'))).toEqual([
      { n: 'a' },
      { n: 'b' },
    ]);
    expect(JSON.parse(removeJsonEntry(buf('[{"n":"a"}]'), '/0', F).toString('utf8'))).toEqual([]);
  });

  it('decodes pointer escapes (~1 is a slash, ~0 a tilde) in keys such as URLs', () => {
    const text = JSON.stringify({ 'https://x/mcp': 1, 'a~b': 2, keep: 3 });
    const out = removeJsonEntry(removeJsonEntry(buf(text), '/https:~1~1x~1mcp', F), '/a~0b', F);
    expect(JSON.parse(out.toString('utf8'))).toEqual({ keep: 3 });
  });

  it('keeps a byte-order mark, CRLF line ends, tabs and comments (JSONC)', () => {
    const text = '\uFEFF{\r\n\t"a": 1,\r\n\t// about b\r\n\t"b": 2\r\n}\r\n';
    const out = removeJsonEntry(buf(text), '/a', F).toString('utf8');
    expect(out.startsWith('\uFEFF')).toBe(true);
    expect(out).toContain('\t// about b\r\n\t"b": 2\r\n}');
    expect(out).not.toContain('"a"');
  });

  it('refuses a pointer that names nothing, or the whole document', () => {
    expect(() => removeJsonEntry(buf('{"a":1}'), '/b', F)).toThrow(/no longer in/);
    expect(() => removeJsonEntry(buf('{"a":1}'), '', F)).toThrow(/whole content/);
    expect(hasJsonEntry(buf('{"a":{"b":1}}'), '/a/b', F)).toBe(true);
    expect(hasJsonEntry(buf('{"a":{"b":1}}'), '/a/c', F)).toBe(false);
  });

  it('a malformed file is refused with a message naming the file and never quoting its content', () => {
    const secret = canary('token');
    let message = '';
    try {
      removeJsonEntry(buf(`{"mcpOAuth": {"a": "${secret}"`), '/mcpOAuth/a', F);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(F);
    expect(message).toContain('not valid JSON');
    assertNoCanary(message, 'the error message');
  });
});

describe('putting an entry back (forced undo)', () => {
  it('re-inserts the old value into the newer file and keeps the newer keys', () => {
    const original = buf(
      JSON.stringify({ login: 'old', mcpOAuth: { a: { t: 'old-a' }, b: { t: 'b' } } }, null, 2),
    );
    const current = buf(JSON.stringify({ login: 'new', mcpOAuth: { b: { t: 'b' } } }, null, 2));
    const out = JSON.parse(
      reinsertJsonEntry(current, original, '/mcpOAuth/a', F).toString('utf8'),
    ) as unknown;
    expect(out).toEqual({ login: 'new', mcpOAuth: { b: { t: 'b' }, a: { t: 'old-a' } } });
  });

  it('replaces an entry the client re-created for the same key', () => {
    const original = buf('{"m":{"a":1}}');
    const current = buf('{"m":{"a":2},"x":0}');
    expect(JSON.parse(reinsertJsonEntry(current, original, '/m/a', F).toString('utf8'))).toEqual({
      m: { a: 1 },
      x: 0,
    });
  });

  it('re-inserts a list element at its old position when it fits', () => {
    const original = buf('[{"n":"a"},{"n":"b"}]');
    const current = buf('[{"n":"b"}]');
    expect(JSON.parse(reinsertJsonEntry(current, original, '/0', F).toString('utf8'))).toEqual([
      { n: 'a' },
      { n: 'b' },
    ]);
  });
});

describe('removing several entries of one file in one pass', () => {
  it('cuts any set of siblings (first, middle, last, all) and keeps the others with their comments', () => {
    const text = '{\n  // a\n  "a": 1,\n  // b\n  "b": 2,\n  // c\n  "c": 3,\n  // d\n  "d": 4\n}\n';
    const cases: [string[], Record<string, number>][] = [
      [['/a', '/b'], { c: 3, d: 4 }],
      [['/c', '/d'], { a: 1, b: 2 }],
      [['/a', '/d'], { b: 2, c: 3 }],
      [['/b', '/c'], { a: 1, d: 4 }],
      [['/a', '/b', '/c', '/d'], {}],
    ];
    for (const [pointers, expected] of cases) {
      const { data, missing } = removeJsonEntries(buf(text), pointers, F);
      const out = data!.toString('utf8');
      expect(missing).toEqual([]);
      expect(JSON.parse(out.replace(/\/\/.*$/gm, ''))).toEqual(expected);
      for (const key of Object.keys(expected)) expect(out).toContain(`// ${key}\n  "${key}"`);
    }
  });

  it('removes array elements given in any order, and an entry inside a removed one goes with it', () => {
    const { data } = removeJsonEntries(buf('[0,1,2,3,4]'), ['/1', '/3', '/4'], F);
    expect(JSON.parse(data!.toString('utf8'))).toEqual([0, 2]);
    const nested = removeJsonEntries(buf('{"m":{"a":{"x":1}},"k":0}'), ['/m/a/x', '/m/a'], F);
    expect(JSON.parse(nested.data!.toString('utf8'))).toEqual({ m: {}, k: 0 });
  });

  it('reports the entries that were not there and removes the rest', () => {
    const { data, missing } = removeJsonEntries(buf('{"a":1,"b":2}'), ['/a', '/zz'], F);
    expect(missing).toEqual(['/zz']);
    expect(JSON.parse(data!.toString('utf8'))).toEqual({ b: 2 });
    expect(removeJsonEntries(buf('{"a":1}'), ['/zz'], F)).toEqual({ data: null, missing: ['/zz'] });
  });

  it("refuses, in plain words, a file with the entry's key twice (a rewrite would silently drop one)", () => {
    const twice =
      '{\n  "claudeAiOauth": {},\n  "mcpOAuth": {\n    "eu|1": {"a": 1},\n    "us|2": {},\n    "eu|1": {"a": 2}\n  }\n}\n';
    expect(() => removeJsonEntries(Buffer.from(twice), ['/mcpOAuth/eu|1'], '/x/creds.json')).toThrow(
      /\/x\/creds\.json has the key "eu\|1" twice \(in \/mcpOAuth\); rewriting it would silently drop one of them/,
    );
    const parentTwice = '{"mcpOAuth": {"eu|1": {}}, "mcpOAuth": {"eu|1": {}, "us|2": {}}}';
    expect(() => removeJsonEntries(Buffer.from(parentTwice), ['/mcpOAuth/eu|1'], 'F')).toThrow(
      /has the key "mcpOAuth" twice \(in \/\)/,
    );
    // A duplicate elsewhere in the file does not stand in the way: the cut keeps both copies.
    const elsewhere = '{"claudeAiOauth": {"x": 1, "x": 2}, "mcpOAuth": {"eu|1": {}, "us|2": {}}}';
    const out = removeJsonEntries(Buffer.from(elsewhere), ['/mcpOAuth/eu|1'], 'F').data!.toString();
    expect(out).toContain('{"x": 1, "x": 2}');
    expect(JSON.parse(out)).toEqual({ claudeAiOauth: { x: 2 }, mcpOAuth: { 'us|2': {} } });
  });
});
