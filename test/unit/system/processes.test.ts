import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createProcessPort, isAlive, realProcessPort } from '../../../src/system/processes';

describe('isAlive', () => {
  it('is true for this very process', () => {
    expect(isAlive(process.pid)).toBe(true);
  });

  it('is false for a process that has exited', () => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const pid = Number(child.stdout);
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('never treats 0, negative or non-integer pids as a live owner (they address process groups)', () => {
    for (const pid of [0, -1, -process.pid, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(isAlive(pid)).toBe(false);
    }
  });
});

describe('createProcessPort', () => {
  it('keeps pid, name and a non-empty command line, and drops everything else', async () => {
    const port = createProcessPort(() =>
      Promise.resolve([
        { pid: 10, name: 'Code.exe' },
        { pid: 11, name: 'node', cmd: 'node /opt/bin/mcp-remote https://x.example/mcp', ppid: 1 } as never,
        { pid: 12, name: 'Claude', cmd: '' },
      ]),
    );
    expect(await port.list()).toEqual([
      { pid: 10, name: 'Code.exe' },
      { pid: 11, name: 'node', cmd: 'node /opt/bin/mcp-remote https://x.example/mcp' },
      { pid: 12, name: 'Claude' },
    ]);
  });

  it('passes a lister failure on to the caller', async () => {
    const port = createProcessPort(() => Promise.reject(new Error('ps: not found')));
    await expect(port.list()).rejects.toThrow('ps: not found');
  });
});

describe('realProcessPort (ps-list on this machine)', () => {
  it('lists this test process with its command line', async () => {
    const list = await realProcessPort.list();
    const me = list.find((p) => p.pid === process.pid);
    expect(me).toBeDefined();
    expect(me!.name.length).toBeGreaterThan(0);
    expect(me!.cmd ?? '').toContain('node');
  });
});
