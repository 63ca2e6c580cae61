/** The credentials a report's scan holds for a server, for the doctor's local-credentials check. */
import { credentialsFor } from '../doctor/credentials-for-url';
import type { Credential, ScanReport } from '../model/index';

export function credentialsFromScan(scanned: ScanReport): (serverUrl: string) => Promise<Credential[]> {
  return (serverUrl) => Promise.resolve(credentialsFor(scanned, serverUrl));
}
