import { afterEach, describe, expect, it } from 'vitest';
import { ApiMissingError, getApi, setApiForTests } from '../../renderer/src/api';
import { GENERIC_ERROR, toUserMessage } from '../../renderer/src/errors';
import { describeExpiry, tildify } from '../../renderer/src/format';
import { makeFakeApi } from './fake-api';

afterEach(() => setApiForTests(null));

describe('toUserMessage', () => {
  it('keeps the plain message and drops wrappers, error names and stack lines', () => {
    expect(toUserMessage(new Error('Disk is full.'))).toBe('Disk is full.');
    expect(
      toUserMessage(
        new Error("Error invoking remote method 'mcp-auth-doctor:undo': Error: No backup to restore."),
      ),
    ).toBe('No backup to restore.');
    expect(toUserMessage(new TypeError('x is undefined\n    at foo (file.js:1:1)'))).toBe('x is undefined');
    expect(toUserMessage({ message: 'From a payload.' })).toBe('From a payload.');
    expect(toUserMessage('TypeError: plain string')).toBe('plain string');
  });

  it('falls back to a generic sentence for things that are not errors', () => {
    expect(toUserMessage(undefined)).toBe(GENERIC_ERROR);
    expect(toUserMessage(42)).toBe(GENERIC_ERROR);
    expect(toUserMessage(new Error(''))).toBe(GENERIC_ERROR);
  });
});

describe('api module', () => {
  it('says the engine is missing when there is no preload object', () => {
    expect(() => getApi()).toThrow(ApiMissingError);
  });

  it('returns the fake a test installed', () => {
    const fake = makeFakeApi();
    setApiForTests(fake.api);
    expect(getApi()).toBe(fake.api);
  });
});

describe('display helpers', () => {
  it('shows home paths with ~ and leaves others alone', () => {
    expect(tildify('/home/u/.mcp-auth/x', '/home/u')).toBe('~/.mcp-auth/x');
    expect(tildify('C:\\Users\\u\\.codex', 'C:\\Users\\u')).toBe('~\\.codex');
    expect(tildify('/home/user2/x', '/home/u')).toBe('/home/user2/x');
    expect(tildify('/home/u', '/home/u')).toBe('~');
  });

  it('says whether a token has expired', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    expect(describeExpiry(null, now)).toBe('Not recorded');
    expect(describeExpiry('2026-11-23T12:00:00Z', now)).toMatch(/^Expired /);
    expect(describeExpiry('2026-11-26T14:00:00Z', now)).toMatch(/^Expires /);
  });
});
