import ExcelJS from 'exceljs';
import type { FunderReportResponse } from '@lantern/contracts';
import { averageDays, caseloadReport, traffickingGrantReport } from './report-builder.js';
import { CSV_COLUMNS, reportCsv, reportFilename, reportXlsx } from './report-files.js';
import { parseReportPeriod } from './report-period.js';

const heading = { organizationName: 'Harbor, "North"', period: parseReportPeriod('2026-01-01', '2026-03-31'), generatedAt: new Date('2026-04-02T10:00:00Z') };

function sample(): FunderReportResponse {
  return traffickingGrantReport(heading, {
    people: { status: { new: 3, continuing: 2 }, age_group: { age_18_24: 4, not_recorded: 1 }, gender: { Feminine: 4, not_recorded: 1 }, citizenship: { us_citizen: 5 }, trafficking_type: { sex: 5 } },
    services: {
      byService: { crisis_intervention: { services: 2, people: 2, units: 0, minutes: 90 }, emergency_shelter: { services: 1, people: 1, units: 7, minutes: 0 } },
      byVoca: { emotional_support_safety: { services: 2, people: 2, units: 0, minutes: 90 }, shelter_housing: { services: 1, people: 1, units: 7, minutes: 0 } },
      total: { services: 3, people: 2, units: 7, minutes: 90 },
    },
    relief: { t_visa_applied: 1 },
    referrals: { 'housing|served': 2, 'legal|declined': 1 },
    contacts: { 'converted|call': 2, 'contact_only|call': 3, 'contact_only|outreach': 1, 'linked|walk_in': 1 },
  });
}

describe('funder report tables', () => {
  it('a partition of people totals its rows; services total their columns but count people once', () => {
    const report = sample();
    const byId = Object.fromEntries(report.tables.map((t) => [t.id, t]));
    expect(byId.clients_served!.rows.map((r) => [r.key, r.values[0]])).toEqual([['new', 3], ['continuing', 2]]);
    expect(byId.clients_served!.total!.values).toEqual([5]);
    expect(byId.gender!.total!.values).toEqual([5]);
    expect(byId.services_by_voca_category!.total!.values).toEqual([3, 2, 7, 90]);
    expect(byId.immigration_relief!.total).toBeNull();
    expect(byId.referrals_out!.rows.find((r) => r.key === 'housing')!.values).toEqual([0, 0, 2, 0, 0, 0, 2]);
    expect(byId.referrals_out!.total!.values).toEqual([0, 0, 2, 0, 1, 0, 3]);
    // Contacts: new clients, clients already known and contacts only, by channel (call, text, walk-in, outreach, other).
    expect(byId.contacts!.rows.map((r) => [r.key, r.values])).toEqual([
      ['contact_only', [3, 0, 0, 1, 0, 4]],
      ['linked', [0, 0, 1, 0, 0, 1]],
      ['converted', [2, 0, 0, 0, 0, 2]],
    ]);
    expect(byId.contacts!.total!.values).toEqual([5, 0, 1, 1, 0, 7]);
    expect(byId.contacts!.columnLabels).toEqual(['Call', 'Text', 'Walk-in', 'Outreach', 'Other channel', 'Total']);
    expect(report.empty).toBe(false);
  });

  it('a period with nothing in it is empty, with a sentence saying so', () => {
    const empty = traffickingGrantReport(heading, { people: {}, services: { byService: {}, byVoca: {}, total: { services: 0, people: 0, units: 0, minutes: 0 } }, relief: {}, referrals: {}, contacts: {} });
    expect(empty.empty).toBe(true);
    // A period with only a contact in it is not empty.
    const contactsOnly = traffickingGrantReport(heading, { people: {}, services: { byService: {}, byVoca: {}, total: { services: 0, people: 0, units: 0, minutes: 0 } }, relief: {}, referrals: {}, contacts: { 'contact_only|text': 1 } });
    expect(contactsOnly.empty).toBe(false);
    expect(empty.message).toMatch(/Nothing was recorded between 2026-01-01 and 2026-03-31/);
    const caseload = caseloadReport(heading, []);
    expect(caseload.empty).toBe(true);
    expect(caseload.tables[0]!.total!.values).toEqual([0, 0, 0, 0, null, 0, null]);
  });

  it('caseload: caseworkers by name, cases assigned to no one last, the whole program as the total', () => {
    const base = { openAtEnd: 1, opened: 1, closed: 0, withContact: 1, contactSeconds: 86_400 * 3, withReferral: 0, referralSeconds: 0 };
    const report = caseloadReport(heading, [
      { ...base, caseworkerId: null, displayName: null, program: false },
      { ...base, caseworkerId: 'b', displayName: 'Zoe', program: false },
      { ...base, caseworkerId: 'a', displayName: 'Ana', program: false },
      { ...base, caseworkerId: null, displayName: null, program: true, openAtEnd: 3, opened: 3, withContact: 3, contactSeconds: 86_400 * 9 },
    ]);
    const table = report.tables[0]!;
    expect(table.rows.map((r) => r.label)).toEqual(['Ana', 'Zoe', 'Not assigned']);
    expect(table.rows[0]!.values).toEqual([1, 1, 0, 1, 3, 0, null]);
    expect(table.total).toMatchObject({ key: 'program', label: 'Whole program (Harbor, "North")', values: [3, 3, 0, 3, 3, 0, null] });
  });

  it('averages are days to one decimal, none over no case', () => {
    expect(averageDays(0, 0)).toBeNull();
    expect(averageDays(86_400 * 3 + 3_600 * 3, 1)).toBe(3.1);
    expect(averageDays(86_400, 3)).toBe(0.3);
  });
});

describe('funder report files', () => {
  it('are named after the report and the period, with no one in the name', () => {
    expect(reportFilename(sample(), 'xlsx')).toBe('lantern-trafficking-grant-2026-01-01-to-2026-03-31.xlsx');
    expect(reportFilename({ kind: 'caseload', from: '2026-01-01', to: '2026-01-31' }, 'csv')).toBe('lantern-caseload-2026-01-01-to-2026-01-31.csv');
  });

  it('CSV: one line per figure, totals included, quoted where needed, never a formula', () => {
    const report = sample();
    report.tables[0]!.rows[0]!.label = '=HYPERLINK("x")';
    const text = reportCsv(report).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    const cells = report.tables.reduce((n, t) => n + (t.rows.length + (t.total ? 1 : 0)) * t.columns.length, 0);
    expect(lines).toHaveLength(cells + 1);
    expect(lines).toContain('trafficking_grant,"Harbor, ""North""",2026-01-01,2026-03-31,clients_served,Clients served,people,total,Total,people,People,5');
    expect(lines.find((l) => l.includes(',clients_served,') && l.includes(',new,'))).toContain(`"'=HYPERLINK(""x"")"`);
    // The organization's name goes through the same rule: a formula is neutralized, and so is a sign
    // followed by anything but a phone number or a figure; a phone number is kept.
    expect(reportCsv({ ...report, organizationName: '@SUM(A1)' }).toString('utf8')).toContain(`,'@SUM(A1),`);
    expect(reportCsv({ ...report, organizationName: '-2 Harbor' }).toString('utf8')).toContain(`,'-2 Harbor,`);
    expect(reportCsv({ ...report, organizationName: '+1 555 0100' }).toString('utf8')).toContain(',+1 555 0100,');
  });

  it('XLSX: a workbook a spreadsheet opens, with the same figures', async () => {
    const report = sample();
    const buffer = await reportXlsx(report);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Report')!;
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual(['Trafficking-grant quarterly report']);
    const titleAt = values.findIndex((v) => v[0] === 'Clients served');
    expect(values[titleAt + 1]).toEqual(['', 'People']);
    expect(values[titleAt + 2]).toEqual(['New', 3]);
    expect(values[titleAt + 4]).toEqual(['Total', 5]);
    const voca = values.findIndex((v) => v[0] === 'Services delivered by VOCA category');
    expect(values[voca + 7]).toEqual(['Total', 3, 2, 7, 90]);
  });
});
