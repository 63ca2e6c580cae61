/**
 * A finding's `fix` is written for the CLI too, and names commands like
 * `mcp-auth-doctor reset --credential <id>`. In the window the same fix is a button: the sentence
 * points at the button, and the command stays available as secondary "From a terminal" text.
 */

const COMMAND = /`?mcp-auth-doctor(?: [a-z-]+)(?: --?[a-z-]+(?:[ =][^\s`(),;]*[^\s`(),;.])?)*`?/g;

export interface AppFix {
  /** The fix in the app's terms. */
  text: string;
  /** The CLI commands the fix named, for people who prefer a terminal. */
  commands: string[];
}

/**
 * `inApp` names the control in this window that does what the command does (e.g. a button), or
 * says so for each command (null: no control does it).
 */
export function appFixText(fix: string, inApp: string | null | ((command: string) => string | null)): AppFix {
  const commands: string[] = [];
  let text = fix.replace(COMMAND, (match) => {
    const command = match.replace(/`/g, '');
    commands.push(command);
    return (typeof inApp === 'function' ? inApp(command) : inApp) ?? 'the command below';
  });
  // The window always previews before it resets: the CLI's preview flag means nothing here.
  if (commands.length > 0) text = text.replace(/\s*\(add --dry-run to preview\)/g, '');
  return { text, commands: [...new Set(commands)] };
}
