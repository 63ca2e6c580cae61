/**
 * A small stand-in for the scanner, used by the tests of the seven declarations written against
 * src/clients/types.ts (vscode, cursor, windsurf, gemini-cli, opencode, mcp-inspector,
 * amazon-q): it expands a declaration's roots for the fake home's OS and env, finds the declared
 * files with lstat only, applies `accept`, reads the bytes and calls the parsers, exactly as the
 * declaration promises. It lets those tests prove the declarations (paths per OS, env overrides)
 * and parsers end to end without depending on the scanner's own findings.
 */
import fs from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import type { Context, Platform } from '../../../../src/context';
import { expandTemplate } from '../../../../src/paths/expand';
import type {
  ClientDeclaration,
  CredentialDraft,
  ParsedFile,
  RootDeclaration,
  ServerConfig,
} from '../../../../src/clients/types';

export interface ReadFile {
  path: string;
  relative: string;
  role: string;
  parsed: ParsedFile;
}

export interface ClientRead {
  /** Root id → the folder it resolved to (null when an env variable it needs is unset). */
  roots: Record<string, string | null>;
  files: ReadFile[];
  servers: ServerConfig[];
  credentials: (CredentialDraft & { path: string })[];
  problems: { path: string; message: string }[];
  notes: string[];
  /** Files that matched a declaration but were refused by its `accept` gate (never read). */
  refused: string[];
}

export function rootPath(root: RootDeclaration, ctx: Context): string | null {
  for (const template of root.envOverride ?? []) {
    const expanded = expandTemplate(template, ctx);
    if (expanded !== null) return expanded;
  }
  const candidates = root.paths[ctx.platform] ?? root.paths.all ?? [];
  for (const template of candidates) {
    const expanded = expandTemplate(template, ctx);
    if (expanded !== null) return expanded;
  }
  return null;
}

function segmentMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  return regex.test(name);
}

/** Files below `dir` matching `/`-separated `match` segments; lstat only, symlinks skipped. */
function findFiles(
  dir: string,
  segments: string[],
  relative: string[] = [],
): { path: string; relative: string }[] {
  const [head, ...rest] = segments;
  if (head === undefined) return [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: { path: string; relative: string }[] = [];
  for (const name of names.sort()) {
    if (!segmentMatches(head, name)) continue;
    const full = path.join(dir, name);
    const stat = fs.lstatSync(full);
    if (stat.isSymbolicLink()) continue;
    if (rest.length === 0 && stat.isFile())
      found.push({ path: full, relative: [...relative, name].join('/') });
    if (rest.length > 0 && stat.isDirectory()) found.push(...findFiles(full, rest, [...relative, name]));
  }
  return found;
}

/** `match: ''`: the root is the file itself (a regular file, never a symlink). */
function rootFile(file: string): { path: string; relative: string }[] {
  try {
    return fs.lstatSync(file).isFile() ? [{ path: file, relative: path.basename(file) }] : [];
  } catch {
    return [];
  }
}

/**
 * Reads one client's declared files. `otherServers` stands in for what other clients configure
 * (the scanner passes every client's servers to `accept`).
 */
export async function readClient(
  decl: ClientDeclaration,
  ctx: Context,
  otherServers: ServerConfig[] = [],
): Promise<ClientRead> {
  await decl.prepare?.();
  const roots: Record<string, string | null> = {};
  for (const root of decl.roots) roots[root.id] = rootPath(root, ctx);
  const out: ClientRead = {
    roots,
    files: [],
    servers: [],
    credentials: [],
    problems: [],
    notes: [],
    refused: [],
  };
  // Config files first, as the scanner does, so `accept` sees every configured server.
  const ordered = [...decl.files].sort((a, b) => Number(a.role !== 'config') - Number(b.role !== 'config'));
  for (const file of ordered) {
    const base = roots[file.root];
    if (base === null || base === undefined) continue;
    for (const found of file.match === '' ? rootFile(base) : findFiles(base, file.match.split('/'))) {
      if (file.accept && !file.accept(found, [...otherServers, ...out.servers])) {
        out.refused.push(found.path);
        continue;
      }
      const stat = fs.lstatSync(found.path);
      const parsed = file.parser({
        path: found.path,
        relative: found.relative,
        bytes: fs.readFileSync(found.path),
        mtimeMs: stat.mtimeMs,
        ctx,
      });
      out.files.push({ ...found, role: file.role, parsed });
      out.servers.push(...(parsed.servers ?? []));
      out.credentials.push(...(parsed.credentials ?? []).map((c) => ({ ...c, path: found.path })));
      out.problems.push(...(parsed.problems ?? []).map((p) => ({ path: found.path, message: p.message })));
      out.notes.push(...(parsed.notes ?? []));
    }
  }
  return out;
}

/** Everything a parser returned except the `secrets` the scanner turns into fingerprints. */
export function publicView(read: ClientRead): string {
  return JSON.stringify(read, (key, value: unknown) => (key === 'secrets' ? undefined : value));
}

export const OSES: Platform[] = ['darwin', 'win32', 'linux'];

/** A VS Code-style `state.vscdb` with an ItemTable holding `rows`. */
export async function makeStateDb(rows: Record<string, string | Uint8Array>): Promise<Buffer> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)');
  for (const [key, value] of Object.entries(rows))
    db.run('INSERT INTO ItemTable VALUES (?, ?)', [key, value]);
  const bytes = Buffer.from(db.export());
  db.close();
  return bytes;
}

/** How VS Code stores an encrypted secret value: Electron safeStorage output as a JSON Buffer. */
export function encryptedValue(plaintext: string): string {
  return JSON.stringify({ type: 'Buffer', data: [...Buffer.from(`v10${plaintext}`)] });
}
