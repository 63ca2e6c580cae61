/** What the window is told when a call fails: plain words, and no secret in any spelling. */
import { describe, expect, it } from 'vitest';
import { ApiError, toErrorPayload } from '../../../src/api/errors';

describe('toErrorPayload', () => {
  it('redacts secrets the way the CLI does, in JSON, flags and headers too', () => {
    const raw = [
      'could not use {"refresh_token": "RT-CANARY-1"}',
      'failed --client-secret CS-CANARY-2',
      'client_secret: CS-CANARY-3',
      'Authorization: Bearer BEARER-CANARY-4',
      'https://x.example.com/mcp?access_token=AT-CANARY-5',
    ];
    for (const message of raw) {
      const shown = [toErrorPayload(new Error(message)), toErrorPayload(new ApiError(message, 'x'))];
      for (const payload of shown) expect(payload.message).not.toMatch(/CANARY/);
    }
  });
});
