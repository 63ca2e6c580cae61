/**
 * The reset preview IS the confirm dialog: every file and JSON entry that will change, grouped by
 * the app and server they belong to, where the backup goes, and which running apps must be quit
 * first. Apply runs exactly this plan.
 */
import { useShallow } from 'zustand/react/shallow';
import type { ResetItem } from '../../../src/model/index';
import { plural, tildify } from '../format';
import { plainReason } from '../reset-words';
import { useAppStore } from '../store';
import { groupPreviewItems, previewCounts, previewItemState, type PreviewItemState } from '../store/derive';
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

interface PreviewItemProps {
  item: ResetItem;
  home: string;
  state: PreviewItemState;
  runningNames: string;
}

function PreviewItem({ item, home, state, runningNames }: PreviewItemProps) {
  return (
    <li className={`preview-item preview-${state}`}>
      <span className="preview-action">{actionWords(item)}</span>{' '}
      <code className="path" title={item.path}>
        {tildify(item.path, home)}
      </code>
      {item.entry !== null && (
        <span className="preview-entry">
          {' '}
          (entry <code>{item.entry}</code>; everything else in the file is kept)
        </span>
      )}
      {state === 'waiting' && (
        <span className="preview-reason">
          {' '}
          — waits until {runningNames} is quit, or you choose “Reset anyway”
        </span>
      )}
      {state === 'left-alone' && (
        <span className="preview-reason"> — will be left alone: {plainReason(item, home)}</span>
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
      scan: st.scan,
      setForce: st.setForceReset,
      confirm: st.confirmReset,
      cancel: st.cancelReset,
    })),
  );
  if (s.phase === 'closed') return null;

  const { preview, scan } = s;
  const home = scan?.home ?? '';
  const labelOf = (id: string) => scan?.clients.find((c) => c.id === id)?.label ?? id;
  const running = (preview?.runningClients ?? []).map(labelOf);
  const counts = preview ? previewCounts(preview, scan) : { ready: 0, waiting: 0, 'left-alone': 0 };
  // Items waiting for a running app change too once the user chooses "Reset anyway".
  const changing = counts.ready + counts.waiting;
  const blockedByRunning = counts.waiting > 0 && !s.force;
  const canApply = s.phase === 'confirming' && preview !== null && changing > 0 && !blockedByRunning;

  return (
    <Dialog titleId="reset-title" describedBy="reset-summary" onClose={s.cancel} className="dialog-wide">
      <h2 id="reset-title">Reset preview</h2>
      {s.phase === 'planning' && (
        <p id="reset-summary" role="status">
          Working out what would change…
        </p>
      )}
      {preview && (
        <>
          <p id="reset-summary">
            {changing === 0
              ? 'Nothing needs to change.'
              : `${plural(changing, 'change')} will be made. Nothing else on your computer is touched.`}
          </p>
          <div className="preview-list" role="group" aria-label="What will change">
            {groupPreviewItems(preview.items, scan).map((group, index) => (
              <div
                key={group.key}
                className="preview-group"
                role="group"
                aria-labelledby={`preview-owner-${index}`}
              >
                <h3 className="preview-owner" id={`preview-owner-${index}`}>
                  {group.title}
                </h3>
                <ul className="preview-items">
                  {group.items.map((item) => (
                    <PreviewItem
                      key={`${item.path}|${item.entry ?? ''}`}
                      item={item}
                      home={home}
                      state={previewItemState(item, preview, scan)}
                      runningNames={running.join(', ')}
                    />
                  ))}
                </ul>
              </div>
            ))}
          </div>
          {preview.notice !== undefined && (
            <p className="warning" role="status">
              {preview.notice}
            </p>
          )}
          <p className="preview-backup">
            {preview.backupDir ? (
              <>
                A backup is saved first, in <code className="path">{tildify(preview.backupDir, home)}</code>.
                You can undo this reset.
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
            : changing > 0
              ? `Reset ${plural(changing, 'item')}`
              : 'Reset'}
        </button>
      </div>
    </Dialog>
  );
}
