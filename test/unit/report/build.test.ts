import { describe, expect, it } from 'vitest';
import { buildSupportReport, supportReportText } from '../../../src/report/index';
import { REPORT_SCHEMA } from '../../../src/model/index';
import type { Context } from '../../../src/context';
import { assertNoCanary, canary } from '../../helpers/canary';
import { doctorReport, scanReport, systemReport } from './records';

const HOME = '/home/alice';

function ctx(env: Record<string, string> = {}): Context {
  return {
    home: HOME,
    env: { HOME, ...env },
    platform: 'linux',
    now: () => new Date('2026-11-26T12:00:00Z'),
  };
}

describe('buildSupportReport', () => {
  it('leads with what support asks for: client_ids, server, client and transport, error, time, steps', () => {
    const report = buildSupportReport({
      ctx: ctx(),
      scan: scanReport(HOME),
      serverUrl: 'https://mcp.example.com/mcp',
      errorText: 'invalid_client_metadata_url',
      errorAt: '2026-11-26 11:55 CET',
      steps: '1. Switched to EU\n2. Reconnected',
    });
    expect(report.schema).toBe(REPORT_SCHEMA);
    expect(report.createdAt).toBe('2026-11-26T12:00:00.000Z');
    expect(report.problem).toEqual({
      serverUrl: 'https://mcp.example.com/mcp',
      resource: 'https://mcp.example.com/mcp',
      errorText: 'invalid_client_metadata_url',
      errorAt: '2026-11-26 11:55 CET',
      steps: '1. Switched to EU\n2. Reconnected',
    });
    // Only the credential for this server, not the other one.
    expect(report.oauthClients.map((c) => c.oauthClientId)).toEqual(['m2m_stale_123']);
    // The configured URL differs in case, port and slash, and still matches.
    expect(report.connections).toEqual([
      expect.objectContaining({
        client: 'claude-desktop',
        transport: 'mcp-remote',
        source: '~/.config/Claude/claude_desktop_config.json',
      }),
    ]);
    const md = report.markdown;
    for (const s of [
      '## The problem',
      'm2m_stale_123',
      'invalid_client_metadata_url',
      '2026-11-26 11:55 CET',
      'Switched to EU',
      'mcp-remote',
      '## Scan summary',
      'orphaned-credential',
    ]) {
      expect(md).toContain(s);
    }
    expect(md).not.toContain('m2m_other_999');
  });

  it('lists every credential when no server is named', () => {
    const report = buildSupportReport({ ctx: ctx(), scan: scanReport(HOME) });
    expect(report.oauthClients.map((c) => c.oauthClientId).sort()).toEqual([
      'm2m_other_999',
      'm2m_stale_123',
    ]);
    expect(report.markdown).toContain('## OAuth clients held');
  });

  it('takes the server from the doctor run when none is given', () => {
    const secrets = { code: 'c', bearer: 'b', cookie: 'k', note: 'n' };
    const report = buildSupportReport({ ctx: ctx(), doctor: doctorReport(secrets) });
    expect(report.problem.serverUrl).toBe('https://mcp.example.com/mcp');
    expect(report.markdown).toContain('Token endpoint answers');
    expect(report.markdown).toContain('_No scan in this report._');
  });

  it('never shows a planted secret, in Markdown or JSON: doctor evidence, user text, env, proxy', () => {
    const s = {
      code: canary('auth-code'),
      bearer: canary('bearer'),
      cookie: canary('cookie'),
      note: canary('access'),
    };
    const envToken = canary('env-token');
    const pasted = canary('pasted-secret');
    const jwtish = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.c2lnbmF0dXJlLXNlY3JldA';
    const report = buildSupportReport({
      ctx: ctx({ ANTHROPIC_API_KEY: envToken, HTTPS_PROXY: `http://bob:${canary('proxy')}@proxy:3128` }),
      scan: scanReport(HOME),
      doctor: doctorReport(s),
      system: systemReport(),
      serverUrl: `https://mcp.example.com/mcp?token=${canary('url-token')}`,
      errorText: [
        `Error: POST /token failed: client_secret=${pasted}`,
        `Authorization: Bearer ${canary('header')}`,
        `my key is ${envToken}`,
        `id_token ${jwtish}`,
        `{"refresh_token": "${canary('refresh')}"}`,
      ].join('\n'),
      steps: `ran: npx mcp-remote https://mcp.example.com/mcp --header "Authorization: Bearer ${canary('arg')}"`,
    });
    const md = supportReportText(report, 'markdown');
    const json = supportReportText(report, 'json');
    assertNoCanary(md, 'markdown');
    assertNoCanary(json, 'json');
    expect(md).not.toContain(jwtish);
    expect(json).not.toContain(jwtish);
    expect(report.redactions).toBeGreaterThanOrEqual(10);
    expect(md).toContain(`${report.redactions} secret values removed`);
    // What support needs survives.
    expect(md).toContain('resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"');
    expect(md).toContain('invalid_client');
  });

  it('shows every home path as ~ in both formats', () => {
    const report = buildSupportReport({
      ctx: ctx(),
      scan: scanReport(HOME),
      errorText: `ENOENT: no such file, open '${HOME}/.mcp-auth/x.json'`,
    });
    const json = supportReportText(report, 'json');
    expect(json).not.toContain(HOME);
    expect(report.markdown).not.toContain(HOME);
    expect(report.markdown).toContain("open '~/.mcp-auth/x.json'");
    expect(report.scan?.home).toBe('~');
  });

  it('shows a Windows home as ~ in the JSON text too (escaped backslashes)', () => {
    const home = 'C:\\Users\\Alice';
    const report = buildSupportReport({
      ctx: { home, env: { USERPROFILE: home }, platform: 'win32', now: () => new Date(0) },
      scan: scanReport(home, '\\'),
    });
    const json = supportReportText(report, 'json');
    expect(json.toLowerCase()).not.toContain('users\\\\alice');
    expect(report.markdown.toLowerCase()).not.toContain('users\\alice');
    expect(report.markdown).toContain('~\\.config\\Claude\\claude_desktop_config.json');
  });

  it('keeps user text inside its block, whatever backticks and pipes it holds', () => {
    const report = buildSupportReport({
      ctx: ctx(),
      errorText: 'before\n```\n# not a heading\n```\nafter | pipe',
    });
    const md = report.markdown;
    expect(md).toContain('````text\nbefore\n```\n# not a heading\n```\nafter | pipe\n````');
  });

  it('says plainly when parts are missing', () => {
    const report = buildSupportReport({ ctx: ctx() });
    expect(report.problem).toEqual({
      serverUrl: null,
      resource: null,
      errorText: null,
      errorAt: null,
      steps: null,
    });
    for (const s of [
      '_No scan in this report._',
      '_No doctor run in this report._',
      '_No system checks in this report._',
    ]) {
      expect(report.markdown).toContain(s);
    }
  });

  it('includes the system checks', () => {
    const report = buildSupportReport({ ctx: ctx(), system: systemReport() });
    expect(report.markdown).toContain('**Browser opener:** missing');
    expect(report.markdown).toContain('**Running clients:** claude-desktop');
    expect(report.markdown).toContain('http://***@proxy.corp:3128');
    expect(report.system?.runningClients).toEqual(['claude-desktop']);
  });
});
