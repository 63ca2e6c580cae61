import { getApi } from '../api';
import { toUserMessage } from '../errors';
import type { ScanSlice, SliceCreator } from './types';

let latestScan = 0;

export const createScanSlice: SliceCreator<ScanSlice> = (set, get) => ({
  scan: null,
  scanStatus: 'idle',
  scanError: null,
  async runScan() {
    // Rescans can overlap (menu shortcut + button): only the newest answer is kept.
    const ticket = ++latestScan;
    set({ scanStatus: 'loading', scanError: null });
    try {
      const scan = await getApi().scan({});
      if (ticket !== latestScan) return;
      const ids = new Set(scan.clients.flatMap((c) => c.credentials.map((cred) => cred.id)));
      const selected = Object.fromEntries(
        Object.keys(get().selected)
          .filter((id) => ids.has(id))
          .map((id) => [id, true] as const),
      );
      set({ scan, scanStatus: 'ready', selected });
    } catch (error) {
      if (ticket !== latestScan) return;
      set({ scanStatus: 'error', scanError: toUserMessage(error) });
    }
  },
});
