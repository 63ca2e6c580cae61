/**
 * The doctor hides what the shared redaction module (src/redact) calls a secret, and nothing
 * narrower: query parameters such as `subscription-key`, `authCode`, `accessKey` and
 * `license_key`, and proxy credentials, never reach the report, the progress events or the CLI
 * text; and the same names are left out of the `resource` sent to the authorization server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { runDoctor } from '../../src/doctor/index';
import { reportLines } from '../../src/doctor/text';
import type { DoctorEvent } from '../../src/model/index';
import { assertNoCanary, shortCanary } from '../helpers/canary';
import { startMisconfiguredServer, type DoctorServer } from '../helpers/doctor-servers';
import { makeFakeHome, type FakeHome } from '../helpers/fake-home';

const servers: DoctorServer[] = [];
const homes: FakeHome[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const h of homes.splice(0)) h.cleanup();
});

async function serve(): Promise<DoctorServer> {
  const s = await startMisconfiguredServer();
  servers.push(s);
  return s;
}

function home(env: Record<string, string>): FakeHome {
  const h = makeFakeHome({ env: { MCP_AUTH_DOCTOR_DATA_DIR: '', NO_PROXY: '', ...env } });
  homes.push(h);
  return h;
}

const plain = {
  bold: (s: string) => s,
  red: (s: string) => s,
  yellow: (s: string) => s,
  green: (s: string) => s,
  dim: (s: string) => s,
};

const NAMES = ['subscription-key', 'authCode', 'accessKey', 'license_key'] as const;

/** `…/mcp?subscription-key=S1&authCode=S2&accessKey=S3&license_key=S4`, with short plain secrets. */
function secretUrl(base: string): string {
  // Short and plain, so only the name rules (not the long-random-string rule) can hide them.
  return `${base}?${NAMES.map((n) => `${n}=${shortCanary(n)}`).join('&')}`;
}

describe('doctor redaction uses the shared list of secret names', () => {
  it('no S1–S4 or proxy credential reaches the report, the events or the text', async () => {
    const s = await serve();
    const h = home({ HTTPS_PROXY: `http://me:${shortCanary('proxy')}@proxy.example:3128` });
    const events: DoctorEvent[] = [];
    const report = await runDoctor(h.ctx, secretUrl(s.url), {
      timeoutMs: 800,
      onEvent: (e) => events.push(e),
    });
    const json = JSON.stringify(report);
    assertNoCanary(json, 'report');
    assertNoCanary(JSON.stringify(events), 'events');
    assertNoCanary(reportLines(report, plain, true).join('\n'), 'text');
    assertNoCanary(reportLines(report, plain, false).join('\n'), 'short text');

    // The run did see them: the url check names all four, and the requests show them masked.
    const url = report.checks.find((c) => c.id === 'url')!;
    expect(url.status).toBe('fail');
    expect(url.explanation).toContain(NAMES.join(', '));
    for (const n of NAMES) expect(json).toMatch(new RegExp(`${n}=\\[redacted:sha256:[0-9a-f]{12}\\]`));
    const reach = report.checks.find((c) => c.id === 'reachability')!;
    const proxyNote = reach.evidence.find((e) => e.request === 'ENV HTTPS_PROXY')!;
    expect(proxyNote.note).toMatch(
      /HTTPS_PROXY=http:\/\/\[redacted:sha256:[0-9a-f]{12}\]@proxy\.example:3128 /,
    );
  });

  it('the CLI, text and --json, with a scheme-less proxy and a Windows proxy list', async () => {
    const s = await serve();
    for (const proxy of [
      `me:${shortCanary('bare-proxy')}@proxy.example:3128`,
      `http=me:${shortCanary('win-http')}@proxy.example:80;https=me:${shortCanary('win-https')}@proxy.example:443`,
    ]) {
      const h = home({ HTTPS_PROXY: proxy });
      for (const extra of [[], ['--json']]) {
        let out = '';
        let err = '';
        const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTty: false };
        const code = await runCli({
          argv: ['doctor', secretUrl(s.url), '--timeout', '0.8', ...extra],
          io,
          baseContext: h.ctx,
        });
        expect(code).toBe(1);
        assertNoCanary(out, `stdout ${extra.join(' ')}`);
        assertNoCanary(err, `stderr ${extra.join(' ')}`);
        expect(out).toContain('subscription-key=[redacted:sha256:');
        // The text shows a passing check's evidence only in JSON; there the proxy host stays readable.
        if (extra.length > 0)
          expect(out).toMatch(/HTTPS_PROXY=[^ ]*\[redacted:sha256:[0-9a-f]{12}\]@proxy\.example:/);
      }
    }
  });

  it('a subscription-key in the MCP URL reaches the MCP server only, never the authorization server', async () => {
    const s = await serve();
    const h = home({});
    const key = shortCanary('subscription');
    const report = await runDoctor(h.ctx, `${s.url}?tenant=acme&subscription-key=${key}`, {
      timeoutMs: 800,
    });
    const seen = (r: { path: string; body?: string }): string =>
      decodeURIComponent(`${r.path} ${r.body ?? ''}`.replace(/\+/g, ' '));
    // It was sent where it belongs: to the MCP endpoint.
    expect(s.requests.some((r) => r.path.startsWith('/mcp?') && seen(r).includes(key))).toBe(true);
    const toAs = s.requests.filter((r) =>
      /^\/(authorize|token|register|\.well-known\/(oauth-authorization-server|openid-configuration))/.test(
        r.path,
      ),
    );
    expect(toAs.some((r) => r.path.startsWith('/authorize'))).toBe(true);
    for (const r of toAs) expect(seen(r), `${r.method} ${r.path.split('?')[0]}`).not.toContain(key);
    // The resource keeps the parameters that are not secret.
    const authorize = toAs.find((r) => r.path.startsWith('/authorize'))!;
    expect(new URL(authorize.path, s.origin).searchParams.get('resource')).toBe(`${s.url}?tenant=acme`);
    expect(JSON.stringify(report)).toContain(
      'resource sent without the secret-looking query parameter(s) subscription-key of the MCP URL',
    );
    assertNoCanary(JSON.stringify(report), 'report');
  });
});
