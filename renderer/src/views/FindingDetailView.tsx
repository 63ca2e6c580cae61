import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SeverityBadge } from '../components/SeverityBadge';
import { TerminalHint } from '../components/TerminalHint';
import { findingTitle, findingWhy } from '../findings-text';
import { appFixText } from '../fix-text';
import { fileManagerName, tildify, tildifyText } from '../format';
import { useAppStore } from '../store';
import { findingKey } from '../store/derive';
import { actionKey, buttonForCommand, findingActions } from '../store/finding-actions';

export function FindingDetailView() {
  const s = useAppStore(
    useShallow((st) => ({
      scan: st.scan,
      key: st.findingKey,
      setView: st.setView,
      revealPath: st.revealPath,
      openResetPreview: st.openResetPreview,
    })),
  );
  const finding = useMemo(
    () => s.scan?.findings.find((f) => findingKey(f) === s.key) ?? null,
    [s.scan, s.key],
  );
  const client = s.scan?.clients.find((c) => c.id === finding?.client);
  const credential = client?.credentials.find((c) => c.id === finding?.credential) ?? null;

  const back = (
    <button type="button" className="button button-small" onClick={() => s.setView('overview')}>
      ← Back to overview
    </button>
  );
  if (!s.scan || !finding) {
    return (
      <section className="view" aria-labelledby="finding-title">
        {back}
        <h1 id="finding-title">This problem is gone</h1>
        <p>It was fixed, or the files changed since it was found.</p>
      </section>
    );
  }

  const home = s.scan.home;
  const files = [
    ...new Set([...(credential?.files.map((f) => f.path) ?? []), ...(finding.path ? [finding.path] : [])]),
  ];
  const manager = fileManagerName(s.scan.platform);
  const actions = findingActions(finding, credential);
  const fix = appFixText(tildifyText(finding.fix, home), (command) => buttonForCommand(actions, command));

  return (
    <section className="view view-finding" aria-labelledby="finding-title">
      {back}
      <header className="finding-header">
        <h1 id="finding-title">{findingTitle(finding.code)}</h1>
        <SeverityBadge severity={finding.severity} />
        {client && <span className="muted">{client.label}</span>}
      </header>

      <h2>What is wrong</h2>
      <p>{tildifyText(finding.message, home)}</p>
      <h2>Why it happens</h2>
      <p>{findingWhy(finding.code)}</p>
      <h2>How to fix it</h2>
      <p data-testid="finding-fix">{fix.text}</p>
      <TerminalHint commands={fix.commands} />

      {credential && (
        <dl className="facts">
          <div>
            <dt>Server</dt>
            <dd>{credential.serverUrl ?? credential.serverName ?? 'Unknown'}</dd>
          </div>
          <div>
            <dt>Authorization server</dt>
            <dd>{credential.issuer ?? 'Unknown'}</dd>
          </div>
          <div>
            <dt>OAuth client ID</dt>
            <dd className="mono">{credential.oauthClientId ?? 'Unknown'}</dd>
          </div>
          {credential.fingerprint && (
            <div>
              <dt>Fingerprint</dt>
              <dd className="mono">{credential.fingerprint}</dd>
            </div>
          )}
        </dl>
      )}

      {files.length > 0 && (
        <>
          <h2>Files involved</h2>
          <ul className="file-list">
            {files.map((path) => (
              <li key={path}>
                <code className="path" title={path}>
                  {tildify(path, home)}
                </code>
                {credential?.entry && credential.files.some((f) => f.path === path) && (
                  <span className="muted"> (entry {credential.entry})</span>
                )}
                <button type="button" className="button button-small" onClick={() => void s.revealPath(path)}>
                  Show in {manager}
                  <span className="visually-hidden"> the file {tildify(path, home)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      {client && client.notes.length > 0 && (
        <>
          <h2>Good to know about {client.label}</h2>
          <ul>
            {client.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}

      <div className="finding-actions">
        {actions.map((action, index) => (
          <button
            key={actionKey(action)}
            type="button"
            // The most targeted fix is the one to take; wider ones are there when it is not enough.
            className={index === 0 ? 'button button-danger' : 'button'}
            onClick={() => void s.openResetPreview(action.target)}
          >
            {action.label}
          </button>
        ))}
        {finding.credential === null && finding.code === 'client-running' && client && (
          <p>Quit {client.label}, then scan again.</p>
        )}
      </div>
    </section>
  );
}
