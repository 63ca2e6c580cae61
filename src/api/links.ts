/**
 * External links: only https URLs the app itself built — the app's own docs and the `links` of
 * the client declarations. The window may ask to open a URL; it is opened only when it is, after
 * parsing, exactly one of these.
 */
import type { ClientDeclaration } from '../clients/types';

/** Documentation the app points users to. */
export const APP_DOC_LINKS: readonly string[] = [
  'https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization',
  'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization',
  'https://www.npmjs.com/package/mcp-remote',
];

/** The canonical form of an https URL with no credentials in it, or null. */
export function normaliseHttpsUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.hostname === '') {
    return null;
  }
  return url.href;
}

export class LinkAllowList {
  private readonly urls: Set<string>;

  constructor(urls: Iterable<string>) {
    this.urls = new Set();
    for (const raw of urls) {
      const href = normaliseHttpsUrl(raw);
      if (href !== null) this.urls.add(href);
    }
  }

  /** The URL to open, or null when it is not one the app built. */
  check(raw: string): string | null {
    const href = normaliseHttpsUrl(raw);
    return href !== null && this.urls.has(href) ? href : null;
  }
}

export function linksOf(declarations: readonly ClientDeclaration[]): string[] {
  return declarations.flatMap((d) => (d.links ?? []).map((l) => l.url));
}
