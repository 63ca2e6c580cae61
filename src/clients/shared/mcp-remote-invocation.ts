/**
 * Recognises a host client's server entry that launches mcp-remote, and computes the cache hash
 * mcp-remote will use for it, so a `~/.mcp-auth/mcp-remote-*\/<hash>_*` file can be tied back to
 * the URL (and the client config) it belongs to.
 *
 * The hash is the MD5 hex of parts joined with `|`, exactly as mcp-remote builds it
 * (`getServerUrlHash` in node_modules/mcp-remote/dist, 0.15.1; clients.md §1). Its inputs changed
 * over releases, and one machine often holds caches of several releases, so every variant is
 * returned:
 *   - 0.15.x: URL | --resource (trimmed, unless disabled) | --authorize-param JSON | --header JSON
 *             | --client-metadata-url | --token-endpoint (with --client-credentials)
 *   - 0.1.30 … 0.1.38: URL | --resource (as given) | --header JSON
 *   - before 0.1.30: URL alone
 * Header values are hashed as written in the args, before `${ENV}` substitution.
 */
import { hash } from 'node:crypto';

export interface McpRemoteInvocation {
  /** The server URL exactly as passed to mcp-remote (it is hashed unnormalised). */
  url: string;
  /** Every cache hash this invocation can have produced, newest release's first, no duplicates. */
  hashes: string[];
}

const PACKAGE_RUNNERS = new Set(['npx', 'bunx', 'pnpx']);
const SUBCOMMAND_RUNNERS: Record<string, string> = { pnpm: 'dlx', yarn: 'dlx', bun: 'x', npm: 'exec' };
const SHELLS = new Set(['cmd', 'sh', 'bash', 'zsh', 'dash']);

/** Runner flags that take a value, so the value is not mistaken for the package. */
const RUNNER_FLAGS_WITH_VALUE = new Set([
  '-p',
  '--package',
  '--registry',
  '--cache',
  '--userconfig',
  '-c',
  '--call',
]);

/** Basename without directory, Windows extension or case (on Windows `NPX.CMD` is `npx`). */
function commandName(command: string): string {
  const base = command.trim().split(/[\\/]/).pop() ?? '';
  return base.replace(/\.(cmd|exe|bat|ps1|js|mjs|cjs)$/i, '').toLowerCase();
}

function isMcpRemotePackage(spec: string): boolean {
  // `mcp-remote`, `mcp-remote@0.1.38`, `mcp-remote@latest`; not `@scope/mcp-remote-thing`.
  return /^mcp-remote(@[^\s/]+)?$/i.test(spec.trim());
}

/** Whether a path names mcp-remote's script: a `mcp-remote` segment (package dir or bin link). */
function isMcpRemoteScript(arg: string): boolean {
  const parts = arg.split(/[\\/]/).map((part) => part.toLowerCase());
  return parts.some((part) => part === 'mcp-remote' || /^mcp-remote(\.(cmd|js|mjs|cjs))?$/.test(part));
}

/** Skips runner flags (`-y`, `--yes`, `-p pkg`, `--package=pkg`) and returns the index of the package. */
function packageIndex(args: readonly string[], start: number): number {
  let i = start;
  while (i < args.length) {
    const arg = args[i]!;
    if (arg === '--') return i + 1;
    if (!arg.startsWith('-')) return i;
    i += RUNNER_FLAGS_WITH_VALUE.has(arg) ? 2 : 1;
  }
  return -1;
}

/** The args mcp-remote itself receives, or null when this command does not launch mcp-remote. */
function mcpRemoteArgs(command: string, args: readonly string[], depth = 0): string[] | null {
  if (depth > 3) return null;
  const trimmed = command.trim();
  // Some configs put the whole command line in `command`; a path with spaces is tried whole after.
  if (/\s/.test(trimmed)) {
    const [head, ...rest] = trimmed.split(/\s+/);
    const split = mcpRemoteArgs(head ?? '', [...rest, ...args], depth + 1);
    if (split !== null) return split;
  }
  const name = commandName(trimmed);
  if (name === 'mcp-remote') return [...args];
  if (PACKAGE_RUNNERS.has(name)) {
    const at = packageIndex(args, 0);
    return at >= 0 && isMcpRemotePackage(args[at]!) ? args.slice(at + 1) : null;
  }
  const sub = SUBCOMMAND_RUNNERS[name];
  if (sub !== undefined) {
    const subAt = args.indexOf(sub);
    if (subAt < 0) return null;
    const at = packageIndex(args, subAt + 1);
    return at >= 0 && isMcpRemotePackage(args[at]!) ? args.slice(at + 1) : null;
  }
  if (name === 'node' || name === 'nodejs' || name === 'bun' || name === 'deno') {
    const at = args.findIndex((arg) => !arg.startsWith('-'));
    return at >= 0 && isMcpRemoteScript(args[at]!) ? args.slice(at + 1) : null;
  }
  if (SHELLS.has(name)) {
    // `cmd /c npx -y mcp-remote URL`, `sh -c "npx mcp-remote URL"`.
    const at = args.findIndex((arg) => /^(\/c|\/k|-c|-lc)$/i.test(arg));
    if (at < 0 || at + 1 >= args.length) return null;
    const rest = args.slice(at + 1);
    if (rest.length === 1) return mcpRemoteArgs(rest[0]!, [], depth + 1);
    return mcpRemoteArgs(rest[0]!, rest.slice(1), depth + 1);
  }
  if (isMcpRemoteScript(trimmed)) return [...args];
  return null;
}

const HEADER_LINE = /^([A-Za-z0-9_-]+):\s*(.*)$/;
const RESERVED_AUTHORIZE_PARAMS = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'state',
  'code_challenge',
  'code_challenge_method',
]);

function md5(text: string): string {
  return hash('md5', text, 'hex'); // one native call: a config can launch thousands
}

/** `JSON.stringify(obj, sortedKeys)`, as mcp-remote serialises headers and params. */
function sortedJson(obj: Record<string, string>): string {
  return JSON.stringify(obj, Object.keys(obj).sort());
}

function valueAfter(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at !== -1 && at < args.length - 1 ? args[at + 1] : undefined;
}

function isHttpsUrlWithPath(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.pathname !== '/';
  } catch {
    return false;
  }
}

function looksLikeUrl(value: string): boolean {
  return /^https?:\/\//i.test(value.trim());
}

/** The hashed text as mcp-remote 0.15.x builds it from its args. */
function currentInput(url: string, rest: readonly string[], headers: Record<string, string>): string {
  const parts = [url];
  let resource: string | undefined;
  let skipResource = rest.includes('--disable-resource-parameter');
  const rawResource = valueAfter(rest, '--resource');
  if (rawResource !== undefined) {
    if (rawResource.trim() === '') skipResource = true;
    else resource = rawResource.trim();
  }
  if (resource !== undefined && !skipResource) parts.push(resource);
  const params: Record<string, string> = {};
  for (let i = 0; i < rest.length - 1; i++) {
    if (rest[i] !== '--authorize-param') continue;
    const raw = rest[i + 1]!;
    const separator = raw.indexOf('=');
    if (separator < 1) continue;
    const key = raw.slice(0, separator).trim();
    if (!RESERVED_AUTHORIZE_PARAMS.has(key)) params[key] = raw.slice(separator + 1);
  }
  if (Object.keys(params).length > 0) parts.push(sortedJson(params));
  if (Object.keys(headers).length > 0) parts.push(sortedJson(headers));
  const metadataUrl = valueAfter(rest, '--client-metadata-url')?.trim();
  if (metadataUrl !== undefined && isHttpsUrlWithPath(metadataUrl)) parts.push(metadataUrl);
  const tokenEndpoint = valueAfter(rest, '--token-endpoint');
  if (tokenEndpoint !== undefined && rest.includes('--client-credentials')) {
    try {
      parts.push(new URL(tokenEndpoint.trim()).toString());
    } catch {
      // mcp-remote refuses to start with an invalid endpoint; no cache exists for it.
    }
  }
  return parts.join('|');
}

/** The hashed text as mcp-remote 0.1.30 – 0.1.38 built it (resource untrimmed, no params). */
function legacyInput(url: string, rest: readonly string[], headers: Record<string, string>): string {
  const parts = [url];
  const resource = valueAfter(rest, '--resource');
  if (resource) parts.push(resource);
  if (Object.keys(headers).length > 0) parts.push(sortedJson(headers));
  return parts.join('|');
}

/**
 * Detects `npx [-y] mcp-remote[@ver] URL …`, `mcp-remote URL …`, `node …/mcp-remote/… URL …` (and
 * the same behind `cmd /c`, `pnpm dlx`, `bunx`), and returns the URL with its possible cache
 * hashes. Null when the command does not launch mcp-remote or passes no URL.
 */
export function mcpRemoteInvocation(
  command: string | undefined,
  args: readonly string[],
): McpRemoteInvocation | null {
  if (command === undefined || command.trim() === '') return null;
  const bridgeArgs = mcpRemoteArgs(command, args);
  if (bridgeArgs === null) return null;
  const headers: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < bridgeArgs.length; i++) {
    const arg = bridgeArgs[i]!;
    if ((arg === '--header' || arg === '--header-file') && i < bridgeArgs.length - 1) {
      const match = arg === '--header' ? HEADER_LINE.exec(bridgeArgs[i + 1]!) : null;
      if (match) headers[match[1]!] = match[2]!;
      i++;
      continue;
    }
    rest.push(arg);
  }
  // mcp-remote takes the first remaining arg as the URL; tolerate flags placed before it.
  const first = rest[0];
  const url = first !== undefined && looksLikeUrl(first) ? first : rest.find(looksLikeUrl);
  if (url === undefined) return null;
  // The common `mcp-remote <url>`: every release hashed the bare URL.
  if (rest.length === 1 && Object.keys(headers).length === 0) return { url, hashes: [md5(url)] };
  // Usually all three forms are the bare URL: hash each distinct text once.
  const inputs = [...new Set([currentInput(url, rest, headers), legacyInput(url, rest, headers), url])];
  return { url, hashes: inputs.map(md5) };
}
