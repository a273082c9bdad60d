import { ListResponseOf } from '../common/list-response.out';
import { EventTypeImportIn, EventTypeIn, EventTypePatch } from '../event-types/event-type-in.dto';
import { EventTypeListQuery } from '../event-types/event-type-list.query';
import {
  EventTypeExportOut,
  EventTypeImportOut,
  EventTypeOut,
} from '../event-types/event-type.out';
import { routeGroup } from './route-table';

/** Management API: the event-type catalogue (Svix `/api/v1/event-type`), owned by endpoints. */
export const EVENT_TYPE_ROUTES = routeGroup({
  auth: 'api-key',
  tag: 'Event type',
  area: 'event-types',
  routes: [
    {
      id: 'createEventType',
      method: 'POST',
      path: '/api/v1/event-type',
      to: { service: 'endpoints', path: '/internal/event-types' },
      summary: 'Create an event type',
      body: EventTypeIn,
      status: 201,
      ok: EventTypeOut,
      errors: { 409: 'The event type exists' },
    },
    {
      id: 'listEventTypes',
      method: 'GET',
      path: '/api/v1/event-type',
      to: { service: 'endpoints', path: '/internal/event-types' },
      summary: 'List the event catalogue',
      query: EventTypeListQuery,
      ok: ListResponseOf(EventTypeOut),
    },
    {
      // The whole catalogue as JSON, for another installation's import.
      id: 'exportEventTypes',
      method: 'GET',
      path: '/api/v1/event-type/export',
      to: { service: 'endpoints', path: '/internal/event-types/export' },
      summary: 'Export the whole catalogue',
      ok: EventTypeExportOut,
    },
    {
      id: 'importEventTypes',
      method: 'POST',
      path: '/api/v1/event-type/import',
      to: { service: 'endpoints', path: '/internal/event-types/import' },
      summary: 'Create or update many event types',
      body: EventTypeImportIn,
      ok: EventTypeImportOut,
    },
    {
      id: 'getEventType',
      method: 'GET',
      path: '/api/v1/event-type/{name}',
      to: { service: 'endpoints', path: '/internal/event-types/{name}' },
      summary: 'Get an event type',
      ok: EventTypeOut,
    },
    {
      id: 'patchEventType',
      method: 'PATCH',
      path: '/api/v1/event-type/{name}',
      to: { service: 'endpoints', path: '/internal/event-types/{name}' },
      summary: 'Change some fields of an event type',
      body: EventTypePatch,
      ok: EventTypeOut,
    },
    {
      id: 'updateEventType',
      method: 'PUT',
      path: '/api/v1/event-type/{name}',
      to: { service: 'endpoints', path: '/internal/event-types/{name}' },
      summary: 'Create or replace an event type',
      body: EventTypeIn,
      ok: EventTypeOut,
      upsert: true,
    },
    {
      id: 'deleteEventType',
      method: 'DELETE',
      path: '/api/v1/event-type/{name}',
      to: { service: 'endpoints', path: '/internal/event-types/{name}' },
      summary: 'Archive an event type (as Svix does; `expunge` is accepted and archives too)',
      description:
        'An archived type is no longer listed nor subscribable; messages of it are still accepted, ' +
        'and it comes back with PATCH `{ "archived": false }`.',
      status: 204,
    },
  ],
});
