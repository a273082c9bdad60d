import { Client } from 'pg';
import type { EventEnvelope } from '@hookport/contracts';
import type { Database } from '../database/database';
import type { Logger } from '../logging/logger';
import { toRecord, type EventBus } from '../messaging/event-bus';
import { WakeSignal } from '../runtime/wake-signal';
import { EVENT_COLUMNS, toEnvelope, type EventStore } from './event-store';

export interface OutboxRelayOptions {
  db: Database;
  /** Any service's store: the relay reads its table, whatever its event map. */
  store: Pick<EventStore, 'schema' | 'notifyChannel' | 'onCommitted'>;
  bus: EventBus;
  topic: string;
  logger: Logger;
  /** Connection string for the LISTEN connection; omitted in the embedded mode. */
  listenUrl?: string;
  batchSize?: number;
  /** Safety-net poll, in case a notification was missed while reconnecting. */
  pollIntervalMs?: number;
  /**
   * How long a wake-up waits before publishing, so that the commits of the next few ms (and the
   * NOTIFY of the commit that woke it, which follows its in-process wake) share one cycle: one
   * read, one Kafka produce and one checkpoint write, instead of one each.
   */
  lingerMs?: number;
}

/** See OutboxRelayOptions.lingerMs. */
export const DEFAULT_RELAY_LINGER_MS = 5;

/** How soon the relay looks again for committed events it could not see yet (see run()). */
const HIDDEN_RECHECK_MS = 50;

/** The most unpublished events lag() counts. */
export const LAG_COUNT_CAP = 100_000;

interface Checkpoint {
  transactionId: string;
  globalPosition: string;
}

/**
 * Publishes a service's events to Kafka in commit-safe order and records how far it got.
 * A crash between publishing and recording republishes a batch: consumers are idempotent on
 * event id, so this yields duplicates, never a loss.
 */
export class OutboxRelay {
  private listener: Client | null = null;
  private running = false;
  private readonly signal = new WakeSignal();
  private loop: Promise<void> | null = null;
  private published = 0;
  private lastError: string | null = null;

  constructor(private readonly options: OutboxRelayOptions) {
    options.store.onCommitted(() => this.wake());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after an in-process commit (see EventStore.onCommitted): skips the LISTEN round trip. */
  wake(): void {
    this.signal.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  get publishedCount(): number {
    return this.published;
  }

  get error(): string | null {
    return this.lastError;
  }

  /**
   * Events committed but not yet published: the outbox lag, counted up to LAG_COUNT_CAP (a
   * scrape during a long Kafka outage stays cheap; a gauge at the cap means at least that many).
   */
  async lag(): Promise<number> {
    const checkpoint = await this.readCheckpoint();
    const { rows } = await this.options.db.query<{ lag: string }>(
      `SELECT count(*)::text AS lag FROM (
         SELECT 1 FROM ${this.options.store.schema}.events
          WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
          LIMIT ${LAG_COUNT_CAP}) AS unpublished`,
      [checkpoint.transactionId, checkpoint.globalPosition],
    );
    return Number(rows[0]?.lag ?? 0);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.ensureListening();
        const { count, hidden } = await this.publishBatch();
        failures = 0;
        this.lastError = null;
        // A full batch: more is waiting. A partial one: what committed since will wake us...
        if (count >= this.batchSize) continue;
        // ...except events the cycle could not see yet: while an older transaction is open (any
        // service's: transaction ids are cluster-wide), a newer commit's events wait, and that
        // transaction's end wakes nobody. Look again shortly rather than at the safety-net poll.
        if (await this.idle(hidden ? HIDDEN_RECHECK_MS : undefined)) await this.linger();
      } catch (error) {
        failures += 1;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.logger.warn({ err: error, failures }, 'outbox relay failed; retrying');
        await this.listener?.end().catch(() => undefined);
        this.listener = null;
        await this.idle(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  /**
   * Lets the next few ms of commits join the cycle about to run. Wakes meanwhile are for commits
   * that cycle will see (both the in-process wake and the NOTIFY come after the commit).
   */
  private async linger(): Promise<void> {
    const ms = this.options.lingerMs ?? DEFAULT_RELAY_LINGER_MS;
    if (ms <= 0 || !this.running) return;
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.signal.clear();
  }

  /** Waits for a wake-up or `ms`; true when woken. */
  private idle(ms = this.options.pollIntervalMs ?? 1_000): Promise<boolean> {
    return this.signal.sleep(ms);
  }

  private async ensureListening(): Promise<void> {
    if (!this.options.listenUrl || this.listener) return;
    const client = new Client({ connectionString: this.options.listenUrl });
    client.on('notification', () => this.wake());
    client.on('error', () => {
      // The loop notices the broken connection on its next query and reconnects.
      this.listener = null;
    });
    await client.connect();
    await client.query(`LISTEN ${this.options.store.notifyChannel}`);
    this.listener = client;
  }

  private async readCheckpoint(): Promise<Checkpoint> {
    const { rows } = await this.options.db.query<{
      transaction_id: string;
      global_position: string;
    }>(
      `SELECT transaction_id::text, global_position::text FROM ${this.options.store.schema}.outbox_checkpoint WHERE name = $1`,
      [this.options.topic],
      { prepare: true },
    );
    const row = rows[0];
    return row
      ? { transactionId: row.transaction_id, globalPosition: row.global_position }
      : { transactionId: '0', globalPosition: '0' };
  }

  /** Publishes the next batch; `hidden`: committed events it could not see yet (see run()). */
  private async publishBatch(): Promise<{ count: number; hidden: boolean }> {
    const { db, store, bus, topic } = this.options;
    // The checkpoint is read in the same statement (one round trip a cycle), as parameters the
    // index scan starts from. Another replica's relay may have moved it: read it every time.
    // The probe always answers one row, with the batch's rows or alone (event columns null). It
    // asks whether the newest committed event is at or past the snapshot's horizon: max() reads
    // one index entry (an EXISTS on that range was planned as a full scan of the table).
    const { rows: answered } = await db.query<
      Parameters<typeof toEnvelope>[0] & { transaction_id: string; hidden: boolean }
    >(
      `SELECT batch.*, probe.hidden
         FROM (SELECT COALESCE(
                 (SELECT max(transaction_id) FROM ${store.schema}.events)
                   >= pg_snapshot_xmin(pg_current_snapshot()), false) AS hidden) AS probe
         LEFT JOIN LATERAL (
           SELECT ${EVENT_COLUMNS}, transaction_id::text
             FROM ${store.schema}.events AS e
            WHERE (e.transaction_id, e.global_position) > (
                    COALESCE((SELECT transaction_id FROM ${store.schema}.outbox_checkpoint WHERE name = $1), '0'::xid8),
                    COALESCE((SELECT global_position FROM ${store.schema}.outbox_checkpoint WHERE name = $1), 0))
              AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            -- Qualified: a bare name would sort by the output column, the xid as text ('10' < '9').
            ORDER BY e.transaction_id, e.global_position
            LIMIT $2) AS batch ON true`,
      [topic, this.batchSize],
      { prepare: true },
    );
    const hidden = answered[0]?.hidden === true;
    const rows = answered.filter((row) => row.global_position !== null);
    if (rows.length === 0) return { count: 0, hidden };
    const events: EventEnvelope[] = rows.map((row) => toEnvelope(row));
    await bus.publish(topic, events.map(toRecord));
    const last = rows[rows.length - 1]!;
    // Compare-and-set: a second relay that raced us must not move the checkpoint backwards.
    // Committed without waiting for the WAL flush (synchronous_commit off for this transaction
    // alone): a checkpoint lost in a Postgres crash only re-publishes events, which a crash
    // between publish and checkpoint does anyway and every consumer absorbs; the wait was one
    // flush a cycle on the path of every message, and flushes are what stall this path.
    await db.query(
      `INSERT INTO ${store.schema}.outbox_checkpoint (name, transaction_id, global_position, updated_at)
       SELECT $1, $2::text::xid8, $3::bigint, now()
         FROM (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush_wait
       ON CONFLICT (name) DO UPDATE
         SET transaction_id = EXCLUDED.transaction_id,
             global_position = EXCLUDED.global_position,
             updated_at = now()
       WHERE (${store.schema}.outbox_checkpoint.transaction_id, ${store.schema}.outbox_checkpoint.global_position)
             < (EXCLUDED.transaction_id, EXCLUDED.global_position)`,
      [topic, last.transaction_id, last.global_position],
      { prepare: true },
    );
    this.published += rows.length;
    return { count: rows.length, hidden };
  }
}
