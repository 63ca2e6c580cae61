/**
 * Proxy and TLS settings that decide whether a client's requests leave the machine: the
 * HTTP(S)_PROXY family, NODE_EXTRA_CA_CERTS, and the OS proxy where it is cheap to read.
 * Proxy URLs may carry a password; it never leaves this module.
 */
import type { Context } from '../context';
import type { Finding } from '../model/scan';
import type { ProxyInfo } from '../model/system';
import { redactProxyValue } from '../redact/index';
import { envValue, firstEnvValue } from './env';
import type { SystemPorts } from './ports';

/**
 * `http://user:pass@proxy:8080` → `http://***@proxy:8080`, for each entry of a list
 * (`http=u:p@h:80;https=u:p@h:443`); userinfo ends at the last `@` before the host, so a password
 * holding `@` goes whole. Anything without userinfo as is.
 */
export function maskProxyCredentials(value: string): string {
  return redactProxyValue(value, () => '***');
}

/** `scutil --proxy` prints `Key : value` lines; ExceptionsList is a nested `<array>`. */
export function parseScutilProxy(text: string): Record<string, string> {
  const values = new Map<string, string>();
  const exceptions: string[] = [];
  let inArray = false;
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z0-9]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m) {
      if (/^\s*}\s*$/.test(line)) inArray = false;
      continue;
    }
    const [, key = '', value = ''] = m;
    if (inArray && /^\d+$/.test(key)) {
      exceptions.push(value);
      continue;
    }
    inArray = value.startsWith('<array>');
    if (!inArray) values.set(key, value === '<empty>' ? '' : value);
  }
  const os: Record<string, string> = {};
  const on = (key: string): boolean => values.get(key) === '1';
  const hostPort = (host: string, port: string): string | null => {
    const h = values.get(host) ?? '';
    if (h === '') return null;
    const p = values.get(port) ?? '';
    return p !== '' ? `${h}:${p}` : h;
  };
  for (const [kind, label] of [
    ['HTTP', 'httpProxy'],
    ['HTTPS', 'httpsProxy'],
    ['SOCKS', 'socksProxy'],
  ] as const) {
    const value = on(`${kind}Enable`) ? hostPort(`${kind}Proxy`, `${kind}Port`) : null;
    if (value !== null) os[label] = value;
  }
  const pac = values.get('ProxyAutoConfigURLString') ?? '';
  if (on('ProxyAutoConfigEnable') && pac !== '') os.autoConfigUrl = pac;
  if (on('ProxyAutoDiscoveryEnable')) os.autoDiscovery = 'on';
  if (Object.keys(os).length > 0 && exceptions.length > 0) os.exceptions = exceptions.join(', ');
  return os;
}

/** `reg query "HKCU\…\Internet Settings"` lines: `    Name    REG_TYPE    value`. */
export function parseWindowsInternetSettings(text: string): Record<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s+(\S+)\s+REG_\w+\s+(.*?)\s*$/.exec(line);
    if (m?.[1] !== undefined) values.set(m[1].toLowerCase(), m[2] ?? '');
  }
  const os: Record<string, string> = {};
  const enabled = /^(0x)?0*1$/i.test(values.get('proxyenable') ?? '');
  const server = values.get('proxyserver') ?? '';
  if (enabled && server !== '') os.proxyServer = server;
  const pac = values.get('autoconfigurl') ?? '';
  if (pac !== '') os.autoConfigUrl = pac;
  const override = values.get('proxyoverride') ?? '';
  if (Object.keys(os).length > 0 && override !== '') os.exceptions = override;
  return os;
}

const INTERNET_SETTINGS_KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

async function gnomeProxy(ports: SystemPorts): Promise<Record<string, string>> {
  if ((await ports.which('gsettings')) === null) return {};
  const get = async (schema: string, key: string): Promise<string | null> => {
    const r = await ports.run('gsettings', ['get', schema, key]);
    const v = r.stdout.trim().replace(/^'(.*)'$/, '$1');
    return r.code === 0 && v !== '' ? v : null;
  };
  const mode = await get('org.gnome.system.proxy', 'mode');
  if (mode === 'auto') {
    const pac = await get('org.gnome.system.proxy', 'autoconfig-url');
    return { mode, ...(pac !== null ? { autoConfigUrl: pac } : {}) };
  }
  if (mode !== 'manual') return {};
  const os: Record<string, string> = { mode };
  for (const kind of ['http', 'https'] as const) {
    const host = await get(`org.gnome.system.proxy.${kind}`, 'host');
    const port = await get(`org.gnome.system.proxy.${kind}`, 'port');
    if (host !== null) os[`${kind}Proxy`] = port !== null && port !== '0' ? `${host}:${port}` : host;
  }
  return os;
}

/** OS proxy settings where one command reads them; empty when there are none or it failed. */
export async function readOsProxy(ctx: Context, ports: SystemPorts): Promise<Record<string, string>> {
  let os: Record<string, string> = {};
  if (ctx.platform === 'darwin') {
    const r = await ports.run('scutil', ['--proxy']);
    if (r.code === 0) os = parseScutilProxy(r.stdout);
  } else if (ctx.platform === 'win32') {
    const r = await ports.run('reg', ['query', INTERNET_SETTINGS_KEY]);
    if (r.code === 0) os = parseWindowsInternetSettings(r.stdout);
  } else {
    os = await gnomeProxy(ports);
  }
  return Object.fromEntries(Object.entries(os).map(([k, v]) => [k, maskProxyCredentials(v)]));
}

function finding(
  code: Finding['code'],
  severity: Finding['severity'],
  message: string,
  fix: string,
  path: string | null = null,
): Finding {
  return { code, severity, client: null, credential: null, path, message, fix };
}

export interface ProxyCheck {
  proxy: ProxyInfo;
  findings: Finding[];
}

export async function checkProxy(ctx: Context, ports: SystemPorts): Promise<ProxyCheck> {
  const masked = (names: string[]): string | null => {
    const v = firstEnvValue(ctx, names);
    return v !== null ? maskProxyCredentials(v) : null;
  };
  const httpProxy = masked(['http_proxy', 'HTTP_PROXY']);
  const httpsProxy = masked(['https_proxy', 'HTTPS_PROXY']);
  const allProxy = masked(['all_proxy', 'ALL_PROXY']);
  const noProxy = firstEnvValue(ctx, ['no_proxy', 'NO_PROXY']);
  const extraCaCerts = envValue(ctx, 'NODE_EXTRA_CA_CERTS');
  const os = await readOsProxy(ctx, ports);

  const envProxy = httpsProxy ?? httpProxy ?? allProxy;
  const osProxy = Object.keys(os).length > 0;
  const notes: string[] = [];
  const findings: Finding[] = [];

  if (allProxy !== null) notes.push(`ALL_PROXY is set (${allProxy}).`);
  if (envProxy !== null) {
    notes.push(
      'mcp-remote sends its requests through HTTP(S)_PROXY only when it is started with --enable-proxy (add it to the args of the server entry).',
      'Node-based clients use these variables only when they add proxy support themselves; recent Node versions honour them with NODE_USE_ENV_PROXY=1.',
    );
  }
  if (osProxy && envProxy === null) {
    findings.push(
      finding(
        'proxy-not-in-env',
        'info',
        'The OS sends web traffic through a proxy, but HTTP_PROXY/HTTPS_PROXY are unset: Node-based clients (mcp-remote, CLI agents) ignore the OS setting and connect directly, which a corporate network may block.',
        'Set HTTPS_PROXY (and NO_PROXY) in the env block of the client’s MCP server entry, and add --enable-proxy to mcp-remote’s args.',
      ),
    );
  }
  if ((envProxy !== null || osProxy) && extraCaCerts === null) {
    findings.push(
      finding(
        'proxy-without-ca',
        'info',
        'A proxy is configured but NODE_EXTRA_CA_CERTS is unset. If the proxy inspects HTTPS, Node-based clients such as mcp-remote reject its certificate and sign-in fails with a TLS error.',
        'Ask IT for the proxy’s CA certificate (PEM) and set NODE_EXTRA_CA_CERTS to its path in the client’s environment (the env block of the MCP server entry for desktop apps).',
      ),
    );
  }
  if (extraCaCerts !== null) {
    if (await ports.fileExists(extraCaCerts)) {
      notes.push(
        'NODE_EXTRA_CA_CERTS is set: Node-based clients started with this environment trust that CA file too.',
      );
    } else {
      findings.push(
        finding(
          'extra-ca-missing',
          'warning',
          `NODE_EXTRA_CA_CERTS points to ${extraCaCerts}, which does not exist: Node prints a warning and trusts no extra CA, so a TLS-inspecting proxy breaks sign-in.`,
          'Point NODE_EXTRA_CA_CERTS at the PEM file that exists, or unset it.',
          extraCaCerts,
        ),
      );
    }
  }
  if (envValue(ctx, 'NODE_TLS_REJECT_UNAUTHORIZED') === '0') {
    findings.push(
      finding(
        'tls-verification-disabled',
        'warning',
        'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for every Node-based client started with this environment: tokens could be sent to an impostor.',
        'Unset NODE_TLS_REJECT_UNAUTHORIZED and trust the proxy’s CA with NODE_EXTRA_CA_CERTS instead.',
      ),
    );
  }
  if (ctx.platform === 'darwin' && (envProxy !== null || extraCaCerts !== null)) {
    notes.push(
      'Variables exported in a shell profile do not reach apps started from the Dock or Finder; desktop clients need them in the MCP server’s env block.',
    );
  }
  return { proxy: { httpProxy, httpsProxy, noProxy, extraCaCerts, os, notes }, findings };
}
