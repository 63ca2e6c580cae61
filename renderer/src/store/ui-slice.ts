import { getApi } from '../api';
import { toUserMessage } from '../errors';
import type { SliceCreator, UiSlice } from './types';

let toastCounter = 0;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  view: 'overview',
  findingKey: null,
  toast: null,
  setView(view) {
    set({ view });
  },
  openFinding(key) {
    set({ view: 'finding', findingKey: key });
  },
  showToast(toast) {
    toastCounter += 1;
    set({ toast: { ...toast, id: toastCounter } });
  },
  dismissToast() {
    set({ toast: null });
  },
  async revealPath(path) {
    try {
      const { ok } = await getApi().revealPath({ path });
      if (!ok)
        get().showToast({ kind: 'error', message: 'That file is no longer there. Scan again to refresh.' });
    } catch (error) {
      get().showToast({ kind: 'error', message: `Could not show the file: ${toUserMessage(error)}` });
    }
  },
});
