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

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32"><rect width="120" height="32" fill="#facc15"/><text x="8" y="22" font-size="16">Lighthouse</text></svg>';

/** WCAG contrast of two computed colours (`rgb(r, g, b)`), as a customer's checker computes it. */
const contrast = (first: string, second: string): number => {
  const luminance = (colour: string) => {
    const [r, g, b] = (colour.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((value) => {
      const channel = Number(value) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return (lighter + 0.05) / (darker + 0.05);
};

/**
 * The portal a customer trusts, in headless Chromium over the real stack: forms that say what
 * is wrong beside the field, on a phone; notices and confirmations around every change; the
 * operator's logo and accent colour; the endpoint page's tabs, each at its own address; and
 * charts of the endpoint's last 24 hours.
 */
describe('the portal design', () => {
  let database: TestDatabase;
  let stack: Stack;
  let receiver: Receiver;
  let client: ApiClient;
  let browser: Browser;

  const openPortal = async (
    options: { width?: number; path?: string; query?: string } = {},
  ): Promise<Page> => {
    const session = await client.post('/api/v1/app/design/portal-session', { role: 'admin' });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    const url = String(session.body.url).replace(
      '/portal/?',
      `/portal/${options.path ?? ''}?${options.query ? `${options.query}&` : ''}`,
    );
    const page = await browser.newPage({
      viewport: { width: options.width ?? 1280, height: 800 },
    });
    await page.goto(url);
    await page.getByTestId('app-name').waitFor();
    return page;
  };
  const overflow = (page: Page) =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  const createEndpoint = async (path: string): Promise<string> => {
    const created = await client.post('/api/v1/app/design/endpoint', {
      url: `${receiver.url}${path}`,
    });
    expect(created.status).toBe(201);
    return String(created.body.id);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startReceiver({
      respondWith: (request) =>
        request.path === '/logo.svg'
          ? { status: 200, headers: { 'content-type': 'image/svg+xml' }, body: LOGO_SVG }
          : { status: request.path.startsWith('/failing') ? 500 : 200, body: 'ok' },
    });
    stack = await startStack({
      databaseUrl: database.url,
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
    });
    client = api(stack);
    browser = await launchBrowser();
    expect((await client.post('/api/v1/app', { name: 'Design Co', uid: 'design' })).status).toBe(
      201,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it('explains a refused address beside its field on a phone, and clears it on the next attempt', async () => {
    const page = await openPortal({ width: 360, path: 'endpoints/new' });
    const url = page.getByTestId('endpoint-url');
    await url.fill('http://10.0.0.1/hooks');
    await page.getByTestId('save-endpoint').click();

    const error = page.getByTestId('field-error-url');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain(
      'This address is private or local; use a public URL.',
    );
    // Marked invalid, described by the message, focused, and on screen: not 600 px above.
    await expect(url.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await url.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain(await error.getAttribute('id'));
    await expect(url.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    const box = (await error.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    // Words, not the API's codes or field paths.
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).not.toContain('endpoint-address-not-allowed');
    expect(shown).not.toContain('url:');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('portal-form-error-360') });
    expect(await accessibilityViolations(page)).toEqual([]);

    // The next attempt fixes the address but sets a header the service reserves: the old
    // message goes, the new one stands beside the headers, whose fold opens to show it.
    await url.fill(`${receiver.url}/created`);
    await page.getByText('More options').click();
    await page.getByTestId('endpoint-headers').fill('webhook-id: mine');
    await page.getByTestId('save-endpoint').click();
    await page.getByTestId('field-error-headers').waitFor();
    await expect(page.getByTestId('field-error-url').count()).resolves.toBe(0);
    await expect(url.getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(page.getByTestId('field-error-headers').textContent()).resolves.toContain(
      'This header is set by the webhook service itself',
    );
    await expect(page.getByTestId('endpoint-headers').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );

    await page.getByTestId('endpoint-headers').fill('X-Team: design');
    await page.getByTestId('save-endpoint').click();
    await page.getByTestId('endpoint-detail').waitFor();
    await expect(page.getByTestId('notice-text').textContent()).resolves.toContain(
      'Endpoint created.',
    );
    await page.close();
  });

  it('says the same in French', async () => {
    const page = await openPortal({ path: 'endpoints/new', query: 'lang=fr' });
    await page.getByTestId('endpoint-url').fill('http://169.254.169.254/latest');
    await page.getByTestId('save-endpoint').click();
    await page.getByTestId('field-error-url').waitFor();
    await expect(page.getByTestId('field-error-url').textContent()).resolves.toContain(
      'Cette adresse est privée ou locale',
    );
    await expect(page.getByTestId('nav-messages').textContent()).resolves.toContain(
      'Journal des livraisons',
    );
    await page.close();
  });

  it('asks before disabling or deleting an endpoint, and says what happened', async () => {
    const id = await createEndpoint('/doomed');
    const page = await openPortal({ path: `endpoints/${id}` });
    await page.getByTestId('endpoint-detail').waitFor();
    const dialog = page.getByTestId('confirm-dialog');

    // Cancel keeps it as it was.
    await page.getByTestId('toggle-endpoint').click();
    await dialog.waitFor();
    await expect(page.getByTestId('confirm-message').textContent()).resolves.toContain(
      'Nothing is delivered to it while it is disabled',
    );
    await page.screenshot({ path: screenshotPath('portal-confirm-disable') });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await client.get(`/api/v1/app/design/endpoint/${id}`)).body.disabled).toBe(false);

    await page.getByTestId('toggle-endpoint').click();
    await page.getByTestId('confirm-accept').click();
    await eventually(async () =>
      expect(await page.getByTestId('notice-text').textContent()).toContain('Endpoint disabled'),
    );
    expect((await client.get(`/api/v1/app/design/endpoint/${id}`)).body.disabled).toBe(true);
    // Enabling harms nothing: no question.
    await page.getByTestId('toggle-endpoint').click();
    await eventually(async () =>
      expect(await page.getByTestId('notice-text').textContent()).toContain('Endpoint enabled'),
    );
    expect((await client.get(`/api/v1/app/design/endpoint/${id}`)).body.disabled).toBe(false);

    // Escape is a cancel too; the question names the endpoint.
    await page.getByTestId('delete-endpoint').click();
    await expect(page.getByTestId('confirm-message').textContent()).resolves.toContain(
      `${receiver.url}/doomed`,
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await client.get(`/api/v1/app/design/endpoint/${id}`)).status).toBe(200);

    await page.getByTestId('delete-endpoint').click();
    await page.getByTestId('confirm-accept').click();
    await page.getByTestId('endpoint-table').or(page.getByTestId('endpoints-empty')).waitFor();
    await expect(page.getByTestId('notice-text').textContent()).resolves.toBe('Endpoint deleted.');
    expect((await client.get(`/api/v1/app/design/endpoint/${id}`)).status).toBe(404);
    await page.close();
  });

  it('opens each tab of the endpoint page at its own address, through reload and Back', async () => {
    const id = await createEndpoint('/tabbed');
    const page = await openPortal({ path: `endpoints/${id}`, query: 'tab=security' });
    await page.getByTestId('panel-security').waitFor();
    await expect(page.getByTestId('tab-security').getAttribute('aria-current')).resolves.toBe(
      'page',
    );
    await page.getByTestId('reveal-secret').waitFor();

    await page.getByTestId('tab-testing').click();
    await page.getByTestId('send-test').waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('testing');
    await page.reload();
    await page.getByTestId('panel-testing').waitFor();
    await page.goBack();
    await page.getByTestId('panel-security').waitFor();

    // Every tab, at a phone's width: nothing scrolls sideways, nothing serious for axe.
    await page.setViewportSize({ width: 360, height: 800 });
    for (const tab of ['overview', 'attempts', 'testing', 'security', 'advanced']) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.getByTestId(`panel-${tab}`).waitFor();
      expect(await overflow(page), `${tab} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
      expect(await accessibilityViolations(page), tab).toEqual([]);
    }
    await page.close();
  });

  it("charts an endpoint's deliveries and latency per hour, with a tooltip", async () => {
    const id = await createEndpoint('/charted');
    for (let n = 0; n < 3; n++) {
      expect(
        (await client.post('/api/v1/app/design/msg', { eventType: 'chart.point', payload: { n } }))
          .status,
      ).toBe(202);
    }
    await eventually(async () => {
      const stats = await client.get(`/api/v1/app/design/endpoint/${id}/stats`);
      expect(stats.body.success).toBe(3);
    });
    const page = await openPortal({ path: `endpoints/${id}` });
    const deliveries = page.getByTestId('chart-deliveries');
    await deliveries.waitFor();
    await page.getByTestId('chart-latency').waitFor();
    await expect(deliveries.getAttribute('aria-label')).resolves.toContain('per hour');

    // The current hour is the chart's last bucket, at its right edge.
    const box = (await deliveries.boundingBox())!;
    await page.mouse.move(box.x + box.width - 8, box.y + box.height / 2);
    const tooltip = page.getByTestId('chart-tooltip');
    await tooltip.waitFor();
    await expect(tooltip.textContent()).resolves.toMatch(/Succeeded: 3.*Failed: 0.*100 %/);
    await page.screenshot({ path: screenshotPath('portal-chart-tooltip') });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it("shows the operator's logo without repeating its name, and its accent where it belongs, readable", async () => {
    expect(
      (
        await client.put('/api/v1/app/design/portal-settings', {
          organizationName: 'Lighthouse',
          logoUrl: `${receiver.url}/logo.svg`,
          // Pale yellow: white text on it, or as link colour on white, would be unreadable.
          accentColor: '#facc15',
        })
      ).status,
    ).toBe(200);
    await createEndpoint('/branded');

    for (const theme of ['light', 'dark'] as const) {
      const page = await openPortal({ path: 'endpoints', query: `theme=${theme}` });
      const logo = page.getByTestId('logo');
      await logo.waitFor();
      await expect(logo.getAttribute('alt')).resolves.toBe('Lighthouse');
      await expect(page.getByTestId('organization-name').count()).resolves.toBe(0);

      // The primary button is the accent, with text a customer can read on it.
      const add = page.getByTestId('add-endpoint');
      const button = await add.evaluate((element) => {
        const style = getComputedStyle(element);
        return { background: style.backgroundColor, color: style.color };
      });
      expect(button.background).toBe('rgb(250, 204, 21)');
      expect(contrast(button.color, button.background)).toBeGreaterThanOrEqual(4.5);

      // Links and focus rings take the accent's hue, in a shade that reads on the page.
      const link = page.getByTestId('endpoint-row').first().locator('a');
      await link.waitFor();
      const colours = await link.evaluate((element) => ({
        link: getComputedStyle(element).color,
        page: getComputedStyle(document.documentElement).backgroundColor,
      }));
      // On the dark page the yellow itself reads; on white, a darker shade of it.
      if (theme === 'dark') expect(colours.link).toBe('rgb(250, 204, 21)');
      else expect(colours.link).not.toMatch(/^rgb\((250, 204, 21|67, 56, 202|0, 0, 0)\)$/);
      expect(contrast(colours.link, colours.page)).toBeGreaterThanOrEqual(4.5);
      await link.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const ring = await link.evaluate((element) => ({
        style: getComputedStyle(element).outlineStyle,
        colour: getComputedStyle(element).outlineColor,
      }));
      expect(ring.style).toBe('solid');
      expect(ring.colour).toBe(colours.link);
      expect(contrast(ring.colour, colours.page)).toBeGreaterThanOrEqual(3);

      await page.screenshot({ path: screenshotPath(`portal-branded-${theme}`) });
      expect(await accessibilityViolations(page), theme).toEqual([]);
      await page.close();
    }
  });
});
