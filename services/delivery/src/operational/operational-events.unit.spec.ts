import { describe, expect, it } from 'vitest';
import {
  OPERATIONAL_APP_ID,
  type Actor,
  type DeliveryAttemptedV1,
  type EndpointCreatedV1,
} from '@hookport/contracts';
import {
  concernsOperationalWebhooks,
  operationalMessagesOf,
  type OperationalNames,
  type OperationalConcern,
} from './operational-events';

const names = (disabled = false): OperationalNames => ({
  appUid: (appId) => (appId === 'app_1' ? 'acme' : null),
  endpoint: (endpointId) => (endpointId === 'ep_1' ? { uid: 'orders', disabled } : null),
  messageEventId: (messageId) => (messageId === 'msg_1' ? 'order-1042' : null),
});

const envelope = (type: string, data: unknown, actor: Actor = { kind: 'api-key', id: 'key' }) =>
  ({
    id: 'evt_1',
    type,
    schemaVersion: 1,
    streamId: 's',
    streamPosition: 2,
    globalPosition: '9',
    applicationId: (data as { appId: string }).appId,
    occurredAt: '2026-12-01T10:00:00.000Z',
    correlationId: null,
    causationId: null,
    actor,
    data,
  }) as OperationalConcern;

const endpoint = (disabled: boolean, appId = 'app_1'): EndpointCreatedV1 => ({
  endpointId: 'ep_1',
  appId,
  url: 'https://example.com/hook',
  description: '',
  uid: 'orders',
  version: 1,
  filterTypes: null,
  channels: null,
  rateLimit: null,
  disabled,
  headers: {},
  metadata: {},
  secrets: [],
});

const attempt = (changes: Partial<DeliveryAttemptedV1>): DeliveryAttemptedV1 => ({
  attemptId: 'atmpt_1',
  messageId: 'msg_1',
  endpointId: 'ep_1',
  appId: 'app_1',
  attemptNumber: 1,
  trigger: 'scheduled',
  url: 'https://example.com/hook',
  requestHeaders: {},
  responseStatus: 500,
  responseHeaders: {},
  responseBody: '',
  durationMs: 5,
  errorClass: 'http-status',
  errorMessage: null,
  succeeded: false,
  deliveryStatus: 'retrying',
  nextAttemptAt: null,
  attemptedAt: '2026-12-01T10:00:00.000Z',
  ...changes,
});

const ids = { appId: 'app_1', appUid: 'acme', endpointId: 'ep_1', endpointUid: 'orders' };
const typesOf = (event: OperationalConcern, disabled = false) =>
  operationalMessagesOf(event, names(disabled)).map((message) => message.eventType);

describe('operationalMessagesOf', () => {
  it('announces an endpoint created with Svix’s payload, its event id derived from the source', () => {
    expect(operationalMessagesOf(envelope('endpoint.created', endpoint(false)), names())).toEqual([
      {
        eventId: 'evt_1.endpoint.created',
        eventType: 'endpoint.created',
        payload: { type: 'endpoint.created', data: ids },
      },
    ]);
  });

  it('announces a manual disable and an enable with the update, only on the transition', () => {
    const disabling = envelope('endpoint.updated', endpoint(true));
    expect(typesOf(disabling)).toEqual(['endpoint.updated', 'endpoint.disabled']);
    expect(operationalMessagesOf(disabling, names())[1]!.payload.data).toEqual({
      ...ids,
      failSince: null,
      trigger: 'manual',
    });
    expect(typesOf(disabling, true)).toEqual(['endpoint.updated']);
    expect(typesOf(envelope('endpoint.updated', endpoint(false)), true)).toEqual([
      'endpoint.updated',
      'endpoint.enabled',
    ]);
  });

  it('leaves Hookport’s own disabling to the health event, which knows since when it failed', () => {
    const bySystem = envelope('endpoint.updated', endpoint(true), { kind: 'system', id: 'd' });
    expect(typesOf(bySystem)).toEqual(['endpoint.updated']);
    const health = envelope('endpoint.health-changed', {
      endpointId: 'ep_1',
      appId: 'app_1',
      health: 'disabled',
      previous: 'failing',
      reason: 'every attempt failed for 120 h',
      failingSince: '2026-11-26T10:00:00.000Z',
      changedAt: '2026-12-01T10:00:00.000Z',
    });
    expect(operationalMessagesOf(health, names())[0]!.payload).toEqual({
      type: 'endpoint.disabled',
      data: { ...ids, failSince: '2026-11-26T10:00:00.000Z', trigger: 'automatic' },
    });
  });

  it('announces a delivery failing at its fourth attempt, exhausted at its last, recovered after', () => {
    expect(typesOf(envelope('delivery.attempted', attempt({ attemptNumber: 3 })))).toEqual([]);
    expect(typesOf(envelope('delivery.attempted', attempt({ attemptNumber: 4 })))).toEqual([
      'message.attempt.failing',
    ]);
    const last = envelope(
      'delivery.attempted',
      attempt({ attemptNumber: 2, deliveryStatus: 'failed', responseStatus: null }),
    );
    expect(operationalMessagesOf(last, names())[0]!.payload).toEqual({
      type: 'message.attempt.exhausted',
      data: {
        appId: 'app_1',
        appUid: 'acme',
        msgId: 'msg_1',
        msgEventId: 'order-1042',
        endpointId: 'ep_1',
        lastAttempt: {
          id: 'atmpt_1',
          responseStatusCode: 0,
          timestamp: '2026-12-01T10:00:00.000Z',
        },
      },
    });
    const success = { succeeded: true, deliveryStatus: 'succeeded' as const, responseStatus: 200 };
    expect(
      typesOf(envelope('delivery.attempted', attempt({ ...success, attemptNumber: 1 }))),
    ).toEqual([]);
    expect(
      typesOf(envelope('delivery.attempted', attempt({ ...success, attemptNumber: 5 }))),
    ).toEqual(['message.attempt.recovered']);
  });

  it('announces nothing of test sends nor of the operational endpoints’ own application', () => {
    const test = attempt({ trigger: 'test', deliveryStatus: 'failed' });
    expect(typesOf(envelope('delivery.attempted', test))).toEqual([]);
    expect(typesOf(envelope('endpoint.created', endpoint(false, OPERATIONAL_APP_ID)))).toEqual([]);
    const own = attempt({ appId: OPERATIONAL_APP_ID, deliveryStatus: 'failed' });
    expect(typesOf(envelope('delivery.attempted', own))).toEqual([]);
  });

  it('reads only the attempts that announce something, and every name change', () => {
    const success = attempt({ succeeded: true, deliveryStatus: 'succeeded', responseStatus: 200 });
    expect(concernsOperationalWebhooks(envelope('delivery.attempted', success))).toBe(false);
    expect(concernsOperationalWebhooks(envelope('delivery.attempted', attempt({})))).toBe(false);
    const exhausted = attempt({ deliveryStatus: 'failed' });
    expect(concernsOperationalWebhooks(envelope('delivery.attempted', exhausted))).toBe(true);
    const renamed = envelope('application.updated', { appId: 'app_1', uid: 'acme-2' });
    expect(concernsOperationalWebhooks(renamed)).toBe(true);
    const own = envelope('endpoint.updated', endpoint(true, OPERATIONAL_APP_ID));
    expect(concernsOperationalWebhooks(own)).toBe(false);
  });
});
