import { getApi } from '../api';
import { toUserMessage } from '../errors';
import type { ReportRequest } from '../../../src/contract';
import type { ReportSlice, SliceCreator } from './types';

export const createReportSlice: SliceCreator<ReportSlice> = (set, get) => ({
  reportForm: { serverUrl: '', errorText: '', steps: '', runDoctor: false },
  report: null,
  reportStatus: 'idle',
  reportError: null,
  savedReportPath: null,

  setReportField(key, value) {
    set({ reportForm: { ...get().reportForm, [key]: value } });
  },

  async buildReport() {
    const form = get().reportForm;
    const request: ReportRequest = {};
    if (form.serverUrl.trim() !== '') request.serverUrl = form.serverUrl.trim();
    if (form.errorText.trim() !== '') request.errorText = form.errorText;
    if (form.steps.trim() !== '') request.steps = form.steps;
    if (form.runDoctor && request.serverUrl !== undefined) request.runDoctor = true;
    set({ reportStatus: 'loading', reportError: null, savedReportPath: null });
    try {
      const report = await getApi().report(request);
      set({ report, reportStatus: 'ready' });
    } catch (error) {
      set({ reportStatus: 'error', reportError: toUserMessage(error) });
    }
  },

  async saveReport() {
    const { report } = get();
    if (!report) return;
    try {
      // Exactly the text the user sees is saved: the Markdown shown on screen.
      const saved = await getApi().saveReport({ text: report.markdown, format: 'markdown' });
      if (saved === null) return; // the user cancelled the save dialog
      set({ savedReportPath: saved.path });
      get().showToast({ kind: 'success', message: `Report saved to ${saved.path}` });
    } catch (error) {
      get().showToast({ kind: 'error', message: `Could not save the report: ${toUserMessage(error)}` });
    }
  },
});
