#!/usr/bin/env node
// Latency of the busiest working views on a large program (issue 5): bulk-loads BENCH_CASES synthetic
// cases (default 100,000, about 300,000 referrals, with plans, tasks and assessments) into a fresh
// embedded database (or a fresh database on the server of DATABASE_URL), starts the API on it, and
// measures p50/p95 of the coordinator's referral board, the caseworker's caseload and the coordinator's
// overview. Called by `npm run bench` (which builds first); alone: `node scripts/bench-caseload.mjs`
// after a build. Prints one JSON object on stdout; progress goes to stderr. BENCH_KEEP=1 keeps the data
// (embedded directory or server database) and says where; measure it again without loading with
// BENCH_DATA_DIR=<dir> (embedded) or BENCH_REUSE=1 and DATABASE_URL naming the kept database (server).

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cases = Number(process.env.BENCH_CASES ?? 100_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 40);
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', LOG_LEVEL: 'warn' };
const reuse = process.env.BENCH_DATA_DIR ?? (process.env.BENCH_REUSE === '1' ? 'server' : null);
const dataDir = process.env.BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'lantern-bench-caseload-'));
if (reuse === 'server') env.LANTERN_DEMO = '1';
env.LANTERN_DATA_DIR = dataDir;

// On a server: a database of its own, dropped afterwards.
let dropDatabase = async () => undefined;
if (process.env.DATABASE_URL && !reuse) {
  const { default: pg } = await import('pg');
  const name = `lantern_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  env.LANTERN_DEMO = '1';
  dropDatabase = async () => {
    if (process.env.BENCH_KEEP) return void process.stderr.write(`Database kept: ${env.DATABASE_URL}\n`);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const summary = (values) => ({ n: values.length, p50: +quantile(values, 0.5).toFixed(1), p95: +quantile(values, 0.95).toFixed(1), max: +Math.max(...values).toFixed(1) });

let server = null;
try {
  let loadSeconds = null;
  let loadedLine = `reused ${reuse === 'server' ? env.DATABASE_URL : dataDir}`;
  if (!reuse) {
    process.stderr.write(`Loading ${cases.toLocaleString('en-US')} synthetic cases...\n`);
    const loadStarted = performance.now();
    const seeded = spawnSync(process.execPath, ['apps/api/dist/cli.js', 'seed', '--cases', String(cases)], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (seeded.status !== 0) throw new Error(`seed failed:\n${seeded.stdout}`);
    loadSeconds = Math.round((performance.now() - loadStarted) / 1000);
    loadedLine = seeded.stdout.split('\n').find((l) => l.startsWith('Loaded ')) ?? '';
    process.stderr.write(`${seeded.stdout}`);
  }

  const port = 3900 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['apps/api/dist/main.js'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  server.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error('the API server exited before it was ready');
    try {
      if ((await fetch(`${base}/api/ready`)).ok) break;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }

  const login = async (email, i) => {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lantern-client': 'web', 'x-forwarded-for': `10.9.2.${i}` },
      body: JSON.stringify({ email, password: 'lantern-demo-password' }),
    });
    if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
    return res.headers.get('set-cookie').split(';')[0];
  };
  const coordinator = await login('coordinator@harbor.demo', 1);
  const caseworker = await login('caseworker@harbor.demo', 2);

  /** Warms up, then times `samples` sequential requests; returns the timings and the last body. */
  const measure = async (path, cookie) => {
    let body = null;
    const times = [];
    for (let i = 0; i < samples + 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1${path}`, { headers: { cookie } });
      const text = await res.text();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
      if (i >= 3) times.push(performance.now() - t0);
      body = { json: JSON.parse(text), range: res.headers.get('content-range') };
    }
    return { times, body };
  };

  const q = (params) => new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)]))).toString();
  // The board as the web app asks for it: open referrals, oldest first, first page of 25.
  const board = await measure(`/referrals?${q({ filter: { open: true }, sort: ['createdAt', 'ASC'], range: [0, 24] })}`, coordinator);
  const caseload = await measure('/cases/caseload', caseworker);
  const attention = await measure('/cases/attention', coordinator);

  // An anonymized metrics release of the last frozen year over the whole load: the background job's wall time.
  const analyst = await login('analyst@harbor.demo', 3);
  const catalogue = await (await fetch(`${base}/api/v1/metrics/tables`, { headers: { cookie: analyst } })).json();
  const year = catalogue.periods.find((p) => p.kind === 'year');
  const releaseStarted = performance.now();
  const started = await fetch(`${base}/api/v1/metrics/releases`, {
    method: 'POST',
    headers: { cookie: analyst, 'content-type': 'application/json', 'x-lantern-client': 'web' },
    body: JSON.stringify({ period: year.id, mode: 'k' }),
  });
  if (!started.ok) throw new Error(`metrics release: ${started.status} ${await started.text()}`);
  let release = await started.json();
  while (release.status === 'queued' || release.status === 'running') {
    await sleep(250);
    release = await (await fetch(`${base}/api/v1/metrics/releases/${release.id}`, { headers: { cookie: analyst } })).json();
  }
  const metricsRelease = {
    period: year.id,
    status: release.status,
    failure: release.failure,
    seconds: +((performance.now() - releaseStarted) / 1000).toFixed(1),
    coverage: release.coverage,
    bytes: release.byteSize,
  };

  const entries = caseload.body.json;
  const result = {
    database: process.env.DATABASE_URL ? 'server' : 'embedded',
    cases,
    loadSeconds,
    loaded: loadedLine,
    referralBoardMs: { ...summary(board.times), contentRange: board.body.range },
    caseloadMs: {
      ...summary(caseload.times),
      entries: entries.length,
      reviewOverdue: entries.filter((e) => e.reviewOverdue).length,
      withOverdueTasks: entries.filter((e) => e.overdueTasks > 0).length,
      withAssessmentsDue: entries.filter((e) => e.assessmentsDue.length > 0).length,
    },
    metricsRelease,
    attentionMs: {
      ...summary(attention.times),
      reviewsOverdue: attention.body.json.reviewsOverdue,
      tasksOverdue: attention.body.json.tasksOverdue,
      assessmentsOverdue: attention.body.json.assessmentsOverdue,
      referralsOverdue: attention.body.json.referralsOverdue,
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  if (server && server.exitCode === null) {
    // Wait for it to close the embedded database (a large one takes a while): the next run needs the data directory.
    const gone = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([gone, sleep(60_000)]);
  }
  await dropDatabase();
  if (process.env.BENCH_DATA_DIR || (process.env.BENCH_KEEP && !process.env.DATABASE_URL)) process.stderr.write(`Data kept in ${dataDir}\n`);
  else rmSync(dataDir, { recursive: true, force: true });
}
