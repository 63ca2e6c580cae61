/**
 * VS Code (Stable and Insiders) built-in MCP support. Servers: the user `mcp.json`, each
 * profile's `mcp.json`, and the pre-1.102 `mcp` block of `settings.json`. Credentials: the
 * dynamic authentication providers in `globalStorage/state.vscdb`, whose secrets are encrypted
 * by the OS keychain (listed, never read). See clients.md §5.
 */
import type { ClientDeclaration, FileDeclaration, PerOs, RootDeclaration } from './types';
import { parseVsCodeMcpJson, parseVsCodeSettings } from './parsers/vscode-config';
import { parseVsCodeStateDb } from './parsers/vscode-auth-providers';
import { prepareStateDb } from './parsers/vscode-state-db';

/** `state.vscdb` grows with everything VS Code remembers; it is loaded into memory to be read. */
export const STATE_DB_MAX_BYTES = 256 * 1024 * 1024;

/** A VS Code-family product's `User` folder on each OS (VS Code's `getUserDataPath`). */
export function userDirs(product: string, suffix = ''): PerOs<string[]> {
  return {
    darwin: [`~/Library/Application Support/${product}/User${suffix}`],
    win32: [`%APPDATA%/${product}/User${suffix}`],
    linux: [`$XDG_CONFIG_HOME/${product}/User${suffix}`],
  };
}

function editionRoots(
  id: string,
  product: string,
  envOverride: (suffix: string) => string[],
): RootDeclaration[] {
  return [
    { id, role: 'config', paths: userDirs(product), envOverride: envOverride('') },
    {
      id: `${id}-global-storage`,
      role: 'credentials',
      paths: userDirs(product, '/globalStorage'),
      envOverride: envOverride('/globalStorage'),
    },
  ];
}

function editionFiles(id: string): FileDeclaration[] {
  return [
    { root: id, match: 'mcp.json', role: 'config', parser: parseVsCodeMcpJson },
    { root: id, match: 'profiles/*/mcp.json', role: 'config', parser: parseVsCodeMcpJson },
    { root: id, match: 'settings.json', role: 'config', parser: parseVsCodeSettings },
    { root: id, match: 'profiles/*/settings.json', role: 'config', parser: parseVsCodeSettings },
    {
      root: `${id}-global-storage`,
      match: 'state.vscdb',
      role: 'credentials',
      parser: parseVsCodeStateDb,
      maxBytes: STATE_DB_MAX_BYTES,
    },
  ];
}

export const vscode: ClientDeclaration = {
  id: 'vscode',
  label: 'VS Code',
  roots: [
    // VS Code's own order: portable mode, then VSCODE_APPDATA, then the per-OS default.
    ...editionRoots('stable', 'Code', (s) => [
      `\${VSCODE_PORTABLE}/user-data/User${s}`,
      `\${VSCODE_APPDATA}/Code/User${s}`,
    ]),
    ...editionRoots('insiders', 'Code - Insiders', (s) => [`\${VSCODE_APPDATA}/Code - Insiders/User${s}`]),
  ],
  files: [...editionFiles('stable'), ...editionFiles('insiders')],
  processNames: {
    // The macOS bundle's executable has been called `Electron` and `Code`; the command line
    // names `Visual Studio Code.app`, whose last word is `Code.app`.
    darwin: ['Code', 'Code.app', 'Code Helper', 'Code - Insiders', 'Insiders.app'],
    win32: ['Code.exe', 'Code - Insiders.exe'],
    linux: ['code', 'code-insiders'],
  },
  rewritesWhileRunning: true,
  nativeRemote: true,
  customPorts: true,
  notes: {
    all: [
      'VS Code keeps MCP sign-ins as "dynamic authentication providers" in state.vscdb; their tokens are encrypted with the OS keychain, so only which ones exist can be shown.',
      "Workspace servers in a project's .vscode/mcp.json are not scanned (projects are not searched).",
      'Quit VS Code before a reset: it holds state.vscdb open and writes it back on exit.',
    ],
    darwin: ['The key that encrypts VS Code secrets is the "Code Safe Storage" item in the login Keychain.'],
    win32: ['VS Code secrets are encrypted with Windows DPAPI for this user.'],
    linux: [
      'VS Code secrets are encrypted through libsecret or KWallet, or with a fixed key ("basic" store) when neither is available.',
    ],
  },
  ownReset:
    'Command Palette → "Authentication: Remove Dynamic Authentication Providers", pick the server\'s provider. It removes the provider, its tokens and its client registration.',
  assumptions: [
    'Profiles share one credential store: dynamic providers and secrets are application-scoped, so only User/globalStorage/state.vscdb is read.',
    'Whether a provider holds a refresh token is inside an encrypted value and is not known.',
    'A client id that is an https URL is taken as a Client ID Metadata Document (CIMD); DCR and a typed-in client id cannot be told apart.',
    'A state.vscdb in WAL mode is read from its main file only; changes still in state.vscdb-wal are not seen.',
    'Custom --user-data-dir locations are not known to the scanner.',
  ],
  links: [
    {
      label: 'MCP servers in VS Code',
      url: 'https://code.visualstudio.com/docs/copilot/customization/mcp-servers',
    },
    {
      label: 'MCP configuration reference',
      url: 'https://code.visualstudio.com/docs/agents/reference/mcp-configuration',
    },
  ],
  prepare: prepareStateDb,
};
