import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryEvents, EventEnvelope } from '@hookport/contracts';
import { Database, runMigrations, SecretBox } from '@hookport/platform';
import { LOGS_MIGRATIONS } from '../migrations';
import { READ_MODELS } from '../rebuild/read-models.repository';
import { DeliveryHistoryProjection } from './delivery-history.projection';

const APP = 'app_projection';
const T0 = Date.parse('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

let position = 0;
const envelope = <K extends keyof DeliveryEvents>(
  type: K,
  data: DeliveryEvents[K],
  seconds: number,
): EventEnvelope<K, DeliveryEvents[K]> => {
  position += 1;
  return {
    id: `evt_${position}`,
    type,
    schemaVersion: 1,
    streamId: `stream_${position}`,
    streamPosition: 1,
    globalPosition: String(position),
    applicationId: APP,
    occurredAt: at(seconds),
    correlationId: null,
    causationId: null,
    actor: { kind: 'system', id: 'delivery' },
    data,
  };
};

const accepted = (messageId: string, endpointIds: string[], seconds: number) =>
  envelope(
    'message.accepted',
    {
      messageId,
      appId: APP,
      eventType: 'invoice.paid',
      eventId: null,
      payload: JSON.stringify({ messageId }),
      channels: null,
      tags: null,
      endpointIds,
    },
    seconds,
  );

const attempted = (
  messageId: string,
  endpointId: string,
  attemptNumber: number,
  status: 200 | 500,
  seconds: number,
) =>
  envelope(
    'delivery.attempted',
    {
      attemptId: `attempt_${messageId}_${endpointId}_${attemptNumber}`,
      messageId,
      endpointId,
      appId: APP,
      attemptNumber,
      trigger: 'scheduled',
      url: `https://example.com/${endpointId}`,
      requestHeaders: { 'webhook-id': messageId },
      responseStatus: status,
      responseHeaders: {},
      responseBody: '',
      durationMs: 12,
      errorClass: status === 200 ? null : 'http-status',
      errorMessage: null,
      succeeded: status === 200,
      deliveryStatus: status === 200 ? 'succeeded' : 'retrying',
      nextAttemptAt: status === 200 ? null : at(seconds + 5),
      attemptedAt: at(seconds),
    },
    seconds,
  );

const healthChanged = (endpointId: string, seconds: number) =>
  envelope(
    'endpoint.health-changed',
    {
      endpointId,
      appId: APP,
      health: 'failing',
      previous: 'healthy',
      reason: 'failing since then',
      failingSince: at(seconds),
      changedAt: at(seconds),
    },
    seconds,
  );

// One message to two endpoints: a failure then a success to the first, a success to the
// second; a second message not attempted yet; the first endpoint's health changing.
const events = [
  accepted('msg_1', ['ep_1', 'ep_2'], 0),
  attempted('msg_1', 'ep_1', 1, 500, 1),
  attempted('msg_1', 'ep_2', 1, 200, 1),
  healthChanged('ep_1', 1),
  attempted('msg_1', 'ep_1', 2, 200, 7),
  accepted('msg_2', ['ep_1'], 8),
];

/**
 * The delivery-log projection on a real Postgres: what it writes for a batch, and that it keeps
 * no record of consumed events yet applies each once, whether Kafka redelivers a batch, cuts it
 * differently, or a rebuild applies it beside the running service.
 */
describe('the delivery-log projection', () => {
  // A database of its own on the test server (a service may not use the testing library).
  const adminUrl = new URL(process.env['DATABASE_URL'] ?? 'postgres://unset');
  const name = `hp_test_${randomBytes(6).toString('hex')}`;
  const asAdmin = async (statement: string) => {
    const admin = new Database({ url: adminUrl.href, poolSize: 1, applicationName: 'test' });
    await admin.connect();
    try {
      await admin.query(statement);
    } finally {
      await admin.close();
    }
  };
  let db: Database;
  let projection: DeliveryHistoryProjection;
  const box = new SecretBox(randomBytes(32).toString('base64url'));

  const snapshot = async () => ({
    messages: (await db.query('SELECT * FROM logs.messages ORDER BY id')).rows,
    deliveries: (await db.query('SELECT * FROM logs.deliveries ORDER BY message_id, endpoint_id'))
      .rows,
    attempts: (await db.query('SELECT * FROM logs.attempts ORDER BY id')).rows,
    health: (await db.query('SELECT * FROM logs.endpoint_health ORDER BY endpoint_id')).rows,
    stats: (await db.query('SELECT * FROM logs.endpoint_stats ORDER BY endpoint_id, bucket')).rows,
  });

  beforeAll(async () => {
    await asAdmin(`CREATE DATABASE ${name}`);
    db = new Database({
      url: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).href,
      poolSize: 4,
      applicationName: 'projection-test',
    });
    await db.connect();
    await runMigrations(db, 'logs', LOGS_MIGRATIONS);
    projection = new DeliveryHistoryProjection(db, box);
  });

  beforeEach(async () => {
    await db.query(`TRUNCATE ${READ_MODELS.join(', ')}`);
  });

  afterAll(async () => {
    await db?.close();
    await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('projects messages, each delivery at its newest attempt, attempts, health and stats', async () => {
    await projection.handle(events);
    const rows = await snapshot();
    expect(rows.messages.map((row) => row['id'])).toEqual(['msg_1', 'msg_2']);
    expect(rows.deliveries).toEqual([
      expect.objectContaining({
        message_id: 'msg_1',
        endpoint_id: 'ep_1',
        status: 'succeeded',
        attempts: 2,
        last_response_status: 200,
        last_attempt_number: 2,
        event_type: 'invoice.paid',
        message_at: new Date(T0),
      }),
      expect.objectContaining({
        message_id: 'msg_1',
        endpoint_id: 'ep_2',
        status: 'succeeded',
        attempts: 1,
        event_type: 'invoice.paid',
      }),
      expect.objectContaining({
        message_id: 'msg_2',
        endpoint_id: 'ep_1',
        status: 'pending',
        attempts: 0,
        event_type: 'invoice.paid',
        message_at: new Date(T0 + 8_000),
      }),
    ]);
    expect(rows.attempts).toHaveLength(3);
    expect(rows.health).toEqual([
      expect.objectContaining({ endpoint_id: 'ep_1', health: 'failing' }),
    ]);
    expect(rows.stats.map((row) => [row['endpoint_id'], row['succeeded'], row['failed']])).toEqual([
      ['ep_1', 1, 1],
      ['ep_2', 1, 0],
    ]);
  });

  it('changes nothing when the batch comes again, whole or cut differently', async () => {
    await projection.handle(events);
    const once = await snapshot();
    await projection.handle(events);
    await projection.handle(events.slice(2));
    await projection.handle([events[4]!, events[1]!]);
    expect(await snapshot()).toEqual(once);
  });

  it('reaches the same rows when the events come in pieces, the attempts before their message', async () => {
    await projection.handle(events);
    const whole = await snapshot();
    await db.query(`TRUNCATE ${READ_MODELS.join(', ')}`);
    await projection.handle([events[4]!, events[2]!]);
    await projection.handle([events[0]!, events[1]!, events[3]!]);
    await projection.handle([events[5]!]);
    expect(await snapshot()).toEqual(whole);
  });

  it('applies each event once when two consumers apply the same batch at the same time', async () => {
    await projection.handle(events);
    const once = await snapshot();
    await db.query(`TRUNCATE ${READ_MODELS.join(', ')}`);
    // A rebuild beside the running service: both read the same events from the topic.
    await Promise.all([projection.handle(events), projection.handle(events)]);
    expect(await snapshot()).toEqual(once);
  });

  it('keeps custom header values sealed, whether the event brought them sealed or (older) clear', async () => {
    const sealed = box.encrypt('sealed-credential');
    const event = attempted('msg_headers', 'ep_headers', 1, 200, 1);
    event.data.requestHeaders = {
      'content-type': 'application/json',
      'webhook-id': 'msg_headers',
      'X-Sealed': sealed,
      'X-Clear': 'clear-credential',
    };
    await projection.handle([accepted('msg_headers', ['ep_headers'], 0), event]);
    const { rows } = await db.query<{ request_headers: Record<string, string> }>(
      `SELECT request_headers FROM logs.attempts WHERE message_id = 'msg_headers'`,
    );
    const stored = rows[0]!.request_headers;
    expect(stored['content-type']).toBe('application/json');
    expect(stored['webhook-id']).toBe('msg_headers');
    expect(stored['X-Sealed']).toBe(sealed);
    expect(JSON.stringify(stored)).not.toContain('clear-credential');
    expect(box.decrypt(stored['X-Clear']!)).toBe('clear-credential');
  });
});
