import { getApi } from '../api';
import { toUserMessage } from '../errors';
import type { ReportRequest } from '../../../src/contract';
import type { SupportReport } from '../../../src/model/index';
import type { ReportSlice, SliceCreator } from './types';

/** The JSON version exactly as `mcp-auth-doctor report --json` prints it. */
export function reportJsonText(report: SupportReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export const createReportSlice: SliceCreator<ReportSlice> = (set, get) => ({
  // The doctor runs for a named server unless the user unticks it, as `report --server` does.
  reportForm: { serverUrl: '', errorText: '', when: '', steps: '', runDoctor: true },
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
    if (form.when.trim() !== '') request.when = form.when.trim();
    if (form.steps.trim() !== '') request.steps = form.steps;
    // Only meaningful with a server: say it either way then, never without one.
    if (request.serverUrl !== undefined) request.runDoctor = form.runDoctor;
    set({ reportStatus: 'loading', reportError: null, savedReportPath: null });
    try {
      const report = await getApi().report(request);
      set({ report, reportStatus: 'ready' });
    } catch (error) {
      set({ reportStatus: 'error', reportError: toUserMessage(error) });
    }
  },

  async saveReport(format = 'markdown') {
    const { report } = get();
    if (!report) return;
    try {
      // Exactly the text the user sees is saved: the Markdown shown, or the JSON version shown
      // under it.
      const text = format === 'json' ? reportJsonText(report) : report.markdown;
      const saved = await getApi().saveReport({ text, format });
      if (saved === null) return; // the user cancelled the save dialog
      set({ savedReportPath: saved.path });
      get().showToast({ kind: 'success', message: `Report saved to ${saved.path}` });
    } catch (error) {
      get().showToast({ kind: 'error', message: `Could not save the report: ${toUserMessage(error)}` });
    }
  },
});
