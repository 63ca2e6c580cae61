/**
 * Fault injection for tests: a hook that throws SimulatedCrash stops the engine right there, the
 * way a killed process would (no cleanup runs, the lock file stays behind), so the next run's
 * recovery can be tested in-process. Real kills are tested too, in a child process.
 */
import type { ResetHooks } from './types';

export class SimulatedCrash extends Error {
  constructor(readonly step: string) {
    super(`simulated crash after ${step}`);
    this.name = 'SimulatedCrash';
  }
}

export function stepper(hooks: ResetHooks | undefined): (step: string) => void {
  return (step) => hooks?.afterStep?.(step);
}
