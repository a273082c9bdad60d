import type { EventEnvelope, EventTypeV1, ListResponse } from '@hookport/contracts';
import { keysetPage, keysetWindow, type ListOrder, type Sql } from '@hookport/platform';
import type { EventTypeOut } from '@hookport/api-schema';

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

/** Writes an event type's appended change onto its catalogue row, in the same transaction. */
export const projectEventType = async (
  sql: Sql,
  data: EventTypeV1,
  stored: EventEnvelope,
): Promise<void> => {
  await sql.query(
    `INSERT INTO endpoints.event_types
       (name, description, group_name, schemas, example, deprecated, archived, stream_version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
     ON CONFLICT (name) DO UPDATE SET
       description = EXCLUDED.description, group_name = EXCLUDED.group_name,
       schemas = EXCLUDED.schemas, example = EXCLUDED.example, deprecated = EXCLUDED.deprecated,
       archived = EXCLUDED.archived, stream_version = EXCLUDED.stream_version,
       updated_at = EXCLUDED.updated_at`,
    [
      data.name,
      data.description,
      data.groupName,
      JSON.stringify(data.schemas),
      JSON.stringify(data.example ?? null),
      data.deprecated,
      data.archived,
      stored.streamPosition,
      stored.occurredAt,
    ],
  );
};

/** The names among `names` that are in the catalogue and not archived. */
export const findActiveEventTypeNames = async (sql: Sql, names: string[]): Promise<string[]> => {
  const { rows } = await sql.query<{ name: string }>(
    'SELECT name FROM endpoints.event_types WHERE name = ANY($1) AND NOT archived',
    [names],
  );
  return rows.map((row) => row.name);
};
