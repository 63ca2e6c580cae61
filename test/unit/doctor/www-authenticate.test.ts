import { describe, expect, it } from 'vitest';
import { bearerChallenge, parseWwwAuthenticate } from '../../../src/doctor/www-authenticate';

describe('parseWwwAuthenticate', () => {
  it('reads quoted params, with escapes and commas inside quotes', () => {
    const [c] = parseWwwAuthenticate(
      'Bearer error="invalid_token", error_description="a \\"quoted\\", comma", resource_metadata="https://h/.well-known/oauth-protected-resource/mcp"',
    );
    expect(c!.scheme).toBe('Bearer');
    expect(c!.params.error).toEqual({ value: 'invalid_token', quoted: true, tokenSafe: true });
    expect(c!.params.error_description!.value).toBe('a "quoted", comma');
    expect(c!.params.resource_metadata!.value).toBe('https://h/.well-known/oauth-protected-resource/mcp');
  });

  it('marks an unquoted URL as not token-safe but still reads it', () => {
    const c = bearerChallenge(
      'Bearer realm="x", resource_metadata=https://h/.well-known/oauth-protected-resource',
    );
    expect(c!.params.resource_metadata).toEqual({
      value: 'https://h/.well-known/oauth-protected-resource',
      quoted: false,
      tokenSafe: false,
    });
    expect(c!.params.realm!.value).toBe('x');
  });

  it('splits several challenges and skips token68 credentials', () => {
    const all = parseWwwAuthenticate('Basic abc==, Bearer scope="a b", Negotiate');
    expect(all.map((c) => c.scheme)).toEqual(['Basic', 'Bearer', 'Negotiate']);
    expect(all[1]!.params.scope!.value).toBe('a b');
    expect(Object.keys(all[0]!.params)).toEqual([]);
  });

  it('finds Bearer case-insensitively and returns null without it', () => {
    expect(bearerChallenge('bearer')?.scheme).toBe('bearer');
    expect(bearerChallenge('Basic realm="x"')).toBeNull();
    expect(bearerChallenge(undefined)).toBeNull();
  });

  it('lower-cases parameter names and keeps the first of duplicates', () => {
    const c = bearerChallenge('Bearer Resource_Metadata="https://a", resource_metadata="https://b"');
    expect(c!.params.resource_metadata!.value).toBe('https://a');
  });

  it('never loops on garbage', () => {
    for (const junk of ['=', '==,,', '"', 'Bearer ="x"', 'Bearer a=', ', ,', 'Bearer a="unterminated']) {
      expect(() => parseWwwAuthenticate(junk)).not.toThrow();
    }
  });
});
