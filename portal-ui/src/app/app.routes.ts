import type { Routes } from '@angular/router';

// Routes render only inside an active session (see App). Each feature loads on demand.
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () => import('./messages/message-list').then((m) => m.MessageList),
  },
  { path: '**', redirectTo: '' },
];
