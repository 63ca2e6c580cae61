import { describe, expect, it } from 'vitest';
import { parseMcpRemoteFile } from '../../../../src/clients/parsers/mcp-remote-cache';
import type { ParseInput } from '../../../../src/clients/types';

const HASH = '17e6f1b41da292253c645c37ec7bb935';
const input = (
  name: string,
  content: string | object,
  folder = 'mcp-remote-v1',
  mtimeMs = 1_000_000,
): ParseInput => ({
  path: `/h/.mcp-auth/${folder}/${name}`,
  relative: `${folder}/${name}`,
  bytes: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)),
  mtimeMs,
  ctx: { home: '/h', env: {}, platform: 'linux', now: () => new Date(0) },
});

describe('mcp-remote cache parser', () => {
  it('reads client_info.json as a DCR registration with its issuer; the secret only as a secret', () => {
    const out = parseMcpRemoteFile(
      input(`${HASH}_client_info.json`, {
        client_id: 'abc',
        client_secret: 's3cret',
        issuer: 'https://auth.example/',
      }),
    );
    expect(out.credentials).toEqual([
      {
        groupKey: `mcp-remote-v1/${HASH}`,
        matchKeys: [HASH],
        oauthClientId: 'abc',
        issuer: 'https://auth.example/',
        registration: 'dcr',
        secrets: ['s3cret'],
      },
    ]);
    expect(out.problems).toBeUndefined();
  });

  it('calls a client id that is an https URL a CIMD client', () => {
    const out = parseMcpRemoteFile(
      input(`${HASH}_client_info.json`, { client_id: 'https://app.example/client.json' }),
    );
    expect(out.credentials![0]!.registration).toBe('cimd');
  });

  it('takes expires_at when present, else mtime + expires_in (older releases)', () => {
    const modern = parseMcpRemoteFile(
      input(`${HASH}_tokens.json`, { access_token: 'a', expires_in: 3600, expires_at: 5_000_000 }),
    ).credentials![0]!;
    expect(modern.expiresAtMs).toBe(5_000_000);
    expect(modern.hasAccessToken).toBe(true);
    expect(modern.hasRefreshToken).toBe(false);
    const legacy = parseMcpRemoteFile(
      input(
        `${HASH}_tokens.json`,
        { access_token: 'a', refresh_token: 'r', expires_in: 60 },
        'mcp-remote-0.1.37',
        2_000_000,
      ),
    ).credentials![0]!;
    expect(legacy.expiresAtMs).toBe(2_060_000);
    expect(legacy.hasRefreshToken).toBe(true);
    expect(legacy.groupKey).toBe(`mcp-remote-0.1.37/${HASH}`);
    expect(legacy.secrets).toEqual(['a', 'r']);
  });

  it('marks verifiers (both name forms) and discovery state as flow state', () => {
    for (const name of [`${HASH}_code_verifier.txt`, `${HASH}_code_verifier_3c0c235d.txt`]) {
      const d = parseMcpRemoteFile(input(name, 'verifier-value\n')).credentials![0]!;
      expect(d.flowState).toBe(true);
      expect(d.secrets).toEqual(['verifier-value']);
    }
    const disc = parseMcpRemoteFile(
      input(`${HASH}_discovery_state_3c0c235d.json`, {
        authorizationServerMetadata: { issuer: 'https://as.example/' },
      }),
    ).credentials![0]!;
    expect(disc).toMatchObject({ flowState: true, issuer: 'https://as.example/' });
  });

  it('reads both lock kinds with how long mcp-remote honours them', () => {
    const lock = parseMcpRemoteFile(input(`${HASH}_lock.json`, { pid: 42, port: 3334, timestamp: 123 }))
      .credentials![0]!;
    expect(lock.lock).toEqual({ pid: 42, port: 3334, timestampMs: 123, maxAgeMs: 30 * 60 * 1000 });
    const lease = parseMcpRemoteFile(
      input(`${HASH}_refresh_in_progress.json`, { pid: 7, nonce: 'n', at: 456 }),
    ).credentials![0]!;
    expect(lease.lock).toEqual({ pid: 7, port: null, timestampMs: 456, maxAgeMs: 30 * 1000 });
  });

  it('keeps debug logs and leftover temp writes in the group without reading them', () => {
    for (const name of [`${HASH}_debug.log`, `${HASH}_tokens.json.123.456.tmp`]) {
      expect(parseMcpRemoteFile(input(name, '\u0000binary')).credentials).toEqual([
        { groupKey: `mcp-remote-v1/${HASH}`, matchKeys: [HASH] },
      ]);
    }
  });

  it('ignores names that are not <md5>_<kind>', () => {
    expect(parseMcpRemoteFile(input('notes.json', {}))).toEqual({});
    expect(parseMcpRemoteFile(input('XYZ_tokens.json', {}))).toEqual({});
  });

  it('reports malformed, empty, binary and non-object files without quoting them', () => {
    const secretish = '{"access_token": "tok-123", oops}';
    const bad = parseMcpRemoteFile(input(`${HASH}_tokens.json`, secretish));
    expect(bad.credentials).toEqual([{ groupKey: `mcp-remote-v1/${HASH}`, matchKeys: [HASH] }]);
    expect(bad.problems![0]!.message).toMatch(/not valid JSON: .* at line 1, column \d+/);
    expect(bad.problems![0]!.message).not.toContain('tok-123');
    expect(parseMcpRemoteFile(input(`${HASH}_tokens.json`, '')).problems![0]!.message).toContain('is empty');
    expect(parseMcpRemoteFile(input(`${HASH}_client_info.json`, '[1,2]')).problems![0]!.message).toContain(
      'not a JSON object',
    );
    const binary = parseMcpRemoteFile(
      input(`${HASH}_tokens.json`, Buffer.from([0x7b, 0x00, 0xff]).toString('latin1')),
    );
    expect(binary.problems![0]!.message).toMatch(/binary|UTF-8/);
    expect(parseMcpRemoteFile(input(`${HASH}_client_info.json`, {})).problems![0]!.message).toContain(
      'no client_id',
    );
  });
});
