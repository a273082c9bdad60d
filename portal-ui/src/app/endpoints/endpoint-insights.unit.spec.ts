import { describe, expect, it } from 'vitest';

import { actorLabel } from '../audit/audit-log';
import { endpointEdits, endpointExtras, headerLines } from './endpoint-fields';
import { localInputValue } from './endpoint-recover';
import { successRate } from './stats-buckets';

describe('endpoint insights', () => {
  it('computes the success rate to a tenth of a percent, and none without attempts', () => {
    expect(successRate(2, 1)).toBe(66.7);
    expect(successRate(10, 0)).toBe(100);
    expect(successRate(0, 0)).toBeNull();
  });

  it('offers "24 hours ago" as a local datetime-local value', () => {
    const now = new Date(2026, 10, 23, 9, 5);
    expect(localInputValue(24, now)).toBe('2026-11-22T09:05');
  });

  it("names an actor by its session's metadata, else by its kind", () => {
    expect(
      actorLabel({ kind: 'portal-session', id: 'ps_1', metadata: { email: 'ada@acme.example' } }),
    ).toBe('email: ada@acme.example');
    expect(actorLabel({ kind: 'api-key', id: 'bootstrap' })).toBe('API (bootstrap)');
  });
});

describe('endpointExtras', () => {
  it('turns the optional form fields into what the API takes, leaving blanks out', () => {
    expect(endpointExtras(' eu, vip ,', '5', 'X-Team: billing\n\nX-Env:prod')).toEqual({
      channels: ['eu', 'vip'],
      rateLimit: 5,
      headers: { 'X-Team': 'billing', 'X-Env': 'prod' },
    });
    expect(endpointExtras('', ' ', '')).toEqual({});
  });
});

describe('endpointEdits', () => {
  it('clears a blank field instead of leaving it as it was', () => {
    expect(endpointEdits('', '', '')).toEqual({ channels: null, rateLimit: null, headers: {} });
  });

  it('leaves headers alone when the session could not read them', () => {
    expect(endpointEdits('eu', '3', null)).toEqual({ channels: ['eu'], rateLimit: 3 });
  });

  it('shows headers as the lines it reads back', () => {
    const lines = headerLines({ 'X-Team': 'billing', 'X-Env': 'prod' });
    expect(lines).toBe('X-Team: billing\nX-Env: prod');
    expect(endpointEdits('', '', lines).headers).toEqual({ 'X-Team': 'billing', 'X-Env': 'prod' });
  });
});
