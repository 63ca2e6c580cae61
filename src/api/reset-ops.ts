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
  let recovered: Promise<unknown> | null = null;

  /** The reset engine, after finishing or rolling back any reset a crash interrupted. */
  async function engine(): Promise<ResetModule> {
    const reset = modules.reset;
    if (reset === null) throw notAvailable('Reset and undo');
    recovered ??= reset.recoverInterrupted(ctx, deps).catch((error: unknown) => {
      recovered = null;
      throw error;
    });
    await recovered;
    return reset;
  }

  async function listBackups(): Promise<ApiResponse<'listBackups'>> {
    const reset = await engine();
    const backups = await reset.listBackups(deps);
    known.rememberBackups(backups);
    return backups;
  }

  return {
    async planReset({ target }) {
      const reset = await engine();
      if (modules.scan === null) throw notAvailable('Reset (it needs the scanner)');
      const scanned = await modules.scan(ctx, processes !== undefined ? { processes } : {});
      const plan = await reset.planReset(ctx, scanned, target);
      const preview = await reset.applyPlan(ctx, plan, deps, { dryRun: true });
      plans.put(plan.id, plan);
      return reset.toPlanView(plan, preview);
    },

    async applyReset({ planId, force }) {
      const reset = await engine();
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
      const reset = await engine();
      return reset.undoReset(ctx, deps, {
        ...(backupId !== undefined ? { backupId } : {}),
        ...(force !== undefined ? { force } : {}),
      });
    },

    listBackups,

    async purgeBackups({ olderThanDays, ids }) {
      const reset = await engine();
      const removed = await reset.purgeBackups(ctx, deps, {
        ...(olderThanDays !== undefined ? { olderThanDays } : {}),
        ...(ids !== undefined ? { ids } : {}),
      });
      return { removed };
    },
  };
}
