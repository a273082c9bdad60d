import type { Type } from '@nestjs/common';
import type { ApiHeaderOptions } from '@nestjs/swagger';
import type { ManagementArea, PortalScope } from '@hookport/contracts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The service that owns a route's resource; the gateway forwards to it. */
export type OwningService = 'endpoints' | 'delivery' | 'logs' | 'portal-session';

/**
 * How a route finds the application it acts on; `{appId}` in `to.path` is then always the
 * application's real id, never a uid from the URL.
 * - `path`: the public path's `{appId}` (id or uid), resolved with the endpoints service;
 * - `path-with-deleted`: the same, a deleted application too (its history outlives it);
 * - `path-or-inline`: the same, created from the body's inline `application` when absent (Svix);
 * - `session`: the portal session's own application, never one named in the URL;
 * - `operational`: the internal application whose endpoints receive Hookport's own events.
 */
export type AppResolution =
  | 'path'
  | 'path-with-deleted'
  | 'path-or-inline'
  | 'session'
  | 'operational';

/** A plain route: the request goes to the owning service as it came, the answer comes back. */
export interface Forward {
  service: OwningService;
  /** The service's route, e.g. `/internal/apps/{appId}/endpoints/{endpointId}`. */
  path: string;
  /**
   * Sends the endpoints service's position for the application, so the service waits until it
   * has seen the application's latest endpoints (read-your-writes across services). Resolving
   * the path gives it; for a session's own application the gateway asks for it.
   */
  readsYourWrites?: boolean;
  /**
   * A successful write is answered once delivery's endpoint directory has it, so what happens
   * after the answer is delivered as the endpoint now is (operational webhooks). Should delivery
   * lag, the answer goes anyway: the change is made.
   */
  awaitsDelivery?: boolean;
}

/** How one public operation is documented in the OpenAPI document. */
export interface RouteDocs {
  /** The operation id: generated clients name their methods after it. */
  id: string;
  summary: string;
  description?: string;
  /** The request body's class: the owning service validates with it, the document shows it. */
  body?: Type;
  /** The query's class, as `body`. */
  query?: Type;
  /** Request headers the route reads. */
  headers?: ApiHeaderOptions[];
  /** The success answer's status (200 unless given). */
  status?: number;
  /** The success answer's body; none for 204 and 202-without-body. */
  ok?: Type | [Type];
  /** An upsert: also answers 201 with the same body when it created the resource. */
  upsert?: boolean;
  /** The answer is a server-sent event stream (`text/event-stream`). */
  eventStream?: boolean;
  /** Errors this route answers beyond the ones every route of its API does. */
  errors?: Record<number, string>;
}

/** One public operation: its path, who may call it, where it goes and how it is documented. */
export interface Route extends RouteDocs {
  method: HttpMethod;
  /** The public path, with `{name}` parameters as in the OpenAPI document. */
  path: string;
  app?: AppResolution;
  /**
   * Where the request goes: a service's route, or `composed` when the gateway answers from
   * several calls (its code lives in the gateway's `composed/` folder, under this id).
   */
  to: Forward | 'composed';
}

/**
 * A portal route's scope: `any-session` admits every valid session (the session's own
 * routes), `none` needs no credential (the code exchange that gives the first token).
 */
export type PortalRouteScope = PortalScope | 'any-session' | 'none';

export interface PortalRoute extends Route {
  scope: PortalRouteScope;
}

/**
 * Routes documented and guarded alike: one controller in the gateway. `auth` names the
 * credential, which picks the guard and the errors documented on every route:
 * - `api-key`: the management API; GET needs `<area>:read`, any other method `<area>:write`;
 * - `portal-session`: the portal API; each route names its scope;
 * - `app-token`: any portal credential of an application (Svix's logout);
 * - `none`: no credential (health).
 */
export type RouteGroup =
  | { auth: 'api-key'; tag: string; area: ManagementArea; routes: readonly Route[] }
  | { auth: 'portal-session'; tag: string; routes: readonly PortalRoute[] }
  | { auth: 'app-token' | 'none'; tag: string; routes: readonly Route[] };

/** Declares a group; keeps its literal ids, so the gateway's composed code is checked by id. */
export const routeGroup = <const Group extends RouteGroup>(group: Group): Group => group;

/** `{name}` parameters of a path, in order. */
export const pathParameters = (path: string): string[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
