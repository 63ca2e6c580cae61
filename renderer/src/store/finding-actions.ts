/**
 * The one-click fixes a finding offers. The scanner says which resets address it
 * (`finding.actions`, e.g. "Remove the stale lock file" → only that file); an empty list means
 * the fix is outside the app's reach (edit a config, quit an app), so there is no reset button.
 * A report from a scanner that gives no actions gets what the window offered before: reset the
 * sign-in, or everything for its server.
 */
import type { Credential, Finding, FindingAction, ResetTarget } from '../../../src/model/index';

/** Narrower targets first: a lock file before the sign-in, the sign-in before the whole server. */
const REACH: Record<ResetTarget['kind'], number> = { files: 0, credential: 1, server: 2, client: 3, all: 4 };

export function findingActions(finding: Finding, credential: Credential | null): FindingAction[] {
  if (finding.actions !== undefined) {
    return finding.actions
      .map((action, index) => ({ action, index }))
      .sort((a, b) => REACH[a.action.target.kind] - REACH[b.action.target.kind] || a.index - b.index)
      .map(({ action }) => action);
  }
  const fallback: FindingAction[] = [];
  if (finding.credential !== null) {
    fallback.push({ label: 'Reset this sign-in', target: { kind: 'credential', ids: [finding.credential] } });
  }
  if (credential?.serverUrl) {
    fallback.push({
      label: 'Reset everything for this server',
      target: { kind: 'server', urls: [credential.serverUrl] },
    });
  }
  return fallback;
}

/** A stable React key and test handle for an action. */
export function actionKey(action: FindingAction): string {
  return `${action.target.kind}:${action.label}`;
}

/** The button that does what a CLI command in a fix does (`reset --credential …` → "Reset this sign-in"). */
export function buttonForCommand(actions: readonly FindingAction[], command: string): string | null {
  const kind = /--file\b/.test(command)
    ? 'files'
    : /--credential\b/.test(command)
      ? 'credential'
      : /--server\b/.test(command)
        ? 'server'
        : /--client\b/.test(command)
          ? 'client'
          : /--all\b/.test(command)
            ? 'all'
            : null;
  const action = actions.find((a) => a.target.kind === kind);
  return action !== undefined ? `the “${action.label}” button below` : null;
}
