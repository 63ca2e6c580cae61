import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SeverityBadge } from '../components/SeverityBadge';
import { ErrorState, Loading } from '../components/StateViews';
import { useAppStore } from '../store';

const OPENER_WORDS = { ok: 'Works', missing: 'Missing', unknown: 'Not sure' } as const;

function BrowserTest() {
  const { test, run, answer } = useAppStore(
    useShallow((s) => ({ test: s.browserTest, run: s.testBrowserOpen, answer: s.answerBrowserTest })),
  );
  return (
    <div className="browser-test">
      <button type="button" className="button" onClick={() => void run()} disabled={test.phase === 'opening'}>
        {test.phase === 'opening' ? 'Opening…' : 'Test: open a page'}
      </button>
      <div aria-live="polite">
        {test.phase === 'asking' && (
          <div className="question">
            <p>
              {`A test page titled “MCP Auth Doctor: browser test”${test.code !== undefined ? ` with the code ${test.code}` : ''} should have opened in your browser. Did it appear?`}
            </p>
            <button type="button" className="button" onClick={() => answer(true)}>
              Yes, it appeared
            </button>
            <button type="button" className="button" onClick={() => answer(false)}>
              No, nothing happened
            </button>
          </div>
        )}
        {test.phase === 'answered' && test.appeared === true && (
          <p>Good: apps can open your browser for sign-in.</p>
        )}
        {test.phase === 'answered' && test.appeared === false && (
          <p>Apps cannot open your browser here, so sign-ins will stall. {test.ifNot ?? test.detail}</p>
        )}
      </div>
    </div>
  );
}

export function SystemView() {
  const s = useAppStore(
    useShallow((st) => ({
      system: st.system,
      status: st.systemStatus,
      error: st.systemError,
      clients: st.scan?.clients,
      load: st.loadSystem,
    })),
  );
  const { status, load } = s;
  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);
  const labelOf = (id: string) => s.clients?.find((c) => c.id === id)?.label ?? id;
  const proxy = s.system?.proxy;

  return (
    <section className="view" aria-labelledby="system-title">
      <header className="view-header">
        <div>
          <h1 id="system-title">This computer</h1>
          <p className="muted">Things on this machine that can break a sign-in, whatever the server does.</p>
        </div>
        <div className="view-actions">
          <button
            type="button"
            className="button"
            onClick={() => void load()}
            disabled={status === 'loading'}
          >
            Check again
          </button>
        </div>
      </header>
      {status === 'loading' && !s.system && <Loading label="Checking this computer…" />}
      {status === 'error' && (
        <ErrorState title="The checks did not finish" message={s.error ?? ''} onRetry={() => void load()} />
      )}
      {s.system && (
        <>
          <h2>Opening the browser for sign-in</h2>
          <p>
            <strong>{OPENER_WORDS[s.system.browserOpener.status]}.</strong> {s.system.browserOpener.detail}
          </p>
          <BrowserTest />

          <h2>Apps running now</h2>
          {s.system.runningClients.length === 0 ? (
            <p>None of the known MCP apps is running.</p>
          ) : (
            <ul>
              {s.system.runningClients.map((id) => (
                <li key={id}>{labelOf(id)}</li>
              ))}
            </ul>
          )}

          <h2>Proxy and certificates</h2>
          {proxy && (
            <dl className="facts">
              <div>
                <dt>HTTP proxy</dt>
                <dd>{proxy.httpProxy ?? 'None'}</dd>
              </div>
              <div>
                <dt>HTTPS proxy</dt>
                <dd>{proxy.httpsProxy ?? 'None'}</dd>
              </div>
              <div>
                <dt>No proxy for</dt>
                <dd>{proxy.noProxy ?? 'Not set'}</dd>
              </div>
              <div>
                <dt>Extra CA certificates (Node)</dt>
                <dd>{proxy.extraCaCerts ?? 'Not set'}</dd>
              </div>
              {Object.entries(proxy.os).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          )}
          {proxy?.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}

          {s.system.findings.length > 0 && (
            <>
              <h2>Worth knowing</h2>
              <ul className="findings">
                {s.system.findings.map((f) => (
                  <li key={`${f.code}|${f.message}`} className="finding">
                    <SeverityBadge severity={f.severity} />
                    <div className="finding-text">
                      <p>{f.message}</p>
                      <p className="muted">{f.fix}</p>
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
