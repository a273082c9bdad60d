import type { ParameterNames } from '@hookport/platform';

/**
 * The one statement that accepts a batch of messages: the append's CTEs (`appendCtes`, the
 * event store's `appended` and `relay_woken`), the messages (`m`: id, app, event type, event id,
 * payload, channels, tags, payload retention hours), their deliveries (`d`: message, endpoint, app, trigger, send now,
 * lease seconds, deliver at; those sent now are leased at once) and the idempotency keys (`k`:
 * app, key, request hash, message). A message's created_at is now(), the transaction's time, as
 * is its event's occurred_at.
 */
export const acceptMessagesStatement = (
  appendCtes: string,
  { m, d, k }: { m: ParameterNames; d: ParameterNames; k: ParameterNames },
): string => `WITH ${appendCtes},
       messages AS (
         INSERT INTO delivery.messages
           (id, app_id, event_type, event_id, payload, channels, tags, created_at, payload_expires_at)
         SELECT id, app_id, event_type, event_id, payload,
                CASE WHEN channels = 'null' THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(channels)) END,
                CASE WHEN tags = 'null' THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(tags)) END,
                now(), now() + make_interval(hours => retention_hours)
           FROM unnest(${m(1)}::text[], ${m(2)}::text[], ${m(3)}::text[], ${m(4)}::text[], ${m(5)}::text[], ${m(6)}::jsonb[], ${m(7)}::jsonb[], ${m(8)}::int[])
             AS m(id, app_id, event_type, event_id, payload, channels, tags, retention_hours)
       ),
       deliveries AS (
         INSERT INTO delivery.deliveries
           (message_id, endpoint_id, app_id, status, next_attempt_at, trigger, lease_until, attempts)
         SELECT message_id, endpoint_id, app_id, 'pending', COALESCE(deliver_at, now()), trigger,
                CASE WHEN send_now THEN now() + make_interval(secs => ${d(6)}::int) END,
                CASE WHEN send_now THEN 1 ELSE 0 END
           FROM unnest(${d(1)}::text[], ${d(2)}::text[], ${d(3)}::text[], ${d(4)}::text[], ${d(5)}::boolean[], ${d(7)}::timestamptz[])
             AS d(message_id, endpoint_id, app_id, trigger, send_now, deliver_at)
       ),
       idempotency AS (
         INSERT INTO delivery.idempotency_keys (app_id, key, request_hash, message_id)
         SELECT * FROM unnest(${k(1)}::text[], ${k(2)}::text[], ${k(3)}::text[], ${k(4)}::text[])
       )
       SELECT appended.* FROM appended, relay_woken`;
