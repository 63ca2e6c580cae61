/**
 * A JSON config whose servers sit in a top-level `mcpServers` map (Copilot CLI's
 * `mcp-config.json`, Claude Desktop's `claude_desktop_config.json`). Strict JSON by default: these
 * clients load the file with JSON.parse, so a comment or trailing comma breaks it for them too and
 * is reported as such.
 */
import { readJsonFast } from './json';
import type { FileParser, ParsedFile } from '../types';
import { isRecord, readJson } from '../parsers/json-text';
import { serversFromMap, type ServersMapOptions } from './mcp-servers-map';

export function mcpServersConfigParser(
  what: string,
  options: ServersMapOptions & { comments?: boolean } = {},
): FileParser {
  const { comments, ...mapOptions } = options;
  return (input): ParsedFile => {
    const json =
      comments === true ? readJson(input.bytes, what, { comments: true }) : readJsonFast(input, what);
    if (!json.ok) return { problems: [json.problem] };
    if (json.empty) return {};
    if (!isRecord(json.value)) return { problems: [{ message: `${what} is not a JSON object` }] };
    const map = json.value.mcpServers;
    if (map !== undefined && !isRecord(map)) {
      return { problems: [{ message: `"mcpServers" in ${what} is not an object of servers` }] };
    }
    return { servers: serversFromMap(map, input.path, mapOptions) };
  };
}
