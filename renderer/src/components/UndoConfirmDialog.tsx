import { useShallow } from 'zustand/react/shallow';
import { formatDate, plural } from '../format';
import { useAppStore } from '../store';
import { ConfirmDialog } from './ConfirmDialog';

/** The menu's "Undo last reset" asks first, naming the sign-ins and files it would put back. */
export function UndoConfirmDialog() {
  const { pending, cancel, confirm } = useAppStore(
    useShallow((s) => ({ pending: s.undoConfirm, cancel: s.cancelUndoConfirm, confirm: s.confirmUndo })),
  );
  if (!pending) return null;
  const when = pending.resetAt !== null ? ` (reset ${formatDate(pending.resetAt)})` : '';
  return (
    <ConfirmDialog
      title="Undo the last reset?"
      message={`This puts back “${pending.title}”${when}: ${plural(pending.files.length, 'item')} from its backup. Anything changed since then is left as it is.`}
      confirmLabel="Restore"
      tone="primary"
      onCancel={cancel}
      onConfirm={() => void confirm()}
    >
      <ul className="preview-list" aria-label="What will be restored">
        {pending.files.map((file) => (
          <li key={file} className="preview-item">
            <code className="path">{file}</code>
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}
