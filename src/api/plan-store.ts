/**
 * Reset plans live in memory between the preview and apply, keyed by an id the UI holds. A plan
 * grows stale as files change, so it expires; apply re-checks every item anyway.
 */
export const PLAN_TTL_MS = 15 * 60 * 1000;

interface Entry<T> {
  plan: T;
  createdAtMs: number;
}

export class PlanStore<T> {
  private readonly plans = new Map<string, Entry<T>>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs = PLAN_TTL_MS,
  ) {}

  /** Holds `plan` under `id` (the plan's own unguessable id) from now on. */
  put(id: string, plan: T): void {
    this.sweep();
    this.plans.set(id, { plan, createdAtMs: this.now().getTime() });
  }

  /** The plan, or null when unknown or expired (an expired plan is dropped). */
  get(id: string): T | null {
    this.sweep();
    return this.plans.get(id)?.plan ?? null;
  }

  delete(id: string): void {
    this.plans.delete(id);
  }

  get size(): number {
    this.sweep();
    return this.plans.size;
  }

  private sweep(): void {
    const nowMs = this.now().getTime();
    for (const [id, entry] of this.plans) {
      if (nowMs - entry.createdAtMs > this.ttlMs) this.plans.delete(id);
    }
  }
}
