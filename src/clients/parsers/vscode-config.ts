/**
 * VS Code's MCP server configs: `User/mcp.json` (and each profile's `profiles/<id>/mcp.json`),
 * a top-level `servers` map plus `inputs`; and the legacy `"mcp": { "servers": … }` block of
 * `settings.json` from before VS Code 1.102 moved it out. Both are JSON with comments.
 */
import type { FileParser, ParsedFile } from '../types';
import { serversFromMap } from '../shared/mcp-servers-map';
import { isRecord, readJson } from './json-text';

export const parseVsCodeMcpJson: FileParser = (input): ParsedFile => {
  const json = readJson(input.bytes, 'mcp.json', { comments: true });
  if (!json.ok) return { problems: [json.problem] };
  if (json.empty) return {};
  if (!isRecord(json.value)) return { problems: [{ message: 'mcp.json is not a JSON object' }] };
  return { servers: serversFromMap(json.value.servers, input.path) };
};

/** `"mcp": { "servers": … }` or the flat `"mcp.servers": …` form settings also accept. */
function legacyServersBlock(settings: Record<string, unknown>): unknown {
  const nested = settings.mcp;
  if (isRecord(nested) && nested.servers !== undefined) return nested.servers;
  return settings['mcp.servers'];
}

export const parseVsCodeSettings: FileParser = (input): ParsedFile => {
  const json = readJson(input.bytes, 'settings.json', { comments: true });
  if (!json.ok) return { problems: [json.problem] };
  if (json.empty) return {};
  if (!isRecord(json.value)) return { problems: [{ message: 'settings.json is not a JSON object' }] };
  const block = legacyServersBlock(json.value);
  if (block === undefined) return {};
  return {
    servers: serversFromMap(block, input.path),
    notes: ['MCP servers are still in settings.json; VS Code 1.102 and later read them from mcp.json'],
  };
};
