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
import { redactUrl } from '../redact/index';
import type { ScanResult, ScannedCredential } from '../scan/types';
import { ResetError } from './fs-errors';
import { nodeFsPort, type FsPort } from './fs-port';
import { parsePointer } from './json-pointer';
import { isWithin } from './roots';
import { serverMatcher } from './server-match';
import type { CredentialOwnerRecord, PlanItem, ResetPlan } from './types';

export function describeTarget(target: ResetTarget): string {
  switch (target.kind) {
    case 'credential':
      return `credential ${target.ids.join(', ')}`;
    case 'server':
      return `server ${target.urls.map((url) => redactUrl(url)).join(', ')}`;
    case 'client':
      return `client ${target.ids.join(', ')}`;
    case 'all':
      return 'every cached credential';
    case 'files':
      return `files of credential ${target.credential}: ${target.paths.join(', ')}`;
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
    case 'files': {
      const c = scan.credentials.get(target.credential);
      if (c === undefined) {
        throw new ResetError(
          `no credential with id ${target.credential} in the scan; run scan to see the ids`,
        );
      }
      return [plain(c)];
    }
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
function draftsOf({ c, serverUrl }: Chosen, only: readonly string[] | null): Draft[] {
  const base = {
    credential: c.credential.id,
    client: c.credential.client,
    serverUrl,
    roots: c.roots.map((root) => path.resolve(root)),
  };
  if (only !== null) return onlyFiles(c, base, only);
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
 * A `files` target: just the named files of one credential, each checked against the files the
 * scan gave that credential. Any other path — the shared file holding its entry included — is
 * refused in the plan, so the preview says why and nothing ever touches it.
 */
function onlyFiles(
  c: ScannedCredential,
  base: Pick<Draft, 'credential' | 'client' | 'serverUrl' | 'roots'>,
  paths: readonly string[],
): Draft[] {
  const own = new Map(c.ownFiles.map((f) => [path.resolve(f.path), f]));
  const shared = c.sharedEntry !== null ? path.resolve(c.sharedEntry.file.path) : null;
  const seen = new Set<string>();
  const drafts: Draft[] = [];
  for (const raw of paths) {
    const file = path.resolve(raw);
    if (seen.has(file)) continue;
    seen.add(file);
    const f = own.get(file);
    const common = {
      ...base,
      action: 'delete-file' as const,
      path: file,
      entry: null,
      format: null,
      keys: [],
    };
    if (f !== undefined) {
      drafts.push({ ...common, expected: { sha256: f.sha256, mode: f.mode & 0o7777, bytes: f.bytes } });
      continue;
    }
    const reason =
      file === shared
        ? `${file} is shared with other sign-ins; removing only some files never edits it (reset the whole sign-in instead); not touched`
        : `${file} is not one of the files of credential ${c.credential.id}; not touched`;
    drafts.push({ ...common, expected: null, refused: { reason, code: 'not-owned' } });
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
    if (d.refused !== undefined) continue;
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
    for (const d of draftsOf(c, target.kind === 'files' ? target.paths : null)) {
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
  const owners: Record<string, CredentialOwnerRecord> = {};
  for (const { c, serverUrl } of chosen) {
    const url = c.credential.serverUrl ?? serverUrl;
    owners[c.credential.id] = {
      clientLabel: clientLabels[c.credential.client] ?? c.credential.client,
      serverName: c.credential.serverName,
      serverUrl: url === null ? null : redactUrl(url),
    };
  }
  return {
    id: randomUUID(),
    createdAt: ctx.now().toISOString(),
    home: path.resolve(ctx.home),
    platform: ctx.platform,
    target,
    label: describeTarget(target),
    credentials: chosen.map(({ c }) => c.credential.id),
    clientLabels,
    owners,
    items: drafts.map((d, index) => ({ ...d, index })),
  };
}
