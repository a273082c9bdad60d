import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Svix, Webhook, type ApplicationOut, type EndpointOut } from 'svix';
import { eventually, findRepoRoot, startTestStack, type TestStack } from '@hookport/testing';

const cli = join(findRepoRoot(), 'tools/cli/dist/main.js');

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `hookport` command; `killWhen` SIGKILLs it once its output matches. */
const hookport = (args: string[], killWhen?: RegExp): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (killWhen?.test(stdout)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });

/** One account's whole configuration as a migrating operator would compare it, ids left out. */
const snapshot = async (svix: Svix) => {
  const types = await svix.eventType.list({ includeArchived: true, withContent: true, limit: 250 });
  const apps = await svix.application.list({ limit: 250 });
  const applications = [];
  for (const app of apps.data) {
    const endpoints = [];
    for (const endpoint of (await svix.endpoint.list(app.id, { limit: 250 })).data) {
      endpoints.push({
        uid: endpoint.uid ?? null,
        url: endpoint.url,
        description: endpoint.description,
        eventTypes: [...(endpoint.eventTypes ?? [])].sort(),
        channels: [...(endpoint.channels ?? [])].sort(),
        throttleRate: endpoint.throttleRate ?? null,
        disabled: endpoint.disabled ?? false,
        metadata: endpoint.metadata,
        headers: (await svix.endpoint.getHeaders(app.id, endpoint.id)).headers,
        secret: (await svix.endpoint.getSecret(app.id, endpoint.id)).key,
        updatedAt: endpoint.updatedAt.toISOString(),
      });
    }
    endpoints.sort((a, b) => `${a.uid}${a.url}`.localeCompare(`${b.uid}${b.url}`));
    applications.push({
      app,
      uid: app.uid,
      name: app.name,
      throttleRate: app.throttleRate ?? null,
      metadata: app.metadata,
      endpoints,
    });
  }
  return {
    eventTypes: types.data.map((type) => ({
      name: type.name,
      description: type.description,
      schemas: type.schemas ?? null,
      groupName: type.groupName ?? null,
      deprecated: type.deprecated,
      archived: type.archived ?? false,
      updatedAt: type.updatedAt.toISOString(),
    })),
    applications,
  };
};

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** What must be equal between the two accounts: everything but ids and timestamps. */
const comparable = (account: Snapshot, uidOfApp: (app: ApplicationOut) => string) => ({
  eventTypes: account.eventTypes.map(({ updatedAt: _, ...type }) => type),
  applications: account.applications
    .map(({ app, endpoints, ...rest }) => ({
      ...rest,
      uid: uidOfApp(app),
      endpoints: endpoints.map(({ updatedAt: _, ...endpoint }) => endpoint),
    }))
    .sort((a, b) => a.uid.localeCompare(b.uid)),
});

describe('hookport import --from-svix (a second Hookport stack playing Svix)', () => {
  let source: TestStack;
  let target: TestStack;
  let svix: Svix;
  let hookportSdk: Svix;
  let sourceArgs: string[];
  let acmeOrders: EndpointOut;

  beforeAll(async () => {
    // Two whole stacks side by side: each has its own database and Kafka namespace.
    [source, target] = await Promise.all([startTestStack(), startTestStack()]);
    svix = new Svix(source.stack.adminKey, { serverUrl: source.stack.gatewayUrl });
    hookportSdk = new Svix(target.stack.adminKey, { serverUrl: target.stack.gatewayUrl });
    sourceArgs = [
      'import',
      '--from-svix',
      source.stack.gatewayUrl,
      '--token',
      source.stack.adminKey,
      '--to',
      target.stack.gatewayUrl,
      '--to-token',
      target.stack.adminKey,
    ];

    await svix.eventType.create({
      name: 'order.created',
      description: 'An order was placed',
      groupName: 'orders',
      schemas: {
        '1': {
          type: 'object',
          properties: { orderId: { type: 'string' } },
          required: ['orderId'],
        },
      },
    });
    await svix.eventType.create({ name: 'order.paid', description: 'Paid', deprecated: true });
    await svix.eventType.create({ name: 'legacy.ping', description: 'Retired' });

    // Deliveries of the target go to its receiver: the endpoints point there.
    const receiver = target.receiver.url;
    await svix.application.create({
      name: 'Acme Corp',
      uid: 'acme',
      throttleRate: 40,
      metadata: { plan: 'enterprise' },
    });
    acmeOrders = await svix.endpoint.create('acme', {
      uid: 'acme-orders',
      url: `${receiver}/acme/orders`,
      description: 'Order events',
      eventTypes: ['order.created', 'legacy.ping'],
      channels: ['eu', 'orders'],
      throttleRate: 25,
      metadata: { team: 'billing' },
      headers: { 'X-Acme-Team': 'billing' },
    });
    await svix.endpoint.create('acme', { url: `${receiver}/acme/all`, disabled: true });
    await svix.application.create({ name: 'Globex', uid: 'globex' });
    await svix.endpoint.create('globex', {
      url: `${receiver}/globex`,
      eventTypes: ['order.paid'],
      headers: { 'X-Globex': '1' },
    });
    // No uid: the import keeps the source id as its Hookport uid.
    const initech = await svix.application.create({ name: 'Initech' });
    await svix.endpoint.create(initech.id, { url: `${receiver}/initech/a` });
    await svix.endpoint.create(initech.id, {
      url: `${receiver}/initech/b`,
      channels: ['us'],
      throttleRate: 5,
    });
    // Archived after an endpoint filters on it, as Svix allows.
    await svix.eventType.delete('legacy.ping');
  });

  afterAll(async () => {
    await Promise.all([source?.stop(), target?.stop()]);
  });

  const uidInTarget = (app: ApplicationOut) => app.uid ?? app.id;

  it('--dry-run reports what it would create and writes nothing', async () => {
    const run = await hookport([...sourceArgs, '--dry-run']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('event types   3 would create, 0 would update, 0 unchanged');
    expect(run.stdout).toContain('applications  3 would create, 0 would update, 0 unchanged');
    expect(run.stdout).toContain('endpoints     5 would create, 0 would update, 0 unchanged');
    const after = await snapshot(hookportSdk);
    expect(after.eventTypes).toEqual([]);
    expect(after.applications).toEqual([]);
  });

  it('a run killed after its first application completes on the next run', async () => {
    const killed = await hookport(sourceArgs, /application [^\n]*: created/);
    expect(killed.signal).toBe('SIGKILL');
    const half = await snapshot(hookportSdk);
    const endpointsCopied = half.applications.flatMap((app) => app.endpoints).length;
    expect(endpointsCopied).toBeGreaterThan(0);
    expect(endpointsCopied).toBeLessThan(5);

    const rerun = await hookport(sourceArgs);
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/application acme: unchanged/);
    expect(rerun.stdout).toMatch(/applications {2}\d created, 0 updated, [1-9] unchanged/);
  });

  it('has copied every event type, application and endpoint, with headers and signing secrets', async () => {
    const copied = comparable(await snapshot(hookportSdk), (app) => app.uid!);
    const original = comparable(await snapshot(svix), uidInTarget);
    expect(copied).toEqual(original);
    expect(copied.eventTypes.find((type) => type.name === 'legacy.ping')?.archived).toBe(true);
    const acme = copied.applications.find((app) => app.uid === 'acme')!;
    expect(acme).toMatchObject({
      name: 'Acme Corp',
      throttleRate: 40,
      metadata: { plan: 'enterprise' },
    });
    expect(acme.endpoints.find((endpoint) => endpoint.uid === 'acme-orders')).toMatchObject({
      eventTypes: ['legacy.ping', 'order.created'],
      channels: ['eu', 'orders'],
      throttleRate: 25,
      headers: { 'X-Acme-Team': 'billing' },
    });
  });

  it('signs what the target delivers with the source endpoint’s secret', async () => {
    const { key: sourceSecret } = await svix.endpoint.getSecret('acme', acmeOrders.id);
    await hookportSdk.message.create('acme', {
      eventType: 'order.created',
      payload: { orderId: 'ord_1' },
      channels: ['eu'],
    });
    const delivery = await eventually(() => {
      const [request] = target.receiver.requestsTo('/acme/orders');
      expect(request).toBeDefined();
      return request!;
    });
    expect(delivery.headers['x-acme-team']).toBe('billing');
    const headers = Object.fromEntries(
      Object.entries(delivery.headers).map(([name, value]) => [name, String(value)]),
    );
    // The SDK's verify throws on a signature it does not accept, and answers nothing otherwise.
    expect(() => new Webhook(sourceSecret).verify(delivery.body, headers)).not.toThrow();
    expect(JSON.parse(delivery.body)).toEqual({ orderId: 'ord_1' });
    const otherSecret = `whsec_${Buffer.from('another-secret-of-24-byte').toString('base64')}`;
    expect(() => new Webhook(otherSecret).verify(delivery.body, headers)).toThrow();
  });

  it('a second run reports everything unchanged and changes nothing', async () => {
    const before = await snapshot(hookportSdk);
    const run = await hookport(sourceArgs);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('event types   0 created, 0 updated, 3 unchanged');
    expect(run.stdout).toContain('applications  0 created, 0 updated, 3 unchanged');
    expect(run.stdout).toContain('endpoints     0 created, 0 updated, 5 unchanged');
    expect(await snapshot(hookportSdk)).toEqual(before);
  });

  it('updates what changed in the source since the last run', async () => {
    await svix.endpoint.patch('acme', acmeOrders.id, { throttleRate: 30 });
    await svix.endpoint.rotateSecret('acme', acmeOrders.id, {});
    await svix.application.patch('globex', { name: 'Globex Corporation' });
    const run = await hookport(sourceArgs);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('applications  0 created, 1 updated, 2 unchanged');
    expect(run.stdout).toContain('endpoints     0 created, 1 updated, 4 unchanged');
    const copied = comparable(await snapshot(hookportSdk), (app) => app.uid!);
    expect(copied).toEqual(comparable(await snapshot(svix), uidInTarget));
  });

  it('recreates an endpoint deleted from Hookport, though it filters on an archived event type', async () => {
    const copy = (await hookportSdk.endpoint.list('acme')).data.find(
      (e) => e.uid === 'acme-orders',
    )!;
    await hookportSdk.endpoint.delete('acme', copy.id);
    const run = await hookport(sourceArgs);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('endpoints     1 created, 0 updated, 4 unchanged');
    const copied = comparable(await snapshot(hookportSdk), (app) => app.uid!);
    expect(copied).toEqual(comparable(await snapshot(svix), uidInTarget));
  });

  it('never prints a signing secret or a token', async () => {
    const { key } = await svix.endpoint.getSecret('acme', acmeOrders.id);
    const run = await hookport(sourceArgs);
    const output = run.stdout + run.stderr;
    expect(output).not.toContain(key);
    expect(output).not.toContain(source.stack.adminKey);
    expect(output).not.toContain(target.stack.adminKey);
  });

  it('says which token was refused, with a non-zero exit and no stack trace', async () => {
    const badSource = sourceArgs.map((arg) =>
      arg === source.stack.adminKey ? 'wrong-token' : arg,
    );
    const run = await hookport(badSource);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Svix account .* refused the token \(401\): check --token/);
    expect(run.stderr).not.toMatch(/\n\s+at /);

    const badTarget = sourceArgs.map((arg) => (arg === target.stack.adminKey ? 'wrong-key' : arg));
    const refused = await hookport(badTarget);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Hookport \(--to\) refused the token \(401\)/);
  });

  it('says when the source cannot be reached', async () => {
    const unreachable = sourceArgs.map((arg) =>
      arg === source.stack.gatewayUrl ? 'http://127.0.0.1:9' : arg,
    );
    const run = await hookport(unreachable);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Svix account \(--from-svix\) is unreachable/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
