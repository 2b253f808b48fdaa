import type { FunderReportResponse, ReportCustomFieldResponse, ReportTableResponse } from '@lantern/contracts';
import { api, lastAudit } from '../../testing/fixtures.js';
import { openCase, withTwoOrgWorld, type Agent } from '../../testing/builders.js';

type Field = { id: string; key: string; version: number; options: { id: string; label: { en: string } }[] };

/**
 * Issue 18: the trafficking-grant report's custom section (docs/reports.md, "The custom section"): the
 * fields chosen are counted over the clients served, from each person's latest case; choices, yes/no and
 * numbers only, never a PII or text value; the same capability, step-up and audit as the report.
 */
describe("funder report's custom section", () => {
  const f: Record<string, Field> = {};
  let from: string, to: string;

  const define = async (key: string, body: Record<string, unknown>): Promise<Field> =>
    (
      await as.admin
        .post(api('/custom-fields'))
        .send({ entity: 'case', key, type: 'yesNo', label: { en: `Label ${key}`, es: `Etiqueta ${key}` }, readRoles: ['caseworker'], writeRoles: ['caseworker'], ...body })
        .expect(201)
    ).body as Field;
  const write = async (caseId: string, values: Record<string, unknown>) => {
    const { version } = (await as.caseworker.get(api(`/custom-values/case/${caseId}`)).expect(200)).body as { version: number };
    await as.caseworker.put(api(`/custom-values/case/${caseId}`)).send({ version, values }).expect(200);
  };
  const report = (agent: Agent, custom: string, kind = 'trafficking-grant') => agent.get(api(`/reports/${kind}`)).query({ from, to, custom });
  const table = (body: FunderReportResponse, id: string): ReportTableResponse => body.tables.find((x) => x.id === id)!;
  const figures = (x: ReportTableResponse) => Object.fromEntries([...x.rows, x.total!].map((r) => [r.key, r.values]));

  const { t, org, as } = withTwoOrgWorld(['admin', 'coordinator', 'caseworker', 'analyst'] as const);
  beforeAll(async () => {
    const today = t.clock.now();
    to = today.toISOString().slice(0, 10);
    from = new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    const options = (...labels: string[]) => labels.map((en) => ({ label: { en } }));
    f.industry = await define('industry', { type: 'singleChoice', options: options('Farm', 'Factory') });
    f.hasId = await define('hasId', {});
    f.controls = await define('controls', { type: 'multipleChoice', options: options('Debt', 'Threats') });
    f.hours = await define('hours', { type: 'number' });
    f.story = await define('story', { type: 'shortText', pii: true });
    f.note = await define('note', { type: 'shortText' });
    const [farm, factory] = f.industry.options.map((o) => o.id);
    const [debt, threats] = f.controls.options.map((o) => o.id);
    const cases = await Promise.all([openCase(as.caseworker), openCase(as.caseworker), openCase(as.caseworker), openCase(as.caseworker)]);
    await write(cases[0]!.caseId, { industry: farm, hasId: true, controls: [debt, threats], hours: 60, story: 'Zyxreportcanary', note: 'Zyxnotecanary' });
    await write(cases[1]!.caseId, { industry: farm, hasId: false, controls: [debt], hours: 40 });
    await write(cases[2]!.caseId, { industry: factory, hasId: true });
    // cases[3]: nothing recorded.
  });

  it('lists the fields a section may count: choices, yes/no and numbers, never PII or text', async () => {
    const listed = (await as.coordinator.get(api('/reports/custom-fields')).expect(200)).body as ReportCustomFieldResponse[];
    expect(listed.map((x) => x.id).sort()).toEqual(['case.controls', 'case.hasId', 'case.hours', 'case.industry']);
    expect(listed.find((x) => x.key === 'industry')).toMatchObject({ type: 'singleChoice', label: { en: 'Label industry', es: 'Etiqueta industry' }, retired: false });
    await as.caseworker.get(api('/reports/custom-fields')).expect(403);
    await as.analyst.get(api('/reports/custom-fields')).expect(403);
  });

  it('counts each client served once, per answer, in the report and its file, and audits the tables', async () => {
    const res = await report(as.coordinator, 'case.industry,case.hasId,case.controls,case.hours').expect(200);
    const body = res.body as FunderReportResponse;
    const served = body.tables.find((x) => x.id === 'clients_served')!.total!.values[0];
    expect(served).toBe(4);
    const [farm, factory] = f.industry!.options.map((o) => o.id);
    const [debt, threats] = f.controls!.options.map((o) => o.id);
    expect(table(body, 'custom.case.industry')).toMatchObject({ title: 'Label industry', customLabel: { en: 'Label industry', es: 'Etiqueta industry' } });
    expect(figures(table(body, 'custom.case.industry'))).toEqual({ [farm!]: [2], [factory!]: [1], not_recorded: [1], total: [4] });
    expect(figures(table(body, 'custom.case.hasId'))).toEqual({ yes: [2], no: [1], not_recorded: [1], total: [4] });
    // Several answers: each person counted once in the total.
    expect(figures(table(body, 'custom.case.controls'))).toEqual({ [debt!]: [2], [threats!]: [1], not_recorded: [2], total: [4] });
    expect(figures(table(body, 'custom.case.hours'))).toEqual({ recorded: [2, 100, 50], not_recorded: [2, null, null], total: [4, 100, 50] });
    expect(JSON.stringify(body)).not.toContain('Zyx');
    const audit = await lastAudit(t, org.coordinator.id, 'read');
    expect(audit!.fields).toEqual(expect.arrayContaining(['custom.case.industry', 'custom.case.hours', 'clients_served']));

    const file = await as.coordinator.get(api('/reports/trafficking-grant/download')).query({ from, to, format: 'csv', custom: 'case.industry' }).expect(200);
    expect(file.text).toContain('custom.case.industry,Label industry,people,');
    expect(file.text).toContain(`${farm},Farm,people,People,2`);
  });

  it('refuses a PII, text or unknown field, too many, and a custom section on the caseload, naming custom', async () => {
    for (const custom of ['case.story', 'case.note', 'case.nothing', 'survivor_case.industry', 'case.industry,case.industry', Array.from({ length: 21 }, () => 'case.hasId').join(',')]) {
      const res = await report(as.coordinator, custom).expect(400);
      expect([custom, Object.keys(res.body.errors)]).toEqual([custom, ['custom']]);
      expect(JSON.stringify(res.body)).not.toContain('Zyx');
    }
    expect(Object.keys((await report(as.coordinator, 'case.industry', 'caseload').expect(400)).body.errors)).toEqual(['custom']);
    // Those who may not run the report may not run its custom section either.
    await report(as.caseworker, 'case.industry').expect(403);
    await report(as.analyst, 'case.industry').expect(403);
  });
});
