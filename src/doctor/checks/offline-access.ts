/**
 * Handshake check 15 (the part a read-only probe can see): can a client get a refresh token? The
 * refresh_token grant must be offered, and many authorization servers only issue refresh tokens
 * when `offline_access` is requested — which clients (the TS SDK, Claude) only do when the
 * metadata lists it in scopes_supported.
 */
import type { CheckStatus } from '../../model/index';
import { outcome, skip, worst, type CheckDefinition } from './kit';
import { NO_METADATA, show, stringList, usedMetadata } from './metadata-fields';

export const offlineAccessCheck: CheckDefinition = {
  id: 'offline-access',
  title: 'Refresh tokens possible (offline_access)',
  needsTarget: true,
  async run({ probes, timeoutMs }) {
    const meta = await usedMetadata(probes, timeoutMs);
    if (meta === null) return skip(NO_METADATA);
    const grants = stringList(meta.doc.grant_types_supported);
    const scopes = stringList(meta.doc.scopes_supported);
    const evidence = [
      meta.evidence(`grant_types_supported: ${show(grants)}; scopes_supported: ${show(scopes)}`),
    ];
    let status: CheckStatus = 'pass';
    const problems: string[] = [];
    const fixes: string[] = [];
    if (grants === null || !grants.includes('refresh_token')) {
      status = worst(status, 'warn');
      problems.push(
        grants === null
          ? 'grant_types_supported is absent, which by RFC 8414 means no refresh_token grant'
          : `grant_types_supported ${show(grants)} has no refresh_token`,
      );
      fixes.push('Enable and advertise the refresh_token grant.');
    }
    if (scopes === null || !scopes.includes('offline_access')) {
      status = worst(status, 'warn');
      problems.push(
        'scopes_supported does not list offline_access, so clients that add it only when advertised never ask for it, and authorization servers that issue refresh tokens only for offline_access give none',
      );
      fixes.push(
        'Server owners: advertise and allow offline_access on the authorization server (not in the resource metadata). Client users: add offline_access to the requested scopes where the client allows it (mcp-remote --static-oauth-client-metadata, Claude Code oauth.scopes).',
      );
    }
    if (status === 'pass') {
      return outcome(
        'pass',
        'The refresh_token grant and the offline_access scope are advertised.',
        '',
        evidence,
      );
    }
    return outcome(
      status,
      `Users may have to sign in again every time the access token expires: ${problems.join('; ')}.`,
      fixes.join(' '),
      evidence,
      'authorization-server',
    );
  },
};
