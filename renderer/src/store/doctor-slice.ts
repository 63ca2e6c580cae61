import { getApi } from '../api';
import { toUserMessage } from '../errors';
import type { DoctorSlice, LiveCheck, SliceCreator } from './types';

function newRunId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Plain-words check of what the user typed; the core validates the rest. */
export function doctorUrlProblem(url: string): string | null {
  const text = url.trim();
  if (text === '') return "Type the server's address first.";
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return 'That does not look like a web address. It should start with https://';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return 'The address should start with https:// (or http:// for a server on this computer).';
  }
  return null;
}

export const createDoctorSlice: SliceCreator<DoctorSlice> = (set, get) => ({
  doctorUrl: '',
  doctorRunId: null,
  doctorStatus: 'idle',
  doctorError: null,
  doctorChecks: [],
  doctorReport: null,

  setDoctorUrl(url) {
    set({ doctorUrl: url });
  },

  async runDoctor() {
    const url = get().doctorUrl.trim();
    const problem = doctorUrlProblem(url);
    if (problem !== null) {
      set({ doctorStatus: 'error', doctorError: problem, doctorChecks: [], doctorReport: null });
      return;
    }
    const runId = newRunId();
    set({
      doctorRunId: runId,
      doctorStatus: 'loading',
      doctorError: null,
      doctorChecks: [],
      doctorReport: null,
    });
    try {
      const report = await getApi().doctor({ url, runId });
      if (get().doctorRunId !== runId) return;
      const checks: LiveCheck[] = report.checks.map((result) => ({
        id: result.id,
        title: result.title,
        status: result.status,
        result,
      }));
      set({ doctorReport: report, doctorChecks: checks, doctorStatus: 'ready' });
    } catch (error) {
      if (get().doctorRunId !== runId) return;
      set({ doctorStatus: 'error', doctorError: toUserMessage(error) });
    }
  },

  onDoctorEvent({ runId, event }) {
    const state = get();
    // Events of an older run, or arriving after the final report, must not repaint the list.
    if (runId !== state.doctorRunId || state.doctorStatus !== 'loading') return;
    const checks = [...state.doctorChecks];
    const id = event.type === 'check-started' ? event.id : event.result.id;
    const index = checks.findIndex((c) => c.id === id);
    const next: LiveCheck =
      event.type === 'check-started'
        ? { id, title: event.title, status: 'running', result: null }
        : { id, title: event.result.title, status: event.result.status, result: event.result };
    if (index === -1) checks.push(next);
    else checks[index] = next;
    set({ doctorChecks: checks });
  },
});
