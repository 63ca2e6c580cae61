/**
 * Handshake check 6: the `issuer` in the metadata must be identical (byte for byte) to the issuer
 * the metadata URL was built from (RFC 8414 §3.3). MCP 2026-07-28 makes clients discard metadata
 * that fails this; the TypeScript SDK this project ships (1.32) does not check it yet (its auth code
 * says so), newer SDK versions do.
 */
import { evidenceOf, localEvidence } from '../evidence';
import { outcome, skip, type CheckDefinition } from './kit';

function howTheyDiffer(expected: string, actual: string): string {
  if (expected.replace(/\/$/, '') === actual.replace(/\/$/, ''))
    return 'they differ only by a trailing slash';
  if (expected.toLowerCase() === actual.toLowerCase()) return 'they differ only in upper/lower case';
  try {
    const e = new URL(expected);
    const a = new URL(actual);
    if (e.hostname === a.hostname && e.port !== a.port) return 'they differ in the port';
    if (e.origin === a.origin) return 'they differ in the path (a tenant or realm path?)';
    if (e.host !== a.host) return 'they name different hosts';
  } catch {
    return 'one of them is not a URL';
  }
  return 'they differ';
}

export const issuerCheck: CheckDefinition = {
  id: 'issuer',
  title: 'Issuer matches',
  needsTarget: true,
  async run({ probes, timeoutMs }) {
    const as = await probes.authServerMetadata();
    if (as.used === null || as.issuer === null) return skip('No authorization server metadata to compare.');
    const actual = as.used.doc!.issuer;
    const evidence = [
      evidenceOf(as.used.exchange, `metadata issuer: ${String(actual)}`, [], timeoutMs),
      localEvidence(
        `COMPARE issuer`,
        `expected (from ${as.legacy ? 'the MCP origin' : 'authorization_servers in the resource metadata'}): ${as.issuer}; metadata says: ${String(actual)}`,
      ),
    ];
    if (typeof actual !== 'string') {
      return outcome(
        'fail',
        'The authorization server metadata has no issuer.',
        'Add issuer to the metadata.',
        evidence,
        'authorization-server',
      );
    }
    const matches = as.legacy
      ? actual.replace(/\/$/, '') === as.issuer.replace(/\/$/, '')
      : actual === as.issuer;
    if (matches) return outcome('pass', `The metadata’s issuer is exactly ${actual}.`, '', evidence);
    return outcome(
      'fail',
      `The metadata was looked up for issuer "${as.issuer}" but says issuer "${actual}": ${howTheyDiffer(as.issuer, actual)}. Clients that validate the issuer, as MCP 2026-07-28 requires, discard this metadata and cannot sign in; the TypeScript SDK 1.32 does not check it yet, newer SDK versions do. A mismatch also means clients key their stored registration by a different issuer than the one the server names.`,
      `Make authorization_servers in the resource metadata list exactly "${actual}" — or, if the metadata is wrong (e.g. a proxy re-serving it), fix the issuer on the authorization server.`,
      evidence,
      'server',
    );
  },
};
