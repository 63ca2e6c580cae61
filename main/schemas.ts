/**
 * One zod schema per operation: the only shapes the window may send. Each is typed against the
 * contract's request type, so a contract change that the schema does not follow fails `tsc`.
 * Objects are strict (unknown keys refused) and every string and list has a ceiling.
 */
import path from 'node:path';
import { z } from 'zod';
import type { ApiRequest, OperationName } from '../src/contract';
import { CLIENT_IDS } from '../src/model/scan';

const MAX_IDS = 10_000;
const id = z.string().min(1).max(200);
const url = z.string().min(1).max(2048);
const clientId = z.enum(CLIENT_IDS);
const empty = z.object({}).strict();

const resetTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('credential'), ids: z.array(id).min(1).max(MAX_IDS) }).strict(),
  z.object({ kind: z.literal('server'), urls: z.array(url).min(1).max(100) }).strict(),
  z.object({ kind: z.literal('client'), ids: z.array(clientId).min(1).max(CLIENT_IDS.length) }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
  z
    .object({
      kind: z.literal('files'),
      credential: id,
      // The engine checks each one is that credential's own file; here only the shape.
      paths: z
        .array(
          z
            .string()
            .min(1)
            .max(4096)
            .refine((p) => path.isAbsolute(p), 'must be an absolute path'),
        )
        .min(1)
        .max(100),
    })
    .strict(),
]);

export const REQUEST_SCHEMAS: { [K in OperationName]: z.ZodType<ApiRequest<K>> } = {
  scan: z.object({ clients: z.array(clientId).max(CLIENT_IDS.length).optional() }).strict(),
  planReset: z.object({ target: resetTarget }).strict(),
  applyReset: z.object({ planId: id, force: z.boolean().optional() }).strict(),
  undo: z.object({ backupId: id.optional(), force: z.boolean().optional() }).strict(),
  listBackups: empty,
  purgeBackups: z
    .object({
      olderThanDays: z.number().int().min(0).max(36_500).optional(),
      ids: z.array(id).max(MAX_IDS).optional(),
    })
    .strict(),
  doctor: z
    .object({
      url,
      runId: id,
      probeRegistration: z.boolean().optional(),
      timeoutSeconds: z.number().positive().max(120).optional(),
    })
    .strict(),
  system: empty,
  report: z
    .object({
      serverUrl: url.optional(),
      errorText: z.string().max(20_000).optional(),
      when: z.string().max(1_000).optional(),
      steps: z.string().max(20_000).optional(),
      runDoctor: z.boolean().optional(),
    })
    .strict(),
  saveReport: z.object({ text: z.string().max(5_000_000), format: z.enum(['markdown', 'json']) }).strict(),
  revealPath: z.object({ path: z.string().min(1).max(4096) }).strict(),
  openLink: z.object({ url }).strict(),
  testBrowserOpen: empty,
};

/** "clients.0: Invalid option…" — where and what, never the value sent. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
