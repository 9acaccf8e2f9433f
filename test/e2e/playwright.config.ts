/**
 * Playwright, driving Debian's Chromium (never a downloaded browser) against the server that
 * test/e2e/run.ts starts (E2E_BASE_URL). Run through `npm run test:e2e`.
 */
import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: join(tmpdir(), 'classif-e2e-results'),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    // axe-core is injected as an inline script, which the server's Content-Security-Policy forbids.
    bypassCSP: true,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium', viewport: { width: 1280, height: 900 } } },
    // The flows of a lay user (issue 12) again on a phone.
    { name: 'phone', testMatch: 'lay-user.spec.ts', use: { browserName: 'chromium', viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true } },
  ],
});
