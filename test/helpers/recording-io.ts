/** A CLI io that keeps what a command writes, for tests that run commands in process. */
import type { CliIo } from '../../src/cli/io';

export function recordingIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTty: false,
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}
