/**
 * Amazon Q Developer CLI's server configs: `~/.aws/amazonq/mcp.json` (legacy global) and agent
 * files `~/.aws/amazonq/cli-agents/*.json`, each with an `mcpServers` map of
 * `{command, args, env}` or `{type: "http", url, headers, oauthScopes, oauth{redirectUri}}`.
 * Each remote server carries the cache key its credential files are named by.
 */
import type { FileParser, ParsedFile } from '../types';
import { mcpServersFileParser } from './mcp-servers-file';
import { amazonQCacheKey } from './amazon-q-cache';

export function amazonQConfigParser(what: string): FileParser {
  const parse = mcpServersFileParser({ what });
  return (input): ParsedFile => {
    const parsed = parse(input);
    return {
      ...parsed,
      servers: parsed.servers?.map((server) => {
        const key = server.url !== null ? amazonQCacheKey(server.url) : null;
        return key !== null ? { ...server, matchKeys: [key] } : server;
      }),
    };
  };
}
