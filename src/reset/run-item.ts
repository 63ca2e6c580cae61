/**
 * One plan item — or the group of entries removed from one shared file, which is rewritten once —
 * previewed or applied by the same code (BleachBit's `execute(really_delete)`): the checks run in
 * both modes and decide `planned`/`done`, `skipped` or `failed`; only the last two steps — back
 * up, then act — depend on `really`.
 */
import path from 'node:path';
import type { ClientId } from '../model/scan';
import type { ResetItem, ResetReasonCode } from '../model/reset';
import { writeAtomic, tempPathFor } from './atomic-write';
import type { Saved } from './backup-store';
import type { BackupSession, Prepared } from './backup-session';
import { ResetError, describeFsError } from './fs-errors';
import { errorCode, type FsPort } from './fs-port';
import { SimulatedCrash } from './hooks';
import { sha256Hex } from './hash';
import { removeJsonEntries } from './json-entry';
import { lockOwnerPid } from './lock-files';
import { statOwner } from './ownership';
import { outsideRootsReason } from './roots';
import { blocksItem, type RunningClient } from './running-clients';
import type { PlanItem } from './types';
import { removeVscdbEntries, type VscdbEntry } from './vscdb-entry';

/** Reasons that mean the goal is met anyway (nothing to remove); every other skip is a refusal. */
export const ALREADY_GONE = 'already gone';

export function isAlreadyGone(reason: string | null): boolean {
  return reason !== null && (reason === ALREADY_GONE || reason.endsWith(`(${ALREADY_GONE})`));
}

export interface RunState {
  fs: FsPort;
  really: boolean;
  force: boolean;
  /** Clients that rewrite their files and are running now. */
  running: Map<ClientId, RunningClient>;
  /** Running clients that stood (or, forced, would have stood) in the way of an item. */
  blocking: Set<ClientId>;
  labels: Partial<Record<ClientId, string>>;
  isAlive: (pid: number) => boolean;
  /** Lock files are not used on Windows: mcp-remote skips them there. */
  locksApply: boolean;
  /** Paths removed so far in this run (for real, or in the preview). */
  removed: Set<string>;
  /** Shared files rewritten so far in this run: their new content. */
  edited: Map<string, { sha256: string; data: Buffer }>;
  session: BackupSession | null;
  runId: string;
  step: (name: string) => void;
}

export interface ItemOutcome {
  item: ResetItem;
  saved: Saved | null;
  beforeSha256: string | null;
  afterSha256: string | null;
}

interface Ready {
  prepared: Prepared;
  before: string | null;
  /** The new content of a shared file (remove-entry). */
  after: Buffer | null;
  /** Entries (pointers) that were not in the shared file. */
  missing: string[];
  /** Size and time of the file as checked, to notice a write during the backup. */
  seen: { size: number; mtimeMs: number } | null;
}

class Skip extends Error {
  constructor(
    message: string,
    readonly code: ResetReasonCode,
  ) {
    super(message);
  }
}

function skip(reason: string, code: ResetReasonCode): never {
  throw new Skip(reason, code);
}

async function guarded<T>(run: () => Promise<T>, file: string, doing: string): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Skip || err instanceof ResetError || err instanceof SimulatedCrash) throw err;
    if (errorCode(err) === 'ELOOP') throw new Skip(describeFsError(err, file, doing), 'symlink');
    throw new ResetError(describeFsError(err, file, doing));
  }
}

/**
 * SQLite keeps recent changes in `<db>-wal` (WAL mode) or an interrupted transaction in
 * `<db>-journal`; rewriting the main file under either would lose or corrupt data. The app folds
 * them back into the database when it quits.
 */
async function refuseUnsettledDatabase(state: RunState, item: PlanItem, label: string): Promise<void> {
  for (const suffix of ['-wal', '-journal']) {
    const side = await guarded(() => state.fs.lstat(item.path + suffix), item.path + suffix, 'looking at');
    if (side !== null && (suffix === '-journal' || side.size > 0)) {
      skip(
        `${item.path}${suffix} holds changes ${label} has not yet written into the database; quit ${label} and try again`,
        'unsettled-database',
      );
    }
  }
}

/** Reads a regular file and checks it is still what the scan (or this run's last edit) saw. */
async function readExpected(state: RunState, item: PlanItem): Promise<{ data: Buffer; sha256: string }> {
  const known = state.edited.get(item.path);
  if (known !== undefined && !state.really) return { data: known.data, sha256: known.sha256 };
  const data = await guarded(() => state.fs.readFile(item.path), item.path, 'reading');
  const sha256 = sha256Hex(data);
  const expected = known?.sha256 ?? item.expected?.sha256;
  if (sha256 !== expected) {
    skip(
      `${item.path} changed since the scan (its content is different now); scan again and retry`,
      'changed-since-scan',
    );
  }
  return { data, sha256 };
}

async function prepare(
  state: RunState,
  item: PlanItem,
  label: string,
  entries: VscdbEntry[],
): Promise<Ready> {
  const { fs } = state;
  const st = await guarded(() => fs.lstat(item.path), item.path, 'looking at');
  if (st === null) {
    skip(
      item.action === 'remove-entry' ? `${item.path} no longer exists (${ALREADY_GONE})` : ALREADY_GONE,
      'already-gone',
    );
  }
  const outside = await outsideRootsReason(fs, item.path, item.roots, label);
  if (outside !== null) skip(outside, 'outside-roots');

  if (st.kind === 'symlink') {
    if (item.action === 'delete-dir') {
      // The plan saw a real folder; a link in its place is something else (perhaps the user's own).
      skip(`${item.path} is now a symbolic link, not the folder the scan saw; not touched`, 'symlink');
    }
    if (item.action === 'remove-entry') {
      skip(
        `${item.path} is a symbolic link; a shared file is only edited in place, never through a link`,
        'symlink',
      );
    }
    // A link is removed as a link: what it points to is never read, followed or touched.
    const linkTarget = await guarded(() => fs.readlink(item.path), item.path, 'reading the link');
    // The scan knows a link by the hash of its target text; a file it read has a content hash
    // that no link text matches, so a file swapped for a link since the scan is refused here.
    if (item.expected !== null && sha256Hex(Buffer.from(linkTarget)) !== item.expected.sha256) {
      skip(
        `${item.path} changed since the scan (it is now a symbolic link, not the file the scan saw); not touched`,
        'changed-since-scan',
      );
    }
    return {
      prepared: { kind: 'symlink', mode: st.mode, owner: statOwner(st), linkTarget },
      before: null,
      after: null,
      missing: [],
      seen: null,
    };
  }

  if (item.action === 'delete-dir') {
    if (st.kind !== 'dir') skip(`${item.path} is no longer a folder`, 'changed-since-scan');
    const entries = await guarded(() => fs.readdir(item.path), item.path, 'listing');
    const left = entries.filter((e) => !state.removed.has(path.join(item.path, e)));
    if (left.length > 0)
      skip(`${item.path} still holds ${left.length} other item(s); the folder is kept`, 'folder-not-empty');
    return {
      prepared: { kind: 'dir', mode: st.mode, owner: statOwner(st) },
      before: null,
      after: null,
      missing: [],
      seen: null,
    };
  }

  if (st.kind !== 'file')
    skip(
      `${item.path} is now a ${st.kind === 'dir' ? 'folder' : 'special file'}, not the file the scan saw`,
      'changed-since-scan',
    );
  const { data, sha256 } = await readExpected(state, item);

  if (item.action === 'delete-file') {
    const pid = state.locksApply ? lockOwnerPid(item.client, item.path, data) : null;
    if (pid !== null && state.isAlive(pid)) {
      skip(`${item.path} is held by a running mcp-remote (pid ${pid}); left alone`, 'lock-alive');
    }
    return {
      prepared: { kind: 'file', mode: st.mode, owner: statOwner(st), data, sha256 },
      before: sha256,
      after: null,
      missing: [],
      seen: { size: st.size, mtimeMs: st.mtimeMs },
    };
  }

  if (item.format === 'vscdb') await refuseUnsettledDatabase(state, item, label);
  const removal =
    item.format === 'vscdb'
      ? await removeVscdbEntries(data, entries, item.path)
      : removeJsonEntries(
          data,
          entries.map((e) => e.pointer),
          item.path,
        );
  return {
    prepared: { kind: 'file', mode: st.mode, owner: statOwner(st), data, sha256 },
    before: sha256,
    after: removal.data,
    missing: removal.missing,
    seen: { size: st.size, mtimeMs: st.mtimeMs },
  };
}

async function act(state: RunState, item: PlanItem, ready: Ready): Promise<string | null> {
  const { fs } = state;
  const { prepared } = ready;
  if (item.action === 'remove-entry' && ready.after !== null) {
    const after = ready.after;
    const afterSha = sha256Hex(after);
    await state.session!.editing(item.index, ready.before, afterSha, tempPathFor(item.path, state.runId));
    await guarded(
      () =>
        writeAtomic(fs, item.path, after, {
          mode: prepared.mode,
          owner: prepared.owner,
          runId: state.runId,
          afterTempWritten: () => state.step(`temp:${item.index}`),
        }),
      item.path,
      'rewriting',
    );
    return afterSha;
  }
  if (prepared.kind === 'dir') await guarded(() => fs.rmdir(item.path), item.path, 'removing the folder');
  else await guarded(() => fs.unlink(item.path), item.path, 'removing');
  return null;
}

function record(state: RunState, item: PlanItem, ready: Ready): void {
  if (ready.after !== null) {
    state.edited.set(item.path, { sha256: sha256Hex(ready.after), data: ready.after });
  } else {
    state.removed.add(item.path);
  }
}

/**
 * Runs one item, or several remove-entry items of one shared file (consecutive in the plan): the
 * file is checked, backed up and rewritten once for all of them.
 */
export async function runGroup(state: RunState, items: readonly PlanItem[]): Promise<ItemOutcome[]> {
  const lead = items[0]!;
  const label = state.labels[lead.client] ?? lead.client;
  const outcomes = (
    status: ResetItem['status'],
    why: { reason: string; code: ResetReasonCode } | null,
    extra: Partial<ItemOutcome> = {},
    only: readonly PlanItem[] = items,
  ): ItemOutcome[] =>
    only.map((item) => ({
      item: {
        credential: item.credential,
        path: item.path,
        entry: item.entry,
        action: item.action,
        status,
        reason: why?.reason ?? null,
        ...(why !== null ? { reasonCode: why.code } : {}),
      },
      saved: null,
      beforeSha256: null,
      afterSha256: null,
      ...extra,
    }));

  // Refused when planned (a `files` target naming a path that is not the credential's own).
  if (lead.refused !== undefined) return outcomes('skipped', lead.refused);

  const running = state.running.get(lead.client);
  if (running !== undefined && items.some((i) => blocksItem(running, i.serverUrl))) {
    state.blocking.add(lead.client);
    if (!state.force) {
      return outcomes('skipped', {
        reason: `${running.label} is running and rewrites its files: quit it first (or use --force)`,
        code: 'client-running',
      });
    }
  }

  let ready: Ready;
  try {
    ready = await prepare(
      state,
      lead,
      label,
      items.map((i) => ({ pointer: i.entry ?? '', keys: i.keys })),
    );
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err;
    if (err instanceof Skip) {
      if (isAlreadyGone(err.message)) state.removed.add(lead.path);
      return outcomes('skipped', { reason: err.message, code: err.code });
    }
    if (err instanceof ResetError) return outcomes('failed', { reason: err.message, code: 'io-error' });
    return outcomes('failed', { reason: describeFsError(err, lead.path, 'checking'), code: 'io-error' });
  }
  const absent = new Set(ready.missing);
  const missing = items.filter((i) => absent.has(i.entry ?? ''));
  const present = items.filter((i) => !absent.has(i.entry ?? ''));
  const notThere = (): ItemOutcome[] =>
    missing.flatMap((i) =>
      outcomes(
        'failed',
        {
          reason: `the entry ${i.entry ?? ''} is not in ${i.path}, although the file is as the scan saw it; left as it is`,
          code: 'entry-missing',
        },
        {},
        [i],
      ),
    );
  const inPlanOrder = (list: ItemOutcome[]): ItemOutcome[] => {
    const byEntry = new Map(list.map((o) => [`${o.item.path}\u0000${o.item.entry ?? ''}`, o]));
    return items.map((i) => byEntry.get(`${i.path}\u0000${i.entry ?? ''}`)!);
  };
  if (present.length === 0) return notThere();

  if (!state.really) {
    record(state, lead, ready);
    return inPlanOrder([...outcomes('planned', null, {}, present), ...notThere()]);
  }

  let saved: Saved;
  try {
    saved = await state.session!.save(lead.index, lead.path, ready.prepared);
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err;
    const reason = `could not back up ${lead.path}, so it was not touched: ${describeFsError(err, lead.path, 'backing up')}`;
    return inPlanOrder([...outcomes('failed', { reason, code: 'io-error' }, {}, present), ...notThere()]);
  }
  state.step(`backup:${lead.index}`);

  // The client may have written the file while it was being backed up: then leave it alone.
  if (ready.seen !== null) {
    const now = await state.fs.lstat(lead.path).catch(() => null);
    if (now?.size !== ready.seen.size || now.mtimeMs !== ready.seen.mtimeMs) {
      const reason = `${lead.path} changed while it was being backed up (a client is writing to it); left as it is`;
      return inPlanOrder([
        ...outcomes(
          'skipped',
          { reason, code: 'changed-since-scan' },
          { saved, beforeSha256: ready.before },
          present,
        ),
        ...notThere(),
      ]);
    }
  }

  let afterSha: string | null;
  try {
    afterSha = await act(state, lead, ready);
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err;
    const reason = err instanceof ResetError ? err.message : describeFsError(err, lead.path, 'changing');
    return inPlanOrder([
      ...outcomes('failed', { reason, code: 'io-error' }, { saved, beforeSha256: ready.before }, present),
      ...notThere(),
    ]);
  }
  await state.session!.done(...present.map((item) => item.index));
  record(state, lead, ready);
  state.step(`act:${lead.index}`);
  return inPlanOrder([
    ...outcomes('done', null, { saved, beforeSha256: ready.before, afterSha256: afterSha }, present),
    ...notThere(),
  ]);
}

/** Consecutive remove-entry items of one file form one group; every other item is its own. */
export function groupItems(items: readonly PlanItem[]): PlanItem[][] {
  const groups: PlanItem[][] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    const head = last?.[0];
    if (
      head !== undefined &&
      item.action === 'remove-entry' &&
      head.action === 'remove-entry' &&
      head.path === item.path &&
      head.format === item.format
    ) {
      last!.push(item);
    } else {
      groups.push([item]);
    }
  }
  return groups;
}
