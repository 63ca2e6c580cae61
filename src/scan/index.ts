/** `scan(ctx, options)`: every client in the registry, as a ScanReport plus the records reset needs. */
import { CLIENTS } from '../clients/registry';
import { runScan } from './engine';
import { publish } from './publish';
import type { ScanFn } from './types';

export type {
  ScanFn,
  ScanOptions,
  ScanResult,
  ScannedCredential,
  ScannedFile,
  SharedFormat,
  ScanFs,
} from './types';
export { runScan } from './engine';

export const scan: ScanFn = async (ctx, options = {}) => publish(await runScan(ctx, options, CLIENTS));
