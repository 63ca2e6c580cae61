import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';

/** After a reset: what happened, with Undo. Stays until dismissed so nobody misses the Undo. */
export function Toast() {
  const { toast, undoing, dismissToast, undoReset } = useAppStore(
    useShallow((s) => ({
      toast: s.toast,
      undoing: s.undoing,
      dismissToast: s.dismissToast,
      undoReset: s.undoReset,
    })),
  );
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className={`toast toast-${toast.kind}`} key={toast.id}>
          <p>{toast.message}</p>
          <div className="toast-actions">
            {toast.undoBackupId !== undefined && (
              <button
                type="button"
                className="button button-primary"
                disabled={undoing}
                onClick={() => {
                  const id = toast.undoBackupId;
                  dismissToast();
                  void undoReset(id);
                }}
              >
                {undoing ? 'Undoing…' : 'Undo'}
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
