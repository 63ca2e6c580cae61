/**
 * Every file every registered client declares, planted empty, binary, malformed, nested 100,000
 * deep, and (once per client) over its size limit: the scan completes, each structured file is
 * named by a `malformed-file` finding with a message in plain words (never a parser's exception
 * name), and no planted secret reaches the report or the human output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENTS } from '../../../src/clients/registry';
import type { ClientDeclaration, FileDeclaration } from '../../../src/clients/types';
import { createScanCommand } from '../../../src/cli/commands/scan';
import { expandTemplate } from '../../../src/paths/expand';
import { scan } from '../../../src/scan/index';
import { DEFAULT_MAX_BYTES } from '../../../src/scan/read';
import type { Platform } from '../../../src/context';
import type { Finding, ScanReport } from '../../../src/model/scan';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { assertNoCanary, canary } from '../../helpers/canary';

let home: FakeHome;
afterEach(() => home?.cleanup());

const STAR = '5a105e8b9d40e1329780d62ea2265d8a';
const DEPTH = 100_000;

type Variant = 'empty' | 'binary' | 'malformed' | 'deep' | 'huge';

/** Free-text files (verifiers, logs, interrupted writes): any bytes are valid content for them. */
const freeText = (file: string): boolean => /\.(txt|log|tmp)$/i.test(file);

/** A layout where the client has files: its own OS when it has one, else Linux. */
function platformFor(decl: ClientDeclaration): Platform {
  for (const p of ['linux', 'darwin', 'win32'] as const) {
    if (decl.roots.some((r) => (r.paths[p] ?? r.paths.all)?.length)) return p;
  }
  return 'linux';
}

/** Where a file of this declaration lives: the root's first path, or its env override set here. */
function plantPath(h: FakeHome, decl: ClientDeclaration, file: FileDeclaration): string | null {
  const root = decl.roots.find((r) => r.id === file.root)!;
  let base: string | null;
  const template = (root.paths[h.ctx.platform] ?? root.paths.all)?.[0];
  if (template !== undefined) base = expandTemplate(template, h.ctx);
  else {
    const name = /^\$\{([A-Z0-9_]+)\}/.exec(root.envOverride?.[0] ?? '')?.[1];
    if (name === undefined) return null;
    base = h.p(`env-roots/${root.id}${file.match === '' ? '.json' : ''}`);
    h.ctx = { ...h.ctx, env: { ...h.ctx.env, [name]: base } };
  }
  if (base === null) return null;
  // A leading `*` is the hash-like part of a name; any other `*` a suffix such as `_<state>`.
  const segments = file.match
    .split('/')
    .map((s) => (s === '*' ? `${STAR}.json` : s.replace(/^\*/, STAR).replaceAll('*', '_1')));
  const target = file.match === '' ? base : path.join(base, ...segments);
  const rel = path.relative(h.home, target);
  return rel.startsWith('..') || path.isAbsolute(rel) ? null : target;
}

function content(variant: Exclude<Variant, 'huge'>, file: string): string | Buffer {
  const toml = file.endsWith('.toml');
  switch (variant) {
    case 'empty':
      return '';
    case 'binary':
      return Buffer.concat([Buffer.from([0, 0xff, 0xfe, 7, 0]), Buffer.from(canary('binary'))]);
    case 'malformed':
      return toml
        ? `[mcp_servers.x]\nbearer_token = "${canary('toml')}\n[[`
        : `{"access_token": "${canary('access')}", "client_secret": "${canary('secret')}", `;
    case 'deep':
      return toml ? `x = ${'['.repeat(DEPTH)}` : '['.repeat(DEPTH);
  }
}

async function runBoth(h: FakeHome): Promise<{ report: ScanReport; human: string }> {
  const command = createScanCommand({ scan, processes: () => undefined });
  let json = '';
  let human = '';
  const io = (sink: (t: string) => void) => ({ stdout: sink, stderr: sink, isTty: false });
  const codeJson = await command.run({
    args: [],
    ctx: h.ctx,
    io: io((t) => (json += t)),
    json: true,
    dataDir: h.home,
  });
  await command.run({ args: [], ctx: h.ctx, io: io((t) => (human += t)), json: false, dataDir: h.home });
  const problems = JSON.parse(json) as ScanReport;
  expect(codeJson).toBe(problems.findings.some((f) => f.severity !== 'info') ? 1 : 0);
  assertNoCanary(json, 'scan --json');
  assertNoCanary(human, 'scan');
  return { report: JSON.parse(json) as ScanReport, human };
}

function findingFor(report: ScanReport, file: string): Finding | undefined {
  return report.findings.find((f) => f.code === 'malformed-file' && f.path === file);
}

describe.each(CLIENTS.map((c) => [c.id, c] as const))('hostile files of %s', (_id, decl) => {
  // Gated files (Amazon Q's SSO cache) are only read for names derived from a configured URL.
  const files = decl.files.filter((f) => f.accept === undefined);

  it.each(['empty', 'binary', 'malformed', 'deep'] as const)(
    '%s files are named, never a crash',
    async (variant) => {
      home = makeFakeHome({ platform: platformFor(decl) });
      const planted: string[] = [];
      const configFiles = new Set<string>();
      for (const file of files) {
        const target = plantPath(home, decl, file);
        if (target === null || planted.includes(target)) continue;
        if (file.role === 'config') configFiles.add(target);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content(variant, target));
        planted.push(target);
      }
      expect(planted.length, `files planted for ${decl.id}`).toBeGreaterThan(0);
      const { report, human } = await runBoth(home);
      for (const target of planted) {
        const f = findingFor(report, target);
        for (const any of report.findings.filter((x) => x.path === target)) {
          expect(any.message).not.toMatch(/Error in the parser|could not be parsed \(/);
        }
        // Any bytes are a valid verifier or log. An empty config is how several clients start (an
        // empty TOML or settings file is valid), and an empty SQLite store is a new database.
        const mayBeFine =
          freeText(target) || (variant === 'empty' && (target.endsWith('.vscdb') || configFiles.has(target)));
        if (mayBeFine) continue;
        expect(
          f,
          `${variant} ${target}: ${JSON.stringify(report.findings.map((x) => x.path))}`,
        ).toBeDefined();
        expect(f!.message).toContain(target);
        expect(f!.severity).toBe('error');
        expect(human).toContain(f!.message);
        if (variant === 'deep' && !target.endsWith('.vscdb')) {
          expect(f!.message).toContain('nested too deeply');
        }
      }
    },
  );

  it('a file over its size limit is reported, not read', async () => {
    home = makeFakeHome({ platform: platformFor(decl) });
    const file = files.find((f) => plantPath(home, decl, f) !== null)!;
    const target = plantPath(home, decl, file)!;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `{"access_token": "${canary('huge')}"`);
    fs.truncateSync(target, (file.maxBytes ?? DEFAULT_MAX_BYTES) + 1);
    const { report } = await runBoth(home);
    const f = findingFor(report, target);
    expect(f, target).toBeDefined();
    expect(f!.message).toMatch(/MB, more than the .* MB/);
  });
});
