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

const PAID_EXAMPLE = { invoiceId: 'inv_42', amount: 1999, currency: 'EUR' };
const VOIDED_EXAMPLE = { invoiceId: 'inv_7', reason: 'duplicate' };

/**
 * The event catalogue as a customer reads it, in headless Chromium over the real stack: events
 * by group, each with its fields and an example payload, and a test send from there that
 * delivers that example (schema placeholders only for an event type without one).
 */
describe('the event catalogue in the portal', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  let browser: Browser;
  let endpointUrl: string;

  const openCatalogue = async (width = 1100): Promise<Page> => {
    const session = await client.post('/api/v1/app/catalogue/portal-session', { role: 'editor' });
    expect(session.status).toBe(201);
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(session.body.url);
    await page.getByTestId('app-name').waitFor();
    await page.getByTestId('nav-event-types').click();
    await page.getByTestId('event-type').first().waitFor();
    return page;
  };
  const card = (page: Page, name: string) => page.locator(`[data-event-type="${name}"]`);
  /** The payload the receiver got for the test message the notice names. */
  const deliveredTest = async (notice: string | null) => {
    const messageId = /msg_\w+/.exec(notice ?? '')?.[0];
    expect(messageId, `a message id in "${notice}"`).toBeDefined();
    return eventually(() => {
      const request = receiver.requests.find((r) => r.headers['webhook-id'] === messageId);
      expect(request, `the test ${messageId}`).toBeDefined();
      return JSON.parse(request!.body) as Record<string, unknown>;
    });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver();
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
    });
    client = api(stack);
    browser = await launchBrowser();
    await client.post('/api/v1/app', { name: 'Catalogue Co', uid: 'catalogue' });
    const created = await Promise.all([
      // The example in the schema, OpenAPI's way.
      client.post('/api/v1/event-type', {
        name: 'invoice.paid',
        description: 'An invoice was paid in full',
        groupName: 'Billing',
        schemas: {
          '1': {
            type: 'object',
            required: ['invoiceId', 'amount'],
            properties: {
              invoiceId: { type: 'string', description: 'The paid invoice' },
              amount: { type: 'integer', description: 'In cents' },
              currency: { type: 'string' },
            },
            example: PAID_EXAMPLE,
          },
        },
      }),
      // The example given beside the schema.
      client.post('/api/v1/event-type', {
        name: 'invoice.voided',
        description: 'An invoice was voided',
        groupName: 'Billing',
        schemas: {
          '1': {
            type: 'object',
            properties: { invoiceId: { type: 'string' }, reason: { type: 'string' } },
          },
        },
        example: VOIDED_EXAMPLE,
      }),
      // No example at all: the schema's placeholders.
      client.post('/api/v1/event-type', {
        name: 'user.created',
        description: 'A user signed up',
        schemas: {
          '1': {
            type: 'object',
            properties: { email: { type: 'string', format: 'email' }, admin: { type: 'boolean' } },
          },
        },
      }),
    ]);
    for (const answer of created) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    endpointUrl = `${receiver.url}/hooks`;
    await client.post('/api/v1/app/catalogue/endpoint', { url: endpointUrl });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it('lists the events by group, each with its fields and example payload', async () => {
    const page = await openCatalogue();
    await expect(page.getByTestId('event-group-name').allTextContents()).resolves.toEqual([
      expect.stringContaining('Billing'),
      expect.stringContaining('Other events'),
    ]);
    const billing = page.getByTestId('event-group').first();
    await expect(billing.getByTestId('event-type').count()).resolves.toBe(2);

    const paid = card(page, 'invoice.paid');
    const rows = await paid
      .getByTestId('schema-field')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.children, (cell) => cell.textContent?.trim())),
      );
    expect(rows).toEqual([
      // Required first, then by name.
      ['amount', 'integer', 'yes', 'In cents'],
      ['invoiceId', 'string', 'yes', 'The paid invoice'],
      ['currency', 'string', 'no', ''],
    ]);
    const example = await paid.getByTestId('event-type-example').textContent();
    expect(JSON.parse(example ?? '')).toEqual(PAID_EXAMPLE);
    const voided = await card(page, 'invoice.voided')
      .getByTestId('event-type-example')
      .textContent();
    expect(JSON.parse(voided ?? '')).toEqual(VOIDED_EXAMPLE);
    await page.screenshot({ path: screenshotPath('portal-event-catalogue'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("sends a test of an event from the catalogue, delivering the event type's example", async () => {
    const page = await openCatalogue();
    const paid = card(page, 'invoice.paid');
    await expect(
      paid.getByTestId('catalogue-test-endpoint').locator('option').allTextContents(),
    ).resolves.toEqual([expect.stringContaining(endpointUrl)]);
    await paid.getByTestId('catalogue-send-test').click();
    await paid.getByTestId('catalogue-test-sent').waitFor();
    expect(
      await deliveredTest(await paid.getByTestId('catalogue-test-sent').textContent()),
    ).toEqual(PAID_EXAMPLE);

    const user = card(page, 'user.created');
    await user.getByTestId('catalogue-send-test').click();
    await user.getByTestId('catalogue-test-sent').waitFor();
    // No example given: what the schema says, field by field.
    expect(
      await deliveredTest(await user.getByTestId('catalogue-test-sent').textContent()),
    ).toEqual({
      email: 'user@example.com',
      admin: false,
    });
  });

  it('fits a 360 px wide screen', async () => {
    const page = await openCatalogue(360);
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
