/**
 * One timed run in a fresh process, for the scan bench's cold figures (what a single
 * `mcp-auth-doctor scan` meets: a new heap and code not yet optimised). Prints milliseconds.
 *   node --import tsx test/bench/scan-once.ts <home> scan|baseline
 */
import { scan } from '../../src/scan/index';
import { baselineSync } from './scan.bench';

const [home, what] = process.argv.slice(2);
if (home === undefined || (what !== 'scan' && what !== 'baseline')) {
  throw new Error('usage: scan-once.ts <home> scan|baseline');
}
const start = performance.now();
if (what === 'scan') {
  await scan({ home, env: { HOME: home }, platform: 'linux', now: () => new Date('2026-11-26T12:00:00Z') });
} else {
  baselineSync(home);
}
console.log((performance.now() - start).toFixed(1));
