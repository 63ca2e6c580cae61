/** The report form in the app: the time field, the doctor ticked by default, Save as JSON. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiForTests } from '../../../renderer/src/api';
import { resetAppStore, useAppStore } from '../../../renderer/src/store';
import { reportJsonText } from '../../../renderer/src/store/report-slice';
import { REPORT_SCHEMA, type SupportReport } from '../../../src/model/index';
import { makeFakeApi, type FakeApi } from '../../renderer/fake-api';

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = makeFakeApi();
  setApiForTests(fake.api);
});
afterEach(() => setApiForTests(null));
const state = () => useAppStore.getState();

const report: SupportReport = {
  schema: REPORT_SCHEMA,
  createdAt: '2026-11-26T12:00:00Z',
  markdown: '# Report\n',
  leftOut: [],
};

describe('report form', () => {
  it('sends the time, and runs the doctor for a server unless unticked', async () => {
    fake.ops.report.mockResolvedValue(report);
    state().setReportField('serverUrl', 'https://mcp.example.com/mcp');
    state().setReportField('when', ' today 10:02 ');
    await state().buildReport();
    expect(fake.ops.report).toHaveBeenLastCalledWith({
      serverUrl: 'https://mcp.example.com/mcp',
      when: 'today 10:02',
      runDoctor: true,
    });
    state().setReportField('runDoctor', false);
    await state().buildReport();
    expect(fake.ops.report).toHaveBeenLastCalledWith({
      serverUrl: 'https://mcp.example.com/mcp',
      when: 'today 10:02',
      runDoctor: false,
    });
  });

  it('saves as JSON exactly the JSON version shown', async () => {
    fake.ops.report.mockResolvedValue(report);
    await state().buildReport();
    fake.ops.saveReport.mockResolvedValue({ path: '/tmp/r.json' });
    await state().saveReport('json');
    expect(fake.ops.saveReport).toHaveBeenLastCalledWith({ text: reportJsonText(report), format: 'json' });
    expect(JSON.parse(reportJsonText(report))).toEqual(report);
    await state().saveReport();
    expect(fake.ops.saveReport).toHaveBeenLastCalledWith({ text: report.markdown, format: 'markdown' });
  });
});
