import type { Severity } from '../../../src/model/index';
import { SEVERITY_LABEL } from '../format';

const ICON: Record<Severity | 'ok', string> = { error: '✕', warning: '!', info: 'i', ok: '✓' };

/** Severity shown as an icon AND words, never colour alone. */
export function SeverityBadge({ severity, label }: { severity: Severity | 'ok'; label?: string }) {
  const text = label ?? (severity === 'ok' ? 'OK' : SEVERITY_LABEL[severity]);
  return (
    <span className={`badge badge-${severity}`}>
      <span className="badge-icon" aria-hidden="true">
        {ICON[severity]}
      </span>
      {text}
    </span>
  );
}
