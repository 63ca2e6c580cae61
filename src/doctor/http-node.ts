/**
 * The default HTTP port: node:http(s), one fresh connection per request (no pooled socket keeps a
 * run alive), no redirect following (the doctor must see a 3xx to judge it), a capped body read.
 * Proxy variables are deliberately not honoured: the doctor reports them as a note instead.
 */
import http from 'node:http';
import https from 'node:https';
import type { HttpPort, HttpRequest, HttpResponse } from './types';

/** Enough for any metadata document or error page; the rest is not read. */
export const MAX_BODY_BYTES = 256 * 1024;

function joinHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export const nodeHttpPort: HttpPort = (request: HttpRequest) =>
  new Promise<HttpResponse>((resolve, reject) => {
    const url = new URL(request.url);
    const lib = url.protocol === 'https:' ? https : http;
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> = { ...request.headers };
    if (body) headers['content-length'] = String(body.length);
    const req = lib.request(url, { method: request.method, headers, agent: false, signal: request.signal });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const finish = (): void => {
        if (settled) return;
        settled = true;
        resolve({
          status: res.statusCode ?? 0,
          headers: joinHeaders(res.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      };
      // An event stream may stay open for minutes; its status and headers are all the doctor needs.
      if (/text\/event-stream/i.test(String(res.headers['content-type'] ?? ''))) {
        finish();
        res.destroy();
        return;
      }
      res.on('data', (chunk: Buffer) => {
        if (size >= MAX_BODY_BYTES) return;
        chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
        size += chunk.length;
        // The headers and the first part are all we judge; stop downloading the rest.
        if (size >= MAX_BODY_BYTES) {
          finish();
          res.destroy();
        }
      });
      res.on('end', finish);
      res.on('error', (err) => {
        if (!settled) reject(err);
      });
      res.on('aborted', () => {
        if (!settled) reject(new Error('the server closed the connection mid-answer'));
      });
    });
    req.end(body);
  });
