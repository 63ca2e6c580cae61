/**
 * opencode's config (`~/.config/opencode/opencode.json` or `.jsonc`, key `mcp`): a map of
 * `{ type: "remote", url, headers, oauth }` or `{ type: "local", command: [argv…], environment }`.
 * A local entry whose argv runs mcp-remote is a bridged remote server.
 */
import type { FileParser, ParsedFile, ServerConfig } from '../types';
import { serverFromEntry } from '../shared/mcp-servers-map';
import { isRecord, readJson, text } from './json-text';
import { opencodeServerKey } from './opencode-auth';

function serverOf(name: string, entry: unknown, source: string): ServerConfig | null {
  if (!isRecord(entry)) return null;
  const url = text(entry.url);
  if (entry.type === 'remote' || (url !== undefined && entry.command === undefined)) {
    // opencode tries streamable HTTP first and falls back to SSE on the same URL.
    return url === undefined ? null : { name, url, transport: 'http', source };
  }
  const argv = Array.isArray(entry.command)
    ? entry.command.filter((a): a is string => typeof a === 'string')
    : [];
  if (argv.length === 0) return null;
  return serverFromEntry(name, { command: argv[0], args: argv.slice(1) }, source);
}

export const parseOpencodeConfig: FileParser = (input): ParsedFile => {
  const what = input.relative.split('/').pop() ?? 'opencode.json';
  const json = readJson(input.bytes, what, { comments: true });
  if (!json.ok) return { problems: [json.problem] };
  if (json.empty) return {};
  if (!isRecord(json.value)) return { problems: [{ message: `${what} is not a JSON object` }] };
  const mcp = json.value.mcp;
  if (!isRecord(mcp)) return {};
  const servers: ServerConfig[] = [];
  for (const [name, entry] of Object.entries(mcp)) {
    const server = serverOf(name, entry, input.path);
    if (server !== null) servers.push({ ...server, matchKeys: [opencodeServerKey(name)] });
  }
  return { servers };
};
