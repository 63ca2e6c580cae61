/**
 * A real TLS failure: an https server on loopback with a self-signed certificate (made with the
 * openssl command at test time). The doctor must report it as a TLS problem, with the CA fix.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/index';
import { makeFakeHome } from '../helpers/fake-home';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
let server: https.Server | undefined;
let url = '';
let dir = '';

beforeAll(async () => {
  if (!hasOpenssl) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const made = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => {
    res.writeHead(401, {
      'www-authenticate':
        'Bearer resource_metadata="https://127.0.0.1/.well-known/oauth-protected-resource/mcp"',
    });
    res.end();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server!.close(resolve));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('doctor and TLS', () => {
  it.skipIf(!hasOpenssl)(
    'a self-signed certificate fails reachability as a TLS problem (needs openssl)',
    async () => {
      const { ctx } = makeFakeHome();
      const report = await runDoctor(ctx, url, { timeoutMs: 2000 });
      const c = report.checks.find((x) => x.id === 'reachability')!;
      expect(c.status).toBe('fail');
      expect(c.explanation).toMatch(/TLS failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
      expect(c.fix).toMatch(/NODE_EXTRA_CA_CERTS/);
      expect(c.owner).toBe('network');
    },
  );
});
