/**
 * "Why it happens", per finding code, in plain words. The core's finding carries what is wrong
 * (message) and the fix; this adds the background a person needs to trust the fix.
 */
import type { FindingCode } from '../../src/model/index';

const TITLES: Partial<Record<FindingCode, string>> = {
  'malformed-file': 'A file cannot be read',
  'unreadable-path': 'A folder or file is off limits',
  'expired-token': 'Sign-in has expired',
  'no-refresh-token': 'No refresh token',
  'orphaned-credential': 'Left over from an old server',
  'duplicate-credential': 'Saved more than once',
  'stale-lock': 'Stale lock file',
  'leftover-flow-state': 'Unfinished sign-in',
  'custom-port': 'Server on an unusual port',
  'bridge-not-needed': 'Bridge not needed',
  'client-running': 'App is running',
  'secrets-in-keychain': 'Tokens live in the system keychain',
  'browser-opener-missing': 'No way to open the browser',
  'browser-opener-unknown': 'Browser opener not confirmed',
  'proxy-without-ca': 'Proxy without its certificate',
  'proxy-not-in-env': 'Proxy not visible to command-line apps',
  'extra-ca-missing': 'Extra certificate file is missing',
  'tls-verification-disabled': 'Certificate checks are switched off',
};

const WHY: Partial<Record<FindingCode, string>> = {
  'malformed-file':
    'The file was cut short, hand-edited, or written by a different version of the app. The app that owns it may fail to sign in or ignore it.',
  'unreadable-path':
    'The file permissions do not let your user account read it, so neither this tool nor (often) the app itself can use what is inside.',
  'expired-token':
    'Access tokens only last a while. Without a refresh token the app cannot renew it quietly, so every request is refused until you sign in again.',
  'no-refresh-token':
    'The server did not hand out a refresh token, usually because the sign-in did not ask for "offline_access". You will be asked to sign in again each time the token expires.',
  'orphaned-credential':
    'The server was removed or moved to another address (a new domain, port or environment), but the saved sign-in for the old address stayed on disk.',
  'duplicate-credential':
    'Several copies exist for the same server, for example one per version of the bridge or one per environment. The app may pick the wrong one.',
  'stale-lock':
    'A lock file says a sign-in is in progress, but the process that wrote it is gone. Other runs wait for it and the sign-in appears to hang.',
  'leftover-flow-state':
    'A sign-in was started and never finished. The leftover pieces are only useful during that sign-in and can be removed safely.',
  'custom-port':
    'Some apps only connect to servers on the standard HTTPS port (443). Requests to other ports never arrive, with no clear error.',
  'bridge-not-needed':
    'This app can talk to remote servers directly. Running them through mcp-remote adds a second sign-in cache that can go stale.',
  'client-running':
    'A running app keeps its sign-ins in memory and may write them back to disk after a reset.',
  'secrets-in-keychain':
    'This app keeps its tokens in the system keychain, so part of its sign-in state is not in files this tool can reset.',
  'browser-opener-missing':
    'Apps start a sign-in by opening your browser. Without a program to do that, the sign-in waits forever.',
  'browser-opener-unknown':
    'This computer did not say which program opens web pages, so sign-ins may not open.',
  'proxy-without-ca':
    'Your network sends traffic through a proxy that inspects it. Node-based apps reject its certificate unless they are told to trust it.',
  'proxy-not-in-env':
    'The system proxy is set, but apps started from a terminal only see proxy environment variables.',
  'extra-ca-missing':
    'An extra certificate file is named in the settings but is not there, so connections fail.',
  'tls-verification-disabled':
    'Certificate checks are turned off, which hides real problems and lets others read the traffic.',
};

/** A newer core may send codes this window does not know yet: show them as they are. */
export function findingTitle(code: FindingCode): string {
  return TITLES[code] ?? code.replace(/-/g, ' ');
}

export function findingWhy(code: FindingCode): string {
  return WHY[code] ?? '';
}
