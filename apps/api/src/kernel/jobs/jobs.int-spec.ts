import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { MetricRelease } from '../../features/metrics/metric-release.entity.js';
import { Notification } from '../../features/notifications/notification.entity.js';
import { withOrgWorld } from '../../testing/builders.js';
import { api, FIXTURE_PASSWORD, signIn } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { JobError, Jobs } from './jobs.js';

/**
 * Durable jobs on the test database (embedded PGlite, or the PostgreSQL server with DATABASE_URL):
 * pg-boss runs through TypeORM's pool, its schema is the migration's. Workers are off in tests; `drain()`
 * runs queued work in this process, through pg-boss's own fetch/complete/fail.
 */
describe('durable jobs (pg-boss)', () => {
  let jobs: Jobs;
  const suffix = randomUUID().slice(0, 8);
  const name = (base: string) => `test.${base}-${suffix}`;

  const { t, org } = withOrgWorld([]);
  beforeAll(async () => {
    jobs = t.app.get(Jobs);
  });

  const jobRows = (jobName: string) =>
    t.dataSource.query<{ state: string; retry_count: number; output: { message?: string } | null }[]>(
      `SELECT state::text AS state, retry_count, output FROM pgboss.job WHERE name = $1 UNION ALL SELECT state::text, retry_count, output FROM pgboss.archive WHERE name = $1`,
      [jobName],
    );

  it('runs a queued job once, with its data and attempt number', async () => {
    const seen: { data: Record<string, unknown>; attempt: number }[] = [];
    const jobName = name('once');
    jobs.define({ name: jobName, handler: async (job) => void seen.push({ data: job.data, attempt: job.attempt }) });
    const id = await jobs.send(jobName, { n: 1 });
    expect(id).toEqual(expect.any(String));
    await jobs.drain();
    await jobs.drain();
    expect(seen).toEqual([{ data: { n: 1 }, attempt: 1 }]);
    expect((await jobRows(jobName)).map((r) => r.state)).toEqual(['completed']);
  });

  it('a job sent in a transaction that rolls back does not exist; one that commits does', async () => {
    const jobName = name('tx');
    let runs = 0;
    jobs.define({ name: jobName, handler: async () => void runs++ });
    // A job defined after the start gets its queue first (outside the transaction: the embedded pool has one connection).
    await jobs.summaries();
    await expect(
      t.dataSource.transaction(async (manager) => {
        await jobs.send(jobName, {}, { manager, singletonKey: 'a' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await jobRows(jobName)).toHaveLength(0);
    await t.dataSource.transaction((manager) => jobs.send(jobName, {}, { manager, singletonKey: 'a' }));
    await jobs.drain();
    expect(runs).toBe(1);
  });

  it('a duplicate singletonKey, and "run now" twice, queue one run', async () => {
    const jobName = name('dedupe');
    let runs = 0;
    jobs.define({ name: jobName, handler: async () => void runs++ });
    expect(await jobs.send(jobName, {}, { singletonKey: 'k' })).toEqual(expect.any(String));
    expect(await jobs.send(jobName, {}, { singletonKey: 'k' })).toBeNull();
    const first = await jobs.runNow(jobName);
    expect(await jobs.runNow(jobName)).toBe(first);
    await jobs.drain();
    expect(runs).toBe(2);
  });

  it('retries with back-off, then stops: the failure is stored as a short code, admins are alerted once, no survivor data', async () => {
    const jobName = name('flaky');
    const attempts: number[] = [];
    jobs.define({
      name: jobName,
      retryLimit: 2,
      retryDelaySeconds: 60,
      handler: async (job) => {
        attempts.push(job.attempt);
        throw new Error(`insert into survivor values ('Maria Canary') failed`);
      },
    });
    await jobs.send(jobName);
    await jobs.drain();
    // The retry waits for its back-off (60 s and more): an ordinary drain does not run it.
    expect(attempts).toEqual([1]);
    const [waiting] = await t.dataSource.query<{ delay: number }[]>(
      `SELECT EXTRACT(epoch FROM start_after - now())::int AS delay FROM pgboss.job WHERE name = $1 AND state = 'retry'`,
      [jobName],
    );
    expect(waiting!.delay).toBeGreaterThanOrEqual(50);
    await jobs.drain({ includeDelayed: true });
    expect(attempts).toEqual([1, 2, 3]);
    // Never loops: nothing is left to run.
    await jobs.drain({ includeDelayed: true });
    expect(attempts).toEqual([1, 2, 3]);
    const rows = await jobRows(jobName);
    expect(rows).toEqual([{ state: 'failed', retry_count: 2, output: { name: 'JobFailed', message: 'Error' } }]);
    expect(JSON.stringify(rows)).not.toContain('Canary');

    const summary = (await jobs.summaries()).find((s) => s.name === jobName)!;
    expect(summary).toMatchObject({ lastState: 'failed', lastError: 'Error', failures24h: 1, running: false, schedule: null, nextRunAt: null });

    const alerts = await t.dataSource.getRepository(Notification).find({ where: { userId: org.admin.id, kind: 'job_failed' } });
    const mine = alerts.filter((n) => n.title.includes(jobName));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.title).not.toContain('Canary');
    // Only admins are told.
    expect(await t.dataSource.getRepository(Notification).countBy({ userId: org.caseworker.id, kind: 'job_failed' })).toBe(0);

    // A second exhausted run of the same job within a day does not alert again.
    await jobs.send(jobName);
    await jobs.drain({ includeDelayed: true });
    const again = await t.dataSource.getRepository(Notification).find({ where: { userId: org.admin.id, kind: 'job_failed' } });
    expect(again.filter((n) => n.title.includes(jobName))).toHaveLength(1);
    expect((await jobs.summaries()).find((s) => s.name === jobName)!.failures24h).toBe(2);
  });

  it("a handler's JobError code is what admins see", async () => {
    const jobName = name('coded');
    jobs.define({ name: jobName, retryLimit: 0, handler: async () => Promise.reject(new JobError('ANCHOR_UNREACHABLE')) });
    await jobs.send(jobName);
    await jobs.drain();
    expect((await jobs.summaries()).find((s) => s.name === jobName)).toMatchObject({ lastState: 'failed', lastError: 'ANCHOR_UNREACHABLE' });
  });

  it('defines the jobs that used to be timers, with their schedules (UTC) and next run', async () => {
    const summaries = await jobs.summaries();
    const byName = Object.fromEntries(summaries.map((s) => [s.name, s]));
    expect(byName['referrals.overdue']).toMatchObject({ schedule: '*/10 * * * *' });
    expect(byName['audit.verify']).toMatchObject({ schedule: '17 3 * * *' });
    expect(byName['metrics.release']).toMatchObject({ schedule: null });
    const next = new Date(byName['audit.verify']!.nextRunAt!);
    expect(next.getUTCHours()).toBe(3);
    expect(next.getUTCMinutes()).toBe(17);
    expect(next.getTime()).toBeGreaterThan(Date.now());
  });

  it('the overdue check, the audit verification and a bare "run now" of the release builder run as jobs', async () => {
    await jobs.runNow('referrals.overdue');
    await jobs.runNow('audit.verify');
    await jobs.runNow('metrics.release');
    await jobs.drain({ names: ['referrals.overdue', 'audit.verify', 'metrics.release'] });
    const byName = Object.fromEntries((await jobs.summaries()).map((s) => [s.name, s]));
    // Without a release id it only re-queues waiting releases: a success, not a failure to alert about.
    expect(byName['metrics.release']!.lastState).toBe('completed');
    expect(byName['referrals.overdue']!.lastState).toBe('completed');
    expect(byName['audit.verify']!.lastState).toBe('completed');
    expect(byName['audit.verify']!.lastRunAt).not.toBeNull();
  });

  it('a metrics release whose build keeps failing is retried, then marked failed, and the admins are told', async () => {
    // A period no build can read (written past the API's validation): every attempt throws.
    const release = await t.dataSource.getRepository(MetricRelease).save({
      organizationId: org.organizationId,
      period: '1999-Q9',
      mode: 'k',
      status: 'queued',
      progress: 0,
      tableIds: ['cases_opened_by_gender'],
      epsilonMillis: 0,
      createdBy: org.analyst.id,
    });
    await jobs.send('metrics.release', { releaseId: release.id }, { singletonKey: release.id });
    await jobs.drain({ names: ['metrics.release'] });
    // The first attempt failed; the release waits for its retry, not failed yet.
    expect((await t.dataSource.getRepository(MetricRelease).findOneByOrFail({ id: release.id })).status).toBe('running');
    await jobs.drain({ names: ['metrics.release'], includeDelayed: true });
    const failed = await t.dataSource.getRepository(MetricRelease).findOneByOrFail({ id: release.id });
    expect([failed.status, failed.failure]).toEqual(['failed', 'BUILD_FAILED']);
    const rows = await t.dataSource.query<{ state: string; retry_count: number; output: { message: string } }[]>(
      `SELECT state::text AS state, retry_count, output FROM pgboss.job WHERE name = 'metrics.release' AND singleton_key = $1`,
      [release.id],
    );
    expect(rows).toEqual([{ state: 'failed', retry_count: 2, output: { name: 'JobFailed', message: 'BUILD_FAILED' } }]);
    const alerts = await t.dataSource.getRepository(Notification).find({ where: { userId: org.admin.id, kind: 'job_failed' } });
    expect(alerts.some((n) => n.title.includes('metrics.release') && n.title.includes('BUILD_FAILED'))).toBe(true);
  });

  describe('GET /jobs and POST /jobs/:name/run', () => {
    it('admins see every job; nobody else does', async () => {
      const admin = await signIn(t, org.admin);
      const list = await admin.get(api('/jobs')).expect(200);
      const names = (list.body as { name: string }[]).map((j) => j.name);
      expect(names).toEqual(expect.arrayContaining(['referrals.overdue', 'audit.verify', 'metrics.release']));
      for (const user of [org.coordinator, org.caseworker, org.analyst, org.partner]) {
        const agent = await signIn(t, user);
        await agent.get(api('/jobs')).expect(403);
        await agent.post(api('/jobs/referrals.overdue/run')).expect(403);
      }
    });

    it('run now needs a fresh step-up, queues a run and is audited; an unknown job is a 404 naming it', async () => {
      const admin = await signIn(t, org.admin);
      t.clock.advanceMinutes(6);
      const refused = await admin.post(api('/jobs/referrals.overdue/run')).expect(403);
      expect(refused.body.code).toBe('AUTH_STEP_UP_REQUIRED');
      const unknown = await admin.post(api('/jobs/no.such-job/run')).expect(404);
      expect(unknown.body.message).toContain('no.such-job');
      await admin.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
      const queued = await admin.post(api('/jobs/referrals.overdue/run')).expect(202);
      expect(queued.body).toEqual({ name: 'referrals.overdue', id: expect.any(String) });
      const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ subjectType: 'JobRun', subjectId: queued.body.id as string });
      expect(audit).toMatchObject({ actorId: org.admin.id, action: 'create', reason: 'run now: referrals.overdue' });
      const listed = await admin.get(api('/jobs')).expect(200);
      const overdue = (listed.body as { name: string; nextRunAt: string }[]).find((j) => j.name === 'referrals.overdue')!;
      // The queued run starts now: the next run is no later than the next ten-minute tick.
      expect(Date.parse(overdue.nextRunAt)).toBeLessThanOrEqual(Date.now() + 1000);
      await jobs.drain({ names: ['referrals.overdue'] });
    });
  });

  it('a job queued before a restart runs after it, once', async () => {
    const jobName = name('restart');
    const before = await createTestApp();
    let ranBefore = 0;
    before.app.get(Jobs).define({ name: jobName, handler: async () => void ranBefore++ });
    expect(await before.app.get(Jobs).send(jobName, { releaseId: 'r1' })).toEqual(expect.any(String));
    await before.close();
    const seen: Record<string, unknown>[] = [];
    jobs.define({ name: jobName, handler: async (job) => void seen.push(job.data) });
    await jobs.drain();
    await jobs.drain();
    expect(ranBefore).toBe(0);
    expect(seen).toEqual([{ releaseId: 'r1' }]);
  });
});
