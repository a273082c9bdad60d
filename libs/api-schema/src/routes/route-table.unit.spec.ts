import { describe, expect, it } from 'vitest';
import { ROUTE_TABLE, pathParameters, type Route } from './index';

const routes: Route[] = ROUTE_TABLE.flatMap((group) => [...group.routes]);

describe('the route table', () => {
  it('names every operation once and every method and path once', () => {
    const ids = routes.map((route) => route.id);
    const operations = routes.map((route) => `${route.method} ${route.path}`);
    expect(ids.length - new Set(ids).size).toBe(0);
    expect(operations.length - new Set(operations).size).toBe(0);
  });

  it('names the body class of every replace and change, which the owning service validates with', () => {
    for (const route of routes)
      if (route.method === 'PUT' || route.method === 'PATCH')
        expect(route.body, route.id).toBeTypeOf('function');
  });

  it('puts each API under its prefix', () => {
    for (const group of ROUTE_TABLE)
      for (const route of group.routes)
        expect(route.path, route.id).toMatch(
          group.auth === 'portal-session' ? /^\/portal-api\/v1\// : /^\/api\/v1\//,
        );
  });

  it('fills every parameter of a service path from the public path or the application found', () => {
    for (const route of routes) {
      if (route.to === 'composed') continue;
      const given = new Set(pathParameters(route.path));
      for (const parameter of pathParameters(route.to.path)) {
        const isFound = parameter === 'appId' && route.app !== undefined;
        expect(given.has(parameter) || isFound, `${route.id}: {${parameter}}`).toBe(true);
      }
    }
  });

  it('never takes a portal route’s application from the URL', () => {
    const portal = ROUTE_TABLE.filter((group) => group.auth === 'portal-session');
    for (const route of portal.flatMap((group): Route[] => [...group.routes])) {
      expect(pathParameters(route.path), route.id).not.toContain('appId');
      if (route.app !== undefined) expect(route.app, route.id).toBe('session');
    }
  });

  it('resolves a management path’s application before another service sees it', () => {
    // Only the endpoints service, which owns applications, resolves an id or uid itself.
    for (const route of routes) {
      if (route.to === 'composed' || !pathParameters(route.path).includes('appId')) continue;
      if (route.app === undefined) expect(route.to.service, route.id).toBe('endpoints');
    }
  });

  it('waits for the application’s position only where it has one', () => {
    for (const route of routes)
      if (route.to !== 'composed' && route.to.readsYourWrites)
        expect(route.app, route.id).toMatch(/^(path|session$)/);
  });

  it('waits for the caller’s endpoint changes wherever delivery acts on an endpoint', () => {
    // Resend, recover and replay to an endpoint the caller has just created or changed.
    for (const route of routes)
      if (route.to !== 'composed' && route.to.service === 'delivery' && route.method === 'POST')
        expect(route.to.readsYourWrites, route.id).toBe(true);
  });
});
