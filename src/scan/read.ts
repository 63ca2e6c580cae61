/**
 * Reads one matched file within its size limit and hands the bytes to its parser. Every failure
 * becomes an outcome the engine turns into a finding; nothing here throws.
 */
import { hash } from 'node:crypto';
import type { Context } from '../context';
import type { FileDeclaration, ParsedFile, ParseInput } from '../clients/types';
import type { ReadResult, ScanFs } from './fs-port';
import type { ScannedFile } from './types';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export type ReadOutcome =
  | { kind: 'parsed'; file: ScannedFile; parsed: ParsedFile }
  | { kind: 'gone' }
  | { kind: 'symlink' }
  | { kind: 'denied'; code: string }
  | { kind: 'too-large'; bytes: number; limit: number; mtimeMs: number }
  | { kind: 'failed'; reason: string };

/** How many bytes of a declared file the scan reads at most. */
export const readLimit = (decl: FileDeclaration): number => decl.maxBytes ?? DEFAULT_MAX_BYTES;

/** One native call, no Hash object: the scan hashes every file it reads. Strings hash as UTF-8. */
export function sha256Hex(data: Buffer | string): string {
  return hash('sha256', data, 'hex');
}

const DENIED = new Set(['EACCES', 'EPERM']);
/** What open(O_NOFOLLOW) answers when the path is a symlink. */
const LINK = new Set(['ELOOP', 'EMLINK', 'EFTYPE']);

function failure(err: unknown): ReadOutcome {
  const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'gone' };
  if (DENIED.has(code)) return { kind: 'denied', code };
  if (LINK.has(code)) return { kind: 'symlink' };
  return { kind: 'failed', reason: `it could not be read (${code})` };
}

export function readAndParse(
  fs: ScanFs,
  ctx: Context,
  decl: FileDeclaration,
  filePath: string,
  relative: string,
): ReadOutcome {
  const limit = readLimit(decl);
  let read: ReadResult & { text?: string | null };
  try {
    read = decl.text === true ? fs.readText(filePath, limit) : fs.readFile(filePath, limit);
  } catch (err) {
    return failure(err);
  }
  const { stat, bytes, sha256: digest } = read;
  const text = read.text ?? undefined;
  if (stat.isSymbolicLink()) return { kind: 'symlink' };
  if (!stat.isFile()) return { kind: 'gone' };
  if (bytes === null) return { kind: 'too-large', bytes: stat.size, limit, mtimeMs: stat.mtimeMs };
  const file: ScannedFile = {
    path: filePath,
    sha256: digest ?? sha256Hex(bytes),
    bytes: bytes.length,
    mtimeMs: stat.mtimeMs,
    mode: stat.mode,
  };
  const input: ParseInput =
    text !== undefined
      ? { path: filePath, relative, bytes, text, mtimeMs: stat.mtimeMs, ctx }
      : { path: filePath, relative, bytes, mtimeMs: stat.mtimeMs, ctx };
  let parsed: ParsedFile;
  try {
    parsed = decl.parser(input);
  } catch (err) {
    // Never the message: a parser's error can quote the file, and the file may hold a token.
    const name = err instanceof Error ? err.name : 'error';
    return { kind: 'failed', reason: `it could not be parsed (${name} in the parser)` };
  }
  return { kind: 'parsed', file, parsed };
}
