import type { Database, Sql } from '../database/database';
import { runDataMigration } from '../database/migrations';
import { SEALED_SHAPE, type SecretBox } from './secret-box';
import { sealHeaderValues } from './sealed-headers';

/** Where a service keeps header maps: a jsonb column, or a key inside one (events' `data`). */
export interface StoredHeaders {
  /** Schema-qualified table, e.g. `logs.attempts`. */
  table: string;
  /** A unique column that orders the rows (the walk is keyset-paged on it). */
  key: string;
  column: string;
  /** The map's key inside the column, e.g. `headers` of an event's data. */
  field?: string;
  /** A filter on the rows, e.g. the event types that carry headers. */
  where?: string;
  /** Header names whose values stay clear (Hookport's own, in attempt records). */
  keepClear?: ReadonlySet<string>;
}

const PAGE = 500;

/**
 * Seals, in place, every header value written before values were sealed: the rows holding a
 * value not of the sealed shape are read page by page in key order and written back sealed.
 * Returns how many rows changed.
 */
export const sealStoredHeaderValues = async (
  sql: Sql,
  box: SecretBox,
  target: StoredHeaders,
): Promise<number> => {
  const map = target.field ? `${target.column} -> '${target.field}'` : target.column;
  const keepClear = target.keepClear ?? new Set<string>();
  let changed = 0;
  let after: string | null = null;
  for (;;) {
    const page: { rows: { key: string; headers: Record<string, string> }[] } = await sql.query(
      `SELECT ${target.key}::text AS key, ${map} AS headers FROM ${target.table}
        WHERE (${target.where ?? 'true'}) ${after === null ? '' : `AND ${target.key} > $3`}
          AND jsonb_typeof(${map}) = 'object'
          AND EXISTS (SELECT 1 FROM jsonb_each_text(${map}) AS h(name, value)
                       WHERE NOT lower(h.name) = ANY($1::text[]) AND h.value !~ $2)
        ORDER BY ${target.key} LIMIT ${PAGE}`,
      after === null
        ? [[...keepClear], SEALED_SHAPE.source]
        : [[...keepClear], SEALED_SHAPE.source, after],
    );
    const { rows } = page;
    for (const row of rows) {
      const sealed = JSON.stringify(sealHeaderValues(box, row.headers, keepClear));
      await sql.query(
        `UPDATE ${target.table}
            SET ${target.column} = ${
              target.field
                ? `jsonb_set(${target.column}, '{${target.field}}', $2::jsonb)`
                : '$2::jsonb'
            }
          WHERE ${target.key}::text = $1`,
        [row.key, sealed],
      );
    }
    changed += rows.length;
    if (rows.length < PAGE) return changed;
    after = rows[rows.length - 1]!.key;
  }
};

/** The data migration that seals what a release before header sealing stored, by its name. */
export const SEAL_HEADER_VALUES_MIGRATION = 'data_0001_seal_header_values';

/** Seals the service's stored header values once per installation (see runDataMigration). */
export const sealStoredHeaderValuesOnce = (
  db: Database,
  service: string,
  box: SecretBox,
  places: StoredHeaders[],
): Promise<boolean> =>
  runDataMigration(db, service, SEAL_HEADER_VALUES_MIGRATION, async (sql) => {
    for (const place of places) await sealStoredHeaderValues(sql, box, place);
  });
