#!/usr/bin/env node
// `npm run bench`: measures what the issues ask for, on a fresh embedded database (or DATABASE_URL with
// LANTERN_DEMO=1): cold start to ready, sign-in latency and list latency (p50/p95), web bundle size.
// Speed targets are checked here, not in timed tests.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const built = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,web', '--output-style=static'], { env, stdio: 'ignore' });
if (built.status !== 0) throw new Error('build failed');

const port = 3400 + Math.floor(Math.random() * 500);
const dataDir = mkdtempSync(join(tmpdir(), 'lantern-bench-'));
const base = `http://127.0.0.1:${port}`;
const started = performance.now();
const server = spawn(process.execPath, ['apps/api/dist/main.js'], {
  env: { ...env, PORT: String(port), LANTERN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(process.env.DATABASE_URL ? { LANTERN_DEMO: '1' } : {}) },
  stdio: 'ignore',
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitReady() {
  for (;;) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(50);
  }
}
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const summary = (values) => ({ n: values.length, p50: +quantile(values, 0.5).toFixed(1), p95: +quantile(values, 0.95).toFixed(1) });

try {
  await waitReady();
  const coldStartMs = performance.now() - started;

  const logins = [];
  let cookie = '';
  const accounts = ['caseworker@harbor.demo', 'coordinator@harbor.demo', 'admin@harbor.demo', 'caseworker2@harbor.demo'];
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.0.${i}` },
      body: JSON.stringify({ email: accounts[i % accounts.length], password: 'lantern-demo-password' }),
    });
    logins.push(performance.now() - t0);
    if (!res.ok) throw new Error(`login failed: ${res.status}`);
    cookie = res.headers.get('set-cookie').split(';')[0];
  }
  const lists = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/partner-orgs?range=[0,24]&sort=["name","ASC"]`, { headers: { cookie } });
    await res.arrayBuffer();
    lists.push(performance.now() - t0);
    if (!res.ok) throw new Error(`list failed: ${res.status}`);
  }

  const assets = join('apps/web/dist/assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const gzip = (f) => gzipSync(readFileSync(join(assets, f))).length;
  const entry = readFileSync('apps/web/dist/index.html', 'utf8').match(/assets\/([\w.-]+\.js)/)?.[1];
  const result = {
    database: process.env.DATABASE_URL ? 'server' : 'embedded',
    coldStartToReadyMs: Math.round(coldStartMs),
    loginMs: summary(logins),
    partnerOrgListMs: summary(lists),
    webBundle: {
      files: files.length,
      totalKb: Math.round(files.reduce((s, f) => s + statSync(join(assets, f)).size, 0) / 1024),
      totalGzipKb: Math.round(files.reduce((s, f) => s + gzip(f), 0) / 1024),
      entryGzipKb: entry ? Math.round(gzip(entry) / 1024) : null,
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  server.kill('SIGTERM');
  await sleep(500);
  rmSync(dataDir, { recursive: true, force: true });
}
