import type { MessageOut } from '@hookport/contracts';
import type { Sql } from '@hookport/platform';

interface MessageRow {
  id: string;
  event_type: string;
  event_id: string | null;
  payload: string;
  channels: string[] | null;
  tags: string[] | null;
  created_at: Date;
}

export const toMessageOut = (row: MessageRow): MessageOut => ({
  id: row.id,
  eventId: row.event_id,
  eventType: row.event_type,
  payload: JSON.parse(row.payload) as unknown,
  channels: row.channels,
  tags: row.tags,
  timestamp: row.created_at.toISOString(),
});

export const findMessage = async (
  sql: Sql,
  appId: string,
  id: string,
): Promise<MessageOut | null> => {
  const { rows } = await sql.query<MessageRow>(
    'SELECT * FROM delivery.messages WHERE app_id = $1 AND id = $2',
    [appId, id],
  );
  return rows[0] ? toMessageOut(rows[0]) : null;
};
