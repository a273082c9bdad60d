import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Pool, request } from 'undici';

/** `--name value` flags from HOOKPORT_BENCH_ARGS, with defaults. */
export const flags = <T extends Record<string, number>>(defaults: T): T => {
  const args = (process.env['HOOKPORT_BENCH_ARGS'] ?? '').split(/\s+/).filter(Boolean);
  const result: Record<string, number> = { ...defaults };
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]!.replace(/^--/, '');
    if (!(name in defaults))
      throw new Error(`unknown flag --${name}; known: ${Object.keys(defaults).join(', ')}`);
    result[name] = Number(args[i + 1]);
  }
  return result as T;
};

export const percentile = (sortedMs: number[], p: number): number =>
  sortedMs.length === 0
    ? 0
    : sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)]!;

export const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50).toFixed(2),
    p95: percentile(sorted, 95).toFixed(2),
    p99: percentile(sorted, 99).toFixed(2),
    max: (sorted[sorted.length - 1] ?? 0).toFixed(2),
  };
};

/** A process's resident memory in MB: `VmRSS` now, or `VmHWM`, its peak since it started. */
export const memoryMb = (pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number =>
  Number(
    new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0,
  ) / 1024;

/** A service's p99 event-loop delay (ms) since the previous scrape of its metrics. */
export const eventLoopDelayP99Ms = async (metricsUrl: string): Promise<number> => {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  const seconds = /^hookport_nodejs_eventloop_lag_p99_seconds(?:{[^}]*})? (\S+)$/m.exec(text)?.[1];
  return Math.round(Number(seconds) * 10_000) / 10;
};

/** Polls `condition` every `pollMs` until it holds; throws after `timeoutMs`. */
export const waitFor = async (condition: () => boolean, timeoutMs: number, pollMs = 20) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for deliveries');
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
};

/** Runs `work` over `items` with at most `concurrency` at once. */
export const runPool = async <T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
};

/** A keep-alive JSON client for the gateway, timing each call. */
export const gatewayClient = (url: string, key: string) => {
  const pool = new Pool(url, { connections: 64 });
  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => {
    const started = performance.now();
    const response = await pool.request({
      method,
      path,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    const ms = performance.now() - started;
    if (response.statusCode >= 400)
      throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
    return { ms, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  return { call, close: () => pool.close() };
};

/**
 * Samples the logs projection's consumer lag (events behind the delivery topic) from the logs
 * service's readiness answer every half second, until `stop()`, which summarises the samples.
 */
export const sampleProjectionLag = (logsUrl: string) => {
  const lag: number[] = [];
  const sampler = setInterval(() => {
    void request(`${logsUrl}/health/ready`)
      .then((response) => response.body.json() as Promise<{ consumerLagEvents?: number | null }>)
      .then((body) => {
        if (typeof body.consumerLagEvents === 'number') lag.push(body.consumerLagEvents);
      })
      .catch(() => undefined);
  }, 500);
  return {
    stop: () => {
      clearInterval(sampler);
      return { ...summary(lag), last: lag[lag.length - 1] ?? null };
    },
  };
};

const CLOCK_TICKS = 100; // USER_HZ on Linux

interface ProcStat {
  pid: number;
  comm: string;
  /** utime + stime, seconds. */
  own: number;
  /** cutime + cstime: children it has reaped (Postgres' exited backends), seconds. */
  reaped: number;
}

const readStat = (pid: number | string): ProcStat | null => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      pid: Number(pid),
      comm,
      own: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS,
      reaped: (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS,
    };
  } catch {
    return null; // exited while we looked
  }
};

const localPids = (): string[] => readdirSync('/proc').filter((name) => /^\d+$/.test(name));

/** The socket inodes listening on `port` (IPv4 and IPv6), from /proc/net. */
const listeningInodes = (port: number): Set<string> => {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; field 9 is the inode.
      if (fields[3] === '0A' && parseInt(fields[1]?.split(':')[1] ?? '', 16) === port)
        inodes.add(fields[9]!);
    }
  }
  return inodes;
};

/**
 * The process listening on `port`: on a box shared with other stacks (other checkouts' Postgres
 * and Kafka), the one this benchmark loads is the one on its own port, not the first by name.
 */
const listenerPid = (port: number): number | undefined => {
  const sockets = new Set([...listeningInodes(port)].map((inode) => `socket:[${inode}]`));
  if (sockets.size === 0) return undefined;
  for (const pid of localPids()) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`))
        if (sockets.has(readlinkSync(`/proc/${pid}/fd/${fd}`))) return Number(pid);
    } catch {
      // exited, or not ours to read
    }
  }
  return undefined;
};

const parentOf = (pid: string): number | undefined => {
  try {
    return Number(/^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
};

const portOf = (url: string | undefined, fallback: number): number => {
  if (!url) return fallback;
  const port = /:(\d+)(?:[/,]|$)/.exec(url)?.[1];
  return port ? Number(port) : fallback;
};

/**
 * CPU seconds used so far by each part a benchmark loads on this box: each service, Postgres
 * (the postmaster on DATABASE_URL's port, its backends, and the exited ones it reaped), Kafka
 * (the broker on KAFKA_BROKERS' port), and this process (the load generator and the receiver).
 * The services are not alone on the machine: what the others take is what they cannot have.
 * Postgres and Kafka are absent when they run elsewhere.
 */
export const cpuMeter = (services: Record<string, number>) => {
  const postmaster = listenerPid(portOf(process.env['DATABASE_URL'], 5432));
  const kafka = listenerPid(portOf(process.env['KAFKA_BROKERS'], 9092));
  const read = (): Record<string, number> => {
    const parts: Record<string, number> = {};
    for (const [name, pid] of Object.entries(services)) parts[name] = readStat(pid)?.own ?? 0;
    if (postmaster !== undefined) {
      const main = readStat(postmaster);
      let postgres = main ? main.own + main.reaped : 0;
      for (const pid of localPids()) {
        if (parentOf(pid) !== postmaster) continue;
        const stat = readStat(pid);
        if (stat) postgres += stat.own + stat.reaped;
      }
      parts['postgres'] = postgres;
    }
    const kafkaStat = kafka === undefined ? null : readStat(kafka);
    if (kafkaStat) parts['kafka'] = kafkaStat.own;
    const usage = process.cpuUsage();
    parts['bench (load + receiver)'] = (usage.user + usage.system) / 1e6;
    return parts;
  };
  return {
    /** Starts a measurement; `stop()` gives each part's CPU seconds since. */
    start: () => {
      const before = read();
      return {
        stop: (): Record<string, number> => {
          const after = read();
          return Object.fromEntries(
            Object.keys(after).map((name) => [name, after[name]! - (before[name] ?? 0)]),
          );
        },
      };
    },
  };
};

/** Seconds per part turned into a rounded figure per `unit` of work (e.g. ms per message). */
export const cpuPer = (seconds: Record<string, number>, units: number, scale: number, digits = 2) =>
  Object.fromEntries(
    Object.entries(seconds).map(([name, value]) => [
      name,
      Number(((value / units) * scale).toFixed(digits)),
    ]),
  );
