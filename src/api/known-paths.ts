/**
 * "Show in folder" only for paths the app itself reported: the latest scan's client paths,
 * credential files, server sources and finding paths, and the backups list. Anything else the
 * window asks to reveal is refused.
 */
import path from 'node:path';
import type { BackupSummary, ScanReport } from '../model/index';

const norm = (p: string): string => path.resolve(p);

export class KnownPaths {
  private fromScan = new Set<string>();
  private fromBackups = new Set<string>();

  rememberScan(report: ScanReport): void {
    const paths = new Set<string>();
    for (const client of report.clients) {
      for (const p of client.paths) paths.add(norm(p.path));
      for (const s of client.servers) paths.add(norm(s.source));
      for (const c of client.credentials) for (const f of c.files) paths.add(norm(f.path));
    }
    for (const f of report.findings) if (f.path !== null) paths.add(norm(f.path));
    this.fromScan = paths;
  }

  rememberBackups(backups: readonly BackupSummary[]): void {
    this.fromBackups = new Set(backups.map((b) => norm(b.path)));
  }

  has(candidate: string): boolean {
    if (!path.isAbsolute(candidate)) return false;
    const p = norm(candidate);
    return this.fromScan.has(p) || this.fromBackups.has(p);
  }
}
