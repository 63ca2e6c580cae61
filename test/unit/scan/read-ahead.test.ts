/**
 * Reading on two threads gives exactly what the scan's own port gives, file by file (bytes, text,
 * stat, the error thrown), whatever the files are and however the scan takes them; and a scan
 * with it finds exactly what a scan without it finds.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { asText, nodeScanFs, type ScanFs } from '../../../src/scan/fs-port';
import { ReadAhead, withReadAhead } from '../../../src/scan/read-ahead';
import { FAILED, STATE } from '../../../src/scan/read-ahead-worker';
import { sha256Hex } from '../../../src/scan/read';
import { scan } from '../../../src/scan/index';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { bridged, writeClaudeDesktopConfig, writeMcpRemoteCache } from './builders';

let home: FakeHome;
const readers: ReadAhead[] = [];
afterEach(() => {
  for (const r of readers.splice(0)) r.close();
  home?.cleanup();
});

/** Small slots, so a handful of files fills the ring, wraps it and overflows a slot. */
const TINY = { slots: 8, slotBytes: 64 };

function start(layout = TINY): ReadAhead {
  const reader = ReadAhead.start(nodeScanFs, layout);
  if (reader === null) throw new Error('no read-ahead thread');
  readers.push(reader);
  expect(reader.waitReady(5_000)).toBe(true);
  return reader;
}

/** What a read gives, as plain data; a thrown error as its code. */
function outcome(read: () => ReturnType<ScanFs['readText']>): unknown {
  try {
    const r = read();
    return {
      text: r.text,
      bytes: r.bytes === null || r.bytes === undefined ? null : Buffer.from(r.bytes).toString('base64'),
      size: r.stat.size,
      mtimeMs: r.stat.mtimeMs,
      mode: r.stat.mode,
      isFile: r.stat.isFile(),
      isLink: r.stat.isSymbolicLink(),
    };
  } catch (err) {
    return { error: (err as NodeJS.ErrnoException).code };
  }
}

function assorted(h: FakeHome): string[] {
  const files = [
    h.write('a/small.json', '{"a":1}'),
    h.write('a/empty.json', ''),
    h.write('a/exactly-slot.json', 'x'.repeat(TINY.slotBytes)),
    h.write('a/over-slot.json', 'y'.repeat(TINY.slotBytes + 1)),
    h.write('a/over-limit.json', 'z'.repeat(500)),
    h.write('a/latin1.json', Buffer.from([0x7b, 0xe9, 0x7d])),
    h.write('a/utf8.json', '{"é":"✓"}'),
    h.write('a/private.json', '{"p":1}', 0o600),
  ];
  files.push(h.symlink(files[0]!, 'a/link.json'));
  const fifo = h.p('a/pipe.json');
  execFileSync('mkfifo', [fifo]);
  files.push(fifo);
  fs.mkdirSync(h.p('a/dir.json'));
  files.push(h.p('a/dir.json'), h.p('a/missing.json'));
  return files;
}

describe.skipIf(process.platform === 'win32')('read-ahead', () => {
  it('gives, file by file, what the scan’s own port gives', () => {
    home = makeFakeHome();
    const files = assorted(home);
    const reader = start({ slots: 64, slotBytes: TINY.slotBytes });
    for (const f of files) reader.request(f, 200);
    reader.flush();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    let served = 0;
    for (const f of files) {
      const viaReader = outcome(() => {
        const r = reader.take(f, 200);
        if (r === null) return nodeScanFs.readText(f, 200);
        served++;
        return asText(r);
      });
      expect(viaReader, f).toEqual(outcome(() => nodeScanFs.readText(f, 200)));
    }
    // Not a pass by default: the plain files came from the thread.
    expect(served).toBeGreaterThanOrEqual(5);
  });

  it('hands over the sha256 of exactly the bytes it gives', () => {
    home = makeFakeHome();
    const files = Array.from({ length: 40 }, (_, i) => home.write(`h/${i}.json`, `{"n":${i}}`));
    const reader = start();
    for (const f of files) reader.request(f, 1024);
    // Give the thread a head start: otherwise a scan this quick reads every file itself.
    reader.flush();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    let fromThread = 0;
    for (const f of files) {
      const r = reader.take(f, 1024) ?? nodeScanFs.readFile(f, 1024);
      expect(r.bytes).toEqual(fs.readFileSync(f));
      if (r.sha256 !== undefined) {
        fromThread++;
        expect(r.sha256).toBe(sha256Hex(fs.readFileSync(f)));
      }
    }
    // Both threads read: the thread must have read some of them.
    expect(fromThread).toBeGreaterThan(0);
  });

  it('answers null for a file it was not asked for, and skips files asked for but never taken', () => {
    home = makeFakeHome();
    const files = Array.from({ length: 30 }, (_, i) => home.write(`s/${i}.json`, `{"n":${i}}`));
    const other = home.write('s/other.json', '{}');
    const reader = start();
    for (const f of files) reader.request(f, 1024);
    expect(reader.take(other, 1024)).toBeNull();
    // Every third one only: the rest are dropped, and the slots still come free.
    for (let i = 0; i < files.length; i += 3) {
      const r = reader.take(files[i]!, 1024);
      expect((r ?? nodeScanFs.readFile(files[i]!, 1024)).bytes).toEqual(fs.readFileSync(files[i]!));
    }
    // A later round on the same reader still works after the ring went round several times.
    const more = Array.from({ length: 20 }, (_, i) => home.write(`t/${i}.json`, `{"m":${i}}`));
    for (const f of more) reader.request(f, 1024);
    for (const f of more) {
      expect((reader.take(f, 1024) ?? nodeScanFs.readFile(f, 1024)).bytes).toEqual(fs.readFileSync(f));
    }
  });

  it('reports what the port threw for a file it read ahead itself', () => {
    home = makeFakeHome();
    const reader = start({ slots: 64, slotBytes: 64 });
    const files = Array.from({ length: 50 }, (_, i) => home.p(`gone/${i}.json`));
    for (const f of files) reader.request(f, 1024);
    for (const f of files)
      expect(() => reader.take(f, 1024) ?? nodeScanFs.readFile(f, 1024)).toThrow(/ENOENT/);
  });

  it('keeps the thread for the next scan, which starts it anew', () => {
    home = makeFakeHome();
    const layout = { slots: 16, slotBytes: 64 };
    const first = start(layout);
    const a = Array.from({ length: 40 }, (_, i) => home.write(`r/a${i}.json`, `{"a":${i}}`));
    for (const f of a) first.request(f, 1024);
    // Closed halfway: what the first scan left in flight must not reach the second.
    expect((first.take(a[0]!, 1024) ?? nodeScanFs.readFile(a[0]!, 1024)).bytes).toEqual(
      fs.readFileSync(a[0]!),
    );
    first.close();
    const second = start(layout);
    expect(second.reused).toBe(true);
    const b = Array.from({ length: 40 }, (_, i) => home.write(`r/b${i}.json`, `{"b":${i}}`));
    for (const f of b) second.request(f, 1024);
    second.flush();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    let served = 0;
    for (const f of b) {
      const r = second.take(f, 1024);
      if (r !== null) served++;
      expect((r ?? nodeScanFs.readFile(f, 1024)).bytes).toEqual(fs.readFileSync(f));
    }
    expect(served).toBeGreaterThan(0);
    // Another size of memory: a thread of its own.
    second.close();
    expect(start({ slots: 32, slotBytes: 64 }).reused).toBe(false);
  });

  it('wipes what it read from its memory when the scan closes', () => {
    home = makeFakeHome();
    const secret = 'canary-token-7f3a9c';
    const files = Array.from({ length: 12 }, (_, i) => home.write(`w/${i}.json`, `{"t":"${secret}-${i}"}`));
    const reader = start({ slots: 16, slotBytes: 64 });
    for (const f of files) reader.request(f, 1024);
    reader.flush();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    const { data, hex } = reader as unknown as { data: Buffer; hex: Buffer };
    const digest = sha256Hex(fs.readFileSync(files[0]!));
    expect(data.includes(secret)).toBe(true);
    expect(hex.includes(digest)).toBe(true);
    for (const f of files) reader.take(f, 1024);
    reader.close();
    // The next scan has the thread only once it has parked, and so wiped its memory.
    expect(start({ slots: 16, slotBytes: 64 }).reused).toBe(true);
    expect(data.includes(secret)).toBe(false);
    expect(hex.includes(digest)).toBe(false);
  });

  it('a scan never takes what an earlier scan on the same thread left, however quickly they end', async () => {
    home = makeFakeHome();
    const layout = { slots: 16, slotBytes: 64 };
    const earlier = Array.from({ length: 8 }, (_, i) => home.write(`e/${i}.json`, `{"earlier":${i}}`));
    const later = Array.from({ length: 8 }, (_, i) => home.write(`l/${i}.json`, `{"later":${i}}`));
    const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    start(layout).close();
    for (let round = 0; round < 25; round++) {
      // One scan ends before it ever had the thread; the next asks for files and ends at once.
      ReadAhead.start(nodeScanFs, layout)?.close();
      await pause(2);
      const quick = ReadAhead.start(nodeScanFs, layout)!;
      if (quick.ready) for (const f of earlier) quick.request(f, 1024);
      quick.flush();
      quick.close();
      await pause(5);
      const next = ReadAhead.start(nodeScanFs, layout)!;
      readers.push(next);
      next.waitReady(5_000);
      for (const f of later) next.request(f, 1024);
      for (const f of later) {
        const r = next.take(f, 1024) ?? nodeScanFs.readFile(f, 1024);
        expect(r.bytes).toEqual(fs.readFileSync(f));
        expect(r.stat.size).toBe(fs.statSync(f).size);
      }
      next.close();
    }
  });

  it('a thread that failed is not kept for the next scan', () => {
    const layout = { slots: 16, slotBytes: 64 };
    const reader = start(layout);
    // What the thread itself stores when its loop throws.
    Atomics.store((reader as unknown as { control: Int32Array }).control, STATE, FAILED);
    reader.close();
    const next = start(layout);
    expect(next.reused).toBe(false);
    expect(next.ready).toBe(true);
  });

  it('after close, leaves every read to the caller', () => {
    home = makeFakeHome();
    const f = home.write('c/a.json', '{}');
    const reader = start();
    reader.request(f, 1024);
    reader.close();
    expect(reader.ready).toBe(false);
    expect(reader.take(f, 1024)).toBeNull();
    expect(withReadAhead(nodeScanFs, reader).readText(f, 1024).text).toBe('{}');
  });

  it('matches the port on random files, sizes around the slot size and random take orders', () => {
    home = makeFakeHome();
    let round = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            bytes: fc.uint8Array({ maxLength: TINY.slotBytes * 2 }),
            limit: fc.constantFrom(16, TINY.slotBytes, 1024),
            taken: fc.boolean(),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (specs) => {
          const dir = `p/${round++}`;
          const files = specs.map((s, i) => home.write(`${dir}/${i}.bin`, Buffer.from(s.bytes)));
          const reader = start();
          const ported = withReadAhead(nodeScanFs, reader);
          specs.forEach((s, i) => reader.request(files[i]!, s.limit));
          specs.forEach((s, i) => {
            if (!s.taken) return;
            const f = files[i]!;
            expect(outcome(() => ported.readText(f, s.limit))).toEqual(
              outcome(() => nodeScanFs.readText(f, s.limit)),
            );
          });
          reader.close();
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe.skipIf(process.platform === 'win32')('scan with and without the read-ahead thread', () => {
  it('finds the same, broken, linked and bigger-than-a-slot files included', async () => {
    home = makeFakeHome();
    const servers: Record<string, object> = {};
    for (let i = 0; i < 300; i++) {
      const url = `https://mcp-${i}.example.com/mcp`;
      writeMcpRemoteCache(home, { url, refresh: i % 3 !== 0 });
      if (i % 2 === 0) servers[`s${i}`] = bridged(url);
    }
    writeClaudeDesktopConfig(home, servers);
    const dir = home.p('.mcp-auth/mcp-remote-v1');
    home.write('.mcp-auth/mcp-remote-v1/0123456789abcdef0123456789abcdef_tokens.json', '{ broken');
    home.write(
      '.mcp-auth/mcp-remote-v1/fedcba9876543210fedcba9876543210_client_info.json',
      'x'.repeat(20_000),
    );
    home.symlink(
      `${dir}/../elsewhere.json`,
      '.mcp-auth/mcp-remote-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_tokens.json',
    );

    const one = await scan(home.ctx, { readAhead: 'never' });
    const two = await scan(home.ctx, { readAhead: 'always' });
    const auto = await scan(home.ctx);
    expect(two.report).toEqual(one.report);
    expect([...two.credentials]).toEqual([...one.credentials]);
    expect(auto.report).toEqual(one.report);
    expect(one.report.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['malformed-file', 'unreadable-path', 'orphaned-credential']),
    );
  });
});
