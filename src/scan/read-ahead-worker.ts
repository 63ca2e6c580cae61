/**
 * The read-ahead thread's program and the layout of the memory it shares with the scan.
 *
 * It is plain CommonJS kept as text and started with `eval`: the CLI bundle, the Electron main
 * process and the tests all run it the same way, with no file to locate on disk and no loader.
 * It does only the happy path of the scanner's own read (fs-port.ts): open with the same flags
 * (O_NOFOLLOW), fstat that descriptor, and read a regular file within its limit. Anything else
 * (an error, a link, no regular file, too big for a slot) is answered "read it yourself", and the
 * scan then reads that file on its own thread, so every unusual case has exactly the outcome and
 * message of the one-thread scan.
 *
 * Files are numbered in the order the scan asked for them, and each is read by whoever claims it
 * first (a compare-and-swap on its slot's owner cell): the thread claims them in order; the scan
 * claims the one it needs next when the thread has not got to it, and, rather than wait while
 * the thread reads, the next ones nobody has claimed. Neither waits long, and both threads read.
 */

/** Int32 cells of the control block. */
export const STATE = 0;
/** Every number below it has been handed over (its slot is free again). */
export const CONSUMED = 1;
/**
 * Set by a side just before it sleeps (on CONSUMED, or on a slot): the other wakes it only then,
 * as a wake-up per file would cost more than the read.
 */
export const THREAD_SLEEPS = 2;
export const SCAN_SLEEPS = 3;
/**
 * Values of STATE. The thread reads only while READY. A scan that ends stores CLOSED and sends
 * the park message; the thread, once it has done everything sent before, wipes what it read and
 * stores PARKED. Only a PARKED thread is taken by the next scan, which clears the cells and
 * stores READY itself: so no cell of one scan is ever read as another's.
 */
export const BOOTING = 0;
export const READY = 1;
export const FAILED = 2;
export const CLOSED = 3;
export const PARKED = 4;

export const CONTROL_BYTES = 64;
/** Float64 cells per slot: status (1 read, 0 read it yourself), length read, size, mtimeMs, mode. */
export const META_CELLS = 5;

export interface Layout {
  slots: number;
  slotBytes: number;
}

/** Per slot, an Int32 holding (number of the file in it) + 1 once the thread has read it. */
export const doneOffset = (_l: Layout): number => CONTROL_BYTES;
/** Per slot, an Int32: (number + 1) when the thread claimed that file, -(number + 1) the scan. */
export const ownerOffset = (l: Layout): number => CONTROL_BYTES + l.slots * 4;
export const metaOffset = (l: Layout): number => CONTROL_BYTES + l.slots * 8;
/** Per slot, the sha256 of the bytes read, as 64 hex digits: the scan hashes every file it reads. */
export const HEX_BYTES = 64;
export const hexOffset = (l: Layout): number => metaOffset(l) + l.slots * META_CELLS * 8;
export const dataOffset = (l: Layout): number => hexOffset(l) + l.slots * HEX_BYTES;
export const sharedBytes = (l: Layout): number => dataOffset(l) + l.slots * l.slotBytes;

export const READ_AHEAD_WORKER_SOURCE = `'use strict';
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { hash } = require('node:crypto');
const { sab, slots, slotBytes, flags, noFollow, ownerAt, metaAt, hexAt, dataAt } = workerData;
const control = new Int32Array(sab, 0, ${CONTROL_BYTES / 4});
const done = new Int32Array(sab, ${CONTROL_BYTES}, slots);
const owner = new Int32Array(sab, ownerAt, slots);
const meta = new Float64Array(sab, metaAt, slots * ${META_CELLS});
const data = Buffer.from(sab, dataAt, slots * slotBytes);
const hex = Buffer.from(sab, hexAt, slots * ${HEX_BYTES});
const paths = [];
const limits = [];
let cursor = 0;

function readInto(path, maxBytes, slot) {
  if (!noFollow && !fs.lstatSync(path).isFile()) return -1;
  const fd = fs.openSync(path, flags);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes || stat.size > slotBytes) return -1;
    const base = slot * slotBytes;
    let filled = 0;
    while (filled < stat.size) {
      const n = fs.readSync(fd, data, base + filled, stat.size - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    hex.write(hash('sha256', data.subarray(base, base + filled), 'hex'), slot * ${HEX_BYTES}, 'latin1');
    meta[slot * ${META_CELLS} + 2] = stat.size;
    meta[slot * ${META_CELLS} + 3] = stat.mtimeMs;
    meta[slot * ${META_CELLS} + 4] = stat.mode;
    return filled;
  } finally {
    fs.closeSync(fd);
  }
}

/** The next number this thread claims; -1 when there is none (yet) or the scan closed. */
function claim() {
  for (;;) {
    if (Atomics.load(control, ${STATE}) !== ${READY}) return -1;
    if (cursor >= paths.length) return -1;
    const consumed = Atomics.load(control, ${CONSUMED});
    // The scan never asks for more than a ring ahead of what it has handed over; this guard only
    // keeps a slot from being overwritten should that ever change.
    if (cursor - consumed >= slots) {
      Atomics.store(control, ${THREAD_SLEEPS}, 1);
      if (Atomics.load(control, ${CONSUMED}) === consumed) Atomics.wait(control, ${CONSUMED}, consumed, 100);
      Atomics.store(control, ${THREAD_SLEEPS}, 0);
      continue;
    }
    const seq = cursor++;
    const slot = seq % slots;
    const seen = Atomics.load(owner, slot);
    // The scan has it: skip. Otherwise the cell holds an older number, and the swap decides.
    if (seen !== -(seq + 1) && Atomics.compareExchange(owner, slot, seen, seq + 1) === seen) return seq;
    paths[seq] = undefined;
  }
}

parentPort.on('message', (batch) => {
  if (!Array.isArray(batch)) {
    // The park message: the scan has ended, and everything it sent before this has been done or
    // dropped (claims stop unless READY). Nothing of its files stays while the thread idles.
    const used = Math.min(cursor, slots);
    data.fill(0, 0, used * slotBytes);
    hex.fill(0, 0, used * ${HEX_BYTES});
    paths.length = 0;
    limits.length = 0;
    cursor = 0;
    if (Atomics.compareExchange(control, ${STATE}, ${CLOSED}, ${PARKED}) === ${CLOSED}) {
      Atomics.notify(control, ${STATE});
    }
    return;
  }
  try {
    for (let i = 0; i < batch.length; i += 2) {
      paths.push(batch[i]);
      limits.push(batch[i + 1]);
    }
    for (let seq = claim(); seq >= 0; seq = claim()) {
      const slot = seq % slots;
      let length = -1;
      try {
        length = readInto(paths[seq], limits[seq], slot);
      } catch {
        length = -1;
      }
      paths[seq] = undefined;
      meta[slot * ${META_CELLS}] = length >= 0 ? 1 : 0;
      meta[slot * ${META_CELLS} + 1] = length;
      Atomics.store(done, slot, seq + 1);
      if (Atomics.load(control, ${SCAN_SLEEPS}) === 1) Atomics.notify(done, slot);
    }
  } catch {
    Atomics.store(control, ${STATE}, ${FAILED});
    Atomics.notify(done, 0);
  }
});
Atomics.compareExchange(control, ${STATE}, ${BOOTING}, ${READY});
Atomics.notify(control, ${STATE});
`;
