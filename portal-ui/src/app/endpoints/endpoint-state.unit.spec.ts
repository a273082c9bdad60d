import { describe, expect, it } from 'vitest';

import { endpointStateText, nextTryAt } from './endpoint-state';
import type { PortalEndpointHealth } from './endpoints-api';

const health = (overrides: Partial<PortalEndpointHealth>): PortalEndpointHealth => ({
  endpointId: 'ep_1',
  circuit: 'closed',
  nextProbeAt: null,
  consecutiveFailures: 0,
  health: 'healthy',
  healthReason: null,
  ...overrides,
});

describe("an endpoint's state as its page tells it", () => {
  it('is enabled when enabled with a closed circuit, or with no health yet', () => {
    expect(endpointStateText({ disabled: false }, undefined).label).toBe('endpoints.enabled');
    expect(endpointStateText({}, health({ health: 'failing' })).label).toBe('endpoints.enabled');
  });

  it('is paused, until the next probe, while the circuit is open', () => {
    const state = endpointStateText(
      { disabled: false },
      health({ circuit: 'open', nextProbeAt: '2026-01-01T10:00:00.000Z', consecutiveFailures: 5 }),
    );
    expect(state).toMatchObject({
      label: 'endpoints.state.paused',
      pausedUntil: '2026-01-01T10:00:00.000Z',
      isPaused: true,
      detail: { key: 'endpoints.state.pausedDetail', params: { count: 5 } },
    });
  });

  it('says why delivery disabled it: a 410, or every attempt failing past the policy', () => {
    const gone = endpointStateText(
      { disabled: true },
      health({ health: 'disabled', healthReason: '410 Gone' }),
    );
    expect(gone.detail?.key).toBe('endpoints.state.disabledGone');
    const failing = endpointStateText(
      { disabled: true },
      health({ health: 'disabled', healthReason: 'every attempt failed for 120 h' }),
    );
    expect(failing.detail).toEqual({
      key: 'endpoints.state.disabledFailing',
      params: { hours: '120' },
    });
    const other = endpointStateText(
      { disabled: true },
      health({ health: 'disabled', healthReason: 'odd' }),
    );
    expect(other.detail).toEqual({
      key: 'endpoints.state.disabledOther',
      params: { reason: 'odd' },
    });
  });

  it('gives no reason for an endpoint a person disabled', () => {
    const state = endpointStateText(
      { disabled: true },
      health({ health: 'failing', healthReason: 'x' }),
    );
    expect(state).toMatchObject({ label: 'endpoints.disabled', detail: null, isDisabled: true });
  });

  it('tries a waiting delivery at its retry time, or at the next probe when that is later', () => {
    const retry = '2026-01-01T10:00:00.000Z';
    expect(nextTryAt(retry, null)).toBe(retry);
    expect(nextTryAt(retry, '2026-01-01T11:00:00.000Z')).toBe('2026-01-01T11:00:00.000Z');
    expect(nextTryAt(retry, '2026-01-01T09:00:00.000Z')).toBe(retry);
    expect(nextTryAt(null, '2026-01-01T09:00:00.000Z')).toBeNull();
  });
});
