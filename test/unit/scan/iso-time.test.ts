/**
 * The scan formats its timestamps itself (several times cheaper than Date's): it must print every
 * instant exactly as `new Date(ms).toISOString()` does, and an instant from a file that Date
 * cannot hold must be "unknown", never a crash.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isoTime } from '../../../src/scan/iso-time';
import { scan } from '../../../src/scan/index';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { md5 } from './builders';

const LIMIT = 8.64e15;

describe('isoTime', () => {
  it('prints what Date prints, for any instant Date can hold', () => {
    fc.assert(
      fc.property(fc.double({ min: -LIMIT, max: LIMIT, noNaN: true }), (ms) => {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 50_000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 50_000 },
    );
  });

  it('at the edges: epoch, -0, fractions, leap days, the last four-digit year, the limits', () => {
    const edges = [
      0,
      -0,
      0.9,
      -0.9,
      1.5,
      -1.5,
      951_782_400_000,
      951_868_799_999,
      4_107_542_400_000,
      253_402_300_799_999,
      253_402_300_800_000,
      -62_167_219_200_000,
      -62_167_219_200_001,
      LIMIT,
      -LIMIT,
    ];
    for (const ms of edges) expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('is null where Date has no instant', () => {
    for (const ms of [NaN, Infinity, -Infinity, LIMIT + 1, -LIMIT - 1, 1e20, null, undefined]) {
      expect(isoTime(ms)).toBeNull();
    }
  });
});

describe('scan: a token expiry Date cannot hold', () => {
  let home: FakeHome;
  afterEach(() => home?.cleanup());

  it('is an unknown expiry, not a crash', async () => {
    home = makeFakeHome();
    const hash = md5('https://far.example.com/mcp');
    home.write(`.mcp-auth/mcp-remote-v1/${hash}_tokens.json`, { access_token: 'x', expires_at: 1e20 });
    home.write(`.mcp-auth/mcp-remote-v1/${md5('b')}_tokens.json`, { access_token: 'y', expires_in: 1e300 });
    const r = await scan(home.ctx);
    const creds = r.report.clients.find((c) => c.id === 'mcp-remote')!.credentials;
    expect(creds).toHaveLength(2);
    for (const c of creds) {
      expect(c.hasAccessToken).toBe(true);
      expect(c.expiresAt).toBeNull();
    }
  });
});
