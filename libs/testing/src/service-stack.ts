import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fixKafkaRequestQueueSpin } from '@hookport/platform';
import { Kafka, logLevel } from 'kafkajs';
import { request } from 'undici';
import { freePorts } from './free-port';
import { findRepoRoot } from './repo-root';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';

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
  /**
   * Processes per service, for all (a number) or some (the others get 1); default 1. Each
   * replica has a port of its own; a service with more than one is reached, by the gateways and
   * through `urls`, via a round-robin proxy standing in for its k8s Service.
   */
  replicas?: number | Partial<Record<ServiceName, number>>;
}

export interface Stack {
  /** Unique per stack; also its Kafka namespace and the name of its log folder. */
  id: string;
  /** Where API clients go: the gateway, or the proxy in front of its replicas (the Ingress). */
  gatewayUrl: string;
  /** Every gateway replica, each reached directly. */
  gatewayUrls: string[];
  /** `HOOKPORT_ADMIN_API_KEY` of this stack. */
  adminKey: string;
  /** `http://127.0.0.1:<port>` of every service, started or not (its proxy when replicated). */
  urls: Record<ServiceName, string>;
  /** Each replica's own address, in replica order. */
  replicaUrls: Record<ServiceName, string[]>;
  /** Processes per service. */
  replicas: Record<ServiceName, number>;
  /**
   * Where each service's `GET /metrics` answers (its first replica): its own port, except for
   * the gateway (and a service given HOOKPORT_METRICS_PORT), whose metrics have a port of their own.
   */
  metricsUrls: Record<ServiceName, string>;
  /** Environment given to every service (besides `PORT` and the gateway's service URLs). */
  env: Record<string, string>;
  logDir: string;
  /**
   * Sends `signal` (default SIGKILL) to one replica of the service, or to all of them, and
   * resolves once they have exited.
   */
  kill(name: ServiceName, signal?: NodeJS.Signals, replica?: number): Promise<void>;
  /**
   * Starts one stopped replica again (or every stopped one), on the same port and environment,
   * and waits until ready.
   */
  start(name: ServiceName, replica?: number): Promise<void>;
  /** SIGTERM to every service, SIGKILL to those still alive after 10 s. Idempotent. */
  stop(): Promise<void>;
  /** Everything one replica (or every replica, in turn) wrote to stdout and stderr, across restarts. */
  logs(name: ServiceName, replica?: number): string;
  /** Process id of a running replica (default the first), undefined when it is not running. */
  pid(name: ServiceName, replica?: number): number | undefined;
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

  const replicas = Object.fromEntries(
    SERVICE_NAMES.map((name) => [
      name,
      typeof options.replicas === 'number' ? options.replicas : (options.replicas?.[name] ?? 1),
    ]),
  ) as Record<ServiceName, number>;
  for (const name of SERVICE_NAMES)
    if (!Number.isInteger(replicas[name]) || replicas[name] < 1)
      throw new Error(`replicas of ${name} must be a whole number ≥ 1, not ${replicas[name]}`);
  const isReplicated = (name: ServiceName) => replicas[name] > 1;
  const indices = (name: ServiceName) => Array.from({ length: replicas[name] }, (_, i) => i);

  // Per service: the address callers use, then one per replica when replicated (the first is
  // the proxy's); and the gateways' metrics ports, apart from their public ones as in the chart.
  const portCount = (name: ServiceName) => 1 + (isReplicated(name) ? replicas[name] : 0);
  const portList = await freePorts(
    SERVICE_NAMES.reduce((sum, name) => sum + portCount(name), 0) + replicas['api-gateway'],
  );
  const ports = {} as Record<ServiceName, number>;
  const replicaPorts = {} as Record<ServiceName, number[]>;
  for (const name of SERVICE_NAMES) {
    ports[name] = portList.shift()!;
    replicaPorts[name] = isReplicated(name)
      ? indices(name).map(() => portList.shift()!)
      : [ports[name]];
  }
  const gatewayMetricsPorts = [...portList];
  const address = (port: number) => `http://127.0.0.1:${port}`;
  const urls = Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, address(ports[name])]),
  ) as Record<ServiceName, string>;
  const replicaUrls = Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, replicaPorts[name].map(address)]),
  ) as Record<ServiceName, string[]>;
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
  const gatewayEnv = (replica: number): Record<string, string> => ({
    HOOKPORT_METRICS_PORT: String(gatewayMetricsPorts[replica]),
    HOOKPORT_ENDPOINTS_URL: urls.endpoints,
    HOOKPORT_DELIVERY_URL: urls.delivery,
    HOOKPORT_LOGS_URL: urls.logs,
    HOOKPORT_PORTAL_SESSION_URL: urls['portal-session'],
  });
  // The developer's shell may hold Hookport settings of its own; a test stack must not pick
  // them up, nor look like a Vitest worker to the services.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && !/^(HOOKPORT_|VITEST)/.test(entry[0]),
    ),
  );
  const processEnv = (name: ServiceName, replica: number): Record<string, string> => ({
    ...inherited,
    ...env,
    ...(name === 'api-gateway' ? gatewayEnv(replica) : {}),
    ...options.env,
    ...options.serviceEnv?.[name],
    PORT: String(replicaPorts[name][replica]),
  });

  // One process a replica; a replica is in its Service's rotation from ready until killed.
  const instance = (name: ServiceName, replica: number) => `${name}#${replica}`;
  const running = new Map<string, Running>();
  const serving = new Set<string>();
  const describe = (name: ServiceName, replica: number) =>
    isReplicated(name) ? `${name} replica ${replica}` : name;
  const logFile = (name: ServiceName, replica: number) =>
    join(logDir, isReplicated(name) ? `${name}-${replica}.log` : `${name}.log`);
  const readLog = (name: ServiceName, replica: number) => {
    try {
      return readFileSync(logFile(name, replica), 'utf8');
    } catch {
      return '';
    }
  };
  const logs = (name: ServiceName, replica?: number) =>
    replica === undefined
      ? indices(name)
          .map((i) => readLog(name, i))
          .join('')
      : readLog(name, replica);
  const failure = (name: ServiceName, replica: number, why: string) =>
    new Error(
      `${describe(name, replica)} (stack ${id}) ${why}; last lines of ${logFile(name, replica)}:\n` +
        `${tail(readLog(name, replica)) || '(empty)'}`,
    );

  const spawnService = (name: ServiceName, replica: number): Running => {
    const main = join(root, 'services', name, 'dist', 'main.js');
    if (!existsSync(main))
      throw new Error(`${main} not found: build the services first (npm run build)`);
    const port = replicaPorts[name][replica]!;
    // The child writes straight into the file: nothing reaches the test output, and the log is
    // complete even when the test process dies first.
    const fd = openSync(logFile(name, replica), 'a');
    let child: ChildProcess;
    try {
      writeSync(
        fd,
        `\n--- ${new Date().toISOString()} starting ${describe(name, replica)} on port ${port} ---\n`,
      );
      child = spawn(
        process.execPath,
        [...(options.nodeArgs?.[name] ?? []), '--import', parentWatch(), main],
        {
          cwd: root,
          env: processEnv(name, replica),
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
          serving.delete(instance(name, replica));
          resolve(entry.exit);
        };
        child.once('exit', (code, signal) => done(signal ? `signal ${signal}` : `code ${code}`));
        child.once('error', (error) => done(`spawn error: ${error.message}`));
      }),
    };
    running.set(instance(name, replica), entry);
    return entry;
  };

  const waitReady = async (name: ServiceName, replica: number, entry: Running): Promise<void> => {
    const deadline = performance.now() + readyTimeoutMs;
    const url = replicaUrls[name][replica]!;
    let last = 'no answer yet';
    for (;;) {
      if (entry.exit) throw failure(name, replica, `exited (${entry.exit}) before it was ready`);
      try {
        const response = await request(`${url}/health/ready`, {
          headersTimeout: 2_000,
          bodyTimeout: 2_000,
        });
        await response.body.dump();
        if (response.statusCode === 200) {
          serving.add(instance(name, replica));
          return;
        }
        last = `last answer ${response.statusCode}`;
      } catch (error) {
        last = `last attempt: ${error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error)}`;
      }
      if (performance.now() > deadline) {
        throw failure(name, replica, `was not ready after ${readyTimeoutMs} ms (${last})`);
      }
      // Wake up at once if the process dies, rather than polling a corpse until the deadline.
      await Promise.race([sleep(100), entry.exited]);
    }
  };

  const chosen = (name: ServiceName, replica: number | undefined) => {
    if (replica === undefined) return indices(name);
    if (!Number.isInteger(replica) || replica < 0 || replica >= replicas[name])
      throw new Error(`${name} has ${replicas[name]} replica(s); there is no replica ${replica}`);
    return [replica];
  };

  const kill = async (
    name: ServiceName,
    signal: NodeJS.Signals = 'SIGKILL',
    replica?: number,
  ): Promise<void> => {
    await Promise.all(
      chosen(name, replica).map(async (i) => {
        const entry = running.get(instance(name, i));
        if (!entry) return;
        // Out of the rotation first, as a terminating pod leaves its Service's endpoints.
        serving.delete(instance(name, i));
        if (!entry.exit) entry.child.kill(signal);
        await entry.exited;
        running.delete(instance(name, i));
      }),
    );
  };

  const start = async (name: ServiceName, replica?: number): Promise<void> => {
    const stopped = chosen(name, replica).filter((i) => {
      const current = running.get(instance(name, i));
      return !current || current.exit !== undefined;
    });
    if (stopped.length === 0)
      throw new Error(`${describe(name, replica ?? 0)} (stack ${id}) is already running`);
    await Promise.all(
      stopped.map(async (i) => {
        running.delete(instance(name, i));
        await waitReady(name, i, spawnService(name, i));
      }),
    );
  };

  const proxies: RoundRobinProxy[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(
        [...running].map(async ([key, entry]) => {
          serving.delete(key);
          if (!entry.exit) entry.child.kill('SIGTERM');
          const forced = setTimeout(() => entry.child.kill('SIGKILL'), STOP_GRACE_MS);
          await entry.exited;
          clearTimeout(forced);
          running.delete(key);
        }),
      );
      await Promise.all(proxies.map((proxy) => proxy.close()));
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
    for (const name of SERVICE_NAMES.filter(isReplicated))
      proxies.push(
        await startRoundRobinProxy(ports[name], replicaPorts[name], (i) =>
          serving.has(instance(name, i)),
        ),
      );
    await Promise.all(
      services.flatMap((name) =>
        indices(name).map((i) => waitReady(name, i, spawnService(name, i))),
      ),
    );
  } catch (error) {
    await stop(); // leave nothing running behind a failed start
    throw error;
  }

  const pid = (name: ServiceName, replica = 0) => {
    const entry = running.get(instance(name, replica));
    return entry && !entry.exit ? entry.child.pid : undefined;
  };

  const metricsUrls = Object.fromEntries(
    SERVICE_NAMES.map((name) => {
      const port = processEnv(name, 0)['HOOKPORT_METRICS_PORT'];
      return [name, port ? address(Number(port)) : replicaUrls[name][0]!];
    }),
  ) as Record<ServiceName, string>;
  return {
    id,
    gatewayUrl,
    gatewayUrls: replicaUrls['api-gateway'],
    adminKey,
    urls,
    replicaUrls,
    replicas,
    metricsUrls,
    env,
    logDir,
    kill,
    start,
    stop,
    logs,
    pid,
  };
};
