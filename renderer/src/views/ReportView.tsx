import { useMemo, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { copyText } from '../clipboard';
import { ErrorState, Loading } from '../components/StateViews';
import { useAppStore } from '../store';
import { knownServerUrls } from '../store/derive';

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
          What did you see? (the error message and when)
          <textarea
            rows={3}
            value={s.form.errorText}
            onChange={(e) => s.setField('errorText', e.target.value)}
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
          Also run the doctor against that server
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
              <button type="button" className="button" onClick={() => void s.save()}>
                Save report…
              </button>
            </div>
          </div>
          <pre
            className="report-text"
            tabIndex={0}
            aria-labelledby="report-text-title"
            data-testid="report-text"
          >
            {s.report.markdown}
          </pre>
          {s.savedPath !== null && <p className="muted">Saved to {s.savedPath}</p>}
        </>
      )}
    </section>
  );
}
