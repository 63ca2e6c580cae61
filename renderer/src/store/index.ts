/**
 * The one store: slices combined with zustand's typed curried `create<T>()(...)`. Components
 * select narrow pieces (with `useShallow` for objects); tests call `resetAppStore()`.
 */
import { create } from 'zustand';
import { createBackupsSlice } from './backups-slice';
import { createDoctorSlice } from './doctor-slice';
import { createReportSlice } from './report-slice';
import { createResetSlice } from './reset-slice';
import { createScanSlice } from './scan-slice';
import { createSelectionSlice } from './selection-slice';
import { createSystemSlice } from './system-slice';
import type { AppState } from './types';
import { createUiSlice } from './ui-slice';

export const useAppStore = create<AppState>()((...a) => ({
  ...createScanSlice(...a),
  ...createSelectionSlice(...a),
  ...createResetSlice(...a),
  ...createBackupsSlice(...a),
  ...createDoctorSlice(...a),
  ...createSystemSlice(...a),
  ...createReportSlice(...a),
  ...createUiSlice(...a),
}));

const initialState = useAppStore.getState();

/** Back to a fresh store (state and actions), for tests. */
export function resetAppStore(): void {
  useAppStore.setState(initialState, true);
}

export type { AppState } from './types';
