import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SeverityBadge } from '../components/SeverityBadge';
import { EmptyState, ErrorState, Loading } from '../components/StateViews';
import { findingTitle } from '../findings-text';
import { formatDate, SEVERITY_RANK, tildifyText } from '../format';
import { useAppStore } from '../store';
import {
  findingKey,
  summarizeClients,
  summaryLine,
  visibleClients,
  type ClientSummary,
} from '../store/derive';

function ClientCard({ client }: { client: ClientSummary }) {
  const { setFilter, setView } = useAppStore(
    useShallow((s) => ({ setFilter: s.setFilter, setView: s.setView })),
  );
  const headingId = `client-${client.id}`;
  const running = client.running === null ? 'Unknown' : client.running ? 'Yes' : 'No';
  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{client.label}</h3>
      <dl className="card-facts">
        <div>
          <dt>Installed</dt>
          <dd>{client.installed ? 'Yes' : 'No (leftovers found)'}</dd>
        </div>
        <div>
          <dt>Running</dt>
          <dd>{running}</dd>
        </div>
        <div>
          <dt>Credentials</dt>
          <dd>{client.credentialCount}</dd>
        </div>
        <div>
          <dt>Problems</dt>
          <dd>{client.problemCount}</dd>
        </div>
      </dl>
      <div className="card-footer">
        {client.worst === null ? <SeverityBadge severity="ok" /> : <SeverityBadge severity={client.worst} />}
        {client.credentialCount > 0 && (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setFilter('client', client.id);
              setView('credentials');
            }}
          >
            Show credentials<span className="visually-hidden"> of {client.label}</span>
          </button>
        )}
      </div>
    </li>
  );
}

export function OverviewView() {
  const { scan, status, error, runScan, openFinding } = useAppStore(
    useShallow((s) => ({
      scan: s.scan,
      status: s.scanStatus,
      error: s.scanError,
      runScan: s.runScan,
      openFinding: s.openFinding,
    })),
  );
  const summaries = useMemo(() => summarizeClients(scan), [scan]);
  const cards = useMemo(() => visibleClients(summaries), [summaries]);
  const findings = useMemo(
    () => [...(scan?.findings ?? [])].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]),
    [scan],
  );
  const labelOf = (id: string | null) => summaries.find((c) => c.id === id)?.label ?? 'Unknown app';
  const notFound = summaries.filter((s) => !cards.includes(s)).map((s) => s.label);

  return (
    <section className="view" aria-labelledby="overview-title">
      <header className="view-header">
        <div>
          <h1 id="overview-title">Overview</h1>
          {scan && (
            <p className="summary-line" data-testid="summary-line">
              {summaryLine(scan)}
            </p>
          )}
        </div>
        <div className="view-actions">
          {scan && <span className="muted">Scanned {formatDate(scan.scannedAt)}</span>}
          <button
            type="button"
            className="button"
            onClick={() => void runScan()}
            disabled={status === 'loading'}
          >
            {status === 'loading' ? 'Scanning…' : 'Scan again'}
          </button>
        </div>
      </header>

      {status === 'loading' && !scan && <Loading label="Looking for MCP apps and their saved sign-ins…" />}
      {status === 'error' && (
        <ErrorState title="The scan did not finish" message={error ?? ''} onRetry={() => void runScan()} />
      )}
      {scan && cards.length === 0 && (
        <EmptyState title="No MCP clients found on this computer">
          <p>
            None of the apps this tool knows about has left settings or saved sign-ins here. If you use one,
            open it once and scan again.
          </p>
        </EmptyState>
      )}
      {scan && cards.length > 0 && (
        <>
          <h2 className="section-title">Apps</h2>
          <ul className="cards" aria-label="Apps found">
            {cards.map((c) => (
              <ClientCard key={c.id} client={c} />
            ))}
          </ul>
          {notFound.length > 0 && <p className="muted">Not found on this computer: {notFound.join(', ')}.</p>}

          <h2 className="section-title">What we found</h2>
          {findings.length === 0 ? (
            <p>Nothing to fix. Every saved sign-in looks healthy.</p>
          ) : (
            <ul className="findings" aria-label="Problems found">
              {findings.map((f) => {
                const key = findingKey(f);
                return (
                  <li key={key} className="finding">
                    <SeverityBadge severity={f.severity} />
                    <div className="finding-text">
                      <p className="finding-title">
                        <strong>{findingTitle(f.code)}</strong>{' '}
                        <span className="muted">· {labelOf(f.client)}</span>
                      </p>
                      <p>{tildifyText(f.message, scan?.home ?? '')}</p>
                    </div>
                    <button type="button" className="button button-small" onClick={() => openFinding(key)}>
                      Details
                      <span className="visually-hidden">
                        about {findingTitle(f.code)}, {labelOf(f.client)}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
