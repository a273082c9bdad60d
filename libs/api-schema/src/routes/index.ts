import { APPLICATION_ROUTES } from './applications.routes';
import { BACKGROUND_TASK_ROUTES } from './background-tasks.routes';
import { ENDPOINT_ROUTES } from './endpoints.routes';
import { EVENT_TYPE_ROUTES } from './event-types.routes';
import { HEALTH_ROUTES } from './health.routes';
import { MESSAGE_ROUTES } from './messages.routes';
import { OPERATIONAL_WEBHOOK_ROUTES } from './operational-webhooks.routes';
import {
  API_KEY_ROUTES,
  LOGOUT_ROUTES,
  PORTAL_ACCESS_ROUTES,
  PORTAL_COMPAT_ROUTES,
  PORTAL_SETTINGS_ROUTES,
} from './portal-access.routes';
import { PORTAL_ROUTES, PORTAL_SESSION_ROUTES } from './portal.routes';

export * from './route-table';

/**
 * Every public operation of the management and portal APIs, declared once: the gateway mounts
 * a controller per group from it, and the OpenAPI document lists them in this order.
 */
export const ROUTE_TABLE = [
  HEALTH_ROUTES,
  APPLICATION_ROUTES,
  EVENT_TYPE_ROUTES,
  ENDPOINT_ROUTES,
  MESSAGE_ROUTES,
  BACKGROUND_TASK_ROUTES,
  LOGOUT_ROUTES,
  PORTAL_ACCESS_ROUTES,
  PORTAL_SETTINGS_ROUTES,
  PORTAL_COMPAT_ROUTES,
  API_KEY_ROUTES,
  OPERATIONAL_WEBHOOK_ROUTES,
  PORTAL_SESSION_ROUTES,
  PORTAL_ROUTES,
] as const;

type TableRoute = (typeof ROUTE_TABLE)[number]['routes'][number];

/** The operations the gateway answers with its own code rather than forwarding. */
export type ComposedOperationId = Extract<TableRoute, { to: 'composed' }>['id'];
