/**
 * GitHub Copilot CLI (`copilot`, npm `@github/copilot`). Home: `COPILOT_HOME`, else `~/.copilot`;
 * older builds used `$XDG_CONFIG_HOME/.copilot`, where current ones leave symlinks (never
 * followed; their targets are scanned in ~/.copilot). Servers: `mcp-config.json` (`mcpServers`).
 * Credentials: `mcp-oauth-config/`, tokens usually in the OS keychain. See clients.md §2.
 */
import type { ClientDeclaration } from './types';
import { mcpServersConfigParser } from './shared/mcp-servers-config';
import { parseCopilotOAuthFile } from './parsers/copilot-oauth';

const configParser = mcpServersConfigParser('mcp-config.json');

export const copilotCli: ClientDeclaration = {
  id: 'copilot-cli',
  label: 'GitHub Copilot CLI',
  roots: [
    { id: 'home', role: 'config', paths: { all: ['~/.copilot'] }, envOverride: ['${COPILOT_HOME}'] },
    {
      id: 'legacy',
      role: 'config',
      paths: { darwin: ['$XDG_CONFIG_HOME/.copilot'], linux: ['$XDG_CONFIG_HOME/.copilot'] },
    },
  ],
  files: [
    { root: 'home', match: 'mcp-config.json', role: 'config', parser: configParser, text: true },
    {
      root: 'home',
      match: 'mcp-oauth-config/*',
      role: 'credentials',
      parser: parseCopilotOAuthFile,
      text: true,
    },
    { root: 'legacy', match: 'mcp-config.json', role: 'config', parser: configParser, text: true },
    {
      root: 'legacy',
      match: 'mcp-oauth-config/*',
      role: 'credentials',
      parser: parseCopilotOAuthFile,
      text: true,
    },
  ],
  processNames: { all: ['copilot'], win32: ['copilot.exe', 'copilot', 'copilot.cmd'] },
  rewritesWhileRunning: true,
  nativeRemote: true,
  customPorts: true,
  keychain: {
    darwin:
      'GitHub Copilot CLI keeps MCP tokens and static client secrets in the login Keychain (service "copilot-mcp-oauth", one item per server) whenever the Keychain is usable; only the registrations are files.',
    win32:
      'GitHub Copilot CLI keeps MCP tokens and static client secrets in Windows Credential Manager (service "copilot-mcp-oauth") whenever it is usable; only the registrations are files.',
  },
  notes: {
    linux: [
      'Without a Secret Service (GNOME Keyring, KWallet), GitHub Copilot CLI writes MCP tokens to files next to the registrations; with one, they are in the keyring (service "copilot-mcp-oauth").',
    ],
  },
  ownReset:
    'in Copilot CLI, /mcp auth <server> signs in again; removing a server (/mcp delete) clears its OAuth state.',
  assumptions: [
    'The server of a registration is read from serverUrl inside <H>.json; how 1.0.x derives <H> is not verified, so it is never recomputed.',
    'A project-level .copilot/mcp-config.json is not read (Copilot CLI 1.0.58 did not load it either).',
  ],
  links: [
    { label: 'Copilot CLI changelog', url: 'https://github.com/github/copilot-cli/blob/main/changelog.md' },
  ],
};
