import { join } from 'node:path';
import type { Browser, LaunchOptions } from 'playwright-core';
import { artifactsDir } from './repo-root';

const CHROMIUM_ARGS = [
  // Runs as root in CI containers, where Chromium's sandbox cannot start.
  '--no-sandbox',
  '--disable-gpu',
  // Loopback HTTP/1.1 only: no QUIC probing, no calls home, nothing racing the test.
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Headless Chromium from the Debian package (installed by scripts/infra.sh), not a browser
 * downloaded by Playwright: one binary for developers and CI, managed by apt.
 */
export const launchBrowser = async (options: LaunchOptions = {}): Promise<Browser> => {
  // Loaded on demand so specs that never open a browser do not pay for Playwright.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env['HOOKPORT_CHROMIUM'] ?? '/usr/bin/chromium',
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
};

/** `<repo>/.artifacts/screenshots/<name>.png`, folder created; `name` may be a test title. */
export const screenshotPath = (name: string): string =>
  join(artifactsDir('screenshots'), `${name.replace(/[^\w.-]+/g, '-')}.png`);
