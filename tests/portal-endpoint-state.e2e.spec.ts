import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  accessibilityViolations,
  api,
  createTestDatabase,
  eventually,
  launchBrowser,
  screenshotPath,
  startReceiver,
  startStack,
  type ApiClient,
  type Receiver,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';

/** The health policy of this stack: an endpoint whose every attempt failed for 7.2 s is disabled. */
const DISABLE_AFTER_MS = 7_200;

interface Health {
  endpointId: string;
  circuit: string;
  nextProbeAt: string | null;
  health: string;
}

/**
 * What an endpoint's page says of its state, in headless Chromium over the real stack: paused
 * by its circuit (with its next try), disabled by a 410 or by the health policy (with why), a
 * test send to one that would not be tried refused at once, when waiting retries are due, and
 * the recover count on an endpoint whose every attempt failed.
 */
describe("an endpoint's state in the portal", () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  let browser: Browser;
  let portalToken: string;
  const ids: Record<'paused' | 'gone' | 'health' | 'retrying', string> = {
    paused: '',
    gone: '',
    health: '',
    retrying: '',
  };

  const send = async (channel: keyof typeof ids) => {
    const sent = await client.post('/api/v1/app/state/msg', {
      eventType: 'order.created',
      payload: { channel },
      channels: [channel],
    });
    expect(sent.status).toBe(202);
  };
  const requestsTo = (channel: keyof typeof ids) =>
    receiver.requests.filter((request) => request.path === `/${channel}`).length;
  const healthOf = async (endpointId: string) => {
    const answer = await client.get('/portal-api/v1/endpoints/health', { token: portalToken });
    expect(answer.status).toBe(200);
    return (answer.body.data as Health[]).find((entry) => entry.endpointId === endpointId);
  };
  const openEndpoint = async (endpointId: string): Promise<Page> => {
    const session = await client.post('/api/v1/app/state/portal-session', { role: 'admin' });
    expect(session.status).toBe(201);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(session.body.url);
    await page.getByTestId('app-name').waitFor();
    await page.getByTestId('nav-endpoints').click();
    await page.locator(`a[href$="/endpoints/${endpointId}"]`).first().click();
    await page.getByTestId('endpoint-detail').waitFor();
    return page;
  };
  const text = async (page: Page, testId: string) =>
    ((await page.getByTestId(testId).textContent()) ?? '').trim();

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver({
      // 500, not 503: a throttling answer would pause the endpoint on its own.
      respondWith: (request) => ({ status: request.path === '/gone' ? 410 : 500 }),
    });
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      serviceEnv: {
        delivery: {
          // A failed attempt is retried in 4 to 6 minutes (±20 % jitter): after this test, and
          // before the open circuit's probe, ten minutes after it opened.
          HOOKPORT_RETRY_SCHEDULE: '0,300',
          HOOKPORT_CIRCUIT_FAILURE_THRESHOLD: '3',
          HOOKPORT_CIRCUIT_COOLDOWN_SECONDS: '600',
          HOOKPORT_DISABLE_AFTER_HOURS: String(DISABLE_AFTER_MS / 3_600_000),
        },
      },
    });
    client = api(stack);
    browser = await launchBrowser();
    await client.post('/api/v1/app', { name: 'State Co', uid: 'state' });
    const eventType = await client.post('/api/v1/event-type', {
      name: 'order.created',
      description: 'An order was placed',
    });
    expect(eventType.status).toBe(201);
    for (const channel of Object.keys(ids) as (keyof typeof ids)[]) {
      const endpoint = await client.post('/api/v1/app/state/endpoint', {
        url: `${receiver.url}/${channel}`,
        channels: [channel],
      });
      expect(endpoint.status).toBe(201);
      ids[channel] = endpoint.body.id;
    }
    const session = await client.post('/api/v1/app/state/portal-session', { role: 'viewer' });
    portalToken = (
      await client.post(
        '/portal-api/v1/session/exchange',
        { code: session.body.code },
        { token: null },
      )
    ).body.token;

    // Three failures in a row open the circuit; one 410 disables; one failure retries later.
    for (let n = 0; n < 3; n++) await send('paused');
    await send('gone');
    await send('retrying');
    await send('health');
    await eventually(() => expect(requestsTo('health')).toBe(1));
    // The health policy counts time: the next failure, past its limit, disables the endpoint.
    await new Promise((resolve) => setTimeout(resolve, DISABLE_AFTER_MS + 300));
    await send('health');

    await eventually(
      async () => {
        expect((await healthOf(ids.paused))?.circuit).toBe('open');
        for (const channel of ['gone', 'health'] as const) {
          const endpoint = await client.get(`/api/v1/app/state/endpoint/${ids[channel]}`);
          expect(endpoint.body.disabled, channel).toBe(true);
          expect((await healthOf(ids[channel]))?.health).toBe('disabled');
        }
        expect(requestsTo('retrying')).toBe(1);
      },
      { timeoutMs: 30_000 },
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it('shows an open circuit as paused with its next try, and refuses a test send to it at once', async () => {
    const probe = (await healthOf(ids.paused))!.nextProbeAt!;
    const page = await openEndpoint(ids.paused);
    await eventually(async () =>
      expect(await text(page, 'endpoint-status')).toBe('Paused (circuit open)'),
    );
    await expect(text(page, 'endpoint-status-detail')).resolves.toContain('3 times in a row');
    const shownProbe = await page.evaluate(
      (at) =>
        new Intl.DateTimeFormat(document.documentElement.lang, {
          dateStyle: 'medium',
          timeStyle: 'medium',
        }).format(new Date(at)),
      probe,
    );
    await expect(text(page, 'endpoint-paused-until')).resolves.toContain(shownProbe);

    // Its waiting deliveries say when they are tried: at the probe, which is after their retry.
    await page.getByTestId('tab-attempts').click();
    await page.getByTestId('recent-row').first().waitFor();
    const dues = await page.getByTestId('recent-next-try').allTextContents();
    expect(dues).toHaveLength(3);
    for (const due of dues) expect(due).toContain(shownProbe);

    const before = requestsTo('paused');
    await page.getByTestId('tab-testing').click();
    await page.getByTestId('send-test').click();
    await page.getByTestId('test-refused').waitFor({ timeout: 3_000 });
    await expect(text(page, 'test-refused')).resolves.toContain('paused after repeated failures');
    await expect(page.getByTestId('test-sent').count()).resolves.toBe(0);
    expect(requestsTo('paused')).toBe(before);
    await page.screenshot({ path: screenshotPath('portal-endpoint-paused'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('says why delivery disabled an endpoint: a 410, or every attempt failing past the policy', async () => {
    const gone = await openEndpoint(ids.gone);
    await eventually(async () => expect(await text(gone, 'endpoint-status')).toBe('Disabled'));
    await expect(text(gone, 'endpoint-status-detail')).resolves.toBe(
      'Disabled automatically: the endpoint answered 410 Gone, which asks senders to stop.',
    );
    await gone.getByTestId('tab-testing').click();
    await gone.getByTestId('send-test').click();
    await gone.getByTestId('test-refused').waitFor({ timeout: 3_000 });
    await expect(text(gone, 'test-refused')).resolves.toContain('This endpoint is disabled');
    expect(await accessibilityViolations(gone)).toEqual([]);

    const failing = await openEndpoint(ids.health);
    await eventually(async () => expect(await text(failing, 'endpoint-status')).toBe('Disabled'));
    await expect(text(failing, 'endpoint-status-detail')).resolves.toBe(
      'Disabled automatically: every delivery attempt failed for 0.002 h.',
    );
    await failing.screenshot({ path: screenshotPath('portal-endpoint-disabled'), fullPage: true });
  });

  it('shows when a failed delivery is retried, and counts it on an endpoint at 0 % success', async () => {
    const page = await openEndpoint(ids.retrying);
    await eventually(async () => expect(await text(page, 'endpoint-status')).toBe('Enabled'));
    await page.getByTestId('stats-success-rate').waitFor();
    await expect(text(page, 'stats-success-rate')).resolves.toBe('0 %');
    await page.getByTestId('tab-attempts').click();
    await page.getByTestId('recent-next-try').waitFor();
    await expect(text(page, 'recent-next-try')).resolves.toMatch(/^next try /);

    await page.getByTestId('recover-count').click();
    await page.getByTestId('recover-still-retrying').waitFor();
    await expect(text(page, 'recover-still-retrying')).resolves.toContain(
      'Still being retried automatically, so not counted here: 1; the next try is',
    );
    await expect(page.getByTestId('recover-confirm').count()).resolves.toBe(0);

    // The message's page says the same of its delivery, naming the endpoint by URL.
    await page.getByTestId('recent-row').first().locator('a').click();
    await page.getByTestId('delivery-next-try').waitFor();
    await expect(text(page, 'delivery-next-try')).resolves.toMatch(/^Next try: /);
    await expect(text(page, 'delivery-endpoint')).resolves.toBe(`${receiver.url}/retrying`);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
