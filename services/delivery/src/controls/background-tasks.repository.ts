import { newId } from '@hookport/contracts';
import { HookportError, type Sql } from '@hookport/platform';
import type {
  BackgroundTaskOut,
  BackgroundTaskQuery,
  BackgroundTaskStatus,
  BackgroundTaskType,
} from '@hookport/api-schema';

interface TaskRow {
  id: string;
  task: BackgroundTaskType;
  status: BackgroundTaskStatus;
  data: Record<string, unknown>;
  updated_at: Date;
}

const toTaskOut = (row: TaskRow): BackgroundTaskOut => ({
  id: row.id,
  status: row.status,
  task: row.task,
  data: row.data,
  updatedAt: row.updated_at.toISOString(),
});

/**
 * Svix's background tasks as durable rows. Hookport's recover and replay do their work within
 * the call, in the transaction that records the task: a task is written finished with what it
 * did, and reads the same after a restart.
 */
export const recordFinishedTask = async (
  sql: Sql,
  task: { appId: string; endpointId: string; type: BackgroundTaskType },
  data: Record<string, unknown>,
): Promise<BackgroundTaskOut> => {
  const { rows } = await sql.query<TaskRow>(
    `INSERT INTO delivery.background_tasks (id, app_id, endpoint_id, task, status, data)
     VALUES ($1, $2, $3, $4, 'finished', $5) RETURNING id, task, status, data, updated_at`,
    [newId('backgroundTask'), task.appId, task.endpointId, task.type, JSON.stringify(data)],
  );
  return toTaskOut(rows[0]!);
};

export const findTask = async (sql: Sql, taskId: string): Promise<BackgroundTaskOut> => {
  const { rows } = await sql.query<TaskRow>(
    `SELECT id, task, status, data, updated_at FROM delivery.background_tasks WHERE id = $1`,
    [taskId],
  );
  if (!rows[0]) throw new HookportError('notFound', `Background task ${taskId} not found`);
  return toTaskOut(rows[0]);
};

/** Every application's tasks (Svix lists the organisation's), newest first unless asked. */
export const listTasks = async (sql: Sql, query: BackgroundTaskQuery) => {
  const ascending = query.order === 'ascending';
  const { rows } = await sql.query<TaskRow>(
    `SELECT id, task, status, data, updated_at FROM delivery.background_tasks
      WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR task = $2)
        AND ($3::text IS NULL OR id ${ascending ? '>' : '<'} $3)
      ORDER BY id ${ascending ? 'ASC' : 'DESC'} LIMIT $4`,
    [query.status ?? null, query.task ?? null, query.iterator ?? null, query.limit + 1],
  );
  const page = rows.slice(0, query.limit).map(toTaskOut);
  const done = rows.length <= query.limit;
  return {
    data: page,
    iterator: done ? null : (page.at(-1)?.id ?? null),
    prevIterator: null,
    done,
  };
};
