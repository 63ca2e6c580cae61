/** Shared by the checks that read fields of the authorization server metadata. */
import type { Evidence } from '../../model/index';
import { evidenceOf } from '../evidence';
import type { JsonObject, Probes } from '../probes';

export interface UsedMetadata {
  doc: JsonObject;
  url: string;
  /** The metadata answer, with a note naming the fields the check read. */
  evidence: (note: string) => Evidence;
}

export async function usedMetadata(probes: Probes, timeoutMs: number): Promise<UsedMetadata | null> {
  const as = await probes.authServerMetadata();
  const used = as.used;
  if (used === null || used.doc === null) return null;
  return {
    doc: used.doc,
    url: used.candidate.url,
    evidence: (note) => evidenceOf(used.exchange, note, [], timeoutMs),
  };
}

export function stringList(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
}

export const show = (list: string[] | null): string => (list === null ? '(absent)' : JSON.stringify(list));

export const NO_METADATA = 'No authorization server metadata to read (see auth-server-metadata).';
