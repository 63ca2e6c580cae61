/**
 * Properties over random fake homes (fast-check): for any home and any target,
 *   - reset changes nothing outside the planned items (the whole temp home is snapshotted, and
 *     the folder outside it that some links point to),
 *   - every planned file is gone and every shared file equals its old content minus exactly the
 *     removed entries (and still parses); a VS Code state.vscdb loses exactly the providers'
 *     list elements and secret rows;
 *   - a token file that is a symbolic link (to a file outside the home or inside it) is removed
 *     as a link: its target is never touched;
 *   - an mcp-remote lock file whose process is alive is left alone (and so is its folder);
 *   - undo(reset(home)) equals home, byte for byte and mode for mode, links included.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResetTarget } from '../../../src/model/reset';
import { applyPlan, planReset, undoReset } from '../../../src/reset/index';
import { parsePointer, withoutPointer, formatPointer } from '../../../src/reset/json-pointer';
import { makeFakeHome } from '../../helpers/fake-home';
import { changedPaths, scanOf, snapshotTree, tempDir, type CredSpec } from './helpers/reset-fixtures';
import { buildVscdb, readVscdb, type Provider } from './helpers/vscdb-fixture';

const URLS = ['https://eu.example.com/mcp', 'https://us.example.com/mcp', 'http://localhost:3000/mcp'];
/** The same server as users type it: trailing slash, upper-case scheme and host. */
const spellings = (url: string): fc.Arbitrary<string> =>
  fc.constantFrom(
    url,
    `${url}/`,
    url.replace(/^(\w+:\/\/[^/]+)/, (m) => m.toUpperCase()),
  );

const mode = fc.constantFrom(0o600, 0o644, 0o640, 0o400);
const text = fc.string({ minLength: 0, maxLength: 40 });
const value = fc.oneof(
  text,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(fc.string({ maxLength: 6 }), text, { maxKeys: 3 }),
);

/** The pid of a "running" mcp-remote: alive for the process port the reset is given. */
const LIVE_PID = 4242;
const DEAD_PID = 999999;

const mcpRemoteServer = fc.record({
  url: fc.constantFrom(...URLS),
  folder: fc.constantFrom('mcp-remote-v1', 'mcp-remote-0.1.37'),
  files: fc.subarray(['client_info.json', 'tokens.json', 'code_verifier_1.txt', 'lock.json'], {
    minLength: 1,
  }),
  content: value,
  mode,
  lockPid: fc.constantFrom(DEAD_PID, LIVE_PID),
  /** The tokens file is a symbolic link (to a file outside the home, or inside it). */
  tokensLink: fc.constantFrom(null, 'outside', 'inside'),
});
const entryKey = fc.stringMatching(/^[a-z/~|.: -]{1,12}$/);
const sharedObject = fc.record({
  indent: fc.constantFrom(0, 2, 4, '\t'),
  entries: fc.uniqueArray(fc.record({ key: entryKey, url: fc.constantFrom(...URLS), value }), {
    maxLength: 5,
    selector: (e) => e.key,
  }),
  login: value,
  mode,
});
const sharedArray = fc.record({
  indent: fc.constantFrom(0, 2),
  entries: fc.array(fc.record({ url: fc.constantFrom(...URLS), value }), { maxLength: 5 }),
  mode,
});
const bystanders = fc.array(
  fc.record({
    where: fc.constantFrom('.mcp-auth/mcp-remote-v1', '.claude', '.gemini', '.config', 'Documents'),
    name: fc.stringMatching(/^[a-z]{1,8}\.(json|txt)$/),
    content: text,
  }),
  { maxLength: 5 },
);

const vscdb = fc.record({
  providers: fc.uniqueArray(fc.record({ url: fc.constantFrom(...URLS), withResource: fc.boolean() }), {
    maxLength: 3,
    selector: (p) => `${p.url} ${p.withResource}`,
  }),
  mode,
});

const homeArb = fc.record({
  servers: fc.uniqueArray(mcpRemoteServer, { maxLength: 6, selector: (s) => `${s.folder}/${s.url}` }),
  object: sharedObject,
  array: sharedArray,
  vscdb,
  bystanders,
});
type HomeSpec = typeof homeArb extends fc.Arbitrary<infer T> ? T : never;

const md5ish = (url: string): string => Buffer.from(url).toString('hex').slice(0, 32);

const authServer = (url: string): string => `${new URL(url).origin}/`;

function providersOf(spec: HomeSpec): Provider[] {
  return spec.vscdb.providers.map((p, i) => ({
    providerId: p.withResource ? `${authServer(p.url)} ${p.url}` : authServer(p.url),
    label: `provider ${i}`,
    authorizationServer: authServer(p.url),
    clientId: `vscode-client-${i}`,
  }));
}

async function build(spec: HomeSpec, outsideTarget: string) {
  const home = makeFakeHome();
  const specs: CredSpec[] = [];
  for (const b of spec.bystanders) home.write(`${b.where}/by-${b.name}`, b.content, 0o644);
  const insideTarget = home.write('Documents/link-target.json', '{"mine":true}', 0o600);
  const liveLocks: string[] = [];
  spec.servers.forEach((s, i) => {
    const files = s.files.map((f) => {
      const rel = `.mcp-auth/${s.folder}/${md5ish(s.url)}_${f}`;
      if (f === 'tokens.json' && s.tokensLink !== null) {
        return home.symlink(s.tokensLink === 'outside' ? outsideTarget : insideTarget, rel);
      }
      const file = home.write(
        rel,
        f === 'lock.json' ? { pid: s.lockPid, port: 1 } : { v: s.content, i },
        s.mode,
      );
      if (f === 'lock.json' && s.lockPid === LIVE_PID) liveLocks.push(file);
      return file;
    });
    specs.push({
      id: `mr-${i}`,
      client: 'mcp-remote',
      serverUrl: s.url,
      files,
      roots: [home.p('.mcp-auth')],
    });
  });
  const object = {
    claudeAiOauth: spec.object.login,
    mcpOAuth: Object.fromEntries(spec.object.entries.map((e) => [e.key, { serverUrl: e.url, v: e.value }])),
  };
  const objectFile = home.write(
    '.claude/.credentials.json',
    JSON.stringify(object, null, spec.object.indent),
    spec.object.mode,
  );
  spec.object.entries.forEach((e, i) => {
    specs.push({
      id: `cc-${i}`,
      client: 'claude-code',
      serverUrl: e.url,
      shared: { file: objectFile, pointer: formatPointer(['mcpOAuth', e.key]) },
      roots: [home.p('.claude')],
    });
  });
  const array = spec.array.entries.map((e) => ({ mcpServerUrl: e.url, token: e.value }));
  const arrayFile = home.write(
    '.gemini/mcp-oauth-tokens.json',
    JSON.stringify(array, null, spec.array.indent),
    spec.array.mode,
  );
  spec.array.entries.forEach((e, i) => {
    specs.push({
      id: `gm-${i}`,
      client: 'gemini-cli',
      serverUrl: e.url,
      shared: { file: arrayFile, pointer: `/${i}` },
      roots: [home.p('.gemini')],
    });
  });
  const providers = providersOf(spec);
  const dbFile = home.write(
    '.config/Code/User/globalStorage/state.vscdb',
    await buildVscdb(providers, (p) => `encrypted-${p.clientId}`),
    spec.vscdb.mode,
  );
  spec.vscdb.providers.forEach((p, i) => {
    const provider = providers[i]!;
    specs.push({
      id: `vs-${i}`,
      client: 'vscode',
      serverUrl: p.withResource ? p.url : null,
      shared: {
        file: dbFile,
        pointer: `/dynamicAuthProviders/${i}`,
        format: 'vscdb',
        keys: [
          `secret://dynamicAuthProvider:clientRegistration:${provider.providerId}`,
          `secret://${JSON.stringify({ isDynamicAuthProvider: true, authProviderId: provider.providerId, clientId: provider.clientId })}`,
        ],
      },
      roots: [home.p('.config/Code/User/globalStorage')],
    });
  });
  return { home, specs, objectFile, arrayFile, dbFile, liveLocks };
}

const targetArb = (ids: string[]): fc.Arbitrary<ResetTarget> =>
  fc.oneof(
    fc.constant<ResetTarget>({ kind: 'all' }),
    fc
      .subarray(URLS, { minLength: 1 })
      .chain((urls) =>
        fc.tuple(...urls.map(spellings)).map((u): ResetTarget => ({ kind: 'server', urls: u })),
      ),
    fc.constantFrom<ResetTarget>(
      { kind: 'client', ids: ['mcp-remote'] },
      { kind: 'client', ids: ['claude-code', 'gemini-cli'] },
      { kind: 'client', ids: ['vscode'] },
    ),
    ids.length > 0
      ? fc.subarray(ids, { minLength: 1 }).map((c): ResetTarget => ({ kind: 'credential', ids: c }))
      : fc.constant<ResetTarget>({ kind: 'all' }),
  );

const caseArb = homeArb.chain((spec) => {
  const ids = [
    ...spec.servers.map((_, i) => `mr-${i}`),
    ...spec.object.entries.map((_, i) => `cc-${i}`),
    ...spec.array.entries.map((_, i) => `gm-${i}`),
    ...spec.vscdb.providers.map((_, i) => `vs-${i}`),
  ];
  return fc.tuple(fc.constant(spec), targetArb(ids));
});

/** Secret rows and list elements of the providers a plan removes from state.vscdb. */
async function vscdbWithout(bytes: Buffer, providerIds: Set<string>): Promise<Map<string, string>> {
  const rows = await readVscdb(bytes);
  const out = new Map<string, string>();
  for (const [key, value] of rows) {
    if (key === 'dynamicAuthProviders') {
      const left = (JSON.parse(value) as Provider[]).filter((p) => !providerIds.has(p.providerId));
      out.set(key, JSON.stringify(left));
      continue;
    }
    const registration = key.replace(/^secret:\/\/dynamicAuthProvider:clientRegistration:/, '');
    let session: string | null = null;
    try {
      session =
        (JSON.parse(key.replace(/^secret:\/\//, '')) as { authProviderId?: string }).authProviderId ?? null;
    } catch {
      // not a session row
    }
    if (
      (registration !== key && providerIds.has(registration)) ||
      (session !== null && providerIds.has(session))
    )
      continue;
    out.set(key, value);
  }
  return out;
}

describe('reset and undo on random homes', () => {
  it('changes only planned items, removes exactly them, and undo restores every byte and mode', async () => {
    const outside = tempDir('mad-outside-');
    const outsideTarget = path.join(outside.dir, 'someone-elses.json');
    fs.writeFileSync(outsideTarget, '{"not":"a client file"}', { mode: 0o644 });
    const outsideBefore = snapshotTree(outside.dir);
    try {
      await fc.assert(
        fc.asyncProperty(caseArb, async ([spec, target]) => {
          const { home, specs, objectFile, arrayFile, dbFile, liveLocks } = await build(spec, outsideTarget);
          const data = tempDir();
          try {
            const before = snapshotTree(home.home);
            const objectBefore = JSON.parse(fs.readFileSync(objectFile, 'utf8')) as unknown;
            const arrayBefore = JSON.parse(fs.readFileSync(arrayFile, 'utf8')) as unknown;
            const dbBefore = fs.readFileSync(dbFile);
            const plan = await planReset(home.ctx, scanOf(specs), target);
            const result = await applyPlan(
              home.ctx,
              plan,
              {
                dataDir: data.dir,
                processes: { list: () => Promise.resolve([]), isAlive: (pid) => pid === LIVE_PID },
              },
              { dryRun: false },
            );
            // A live lock is left alone, and with it the folder it is in.
            const kept = new Set(liveLocks);
            const expected = plan.items.map((i) =>
              kept.has(i.path) ||
              (i.action === 'delete-dir' && liveLocks.some((l) => path.dirname(l) === i.path))
                ? 'skipped'
                : 'done',
            );
            expect(result.items.map((i) => i.status)).toEqual(expected);
            for (const item of result.items.filter((i) => kept.has(i.path))) {
              expect(item.reason).toMatch(/held by a running mcp-remote \(pid 4242\); left alone/);
            }

            const planned = new Set(plan.items.map((i) => path.relative(home.home, i.path)));
            const changed = changedPaths(before, snapshotTree(home.home));
            expect(changed.filter((p) => !planned.has(p))).toEqual([]);
            expect(changedPaths(outsideBefore, snapshotTree(outside.dir))).toEqual([]);

            plan.items.forEach((item, n) => {
              if (item.action === 'remove-entry') return;
              // lstat: a link is gone as a link (its target is checked above, untouched)
              const there = fs.lstatSync(item.path, { throwIfNoEntry: false }) !== undefined;
              expect(there, item.path).toBe(expected[n] === 'skipped');
            });
            const removed = (file: string, original: unknown): unknown =>
              plan.items
                .filter((i) => i.path === file)
                .map((i) => parsePointer(i.entry!))
                // highest array index first, as the plan orders them
                .reduce((doc, segments) => withoutPointer(doc, segments), original);
            expect(JSON.parse(fs.readFileSync(objectFile, 'utf8'))).toEqual(
              removed(objectFile, objectBefore),
            );
            expect(JSON.parse(fs.readFileSync(arrayFile, 'utf8'))).toEqual(removed(arrayFile, arrayBefore));
            const providers = providersOf(spec);
            const gone = new Set(
              plan.items
                .filter((i) => i.path === dbFile)
                .map((i) => providers[Number(parsePointer(i.entry!)[1])]!.providerId),
            );
            expect(await readVscdb(fs.readFileSync(dbFile))).toEqual(await vscdbWithout(dbBefore, gone));

            if (result.backupId !== null) {
              const undone = await undoReset(home.ctx, { dataDir: data.dir }, { backupId: result.backupId });
              expect(undone.items.every((i) => i.status === 'restored')).toBe(true);
            }
            expect(changedPaths(before, snapshotTree(home.home))).toEqual([]);
          } finally {
            home.cleanup();
            data.cleanup();
          }
        }),
        { numRuns: Number(process.env.RESET_PROPERTY_RUNS ?? 40) },
      );
    } finally {
      outside.cleanup();
    }
  }, 240_000);
});
