/**
 * The findings a scan produces, in plain words: what is wrong, and what to do. Severities:
 *   error   - the client cannot use this state (a file it owns is unreadable as data);
 *   warning - the state is stale or blocks a sign-in (expired without refresh, orphaned,
 *             duplicated, stale lock, abandoned sign-in, unreachable port, permission denied);
 *   info    - worth knowing, nothing broken (no refresh token yet, bridge not needed, client
 *             running, secrets held in a keychain, a link not followed).
 * Exit status 1 means at least one error or warning.
 */
import fs from 'node:fs';
import type { ClientDeclaration, ServerConfig } from '../clients/types';
import type { Credential, Finding, FindingAction, FindingCode, Severity } from '../model/scan';
import { redactUrl } from '../redact/index';
import type { BuiltCredential } from './credentials';

export function finding(
  code: FindingCode,
  severity: Severity,
  fields: { client?: ClientDeclaration | null; credential?: string | null; path?: string | null },
  message: string,
  fix: string,
  actions: FindingAction[] = [],
): Finding {
  return {
    code,
    severity,
    client: fields.client?.id ?? null,
    credential: fields.credential ?? null,
    path: fields.path ?? null,
    message,
    fix,
    actions,
  };
}

/**
 * A URL as it may be shown: the password and secret-named parameters masked (redact/url.ts).
 * Only URLs with userinfo, a query or a fragment can hold one, so the rest skip the redactor.
 */
export function shownUrl(url: string): string {
  return /[@?#]/.test(url) ? redactUrl(url) : url;
}

/** "the sign-in for https://x/mcp" or a fallback that still tells the user which one. */
export function describe(c: Credential): string {
  const what =
    c.serverUrl !== null
      ? shownUrl(c.serverUrl)
      : c.issuer !== null
        ? `a server signed in at ${shownUrl(c.issuer)}`
        : 'an unknown server';
  return c.serverName !== null ? `${c.serverName} (${what})` : what;
}

/** Reset buttons: this one sign-in, then (when its server is known) everything for that server. */
function credentialActions(c: Credential, withServer: boolean): FindingAction[] {
  const actions: FindingAction[] = [
    { label: 'Reset this sign-in', target: { kind: 'credential', ids: [c.id] } },
  ];
  if (withServer && c.serverUrl !== null) {
    actions.push({
      label: 'Reset everything for this server',
      target: { kind: 'server', urls: [shownUrl(c.serverUrl)] },
    });
  }
  return actions;
}

/** Where the user signs in again: the app that runs mcp-remote, when known. */
function signInFrom(b: BuiltCredential, host: string | null): string {
  if (b.client.id !== 'mcp-remote') return b.client.label;
  return host !== null
    ? `${host} (which runs mcp-remote for this server)`
    : 'the app that runs mcp-remote for this server';
}

const resetHint = (c: Credential): string => `mcp-auth-doctor reset --credential ${c.id}`;

export function malformedFile(client: ClientDeclaration, path: string, problem: string): Finding {
  return finding(
    'malformed-file',
    'error',
    { client, path },
    `${client.label} cannot use ${path}: ${problem}.`,
    `Open the file and repair it, or remove it so ${client.label} writes a fresh one (a reset backs it up first). The rest of the scan went on without it.`,
  );
}

/** The button for a malformed file the client itself wrote for one sign-in (never a config). */
export function removeBrokenFileAction(credential: string, path: string): FindingAction {
  return { label: 'Remove the unreadable file', target: { kind: 'files', credential, paths: [path] } };
}

export function tooLarge(client: ClientDeclaration, path: string, bytes: number, limit: number): Finding {
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return malformedFile(
    client,
    path,
    `it is ${mb(bytes)}, more than the ${mb(limit)} such a file ever needs, so it was not read`,
  );
}

export function unreadable(client: ClientDeclaration, path: string, code: string): Finding {
  return finding(
    'unreadable-path',
    'warning',
    { client, path },
    `${path} cannot be read (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code}), so what ${client.label} keeps there is unknown.`,
    `Check the owner and permissions of ${path}; it should belong to you. Then scan again.`,
  );
}

/** Why a link's target could not be resolved: a loop, or nothing there. */
function brokenLinkKind(path: string): 'loop' | 'missing' | null {
  try {
    fs.realpathSync(path);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ELOOP' ? 'loop' : 'missing';
  }
}

export function linkNotFollowed(client: ClientDeclaration, path: string, target: string | null): Finding {
  if (target === null && brokenLinkKind(path) === 'loop') {
    return finding(
      'unreadable-path',
      'info',
      { client, path },
      `${path} is a symbolic link that leads back to itself (a link loop), so it points to no file. Links are never followed, so it was not read.`,
      `Nothing reads through a loop: delete the link by hand if it is in your way; otherwise nothing needs doing.`,
    );
  }
  const where =
    target === null ? `a target that does not exist` : `${target}, outside ${client.label}'s folders`;
  return finding(
    'unreadable-path',
    'info',
    { client, path },
    `${path} is a symbolic link to ${where}. Links are never followed, so it was not read and a reset will not touch what it points to.`,
    `If ${client.label} should keep its files there, look at them by hand; otherwise nothing needs doing.`,
  );
}

export function expiredToken(b: BuiltCredential, now: Date, host: string | null = null): Finding {
  const c = b.scanned.credential;
  return finding(
    'expired-token',
    'warning',
    { client: b.client, credential: c.id, path: c.files[0]?.path },
    `The access token ${b.client.label} holds for ${describe(c)} expired on ${c.expiresAt} (${ago(now, c.expiresAt)}) and there is no refresh token, so the next connection needs a full sign-in. If the server has since moved or forgotten this client, that sign-in fails with the old registration.`,
    `Sign in again from ${signInFrom(b, host)}. If it fails, reset this credential (${resetHint(c)}) and sign in fresh. To stop it expiring for good, the server must issue refresh tokens: ask for the offline_access scope, or have the server's admin allow it.`,
    credentialActions(c, true),
  );
}

export function noRefreshToken(b: BuiltCredential): Finding {
  const c = b.scanned.credential;
  return finding(
    'no-refresh-token',
    'info',
    { client: b.client, credential: c.id, path: c.files[0]?.path },
    `${b.client.label} holds an access token for ${describe(c)} but no refresh token${c.expiresAt !== null ? `; when it expires (${c.expiresAt}) you will have to sign in again` : ''}.`,
    `Servers usually issue a refresh token only when the offline_access scope is requested. If yours supports it, add offline_access to the scopes requested for this server (or ask its admin to).`,
  );
}

export function orphaned(b: BuiltCredential, why: string): Finding {
  const c = b.scanned.credential;
  return finding(
    'orphaned-credential',
    'warning',
    { client: b.client, credential: c.id, path: c.files[0]?.path },
    `${b.client.label} still holds a sign-in for ${describe(c)}, but ${why}. It is left over from an old domain, port or environment, or from a removed server.`,
    b.client.unreadConfig === undefined
      ? `Nothing uses it any more: reset it (${resetHint(c)}). If you still use that server, add it back to the client's config instead.`
      : `Unless you still use that server from ${b.client.unreadConfig}, which this scan does not read, nothing uses it any more: reset it (${resetHint(c)}). If you still use that server, keep it, or add it back to the client's config.`,
    credentialActions(c, true),
  );
}

export function duplicate(b: BuiltCredential, kept: BuiltCredential): Finding {
  const c = b.scanned.credential;
  const k = kept.scanned.credential;
  const issuers =
    c.issuer !== null && k.issuer !== null && c.issuer !== k.issuer
      ? ` This one was issued by ${shownUrl(c.issuer)}, the newer one by ${shownUrl(k.issuer)}: typical after switching the server's environment.`
      : '';
  const where =
    c.files[0] !== undefined && k.files[0] !== undefined
      ? ` (${c.files[0].path} next to ${k.files[0].path})`
      : '';
  return finding(
    'duplicate-credential',
    'warning',
    { client: b.client, credential: c.id, path: c.files[0]?.path },
    `${b.client.label} holds more than one sign-in for ${describe(k)}${where}; this one (updated ${c.updatedAt ?? 'at an unknown time'}) is older than ${k.id}.${issuers} Which one the client picks is not guaranteed.`,
    `Reset the older one (${resetHint(c)}) and keep ${k.id}; if the server still fails, reset both and sign in once.`,
    credentialActions(c, false),
  );
}

export function staleLock(b: BuiltCredential, reason: string): Finding {
  const c = b.scanned.credential;
  return finding(
    'stale-lock',
    'warning',
    { client: b.client, credential: c.id, path: b.lockFile?.path ?? null },
    `${b.lockFile?.path ?? 'A lock file'} claims a sign-in or token refresh for ${describe(c)} is under way, but ${reason}. ${b.client.label} may wait for it or refuse to start a new sign-in.`,
    `Quit every ${b.client.label} process for this server, then remove the lock file; the sign-in itself can stay.`,
    b.lockFile !== null
      ? [
          {
            label: 'Remove the stale lock file',
            target: { kind: 'files', credential: c.id, paths: [b.lockFile.path] },
          },
        ]
      : [],
  );
}

/**
 * `tokensElsewhere`: where the client keeps tokens in an OS keychain, no token file proves
 * nothing about whether the sign-in finished.
 */
export function leftoverFlow(
  b: BuiltCredential,
  newestFlowMs: number,
  newestOtherMs: number | null,
  now: Date,
  tokensElsewhere: string | null = null,
): Finding {
  const c = b.scanned.credential;
  let finished: string;
  let severity: Severity = 'warning';
  if (!c.hasAccessToken && tokensElsewhere !== null) {
    severity = 'info';
    finished = `${b.client.label} keeps its tokens in ${tokensElsewhere} here, where this scan cannot look, so whether that sign-in finished is unknown: at most these files are leftovers.`;
  } else if (!c.hasAccessToken) {
    finished =
      'No token was saved, so that sign-in never finished; after a server move this usually means the authorization server refused the cached client.';
  } else if (newestOtherMs !== null && newestOtherMs > newestFlowMs) {
    finished = 'A later sign-in did finish, so these are just leftovers.';
  } else {
    finished =
      'The cached token is older than this attempt: the client had to sign in again and did not finish, which usually means the server no longer accepts the cached token or client (after a server move or an environment switch).';
  }
  const count = b.flowFiles.length === 1 ? 'a file' : `${b.flowFiles.length} files`;
  return finding(
    'leftover-flow-state',
    severity,
    { client: b.client, credential: c.id, path: b.flowFiles[0]?.path ?? null },
    `${b.client.label} left ${count} of an unfinished sign-in for ${describe(c)} (PKCE verifier or discovery state, last written ${ago(now, new Date(newestFlowMs).toISOString())}). ${finished}`,
    `They are only needed while a sign-in is in progress: remove them. If signing in keeps failing, reset this credential (${resetHint(c)}) so the next sign-in starts clean, without the cached registration.`,
    [
      {
        label: "Remove the abandoned sign-in's files",
        target: { kind: 'files', credential: c.id, paths: b.flowFiles.map((f) => f.path) },
      },
      ...credentialActions(c, false),
    ],
  );
}

export function customPort(client: ClientDeclaration, server: ServerConfig, port: number): Finding {
  const url = server.url === null ? '' : ` at ${shownUrl(server.url)}`;
  if (client.id === 'claude-desktop') {
    // Claude Desktop reads only local (stdio) servers from its config file, whatever the port.
    return finding(
      'custom-port',
      'warning',
      { client, path: server.source },
      `${server.name} is given by URL${url} in ${server.source}, but Claude Desktop does not connect remote servers listed in that file at all, whatever the port. As a custom connector instead, it would also need the standard HTTPS port 443, not ${port}.`,
      `Serve the MCP server on port 443 (a reverse proxy in front of port ${port} will do) and add it as a custom connector (Settings → Connectors → Add custom connector), then remove this entry from the file.`,
    );
  }
  return finding(
    'custom-port',
    'warning',
    { client, path: server.source },
    `${client.label} is configured to reach ${server.name}${url}, on port ${port}, but it only connects to remote servers on the standard HTTPS port 443, so this connection fails.`,
    `Serve the MCP server on port 443 (a reverse proxy or load balancer in front of port ${port} will do), then use that URL.`,
  );
}

export function bridgeNotNeeded(client: ClientDeclaration, server: ServerConfig): Finding {
  return finding(
    'bridge-not-needed',
    'info',
    { client, path: server.source },
    `${client.label} runs mcp-remote to reach ${server.name} (${shownUrl(server.bridgedUrl ?? server.url ?? '')}), but it can connect to remote HTTP servers itself. The bridge keeps a second OAuth cache in ~/.mcp-auth that goes stale on its own and can open extra sign-in tabs.`,
    client.id === 'claude-desktop'
      ? `Add the server as a custom connector (Settings → Connectors → Add custom connector) with its URL, then remove the mcp-remote entry from claude_desktop_config.json.`
      : `Configure ${server.name} with its URL directly (HTTP transport) and remove the mcp-remote command.`,
  );
}

export function clientRunning(client: ClientDeclaration): Finding {
  return finding(
    'client-running',
    'info',
    { client },
    `${client.label} is running. It keeps sign-ins in memory and may write them back over a reset.`,
    `Quit ${client.label} before resetting its credentials; reset asks you to, unless forced.`,
  );
}

export function keychain(client: ClientDeclaration, where: string): Finding {
  return finding(
    'secrets-in-keychain',
    'info',
    { client },
    `${where} Those secrets are not in files, so this scan cannot list them.`,
    client.ownReset !== undefined
      ? `To clear them, use ${client.label}'s own command: ${client.ownReset}`
      : `To clear them, remove the item with your OS's keychain tool.`,
  );
}

/** A span of time in plain words and one unit: "45 minutes", "2 hours", "3 days". */
export function duration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 1) {
    const seconds = Math.round(Math.abs(ms) / 1000);
    return seconds < 1 ? 'less than a second' : plural(seconds, 'second');
  }
  if (minutes < 120) return plural(minutes, 'minute');
  if (minutes < 48 * 60) return plural(Math.round(minutes / 60), 'hour');
  return plural(Math.round(minutes / 1440), 'day');
}

function ago(now: Date, isoTime: string | null): string {
  if (isoTime === null) return 'at an unknown time';
  const ms = now.getTime() - Date.parse(isoTime);
  const text = Math.abs(ms) < 60_000 ? 'less than a minute' : duration(ms);
  return ms < 0 ? `in ${text}` : `${text} ago`;
}
