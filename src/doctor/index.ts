/** The connection doctor: walks the OAuth handshake against an MCP server URL, read-only. */
export { runDoctor, USER_AGENT } from './run';
export { nodeHttpPort } from './http-node';
export { credentialLoaderFromScan } from './credentials-for-url';
export { CHECKS } from './checks/index';
export type {
  CredentialLoader,
  DoctorDeps,
  DoctorOptions,
  HttpMethod,
  HttpPort,
  HttpRequest,
  HttpResponse,
} from './types';
export { DEFAULT_TIMEOUT_MS } from './types';
