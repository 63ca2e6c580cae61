/**
 * Loopback servers for the doctor's tests, the bench and the app's e2e: one configurable MCP server
 * + authorization server (healthy by default, one switch per misconfiguration), a server that never
 * answers, and the healthy one built from the MCP SDK's own OAuth example. All bind 127.0.0.1 on a
 * free port and record every request (so tests can assert no token or cookie was ever sent).
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The request body (recorded by the configurable server). */
  body?: string;
}

export interface DoctorServer {
  /** The MCP endpoint URL (http://127.0.0.1:<port>/mcp). */
  url: string;
  origin: string;
  /** The authorization server's issuer as advertised. */
  issuer: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

export interface MisconfigOptions {
  /** Delay before every answer (the bench injects 200 ms). */
  latencyMs?: number;
  /** The unauthenticated MCP POST: `ok` is 401 + quoted resource_metadata. */
  challenge?: 'ok' | 'no-header' | 'unquoted' | 'no-resource-metadata' | 'unprotected' | 'partial';
  /** Where the protected resource metadata is served (`path`: path-inserted, the healthy place). */
  prmAt?: 'path' | 'root' | 'nowhere';
  /** The `resource` the metadata claims (default: the MCP URL). */
  prmResource?: string;
  /** The metadata URLs answer 401 like the MCP endpoint (auth middleware on /.well-known/*). */
  prmRequiresAuth?: boolean;
  /** A path for the issuer, e.g. `/tenant1` (a multi-tenant authorization server). */
  issuerPath?: string;
  /** `oauth`: RFC 8414 at the mandated place; `oidc-only`: only an OpenID configuration document. */
  asMetadataAt?: 'oauth' | 'oidc-only';
  /** The issuer the metadata document claims, when it should differ from the real one (or derived from it). */
  issuerInMetadata?: string | ((issuer: string) => string);
  /** code_challenge_methods_supported; null leaves the field out. */
  pkceMethods?: string[] | null;
  registration?: 'dcr' | 'cimd' | 'both' | 'none';
  offlineAccess?: boolean;
  /** CORS for the MCP endpoint (preflight + exposed WWW-Authenticate). */
  cors?: boolean;
  /** Cross-Origin-Opener-Policy on the authorization endpoint and its login page. */
  authorizeCoop?: string;
  /** Every request gets a Cloudflare managed-challenge page. */
  cloudflare?: boolean;
  /** Requests whose User-Agent matches get a WAF 403 page. */
  wafUserAgents?: RegExp;
  /** The MCP POST is answered by a 307 to this URL. */
  redirectTo?: string;
  tokenEndpoint?: 'oauth-json' | 'html' | 'invalid-target';
  dcr?: { rejectLoopback?: boolean; clientSecret?: string; rewriteRedirectsTo?: string[] };
  /** A cookie the MCP endpoint sets on its 401 (tests check it is never shown). */
  setCookie?: string;
  /**
   * What the RFC 8414 location answers when the document is served elsewhere (with
   * `asMetadataAt: 'oidc-only'`): a redirect to the OIDC document (same origin, or via another
   * origin), an error status, or an HTML page with status 200. Default: 404.
   */
  oauthLocation?:
    | 'redirect-to-oidc'
    | 'redirect-cross-origin'
    | 'json-400'
    | 'plain-401'
    | 'json-403'
    | 'server-error'
    | 'html-200';
  /** resource_metadata in the challenge names an old URL that answers 301 to the real one. */
  prmMoved?: boolean;
  /** A firewall answers every request with a plain-text 403 (no vendor headers, no challenge). */
  wafEverything?: boolean;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeHttp(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

const CLOUDFLARE_PAGE =
  '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><noscript>Enable JavaScript and cookies to continue</noscript><script>window._cf_chl_opt={cvId:"3"};</script><script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script></body></html>';
const WAF_PAGE =
  '<html><head><title>403 Forbidden</title></head><body><h1>Request blocked</h1></body></html>';
const LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form method="post"><input name="user"><input type="password" name="password"></form></body></html>';

/** The configurable server: healthy unless told otherwise. MCP endpoint and authorization server share one origin. */
export async function startMisconfiguredServer(options: MisconfigOptions = {}): Promise<DoctorServer> {
  const o = {
    challenge: 'ok',
    prmAt: 'path',
    asMetadataAt: 'oauth',
    registration: 'dcr',
    offlineAccess: true,
    cors: true,
    tokenEndpoint: 'oauth-json',
    pkceMethods: ['S256'],
    issuerPath: '',
    ...options,
  } as const;
  const requests: RecordedRequest[] = [];
  let origin = '';
  const server = http.createServer((req, res) => {
    void handle(req, res);
  });

  const json = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const html = (
    res: http.ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname + url.search,
      headers: req.headers,
    };
    requests.push(recorded);
    const body = await readBody(req);
    recorded.body = body;
    if (o.latencyMs) await new Promise((r) => setTimeout(r, o.latencyMs));

    const mcpUrl = `${origin}/mcp`;
    const issuer = `${origin}${o.issuerPath}`;
    const prmPath = '/.well-known/oauth-protected-resource/mcp';
    const prmRoot = '/.well-known/oauth-protected-resource';
    const prmMovedPath = '/prm-old';
    const prmUrl = o.prmMoved
      ? `${origin}${prmMovedPath}`
      : `${origin}${o.prmAt === 'root' ? prmRoot : prmPath}`;
    const challengeHeader = (): Record<string, string> => {
      switch (o.challenge) {
        case 'no-header':
          return {};
        case 'unquoted':
          return { 'www-authenticate': `Bearer error="invalid_token", resource_metadata=${prmUrl}` };
        case 'no-resource-metadata':
        case 'partial':
          return { 'www-authenticate': 'Bearer realm="mcp"' };
        default:
          return { 'www-authenticate': `Bearer error="invalid_token", resource_metadata="${prmUrl}"` };
      }
    };
    const corsHeaders = (): Record<string, string> =>
      o.cors && req.headers.origin
        ? {
            'access-control-allow-origin': req.headers.origin,
            'access-control-expose-headers': 'WWW-Authenticate, Mcp-Session-Id',
            vary: 'Origin',
          }
        : {};

    if (o.cloudflare) {
      html(res, 403, CLOUDFLARE_PAGE, {
        'cf-mitigated': 'challenge',
        server: 'cloudflare',
        'cf-ray': '8f00000000000000-AMS',
      });
      return;
    }
    if (o.wafEverything) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('Forbidden');
      return;
    }
    if (o.wafUserAgents?.test(req.headers['user-agent'] ?? '')) {
      html(res, 403, WAF_PAGE, { server: 'awselb/2.0' });
      return;
    }

    const path = url.pathname;
    if (path === '/mcp') {
      if (o.redirectTo && req.method === 'POST') {
        res.writeHead(307, { location: o.redirectTo });
        res.end();
        return;
      }
      if (req.method === 'OPTIONS') {
        if (!o.cors) {
          json(res, 401, { error: 'invalid_token' }, challengeHeader());
          return;
        }
        res.writeHead(204, {
          'access-control-allow-origin': req.headers.origin ?? '*',
          'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
          'access-control-allow-headers':
            req.headers['access-control-request-headers'] ?? 'authorization, content-type',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      const rpc = JSON.parse(body || '{}') as { id?: unknown; method?: string };
      // "Partial auth": initialize is open, everything else asks for a token.
      const open =
        o.challenge === 'unprotected' || (o.challenge === 'partial' && rpc.method === 'initialize');
      if (open || req.headers.authorization) {
        const id = rpc.id ?? null;
        json(res, 200, {
          jsonrpc: '2.0',
          id,
          result: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            serverInfo: { name: 'loopback', version: '1' },
          },
        });
        return;
      }
      const cookie: Record<string, string> = o.setCookie
        ? { 'set-cookie': `session=${o.setCookie}; HttpOnly` }
        : {};
      json(
        res,
        401,
        { error: 'invalid_token', error_description: 'Missing Authorization header' },
        {
          ...challengeHeader(),
          ...corsHeaders(),
          ...cookie,
        },
      );
      return;
    }

    const prmDoc = {
      resource: o.prmResource ?? mcpUrl,
      authorization_servers: [issuer],
      scopes_supported: ['mcp:tools'],
      bearer_methods_supported: ['header'],
    };
    if (o.prmMoved && path === prmMovedPath) {
      res.writeHead(301, { location: o.prmAt === 'root' ? prmRoot : prmPath });
      res.end();
      return;
    }
    if ((path === prmPath && o.prmAt === 'path') || (path === prmRoot && o.prmAt === 'root')) {
      if (o.prmRequiresAuth) json(res, 401, { error: 'invalid_token' }, challengeHeader());
      else json(res, 200, prmDoc, { 'access-control-allow-origin': '*' });
      return;
    }

    const asDoc: Record<string, unknown> = {
      issuer:
        typeof o.issuerInMetadata === 'function'
          ? o.issuerInMetadata(issuer)
          : (o.issuerInMetadata ?? issuer),
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_post'],
      scopes_supported: ['openid', 'mcp:tools', ...(o.offlineAccess ? ['offline_access'] : [])],
    };
    if (o.pkceMethods !== null) asDoc.code_challenge_methods_supported = o.pkceMethods;
    if (o.registration === 'dcr' || o.registration === 'both')
      asDoc.registration_endpoint = `${issuer}/register`;
    if (o.registration === 'cimd' || o.registration === 'both')
      asDoc.client_id_metadata_document_supported = true;
    const oauthAt = `/.well-known/oauth-authorization-server${o.issuerPath}`;
    const oidcAt = o.issuerPath
      ? `${o.issuerPath}/.well-known/openid-configuration`
      : '/.well-known/openid-configuration';
    if (
      (path === oauthAt && o.asMetadataAt === 'oauth') ||
      (path === oidcAt && o.asMetadataAt === 'oidc-only')
    ) {
      json(res, 200, asDoc, { 'access-control-allow-origin': '*' });
      return;
    }
    if (path === oauthAt && o.oauthLocation !== undefined) {
      switch (o.oauthLocation) {
        case 'redirect-to-oidc':
          res.writeHead(302, { location: oidcAt });
          break;
        case 'redirect-cross-origin':
          // The same server under another host name: another origin for any client.
          res.writeHead(302, { location: `${origin.replace('127.0.0.1', 'localhost')}${oidcAt}` });
          break;
        case 'json-400':
          json(res, 400, { error: 'invalid_request' });
          return;
        case 'plain-401':
          res.writeHead(401, { 'content-type': 'text/plain' });
          res.end('Unauthorized');
          return;
        case 'json-403':
          json(res, 403, { error: 'forbidden' });
          return;
        case 'server-error':
          json(res, 500, { error: 'server_error' });
          return;
        case 'html-200':
          html(res, 200, '<!DOCTYPE html><html><head><title>Welcome</title></head><body>Hello</body></html>');
          return;
      }
      res.end();
      return;
    }

    const coop: Record<string, string> = o.authorizeCoop
      ? { 'cross-origin-opener-policy': o.authorizeCoop }
      : {};
    if (path === `${o.issuerPath}/authorize`) {
      res.writeHead(302, { location: `${issuer}/login?session=abc`, ...coop });
      res.end();
      return;
    }
    if (path === `${o.issuerPath}/login`) {
      html(res, 200, LOGIN_PAGE, coop);
      return;
    }
    if (path === `${o.issuerPath}/token` && req.method === 'POST') {
      if (o.tokenEndpoint === 'html')
        html(res, 500, '<html><body><h1>Internal Server Error</h1></body></html>');
      else if (o.tokenEndpoint === 'invalid-target')
        json(res, 400, { error: 'invalid_target', error_description: 'unknown resource' });
      else json(res, 400, { error: 'invalid_grant', error_description: 'unknown authorization code' });
      return;
    }
    if (path === `${o.issuerPath}/register` && req.method === 'POST' && asDoc.registration_endpoint) {
      const meta = JSON.parse(body || '{}') as { redirect_uris?: string[] };
      if (o.dcr?.rejectLoopback && (meta.redirect_uris ?? []).some((u) => /127\.0\.0\.1|localhost/.test(u))) {
        json(res, 400, { error: 'invalid_redirect_uri', error_description: 'redirect host not allowed' });
        return;
      }
      json(res, 201, {
        ...meta,
        client_id: `client-${requests.length}`,
        client_id_issued_at: 1,
        ...(o.dcr?.rewriteRedirectsTo ? { redirect_uris: o.dcr.rewriteRedirectsTo } : {}),
        ...(o.dcr?.clientSecret
          ? { client_secret: o.dcr.clientSecret, registration_access_token: o.dcr.clientSecret }
          : {}),
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  }

  const port = await listen(server);
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/mcp`,
    origin,
    issuer: `${origin}${o.issuerPath}`,
    requests,
    close: () => closeHttp(server),
  };
}

/** Accepts connections and never says a word. */
export async function startSilentServer(): Promise<DoctorServer> {
  const sockets = new Set<net.Socket>();
  const requests: RecordedRequest[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/mcp`,
    origin,
    issuer: origin,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// The SDK ships Express-based handlers, but this project has no Express type declarations: a
// small structural type keeps the calls checked without them.
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: (err?: unknown) => void) => void;
interface ExpressLike {
  (req: http.IncomingMessage, res: http.ServerResponse): void;
  use: (...handlers: Handler[]) => void;
  post: (path: string, ...handlers: Handler[]) => void;
}

/**
 * The healthy reference: the MCP SDK's OAuth example pieces (DemoInMemoryAuthProvider behind
 * mcpAuthRouter as a separate authorization server, mcpAuthMetadataRouter + requireBearerAuth in
 * front of a real Streamable HTTP MCP server), plus CORS that exposes WWW-Authenticate.
 */
export async function startSdkOAuthServer(
  options: { latencyMs?: number } = {},
): Promise<DoctorServer & { authServer: string }> {
  const { createMcpExpressApp } = await import('@modelcontextprotocol/sdk/server/express.js');
  const { mcpAuthRouter, mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } =
    await import('@modelcontextprotocol/sdk/server/auth/router.js');
  const { requireBearerAuth } =
    await import('@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js');
  const { DemoInMemoryAuthProvider } =
    await import('@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js');
  const { McpServer } = await import('@modelcontextprotocol/sdk/server/mcp.js');
  const { StreamableHTTPServerTransport } =
    await import('@modelcontextprotocol/sdk/server/streamableHttp.js');

  const requests: RecordedRequest[] = [];
  const record: Handler = (req, _res, next) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    if (options.latencyMs) setTimeout(() => next(), options.latencyMs);
    else next();
  };
  const cors: Handler = (req, res, next) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'WWW-Authenticate, Mcp-Session-Id');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-allow-headers':
          req.headers['access-control-request-headers'] ?? 'authorization, content-type',
      });
      res.end();
      return;
    }
    next();
  };

  const authApp = createMcpExpressApp() as unknown as ExpressLike;
  authApp.use(record);
  const authHttp = http.createServer(authApp);
  const authPort = await listen(authHttp);
  const authServer = `http://127.0.0.1:${authPort}`;

  const mcpApp = createMcpExpressApp() as unknown as ExpressLike;
  mcpApp.use(record, cors);
  const mcpHttp = http.createServer(mcpApp);
  const mcpPort = await listen(mcpHttp);
  const mcpUrl = new URL(`http://127.0.0.1:${mcpPort}/mcp`);

  const provider = new DemoInMemoryAuthProvider();
  // offline_access is an authorization-server scope: advertised here, never in the resource metadata.
  const authRouter: unknown = mcpAuthRouter({
    provider,
    issuerUrl: new URL(authServer),
    scopesSupported: ['mcp:tools', 'offline_access'],
  });
  authApp.use(authRouter as Handler);
  const oauthMetadata = await fetchJson(`${authServer}/.well-known/oauth-authorization-server`);
  const metadataRouter: unknown = mcpAuthMetadataRouter({
    oauthMetadata: oauthMetadata as never,
    resourceServerUrl: mcpUrl,
    scopesSupported: ['mcp:tools'],
    resourceName: 'Doctor healthy SDK server',
  });
  mcpApp.use(metadataRouter as Handler);
  const bearer = requireBearerAuth({
    verifier: provider,
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl),
  }) as unknown as Handler;
  mcpApp.post('/mcp', bearer, (req, res) => {
    const server = new McpServer({ name: 'doctor-healthy', version: '1.0.0' });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server
      .connect(transport)
      .then(() => transport.handleRequest(req, res, (req as unknown as { body: unknown }).body));
  });

  return {
    url: mcpUrl.href,
    origin: mcpUrl.origin,
    issuer: String((oauthMetadata as { issuer: string }).issuer),
    authServer,
    requests,
    close: async () => {
      await Promise.all([closeHttp(mcpHttp), closeHttp(authHttp)]);
    },
  };
}

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  return (await res.json()) as unknown;
}
