import { describe, expect, it } from 'vitest';

import { formProblems } from './form-problems';

const refused = (status: number, errors: { field: string; message: string }[] = []) => ({
  status,
  error: {
    type: 'https://hookport.dev/problems/validation',
    title: 'x',
    status,
    detail: 'd',
    errors,
  },
});

const FIELDS = { url: 'errors.field.url', headers: 'errors.field.headers' } as const;

describe('formProblems', () => {
  it('puts a known code beside its field, in words, with nothing above the form', () => {
    const problems = formProblems(
      refused(422, [{ field: 'url', message: 'endpoint-address-not-allowed' }]),
      FIELDS,
      'endpoints.create.failed',
    );
    expect(problems).toEqual({
      fields: { url: 'errors.code.addressNotAllowed' },
      summary: null,
    });
  });

  it("falls back to the field's own message for a validator's sentence", () => {
    const problems = formProblems(
      refused(422, [
        { field: 'url', message: 'url must be a URL address' },
        { field: 'url', message: 'url must be shorter than 2048 characters' },
      ]),
      FIELDS,
      'endpoints.create.failed',
    );
    expect(problems.fields).toEqual({ url: 'errors.field.url' });
  });

  it('names the form field of a nested path (a header by name)', () => {
    const problems = formProblems(
      refused(422, [{ field: 'headers.webhook-id', message: 'endpoint-reserved-header' }]),
      FIELDS,
      'endpoints.create.failed',
    );
    expect(problems.fields).toEqual({ headers: 'errors.code.reservedHeader' });
  });

  it('says above the form what names no field of it, and what the status means', () => {
    expect(
      formProblems(
        refused(422, [{ field: 'uid', message: 'x' }]),
        FIELDS,
        'endpoints.create.failed',
      ).summary,
    ).toBe('endpoints.create.failed');
    expect(formProblems(refused(403), FIELDS, 'endpoints.create.failed').summary).toBe(
      'errors.status.forbidden',
    );
    expect(formProblems(refused(503), FIELDS, 'endpoints.create.failed').summary).toBe(
      'errors.status.server',
    );
    expect(formProblems(new Error('offline'), FIELDS, 'endpoints.create.failed').summary).toBe(
      'errors.network',
    );
  });

  it('says a known code above the form when its field is not in the form', () => {
    expect(
      formProblems(
        refused(422, [{ field: 'filterTypes', message: 'endpoint-unknown-event-type' }]),
        FIELDS,
        'endpoints.create.failed',
      ),
    ).toEqual({ fields: {}, summary: 'errors.code.unknownEventType' });
  });
});
