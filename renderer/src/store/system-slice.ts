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
      const { opened, detail } = await getApi().testBrowserOpen({});
      // Even when the opener says it worked, only the user can tell whether a page appeared.
      set({
        browserTest: { phase: opened ? 'asking' : 'answered', detail, appeared: opened ? null : false },
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
