import { createClient, createConfig, type Client } from './generated/client';

// Every operation of openapi.json as a function (`createEndpoint`, `portalListMessages`, ...)
// and every schema as a type. Generated: run `npm run api:generate` after changing the API.
export * from './generated';
// For callers that bring their own transport (the portal sends through Angular's HttpClient).
export { createClient, createConfig, mergeHeaders } from './generated/client';
export type { Client, RequestOptions } from './generated/client';

export interface HookportClientOptions {
  /** Where Hookport answers, e.g. `https://hooks.example.com`. */
  baseUrl: string;
  /** An API key (management API) or a portal session token (portal API). */
  token: string | (() => string | undefined);
}

/** A client bound to one installation and one credential; pass it as `client` to operations. */
export const createHookportClient = ({ baseUrl, token }: HookportClientOptions): Client =>
  createClient(createConfig({ baseUrl, auth: token }));
