import { useMemo, type FormEvent } from 'react';
import type { ReportLeftOut } from '../../../src/contract';
import type { SupportReport } from '../../../src/model/index';
import { useShallow } from 'zustand/react/shallow';
import { copyText } from '../clipboard';
import { ErrorState, Loading } from '../components/StateViews';
import { useAppStore } from '../store';
import { knownServerUrls } from '../store/derive';
import { reportJsonText } from '../store/report-slice';

/** The parts the core could not gather (the scan failed, the doctor could not run…). */
function leftOutOf(report: SupportReport): ReportLeftOut[] {
  return Array.isArray(report.leftOut) ? (report.leftOut as ReportLeftOut[]) : [];
}

export function ReportView() {
  const s = useAppStore(
    useShallow((st) => ({
      form: st.reportForm,
      report: st.report,
      status: st.reportStatus,
      error: st.reportError,
      savedPath: st.savedReportPath,
      scan: st.scan,
      setField: st.setReportField,
      build: st.buildReport,
      save: st.saveReport,
      showToast: st.showToast,
    })),
  );
  const urls = useMemo(() => knownServerUrls(s.scan), [s.scan]);
  const json = useMemo(() => (s.report ? reportJsonText(s.report) : ''), [s.report]);
  const leftOut = s.report ? leftOutOf(s.report) : [];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void s.build();
  }

  return (
    <section className="view" aria-labelledby="report-title">
      <header className="view-header">
        <div>
          <h1 id="report-title">Support report</h1>
          <p className="muted">
            Collects what support asks for. Tokens, secrets and your home folder’s name are removed. You see
            the exact text before you copy or save it.
          </p>
        </div>
      </header>
      <form className="report-form" onSubmit={onSubmit}>
        <label>
          Server address (optional)
          <input
            type="url"
            list="report-known-urls"
            value={s.form.serverUrl}
            onChange={(e) => s.setField('serverUrl', e.target.value)}
          />
        </label>
        <datalist id="report-known-urls">
          {urls.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
        <label>
          What did you see? (the error message)
          <textarea
            rows={3}
            value={s.form.errorText}
            onChange={(e) => s.setField('errorText', e.target.value)}
          />
        </label>
        <label>
          When did it happen? (optional)
          <input
            type="text"
            placeholder="e.g. today 10:02, or 2026-11-26 10:02 CET"
            value={s.form.when}
            onChange={(e) => s.setField('when', e.target.value)}
          />
        </label>
        <label>
          What did you try?
          <textarea rows={3} value={s.form.steps} onChange={(e) => s.setField('steps', e.target.value)} />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={s.form.runDoctor}
            onChange={(e) => s.setField('runDoctor', e.target.checked)}
          />
          Run the doctor against that server too
        </label>
        <div>
          <button type="submit" className="button button-primary" disabled={s.status === 'loading'}>
            {s.report ? 'Create the report again' : 'Create report'}
          </button>
        </div>
      </form>
      {s.status === 'loading' && <Loading label="Putting the report together…" />}
      {s.status === 'error' && <ErrorState title="The report could not be made" message={s.error ?? ''} />}
      {s.report && s.status !== 'loading' && (
        <>
          <div className="view-header">
            <h2 id="report-text-title">Report text</h2>
            <div className="view-actions">
              <button
                type="button"
                className="button"
                onClick={() => {
                  const text = s.report?.markdown ?? '';
                  void copyText(text).then((ok) =>
                    s.showToast(
                      ok
                        ? { kind: 'success', message: 'Report copied. Paste it into your support request.' }
                        : { kind: 'error', message: 'Could not copy to the clipboard.' },
                    ),
                  );
                }}
              >
                Copy report
              </button>
              <button type="button" className="button" onClick={() => void s.save('markdown')}>
                Save report…
              </button>
              <button type="button" className="button" onClick={() => void s.save('json')}>
                Save as JSON…
              </button>
            </div>
          </div>
          {leftOut.length > 0 && (
            <div className="warning" role="note" aria-label="Left out of the report">
              <p>Some parts could not be gathered and are left out (the report says so too):</p>
              <ul>
                {leftOut.map((l) => (
                  <li key={l.source}>{`The ${l.source}: ${l.reason}`}</li>
                ))}
              </ul>
            </div>
          )}
          <pre
            className="report-text"
            tabIndex={0}
            aria-labelledby="report-text-title"
            data-testid="report-text"
          >
            {s.report.markdown}
          </pre>
          <details className="report-json">
            <summary>The JSON version (what Save as JSON writes)</summary>
            <pre className="report-text" tabIndex={0} data-testid="report-json">
              {json}
            </pre>
          </details>
          {s.savedPath !== null && <p className="muted">Saved to {s.savedPath}</p>}
        </>
      )}
    </section>
  );
}
