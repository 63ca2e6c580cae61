/**
 * Links credentials to configured servers and derives the findings that need the whole picture:
 * expiry, orphans, duplicates, stale locks, abandoned sign-ins, ports and needless bridges.
 *
 * Linking: an mcp-remote cache is tied to a server when any client's config launches mcp-remote
 * with args that hash to its file names (mcp-remote-invocation.ts); any other credential is tied
 * to a server its own client configures, by URL (case, default port and trailing slash aside) or
 * by a client-specific match key.
 */
import type { Context } from '../context';
import type { ClientDeclaration, ServerConfig } from '../clients/types';
import type { Finding } from '../model/scan';
import type { ProcessPort } from '../system/process-port';
import type { BuiltCredential } from './credentials';
import * as F from './findings';
import { forPlatform } from './roots';
import { endpointOf, serverKeyMemo } from './url';

/** mcp-remote forgets a PKCE verifier after this long (ABANDONED_FLOW_AGE_MS in its source). */
const ABANDONED_FLOW_MS = 10 * 60 * 1000;
/** mcp-remote's `_lock.json` is honoured for 30 minutes (coordination.ts, isLockValid). */
const DEFAULT_LOCK_MAX_AGE_MS = 30 * 60 * 1000;

export interface OwnedServer {
  client: ClientDeclaration;
  server: ServerConfig;
}

function addTo(map: Map<string, OwnedServer[]>, key: string, s: OwnedServer): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [s]);
  else if (!list.includes(s)) list.push(s);
}

interface OwnIndex {
  byUrl: Map<string, OwnedServer[]>;
  byKey: Map<string, OwnedServer[]>;
}

/** Lookups from hash, URL and match key to the servers that carry them. */
class ServerIndex {
  private readonly byHash = new Map<string, OwnedServer[]>();
  /** Per client, made the first time one of its credentials asks (many clients have none). */
  private readonly own = new Map<string, OwnIndex>();

  constructor(
    private readonly servers: readonly OwnedServer[],
    private readonly serverKey: (url: string) => string,
  ) {
    for (const s of servers) for (const h of s.server.mcpRemoteHashes ?? []) addTo(this.byHash, h, s);
  }

  /**
   * An mcp-remote cache: the servers of any client whose mcp-remote args hash to it. Any other
   * credential: the servers of its own client with its URL or one of its match keys.
   */
  linked(b: BuiltCredential): readonly OwnedServer[] {
    if (b.client.id === 'mcp-remote') {
      // One hash per cache (its file names): the indexed list itself, no copy.
      if (b.matchKeys.length === 1) return this.byHash.get(b.matchKeys[0]!) ?? NONE;
      return unique(b.matchKeys.flatMap((h) => this.byHash.get(h) ?? []));
    }
    const own = this.ownIndex(b.client.id);
    const c = b.scanned.credential;
    const found: OwnedServer[] = [];
    if (c.serverUrl !== null)
      for (const s of own.byUrl.get(this.serverKey(c.serverUrl)) ?? NONE) found.push(s);
    for (const k of b.matchKeys) for (const s of own.byKey.get(k) ?? NONE) found.push(s);
    return unique(found);
  }

  private ownIndex(clientId: string): OwnIndex {
    let index = this.own.get(clientId);
    if (index === undefined) {
      index = { byUrl: new Map(), byKey: new Map() };
      for (const s of this.servers) {
        if (s.client.id !== clientId) continue;
        if (s.server.url !== null) addTo(index.byUrl, this.serverKey(s.server.url), s);
        for (const k of s.server.matchKeys ?? []) addTo(index.byKey, k, s);
      }
      this.own.set(clientId, index);
    }
    return index;
  }
}

const NONE: readonly OwnedServer[] = [];

const unique = <T>(xs: T[]): T[] => (xs.length < 2 ? xs : [...new Set(xs)]);

function orphanReason(b: BuiltCredential): string | null {
  const c = b.scanned.credential;
  if (b.client.credentialsFollowConfig === false) return null;
  // Only an empty, broken or log file: nothing signed in (the malformed file has its own finding).
  if (!c.hasAccessToken && !c.hasRefreshToken && c.oauthClientId === null && c.fingerprint === null) {
    return null;
  }
  if (b.client.id === 'mcp-remote') {
    if (b.matchKeys.length === 0) return null;
    return c.serverUrl !== null
      ? `no client's config launches mcp-remote for ${F.shownUrl(c.serverUrl)} with these arguments any more`
      : `no client's config launches mcp-remote for the server this cache belongs to any more (its URL can only be recovered from a config that still names it)`;
  }
  if (c.serverUrl === null && b.matchKeys.length === 0) return null;
  return c.serverUrl !== null
    ? `${b.client.label}'s config no longer has a server at ${F.shownUrl(c.serverUrl)}`
    : `${b.client.label}'s config no longer has the server it belongs to`;
}

/**
 * Which credentials stand for the same server in one client (kept = newest). Groups come out by
 * client, then in order of their first member.
 */
function duplicateGroups(
  built: readonly BuiltCredential[],
  serverKey: (url: string) => string,
): BuiltCredential[][] {
  // Per client, by server key. A lone credential is stored as itself: most have no duplicate.
  const byClient = new Map<ClientDeclaration, Map<string, BuiltCredential | BuiltCredential[]>>();
  for (const b of built) {
    const c = b.scanned.credential;
    // A credential that is only a lock or flow leftovers is not a second sign-in.
    if (!c.hasAccessToken && c.oauthClientId === null) continue;
    let key: string | null = null;
    if (c.serverUrl !== null) key = serverKey(c.serverUrl);
    else if (b.client.id === 'mcp-remote' && b.matchKeys[0] !== undefined) key = `hash:${b.matchKeys[0]}`;
    if (key === null) continue;
    // Entries of a shared store are keyed by server name: two names for one URL can be intended.
    if (c.entry !== null) key += `|${c.serverName ?? ''}`;
    let groups = byClient.get(b.client);
    if (groups === undefined) {
      groups = new Map<string, BuiltCredential | BuiltCredential[]>();
      byClient.set(b.client, groups);
    }
    const seen = groups.get(key);
    if (seen === undefined) groups.set(key, b);
    else if (Array.isArray(seen)) seen.push(b);
    else groups.set(key, [seen, b]); // an existing key keeps its place
  }
  const out: BuiltCredential[][] = [];
  for (const groups of byClient.values()) for (const g of groups.values()) if (Array.isArray(g)) out.push(g);
  return out;
}

const time = (iso: string | null): number => (iso === null ? 0 : Date.parse(iso));

/** The OS store a client with a `keychain` declaration keeps its tokens in, in words. */
function keychainName(client: ClientDeclaration, ctx: Context): string | null {
  if (forPlatform(client.keychain, ctx) === undefined) return null;
  if (ctx.platform === 'darwin') return 'the macOS Keychain';
  if (ctx.platform === 'win32') return 'Windows Credential Manager';
  return 'the system keyring';
}

/** The app a user signs in from: for an mcp-remote cache, the client whose config runs it. */
function hostLabel(links: readonly OwnedServer[]): string | null {
  const hosts = [...new Set(links.map((l) => l.client.label))];
  return hosts.length === 0 ? null : hosts.join(' or ');
}

export function deriveFindings(
  ctx: Context,
  built: readonly BuiltCredential[],
  servers: readonly OwnedServer[],
  processes: ProcessPort | null,
): Finding[] {
  const now = ctx.now();
  const nowMs = now.getTime();
  const findings: Finding[] = [];

  const serverKey = serverKeyMemo();
  const index = new ServerIndex(servers, serverKey);
  for (const b of built) {
    const c = b.scanned.credential;
    const links = index.linked(b);
    if (links.length > 0) {
      const first = links[0]!.server;
      if (c.serverUrl === null) c.serverUrl = first.bridgedUrl ?? first.url;
      if (c.serverName === null) c.serverName = first.name;
    } else {
      const reason = orphanReason(b);
      if (reason !== null) findings.push(F.orphaned(b, reason));
    }

    if (c.hasAccessToken && !c.hasRefreshToken && b.refreshKnown) {
      if (b.expiresAtMs !== null && b.expiresAtMs <= nowMs)
        findings.push(F.expiredToken(b, now, hostLabel(links)));
      else findings.push(F.noRefreshToken(b));
    }

    if (b.lock !== null) {
      const maxAge = b.lock.maxAgeMs ?? DEFAULT_LOCK_MAX_AGE_MS;
      const stamp = b.lock.timestampMs ?? b.lockFile?.mtimeMs ?? null;
      let reason: string | null = null;
      if (processes !== null && b.lock.pid !== null && !processes.isAlive(b.lock.pid)) {
        reason = `process ${b.lock.pid} that took it is gone`;
      } else if (stamp !== null && nowMs - stamp > maxAge) {
        reason = `it was taken ${F.duration(nowMs - stamp)} ago, and ${b.client.label} honours a lock for ${F.duration(maxAge)} at most`;
      }
      if (reason !== null) findings.push(F.staleLock(b, reason));
    }

    if (b.flowFiles.length > 0) {
      let newest = -Infinity;
      for (const f of b.flowFiles) if (f.mtimeMs > newest) newest = f.mtimeMs;
      let newestOther: number | null = null;
      for (const f of b.scanned.ownFiles) {
        if (b.flowFiles.includes(f) || f === b.lockFile) continue;
        if (newestOther === null || f.mtimeMs > newestOther) newestOther = f.mtimeMs;
      }
      if (nowMs - newest > ABANDONED_FLOW_MS) {
        findings.push(F.leftoverFlow(b, newest, newestOther, now, keychainName(b.client, ctx)));
      }
    }
  }

  for (const group of duplicateGroups(built, serverKey)) {
    const sorted = [...group].sort(
      (a, b) =>
        time(b.scanned.credential.updatedAt) - time(a.scanned.credential.updatedAt) ||
        a.scanned.credential.id.localeCompare(b.scanned.credential.id),
    );
    const kept = sorted[0]!;
    for (const older of sorted.slice(1)) findings.push(F.duplicate(older, kept));
  }

  // Each server gets its own finding: two servers of one config file are two problems.
  for (const { client, server } of servers) {
    const remoteUrl = server.transport === 'mcp-remote' ? (server.bridgedUrl ?? server.url) : server.url;
    if (remoteUrl === null) continue;
    const portCheck = (server.transport === 'http' || server.transport === 'sse') && !client.customPorts;
    const bridgeCheck = server.transport === 'mcp-remote' && client.nativeRemote;
    if (!portCheck && !bridgeCheck) continue;
    const { port, loopback } = endpointOf(remoteUrl);
    if (portCheck && port !== null && port !== 443) findings.push(F.customPort(client, server, port));
    // The bridge is still needed where the client's own connection could not go.
    if (bridgeCheck && (client.customPorts || port === 443) && !loopback) {
      findings.push(F.bridgeNotNeeded(client, server));
    }
  }
  return findings;
}
