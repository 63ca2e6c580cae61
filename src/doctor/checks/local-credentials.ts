/**
 * Handshake check 18: what the clients on this machine cached for this URL, against what the
 * server advertises now. A credential issued by another authorization server is stale: MCP
 * 2026-07-28 (SEP-2352) says clients must re-register, and many replay the dead client id instead.
 * Only records with fingerprints are read here: no secret reaches this check.
 */
import type { Credential, Evidence } from '../../model/index';
import { localEvidence } from '../evidence';
import { comparableServerUrl } from '../well-known';
import { outcome, skip, type CheckDefinition } from './kit';

const comparableIssuer = (issuer: string): string => comparableServerUrl(issuer) ?? issuer.replace(/\/$/, '');

function describe(c: Credential, now: Date): string {
  const parts = [
    `issuer: ${c.issuer ?? 'not recorded'}`,
    `client id: ${c.oauthClientId ?? 'none'}`,
    `registration: ${c.registration}`,
    `tokens: ${c.hasAccessToken ? 'access' : 'no access'}, ${c.hasRefreshToken ? 'refresh' : 'no refresh'}`,
  ];
  if (c.expiresAt !== null && c.hasAccessToken && Date.parse(c.expiresAt) < now.getTime()) {
    parts.push(`expired ${c.expiresAt}${c.hasRefreshToken ? '' : ' and no refresh token: sign-in needed'}`);
  }
  if (c.files.length > 0) parts.push(`files: ${c.files.map((f) => f.path).join(', ')}`);
  if (c.entry !== null) parts.push(`entry: ${c.entry}`);
  return parts.join('; ');
}

export function resetCommand(ids: string[]): string {
  return `mcp-auth-doctor reset ${ids.map((id) => `--credential ${id}`).join(' ')}`;
}

export const localCredentialsCheck: CheckDefinition = {
  id: 'local-credentials',
  title: 'Cached credentials match this server',
  needsTarget: false,
  async run({ target, rawUrl, probes, loadCredentials, ctx }) {
    if (loadCredentials === undefined) return skip('No client caches were read (no scanner available).');
    let credentials: Credential[];
    try {
      credentials = await loadCredentials(target?.href ?? rawUrl);
    } catch (err) {
      return skip(
        `The client caches could not be read: ${err instanceof Error ? err.message : String(err)}.`,
      );
    }
    if (credentials.length === 0) {
      return outcome('pass', 'No client on this machine holds cached credentials for this URL.', '');
    }
    const evidence: Evidence[] = credentials.map((c) =>
      localEvidence(`CACHE ${c.client} ${c.id}`, describe(c, ctx.now())),
    );
    const advertised = new Set<string>();
    if (target !== null) {
      const [prm, as] = await Promise.all([probes.resourceMetadata(), probes.authServerMetadata()]);
      const prmDoc = prm.used?.doc ?? prm.attempts.find((a) => a.problem === null)?.doc;
      for (const s of (prmDoc?.authorization_servers as string[] | undefined) ?? [])
        advertised.add(comparableIssuer(s));
      const issuer = as.used?.doc?.issuer;
      if (typeof issuer === 'string') advertised.add(comparableIssuer(issuer));
      else if (as.legacy && as.issuer !== null) advertised.add(comparableIssuer(as.issuer));
    }
    if (advertised.size === 0) {
      return skip(
        `${credentials.length} cached credential(s) found, but the server does not advertise an authorization server to compare them with.`,
        evidence,
      );
    }
    const stale = credentials.filter((c) => c.issuer !== null && !advertised.has(comparableIssuer(c.issuer)));
    const unknown = credentials.filter((c) => c.issuer === null).length;
    if (unknown === credentials.length) {
      const command = resetCommand(credentials.map((c) => c.id));
      return {
        ...skip(
          `${credentials.length} cached credential(s) found for this URL, but none of them records the authorization server it came from, so the doctor cannot tell whether they are stale. If signing in keeps failing, resetting them makes the client register and sign in afresh: ${command} (add --dry-run to preview).`,
          evidence,
        ),
        shownAsIs: [command],
      };
    }
    const unknownNote =
      unknown > 0 ? ` ${unknown} credential(s) do not record their issuer and cannot be compared.` : '';
    if (stale.length === 0) {
      return outcome(
        'pass',
        `${credentials.length - unknown} cached credential(s) come from the authorization server the server advertises now.${unknownNote}`,
        '',
        evidence,
      );
    }
    const ids = stale.map((c) => c.id);
    const command = resetCommand(ids);
    const who = [...new Set(stale.map((c) => c.client))].join(', ');
    const result = outcome(
      'fail',
      `${stale.length} cached credential(s) (${who}) were issued by ${[...new Set(stale.map((c) => c.issuer))].join(', ')}, but the server now advertises ${[...advertised].join(', ')}. The client will keep sending a client id and tokens the new authorization server does not know ("unable to retrieve client", "invalid_client").${unknownNote}`,
      `Reset them: ${command} (add --dry-run to preview). The client then registers again and asks you to sign in once.`,
      evidence,
      'client-cache',
    );
    return { ...result, resetCredentialIds: ids, shownAsIs: [command] };
  },
};
