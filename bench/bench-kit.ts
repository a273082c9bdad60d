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
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
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
    return { ms, body: JSON.parse(text) as Record<string, unknown> };
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
