import type { EventEnvelope } from '../envelope';

/** A signing secret as it travels: encrypted with the installation's key, never in clear. */
export interface SecretMaterial {
  /** AES-256-GCM ciphertext of the `whsec_...` string, base64 `iv.tag.ciphertext`. */
  encrypted: string;
  /** When an old secret stops being valid after a rotation; null for the current one. */
  expiresAt: string | null;
}

export interface ApplicationCreatedV1 {
  appId: string;
  name: string;
  uid: string | null;
  metadata: Record<string, string>;
  rateLimit: number | null;
}

export interface EndpointCreatedV1 {
  endpointId: string;
  appId: string;
  url: string;
  description: string;
  uid: string | null;
  version: number;
  filterTypes: string[] | null;
  channels: string[] | null;
  rateLimit: number | null;
  disabled: boolean;
  headers: Record<string, string>;
  metadata: Record<string, string>;
  secrets: SecretMaterial[];
}

/** Event types of the endpoints service, with their payloads. */
export interface EndpointsEventMap {
  'application.created': ApplicationCreatedV1;
  'endpoint.created': EndpointCreatedV1;
}

export type EndpointsEventType = keyof EndpointsEventMap;

export type EndpointsEvent = {
  [K in EndpointsEventType]: EventEnvelope<K, EndpointsEventMap[K]>;
}[EndpointsEventType];
