/** Process entry of the CLI bundle: real argv, real terminal. */
import readline from 'node:readline';
import { runCli } from './main';
import type { CliIo } from './io';

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: process.stdout.isTTY,
  confirm: process.stdin.isTTY
    ? (question) =>
        new Promise((resolve) => {
          const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
          rl.question(`${question} [y/N] `, (answer) => {
            rl.close();
            resolve(/^y(es)?$/i.test(answer.trim()));
          });
        })
    : undefined,
};

runCli({ argv: process.argv.slice(2), io }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`mcp-auth-doctor: ${String(err)}\n`);
    process.exitCode = 2;
  },
);
