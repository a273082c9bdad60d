// HTTP shapes of the endpoints area (management and portal API), shared with portal-ui.

/** Svix's `EventTypeOut`. */
export interface EventTypeOut {
  name: string;
  description: string;
  groupName: string | null;
  schemas: Record<string, Record<string, unknown>>;
  /** The example payload test sends use (Hookport addition). */
  example: unknown;
  deprecated: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Svix's `EndpointSecretOut`. */
export interface EndpointSecretOut {
  key: string;
}
