import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';

/**
 * After a reset or an undo: what happened, why anything was left alone, with Undo and "Preview
 * again". Stays until dismissed so nobody misses the Undo.
 */
export function Toast() {
  const { toast, undoing, dismissToast, undoReset, openResetPreview } = useAppStore(
    useShallow((s) => ({
      toast: s.toast,
      undoing: s.undoing,
      dismissToast: s.dismissToast,
      undoReset: s.undoReset,
      openResetPreview: s.openResetPreview,
    })),
  );
  const ref = useRef<HTMLDivElement>(null);

  // The button that led here has gone (the dialog closed, the toast's own Undo was pressed): put
  // keyboard focus on this toast's first action rather than let it fall back to the page body.
  useEffect(() => {
    if (toast?.takeFocus === true) ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [toast?.id, toast?.takeFocus]);

  const messageId = toast ? `toast-message-${toast.id}` : undefined;
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className={`toast toast-${toast.kind}`} key={toast.id} ref={ref} data-testid="toast">
          <p id={messageId}>
            {toast.kind === 'warning' && <span className="visually-hidden">Warning: </span>}
            {toast.kind === 'error' && <span className="visually-hidden">Error: </span>}
            {toast.message}
          </p>
          {toast.details && toast.details.length > 0 && (
            <ul className="toast-details" aria-label="Why">
              {toast.details.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
          <div className="toast-actions">
            {toast.undoBackupId !== undefined && (
              <button
                type="button"
                className="button button-primary"
                disabled={undoing}
                aria-describedby={messageId}
                onClick={() => {
                  const id = toast.undoBackupId;
                  dismissToast();
                  void undoReset(id, { takeFocus: true });
                }}
              >
                {undoing ? 'Undoing…' : 'Undo'}
              </button>
            )}
            {toast.retryTarget !== undefined && (
              <button
                type="button"
                className="button"
                aria-describedby={messageId}
                onClick={() => {
                  const target = toast.retryTarget;
                  dismissToast();
                  if (target) void openResetPreview(target);
                }}
              >
                Preview again
              </button>
            )}
            <button type="button" className="button" onClick={dismissToast} aria-label="Dismiss message">
              Dismiss
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
