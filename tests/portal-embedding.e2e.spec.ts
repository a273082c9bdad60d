import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createTestDatabase,
  eventually,
  launchBrowser,
  screenshotPath,
  startStack,
  type ApiClient,
  type Stack,
  type TestDatabase,
} from '@hookport/testing';

/** A host page on another origin, as an operator's application would serve it. */
const startHostPage = async (
  html: (portalUrl: string) => string,
): Promise<{ origin: string; setPortalUrl: (url: string) => void; close: () => Promise<void> }> => {
  let portalUrl = '';
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html(portalUrl));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // "localhost" rather than 127.0.0.1: another origin than the gateway's, as in production.
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    setPortalUrl: (url) => (portalUrl = url),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

describe('the <hookport-portal> web component', () => {
  let database: TestDatabase;
  let stack: Stack;
  let client: ApiClient;
  let host: Awaited<ReturnType<typeof startHostPage>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
    });
    client = api(stack);
    host = await startHostPage(
      (portalUrl) => `<!doctype html>
        <html lang="en"><head><title>Acme settings</title>
        <script src="${stack.gatewayUrl}/portal/embed.js" defer></script></head>
        <body><h1>Acme — Webhooks</h1>
        <hookport-portal url="${portalUrl}" theme="dark" min-height="150"></hookport-portal>
        <script>
          document.querySelector('hookport-portal').addEventListener('hookport-session-lapsed', (event) => {
            window.lapses = (window.lapses || []).concat(event.detail.reason);
          });
        </script>
        </body></html>`,
    );
    expect(
      (await client.post('/api/v1/app', { name: 'Embedded Co', uid: 'embedded' })).status,
    ).toBe(201);
    // Only the host's origin may frame the portal (Content-Security-Policy: frame-ancestors).
    expect(
      (
        await client.put('/api/v1/app/embedded/portal-settings', {
          allowedFrameOrigins: [host.origin],
          organizationName: 'Acme Webhooks',
          accentColor: '#0f766e',
          hidePoweredBy: true,
        })
      ).status,
    ).toBe(200);
    await client.post('/api/v1/app/embedded/msg', {
      eventType: 'user.created',
      payload: { id: 1 },
    });
  });

  afterAll(async () => {
    await host?.close();
    await stack?.stop();
    await database?.drop();
  });

  it('shows the portal from another origin and grows the frame to fit its content', async () => {
    const session = await client.post('/api/v1/app/embedded/portal-session', { role: 'viewer' });
    expect(session.status).toBe(201);
    host.setPortalUrl(session.body.url);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
      await page.goto(`${host.origin}/`);
      const frame = page.frameLocator('hookport-portal >> iframe');
      await expect(frame.getByTestId('app-name').textContent()).resolves.toContain('Embedded Co');
      // The operator's branding, from /me.
      await expect(frame.getByTestId('organization-name').textContent()).resolves.toBe(
        'Acme Webhooks',
      );
      await expect(frame.getByTestId('powered-by').count()).resolves.toBe(0);
      await eventually(async () =>
        expect(
          await frame
            .locator('html')
            .evaluate((html) => getComputedStyle(html).getPropertyValue('--hp-accent').trim()),
        ).toBe('#0f766e'),
      );
      // The theme attribute reaches the portal.
      await eventually(async () =>
        expect(
          await frame.locator('html').evaluate((html) => getComputedStyle(html).colorScheme),
        ).toContain('dark'),
      );
      // The portal reported its height: the frame is taller than its 150 px minimum.
      const iframe = page.locator('hookport-portal >> iframe');
      await eventually(async () => {
        const height = await iframe.evaluate((element) => element.getBoundingClientRect().height);
        expect(height).toBeGreaterThan(150);
      });
      await page.screenshot({ path: screenshotPath('portal-web-component'), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it('tells the host page when the session ends, so it can mint a new one', async () => {
    const session = await client.post('/api/v1/app/embedded/portal-session', { role: 'viewer' });
    host.setPortalUrl(session.body.url);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${host.origin}/`);
      const frame = page.frameLocator('hookport-portal >> iframe');
      await frame.getByTestId('message-table').waitFor();
      // The operator revokes the session: the portal's next call is refused, and the host hears.
      expect(
        (await client.delete(`/api/v1/app/embedded/portal-session/${session.body.id}`)).status,
      ).toBe(204);
      await eventually(
        async () =>
          expect(
            await page.evaluate(() => (window as unknown as { lapses?: string[] }).lapses),
          ).toEqual(['expired']),
        { timeoutMs: 10_000 },
      );
      await expect(frame.getByText('Your portal session has ended').count()).resolves.toBe(1);

      // The host mints a new session and sets the new URL, as docs/embedding.md shows: it
      // differs only in its #code=, so the frame navigates within the page, and the portal
      // exchanges the new code and goes on.
      const renewed = await client.post('/api/v1/app/embedded/portal-session', { role: 'viewer' });
      await page.evaluate(
        (url) => document.querySelector('hookport-portal')!.setAttribute('url', url),
        renewed.body.url as string,
      );
      await frame.getByTestId('message-table').waitFor({ timeout: 15_000 });
      await expect(frame.getByText('Your portal session has ended').count()).resolves.toBe(0);

      // Once more through a plain iframe's src, the other documented way.
      await client.delete(`/api/v1/app/embedded/portal-session/${renewed.body.id}`);
      await frame.getByText('Your portal session has ended').waitFor({ timeout: 15_000 });
      const third = await client.post('/api/v1/app/embedded/portal-session', { role: 'viewer' });
      await page.evaluate(
        (url) => {
          const element = document.querySelector('hookport-portal')!;
          element.shadowRoot!.querySelector('iframe')!.src = url;
        },
        `${third.body.url as string}`,
      );
      await frame.getByTestId('message-table').waitFor({ timeout: 15_000 });
    } finally {
      await browser.close();
    }
  });

  it('keeps a linked portal’s customer in across a reload, and continues after a lapse', async () => {
    const session = await client.post('/api/v1/app/embedded/portal-session', { role: 'viewer' });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(session.body.url);
      await page.getByTestId('message-table').waitFor();
      // F5: the code is gone from the address bar; the tab's session storage still has the session.
      await page.reload();
      await page.getByTestId('message-table').waitFor();
      await expect(page.getByText('Your portal session has ended').count()).resolves.toBe(0);

      await client.delete(`/api/v1/app/embedded/portal-session/${session.body.id}`);
      await page.reload();
      // The revoked session's token is refused on the first call: the portal says so, and a
      // reload does not bring it back.
      await page.getByText('Your portal session has ended').waitFor({ timeout: 15_000 });
      await page.reload();
      await expect(page.getByTestId('message-table').count()).resolves.toBe(0);

      // A new link for the same page, differing only in its fragment, continues.
      const renewed = await client.post('/api/v1/app/embedded/portal-session', { role: 'viewer' });
      await page.evaluate((url) => (window.location.href = url), renewed.body.url as string);
      await page.getByTestId('message-table').waitFor({ timeout: 15_000 });
    } finally {
      await browser.close();
    }
  });

  it('refuses to be framed by an origin the operator did not allow', async () => {
    const intruder = await startHostPage(
      (portalUrl) => `<!doctype html><html lang="en"><head><title>Intruder</title></head>
        <body><iframe title="portal" src="${portalUrl}"></iframe></body></html>`,
    );
    const session = await client.post('/api/v1/app/embedded/portal-session', { role: 'viewer' });
    intruder.setPortalUrl(session.body.url);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const refusals: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('frame-ancestors')) refusals.push(message.text());
      });
      await page.goto(`${intruder.origin}/`);
      await eventually(() => expect(refusals.length).toBeGreaterThan(0));
      // Nothing of the portal rendered inside the intruder's page.
      const portalFrames = page
        .frames()
        .filter((frame) => frame.url().startsWith(stack.gatewayUrl));
      for (const frame of portalFrames) {
        await expect(frame.locator('[data-testid="app-name"]').count()).resolves.toBe(0);
      }
      // And the code was never exchanged: the operator's link still works once, elsewhere.
      const exchanged = await client.post(
        '/portal-api/v1/session/exchange',
        { code: session.body.code },
        { token: null },
      );
      expect(exchanged.status).toBe(200);
    } finally {
      await browser.close();
      await intruder.close();
    }
  });

  it("sends a lapsed session to the operator's referer URL after telling the host", async () => {
    await client.post('/api/v1/app', { name: 'Referred Co', uid: 'referred' });
    await client.put('/api/v1/app/referred/portal-settings', {
      allowedFrameOrigins: [host.origin],
      refererUrl: `${host.origin}/session-ended`,
    });
    const session = await client.post('/api/v1/app/referred/portal-session', { role: 'viewer' });
    host.setPortalUrl(session.body.url);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${host.origin}/`);
      await page.frameLocator('hookport-portal >> iframe').getByTestId('app-name').waitFor();
      await client.delete(`/api/v1/app/referred/portal-session/${session.body.id}`);
      await eventually(
        async () => {
          expect(
            await page.evaluate(() => (window as unknown as { lapses?: string[] }).lapses),
          ).toEqual(['expired']);
          expect(page.frames().map((frame) => frame.url())).toContain(
            `${host.origin}/session-ended`,
          );
        },
        { timeoutMs: 10_000 },
      );
    } finally {
      await browser.close();
    }
  });
});
