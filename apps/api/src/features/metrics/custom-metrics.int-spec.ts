import { METRIC_TABLES, frozenMetricPeriods, parseMetricPeriod, type CustomFieldResponse, type MetricReleaseResponse } from '@lantern/contracts';
import { strFromU8, unzipSync } from 'fflate';
import type TestAgent from 'supertest/lib/agent.js';
import { withOrgWorld } from '../../testing/builders.js';
import { api, signIn } from '../../testing/fixtures.js';
import { customCounts, customMetricTables, optionTag } from './custom-metric-tables.js';
import { MetricsService } from './metrics.service.js';

type Field = { id: string; version: number; key: string; options: { id: string; label: { en: string; es?: string } }[] };
const DAY = 86_400_000;

/**
 * Issue 18: the organization's own yes/no and choice fields marked `metrics` feed the anonymized metrics
 * (docs/metrics-method.md, "Custom fields"), counted like the cases-opened tables and protected like
 * every table; a field whose flag is off feeds nothing, and the published page names them by label.
 */
describe('custom fields in the anonymized metrics', () => {
  let analyst: TestAgent;
  let admin: TestAgent;
  let quarters: string[];
  const f: Record<string, Field> = {};

  const define = async (key: string, body: Record<string, unknown>): Promise<Field> =>
    (
      await admin
        .post(api('/custom-fields'))
        .send({ entity: 'case', key, type: 'yesNo', label: { en: `Label ${key}`, es: `Etiqueta ${key}` }, readRoles: ['caseworker'], writeRoles: ['caseworker'], metrics: true, ...body })
        .expect(201)
    ).body as Field;
  const settle = async (id: string): Promise<MetricReleaseResponse> => {
    await t.app.get(MetricsService).idle();
    return (await analyst.get(api(`/metrics/releases/${id}`)).expect(200)).body;
  };

  const { t, org } = withOrgWorld([]);
  beforeAll(async () => {
    quarters = frozenMetricPeriods(t.clock.now().toISOString().slice(0, 10)).filter((p) => p.kind === 'quarter').map((p) => p.id);
    // 120 survivors with a case opened in each of the two latest frozen quarters, 100 of them consenting;
    // every fourth also has an earlier case in the quarter (the latest counts).
    for (const quarter of quarters.slice(0, 2)) {
      const start = parseMetricPeriod(quarter)!.start;
      await t.dataSource.query(
        `WITH people AS (
           INSERT INTO survivor (organization_id, alias) SELECT $1, 'Metric ' || $3 || ' ' || n FROM generate_series(1, 120) n RETURNING id, alias),
         numbered AS (SELECT id, split_part(alias, ' ', 3)::int AS n FROM people),
         cases AS (
           INSERT INTO survivor_case (organization_id, case_number, survivor_id, status, assigned_caseworker_id, opened_at)
           SELECT $1, 'M' || replace($3, '-', '') || '-' || n || '-' || k, id, 'active', $2, $4::timestamptz + (n || ' hours')::interval + (k || ' days')::interval
           FROM numbered, generate_series(1, 2) k WHERE k = 2 OR n % 4 = 0 RETURNING survivor_id)
         INSERT INTO consent (organization_id, survivor_id, purpose, method, granted_at)
         SELECT $1, id, 'anonymized_reporting', 'written', $4::timestamptz FROM numbered WHERE n <= 100`,
        [org.organizationId, org.caseworker.id, quarter, `${start}T00:00:00Z`],
      );
    }
    [analyst, admin] = await Promise.all([signIn(t, org.analyst), signIn(t, org.admin)]);
    const options = (...labels: string[]) => labels.map((en) => ({ label: { en, es: `${en} (es)` } }));
    f.hasId = await define('hasId', {});
    f.industry = await define('industry', { type: 'singleChoice', options: options('Farm', 'Factory', 'Home') });
    f.controls = await define('controls', { type: 'multipleChoice', options: options('Debt', 'Threats') });
    f.quiet = await define('quiet', { metrics: false });
    // Values straight into the column (none is PII): about a third each, from each case's id.
    const pick = (n: number) => `get_byte(decode(md5(id::text), 'hex'), ${n}) % 3`;
    const [farm, factory] = f.industry.options.map((o) => o.id);
    const [debt, threats] = f.controls.options.map((o) => o.id);
    await t.dataSource.query(
      `UPDATE survivor_case SET custom = jsonb_strip_nulls(jsonb_build_object(
          $2::text, CASE ${pick(0)} WHEN 0 THEN to_jsonb(true) WHEN 1 THEN to_jsonb(false) END,
          $3::text, CASE ${pick(1)} WHEN 0 THEN to_jsonb($4::text) WHEN 1 THEN to_jsonb($5::text) END,
          $6::text, CASE ${pick(2)} WHEN 0 THEN jsonb_build_array($7::text) WHEN 1 THEN jsonb_build_array($7::text, $8::text) END,
          $9::text, to_jsonb(true)))
       WHERE organization_id = $1`,
      [org.organizationId, f.hasId.id, f.industry.id, farm, factory, f.controls.id, debt, threats, f.quiet.id],
    );
  });

  it('lists a table per field that feeds the metrics (one per option of a multiple choice), with its labels, and none for the others', async () => {
    const body = (await analyst.get(api('/metrics/tables')).expect(200)).body as { tables: { id: string; title: string; custom?: { key: string; label: Record<string, string> } }[] };
    const custom = body.tables.slice(METRIC_TABLES.length);
    expect(body.tables.slice(0, METRIC_TABLES.length).map((x) => x.id)).toEqual(METRIC_TABLES.map((x) => x.id));
    expect(custom.map((x) => x.id)).toEqual([`custom_${f.hasId!.id}`, `custom_${f.industry!.id}`, ...f.controls!.options.map((o) => `custom_${f.controls!.id}.${optionTag(o.id)}`)]);
    expect(custom.map((x) => x.title)).toEqual(['Label hasId', 'Label industry', 'Label controls: Debt', 'Label controls: Threats']);
    expect(custom[1]!.custom).toMatchObject({ key: 'industry', label: { en: 'Label industry', es: 'Etiqueta industry' } });
  });

  it('counts each consenting survivor once, by her latest case opened in the period, as the rows say', async () => {
    const p = parseMetricPeriod(quarters[0]!)!;
    const window = { organizationId: org.organizationId, start: new Date(`${p.start}T00:00:00Z`), endExclusive: new Date(Date.parse(`${p.end}T00:00:00Z`) + DAY), now: t.clock.now() };
    const rows: { survivor_id: string; custom: Record<string, unknown> }[] = await t.dataSource.query(
      `SELECT DISTINCT ON (c.survivor_id) c.survivor_id, c.custom FROM survivor_case c
        WHERE c.organization_id = $1 AND c.opened_at >= $2 AND c.opened_at < $3
          AND EXISTS (SELECT 1 FROM consent k WHERE k.survivor_id = c.survivor_id AND k.purpose = 'anonymized_reporting'
                      AND k.revoked_at IS NULL AND k.granted_at <= now() AND (k.expires_at IS NULL OR k.expires_at > now()))
        ORDER BY c.survivor_id, c.opened_at DESC, c.id`,
      [org.organizationId, window.start, window.endExclusive],
    );
    expect(rows.length).toBe(100);
    const tally = (of: (custom: Record<string, unknown>) => string) => rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [of(r.custom)]: (acc[of(r.custom)] ?? 0) + 1 }), {});
    const definitions = (await admin.get(api('/custom-fields')).query({ filter: JSON.stringify({ entity: 'case' }) }).expect(200)).body as CustomFieldResponse[];
    const fields = customMetricTables(definitions);
    const [hasId, industry, debt] = fields;
    expect(await customCounts(t.dataSource.manager, hasId!, window)).toEqual(tally((c) => (c[f.hasId!.id] === true ? 'yes' : c[f.hasId!.id] === false ? 'no' : 'unknown')));
    expect(await customCounts(t.dataSource.manager, industry!, window)).toEqual(tally((c) => (c[f.industry!.id] as string | undefined) ?? 'unknown'));
    const debtId = f.controls!.options[0]!.id;
    expect(await customCounts(t.dataSource.manager, debt!, window)).toEqual(tally((c) => (Array.isArray(c[f.controls!.id]) ? ((c[f.controls!.id] as string[]).includes(debtId) ? 'chosen' : 'not_chosen') : 'unknown')));
  });

  it('publishes them protected like every table, labelled, and a field turned off feeds the next release no more', async () => {
    const started = await analyst.post(api('/metrics/releases')).send({ period: quarters[0], mode: 'k' });
    expect(started.status).toBe(202);
    const release = await settle(started.body.id);
    expect(release.status).toBe('done');
    const industry = release.tables!.find((x) => x.id === `custom_${f.industry!.id}`)!;
    expect(industry).toMatchObject({ title: 'Label industry', dimensions: ['custom.industry'], custom: { key: 'industry', values: { [f.industry!.options[0]!.id]: { en: 'Farm', es: 'Farm (es)' } } } });
    for (const table of release.tables!.filter((x) => x.id.startsWith('custom_'))) {
      for (const cell of table.cells) {
        // Never a value from 1 to 10: below the threshold reads <11, else a multiple of 5 from 15.
        if (cell.value !== null) expect(cell.value >= 15 && cell.value % 5 === 0).toBe(true);
        else expect(['<11', 'suppressed']).toContain(cell.display);
      }
    }
    expect(release.tables!.some((x) => x.id === `custom_${f.quiet!.id}`)).toBe(false);
    const zip = unzipSync(new Uint8Array((await analyst.get(api(`/metrics/releases/${release.id}/download`)).responseType('blob').expect(200)).body as Buffer));
    expect(strFromU8(zip['tidy/metrics.csv']!)).toContain(`custom_${f.industry!.id}`);
    expect(JSON.parse(strFromU8(zip['metadata.json']!)).tables.find((x: { id: string }) => x.id === `custom_${f.hasId!.id}`)).toMatchObject({ title: 'Label hasId', custom: { key: 'hasId' } });

    // The admin turns the flag off: the next release has no table of it, and it cannot be asked for.
    const current = (await admin.get(api(`/custom-fields/${f.hasId!.id}`)).expect(200)).body as Field;
    await admin.put(api(`/custom-fields/${f.hasId!.id}`)).send({ version: current.version, metrics: false }).expect(200);
    const refused = await analyst.post(api('/metrics/releases')).send({ period: quarters[1], mode: 'k', tables: [`custom_${f.hasId!.id}`] }).expect(400);
    expect(Object.keys(refused.body.errors)).toEqual(['tables']);
    const next = await settle((await analyst.post(api('/metrics/releases')).send({ period: quarters[1], mode: 'k' }).expect(202)).body.id);
    expect(next.status).toBe('done');
    expect(next.tables!.map((x) => x.id)).not.toContain(`custom_${f.hasId!.id}`);
    expect(next.tables!.map((x) => x.id)).toContain(`custom_${f.industry!.id}`);
    // The earlier release keeps what it published.
    expect((await analyst.get(api(`/metrics/releases/${release.id}`)).expect(200)).body.tables.map((x: { id: string }) => x.id)).toContain(`custom_${f.hasId!.id}`);
    // Caseworkers see none of it.
    await (await signIn(t, org.caseworker)).get(api('/metrics/tables')).expect(403);
  });
});
