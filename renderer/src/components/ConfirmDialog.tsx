import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** More about what will happen (a list of files), below the question. */
  children?: ReactNode;
  /** Restoring is not destructive the way deleting is: a plain primary button then. */
  tone?: 'danger' | 'primary';
}

/** A plain yes/no question for smaller actions (deleting backups, undoing the last reset). */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  children,
  tone = 'danger',
}: ConfirmDialogProps) {
  return (
    <Dialog titleId="confirm-title" describedBy="confirm-message" onClose={onCancel}>
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-message">{message}</p>
      {children}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className={`button button-${tone}`} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
