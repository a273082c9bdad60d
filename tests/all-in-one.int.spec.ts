import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, findRepoRoot, freePort } from '@hookport/testing';

/**
 * `npm start`'s process (the embedded default: every service in one process, PGlite, in-process
 * events), started as the README says, used as a newcomer would, stopped and started again.
 */
describe('the all-in-one process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookport-all-in-one-'));
  let child: ChildProcess | undefined;

  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (
    port: number,
    extraEnv: Record<string, string> = {},
  ): Promise<{ banner: string; key: string }> => {
    // The embedded default ignores any DATABASE_URL and KAFKA_BROKERS of the test run.
    const { DATABASE_URL: _db, KAFKA_BROKERS: _kafka, ...env } = process.env;
    const started = spawn(process.execPath, [join(findRepoRoot(), 'all-in-one/dist/main.js')], {
      env: {
        ...env,
        HOOKPORT_DATA_DIR: dataDir,
        PORT: String(port),
        HOOKPORT_LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let output = '';
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await eventually(() => expect(output).toContain('Press Ctrl+C to stop.'), {
      timeoutMs: 90_000,
    });
    const key = /Admin API key\s+(\S+)/.exec(output)?.[1];
    expect(key).toBeDefined();
    return { banner: output, key: key! };
  };

  const stop = async () => {
    const running = child!;
    const exited = new Promise<number | null>((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
  };

  it('starts, delivers a message to the demo endpoint, and keeps its data across a restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await start(port);
    expect(first.banner).toContain(`Gateway        ${base}`);
    expect(first.banner).toContain('A demo application "demo" was created');
    // The link works once and for the code's minutes, and the banner says so.
    expect(first.banner).toMatch(/opens once, until \d\d:\d\d/);
    const call = async <T>(method: string, path: string, key: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as T };
    };

    const sent = await call<{ id: string }>('POST', '/api/v1/app/demo/msg', first.key, {
      eventType: 'invoice.paid',
      payload: { amount: 42 },
    });
    expect(sent.status).toBe(202);
    type Page<T> = { data: T[] };
    const endpoints = await call<Page<{ id: string }>>(
      'GET',
      '/api/v1/app/demo/endpoint',
      first.key,
    );
    const endpointId = endpoints.body.data[0]!.id;
    // The demo's own message and ours, both answered 200 by the demo receiver.
    await eventually(async () => {
      const attempts = await call<Page<{ msgId: string }>>(
        'GET',
        `/api/v1/app/demo/attempt/endpoint/${endpointId}?limit=10`,
        first.key,
      );
      const ours = attempts.body.data.filter((attempt) => attempt.msgId === sent.body.id);
      expect(ours).toEqual([expect.objectContaining({ responseStatusCode: 200, status: 0 })]);
    });

    await stop();
    const second = await start(port);
    expect(second.key).toBe(first.key);
    expect(second.banner).toContain('The demo application "demo" is here from an earlier run.');
    const messages = await call<Page<{ id: string }>>(
      'GET',
      '/api/v1/app/demo/msg?limit=10',
      second.key,
    );
    expect(messages.body.data.map((message) => message.id)).toContain(sent.body.id);
    // The banner's own "Try" command works again: the demo endpoint follows the receiver,
    // which listens on a new port each start.
    const again = await call<{ id: string }>('POST', '/api/v1/app/demo/msg', second.key, {
      eventType: 'invoice.paid',
      payload: { amount: 43 },
    });
    await eventually(async () => {
      const attempts = await call<Page<{ msgId: string }>>(
        'GET',
        `/api/v1/app/demo/attempt/endpoint/${endpointId}?limit=10`,
        second.key,
      );
      const ours = attempts.body.data.filter((attempt) => attempt.msgId === again.body.id);
      expect(ours).toEqual([expect.objectContaining({ responseStatusCode: 200, status: 0 })]);
    });
    // The data folder is the user's alone: it holds the installation's secrets and database.
    expect(statSync(dataDir).mode & 0o077).toBe(0);
    expect(statSync(join(dataDir, 'pgdata')).mode & 0o077).toBe(0);
    await stop();
  });

  it('starts without a demo endpoint, and says why, when the SSRF policy refuses loopback', async () => {
    const port = await freePort();
    const own = mkdtempSync(join(tmpdir(), 'hookport-all-in-one-strict-'));
    try {
      const { banner } = await start(port, { HOOKPORT_DATA_DIR: own, HOOKPORT_SSRF_ALLOW: '' });
      expect(banner).toContain('No demo endpoint: HOOKPORT_SSRF_ALLOW does not allow');
      expect(banner).toContain('Portal (demo)');
      await stop();
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});
