import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Route } from '@hookport/api-schema';
import type { Principal } from '@hookport/platform';
import type { ApplicationOut } from '@hookport/api-schema';

/** The application a route acts on, found as its table entry says. */
export interface RouteApp {
  id: string;
  /** The endpoints service's position for it; absent for a portal session's own application. */
  position?: string;
  /** The application itself, when it was resolved from the path. */
  application?: ApplicationOut;
}

/** One request to a table route, as the gateway's code for it sees it. */
export interface RouteCall {
  route: Route;
  /** The public path's parameters, decoded. */
  params: Record<string, string>;
  /** One of them (the path has it, or the route would not have matched). */
  param: (name: string) => string;
  query: Record<string, unknown>;
  body: unknown;
  principal: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Finds the application as the entry's `app` says (throws 404 when there is none). */
  app: () => Promise<RouteApp>;
}

/** The gateway's own answer to a composed route. */
export type ComposedHandler = (call: RouteCall) => Promise<unknown>;
