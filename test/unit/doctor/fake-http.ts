/**
 * An in-memory HTTP port for unit tests: a healthy MCP server + authorization server at
 * https://mcp.example.com, with overridable routes, a request log and an in-flight counter.
 */
import type { HttpPort, HttpRequest, HttpResponse } from '../../../src/doctor/types';

export const ORIGIN = 'https://mcp.example.com';
export const MCP_URL = `${ORIGIN}/mcp`;

export type Route = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export function healthyRoutes(): Record<string, Route> {
  const prm = `${ORIGIN}/.well-known/oauth-protected-resource/mcp`;
  return {
    'POST /mcp': () =>
      json(
        401,
        { error: 'invalid_token' },
        {
          'www-authenticate': `Bearer resource_metadata="${prm}"`,
          'access-control-allow-origin': '*',
          'access-control-expose-headers': 'WWW-Authenticate',
        },
      ),
    'OPTIONS /mcp': (req) => ({
      status: 204,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
      },
      body: '',
    }),
    'GET /.well-known/oauth-protected-resource/mcp': () =>
      json(200, { resource: MCP_URL, authorization_servers: [ORIGIN] }),
    'GET /.well-known/oauth-authorization-server': () =>
      json(200, {
        issuer: ORIGIN,
        authorization_endpoint: `${ORIGIN}/authorize`,
        token_endpoint: `${ORIGIN}/token`,
        registration_endpoint: `${ORIGIN}/register`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: ['mcp', 'offline_access'],
      }),
    'GET /authorize': () => ({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<title>Consent</title>',
    }),
    'POST /token': () => json(400, { error: 'invalid_grant' }),
  };
}

export interface FakeHttp {
  port: HttpPort;
  requests: HttpRequest[];
  maxInFlight: () => number;
}

/** Answers from the routes (404 otherwise), each on a later macrotask so requests can overlap. */
export function fakeHttp(routes: Record<string, Route> = healthyRoutes()): FakeHttp {
  const requests: HttpRequest[] = [];
  let inFlight = 0;
  let max = 0;
  const port: HttpPort = async (req) => {
    requests.push(req);
    inFlight++;
    max = Math.max(max, inFlight);
    try {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, 2);
        req.signal.addEventListener('abort', () => {
          clearTimeout(t);
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
      const route = routes[`${req.method} ${new URL(req.url).pathname}`];
      return route ? await route(req) : json(404, { error: 'not_found' });
    } finally {
      inFlight--;
    }
  };
  return { port, requests, maxInFlight: () => max };
}

/** A route that answers only when aborted (then rejects), like a server that never answers. */
export const hang = (req: HttpRequest): Promise<HttpResponse> =>
  new Promise<HttpResponse>((_resolve, reject) => {
    req.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
