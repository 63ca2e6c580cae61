import { useMemo, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CheckResult } from '../../../src/model/index';
import { copyText } from '../clipboard';
import { ErrorState } from '../components/StateViews';
import { TerminalHint } from '../components/TerminalHint';
import { doctorMarkdown } from '../doctor-markdown';
import { appFixText } from '../fix-text';
import { useAppStore } from '../store';
import { knownServerUrls } from '../store/derive';
import type { LiveCheck, LiveCheckStatus } from '../store/types';

const STATUS: Record<LiveCheckStatus, { icon: string; words: string }> = {
  running: { icon: '…', words: 'Checking' },
  pass: { icon: '✓', words: 'Passed' },
  warn: { icon: '!', words: 'Warning' },
  fail: { icon: '✕', words: 'Failed' },
  skip: { icon: '–', words: 'Skipped' },
};

function Evidence({ result }: { result: CheckResult }) {
  const openReset = useAppStore((s) => s.openResetPreview);
  const ids = result.resetCredentialIds ?? [];
  const offersReset = result.id === 'local-credentials' && result.status === 'fail' && ids.length > 0;
  const fix = offersReset
    ? appFixText(result.fix, 'the “Open the reset preview” button below')
    : { text: result.fix, commands: [] };
  return (
    <details className="evidence">
      <summary>
        Details<span className="visually-hidden"> for {result.title}</span>
      </summary>
      {result.explanation !== '' && <p>{result.explanation}</p>}
      {result.fix !== '' && result.status !== 'pass' && (
        <p>
          <strong>Fix:</strong> {fix.text}
        </p>
      )}
      <TerminalHint commands={fix.commands} />
      {result.evidence.length > 0 && (
        <table className="evidence-table">
          <caption className="visually-hidden">Requests made for {result.title}</caption>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Answer</th>
              <th scope="col">Headers</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {result.evidence.map((e, i) => (
              <tr key={i}>
                <td className="mono">{e.request}</td>
                <td>{e.status ?? 'No answer'}</td>
                <td className="mono">
                  {Object.entries(e.headers)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join('\n')}
                </td>
                <td>{e.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {offersReset && (
        <button
          type="button"
          className="button button-danger"
          onClick={() => void openReset({ kind: 'credential', ids })}
        >
          Open the reset preview for these sign-ins
        </button>
      )}
    </details>
  );
}

function CheckItem({ check }: { check: LiveCheck }) {
  const st = STATUS[check.status];
  return (
    <li className={`check check-${check.status}`}>
      <span className="check-status">
        <span className="check-icon" aria-hidden="true">
          {st.icon}
        </span>
        {st.words}
      </span>
      <span className="check-title">{check.title}</span>
      {check.result && <Evidence result={check.result} />}
    </li>
  );
}

function summarizeCounts(counts: Record<string, number>): string {
  const warnings = counts.warn ?? 0;
  return `${counts.pass ?? 0} passed, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${counts.fail ?? 0} failed, ${counts.skip ?? 0} skipped`;
}

export function DoctorView() {
  const s = useAppStore(
    useShallow((st) => ({
      url: st.doctorUrl,
      status: st.doctorStatus,
      error: st.doctorError,
      checks: st.doctorChecks,
      report: st.doctorReport,
      scan: st.scan,
      setUrl: st.setDoctorUrl,
      run: st.runDoctor,
      showToast: st.showToast,
    })),
  );
  const urls = useMemo(() => knownServerUrls(s.scan), [s.scan]);
  const running = s.status === 'loading';
  const counts = s.checks.reduce<Record<string, number>>(
    (acc, c) => ({ ...acc, [c.status]: (acc[c.status] ?? 0) + 1 }),
    {},
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void s.run();
  }

  return (
    <section className="view" aria-labelledby="doctor-title">
      <header className="view-header">
        <div>
          <h1 id="doctor-title">Doctor</h1>
          <p className="muted">
            Walks the sign-in handshake against a server, step by step, and says where it breaks. No saved
            token is ever sent.
          </p>
        </div>
      </header>
      <form className="doctor-form" onSubmit={onSubmit}>
        <label htmlFor="doctor-url">Server address</label>
        <div className="row">
          <input
            id="doctor-url"
            type="url"
            list="doctor-known-urls"
            value={s.url}
            placeholder="https://mcp.example.com/mcp"
            onChange={(e) => s.setUrl(e.target.value)}
            aria-describedby="doctor-url-hint"
          />
          <datalist id="doctor-known-urls">
            {urls.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
          <button type="submit" className="button button-primary" disabled={running}>
            {running ? 'Checking…' : 'Run checks'}
          </button>
        </div>
        <p id="doctor-url-hint" className="muted">
          {urls.length > 0
            ? `Type an address, or pick one of the ${urls.length} found on this computer.`
            : 'Type the address your app connects to.'}
        </p>
        {urls.length > 0 && (
          <label className="picker">
            Found on this computer
            <select
              value={urls.includes(s.url) ? s.url : ''}
              onChange={(e) => e.target.value && s.setUrl(e.target.value)}
            >
              <option value="">Choose a server…</option>
              {urls.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </label>
        )}
      </form>
      {s.status === 'error' && <ErrorState title="The checks could not run" message={s.error ?? ''} />}
      {s.checks.length > 0 && (
        <>
          <div className="view-header">
            <h2 aria-live="polite">
              {running
                ? `Checking… ${s.checks.filter((c) => c.status !== 'running').length} done`
                : summarizeCounts(counts)}
            </h2>
            {s.report && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  const report = s.report;
                  if (!report) return;
                  void copyText(doctorMarkdown(report)).then((ok) =>
                    s.showToast(
                      ok
                        ? { kind: 'success', message: 'Results copied as Markdown.' }
                        : { kind: 'error', message: 'Could not copy to the clipboard.' },
                    ),
                  );
                }}
              >
                Copy as Markdown
              </button>
            )}
          </div>
          <ol className="checklist" aria-label="Checks">
            {s.checks.map((c) => (
              <CheckItem key={c.id} check={c} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
