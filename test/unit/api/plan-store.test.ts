import { describe, expect, it } from 'vitest';
import { PLAN_TTL_MS, PlanStore } from '../../../src/api/plan-store';

describe('the reset plan store', () => {
  it('holds a plan by id until it expires', () => {
    let now = new Date('2026-11-26T12:00:00Z');
    const store = new PlanStore<string>(() => now);
    const { id, createdAt } = store.add('plan-a');
    expect(createdAt).toEqual(now);
    expect(store.get(id)).toBe('plan-a');
    now = new Date(now.getTime() + PLAN_TTL_MS);
    expect(store.get(id)).toBe('plan-a');
    now = new Date(now.getTime() + 1);
    expect(store.get(id)).toBeNull();
    expect(store.size).toBe(0);
  });

  it('gives each plan its own id and spends a plan once taken', () => {
    const store = new PlanStore<number>(() => new Date());
    const a = store.add(1);
    const b = store.add(2);
    expect(a.id).not.toBe(b.id);
    expect(store.take(a.id)).toBe(1);
    expect(store.take(a.id)).toBeNull();
    expect(store.get(b.id)).toBe(2);
    expect(store.get('unknown')).toBeNull();
  });
});
