import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fixKafkaRequestQueueSpin } from '@hookport/platform';
import { Kafka, logLevel } from 'kafkajs';
import { request } from 'undici';
import { freePorts } from './free-port';
import { findRepoRoot } from './repo-root';

export const SERVICE_NAMES = [
  'api-gateway',
  'portal-session',
  'endpoints',
  'delivery',
  'logs',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface StackOptions {
  /** Database the services use, e.g. from `createTestDatabase()`. */
  databaseUrl: string;
  kafkaBrokers: string;
  /** Services to start; default all five. Ports and URLs are assigned to all five regardless. */
  services?: ServiceName[];
  /** Extra environment for every service; wins over the stack's own settings. */
  env?: Record<string, string>;
  /** Extra environment for one service; wins over `env`. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Folder for the `<service>.log` files; default `<repo>/.artifacts/logs/<stack id>`. */
  logDir?: string;
  /** How long each service may take to answer `GET /health/ready` with 200. Default 60 s. */
  readyTimeoutMs?: number;
  /** Repository holding `services/<name>/dist/main.js`; default the one this file is in. */
  rootDir?: string;
  /**
   * Keep the stack's Kafka topics and consumer groups after `stop()`. By default they are
   * deleted, since every stack creates its own and a long test run would pile up thousands.
   */
  keepTopics?: boolean;
  /** Extra Node flags for one service, e.g. `['--cpu-prof']` (not allowed in NODE_OPTIONS). */
  nodeArgs?: Partial<Record<ServiceName, string[]>>;
}

export interface Stack {
  /** Unique per stack; also its Kafka namespace and the name of its log folder. */
  id: string;
  gatewayUrl: string;
  /** `HOOKPORT_ADMIN_API_KEY` of this stack. */
  adminKey: string;
  /** `http://127.0.0.1:<port>` of every service, started or not. */
  urls: Record<ServiceName, string>;
  /**
   * Where each service's `GET /metrics` answers: its own port, except for the gateway (and a
   * service given HOOKPORT_METRICS_PORT), whose metrics have a port of their own.
   */
  metricsUrls: Record<ServiceName, string>;
  /** Environment given to every service (besides `PORT` and the gateway's service URLs). */
  env: Record<string, string>;
  logDir: string;
  /** Sends `signal` to the service and resolves once it has exited. */
  kill(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped service again, on the same port and environment, and waits until ready. */
  start(name: ServiceName): Promise<void>;
  /** SIGTERM to every service, SIGKILL to those still alive after 10 s. Idempotent. */
  stop(): Promise<void>;
  /** Everything the service wrote to stdout and stderr, across restarts. */
  logs(name: ServiceName): string;
  /** Process id of the running service, undefined when it is not running. */
  pid(name: ServiceName): number | undefined;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const LOG_TAIL_LINES = 40;

const secret = () => randomBytes(32).toString('base64url');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Every child of every stack, so none outlives the test process: Vitest ends its workers with
// SIGTERM, which skips 'exit' handlers, so the usual termination signals are handled too.
// ---------------------------------------------------------------------------------------------

const liveChildren = new Set<ChildProcess>();
const EXIT_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

const killAllChildren = () => {
  for (const child of liveChildren) child.kill('SIGKILL');
  liveChildren.clear();
};

const onExitSignal = (signal: NodeJS.Signals) => {
  killAllChildren();
  uninstallExitHooks();
  // Without our listener the signal gets its default effect again (end the process), unless
  // someone else listens and decides.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
};

let hooksInstalled = false;

const installExitHooks = () => {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllChildren);
  for (const signal of EXIT_SIGNALS) process.on(signal, onExitSignal);
};

const uninstallExitHooks = () => {
  if (!hooksInstalled) return;
  hooksInstalled = false;
  process.off('exit', killAllChildren);
  for (const signal of EXIT_SIGNALS) process.off(signal, onExitSignal);
};

const track = (child: ChildProcess) => {
  liveChildren.add(child);
  installExitHooks();
  child.once('exit', () => {
    liveChildren.delete(child);
    // Hand the signals back to their default handling once nothing is left to clean up.
    if (liveChildren.size === 0) uninstallExitHooks();
  });
};

// Last line of defence, for when no handler above gets to run: the test process was SIGKILLed,
// or the stack lives in a Vitest worker thread, whose handlers the main thread's exit skips.
// Preloaded into every service, it ends the service once its parent is gone (the orphan is
// re-parented, so `process.ppid` changes). Inline, so there is no file to build or ship.
const parentWatch = () => {
  const code =
    `const parent = ${process.pid};` +
    `setInterval(() => { if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL'); }, 500)` +
    `.unref();`;
  return `data:text/javascript,${encodeURIComponent(code)}`;
};

// ---------------------------------------------------------------------------------------------

interface Running {
  child: ChildProcess;
  /** Resolves with how the process ended; never rejects. */
  exited: Promise<string>;
  exit: string | undefined;
}

const tail = (text: string, lines = LOG_TAIL_LINES) =>
  text.trimEnd().split('\n').slice(-lines).join('\n');

const deleteNamespace = async (brokers: string, namespace: string): Promise<void> => {
  // As in the services: unpatched, each connection re-arms a negative timer (Node 24 warns).
  fixKafkaRequestQueueSpin();
  const kafka = new Kafka({
    clientId: 'hookport-testing',
    brokers: brokers.split(',').map((broker) => broker.trim()),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { retries: 2 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const prefix = `${namespace}.`;
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
    const groups = (await admin.listGroups()).groups
      .map((group) => group.groupId)
      .filter((group) => group.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups);
  } finally {
    await admin.disconnect();
  }
};

/**
 * Starts Hookport's services as real processes (their built `dist/main.js`) on free ports,
 * against the given Postgres and Kafka, and waits until each one reports ready. Each stack has
 * its own secrets and Kafka namespace, so stacks running side by side never see each other.
 */
export const startStack = async (options: StackOptions): Promise<Stack> => {
  const root = options.rootDir ?? findRepoRoot();
  const id = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const logDir = options.logDir ?? join(root, '.artifacts', 'logs', id);
  mkdirSync(logDir, { recursive: true });
  const readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;

  const portList = await freePorts(SERVICE_NAMES.length + 1);
  // The gateway's port is public: its metrics are on a port of their own, as in the chart.
  const gatewayMetricsPort = portList.pop()!;
  const ports = Object.fromEntries(SERVICE_NAMES.map((name, i) => [name, portList[i]])) as Record<
    ServiceName,
    number
  >;
  const urls = Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}`]),
  ) as Record<ServiceName, string>;
  const gatewayUrl = urls['api-gateway'];
  const adminKey = `hp_admin_${secret()}`;

  const env: Record<string, string> = {
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.kafkaBrokers,
    HOOKPORT_KAFKA_NAMESPACE: id,
    HOOKPORT_INTERNAL_SECRET: secret(),
    HOOKPORT_ENCRYPTION_KEY: secret(),
    HOOKPORT_JWT_SECRET: secret(),
    HOOKPORT_ADMIN_API_KEY: adminKey,
    HOOKPORT_PUBLIC_URL: gatewayUrl,
    HOOKPORT_SSRF_ALLOW: '127.0.0.0/8',
    HOOKPORT_ALLOW_HTTP: 'true',
    HOOKPORT_LOG_LEVEL: 'warn',
    ...options.env,
  };
  const gatewayEnv: Record<string, string> = {
    HOOKPORT_METRICS_PORT: String(gatewayMetricsPort),
    HOOKPORT_ENDPOINTS_URL: urls.endpoints,
    HOOKPORT_DELIVERY_URL: urls.delivery,
    HOOKPORT_LOGS_URL: urls.logs,
    HOOKPORT_PORTAL_SESSION_URL: urls['portal-session'],
  };
  // The developer's shell may hold Hookport settings of its own; a test stack must not pick
  // them up, nor look like a Vitest worker to the services.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && !/^(HOOKPORT_|VITEST)/.test(entry[0]),
    ),
  );
  const processEnv = (name: ServiceName): Record<string, string> => ({
    ...inherited,
    ...env,
    ...(name === 'api-gateway' ? gatewayEnv : {}),
    ...options.env,
    ...options.serviceEnv?.[name],
    PORT: String(ports[name]),
  });

  const running = new Map<ServiceName, Running>();
  const logFile = (name: ServiceName) => join(logDir, `${name}.log`);
  const logs = (name: ServiceName) => {
    try {
      return readFileSync(logFile(name), 'utf8');
    } catch {
      return '';
    }
  };
  const failure = (name: ServiceName, why: string) =>
    new Error(
      `${name} (stack ${id}) ${why}; last lines of ${logFile(name)}:\n${tail(logs(name)) || '(empty)'}`,
    );

  const spawnService = (name: ServiceName): Running => {
    const main = join(root, 'services', name, 'dist', 'main.js');
    if (!existsSync(main))
      throw new Error(`${main} not found: build the services first (npm run build)`);
    // The child writes straight into the file: nothing reaches the test output, and the log is
    // complete even when the test process dies first.
    const fd = openSync(logFile(name), 'a');
    let child: ChildProcess;
    try {
      writeSync(
        fd,
        `\n--- ${new Date().toISOString()} starting ${name} on port ${ports[name]} ---\n`,
      );
      child = spawn(
        process.execPath,
        [...(options.nodeArgs?.[name] ?? []), '--import', parentWatch(), main],
        {
          cwd: root,
          env: processEnv(name),
          stdio: ['ignore', fd, fd],
        },
      );
    } finally {
      closeSync(fd); // the child holds its own copy
    }
    track(child);
    const entry: Running = {
      child,
      exit: undefined,
      exited: new Promise<string>((resolve) => {
        const done = (how: string) => {
          entry.exit ??= how;
          resolve(entry.exit);
        };
        child.once('exit', (code, signal) => done(signal ? `signal ${signal}` : `code ${code}`));
        child.once('error', (error) => done(`spawn error: ${error.message}`));
      }),
    };
    running.set(name, entry);
    return entry;
  };

  const waitReady = async (name: ServiceName, entry: Running): Promise<void> => {
    const deadline = performance.now() + readyTimeoutMs;
    let last = 'no answer yet';
    for (;;) {
      if (entry.exit) throw failure(name, `exited (${entry.exit}) before it was ready`);
      try {
        const response = await request(`${urls[name]}/health/ready`, {
          headersTimeout: 2_000,
          bodyTimeout: 2_000,
        });
        await response.body.dump();
        if (response.statusCode === 200) return;
        last = `last answer ${response.statusCode}`;
      } catch (error) {
        last = `last attempt: ${error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error)}`;
      }
      if (performance.now() > deadline) {
        throw failure(name, `was not ready after ${readyTimeoutMs} ms (${last})`);
      }
      // Wake up at once if the process dies, rather than polling a corpse until the deadline.
      await Promise.race([sleep(100), entry.exited]);
    }
  };

  const kill = async (name: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const entry = running.get(name);
    if (!entry) return;
    if (!entry.exit) entry.child.kill(signal);
    await entry.exited;
    running.delete(name);
  };

  const start = async (name: ServiceName): Promise<void> => {
    const current = running.get(name);
    if (current && !current.exit) throw new Error(`${name} (stack ${id}) is already running`);
    running.delete(name);
    await waitReady(name, spawnService(name));
  };

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(
        [...running].map(async ([name, entry]) => {
          if (!entry.exit) entry.child.kill('SIGTERM');
          const forced = setTimeout(() => entry.child.kill('SIGKILL'), STOP_GRACE_MS);
          await entry.exited;
          clearTimeout(forced);
          running.delete(name);
        }),
      );
      if (!options.keepTopics) {
        // Best effort: a test that took Kafka down must still be able to stop its stack.
        await Promise.race([
          deleteNamespace(options.kafkaBrokers, id).catch(() => undefined),
          sleep(15_000),
        ]);
      }
    })());

  const services = options.services ?? [...SERVICE_NAMES];
  try {
    await Promise.all(services.map((name) => waitReady(name, spawnService(name))));
  } catch (error) {
    await stop(); // leave nothing running behind a failed start
    throw error;
  }

  const pid = (name: ServiceName) => {
    const entry = running.get(name);
    return entry && !entry.exit ? entry.child.pid : undefined;
  };

  const metricsUrls = Object.fromEntries(
    SERVICE_NAMES.map((name) => {
      const port = processEnv(name)['HOOKPORT_METRICS_PORT'];
      return [name, port ? `http://127.0.0.1:${port}` : urls[name]];
    }),
  ) as Record<ServiceName, string>;
  return { id, gatewayUrl, adminKey, urls, metricsUrls, env, logDir, kill, start, stop, logs, pid };
};
