/** The credentials a report's scan holds for a server, for the doctor's local-credentials check. */
import { sameServerUrl } from '../doctor/well-known';
import type { Credential, ScanReport } from '../model/index';

export function credentialsFromScan(scanned: ScanReport): (serverUrl: string) => Promise<Credential[]> {
  return (serverUrl) =>
    Promise.resolve(
      scanned.clients
        .flatMap((c) => c.credentials)
        .filter((c) => c.serverUrl !== null && sameServerUrl(c.serverUrl, serverUrl)),
    );
}
