import { METRIC_TABLES, frozenMetricPeriods, metricTable, parseMetricPeriod, type MetricReleaseResponse } from '@lantern/contracts';
import { strFromU8, unzipSync } from 'fflate';
import type TestAgent from 'supertest/lib/agent.js';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { FIXTURE_PASSWORD, api, createOrgFixture, loadOrgFixture, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { preparedScratch, type ScratchDatabase } from '../../testing/scratch-database.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { exactCounts, type PeriodWindow } from './metric-queries.js';
import { MetricRelease } from './metric-release.entity.js';
import { MetricsService } from './metrics.service.js';

const DAY = 86_400_000;

describe('anonymized outcome metrics (real database)', () => {
  let t: TestApp;
  let org: OrgFixture;
  let analyst: TestAgent;
  let today: string;
  let latestQuarter: string;

  const windowOf = (periodId: string): PeriodWindow => {
    const p = parseMetricPeriod(periodId)!;
    return { organizationId: org.organizationId, start: new Date(`${p.start}T00:00:00Z`), endExclusive: new Date(Date.parse(`${p.end}T00:00:00Z`) + DAY), now: t.clock.now() };
  };

  const settle = async (id: string): Promise<MetricReleaseResponse> => {
    await t.app.get(MetricsService).idle();
    return (await analyst.get(api(`/metrics/releases/${id}`)).expect(200)).body;
  };

  const stepUp = (agent: TestAgent) => agent.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);

  let scratch: ScratchDatabase;

  beforeAll(async () => {
    // Its own database: 1,500 synthetic cases (METRICS_CASES) would slow every whole-database test of
    // this worker. Loaded once in jest's global setup (testing/prepared-data.ts); this is a copy.
    const prepared = await preparedScratch('metrics');
    scratch = prepared.scratch;
    t = await createTestApp({ target: scratch.target });
    org = await loadOrgFixture(t.dataSource, prepared.info.slug);
    analyst = await signIn(t, org.analyst);
    today = t.clock.now().toISOString().slice(0, 10);
    latestQuarter = frozenMetricPeriods(today).find((p) => p.kind === 'quarter')!.id;
  });
  afterAll(async () => {
    await t.close();
    await scratch.drop();
  });

  it('lists the fixed catalogue and only frozen periods', async () => {
    const body = (await analyst.get(api('/metrics/tables')).expect(200)).body;
    expect(body.tables.map((x: { id: string }) => x.id)).toEqual(METRIC_TABLES.map((x) => x.id));
    for (const table of body.tables) expect(table.dimensions.length).toBeLessThanOrEqual(2);
    expect(body.periods.length).toBeGreaterThan(0);
    for (const period of body.periods) expect(period.frozenOn <= today).toBe(true);
    // The quarter running now is never offered.
    const now = t.clock.now();
    const running = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    expect(body.periods.map((p: { id: string }) => p.id)).not.toContain(running);
  });

  it('refuses caseworkers and partners, and bad input with the field named, writing nothing', async () => {
    for (const user of [org.caseworker, org.partner]) {
      const agent = await signIn(t, user);
      await agent.get(api('/metrics/tables')).expect(403);
      await stepUp(agent);
      await agent.post(api('/metrics/releases')).send({ period: latestQuarter, mode: 'k' }).expect(403);
    }
    const bad = [
      [{ period: '2026-05-01', mode: 'k' }, 'period'],
      [{ period: latestQuarter, mode: 'laplace' }, 'mode'],
      [{ period: latestQuarter, mode: 'k', tables: ['people_by_name'] }, 'tables'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await analyst.post(api('/metrics/releases')).send(body).expect(400);
      expect(Object.keys(res.body.errors)).toContain(field);
    }
    const now = t.clock.now();
    const running = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    const early = await analyst.post(api('/metrics/releases')).send({ period: running, mode: 'k' }).expect(422);
    expect(early.body.code).toBe('METRICS_PERIOD_NOT_FROZEN');
    expect(Object.keys(early.body.errors)).toEqual(['period']);
    // A fresh password is needed to start a release: signing in counts for five minutes, then it does not.
    t.clock.advanceMinutes(6);
    const stale = await analyst.post(api('/metrics/releases')).send({ period: latestQuarter, mode: 'k' }).expect(403);
    expect(stale.body.code).toBe('AUTH_STEP_UP_REQUIRED');
    expect(await t.dataSource.getRepository(MetricRelease).count({ where: { organizationId: org.organizationId } })).toBe(0);
  });

  it('counts distinct consenting survivors in SQL exactly as the records say', async () => {
    const window = windowOf(latestQuarter);
    const { counts } = await exactCounts(t.dataSource.manager, metricTable('cases_opened_by_gender'), window);
    // The same count, computed here from the rows themselves.
    const rows: { survivor_id: string; gender: string | null; opened_at: Date }[] = await t.dataSource.query(
      `SELECT c.survivor_id, s.gender, c.opened_at FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id
        WHERE c.organization_id = $1 AND c.opened_at >= $2 AND c.opened_at < $3
          AND EXISTS (SELECT 1 FROM consent k WHERE k.survivor_id = c.survivor_id AND k.purpose = 'anonymized_reporting'
                      AND k.revoked_at IS NULL AND k.granted_at <= now() AND (k.expires_at IS NULL OR k.expires_at > now()))`,
      [org.organizationId, window.start, window.endExclusive],
    );
    const coarse = (g: string | null) => (g === 'Feminine' || g === 'TransgenderFeminine' ? 'woman' : g === 'Masculine' || g === 'TransgenderMasculine' ? 'man' : g === 'NonConforming' ? 'gender_diverse' : 'unknown');
    const expected: Record<string, Set<string>> = {};
    for (const row of rows) (expected[coarse(row.gender)] ??= new Set()).add(row.survivor_id);
    expect(counts).toEqual(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v.size])));
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(30);

    // Referral tables: at most three referrals of one survivor in a period.
    const referrals = await exactCounts(t.dataSource.manager, metricTable('referrals_by_response_time'), window);
    const [sent] = await t.dataSource.query(
      `SELECT coalesce(sum(least(n, 3)), 0)::int AS capped, coalesce(sum(n), 0)::int AS raw FROM (
         SELECT r.survivor_id, count(*) AS n FROM referral r WHERE r.organization_id = $1 AND r.sent_at >= $2 AND r.sent_at < $3
           AND EXISTS (SELECT 1 FROM consent k WHERE k.survivor_id = r.survivor_id AND k.purpose = 'anonymized_reporting'
                       AND k.revoked_at IS NULL AND k.granted_at <= now() AND (k.expires_at IS NULL OR k.expires_at > now()))
         GROUP BY r.survivor_id) per_survivor`,
      [org.organizationId, window.start, window.endExclusive],
    );
    expect(Object.values(referrals.counts).reduce((a, b) => a + b, 0)).toBe(sent.capped);
  });

  it('leaves out a survivor until they consent to anonymized reporting, and again once they revoke', async () => {
    const cw = await signIn(t, org.caseworker);
    const { survivor } = await createSurvivorWithCase(cw, { gender: 'NonConforming' });
    const now = t.clock.now();
    const window: PeriodWindow = { organizationId: org.organizationId, start: new Date(now.getTime() - DAY), endExclusive: new Date(now.getTime() + DAY), now };
    const table = metricTable('cases_opened_by_gender');
    const diverse = async (at: Date) => (await exactCounts(t.dataSource.manager, table, { ...window, now: at })).counts.gender_diverse ?? 0;
    const later = () => new Date(t.clock.now().getTime() + 1000);
    expect(await diverse(later())).toBe(0);
    const consent = await cw.post(api('/consents')).send({ survivorId: survivor.id, purpose: 'anonymized_reporting', method: 'written' }).expect(201);
    expect(await diverse(later())).toBe(1);
    await cw.post(api(`/consents/${consent.body.id}/revoke`)).send({ reason: 'She no longer wants to be counted' }).expect(200);
    expect(await diverse(later())).toBe(0);
  });

  let first: MetricReleaseResponse;

  it('builds a release in the background: no value from 1 to 10 is published, and nine in ten survivors stay in every one-way table', async () => {
    await stepUp(analyst);
    const started = await analyst.post(api('/metrics/releases')).send({ period: latestQuarter, mode: 'k' }).expect(202);
    expect(started.body).toMatchObject({ period: latestQuarter, mode: 'k', tableCount: METRIC_TABLES.length });
    expect(['queued', 'running']).toContain(started.body.status);
    first = await settle(started.body.id);
    expect(first.failure).toBeNull();
    expect(first).toMatchObject({ status: 'done', progress: 100, epsilonSpent: 0 });
    expect(first.tables!.map((x) => x.id)).toEqual(METRIC_TABLES.map((x) => x.id));
    let suppressed = 0;
    for (const table of first.tables!) {
      for (const cell of table.cells) {
        if (cell.value === null) {
          suppressed++;
          // Below the threshold says so; a cell hidden only to protect another says just that it is hidden.
          expect(cell.flag === 'suppressed_primary' ? '<11' : cell.flag === 'suppressed_complementary' ? 'suppressed' : 'not suppressed').toBe(cell.display);
        } else {
          expect(cell.value).toBeGreaterThanOrEqual(11);
          expect(cell.value % 5).toBe(0);
          expect(cell.display).toBe(String(cell.value));
        }
      }
    }
    // A real quarter of a small program has small cells: some are suppressed, most are not.
    expect(suppressed).toBeGreaterThan(0);
    // Coverage is measured and reported (the goals are checked on a year below, with enough people).
    expect(first.coverage!.oneDimension).toBeGreaterThan(0.5);
  });

  it('keeps nine in ten survivors in every one-way table of a year, three in four in two-way ones', async () => {
    const year = frozenMetricPeriods(today).find((p) => p.kind === 'year')!;
    await stepUp(analyst);
    const started = await analyst.post(api('/metrics/releases')).send({ period: year.id, mode: 'k' }).expect(202);
    const done = await settle(started.body.id);
    expect(done.status).toBe('done');
    // the goal of docs/metrics-method.md (CTDC kept 59%).
    for (const table of done.tables!) expect([table.id, table.coverage >= (table.dimensions.length === 1 ? 0.9 : 0.75)]).toEqual([table.id, true]);
  });

  it('returns the same release and the same bytes when asked again, and audits creation and download', async () => {
    await stepUp(analyst);
    const again = await analyst.post(api('/metrics/releases')).send({ period: latestQuarter, mode: 'k' }).expect(200);
    expect(again.body.id).toBe(first.id);
    const one = await analyst.get(api(`/metrics/releases/${first.id}/download`)).responseType('blob').expect(200);
    const two = await analyst.get(api(`/metrics/releases/${first.id}/download`)).responseType('blob').expect(200);
    expect(one.headers['content-type']).toBe('application/zip');
    expect(one.headers['content-disposition']).toBe(`attachment; filename="lantern-metrics-${latestQuarter}-k.zip"`);
    expect(Buffer.compare(one.body as Buffer, two.body as Buffer)).toBe(0);
    const events = await t.dataSource.getRepository(AuditEvent).find({ where: { subjectId: first.id }, order: { occurredAt: 'ASC' } });
    expect(events.map((e) => e.action)).toEqual(['create', 'export', 'export']);
    expect([...events[0]!.fields].sort()).toEqual(METRIC_TABLES.map((x) => x.id).sort());
    expect(events[0]!.actorId).toBe(org.analyst.id);
  });

  it('writes tidy CSV, metadata, the HTCDS layout and HUD tables, with no identifier anywhere', async () => {
    const res = await analyst.get(api(`/metrics/releases/${first.id}/download`)).responseType('blob').expect(200);
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const names = Object.keys(files);
    expect(names).toEqual(expect.arrayContaining(['metadata.json', 'tidy/metrics.csv', 'htcds/intakes_by_exploitation.csv', 'hud/cases_closed_by_exit_destination.csv']));
    // Every field is quoted (RFC 4180), none holds a comma or a quote here.
    const tidy = strFromU8(files['tidy/metrics.csv']!).split('\r\n').map((line) => line.replaceAll('"', ''));
    expect(tidy[0]).toBe('schema_version,period_start,period_end,table_id,dim1_name,dim1_value,dim2_name,dim2_value,measure,value,flag');
    const period = parseMetricPeriod(latestQuarter)!;
    for (const line of tidy.slice(1).filter(Boolean)) {
      const cells = line.split(',');
      expect(cells).toHaveLength(11);
      expect(cells[1]).toBe(period.start);
      expect(cells[2]).toBe(period.end);
      const value = cells[9]!;
      expect(value === '<11' || value === 'suppressed' || (Number(value) >= 11 && Number(value) % 5 === 0)).toBe(true);
      expect(['ok', 'suppressed_primary', 'suppressed_complementary', 'rounded', 'noised']).toContain(cells[10]);
    }
    const metadata = JSON.parse(strFromU8(files['metadata.json']!));
    expect(metadata).toMatchObject({ mode: 'k', threshold: 11, roundingBase: 5, period: { id: latestQuarter, frozenOn: period.frozenOn } });
    expect(metadata.coverage.oneDimension).toBeGreaterThanOrEqual(0.9);
    expect(metadata.consent.survivorsLeftOut).toMatch(/^(<11|\d+)$/);
    expect(strFromU8(files['htcds/intakes_by_exploitation.csv']!).split('\r\n')[0]!.replaceAll('"', '')).toBe('yearOfRegistration,quarterOfRegistration,vic_TypeOfExploitation,survivors,flag');

    // Nothing that points at a person or a partner: no case number, alias, partner name, id, or exact date.
    const everything = names.map((n) => strFromU8(files[n]!)).join('\n');
    expect(everything).not.toMatch(/LN-\d{4}-\d+/);
    expect(everything).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    const aliases: { alias: string }[] = await t.dataSource.query('SELECT alias FROM survivor WHERE organization_id = $1', [org.organizationId]);
    for (const { alias } of aliases) expect(everything).not.toContain(alias);
    expect(everything).not.toContain(org.partnerOrg.name);
    const dates = everything.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
    // The release day (from the test clock, which other tests move) is the only other date.
    expect(Math.abs(Date.parse(metadata.releasedOn) - t.clock.now().getTime())).toBeLessThan(2 * DAY);
    for (const date of new Set(dates)) expect([period.start, period.end, period.frozenOn, metadata.releasedOn]).toContain(date);
  });

  it('spends the privacy budget in noise mode and refuses a release over the yearly cap', async () => {
    const quarters = frozenMetricPeriods(today).filter((p) => p.kind === 'quarter');
    const noisy = quarters[1]!;
    await stepUp(analyst);
    const tables = ['cases_opened_by_gender', 'cases_opened_by_age_band', 'intakes_by_exploitation', 'cases_closed_by_exit_destination'];
    const started = await analyst.post(api('/metrics/releases')).send({ period: noisy.id, mode: 'noise', tables }).expect(202);
    const done = await settle(started.body.id);
    expect(done).toMatchObject({ status: 'done', epsilonSpent: 2, tableCount: 4 });
    for (const table of done.tables!) {
      for (const cell of table.cells) if (cell.value !== null) expect(cell.value >= 11 && cell.value % 5 === 0).toBe(true);
    }
    // ε 2 of 4 spent in that year: the whole catalogue (ε 7) does not fit.
    const sameYear = quarters.find((p) => p.year === noisy.year && p.id !== noisy.id);
    if (sameYear) {
      const refused = await analyst.post(api('/metrics/releases')).send({ period: sameYear.id, mode: 'noise' }).expect(422);
      expect(refused.body.code).toBe('METRICS_BUDGET_EXCEEDED');
      expect(refused.body.errors.tables[0]).toMatch(/choose at most 4 tables/);
    }
    const catalogue = (await analyst.get(api('/metrics/tables')).expect(200)).body;
    expect(catalogue.budget.find((b: { year: number }) => b.year === noisy.year).spent).toBe(2);
  });

  it('lets coordinators and admins see releases, scoped to their own organization', async () => {
    for (const user of [org.coordinator, org.admin]) {
      const agent = await signIn(t, user);
      const list = (await agent.get(api('/metrics/releases')).expect(200)).body as MetricReleaseResponse[];
      expect(list.map((r) => r.id)).toContain(first.id);
    }
    const other = await createOrgFixture(t.dataSource);
    const outsider = await signIn(t, other.analyst);
    expect((await outsider.get(api('/metrics/releases')).expect(200)).body).toEqual([]);
    await outsider.get(api(`/metrics/releases/${first.id}`)).expect(404);
    await outsider.get(api(`/metrics/releases/${first.id}/download`)).expect(404);
  });
});
