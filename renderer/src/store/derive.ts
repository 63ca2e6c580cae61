/**
 * Pure views of the scan report: credential rows with their status, filtering, sorting, and
 * the overview's per-client summary. Kept out of components so they are tested directly.
 */
import type { ResetPlanView } from '../../../src/contract';
import type {
  BackupSummary,
  ClientId,
  Credential,
  Finding,
  ResetItem,
  ResetTarget,
  ScanReport,
  Severity,
} from '../../../src/model/index';
import { SEVERITY_RANK, worstSeverity } from '../format';
import { findingTitle } from '../findings-text';
import type { CredentialFilters, SortKey } from './types';

export type RowStatus = Severity | 'ok';

export interface CredentialRow {
  credential: Credential;
  clientLabel: string;
  findings: Finding[];
  status: RowStatus;
  /** Short words for the status column. */
  statusText: string;
}

/** Stable identity of a finding across re-renders (findings have no id of their own). */
export function findingKey(f: Finding): string {
  return [f.code, f.client ?? '', f.credential ?? '', f.path ?? ''].join('|');
}

export function buildRows(scan: ScanReport | null): CredentialRow[] {
  if (!scan) return [];
  const byCredential = new Map<string, Finding[]>();
  for (const f of scan.findings) {
    if (f.credential === null) continue;
    const list = byCredential.get(f.credential) ?? [];
    list.push(f);
    byCredential.set(f.credential, list);
  }
  const rows: CredentialRow[] = [];
  for (const client of scan.clients) {
    for (const credential of client.credentials) {
      const findings = (byCredential.get(credential.id) ?? []).sort(
        (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity],
      );
      const worst = worstSeverity(findings.map((f) => f.severity));
      const first = findings[0];
      rows.push({
        credential,
        clientLabel: client.label,
        findings,
        status: worst ?? 'ok',
        statusText:
          first === undefined
            ? 'OK'
            : findings.length === 1
              ? findingTitle(first.code)
              : `${findingTitle(first.code)} (+${findings.length - 1})`,
      });
    }
  }
  return rows;
}

const STATUS_RANK: Record<RowStatus, number> = { ok: 0, info: 1, warning: 2, error: 3 };

function matchesStatus(row: CredentialRow, status: CredentialFilters['status']): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'problems':
      return row.status === 'error' || row.status === 'warning';
    case 'ok':
      return row.status === 'ok' || row.status === 'info';
    default:
      return row.status === status;
  }
}

export function filterRows(rows: readonly CredentialRow[], filters: CredentialFilters): CredentialRow[] {
  const text = filters.text.trim().toLowerCase();
  return rows.filter((row) => {
    const c = row.credential;
    if (filters.client !== 'all' && c.client !== filters.client) return false;
    if (filters.server !== 'all' && c.serverUrl !== filters.server) return false;
    if (!matchesStatus(row, filters.status)) return false;
    if (text !== '') {
      const haystack = [row.clientLabel, c.serverUrl, c.serverName, c.issuer, c.oauthClientId, row.statusText]
        .filter((v): v is string => typeof v === 'string')
        .join(' ')
        .toLowerCase();
      if (!haystack.includes(text)) return false;
    }
    return true;
  });
}

function timeOf(iso: string | null): number {
  if (iso === null) return Number.NEGATIVE_INFINITY;
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

const KEYS: Record<SortKey, (row: CredentialRow) => string | number> = {
  client: (r) => r.clientLabel.toLowerCase(),
  // Unknown servers (a cache whose URL cannot be recovered) go after every known one.
  server: (r) => (r.credential.serverUrl ?? r.credential.serverName ?? '\uffff').toLowerCase(),
  issuer: (r) => (r.credential.issuer ?? '').toLowerCase(),
  clientId: (r) => (r.credential.oauthClientId ?? '').toLowerCase(),
  expires: (r) => timeOf(r.credential.expiresAt),
  refresh: (r) => (r.credential.hasRefreshToken ? 1 : 0),
  updated: (r) => timeOf(r.credential.updatedAt),
  status: (r) => STATUS_RANK[r.status],
};

export function sortRows(
  rows: readonly CredentialRow[],
  sort: { key: SortKey; dir: 'asc' | 'desc' },
): CredentialRow[] {
  const key = KEYS[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Decorate once: 1,000+ rows re-sort on every click.
  return rows
    .map((row, index) => ({ row, index, value: key(row) }))
    .sort((a, b) => {
      if (a.value < b.value) return -sign;
      if (a.value > b.value) return sign;
      return a.index - b.index;
    })
    .map((d) => d.row);
}

export interface ClientSummary {
  id: ClientId;
  label: string;
  installed: boolean;
  running: boolean | null;
  credentialCount: number;
  problemCount: number;
  worst: Severity | null;
}

/** Problems are findings of severity warning or error; notes (info) are not counted as problems. */
export function isProblem(f: Finding): boolean {
  return f.severity !== 'info';
}

export function summarizeClients(scan: ScanReport | null): ClientSummary[] {
  if (!scan) return [];
  return scan.clients.map((client) => {
    const findings = scan.findings.filter((f) => f.client === client.id);
    return {
      id: client.id,
      label: client.label,
      installed: client.installed,
      running: client.running,
      credentialCount: client.credentials.length,
      problemCount: findings.filter(isProblem).length,
      worst: worstSeverity(findings.map((f) => f.severity)),
    };
  });
}

/** "3 problems in 2 clients", or a reassuring line when there is nothing to fix. */
export function summaryLine(scan: ScanReport | null): string {
  if (!scan) return '';
  const problems = scan.findings.filter(isProblem);
  if (problems.length === 0) return 'No problems found.';
  const clients = new Set(problems.map((f) => f.client ?? 'unknown'));
  const p = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const c = clients.size === 1 ? '1 client' : `${clients.size} clients`;
  return `${p} in ${c}`;
}

/** Clients worth a card: installed, or holding anything (a leftover cache of an uninstalled app). */
export function visibleClients(summaries: readonly ClientSummary[]): ClientSummary[] {
  return summaries.filter((s) => s.installed || s.credentialCount > 0 || s.problemCount > 0);
}

/** Server URLs found by the scan (configured or cached), for the doctor's picker and filters. */
export function knownServerUrls(scan: ScanReport | null): string[] {
  if (!scan) return [];
  const urls = new Set<string>();
  for (const client of scan.clients) {
    for (const server of client.servers) if (server.url) urls.add(server.url);
    for (const c of client.credentials) if (c.serverUrl) urls.add(c.serverUrl);
  }
  return [...urls].sort();
}

export type PreviewItemState = 'ready' | 'waiting' | 'left-alone';

/**
 * How each planned item stands: `ready` to change, `waiting` because the app that owns it is
 * running (it changes once the user quits it or chooses "Reset anyway"), or `left-alone` for a
 * reason reset will not override (changed since the scan, outside the app's folders, ...).
 */
export function previewItemState(
  item: ResetItem,
  preview: ResetPlanView,
  scan: ScanReport | null,
): PreviewItemState {
  if (item.status !== 'skipped') return 'ready';
  if (item.reasonCode !== undefined) return item.reasonCode === 'client-running' ? 'waiting' : 'left-alone';
  const running = preview.runningClients ?? [];
  if (item.credential === null || running.length === 0 || !scan) return 'left-alone';
  const owner = scan.clients.find((c) => c.credentials.some((cred) => cred.id === item.credential));
  return owner && running.includes(owner.id) ? 'waiting' : 'left-alone';
}

export function previewCounts(
  preview: ResetPlanView,
  scan: ScanReport | null,
): Record<PreviewItemState, number> {
  const counts: Record<PreviewItemState, number> = { ready: 0, waiting: 0, 'left-alone': 0 };
  for (const item of preview.items) counts[previewItemState(item, preview, scan)] += 1;
  return counts;
}

/** Who a credential belongs to, for people: the app and the server, as the scan names them. */
export interface CredentialOwner {
  clientLabel: string;
  serverName: string | null;
  serverUrl: string | null;
  /** The authorization server, which still tells people something when the server's URL is unknown. */
  issuer: string | null;
  /** False when only the app could be told (the credential is no longer in the scan). */
  known: boolean;
}

/**
 * The owner of a credential id: from the scan when it still holds the credential, else the app
 * alone from the id's prefix (ids are `<client id>-<hash>`), else null.
 */
export function credentialOwner(id: string, scan: ScanReport | null): CredentialOwner | null {
  if (!scan) return null;
  for (const client of scan.clients) {
    const credential = client.credentials.find((c) => c.id === id);
    if (credential) {
      return {
        clientLabel: client.label,
        serverName: credential.serverName,
        serverUrl: credential.serverUrl,
        issuer: credential.issuer,
        known: true,
      };
    }
  }
  const byPrefix = scan.clients
    .filter((c) => id.startsWith(`${c.id}-`))
    .sort((a, b) => b.id.length - a.id.length)[0];
  return byPrefix
    ? { clientLabel: byPrefix.label, serverName: null, serverUrl: null, issuer: null, known: false }
    : null;
}

/** "Claude Code sign-in for jira (https://jira.example.com/mcp)", or as much of it as is known. */
export function ownerText(owner: CredentialOwner): string {
  if (!owner.known) return `a sign-in saved by ${owner.clientLabel}`;
  const { serverName: name, serverUrl: url, issuer } = owner;
  if (name !== null && url !== null) return `${owner.clientLabel} sign-in for ${name} (${url})`;
  if (url !== null || name !== null) return `${owner.clientLabel} sign-in for ${url ?? name}`;
  // Some caches keep only a hash of the server's URL (mcp-remote): the issuer still says which one.
  if (issuer !== null) return `${owner.clientLabel} sign-in with ${issuer} (server address not recorded)`;
  return `${owner.clientLabel} sign-in (server not recorded)`;
}

export interface PreviewGroup {
  key: string;
  /** The app and server the items belong to, in words. */
  title: string;
  items: ResetItem[];
}

/** Preview items grouped by the sign-in they belong to, in plan order. */
export function groupPreviewItems(items: readonly ResetItem[], scan: ScanReport | null): PreviewGroup[] {
  const groups = new Map<string, PreviewGroup>();
  for (const item of items) {
    const key = item.credential ?? '';
    let group = groups.get(key);
    if (!group) {
      const owner = item.credential === null ? null : credentialOwner(item.credential, scan);
      const title = owner
        ? capitaliseArticle(ownerText(owner))
        : item.credential === null
          ? 'Other files'
          : 'A sign-in this scan does not name';
      group = { key, title, items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

/** What a reset target covers, in words, for a backup made now (named before the rescan). */
export function describeResetTarget(target: ResetTarget, scan: ScanReport | null): string {
  switch (target.kind) {
    case 'credential': {
      const names = target.ids.map((id) => {
        const owner = credentialOwner(id, scan);
        return owner ? ownerText(owner) : id;
      });
      return capitaliseArticle(joinNames(names));
    }
    case 'server':
      return `Everything saved for ${joinNames(target.urls)}`;
    case 'client':
      return `Everything saved by ${joinNames(target.ids.map((id) => scan?.clients.find((c) => c.id === id)?.label ?? id))}`;
    case 'all':
      return 'Every saved sign-in';
    case 'files': {
      const owner = credentialOwner(target.credential, scan);
      const files = target.paths.length === 1 ? 'One file' : `${target.paths.length} files`;
      return `${files} of ${owner ? `${owner.known ? 'the ' : ''}${ownerText(owner)}` : 'a sign-in'}`;
    }
  }
}

/** "a Claude Code sign-in" starts a title as "A …"; an app's own name keeps its case (mcp-remote). */
function capitaliseArticle(text: string): string {
  return text.replace(/^a /, 'A ');
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

/**
 * A readable title for a backup: the name given when it was made in this session, else one read
 * from the core's label (`credential <ids>`, `server <urls>`, ...) with the scan's names, else null
 * (the view then shows the core's label as it is).
 */
export function backupTitle(
  backup: Pick<BackupSummary, 'id' | 'label'>,
  scan: ScanReport | null,
  sessionNames: Readonly<Record<string, string>>,
): string | null {
  const named = sessionNames[backup.id];
  const suffix = /( \(interrupted[^)]*\))$/.exec(backup.label)?.[1] ?? '';
  if (named !== undefined) return `${named}${suffix}`;
  const label = backup.label.slice(0, backup.label.length - suffix.length);
  const match = /^(credential|server|client) (.+)$/.exec(label);
  let title: string | null = null;
  const undoOf = /^files replaced by undo of (.+)$/.exec(label)?.[1];
  if (undoOf !== undefined) {
    const source = sessionNames[undoOf];
    title = `Files set aside when restoring ${source !== undefined ? `“${source}”` : 'an earlier backup'}`;
  } else if (label === 'every cached credential') title = 'Every saved sign-in';
  else if (match?.[1] === 'credential') {
    const ids = match[2]!.split(', ');
    const owners = ids.map((id) => credentialOwner(id, scan));
    if (owners.some((o) => o !== null)) {
      title = describeResetTarget({ kind: 'credential', ids }, scan);
    }
  } else if (match?.[1] === 'server') title = `Everything saved for ${match[2]!}`;
  else if (match?.[1] === 'client') {
    const ids = match[2]!.split(', ') as ClientId[];
    title = describeResetTarget({ kind: 'client', ids }, scan);
  }
  return title === null ? null : `${title}${suffix}`;
}

/**
 * The selected rows the user can see. "Reset selected" acts on these only: a row hidden by a
 * filter is never reset without being seen.
 */
export function visibleSelection(
  rows: readonly CredentialRow[],
  selected: Readonly<Record<string, true>>,
): { ids: string[]; hidden: number } {
  const ids = rows.map((r) => r.credential.id).filter((id) => selected[id] === true);
  return { ids, hidden: Object.keys(selected).length - ids.length };
}
