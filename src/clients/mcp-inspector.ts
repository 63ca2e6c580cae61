/**
 * MCP Inspector 2.x (`@modelcontextprotocol/inspector`: web app, CLI and TUI share one store).
 * Credentials: `~/.mcp-inspector/storage/oauth.json` (moved by `MCP_INSPECTOR_OAUTH_STATE_PATH`
 * or `MCP_STORAGE_DIR`). Servers: the catalog `~/.mcp-inspector/mcp.json` (`MCP_CATALOG_PATH`). Inspector 1.x kept OAuth state in the
 * browser tab's sessionStorage only, which cannot be read from outside.
 */
import type { ClientDeclaration } from './types';
import { mcpServersFileParser } from './parsers/mcp-servers-file';
import { parseInspectorOAuth } from './parsers/mcp-inspector-oauth';

export const mcpInspector: ClientDeclaration = {
  id: 'mcp-inspector',
  label: 'MCP Inspector',
  roots: [
    // Each root is the file itself (`match: ''`), moved by the same variables Inspector reads.
    {
      id: 'catalog',
      role: 'config',
      paths: { all: ['~/.mcp-inspector/mcp.json'] },
      envOverride: ['${MCP_CATALOG_PATH}'],
    },
    {
      id: 'oauth-state',
      role: 'credentials',
      paths: { all: ['~/.mcp-inspector/storage/oauth.json'] },
      // Inspector's order: the state file's own variable, then the storage folder's.
      envOverride: ['${MCP_INSPECTOR_OAUTH_STATE_PATH}', '${MCP_STORAGE_DIR}/oauth.json'],
    },
  ],
  files: [
    { root: 'catalog', match: '', role: 'config', parser: mcpServersFileParser({ what: 'mcp.json' }) },
    { root: 'oauth-state', match: '', role: 'credentials', parser: parseInspectorOAuth },
  ],
  processNames: {
    // A node script: npx and global installs run the `mcp-inspector` bin.
    all: ['mcp-inspector'],
  },
  rewritesWhileRunning: true,
  nativeRemote: true,
  customPorts: true,
  credentialsFollowConfig: false,
  notes: {
    all: [
      'Newer Inspector releases keep tokens and client secrets in the OS keychain or ~/.mcp-inspector/secrets.json; oauth.json then only says which servers have them.',
      'Inspector 1.x kept OAuth state in the browser tab only; closing the tab or "Clear OAuth State" removes it.',
    ],
  },
  ownReset:
    'Web: Connection Info → "Clear OAuth state", or Server Settings → OAuth → "Clear stored OAuth state". TUI: Auth tab, S. CLI: --relogin.',
  assumptions: [
    'Stored entries record no expiry, so no expiry is shown.',
    'Enterprise IdP sessions (idpSessions) are not MCP server credentials and are not listed.',
  ],
  links: [
    { label: 'MCP Inspector', url: 'https://github.com/modelcontextprotocol/inspector' },
    {
      label: 'MCP Inspector secret storage',
      url: 'https://github.com/modelcontextprotocol/inspector/blob/main/docs/secret-storage.md',
    },
  ],
};
