/**
 * A fake home where every file type every registered client declares holds canary secrets: one
 * file per file declaration (at a path its root and pattern accept), in that file's format
 * (JSON, TOML, SQLite, text, log), with secrets in every place a client keeps them. Real-format
 * mcp-remote + Claude Desktop files come from the scanner's builders so credentials flow through.
 * With `truncated`, every JSON/TOML file is cut short so the scanner reports malformed files.
 */
import path from 'node:path';
import { CLIENTS } from '../../../src/clients/registry';
import type { ClientDeclaration, FileDeclaration } from '../../../src/clients/types';
import type { Platform } from '../../../src/context';
import { expandTemplate } from '../../../src/paths/expand';
import { canary, shortCanary } from '../../helpers/canary';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { makeStateDb } from '../clients/vscode/harness';
import { bridged, writeClaudeDesktopConfig, writeMcpRemoteCache } from '../scan/builders';

export const CANARY_SERVER = 'https://mcp.canary.example.com/mcp';

export interface CanaryHome extends FakeHome {
  /** Every planted file, relative to the home. */
  planted: string[];
  /** File declarations no file could be planted for (env-only roots), as `client:match`. */
  skipped: string[];
}

const STAR = '5a105e8b9d40e1329780d62ea2265d8a';

function kitchenSinkJson(s: (kind: string) => string, short: (kind: string) => string = shortCanary): object {
  const servers = {
    canary: {
      type: 'http',
      url: CANARY_SERVER,
      headers: { Authorization: `Bearer ${s('config-header')}`, 'X-Api-Key': s('config-apikey') },
      env: { API_KEY: s('config-env') },
    },
    bridged: {
      command: 'npx',
      args: ['-y', 'mcp-remote', CANARY_SERVER, '--header', `Authorization: Bearer ${s('bridge-arg')}`],
      env: { AUTH_HEADER: `Bearer ${short('bridge-env-header')}`, OPENAI_KEY: short('bridge-env-key') },
    },
    // Secrets in the URL itself: *-key and camelCase parameters, a password holding `@`.
    apim: {
      type: 'http',
      url: `https://apim.canary.example.com/mcp?subscription-key=${short('url-subkey')}&accessKey=${short('url-accesskey')}&authCode=${short('url-authcode')}`,
      headers: { 'Ocp-Apim-Subscription-Key': short('header-apim'), Cookie: `sid=${short('header-cookie')}` },
    },
    userinfo: {
      type: 'http',
      url: `https://bob:Tr0ub@dor${short('url-at-password')}@mcp.userinfo.canary.example.com/mcp`,
    },
  };
  return {
    access_token: s('access'),
    refresh_token: s('refresh'),
    id_token: s('id-token'),
    client_secret: s('client-secret'),
    code_verifier: s('verifier'),
    token: s('token'),
    apiKey: s('apikey'),
    client_id: 'public-client-id',
    issuer: 'https://auth.canary.example.com',
    serverUrl: CANARY_SERVER,
    url: CANARY_SERVER,
    expires_at: Date.parse('2026-12-01T00:00:00Z'),
    tokens: { access_token: s('nested-access'), refresh_token: s('nested-refresh'), expires_in: 3600 },
    clientInformation: { client_id: 'public-client-id', client_secret: s('nested-secret') },
    mcpServers: servers,
    servers,
    mcp: { servers },
    mcpOAuth: {
      'canary|0123456789abcdef': {
        serverName: 'canary',
        serverUrl: CANARY_SERVER,
        accessToken: s('claude-access'),
        refreshToken: s('claude-refresh'),
        clientId: 'public-client-id',
        clientSecret: s('claude-secret'),
        expiresAt: Date.parse('2026-12-01T00:00:00Z'),
      },
    },
    claudeAiOauth: { accessToken: s('login-access'), refreshToken: s('login-refresh') },
  };
}

function kitchenSinkToml(s: (kind: string) => string, short: (kind: string) => string = shortCanary): string {
  return [
    '[mcp_servers.canary]',
    `url = "${CANARY_SERVER}"`,
    `bearer_token = "${s('toml-bearer')}"`,
    `http_headers = { Authorization = "Bearer ${s('toml-header')}" }`,
    `env = { API_KEY = "${s('toml-env')}" }`,
    '',
    `client_secret = "${short('toml-client-secret')}"`,
    '',
    '[mcp_servers.apim]',
    `url = "https://apim.canary.example.com/mcp?license_key=${short('toml-url-license')}&privateKey=${short('toml-url-private')}"`,
    `http_headers = { "X-API-Key" = "${short('toml-xapikey')}" }`,
    '',
    '[mcp_servers.bridged]',
    'command = "npx"',
    `args = ["-y", "mcp-remote", "${CANARY_SERVER}", "--header", "Authorization: Bearer ${s('toml-arg')}"]`,
    '',
  ].join('\n');
}

/** The first path a root names on this OS, or null for roots that only an env variable sets. */
function rootPath(decl: ClientDeclaration, file: FileDeclaration, h: FakeHome): string | null {
  const root = decl.roots.find((r) => r.id === file.root);
  const platform: Platform = h.ctx.platform;
  const template = (root?.paths[platform] ?? root?.paths.all)?.[0];
  return template !== undefined ? expandTemplate(template, h.ctx) : null;
}

export async function makeCanaryHome(
  options: { truncated?: boolean; platform?: Platform } = {},
): Promise<CanaryHome> {
  const h = makeFakeHome({ platform: options.platform ?? 'linux' });
  const planted: string[] = [];
  const skipped: string[] = [];
  const s = (kind: string): string => canary(kind);
  // Short, plain-looking secrets in the shapes the audit found leaking: only structure removes them.
  const short = (kind: string): string => shortCanary(kind);
  const cut = (text: string): string =>
    options.truncated ? text.slice(0, Math.floor(text.length * 0.6)) : text;

  for (const decl of CLIENTS) {
    for (const file of decl.files) {
      const base = rootPath(decl, file, h);
      if (base === null) {
        skipped.push(`${decl.id}:${file.match}`);
        continue;
      }
      const target =
        file.match === '' ? base : path.join(base, ...file.match.replaceAll('*', STAR).split('/'));
      const rel = path.relative(h.home, target).split(path.sep).join('/');
      // A test must never write outside its temp home (a machine-wide root would be the real /etc).
      if (rel.startsWith('..') || path.isAbsolute(rel)) {
        skipped.push(`${decl.id}:${file.match}`);
        continue;
      }
      const ext = path.extname(target).toLowerCase();
      let content: string | Buffer;
      if (ext === '.vscdb') {
        const json = JSON.stringify(kitchenSinkJson(s));
        content = await makeStateDb({
          'mcpOAuth.tokens': json,
          [`secret://{"extensionId":"vscode.mcp","key":"${STAR}"}`]: json,
          'anysphere.cursor-mcp': json,
        });
      } else if (ext === '.toml') content = cut(kitchenSinkToml(s));
      else if (ext === '.txt') content = s('text-file');
      else if (ext === '.log')
        content = [
          `POST /token client_secret=${s('log-secret')}`,
          `Authorization: Bearer ${s('log-bearer')}`,
          `curl -u alice:${short('log-curl-user')} ${CANARY_SERVER}`,
          `HTTPS_PROXY=http://bob:pw@${short('log-proxy-at')}@proxy.corp:3128`,
          `proxy carol:${short('log-bare-proxy')}@10.0.0.1:8080`,
          `  - token: ${short('log-yaml-token')}`,
          `--client-secret ${short('log-flag-secret')}`,
          `api_key = ${short('log-key-value')}`,
          '',
        ].join('\n');
      else content = cut(JSON.stringify(kitchenSinkJson(s), null, 2));
      h.write(rel, content, 0o600);
      planted.push(rel);
    }
  }

  if (!options.truncated) {
    // Real formats, so real credentials (with client ids) reach the report.
    writeMcpRemoteCache(h, {
      url: CANARY_SERVER,
      folder: 'mcp-remote-v1',
      clientId: 'canary-client-id',
      refresh: true,
      verifier: true,
    });
    writeClaudeDesktopConfig(h, {
      canary: bridged(CANARY_SERVER, '--header', `Authorization: Bearer ${s('desktop-arg')}`),
    });
  }
  return { ...h, planted, skipped };
}
