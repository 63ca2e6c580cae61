/**
 * Cross-Origin-Opener-Policy on the sign-in pages: anything but `unsafe-none` severs a popup from
 * the page that opened it, so web apps that sign in through a popup see "window closed" while the
 * user is still signing in. Desktop and CLI clients open the system browser and are not affected.
 */
import type { Evidence } from '../../model/index';
import { evidenceOf } from '../evidence';
import { outcome, skip, type CheckDefinition } from './kit';
import { droppedNote } from './url';

export const popupPolicyCheck: CheckDefinition = {
  id: 'popup-policy',
  title: 'Sign-in page works in a popup (COOP)',
  needsTarget: true,
  async run({ probes, timeoutMs, target }) {
    const hops = await probes.authorize();
    if (hops === null) return skip('No authorization endpoint to look at (see auth-server-metadata).');
    const evidence: Evidence[] = hops.map((h, i) =>
      evidenceOf(
        h.exchange,
        i === 0
          ? `authorization request with a made-up client id (read-only; no redirect to the callback is followed)${droppedNote(target)}`
          : `redirect ${i}`,
        ['cross-origin-opener-policy'],
        timeoutMs,
      ),
    );
    if (hops.every((h) => !h.exchange.response)) {
      return outcome(
        'warn',
        'The authorization endpoint did not answer, so its popup policy is unknown.',
        'Check that the authorization endpoint is reachable from the browser.',
        evidence,
        'authorization-server',
      );
    }
    const severing = hops
      .map((h) => ({ h, coop: (h.exchange.response?.headers['cross-origin-opener-policy'] ?? '').trim() }))
      .filter(({ coop }) => coop !== '' && !/^unsafe-none\b/i.test(coop));
    if (severing.length === 0) {
      return outcome(
        'pass',
        'The sign-in pages do not set a Cross-Origin-Opener-Policy that breaks popups.',
        '',
        evidence,
      );
    }
    const { h, coop } = severing[0]!;
    return outcome(
      'warn',
      `${new URL(h.exchange.url).origin}${new URL(h.exchange.url).pathname} sends Cross-Origin-Opener-Policy: ${coop}. Apps that open the sign-in in a popup (web-based clients, some inspectors) lose track of it and report "sign-in window was closed" while the user is still signing in. Desktop and CLI clients use the system browser and are fine.`,
      'Serve the authorization and login pages with Cross-Origin-Opener-Policy: unsafe-none (or no COOP header), or have the web client use a full-page redirect instead of a popup.',
      evidence,
      'authorization-server',
    );
  },
};
