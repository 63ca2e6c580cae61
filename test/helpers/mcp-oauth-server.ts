/**
 * A real OAuth-protected MCP server on loopback, built from the SDK's own pieces (the same ones its
 * `simpleStreamableHttp.js --oauth` example wires together: `mcpAuthRouter` + the demo in-memory
 * provider as the authorization server, `mcpAuthMetadataRouter` + `requireBearerAuth` in front of a
 * streamable-HTTP MCP endpoint). The example itself listens on fixed ports and cannot restart its
 * authorization server alone, so this helper assembles the pieces in-process:
 *   - both servers listen on free loopback ports (port 0);
 *   - `restartAuthServer()` replaces the authorization server with one that has empty state, on
 *     the same port, so the URLs stay the same: the "environment switch" after which every cached
 *     client id and token is unknown to it.
 * The demo provider auto-approves: requesting the authorization URL redirects straight to the
 * client's callback with a code.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  getOAuthProtectedResourceMetadataUrl,
  mcpAuthMetadataRouter,
  mcpAuthRouter,
  createOAuthMetadata,
} from '@modelcontextprotocol/sdk/server/auth/router.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';
import type { OAuthClientInformationFull, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';

export interface OAuthTestServerOptions {
  /** Also issue refresh tokens (the demo provider does not). Default false. */
  refreshTokens?: boolean;
  /** Access-token lifetime in seconds. Default 3600 (the demo's). */
  tokenTtlSeconds?: number;
  /** Host name in the URLs. mcp-remote accepts plain http only for localhost / 127.0.0.1. */
  host?: 'localhost' | '127.0.0.1';
  /**
   * How the MCP endpoint answers an unknown or expired token: 401 `invalid_token` (default; what a
   * well-behaved server does) or 500 (what the SDK example does, because its verifier throws a plain
   * Error; mcp-remote then fails fatally instead of starting a new sign-in).
   */
  unknownTokenStatus?: 401 | 500;
  /**
   * How `/authorize` answers a client id it does not know (after `restartAuthServer()`):
   *   'html' (default) - a 400 HTML error page, as hosted authorization servers show the user
   *                      ("unable to retrieve client by id"); mcp-remote cannot tell why and
   *                      keeps waiting for a callback that never comes: the sign-in fails;
   *   'json'           - the SDK's own 400 `{"error":"invalid_client"}`. mcp-remote 0.15.1
   *                      prints its authorize URL (still naming the stale client id) *before*
   *                      its preflight; the preflight then recognises the error, drops the cached
   *                      registration and registers a new client, but never prints a URL for it.
   *                      So `runMcpRemoteOnce`, which follows the printed URL, still fails with
   *                      HTTP 400 here: this mode does not make the stale run recover (seen by
   *                      running it: a new client is registered, the sign-in does not complete).
   */
  staleClientResponse?: 'html' | 'json';
  /** Path of the MCP endpoint. Default `/mcp`. */
  mcpPath?: string;
}

export interface OAuthTestServer {
  /** The MCP endpoint, e.g. `http://localhost:41234/mcp`. */
  mcpUrl: string;
  /** The authorization server's issuer, as its metadata states it (trailing slash included). */
  issuer: string;
  /** Client ids the current authorization server has registered (empty after a restart). */
  registeredClientIds: () => string[];
  /** How many times `/authorize` was requested since the last restart. */
  authorizeRequests: () => number;
  /** The "environment switch": same URL, empty registrations and tokens. */
  restartAuthServer: () => Promise<void>;
  close: () => Promise<void>;
}

// express ships without types here (@types/express is not installed); this is the part we use.
type Req = http.IncomingMessage & { body?: unknown };
type Next = (error?: unknown) => void;
type Handler = (req: Req, res: http.ServerResponse, next: Next) => void;
interface App {
  (req: http.IncomingMessage, res: http.ServerResponse): void;
  use: (...handlers: Handler[]) => void;
  post: (path: string, ...handlers: Handler[]) => void;
  get: (path: string, ...handlers: Handler[]) => void;
  delete: (path: string, ...handlers: Handler[]) => void;
}
const express = createRequire(import.meta.url)('express') as { (): App; json: () => Handler };

/** The demo provider plus refresh tokens and a configurable lifetime, when asked for. */
class TestAuthProvider extends DemoInMemoryAuthProvider {
  private readonly refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();
  authorizeCount = 0;

  constructor(private readonly options: OAuthTestServerOptions) {
    super();
  }

  override async authorize(
    ...args: Parameters<DemoInMemoryAuthProvider['authorize']>
  ): ReturnType<DemoInMemoryAuthProvider['authorize']> {
    this.authorizeCount += 1;
    return super.authorize(...args);
  }

  override async exchangeAuthorizationCode(
    client: OAuthClientInformationFull,
    code: string,
    verifier?: string,
  ): Promise<OAuthTokens> {
    const tokens = await super.exchangeAuthorizationCode(client, code, verifier);
    return this.finish(client, tokens);
  }

  override exchangeRefreshToken(
    client: OAuthClientInformationFull,
    refreshToken: string,
  ): Promise<OAuthTokens> {
    const known = this.refreshTokens.get(refreshToken);
    if (!this.options.refreshTokens || known === undefined || known.clientId !== client.client_id) {
      return Promise.reject(new Error('Unknown refresh token'));
    }
    this.refreshTokens.delete(refreshToken);
    const access = randomUUID();
    const ttl = this.options.tokenTtlSeconds ?? 3600;
    const tokenStore = (this as unknown as { tokens: Map<string, unknown> }).tokens;
    tokenStore.set(access, {
      token: access,
      clientId: client.client_id,
      scopes: known.scopes,
      expiresAt: Date.now() + ttl * 1000,
      type: 'access',
    });
    return Promise.resolve(
      this.finish(client, {
        access_token: access,
        token_type: 'bearer',
        expires_in: ttl,
        scope: known.scopes.join(' '),
      }),
    );
  }

  private finish(client: OAuthClientInformationFull, tokens: OAuthTokens): OAuthTokens {
    const ttl = this.options.tokenTtlSeconds;
    if (ttl !== undefined) {
      const tokenStore = (this as unknown as { tokens: Map<string, { expiresAt: number }> }).tokens;
      const data = tokenStore.get(tokens.access_token);
      if (data) data.expiresAt = Date.now() + ttl * 1000;
      tokens = { ...tokens, expires_in: ttl };
    }
    if (!this.options.refreshTokens) return tokens;
    const refresh = randomUUID();
    this.refreshTokens.set(refresh, {
      clientId: client.client_id,
      scopes: tokens.scope ? tokens.scope.split(' ') : [],
    });
    return { ...tokens, refresh_token: refresh };
  }
}

function listen(app: App, host: string): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.once('error', reject);
    server.listen(0, host, () => resolve(server));
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function mcpServerFor(): McpServer {
  const server = new McpServer({ name: 'mcp-auth-doctor-test-server', version: '1.0.0' });
  server.registerTool('ping', { description: 'Answers pong' }, () => ({
    content: [{ type: 'text', text: 'pong' }],
  }));
  return server;
}

/** Starts both servers on free loopback ports; call `close()` when done. */
export async function startOAuthTestServer(options: OAuthTestServerOptions = {}): Promise<OAuthTestServer> {
  const host = options.host ?? 'localhost';
  const mcpPath = options.mcpPath ?? '/mcp';
  let provider = new TestAuthProvider(options);

  // One listening socket for the whole life of the helper; a restart swaps the provider and its
  // routes behind it and drops open connections, so the port (and the issuer URL) never changes.
  let routes: Handler = (_req, _res, next) => next();
  const authApp = express();
  authApp.use((req, res, next) => {
    if (
      (options.staleClientResponse ?? 'html') === 'html' &&
      req.method === 'GET' &&
      req.url?.startsWith('/authorize')
    ) {
      const clientId = new URL(req.url, 'http://x').searchParams.get('client_id') ?? '';
      void provider.clientsStore.getClient(clientId).then((known) => {
        if (known !== undefined) return routes(req, res, next);
        res
          .writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' })
          .end('<!doctype html><title>Error</title><p>unable to retrieve client by id</p>');
      });
      return;
    }
    routes(req, res, next);
  });
  const authServer = await listen(authApp, host);
  const authPort = (authServer.address() as AddressInfo).port;
  const routesFor = (p: TestAuthProvider): Handler => {
    // The SDK types these with express's types, which are not installed here.
    const router: unknown = mcpAuthRouter({
      provider: p,
      issuerUrl: new URL(`http://${host}:${authPort}`),
      scopesSupported: ['mcp:tools'],
      authorizationOptions: { rateLimit: false },
      clientRegistrationOptions: { rateLimit: false },
      tokenOptions: { rateLimit: false },
      revocationOptions: { rateLimit: false },
    });
    return router as Handler;
  };
  routes = routesFor(provider);

  const issuerUrl = new URL(`http://${host}:${authPort}`);
  const oauthMetadata = createOAuthMetadata({ provider, issuerUrl, scopesSupported: ['mcp:tools'] });

  const app = express();
  app.use(express.json());
  const mcpServer = await listen(app, host);
  const mcpPort = (mcpServer.address() as AddressInfo).port;
  const mcpUrl = new URL(`http://${host}:${mcpPort}${mcpPath}`);
  const metadataRoutes: unknown = mcpAuthMetadataRouter({
    oauthMetadata,
    resourceServerUrl: mcpUrl,
    scopesSupported: ['mcp:tools'],
    resourceName: 'MCP Auth Doctor test server',
  });
  app.use(metadataRoutes as Handler);
  const auth = requireBearerAuth({
    // Always the current provider: after a restart, old tokens are unknown and get a 401.
    verifier: {
      verifyAccessToken: (token) =>
        provider.verifyAccessToken(token).catch((error: unknown) => {
          if (options.unknownTokenStatus === 500) throw error;
          throw new InvalidTokenError(error instanceof Error ? error.message : 'Invalid token');
        }),
    },
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl),
  }) as unknown as Handler;
  app.post(mcpPath, auth, (req, res) => {
    const server = mcpServerFor();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    server
      .connect(transport)
      .then(() => transport.handleRequest(req, res, req.body))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  const notAllowed: Handler = (_req, res) => {
    res.writeHead(405, { Allow: 'POST' }).end();
  };
  app.get(mcpPath, auth, notAllowed);
  app.delete(mcpPath, auth, notAllowed);

  return {
    mcpUrl: mcpUrl.href,
    issuer: issuerUrl.href,
    registeredClientIds: () => [
      ...(provider.clientsStore as unknown as { clients: Map<string, unknown> }).clients.keys(),
    ],
    authorizeRequests: () => provider.authorizeCount,
    restartAuthServer() {
      provider = new TestAuthProvider(options);
      routes = routesFor(provider);
      authServer.closeAllConnections();
      return Promise.resolve();
    },
    async close() {
      await Promise.all([closeServer(authServer), closeServer(mcpServer)]);
    },
  };
}
