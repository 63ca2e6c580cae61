import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpRemoteInvocation } from '../../../../src/clients/shared/mcp-remote-invocation';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

describe('mcpRemoteInvocation: recognising mcp-remote launches', () => {
  const url = 'https://mcp.example.com/mcp';
  it.each([
    ['npx', ['-y', 'mcp-remote', url]],
    ['npx', ['mcp-remote@0.1.38', url]],
    ['npx', ['--yes', 'mcp-remote@latest', url, '--debug']],
    ['npx.cmd', ['-y', 'mcp-remote', url]],
    ['C:\\Program Files\\nodejs\\npx.cmd', ['-y', 'mcp-remote', url]],
    ['mcp-remote', [url]],
    ['/usr/local/bin/mcp-remote', [url]],
    ['node', ['/home/u/node_modules/mcp-remote/dist/proxy.js', url]],
    ['node', ['/usr/lib/node_modules/.bin/mcp-remote', url]],
    ['cmd', ['/c', 'npx', '-y', 'mcp-remote', url]],
    ['pnpm', ['dlx', 'mcp-remote', url]],
    ['bunx', ['mcp-remote', url]],
    [`npx -y mcp-remote ${url}`, []],
  ])('%s %j', (command, args) => {
    const result = mcpRemoteInvocation(command, args);
    expect(result?.url).toBe(url);
    expect(result?.hashes).toContain(md5(url));
  });

  it.each([
    [undefined, []],
    ['', []],
    ['npx', ['-y', '@modelcontextprotocol/server-filesystem', '/tmp']],
    ['npx', ['-y', 'mcp-remote-helper', url]],
    ['node', ['server.js', url]],
    ['uvx', ['mcp-proxy', url]],
    ['npx', ['-y', 'mcp-remote']],
    ['npx', ['-y', 'mcp-remote', '--debug']],
  ])('not a mcp-remote launch with a URL: %s %j', (command, args) => {
    expect(mcpRemoteInvocation(command, args as string[])).toBeNull();
  });

  it('keeps the URL exactly as written (mcp-remote hashes it unnormalised)', () => {
    const a = mcpRemoteInvocation('npx', ['mcp-remote', 'https://Mcp.Example.com/mcp/'])!;
    const b = mcpRemoteInvocation('npx', ['mcp-remote', 'https://mcp.example.com/mcp'])!;
    expect(a.url).toBe('https://Mcp.Example.com/mcp/');
    expect(a.hashes).not.toEqual(b.hashes);
  });

  it('hashes headers as written, before ${ENV} substitution, keys sorted', () => {
    const result = mcpRemoteInvocation('npx', [
      'mcp-remote',
      url,
      '--header',
      'X-B: two',
      '--header',
      'Authorization:Bearer ${TOKEN}',
    ])!;
    const headers = JSON.stringify({ Authorization: 'Bearer ${TOKEN}', 'X-B': 'two' });
    expect(result.hashes[0]).toBe(md5(`${url}|${headers}`));
    expect(result.hashes).toContain(md5(url));
  });

  it('includes --resource, and drops it when --disable-resource-parameter is given', () => {
    const withResource = mcpRemoteInvocation('npx', ['mcp-remote', url, '--resource', 'https://r.example/']);
    expect(withResource!.hashes[0]).toBe(md5(`${url}|https://r.example/`));
    const disabled = mcpRemoteInvocation('npx', [
      'mcp-remote',
      url,
      '--resource',
      'https://r.example/',
      '--disable-resource-parameter',
    ]);
    expect(disabled!.hashes[0]).toBe(md5(url));
    // 0.1.30 – 0.1.38 ignored the disable flag for the hash.
    expect(disabled!.hashes).toContain(md5(`${url}|https://r.example/`));
  });
});

/**
 * Differential check against mcp-remote's own argument parser (the installed package), so the
 * hash stays exactly the one the real program writes to disk.
 */
describe('mcpRemoteInvocation agrees with mcp-remote 0.15.x parseCommandLineArgs', () => {
  type Parse = (args: string[], usage: string) => Promise<{ serverUrlHash: string }>;
  let parse: Parse;
  let configDir: string;
  const savedEnv = process.env.MCP_REMOTE_CONFIG_DIR;

  beforeAll(async () => {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-mcpr-'));
    // parseCommandLineArgs reads its cache dir; keep it away from the real home.
    process.env.MCP_REMOTE_CONFIG_DIR = configDir;
    const dist = path.resolve(__dirname, '../../../../node_modules/mcp-remote/dist');
    const chunk = fs
      .readdirSync(dist)
      .find(
        (f) =>
          /^chunk-.*\.js$/.test(f) &&
          fs.readFileSync(path.join(dist, f), 'utf8').includes('function parseCommandLineArgs'),
      );
    const mod = (await import(path.join(dist, chunk!))) as { parseCommandLineArgs: Parse };
    parse = mod.parseCommandLineArgs;
  });
  afterAll(() => {
    if (savedEnv === undefined) delete process.env.MCP_REMOTE_CONFIG_DIR;
    else process.env.MCP_REMOTE_CONFIG_DIR = savedEnv;
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  const headerName = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
  const headerValue = fc.oneof(fc.string({ maxLength: 20 }), fc.constant('Bearer ${TOKEN}'));
  const urlArb = fc.oneof(
    fc.webUrl({ validSchemes: ['https'], withQueryParameters: true }),
    fc.constant('http://localhost:8080/mcp'),
    fc.constant('https://Example.COM:8443/sse/'),
  );
  const extra = fc.oneof(
    fc.tuple(headerName, headerValue).map(([n, v]) => ['--header', `${n}:${v}`]),
    fc.tuple(headerName, headerValue).map(([n, v]) => ['--header', `${n}: ${v}`]),
    fc.webUrl({ validSchemes: ['https'] }).map((r) => ['--resource', r]),
    fc.constant(['--resource', '  ']),
    fc.constant(['--disable-resource-parameter']),
    fc
      .stringMatching(/^[a-z_]{1,8}$/)
      .filter(
        (k) =>
          ![
            'client_id',
            'redirect_uri',
            'response_type',
            'state',
            'code_challenge',
            'code_challenge_method',
          ].includes(k),
      )
      .map((k) => ['--authorize-param', `${k}=v1`]),
    fc.constant(['--client-metadata-url', 'https://app.example/client.json']),
    fc.constant(['--client-metadata-url', 'https://app.example/']),
    fc.constant(['--transport', 'sse-only']),
    fc.constant(['--allow-http']),
  );

  it('for random command lines', async () => {
    await fc.assert(
      fc.asyncProperty(urlArb, fc.array(extra, { maxLength: 5 }), async (url, extras) => {
        const args = [url, ...extras.flat()];
        const expected = (await parse([...args], 'usage')).serverUrlHash;
        const ours = mcpRemoteInvocation('npx', ['-y', 'mcp-remote', ...args]);
        expect(ours?.url).toBe(url);
        expect(ours?.hashes[0]).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });
});
