import { describe, expect, it } from 'vitest';
import { exampleFromSchema } from './example-from-schema';

describe('example payloads derived from a JSON Schema', () => {
  it('fills every property of an object with a value of its type', () => {
    expect(
      exampleFromSchema({
        type: 'object',
        properties: {
          invoiceId: { type: 'string' },
          amount: { type: 'integer', minimum: 1 },
          paid: { type: 'boolean' },
          paidAt: { type: 'string', format: 'date-time' },
          lines: {
            type: 'array',
            items: { type: 'object', properties: { sku: { type: 'string' } } },
          },
        },
      }),
    ).toEqual({
      invoiceId: 'string',
      amount: 1,
      paid: false,
      paidAt: '2026-01-01T00:00:00Z',
      lines: [{ sku: 'string' }],
    });
  });

  it('prefers the examples, default, const and enum the schema gives', () => {
    expect(exampleFromSchema({ type: 'string', examples: ['inv_123'] })).toBe('inv_123');
    expect(exampleFromSchema({ type: 'string', enum: ['eur', 'usd'] })).toBe('eur');
    expect(exampleFromSchema({ type: 'integer', default: 42 })).toBe(42);
  });

  it("takes OpenAPI's `example`, for the whole payload or a field, over a placeholder", () => {
    expect(
      exampleFromSchema({
        type: 'object',
        properties: { currency: { type: 'string' } },
        example: { currency: 'EUR', amount: 1999 },
      }),
    ).toEqual({ currency: 'EUR', amount: 1999 });
    expect(
      exampleFromSchema({
        type: 'object',
        properties: { currency: { type: 'string', example: 'EUR' }, paid: { type: 'boolean' } },
      }),
    ).toEqual({ currency: 'EUR', paid: false });
  });

  it('ends on a recursive schema', () => {
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node['properties'] as Record<string, unknown>)['child'] = node;
    expect(() => exampleFromSchema(node)).not.toThrow();
  });
});
