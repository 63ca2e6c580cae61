/**
 * Handshake check 7: `code_challenge_methods_supported` must list S256. Without the field,
 * MCP 2025-11-25+ clients refuse to start the flow (common with OIDC providers, which do not
 * require it).
 */
import { outcome, skip, type CheckDefinition } from './kit';
import { NO_METADATA, show, stringList, usedMetadata } from './metadata-fields';

export const pkceCheck: CheckDefinition = {
  id: 'pkce',
  title: 'PKCE with S256',
  needsTarget: true,
  async run({ probes, timeoutMs }) {
    const meta = await usedMetadata(probes, timeoutMs);
    if (meta === null) return skip(NO_METADATA);
    const methods = stringList(meta.doc.code_challenge_methods_supported);
    const evidence = [meta.evidence(`code_challenge_methods_supported: ${show(methods)}`)];
    if (methods?.includes('S256')) {
      return outcome('pass', 'The authorization server supports PKCE with S256.', '', evidence);
    }
    return outcome(
      'fail',
      methods === null
        ? 'The metadata does not advertise code_challenge_methods_supported. MCP clients (2025-11-25 and later) must refuse to sign in without it.'
        : `The metadata advertises PKCE methods ${show(methods)} but not S256, the only one MCP clients use.`,
      'Enable PKCE with S256 on the authorization server and list it: "code_challenge_methods_supported": ["S256"] (OIDC providers must add the field for MCP).',
      evidence,
      'authorization-server',
    );
  },
};
