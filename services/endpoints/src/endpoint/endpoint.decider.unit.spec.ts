import { describe, expect, it } from 'vitest';
import type { EndpointCreatedV1 } from '@hookport/contracts';
import { decideEndpoint, evolveEndpoint, initialEndpointState } from './endpoint.decider';

const created: EndpointCreatedV1 = {
  endpointId: 'ep_1',
  appId: 'app_1',
  url: 'https://example.com/hook',
  description: '',
  uid: null,
  version: 1,
  filterTypes: null,
  channels: null,
  rateLimit: null,
  disabled: false,
  headers: {},
  metadata: {},
  secrets: [{ encrypted: 'current', expiresAt: null }],
};
const active = evolveEndpoint(initialEndpointState, { type: 'endpoint.created', data: created });

describe('endpoint decider', () => {
  it('records an update that changes something, and nothing for one that changes nothing', () => {
    expect(decideEndpoint({ type: 'UpdateEndpoint', data: created }, active)).toEqual([]);
    const disabled = { ...created, disabled: true };
    expect(decideEndpoint({ type: 'UpdateEndpoint', data: disabled }, active)).toEqual([
      { type: 'endpoint.updated', data: disabled },
    ]);
  });

  it('deletes once: deleting a deleted endpoint is a no-op', () => {
    const [deleted] = decideEndpoint({ type: 'DeleteEndpoint' }, active);
    expect(deleted).toEqual({
      type: 'endpoint.deleted',
      data: { endpointId: 'ep_1', appId: 'app_1' },
    });
    const gone = evolveEndpoint(active, deleted!);
    expect(decideEndpoint({ type: 'DeleteEndpoint' }, gone)).toEqual([]);
    expect(decideEndpoint({ type: 'UpdateEndpoint', data: created }, gone)).toEqual([]);
  });

  it('keeps the previous secret valid for the grace period after a rotation', () => {
    const [rotated] = decideEndpoint(
      {
        type: 'RotateSecret',
        data: {
          newSecret: 'next',
          previousExpireAt: '2026-01-02T00:00:00.000Z',
          now: '2026-01-01T00:00:00.000Z',
        },
      },
      active,
    );
    expect(rotated).toMatchObject({
      type: 'endpoint.secret-rotated',
      data: {
        secrets: [
          { encrypted: 'next', expiresAt: null },
          { encrypted: 'current', expiresAt: '2026-01-02T00:00:00.000Z' },
        ],
      },
    });
  });

  it('drops previous secrets that expired and keeps at most ten', () => {
    let state = active;
    for (let day = 1; day <= 15; day += 1) {
      const now = new Date(Date.UTC(2026, 0, day)).toISOString();
      const [event] = decideEndpoint(
        {
          type: 'RotateSecret',
          data: {
            newSecret: `s${day}`,
            previousExpireAt: new Date(Date.UTC(2026, 1, 1)).toISOString(),
            now,
          },
        },
        state,
      );
      state = evolveEndpoint(state, event!);
    }
    expect(state.status === 'active' && state.endpoint.secrets).toHaveLength(11);
    const [zeroGrace] = decideEndpoint(
      {
        type: 'RotateSecret',
        data: {
          newSecret: 'last',
          previousExpireAt: '2026-01-20T00:00:00.000Z',
          now: '2026-01-20T00:00:00.000Z',
        },
      },
      state,
    );
    // A zero grace period leaves only the new secret.
    expect(zeroGrace!.type === 'endpoint.secret-rotated' && zeroGrace!.data.secrets).toEqual([
      { encrypted: 'last', expiresAt: null },
    ]);
  });
});
