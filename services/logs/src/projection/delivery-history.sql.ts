// The delivery-log projection's statements (DeliveryHistoryProjection binds their parameters).
// Each is keyed by what it reflects, so that a replayed event changes nothing.

/** Messages, each inserted once. */
export const INSERT_MESSAGES = `INSERT INTO logs.messages (id, app_id, event_type, event_id, payload, channels, tags, created_at, position)
       SELECT m.id, m.app_id, m.event_type, m.event_id, m.payload,
              CASE WHEN m.channels IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(m.channels)) END,
              CASE WHEN m.tags IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(m.tags)) END,
              m.created_at, m.position
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[],
                     $7::jsonb[], $8::timestamptz[], $9::bigint[])
           AS m(id, app_id, event_type, event_id, payload, channels, tags, created_at, position)
       ON CONFLICT (app_id, id) DO NOTHING`;

/** A message's deliveries, pending; a row an attempt wrote first gets the message's type and time. */
export const INSERT_PENDING_DELIVERIES = `INSERT INTO logs.deliveries AS d (message_id, endpoint_id, app_id, status, event_type, message_at)
       SELECT message_id, endpoint_id, app_id, 'pending', event_type, message_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
           AS n(message_id, endpoint_id, app_id, event_type, message_at)
       ON CONFLICT (message_id, endpoint_id) DO UPDATE
         SET event_type = EXCLUDED.event_type, message_at = EXCLUDED.message_at
       WHERE d.event_type IS NULL`;

/** Attempts, each inserted once; returns those that are new. */
export const INSERT_ATTEMPTS = `INSERT INTO logs.attempts
         (id, message_id, endpoint_id, app_id, attempt_number, trigger, url, request_headers,
          response_status, response_headers, response_body, duration_ms, error_class, error_message,
          succeeded, attempted_at, position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[],
                            $7::text[], $8::jsonb[], $9::int[], $10::jsonb[], $11::text[], $12::int[],
                            $13::text[], $14::text[], $15::boolean[], $16::timestamptz[], $17::bigint[])
       ON CONFLICT (id) DO NOTHING RETURNING id`;

/** Adds attempts to their endpoint's per-minute stats. */
export const ADD_TO_ENDPOINT_STATS = `INSERT INTO logs.endpoint_stats AS s
              (endpoint_id, app_id, bucket, succeeded, failed, latency, min_ms, max_ms)
       SELECT endpoint_id, app_id, bucket, succeeded, failed, latency::int[], min_ms, max_ms
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::text[],
                     $7::int[], $8::int[])
           AS n(endpoint_id, app_id, bucket, succeeded, failed, latency, min_ms, max_ms)
       ON CONFLICT (endpoint_id, bucket) DO UPDATE SET
         succeeded = s.succeeded + EXCLUDED.succeeded,
         failed = s.failed + EXCLUDED.failed,
         latency = ARRAY(SELECT a + b FROM unnest(s.latency, EXCLUDED.latency) AS t(a, b)),
         min_ms = LEAST(s.min_ms, EXCLUDED.min_ms),
         max_ms = GREATEST(s.max_ms, EXCLUDED.max_ms)`;

/** Moves each delivery to its newest attempt (see advanceDeliveries). */
export const ADVANCE_DELIVERIES = `INSERT INTO logs.deliveries AS d
         (message_id, endpoint_id, app_id, status, attempts, last_response_status, last_attempt_at,
          next_attempt_at, last_attempt_number, event_type, message_at)
       SELECT n.message_id, n.endpoint_id, n.app_id, n.status, n.attempts, n.last_response_status,
              n.last_attempt_at, n.next_attempt_at, n.last_attempt_number, m.event_type, m.created_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[],
                     $7::timestamptz[], $8::timestamptz[], $9::int[])
           AS n(message_id, endpoint_id, app_id, status, attempts, last_response_status,
                last_attempt_at, next_attempt_at, last_attempt_number)
         LEFT JOIN logs.messages m ON m.app_id = n.app_id AND m.id = n.message_id
       ON CONFLICT (message_id, endpoint_id) DO UPDATE SET
         attempts = d.attempts + EXCLUDED.attempts,
         -- A row an earlier attempt wrote before its message came gets the message's type and
         -- time from a later one (its message's pending row is not written when attempted).
         event_type = COALESCE(d.event_type, EXCLUDED.event_type),
         message_at = COALESCE(d.message_at, EXCLUDED.message_at),
         -- A delivery canceled by an expunge while its attempt was in flight stays canceled.
         status = CASE WHEN d.status = 'canceled' AND EXCLUDED.status = 'retrying' THEN 'canceled'
                       WHEN EXCLUDED.last_attempt_number >= d.last_attempt_number THEN EXCLUDED.status ELSE d.status END,
         last_response_status = CASE WHEN EXCLUDED.last_attempt_number >= d.last_attempt_number THEN EXCLUDED.last_response_status ELSE d.last_response_status END,
         last_attempt_at = GREATEST(d.last_attempt_at, EXCLUDED.last_attempt_at),
         next_attempt_at = CASE WHEN EXCLUDED.last_attempt_number >= d.last_attempt_number THEN EXCLUDED.next_attempt_at ELSE d.next_attempt_at END,
         last_attempt_number = GREATEST(d.last_attempt_number, EXCLUDED.last_attempt_number)`;

/** A resend: the delivery back to pending, unless a newer attempt already ran. */
export const REQUEUE_DELIVERY = `INSERT INTO logs.deliveries AS d (message_id, endpoint_id, app_id, status, event_type, message_at)
       SELECT $1, $2, $3, 'pending', m.event_type, m.created_at
         FROM (SELECT 1) one
         LEFT JOIN logs.messages m ON m.app_id = $3 AND m.id = $1
       ON CONFLICT (message_id, endpoint_id) DO UPDATE SET status = 'pending', next_attempt_at = $4
       WHERE d.last_attempt_at IS NULL OR d.last_attempt_at <= $4`;

export const EXPUNGE_MESSAGE_PAYLOAD = `UPDATE logs.messages SET payload = $3 WHERE app_id = $1 AND id = $2`;

export const CANCEL_UNSENT_DELIVERIES = `UPDATE logs.deliveries SET status = 'canceled', next_attempt_at = NULL
        WHERE message_id = $1 AND app_id = $2 AND status IN ('pending', 'retrying')`;

export const EXPUNGE_ATTEMPT_RESPONSE = `UPDATE logs.attempts SET response_body = $3 WHERE id = $1 AND app_id = $2`;

/** An endpoint's circuit, moved only to a newer event. */
export const UPSERT_CIRCUIT = `INSERT INTO logs.endpoint_health AS h
         (endpoint_id, app_id, circuit_state, next_probe_at, consecutive_failures, circuit_position, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (endpoint_id) DO UPDATE SET
         circuit_state = EXCLUDED.circuit_state, next_probe_at = EXCLUDED.next_probe_at,
         consecutive_failures = EXCLUDED.consecutive_failures,
         circuit_position = EXCLUDED.circuit_position, updated_at = EXCLUDED.updated_at
       WHERE h.circuit_position < EXCLUDED.circuit_position`;

/** An endpoint's health, moved only to a newer event. */
export const UPSERT_HEALTH = `INSERT INTO logs.endpoint_health AS h
         (endpoint_id, app_id, health, health_reason, health_position, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (endpoint_id) DO UPDATE SET
         health = EXCLUDED.health, health_reason = EXCLUDED.health_reason,
         health_position = EXCLUDED.health_position, updated_at = EXCLUDED.updated_at
       WHERE h.health_position < EXCLUDED.health_position`;
