/**
 * Properties over random fake homes (fast-check): for any home and any target,
 *   - reset changes nothing outside the planned items (the whole temp home is snapshotted),
 *   - every planned file is gone and every shared file equals its old content minus exactly the
 *     removed entries (and still parses),
 *   - undo(reset(home)) equals home, byte for byte and mode for mode.
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

const mcpRemoteServer = fc.record({
  url: fc.constantFrom(...URLS),
  folder: fc.constantFrom('mcp-remote-v1', 'mcp-remote-0.1.37'),
  files: fc.subarray(['client_info.json', 'tokens.json', 'code_verifier_1.txt', 'lock.json'], {
    minLength: 1,
  }),
  content: value,
  mode,
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

const homeArb = fc.record({
  servers: fc.uniqueArray(mcpRemoteServer, { maxLength: 6, selector: (s) => `${s.folder}/${s.url}` }),
  object: sharedObject,
  array: sharedArray,
  bystanders,
});
type HomeSpec = typeof homeArb extends fc.Arbitrary<infer T> ? T : never;

const md5ish = (url: string): string => Buffer.from(url).toString('hex').slice(0, 32);

function build(spec: HomeSpec) {
  const home = makeFakeHome();
  const specs: CredSpec[] = [];
  for (const b of spec.bystanders) home.write(`${b.where}/by-${b.name}`, b.content, 0o644);
  spec.servers.forEach((s, i) => {
    const files = s.files.map((f) =>
      home.write(
        `.mcp-auth/${s.folder}/${md5ish(s.url)}_${f}`,
        f === 'lock.json' ? { pid: 999999, port: 1 } : { v: s.content, i },
        s.mode,
      ),
    );
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
  return { home, specs, objectFile, arrayFile };
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
  ];
  return fc.tuple(fc.constant(spec), targetArb(ids));
});

describe('reset and undo on random homes', () => {
  it('changes only planned items, removes exactly them, and undo restores every byte and mode', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ([spec, target]) => {
        const { home, specs, objectFile, arrayFile } = build(spec);
        const data = tempDir();
        try {
          const before = snapshotTree(home.home);
          const objectBefore = JSON.parse(fs.readFileSync(objectFile, 'utf8')) as unknown;
          const arrayBefore = JSON.parse(fs.readFileSync(arrayFile, 'utf8')) as unknown;
          const plan = await planReset(home.ctx, scanOf(specs), target);
          const result = await applyPlan(
            home.ctx,
            plan,
            { dataDir: data.dir, processes: { list: () => Promise.resolve([]), isAlive: () => false } },
            { dryRun: false },
          );
          expect(result.items.map((i) => i.status)).toEqual(plan.items.map(() => 'done'));

          const planned = new Set(plan.items.map((i) => path.relative(home.home, i.path)));
          const changed = changedPaths(before, snapshotTree(home.home));
          expect(changed.filter((p) => !planned.has(p))).toEqual([]);

          for (const item of plan.items) {
            if (item.action !== 'remove-entry') expect(fs.existsSync(item.path)).toBe(false);
          }
          const removed = (file: string, original: unknown): unknown =>
            plan.items
              .filter((i) => i.path === file)
              .map((i) => parsePointer(i.entry!))
              // highest array index first, as the plan orders them
              .reduce((doc, segments) => withoutPointer(doc, segments), original);
          expect(JSON.parse(fs.readFileSync(objectFile, 'utf8'))).toEqual(removed(objectFile, objectBefore));
          expect(JSON.parse(fs.readFileSync(arrayFile, 'utf8'))).toEqual(removed(arrayFile, arrayBefore));

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
  }, 240_000);
});
