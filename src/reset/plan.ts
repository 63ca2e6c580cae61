/**
 * From a scan and a target to a plan: every file to delete, every entry to remove from a shared
 * file, and every cache folder the reset leaves empty. Planning reads no file contents; apply
 * re-checks everything right before it acts.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Context } from '../context';
import type { ResetTarget } from '../model/reset';
import type { ClientId } from '../model/scan';
import type { ScanResult, ScannedCredential } from '../scan/types';
import { ResetError } from './fs-errors';
import { nodeFsPort, type FsPort } from './fs-port';
import { parsePointer } from './json-pointer';
import { isWithin } from './roots';
import { serverMatcher } from './server-match';
import type { PlanItem, ResetPlan } from './types';

export function describeTarget(target: ResetTarget): string {
  switch (target.kind) {
    case 'credential':
      return `credential ${target.ids.join(', ')}`;
    case 'server':
      return `server ${target.urls.join(', ')}`;
    case 'client':
      return `client ${target.ids.join(', ')}`;
    case 'all':
      return 'every cached credential';
  }
}

interface Chosen {
  c: ScannedCredential;
  /** The server, when the target named it and the scan could not (e.g. an mcp-remote cache by hash). */
  serverUrl: string | null;
}

function select(scan: ScanResult, target: ResetTarget): Chosen[] {
  const all = [...scan.credentials.values()];
  const plain = (c: ScannedCredential): Chosen => ({ c, serverUrl: c.credential.serverUrl });
  switch (target.kind) {
    case 'credential': {
      const missing = target.ids.filter((id) => !scan.credentials.has(id));
      if (missing.length > 0) {
        throw new ResetError(
          `no credential with id ${missing.join(', ')} in the scan; run scan to see the ids`,
        );
      }
      return target.ids.map((id) => plain(scan.credentials.get(id)!));
    }
    case 'server': {
      const matcher = serverMatcher(target.urls);
      return all.flatMap((c) => {
        const url = matcher.urlOf(c);
        return url === null ? [] : [{ c, serverUrl: c.credential.serverUrl ?? url }];
      });
    }
    case 'client': {
      const wanted = new Set<string>(target.ids);
      return all.filter((c) => wanted.has(c.credential.client)).map(plain);
    }
    case 'all':
      return all.map(plain);
  }
}

/**
 * Several entries removed from one array (Gemini's token list) must go from the highest index
 * down, or each removal would shift the next one's index.
 */
function entryOrder(a: string, b: string, parse: (pointer: string) => string[]): number {
  const sa = parse(a);
  const sb = parse(b);
  const ia = Number(sa[sa.length - 1]);
  const ib = Number(sb[sb.length - 1]);
  const sameParent = sa.slice(0, -1).join('/') === sb.slice(0, -1).join('/');
  if (sameParent && Number.isInteger(ia) && Number.isInteger(ib)) return ib - ia;
  return a < b ? -1 : a > b ? 1 : 0;
}

type Draft = Omit<PlanItem, 'index'>;

/**
 * Modes are kept as permission bits (the scan records the whole st_mode). Paths are made
 * absolute: a plan made from a relative `--home` must still name the same files after a `cd`.
 */
function draftsOf({ c, serverUrl }: Chosen): Draft[] {
  const base = {
    credential: c.credential.id,
    client: c.credential.client,
    serverUrl,
    roots: c.roots.map((root) => path.resolve(root)),
  };
  const drafts: Draft[] = c.ownFiles.map((f) => ({
    ...base,
    action: 'delete-file',
    path: path.resolve(f.path),
    entry: null,
    format: null,
    keys: [],
    expected: { sha256: f.sha256, mode: f.mode & 0o7777, bytes: f.bytes },
  }));
  if (c.sharedEntry !== null) {
    const f = c.sharedEntry.file;
    drafts.push({
      ...base,
      action: 'remove-entry',
      path: path.resolve(f.path),
      entry: c.sharedEntry.pointer,
      format: c.sharedEntry.format,
      keys: c.sharedEntry.keys ?? [],
      expected: { sha256: f.sha256, mode: f.mode & 0o7777, bytes: f.bytes },
    });
  }
  return drafts;
}

/**
 * Folders a reset may remove once it has emptied them: mcp-remote keeps one cache folder per
 * version (`mcp-remote-<version>/`, clients.md §1) and never cleans old ones up. Other clients'
 * folders stay even when empty: their apps may expect them to exist.
 */
const REMOVABLE_FOLDER: Partial<Record<ClientId, RegExp>> = { 'mcp-remote': /^mcp-remote-[^/\\]+$/ };

/** Such folders that hold nothing but files this plan deletes. */
async function emptiedFolders(fs: FsPort, files: Draft[]): Promise<Draft[]> {
  const byDir = new Map<string, Draft[]>();
  for (const d of files) {
    const dir = path.dirname(d.path);
    if (REMOVABLE_FOLDER[d.client]?.test(path.basename(dir)) !== true) continue;
    byDir.set(dir, [...(byDir.get(dir) ?? []), d]);
  }
  const out: Draft[] = [];
  for (const [dir, inDir] of byDir) {
    const roots = inDir[0]!.roots;
    try {
      if ((await fs.lstat(dir))?.kind !== 'dir') continue;
      const real = await fs.realpath(dir);
      if (roots.includes(real) || !roots.some((r) => isWithin(r, real))) continue;
      const planned = new Set(inDir.map((d) => path.basename(d.path)));
      const entries = await fs.readdir(dir);
      if (entries.length === 0 || !entries.every((e) => planned.has(e))) continue;
    } catch {
      continue;
    }
    const credentials = new Set(inDir.map((d) => d.credential));
    const servers = new Set(inDir.map((d) => d.serverUrl));
    out.push({
      credential: credentials.size === 1 ? inDir[0]!.credential : null,
      client: inDir[0]!.client,
      serverUrl: servers.size === 1 ? inDir[0]!.serverUrl : null,
      action: 'delete-dir',
      path: dir,
      entry: null,
      format: null,
      keys: [],
      expected: null,
      roots,
    });
  }
  return out;
}

export interface PlanDeps {
  fs?: FsPort;
}

export async function planReset(
  ctx: Context,
  scan: ScanResult,
  target: ResetTarget,
  deps: PlanDeps = {},
): Promise<ResetPlan> {
  const fs = deps.fs ?? nodeFsPort;
  const chosen = select(scan, target).sort(({ c: a }, { c: b }) =>
    a.credential.client === b.credential.client
      ? a.credential.id.localeCompare(b.credential.id)
      : a.credential.client.localeCompare(b.credential.client),
  );
  const files: Draft[] = [];
  const entries: Draft[] = [];
  const seen = new Set<string>();
  for (const c of chosen) {
    for (const d of draftsOf(c)) {
      const key = `${d.path}\u0000${d.entry ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      (d.action === 'remove-entry' ? entries : files).push(d);
    }
  }
  const parsed = new Map<string, string[]>();
  const parse = (pointer: string): string[] => {
    let segments = parsed.get(pointer);
    if (segments === undefined) parsed.set(pointer, (segments = parsePointer(pointer)));
    return segments;
  };
  entries.sort((a, b) =>
    a.path === b.path ? entryOrder(a.entry!, b.entry!, parse) : a.path.localeCompare(b.path),
  );
  // Folders come after the files in them: they can only go once those are gone.
  const drafts = [...files, ...entries, ...(await emptiedFolders(fs, files))];
  const clientLabels: Partial<Record<ClientId, string>> = {};
  for (const c of scan.report.clients) clientLabels[c.id] = c.label;
  return {
    id: randomUUID(),
    createdAt: ctx.now().toISOString(),
    home: path.resolve(ctx.home),
    platform: ctx.platform,
    target,
    label: describeTarget(target),
    credentials: chosen.map(({ c }) => c.credential.id),
    clientLabels,
    items: drafts.map((d, index) => ({ ...d, index })),
  };
}
