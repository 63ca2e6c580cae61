import { describe, expect, it } from 'vitest';
import { PLAN_TTL_MS, PlanStore } from '../../../src/api/plan-store';

describe('the reset plan store', () => {
  it('holds a plan by id until it expires', () => {
    let now = new Date('2026-11-26T12:00:00Z');
    const store = new PlanStore<string>(() => now);
    store.put('a', 'plan-a');
    expect(store.get('a')).toBe('plan-a');
    now = new Date(now.getTime() + PLAN_TTL_MS);
    expect(store.get('a')).toBe('plan-a');
    now = new Date(now.getTime() + 1);
    expect(store.get('a')).toBeNull();
    expect(store.size).toBe(0);
  });

  it('forgets a deleted plan and knows no other', () => {
    const store = new PlanStore<number>(() => new Date());
    store.put('a', 1);
    store.put('b', 2);
    store.delete('a');
    expect(store.get('a')).toBeNull();
    expect(store.get('b')).toBe(2);
    expect(store.get('unknown')).toBeNull();
  });
});
