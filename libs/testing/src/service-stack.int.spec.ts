import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { request } from 'undici';
import { SERVICE_NAMES, startStack, type Stack } from './service-stack';
import { eventually } from './eventually';

/**
 * A stand-in for a built service, so these tests check the stack's own job (ports, environment,
 * logs, readiness, restarts) whatever state the real services are in. It answers
 * /health/ready, reports the environment it got at /env, and obeys FAKE_MODE.
 */
const FAKE_MAIN = `
const http = require('node:http');
const mode = process.env.FAKE_MODE ?? 'ok';
if (mode === 'crash') {
  console.error('fatal: cannot start, FAKE_MODE=crash');
  process.exit(3);
}
const server = http.createServer((req, res) => {
  if (req.url === '/health/ready') {
    res.writeHead(mode === 'never-ready' ? 503 : 200).end();
  } else if (req.url === '/env') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(process.env));
  } else {
    res.writeHead(404).end();
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening', process.env.PORT));
process.on('SIGTERM', () => {
  console.log('SIGTERM received');
  if (mode === 'ignore-sigterm') return;
  server.close(() => process.exit(0));
});
`;

const envOf = async (url: string): Promise<Record<string, string>> => {
  const response = await request(`${url}/env`);
  return (await response.body.json()) as Record<string, string>;
};

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startStack', () => {
  const kafkaBrokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092';
  let root: string;
  let stack: Stack | undefined;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hookport-fake-repo-'));
    writeFileSync(join(root, 'nx.json'), '{}');
    for (const name of SERVICE_NAMES) {
      mkdirSync(join(root, 'services', name, 'dist'), { recursive: true });
      writeFileSync(join(root, 'services', name, 'dist', 'main.js'), FAKE_MAIN);
    }
  });
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('starts every service on its own port with the stack environment', async () => {
    const previous = process.env['HOOKPORT_RETRY_SCHEDULE'];
    process.env['HOOKPORT_RETRY_SCHEDULE'] = 'from-the-developer-shell';
    try {
      stack = await startStack({
        rootDir: root,
        databaseUrl: 'postgres://hookport@127.0.0.1:1/db',
        kafkaBrokers,
        env: { HOOKPORT_LOG_LEVEL: 'debug' },
        serviceEnv: { delivery: { HOOKPORT_DELIVERY_CONCURRENCY: '7' } },
        keepTopics: true,
      });
    } finally {
      if (previous === undefined) delete process.env['HOOKPORT_RETRY_SCHEDULE'];
      else process.env['HOOKPORT_RETRY_SCHEDULE'] = previous;
    }

    const ports = SERVICE_NAMES.map((name) => new URL(stack!.urls[name]).port);
    expect(new Set(ports).size).toBe(5);
    expect(stack.gatewayUrl).toBe(stack.urls['api-gateway']);
    expect(stack.id).toMatch(/^t[0-9a-z]+$/);

    const gateway = await envOf(stack.gatewayUrl);
    expect(gateway).toMatchObject({
      PORT: new URL(stack.gatewayUrl).port,
      DATABASE_URL: 'postgres://hookport@127.0.0.1:1/db',
      KAFKA_BROKERS: kafkaBrokers,
      HOOKPORT_KAFKA_NAMESPACE: stack.id,
      HOOKPORT_ADMIN_API_KEY: stack.adminKey,
      HOOKPORT_PUBLIC_URL: stack.gatewayUrl,
      HOOKPORT_SSRF_ALLOW: '127.0.0.0/8',
      HOOKPORT_ALLOW_HTTP: 'true',
      HOOKPORT_LOG_LEVEL: 'debug',
      HOOKPORT_ENDPOINTS_URL: stack.urls.endpoints,
      HOOKPORT_DELIVERY_URL: stack.urls.delivery,
      HOOKPORT_LOGS_URL: stack.urls.logs,
      HOOKPORT_PORTAL_SESSION_URL: stack.urls['portal-session'],
    });
    for (const name of [
      'HOOKPORT_INTERNAL_SECRET',
      'HOOKPORT_ENCRYPTION_KEY',
      'HOOKPORT_JWT_SECRET',
    ]) {
      expect(gateway[name]!.length).toBeGreaterThanOrEqual(32);
      expect(gateway[name]).toBe(stack.env[name]);
    }
    expect(gateway['HOOKPORT_RETRY_SCHEDULE']).toBeUndefined();
    expect(Object.keys(gateway).some((name) => name.startsWith('VITEST'))).toBe(false);

    const delivery = await envOf(stack.urls.delivery);
    expect(delivery['PORT']).toBe(new URL(stack.urls.delivery).port);
    expect(delivery['HOOKPORT_DELIVERY_CONCURRENCY']).toBe('7');
    expect(delivery['HOOKPORT_ENDPOINTS_URL']).toBeUndefined();
    expect(delivery['HOOKPORT_INTERNAL_SECRET']).toBe(gateway['HOOKPORT_INTERNAL_SECRET']);
  });

  it('gives two stacks different ports, secrets and Kafka namespaces', async () => {
    const options = {
      rootDir: root,
      databaseUrl: 'x',
      kafkaBrokers,
      services: [],
      keepTopics: true,
    };
    const [a, b] = await Promise.all([startStack(options), startStack(options)]);
    try {
      expect(a.id).not.toBe(b.id);
      expect(a.env['HOOKPORT_KAFKA_NAMESPACE']).not.toBe(b.env['HOOKPORT_KAFKA_NAMESPACE']);
      expect(a.adminKey).not.toBe(b.adminKey);
      expect(a.env['HOOKPORT_INTERNAL_SECRET']).not.toBe(b.env['HOOKPORT_INTERNAL_SECRET']);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('writes service output to its log file, never to the test output', async () => {
    stack = await startStack({
      rootDir: root,
      databaseUrl: 'x',
      kafkaBrokers,
      services: ['logs'],
      keepTopics: true,
    });

    expect(stack.logDir).toBe(join(root, '.artifacts', 'logs', stack.id));
    expect(stack.logs('logs')).toContain(`listening ${new URL(stack.urls.logs).port}`);
    expect(stack.logs('endpoints')).toBe('');
  });

  it('kills a service, resolving once it is gone, and starts it again on the same port', async () => {
    stack = await startStack({
      rootDir: root,
      databaseUrl: 'x',
      kafkaBrokers,
      services: ['delivery'],
      keepTopics: true,
    });
    const pid = stack.pid('delivery')!;
    expect(isAlive(pid)).toBe(true);

    await stack.kill('delivery');

    expect(isAlive(pid)).toBe(false);
    expect(stack.pid('delivery')).toBeUndefined();
    await expect(request(`${stack.urls.delivery}/health/ready`)).rejects.toThrow();

    await stack.start('delivery');
    expect(stack.pid('delivery')).not.toBe(pid);
    const ready = await request(`${stack.urls.delivery}/health/ready`);
    await ready.body.dump();
    expect(ready.statusCode).toBe(200);
    expect(stack.logs('delivery').match(/starting delivery on port/g)).toHaveLength(2);
    await expect(stack.start('delivery')).rejects.toThrow(/already running/);
  });

  it('starts each replica on its own port behind a round-robin proxy, and kills and starts one replica', async () => {
    stack = await startStack({
      rootDir: root,
      databaseUrl: 'x',
      kafkaBrokers,
      services: ['api-gateway', 'delivery'],
      replicas: { 'api-gateway': 2, delivery: 2 },
      keepTopics: true,
    });
    const replicaPorts = stack.replicaUrls.delivery.map((url) => new URL(url).port);
    expect(new Set([...replicaPorts, new URL(stack.urls.delivery).port]).size).toBe(3);
    expect(stack.replicas).toMatchObject({ delivery: 2, 'api-gateway': 2, logs: 1 });
    expect(stack.replicaUrls.logs).toEqual([stack.urls.logs]);
    // Each gateway replica is reached on its own, and finds the other services at their proxies.
    expect(stack.gatewayUrls).toEqual(stack.replicaUrls['api-gateway']);
    const gatewayEnvs = await Promise.all(stack.gatewayUrls.map(envOf));
    for (const env of gatewayEnvs) expect(env['HOOKPORT_DELIVERY_URL']).toBe(stack.urls.delivery);
    expect(new Set(gatewayEnvs.map((env) => env['HOOKPORT_METRICS_PORT'])).size).toBe(2);

    // A new connection each time: the proxy takes turns, as a k8s Service spreads connections.
    const answeredBy = async () =>
      (
        (await (
          await fetch(`${stack!.urls.delivery}/env`, {
            keepalive: false,
            headers: { connection: 'close' },
          })
        ).json()) as Record<string, string>
      )['PORT'];
    const spread = [];
    for (let i = 0; i < 6; i += 1) spread.push(await answeredBy());
    expect(new Set(spread)).toEqual(new Set(replicaPorts));

    const firstPid = stack.pid('delivery', 0)!;
    await stack.kill('delivery', 'SIGKILL', 0);
    expect(isAlive(firstPid)).toBe(false);
    expect(stack.pid('delivery', 1)).toBeDefined();
    for (let i = 0; i < 4; i += 1) expect(await answeredBy()).toBe(replicaPorts[1]);

    await stack.start('delivery', 0);
    expect(stack.pid('delivery', 0)).not.toBe(firstPid);
    const again = [];
    for (let i = 0; i < 6; i += 1) again.push(await answeredBy());
    expect(new Set(again)).toEqual(new Set(replicaPorts));
    expect(stack.logs('delivery', 0).match(/starting delivery replica 0 on port/g)).toHaveLength(2);
    expect(stack.logs('delivery', 1).match(/starting delivery replica 1 on port/g)).toHaveLength(1);
    await expect(stack.start('delivery', 1)).rejects.toThrow(/already running/);
    await expect(stack.kill('delivery', 'SIGKILL', 2)).rejects.toThrow(/no replica 2/);
  });

  it('stops gracefully with SIGTERM', async () => {
    stack = await startStack({
      rootDir: root,
      databaseUrl: 'x',
      kafkaBrokers,
      services: ['endpoints'],
      keepTopics: true,
    });

    await stack.stop();

    expect(stack.logs('endpoints')).toContain('SIGTERM received');
    await expect(request(`${stack.urls.endpoints}/health/ready`)).rejects.toThrow();
  });

  it('fails fast with the log tail when a service exits during start', async () => {
    const starting = startStack({
      rootDir: root,
      databaseUrl: 'x',
      kafkaBrokers,
      services: ['endpoints', 'delivery'],
      serviceEnv: { delivery: { FAKE_MODE: 'crash' } },
      keepTopics: true,
    });

    await expect(starting).rejects.toThrow(
      /delivery \(stack t\w+\) exited \(code 3\) before it was ready; last lines of .*delivery\.log:\n[\s\S]*fatal: cannot start, FAKE_MODE=crash/,
    );
  });

  it('gives up after the ready timeout with the last answer and the log tail', async () => {
    const starting = startStack({
      rootDir: root,
      databaseUrl: 'x',
      kafkaBrokers,
      services: ['logs'],
      serviceEnv: { logs: { FAKE_MODE: 'never-ready' } },
      readyTimeoutMs: 500,
      keepTopics: true,
    });

    await expect(starting).rejects.toThrow(
      /logs .* was not ready after 500 ms \(last answer 503\)[\s\S]*listening/,
    );
  });

  it('says which build is missing when a service was never built', async () => {
    rmSync(join(root, 'services', 'logs', 'dist', 'main.js'));
    try {
      await expect(
        startStack({
          rootDir: root,
          databaseUrl: 'x',
          kafkaBrokers,
          services: ['logs'],
          keepTopics: true,
        }),
      ).rejects.toThrow(/services\/logs\/dist\/main\.js not found/);
    } finally {
      writeFileSync(join(root, 'services', 'logs', 'dist', 'main.js'), FAKE_MAIN);
    }
  });

  it.runIf(process.env['KAFKA_BROKERS'])(
    "deletes the stack's Kafka topics and consumer groups on stop",
    async () => {
      stack = await startStack({ rootDir: root, databaseUrl: 'x', kafkaBrokers, services: [] });
      const kafka = new Kafka({
        clientId: 'stack-spec',
        brokers: [kafkaBrokers],
        logLevel: logLevel.NOTHING,
      });
      const admin = kafka.admin();
      await admin.connect();
      try {
        const topic = `${stack.id}.probe`;
        const other = `other${stack.id}.probe`; // shares the id but not the namespace prefix
        await admin.createTopics({ topics: [{ topic }, { topic: other }], waitForLeaders: true });

        await stack.stop();

        // The broker's metadata shows a deletion moments after the controller accepted it.
        await eventually(async () => {
          const topics = await admin.listTopics();
          expect(topics).not.toContain(topic);
          expect(topics).toContain(other);
        });
        await admin.deleteTopics({ topics: [other] });
      } finally {
        await admin.disconnect();
      }
    },
  );

  it(
    'does not leave a live process behind when SIGTERM takes too long',
    { timeout: 20_000 },
    async () => {
      stack = await startStack({
        rootDir: root,
        databaseUrl: 'x',
        kafkaBrokers,
        services: ['logs'],
        serviceEnv: { logs: { FAKE_MODE: 'ignore-sigterm' } },
        keepTopics: true,
      });
      const pid = stack.pid('logs')!;

      await stack.stop();

      expect(stack.logs('logs')).toContain('SIGTERM received');
      expect(isAlive(pid)).toBe(false);
    },
  );
});
