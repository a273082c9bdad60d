import { eventTypesOf } from './event-map';

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

/** The application's whole state after a change (PUT, PATCH). */
export type ApplicationUpdatedV1 = ApplicationCreatedV1;

/** The application is gone: its endpoints stop receiving; history stays until retention. */
export interface ApplicationDeletedV1 {
  appId: string;
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
  /** Custom headers: names in clear, values sealed like secrets (`v1.<iv>.<tag>.<ciphertext>`). */
  headers: Record<string, string>;
  metadata: Record<string, string>;
  secrets: SecretMaterial[];
}

/** The endpoint's whole configuration after a change (PUT, PATCH, enable, disable). */
export type EndpointUpdatedV1 = EndpointCreatedV1;

export interface EndpointDeletedV1 {
  endpointId: string;
  appId: string;
}

/** Every secret valid after a rotation: the new one first, previous ones with their expiry. */
export interface EndpointSecretRotatedV1 {
  endpointId: string;
  appId: string;
  secrets: SecretMaterial[];
}

/** An event type of the installation's catalogue, as created or after a change. */
export interface EventTypeV1 {
  name: string;
  description: string;
  groupName: string | null;
  /** JSON Schemas keyed by version ("1", "2"...). */
  schemas: Record<string, Record<string, unknown>>;
  /** Example payload: given, or derived from the newest schema. */
  example: unknown;
  deprecated: boolean;
  archived: boolean;
}

/** Event types of the endpoints service, with their payloads. */
export interface EndpointsEvents {
  'application.created': ApplicationCreatedV1;
  'application.updated': ApplicationUpdatedV1;
  'application.deleted': ApplicationDeletedV1;
  'endpoint.created': EndpointCreatedV1;
  'endpoint.updated': EndpointUpdatedV1;
  'endpoint.deleted': EndpointDeletedV1;
  'endpoint.secret-rotated': EndpointSecretRotatedV1;
  'event-type.created': EventTypeV1;
  'event-type.updated': EventTypeV1;
}

/** The types of EndpointsEvents, at run time: a consumer dead-letters an envelope of any other. */
export const ENDPOINTS_EVENT_TYPES = eventTypesOf<EndpointsEvents>({
  'application.created': true,
  'application.updated': true,
  'application.deleted': true,
  'endpoint.created': true,
  'endpoint.updated': true,
  'endpoint.deleted': true,
  'endpoint.secret-rotated': true,
  'event-type.created': true,
  'event-type.updated': true,
});
