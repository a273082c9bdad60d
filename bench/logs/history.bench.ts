import { afterAll, beforeAll, it } from 'vitest';
import {
  api,
  createTestDatabase,
  startStack,
  type ApiClient,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';
import { Client } from 'pg';
import { request } from 'undici';
import { encodePrincipal } from '@hookport/platform';
import { flags, summary } from '../bench-kit';
import { startDeliveryLoad } from './delivery-load';

/**
 * The delivery log at scale: a bulk loader writes the rows the projection writes (messages, two
 * deliveries and two attempts each, stats) for one application and for 1,000 others; then the
 * portal and management queries are timed through the gateway, at a small size and again at
 * full size, to show whether their cost stays flat: first with nothing else running, then
 * again while a delivery load runs beside them (`--load`, attempts a second through the real
 * delivery path and projection; 0 skips it).
 */
const options = flags({
  attempts: 5_000_000,
  others: 1_000_000,
  first: 100_000,
  samples: 200,
  explain: 0,
  /**
   * 1: for each portal query, also time the logs service's own route (no gateway hop) and
   * the SQL it runs (pg_stat_statements), to show where a request's time goes.
   */
  hops: 0,
  /** Delivery attempts a second running while the queries are timed (0: none). */
  load: 1_000,
});
const EVENT_TYPES = 10;
const THIRTY_DAYS_MS = 30 * 86_400_000;
/**
 * Bulk-loaded rows' event positions start here, far above the real ones that the delivery load
 * writes, so that each seeding step selects only its own rows (a multiple of 1,000: the
 * status and endpoint spreads, taken modulo the position, stay the same).
 */
const SEEDED = 1_000_000_000_000;

let database: TestDatabase;
let stack: Stack;
let client: ApiClient;
/** The benchmark application's id (its history is bulk-loaded). */
let appId: string;

/** Ids that pass the id checks: the row number in hex, 26 characters (for endpoints, attempts). */
const idSql = (prefix: string, expression: string) =>
  `'${prefix}_' || upper(lpad(to_hex(${expression}), 26, '0'))`;

/** Message ids as ULIDs: the creation time in Crockford base32 (10 characters), then the number. */
const ULID_FUNCTION = `
  CREATE OR REPLACE FUNCTION public.bench_b32(v bigint, width int) RETURNS text AS $$
    SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((v >> (5 * (width - 1 - i))) & 31)::int + 1, 1), '' ORDER BY i)
      FROM generate_series(0, width - 1) AS i
  $$ LANGUAGE sql IMMUTABLE`;

/**
 * Appends `count` messages (numbered from `from`) to `apps` applications round-robin, each
 * with deliveries and attempts to two endpoints: 97 % succeeded, 2 % failed, 1 % retrying, by
 * the number's last two digits; the event type (one of ten) by the digits before, so that the
 * filters are independent and a combined filter has matches all along the history.
 */
const seed = async (
  appExpression: string,
  from: number,
  count: number,
  endpointExpression = 'e',
) => {
  const started = performance.now();
  await database.query(ULID_FUNCTION);
  await database.query(
    `INSERT INTO logs.messages (id, app_id, event_type, event_id, payload, channels, tags, created_at, position)
     SELECT 'msg_' || bench_b32((extract(epoch FROM at) * 1000)::bigint, 10) || bench_b32(n, 16),
            ${appExpression}, 'order.type' || ((n / 100) % ${EVENT_TYPES}),
            'evt-' || n,
            '{"orderId":"ord_' || n || '","customer":"customer ' || (n % 100000) || '","total":' || (n % 997) || '}',
            NULL, NULL, at, ${SEEDED} + n
       FROM generate_series($1::bigint, $1::bigint + $3 - 1) AS n,
            LATERAL (SELECT now() - make_interval(secs => ${THIRTY_DAYS_MS / 1000} * (1 - n::float8 / $2)) AS at) t`,
    [from, from + count, count],
  );
  await database.query(
    `INSERT INTO logs.deliveries (message_id, endpoint_id, app_id, status, attempts, last_response_status,
                                  last_attempt_at, next_attempt_at, last_attempt_number, event_type, message_at)
     SELECT m.id, ${idSql('ep', endpointExpression)}, m.app_id, s.status, 1, s.code, m.created_at, NULL, 1,
            m.event_type, m.created_at
       FROM logs.messages m
       CROSS JOIN generate_series(1, 2) AS e
       CROSS JOIN LATERAL (SELECT CASE WHEN m.position % 100 < 97 THEN 'succeeded'
                                       WHEN m.position % 100 < 99 THEN 'failed' ELSE 'retrying' END AS status,
                                  CASE WHEN m.position % 100 < 97 THEN 200 ELSE 500 END AS code) s
      WHERE m.position >= ${SEEDED} + $1 AND m.position < ${SEEDED} + $1 + $2`,
    [from, count],
  );
  await database.query(
    `INSERT INTO logs.attempts (id, message_id, endpoint_id, app_id, attempt_number, trigger, url, request_headers,
                                response_status, response_headers, response_body, duration_ms, error_class,
                                error_message, succeeded, attempted_at, position)
     SELECT ${idSql('atmpt', 'm.position * 2 + e')}, m.id, d.endpoint_id, m.app_id, 1, 'scheduled',
            'https://hooks.example.com/orders', '{"content-type":"application/json"}', d.last_response_status,
            '{}', 'ok', 20 + (m.position % 180), NULL, NULL, d.status = 'succeeded', m.created_at, m.position
       FROM logs.messages m
       CROSS JOIN generate_series(1, 2) AS e
       JOIN logs.deliveries d ON d.message_id = m.id AND d.endpoint_id = ${idSql('ep', endpointExpression)}
      WHERE m.position >= ${SEEDED} + $1 AND m.position < ${SEEDED} + $1 + $2`,
    [from, count],
  );
  // As a settled database would be: visibility map set, statistics fresh, GIN pending list merged.
  for (const table of ['logs.messages', 'logs.deliveries', 'logs.attempts'])
    await database.query(`VACUUM ANALYZE ${table}`);
  return (performance.now() - started) / 1000;
};

const endpointOf = (n: number) => `ep_${n.toString(16).toUpperCase().padStart(26, '0')}`;

const time = async (name: string, path: string, token: string | undefined) => {
  const ms: number[] = [];
  for (let i = 0; i < options.samples; i += 1) {
    const started = performance.now();
    const response = await client.get(path, token ? { token } : {});
    ms.push(performance.now() - started);
    if (response.status !== 200) {
      console.log(`  ${name.padEnd(40)} FAILED: ${response.status} ${response.text.slice(0, 120)}`);
      return [name, { failed: response.status }] as const;
    }
  }
  console.log(`  ${name.padEnd(40)} ${JSON.stringify(summary(ms))}`);
  if (options.hops && path.startsWith('/portal-api/v1/messages')) await timeHops(path);
  return [name, summary(ms)] as const;
};

/**
 * The same portal query at the logs service itself (as the gateway forwards it, with a signed
 * principal) and the SQL time it costs per request, from pg_stat_statements (where loaded).
 */
const timeHops = async (path: string) => {
  const internal = path.replace('/portal-api/v1/messages', `/internal/apps/${appId}/messages`);
  const headers = {
    ...encodePrincipal(stack.env['HOOKPORT_INTERNAL_SECRET']!, { kind: 'system', id: 'bench' }),
    accept: 'application/json',
  };
  // pg_stat_statements is read where it is installed: the server's admin database.
  const admin = new Client({ connectionString: process.env['DATABASE_URL'] });
  await admin.connect();
  const statements = await admin
    .query('SELECT pg_stat_statements_reset()')
    .then(() => true)
    .catch(() => false);
  const ms: number[] = [];
  for (let i = 0; i < options.samples; i += 1) {
    const started = performance.now();
    const response = await request(`${stack.urls.logs}${internal}`, { headers });
    await response.body.arrayBuffer();
    ms.push(performance.now() - started);
  }
  let sqlMs = 'n/a';
  if (statements) {
    const { rows } = await admin.query<{ ms: number }>(
      `SELECT COALESCE(sum(total_exec_time), 0)::float AS ms FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)
          AND query ILIKE '%logs.%' AND query NOT ILIKE '%INSERT INTO%'`,
      [new URL(database.url).pathname.slice(1)],
    );
    sqlMs = (rows[0]!.ms / options.samples).toFixed(2);
  }
  await admin.end();
  console.log(
    `  ${'  at the logs service'.padEnd(40)} ${JSON.stringify({ ...summary(ms), sqlMsPerRequest: sqlMs })}`,
  );
};

const measure = async (label: string) => {
  const code = (await client.post(`/api/v1/app/${appId}/portal-session`, { role: 'viewer' })).body
    .code;
  const token = (await client.post('/portal-api/v1/session/exchange', { code }, { token: null }))
    .body.token;
  const total = (
    await database.query<{ total: number }>(
      'SELECT count(*)::int AS total FROM logs.messages WHERE app_id = $1',
      [appId],
    )
  ).rows[0]!.total;
  // 1,000,000 rows deep, or as deep as the small size allows (found once, with OFFSET, here only).
  const depth = Math.min(1_000_000, total - 100);
  const deep = (
    await database.query<{ id: string }>(
      'SELECT id FROM logs.messages WHERE app_id = $1 ORDER BY id DESC OFFSET $2 LIMIT 1',
      [appId, depth],
    )
  ).rows[0]!;
  const endpoint = endpointOf(1);
  const week = new Date(Date.now() - 7 * 86_400_000).toISOString();
  console.log(`\n[bench:logs] ${label}: ${total.toLocaleString('en')} messages of the application`);
  const queries: [string, string, string | undefined][] = [
    ['portal first page', '/portal-api/v1/messages?limit=50', token],
    [
      `portal page ${depth.toLocaleString('en')} rows deep`,
      `/portal-api/v1/messages?limit=50&iterator=${deep.id}`,
      token,
    ],
    ['portal status=failed', '/portal-api/v1/messages?status=failed', token],
    ['portal endpointId', `/portal-api/v1/messages?endpointId=${endpoint}`, token],
    ['portal eventType', '/portal-api/v1/messages?eventType=order.type3', token],
    ['portal statusCodeClass=5xx', '/portal-api/v1/messages?statusCodeClass=5xx', token],
    ['portal time range', `/portal-api/v1/messages?before=${week}`, token],
    [
      'portal combined',
      `/portal-api/v1/messages?status=failed&endpointId=${endpoint}&eventType=order.type3&before=${week}`,
      token,
    ],
    // The worst case of a filter on deliveries: nothing matches, every unsettled delivery of the
    // application is walked.
    [
      'portal combined, matching nothing',
      `/portal-api/v1/messages?status=failed&endpointId=${endpoint}&eventType=order.none`,
      token,
    ],
    ['portal search message id', `/portal-api/v1/messages?search=${deep.id}`, token],
    ['portal search payload text', '/portal-api/v1/messages?search=customer%2012345', token],
    ['svix msg list', `/api/v1/app/${appId}/msg?limit=50`, undefined],
    [
      'svix attempts by endpoint',
      `/api/v1/app/${appId}/attempt/endpoint/${endpoint}?limit=50`,
      undefined,
    ],
    [
      'svix attempts by endpoint, failed',
      `/api/v1/app/${appId}/attempt/endpoint/${endpoint}?status=2`,
      undefined,
    ],
  ];
  const timeAll = async () => {
    const results = [];
    for (const [name, path, auth] of queries) results.push(await time(name, path, auth));
    return results;
  };
  console.log('[bench:logs] quiet (nothing else running):');
  const quiet = await timeAll();
  let loaded: Awaited<ReturnType<typeof timeAll>> = [];
  if (options.load) {
    const load = await startDeliveryLoad(stack, `bench-load-${label}`, options.load);
    console.log(
      `[bench:logs] under a delivery load: ${options.load} attempts/s asked, ${await load.deliveredPerSecond(5_000)}/s delivered`,
    );
    loaded = await timeAll();
    console.log(`[bench:logs] delivery load while timing: ${JSON.stringify(await load.stop())}`);
  }
  if (options.explain) {
    for (const statement of [
      `SELECT m.id FROM logs.messages m WHERE m.app_id = '${appId}' ORDER BY m.app_id, m.id DESC LIMIT 51`,
      `SELECT m.id FROM logs.messages m WHERE m.app_id = '${appId}' AND m.created_at < '${week}' ORDER BY m.app_id, m.id DESC LIMIT 51`,
      // The combined filter's walk (as message-log.repository.ts builds it).
      `SELECT DISTINCT ON (d.message_id) d.message_id FROM logs.deliveries d
        WHERE d.app_id = '${appId}' AND d.endpoint_id = '${endpoint}' AND d.status = 'failed'
          AND d.status <> 'succeeded' AND d.event_type = 'order.type3' AND d.message_at < '${week}'
        ORDER BY d.message_id DESC LIMIT 51`,
    ]) {
      const plan = await database.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${statement}`);
      console.log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
    }
  }
  return { quiet, loaded };
};

beforeAll(async () => {
  database = await createTestDatabase();
  stack = await startStack({
    databaseUrl: database.url,
    kafkaBrokers: process.env['KAFKA_BROKERS']!,
    serviceEnv: {
      'api-gateway': {
        HOOKPORT_RATE_LIMIT_API_KEY: '0',
        HOOKPORT_RATE_LIMIT_PORTAL_SESSION: '0',
        HOOKPORT_LOG_LEVEL: 'warn',
      },
      delivery: { HOOKPORT_LOG_LEVEL: 'warn' },
      logs: { HOOKPORT_LOG_LEVEL: 'warn' },
    },
  });
  client = api(stack);
});

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

it('times delivery-log queries at 100,000 and at 5,000,000 attempts', async () => {
  appId = (await client.post('/api/v1/app', { name: 'Bench history', uid: 'bench-history' })).body
    .id;
  const firstMessages = options.first / 2;
  console.log(`[bench:logs] seeding ${options.first.toLocaleString('en')} attempts...`);
  console.log(
    `[bench:logs] seeded in ${(await seed(`'${appId}'`, 1, firstMessages)).toFixed(0)} s`,
  );
  await measure('small');

  console.log(
    `[bench:logs] seeding up to ${options.attempts.toLocaleString('en')} attempts, and ${options.others.toLocaleString('en')} for 1,000 other applications...`,
  );
  let seconds = await seed(`'${appId}'`, firstMessages + 1, options.attempts / 2 - firstMessages);
  seconds += await seed(
    `'app_OTHER' || lpad((n % 1000)::text, 21, '0')`,
    options.attempts / 2 + 1,
    options.others / 2,
    // Each other application has endpoints of its own.
    '16 + (m.position % 1000) * 2 + e',
  );
  console.log(`[bench:logs] seeded in ${seconds.toFixed(0)} s`);
  await measure('full');
});
