/**
 * Fake home folders for tests: a fresh temp dir per test, laid out like macOS, Windows or Linux.
 * No test ever touches the real home directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context, Platform } from '../../src/context';

export interface FakeHome {
  home: string;
  ctx: Context;
  /** Absolute path of a `/`-separated path below the home. */
  p: (relative: string) => string;
  write: (relative: string, content: string | Buffer | object, mode?: number) => string;
  symlink: (target: string, relative: string) => string;
  cleanup: () => void;
}

export interface FakeHomeOptions {
  platform?: Platform;
  env?: Record<string, string | undefined>;
  now?: Date;
}

export function makeFakeHome(options: FakeHomeOptions = {}): FakeHome {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-home-')));
  const platform = options.platform ?? 'linux';
  const now = options.now ?? new Date('2026-11-26T12:00:00Z');
  const env: Record<string, string | undefined> = {
    HOME: home,
    ...(platform === 'win32' ? { USERPROFILE: home } : {}),
    ...options.env,
  };
  const p = (relative: string): string => path.join(home, ...relative.split('/'));
  return {
    home,
    ctx: { home, env, platform, now: () => now },
    p,
    write(relative, content, mode) {
      const file = p(relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const data =
        typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2);
      fs.writeFileSync(file, data, mode !== undefined ? { mode } : undefined);
      return file;
    },
    symlink(target, relative) {
      const link = p(relative);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(target, link);
      return link;
    },
    cleanup() {
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
