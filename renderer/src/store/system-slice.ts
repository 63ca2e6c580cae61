import { getApi } from '../api';
import { toUserMessage } from '../errors';
import type { SliceCreator, SystemSlice } from './types';

export const createSystemSlice: SliceCreator<SystemSlice> = (set, get) => ({
  system: null,
  systemStatus: 'idle',
  systemError: null,
  browserTest: { phase: 'idle', detail: '', appeared: null },

  async loadSystem() {
    set({ systemStatus: 'loading', systemError: null });
    try {
      const system = await getApi().system({});
      set({ system, systemStatus: 'ready' });
    } catch (error) {
      set({ systemStatus: 'error', systemError: toUserMessage(error) });
    }
  },

  async testBrowserOpen() {
    set({ browserTest: { phase: 'opening', detail: '', appeared: null } });
    try {
      const { opened, detail, ask, code, ifNot } = await getApi().testBrowserOpen({});
      // Only the user can tell whether a page appeared: ask whenever the page was handed to the
      // browser, whether or not the app saw it load (a timeout or the page-file fallback). Only
      // when nothing could be handed over is the answer already "no".
      const asking = opened || ask === true;
      set({
        browserTest: {
          phase: asking ? 'asking' : 'answered',
          detail,
          appeared: asking ? null : false,
          ...(code !== undefined ? { code } : {}),
          ...(ifNot !== undefined ? { ifNot } : {}),
        },
      });
    } catch (error) {
      set({ browserTest: { phase: 'answered', detail: toUserMessage(error), appeared: false } });
    }
  },

  answerBrowserTest(appeared) {
    if (get().browserTest.phase !== 'asking') return;
    set({ browserTest: { ...get().browserTest, phase: 'answered', appeared } });
  },
});
