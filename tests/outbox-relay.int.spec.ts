import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  Database,
  EventStore,
  eventStoreMigration,
  InProcessEventBus,
  OutboxRelay,
  type OutboxRelayOptions,
} from '@hookport/platform';
import { createTestDatabase, eventually, type TestDatabase } from '@hookport/testing';

const context = { applicationId: null, actor: { kind: 'system' as const, id: 'test' } };

/** A relay from `store` to `topic` on an in-process bus, started; `published`: event types. */
const startRelay = async (
  db: Database,
  store: EventStore,
  topic: string,
  options: Partial<OutboxRelayOptions> = {},
) => {
  const bus = new InProcessEventBus();
  const published: string[] = [];
  await bus.subscribe({
    groupId: 'test',
    topics: [topic],
    fromBeginning: true,
    handle: async (batch) => void published.push(...batch.events.map((event) => event.type)),
  });
  const relay = new OutboxRelay({
    db,
    store,
    bus,
    topic,
    logger: createLogger(`${topic}-test`, 'silent'),
    ...options,
  });
  relay.start();
  return { relay, published };
};

/**
 * The outbox relay publishes in commit order, and never skips an event, even where transaction
 * ids gain a digit (999 -> 1000). PGlite, a real Postgres, starts with small transaction ids, so
 * the boundary is a few hundred transactions away; on the shared test server it may be millions.
 */
describe('the outbox relay, where transaction ids gain a digit', () => {
  let pglite: PGlite;
  let server: PGLiteSocketServer;
  let db: Database;
  const store = new EventStore('relay_order');

  beforeAll(async () => {
    pglite = await PGlite.create();
    server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    db = new Database({
      url: `postgres://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`,
      poolSize: 1,
      applicationName: 'relay-order-test',
    });
    await db.connect();
    await db.query(eventStoreMigration(store.schema).up);
  });

  afterAll(async () => {
    await db?.close();
    await server?.stop();
    await pglite?.close();
  });

  it('publishes events in commit order across a transaction id that gains a digit', async () => {
    // Spend transaction ids until the next one ends in 9s: event A gets ...999, B and C ...000.
    let current = Number(
      (await db.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0]!.xid,
    );
    const boundary = 10 ** String(current + 2).length;
    expect(boundary - current).toBeLessThan(100_000);
    while (current < boundary - 2) {
      current = Number(
        (await db.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0]!.xid,
      );
    }
    await db.transaction((sql) =>
      store.append(sql, 'stream-a', 0, [{ type: 'test.a', data: {} }], context),
    );
    await db.transaction((sql) =>
      store.append(
        sql,
        'stream-b',
        0,
        [
          { type: 'test.b', data: {} },
          { type: 'test.c', data: {} },
        ],
        context,
      ),
    );
    const { rows } = await db.query<{ type: string; xid: string }>(
      `SELECT type, transaction_id::text AS xid FROM ${store.schema}.events ORDER BY global_position`,
    );
    expect(rows).toEqual([
      { type: 'test.a', xid: String(boundary - 1) },
      { type: 'test.b', xid: String(boundary) },
      { type: 'test.c', xid: String(boundary) },
    ]);

    // Two a batch: sorted as text ('1000' < '999'), the first batch would be B and C, and the
    // checkpoint after it would pass A by for good.
    const { relay, published } = await startRelay(db, store, 'relay-order', { batchSize: 2 });
    try {
      await eventually(() => expect(published).toEqual(['test.a', 'test.b', 'test.c']));
      expect(await relay.lag()).toBe(0);
    } finally {
      await relay.stop();
    }
  });
});

/**
 * A commit's events stay invisible to the relay while an older transaction is still open
 * (another service's, on the same server), and that transaction's end wakes no relay.
 */
describe('the outbox relay, behind an older open transaction', () => {
  let database: TestDatabase;
  let db: Database;
  let blocker: Client;
  const store = new EventStore('relay_hidden');

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Database({ url: database.url, poolSize: 2, applicationName: 'relay-hidden-test' });
    await db.connect();
    await db.query(eventStoreMigration(store.schema).up);
    blocker = new Client({ connectionString: database.url });
    await blocker.connect();
  });

  afterAll(async () => {
    await blocker?.end();
    await db?.close();
    await database?.drop();
  });

  it('publishes the commit soon after the older transaction ends, not at the next poll', async () => {
    // The older transaction: it holds a transaction id, as any write in flight does.
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_current_xact_id()');
    await db.transaction((sql) =>
      store.append(sql, 'stream-hidden', 0, [{ type: 'test.hidden', data: {} }], context),
    );
    // A poll far away: only the relay's own look-again can publish within the test.
    const { relay, published } = await startRelay(db, store, 'relay-hidden', {
      pollIntervalMs: 60_000,
    });
    try {
      relay.wake(); // as the commit would have, had this relay been running then
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(published).toEqual([]); // still hidden behind the open transaction
      await blocker.query('COMMIT');
      await eventually(() => expect(published).toEqual(['test.hidden']), { timeoutMs: 5_000 });
    } finally {
      await relay.stop();
    }
  });
});

/**
 * The checkpoint is committed without waiting for the WAL flush, by a setting local to its own
 * transaction: the connection, which the pool hands to durable writes next, must keep waiting.
 */
describe('the outbox relay checkpoint', () => {
  let database: TestDatabase;
  let db: Database;
  const store = new EventStore('relay_checkpoint');

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection: the relay's statements and the checks below share it.
    db = new Database({ url: database.url, poolSize: 1, applicationName: 'relay-checkpoint' });
    await db.connect();
    await db.query(eventStoreMigration(store.schema).up);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('moves to the last published event and leaves the connection committing durably', async () => {
    await db.transaction((sql) =>
      store.append(sql, 'stream-checkpoint', 0, [{ type: 'test.checkpoint', data: {} }], context),
    );
    const { relay, published } = await startRelay(db, store, 'relay-checkpoint');
    try {
      relay.wake();
      await eventually(async () => {
        expect(published).toEqual(['test.checkpoint']);
        const { rows } = await db.query<{ at: string; last: string }>(
          `SELECT c.global_position::text AS at, max(e.global_position)::text AS last
             FROM ${store.schema}.outbox_checkpoint c, ${store.schema}.events e
            WHERE c.name = 'relay-checkpoint' GROUP BY c.global_position`,
        );
        expect(rows).toHaveLength(1);
        expect(rows[0]!.at).toBe(rows[0]!.last);
      });
    } finally {
      await relay.stop();
    }
    const setting = await db.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    expect(setting.rows[0]!.synchronous_commit).toBe('on');
  });
});

/**
 * Writers never wake the relay by hand: the store tells it after each commit that appended
 * (Database.transaction's after-commit hook), and never after a rollback.
 */
describe('the outbox relay, woken by the commit itself', () => {
  let database: TestDatabase;
  let db: Database;
  const store = new EventStore('relay_after_commit');

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Database({ url: database.url, poolSize: 2, applicationName: 'relay-commit-test' });
    await db.connect();
    await db.query(eventStoreMigration(store.schema).up);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('publishes a committed append at once, with no NOTIFY listener and no poll, and never a rolled-back one', async () => {
    // No listenUrl and a poll far beyond the test: only the commit hook can wake the relay.
    const { relay, published } = await startRelay(db, store, 'relay-after-commit', {
      pollIntervalMs: 600_000,
    });
    try {
      await eventually(async () => expect(await relay.lag()).toBe(0));
      const started = Date.now();
      await db.transaction((sql) =>
        store.append(sql, 'stream-1', 0, [{ type: 'test.committed', data: {} }], context),
      );
      await eventually(() => expect(published).toEqual(['test.committed']));
      expect(Date.now() - started).toBeLessThan(5_000);

      await expect(
        db.transaction(async (sql) => {
          await store.append(sql, 'stream-2', 0, [{ type: 'test.rolled-back', data: {} }], context);
          throw new Error('the handler failed after appending');
        }),
      ).rejects.toThrow('the handler failed');
      const heard: string[] = [];
      await db
        .transaction(async (sql) => {
          sql.afterCommit(() => heard.push('rolled back'));
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await db.transaction(async (sql) => sql.afterCommit(() => heard.push('committed')));
      expect(heard).toEqual(['committed']);
      // On the pool each statement commits on its own: heard at once as well.
      await store.append(db, 'stream-3', 0, [{ type: 'test.autocommit', data: {} }], context);
      await eventually(() => expect(published).toEqual(['test.committed', 'test.autocommit']));
    } finally {
      await relay.stop();
    }
  });
});

describe("the event store's commit listeners for some event types", () => {
  let database: TestDatabase;
  let db: Database;
  const store = new EventStore('typed_commit_listeners');

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Database({ url: database.url, poolSize: 2, applicationName: 'typed-listener-test' });
    await db.connect();
    await db.query(eventStoreMigration(store.schema).up);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('hears a commit that appended one of its types, not one of other types, nor a rollback', async () => {
    const heard: string[] = [];
    store.onCommitted(() => heard.push('requeued'), ['delivery.requeued']);
    store.onCommitted(() => heard.push('any'));
    const append = (streamId: string, type: string) =>
      db.transaction((sql) => store.append(sql, streamId, 0, [{ type, data: {} }], context));

    await append('stream-1', 'delivery.attempted');
    expect(heard).toEqual(['any']);
    await append('stream-2', 'delivery.requeued');
    expect(heard).toEqual(['any', 'requeued', 'any']);
    await db
      .transaction(async (sql) => {
        await store.append(sql, 'stream-3', 0, [{ type: 'delivery.requeued', data: {} }], context);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(heard).toEqual(['any', 'requeued', 'any']);
  });
});
