/** Wires the events main pushes (doctor progress, menu commands) into the store. */
import { getApi } from '../api';
import { useAppStore } from './index';

export function subscribeToEvents(): () => void {
  const api = getApi();
  const offDoctor = api.on('doctorProgress', (payload) => useAppStore.getState().onDoctorEvent(payload));
  const offMenu = api.on('menuCommand', ({ command }) => {
    const state = useAppStore.getState();
    if (command === 'rescan') void state.runScan();
    else if (command === 'undo-last') {
      if (state.lastReset?.backupId) void state.undoReset(state.lastReset.backupId);
      else state.showToast({ kind: 'info', message: 'There is no reset to undo in this session.' });
    }
  });
  return () => {
    offDoctor();
    offMenu();
  };
}
