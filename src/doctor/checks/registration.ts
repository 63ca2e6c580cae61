/**
 * Handshake checks 8–9: a way for a client to get an identity — Client ID Metadata Documents,
 * Dynamic Client Registration, or a client the user registers by hand — and the public-client
 * token endpoint auth method `none` that CIMD and most native clients need.
 */
import type { CheckStatus } from '../../model/index';
import { isLoopbackHost } from '../well-known';
import { outcome, skip, worst, type CheckDefinition } from './kit';
import { NO_METADATA, show, stringList, usedMetadata } from './metadata-fields';

const PRE_REGISTER =
  'Enable Client ID Metadata Documents or Dynamic Client Registration on the authorization server, or register a client by hand and give it to each client: Claude Code --client-id/--client-secret, mcp-remote --static-oauth-client-info, VS Code asks for it, Claude connectors have an "OAuth Client ID" field. (Entra ID and Cognito have no DCR; Auth0 needs it enabled per tenant.)';

export const registrationCheck: CheckDefinition = {
  id: 'registration',
  title: 'Client registration path (CIMD, DCR or pre-registered)',
  needsTarget: true,
  async run({ probes, timeoutMs }) {
    const meta = await usedMetadata(probes, timeoutMs);
    if (meta === null) return skip(NO_METADATA);
    const cimd = meta.doc.client_id_metadata_document_supported === true;
    const dcr = typeof meta.doc.registration_endpoint === 'string' ? meta.doc.registration_endpoint : null;
    const authMethods = stringList(meta.doc.token_endpoint_auth_methods_supported);
    const evidence = [
      meta.evidence(
        `client_id_metadata_document_supported: ${JSON.stringify(meta.doc.client_id_metadata_document_supported ?? '(absent)')}; registration_endpoint: ${dcr ?? '(absent)'}; token_endpoint_auth_methods_supported: ${show(authMethods)}`,
      ),
    ];
    if (!cimd && dcr === null) {
      return outcome(
        'fail',
        'The authorization server offers neither Client ID Metadata Documents nor Dynamic Client Registration. Clients print "Incompatible auth server: does not support dynamic client registration" unless you give them a pre-registered client.',
        PRE_REGISTER,
        evidence,
        'authorization-server',
      );
    }
    let status: CheckStatus = 'pass';
    const problems: string[] = [];
    const fixes: string[] = [];
    if (authMethods === null) {
      status = worst(status, 'warn');
      problems.push(
        'the metadata omits token_endpoint_auth_methods_supported, and by RFC 8414 that means client_secret_basic only: public clients (CIMD, desktop and CLI clients) need "none", which is then not advertised — many servers accept it anyway, but strict clients and Claude’s CIMD support look for it in the list',
      );
      fixes.push('List the supported methods explicitly, including "none" for public clients.');
    } else if (!authMethods.includes('none')) {
      status = worst(status, 'warn');
      problems.push(
        `token_endpoint_auth_methods_supported ${show(authMethods)} lacks "none": public clients (CIMD, desktop and CLI clients) cannot use the token endpoint without a secret`,
      );
      fixes.push('Allow the "none" token endpoint auth method for public clients.');
    }
    if (dcr !== null) {
      const u = URL.canParse(dcr) ? new URL(dcr) : null;
      if (u === null || (u.protocol !== 'https:' && !isLoopbackHost(u.hostname))) {
        status = worst(status, 'warn');
        problems.push(`registration_endpoint ${dcr} is not an https URL`);
        fixes.push('Serve the registration endpoint over https.');
      }
    }
    const paths = [
      cimd ? 'Client ID Metadata Documents' : null,
      dcr !== null ? 'Dynamic Client Registration' : null,
    ]
      .filter((p) => p !== null)
      .join(' and ');
    if (status === 'pass') return outcome('pass', `Clients can register through ${paths}.`, '', evidence);
    return outcome(
      status,
      `Clients can register through ${paths}, but ${problems.join('; ')}.`,
      fixes.join(' '),
      evidence,
      'authorization-server',
    );
  },
};
