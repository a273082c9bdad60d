import 'reflect-metadata';
import {
  applyDecorators,
  Controller,
  Delete,
  Get,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Req,
  Res,
  UseGuards,
  type Type,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  pathParameters,
  ROUTE_TABLE,
  type HttpMethod,
  type PortalRoute,
  type Route,
  type RouteGroup,
} from '@hookport/api-schema';
import { LogoutAuthGuard } from '../auth/logout-auth.guard';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { PortalAuthGuard, RequireScope } from '../auth/portal-auth.guard';
import { ManagementDocs, PortalDocs, RouteDocumentation } from '../openapi/route-docs';
import { RouteForwarder } from './route-forwarder';

const MAPPINGS: Record<HttpMethod, (path: string) => MethodDecorator> = {
  GET: Get,
  POST: Post,
  PUT: Put,
  PATCH: Patch,
  DELETE: Delete,
};

/** `/api/v1/app/{appId}` as Nest (and Fastify) write it: `/api/v1/app/:appId`. */
const nestPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** Whether a route is open without a credential (the document says so with `security: []`). */
export const isPublicRoute = (group: RouteGroup, route: Route): boolean =>
  group.auth === 'none' || (route as Partial<PortalRoute>).scope === 'none';

/** The guard and the scope check of one route, from its group and entry. */
const access = (group: RouteGroup, route: Route): MethodDecorator[] => {
  switch (group.auth) {
    case 'api-key':
      return [UseGuards(ManagementAuthGuard), ManagementArea(group.area)];
    case 'portal-session': {
      const { scope } = route as PortalRoute;
      if (scope === 'none') return [];
      if (scope === 'any-session') return [UseGuards(PortalAuthGuard)];
      return [UseGuards(PortalAuthGuard), RequireScope(scope)];
    }
    case 'app-token':
      return [UseGuards(LogoutAuthGuard)];
    case 'none':
      return [];
  }
};

/** The credential and the errors every route of the group documents. */
const groupDocs = (group: RouteGroup): ClassDecorator => {
  switch (group.auth) {
    case 'api-key':
      return ManagementDocs(group.tag);
    case 'portal-session':
    case 'app-token':
      return PortalDocs(group.tag);
    case 'none':
      return ApiTags(group.tag);
  }
};

/**
 * One group of the route table as a Nest controller: a method per entry, with the entry's
 * mapping, guard, scope and documentation applied as decorators would be, so Nest routes it
 * and @nestjs/swagger documents it like a hand-written one. Each method hands the request to
 * the RouteForwarder.
 */
const controllerOf = (group: RouteGroup, name: string): Type => {
  class TableController {
    constructor(readonly forwarder: RouteForwarder) {}
  }
  Object.defineProperty(TableController, 'name', { value: name });
  Inject(RouteForwarder)(TableController, undefined, 0);
  const prototype = TableController.prototype as object;
  for (const route of group.routes) {
    const parameters = pathParameters(route.path);
    // Path parameters first (they document the path), then the request and the reply.
    const handler = function (this: TableController, ...args: unknown[]) {
      const request = args[parameters.length] as FastifyRequest;
      const reply = args[parameters.length + 1] as FastifyReply;
      return this.forwarder.handle(route, request, reply);
    };
    Object.defineProperty(handler, 'name', { value: route.id });
    const descriptor = { value: handler, writable: true, enumerable: false, configurable: true };
    Object.defineProperty(prototype, route.id, descriptor);
    Reflect.defineMetadata(
      'design:paramtypes',
      [...parameters.map(() => String), Object, Object],
      prototype,
      route.id,
    );
    // Last parameter first, as TypeScript applies parameter decorators.
    Res()(prototype, route.id, parameters.length + 1);
    Req()(prototype, route.id, parameters.length);
    [...parameters.entries()]
      .reverse()
      .forEach(([index, name]) => Param(name)(prototype, route.id, index));
    // In the order stacked decorators apply: the bottom one first.
    applyDecorators(
      ...access(group, route),
      MAPPINGS[route.method](nestPath(route.path)),
      RouteDocumentation(route),
    )(prototype, route.id, descriptor);
  }
  applyDecorators(Controller(), groupDocs(group))(TableController);
  return TableController;
};

const controllerName = (group: RouteGroup) =>
  `${group.tag.replace(/(^|\s)(\w)/g, (_, __: string, letter: string) => letter.toUpperCase())}Routes`;

/** A controller per group of the route table, in the table's order (the document's order). */
export const tableControllers = (table: readonly RouteGroup[] = ROUTE_TABLE): Type[] =>
  table.map((group, index) => controllerOf(group, `${controllerName(group)}${index}`));
