/**
 * mcp-remote (npm `mcp-remote`): a stdio-to-HTTP bridge that host clients launch. It has no config
 * of its own (the host's config passes the URL); its OAuth cache is `~/.mcp-auth/mcp-remote-<v>/`
 * (`mcp-remote-v1` since 0.15, `mcp-remote-<package version>` before; several side by side), moved
 * by `MCP_REMOTE_CONFIG_DIR`. See clients.md §1.
 */
import type { ClientDeclaration, FileDeclaration } from './types';
import { parseMcpRemoteFile } from './parsers/mcp-remote-cache';

const cacheFile = (
  root: string,
  match: string,
  role: FileDeclaration['role'],
  maxBytes?: number,
): FileDeclaration => ({
  root,
  match,
  role,
  parser: parseMcpRemoteFile,
  text: true,
  ...(maxBytes !== undefined ? { maxBytes } : {}),
});

/** Debug logs grow without bound; they are only hashed (reset checks them), never parsed. */
const LOG_MAX_BYTES = 256 * 1024 * 1024;

function filesOf(root: string): FileDeclaration[] {
  return [
    cacheFile(root, 'mcp-remote-*/*_client_info.json', 'credentials'),
    cacheFile(root, 'mcp-remote-*/*_tokens.json', 'credentials'),
    cacheFile(root, 'mcp-remote-*/*_code_verifier*.txt', 'credentials'),
    cacheFile(root, 'mcp-remote-*/*_discovery_state*.json', 'credentials'),
    cacheFile(root, 'mcp-remote-*/*_lock.json', 'cache'),
    cacheFile(root, 'mcp-remote-*/*_refresh_in_progress.json', 'cache'),
    cacheFile(root, 'mcp-remote-*/*_debug.log', 'cache', LOG_MAX_BYTES),
    cacheFile(root, 'mcp-remote-*/*.tmp', 'cache'),
    // The README once placed debug logs directly in ~/.mcp-auth.
    cacheFile(root, '*_debug.log', 'cache', LOG_MAX_BYTES),
  ];
}

export const mcpRemote: ClientDeclaration = {
  id: 'mcp-remote',
  label: 'mcp-remote',
  roots: [
    { id: 'auth', role: 'credentials', paths: { all: ['~/.mcp-auth'] } },
    // Set in the environment the scan sees; host clients may pass their own in a server's `env`.
    { id: 'auth-env', role: 'credentials', paths: {}, envOverride: ['${MCP_REMOTE_CONFIG_DIR}'] },
  ],
  files: [...filesOf('auth'), ...filesOf('auth-env')],
  processNames: { all: ['mcp-remote', 'mcp-remote-client'], win32: ['mcp-remote', 'mcp-remote.cmd'] },
  rewritesWhileRunning: true,
  nativeRemote: true,
  customPorts: true,
  notes: {
    all: [
      'mcp-remote has no config of its own: each cache entry is tied to a server through the host client (Claude Desktop, Cursor, ...) whose config launches it with that URL.',
    ],
    win32: ['mcp-remote does not use lock files on Windows.'],
  },
  ownReset: 'none: its README says to delete ~/.mcp-auth (rm -rf ~/.mcp-auth).',
  assumptions: [
    'A cache file is tied to a configured server by recomputing mcp-remote’s MD5 file-name hash from the host config’s arguments (URL, --resource, --authorize-param, --header as written, --client-metadata-url, --token-endpoint), in the forms of 0.15.x, 0.1.30–0.1.38 and before 0.1.30. Headers read from --header-file cannot be known, so such caches show as unlinked.',
    'An MCP_REMOTE_CONFIG_DIR set only inside one host config’s server `env` is not scanned.',
  ],
  links: [{ label: 'mcp-remote README', url: 'https://github.com/geelen/mcp-remote#readme' }],
};
