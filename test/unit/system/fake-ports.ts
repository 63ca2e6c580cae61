/** SystemPorts that answer like a given OS, and record every command the checks ran. */
import type { CommandResult, SystemPorts } from '../../../src/system/ports';
import type { ProcessInfo } from '../../../src/system/process-port';
import type { ClientDeclaration } from '../../../src/clients/types';

export interface FakeMachine {
  /** Commands on PATH: name → absolute path. */
  onPath?: Record<string, string>;
  /** Answers keyed by `command arg arg…`; missing keys mean "exit 1, no output". */
  answers?: Record<string, Partial<CommandResult>>;
  files?: Record<string, string>;
  processes?: ProcessInfo[] | Error;
  clients?: readonly ClientDeclaration[];
}

export interface FakePorts extends SystemPorts {
  ran: string[];
}

export function fakePorts(machine: FakeMachine): FakePorts {
  const ran: string[] = [];
  const onPath = machine.onPath ?? {};
  return {
    ran,
    which: (cmd) => Promise.resolve(onPath[cmd] ?? null),
    run: (cmd, args) => {
      const key = [cmd, ...args].join(' ');
      ran.push(key);
      if (!(cmd in onPath)) return Promise.resolve({ code: null, stdout: '', stderr: `${cmd}: not found` });
      const answer = machine.answers?.[key];
      return Promise.resolve({ code: 1, stdout: '', stderr: '', ...answer });
    },
    readFile: (p) => Promise.resolve(machine.files?.[p] ?? null),
    fileExists: (p) => Promise.resolve(machine.files?.[p] !== undefined),
    ...(machine.processes !== undefined
      ? {
          processes: {
            list: () =>
              machine.processes instanceof Error
                ? Promise.reject(machine.processes)
                : Promise.resolve(machine.processes ?? []),
            isAlive: () => false,
          },
        }
      : {}),
    ...(machine.clients !== undefined ? { clients: machine.clients } : {}),
  };
}

/** A declaration with just what process matching reads. */
export function declaration(
  id: ClientDeclaration['id'],
  processNames: ClientDeclaration['processNames'],
): ClientDeclaration {
  return {
    id,
    label: id,
    roots: [],
    files: [],
    processNames,
    rewritesWhileRunning: true,
    nativeRemote: true,
    customPorts: true,
  };
}
