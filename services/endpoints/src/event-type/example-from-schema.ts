type Schema = Record<string, unknown>;

/**
 * A plausible example payload for a JSON Schema, for test sends when the operator gave none:
 * `examples`/`example` (OpenAPI's spelling, which operators' schemas often use)/`default`/
 * `const`/`enum` when present, at any depth, else a value of the declared type, objects with
 * every property. Depth-limited, so recursive schemas end.
 */
export const exampleFromSchema = (schema: unknown, depth = 0): unknown => {
  if (typeof schema !== 'object' || schema === null || depth > 8) return null;
  const s = schema as Schema;
  if (Array.isArray(s['examples']) && s['examples'].length > 0) return s['examples'][0];
  if ('example' in s) return s['example'];
  if ('default' in s) return s['default'];
  if ('const' in s) return s['const'];
  if (Array.isArray(s['enum']) && s['enum'].length > 0) return s['enum'][0];
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const options = s[key];
    if (Array.isArray(options) && options.length > 0)
      return exampleFromSchema(options[0], depth + 1);
  }
  const type = Array.isArray(s['type']) ? s['type'][0] : s['type'];
  switch (type) {
    case 'object': {
      const properties = (s['properties'] ?? {}) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(properties).map(([name, child]) => [
          name,
          exampleFromSchema(child, depth + 1),
        ]),
      );
    }
    case 'array':
      return [exampleFromSchema(s['items'], depth + 1)].filter((item) => item !== null);
    case 'string':
      return s['format'] === 'date-time'
        ? '2026-01-01T00:00:00Z'
        : s['format'] === 'email'
          ? 'user@example.com'
          : 'string';
    case 'integer':
      return typeof s['minimum'] === 'number' ? s['minimum'] : 0;
    case 'number':
      return typeof s['minimum'] === 'number' ? s['minimum'] : 0;
    case 'boolean':
      return false;
    default:
      return s['properties'] ? exampleFromSchema({ ...s, type: 'object' }, depth) : null;
  }
};
