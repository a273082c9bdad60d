import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTestDatabase,
  eventually,
  launchBrowser,
  startStack,
  type ApiClient,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';

interface Journey {
  /** The product whose documented portal flow this follows. */
  product: string;
  /** Its call for a portal URL, made against Hookport; answers the URL the host frames. */
  portalUrl: (client: ApiClient, appId: string) => Promise<string>;
}

/** The portal-access flows of the four products Hookport was specified from, end to end. */
const JOURNEYS: Journey[] = [
  {
    product: 'Nahook (portal session, role, metadata, one-time code)',
    portalUrl: async (client, appId) => {
      const session = await client.post(`/api/v1/app/${appId}/portal-session`, {
        role: 'editor',
        expiresIn: 60,
        metadata: { userId: 'u_42', email: 'ada@acme.example' },
      });
      expect(session.status, JSON.stringify(session.body)).toBe(201);
      return session.body.url;
    },
  },
  {
    product: 'Hook Mesh (portal token, permissions, expires_in)',
    portalUrl: async (client, appId) => {
      const token = await client.post(`/api/v1/applications/${appId}/portal-tokens`, {
        expires_in: 60,
        permissions: ['read'],
      });
      expect(token.status, JSON.stringify(token.body)).toBe(201);
      expect(Date.parse(token.body.expires_at) - Date.now()).toBeLessThanOrEqual(60_000);
      return token.body.url;
    },
  },
  {
    product: 'Hookdeck Outpost (tenant portal redirect URL, theme override)',
    portalUrl: async (client, appId) => {
      // `expiresIn` is Hookport's addition (Outpost's sessions last what its settings say).
      const portal = await client.get(`/api/v1/tenants/${appId}/portal?theme=dark&expiresIn=60`);
      expect(portal.status, JSON.stringify(portal.body)).toBe(200);
      expect(portal.body.redirect_url).toMatch(/\?app=app_\w+&theme=dark#code=/);
      return portal.body.redirect_url;
    },
  },
  {
    product: 'Hookbase (magic link, scopes, minutes)',
    portalUrl: async (client, appId) => {
      const link = await client.post(`/api/v1/app/${appId}/magic-link`, {
        expiresInMinutes: 1,
        scopes: ['read', 'write'],
        metadata: { supportTicket: 'T-1001' },
      });
      expect(link.status, JSON.stringify(link.body)).toBe(201);
      return link.body.url;
    },
  },
];

/**
 * Each journey: create an application, get a portal URL the product's way, frame it on a host
 * page served from another loopback origin, see the portal, and see the session expire and the
 * portal hand back to the host (a postMessage to the host's exact origin).
 */
describe('the portal journeys of the seed products', () => {
  let database: TestDatabase;
  let stack: Stack;
  let client: ApiClient;
  let host: Server;
  let hostOrigin: string;
  const framed = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
    });
    client = api(stack);
    host = createServer((request, response) => {
      const journey = new URL(request.url ?? '/', 'http://host').searchParams.get('journey') ?? '';
      const src = framed.get(journey) ?? 'about:blank';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="en"><head><title>Host</title></head><body>
        <h1>Operator app</h1>
        <iframe title="Webhooks" src="${src}" style="width: 100%; height: 600px"></iframe>
        <script>
          window.portalMessages = [];
          window.addEventListener('message', (event) => {
            if (event.origin === ${JSON.stringify(stack.gatewayUrl)}) window.portalMessages.push(event.data);
          });
        </script></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
    const settings = await client.put('/api/v1/portal-settings', {
      allowedFrameOrigins: [hostOrigin],
    });
    expect(settings.status).toBe(200);
  });

  afterAll(async () => {
    await new Promise((resolve) => host?.close(resolve));
    await stack?.stop();
    await database?.drop();
  });

  it(
    'frames each portal on the host, then hands the expired session back to the host',
    { timeout: 150_000 },
    async () => {
      const browser = await launchBrowser();
      try {
        const pages = await Promise.all(
          JOURNEYS.map(async (journey, index) => {
            const app = await client.post('/api/v1/app', { name: `Journey ${index}` });
            expect(app.status).toBe(201);
            framed.set(String(index), await journey.portalUrl(client, app.body.id));
            const page = await browser.newPage();
            await page.goto(`${hostOrigin}/?journey=${index}`);
            const frame = page.frameLocator('iframe');
            // The header shows the default title until the session's application has loaded.
            await eventually(async () =>
              expect(await frame.getByTestId('app-name').textContent(), journey.product).toContain(
                `Journey ${index}`,
              ),
            );
            return { journey, page };
          }),
        );
        // Sessions last 60 s here: each portal renews its token until the session ends, then
        // tells its host page, whose origin it posts to exactly.
        await eventually(
          async () => {
            for (const { journey, page } of pages) {
              const messages = await page.evaluate(
                () => (window as unknown as { portalMessages: { type: string }[] }).portalMessages,
              );
              expect(
                messages.map((message) => message.type),
                journey.product,
              ).toContain('hookport:session-lapsed');
            }
          },
          { timeoutMs: 90_000, intervalMs: 1_000 },
        );
        for (const { page } of pages) {
          await expect(
            page.frameLocator('iframe').getByText('Your portal session has ended').count(),
          ).resolves.toBe(1);
        }
      } finally {
        await browser.close();
      }
    },
  );
});
