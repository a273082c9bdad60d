import { routeGroup } from './route-table';

/** Svix's unauthenticated health route. */
export const HEALTH_ROUTES = routeGroup({
  auth: 'none',
  tag: 'Health',
  routes: [
    {
      id: 'health',
      method: 'GET',
      path: '/api/v1/health',
      to: 'composed',
      summary: 'Is the API up (no credentials needed)',
      status: 204,
    },
  ],
});
