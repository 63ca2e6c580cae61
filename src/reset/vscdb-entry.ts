/**
 * The VS Code family (VS Code, Cursor, Windsurf) keeps MCP sign-ins in `state.vscdb` (SQLite,
 * table ItemTable(key, value)). Two shapes of entry, as the scan names them:
 *   - `/dynamicAuthProviders/<index or providerId>`: one element of VS Code's provider list plus
 *     the `secret://` rows of its client registration and sessions — what VS Code's own "Remove
 *     Dynamic Authentication Providers" removes;
 *   - `/<secret://… row key>`: whole secret rows of an extension (Cursor, Windsurf, a provider
 *     whose list element is already gone).
 * The scan may name further rows that belong to the entry (`keys`); only `secret://` rows are ever
 * deleted. The edit runs on a copy of the database in memory (sql.js); the caller writes the
 * exported bytes atomically. Every other row is left alone and the result is checked.
 */
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { ResetError } from './fs-errors';
import type { Removal } from './json-entry';
import { parsePointer } from './json-pointer';

const PROVIDERS_KEY = 'dynamicAuthProviders';
const SECRET_PREFIX = 'secret://';
const REGISTRATION_PREFIX = `${SECRET_PREFIX}dynamicAuthProvider:clientRegistration:`;

let engine: Promise<SqlJsStatic> | undefined;
const sqlJs = (): Promise<SqlJsStatic> => (engine ??= initSqlJs());

export interface VscdbEntry {
  pointer: string;
  /** Further rows the scan says go with the entry. */
  keys: readonly string[];
}

interface Provider {
  providerId: string;
  [key: string]: unknown;
}

function asText(value: SqlValue | undefined): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return null;
}

function open(SQL: SqlJsStatic, bytes: Buffer, file: string): Database {
  try {
    // sql.js may use the array it is given as the database file and write to it: hand it a copy,
    // the caller's bytes are the backup.
    const db = new SQL.Database(new Uint8Array(bytes));
    db.exec('SELECT count(*) FROM ItemTable');
    return db;
  } catch {
    throw new ResetError(`${file} is not a VS Code-style state database (no ItemTable); left as it is`);
  }
}

function readProviders(db: Database, file: string): Provider[] {
  const rows = db.exec('SELECT value FROM ItemTable WHERE key = ?', [PROVIDERS_KEY]);
  const text = asText(rows[0]?.values[0]?.[0]);
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ResetError(`${file}: the ${PROVIDERS_KEY} list is not valid JSON; left as it is`);
  }
  if (!Array.isArray(parsed)) throw new ResetError(`${file}: ${PROVIDERS_KEY} is not a list; left as it is`);
  return parsed.filter(
    (p): p is Provider =>
      typeof p === 'object' && p !== null && typeof (p as Provider).providerId === 'string',
  );
}

function hasRow(db: Database, key: string): boolean {
  return (db.exec('SELECT 1 FROM ItemTable WHERE key = ?', [key])[0]?.values.length ?? 0) > 0;
}

function rowValue(db: Database, key: string): SqlValue {
  return db.exec('SELECT value FROM ItemTable WHERE key = ?', [key])[0]?.values[0]?.[0] ?? null;
}

function rowCount(db: Database): number {
  return Number(db.exec('SELECT count(*) FROM ItemTable')[0]?.values[0]?.[0] ?? 0);
}

/** Row keys that belong to a provider: its client registration and its sessions. */
function secretKeysOf(db: Database, providerId: string): string[] {
  const keys: string[] = [];
  const rows = db.exec("SELECT key FROM ItemTable WHERE key LIKE 'secret://%'");
  for (const [raw] of rows[0]?.values ?? []) {
    const key = asText(raw);
    if (key === null) continue;
    if (key === REGISTRATION_PREFIX + providerId) keys.push(key);
    else if (key.startsWith(`${SECRET_PREFIX}{`)) {
      try {
        const k = JSON.parse(key.slice(SECRET_PREFIX.length)) as Record<string, unknown>;
        if (k.isDynamicAuthProvider === true && k.authProviderId === providerId) keys.push(key);
      } catch {
        // Another extension's secret with a key we do not understand: not ours to touch.
      }
    }
  }
  return keys;
}

type Located =
  | { kind: 'provider'; index: number; provider: Provider; rows: string[] }
  | { kind: 'rows'; rows: string[] }
  | { kind: 'missing' };

/** What an entry names in this database; throws for a pointer of an unknown shape. */
function locate(db: Database, providers: Provider[], entry: VscdbEntry, file: string): Located {
  const segments = parsePointer(entry.pointer);
  const extra = entry.keys.filter((k) => k.startsWith(SECRET_PREFIX) && hasRow(db, k));
  if (segments.length === 2 && segments[0] === PROVIDERS_KEY) {
    const key = segments[1]!;
    let index = providers.findIndex((p) => p.providerId === key);
    if (index < 0 && /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < providers.length) index = Number(key);
    if (index < 0) return { kind: 'missing' };
    const provider = providers[index]!;
    const rows = [...new Set([...secretKeysOf(db, provider.providerId), ...extra])];
    return { kind: 'provider', index, provider, rows };
  }
  if (segments.length === 1 && segments[0]!.startsWith(SECRET_PREFIX)) {
    const rows = [...new Set([segments[0]!, ...extra])].filter((k) => hasRow(db, k));
    return rows.length > 0 ? { kind: 'rows', rows } : { kind: 'missing' };
  }
  throw new ResetError(
    `${file}: unsupported entry ${entry.pointer} (expected /${PROVIDERS_KEY}/<provider> or /secret://…); left as it is`,
  );
}

export async function hasVscdbEntry(bytes: Buffer, pointer: string, file: string): Promise<boolean> {
  const db = open(await sqlJs(), bytes, file);
  try {
    return locate(db, readProviders(db, file), { pointer, keys: [] }, file).kind !== 'missing';
  } finally {
    db.close();
  }
}

/** The database without the entries (list elements and their secret rows), checked. */
export async function removeVscdbEntries(
  bytes: Buffer,
  entries: readonly VscdbEntry[],
  file: string,
): Promise<Removal> {
  const SQL = await sqlJs();
  const db = open(SQL, bytes, file);
  const missing: string[] = [];
  const providerIds = new Set<string>();
  const rows = new Set<string>();
  let out: Buffer;
  let expectedRows: number;
  try {
    const providers = readProviders(db, file);
    for (const entry of entries) {
      const found = locate(db, providers, entry, file);
      if (found.kind === 'missing') missing.push(entry.pointer);
      else {
        if (found.kind === 'provider') providerIds.add(found.provider.providerId);
        for (const r of found.rows) rows.add(r);
      }
    }
    if (providerIds.size === 0 && rows.size === 0) return { data: null, missing };
    expectedRows = rowCount(db) - rows.size;
    if (providerIds.size > 0) {
      db.run('UPDATE ItemTable SET value = ? WHERE key = ?', [
        JSON.stringify(providers.filter((p) => !providerIds.has(p.providerId))),
        PROVIDERS_KEY,
      ]);
    }
    for (const key of rows) db.run('DELETE FROM ItemTable WHERE key = ?', [key]);
    out = Buffer.from(db.export());
  } finally {
    db.close();
  }
  const check = open(SQL, out, file);
  try {
    const left = readProviders(check, file);
    const ok =
      !left.some((p) => providerIds.has(p.providerId)) &&
      rowCount(check) === expectedRows &&
      ![...rows].some((k) => hasRow(check, k));
    if (!ok) throw new ResetError(`editing ${file} did not give the expected database; left as it is`);
  } finally {
    check.close();
  }
  return { data: out, missing };
}

export async function removeVscdbEntry(bytes: Buffer, pointer: string, file: string): Promise<Buffer> {
  const { data } = await removeVscdbEntries(bytes, [{ pointer, keys: [] }], file);
  if (data === null) throw new ResetError(`the entry ${pointer} is no longer in ${file}`);
  return data;
}

/** Puts an entry's list element and rows from `original` back into `current` (forced undo). */
export async function reinsertVscdbEntry(
  current: Buffer,
  original: Buffer,
  entry: VscdbEntry,
  file: string,
): Promise<Buffer> {
  const SQL = await sqlJs();
  const from = open(SQL, original, file);
  const to = open(SQL, current, file);
  try {
    const oldProviders = readProviders(from, file);
    const found = locate(from, oldProviders, entry, file);
    if (found.kind === 'missing')
      throw new ResetError(`the backup of ${file} does not hold ${entry.pointer}`);
    if (found.kind === 'provider') {
      const providers = readProviders(to, file).filter((p) => p.providerId !== found.provider.providerId);
      providers.splice(Math.min(found.index, providers.length), 0, found.provider);
      to.run('INSERT OR REPLACE INTO ItemTable (key, value) VALUES (?, ?)', [
        PROVIDERS_KEY,
        JSON.stringify(providers),
      ]);
    }
    for (const key of found.rows) {
      to.run('INSERT OR REPLACE INTO ItemTable (key, value) VALUES (?, ?)', [key, rowValue(from, key)]);
    }
    return Buffer.from(to.export());
  } finally {
    from.close();
    to.close();
  }
}
