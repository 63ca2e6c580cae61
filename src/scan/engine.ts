/**
 * The scan: generic over client declarations.
 *   1. expand every client's roots for the Context's OS and env, lstat them;
 *   2. find declared files below them (lstat only, links reported, never followed);
 *   3. read each within its size limit and parse it as the walk finds it; gated files
 *      (`accept`) once every client's config is known;
 *   4. group drafts into credentials, link them to configured servers (mcp-remote caches to
 *      any client's config), derive findings.
 * Malformed, unreadable, oversized or linked files become findings; the scan always goes on.
 */
import path from 'node:path';
import type { Context } from '../context';
import type { ClientDeclaration, FileDeclaration, ServerConfig } from '../clients/types';
import {
  SCAN_SCHEMA,
  type ClientId,
  type ClientPath,
  type ClientReport,
  type Finding,
  type ServerInfo,
} from '../model/scan';
import { processMatches, type ProcessInfo } from '../system/process-port';
import { nodeScanFs, type ScanFs } from './fs-port';
import { expandRoot, forPlatform } from './roots';
import { walkRoot, type WalkItem } from './walk';
import { readAndParse, readLimit } from './read';
import { Lookahead, ReadPlan } from './read-plan';
import { buildCredential, type BuiltCredential, type DraftSource } from './credentials';
import * as F from './findings';
import { deriveFindings } from './derive';
import { sortByUrlThenId, sortFindings } from './order';
import type { ScanOptions, ScanResult, ScannedCredential } from './types';

interface ResolvedRoot {
  id: string;
  role: ClientPath['role'];
  path: string;
  kind: 'dir' | 'file' | 'symlink' | 'missing' | 'other' | 'denied';
  realPath: string | null;
}

interface ClientState {
  decl: ClientDeclaration;
  selected: boolean;
  roots: ResolvedRoot[];
  servers: ServerConfig[];
  /** Root (real path) → group key → drafts. */
  drafts: Map<string, Map<string, DraftSource[]>>;
  notes: string[];
  findings: Finding[];
  /** Config files seen (exists or not), for the report's paths. */
  configPaths: Map<string, ClientPath>;
}

interface PendingFile {
  state: ClientState;
  root: ResolvedRoot;
  decl: FileDeclaration;
  path: string;
  relative: string;
}

/**
 * How long the scan reads between two yields to the event loop: about a frame, so a UI on the
 * same thread stays responsive during a big scan, and few enough yields that they cost little.
 */
const SLICE_MS = 16;
/** Items between two looks at the clock. */
const CLOCK_EVERY = 32;

/** Tells when the current slice of work is over, and yields to the event loop then. */
class Slicer {
  private start = performance.now();
  private count = 0;

  due(): boolean {
    return ++this.count % CLOCK_EVERY === 0 && performance.now() - this.start >= SLICE_MS;
  }

  async pause(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.start = performance.now();
  }
}

const bySource = (a: ServerConfig, b: ServerConfig): number =>
  a.source === b.source ? 0 : a.source.localeCompare(b.source);

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function resolveRoots(fs: ScanFs, decl: ClientDeclaration, ctx: Context): ResolvedRoot[] {
  const out: ResolvedRoot[] = [];
  for (const rootDecl of decl.roots) {
    for (const { path: rootPath } of expandRoot(rootDecl, ctx)) {
      const root: ResolvedRoot = {
        id: rootDecl.id,
        role: rootDecl.role,
        path: rootPath,
        kind: 'missing',
        realPath: null,
      };
      try {
        const st = fs.lstat(rootPath);
        root.kind = st.isSymbolicLink()
          ? 'symlink'
          : st.isDirectory()
            ? 'dir'
            : st.isFile()
              ? 'file'
              : 'other';
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        root.kind = code === 'EACCES' || code === 'EPERM' ? 'denied' : 'missing';
      }
      if (root.kind === 'dir' || root.kind === 'file') {
        try {
          root.realPath = fs.realpath(rootPath);
        } catch {
          root.realPath = rootPath;
        }
      }
      out.push(root);
    }
  }
  return out;
}

/** A link's target, when it stays inside one of the client's own (real) roots. */
function linkStaysInside(fs: ScanFs, linkPath: string, realRoots: string[]): string | null | true {
  let target: string;
  try {
    target = fs.realpath(linkPath);
  } catch {
    return null;
  }
  return realRoots.some((r) => isInside(target, r)) ? true : target;
}

export async function runScan(
  ctx: Context,
  options: ScanOptions,
  declarations: readonly ClientDeclaration[],
): Promise<ScanResult> {
  const fs = options.fs ?? nodeScanFs;
  const wanted =
    options.clients !== undefined && options.clients.length > 0 ? new Set<ClientId>(options.clients) : null;
  const states: ClientState[] = declarations.map((decl) => ({
    decl,
    selected: wanted === null || wanted.has(decl.id),
    roots: [],
    servers: [],
    drafts: new Map(),
    notes: [],
    findings: [],
    configPaths: new Map(),
  }));

  await Promise.all(
    states.filter((s) => s.selected && s.decl.prepare).map((s) => s.decl.prepare!().catch(() => undefined)),
  );

  // 1 + 2 + 3: roots, matching files, each read and parsed as the walk finds it; gated files
  // once every config is known.
  const reads = new ReadPlan(options);
  try {
    await readAll(ctx, fs, reads, states);
  } finally {
    reads.close();
  }

  // 4: credentials, links, findings.
  let running: ProcessInfo[] | null = null;
  if (options.processes) {
    running = await options.processes.list().catch(() => null);
  }
  const built: BuiltCredential[] = [];
  const builtBy = new Map<ClientState, BuiltCredential[]>();
  for (const state of states) {
    if (!state.selected) continue;
    const realRoots = state.roots.map((r) => r.realPath).filter((p): p is string => p !== null);
    const mine: BuiltCredential[] = [];
    for (const groups of state.drafts.values()) {
      for (const [groupKey, sources] of groups) {
        const b = buildCredential(state.decl, groupKey, sources, realRoots);
        built.push(b);
        mine.push(b);
      }
    }
    // The drafts hold secrets until here; nothing needs them any more.
    state.drafts.clear();
    builtBy.set(state, mine);
  }
  const allServers = states.flatMap((s) => s.servers.map((server) => ({ client: s.decl, server })));
  const derived = deriveFindings(ctx, built, allServers, options.processes ?? null);

  const clients: ClientReport[] = [];
  const findings: Finding[] = [];
  const credentials = new Map<string, ScannedCredential>();
  for (const state of states) {
    if (!state.selected) continue;
    const mine = sortByUrlThenId(builtBy.get(state)!, (b) => b.scanned.credential);
    for (const b of mine) credentials.set(b.scanned.credential.id, b.scanned);
    const isRunning =
      running === null
        ? null
        : running.some((p) =>
            processMatches(p, forPlatform(state.decl.processNames, ctx) ?? [], ctx.platform),
          );
    const rootsExist = state.roots.some((r) => r.kind !== 'missing');
    const bridged =
      state.decl.id === 'mcp-remote' && allServers.some((s) => s.server.transport === 'mcp-remote');
    const installed = rootsExist || bridged;
    for (const f of state.findings) findings.push(f);
    if (isRunning === true && state.decl.rewritesWhileRunning) findings.push(F.clientRunning(state.decl));
    const keychain = forPlatform(state.decl.keychain, ctx);
    if (installed && keychain !== undefined) findings.push(F.keychain(state.decl, keychain));
    clients.push({
      id: state.decl.id,
      label: state.decl.label,
      installed,
      running: isRunning,
      paths: [
        ...state.roots.map((r) => ({ path: r.path, role: r.role, exists: r.kind !== 'missing' })),
        ...[...state.configPaths.values()].filter((p) => !state.roots.some((r) => r.path === p.path)),
      ],
      servers: state.servers.map(publicServer),
      credentials: mine.map((b) => b.scanned.credential),
      notes: [...(forPlatform(state.decl.notes, ctx) ?? []), ...new Set(state.notes)],
    });
  }
  // Only findings about files and folders can repeat; derived ones are made once per credential
  // or configured server (a home can hold ten thousand of them, each with a long message).
  dedupe(findings);
  const selectedIds = new Set<string>(states.filter((s) => s.selected).map((s) => s.decl.id));
  for (const f of derived) if (f.client === null || selectedIds.has(f.client)) findings.push(f);
  sortFindings(findings, new Map(declarations.map((d, i) => [d.id as string, i])));

  return {
    report: {
      schema: SCAN_SCHEMA,
      scannedAt: ctx.now().toISOString(),
      home: ctx.home,
      platform: ctx.platform,
      clients,
      findings,
    },
    credentials,
  };
}

/**
 * Only exact repeats go (a folder failing for several declarations, one file reached through two
 * roots); two servers of one config file share code, client and path but not their message, and
 * each needs its finding.
 */
function dedupe(findings: Finding[]): void {
  // Keyed without the message first: messages are long, and only findings that share the rest
  // need theirs compared (as a Set once there are several).
  const seen = new Map<string, string | Set<string>>();
  let kept = 0;
  for (const f of findings) {
    const key = `${f.code}\0${f.client ?? ''}\0${f.credential ?? ''}\0${f.path ?? ''}`;
    const messages = seen.get(key);
    if (messages === undefined) seen.set(key, f.message);
    else if (typeof messages === 'string') {
      if (messages === f.message) continue;
      seen.set(key, new Set([messages, f.message]));
    } else {
      if (messages.has(f.message)) continue;
      messages.add(f.message);
    }
    findings[kept++] = f;
  }
  findings.length = kept;
}

/** Only the public fields: internal link data (hashes, match keys) stays in the core. */
function publicServer(server: ServerConfig): ServerInfo {
  return { name: server.name, url: server.url, transport: server.transport, source: server.source };
}

function reportRoot(fs: ScanFs, state: ClientState, root: ResolvedRoot, realRoots: string[]): void {
  if (root.kind === 'denied') {
    state.findings.push(F.unreadable(state.decl, root.path, 'EACCES'));
  } else if (root.kind === 'symlink') {
    const inside = linkStaysInside(fs, root.path, realRoots);
    if (inside !== true) state.findings.push(F.linkNotFollowed(state.decl, root.path, inside));
  }
}

/**
 * Steps 1-3 for every client. Once the read-ahead thread is up, walk items pass through a window:
 * each file is asked for as the walk finds it and handled a window later, in the walk's order.
 */
async function readAll(ctx: Context, fs: ScanFs, reads: ReadPlan, states: ClientState[]): Promise<void> {
  const gated: PendingFile[] = [];
  const slices = new Slicer();
  for (const state of states) {
    state.roots = resolveRoots(fs, state.decl, ctx);
    const realRoots = state.roots.map((r) => r.realPath).filter((p): p is string => p !== null);
    const walked = new Set<string>();
    for (const root of state.roots) {
      if (state.selected) reportRoot(fs, state, root, realRoots);
      if (root.kind !== 'dir' && root.kind !== 'file') continue;
      // Two roots can name one folder (e.g. MCP_REMOTE_CONFIG_DIR=~/.mcp-auth): walk it once.
      const identity = root.realPath ?? root.path;
      if (walked.has(identity)) continue;
      walked.add(identity);
      const decls = state.decl.files.filter(
        (d) => d.root === root.id && (state.selected || d.role === 'config'),
      );
      const take = (decl: FileDeclaration, filePath: string, relative: string): void => {
        if (decl.accept) gated.push({ state, root, decl, path: filePath, relative });
        else readOne(reads.fs, ctx, state, root, decl, filePath, relative);
      };
      if (root.kind === 'file') {
        for (const decl of decls) if (decl.match === '' || decl.match === '.') take(decl, root.path, '');
        continue;
      }
      const handle = (item: WalkItem): void => {
        if (item.kind === 'file') take(item.decl, item.path, item.relative);
        else if (!state.selected) return;
        else if (item.kind === 'failure') {
          state.findings.push(F.unreadable(state.decl, item.path, item.error.code ?? 'EIO'));
        } else {
          const inside = linkStaysInside(fs, item.path, realRoots);
          if (inside !== true) state.findings.push(F.linkNotFollowed(state.decl, item.path, inside));
        }
      };
      const window = new Lookahead<WalkItem>();
      for (const item of walkRoot(fs, root.path, decls)) {
        if (item.kind === 'file') reads.meet();
        if (window.size === 0 && !reads.ahead) handle(item);
        else {
          if (item.kind === 'file' && !item.decl.accept) reads.request(item.path, readLimit(item.decl));
          const due = window.push(item);
          if (due !== undefined) handle(due);
        }
        if (slices.due()) await slices.pause();
      }
      for (let item = window.shift(); item !== undefined; item = window.shift()) {
        handle(item);
        if (slices.due()) await slices.pause();
      }
    }
  }
  // Files finish in any order; servers are shown by file, each file's in its own order.
  for (const state of states) state.servers.sort(bySource);
  if (gated.length > 0) {
    const allServers = states.flatMap((s) => s.servers);
    for (const f of gated) {
      if (!f.decl.accept!({ path: f.path, relative: f.relative }, allServers)) continue;
      readOne(reads.fs, ctx, f.state, f.root, f.decl, f.path, f.relative);
      if (slices.due()) await slices.pause();
    }
  }
}

function readOne(
  fs: ScanFs,
  ctx: Context,
  state: ClientState,
  root: ResolvedRoot,
  decl: FileDeclaration,
  filePath: string,
  relative: string,
): void {
  const outcome = readAndParse(fs, ctx, decl, filePath, relative);
  const report = state.selected;
  switch (outcome.kind) {
    case 'gone':
      return;
    case 'symlink':
      if (report) state.findings.push(F.linkNotFollowed(state.decl, filePath, null));
      return;
    case 'denied':
      if (report) state.findings.push(F.unreadable(state.decl, filePath, outcome.code));
      return;
    case 'too-large':
      if (report) state.findings.push(F.tooLarge(state.decl, filePath, outcome.bytes, outcome.limit));
      return;
    case 'failed':
      if (report) state.findings.push(F.malformedFile(state.decl, filePath, outcome.reason));
      return;
    case 'parsed':
      break;
  }
  const { parsed } = outcome;
  if (decl.role === 'config')
    state.configPaths.set(filePath, { path: filePath, role: 'config', exists: true });
  if (parsed.servers) for (const server of parsed.servers) state.servers.push(server);
  if (!report) return;
  for (const problem of parsed.problems ?? []) {
    state.findings.push(F.malformedFile(state.decl, filePath, problem.message));
  }
  if (parsed.notes) for (const note of parsed.notes) state.notes.push(note);
  if (parsed.credentials === undefined || parsed.credentials.length === 0) return;
  // Group within one root: two roots (e.g. ~/.copilot and a legacy copy) never merge.
  const rootKey = root.realPath ?? root.path;
  let groups = state.drafts.get(rootKey);
  if (groups === undefined) state.drafts.set(rootKey, (groups = new Map<string, DraftSource[]>()));
  for (const draft of parsed.credentials) {
    const sources = groups.get(draft.groupKey);
    const source = { draft, file: outcome.file };
    if (sources === undefined) groups.set(draft.groupKey, [source]);
    // Most groups are two files: an array literal is exactly that big, a pushed one 17 slots.
    else if (sources.length === 1) groups.set(draft.groupKey, [sources[0]!, source]);
    else sources.push(source);
  }
}
