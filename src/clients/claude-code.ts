/**
 * Claude Code (`claude`). Config: `~/.claude.json` (user and per-project servers), or
 * `$CLAUDE_CONFIG_DIR/.claude.json`; legacy `~/.claude/.config.json`. Credentials:
 * `~/.claude/.credentials.json` (`mcpOAuth` entries) on Linux and Windows; on macOS the same blob
 * lives in the login Keychain. See clients.md §4.
 */
import type { ClientDeclaration } from './types';
import { claudeConfigParser, parseClaudeCredentials } from './parsers/claude-code';

/** ~/.claude.json also keeps per-project history and can grow large. */
const CONFIG_MAX_BYTES = 64 * 1024 * 1024;

export const claudeCode: ClientDeclaration = {
  id: 'claude-code',
  label: 'Claude Code',
  roots: [
    {
      id: 'global-config',
      role: 'config',
      paths: { all: ['~/.claude.json'] },
      envOverride: ['${CLAUDE_CONFIG_DIR}/.claude.json'],
    },
    { id: 'dir', role: 'credentials', paths: { all: ['~/.claude'] }, envOverride: ['${CLAUDE_CONFIG_DIR}'] },
  ],
  files: [
    {
      root: 'global-config',
      match: '',
      role: 'config',
      parser: claudeConfigParser('.claude.json'),
      text: true,
      maxBytes: CONFIG_MAX_BYTES,
    },
    {
      root: 'dir',
      match: '.config.json',
      role: 'config',
      parser: claudeConfigParser('.config.json'),
      text: true,
    },
    {
      root: 'dir',
      match: '.credentials.json',
      role: 'credentials',
      parser: parseClaudeCredentials,
      text: true,
    },
  ],
  processNames: { all: ['claude'], win32: ['claude.exe', 'claude'] },
  rewritesWhileRunning: true,
  unreadConfig: "a project's .mcp.json (project scope)",
  nativeRemote: true,
  customPorts: true,
  keychain: {
    darwin:
      'On macOS, Claude Code keeps MCP sign-ins, together with your own Claude login, in the login Keychain item "Claude Code-credentials" (account: your user name; with CLAUDE_CONFIG_DIR set, the item name ends in "-" and the first 8 hex digits of the SHA-256 of that folder).',
  },
  notes: {
    all: [
      "Claude's own login (claudeAiOauth) shares the credentials store with the MCP sign-ins; it is never listed, and a reset removes only the MCP entry.",
      "Servers configured only in a project's .mcp.json are not read, so a sign-in for one of them can show as orphaned.",
    ],
  },
  ownReset: 'in Claude Code, /mcp → pick the server → "Clear authentication" (or claude mcp remove <name>).',
  assumptions: [
    'The mcpOAuth key is <name>|first 16 hex of sha256(JSON {type, url, headers}); servers are linked by URL as well, so a different serialisation only loses the key link.',
    'Windows uses the .credentials.json file (Credential Manager is behind a switch, unverified).',
  ],
  links: [
    { label: 'Claude Code MCP', url: 'https://code.claude.com/docs/en/mcp' },
    { label: 'Claude Code authentication', url: 'https://code.claude.com/docs/en/authentication' },
  ],
};
