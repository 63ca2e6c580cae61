/**
 * The last step before a scan's report leaves the core: secrets inside URLs masked in every
 * public URL (servers, credentials; finding messages are written with masked URLs already), the
 * raw URL kept in the internal record for matching, and a malformed file that a client wrote for
 * one sign-in given the button that removes just that file.
 */
import type { ScanReport } from '../model/scan';
import { removeBrokenFileAction, shownUrl } from './findings';
import type { ScanResult } from './types';

export function publish(result: ScanResult): ScanResult {
  const { report, credentials } = result;
  for (const scanned of credentials.values()) {
    const c = scanned.credential;
    if (c.serverUrl !== null) {
      const shown = shownUrl(c.serverUrl);
      if (shown !== c.serverUrl) {
        scanned.rawServerUrl = c.serverUrl;
        c.serverUrl = shown;
      }
    }
    if (c.issuer !== null) c.issuer = shownUrl(c.issuer);
  }
  for (const client of report.clients) {
    for (const server of client.servers) if (server.url !== null) server.url = shownUrl(server.url);
  }
  addBrokenFileActions(result, configPaths(report));
  return result;
}

function configPaths(report: ScanReport): Set<string> {
  const out = new Set<string>();
  for (const client of report.clients) {
    for (const p of client.paths) if (p.role === 'config') out.add(p.path);
    for (const s of client.servers) out.add(s.source);
  }
  return out;
}

/** Only files one credential owns whole: never a config, never a store shared by several. */
function addBrokenFileActions({ report, credentials }: ScanResult, configs: Set<string>): void {
  const broken = report.findings.filter(
    (f) => f.code === 'malformed-file' && f.path !== null && !configs.has(f.path),
  );
  if (broken.length === 0) return;
  const owner = new Map<string, string>();
  for (const [id, scanned] of credentials) {
    for (const file of scanned.ownFiles) owner.set(`${scanned.credential.client}\0${file.path}`, id);
  }
  for (const f of broken) {
    const id = owner.get(`${f.client ?? ''}\0${f.path!}`);
    if (id !== undefined) f.actions = [removeBrokenFileAction(id, f.path!)];
  }
}
