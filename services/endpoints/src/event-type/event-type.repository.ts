import type { EventTypeOut, ListResponse } from '@hookport/contracts';
import { keysetPage, keysetWindow, type ListOrder, type Sql } from '@hookport/platform';

interface EventTypeRow {
  name: string;
  description: string;
  group_name: string | null;
  schemas: Record<string, Record<string, unknown>>;
  example: unknown;
  deprecated: boolean;
  archived: boolean;
  stream_version: number;
  created_at: Date;
  updated_at: Date;
}

const toOut = (row: EventTypeRow): EventTypeOut => ({
  name: row.name,
  description: row.description,
  groupName: row.group_name,
  schemas: row.schemas,
  example: row.example,
  deprecated: row.deprecated,
  archived: row.archived,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const findEventType = async (
  sql: Sql,
  name: string,
): Promise<{ eventType: EventTypeOut; version: number } | null> => {
  const { rows } = await sql.query<EventTypeRow>(
    'SELECT * FROM endpoints.event_types WHERE name = $1',
    [name],
  );
  return rows[0] ? { eventType: toOut(rows[0]), version: rows[0].stream_version } : null;
};

/** The catalogue by name, a keyset page at a time; archived types only when asked for. */
export const listEventTypes = async (
  sql: Sql,
  limit: number,
  iterator: string | undefined,
  includeArchived: boolean,
  order?: ListOrder,
): Promise<ListResponse<EventTypeOut>> => {
  const window = keysetWindow(order, iterator);
  const { rows } = await sql.query<EventTypeRow>(
    `SELECT * FROM endpoints.event_types
      WHERE ($1::text IS NULL OR name ${window.comparison} $1) AND ($2 OR NOT archived)
      ORDER BY name ${window.direction} LIMIT $3`,
    [window.cursor, includeArchived, limit + 1],
  );
  return keysetPage(rows, limit, window, (row) => row.name, toOut);
};
