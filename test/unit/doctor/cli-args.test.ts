import { describe, expect, it } from 'vitest';
import { parseDoctorArgs } from '../../../src/cli/commands/doctor';
import { UsageError } from '../../../src/cli/io';

describe('doctor arguments', () => {
  it('URL, --timeout in seconds (both spellings), --probe-registration', () => {
    expect(parseDoctorArgs(['https://h/mcp'])).toEqual({
      url: 'https://h/mcp',
      timeoutMs: 5000,
      probeRegistration: false,
    });
    expect(parseDoctorArgs(['--timeout', '1.5', 'https://h/mcp', '--probe-registration'])).toEqual({
      url: 'https://h/mcp',
      timeoutMs: 1500,
      probeRegistration: true,
    });
    expect(parseDoctorArgs(['https://h/mcp', '--timeout=0.3']).timeoutMs).toBe(300);
  });

  it('refuses what it cannot mean', () => {
    for (const args of [
      [],
      ['a', 'b'],
      ['u', '--timeout'],
      ['u', '--timeout', '-1'],
      ['u', '--timeout', '601'],
      ['u', '--x'],
      ['u', '--probe-registration=yes'],
    ]) {
      expect(() => parseDoctorArgs(args)).toThrow(UsageError);
    }
  });
});
