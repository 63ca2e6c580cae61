/** Every check, in the order of the contract's stable ids (and of the report). */
import { authServerMetadataCheck } from './auth-server-metadata';
import { challengeCheck } from './challenge';
import { corsCheck } from './cors';
import { edgeBlockCheck } from './edge-block';
import { issuerCheck } from './issuer';
import type { CheckDefinition } from './kit';
import { localCredentialsCheck } from './local-credentials';
import { offlineAccessCheck } from './offline-access';
import { pkceCheck } from './pkce';
import { popupPolicyCheck } from './popup-policy';
import { reachabilityCheck } from './reachability';
import { registrationCheck } from './registration';
import { registrationProbeCheck } from './registration-probe';
import { resourceMetadataCheck } from './resource-metadata';
import { tokenEndpointCheck } from './token-endpoint';
import { urlCheck } from './url';

export const CHECKS: readonly CheckDefinition[] = [
  urlCheck,
  reachabilityCheck,
  challengeCheck,
  edgeBlockCheck,
  resourceMetadataCheck,
  authServerMetadataCheck,
  issuerCheck,
  pkceCheck,
  registrationCheck,
  offlineAccessCheck,
  corsCheck,
  popupPolicyCheck,
  tokenEndpointCheck,
  localCredentialsCheck,
  registrationProbeCheck,
];
