import { describe, expect, it } from 'vitest';
import { internalPath } from './route-forwarder';

describe('a service path from a route’s template', () => {
  it('puts the application found in place of the path’s id or uid', () => {
    const path = internalPath(
      '/internal/apps/{appId}/endpoints/{endpointId}',
      { appId: 'acme', endpointId: 'ep_1' },
      { id: 'app_2' },
    );
    expect(path).toBe('/internal/apps/app_2/endpoints/ep_1');
  });

  it('encodes what the caller wrote, so it stays one path segment', () => {
    const path = internalPath('/internal/event-types/{name}', { name: '../apps/x?y=1#z' }, null);
    expect(path).toBe('/internal/event-types/..%2Fapps%2Fx%3Fy%3D1%23z');
  });

  it('passes an application key through, encoded, when the route resolves none', () => {
    expect(internalPath('/internal/apps/{appId}', { appId: 'a/b' }, null)).toBe(
      '/internal/apps/a%2Fb',
    );
  });
});
