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

/**
 * What a customer reads in the portal, in headless Chromium over the real stack: the delivery
 * log filling in live, search and filters, an endpoint's stats, recovering failed deliveries,
 * the activity page with who did what; every screen usable at 360 px and free of serious
 * accessibility violations.
 */
describe('delivery insights in the portal', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  let browser: Browser;
  let endpointId: string;
  let down = false;

  const openPortal = async (width = 1100): Promise<Page> => {
    const session = await client.post('/api/v1/app/insights/portal-session', {
      role: 'admin',
      metadata: { email: 'ada@acme.example' },
    });
    expect(session.status).toBe(201);
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(session.body.url);
    await page.getByTestId('app-name').waitFor();
    return page;
  };
  const send = async (payload: Record<string, unknown>) =>
    (await client.post('/api/v1/app/insights/msg', { eventType: 'order.created', payload })).body
      .id as string;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver({
      respondWith: () => (down ? { status: 503 } : { status: 200 }),
    });
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      serviceEnv: { delivery: { HOOKPORT_RETRY_SCHEDULE: '0' } },
    });
    client = api(stack);
    browser = await launchBrowser();
    await client.post('/api/v1/app', { name: 'Insights Co', uid: 'insights' });
    endpointId = (
      await client.post('/api/v1/app/insights/endpoint', { url: `${receiver.url}/orders` })
    ).body.id;
    await send({ customer: 'Grace Hopper', total: 42 });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it('shows new messages live, and finds them by payload text and status', async () => {
    const page = await openPortal();
    await page.getByTestId('message-table').waitFor();
    await eventually(async () =>
      expect(await page.getByTestId('live-indicator').getAttribute('class')).toContain('--on'),
    );
    const fresh = await send({ customer: 'Katherine Johnson', total: 7 });
    await page.locator(`[data-message-id="${fresh}"]`).waitFor({ timeout: 5_000 });

    await page.getByTestId('filter-search').fill('Katherine');
    await page.getByTestId('filter-search').press('Enter');
    await eventually(async () => expect(await page.getByTestId('message-row').count()).toBe(1));
    await expect(
      page.getByTestId('message-row').first().getAttribute('data-message-id'),
    ).resolves.toBe(fresh);
    await page.getByTestId('filter-search').fill('');
    await page.getByTestId('filter-search').press('Enter');
    await page.getByTestId('filter-status').selectOption('failed');
    await eventually(async () =>
      expect(await page.getByTestId('messages-no-match').count()).toBe(1),
    );
    await page.screenshot({ path: screenshotPath('portal-log-filtered') });

    // A time range: nothing was sent before yesterday, and the fresh message is after it.
    await page.getByTestId('filter-status').selectOption('');
    const yesterday = new Date(Date.now() - 86_400_000);
    const local = (at: Date) =>
      new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByTestId('filter-before').fill(local(yesterday));
    await eventually(async () =>
      expect(await page.getByTestId('messages-no-match').count()).toBe(1),
    );
    await page.getByTestId('filter-before').fill('');
    await page.getByTestId('filter-after').fill(local(yesterday));
    await page.locator(`[data-message-id="${fresh}"]`).waitFor();
  });

  it("shows an endpoint's stats, and recovers its failed deliveries after counting them", async () => {
    down = true;
    const failed = [await send({ n: 1 }), await send({ n: 2 })];
    await eventually(async () => {
      const stats = await client.get(`/api/v1/app/insights/endpoint/${endpointId}/stats`);
      expect(stats.body.fail).toBe(2);
    });
    down = false;
    const page = await openPortal();
    await page.getByTestId('nav-endpoints').click();
    await page.locator(`a[href$="/endpoints/${endpointId}"]`).first().click();
    const stats = page.getByTestId('endpoint-stats');
    await stats.getByTestId('stats-attempts').waitFor();
    await expect(stats.getByTestId('stats-attempts').textContent()).resolves.toBe('4');
    await expect(stats.getByTestId('stats-success-rate').textContent()).resolves.toBe('50 %');
    // The charts' hourly buckets, as their table has them, add up to the same 2 and 2.
    await stats.getByText('Show the numbers').click();
    const column = (index: number) =>
      stats
        .getByTestId('stats-table')
        .locator(`tbody tr td:nth-of-type(${index})`)
        .allTextContents()
        .then((cells) => cells.reduce((sum, cell) => sum + Number(cell), 0));
    await expect(column(1)).resolves.toBe(2);
    await expect(column(2)).resolves.toBe(2);

    await page.getByTestId('tab-attempts').click();
    const since = new Date(Date.now() - 3_600_000);
    const pad = (value: number) => String(value).padStart(2, '0');
    await page
      .getByTestId('recover-since')
      .fill(
        `${since.getFullYear()}-${pad(since.getMonth() + 1)}-${pad(since.getDate())}T${pad(since.getHours())}:${pad(since.getMinutes())}`,
      );
    await page.getByTestId('recover-count').click();
    await eventually(async () =>
      expect(await page.getByTestId('recover-result').textContent()).toContain('2'),
    );
    expect(
      receiver.requests.filter((r) => failed.includes(String(r.headers['webhook-id']))),
    ).toHaveLength(2);
    await page.getByTestId('recover-confirm').click();
    await eventually(() =>
      expect(
        receiver.requests.filter((r) => failed.includes(String(r.headers['webhook-id']))),
      ).toHaveLength(4),
    );
    await expect(page.getByTestId('recover-result').textContent()).resolves.toContain('2');
    await page.screenshot({ path: screenshotPath('portal-endpoint-insights'), fullPage: true });
  });

  it('lists who changed what on the activity page, with the session metadata', async () => {
    const page = await openPortal();
    await page.getByTestId('nav-endpoints').click();
    await page.locator(`a[href$="/endpoints/${endpointId}"]`).first().click();
    // A change made through the portal, by this session.
    await page.getByTestId('endpoint-detail').waitFor();
    await client.patch(`/api/v1/app/insights/endpoint/${endpointId}`, { description: 'by API' });
    await page.getByTestId('nav-activity').click();
    await page.getByTestId('audit-table').waitFor();
    const actors = await page.getByTestId('audit-actor').allTextContents();
    expect(actors.some((actor) => actor.includes('API'))).toBe(true);
    const types = await page.locator('[data-testid="audit-row"] code').allTextContents();
    expect(types).toContain('endpoint.updated');
  });

  it('fits a 360 px wide screen and has no serious accessibility violation', async () => {
    const page = await openPortal(360);
    for (const [name, open] of [
      ['log', async () => page.getByTestId('nav-messages').click()],
      [
        'endpoint',
        async () => {
          await page.getByTestId('nav-endpoints').click();
          await page.locator(`a[href$="/endpoints/${endpointId}"]`).first().click();
          await page.getByTestId('chart-deliveries').waitFor();
        },
      ],
      [
        'activity',
        async () => {
          await page.getByTestId('nav-activity').click();
          await page.getByTestId('audit-table').waitFor();
        },
      ],
    ] as const) {
      await open();
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath(`portal-360-${name}`), fullPage: true });
      expect(await accessibilityViolations(page), name).toEqual([]);
    }
  });
});
