/**
 * A backup's name in words, from the owners its manifest recorded at reset time ("Claude Code
 * sign-in for jira (https://jira.example.com/mcp)"), so a backup made in an earlier session is
 * still recognisable after the credential is gone from the scan. Null when the manifest kept no
 * owners (older backups) or the target is not about credentials: the stored label is used then.
 */
import { redactUrl } from '../redact/index';
import type { Manifest } from './backup-store';
import type { CredentialOwnerRecord } from './types';

export function ownerWords(owner: CredentialOwnerRecord): string {
  const { clientLabel, serverName: name } = owner;
  // Recorded redacted; redacted again on reading, as a manifest is only a file on disk.
  const url = owner.serverUrl === null ? null : redactUrl(owner.serverUrl);
  if (name !== null && url !== null) return `${clientLabel} sign-in for ${name} (${url})`;
  if (name !== null || url !== null) return `${clientLabel} sign-in for ${url ?? name}`;
  return `${clientLabel} sign-in (server not recorded)`;
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

export function readableLabel(manifest: Manifest): string | null {
  // Read back from disk, where the target is only checked for its kind.
  const target = manifest.target as Partial<Record<'ids' | 'paths', unknown>> & {
    kind: string;
    credential?: unknown;
  };
  const owners = manifest.owners;
  const strings = (v: unknown): string[] | null =>
    Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  switch (target.kind) {
    case 'credential': {
      const ids = strings(target.ids);
      if (owners === undefined || ids === null) return null;
      const named = ids.map((id) => owners[id]).filter((o) => o !== undefined);
      return named.length === 0 ? null : joinNames(named.map(ownerWords));
    }
    case 'files': {
      const paths = strings(target.paths);
      const owner = typeof target.credential === 'string' ? owners?.[target.credential] : undefined;
      if (owner === undefined || paths === null) return null;
      const n = paths.length;
      return `${n === 1 ? '1 file' : `${n} files`} of the ${ownerWords(owner)}`;
    }
    default:
      return null;
  }
}
