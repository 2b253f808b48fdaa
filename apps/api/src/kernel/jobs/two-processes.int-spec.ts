import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate } from 'otplib';
import { apiProcessEnv, sleep, freePort, untilReady } from '../../testing/api-process.js';
import { createOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../testing/fixtures.js';
import { createScratchDatabase, type ScratchDatabase } from '../../testing/scratch-database.js';
import { createTestApp, testDatabase, type TestApp } from '../../testing/test-app.js';

/**
 * Issue 14, "Several API processes": two real API processes (the built apps/api/dist/main.js) on one
 * server database, as behind a load balancer. Scheduled jobs run once per tick across both; a session,
 * a throttle, an idempotency key and a notification behave the same whichever process answers; SIGTERM
 * stops each one's jobs within the drain. Server database only: the embedded one is a single session
 * inside one process, so a second process cannot share it.
 *
 * The scheduled job is the test-only `jobs.probe` (LANTERN_JOBS_PROBE_CRON, every minute, pg-boss's finest
 * tick): LANTERN_TWO_PROCESS_TICKS ticks are awaited (default 2, about a minute).
 */
const ROOT = resolve(__dirname, '../../../../..');
const TICKS = Number(process.env.LANTERN_TWO_PROCESS_TICKS ?? 2);
const server = testDatabase().kind === 'server';
if (!server) process.stdout.write('two API processes: skipped on the embedded database (one PGlite session lives inside one process); it runs on the PostgreSQL server (DATABASE_URL)\n');

interface Api {
  name: string;
  base: string;
  process: ChildProcess;
  out: string[];
  exited: Promise<number | null>;
}

/** Every process this file started, killed in afterAll whatever happened. */
const started: ChildProcess[] = [];

async function startApi(name: string, url: string): Promise<Api> {
  const port = await freePort();
  const env = apiProcessEnv(port, url, {
    LOG_LEVEL: 'info',
    // NODE_ENV=test turns the workers off by default: these processes run them, as production does.
    LANTERN_JOBS_WORKERS: 'on',
    LANTERN_JOBS_POLL_SECONDS: '1',
    LANTERN_JOBS_PROBE_CRON: '* * * * *',
  });
  const child = spawn(process.execPath, ['apps/api/dist/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  const out: string[] = [];
  const collect = (chunk: Buffer) => out.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const base = `http://127.0.0.1:${port}/api`;
  await untilReady(`${base}/ready`, child, () => `API ${name} did not start: ${out.slice(-40).join('\n').slice(-4000)}`);
  return { name, base, process: child, out, exited };
}

/** A request as the web app sends it, from one client address. */
function call(api: Api, path: string, init: { method?: string; cookie?: string; body?: unknown; ip?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${api.base}/v1${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      'x-lantern-client': 'web',
      'x-forwarded-for': init.ip ?? '10.77.0.1',
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

async function signInOn(api: Api, email: string, ip: string): Promise<string> {
  const res = await call(api, '/auth/login', { method: 'POST', body: { email, password: FIXTURE_PASSWORD }, ip });
  if (res.status !== 200) throw new Error(`sign-in on ${api.name} failed: ${res.status}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

/**
 * The admin's session: outside demo mode an admin must enrol a second factor before anything else
 * (docs/security-model.md), so it is enrolled through A, in real time as both processes see it.
 */
async function adminSession(api: Api, email: string, ip: string): Promise<string> {
  const cookie = await signInOn(api, email, ip);
  const setup = await call(api, '/auth/mfa/setup', { method: 'POST', cookie, ip });
  const { secret } = (await setup.json()) as { secret: string };
  const enabled = await call(api, '/auth/mfa/enable', { method: 'POST', cookie, ip, body: { code: await generate({ secret }) } });
  if (enabled.status !== 200) throw new Error(`MFA enrolment on ${api.name} failed: ${enabled.status}`);
  return cookie;
}

(server ? describe : describe.skip)('two API processes on one database (PostgreSQL server only; skipped on the embedded database)', () => {
  let scratch: ScratchDatabase;
  let t: TestApp;
  let org: OrgFixture;
  let a: Api;
  let b: Api;
  let admin: string | undefined;

  beforeAll(async () => {
    if (!existsSync(resolve(ROOT, 'apps/api/dist/main.js'))) throw new Error('This test runs the built API: build it first (npx tsc -b apps/api/tsconfig.app.json)');
    scratch = await createScratchDatabase();
    // The test app holds the fixtures and reads the database; its own workers are off (NODE_ENV=test).
    t = await createTestApp({ target: scratch.target });
    org = await createOrgFixture(t.dataSource);
    const url = (scratch.target as { url: string }).url;
    [a, b] = await Promise.all([startApi('A', url), startApi('B', url)]);
  }, 60_000);

  afterAll(async () => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    await t?.close();
    await scratch?.drop();
  });

  it('a session made on A works on B', async () => {
    const cookie = await signInOn(a, org.coordinator.email, '10.77.1.1');
    const me = await call(b, '/auth/me', { cookie, ip: '10.77.1.1' });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(org.coordinator.email);
    // Signed out on B: refused on A.
    expect((await call(b, '/auth/logout', { method: 'POST', cookie, ip: '10.77.1.1' })).status).toBeLessThan(300);
    expect((await call(a, '/auth/me', { cookie, ip: '10.77.1.1' })).status).toBe(401);
  });

  it('a throttle counted on A applies on B', async () => {
    const ip = '10.77.2.1';
    const wrong = (api: Api) => call(api, '/auth/login', { method: 'POST', body: { email: org.analyst.email, password: 'not the password at all' }, ip });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await wrong(a)).status);
    expect(statuses).toEqual(Array(5).fill(401));
    const sixth = await wrong(b);
    expect(sixth.status).toBe(429);
    // Even the right password, on B, from that address.
    expect((await call(b, '/auth/login', { method: 'POST', body: { email: org.analyst.email, password: FIXTURE_PASSWORD }, ip })).status).toBe(429);
  });

  it('an idempotency key used on A replays on B', async () => {
    const ip = '10.77.3.1';
    admin ??= await adminSession(a, org.admin.email, ip);
    const cookie = admin;
    const body = { name: 'Two Process Shelter', serviceTypes: ['shelter'] };
    const headers = { 'idempotency-key': 'two-process-key-0001' };
    const first = await call(a, '/partner-orgs', { method: 'POST', cookie, body, ip, headers });
    expect(first.status).toBe(201);
    const again = await call(b, '/partner-orgs', { method: 'POST', cookie, body, ip, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const [{ count }] = (await t.dataSource.query(`SELECT count(*)::int AS count FROM partner_org WHERE organization_id = $1 AND name = $2`, [org.organizationId, body.name])) as { count: number }[];
    expect(count).toBe(1);
  });

  it('a notification made through A is read through B', async () => {
    const cw = await signInOn(a, org.caseworker.email, '10.77.4.1');
    // One name tried with many birth years: the admins are told (features/survivors, search sweep).
    for (let year = 1990; year < 1998; year++) {
      expect((await call(a, '/survivors/search', { method: 'POST', cookie: cw, body: { lastName: 'Twoprocess', birthYear: year }, ip: '10.77.4.1' })).status).toBe(200);
    }
    admin ??= await adminSession(a, org.admin.email, '10.77.3.1');
    const listed = await call(b, '/notifications', { cookie: admin, ip: '10.77.3.1' });
    expect(listed.status).toBe(200);
    const notes = (await listed.json()) as { id: string; kind: string }[];
    const sweep = notes.find((n) => n.kind === 'search_sweep');
    expect(sweep).toBeDefined();
    // Read through B: marked read for A too.
    expect((await call(b, `/notifications/${sweep!.id}/read`, { method: 'POST', cookie: admin, ip: '10.77.3.1' })).status).toBeLessThan(300);
    const again = (await (await call(a, '/notifications', { cookie: admin, ip: '10.77.3.1' })).json()) as { id: string; readAt: string | null }[];
    expect(again.find((n) => n.id === sweep!.id)!.readAt).not.toBeNull();
  });

  it(`a scheduled job runs exactly once per tick across both processes (${TICKS} ticks)`, async () => {
    const completed = async () =>
      (await t.dataSource.query(
        `SELECT id, date_trunc('minute', created_on) AS tick, state::text AS state FROM pgboss.job WHERE name = 'jobs.probe'
         UNION ALL SELECT id, date_trunc('minute', created_on), state::text FROM pgboss.archive WHERE name = 'jobs.probe'`,
      )) as { id: string; tick: Date; state: string }[];
    const deadline = Date.now() + (TICKS + 1) * 60_000;
    while ((await completed()).filter((r) => r.state === 'completed').length < TICKS && Date.now() < deadline) await sleep(1_000);
    // A little longer: a second run of a tick, if there were one, would show now.
    await sleep(3_000);
    const runs = await completed();
    const ticks = new Map<number, number>();
    for (const r of runs) ticks.set(new Date(r.tick).getTime(), (ticks.get(new Date(r.tick).getTime()) ?? 0) + 1);
    const ranOn = (api: Api) => api.out.filter((l) => l.includes('jobs.probe ran')).map((l) => /jobs\.probe ran ([0-9a-f-]{36})/.exec(l)?.[1]);
    const onA = ranOn(a);
    const onB = ranOn(b);
    process.stdout.write(`two API processes: ${ticks.size} ticks, ${runs.length} probe jobs (${runs.filter((r) => r.state === 'completed').length} completed); process A ran ${onA.length}, process B ran ${onB.length}\n`);
    expect(runs.filter((r) => r.state === 'completed').length).toBeGreaterThanOrEqual(TICKS);
    // One job per tick, each run by one process only, once.
    expect([...ticks.values()].every((n) => n === 1)).toBe(true);
    expect([...onA, ...onB].sort()).toEqual(runs.filter((r) => r.state === 'completed').map((r) => r.id).sort());
    expect(new Set([...onA, ...onB]).size).toBe(onA.length + onB.length);
  }, (TICKS + 2) * 60_000);

  it('SIGTERM stops each process, and its jobs, within the drain: exit 0', async () => {
    const started = Date.now();
    a.process.kill('SIGTERM');
    b.process.kill('SIGTERM');
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
    expect(Date.now() - started).toBeLessThan(30_000);
    for (const api of [a, b]) expect(api.out.some((l) => l.includes('jobs: stopped'))).toBe(true);
  }, 40_000);
});
