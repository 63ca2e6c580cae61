/**
 * Reads the `ItemTable` of a VS Code-family `state.vscdb` (VS Code, Cursor, Windsurf) without
 * touching the file: the bytes the scanner already read are loaded into an in-memory sql.js
 * database, queried, and the database is closed.
 *
 * sql.js compiles its WebAssembly asynchronously while parsers are synchronous, so the engine is
 * loaded once by `prepareStateDb()` (wired as the declarations' `prepare` hook, which the scanner
 * awaits before it parses). Parsing before that is reported as a problem, never a crash.
 */
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import type { ParseProblem } from '../types';

let engine: SqlJsStatic | null = null;
let loading: Promise<void> | null = null;

/** Loads sql.js once; later calls share the first load. */
export function prepareStateDb(): Promise<void> {
  loading ??= initSqlJs().then(
    (sql) => {
      engine = sql;
    },
    (error: unknown) => {
      loading = null; // a later scan may try again
      throw error;
    },
  );
  return loading;
}

export function stateDbReady(): boolean {
  return engine !== null;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export type ItemRows = Map<string, SqlValue>;
export type ItemTableResult =
  { ok: true; rows: ItemRows; walMode: boolean } | { ok: false; problem: ParseProblem };

/** Which rows to fetch: exact keys and key prefixes (LIKE is avoided: `_` and `%` are wildcards). */
export interface RowSelection {
  keys?: string[];
  prefixes?: string[];
}

/** Highest code point: `prefix + TOP` bounds every key that starts with `prefix` (BINARY order). */
const TOP = '\u{10FFFF}';

function selectedRows(db: Database, selection: RowSelection): ItemRows {
  const rows: ItemRows = new Map();
  // A key range uses the table's unique index on `key`; the prefix is re-checked below.
  const statement = db.prepare('SELECT key, value FROM ItemTable WHERE key >= ? AND key <= ?');
  try {
    const ranges = [
      ...(selection.keys ?? []).map((key) => ({ low: key, high: key, prefix: key, exact: true })),
      ...(selection.prefixes ?? []).map((prefix) => ({
        low: prefix,
        high: prefix + TOP,
        prefix,
        exact: false,
      })),
    ];
    for (const range of ranges) {
      statement.bind([range.low, range.high]);
      while (statement.step()) {
        const [rowKey, value] = statement.get();
        if (typeof rowKey !== 'string') continue;
        if (range.exact ? rowKey !== range.prefix : !rowKey.startsWith(range.prefix)) continue;
        rows.set(rowKey, value ?? null);
      }
      statement.reset();
    }
  } finally {
    statement.free();
  }
  return rows;
}

/**
 * The selected `ItemTable` rows. A database in WAL mode is read as its main file only (the
 * header is switched to rollback mode on our in-memory copy so SQLite does not look for a `-wal`
 * file); entries still sitting in the WAL are then not seen, which the caller reports.
 */
export function readItemTable(bytes: Buffer, what: string, selection: RowSelection): ItemTableResult {
  if (bytes.length < 100 || !bytes.subarray(0, 16).equals(SQLITE_MAGIC)) {
    return { ok: false, problem: { message: `${what} is not a SQLite database` } };
  }
  if (engine === null) {
    return {
      ok: false,
      problem: { message: `${what} was not read: the SQLite reader was not loaded before the scan` },
    };
  }
  const copy = Uint8Array.from(bytes);
  const walMode = copy[18] === 2 || copy[19] === 2;
  if (walMode) {
    copy[18] = 1;
    copy[19] = 1;
  }
  let db: Database | null = null;
  try {
    db = new engine.Database(copy);
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ItemTable'");
    if (tables.length === 0) {
      return { ok: false, problem: { message: `${what} has no ItemTable (not a VS Code state database)` } };
    }
    return { ok: true, rows: selectedRows(db, selection), walMode };
  } catch (error) {
    // SQLite's own messages name the failure ("file is not a database", "database disk image is
    // malformed") and never quote row contents.
    const reason = error instanceof Error ? error.message : 'unknown error';
    return { ok: false, problem: { message: `${what} could not be read as SQLite: ${reason}` } };
  } finally {
    db?.close();
  }
}

/** A row value as text (VS Code stores JSON strings; some writers store blobs). */
export function rowText(value: SqlValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return undefined;
}

export const SECRET_PREFIX = 'secret://';

/**
 * The `{extensionId, key}` of an extension secret row (`secret://{"extensionId":…,"key":…}`,
 * VS Code's mainThreadSecretState), or null for any other row.
 */
export function extensionSecretKey(rowKey: string): { extensionId: string; key: string } | null {
  if (!rowKey.startsWith(SECRET_PREFIX)) return null;
  try {
    const parsed: unknown = JSON.parse(rowKey.slice(SECRET_PREFIX.length));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { extensionId, key } = parsed as Record<string, unknown>;
    return typeof extensionId === 'string' && typeof key === 'string' ? { extensionId, key } : null;
  } catch {
    return null;
  }
}
