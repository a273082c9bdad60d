import type { FieldError } from '@hookport/contracts';

/**
 * What every layer behind the edge can store and process: Postgres refuses NUL in text and
 * `\u0000` in jsonb, and a lone UTF-16 surrogate cannot be encoded as UTF-8. Checked once, at
 * each service's HTTP edge, so that no such value reaches a query and comes back as a 5xx.
 */
export const MAX_JSON_DEPTH = 128;

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableString = (value: string): boolean => !UNSTORABLE.test(value);

export type JsonInputProblem =
  | { kind: 'too-deep' }
  | { kind: 'bad-string'; field: string; error: FieldError };

interface Visit {
  value: unknown;
  depth: number;
  key: string | number | null;
  parent: Visit | null;
}

const fieldOf = (visit: Visit, lastKey?: string): string => {
  const path: (string | number)[] = lastKey === undefined ? [] : [lastKey];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) path.unshift(at.key);
  return (
    path.reduce<string>(
      (joined, key) =>
        typeof key === 'number' ? `${joined}[${key}]` : joined ? `${joined}.${key}` : key,
      '',
    ) || '(body)'
  );
};

const badString = (field: string): JsonInputProblem => ({
  kind: 'bad-string',
  field,
  error: { field, message: 'must not contain NUL characters or unpaired surrogates' },
});

/**
 * The first reason a parsed JSON body cannot be stored, or null. Walks with its own stack (a
 * body nested thousands deep must not overflow the call stack) and builds a field's path only
 * for the answer: this runs on every accepted message.
 */
export const jsonInputProblem = (root: unknown): JsonInputProblem | null => {
  const stack: Visit[] = [{ value: root, depth: 0, key: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (typeof value === 'string') {
      if (!isStorableString(value)) return badString(fieldOf(visit));
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH) return { kind: 'too-deep' };
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
          stack.push({ value: value[i], depth: depth + 1, key: i, parent: visit });
      } else {
        for (const key of Object.keys(value)) {
          if (!isStorableString(key)) return badString(fieldOf(visit, key));
          stack.push({
            value: (value as Record<string, unknown>)[key],
            depth: depth + 1,
            key,
            parent: visit,
          });
        }
      }
    }
  }
  return null;
};

/** Whether a raw request URL decodes to storable text (no `%00`, valid UTF-8 escapes). */
export const isStorableUrl = (url: string): boolean => {
  try {
    return isStorableString(decodeURIComponent(url.replace(/\+/g, ' ')));
  } catch {
    return false;
  }
};
