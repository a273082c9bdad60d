import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  accessibilityViolations,
  api,
  createTestDatabase,
  eventually,
  launchBrowser,
  portalToken,
  screenshotPath,
  startReceiver,
  startStack,
  type ApiClient,
  type Receiver,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';

/**
 * A customer manages their endpoints in the portal, in headless Chromium over the real stack:
 * add an endpoint from the catalogue, reveal its secret, send a test event that really arrives
 * signed, check a signature, rotate the secret; a viewer sees no write control and the API
 * refuses the write anyway.
 */
describe('endpoints in the portal', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  let browser: Browser;
  let endpointId: string;

  const openPortal = async (role: 'admin' | 'viewer', theme?: 'dark'): Promise<Page> => {
    const session = await client.post('/api/v1/app/portal-acme/portal-session', { role });
    expect(session.status).toBe(201);
    const url = theme
      ? String(session.body.url).replace('#', `&theme=${theme}#`)
      : session.body.url;
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.goto(url);
    return page;
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
    expect(
      (await client.post('/api/v1/app', { name: 'Acme Portal', uid: 'portal-acme' })).status,
    ).toBe(201);
    const eventType = await client.post('/api/v1/event-type', {
      name: 'invoice.paid',
      description: 'An invoice was paid in full',
      schemas: {
        '1': {
          type: 'object',
          properties: { invoiceId: { type: 'string' }, amount: { type: 'integer' } },
          required: ['invoiceId', 'amount'],
        },
      },
    });
    expect(eventType.status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it('adds an endpoint subscribed to an event type from the catalogue', async () => {
    const page = await openPortal('admin');
    await page.getByTestId('nav-endpoints').click();
    await page.getByTestId('endpoints-empty').waitFor();
    await page.getByTestId('add-endpoint').click();
    await page.getByTestId('endpoint-url').fill(`${receiver.url}/portal-hook`);
    await page.getByTestId('event-type-invoice.paid').check();
    await page.getByTestId('save-endpoint').click();

    const detail = page.getByTestId('endpoint-detail');
    await detail.waitFor();
    // The portal says it worked, in a notice that outlives the form it came from.
    await expect(page.getByTestId('notice-text').textContent()).resolves.toContain(
      'Endpoint created.',
    );
    expect(await page.getByTestId('endpoint-url').textContent()).toContain('/portal-hook');
    endpointId = page.url().split('/endpoints/')[1]!;
    expect(endpointId).toMatch(/^ep_/);

    // The operator's API sees what the customer created, subscription included.
    const created = await client.get(`/api/v1/app/portal-acme/endpoint/${endpointId}`);
    expect(created.body).toMatchObject({
      url: `${receiver.url}/portal-hook`,
      filterTypes: ['invoice.paid'],
    });
    await page.screenshot({ path: screenshotPath('portal-endpoint-detail-light'), fullPage: true });
    await page.close();
  });

  it('opens a link straight onto a page of the portal', async () => {
    const session = await client.post('/api/v1/app/portal-acme/portal-session', { role: 'admin' });
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await page.goto(String(session.body.url).replace('/portal/?', '/portal/event-types?'));
    await page.getByRole('heading', { name: 'Event catalogue' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal/event-types');
    await page.close();
  });

  it('sends a test event that arrives signed with the revealed secret, which the checker verifies', async () => {
    const page = await openPortal('admin');
    await page.getByTestId('nav-endpoints').click();
    await page.locator(`[data-endpoint-id="${endpointId}"] a`).click();
    await page.getByTestId('tab-security').click();
    await page.getByTestId('reveal-secret').click();
    const secret = page.getByTestId('endpoint-secret');
    await eventually(async () =>
      expect(await secret.textContent()).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/),
    );
    const key = (await secret.textContent())!.trim();

    await page.getByTestId('tab-testing').click();
    await page.getByTestId('send-test').click();
    await page.getByTestId('test-sent').waitFor();
    // The portal shows the exchange itself: the signed request and the endpoint's answer.
    const exchange = page.getByTestId('test-exchange');
    await exchange.waitFor();
    expect(await page.getByTestId('test-response-status').textContent()).toContain('HTTP 200');
    expect(await exchange.textContent()).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/portal-hook/);
    expect(await exchange.textContent()).toMatch(/webhook-id: msg_\w{26}/);
    const [delivered] = await eventually(() => {
      const requests = receiver.requestsTo('/portal-hook');
      expect(requests).toHaveLength(1);
      return requests;
    });
    const headers = {
      'webhook-id': String(delivered!.headers['webhook-id']),
      'webhook-timestamp': String(delivered!.headers['webhook-timestamp']),
      'webhook-signature': String(delivered!.headers['webhook-signature']),
    };
    expect(new Webhook(key).verify(delivered!.body, headers)).toBeTruthy();

    // The delivery log shows the test message with the endpoint's answer, and retries it.
    const messageId = headers['webhook-id'];
    await page.getByTestId('nav-messages').click();
    await page.locator(`[data-message-id="${messageId}"] [data-testid="message-link"]`).click();
    await page.getByTestId('message-detail').waitFor();
    await eventually(async () =>
      expect(await page.getByTestId('attempt-status').first().textContent()).toContain('200'),
    );
    await page.getByTestId('retry-delivery').click();
    await page.getByTestId('retry-queued').waitFor();
    await eventually(() => expect(receiver.requestsTo('/portal-hook')).toHaveLength(2));
    await page.goBack();
    await page.goBack();
    // Back on the tab it was sent from; the endpoint's attempts list this one, answered 200.
    await page.getByTestId('panel-testing').waitFor();
    await page.getByTestId('tab-attempts').click();
    const recent = page.locator(`[data-testid="recent-row"][data-message-id="${messageId}"]`);
    await eventually(async () =>
      expect(await recent.getByTestId('recent-response-code').textContent()).toContain('200'),
    );
    await page.getByTestId('tab-security').click();
    await page.getByTestId('reveal-secret').click();

    // The checker agrees with the official library on what really arrived...
    await page.fill('#checker-id', headers['webhook-id']);
    await page.fill('#checker-timestamp', headers['webhook-timestamp']);
    await page.fill('#checker-signature', headers['webhook-signature']);
    await page.fill('#checker-body', delivered!.body);
    await page.getByRole('button', { name: 'Check signature' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('checker-result').textContent()).toContain('valid'),
    );
    // ...and says why when one byte of the body differs.
    await page.fill('#checker-body', `${delivered!.body} `);
    await page.getByRole('button', { name: 'Check signature' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('checker-result').textContent()).toContain('does not match'),
    );

    // The endpoint list shows the last 24 hours: both attempts (the test and its retry) succeeded.
    await eventually(async () => {
      await page.getByTestId('nav-messages').click();
      await page.getByTestId('nav-endpoints').click();
      const rate = page.locator(
        `[data-endpoint-id="${endpointId}"] [data-testid="endpoint-success-rate"]`,
      );
      expect(await rate.textContent()).toMatch(/100\s?%\s*Attempts: 2/);
    });
    await page.close();
  });

  it('rotates the secret with a grace period and shows the new one', async () => {
    const page = await openPortal('admin', 'dark');
    await page.getByTestId('nav-endpoints').click();
    await page.locator(`[data-endpoint-id="${endpointId}"] a`).click();
    await page.getByTestId('tab-security').click();
    await page.getByTestId('reveal-secret').click();
    const secret = page.getByTestId('endpoint-secret');
    await eventually(async () =>
      expect(await secret.textContent()).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/),
    );
    const before = (await secret.textContent())!.trim();

    await page.getByTestId('grace-period').selectOption('86400');
    await page.getByTestId('rotate-secret').click();
    // Nothing happens before the customer confirms: the secret is what it was.
    await page.getByTestId('confirm-accept').waitFor();
    await expect(page.getByTestId('confirm-message').textContent()).resolves.toContain(
      'Both secrets sign webhooks during the grace period',
    );
    expect((await secret.textContent())!.trim()).toBe(before);
    await page.getByTestId('confirm-accept').click();
    await page.getByTestId('secret-rotated').waitFor();
    expect(await page.getByTestId('secret-rotated').textContent()).toContain('both secrets');
    await eventually(async () => {
      const after = (await secret.textContent())!.trim();
      expect(after).toMatch(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/);
      expect(after).not.toBe(before);
    });
    await page.screenshot({ path: screenshotPath('portal-endpoint-detail-dark'), fullPage: true });

    // With no grace period the portal says the old secret stops signing, and it does: the next
    // webhook carries one signature only.
    await page.getByTestId('grace-period').selectOption('0');
    await page.getByTestId('rotate-secret').click();
    await expect(page.getByTestId('confirm-message').textContent()).resolves.toContain(
      'the old secret stops signing at once',
    );
    await page.getByTestId('confirm-accept').click();
    await eventually(async () =>
      expect(await page.getByTestId('secret-rotated').textContent()).toContain('new secret only'),
    );
    const sent = await client.post('/api/v1/app/portal-acme/msg', {
      eventType: 'invoice.paid',
      payload: { after: 'rotation' },
    });
    const delivered = await eventually(() => {
      const found = receiver
        .requestsTo('/portal-hook')
        .find((request) => request.headers['webhook-id'] === sent.body.id);
      expect(found).toBeDefined();
      return found!;
    });
    expect(String(delivered.headers['webhook-signature']).split(' ')).toHaveLength(1);
    await page.close();
  });

  it('has no serious accessibility violation on any main screen, in light and dark themes', async () => {
    for (const theme of [undefined, 'dark'] as const) {
      const page = await openPortal('admin', theme);
      // Each screen with what it shows once loaded: a screenshot of a spinner checks nothing.
      const screens: [string, () => Promise<void>, string][] = [
        ['messages', () => page.getByTestId('nav-messages').click(), 'message-table'],
        ['endpoints', () => page.getByTestId('nav-endpoints').click(), 'endpoint-table'],
        [
          'endpoint-detail',
          () => page.locator(`[data-endpoint-id="${endpointId}"] a`).click(),
          'endpoint-detail',
        ],
        // Each tab of the endpoint's page.
        ['endpoint-attempts', () => page.getByTestId('tab-attempts').click(), 'endpoint-recover'],
        ['endpoint-testing', () => page.getByTestId('tab-testing').click(), 'send-test'],
        ['endpoint-security', () => page.getByTestId('tab-security').click(), 'snippet'],
        ['endpoint-advanced', () => page.getByTestId('tab-advanced').click(), 'endpoint-advanced'],
        ['event-types', () => page.getByTestId('nav-event-types').click(), 'event-type'],
      ];
      for (const [name, open, loaded] of screens) {
        await open();
        await page.getByTestId(loaded).first().waitFor();
        await page.screenshot({
          path: screenshotPath(`portal-${name}-${theme ?? 'light'}`),
          fullPage: true,
        });
        expect(await accessibilityViolations(page), `${name} (${theme ?? 'light'})`).toEqual([]);
      }
      await page.close();
    }
  });

  it('shows a viewer no write control, and the API refuses the write anyway', async () => {
    const page = await openPortal('viewer');
    await page.getByTestId('nav-endpoints').click();
    await page.getByTestId('endpoint-table').waitFor();
    expect(await page.getByTestId('add-endpoint').count()).toBe(0);
    await page.locator(`[data-endpoint-id="${endpointId}"] a`).click();
    await page.getByTestId('endpoint-detail').waitFor();
    // No testing tab (a test send writes), and the security tab offers no rotation.
    await page.getByTestId('tab-security').click();
    await page.getByTestId('snippet').waitFor();
    for (const control of [
      'edit-endpoint',
      'toggle-endpoint',
      'delete-endpoint',
      'rotate-secret',
      'tab-testing',
      'send-test',
    ]) {
      expect(await page.getByTestId(control).count(), control).toBe(0);
    }
    await page.screenshot({
      path: screenshotPath('portal-endpoint-detail-viewer'),
      fullPage: true,
    });

    const token = await portalToken(client, 'portal-acme');
    const forced = await client.patch(
      `/portal-api/v1/endpoints/${endpointId}`,
      { disabled: true },
      { token },
    );
    expect(forced.status).toBe(403);
    const unchanged = await client.get(`/api/v1/app/portal-acme/endpoint/${endpointId}`);
    expect(unchanged.body.disabled).toBe(false);
    // Custom headers may hold the receiver's credentials: reading them takes secrets:read,
    // which a viewer (read-only) does not hold and an editor does.
    const narrowToken = await portalToken(client, 'portal-acme', { scopes: ['endpoints:read'] });
    const headersUrl = `/portal-api/v1/endpoints/${endpointId}/headers`;
    expect((await client.get(headersUrl, { token: narrowToken })).status).toBe(403);
    expect((await client.get(headersUrl, { token })).status).toBe(403);
    const editor = await portalToken(client, 'portal-acme', { role: 'editor' });
    expect((await client.get(headersUrl, { token: editor })).status).toBe(200);
    await page.close();
  });

  it('edits an endpoint: description, channels, rate limit and headers, then clears one', async () => {
    const page = await openPortal('admin');
    await page.getByTestId('nav-endpoints').click();
    await page.locator(`[data-endpoint-id="${endpointId}"] a`).click();
    await page.getByTestId('edit-endpoint').click();
    const url = page.getByTestId('endpoint-url');
    await eventually(async () => expect(await url.inputValue()).toContain('/portal-hook'));
    expect(await page.getByTestId('event-type-invoice.paid').isChecked()).toBe(true);
    await page.fill('#endpoint-description', 'Billing hooks');
    await page.getByText('More options').click();
    await page.fill('#endpoint-channels', 'billing, eu');
    await page.fill('#endpoint-rate-limit', '25');
    await page.fill('#endpoint-headers', 'X-Team: billing');
    await page.getByTestId('save-endpoint').click();
    await page.getByText('Billing hooks').waitFor();
    await expect(page.getByTestId('notice-text').textContent()).resolves.toBe('Changes saved.');

    const saved = await client.get(`/api/v1/app/portal-acme/endpoint/${endpointId}`);
    expect(saved.body).toMatchObject({
      description: 'Billing hooks',
      channels: ['billing', 'eu'],
      rateLimit: 25,
      filterTypes: ['invoice.paid'],
    });
    const headers = await client.get(`/api/v1/app/portal-acme/endpoint/${endpointId}/headers`);
    expect(headers.body.headers).toEqual({ 'X-Team': 'billing' });

    // The form shows what is set; a cleared field clears the setting.
    await page.getByTestId('edit-endpoint').click();
    await page.getByText('More options').click();
    await eventually(async () =>
      expect(await page.locator('#endpoint-headers').inputValue()).toBe('X-Team: billing'),
    );
    expect(await page.locator('#endpoint-channels').inputValue()).toBe('billing, eu');
    await page.fill('#endpoint-rate-limit', '');
    await page.getByTestId('save-endpoint').click();
    await page.getByTestId('endpoint-detail').waitFor();
    await eventually(async () =>
      expect(
        (await client.get(`/api/v1/app/portal-acme/endpoint/${endpointId}`)).body.rateLimit,
      ).toBeNull(),
    );
    await page.close();
  });
});
