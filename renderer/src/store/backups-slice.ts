import { getApi } from '../api';
import { toUserMessage } from '../errors';
import { plural } from '../format';
import type { BackupsSlice, SliceCreator } from './types';

export const createBackupsSlice: SliceCreator<BackupsSlice> = (set, get) => ({
  backups: [],
  backupsStatus: 'idle',
  backupsError: null,
  async loadBackups() {
    set({ backupsStatus: 'loading', backupsError: null });
    try {
      const backups = await getApi().listBackups({});
      // Newest first: the one people want to restore is almost always the last reset.
      backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      set({ backups, backupsStatus: 'ready' });
    } catch (error) {
      set({ backupsStatus: 'error', backupsError: toUserMessage(error) });
    }
  },
  async purgeBackups(request) {
    try {
      const { removed } = await getApi().purgeBackups(request);
      get().showToast({
        kind: 'info',
        message:
          removed.length === 0 ? 'No backups to delete.' : `Deleted ${plural(removed.length, 'backup')}.`,
      });
    } catch (error) {
      get().showToast({ kind: 'error', message: `Could not delete backups: ${toUserMessage(error)}` });
    }
    await get().loadBackups();
  },
});
