/**
 * Scan bench: a synthetic home with 10,000 mcp-remote servers (client_info + tokens each) and a
 * Claude Desktop config that launches mcp-remote for half of them. Prints the scan time and its
 * ratio to a raw baseline that only lists, lstats, reads and parses the same files in the same
 * process (the best of a sequential and a concurrent variant). Target: ≤ 1.5×.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../src/scan/index';
import type { Context } from '../../src/context';

const SERVERS = 10_000;
const RUNS = 7;

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

export function buildHome(): { home: string; files: string[] } {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-bench-scan-')));
  const dir = path.join(home, '.mcp-auth', 'mcp-remote-v1');
  fs.mkdirSync(dir, { recursive: true });
  const servers: Record<string, object> = {};
  const files: string[] = [];
  for (let i = 0; i < SERVERS; i++) {
    const url = `https://mcp-${i}.example.com/mcp`;
    const hash = md5(url);
    const info = path.join(dir, `${hash}_client_info.json`);
    const tokens = path.join(dir, `${hash}_tokens.json`);
    fs.writeFileSync(
      info,
      JSON.stringify(
        {
          redirect_uris: ['http://localhost:8492/oauth/callback'],
          token_endpoint_auth_method: 'none',
          client_id: `client-${i}`,
          client_id_issued_at: 1795672110,
          software_version: '0.15.1',
          issuer: `https://auth-${i}.example.com/`,
        },
        null,
        2,
      ),
    );
    fs.writeFileSync(
      tokens,
      JSON.stringify(
        {
          access_token: `access-${i}-${'x'.repeat(40)}`,
          token_type: 'bearer',
          expires_in: 3600,
          scope: 'mcp:tools offline_access',
          refresh_token: `refresh-${i}-${'y'.repeat(40)}`,
          expires_at: Date.parse('2026-11-26T13:00:00Z'),
          issuer: `https://auth-${i}.example.com/`,
        },
        null,
        2,
      ),
    );
    files.push(info, tokens);
    if (i % 2 === 0) servers[`server-${i}`] = { command: 'npx', args: ['-y', 'mcp-remote', url] };
  }
  const config = path.join(home, '.config', 'Claude', 'claude_desktop_config.json');
  fs.mkdirSync(path.dirname(config), { recursive: true });
  fs.writeFileSync(config, JSON.stringify({ mcpServers: servers }, null, 2));
  files.push(config);
  return { home, files };
}

/** The floor: list the folders, lstat, read and JSON.parse every file, nothing else. */
function baselineSync(home: string): number {
  let parsed = 0;
  const dirs = [path.join(home, '.mcp-auth', 'mcp-remote-v1'), path.join(home, '.config', 'Claude')];
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (!fs.lstatSync(file).isFile()) continue;
      JSON.parse(fs.readFileSync(file, 'utf8'));
      parsed++;
    }
  }
  return parsed;
}

async function baselineAsync(home: string): Promise<number> {
  const dirs = [path.join(home, '.mcp-auth', 'mcp-remote-v1'), path.join(home, '.config', 'Claude')];
  const files = (
    await Promise.all(dirs.map(async (d) => (await fs.promises.readdir(d)).map((n) => path.join(d, n))))
  ).flat();
  let next = 0;
  let parsed = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < files.length) {
        const file = files[next++]!;
        if (!(await fs.promises.lstat(file)).isFile()) continue;
        JSON.parse(await fs.promises.readFile(file, 'utf8'));
        parsed++;
      }
    }),
  );
  return parsed;
}

async function timed(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function scanBench(): Promise<void> {
  const { home, files } = buildHome();
  try {
    const ctx: Context = {
      home,
      env: { HOME: home },
      platform: 'linux',
      now: () => new Date('2026-11-26T12:00:00Z'),
    };
    // Warm the page cache and the JIT once for each.
    const check = await scan(ctx);
    const creds = check.report.clients.find((c) => c.id === 'mcp-remote')!.credentials;
    const linked = creds.filter((c) => c.serverUrl !== null).length;
    const orphans = check.report.findings.filter((f) => f.code === 'orphaned-credential').length;
    baselineSync(home);
    await baselineAsync(home);

    const scanMs: number[] = [];
    const syncMs: number[] = [];
    const asyncMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      scanMs.push(await timed(() => scan(ctx)));
      syncMs.push(await timed(() => baselineSync(home)));
      asyncMs.push(await timed(() => baselineAsync(home)));
    }
    const s = median(scanMs);
    const base = Math.min(median(syncMs), median(asyncMs));
    // The machine may be shared: the best run of each is the least disturbed one.
    const bestRatio = Math.min(...scanMs) / Math.min(...syncMs, ...asyncMs);
    console.log(
      `home: ${SERVERS} mcp-remote servers, ${files.length} files; Claude Desktop config names ${SERVERS / 2}`,
    );
    console.log(
      `scan found ${creds.length} credentials, ${linked} linked to a configured URL, ${orphans} orphaned`,
    );
    console.log(`scan (median of ${RUNS}):              ${s.toFixed(1)} ms`);
    console.log(`baseline sync  list+lstat+read+parse:  ${median(syncMs).toFixed(1)} ms`);
    console.log(`baseline async list+lstat+read+parse:  ${median(asyncMs).toFixed(1)} ms`);
    console.log(
      `ratio scan / best baseline: ${(s / base).toFixed(2)}x median, ${bestRatio.toFixed(2)}x best runs (target <= 1.5x)`,
    );
    console.log(
      `per credential: ${((s * 1000) / SERVERS).toFixed(1)} us (two files read, hashed, parsed, linked, judged)`,
    );
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}
