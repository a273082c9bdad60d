import { describe, expect, it } from 'vitest';
import { parseEnvelope } from './envelope';

const valid = {
  id: 'evt_1',
  type: 'endpoint.created',
  schemaVersion: 1,
  streamId: 'ep_1',
  streamPosition: 1,
  globalPosition: '10',
  applicationId: 'app_1',
  occurredAt: '2026-01-01T00:00:00.000Z',
  correlationId: null,
  causationId: null,
  actor: { kind: 'system', id: 'test' },
  data: { endpointId: 'ep_1' },
};

describe('parseEnvelope', () => {
  it('accepts a well-formed envelope', () => {
    const result = parseEnvelope(JSON.stringify(valid));
    expect(result.ok && result.envelope.id).toBe('evt_1');
  });

  it('refuses text that is not JSON, with the reason', () => {
    expect(parseEnvelope('{oops')).toEqual({ ok: false, reason: 'not JSON' });
  });

  it('refuses an envelope without a type', () => {
    const { type: _type, ...missing } = valid;
    expect(parseEnvelope(JSON.stringify(missing))).toMatchObject({ ok: false });
  });

  it('refuses an envelope whose data is not an object', () => {
    expect(parseEnvelope(JSON.stringify({ ...valid, data: 'x' }))).toEqual({
      ok: false,
      reason: 'data',
    });
  });
});
