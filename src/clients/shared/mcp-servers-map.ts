/**
 * Most clients keep servers as a `{ name: { command, args, env } | { url, type, headers } }` map
 * (`mcpServers` in Claude, Cursor, Windsurf, Gemini, Copilot; `servers` in VS Code; Codex's TOML
 * tables parse to the same shape). This turns such a map into ServerConfig records, deciding the
 * transport and linking mcp-remote wrappers to the cache hashes they produce. Config files are
 * hand-edited, so every odd value is tolerated: a bad entry is skipped, never a crash.
 */
import type { ServerConfig } from '../types';
import type { Transport } from '../../model/scan';
import { mcpRemoteInvocation } from './mcp-remote-invocation';

export interface ServersMapOptions {
  /**
   * Transport of an entry that has a `url` and no `type` (Gemini CLI means SSE by `url` and
   * streamable HTTP by `httpUrl`; most clients mean HTTP). Default: 'http'.
   */
  urlWithoutType?: 'http' | 'sse';
}

const SSE_TYPES = new Set(['sse']);
const HTTP_TYPES = new Set(['http', 'streamable-http', 'streamable_http', 'streamablehttp', 'remote']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Args as strings; numbers and booleans are stringified as a shell would pass them. */
function argList(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : value.trim().split(/\s+/);
  if (!Array.isArray(value)) return [];
  return value
    .filter((a): a is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof a))
    .map(String);
}

function remoteTransport(entry: Record<string, unknown>, options: ServersMapOptions): Transport {
  const type = (str(entry.type) ?? str(entry.transport) ?? '').toLowerCase();
  if (SSE_TYPES.has(type)) return 'sse';
  if (HTTP_TYPES.has(type)) return 'http';
  if (str(entry.httpUrl) !== undefined) return 'http';
  return options.urlWithoutType ?? 'http';
}

/** One entry; null when it is not an object or names neither a URL nor a command. */
export function serverFromEntry(
  name: string,
  entry: unknown,
  source: string,
  options: ServersMapOptions = {},
): ServerConfig | null {
  if (!isRecord(entry)) return null;
  const url = str(entry.httpUrl) ?? str(entry.url) ?? str(entry.serverUrl);
  const command = str(entry.command);
  if (url !== undefined && command === undefined) {
    return { name, url, transport: remoteTransport(entry, options), source };
  }
  if (command !== undefined) {
    const bridge = mcpRemoteInvocation(command, argList(entry.args));
    if (bridge !== null) {
      return {
        name,
        url: bridge.url,
        transport: 'mcp-remote',
        source,
        bridgedUrl: bridge.url,
        mcpRemoteHashes: bridge.hashes,
      };
    }
    return { name, url: null, transport: 'stdio', source };
  }
  return null;
}

/** Every usable entry of a name → entry map, in the file's order. */
export function serversFromMap(
  map: unknown,
  source: string,
  options: ServersMapOptions = {},
): ServerConfig[] {
  if (!isRecord(map)) return [];
  const servers: ServerConfig[] = [];
  for (const [name, entry] of Object.entries(map)) {
    const server = serverFromEntry(name, entry, source, options);
    if (server !== null) servers.push(server);
  }
  return servers;
}
