/**
 * The key Claude Code (`mcpOAuth`) and Codex (`.credentials.json`, keyring account) file an MCP
 * sign-in under: `<server name>|<first 16 hex of sha256(JSON {type, url, headers})>`, headers
 * defaulting to `{}` (clients.md §4 and §9; Codex's form checked against a real 0.169 run).
 */
import { createHash } from 'node:crypto';

export function mcpStoreKey(
  name: string,
  type: 'http' | 'sse',
  url: string,
  headers: Record<string, unknown> = {},
): string {
  const digest = createHash('sha256').update(JSON.stringify({ type, url, headers })).digest('hex');
  return `${name}|${digest.slice(0, 16)}`;
}
