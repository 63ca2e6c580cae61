/**
 * Hand-built scan results for reset tests: real files in a fake home, described the way the
 * scanner describes them (content hash, mode, roots as real paths), so the reset engine can be
 * tested without depending on every client's parser.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClientId, ClientReport, Credential } from '../../../../src/model/scan';
import { SCAN_SCHEMA } from '../../../../src/model/scan';
import { parsePointer } from '../../../../src/reset/json-pointer';
import type { ScanResult, ScannedCredential, ScannedFile, SharedFormat } from '../../../../src/scan/types';

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** Whether anything (a link included, even a dangling or looping one) is at `file`. */
export function present(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** A link is described by its target text: the scan never reads through one. */
export function scannedFile(file: string): ScannedFile {
  const st = fs.lstatSync(file);
  const data = st.isSymbolicLink() ? Buffer.from(fs.readlinkSync(file)) : fs.readFileSync(file);
  return { path: file, sha256: sha256(data), bytes: st.size, mtimeMs: st.mtimeMs, mode: st.mode & 0o7777 };
}

export interface CredSpec {
  id: string;
  client: ClientId;
  serverUrl?: string | null;
  files?: string[];
  shared?: { file: string; pointer: string; format?: SharedFormat; keys?: string[] };
  roots: string[];
}

export function credentialRecord(spec: CredSpec): Credential {
  return {
    id: spec.id,
    client: spec.client,
    serverUrl: spec.serverUrl ?? null,
    serverName: null,
    issuer: null,
    oauthClientId: null,
    registration: 'dcr',
    scopes: [],
    hasAccessToken: true,
    hasRefreshToken: false,
    expiresAt: null,
    updatedAt: null,
    files: (spec.files ?? []).map((f) => ({ path: f, bytes: 0, modifiedAt: new Date(0).toISOString() })),
    entry: spec.shared?.pointer ?? null,
    fingerprint: null,
  };
}

/** A JSON entry still in its file (the scan lists only what is there). */
function entryPresent(file: string, pointer: string, format: SharedFormat): boolean {
  if (!fs.existsSync(file)) return false;
  if (format !== 'json') return true;
  let node: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const seg of parsePointer(pointer)) {
    if (typeof node !== 'object' || node === null || !(seg in node)) return false;
    node = (node as Record<string, unknown>)[seg];
  }
  return true;
}

/** Reads the files now: the hashes are what "the scan saw"; what is gone is not listed. */
export function scanOf(specs: CredSpec[]): ScanResult {
  const credentials = new Map<string, ScannedCredential>();
  const clients = new Map<ClientId, ClientReport>();
  for (const spec of specs) {
    const files = (spec.files ?? []).filter(present);
    const format = spec.shared?.format ?? 'json';
    const shared =
      spec.shared !== undefined && entryPresent(spec.shared.file, spec.shared.pointer, format)
        ? spec.shared
        : undefined;
    if (files.length === 0 && shared === undefined) continue;
    const record = credentialRecord({ ...spec, files, ...(shared !== undefined ? { shared } : {}) });
    if (shared === undefined) record.entry = null;
    credentials.set(spec.id, {
      credential: record,
      ownFiles: files.map(scannedFile),
      sharedEntry:
        shared !== undefined
          ? {
              file: scannedFile(shared.file),
              pointer: shared.pointer,
              format,
              ...(shared.keys !== undefined ? { keys: shared.keys } : {}),
            }
          : null,
      roots: spec.roots.map((r) => fs.realpathSync(r)),
    });
    const report = clients.get(spec.client) ?? {
      id: spec.client,
      label: LABELS[spec.client] ?? spec.client,
      installed: true,
      running: null,
      paths: [],
      servers: [],
      credentials: [],
      notes: [],
    };
    report.credentials.push(record);
    clients.set(spec.client, report);
  }
  return {
    report: {
      schema: SCAN_SCHEMA,
      scannedAt: new Date('2026-11-26T12:00:00Z').toISOString(),
      home: '',
      platform: 'linux',
      clients: [...clients.values()],
      findings: [],
    },
    credentials,
  };
}

const LABELS: Partial<Record<ClientId, string>> = {
  'mcp-remote': 'mcp-remote',
  'claude-code': 'Claude Code',
  'gemini-cli': 'Gemini CLI',
  vscode: 'VS Code',
  codex: 'Codex CLI',
};

/**
 * Every entry below `root`, never following a link: kind, mode, and content hash or link target.
 * Two snapshots are equal exactly when the trees are byte-for-byte and mode-for-mode the same.
 */
export function snapshotTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const rel = path.relative(root, full);
      const st = fs.lstatSync(full);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out.set(rel, `link -> ${fs.readlinkSync(full)}`);
      else if (st.isDirectory()) {
        out.set(rel, `dir ${mode}`);
        walk(full);
      } else out.set(rel, `file ${mode} ${sha256(fs.readFileSync(full))}`);
    }
  };
  walk(root);
  return out;
}

/** Paths whose snapshot entry differs (added, removed or changed). */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

export interface TempDir {
  dir: string;
  cleanup: () => void;
}

export function tempDir(prefix = 'mad-data-'): TempDir {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
