import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser';
import { startReceiver } from './http-receiver';

describe('launchBrowser', () => {
  it('opens a page from a loopback server in headless Chromium and saves a screenshot', async () => {
    const receiver = await startReceiver({
      respondWith: () => ({
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: '<title>Hookport test page</title><h1>hello</h1>',
      }),
    });
    const browser = await launchBrowser();
    const path = screenshotPath('testing browser: smoke test');
    try {
      const page = await browser.newPage();
      await page.goto(`${receiver.url}/portal`);

      expect(await page.title()).toBe('Hookport test page');
      expect(receiver.requestsTo('/portal')).toHaveLength(1);
      expect(path).toMatch(/\.artifacts\/screenshots\/testing-browser-smoke-test\.png$/);
      await page.screenshot({ path });
      expect(existsSync(path)).toBe(true);
    } finally {
      await browser.close();
      await receiver.close();
      rmSync(path, { force: true });
    }
  });
});
