import { ListResponseOf } from '../common/list-response.out';
import {
  BackgroundTaskOut,
  BackgroundTaskQuery,
  ReplayIn,
  ReplayOut,
} from '../background-tasks/background-task.dto';
import { routeGroup } from './route-table';

/**
 * Management API: Svix's replay-missing and the background tasks that recover and replay
 * answer, owned by delivery. Endpoint operations: the `endpoints` area.
 */
export const BACKGROUND_TASK_ROUTES = routeGroup({
  auth: 'api-key',
  tag: 'Background task',
  area: 'endpoints',
  routes: [
    {
      id: 'replayMissing',
      method: 'POST',
      path: '/api/v1/app/{appId}/endpoint/{endpointId}/replay-missing',
      app: 'path',
      to: {
        service: 'delivery',
        path: '/internal/apps/{appId}/endpoints/{endpointId}/replay-missing',
        readsYourWrites: true,
      },
      summary: 'Send the endpoint every message since a time that it has not received',
      description:
        'Messages the endpoint subscribes to and never had (e.g. sent before it was created) are queued to it as manual attempts, at most 50,000 a call (`data.more` on the task says to call again). Answers the task, already finished, with `data.messagesSent`.',
      body: ReplayIn,
      status: 202,
      ok: ReplayOut,
    },
    {
      id: 'listBackgroundTasks',
      method: 'GET',
      path: '/api/v1/background-task',
      to: { service: 'delivery', path: '/internal/background-tasks' },
      summary: 'List recover and replay tasks, newest first',
      query: BackgroundTaskQuery,
      ok: ListResponseOf(BackgroundTaskOut),
    },
    {
      id: 'getBackgroundTask',
      method: 'GET',
      path: '/api/v1/background-task/{taskId}',
      to: { service: 'delivery', path: '/internal/background-tasks/{taskId}' },
      summary: 'Get a background task',
      ok: BackgroundTaskOut,
    },
  ],
});
