/**
 * Every saved sign-in in one table: filter, sort, select, reset. Rows are virtualised so 1,000+
 * credentials scroll smoothly; ARIA row indexes keep the table readable for screen readers.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SeverityBadge } from '../components/SeverityBadge';
import { EmptyState, ErrorState, Loading } from '../components/StateViews';
import { describeExpiry, formatDate, formatDay, plural } from '../format';
import { useAppStore } from '../store';
import {
  buildRows,
  filterRows,
  findingKey,
  sortRows,
  visibleSelection,
  type CredentialRow,
} from '../store/derive';
import type { SortKey, StatusFilter } from '../store/types';

const ROW_HEIGHT = 44;

/**
 * `className` marks the columns a narrow window drops (widest first, see app.css) so that Status
 * and Reset always fit without scrolling sideways; what they hold is in the finding detail and
 * the search still matches it.
 */
const COLUMNS: { key: SortKey; label: string; className: string }[] = [
  { key: 'client', label: 'App', className: 'col-client' },
  { key: 'server', label: 'Server', className: 'col-server' },
  { key: 'issuer', label: 'Authorization server', className: 'col-issuer' },
  { key: 'clientId', label: 'OAuth client ID', className: 'col-client-id' },
  { key: 'expires', label: 'Expires', className: 'col-expires' },
  { key: 'refresh', label: 'Refresh token', className: 'col-refresh' },
  { key: 'updated', label: 'Last changed', className: 'col-updated' },
  { key: 'status', label: 'Status', className: 'col-status' },
];

function serverText(row: CredentialRow): string {
  return row.credential.serverUrl ?? row.credential.serverName ?? 'Unknown server';
}

function Row({ row, index, start, now }: { row: CredentialRow; index: number; start: number; now: Date }) {
  const { checked, toggle, openFinding, openResetPreview } = useAppStore(
    useShallow((s) => ({
      checked: s.selected[row.credential.id] === true,
      toggle: s.toggleSelected,
      openFinding: s.openFinding,
      openResetPreview: s.openResetPreview,
    })),
  );
  const c = row.credential;
  const server = serverText(row);
  const first = row.findings[0];
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`grid-row${checked ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      data-credential-id={c.id}
    >
      <div role="cell" className="cell-check">
        <input
          type="checkbox"
          checked={checked}
          onChange={() => toggle(c.id)}
          aria-label={`Select ${row.clientLabel} sign-in for ${server}`}
        />
      </div>
      <div role="cell" className="col-client clamp-2" title={row.clientLabel}>
        {row.clientLabel}
      </div>
      <div role="cell" title={server} className="col-server truncate">
        {server}
      </div>
      <div role="cell" title={c.issuer ?? undefined} className="col-issuer truncate">
        {c.issuer ?? '—'}
      </div>
      <div role="cell" title={c.oauthClientId ?? undefined} className="col-client-id truncate mono">
        {c.oauthClientId ?? '—'}
      </div>
      <div role="cell" className="col-expires truncate" title={formatDate(c.expiresAt)}>
        {describeExpiry(c.expiresAt, now)}
      </div>
      <div role="cell" className="col-refresh">
        {c.hasRefreshToken ? 'Yes' : 'No'}
      </div>
      <div role="cell" className="col-updated truncate" title={formatDate(c.updatedAt)}>
        {formatDay(c.updatedAt)}
      </div>
      {/* Not truncated: the badge wraps onto a second line instead of losing its words. */}
      <div role="cell" className="col-status">
        {first ? (
          <button
            type="button"
            className="link-button status-button"
            onClick={() => openFinding(findingKey(first))}
          >
            <SeverityBadge severity={row.status} label={row.statusText} />
          </button>
        ) : (
          <SeverityBadge severity="ok" />
        )}
      </div>
      <div role="cell" className="col-reset">
        <button
          type="button"
          className="button button-small"
          onClick={() => void openResetPreview({ kind: 'credential', ids: [c.id] })}
        >
          Reset
          <span className="visually-hidden">
            {' '}
            {row.clientLabel} sign-in for {server}
          </span>
        </button>
      </div>
    </div>
  );
}

function Filters({ rows }: { rows: CredentialRow[] }) {
  const { filters, setFilter } = useAppStore(
    useShallow((s) => ({ filters: s.filters, setFilter: s.setFilter })),
  );
  const clients = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows) m.set(r.credential.client, r.clientLabel);
    return [...m.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [rows]);
  const servers = useMemo(
    () => [...new Set(rows.map((r) => r.credential.serverUrl).filter((u): u is string => u !== null))].sort(),
    [rows],
  );
  return (
    <div className="filters" role="search" aria-label="Filter credentials">
      <label>
        App
        <select
          value={filters.client}
          onChange={(e) => setFilter('client', e.target.value as typeof filters.client)}
        >
          <option value="all">All apps</option>
          {clients.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Server
        <select value={filters.server} onChange={(e) => setFilter('server', e.target.value)}>
          <option value="all">All servers</option>
          {servers.map((url) => (
            <option key={url} value={url}>
              {url}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={filters.status} onChange={(e) => setFilter('status', e.target.value as StatusFilter)}>
          <option value="all">Any status</option>
          <option value="problems">Has problems</option>
          <option value="error">Needs fixing</option>
          <option value="warning">Worth a look</option>
          <option value="ok">OK</option>
        </select>
      </label>
      <label>
        Search
        <input
          type="search"
          value={filters.text}
          placeholder="Server, issuer, client ID…"
          onChange={(e) => setFilter('text', e.target.value)}
        />
      </label>
    </div>
  );
}

export function CredentialsView() {
  const s = useAppStore(
    useShallow((st) => ({
      scan: st.scan,
      status: st.scanStatus,
      error: st.scanError,
      filters: st.filters,
      sort: st.sort,
      selected: st.selected,
      setSort: st.setSort,
      setSelected: st.setSelected,
      clearSelection: st.clearSelection,
      runScan: st.runScan,
      openResetPreview: st.openResetPreview,
    })),
  );
  const all = useMemo(() => buildRows(s.scan), [s.scan]);
  const rows = useMemo(() => sortRows(filterRows(all, s.filters), s.sort), [all, s.filters, s.sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const now = new Date();
  const visibleIds = rows.map((r) => r.credential.id);
  // "Reset selected" acts on what is on screen: rows hidden by a filter stay selected (they come
  // back when the filter is cleared) but are never reset unseen.
  const selection = visibleSelection(rows, s.selected);
  const selectedIds = selection.ids;
  const visibleSelected = selectedIds.length;
  const allVisibleSelected = visibleIds.length > 0 && visibleSelected === visibleIds.length;
  const clearHidden = () => {
    const shown = new Set(visibleIds);
    s.setSelected(
      Object.keys(s.selected).filter((id) => !shown.has(id)),
      false,
    );
  };

  if (!s.scan) {
    return (
      <section className="view" aria-labelledby="credentials-title">
        <h1 id="credentials-title">Credentials</h1>
        {s.status === 'error' ? (
          <ErrorState
            title="The scan did not finish"
            message={s.error ?? ''}
            onRetry={() => void s.runScan()}
          />
        ) : (
          <Loading label="Looking for saved sign-ins…" />
        )}
      </section>
    );
  }

  return (
    <section className="view view-credentials" aria-labelledby="credentials-title">
      <header className="view-header">
        <div>
          <h1 id="credentials-title">Credentials</h1>
          <p className="muted" aria-live="polite">
            {plural(all.length, 'saved sign-in')}, {rows.length} shown, {selectedIds.length} selected
          </p>
          {selection.hidden > 0 && (
            <p className="hidden-selection" data-testid="hidden-selection">
              {plural(selection.hidden, 'more sign-in')} selected but hidden by the filters: “Reset selected”
              leaves {selection.hidden === 1 ? 'it' : 'them'} out.{' '}
              <button type="button" className="link-button link" onClick={clearHidden}>
                Unselect {selection.hidden === 1 ? 'it' : 'them'}
              </button>
            </p>
          )}
        </div>
        <div className="view-actions">
          {s.filters.server !== 'all' && (
            <button
              type="button"
              className="button"
              onClick={() => void s.openResetPreview({ kind: 'server', urls: [s.filters.server] })}
            >
              Reset everything for this server
            </button>
          )}
          <button
            type="button"
            className="button button-danger"
            disabled={selectedIds.length === 0}
            onClick={() => void s.openResetPreview({ kind: 'credential', ids: selectedIds })}
          >
            Reset selected{selectedIds.length > 0 ? ` (${selectedIds.length})` : ''}
          </button>
        </div>
      </header>
      <Filters rows={all} />
      {all.length === 0 ? (
        <EmptyState title="No saved sign-ins">
          <p>None of the apps on this computer holds a sign-in for an MCP server.</p>
        </EmptyState>
      ) : (
        <div role="table" aria-label="Saved sign-ins" aria-rowcount={rows.length + 1} className="grid">
          <div role="rowgroup" className="grid-head">
            <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
              <div role="columnheader" className="cell-check">
                <input
                  type="checkbox"
                  checked={allVisibleSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = visibleSelected > 0 && !allVisibleSelected;
                  }}
                  disabled={rows.length === 0}
                  onChange={() => s.setSelected(visibleIds, !allVisibleSelected)}
                  aria-label="Select all shown sign-ins"
                />
              </div>
              {COLUMNS.map((col) => {
                const active = s.sort.key === col.key;
                return (
                  <div
                    role="columnheader"
                    key={col.key}
                    className={col.className}
                    aria-sort={active ? (s.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button type="button" className="sort-button" onClick={() => s.setSort(col.key)}>
                      {col.label}
                      <span aria-hidden="true" className="sort-arrow">
                        {active ? (s.sort.dir === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  </div>
                );
              })}
              <div role="columnheader" className="col-reset">
                <span className="visually-hidden">Actions</span>
              </div>
            </div>
          </div>
          <div role="rowgroup" className="grid-body" ref={scrollRef} data-testid="credentials-scroller">
            {rows.length === 0 ? (
              <div role="row" aria-rowindex={2} className="grid-row grid-empty">
                <div role="cell">No sign-in matches these filters.</div>
              </div>
            ) : (
              <div className="grid-spacer" style={{ height: `${virtualizer.getTotalSize()}px` }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const row = rows[item.index];
                  if (!row) return null;
                  return (
                    <Row key={row.credential.id} row={row} index={item.index} start={item.start} now={now} />
                  );
                })}
              </div>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
