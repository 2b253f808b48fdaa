#!/usr/bin/env node
// `npm run bench`: measures what the issues ask for, on a fresh embedded database (or DATABASE_URL with
// LANTERN_DEMO=1): cold start to ready, sign-in latency, list latency, intake create and case read latency
// with encryption and audit on (p50/p95), web bundle size; then, on a fresh database bulk-loaded with
// BENCH_CASES synthetic cases (default 100,000; 0 skips it), the referral board, caseload and program
// overview (scripts/bench-caseload.mjs). Speed targets are checked here, not in timed tests.
//
// BENCH_SCENARIO picks other benchmarks instead (comma-separated, run one after the other; docs/benchmarks.md):
//   caseload  the API against its own SQL at 100,000 cases on the server of DATABASE_URL (scripts/bench-vs-sql.mjs)
//   office    a 10-person office at 10,000 cases on the embedded database, and during a metrics release (scripts/bench-office.mjs)
//   documents the upload and download of a 20 MB case document, with the API's memory (scripts/bench-documents.mjs)
//   imports   a 10,000-row spreadsheet import through the API: upload, dry run, import (scripts/bench-imports.mjs)
// BENCH_ROOT=<checkout> measures the build of another checkout (a git worktree of an older commit, say);
// it is built first unless BENCH_BUILD=0.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const scenarios = (process.env.BENCH_SCENARIO ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const SCENARIOS = { caseload: 'bench-vs-sql.mjs', office: 'bench-office.mjs', documents: 'bench-documents.mjs', imports: 'bench-imports.mjs' };
if (scenarios.length > 0) {
  const unknown = scenarios.filter((s) => !SCENARIOS[s]);
  if (unknown.length) throw new Error(`BENCH_SCENARIO: unknown ${unknown.join(', ')} (known: ${Object.keys(SCENARIOS).join(', ')})`);
  const root = resolve(process.env.BENCH_ROOT ?? '.');
  // The commit being built, read before the build: others may commit while the benchmark runs.
  const git = (...args) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD').stdout?.trim();
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout?.trim() !== '';
  const built = head && process.env.BENCH_BUILD !== '0' ? { BENCH_BUILT_REVISION: `${head}${dirty ? '+dirty' : ''}` } : {};
  if (process.env.BENCH_BUILD !== '0') {
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,web', '--output-style=static'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error(`build failed in ${root}`);
  }
  let status = 0;
  for (const scenario of scenarios) {
    const script = join(dirname(fileURLToPath(import.meta.url)), SCENARIOS[scenario]);
    // BENCH_JSON names one file: with several scenarios each gets its own (bench.json → bench.caseload.json).
    const json = process.env.BENCH_JSON && scenarios.length > 1 ? { BENCH_JSON: process.env.BENCH_JSON.replace(/(\.json)?$/, `.${scenario}.json`) } : {};
    const ran = spawnSync(process.execPath, [script], { env: { ...env, BENCH_ROOT: root, ...built, ...json }, stdio: 'inherit' });
    status ||= ran.status ?? 1;
  }
  process.exit(status);
}

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

let result = null;
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
      headers: { 'content-type': 'application/json', 'x-lantern-client': 'web', 'x-forwarded-for': `10.9.0.${i}` },
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

  // Survivor records with encryption and audit on: intake create, case read (caseworker).
  const cwRes = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lantern-client': 'web', 'x-forwarded-for': '10.9.1.1' },
    body: JSON.stringify({ email: 'caseworker@harbor.demo', password: 'lantern-demo-password' }),
  });
  const cw = cwRes.headers.get('set-cookie').split(';')[0];
  const post = async (path, body) => {
    const res = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers: { cookie: cw, 'content-type': 'application/json', 'x-lantern-client': 'web' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const intakeCreates = [];
  const caseReads = [];
  for (let i = 0; i < 50; i++) {
    const survivor = await post('/survivors', { alias: `Bench ${i}`, legalName: `Bench Person ${i}`, dateOfBirth: '1990-01-01', phone: '+1 555 0100' });
    const kase = await post('/cases', { survivorId: survivor.id });
    const t0 = performance.now();
    await post('/intakes', {
      caseId: kase.id,
      intakeDate: '2026-11-01',
      identifiedBy: 'Hotline',
      exploitationTypes: ['SexualExploitation'],
      immediateNeeds: ['shelter'],
      narrative: 'A fictional account used for benchmarking. '.repeat(20),
    });
    intakeCreates.push(performance.now() - t0);
    const t1 = performance.now();
    const read = await fetch(`${base}/api/v1/cases/${kase.id}`, { headers: { cookie: cw } });
    await read.arrayBuffer();
    caseReads.push(performance.now() - t1);
  }

  const assets = join('apps/web/dist/assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const gzip = (f) => gzipSync(readFileSync(join(assets, f))).length;
  const entry = readFileSync('apps/web/dist/index.html', 'utf8').match(/assets\/([\w.-]+\.js)/)?.[1];
  result = {
    database: process.env.DATABASE_URL ? 'server' : 'embedded',
    coldStartToReadyMs: Math.round(coldStartMs),
    loginMs: summary(logins),
    partnerOrgListMs: summary(lists),
    intakeCreateMs: summary(intakeCreates),
    caseReadMs: summary(caseReads),
    webBundle: {
      files: files.length,
      totalKb: Math.round(files.reduce((s, f) => s + statSync(join(assets, f)).size, 0) / 1024),
      totalGzipKb: Math.round(files.reduce((s, f) => s + gzip(f), 0) / 1024),
      entryGzipKb: entry ? Math.round(gzip(entry) / 1024) : null,
    },
  };
} finally {
  server.kill('SIGTERM');
  await sleep(500);
  rmSync(dataDir, { recursive: true, force: true });
}

// The large program: its own database and server, after this one has stopped (the machine has few cores).
if (Number(process.env.BENCH_CASES ?? 100_000) > 0) {
  const large = spawnSync(process.execPath, ['scripts/bench-caseload.mjs'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (large.status !== 0) throw new Error(`bench-caseload failed:\n${large.stdout}`);
  result.largeProgram = JSON.parse(large.stdout);
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
