/**
 * The real mcp-remote (npm) against a real SDK OAuth server on loopback, HOME in a temp dir.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOAuthTestServer, type OAuthTestServer } from '../helpers/mcp-oauth-server';
import { McpRemoteFailure, runMcpRemoteOnce } from '../helpers/mcp-remote-client';

let server: OAuthTestServer;
let home: string;

beforeEach(async () => {
  server = await startOAuthTestServer();
  home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-real-mcpr-')));
});
afterEach(async () => {
  await server.close();
  fs.rmSync(home, { recursive: true, force: true });
});

const cacheFiles = (): string[] => fs.readdirSync(path.join(home, '.mcp-auth', 'mcp-remote-v1')).sort();

describe('real mcp-remote helpers', () => {
  it('signs in, reuses the cache, and fails after the authorization server forgets the client', async () => {
    const first = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home });
    expect(first.signIn?.status).toBe(200);
    expect(server.registeredClientIds()).toEqual([first.signIn!.clientId]);
    expect(cacheFiles().map((f) => f.replace(/^[0-9a-f]{32}_/, ''))).toEqual([
      'client_info.json',
      'tokens.json',
    ]);

    const second = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home });
    expect(second.signIn).toBeNull();

    await server.restartAuthServer();
    const failure = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(McpRemoteFailure);
    expect((failure as McpRemoteFailure).signIn?.status).toBe(400);
    expect((failure as McpRemoteFailure).signIn?.clientId).toBe(first.signIn!.clientId);

    // With the stale cache gone, it registers a new client and connects again.
    fs.rmSync(path.join(home, '.mcp-auth'), { recursive: true });
    const fresh = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home });
    expect(fresh.signIn?.status).toBe(200);
    expect(fresh.signIn?.clientId).not.toBe(first.signIn!.clientId);
    expect(server.registeredClientIds()).toEqual([fresh.signIn!.clientId]);
  });
});
