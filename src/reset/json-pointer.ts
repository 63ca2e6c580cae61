/** RFC 6901 JSON pointers, as the scan writes them for an entry inside a shared file. */

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function formatPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The value at the pointer, or undefined; array segments must be decimal indexes. */
export function resolvePointer(root: unknown, segments: readonly string[]): unknown {
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      node = node[Number(segment)];
    } else if (typeof node === 'object' && node !== null) {
      if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
      node = (node as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return node;
}

/** A deep copy of `root` without the entry at the pointer (the expected result of a removal). */
export function withoutPointer(root: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0) return undefined;
  const [head, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(root)) {
    const index = Number(head);
    const items = root as unknown[];
    if (rest.length === 0) return items.filter((_, i) => i !== index);
    return items.map((v, i) => (i === index ? withoutPointer(v, rest) : v));
  }
  if (typeof root === 'object' && root !== null) {
    const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) };
    if (rest.length === 0) delete copy[head];
    else copy[head] = withoutPointer(copy[head], rest);
    return copy;
  }
  return root;
}

/** A deep copy of `root` without every entry named (any order; array indexes refer to `root`). */
export function withoutPointers(root: unknown, paths: readonly (readonly string[])[]): unknown {
  if (paths.length === 0) return root;
  const byHead = new Map<string, string[][]>();
  for (const [head, ...rest] of paths) {
    if (head === undefined) return undefined;
    const list = byHead.get(head);
    if (list === undefined) byHead.set(head, [rest]);
    else list.push(rest);
  }
  const sub = (key: string): { drop: boolean; rest: string[][] } | null => {
    const rests = byHead.get(key);
    if (rests === undefined) return null;
    return { drop: rests.some((r) => r.length === 0), rest: rests };
  };
  if (Array.isArray(root)) {
    return (root as unknown[]).flatMap((value, i) => {
      const s = sub(String(i));
      if (s === null) return [value];
      return s.drop ? [] : [withoutPointers(value, s.rest)];
    });
  }
  if (typeof root === 'object' && root !== null) {
    const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) };
    for (const key of byHead.keys()) {
      if (!Object.prototype.hasOwnProperty.call(copy, key)) continue;
      const s = sub(key)!;
      if (s.drop) delete copy[key];
      else copy[key] = withoutPointers(copy[key], s.rest);
    }
    return copy;
  }
  return root;
}
