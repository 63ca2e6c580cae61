/**
 * VS Code keeps MCP sign-ins as "dynamic authentication providers" in `state.vscdb` (SQLite,
 * table ItemTable(key, value)): one element of the JSON array under `dynamicAuthProviders`, plus
 * `secret://` rows for its client registration and tokens. Removing one provider does what VS
 * Code's own "Remove Dynamic Authentication Providers" does to those rows, on a copy of the
 * database in memory (sql.js); the caller writes the exported bytes atomically. Every other row is
 * left alone and the result is checked before it is returned.
 */
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { ResetError } from './fs-errors';
import type { Removal } from './json-entry';
import { parsePointer } from './json-pointer';

const PROVIDERS_KEY = 'dynamicAuthProviders';
const REGISTRATION_PREFIX = 'secret://dynamicAuthProvider:clientRegistration:';

let engine: Promise<SqlJsStatic> | undefined;
const sqlJs = (): Promise<SqlJsStatic> => (engine ??= initSqlJs());

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
    throw new ResetError(`${file} is not a VS Code state database (no ItemTable); left as it is`);
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

/** The array index a pointer names: `/dynamicAuthProviders/<index>` or `/dynamicAuthProviders/<providerId>`. */
function locate(providers: Provider[], pointer: string, file: string): number {
  const segments = parsePointer(pointer);
  if (segments.length !== 2 || segments[0] !== PROVIDERS_KEY) {
    throw new ResetError(`${file}: unsupported entry ${pointer} (expected /${PROVIDERS_KEY}/<provider>)`);
  }
  const key = segments[1]!;
  const byId = providers.findIndex((p) => p.providerId === key);
  if (byId >= 0) return byId;
  if (/^(0|[1-9][0-9]*)$/.test(key) && Number(key) < providers.length) return Number(key);
  throw new ResetError(`the entry ${pointer} is no longer in ${file}`);
}

/** Row keys that belong to a provider: its client registration and its token secrets. */
function secretKeysOf(db: Database, providerId: string): string[] {
  const keys: string[] = [];
  const rows = db.exec("SELECT key FROM ItemTable WHERE key LIKE 'secret://%'");
  for (const [raw] of rows[0]?.values ?? []) {
    const key = asText(raw);
    if (key === null) continue;
    if (key === REGISTRATION_PREFIX + providerId) keys.push(key);
    else if (key.startsWith('secret://{')) {
      try {
        const k = JSON.parse(key.slice('secret://'.length)) as Record<string, unknown>;
        if (k.isDynamicAuthProvider === true && k.authProviderId === providerId) keys.push(key);
      } catch {
        // Another extension's secret with a key we do not understand: not ours to touch.
      }
    }
  }
  return keys;
}

function rowCount(db: Database): number {
  return Number(db.exec('SELECT count(*) FROM ItemTable')[0]?.values[0]?.[0] ?? 0);
}

export async function hasVscdbEntry(bytes: Buffer, pointer: string, file: string): Promise<boolean> {
  const db = open(await sqlJs(), bytes, file);
  try {
    locate(readProviders(db, file), pointer, file);
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** The database without the providers the pointers name (and their secret rows), checked. */
export async function removeVscdbEntries(
  bytes: Buffer,
  pointers: readonly string[],
  file: string,
): Promise<Removal> {
  const SQL = await sqlJs();
  const db = open(SQL, bytes, file);
  const missing: string[] = [];
  const ids = new Set<string>();
  let out: Buffer;
  let expectedRows: number;
  try {
    const providers = readProviders(db, file);
    for (const pointer of pointers) {
      try {
        ids.add(providers[locate(providers, pointer, file)]!.providerId);
      } catch (err) {
        if (err instanceof ResetError && err.message.startsWith('the entry ')) missing.push(pointer);
        else throw err;
      }
    }
    if (ids.size === 0) return { data: null, missing };
    const secrets = [...ids].flatMap((id) => secretKeysOf(db, id));
    expectedRows = rowCount(db) - secrets.length;
    db.run('UPDATE ItemTable SET value = ? WHERE key = ?', [
      JSON.stringify(providers.filter((p) => !ids.has(p.providerId))),
      PROVIDERS_KEY,
    ]);
    for (const key of secrets) db.run('DELETE FROM ItemTable WHERE key = ?', [key]);
    out = Buffer.from(db.export());
  } finally {
    db.close();
  }
  const check = open(SQL, out, file);
  try {
    const left = readProviders(check, file);
    if (left.some((p) => ids.has(p.providerId)) || rowCount(check) !== expectedRows) {
      throw new ResetError(`editing ${file} did not give the expected database; left as it is`);
    }
    if ([...ids].some((id) => secretKeysOf(check, id).length > 0)) {
      throw new ResetError(`editing ${file} left secrets of the provider behind; left as it is`);
    }
  } finally {
    check.close();
  }
  return { data: out, missing };
}

export async function removeVscdbEntry(bytes: Buffer, pointer: string, file: string): Promise<Buffer> {
  const { data } = await removeVscdbEntries(bytes, [pointer], file);
  if (data === null) throw new ResetError(`the entry ${pointer} is no longer in ${file}`);
  return data;
}

/** Puts a provider and its secret rows from `original` back into `current` (forced undo). */
export async function reinsertVscdbEntry(
  current: Buffer,
  original: Buffer,
  pointer: string,
  file: string,
): Promise<Buffer> {
  const SQL = await sqlJs();
  const from = open(SQL, original, file);
  const to = open(SQL, current, file);
  try {
    const oldProviders = readProviders(from, file);
    const index = locate(oldProviders, pointer, file);
    const provider = oldProviders[index]!;
    const rows: [string, SqlValue][] = [];
    for (const key of secretKeysOf(from, provider.providerId)) {
      const value = from.exec('SELECT value FROM ItemTable WHERE key = ?', [key])[0]?.values[0]?.[0] ?? null;
      rows.push([key, value]);
    }
    const providers = readProviders(to, file).filter((p) => p.providerId !== provider.providerId);
    providers.splice(Math.min(index, providers.length), 0, provider);
    to.run('INSERT OR REPLACE INTO ItemTable (key, value) VALUES (?, ?)', [
      PROVIDERS_KEY,
      JSON.stringify(providers),
    ]);
    for (const [key, value] of rows) {
      to.run('INSERT OR REPLACE INTO ItemTable (key, value) VALUES (?, ?)', [key, value]);
    }
    return Buffer.from(to.export());
  } finally {
    from.close();
    to.close();
  }
}
