/**
 * Finds the files a client declares below one root, without ever following a symlink: a name is
 * looked up with lstat, or taken from a directory listing whose entry types are lstat types, so a
 * link is seen as a link and reported, never entered.
 *
 * All of a root's declarations are matched in one pass: each directory is listed once and each
 * entry is given to the first declaration (in declaration order) whose pattern it matches. A
 * client may declare many file kinds in one folder of thousands of files (mcp-remote does).
 */
import path from 'node:path';
import type { Dirent } from 'node:fs';
import type { FileDeclaration } from '../clients/types';
import type { ScanFs } from './fs-port';

export interface WalkHit {
  kind: 'file' | 'symlink';
  path: string;
  /** Relative to the root, `/`-separated. */
  relative: string;
  /** The declaration that claimed it (for a symlink: the first one whose pattern it matches). */
  decl: FileDeclaration;
}

export interface WalkFailure {
  path: string;
  error: NodeJS.ErrnoException;
}

export interface WalkResult {
  hits: WalkHit[];
  failures: WalkFailure[];
}

/**
 * One name segment of a pattern. `*` matches within one segment, never a `/` or `\\`; everything
 * else is literal. Case-sensitive, as clients name their files. The common shapes (a literal, or
 * one `*` between a literal prefix and suffix) are matched without a regex: a walk may test every
 * name of a folder of thousands against several patterns.
 */
interface Segment {
  literal: string | null;
  prefix: string;
  suffix: string;
  /** Only for two or more `*`. */
  regex: RegExp | null;
}

interface Pattern {
  decl: FileDeclaration;
  segments: Segment[];
}

function segmentOf(text: string): Segment {
  const parts = text.split('*');
  if (parts.length === 1) return { literal: text, prefix: '', suffix: '', regex: null };
  if (parts.length === 2) return { literal: null, prefix: parts[0]!, suffix: parts[1]!, regex: null };
  const escaped = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { literal: null, prefix: '', suffix: '', regex: new RegExp(`^${escaped.join('[^/\\\\]*')}$`) };
}

/** Whether name[from, to) holds no separator (what a `*` may match). */
function noSeparator(name: string, from: number, to: number): boolean {
  const slash = name.indexOf('/', from);
  const back = name.indexOf('\\', from);
  return (slash < 0 || slash >= to) && (back < 0 || back >= to);
}

function matches(segment: Segment, name: string): boolean {
  if (segment.literal !== null) return segment.literal === name;
  if (segment.regex !== null) return segment.regex.test(name);
  const { prefix, suffix } = segment;
  const end = name.length - suffix.length;
  return (
    end >= prefix.length &&
    name.endsWith(suffix) &&
    name.startsWith(prefix) &&
    noSeparator(name, prefix.length, end)
  );
}

/** Whether one name matches one segment of a declared pattern (as the walk decides it). */
export function segmentMatches(pattern: string, name: string): boolean {
  return matches(segmentOf(pattern), name);
}

type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  return 'other';
}

const ignorable = (code: string | undefined): boolean => code === 'ENOENT' || code === 'ENOTDIR';

export function walkRoot(fs: ScanFs, rootPath: string, decls: readonly FileDeclaration[]): WalkResult {
  const result: WalkResult = { hits: [], failures: [] };
  const patterns: Pattern[] = [];
  for (const decl of decls) {
    const parts = decl.match.split('/').filter((s) => s !== '');
    if (parts.length > 0) patterns.push({ decl, segments: parts.map(segmentOf) });
  }
  if (patterns.length > 0) visit(fs, rootPath, '', patterns, 0, result);
  return result;
}

function visit(
  fs: ScanFs,
  dir: string,
  rel: string,
  patterns: Pattern[],
  depth: number,
  result: WalkResult,
): void {
  const pathPrefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  const relPrefix = rel === '' ? '' : `${rel}/`;
  const take = (name: string, kind: EntryKind): void => {
    if (kind === 'other') return;
    const childPath = pathPrefix + name;
    const childRel = relPrefix + name;
    if (kind === 'dir') {
      const deeper = patterns.filter(
        (p) => p.segments.length > depth + 1 && matches(p.segments[depth]!, name),
      );
      if (deeper.length > 0) visit(fs, childPath, childRel, deeper, depth + 1, result);
      return;
    }
    // A file is claimed by the first declaration that ends here; a link by any pattern (it is
    // reported, never entered or read).
    for (const p of patterns) {
      if ((p.segments.length === depth + 1 || kind === 'symlink') && matches(p.segments[depth]!, name)) {
        result.hits.push({ kind, path: childPath, relative: childRel, decl: p.decl });
        return;
      }
    }
  };
  if (patterns.some((p) => p.segments[depth]!.literal === null)) {
    let entries: Dirent[];
    try {
      entries = fs.readdir(dir);
    } catch (err) {
      const error = err as NodeJS.ErrnoException;
      if (!ignorable(error.code)) result.failures.push({ path: dir, error });
      return;
    }
    for (const entry of entries) take(entry.name, kindOf(entry));
    return;
  }
  for (const name of new Set(patterns.map((p) => p.segments[depth]!.literal!))) {
    const child = pathPrefix + name;
    try {
      take(name, kindOf(fs.lstat(child)));
    } catch (err) {
      const error = err as NodeJS.ErrnoException;
      if (!ignorable(error.code)) result.failures.push({ path: child, error });
    }
  }
}
