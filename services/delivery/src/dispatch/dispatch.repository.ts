import {
  newId,
  type DeliveryAttemptedV1,
  type EndpointCircuitChangedV1,
  type EndpointHealthChangedV1,
  type DeliveryEvents,
  type EventOf,
} from '@hookport/contracts';
import {
  StatementParameters,
  type Database,
  type EventStore,
  type StreamAppend,
} from '@hookport/platform';
import type { HealthRow } from './endpoint-health';

/** A delivery this process holds the lease of, ready to send. */
export interface ClaimedDelivery {
  message_id: string;
  endpoint_id: string;
  app_id: string;
  attempts: number;
  trigger: DeliveryAttemptedV1['trigger'];
  payload: string;
}

/** An attempt made, waiting to be recorded. */
export interface Outcome {
  claim: ClaimedDelivery;
  event: DeliveryAttemptedV1;
  /** Set when this attempt changed the endpoint's health (failing, disabled, recovered). */
  health?: EndpointHealthChangedV1;
}

/** Dispatch's SQL: the health it starts from, claims as leases, and recording what came of them. */
export class DispatchRepository {
  constructor(
    private readonly db: Database,
    private readonly store: EventStore<EventOf<DeliveryEvents>>,
  ) {}

  async loadHealth(): Promise<HealthRow[]> {
    const { rows } = await this.db.query<HealthRow>(
      'SELECT endpoint_id, health, failing_since FROM delivery.endpoint_health',
    );
    return rows;
  }

  /** Leases up to `limit` due deliveries, oldest due first, none to the `held` endpoints. */
  async claim(limit: number, leaseSeconds: number, held: string[]): Promise<ClaimedDelivery[]> {
    const { rows } = await this.db.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT message_id, endpoint_id FROM delivery.deliveries
          WHERE status IN ('pending', 'retrying')
            AND next_attempt_at <= now()
            AND (lease_until IS NULL OR lease_until < now())
            AND NOT (endpoint_id = ANY($3::text[]))
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       )
       UPDATE delivery.deliveries AS d
          SET lease_until = now() + make_interval(secs => $2), attempts = d.attempts + 1
         FROM due, delivery.messages AS m
        WHERE d.message_id = due.message_id AND d.endpoint_id = due.endpoint_id AND m.id = d.message_id
       RETURNING d.message_id, d.endpoint_id, d.app_id, d.attempts, d.trigger, m.payload`,
      [limit, leaseSeconds, held],
      { prepare: true },
    );
    return rows;
  }

  /**
   * One statement records a batch: the attempts' events (and health and circuit changes), the
   * outcomes, the health rows and the leases of `deferred` claims given back. Atomic on its own,
   * one round trip. Not prepared: Postgres' generic plan for the outcome update took ~7 ms a call
   * against ~0.5 ms planned per call, and cut fan-out to a third (bench:delivery).
   */
  async record(
    batch: Outcome[],
    deferred: ClaimedDelivery[],
    circuits: EndpointCircuitChangedV1[],
  ): Promise<void> {
    const actor = { kind: 'system' as const, id: 'delivery' };
    const appends: StreamAppend<EventOf<DeliveryEvents>>[] = [
      ...batch.map(({ claim, event }) => ({
        streamId: `${claim.message_id}:${claim.endpoint_id}`,
        expectedVersion: claim.attempts - 1,
        events: [{ type: 'delivery.attempted' as const, data: event }],
        context: { applicationId: claim.app_id, actor },
      })),
      // Health changes have a stream each: the endpoints service disables the endpoint on it.
      ...batch.flatMap(({ event, health }) =>
        health
          ? [
              {
                streamId: `health:${event.attemptId}`,
                expectedVersion: 0,
                events: [{ type: 'endpoint.health-changed' as const, data: health }],
                context: { applicationId: health.appId, actor },
              },
            ]
          : [],
      ),
      ...circuits.map((change) => ({
        streamId: `circuit:${newId('event')}`,
        expectedVersion: 0,
        events: [{ type: 'endpoint.circuit-changed' as const, data: change }],
        context: { applicationId: change.appId, actor },
      })),
    ];
    const params = new StatementParameters();
    const events = this.store.appendParts(appends, params);
    const ctes: string[] = [];
    if (!events.isEmpty) ctes.push(events.ctes);
    // One row per endpoint, the batch's newest change: an upsert may not touch a row twice,
    // and a refused batch would leave its attempts unrecorded.
    const newest = new Map<string, EndpointHealthChangedV1>();
    for (const { health } of batch) if (health) newest.set(health.endpointId, health);
    const changes = [...newest.values()];
    if (changes.length > 0) {
      const $ = params.bind([
        changes.map((change) => change.endpointId),
        changes.map((change) => change.appId),
        changes.map((change) => change.health),
        changes.map((change) => change.failingSince),
        changes.map((change) => change.changedAt),
      ]);
      ctes.push(`health AS (
        INSERT INTO delivery.endpoint_health AS h (endpoint_id, app_id, health, failing_since, updated_at)
        SELECT * FROM unnest(${$(1)}::text[], ${$(2)}::text[], ${$(3)}::text[], ${$(4)}::timestamptz[], ${$(5)}::timestamptz[])
        ON CONFLICT (endpoint_id) DO UPDATE SET health = EXCLUDED.health,
          failing_since = EXCLUDED.failing_since, updated_at = EXCLUDED.updated_at
        WHERE h.updated_at <= EXCLUDED.updated_at)`);
    }
    // A claim is either held back or attempted, never both in one batch: the two updates of
    // deliveries below never touch the same row.
    if (deferred.length > 0) {
      const $ = params.bind([
        deferred.map((claim) => claim.message_id),
        deferred.map((claim) => claim.endpoint_id),
      ]);
      ctes.push(`released AS (
        UPDATE delivery.deliveries AS d SET lease_until = NULL, attempts = d.attempts - 1
          FROM unnest(${$(1)}::text[], ${$(2)}::text[]) AS r(message_id, endpoint_id)
         WHERE d.message_id = r.message_id AND d.endpoint_id = r.endpoint_id)`);
    }
    if (batch.length > 0) {
      const $ = params.bind([
        batch.map((outcome) => outcome.claim.message_id),
        batch.map((outcome) => outcome.claim.endpoint_id),
        batch.map((outcome) => outcome.event.deliveryStatus),
        batch.map((outcome) => outcome.event.nextAttemptAt),
      ]);
      ctes.push(`outcomes AS (
        UPDATE delivery.deliveries AS d
           -- A message expunged while this attempt was in flight is not tried again.
           SET status = CASE WHEN d.status = 'canceled' AND o.status = 'retrying'
                             THEN 'canceled' ELSE o.status END,
               next_attempt_at = COALESCE(o.next_attempt_at, d.next_attempt_at),
               lease_until = NULL,
               updated_at = now()
          FROM unnest(${$(1)}::text[], ${$(2)}::text[], ${$(3)}::text[], ${$(4)}::timestamptz[])
            AS o(message_id, endpoint_id, status, next_attempt_at)
         WHERE d.message_id = o.message_id AND d.endpoint_id = o.endpoint_id)`);
    }
    if (ctes.length === 0) return;
    const select = events.isEmpty ? 'SELECT 1' : 'SELECT 1 FROM appended, relay_woken LIMIT 1';
    try {
      await this.db.query(`WITH ${ctes.join(',\n')} ${select}`, params.values);
    } catch (error) {
      throw this.store.conflictOr(error, appends);
    }
    events.announce(this.db);
  }
}
