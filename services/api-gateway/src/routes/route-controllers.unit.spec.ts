import 'reflect-metadata';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { ROUTE_TABLE, type PortalRoute } from '@hookport/api-schema';
import { LogoutAuthGuard } from '../auth/logout-auth.guard';
import { ManagementAuthGuard } from '../auth/management-auth.guard';
import { PortalAuthGuard } from '../auth/portal-auth.guard';
import { tableControllers } from './route-controllers';

const controllers = tableControllers();

/** What Nest reads from one generated handler. */
const mounted = (groupIndex: number, id: string) => {
  const prototype = controllers[groupIndex]?.prototype as Record<string, object> | undefined;
  const handler = prototype?.[id] ?? {};
  return {
    path: Reflect.getMetadata(PATH_METADATA, handler) as string,
    method: Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod,
    guards: (Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as unknown[],
    area: Reflect.getMetadata('hookport:management-area', handler) as string | undefined,
    scope: Reflect.getMetadata('hookport:required-scope', handler) as string | undefined,
  };
};

describe('controllers mounted from the route table', () => {
  it('route every entry at its method and path', () => {
    ROUTE_TABLE.forEach((group, index) => {
      for (const route of group.routes) {
        const { path, method } = mounted(index, route.id);
        expect(path, route.id).toBe(route.path.replace(/\{(\w+)\}/g, ':$1'));
        expect(method, route.id).toBe(RequestMethod[route.method]);
      }
    });
  });

  it('guard every management route with the API key and its group’s area', () => {
    ROUTE_TABLE.forEach((group, index) => {
      if (group.auth !== 'api-key') return;
      for (const route of group.routes) {
        const { guards, area } = mounted(index, route.id);
        expect(guards, route.id).toEqual([ManagementAuthGuard]);
        expect(area, route.id).toBe(group.area);
      }
    });
  });

  it('guard every portal route with the session and its scope, the code exchange alone open', () => {
    const open: string[] = [];
    ROUTE_TABLE.forEach((group, index) => {
      if (group.auth !== 'portal-session') return;
      for (const route of group.routes as readonly PortalRoute[]) {
        const { guards, scope } = mounted(index, route.id);
        if (route.scope === 'none') {
          open.push(route.id);
          expect(guards, route.id).toEqual([]);
          continue;
        }
        expect(guards, route.id).toEqual([PortalAuthGuard]);
        expect(scope, route.id).toBe(route.scope === 'any-session' ? undefined : route.scope);
      }
    });
    expect(open).toEqual(['exchangePortalCode']);
  });

  it('take an app token for Svix’s logout and nothing for health', () => {
    ROUTE_TABLE.forEach((group, index) => {
      for (const route of group.routes) {
        const { guards } = mounted(index, route.id);
        if (group.auth === 'app-token') expect(guards, route.id).toEqual([LogoutAuthGuard]);
        if (group.auth === 'none') expect(guards, route.id).toEqual([]);
      }
    });
  });
});
