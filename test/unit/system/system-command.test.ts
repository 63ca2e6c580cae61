import { describe, expect, it } from 'vitest';
import { createSystemCommand } from '../../../src/cli/commands/system';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import type { Context } from '../../../src/context';
import { SYSTEM_SCHEMA } from '../../../src/model/index';
import { declaration, fakePorts, type FakeMachine } from './fake-ports';

function recorder(isTty = false): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTty,
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

const ctx = (env: Record<string, string>): Context => ({
  home: '/home/alice',
  env,
  platform: 'linux',
  now: () => new Date('2026-11-26T12:00:00Z'),
});

async function run(machine: FakeMachine, env: Record<string, string>, json: boolean, isTty = false) {
  const io = recorder(isTty);
  const command = createSystemCommand({ ports: () => fakePorts(machine) });
  const code = await command.run({ args: [], ctx: ctx(env), io, json, dataDir: '/nonexistent' });
  return { code, io };
}

const healthy: FakeMachine = {
  onPath: { 'xdg-open': '/usr/bin/xdg-open' },
  processes: [{ pid: 3, name: 'cursor' }],
  clients: [declaration('cursor', { all: ['cursor'] })],
};

describe('system command', () => {
  it('--json prints exactly one system@1 document and exits 0 when nothing is wrong', async () => {
    const { code, io } = await run(healthy, { DISPLAY: ':0', BROWSER: 'firefox' }, true);
    expect(code).toBe(0);
    const doc = JSON.parse(io.out) as Record<string, unknown>;
    expect(doc).toMatchObject({
      schema: SYSTEM_SCHEMA,
      browserOpener: { status: 'ok' },
      runningClients: ['cursor'],
    });
    expect(Object.keys(doc)).toEqual(
      expect.arrayContaining(['browserOpener', 'runningClients', 'proxy', 'findings']),
    );
    expect(io.err).toBe('');
  });

  it('exits 1 with the fix when the opener is missing', async () => {
    const { code, io } = await run({ ...healthy, onPath: {} }, { DISPLAY: ':0' }, false);
    expect(code).toBe(1);
    expect(io.out).toContain('Browser opener: missing');
    expect(io.out).toContain('xdg-utils');
    expect(io.out.match(/Fix: Install xdg-utils/g)).toHaveLength(1);
    expect(io.out).toContain('1 problem found.');
  });

  it('exits 0 on info-only findings (no display) and reports them', async () => {
    const { code, io } = await run(healthy, {}, false);
    expect(code).toBe(0);
    expect(io.out).toContain('Browser opener: unknown');
    expect(io.out).toContain('DISPLAY');
    expect(io.out).toContain('No problems found.');
  });

  it('colours only on a terminal without NO_COLOR', async () => {
    const coloured = await run(healthy, { DISPLAY: ':0', BROWSER: 'x' }, false, true);
    expect(coloured.io.out).toContain('\u001b[');
    const plain = await run(healthy, { DISPLAY: ':0', BROWSER: 'x', NO_COLOR: '1' }, false, true);
    expect(plain.io.out).not.toContain('\u001b[');
  });

  it('says running clients are unknown when the process list fails', async () => {
    const { io } = await run({ ...healthy, processes: new Error('ps: not found') }, { DISPLAY: ':0' }, false);
    expect(io.out).toContain('Running clients: unknown (could not list processes: ps: not found)');
  });

  it('rejects unknown arguments with exit 2', async () => {
    const io = recorder();
    const code = await runCli({ argv: ['system', '--bogus'], io, baseContext: ctx({}) });
    expect(code).toBe(2);
    expect(io.err).toContain("unknown argument '--bogus'");
    const io2 = recorder();
    expect(
      await runCli({ argv: ['system', '--open-test-page', '--wait', 'soon'], io: io2, baseContext: ctx({}) }),
    ).toBe(2);
  });
});
