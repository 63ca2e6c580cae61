/**
 * Reset, undo and backups for the window. A plan is made from a fresh scan, previewed with the
 * reset engine's own dry run (the same code path apply takes) and held here until applied.
 */
import type { Context } from '../context';
import type { ApiRequest, ApiResponse } from '../contract';
import type { ResetDeps, ResetPlan } from '../reset/index';
import type { ProcessPort } from '../system/process-port';
import { appDataDir } from '../util/data-dir';
import type { CoreModules, ResetModule } from './core-modules';
import { ApiError, notAvailable } from './errors';
import type { KnownPaths } from './known-paths';
import { PlanStore } from './plan-store';

export interface ResetOps {
  planReset: (request: ApiRequest<'planReset'>) => Promise<ApiResponse<'planReset'>>;
  applyReset: (request: ApiRequest<'applyReset'>) => Promise<ApiResponse<'applyReset'>>;
  undo: (request: ApiRequest<'undo'>) => Promise<ApiResponse<'undo'>>;
  listBackups: () => Promise<ApiResponse<'listBackups'>>;
  purgeBackups: (request: ApiRequest<'purgeBackups'>) => Promise<ApiResponse<'purgeBackups'>>;
}

/** Said with a preview made while an interrupted reset waits: applying rolls that back first. */
export function interruptedNotice(count: number): string {
  const which = count === 1 ? 'An earlier reset was' : `${count} earlier resets were`;
  return (
    `${which} interrupted before finishing. Its files are as it left them; they will be put back ` +
    'first when you reset or undo, so this preview may then be out of date: open it again after that.'
  );
}

export function resetOps(
  ctx: Context,
  modules: CoreModules,
  processes: ProcessPort | undefined,
  known: KnownPaths,
): ResetOps {
  const plans = new PlanStore<ResetPlan>(ctx.now);
  const deps: ResetDeps = {
    dataDir: appDataDir(ctx),
    clients: modules.clients,
    ...(processes !== undefined ? { processes } : {}),
  };
  /**
   * The reset engine. Previews and listings only read; apply, undo and purge roll back a reset a
   * crash interrupted themselves, under their lock (undo must see it to undo that reset, not an
   * older one), so nothing is rolled back here first.
   */
  function engine(): ResetModule {
    if (modules.reset === null) throw notAvailable('Reset and undo');
    return modules.reset;
  }

  async function listBackups(): Promise<ApiResponse<'listBackups'>> {
    const reset = engine();
    const [backups, interrupted] = await Promise.all([
      reset.listBackups(deps),
      reset.interruptedResets(deps),
    ]);
    const waiting = new Set(interrupted.map((r) => r.backupId));
    const listed = backups.map((b) => (waiting.has(b.id) ? { ...b, interrupted: true } : b));
    known.rememberBackups(listed);
    return listed;
  }

  return {
    async planReset({ target }) {
      const reset = engine();
      if (modules.scan === null) throw notAvailable('Reset (it needs the scanner)');
      const interrupted = await reset.interruptedResets(deps);
      const scanned = await modules.scan(ctx, processes !== undefined ? { processes } : {});
      const plan = await reset.planReset(ctx, scanned, target);
      const preview = await reset.applyPlan(ctx, plan, deps, { dryRun: true });
      plans.put(plan.id, plan);
      const view = reset.toPlanView(plan, preview);
      return interrupted.length > 0 ? { ...view, notice: interruptedNotice(interrupted.length) } : view;
    },

    async applyReset({ planId, force }) {
      const reset = engine();
      const plan = plans.get(planId);
      if (plan === null) {
        throw new ApiError(
          'This reset preview has expired or was already applied. Open the preview again to see what would change now.',
          'plan-expired',
        );
      }
      const result = await reset.applyPlan(ctx, plan, deps, { dryRun: false, force: force === true });
      // Refused as a whole (a client to quit first): the same preview may be applied again.
      if (result.items.some((item) => item.status === 'done') || result.backupId !== null)
        plans.delete(planId);
      return result;
    },

    async undo({ backupId, force }) {
      const reset = engine();
      return reset.undoReset(ctx, deps, {
        ...(backupId !== undefined ? { backupId } : {}),
        ...(force !== undefined ? { force } : {}),
      });
    },

    listBackups,

    async purgeBackups({ olderThanDays, ids }) {
      const reset = engine();
      const removed = await reset.purgeBackups(ctx, deps, {
        ...(olderThanDays !== undefined ? { olderThanDays } : {}),
        ...(ids !== undefined ? { ids } : {}),
        // The window never lists damaged backups: it must not delete what it never showed.
        damaged: false,
      });
      return { removed };
    },
  };
}
