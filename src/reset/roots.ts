/**
 * "Inside the client's declared roots" is decided on real paths: the folder holding an item is
 * resolved (every symbolic link on the way followed) and must lie within one of the roots the
 * scan resolved the same way. A cache folder that is really a link to somewhere else therefore
 * fails, and nothing in it is touched. The item itself is never resolved: a link is acted on as
 * a link.
 */
import path from 'node:path';
import type { FsPort } from './fs-port';

export function isWithin(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Null when the item is inside; otherwise why not, in words. */
export async function outsideRootsReason(
  fs: FsPort,
  item: string,
  roots: readonly string[],
  clientLabel: string,
): Promise<string | null> {
  if (roots.length === 0) return `the scan did not say which folders belong to ${clientLabel}; not touched`;
  let parent: string;
  try {
    parent = await fs.realpath(path.dirname(item));
  } catch {
    return `the folder holding ${item} cannot be resolved; not touched`;
  }
  const real = path.join(parent, path.basename(item));
  if (roots.some((root) => real === root))
    return `${item} is one of ${clientLabel}'s own folders; not removed`;
  if (roots.some((root) => isWithin(root, parent))) return null;
  return `${item} is outside ${clientLabel}'s folders once symbolic links are followed (it leads to ${parent}); not touched`;
}
