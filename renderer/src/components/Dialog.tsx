/**
 * A modal dialog: focus moves in and is trapped while open, Escape closes, focus returns to
 * what had it before (or to the main region when that is gone). The rest of the page is made inert by App while a dialog is open.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  titleId: string;
  describedBy?: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}

export function Dialog({ titleId, describedBy, onClose, children, className }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const active = document.activeElement;
    const previous = active instanceof HTMLElement && active !== document.body ? active : null;
    const node = ref.current;
    const first = node?.querySelector<HTMLElement>('[data-autofocus]') ?? node;
    // Everything behind the dialog is out of reach for keyboard, pointer and screen readers.
    const appRoot = document.getElementById('root');
    appRoot?.setAttribute('inert', '');
    first?.focus();
    return () => {
      appRoot?.removeAttribute('inert');
      // The opener may be gone (a toast's button, a row that was reset): then the main region,
      // never the page body, so keyboard and screen-reader users keep their place.
      const back = previous?.isConnected ? previous : document.getElementById('main');
      back?.focus({ preventScroll: back !== previous });
    };
  }, []);

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      closeRef.current();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === ref.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={`dialog ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
