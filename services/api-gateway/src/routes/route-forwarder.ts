import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComposedOperationId, Forward, Route } from '@hookport/api-schema';
import { OPERATIONAL_APP_ID } from '@hookport/contracts';
import { APP_POSITION_HEADER, type Principal } from '@hookport/platform';
import { AppResolver } from '../forwarding/app-resolver';
import { relayReply } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import { sessionApp } from '../auth/session-app';
import { validated } from './validated';
import type { ComposedHandler, RouteApp, RouteCall } from './route-call';

/** The gateway's code for each composed route, by operation id. */
export const COMPOSED_OPERATIONS = Symbol('ComposedOperations');
export type ComposedOperations = Record<ComposedOperationId, ComposedHandler>;

/** `{name}` replaced by the request's parameter, encoded; `{appId}` by the application found. */
export const internalPath = (
  template: string,
  params: Record<string, string>,
  app: RouteApp | null,
): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'appId' && app ? app.id : encodeURIComponent(params[name] ?? ''),
  );

/**
 * What every table route does once its guard has let it in: find the application as the
 * entry says, then forward to the owning service and relay its answer, or run the route's
 * composed code.
 */
@Injectable()
export class RouteForwarder {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
    @Inject(COMPOSED_OPERATIONS) private readonly composed: ComposedOperations,
  ) {}

  async handle(
    route: Route,
    request: FastifyRequest & { principal?: Principal },
    reply: FastifyReply,
  ): Promise<unknown> {
    const params = (request.params ?? {}) as Record<string, string>;
    const call: RouteCall = {
      route,
      params,
      param: (name) => params[name] ?? '',
      query: (request.query ?? {}) as Record<string, unknown>,
      body: request.body,
      principal: request.principal ?? { kind: 'anonymous' },
      request,
      reply,
      app: () => this.findApp(call),
    };
    if (route.to === 'composed') return this.composed[route.id as ComposedOperationId](call);
    return this.forward(call, route.to);
  }

  private async forward(call: RouteCall, to: Forward): Promise<FastifyReply> {
    const app = call.route.app ? await call.app() : null;
    const answer = await this.services.forward(to.service, {
      method: call.route.method,
      path: internalPath(to.path, call.params, app),
      principal: call.principal,
      // Only what the entry declares goes on; an absent body is an empty one.
      query: call.route.query ? call.query : undefined,
      body: call.route.body ? (call.body ?? {}) : undefined,
      headers:
        to.readsYourWrites && app?.position ? { [APP_POSITION_HEADER]: app.position } : undefined,
    });
    if (to.awaitsDelivery && app && answer.status < 300)
      await this.deliveryCatchesUp(app.id, call.principal).catch(() => undefined);
    return relayReply(call.reply, answer);
  }

  /** Waits until delivery's endpoint directory has the application's latest change. */
  private async deliveryCatchesUp(appId: string, principal: Principal): Promise<void> {
    const position = await this.apps.positionOf(appId, principal);
    await this.services.forward('delivery', {
      method: 'GET',
      path: `/internal/apps/${encodeURIComponent(appId)}/endpoint-directory/caught-up`,
      principal,
      headers: { [APP_POSITION_HEADER]: position },
    });
  }

  private async findApp({ route, param, principal, body }: RouteCall): Promise<RouteApp> {
    switch (route.app) {
      case 'session': {
        const id = sessionApp(principal);
        if (route.to === 'composed' || !route.to.readsYourWrites) return { id };
        return { id, position: await this.apps.positionOf(id, principal) };
      }
      case 'operational':
        return { id: OPERATIONAL_APP_ID };
      case 'path':
      case 'path-with-deleted': {
        const { app, position } = await this.apps.resolve(param('appId'), principal, {
          includeDeleted: route.app === 'path-with-deleted',
        });
        return { id: app.id, position, application: app };
      }
      case 'path-or-inline': {
        const inline = (body as { application?: unknown } | null | undefined)?.application;
        const { app, position } = await this.apps.resolveCreating(
          param('appId'),
          principal,
          inline,
          // The owning service validates the body too; checked here first only when an
          // application would be created for a request that is then refused.
          () => (route.body ? validated(route.body, body) : Promise.resolve()),
        );
        return { id: app.id, position, application: app };
      }
      case undefined:
        throw new Error(`${route.id} finds no application: its table entry names no \`app\``);
    }
  }
}
