/**
 * Metadata GETs the way MCP clients send them: redirects are followed while they stay on the
 * origin (the rule of the TypeScript SDK's `fetchWithinOrigin` since 1.32: same scheme, host and
 * port, or the https form of a default-port http URL; at most five hops; never a hop that adds
 * credentials to the URL). A redirect elsewhere is kept as the answer, with the reason it was not
 * followed, so discovery can move on past it as the SDK does. These GETs carry no credentials.
 */
import type { Exchange, OutgoingRequest, Sender } from './exchange';

export const MAX_REDIRECTS = 5;
/** Shown for a redirect that leaves the origin (the checks look for this wording). */
export const ANOTHER_ORIGIN =
  'it leads to another origin, which the TypeScript SDK does not follow; clients on plain fetch do';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface MetadataAnswer {
  /** The redirects that were followed, in order. */
  redirects: Exchange[];
  /** The last answer, the one a client judges. */
  final: Exchange;
  /** When `final` is a redirect that was not followed: why, in words. */
  unfollowed: string | null;
}

export function isWithinOrigin(from: URL, to: URL): boolean {
  if (from.protocol === to.protocol && from.hostname === to.hostname && from.port === to.port) return true;
  return (
    from.hostname === to.hostname &&
    from.protocol === 'http:' &&
    from.port === '' &&
    to.protocol === 'https:' &&
    to.port === ''
  );
}

function redirectTarget(exchange: Exchange): URL | null | undefined {
  const r = exchange.response;
  if (!r || !REDIRECT_STATUSES.has(r.status)) return undefined;
  const location = r.headers.location;
  if (location === undefined || location === '') return undefined;
  try {
    return new URL(location, exchange.url);
  } catch {
    return null;
  }
}

export async function getFollowingWithinOrigin(
  send: Sender,
  request: Omit<OutgoingRequest, 'method' | 'body'>,
): Promise<MetadataAnswer> {
  const redirects: Exchange[] = [];
  let url = request.url;
  for (;;) {
    const exchange = await send({ ...request, method: 'GET', url });
    const target = redirectTarget(exchange);
    if (target === undefined) return { redirects, final: exchange, unfollowed: null };
    const from = new URL(url);
    let unfollowed: string | null = null;
    if (target === null) unfollowed = 'not followed: its Location is not a URL';
    else if (redirects.length === MAX_REDIRECTS)
      unfollowed = `not followed: more than ${MAX_REDIRECTS} redirects in a row`;
    else if (
      (target.username !== '' || target.password !== '') &&
      (target.username !== from.username || target.password !== from.password)
    )
      unfollowed = 'not followed: it adds credentials to the URL';
    else if (!isWithinOrigin(from, target)) unfollowed = `not followed: ${ANOTHER_ORIGIN}`;
    if (unfollowed !== null) return { redirects, final: exchange, unfollowed };
    redirects.push(exchange);
    url = target!.href;
  }
}
