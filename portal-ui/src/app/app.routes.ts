import type { Routes } from '@angular/router';

const messages = () => import('./messages/message-list').then((m) => m.MessageList);

// Routes render only inside an active session (see App). Each feature loads on demand.
export const routes: Routes = [
  // The delivery log opens first: it answers "did my webhooks arrive?" at a glance.
  { path: '', pathMatch: 'full', loadComponent: messages },
  { path: 'messages', loadComponent: messages },
  {
    path: 'messages/:id',
    loadComponent: () => import('./messages/message-detail').then((m) => m.MessageDetail),
  },
  {
    path: 'endpoints',
    loadComponent: () => import('./endpoints/endpoint-list').then((m) => m.EndpointList),
  },
  {
    path: 'endpoints/new',
    loadComponent: () => import('./endpoints/endpoint-create').then((m) => m.EndpointCreate),
  },
  {
    path: 'endpoints/:id/edit',
    loadComponent: () => import('./endpoints/endpoint-create').then((m) => m.EndpointCreate),
  },
  {
    path: 'endpoints/:id',
    loadComponent: () => import('./endpoints/endpoint-detail').then((m) => m.EndpointDetail),
  },
  {
    path: 'event-types',
    loadComponent: () => import('./event-types/event-type-list').then((m) => m.EventTypeList),
  },
  { path: 'activity', loadComponent: () => import('./audit/audit-log').then((m) => m.AuditLog) },
  { path: '**', redirectTo: '' },
];
