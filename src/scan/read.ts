/**
 * Reads one matched file within its size limit and hands the bytes to its parser. Every failure
 * becomes an outcome the engine turns into a finding; nothing here throws.
 */
import { createHash } from 'node:crypto';
import type { Context } from '../context';
import type { FileDeclaration, ParsedFile } from '../clients/types';
import type { ScanFs } from './fs-port';
import type { ScannedFile } from './types';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export type ReadOutcome =
  | { kind: 'parsed'; file: ScannedFile; parsed: ParsedFile }
  | { kind: 'gone' }
  | { kind: 'symlink' }
  | { kind: 'denied'; code: string }
  | { kind: 'too-large'; bytes: number; limit: number; mtimeMs: number }
  | { kind: 'failed'; reason: string };

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const DENIED = new Set(['EACCES', 'EPERM']);
/** What open(O_NOFOLLOW) answers when the path is a symlink. */
const LINK = new Set(['ELOOP', 'EMLINK', 'EFTYPE']);

export async function readAndParse(
  fs: ScanFs,
  ctx: Context,
  decl: FileDeclaration,
  filePath: string,
  relative: string,
): Promise<ReadOutcome> {
  let opened;
  try {
    opened = await fs.open(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'gone' };
    if (DENIED.has(code)) return { kind: 'denied', code };
    if (LINK.has(code)) return { kind: 'symlink' };
    return { kind: 'failed', reason: `it could not be opened (${code})` };
  }
  let bytes: Buffer;
  const { stat } = opened;
  try {
    if (!stat.isFile()) return { kind: 'gone' };
    const limit = decl.maxBytes ?? DEFAULT_MAX_BYTES;
    if (stat.size > limit) return { kind: 'too-large', bytes: stat.size, limit, mtimeMs: stat.mtimeMs };
    bytes = await opened.read();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    if (DENIED.has(code)) return { kind: 'denied', code };
    return { kind: 'failed', reason: `it could not be read (${code})` };
  } finally {
    await opened.close().catch(() => undefined);
  }
  const file: ScannedFile = {
    path: filePath,
    sha256: sha256Hex(bytes),
    bytes: bytes.length,
    mtimeMs: stat.mtimeMs,
    mode: stat.mode,
  };
  let parsed: ParsedFile;
  try {
    parsed = decl.parser({ path: filePath, relative, bytes, mtimeMs: stat.mtimeMs, ctx });
  } catch (err) {
    // Never the message: a parser's error can quote the file, and the file may hold a token.
    const name = err instanceof Error ? err.name : 'error';
    return { kind: 'failed', reason: `it could not be parsed (${name} in the parser)` };
  }
  return { kind: 'parsed', file, parsed };
}
