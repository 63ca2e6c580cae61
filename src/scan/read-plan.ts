/**
 * How one scan reads its files: by itself, or with a read-ahead thread once the home turns out to
 * be big (read-ahead.ts). The engine hands walk items through `Lookahead`, which keeps a window
 * of items between "asked to be read" and "handled", in the walk's order.
 */
import { nodeScanFs, type ScanFs } from './fs-port';
import { ReadAhead, withReadAhead } from './read-ahead';
import type { ScanOptions } from './types';

/** Files a scan reads by itself before it starts a thread: most homes never reach it. */
const AUTO_AFTER = 256;
/** How long `always` waits for the thread before the first file. */
const START_WAIT_MS = 5_000;
/** Items asked for ahead of the one being handled (below the thread's 2,048 slots). */
const WINDOW = 1536;

export class ReadPlan {
  private readonly base: ScanFs;
  private readonly mode: NonNullable<ScanOptions['readAhead']>;
  private reader: ReadAhead | null = null;
  private served: ScanFs;
  private met = 0;

  constructor(options: ScanOptions) {
    this.base = options.fs ?? nodeScanFs;
    this.served = this.base;
    // An injected port is what the caller wants read through; the thread reads the real disk.
    this.mode = options.fs !== undefined ? 'never' : (options.readAhead ?? 'auto');
    if (this.mode === 'always') this.start()?.waitReady(START_WAIT_MS);
  }

  /** The port to read through: reads served from the thread where it has them. */
  get fs(): ScanFs {
    return this.served;
  }

  /** Whether files can be asked for ahead now. */
  get ahead(): boolean {
    return this.reader !== null && this.reader.ready;
  }

  /** Counts a file the walk met; past the threshold, starts the thread (it boots meanwhile). */
  meet(): void {
    if (++this.met === AUTO_AFTER && this.mode === 'auto') this.start();
  }

  request(path: string, maxBytes: number): void {
    this.reader?.request(path, maxBytes);
  }

  close(): void {
    this.reader?.close();
    this.reader = null;
    this.served = this.base;
  }

  private start(): ReadAhead | null {
    if (this.reader !== null) return this.reader;
    this.reader = ReadAhead.start(this.base);
    if (this.reader !== null) this.served = withReadAhead(this.base, this.reader);
    return this.reader;
  }
}

/** A first-in, first-out window of items; `push` answers the item that falls out, if any. */
export class Lookahead<T> {
  private items: (T | undefined)[] = [];
  private first = 0;

  get size(): number {
    return this.items.length - this.first;
  }

  /** Adds an item; when more than the window is held, the oldest comes back to be handled. */
  push(item: T): T | undefined {
    this.items.push(item);
    return this.size > WINDOW ? this.shift() : undefined;
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.first];
    this.items[this.first++] = undefined;
    // Handled items are dropped from the front now and then, so the list stays about a window long.
    if (this.first === this.items.length || this.first >= 4 * WINDOW) {
      this.items = this.items.slice(this.first);
      this.first = 0;
    }
    return item;
  }
}
