/** Wires the events main pushes (doctor progress, menu commands) into the store. */
import { getApi } from '../api';
import { useAppStore } from './index';

export function subscribeToEvents(): () => void {
  const api = getApi();
  const offDoctor = api.on('doctorProgress', (payload) => useAppStore.getState().onDoctorEvent(payload));
  const offMenu = api.on('menuCommand', ({ command }) => {
    const state = useAppStore.getState();
    if (command === 'rescan') void state.runScan();
    // Asks first, naming what would be restored: a shortcut pressed by mistake changes nothing.
    else if (command === 'undo-last') state.askUndoLast();
  });
  return () => {
    offDoctor();
    offMenu();
  };
}
