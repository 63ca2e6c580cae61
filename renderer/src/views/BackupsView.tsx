import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState, ErrorState, Loading } from '../components/StateViews';
import { formatBytes, formatDate, plural, tildify } from '../format';
import { RETENTION_DAYS } from '../retention';
import { useAppStore } from '../store';
import { backupTitle } from '../store/derive';

type PendingDelete = { ids: string[]; label: string } | { olderThanDays: number; label: string };

export function BackupsView() {
  const s = useAppStore(
    useShallow((st) => ({
      backups: st.backups,
      status: st.backupsStatus,
      error: st.backupsError,
      scan: st.scan,
      names: st.resetNames,
      undoing: st.undoing,
      loadBackups: st.loadBackups,
      purgeBackups: st.purgeBackups,
      undoReset: st.undoReset,
      revealPath: st.revealPath,
    })),
  );
  const [pending, setPending] = useState<PendingDelete | null>(null);
  // The period the core applies, as it reports it; the typed default until a list has come back.
  const retentionDays = s.backups.find((b) => b.retentionDays !== undefined)?.retentionDays ?? RETENTION_DAYS;
  const interrupted = s.backups.filter((b) => b.interrupted === true).length;
  const { status, loadBackups } = s;
  const home = s.scan?.home ?? '';

  useEffect(() => {
    if (status === 'idle') void loadBackups();
  }, [status, loadBackups]);

  return (
    <section className="view" aria-labelledby="backups-title">
      <header className="view-header">
        <div>
          <h1 id="backups-title">Backups</h1>
          <p className="muted">
            Every reset saves what it removes here first. Backups older than {retentionDays} days are deleted
            automatically.
          </p>
        </div>
        <div className="view-actions">
          <button
            type="button"
            className="button"
            disabled={s.backups.length === 0}
            onClick={() =>
              setPending({
                olderThanDays: retentionDays,
                label: `Delete every backup older than ${retentionDays} days? They cannot be restored afterwards.`,
              })
            }
          >
            Delete backups older than {retentionDays} days
          </button>
        </div>
      </header>
      {interrupted > 0 && (
        <p className="warning" role="status">
          {interrupted === 1 ? 'A reset was' : `${interrupted} resets were`} interrupted before finishing, and
          its files are as it left them. They are put back first when you next reset, undo or delete backups.
        </p>
      )}
      {s.status === 'loading' && s.backups.length === 0 && <Loading label="Loading backups…" />}
      {s.status === 'error' && (
        <ErrorState
          title="Backups could not be listed"
          message={s.error ?? ''}
          onRetry={() => void s.loadBackups()}
        />
      )}
      {s.status === 'ready' && s.backups.length === 0 && (
        <EmptyState title="No backups yet">
          <p>When you reset something, a copy of it is kept here so you can put it back.</p>
        </EmptyState>
      )}
      {s.backups.length > 0 && (
        <ul className="backup-list" aria-label="Backups">
          {s.backups.map((b) => {
            const title = backupTitle(b, s.scan, s.names) ?? b.label;
            return (
              <li key={b.id} className="backup">
                <div>
                  {/* The core's own label (what `backups list` prints) stays at hand as a tooltip. */}
                  <p className="backup-title" title={title !== b.label ? b.label : undefined}>
                    <strong>{title}</strong>
                  </p>
                  <p className="muted">
                    {formatDate(b.createdAt)} · {plural(b.itemCount, 'item')} · {formatBytes(b.bytes)}
                    {b.restoredAt !== null && ` · restored ${formatDate(b.restoredAt)}`}
                  </p>
                  <p className="muted">
                    <code className="path">{tildify(b.path, home)}</code>
                  </p>
                </div>
                <div className="backup-actions">
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={s.undoing}
                    onClick={() => void s.undoReset(b.id)}
                  >
                    Restore<span className="visually-hidden"> {title}</span>
                  </button>
                  <button type="button" className="button" onClick={() => void s.revealPath(b.path)}>
                    Show folder<span className="visually-hidden"> of {title}</span>
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() =>
                      setPending({
                        ids: [b.id],
                        label: `Delete the backup “${title}”? It cannot be restored afterwards.`,
                      })
                    }
                  >
                    Delete<span className="visually-hidden"> {title}</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {pending && (
        <ConfirmDialog
          title="Delete backups"
          message={pending.label}
          confirmLabel="Delete"
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const request =
              'ids' in pending ? { ids: pending.ids } : { olderThanDays: pending.olderThanDays };
            setPending(null);
            void s.purgeBackups(request);
          }}
        />
      )}
    </section>
  );
}
