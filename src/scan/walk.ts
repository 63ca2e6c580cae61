/**
 * Finds the files a client declares, below its roots, without ever following a symlink: a name
 * segment is looked up with lstat (or taken from a directory listing, whose entry types are lstat
 * types), so a link is seen as a link and reported, never entered.
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
}

export interface WalkFailure {
  path: string;
  error: NodeJS.ErrnoException;
}

export interface WalkResult {
  hits: WalkHit[];
  failures: WalkFailure[];
}

/** `*` within one segment; everything else literal. Case-sensitive, as the files are named by their clients. */
function segmentRegex(segment: string): RegExp {
  const escaped = segment.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/\\\\]*')}$`);
}

type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  return 'other';
}

/**
 * Walks declarations below one root directory. Directory listings are shared between
 * declarations through `listings` (one listing per directory per scan: mcp-remote declares
 * seven file kinds in the same folder of possibly thousands of files).
 */
export class RootWalker {
  private readonly listings = new Map<string, Promise<Dirent[]>>();

  constructor(
    private readonly fs: ScanFs,
    private readonly rootPath: string,
  ) {}

  private list(dir: string): Promise<Dirent[]> {
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      listing = this.fs.readdir(dir);
      this.listings.set(dir, listing);
    }
    return listing;
  }

  async walk(decl: FileDeclaration): Promise<WalkResult> {
    const result: WalkResult = { hits: [], failures: [] };
    const segments = decl.match.split('/').filter((s) => s !== '');
    if (segments.length === 0) return result;
    await this.step(this.rootPath, segments, 0, [], result);
    return result;
  }

  private async step(
    dir: string,
    segments: string[],
    index: number,
    relParts: string[],
    result: WalkResult,
  ): Promise<void> {
    const segment = segments[index]!;
    const last = index === segments.length - 1;
    const found: { name: string; kind: EntryKind }[] = [];
    if (segment.includes('*')) {
      let entries: Dirent[];
      try {
        entries = await this.list(dir);
      } catch (err) {
        const error = err as NodeJS.ErrnoException;
        if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') result.failures.push({ path: dir, error });
        return;
      }
      const regex = segmentRegex(segment);
      for (const entry of entries) {
        if (regex.test(entry.name)) found.push({ name: entry.name, kind: kindOf(entry) });
      }
      found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } else {
      const child = path.join(dir, segment);
      try {
        found.push({ name: segment, kind: kindOf(await this.fs.lstat(child)) });
      } catch (err) {
        const error = err as NodeJS.ErrnoException;
        if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') result.failures.push({ path: child, error });
        return;
      }
    }
    for (const { name, kind } of found) {
      const childPath = path.join(dir, name);
      const childRel = [...relParts, name];
      if (kind === 'symlink') {
        result.hits.push({ kind: 'symlink', path: childPath, relative: childRel.join('/') });
      } else if (last && kind === 'file') {
        result.hits.push({ kind: 'file', path: childPath, relative: childRel.join('/') });
      } else if (!last && kind === 'dir') {
        await this.step(childPath, segments, index + 1, childRel, result);
      }
    }
  }
}
