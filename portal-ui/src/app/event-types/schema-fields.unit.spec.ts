import { describe, expect, it } from 'vitest';

import { newestSchema, schemaFields } from './schema-fields';

describe("an event type's field table", () => {
  it('lists every field with its type, whether it is required and its description, required first', () => {
    const fields = schemaFields({
      type: 'object',
      required: ['invoiceId'],
      properties: {
        invoiceId: { type: 'string', description: 'The invoice' },
        paidAt: { type: 'string', format: 'date-time' },
        customer: {
          type: 'object',
          required: ['email'],
          properties: { email: { type: 'string', format: 'email' } },
        },
        lines: {
          type: 'array',
          items: { type: 'object', properties: { sku: { type: 'string' } } },
        },
        status: { enum: ['paid', 'void'] },
      },
    });
    expect(fields).toEqual([
      { path: 'invoiceId', type: 'string', isRequired: true, description: 'The invoice' },
      { path: 'customer', type: 'object', isRequired: false, description: '' },
      { path: 'customer.email', type: 'string (email)', isRequired: true, description: '' },
      { path: 'lines', type: 'array', isRequired: false, description: '' },
      { path: 'lines[].sku', type: 'string', isRequired: false, description: '' },
      { path: 'paidAt', type: 'string (date-time)', isRequired: false, description: '' },
      { path: 'status', type: 'enum', isRequired: false, description: '' },
    ]);
  });

  it('ends on a recursive schema and lists nothing for no schema', () => {
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node['properties'] as Record<string, unknown>)['child'] = node;
    expect(schemaFields(node).length).toBeGreaterThan(0);
    expect(schemaFields(undefined)).toEqual([]);
  });

  it('reads the newest schema version by number, not as text', () => {
    expect(newestSchema({ '2': 'two', '10': 'ten', '9': 'nine' })).toBe('ten');
    expect(newestSchema({})).toBeUndefined();
  });
});
