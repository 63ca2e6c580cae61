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
import { effectivePort, isLoopback, sameServerKey } from './url';

/** mcp-remote forgets a PKCE verifier after this long (ABANDONED_FLOW_AGE_MS in its source). */
const ABANDONED_FLOW_MS = 10 * 60 * 1000;
/** mcp-remote's `_lock.json` is honoured for 30 minutes (coordination.ts, isLockValid). */
const DEFAULT_LOCK_MAX_AGE_MS = 30 * 60 * 1000;

export interface OwnedServer {
  client: ClientDeclaration;
  server: ServerConfig;
}

/** Lookups from hash, URL and match key to the servers that carry them. */
class ServerIndex {
  private readonly byHash = new Map<string, OwnedServer[]>();
  private readonly byUrl = new Map<string, OwnedServer[]>();
  private readonly byKey = new Map<string, OwnedServer[]>();

  constructor(servers: readonly OwnedServer[]) {
    const add = (map: Map<string, OwnedServer[]>, key: string, s: OwnedServer): void => {
      const list = map.get(key);
      if (list === undefined) map.set(key, [s]);
      else if (!list.includes(s)) list.push(s);
    };
    for (const s of servers) {
      for (const h of s.server.mcpRemoteHashes ?? []) add(this.byHash, h, s);
      if (s.server.url !== null) add(this.byUrl, `${s.client.id}|${sameServerKey(s.server.url)}`, s);
      for (const k of s.server.matchKeys ?? []) add(this.byKey, `${s.client.id}|${k}`, s);
    }
  }

  /**
   * An mcp-remote cache: the servers of any client whose mcp-remote args hash to it. Any other
   * credential: the servers of its own client with its URL or one of its match keys.
   */
  linked(b: BuiltCredential): OwnedServer[] {
    if (b.client.id === 'mcp-remote') return unique(b.matchKeys.flatMap((h) => this.byHash.get(h) ?? []));
    const c = b.scanned.credential;
    const found: OwnedServer[] = [];
    if (c.serverUrl !== null)
      found.push(...(this.byUrl.get(`${b.client.id}|${sameServerKey(c.serverUrl)}`) ?? []));
    for (const k of b.matchKeys) found.push(...(this.byKey.get(`${b.client.id}|${k}`) ?? []));
    return unique(found);
  }
}

const unique = <T>(xs: T[]): T[] => (xs.length < 2 ? xs : [...new Set(xs)]);

function orphanReason(b: BuiltCredential): string | null {
  const c = b.scanned.credential;
  if (b.client.credentialsFollowConfig === false) return null;
  if (b.client.id === 'mcp-remote') {
    if (b.matchKeys.length === 0) return null;
    return c.serverUrl !== null
      ? `no client's config launches mcp-remote for ${c.serverUrl} with these arguments any more`
      : `no client's config launches mcp-remote for the server this cache belongs to any more (its URL can only be recovered from a config that still names it)`;
  }
  if (c.serverUrl === null && b.matchKeys.length === 0) return null;
  return c.serverUrl !== null
    ? `${b.client.label}'s config no longer has a server at ${c.serverUrl}`
    : `${b.client.label}'s config no longer has the server it belongs to`;
}

/** Which credentials stand for the same server in one client (kept = newest). */
function duplicateGroups(built: readonly BuiltCredential[]): BuiltCredential[][] {
  const groups = new Map<string, BuiltCredential[]>();
  for (const b of built) {
    const c = b.scanned.credential;
    let key: string | null = null;
    if (c.serverUrl !== null) key = sameServerKey(c.serverUrl);
    else if (b.client.id === 'mcp-remote' && b.matchKeys[0] !== undefined) key = `hash:${b.matchKeys[0]}`;
    if (key === null) continue;
    // Entries of a shared store are keyed by server name: two names for one URL can be intended.
    if (c.entry !== null) key += `|${c.serverName ?? ''}`;
    // A credential that is only a lock or flow leftovers is not a second sign-in.
    if (!c.hasAccessToken && c.oauthClientId === null) continue;
    const id = `${b.client.id}|${key}`;
    const list = groups.get(id);
    if (list) list.push(b);
    else groups.set(id, [b]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

const time = (iso: string | null): number => (iso === null ? 0 : Date.parse(iso));

export function deriveFindings(
  ctx: Context,
  built: readonly BuiltCredential[],
  servers: readonly OwnedServer[],
  processes: ProcessPort | null,
): Finding[] {
  const now = ctx.now();
  const findings: Finding[] = [];

  const index = new ServerIndex(servers);
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

    const expires = c.expiresAt === null ? null : Date.parse(c.expiresAt);
    if (c.hasAccessToken && !c.hasRefreshToken && b.refreshKnown) {
      if (expires !== null && expires <= now.getTime()) findings.push(F.expiredToken(b, now));
      else findings.push(F.noRefreshToken(b));
    }

    if (b.lock !== null) {
      const maxAge = b.lock.maxAgeMs ?? DEFAULT_LOCK_MAX_AGE_MS;
      const stamp = b.lock.timestampMs ?? b.lockFile?.mtimeMs ?? null;
      let reason: string | null = null;
      if (processes !== null && b.lock.pid !== null && !processes.isAlive(b.lock.pid)) {
        reason = `process ${b.lock.pid} that took it is gone`;
      } else if (stamp !== null && now.getTime() - stamp > maxAge) {
        reason = `it was taken ${Math.round((now.getTime() - stamp) / 60_000)} minute(s) ago, longer than ${b.client.label} honours a lock (${Math.round(maxAge / 1000)} s)`;
      }
      if (reason !== null) findings.push(F.staleLock(b, reason));
    }

    if (b.flowFiles.length > 0) {
      const newest = Math.max(...b.flowFiles.map((f) => f.mtimeMs));
      const others = b.scanned.ownFiles.filter((f) => !b.flowFiles.includes(f) && f !== b.lockFile);
      const newestOther = others.length > 0 ? Math.max(...others.map((f) => f.mtimeMs)) : null;
      if (now.getTime() - newest > ABANDONED_FLOW_MS)
        findings.push(F.leftoverFlow(b, newest, newestOther, now));
    }
  }

  for (const group of duplicateGroups(built)) {
    const sorted = [...group].sort(
      (a, b) =>
        time(b.scanned.credential.updatedAt) - time(a.scanned.credential.updatedAt) ||
        a.scanned.credential.id.localeCompare(b.scanned.credential.id),
    );
    const kept = sorted[0]!;
    for (const older of sorted.slice(1)) findings.push(F.duplicate(older, kept));
  }

  for (const { client, server } of servers) {
    const remoteUrl = server.transport === 'mcp-remote' ? (server.bridgedUrl ?? server.url) : server.url;
    if (remoteUrl === null) continue;
    const port = effectivePort(remoteUrl);
    if ((server.transport === 'http' || server.transport === 'sse') && !client.customPorts) {
      if (port !== null && port !== 443) findings.push(F.customPort(client, server, port));
    }
    if (server.transport === 'mcp-remote' && client.nativeRemote) {
      // The bridge is still needed where the client's own connection could not go.
      const reachable = (client.customPorts || port === 443) && !isLoopback(remoteUrl);
      if (reachable) findings.push(F.bridgeNotNeeded(client, server));
    }
  }
  return findings;
}
