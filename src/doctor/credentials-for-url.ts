/**
 * The `local-credentials` input from a scan: every credential whose server URL is this one
 * (compared with scheme/host case, default port and one trailing slash ignored).
 */
import type { Context } from '../context';
import type { Credential, ScanReport } from '../model/index';
import type { ScanFn } from '../scan/types';
import type { CredentialLoader } from './types';
import { sameServerUrl } from './well-known';

/** The credentials a scan report holds for `serverUrl`. */
export function credentialsFor(report: ScanReport, serverUrl: string): Credential[] {
  return report.clients
    .flatMap((c) => c.credentials)
    .filter((c) => c.serverUrl !== null && sameServerUrl(c.serverUrl, serverUrl));
}

export function credentialLoaderFromScan(ctx: Context, scan: ScanFn): CredentialLoader {
  return async (serverUrl) => credentialsFor((await scan(ctx)).report, serverUrl);
}
