// Shared pieces of the benchmark scripts (scripts/bench*.mjs): which checkout to run, servers started and
// stopped by pid, a throwaway database on the server, sign-in, an autocannon phase, a bare-node floor.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout whose built API (apps/api/dist) is measured: BENCH_ROOT, else the current directory. */
export const ROOT = resolve(process.env.BENCH_ROOT ?? '.');
export const MAIN_JS = resolve(ROOT, 'apps/api/dist/main.js');
export const CLI_JS = resolve(ROOT, 'apps/api/dist/cli.js');
export const PASSWORD = 'lantern-demo-password';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const log = (line) => process.stderr.write(`${line}\n`);
/**
 * The environment of the servers and the loader. The read budget (LANTERN_READ_BUDGET, distinct survivor
 * records one person may read in 10 minutes, where the API has one) is raised: one synthetic user opening
 * thousands of cases in seconds is the bulk reading it exists to refuse, and a line of 429s measures
 * nothing. Its bookkeeping still runs on every read.
 */
export const baseEnv = () => ({
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  LOG_LEVEL: 'warn',
  LANTERN_READ_BUDGET: process.env.LANTERN_READ_BUDGET ?? '1000000',
});

/**
 * Keys of a bench database, derived from its name: invented data only, and a kept database
 * (BENCH_KEEP) can be measured again later with the same keys and no key file.
 */
export function benchKeys(databaseName) {
  const key = (purpose) => createHash('sha256').update(`lantern-bench/${databaseName}/${purpose}`).digest('base64');
  return { LANTERN_AUDIT_KEY: key('audit'), LANTERN_ENCRYPTION_KEYS: `k1:${key('encryption')}`, LANTERN_BLIND_INDEX_KEY: key('blind-index') };
}

export const databaseNameOf = (url) => decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
export const withDatabase = (url, name) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Runs SQL on the server of `url` (pg, one short connection). */
export async function sql(url, text, params = []) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Starts the API of ROOT (or the build `main` names) on BENCH_PORT (else a random port) and waits for
 * /api/ready; `stop()` ends it (SIGTERM, by pid) and waits.
 */
export async function startApi(env, { port = Number(process.env.BENCH_PORT) || 4100 + Math.floor(Math.random() * 800), cwd = ROOT, main = MAIN_JS } = {}) {
  // BENCH_API_NODE_ARGS: flags for the API's node, space-separated (a CPU profile: docs/benchmarks.md).
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, main], { cwd, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  child.once('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    const gone = new Promise((r) => child.once('exit', r));
    process.kill(child.pid, 'SIGTERM');
    await Promise.race([gone, sleep(60_000)]);
    if (!exited) process.kill(child.pid, 'SIGKILL');
  };
  const started = performance.now();
  for (;;) {
    if (exited) throw new Error('the API server exited before it was ready');
    try {
      if ((await fetch(`${base}/api/ready`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (performance.now() - started > 180_000) {
      await stop();
      throw new Error('the API server was not ready within 3 minutes');
    }
    await sleep(100);
  }
  return { base, pid: child.pid, stop };
}

/**
 * A bare Node http server (scripts/bench-bare.mjs) answering `body` as JSON on every request, in a process
 * of its own like the API: the floor under any framework. `stop()` ends it by its pid.
 */
export const startBare = (body) => startServerScript('./bench-bare.mjs', { BENCH_BARE_BODY: body });

/**
 * The hand-written list server (scripts/bench-bare-list.mjs) on the database of `url`: the caseworker's list
 * with its session, count and audit row and nothing else, the floor under any list. Needs
 * scripts/bench/setup.sql in place (its audit table). `stop()` ends it by its pid.
 */
export const startBareList = (url) => startServerScript('./bench-bare-list.mjs', { DATABASE_URL: url });

/** A server script of this directory that prints its port on stdout; `stop()` ends it by its pid. */
async function startServerScript(file, env) {
  const child = spawn(process.execPath, [fileURLToPath(new URL(file, import.meta.url))], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolvePort, reject) => {
    child.stdout.once('data', (d) => resolvePort(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`${file} exited (${code})`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    process.kill(child.pid, 'SIGTERM');
    await Promise.race([gone, sleep(5_000)]);
  };
  return { base: `http://127.0.0.1:${port}`, pid: child.pid, stop };
}

/** Signs in; returns the session cookie (`name=value`). */
export async function login(base, email, password = PASSWORD) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lantern-client': 'web' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res.headers.get('set-cookie').split(';')[0];
}

/** GET with a cookie (and other headers); throws on an error status. */
export async function get(base, path, cookie, headers = {}) {
  const res = await fetch(`${base}${path}`, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 200)}`);
  return { status: res.status, headers: res.headers, text, bytes: Buffer.byteLength(text) };
}

/** react-admin list parameters, JSON-encoded. */
export const listQuery = (params) =>
  new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)]))).toString();

/**
 * One load phase: `connections` keep-alive connections for `seconds`, cycling through `requests`
 * (autocannon's request objects: path, headers, setupRequest). Returns requests/s, p50/p99 (ms),
 * and every non-2xx or error, which make the phase suspect.
 */
export async function load({ url, connections, seconds, requests, headers }) {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({ url, connections, duration: seconds, requests, headers, pipelining: 1 });
  return {
    rps: +result.requests.average.toFixed(1),
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    // Status codes other than 2xx and how often (what a line of errors was refused with).
    refusedWith: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2')).map(([code, v]) => [code, v.count])),
  };
}

/** Spawns a process and collects its output; rejects on a non-zero exit. */
export function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (options.echo) process.stderr.write(d);
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolvePromise({ stdout, stderr }) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stdout}\n${stderr}`))));
  });
}

/** The whole machine's CPU use (0–1) over `ms`, from /proc/stat (null where there is none). */
export async function cpuBusy(ms = 1000) {
  const { readFileSync } = await import('node:fs');
  const sample = () => {
    try {
      const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
      const idle = v[3] + (v[4] ?? 0);
      return { idle, total: v.reduce((a, b) => a + b, 0) };
    } catch {
      return null;
    }
  };
  const a = sample();
  await sleep(ms);
  const b = sample();
  if (!a || !b || b.total === a.total) return null;
  return 1 - (b.idle - a.idle) / (b.total - a.total);
}

/**
 * Waits (at most BENCH_QUIET_WAIT seconds, default 60) until the machine is quiet, since other work on
 * a small machine moves every figure; returns the CPU use seen last, recorded with each line.
 */
export async function waitQuiet(limit = Number(process.env.BENCH_QUIET_WAIT ?? 60)) {
  const until = performance.now() + limit * 1000;
  let busy = await cpuBusy();
  while (busy !== null && busy > 0.2 && performance.now() < until) busy = await cpuBusy();
  return busy === null ? null : +busy.toFixed(2);
}

/** The machine the figures come from. */
export async function machine() {
  const os = await import('node:os');
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    loadAverage: os.loadavg().map((v) => +v.toFixed(2)),
    node: process.version,
  };
}

/** The commit of ROOT and whether its work tree has changes: which code the figures belong to. */
export function revision(root = ROOT) {
  // Set by scripts/bench.mjs when it built ROOT: the commit the build is of, even if HEAD moved since.
  const built = process.env.BENCH_BUILT_REVISION;
  if (built) return { commit: built.replace(/\+dirty$/, ''), dirty: built.endsWith('+dirty') };
  const git = (...args) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return null;
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout.trim() !== '';
  return { commit: head.stdout.trim(), dirty };
}
export const describeRoot = (root, rev) => `${root}${rev ? ` (${rev.commit}${rev.dirty ? ', with uncommitted changes' : ''})` : ''}`;
