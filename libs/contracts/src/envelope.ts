/** Who caused an event: the operator's API key, a portal session (with its metadata) or Hookport. */
export type Actor =
  | { kind: 'api-key'; id: string }
  | { kind: 'portal-session'; id: string; metadata: Record<string, string> }
  | { kind: 'system'; id: string };

/**
 * The envelope every event travels in, in the event store and on Kafka.
 * `streamPosition` is the event's version within its stream (1-based); `globalPosition` its
 * position in the owning service's store.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  id: string;
  type: TType;
  schemaVersion: number;
  streamId: string;
  streamPosition: number;
  globalPosition: string;
  applicationId: string | null;
  occurredAt: string;
  correlationId: string | null;
  causationId: string | null;
  actor: Actor;
  data: TData;
}

export type EnvelopeParseResult =
  | { ok: true; envelope: EventEnvelope }
  | { ok: false; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates what a consumer received: a record that fails goes to the dead-letter topic. */
export const parseEnvelope = (raw: string): EnvelopeParseResult => {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!isRecord(value)) return { ok: false, reason: 'not an object' };
  const stringFields = ['id', 'type', 'streamId', 'globalPosition', 'occurredAt'] as const;
  for (const field of stringFields) {
    if (typeof value[field] !== 'string' || value[field] === '') {
      return { ok: false, reason: `field ${field} missing or not a string` };
    }
  }
  if (!Number.isInteger(value['schemaVersion'])) return { ok: false, reason: 'schemaVersion' };
  if (!Number.isInteger(value['streamPosition'])) return { ok: false, reason: 'streamPosition' };
  if (value['applicationId'] !== null && typeof value['applicationId'] !== 'string') {
    return { ok: false, reason: 'applicationId' };
  }
  if (!isRecord(value['actor'])) return { ok: false, reason: 'actor' };
  if (!isRecord(value['data'])) return { ok: false, reason: 'data' };
  return { ok: true, envelope: value as unknown as EventEnvelope };
};
