/** The CLI equivalent of a fix, shown as a side note under the app's own wording. */
export function TerminalHint({ commands }: { commands: readonly string[] }) {
  if (commands.length === 0) return null;
  return (
    <p className="muted terminal-hint">
      From a terminal:{' '}
      {commands.map((command, i) => (
        <span key={command}>
          {i > 0 && ' or '}
          <code>{command}</code>
        </span>
      ))}
    </p>
  );
}
