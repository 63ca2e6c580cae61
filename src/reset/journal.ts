/**
 * The journal of a running reset: one JSON line per step, appended to `journal.jsonl` next to the
 * manifest. The manifest (written and flushed before the first change) says what will be done;
 * the journal says how far it got: what was backed up, and which shared files were being
 * rewritten (with the hash of the new content), so the next run can put everything back after a
 * crash. A torn last line (the process died mid-write) is ignored.
 */
import { z } from 'zod';
import { savedSchema, journalPath, type Saved } from './backup-store';
import type { FsPort } from './fs-port';

export type JournalRecord =
  | { i: number; step: 'saved'; saved: Saved }
  | { i: number; step: 'editing'; before: string | null; after: string; temp: string }
  | { i: number; step: 'done' };

const recordSchema = z.discriminatedUnion('step', [
  z.object({ i: z.number().int(), step: z.literal('saved'), saved: savedSchema }),
  z.object({
    i: z.number().int(),
    step: z.literal('editing'),
    before: z.string().nullable(),
    after: z.string(),
    temp: z.string(),
  }),
  z.object({ i: z.number().int(), step: z.literal('done') }),
]);

export async function appendJournal(
  fs: FsPort,
  dir: string,
  records: readonly JournalRecord[],
  sync = false,
): Promise<void> {
  await fs.appendFile(journalPath(dir), records.map((r) => JSON.stringify(r) + '\n').join(''), { sync });
}

export async function readJournal(fs: FsPort, dir: string): Promise<JournalRecord[]> {
  let text: string;
  try {
    text = (await fs.readFile(journalPath(dir))).toString('utf8');
  } catch {
    return [];
  }
  const records: JournalRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = recordSchema.safeParse(JSON.parse(line));
      if (parsed.success) records.push(parsed.data);
    } catch {
      // A line cut short by a crash: everything before it still counts.
    }
  }
  return records;
}
