/**
 * Reading on two threads: on a home with thousands of cache files, opening and reading them costs
 * as much as everything else the scan does, and the two can overlap. The scan names the files it
 * will read, in order; a worker thread reads them into shared memory, and the scan reads some
 * itself whenever it would otherwise wait for the thread (read-ahead-worker.ts). The
 * scan takes each result when it gets to that file, in the order asked.
 *
 * Nothing about the outcome changes: the thread only does the plain case (a regular file within
 * its limit, opened without following links, stat and bytes from one descriptor), and every other
 * case comes back as "read it yourself", which the scan does with its own port (fs-port.ts) and
 * its own findings. Files the scan reads ahead itself go through that same port, errors included.
 * If the thread cannot start, fails or stalls, the scan just goes on by itself.
 */
import { Worker } from 'node:worker_threads';
import type { FileStat, ReadResult, ScanFs } from './fs-port';
import { asText, NOFOLLOW, OPEN_FLAGS } from './fs-port';
import {
  CLOSED,
  CONSUMED,
  CONTROL_BYTES,
  FAILED,
  META_CELLS,
  PARKED,
  READ_AHEAD_WORKER_SOURCE,
  READY,
  SCAN_SLEEPS,
  STATE,
  THREAD_SLEEPS,
  HEX_BYTES,
  dataOffset,
  doneOffset,
  hexOffset,
  metaOffset,
  ownerOffset,
  sharedBytes,
  type Layout,
} from './read-ahead-worker';

/**
 * 2,048 slots of 4 KiB (8 MiB): token and registration files are a few hundred bytes; a bigger
 * file is read by the scan itself.
 */
const DEFAULT_LAYOUT: Layout = { slots: 2048, slotBytes: 4 * 1024 };
/** Requests go to the thread in batches: one message per file would cost more than its read. */
const BATCH = 128;
/** Waits are sliced so a thread that died is noticed; this long without progress ends it. */
const WAIT_SLICE_MS = 50;
const STALL_MS = 5_000;
/** How long a wait for a file the thread is reading spins before it sleeps. */
const SPIN_MS = 0.2;

class AheadStat implements FileStat {
  constructor(
    readonly size: number,
    readonly mtimeMs: number,
    readonly mode: number,
  ) {}

  isFile(): boolean {
    return true;
  }

  isSymbolicLink(): boolean {
    return false;
  }
}

/** A started thread and the memory it shares with the scan. */
interface Thread {
  worker: Worker;
  sab: SharedArrayBuffer;
  layout: Layout;
  /** The reader using it now, told when the thread fails. */
  user: ReadAhead | null;
  /** Failed or stalled once: never used again. */
  broken: boolean;
}

/**
 * The thread of the last scan, kept a while: starting one takes tens of milliseconds, and the app
 * scans again after every reset. While it waits it holds no file contents (it wipes them when
 * parked), keeps no process alive, and it ends after PARK_MS unused.
 */
let parked: { thread: Thread; timer: NodeJS.Timeout } | null = null;
const PARK_MS = 30_000;

function spawn(layout: Layout): Thread | null {
  let worker: Worker | null = null;
  try {
    const sab = new SharedArrayBuffer(sharedBytes(layout));
    worker = new Worker(READ_AHEAD_WORKER_SOURCE, {
      eval: true,
      workerData: {
        sab,
        slots: layout.slots,
        slotBytes: layout.slotBytes,
        flags: OPEN_FLAGS,
        noFollow: NOFOLLOW !== 0,
        ownerAt: ownerOffset(layout),
        metaAt: metaOffset(layout),
        hexAt: hexOffset(layout),
        dataAt: dataOffset(layout),
      },
      // A bare thread: none of the parent's loaders or flags, nothing of its environment.
      execArgv: [],
      env: {},
      stdout: true,
      stderr: true,
    });
    const thread: Thread = { worker, sab, layout, user: null, broken: false };
    const lost = (): void => {
      thread.broken = true;
      thread.user?.close();
      if (parked?.thread === thread) end(unpark()!);
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    // Never what keeps a process alive.
    worker.unref();
    return thread;
  } catch {
    void worker?.terminate().catch(() => undefined);
    return null;
  }
}

/** Ends a thread; once it is gone, nothing of what it read stays in the shared memory. */
function end(thread: Thread): void {
  thread.broken = true;
  thread.user = null;
  void thread.worker.terminate().then(
    () => new Uint8Array(thread.sab).fill(0),
    () => undefined,
  );
}

function unpark(): Thread | null {
  if (parked === null) return null;
  clearTimeout(parked.timer);
  const { thread } = parked;
  parked = null;
  return thread;
}

/** Keeps a thread for the next scan, or ends it (one is kept at most; a broken one never). */
function park(thread: Thread): void {
  thread.user = null;
  if (thread.broken || parked !== null) {
    end(thread);
    return;
  }
  // The thread wipes the file contents and hashes from its memory, then says PARKED.
  thread.worker.postMessage({ park: true });
  const timer = setTimeout(() => {
    if (parked?.thread === thread) parked = null;
    end(thread);
  }, PARK_MS);
  timer.unref();
  parked = { thread, timer };
}

/** What the scan's own port gave for a file it read ahead itself. */
type Stashed = { result: ReadResult } | { error: unknown };

export class ReadAhead {
  private readonly control: Int32Array;
  private readonly doneCells: Int32Array;
  private readonly owner: Int32Array;
  private readonly meta: Float64Array;
  private readonly data: Buffer;
  private readonly hex: Buffer;
  /** Files asked for, by number (one scan's worth); settled ones are cleared. */
  private paths: (string | undefined)[] = [];
  private limits: number[] = [];
  /** The first number not yet handed over. */
  private head = 0;
  /** Below it, every file is claimed: where the scan looks for one to read itself. */
  private stealFrom = 0;
  private readonly stash = new Map<number, Stashed>();
  private batch: (string | number)[] = [];
  private posted = 0;
  private closed = false;
  /** Whether this scan has the thread: it booted, or (kept) it parked and was cleared by us. */
  private active = false;

  private readonly layout: Layout;

  private constructor(
    private readonly thread: Thread,
    private readonly base: ScanFs,
    /** True when the thread served an earlier scan (this one clears the cells once it is parked). */
    readonly reused: boolean,
  ) {
    thread.user = this;
    const { sab, layout } = thread;
    this.layout = layout;
    this.control = new Int32Array(sab, 0, CONTROL_BYTES / 4);
    this.doneCells = new Int32Array(sab, doneOffset(layout), layout.slots);
    this.owner = new Int32Array(sab, ownerOffset(layout), layout.slots);
    this.meta = new Float64Array(sab, metaOffset(layout), layout.slots * META_CELLS);
    this.data = Buffer.from(sab, dataOffset(layout), layout.slots * layout.slotBytes);
    this.hex = Buffer.from(sab, hexOffset(layout), layout.slots * HEX_BYTES);
  }

  /**
   * A reader with its thread starting (or the last scan's thread, usable once it has parked), or
   * null where no thread can be started. `base` is the real port (nodeScanFs): what the scan reads
   * itself goes through it.
   */
  static start(base: ScanFs, layout: Layout = DEFAULT_LAYOUT): ReadAhead | null {
    const kept = unpark();
    if (kept !== null) {
      const fits = kept.layout.slots === layout.slots && kept.layout.slotBytes === layout.slotBytes;
      if (fits && !kept.broken) return new ReadAhead(kept, base, true);
      end(kept);
    }
    const thread = spawn(layout);
    return thread === null ? null : new ReadAhead(thread, base, false);
  }

  /** Whether the thread is up for this scan: until then the scan reads by itself rather than wait. */
  get ready(): boolean {
    if (this.closed) return false;
    if (!this.active) this.active = this.activate();
    return this.active && Atomics.load(this.control, STATE) === READY;
  }

  /**
   * A new thread is this scan's once booted. A kept one only once it has parked: it has then done
   * everything the last scan sent and sits idle, so the cells can be cleared for this scan.
   */
  private activate(): boolean {
    const state = Atomics.load(this.control, STATE);
    if (!this.reused) return state === READY;
    if (state !== PARKED) return false;
    this.doneCells.fill(0);
    this.owner.fill(0);
    Atomics.store(this.control, CONSUMED, 0);
    Atomics.store(this.control, THREAD_SLEEPS, 0);
    Atomics.store(this.control, SCAN_SLEEPS, 0);
    Atomics.store(this.control, STATE, READY);
    return true;
  }

  /** Waits up to `ms` for the thread to be up (tests and callers that want it from the start). */
  waitReady(ms: number): boolean {
    const until = performance.now() + ms;
    while (!this.ready && !this.closed) {
      const state = Atomics.load(this.control, STATE);
      if (state === FAILED) break;
      const left = until - performance.now();
      if (left <= 0) break;
      try {
        Atomics.wait(this.control, STATE, state, Math.min(left, WAIT_SLICE_MS));
      } catch {
        break; // Atomics.wait refused on this thread: the scan starts by itself.
      }
    }
    return this.ready;
  }

  /** Asks for a file to be read ahead; `maxBytes` as the scan's own read would use. */
  request(path: string, maxBytes: number): void {
    if (this.closed || !this.active) return;
    // Numbers more than a ring apart would share a slot while both are live.
    if (this.paths.length - this.head >= this.layout.slots) return;
    this.paths.push(path);
    this.limits.push(maxBytes);
    this.batch.push(path, maxBytes);
    if (this.batch.length >= BATCH * 2) this.flush();
  }

  /**
   * The file's bytes and stat if it was read ahead (throwing what the port threw, if the scan
   * read it ahead itself); null when the caller must read it itself.
   */
  take(path: string, maxBytes: number): ReadResult | null {
    if (this.closed) return null;
    const at = this.find(path);
    if (at < 0) return null;
    // Anything asked for before it and not taken is dropped; so is a file asked for with another
    // limit than the caller's now (the caller reads it itself, with its own).
    while (this.head < at) this.drop();
    if (this.limits[at] !== maxBytes) {
      this.drop();
      return null;
    }
    const stashed = this.stash.get(at);
    if (stashed !== undefined) {
      this.stash.delete(at);
      this.release();
      if ('error' in stashed) throw stashed.error;
      return stashed.result;
    }
    const byThread = this.settle(at);
    let result: ReadResult | null = null;
    const slot = at % this.layout.slots;
    const cell = slot * META_CELLS;
    const meta = this.meta;
    if (byThread && meta[cell] === 1) {
      const length = meta[cell + 1]!;
      const start = slot * this.layout.slotBytes;
      // A copy: the slot is reused, and the bytes go on to the hash and the parser.
      const bytes = Buffer.allocUnsafe(length);
      this.data.copy(bytes, 0, start, start + length);
      result = {
        stat: new AheadStat(meta[cell + 2]!, meta[cell + 3]!, meta[cell + 4]!),
        bytes,
        sha256: this.hex.toString('latin1', slot * HEX_BYTES, (slot + 1) * HEX_BYTES),
      };
    }
    if (!this.closed) this.release();
    return result;
  }

  /**
   * Ends this scan's use of the thread (kept for the next scan unless it failed); later takes
   * answer null. Safe to call more than once.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.paths = [];
    this.limits = [];
    this.batch = [];
    this.stash.clear();
    if (Atomics.exchange(this.control, STATE, CLOSED) === FAILED) this.thread.broken = true;
    Atomics.notify(this.control, CONSUMED);
    park(this.thread);
  }

  private find(path: string): number {
    // Never more than a ring is outstanding (request() sees to it).
    for (let i = this.head; i < this.paths.length; i++) if (this.paths[i] === path) return i;
    return -1;
  }

  /** Sends what was asked for so far to the thread now (it is otherwise sent in batches). */
  flush(): void {
    if (this.batch.length === 0) return;
    this.thread.worker.postMessage(this.batch);
    this.posted += this.batch.length / 2;
    this.batch = [];
  }

  /** Claims file `seq` for the scan; false when the thread has it. */
  private claim(seq: number): boolean {
    const slot = seq % this.layout.slots;
    const seen = Atomics.load(this.owner, slot);
    if (seen === seq + 1) return false;
    if (seen === -(seq + 1)) return true;
    return Atomics.compareExchange(this.owner, slot, seen, -(seq + 1)) === seen;
  }

  /** Skips the file at the head (asked for, never taken): nobody needs to read it any more. */
  private drop(): void {
    this.stash.delete(this.head);
    this.claim(this.head);
    this.release();
  }

  /**
   * Reads the next file nobody has claimed itself, to keep busy while the thread reads the one the
   * scan needs now. False when every file asked for is claimed.
   */
  private readOneMyself(): boolean {
    let seq = Math.max(this.stealFrom, this.head + 1);
    for (; seq < this.paths.length; seq++) {
      if (this.stash.has(seq) || !this.claim(seq)) continue;
      let stashed: Stashed;
      try {
        stashed = { result: this.base.readFile(this.paths[seq]!, this.limits[seq]!) };
      } catch (error) {
        stashed = { error };
      }
      this.stash.set(seq, stashed);
      this.stealFrom = seq + 1;
      return true;
    }
    this.stealFrom = seq;
    return false;
  }

  /**
   * True once the thread has read file `seq`; false when the scan must read it itself (the
   * thread had not claimed it, or the thread is gone, and then the reader is closed).
   */
  private settle(seq: number): boolean {
    if (seq >= this.posted) this.flush();
    const slot = seq % this.layout.slots;
    let waited = 0;
    for (;;) {
      const seen = Atomics.load(this.doneCells, slot);
      if (seen === seq + 1) return true;
      if (this.claim(seq)) return false;
      if (this.closed || Atomics.load(this.control, STATE) !== READY) break;
      // The thread is reading it: do some of its work meanwhile, or look again for a while
      // (a file takes microseconds, far less than a sleep and a wake-up), then sleep.
      if (this.readOneMyself() || this.spin(slot, seen)) continue;
      let slept: string;
      Atomics.store(this.control, SCAN_SLEEPS, 1);
      try {
        slept = Atomics.wait(this.doneCells, slot, seen, WAIT_SLICE_MS);
      } catch {
        break; // Atomics.wait refused on this thread: read by ourselves from now on.
      } finally {
        Atomics.store(this.control, SCAN_SLEEPS, 0);
      }
      if (slept === 'timed-out') {
        waited += WAIT_SLICE_MS;
        if (waited >= STALL_MS) break;
      }
    }
    this.thread.broken = true;
    this.close();
    return false;
  }

  /** Whether the slot changed within a short spin. */
  private spin(slot: number, seen: number): boolean {
    const until = performance.now() + SPIN_MS;
    do {
      for (let i = 0; i < 256; i++) if (Atomics.load(this.doneCells, slot) !== seen) return true;
    } while (performance.now() < until);
    return false;
  }

  private release(): void {
    this.paths[this.head] = undefined;
    this.head++;
    Atomics.store(this.control, CONSUMED, this.head);
    if (Atomics.load(this.control, THREAD_SLEEPS) === 1) Atomics.notify(this.control, CONSUMED);
  }
}

/** The scan's file port with reads served from `ahead` where it has them. */
export function withReadAhead(base: ScanFs, ahead: ReadAhead): ScanFs {
  return {
    lstat: base.lstat,
    readdir: base.readdir,
    realpath: base.realpath,
    readFile: (p, maxBytes) => ahead.take(p, maxBytes) ?? base.readFile(p, maxBytes),
    readText: (p, maxBytes) => {
      const read = ahead.take(p, maxBytes);
      return read === null ? base.readText(p, maxBytes) : asText(read);
    },
  };
}
