/**
 * Runs a plan: `dryRun` previews it (nothing is written anywhere), otherwise it applies it. Both
 * go through `runItem`, so the preview shows exactly what apply will do with the disk as it is.
 *
 * Apply: take the data-folder lock, put back anything a crashed run left half done, purge old
 * backups, write the manifest (the journal's header, flushed) before the first change, then each
 * item in order: check, back up, act. The manifest ends with every item's result.
 */
import path from 'node:path';
import { isAlive as realIsAlive } from '../system/processes';
import type { Context } from '../context';
import { RESET_SCHEMA, type ResetResult } from '../model/reset';
import type { ClientId } from '../model/scan';
import { BackupSession } from './backup-session';
import {
  MANIFEST_SCHEMA,
  backupDir,
  backupsRoot,
  newBackupId,
  nextSequence,
  type Manifest,
  type ManifestItem,
} from './backup-store';
import { ResetError, describeFsError } from './fs-errors';
import { stepper, SimulatedCrash } from './hooks';
import { nodeFsPort } from './fs-port';
import { recoverLocked, refuseIfPending } from './recovery';
import { purgeLocked } from './retention';
import { acquireResetLock } from './reset-lock';
import { groupItems, runGroup, type ItemOutcome, type RunState } from './run-item';
import { runningRewriters } from './running-clients';
import {
  DEFAULT_RETENTION_DAYS,
  type ApplyOptions,
  type PlanItem,
  type ResetDeps,
  type ResetPlan,
} from './types';

function manifestItem(item: PlanItem, outcome: ItemOutcome | null): ManifestItem {
  return {
    index: item.index,
    credential: item.credential,
    client: item.client,
    action: item.action,
    path: item.path,
    entry: item.entry,
    format: item.format,
    keys: item.keys,
    roots: item.roots,
    beforeSha256: outcome?.beforeSha256 ?? item.expected?.sha256 ?? null,
    expectedMode: item.expected?.mode ?? null,
    saved: outcome?.saved ?? null,
    afterSha256: outcome?.afterSha256 ?? null,
    status: outcome?.item.status ?? 'planned',
    reason: outcome?.item.reason ?? null,
    undo: null,
  };
}

export async function applyPlan(
  ctx: Context,
  plan: ResetPlan,
  deps: ResetDeps,
  options: ApplyOptions,
): Promise<ResetResult> {
  const fs = deps.fs ?? nodeFsPort;
  // Absolute paths throughout (journal, manifest, temp names), so recovery and undo work from any
  // folder even when the plan came from a relative `--home`.
  const items = plan.items.map((item) => ({
    ...item,
    path: path.resolve(item.path),
    roots: item.roots.map((root) => path.resolve(root)),
  }));
  const isAlive = deps.processes?.isAlive ?? realIsAlive;
  const involved = new Set<ClientId>(items.map((i) => i.client));
  const running = await runningRewriters(ctx, deps.clients ?? [], deps.processes, involved);
  const step = stepper(deps.hooks);
  const state: RunState = {
    fs,
    really: !options.dryRun,
    force: options.force === true,
    running: new Map(running.map((r) => [r.id, r])),
    blocking: new Set(),
    labels: plan.clientLabels,
    isAlive,
    locksApply: plan.platform !== 'win32',
    removed: new Set(),
    edited: new Map(),
    session: null,
    runId: '',
    step,
  };
  const result = (backupId: string | null, dir: string | null, outcomes: ItemOutcome[]): ResetResult => ({
    schema: RESET_SCHEMA,
    dryRun: options.dryRun,
    backupId,
    items: outcomes.map((o) => o.item),
    runningClients: running.filter((r) => state.blocking.has(r.id)).map((r) => r.id),
    backupDir: dir,
  });

  if (options.dryRun) {
    const outcomes: ItemOutcome[] = [];
    for (const group of groupItems(items)) outcomes.push(...(await runGroup(state, group)));
    return result(null, backupsRoot(path.resolve(deps.dataDir)), outcomes);
  }

  const dataDir = path.resolve(deps.dataDir);
  const lock = await acquireResetLock(fs, dataDir, isAlive, ctx.now());
  try {
    const recovered = await recoverLocked(ctx, fs, dataDir);
    if (recovered.length > 0) deps.onRecovered?.(recovered);
    // Never a new reset on top of one whose roll-back is unfinished: it would later be undone.
    refuseIfPending(recovered);
    await purgeLocked(ctx, fs, dataDir, {
      olderThanDays: deps.retentionDays ?? DEFAULT_RETENTION_DAYS,
      damaged: false,
    });
    if (items.length === 0) {
      await lock.release();
      return result(null, null, []);
    }
    const id = newBackupId(ctx.now());
    const manifest: Manifest = {
      schema: MANIFEST_SCHEMA,
      id,
      createdAt: ctx.now().toISOString(),
      label: plan.label,
      home: path.resolve(plan.home),
      platform: plan.platform,
      target: plan.target,
      owners: plan.owners,
      status: 'in-progress',
      restoredAt: null,
      sequence: await nextSequence(fs, dataDir),
      items: items.map((item) => manifestItem(item, null)),
    };
    try {
      state.session = await BackupSession.start(fs, dataDir, manifest);
    } catch (err) {
      const where = backupDir(dataDir, id);
      throw new ResetError(
        `${describeFsError(err, where, 'creating the backup folder')}; nothing was changed`,
      );
    }
    state.runId = id;
    step('manifest');

    const outcomes: ItemOutcome[] = [];
    for (const group of groupItems(items)) outcomes.push(...(await runGroup(state, group)));

    const changed = outcomes.some((o) => o.item.status === 'done');
    if (changed) {
      await state.session.finish(items.map((item, i) => manifestItem(item, outcomes[i]!)));
    } else {
      await state.session.discard();
    }
    step('finish');
    await lock.release();
    return changed ? result(id, backupDir(dataDir, id), outcomes) : result(null, null, outcomes);
  } catch (err) {
    // A crash leaves the lock and the journal behind on purpose: the next run recovers from them.
    if (err instanceof SimulatedCrash) lock.abandon();
    else await lock.release();
    throw err;
  }
}
