import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

/**
 * Browser journeys of the web app against the real API. Nothing is built here: CI builds
 * apps/api/dist and apps/web/dist first; this starts the API (which serves the web app) on a fresh
 * embedded database in a temporary folder, or on DATABASE_URL with the demo data seeded.
 */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.LANTERN_E2E_PORT ?? 3310);
const baseURL = `http://127.0.0.1:${port}`;

// A fresh embedded database for every run, in the git-ignored tmp/ (kept after the run for a look at
// what a failed journey left behind). The runner loads this file and each worker loads it again: only
// the runner, which has not yet set the variable the workers inherit, wipes the folder.
// LANTERN_E2E_DB_DIR: a folder of one's own, for two runs side by side.
const dataDir = process.env.LANTERN_E2E_DB_DIR ?? join(repoRoot, 'tmp/e2e-db');
if (!process.env.LANTERN_E2E_DATA_DIR) {
  process.env.LANTERN_E2E_DATA_DIR = dataDir;
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
}

const serverEnv: Record<string, string> = {
  LANTERN_DATA_DIR: dataDir,
  PORT: String(port),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
// Mail goes to an SMTP server the journey itself starts on this port (e2e/web/invitation-and-reset.spec.ts);
// demo mode accepts only such a catcher on this machine. Until it listens, mails wait and are retried.
const smtpPort = Number(process.env.LANTERN_E2E_SMTP_PORT ?? port + 2000);
process.env.LANTERN_E2E_SMTP_PORT = String(smtpPort);
serverEnv.LANTERN_SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
serverEnv.LANTERN_MAIL_FROM = 'Lantern <lantern@e2e.test>';
serverEnv.LANTERN_PUBLIC_URL = baseURL;
if (process.env.DATABASE_URL) {
  serverEnv.DATABASE_URL = process.env.DATABASE_URL;
  serverEnv.LANTERN_DEMO = '1';
}
// The embedded database on a known loopback port, so a journey can read a raw column (rawQuery in
// e2e/web/support.ts: that an encrypted value is stored as ciphertext).
const embeddedDbPort = Number(process.env.LANTERN_E2E_DB_PORT ?? port + 3000);
process.env.LANTERN_E2E_DB_PORT = String(embeddedDbPort);
if (!process.env.DATABASE_URL) serverEnv.LANTERN_EMBEDDED_DB_PORT = String(embeddedDbPort);

export default defineConfig({
  testDir: './web',
  outputDir: join(repoRoot, 'tmp/playwright'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: join(repoRoot, 'test-results/e2e.json') }]],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1366, height: 860 },
    screenshot: 'only-on-failure',
    // A failed journey keeps its trace: actions, DOM snapshots, network, and its screenshot above. Not
    // the trace's screencast, which had the browser render and encode frames all along: on six journeys,
    // 3.4 → 2.6 min and a third less CPU (docs/architecture.md, "Browser journeys and their time").
    trace: { mode: 'retain-on-failure', screenshots: false },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // A closed network: no background calls home, no QUIC, no component updates.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // LANTERN_E2E_API: another build of the API to serve the journeys (the web app still comes from here).
    command: `node ${process.env.LANTERN_E2E_API ?? 'apps/api/dist/main.js'}`,
    cwd: repoRoot,
    url: `${baseURL}/api/ready`,
    env: serverEnv,
    timeout: 120_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
