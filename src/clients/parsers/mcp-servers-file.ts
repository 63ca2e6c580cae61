/**
 * A config file whose servers sit in a top-level `mcpServers` map (Cursor's `mcp.json`,
 * Windsurf's `mcp_config.json`, Gemini CLI's `settings.json`, Amazon Q's `mcp.json` and agent
 * files, MCP Inspector's catalog). Comments are accepted: these files are hand-edited and the
 * clients that read them tolerate comments or strip them.
 */
import type { FileParser, ParsedFile } from '../types';
import { serversFromMap, type ServersMapOptions } from '../shared/mcp-servers-map';
import { isRecord, readJson } from './json-text';

export interface McpServersFileOptions extends ServersMapOptions {
  /** The file's name as the user knows it, for problem messages. */
  what: string;
  /**
   * A key tying a server to the credentials its client stores under the server's name (the
   * drafts carry the same key in `matchKeys`).
   */
  nameKey?: (name: string) => string;
}

export function mcpServersFileParser(options: McpServersFileOptions): FileParser {
  const { what, nameKey, ...mapOptions } = options;
  return (input): ParsedFile => {
    const json = readJson(input.bytes, what, { comments: true });
    if (!json.ok) return { problems: [json.problem] };
    if (json.empty) return {};
    if (!isRecord(json.value)) return { problems: [{ message: `${what} is not a JSON object` }] };
    const servers = serversFromMap(json.value.mcpServers, input.path, mapOptions);
    return { servers: nameKey ? servers.map((s) => ({ ...s, matchKeys: [nameKey(s.name)] })) : servers };
  };
}
