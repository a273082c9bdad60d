import { ApplicationCreateQuery } from '../applications/application-create.query';
import { ApplicationIn } from '../applications/application-in.dto';
import { ApplicationPatch } from '../applications/application-patch.dto';
import { ApplicationOut } from '../applications/application.out';
import { ListResponseOf } from '../common/list-response.out';
import { OrderedListQuery } from '../common/ordered-list.query';
import { AuditLogEntryOut } from '../history/attempt.out';
import { AuditLogQuery } from '../history/audit-log.query';
import { routeGroup } from './route-table';

/** Management API: applications (Svix `/api/v1/app`), owned by the endpoints service. */
export const APPLICATION_ROUTES = routeGroup({
  auth: 'api-key',
  tag: 'Application',
  area: 'applications',
  routes: [
    {
      id: 'createApplication',
      method: 'POST',
      path: '/api/v1/app',
      to: { service: 'endpoints', path: '/internal/apps' },
      summary: 'Create an application',
      description:
        'With `get_if_exists=true`, an existing application with the same `uid` is answered (200) instead of a conflict.',
      body: ApplicationIn,
      query: ApplicationCreateQuery,
      // 201 when it creates one; 200 when `get_if_exists` finds one (as Svix documents both).
      ok: ApplicationOut,
      upsert: true,
      errors: { 409: 'An application with this uid exists' },
    },
    {
      // Resolving the application is the answer.
      id: 'getApplication',
      method: 'GET',
      path: '/api/v1/app/{appId}',
      app: 'path',
      to: 'composed',
      summary: 'Get an application by id or uid',
      ok: ApplicationOut,
    },
    {
      id: 'listApplications',
      method: 'GET',
      path: '/api/v1/app',
      to: { service: 'endpoints', path: '/internal/apps' },
      summary: 'List applications',
      query: OrderedListQuery,
      ok: ListResponseOf(ApplicationOut),
    },
    {
      // By the path's id or uid: PUT creates the application when none has it.
      id: 'updateApplication',
      method: 'PUT',
      path: '/api/v1/app/{appId}',
      to: { service: 'endpoints', path: '/internal/apps/{appId}' },
      summary: 'Replace an application, or create it when absent',
      body: ApplicationIn,
      ok: ApplicationOut,
      upsert: true,
    },
    {
      id: 'patchApplication',
      method: 'PATCH',
      path: '/api/v1/app/{appId}',
      to: { service: 'endpoints', path: '/internal/apps/{appId}' },
      summary: 'Change some fields of an application',
      body: ApplicationPatch,
      ok: ApplicationOut,
    },
    {
      id: 'deleteApplication',
      method: 'DELETE',
      path: '/api/v1/app/{appId}',
      to: { service: 'endpoints', path: '/internal/apps/{appId}' },
      summary: 'Delete an application and its endpoints',
      status: 204,
    },
    {
      id: 'getAuditLog',
      method: 'GET',
      path: '/api/v1/app/{appId}/audit-log',
      app: 'path',
      to: { service: 'endpoints', path: '/internal/apps/{appId}/audit-log' },
      summary: 'The application’s audit log, newest first',
      query: AuditLogQuery,
      ok: ListResponseOf(AuditLogEntryOut),
    },
  ],
});
