import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  accessibilityViolations,
  api,
  createTestDatabase,
  eventually,
  launchBrowser,
  findRepoRoot,
  screenshotPath,
  startReceiver,
  startStack,
  type ApiClient,
  type Receiver,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';

// `npm run docs:images` sets this: the pictures then replace docs/images/portal-*.png. In the
// suite they go to .artifacts/screenshots, and the checks below run either way.
const DOCS_IMAGES = process.env['HOOKPORT_DOCS_IMAGES'] === '1';
const WIDTHS = [1280, 360] as const;
const THEMES = ['light', 'dark'] as const;

const imagePath = (name: string): string => {
  if (!DOCS_IMAGES) return screenshotPath(`docs-${name}`);
  const folder = join(findRepoRoot(), 'docs', 'images');
  mkdirSync(folder, { recursive: true });
  return join(folder, `${name}.png`);
};

/** The operator's settings page, framing the portal as docs/embedding.md shows (an iframe, or the web component). */
const hostPage = (
  kind: 'iframe' | 'component',
  portalUrl: string,
  gatewayUrl: string,
) => `<!doctype html>
<html lang="en"><head><title>Northwind Cloud · Settings</title>
<script src="${gatewayUrl}/portal/embed.js" defer></script>
<style>
  body { margin: 0; font-family: system-ui, sans-serif; background: #f3f4f6; color: #111827; }
  body.dark { background: #030712; color: #f9fafb; }
  header { padding: 0.9rem 1.5rem; background: #111827; color: #fff; font-weight: 700; }
  main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
  h1 { margin: 0 0 1rem; font-size: 1.375rem; }
  .frame { border: 1px solid #d1d5db; border-radius: 10px; overflow: hidden; background: #fff; }
  iframe { display: block; width: 100%; height: 600px; border: 0; }
</style></head>
<body class="${kind === 'component' ? 'dark' : ''}">
<header>Northwind Cloud</header>
<main><h1>Settings › Webhooks</h1><div class="frame">
${
  kind === 'iframe'
    ? `<iframe id="webhooks" title="Webhooks" src="${portalUrl}"></iframe>
<script>
  const portalOrigin = ${JSON.stringify(new URL(gatewayUrl).origin)};
  window.addEventListener('message', (event) => {
    const frame = document.getElementById('webhooks');
    if (event.origin !== portalOrigin || event.source !== frame.contentWindow) return;
    if (event.data?.type === 'hookport:resize') frame.style.height = event.data.height + 'px';
  });
</script>`
    : `<hookport-portal url="${portalUrl}" theme="dark" min-height="300"></hookport-portal>`
}
</div></main></body></html>`;

/**
 * The documentation's pictures of the portal, taken from a real stack with a realistic
 * application: each main view in the light and dark themes, at 1280 and 360 px. Every picture
 * is also checked: nothing scrolls sideways and axe finds nothing serious.
 */
describe('the portal, as the documentation shows it', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  let browser: Browser;
  let endpointId: string;
  let host: Server;
  let hostOrigin: string;
  let hostHtml = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver({
      respondWith: (request) =>
        request.path === '/flaky' && /"n":[05]\b/.test(request.body)
          ? { status: 503, body: 'busy' }
          : { status: 200, body: 'ok' },
    });
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      serviceEnv: { delivery: { HOOKPORT_RETRY_SCHEDULE: '3600' } },
    });
    client = api(stack);
    browser = await launchBrowser();
    host = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(hostHtml);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    // "localhost": another origin than the gateway's, as the operator's application is.
    hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
    expect((await client.post('/api/v1/app', { name: 'Northwind', uid: 'docs' })).status).toBe(201);
    expect(
      (
        await client.put('/api/v1/app/docs/portal-settings', {
          organizationName: 'Northwind Traders',
          accentColor: '#0f766e',
          allowedFrameOrigins: [hostOrigin],
        })
      ).status,
    ).toBe(200);
    for (const [name, description, groupName] of [
      ['invoice.paid', 'An invoice was paid in full', 'Billing'],
      ['invoice.overdue', 'An invoice is past its due date', 'Billing'],
      ['customer.created', 'A customer signed up', 'Customers'],
    ] as const) {
      const created = await client.post('/api/v1/event-type', {
        name,
        description,
        groupName,
        schemas: {
          '1': {
            type: 'object',
            properties: {
              id: { type: 'string', description: 'The object id' },
              amount: { type: 'integer', description: 'In cents' },
            },
            required: ['id'],
            example: { id: 'inv_1042', amount: 12900 },
          },
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const endpoint = await client.post('/api/v1/app/docs/endpoint', {
      url: `${receiver.url}/flaky`,
      description: 'Billing service',
      filterTypes: ['invoice.paid', 'invoice.overdue'],
    });
    endpointId = String(endpoint.body.id);
    await client.post('/api/v1/app/docs/endpoint', {
      url: `${receiver.url}/crm`,
      description: 'CRM sync',
      filterTypes: ['customer.created'],
    });
    for (let n = 0; n < 10; n++) {
      await client.post('/api/v1/app/docs/msg', {
        eventType: n % 3 === 2 ? 'customer.created' : 'invoice.paid',
        payload: { id: `inv_${1040 + n}`, amount: 1000 * (n + 1), n },
      });
    }
    await eventually(
      async () => {
        const stats = await client.get(`/api/v1/app/docs/endpoint/${endpointId}/stats`);
        expect(stats.body.success + stats.body.fail).toBe(7);
      },
      { timeoutMs: 30_000 },
    );
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => host?.close(resolve));
    await browser?.close();
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
  });

  const views: [string, string, (page: Page) => Promise<void>][] = [
    ['delivery-log', 'messages', (page) => page.getByTestId('message-row').first().waitFor()],
    ['endpoint-overview', 'endpoints/{id}', (page) => page.getByTestId('chart-latency').waitFor()],
    [
      'endpoint-security',
      'endpoints/{id}?tab=security',
      (page) => page.getByTestId('snippet').waitFor(),
    ],
    [
      'endpoint-form-error',
      'endpoints/new',
      async (page) => {
        await page.getByTestId('endpoint-url').fill('http://10.0.0.1/webhooks');
        await page.getByTestId('save-endpoint').click();
        await page.getByTestId('field-error-url').waitFor();
      },
    ],
    ['event-catalogue', 'event-types', (page) => page.getByTestId('event-type').first().waitFor()],
  ];

  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      it(`shows every main view in the ${theme} theme at ${width} px`, async () => {
        for (const [name, path, ready] of views) {
          const session = await client.post('/api/v1/app/docs/portal-session', {
            role: 'admin',
          });
          const [route, query] = path.replace('{id}', endpointId).split('?');
          const url = String(session.body.url).replace(
            '/portal/?',
            `/portal/${route}?theme=${theme}&${query ? `${query}&` : ''}`,
          );
          const page = await browser.newPage({
            viewport: { width, height: width === 360 ? 780 : 800 },
          });
          await page.goto(url);
          await ready(page);
          // Fonts and the chart's first frame settled.
          await page.evaluate(() => document.fonts.ready);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
          // The endpoint's overview whole, so its charts are in the picture.
          await page.screenshot({
            path: imagePath(`portal-${name}-${theme}-${width}`),
            fullPage: name === 'endpoint-overview',
          });
          expect(await accessibilityViolations(page), `${name} ${theme} ${width}`).toEqual([]);
          await page.close();
        }
      });
    }
  }

  it('shows the portal embedded three ways: in an iframe, from a link, as the web component', async () => {
    const portalUrl = async (returnUrl?: string) =>
      String(
        (
          await client.post('/api/v1/app/docs/portal-session', {
            role: 'admin',
            ...(returnUrl ? { returnUrl } : {}),
          })
        ).body.url,
      );
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });

    hostHtml = hostPage('iframe', await portalUrl(), stack.gatewayUrl);
    await page.goto(`${hostOrigin}/settings/webhooks`);
    await page.frameLocator('iframe').getByTestId('message-row').first().waitFor();
    await page.screenshot({ path: imagePath('embed-iframe') });

    await page.goto(await portalUrl(`${hostOrigin}/settings`));
    await page.getByTestId('back-to-app').waitFor();
    await page.getByTestId('message-row').first().waitFor();
    await page.screenshot({ path: imagePath('embed-link') });
    expect(await accessibilityViolations(page)).toEqual([]);

    hostHtml = hostPage('component', await portalUrl(), stack.gatewayUrl);
    await page.goto(`${hostOrigin}/settings/webhooks`);
    await page
      .frameLocator('hookport-portal >> iframe')
      .getByTestId('message-row')
      .first()
      .waitFor();
    await page.screenshot({ path: imagePath('embed-web-component') });
    await page.close();
  });
});
