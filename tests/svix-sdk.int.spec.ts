import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiException, Ordering, Svix, type ValidationError as SvixValidationError } from 'svix';
import { eventually, startTestStack, type TestStack } from '@hookport/testing';

const run = promisify(execFile);

// Installed by scripts/ensure-tools.sh from PyPI, like the other Python tools.
const pythonSdk = join(
  process.env['HOOKPORT_SVIX_PYTHON_VENV'] ?? join(homedir(), '.cache/hookport/svix-python'),
  'bin/python',
);

/**
 * The official Svix SDKs of today (JavaScript `svix` 2.x from npm, Python `svix` 2.x from PyPI),
 * unchanged, pointed at Hookport: each supported operation of the shared resources must behave
 * as on Svix, and a response an SDK cannot read fails the test like a wrong answer would.
 */
describe('the official Svix SDKs 2.x', () => {
  let env: TestStack;

  beforeAll(async () => {
    env = await startTestStack();
  });

  afterAll(() => env?.stop());

  it('Python: every supported call succeeds and errors are the SDK’s own exceptions', async () => {
    const { stdout } = await run(
      pythonSdk,
      [
        join(__dirname, 'svix-sdk/python_sdk_journey.py'),
        env.stack.gatewayUrl,
        env.stack.adminKey,
        env.receiver.url,
      ],
      { timeout: 120_000 },
    );
    const results = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, string>;
    const failures = Object.entries(results).filter(([, outcome]) => outcome !== 'ok');
    expect(failures).toEqual([]);
    expect(Object.keys(results).length).toBeGreaterThan(30);
  });

  it('Go: every supported call succeeds, including bodiless POSTs sent chunked', async () => {
    // The Go module of today is v1.99 (a Go module cannot become 2.x without a new path); it
    // sends 1.x names and the wire quirks the issue saw (empty chunked bodies, made-up keys).
    const { stdout } = await run(
      'go',
      ['run', '.', env.stack.gatewayUrl, env.stack.adminKey, env.receiver.url],
      { cwd: join(__dirname, 'svix-sdk/go'), timeout: 300_000 },
    );
    const results = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, string>;
    const failures = Object.entries(results).filter(([, outcome]) => outcome !== 'ok');
    expect(failures).toEqual([]);
    expect(Object.keys(results).length).toBeGreaterThan(30);
  }, 360_000);

  it('JavaScript: endpoints with 2.x names, event-type lists, messages, attempts and errors', async () => {
    const svix = new Svix(env.stack.adminKey, { serverUrl: env.stack.gatewayUrl });
    const app = await svix.application.create({ name: 'JS SDK', uid: 'js-sdk', throttleRate: 20 });
    expect(app.throttleRate).toBe(20);
    await svix.eventType.create({ name: 'js.event', description: 'From JS' });
    expect((await svix.eventType.list()).data.map((type) => type.name)).toContain('js.event');
    const endpoint = await svix.endpoint.create('js-sdk', {
      url: `${env.receiver.url}/js`,
      eventTypes: ['js.event'],
      throttleRate: 100,
    });
    expect(endpoint).toMatchObject({ eventTypes: ['js.event'], throttleRate: 100 });
    const patched = await svix.endpoint.patch('js-sdk', endpoint.id, { eventTypes: null });
    expect(patched.eventTypes ?? null).toBeNull();
    const message = await svix.message.create('js-sdk', {
      eventType: 'js.event',
      payload: { hello: 'js' },
    });
    expect(message.eventType).toBe('js.event');
    expect((await svix.message.get('js-sdk', message.id)).id).toBe(message.id);
    // The operations issue #22 item 6 added, read by the JS SDK's own models.
    const destinations = await eventually(async () => {
      const page = await svix.messageAttempt.listAttemptedDestinations('js-sdk', message.id);
      expect(page.data).toHaveLength(1);
      return page;
    });
    expect(destinations.data[0]).toMatchObject({ id: endpoint.id, url: `${env.receiver.url}/js` });
    const later = await svix.endpoint.create('js-sdk', { url: `${env.receiver.url}/js-later` });
    const replay = await svix.endpoint.replayMissing('js-sdk', later.id, {
      since: new Date(Date.now() - 60_000),
    });
    const task = await svix.backgroundTask.get(replay.id);
    expect(task).toMatchObject({ status: 'finished', task: 'endpoint.replay' });
    expect(task.data).toMatchObject({ messagesSent: 1 });
    expect((await svix.backgroundTask.list()).data.map((t) => t.id)).toContain(replay.id);
    await svix.message.expungeContent('js-sdk', message.id);
    await eventually(async () => {
      expect((await svix.message.get('js-sdk', message.id)).payload).toEqual({ expired: true });
    });
    await expect(svix.application.get('no-such-app')).rejects.toBeInstanceOf(ApiException);
    const invalid = await svix.endpoint.create('js-sdk', { url: 'not a url' }).catch((e) => e);
    expect(invalid).toBeInstanceOf(ApiException);
    expect((invalid as ApiException<SvixValidationError>).code).toBe(422);
  });

  it('JavaScript: Idempotency-Key replays, list order and inline applications as on Svix', async () => {
    const svix = new Svix(env.stack.adminKey, { serverUrl: env.stack.gatewayUrl });
    await svix.application.create({ name: 'JS journey', uid: 'js-journey' });
    // The SDK's key on a retried create: the first answer again, one endpoint made.
    const retried = { idempotencyKey: 'js-endpoint-create-1' };
    const first = await svix.endpoint.create(
      'js-journey',
      { url: `${env.receiver.url}/a` },
      retried,
    );
    const again = await svix.endpoint.create(
      'js-journey',
      { url: `${env.receiver.url}/a` },
      retried,
    );
    expect(again.id).toBe(first.id);
    expect((await svix.endpoint.list('js-journey')).data.map((e) => e.id)).toEqual([first.id]);
    const reused = await svix.endpoint
      .create('js-journey', { url: `${env.receiver.url}/other` }, retried)
      .catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(ApiException);
    expect((reused as ApiException<unknown>).code).toBe(409);
    const keyed = { idempotencyKey: 'js-message-1' };
    const message = await svix.message.create(
      'js-journey',
      { eventType: 'js.event', payload: { n: 1 } },
      keyed,
    );
    const replayed = await svix.message.create(
      'js-journey',
      { eventType: 'js.event', payload: { n: 1 } },
      keyed,
    );
    expect(replayed.id).toBe(message.id);

    // Order: newest first when asked, either way paged by the iterator.
    const second = await svix.endpoint.create('js-journey', { url: `${env.receiver.url}/b` });
    const descending = await svix.endpoint.list('js-journey', {
      order: Ordering.Descending,
      limit: 1,
    });
    expect(descending.data.map((e) => e.id)).toEqual([second.id]);
    const next = await svix.endpoint.list('js-journey', {
      order: Ordering.Descending,
      limit: 1,
      iterator: descending.iterator,
    });
    expect(next.data.map((e) => e.id)).toEqual([first.id]);
    const ascending = await svix.endpoint.list('js-journey', { order: Ordering.Ascending });
    expect(ascending.data.map((e) => e.id)).toEqual([first.id, second.id]);

    // An inline application is created with the message, then ignored once it exists.
    const inline = await svix.message.create('js-inline', {
      eventType: 'js.event',
      payload: {},
      application: { name: 'JS inline' },
    });
    expect(inline.eventType).toBe('js.event');
    expect(await svix.application.get('js-inline')).toMatchObject({
      uid: 'js-inline',
      name: 'JS inline',
    });
    await svix.message.create('js-inline', {
      eventType: 'js.event',
      payload: {},
      application: { name: 'Renamed?' },
    });
    expect((await svix.application.get('js-inline')).name).toBe('JS inline');
    const portal = await svix.authentication.appPortalAccess('js-inline-portal', {
      application: { name: 'JS inline portal' },
    });
    expect(portal.url).toMatch(/^http/);
    expect((await svix.application.get('js-inline-portal')).name).toBe('JS inline portal');
  });
});
