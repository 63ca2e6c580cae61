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
  kind: 'failure';
  path: string;
  error: NodeJS.ErrnoException;
}

export type WalkItem = WalkHit | WalkFailure;

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

/**
 * The root's matching files and links, and the folders that could not be listed, one at a time
 * as the walk finds them: the scan reads each file as it comes, so thousands of hits are never
 * held at once.
 */
export function* walkRoot(
  fs: ScanFs,
  rootPath: string,
  decls: readonly FileDeclaration[],
): Generator<WalkItem, void, undefined> {
  const patterns: Pattern[] = [];
  for (const decl of decls) {
    const parts = decl.match.split('/').filter((s) => s !== '');
    if (parts.length > 0) patterns.push({ decl, segments: parts.map(segmentOf) });
  }
  if (patterns.length === 0) return;
  // Where `/` is the separator, a relative path is the tail of the full one: a slice shares its
  // characters instead of building a second string.
  const cut = path.sep === '/' ? (rootPath.endsWith('/') ? rootPath.length : rootPath.length + 1) : -1;
  yield* visit(fs, rootPath, '', patterns, 0, cut);
}

/** The declaration that claims an entry: for a file the first ending here; for a link any. */
function claim(patterns: Pattern[], depth: number, name: string, kind: 'file' | 'symlink'): Pattern | null {
  for (const p of patterns) {
    if ((p.segments.length === depth + 1 || kind === 'symlink') && matches(p.segments[depth]!, name))
      return p;
  }
  return null;
}

function* visit(
  fs: ScanFs,
  dir: string,
  rel: string,
  patterns: Pattern[],
  depth: number,
  cut: number,
): Generator<WalkItem, void, undefined> {
  const pathPrefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  const relPrefix = rel === '' ? '' : `${rel}/`;
  const below = (name: string): Pattern[] =>
    patterns.filter((p) => p.segments.length > depth + 1 && matches(p.segments[depth]!, name));
  const hit = (name: string, kind: 'file' | 'symlink'): WalkHit | null => {
    // A link is claimed by any pattern: it is reported, never entered or read.
    const p = claim(patterns, depth, name, kind);
    if (p === null) return null;
    const childPath = pathPrefix + name;
    return {
      kind,
      path: childPath,
      relative: cut >= 0 ? childPath.slice(cut) : relPrefix + name,
      decl: p.decl,
    };
  };
  if (patterns.some((p) => p.segments[depth]!.literal === null)) {
    let entries: Dirent[];
    try {
      entries = fs.readdir(dir);
    } catch (err) {
      const error = err as NodeJS.ErrnoException;
      if (!ignorable(error.code)) yield { kind: 'failure', path: dir, error };
      return;
    }
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      // Files are read between entries: let each go once looked at (a folder can hold thousands).
      (entries as (Dirent | undefined)[])[i] = undefined;
      const kind = kindOf(entry);
      if (kind === 'other') continue;
      if (kind === 'dir') {
        const deeper = below(entry.name);
        if (deeper.length > 0) {
          yield* visit(fs, pathPrefix + entry.name, relPrefix + entry.name, deeper, depth + 1, cut);
        }
        continue;
      }
      const found = hit(entry.name, kind);
      if (found !== null) yield found;
    }
    return;
  }
  for (const name of new Set(patterns.map((p) => p.segments[depth]!.literal!))) {
    const child = pathPrefix + name;
    let kind: EntryKind;
    try {
      kind = kindOf(fs.lstat(child));
    } catch (err) {
      const error = err as NodeJS.ErrnoException;
      if (!ignorable(error.code)) yield { kind: 'failure', path: child, error };
      continue;
    }
    if (kind === 'other') continue;
    if (kind === 'dir') {
      const deeper = below(name);
      if (deeper.length > 0) yield* visit(fs, child, relPrefix + name, deeper, depth + 1, cut);
      continue;
    }
    const found = hit(name, kind);
    if (found !== null) yield found;
  }
}
