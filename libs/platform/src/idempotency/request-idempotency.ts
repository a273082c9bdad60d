import { createHash, randomUUID } from 'node:crypto';
import { loadSettings } from '../config/settings';
import type { Database } from '../database/database';
import type { Migration } from '../database/migrations';
import { HookportError } from '../http/hookport-error';
import type { Logger } from '../logging/logger';
import { deleteInBatches, PeriodicSweep } from '../maintenance/periodic-sweep';
import type { Principal } from '../security/principal';
import { SecretBox } from '../security/secret-box';
import { IdempotencyConfig } from './idempotency.config';

/** Stable codes of the 409s a repeated key gets (in the problem's `errors`). */
export enum IdempotencyErrorCode {
  KeyReused = 'idempotency-key-reused',
  KeyInFlight = 'idempotency-key-in-flight',
}

/** The longest key accepted: Svix's SDKs send a UUID-sized one. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 256;

// A claim older than this is taken to be abandoned (its process died): the gateway gave up on
// the request after 30 s, so nobody waits for its answer any more.
const ABANDONED_AFTER_SECONDS = 60;
const SWEEP_BATCH = 5_000;

/** Each service's table of the keys it answered, created by its own migrations. */
export const requestIdempotencyMigration = (schema: string): Migration => ({
  name: 'request_idempotency_0001_keys',
  up: `
    CREATE TABLE ${schema}.request_idempotency_keys (
      -- Whose key: one principal's key never answers another's request.
      scope text NOT NULL,
      key text NOT NULL,
      -- Method, path and body of the first request: the same key with another is refused.
      request_hash text NOT NULL,
      -- Who holds an unfinished claim; null once answered.
      claim text,
      status smallint,
      -- The first answer, sealed with HOOKPORT_ENCRYPTION_KEY (a JSON string).
      body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key)
    );
    CREATE INDEX request_idempotency_keys_created ON ${schema}.request_idempotency_keys (created_at);
  `,
});

/** What a principal's keys are scoped by: an API key, or a portal session in its application. */
export const idempotencyScopeOf = (principal: Principal): string | null => {
  switch (principal.kind) {
    case 'api-key':
      return `api-key:${principal.keyId}`;
    case 'portal-session':
      return `portal-session:${principal.appId}:${principal.sessionId}`;
    case 'system':
    case 'anonymous':
      return null;
  }
};

export const requestHashOf = (method: string, url: string, body: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify([method, url, body ?? null]))
    .digest('base64url');

export interface IdempotentRequest {
  scope: string;
  key: string;
  requestHash: string;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: string }
  | { kind: 'answered'; status: number; body: unknown }
  | { kind: 'in-flight' };

/**
 * The keys a service answered POSTs under (Svix's `Idempotency-Key`): a key is claimed before
 * the request runs, its successful answer stored when it ends, and the claim released when it
 * fails, so that only successful answers are repeated (as Svix does). A key answers for
 * HOOKPORT_IDEMPOTENCY_KEY_HOURS; an older row is ignored until the sweep takes it.
 */
export class RequestIdempotency {
  constructor(
    private readonly db: Database,
    private readonly schema: string,
    /** Hours a key answers repeats. */
    readonly windowHours: number,
    /** Seals the kept answers: an API key's or a session's secret is answered once, here too. */
    private readonly box: SecretBox,
  ) {}

  private get table() {
    return `${this.schema}.request_idempotency_keys`;
  }

  async claim(request: IdempotentRequest): Promise<ClaimOutcome> {
    const claim = randomUUID();
    // Inserts a new claim, or takes over a row past its window or abandoned mid-request.
    const { rows } = await this.db.query<{ claim: string }>(
      `INSERT INTO ${this.table} AS kept (scope, key, request_hash, claim)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, claim = EXCLUDED.claim,
             status = NULL, body = NULL, created_at = now()
         WHERE kept.created_at <= now() - make_interval(secs => $5)
            OR (kept.status IS NULL AND kept.created_at <= now() - make_interval(secs => $6))
       RETURNING claim`,
      [
        request.scope,
        request.key,
        request.requestHash,
        claim,
        this.windowHours * 3600,
        ABANDONED_AFTER_SECONDS,
      ],
    );
    if (rows[0]?.claim === claim) return { kind: 'claimed', claim };
    const found = await this.db.query<{
      request_hash: string;
      status: number | null;
      body: unknown;
    }>(`SELECT request_hash, status, body FROM ${this.table} WHERE scope = $1 AND key = $2`, [
      request.scope,
      request.key,
    ]);
    const row = found.rows[0];
    // Released between the two statements: claim again.
    if (!row) return this.claim(request);
    if (row.request_hash !== request.requestHash) throw keyReused();
    if (row.status === null) return { kind: 'in-flight' };
    const body = typeof row.body === 'string' ? JSON.parse(this.box.decrypt(row.body)) : null;
    return { kind: 'answered', status: row.status, body };
  }

  async complete(request: IdempotentRequest, claim: string, status: number, body: unknown) {
    await this.db.query(
      `UPDATE ${this.table} SET claim = NULL, status = $4, body = $5::jsonb
        WHERE scope = $1 AND key = $2 AND claim = $3`,
      [
        request.scope,
        request.key,
        claim,
        status,
        JSON.stringify(this.box.encrypt(JSON.stringify(body ?? null))),
      ],
    );
  }

  /** The request failed: its key is free again, and a retry runs anew. */
  async release(request: IdempotentRequest, claim: string) {
    await this.db.query(`DELETE FROM ${this.table} WHERE scope = $1 AND key = $2 AND claim = $3`, [
      request.scope,
      request.key,
      claim,
    ]);
  }

  /** Deletes keys past their window, in batches; returns how many went. */
  async purgeExpired(now: Date): Promise<number> {
    return deleteInBatches(
      this.db,
      `DELETE FROM ${this.table} WHERE (scope, key) IN (
         SELECT scope, key FROM ${this.table} WHERE created_at < $1 LIMIT ${SWEEP_BATCH})`,
      [new Date(now.getTime() - this.windowHours * 3_600_000)],
      SWEEP_BATCH,
    );
  }
}

/** Takes the keys past their window out of a service's table, every `everySeconds`. */
export class RequestIdempotencySweep extends PeriodicSweep<number> {
  constructor(keys: RequestIdempotency, logger: Logger, everySeconds: number) {
    super(
      logger,
      everySeconds,
      async (now) => {
        const purged = await keys.purgeExpired(now);
        if (purged > 0) logger.info({ purged }, 'idempotency keys: purged');
        return purged;
      },
      0,
    );
  }
}

const keyReused = () =>
  new HookportError('conflict', 'This Idempotency-Key was already used with another request', [
    { field: 'Idempotency-Key', message: IdempotencyErrorCode.KeyReused },
  ]);

export const keyInFlight = () =>
  new HookportError(
    'conflict',
    'A request with this Idempotency-Key is still in progress; retry when it has been answered',
    [{ field: 'Idempotency-Key', message: IdempotencyErrorCode.KeyInFlight }],
    { 'retry-after': '1' },
  );

export const keyInvalid = () =>
  new HookportError('malformedRequest', 'The Idempotency-Key header is not valid', [
    {
      field: 'Idempotency-Key',
      message: `1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters`,
    },
  ]);

// Expired keys are already ignored when read: the sweep only bounds the table's size.
const SWEEP_EVERY_SECONDS = 3600;

/** A service's keys, read from its environment, and the sweep that purges them. */
export const requestIdempotencyOf = (
  db: Database,
  schema: string,
  logger: Logger,
  env?: Record<string, string | undefined>,
) => {
  const config = loadSettings(IdempotencyConfig, env);
  const keys = new RequestIdempotency(
    db,
    schema,
    config.HOOKPORT_IDEMPOTENCY_KEY_HOURS,
    new SecretBox(config.HOOKPORT_ENCRYPTION_KEY),
  );
  return { keys, sweep: new RequestIdempotencySweep(keys, logger, SWEEP_EVERY_SECONDS) };
};
