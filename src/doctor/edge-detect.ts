/**
 * Recognising answers that did not come from the MCP server or the authorization server but from
 * something in front of them: a Cloudflare challenge, an SSO login page, a WAF block.
 */
import type { HttpResponse } from './types';

export type EdgeKind = 'cloudflare-challenge' | 'sso-login' | 'waf-block';

export interface EdgeVerdict {
  kind: EdgeKind;
  detail: string;
}

export function isHtml(response: HttpResponse): boolean {
  const type = response.headers['content-type'] ?? '';
  return /text\/html|application\/xhtml/i.test(type) || /^\s*<(!doctype html|html)/i.test(response.body);
}

export function isJson(response: HttpResponse): boolean {
  const type = response.headers['content-type'] ?? '';
  return /[/+]json\b/i.test(type);
}

export function htmlTitle(body: string): string | null {
  const m = /<title[^>]*>([^<]{0,200})<\/title>/i.exec(body);
  return m ? m[1]!.replace(/\s+/g, ' ').trim() : null;
}

const CF_BODY =
  /Just a moment\.\.\.|__cf_chl|cf-challenge|challenge-platform|cf_chl_opt|Attention Required! \| Cloudflare/i;
const LOGIN_TITLE = /sign[ -]?in|log[ -]?in|single sign-on|\bSSO\b|authenticate|Cloudflare Access/i;
/** Where SSO gateways (Cloudflare Access, oauth2-proxy, IdP login pages) send unauthenticated browsers. */
const SSO_REDIRECT =
  /cloudflareaccess\.com|\/cdn-cgi\/access\/|\/oauth2\/(start|sign_in)|\/(login|signin|sign-in|sso|saml)\b/i;
const WAF_HINTS: Array<[string, RegExp]> = [
  ['Cloudflare', /cloudflare/i],
  ['AWS WAF', /awselb|cloudfront|x-amzn-waf/i],
  ['Akamai', /akamai|AkamaiGHost/i],
  ['Azure Front Door', /x-azure-ref/i],
  ['Imperva', /incapsula|imperva/i],
];

function wafVendor(response: HttpResponse): string | null {
  const haystack = Object.entries(response.headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  for (const [name, re] of WAF_HINTS) if (re.test(haystack)) return name;
  return null;
}

/** Null when the answer looks like it came from the server itself. */
export function detectEdge(response: HttpResponse): EdgeVerdict | null {
  if ((response.headers['cf-mitigated'] ?? '').toLowerCase().includes('challenge')) {
    return {
      kind: 'cloudflare-challenge',
      detail: 'Cloudflare answered with a challenge (cf-mitigated: challenge)',
    };
  }
  const location = response.headers.location;
  if (
    response.status >= 300 &&
    response.status < 400 &&
    location !== undefined &&
    SSO_REDIRECT.test(location)
  ) {
    return { kind: 'sso-login', detail: 'a redirect to a sign-in page instead of an API answer' };
  }
  const html = isHtml(response);
  if (html && CF_BODY.test(response.body)) {
    const title = htmlTitle(response.body);
    return {
      kind: 'cloudflare-challenge',
      detail: `a Cloudflare challenge page${title ? ` ("${title}")` : ''} instead of an API answer`,
    };
  }
  if (html && response.status < 500) {
    const title = htmlTitle(response.body);
    const hasPassword = /<input[^>]+type=["']?password/i.test(response.body);
    if (hasPassword || (title !== null && LOGIN_TITLE.test(title))) {
      return {
        kind: 'sso-login',
        detail: `an HTML login page${title ? ` ("${title}")` : ''} instead of an API answer`,
      };
    }
  }
  if (response.status === 403) {
    const vendor = wafVendor(response);
    const challenged = /bearer/i.test(response.headers['www-authenticate'] ?? '');
    // A 403 with a Bearer challenge is OAuth talking (insufficient_scope), not a firewall.
    if (!challenged) {
      return {
        kind: 'waf-block',
        detail: `403 Forbidden${vendor ? ` from ${vendor}` : ''}${html ? ' (HTML page)' : ''} before any OAuth challenge`,
      };
    }
  }
  return null;
}
