/** One field of an event's payload, as the catalogue's field table lists it. */
export interface SchemaField {
  /** Dotted path from the payload's top, `[]` for an array's items: `lines[].sku`. */
  path: string;
  /** The JSON Schema type(s), with the format when given: `string (date-time)`. */
  type: string;
  isRequired: boolean;
  description: string;
}

type Schema = Record<string, unknown>;

const MAX_DEPTH = 6;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const typeOf = (schema: Schema): string => {
  const declared = schema['type'];
  const names = Array.isArray(declared)
    ? declared.map(String)
    : typeof declared === 'string'
      ? [declared]
      : Array.isArray(schema['enum'])
        ? ['enum']
        : schema['properties']
          ? ['object']
          : [];
  const format = typeof schema['format'] === 'string' ? ` (${schema['format']})` : '';
  return names.length ? `${names.join(' | ')}${format}` : '—';
};

/**
 * The fields of a JSON Schema for a table: every property, nested objects and array items
 * flattened into dotted paths under their parent; at each level required fields first, then by
 * name (the catalogue stores schemas as jsonb, which does not keep the order they were written
 * in). Depth-limited, so recursive schemas end.
 */
export function schemaFields(schema: unknown): SchemaField[] {
  const fields: SchemaField[] = [];
  const walk = (node: Schema, prefix: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const properties = isSchema(node['properties']) ? node['properties'] : {};
    const required = new Set(Array.isArray(node['required']) ? node['required'].map(String) : []);
    const ordered = Object.entries(properties).sort(
      ([a], [b]) => Number(required.has(b)) - Number(required.has(a)) || a.localeCompare(b),
    );
    for (const [name, child] of ordered) {
      if (!isSchema(child)) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      fields.push({
        path,
        type: typeOf(child),
        isRequired: required.has(name),
        description: typeof child['description'] === 'string' ? child['description'] : '',
      });
      walk(child, path, depth + 1);
      if (isSchema(child['items'])) walk(child['items'], `${path}[]`, depth + 1);
    }
  };
  if (isSchema(schema)) walk(schema, '', 0);
  return fields;
}

/** The newest version's schema of an event type (versions are whole numbers). */
export function newestSchema(schemas: Record<string, unknown> | null | undefined): unknown {
  const versions = Object.keys(schemas ?? {}).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : schemas?.[versions[0]];
}
