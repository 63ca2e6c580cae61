/**
 * Reset bench: a home with 1,000 mcp-remote credentials (client_info + tokens each, 2,000 files)
 * plus a Claude Code credentials file with 1,000 entries. Times the reset of all of them (plan +
 * apply: re-check every hash, back up every file flushed to disk, journal, act) and the undo
 * (restore every file atomically, verify), and prints each as a ratio to a baseline that does the
 * least the same job needs, flushed to disk the way backups are (fsync per file):
 *   - 2,000 files: copy each file once (read, write, fsync);
 *   - one shared file: rewrite it once (read, parse, serialise, write a temp file, fsync, rename).
 * The scan that feeds the plan is timed apart.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from '../../src/context';
import { applyPlan, planReset, undoReset } from '../../src/reset/index';
import { scan } from '../../src/scan/index';

const CREDENTIALS = 1_000;
const RUNS = 3;

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

function buildHome(): { home: string; files: string[] } {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-bench-reset-')));
  const dir = path.join(home, '.mcp-auth', 'mcp-remote-v1');
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < CREDENTIALS; i++) {
    const hash = md5(`https://mcp-${i}.example.com/mcp`);
    const info = path.join(dir, `${hash}_client_info.json`);
    const tokens = path.join(dir, `${hash}_tokens.json`);
    const clientInfo = {
      redirect_uris: ['http://localhost:8492/oauth/callback'],
      token_endpoint_auth_method: 'none',
      client_id: `client-${i}`,
      client_id_issued_at: 1795672110,
      software_version: '0.15.1',
      issuer: `https://auth-${i}.example.com/`,
    };
    fs.writeFileSync(info, JSON.stringify(clientInfo, null, 2), { mode: 0o600 });
    const token = {
      access_token: `access-${i}-${'x'.repeat(40)}`,
      token_type: 'bearer',
      expires_in: 3600,
      scope: 'mcp:tools',
    };
    fs.writeFileSync(tokens, JSON.stringify(token, null, 2), { mode: 0o600 });
    files.push(info, tokens);
  }
  return { home, files };
}

function buildSharedFile(home: string): string {
  const mcpOAuth: Record<string, object> = {};
  for (let i = 0; i < CREDENTIALS; i++) {
    const url = `https://mcp-${i}.example.com/mcp`;
    mcpOAuth[`s${i}|${md5(url).slice(0, 16)}`] = {
      serverName: `s${i}`,
      serverUrl: url,
      accessToken: `a-${i}-${'y'.repeat(40)}`,
      expiresAt: 1,
      clientId: `c${i}`,
    };
  }
  const file = path.join(home, '.claude', '.credentials.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ claudeAiOauth: { accessToken: 'login' }, mcpOAuth }, null, 2), {
    mode: 0o600,
  });
  return file;
}

/** Copies each file once, flushing each copy to disk as a backup is flushed. */
async function copyOnce(files: string[]): Promise<number> {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-bench-copy-'));
  const started = performance.now();
  for (const [i, f] of files.entries()) {
    const data = await fs.promises.readFile(f);
    const handle = await fs.promises.open(path.join(target, String(i)), 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
  const ms = performance.now() - started;
  fs.rmSync(target, { recursive: true, force: true });
  return ms;
}

/** Rewrites one JSON file once, the least a one-entry edit can cost (flushed, atomic). */
async function rewriteOnce(file: string): Promise<number> {
  const copy = path.join(path.dirname(file), '.bench-copy.json');
  fs.copyFileSync(file, copy);
  const started = performance.now();
  const doc = JSON.parse(await fs.promises.readFile(copy, 'utf8')) as unknown;
  const temp = `${copy}.tmp`;
  const handle = await fs.promises.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(doc, null, 2));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temp, copy);
  const ms = performance.now() - started;
  fs.rmSync(copy);
  return ms;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number): string => `${ms.toFixed(0)} ms`;

interface Figures {
  scan: number;
  copy: number;
  reset: number;
  undo: number;
}

async function once(target: 'mcp-remote' | 'claude-code'): Promise<Figures & { items: number }> {
  const { home, files } = buildHome();
  const shared = target === 'claude-code' ? buildSharedFile(home) : null;
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-bench-data-'));
  const ctx: Context = { home, env: { HOME: home }, platform: 'linux', now: () => new Date() };
  try {
    const copy = shared !== null ? await rewriteOnce(shared) : await copyOnce(files);
    let t = performance.now();
    const scanned = await scan(ctx, { clients: [target] });
    const scanMs = performance.now() - t;

    t = performance.now();
    const plan = await planReset(ctx, scanned, { kind: 'client', ids: [target] });
    const result = await applyPlan(ctx, plan, { dataDir: data }, { dryRun: false });
    const reset = performance.now() - t;
    const done = result.items.filter((i) => i.status === 'done').length;
    if (done !== plan.items.length) throw new Error(`only ${done} of ${plan.items.length} items were done`);

    t = performance.now();
    const undone = await undoReset(ctx, { dataDir: data });
    const undo = performance.now() - t;
    if (undone.items.some((i) => i.status !== 'restored')) throw new Error('undo did not restore everything');
    return { scan: scanMs, copy, reset, undo, items: plan.items.length };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(data, { recursive: true, force: true });
  }
}

async function report(target: 'mcp-remote' | 'claude-code', what: string, baseline: string): Promise<void> {
  const runs: (Figures & { items: number })[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(target));
  const m = (k: keyof Figures): number => median(runs.map((r) => r[k]));
  const ratio = (ms: number): string => `${(ms / m('copy')).toFixed(1)}x the baseline`;
  console.log(`${what}: ${runs[0]!.items} plan items; median of ${RUNS} runs`);
  console.log(`  baseline, ${baseline}: ${fmt(m('copy'))}`);
  console.log(`  scan (not part of the reset):          ${fmt(m('scan'))}`);
  console.log(`  reset (plan + checks + backups + act): ${fmt(m('reset'))}  = ${ratio(m('reset'))}`);
  console.log(`  undo (restore + verify):               ${fmt(m('undo'))}  = ${ratio(m('undo'))}`);
  console.log(
    `  reset + undo:                          ${fmt(m('reset') + m('undo'))}  = ${ratio(m('reset') + m('undo'))}`,
  );
  const items = runs[0]!.items;
  console.log(
    `  per plan item: reset ${(m('reset') / items).toFixed(2)} ms, undo ${(m('undo') / items).toFixed(2)} ms`,
  );
}

export default async function bench(): Promise<void> {
  await report(
    'mcp-remote',
    `${CREDENTIALS} mcp-remote credentials (${2 * CREDENTIALS} files)`,
    `copy the same files once, each flushed to disk`,
  );
  await report(
    'claude-code',
    `${CREDENTIALS} entries of one Claude Code credentials file (one ~200 KB file)`,
    'rewrite that file once (read, parse, write a flushed temp file, rename)',
  );
}
