/**
 * The reset preview IS the confirm dialog: every file and JSON entry that will change, where the
 * backup goes, and which running apps must be quit first. Apply runs exactly this plan.
 */
import { useShallow } from 'zustand/react/shallow';
import type { ResetItem } from '../../../src/model/index';
import { plural, tildify } from '../format';
import { useAppStore } from '../store';
import { Dialog } from './Dialog';

function actionWords(item: ResetItem): string {
  switch (item.action) {
    case 'delete-file':
      return 'Delete file';
    case 'delete-dir':
      return 'Delete folder';
    case 'remove-entry':
      return 'Remove one entry from';
  }
}

function PreviewItem({ item, home }: { item: ResetItem; home: string }) {
  const shown = tildify(item.path, home);
  return (
    <li className={`preview-item preview-${item.status}`}>
      <span className="preview-action">{actionWords(item)}</span>{' '}
      <code className="path" title={item.path}>
        {shown}
      </code>
      {item.entry !== null && (
        <span className="preview-entry">
          {' '}
          (entry <code>{item.entry}</code>; everything else in the file is kept)
        </span>
      )}
      {item.status === 'skipped' && (
        <span className="preview-reason"> — will be left alone: {item.reason}</span>
      )}
    </li>
  );
}

export function ConfirmResetDialog() {
  const s = useAppStore(
    useShallow((st) => ({
      phase: st.resetPhase,
      preview: st.preview,
      error: st.resetError,
      force: st.forceReset,
      home: st.scan?.home ?? '',
      clients: st.scan?.clients,
      setForce: st.setForceReset,
      confirm: st.confirmReset,
      cancel: st.cancelReset,
    })),
  );
  if (s.phase === 'closed') return null;

  const labelOf = (id: string) => s.clients?.find((c) => c.id === id)?.label ?? id;
  const running = s.preview ? (s.preview.runningClients ?? []).map(labelOf) : [];
  const acting = s.preview ? s.preview.items.filter((i) => i.status !== 'skipped') : [];
  const blockedByRunning = running.length > 0 && !s.force;
  const canApply = s.phase === 'confirming' && s.preview !== null && acting.length > 0 && !blockedByRunning;

  return (
    <Dialog titleId="reset-title" describedBy="reset-summary" onClose={s.cancel} className="dialog-wide">
      <h2 id="reset-title">Reset preview</h2>
      {s.phase === 'planning' && (
        <p id="reset-summary" role="status">
          Working out what would change…
        </p>
      )}
      {s.preview && (
        <>
          <p id="reset-summary">
            {acting.length === 0
              ? 'Nothing needs to change.'
              : `${plural(acting.length, 'change')} will be made. Nothing else on your computer is touched.`}
          </p>
          <ul className="preview-list" aria-label="What will change">
            {s.preview.items.map((item) => (
              <PreviewItem key={`${item.path}|${item.entry ?? ''}`} item={item} home={s.home} />
            ))}
          </ul>
          <p className="preview-backup">
            {s.preview.backupDir ? (
              <>
                A backup is saved first, in{' '}
                <code className="path">{tildify(s.preview.backupDir, s.home)}</code>. You can undo this reset.
              </>
            ) : (
              'A backup is saved first in the app’s data folder. You can undo this reset.'
            )}
          </p>
          {running.length > 0 && (
            <div className="warning" role="alert">
              <p>
                <strong>Quit {running.join(', ')} first.</strong> A running app keeps its sign-ins in memory
                and may write them back after the reset.
              </p>
              <label className="checkbox">
                <input type="checkbox" checked={s.force} onChange={(e) => s.setForce(e.target.checked)} />
                Reset anyway
              </label>
            </div>
          )}
        </>
      )}
      {s.error !== null && (
        <p className="error-text" role="alert">
          {s.error}
        </p>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="button"
          onClick={s.cancel}
          disabled={s.phase === 'applying'}
          data-autofocus
        >
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          onClick={() => void s.confirm()}
          disabled={!canApply}
        >
          {s.phase === 'applying'
            ? 'Resetting…'
            : acting.length > 0
              ? `Reset ${plural(acting.length, 'item')}`
              : 'Reset'}
        </button>
      </div>
    </Dialog>
  );
}
