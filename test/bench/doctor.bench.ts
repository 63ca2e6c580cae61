/**
 * Doctor bench: with 200 ms of latency injected on every endpoint of a loopback server, how long
 * does a full doctor run take compared with the slowest single chain of dependent requests
 * (challenge → resource metadata → authorization server metadata → authorization endpoint → its
 * login redirect), sent one after another? Target: ≤ 1.3×, i.e. the checks really overlap.
 * For contrast, the same run with every request forced to wait for the previous one.
 */
import { runDoctor } from '../../src/doctor/index';
import { nodeHttpPort } from '../../src/doctor/http-node';
import type { HttpPort, HttpRequest } from '../../src/doctor/types';
import { startMisconfiguredServer } from '../helpers/doctor-servers';
import { makeFakeHome } from '../helpers/fake-home';

const LATENCY_MS = 200;
const RUNS = 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** The longest dependent chain, request by request, exactly as a client (and the doctor) would send it. */
async function slowestChain(mcpUrl: string): Promise<{ ms: number; steps: string[] }> {
  const send = (
    method: HttpRequest['method'],
    url: string,
    headers: Record<string, string> = {},
    body?: string,
  ) =>
    nodeHttpPort({
      method,
      url,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  const steps: string[] = [];
  const { ms } = await timed(async () => {
    const challenge = await send(
      'POST',
      mcpUrl,
      { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}',
    );
    const prmUrl = /resource_metadata="([^"]+)"/.exec(challenge.headers['www-authenticate'] ?? '')![1]!;
    steps.push(`POST ${mcpUrl} → ${challenge.status}`);
    const prm = JSON.parse((await send('GET', prmUrl)).body) as { authorization_servers: string[] };
    steps.push(`GET ${prmUrl}`);
    const issuer = new URL(prm.authorization_servers[0]!);
    const asUrl = `${issuer.origin}/.well-known/oauth-authorization-server${issuer.pathname.replace(/\/$/, '')}`;
    const as = JSON.parse((await send('GET', asUrl)).body) as { authorization_endpoint: string };
    steps.push(`GET ${asUrl}`);
    const authorize = await send('GET', `${as.authorization_endpoint}?response_type=code&client_id=x`);
    steps.push(`GET ${as.authorization_endpoint} → ${authorize.status}`);
    const login = new URL(authorize.headers.location!, as.authorization_endpoint).href;
    await send('GET', login);
    steps.push(`GET ${login}`);
  });
  return { ms, steps };
}

/** One request at a time: what the run would cost without any overlap. */
function serialised(port: HttpPort): HttpPort {
  let queue: Promise<unknown> = Promise.resolve();
  return (req) => {
    const next = queue.then(() => port(req));
    queue = next.catch(() => undefined);
    return next;
  };
}

export default async function doctorBench(): Promise<void> {
  const server = await startMisconfiguredServer({ latencyMs: LATENCY_MS });
  const { ctx, cleanup } = makeFakeHome();
  try {
    // Warm-up (module loading, first connections) is not measured.
    await runDoctor(ctx, server.url, { timeoutMs: 5000 });

    const chains: number[] = [];
    let steps: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const c = await slowestChain(server.url);
      chains.push(c.ms);
      steps = c.steps;
    }
    const doctorRuns: number[] = [];
    let requests = 0;
    let failed = 0;
    for (let i = 0; i < RUNS; i++) {
      const before = server.requests.length;
      const { ms, value } = await timed(() => runDoctor(ctx, server.url, { timeoutMs: 5000 }));
      doctorRuns.push(ms);
      requests = server.requests.length - before;
      failed = value.checks.filter((c) => c.status !== 'pass' && c.status !== 'skip').length;
    }
    const { ms: serialMs } = await timed(() =>
      runDoctor(
        ctx,
        server.url,
        { timeoutMs: 60_000, deadlineMs: 120_000 },
        { http: serialised(nodeHttpPort) },
      ),
    );

    const chain = median(chains);
    const doctor = median(doctorRuns);
    console.log(`latency injected per request: ${LATENCY_MS} ms; runs: ${RUNS} (median shown)`);
    console.log(
      `slowest dependent chain (${steps.length} requests, sent one after another): ${chain.toFixed(0)} ms`,
    );
    for (const s of steps) console.log(`  ${s}`);
    console.log(
      `doctor, all checks (${requests} requests, ${failed} non-passing checks): ${doctor.toFixed(0)} ms`,
    );
    console.log(`doctor with every request serialised: ${serialMs.toFixed(0)} ms`);
    console.log(`ratio doctor / slowest chain: ${(doctor / chain).toFixed(2)}x (target <= 1.30x)`);
    console.log(`ratio serialised / doctor: ${(serialMs / doctor).toFixed(1)}x (what the overlap saves)`);
  } finally {
    await server.close();
    cleanup();
  }
}
