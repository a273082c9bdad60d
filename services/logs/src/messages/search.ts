/**
 * The delivery log's `search`: a message id or event id exactly, or text in the payload
 * (case-insensitive, served by the trigram index where pg_trgm is installed). Payload search
 * needs 3 characters, what a trigram index can use.
 */
export const searchCondition = (alias: string, termParam: string, likeParam: string) =>
  `(${termParam}::text IS NULL OR ${alias}.id = ${termParam} OR ${alias}.event_id = ${termParam}
    OR (${likeParam}::text IS NOT NULL AND ${alias}.payload ILIKE ${likeParam}))`;

export const likePatternOf = (term: string | undefined): string | null =>
  term && term.length >= 3 ? `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
