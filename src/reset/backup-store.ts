/**
 * Backups live in the app's data folder: `backups/<id>/` per reset (owner-only, 0700), holding
 * `manifest.json` (what was done, where, the hashes before and after), `journal.jsonl` while the
 * reset runs, and `files/<n>` with the exact bytes of each file before it was changed (0600).
 * The manifest holds paths, hashes, modes and JSON pointers — never file contents.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { CLIENT_IDS, type ClientId } from '../model/scan';
import type { ResetAction, ResetItemStatus, ResetTarget, UndoItemStatus } from '../model/reset';
import type { SharedFormat } from '../scan/types';
import { errorCode, type FsPort } from './fs-port';
import type { CredentialOwnerRecord } from './types';

export const MANIFEST_SCHEMA = 'mcp-auth-doctor/backup-manifest@1';
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** `replace-file`: a file a forced undo overwrote (kept so that undo can be undone too). */
export type ManifestAction = ResetAction | 'replace-file';
export type BackupStatus = 'in-progress' | 'complete' | 'rolled-back';

export interface Saved {
  kind: 'file' | 'dir' | 'symlink';
  mode: number;
  bytes: number;
  sha256: string | null;
  linkTarget: string | null;
  /** Backup file, relative to the backup folder; null for a folder (only its mode is kept). */
  file: string | null;
  /** Owner of the original (null in manifests written before owners were kept, and on Windows). */
  uid: number | null;
  gid: number | null;
}

export interface ManifestItem {
  index: number;
  credential: string | null;
  client: ClientId | null;
  action: ManifestAction;
  path: string;
  entry: string | null;
  format: SharedFormat | null;
  /** Further rows of a shared store removed with the entry (row keys, never values). */
  keys: string[];
  roots: string[];
  /** Content hash expected just before acting (scan time, or after an earlier edit in this run). */
  beforeSha256: string | null;
  /** Mode the scan saw (fallback for recovery when the journal line is missing). */
  expectedMode: number | null;
  saved: Saved | null;
  /** Content hash this run wrote (remove-entry, replace-file). */
  afterSha256: string | null;
  status: ResetItemStatus;
  reason: string | null;
  undo: { status: UndoItemStatus; reason: string | null; at: string } | null;
}

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  id: string;
  createdAt: string;
  label: string;
  home: string;
  platform: string;
  target: ResetTarget | { kind: 'undo-replaced'; backupId: string };
  /**
   * Who each reset credential belonged to (client label, server name, redacted URL), so later
   * sessions can name the backup. Absent in manifests written before it was kept.
   */
  owners?: Record<string, CredentialOwnerRecord>;
  status: BackupStatus;
  restoredAt: string | null;
  /** Order of creation in this data folder (clocks can repeat or go back; this does not). */
  sequence: number;
  items: ManifestItem[];
}

const savedSchema = z.object({
  kind: z.enum(['file', 'dir', 'symlink']),
  mode: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string().nullable(),
  linkTarget: z.string().nullable(),
  file: z.string().nullable(),
  uid: z.number().int().nullable().default(null),
  gid: z.number().int().nullable().default(null),
});

const manifestSchema = z.object({
  schema: z.literal(MANIFEST_SCHEMA),
  id: z.string(),
  createdAt: z.string(),
  label: z.string(),
  home: z.string(),
  platform: z.string(),
  target: z.looseObject({ kind: z.string() }),
  owners: z
    .record(
      z.string(),
      z.object({
        clientLabel: z.string(),
        serverName: z.string().nullable(),
        serverUrl: z.string().nullable(),
      }),
    )
    .optional(),
  status: z.enum(['in-progress', 'complete', 'rolled-back']),
  restoredAt: z.string().nullable(),
  sequence: z.number().int().default(0),
  items: z.array(
    z.object({
      index: z.number().int(),
      credential: z.string().nullable(),
      client: z.enum(CLIENT_IDS).nullable(),
      action: z.enum(['delete-file', 'delete-dir', 'remove-entry', 'replace-file']),
      path: z.string(),
      entry: z.string().nullable(),
      format: z.enum(['json', 'vscdb']).nullable(),
      keys: z.array(z.string()).default([]),
      roots: z.array(z.string()),
      beforeSha256: z.string().nullable(),
      expectedMode: z.number().int().nullable(),
      saved: savedSchema.nullable(),
      afterSha256: z.string().nullable(),
      status: z.enum(['planned', 'done', 'skipped', 'failed']),
      reason: z.string().nullable(),
      undo: z
        .object({
          status: z.enum(['restored', 'skipped', 'failed']),
          reason: z.string().nullable(),
          at: z.string(),
        })
        .nullable(),
    }),
  ),
});

export { savedSchema };

const ID_PATTERN = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

export function isBackupId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** Sortable by time, unique by its random tail: `20261126T120000Z-1a2b3c`. */
export function newBackupId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export const backupsRoot = (dataDir: string): string => path.join(dataDir, 'backups');
export const backupDir = (dataDir: string, id: string): string => path.join(backupsRoot(dataDir), id);
export const manifestPath = (dir: string): string => path.join(dir, 'manifest.json');
export const journalPath = (dir: string): string => path.join(dir, 'journal.jsonl');

/** Creates missing folders owner-only, and tightens the backups folder if someone loosened it. */
export async function ensureDir(fs: FsPort, dir: string): Promise<void> {
  const st = await fs.lstat(dir);
  if (st === null) {
    await ensureDir(fs, path.dirname(dir));
    try {
      await fs.mkdir(dir, DIR_MODE);
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw err;
    }
  }
}

export async function ensureBackupsRoot(fs: FsPort, dataDir: string): Promise<string> {
  const root = backupsRoot(dataDir);
  await ensureDir(fs, root);
  const st = await fs.lstat(root);
  if (st?.kind !== 'dir') throw new Error(`${root} is not a folder`);
  if ((st.mode & 0o077) !== 0) await fs.chmod(root, DIR_MODE);
  return root;
}

export async function writeManifest(fs: FsPort, dir: string, manifest: Manifest): Promise<void> {
  const file = manifestPath(dir);
  const temp = `${file}.tmp`;
  await fs.writeFile(temp, JSON.stringify(manifest, null, 2) + '\n', { mode: FILE_MODE });
  await fs.rename(temp, file);
  await fs.syncDir(dir);
}

/** The manifest, or why it cannot be used (never its content: it names paths, not secrets, but still). */
export async function readManifestOrProblem(
  fs: FsPort,
  dir: string,
): Promise<{ manifest: Manifest } | { manifest: null; problem: string }> {
  let text: string;
  try {
    text = (await fs.readFile(manifestPath(dir))).toString('utf8');
  } catch (err) {
    return {
      manifest: null,
      problem:
        errorCode(err) === 'ENOENT'
          ? 'its manifest.json is missing'
          : `its manifest.json cannot be read (${errorCode(err) ?? 'error'})`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { manifest: null, problem: 'its manifest.json is not valid JSON (cut short or damaged)' };
  }
  const parsed = manifestSchema.safeParse(json);
  return parsed.success
    ? { manifest: parsed.data as Manifest }
    : { manifest: null, problem: 'its manifest.json is not a backup manifest this version can read' };
}

export async function readManifest(fs: FsPort, dir: string): Promise<Manifest | null> {
  return (await readManifestOrProblem(fs, dir)).manifest;
}

export interface StoredBackup {
  id: string;
  dir: string;
  manifest: Manifest | null;
  /** Why the manifest cannot be used (null when it can). */
  problem: string | null;
}

export async function listStored(fs: FsPort, dataDir: string): Promise<StoredBackup[]> {
  const root = backupsRoot(dataDir);
  let names: string[];
  try {
    names = await fs.readdir(root);
  } catch {
    return [];
  }
  const out: StoredBackup[] = [];
  for (const id of names.filter(isBackupId).sort()) {
    const dir = path.join(root, id);
    if ((await fs.lstat(dir))?.kind !== 'dir') continue;
    const read = await readManifestOrProblem(fs, dir);
    out.push({ id, dir, manifest: read.manifest, problem: read.manifest === null ? read.problem : null });
  }
  return out;
}

/** When a backup was made, from its id (`20261126T120000Z-…`): all a damaged one still tells. */
export function idTime(id: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-/.exec(id);
  return m === null ? NaN : Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/** Newest last: by creation sequence, then time, then id. */
export function byCreation(a: Manifest, b: Manifest): number {
  if (a.sequence !== b.sequence) return a.sequence - b.sequence;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id.localeCompare(b.id);
}

export async function nextSequence(fs: FsPort, dataDir: string): Promise<number> {
  let max = 0;
  for (const s of await listStored(fs, dataDir)) max = Math.max(max, s.manifest?.sequence ?? 0);
  return max + 1;
}
