import { describe, expect, it } from 'vitest';
import { hasJsonEntry, reinsertJsonEntry, removeJsonEntry } from '../../../src/reset/json-entry';
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
