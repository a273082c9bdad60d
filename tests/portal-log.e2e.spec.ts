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

const ORDERS = 125;
const INVOICES = 5;

/**
 * The delivery log as a customer with a busy application uses it, in headless Chromium over the
 * real stack: paging back through 130 messages and forward again, filters that apply as they
 * change and live in the address bar (Back, Forward, reload), the endpoint filter by URL, and a
 * filter the API refuses.
 */
describe('the delivery log in the portal', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  let browser: Browser;
  let ordersUrl: string;
  let billingUrl: string;
  /** Every message id, newest first, as the log lists them. */
  let newestFirst: string[];
  let invoiceIds: string[];

  const openPortal = async (width = 1100): Promise<Page> => {
    const session = await client.post('/api/v1/app/busy/portal-session', { role: 'viewer' });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(session.body.url);
    await page.getByTestId('app-name').waitFor();
    return page;
  };
  const shownIds = (page: Page) =>
    page
      .getByTestId('message-row')
      .evaluateAll((rows) => rows.map((row) => row.dataset['messageId']));
  /** Waits for the log to show exactly these messages, in this order. */
  const expectRows = (page: Page, ids: string[]) =>
    eventually(async () => expect(await shownIds(page)).toEqual(ids));
  const query = (page: Page) => new URL(page.url()).searchParams;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
    });
    client = api(stack);
    browser = await launchBrowser();
    await client.post('/api/v1/app', { name: 'Busy Co', uid: 'busy' });
    ordersUrl = `${receiver.url}/orders`;
    billingUrl = `${receiver.url}/billing`;
    await client.post('/api/v1/app/busy/endpoint', { url: ordersUrl });
    // Only the billing channel's messages reach this one.
    await client.post('/api/v1/app/busy/endpoint', { url: billingUrl, channels: ['billing'] });
    const sent: string[] = [];
    for (let n = 0; n < ORDERS; n++) {
      const message = await client.post('/api/v1/app/busy/msg', {
        eventType: 'order.created',
        payload: { n },
      });
      expect(message.status).toBe(202);
      sent.push(message.body.id);
    }
    invoiceIds = [];
    for (let n = 0; n < INVOICES; n++) {
      const message = await client.post('/api/v1/app/busy/msg', {
        eventType: 'invoice.paid',
        payload: { n },
        channels: ['billing'],
      });
      invoiceIds.push(message.body.id);
    }
    sent.push(...invoiceIds);
    newestFirst = [...sent].sort().reverse();
    invoiceIds = [...invoiceIds].sort().reverse();
    // Every message and its deliveries are in the log before the customer looks.
    await eventually(
      async () => {
        const log = await client.get('/api/v1/app/busy/msg?limit=250');
        expect(log.body.data).toHaveLength(ORDERS + INVOICES);
        expect(receiver.requests).toHaveLength(ORDERS + 2 * INVOICES);
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

  it('pages back through 130 messages to the oldest and forward again to the newest', async () => {
    const page = await openPortal();
    await expectRows(page, newestFirst.slice(0, 50));
    await expect(page.getByTestId('page-newer').isDisabled()).resolves.toBe(true);

    await page.getByTestId('page-older').click();
    await expectRows(page, newestFirst.slice(50, 100));
    expect(query(page).get('iterator')).toBe(newestFirst[49]);

    // The page is in the address bar: a reload shows it again.
    await page.reload();
    await expectRows(page, newestFirst.slice(50, 100));

    await page.getByTestId('page-older').click();
    await expectRows(page, newestFirst.slice(100));
    await expect(page.getByTestId('page-older').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('portal-log-oldest-page'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByTestId('page-newer').click();
    await expectRows(page, newestFirst.slice(50, 100));
    await page.getByTestId('page-newer').click();
    await expectRows(page, newestFirst.slice(0, 50));
    await eventually(async () => {
      await expect(page.getByTestId('page-newer').isDisabled()).resolves.toBe(true);
      // Back at the newest, the log follows new messages again, not a page after an id.
      expect(query(page).get('iterator')).toBeNull();
    });

    // Back walks the pages visited, as a browser's history does.
    await page.goBack();
    await expectRows(page, newestFirst.slice(50, 100));
  });

  it('applies filters as they change, keeps them in the address bar, and shows endpoint URLs', async () => {
    const page = await openPortal();
    await expectRows(page, newestFirst.slice(0, 50));

    // Typed, not submitted: the filter applies once the reader pauses.
    await page.getByTestId('filter-event-type').pressSequentially('invoice.paid');
    await expectRows(page, invoiceIds);
    expect(query(page).get('eventType')).toBe('invoice.paid');

    await page.getByTestId('filter-status').selectOption('failed');
    await page.getByTestId('messages-no-match').waitFor();
    await expect(page.getByTestId('messages-no-match').textContent()).resolves.toContain(
      'No message matches these filters',
    );
    await expect(page.getByTestId('messages-empty').count()).resolves.toBe(0);

    await page.goBack();
    await expectRows(page, invoiceIds);
    await expect(page.getByTestId('filter-status').inputValue()).resolves.toBe('');
    await page.goBack();
    await expectRows(page, newestFirst.slice(0, 50));
    await expect(page.getByTestId('filter-event-type').inputValue()).resolves.toBe('');
    await page.goForward();
    await expectRows(page, invoiceIds);
    await expect(page.getByTestId('filter-event-type').inputValue()).resolves.toBe('invoice.paid');

    await page.reload();
    await expectRows(page, invoiceIds);
    await expect(page.getByTestId('filter-event-type').inputValue()).resolves.toBe('invoice.paid');

    // The endpoint filter offers the application's endpoints by URL.
    await page.getByTestId('filter-event-type').fill('');
    await page.getByTestId('filter-event-type').press('Enter');
    await expectRows(page, newestFirst.slice(0, 50));
    const endpointFilter = page.getByTestId('filter-endpoint');
    await eventually(async () =>
      expect(await endpointFilter.locator('option').allTextContents()).toEqual(
        expect.arrayContaining([
          expect.stringContaining(ordersUrl),
          expect.stringContaining(billingUrl),
        ]),
      ),
    );
    await endpointFilter.selectOption({ label: billingUrl });
    await expectRows(page, invoiceIds);
    expect(query(page).get('endpointId')).toMatch(/^ep_/);
    // Rows name each delivery's endpoint by its URL.
    const endpoints = await page
      .getByTestId('message-row')
      .first()
      .getByTestId('delivery-endpoint')
      .allTextContents();
    expect(endpoints.map((text) => text.trim()).sort()).toEqual([billingUrl, ordersUrl].sort());
    await page.reload();
    await expectRows(page, invoiceIds);
    await expect(endpointFilter.locator('option:checked').textContent()).resolves.toContain(
      billingUrl,
    );
  });

  it('says which filter the API refused, beside it, and shows no stale rows', async () => {
    const page = await openPortal();
    await expectRows(page, newestFirst.slice(0, 50));
    const local = (at: Date) =>
      new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    const hour = 3_600_000;
    await page.getByTestId('filter-after').fill(local(new Date(Date.now() + hour)));
    await page.getByTestId('messages-no-match').waitFor();
    await page.getByTestId('filter-before').fill(local(new Date(Date.now() - hour)));

    await page.getByTestId('filter-error-after').waitFor();
    await expect(page.getByTestId('filter-error-after').textContent()).resolves.toContain(
      '“From” must be earlier than “Until”',
    );
    await expect(page.getByTestId('filter-after').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await page.getByTestId('messages-rejected').waitFor();
    // Past a poll or two: still no rows from before, and nothing claims to be retrying.
    await page.waitForTimeout(2_500);
    await expect(page.getByTestId('message-row').count()).resolves.toBe(0);
    await expect(page.getByTestId('messages-error').count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('portal-log-refused-filter'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByTestId('messages-rejected').getByTestId('clear-filters').click();
    await expectRows(page, newestFirst.slice(0, 50));
    await expect(page.getByTestId('filter-after').inputValue()).resolves.toBe('');
    await expect(page.getByTestId('filter-error-after').count()).resolves.toBe(0);
  });

  it('fits a 360 px wide screen with its filters and pages', async () => {
    const page = await openPortal(360);
    await expectRows(page, newestFirst.slice(0, 50));
    await page.getByTestId('page-older').click();
    await expectRows(page, newestFirst.slice(50, 100));
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('portal-360-log-paged'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
