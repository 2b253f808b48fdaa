import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  CONTACT_CHANNELS,
  CONTACT_METHODS,
  EXPLOITATION_TYPES,
  GENDERS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  REPORT_LABOR_EXPLOITATION,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_INFO,
  SERVICE_TYPES,
  type FunderReportResponse,
  type ReportTableResponse,
} from '@lantern/contracts';
import request from 'supertest';
import { withTwoOrgWorld } from '../../testing/builders.js';
import { api, FIXTURE_PASSWORD, lastAudit, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { type TestApp } from '../../testing/test-app.js';

type Agent = Awaited<ReturnType<typeof signIn>>;

/** The period every check reports on: the first quarter of 2025, both days included. */
const FROM = '2025-01-01';
const TO = '2025-03-31';
const S = Date.parse('2025-01-01T00:00:00Z');
const E = Date.parse('2025-04-01T00:00:00Z');
const DAY = 86_400_000;
const MINUTE = 60_000;

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}

const iso = (ms: number): string => new Date(ms).toISOString();
const day = (ms: number): string => iso(ms).slice(0, 10);
/** A whole minute between two instants: the averages then compare exactly. */
const between = (rnd: ReturnType<typeof random>, from: number, to: number): number => Math.floor((from + rnd.next() * (to - from)) / MINUTE) * MINUTE;

/**
 * Writes a random but realistic program straight into the tables, around the period: cases opened before,
 * inside and after it, some closed on its very first instant, services (some voided, some on cases closed
 * before the period), referrals in every status, notes with and without contact, immigration relief.
 */
async function seedProgram(t: TestApp, org: OrgFixture, seed: number): Promise<void> {
  const rnd = random(seed);
  const cipher = t.app.get(FieldCipher);
  const caseworkers = [org.caseworker.id, org.caseworker2.id, null];
  await t.dataSource.transaction(async (m) => {
    for (let i = 0; i < 32; i++) {
      const survivorId = randomUUID();
      await m.query(`INSERT INTO survivor (id, organization_id, alias, birth_year, gender, citizenship) VALUES ($1, $2, $3, $4, $5, $6)`, [
        survivorId,
        org.organizationId,
        `Report ${seed}-${i}`,
        rnd.pick([null, 1955, 1966, 1990, 2001, 2007, 2012, 2016, 2030]),
        rnd.pick([...GENDERS, null]),
        rnd.pick([[], ['US'], ['MX'], ['US', 'MX'], ['PH']]),
      ]);
      for (let c = 0; c < rnd.int(1, 2); c++) {
        const caseId = randomUUID();
        // Edge instants first: opened on the period's first instant, closed on it, opened on the first instant after it.
        const edge = i * 2 + c;
        const openedAt = edge === 0 ? S : edge === 1 ? S - 30 * DAY : edge === 2 ? E : between(rnd, S - 200 * DAY, E + 60 * DAY);
        const closedAt = edge === 1 ? S : edge === 3 ? E - MINUTE : rnd.chance(0.5) ? between(rnd, openedAt + DAY, openedAt + 200 * DAY) : null;
        const types = rnd.chance(0.2) ? [] : [...new Set([rnd.pick(EXPLOITATION_TYPES), ...(rnd.chance(0.3) ? [rnd.pick(EXPLOITATION_TYPES)] : [])])];
        await m.query(
          `INSERT INTO survivor_case (id, organization_id, case_number, survivor_id, status, assigned_caseworker_id, exploitation_types, opened_at, closed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [caseId, org.organizationId, `RP-${seed}-${edge}`, survivorId, closedAt === null ? rnd.pick(['intake', 'active', 'on_hold']) : 'closed', rnd.pick(caseworkers), types, iso(openedAt), closedAt === null ? null : iso(closedAt)],
        );
        for (let n = 0; n < rnd.int(0, 3); n++) {
          // A real ciphertext: the worker's database is shared, and key rotation's test decrypts every note in it.
          const noteId = randomUUID();
          await m.query(
            `INSERT INTO case_note (id, organization_id, case_id, note_type, contact_method, body, occurred_at, author_id) VALUES ($1, $2, $3, 'contact', $4, $5, $6, $7)`,
            [noteId, org.organizationId, caseId, rnd.pick(CONTACT_METHODS), cipher.encrypt('Report note', { table: 'case_note', column: 'body', rowId: noteId }), iso(between(rnd, openedAt - 2 * DAY, openedAt + 40 * DAY)), org.caseworker.id],
          );
        }
        for (let r = 0; r < rnd.int(0, 2); r++) {
          const status = rnd.pick(REFERRAL_STATUSES);
          const outcome = status === 'completed' ? rnd.pick([...REFERRAL_OUTCOMES, null]) : null;
          await m.query(
            `INSERT INTO referral (organization_id, case_id, survivor_id, partner_org_id, service_type, status, sent_at, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [org.organizationId, caseId, survivorId, org.partnerOrg.id, rnd.pick(SERVICE_TYPES), status, status === 'draft' ? null : iso(between(rnd, openedAt, openedAt + 30 * DAY)), outcome],
          );
        }
        for (let d = 0; d < rnd.int(0, 3); d++) {
          const voided = rnd.chance(0.2);
          const units = rnd.chance(0.5) ? rnd.int(1, 9) : null;
          await m.query(
            `INSERT INTO service_delivery (organization_id, case_id, survivor_id, delivered_on, category, provider_kind, provider_user_id, units, duration_minutes, voided_at, void_reason)
             VALUES ($1, $2, $3, $4, $5, 'staff', $6, $7, $8, $9, $10)`,
            [
              org.organizationId, caseId, survivorId, day(between(rnd, openedAt - 10 * DAY, openedAt + 120 * DAY)), rnd.pick(SERVICE_CATEGORIES), org.caseworker.id,
              units, units === null || rnd.chance(0.5) ? rnd.int(5, 240) : null, voided ? iso(E) : null, voided ? 'Logged twice' : null,
            ],
          );
        }
        if (rnd.chance(0.5)) {
          const when = () => (rnd.chance(0.8) ? day(between(rnd, S - 60 * DAY, E + 30 * DAY)) : null);
          await m.query(
            `INSERT INTO immigration_relief (organization_id, case_id, survivor_id, t_visa_status, t_visa_applied_on, t_visa_decided_on, continued_presence_status,
               continued_presence_requested_on, continued_presence_decided_on, hhs_letter, hhs_letter_requested_on, hhs_letter_issued_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            [
              org.organizationId, caseId, survivorId, rnd.pick(['not_applied', 'applied', 'approved', 'denied']), when(), when(),
              rnd.pick(['not_requested', 'requested', 'granted', 'denied']), when(), when(), rnd.pick([null, 'certification', 'eligibility']), when(), when(),
            ],
          );
        }
        // A contact before this case (issue 17): the call she made, converted into the case, or linked to her.
        if (rnd.chance(0.4)) {
          const outcome = rnd.pick(['converted', 'linked'] as const);
          const voided = rnd.chance(0.15);
          await m.query(
            `INSERT INTO contact (organization_id, occurred_at, channel, staff_user_id, outcome, survivor_id, case_id, linked_at, voided_at, void_reason)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [org.organizationId, iso(between(rnd, openedAt - 20 * DAY, openedAt)), rnd.pick(CONTACT_CHANNELS), org.caseworker.id, outcome, survivorId, outcome === 'converted' ? caseId : null, iso(openedAt), voided ? iso(E) : null, voided ? 'Logged in error' : null],
          );
        }
      }
    }
    // Contacts that stayed contacts: anonymous calls, texts and outreach, some outside the period.
    for (let i = 0; i < 12; i++) {
      await m.query(`INSERT INTO contact (organization_id, occurred_at, channel, staff_user_id) VALUES ($1, $2, $3, $4)`, [
        org.organizationId,
        iso(i === 0 ? S : i === 1 ? E : between(rnd, S - 40 * DAY, E + 20 * DAY)),
        rnd.pick(CONTACT_CHANNELS),
        org.caseworker2.id,
      ]);
    }
  });
}

interface Rows {
  survivors: { id: string; birth_year: number | null; gender: string | null; citizenship: string[] }[];
  cases: { id: string; survivor_id: string; assigned_caseworker_id: string | null; exploitation_types: string[]; opened_at: Date; closed_at: Date | null }[];
  notes: { case_id: string; contact_method: string; occurred_at: Date }[];
  referrals: { case_id: string; service_type: string; status: string; outcome: string | null; sent_at: Date | null }[];
  services: { case_id: string; survivor_id: string; delivered_on: string; category: string; units: number | null; duration_minutes: number | null; voided_at: Date | null }[];
  relief: Record<string, string | null>[];
  contacts: { occurred_at: Date; channel: string; outcome: string; voided_at: Date | null }[];
}

async function rowsOf(t: TestApp, organizationId: string): Promise<Rows> {
  const q = <T>(sql: string) => t.dataSource.query(sql, [organizationId]) as Promise<T>;
  return {
    survivors: await q('SELECT id, birth_year, gender, citizenship FROM survivor WHERE organization_id = $1'),
    cases: await q('SELECT id, survivor_id, assigned_caseworker_id, exploitation_types, opened_at, closed_at FROM survivor_case WHERE organization_id = $1'),
    notes: await q('SELECT case_id, contact_method, occurred_at FROM case_note WHERE organization_id = $1'),
    referrals: await q('SELECT case_id, service_type, status, outcome, sent_at FROM referral WHERE organization_id = $1'),
    services: await q('SELECT case_id, survivor_id, delivered_on::text AS delivered_on, category, units, duration_minutes, voided_at FROM service_delivery WHERE organization_id = $1'),
    relief: await q(
      `SELECT survivor_id, t_visa_status, t_visa_applied_on::text, t_visa_decided_on::text, continued_presence_status, continued_presence_requested_on::text,
              continued_presence_decided_on::text, hhs_letter, hhs_letter_requested_on::text, hhs_letter_issued_on::text
       FROM immigration_relief WHERE organization_id = $1`,
    ),
    contacts: await q('SELECT occurred_at, channel, outcome, voided_at FROM contact WHERE organization_id = $1'),
  };
}

type Expected = Record<string, Record<string, (number | null)[]>>;
const bump = (into: Record<string, (number | null)[]>, key: string, values: number[]) => {
  const current = (into[key] ??= values.map(() => 0)) as number[];
  values.forEach((v, i) => (current[i]! += v));
};

/**
 * The figures of both reports counted from the rows in JavaScript, by the definitions of docs/reports.md,
 * without the report's SQL: what the report must say. Rows are keyed as the report keys them; only
 * non-zero rows are listed (the report's other rows must be zeros).
 */
function expectedFigures(rows: Rows): { trafficking: Expected; caseload: Expected; served: number } {
  const ms = (d: Date | null) => (d === null ? null : new Date(d).getTime());
  const overlaps = (c: Rows['cases'][number]) => ms(c.opened_at)! < E && (c.closed_at === null || ms(c.closed_at)! >= S);
  const liveServices = rows.services.filter((s) => s.voided_at === null && s.delivered_on >= FROM && s.delivered_on <= TO);
  const servicedCases = new Set(liveServices.map((s) => s.case_id));
  const servedCases = rows.cases.filter((c) => overlaps(c) || servicedCases.has(c.id));
  const people = new Map<string, Rows['cases']>();
  for (const c of servedCases) people.set(c.survivor_id, [...(people.get(c.survivor_id) ?? []), c]);
  const survivor = new Map(rows.survivors.map((s) => [s.id, s]));

  const t: Expected = {};
  for (const id of ['clients_served', 'age_group', 'gender', 'citizenship', 'trafficking_type', 'services_by_voca_category', 'services_by_pmt_service', 'immigration_relief', 'referrals_out']) t[id] = {};
  for (const [id, cases] of people) {
    const s = survivor.get(id)!;
    const continuing = cases.some((c) => ms(c.opened_at)! < S && (c.closed_at === null || ms(c.closed_at)! >= S));
    bump(t.clients_served!, continuing ? 'continuing' : 'new', [1]);
    const age = s.birth_year === null ? null : 2025 - s.birth_year;
    bump(t.age_group!, age === null || age < 0 ? 'not_recorded' : age <= 12 ? 'age_0_12' : age <= 17 ? 'age_13_17' : age <= 24 ? 'age_18_24' : age <= 59 ? 'age_25_59' : 'age_60_plus', [1]);
    bump(t.gender!, s.gender ?? 'not_recorded', [1]);
    bump(t.citizenship!, s.citizenship.length === 0 ? 'not_recorded' : s.citizenship.includes('US') ? 'us_citizen' : 'foreign_national', [1]);
    const types = new Set(cases.flatMap((c) => c.exploitation_types));
    const sex = types.has('SexualExploitation');
    const labor = [...types].some((x) => (REPORT_LABOR_EXPLOITATION as readonly string[]).includes(x));
    bump(t.trafficking_type!, sex && labor ? 'sex_and_labor' : sex ? 'sex' : labor ? 'labor' : types.size > 0 ? 'other' : 'not_recorded', [1]);
  }
  const serviceFigures = (list: typeof liveServices) => [list.length, new Set(list.map((s) => s.survivor_id)).size, list.reduce((n, s) => n + (s.units ?? 0), 0), list.reduce((n, s) => n + (s.duration_minutes ?? 0), 0)];
  for (const category of new Set(liveServices.map((s) => s.category))) {
    t.services_by_pmt_service![category] = serviceFigures(liveServices.filter((s) => s.category === category));
  }
  for (const voca of new Set(liveServices.map((s) => SERVICE_CATEGORY_INFO[s.category as keyof typeof SERVICE_CATEGORY_INFO].category))) {
    t.services_by_voca_category![voca] = serviceFigures(liveServices.filter((s) => SERVICE_CATEGORY_INFO[s.category as keyof typeof SERVICE_CATEGORY_INFO].category === voca));
  }
  t.services_by_voca_category!.total = serviceFigures(liveServices);
  t.services_by_pmt_service!.total = serviceFigures(liveServices);

  const inside = (d: string | null | undefined) => !!d && d >= FROM && d <= TO;
  const milestones: Record<string, (r: Record<string, string | null>) => boolean> = {
    t_visa_applied: (r) => inside(r.t_visa_applied_on),
    t_visa_approved: (r) => r.t_visa_status === 'approved' && inside(r.t_visa_decided_on),
    t_visa_denied: (r) => r.t_visa_status === 'denied' && inside(r.t_visa_decided_on),
    continued_presence_requested: (r) => inside(r.continued_presence_requested_on),
    continued_presence_granted: (r) => r.continued_presence_status === 'granted' && inside(r.continued_presence_decided_on),
    continued_presence_denied: (r) => r.continued_presence_status === 'denied' && inside(r.continued_presence_decided_on),
    hhs_certification_requested: (r) => r.hhs_letter === 'certification' && inside(r.hhs_letter_requested_on),
    hhs_certification_issued: (r) => r.hhs_letter === 'certification' && inside(r.hhs_letter_issued_on),
    hhs_eligibility_requested: (r) => r.hhs_letter === 'eligibility' && inside(r.hhs_letter_requested_on),
    hhs_eligibility_issued: (r) => r.hhs_letter === 'eligibility' && inside(r.hhs_letter_issued_on),
  };
  for (const [key, reached] of Object.entries(milestones)) {
    const n = new Set(rows.relief.filter(reached).map((r) => r.survivor_id)).size;
    if (n > 0) t.immigration_relief![key] = [n];
  }

  const outcomes = ['awaiting_response', 'in_service', 'served', 'not_served', 'declined', 'cancelled'];
  for (const r of rows.referrals.filter((r) => r.sent_at !== null && ms(r.sent_at)! >= S && ms(r.sent_at)! < E)) {
    const outcome =
      r.status === 'accepted' || r.status === 'in_progress' ? 'in_service'
      : r.status === 'completed' ? (r.outcome === 'not_served' ? 'not_served' : 'served')
      : r.status === 'declined' || r.status === 'cancelled' ? r.status
      : 'awaiting_response';
    const values = outcomes.map((o) => (o === outcome ? 1 : 0));
    bump(t.referrals_out!, r.service_type, [...values, 1]);
    bump(t.referrals_out!, 'total', [...values, 1]);
  }
  for (const id of ['clients_served', 'age_group', 'gender', 'citizenship', 'trafficking_type']) t[id]!.total = [people.size];

  // Contacts logged in the period, not voided: by where they led, one column per channel and the total.
  t.contacts = {};
  const channels = ['call', 'text', 'walk_in', 'outreach', 'other'];
  for (const c of rows.contacts.filter((c) => c.voided_at === null && ms(c.occurred_at)! >= S && ms(c.occurred_at)! < E)) {
    const values = [...channels.map((ch) => (ch === c.channel ? 1 : 0)), 1];
    bump(t.contacts, c.outcome, values);
    bump(t.contacts, 'total', values);
  }

  // The caseload: cases open at some moment of the period, by the caseworker they are assigned to now.
  const caseload: Expected[string] = {};
  const groups = new Map<string, Rows['cases']>();
  for (const c of rows.cases.filter(overlaps)) {
    for (const key of [c.assigned_caseworker_id ?? 'unassigned', 'program']) groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const average = (spans: number[]) => (spans.length === 0 ? null : Math.round((spans.reduce((a, b) => a + b, 0) / 1000 / spans.length / 86_400) * 10) / 10);
  for (const [key, cases] of groups) {
    const opened = cases.filter((c) => ms(c.opened_at)! >= S);
    const firstOf = (times: number[]) => (times.length === 0 ? null : Math.min(...times));
    const contacts = opened
      .map((c) => ({ c, at: firstOf(rows.notes.filter((n) => n.case_id === c.id && n.contact_method !== 'none').map((n) => ms(n.occurred_at)!)) }))
      .filter((x) => x.at !== null)
      .map((x) => Math.max(0, x.at! - ms(x.c.opened_at)!));
    const referrals = opened
      .map((c) => ({ c, at: firstOf(rows.referrals.filter((r) => r.case_id === c.id && r.sent_at !== null).map((r) => ms(r.sent_at)!)) }))
      .filter((x) => x.at !== null)
      .map((x) => Math.max(0, x.at! - ms(x.c.opened_at)!));
    caseload[key] = [
      cases.filter((c) => c.closed_at === null || ms(c.closed_at)! >= E).length,
      opened.length,
      cases.filter((c) => c.closed_at !== null && ms(c.closed_at)! >= S && ms(c.closed_at)! < E).length,
      contacts.length,
      average(contacts),
      referrals.length,
      average(referrals),
    ];
  }
  return { trafficking: t, caseload: { caseload }, served: people.size };
}

/** Every row and total of the report, by table and row key. */
function figuresOf(report: FunderReportResponse): Expected {
  const out: Expected = {};
  for (const table of report.tables) {
    out[table.id] = {};
    for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) out[table.id]![row.key] = row.values;
  }
  return out;
}

/** The report's figures equal the expected ones: listed rows exactly, every other row all zeros. */
function expectReconciled(report: FunderReportResponse, expected: Expected): void {
  const actual = figuresOf(report);
  for (const [tableId, rows] of Object.entries(expected)) {
    const table = actual[tableId];
    expect(table).toBeDefined();
    for (const [key, values] of Object.entries(rows)) expect({ tableId, key, values: table![key] }).toEqual({ tableId, key, values });
    for (const [key, values] of Object.entries(table!)) {
      if (!(key in rows)) expect({ tableId, key, values: values.filter((v) => v !== 0) }).toEqual({ tableId, key, values: [] });
    }
  }
}

/** The values of a CSV download, as `table|row|column` → value. */
function csvFigures(text: string): Map<string, number | null> {
  const lines = text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  const parse = (line: string): string[] => {
    const out: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted && ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        out.push(field);
        field = '';
      } else field += ch;
    }
    out.push(field);
    return out;
  };
  const header = parse(lines[0]!);
  const at = (name: string) => header.indexOf(name);
  return new Map(
    lines.slice(1).map((line) => {
      const f = parse(line);
      return [`${f[at('table')]}|${f[at('row')]}|${f[at('column')]}`, f[at('value')] === '' ? null : Number(f[at('value')])];
    }),
  );
}

function reportFigures(report: FunderReportResponse): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const table of report.tables as ReportTableResponse[]) {
    for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) table.columns.forEach((column, i) => out.set(`${table.id}|${row.key}|${column}`, row.values[i] ?? null));
  }
  return out;
}

/** Collects a binary answer (supertest buffers only text by default). */
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** Issue 16, part 2: funder reports with exact counts, on both databases. */
describe('funder reports', () => {
  const { t, org, other, as: { coordinator } } = withTwoOrgWorld(['coordinator']);
  let otherCoordinator: Agent;

  beforeAll(async () => {
    await seedProgram(t, org, 16);
    await seedProgram(t, other, 61);
    otherCoordinator = await signIn(t, other.coordinator);
  });

  const show = (agent: Agent, kind: string, query: Record<string, string>) => agent.get(api(`/reports/${kind}`)).query(query);
  const download = (agent: Agent, kind: string, query: Record<string, string>) => agent.get(api(`/reports/${kind}/download`)).query(query).buffer(true).parse(binary);

  it('trafficking-grant report: every figure and total equals an independent count of the rows, and nothing of another organization', async () => {
    const expected = expectedFigures(await rowsOf(t, org.organizationId));
    expect(expected.served).toBeGreaterThan(10);
    const res = await show(coordinator, 'trafficking-grant', { from: FROM, to: TO }).expect(200);
    const report = res.body as FunderReportResponse;
    expect(report).toMatchObject({ kind: 'trafficking_grant', from: FROM, to: TO, empty: false, message: null, organizationName: expect.stringMatching(/^Org /) });
    expectReconciled(report, expected.trafficking);
    // The program is rich enough that every table is tested on real figures, not on zeros.
    for (const id of ['clients_served', 'services_by_voca_category', 'referrals_out']) expect(expected.trafficking[id]!.total![0]).toBeGreaterThan(0);
    expect(Object.keys(expected.trafficking.contacts!)).toEqual(expect.arrayContaining(['contact_only', 'converted', 'linked', 'total']));
    expect(Object.keys(expected.trafficking.immigration_relief!).length).toBeGreaterThan(3);
    expect(Object.keys(expected.trafficking.clients_served!)).toEqual(expect.arrayContaining(['new', 'continuing']));

    // The totals agree with one another: every demographic table parts the same people.
    const totals = figuresOf(report);
    for (const id of ['age_group', 'gender', 'citizenship', 'trafficking_type']) expect(totals[id]!.total).toEqual(totals.clients_served!.total);
    expect(totals.services_by_voca_category!.total).toEqual(totals.services_by_pmt_service!.total);
    const sumOf = (id: string, column: number) => report.tables.find((x) => x.id === id)!.rows.reduce((n, r) => n + (r.values[column] as number), 0);
    expect(sumOf('services_by_pmt_service', 0)).toBe(totals.services_by_pmt_service!.total![0]);
    expect(sumOf('referrals_out', 6)).toBe(totals.referrals_out!.total![6]);

    // Another organization's report counts its own rows, never these.
    const elsewhere = (await show(otherCoordinator, 'trafficking-grant', { from: FROM, to: TO }).expect(200)).body as FunderReportResponse;
    expectReconciled(elsewhere, expectedFigures(await rowsOf(t, other.organizationId)).trafficking);
  });

  it('caseload report: per caseworker and for the whole program, each figure from the rows', async () => {
    const expected = expectedFigures(await rowsOf(t, org.organizationId));
    const report = (await show(coordinator, 'caseload', { from: FROM, to: TO }).expect(200)).body as FunderReportResponse;
    expect(report.empty).toBe(false);
    expectReconciled(report, expected.caseload);
    expect(expected.caseload.caseload!.program!.every((v) => v !== null && v > 0)).toBe(true);
    const table = report.tables[0]!;
    expect(table.rows.map((r) => r.key).filter((k) => k !== 'unassigned').sort()).toEqual([org.caseworker.id, org.caseworker2.id].sort());
    expect(table.rows.find((r) => r.key === org.caseworker.id)!.label).toBe(org.caseworker.displayName);
    // Counts add up over the caseworkers to the program's.
    for (const column of [0, 1, 2, 3, 5]) expect(table.rows.reduce((n, r) => n + (r.values[column] as number), 0)).toBe(table.total!.values[column]);
    const elsewhere = (await show(otherCoordinator, 'caseload', { from: FROM, to: TO }).expect(200)).body as FunderReportResponse;
    expectReconciled(elsewhere, expectedFigures(await rowsOf(t, other.organizationId)).caseload);
  });

  it('downloads carry the same figures: CSV line for line, XLSX a workbook with the totals', async () => {
    const report = (await show(coordinator, 'trafficking-grant', { from: FROM, to: TO }).expect(200)).body as FunderReportResponse;
    const csv = await download(coordinator, 'trafficking-grant', { from: FROM, to: TO, format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="lantern-trafficking-grant-${FROM}-to-${TO}.csv"`);
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csvFigures((csv.body as Buffer).toString('utf8'))).toEqual(reportFigures(report));
    expect(await lastAudit(t, org.coordinator.id, 'export')).toMatchObject({ subjectType: 'FunderReport', reason: `trafficking_grant ${FROM}..${TO} csv`, requestId: csv.headers['x-request-id'] });

    const xlsx = await download(coordinator, 'trafficking-grant', { from: FROM, to: TO, format: 'xlsx' }).expect(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="lantern-trafficking-grant-${FROM}-to-${TO}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.getWorksheet('Report')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const served = rows.findIndex((r) => r[0] === 'Clients served');
    expect(rows[served + 4]).toEqual(['Total', figuresOf(report).clients_served!.total![0]]);
    const services = rows.findIndex((r) => r[0] === 'Services delivered by VOCA category');
    expect(rows[services + 7]).toEqual(['Total', ...figuresOf(report).services_by_voca_category!.total!]);

    const caseload = (await show(coordinator, 'caseload', { from: FROM, to: TO }).expect(200)).body as FunderReportResponse;
    const caseloadCsv = await download(coordinator, 'caseload', { from: FROM, to: TO, format: 'csv' }).expect(200);
    expect(csvFigures((caseloadCsv.body as Buffer).toString('utf8'))).toEqual(reportFigures(caseload));
  });

  it('every run is audited: on screen as a read, a file as an export, each naming the report, the period and the tables', async () => {
    const res = await show(coordinator, 'caseload', { from: FROM, to: TO }).expect(200);
    expect(await lastAudit(t, org.coordinator.id, 'read')).toMatchObject({
      subjectType: 'FunderReport',
      subjectId: null,
      fields: ['caseload'],
      reason: `caseload ${FROM}..${TO} json`,
      requestId: res.headers['x-request-id'],
      organizationId: org.organizationId,
    });
  });

  it('needs a step-up within the last minutes, on screen and for a file', async () => {
    const agent = await signIn(t, org.admin);
    await show(agent, 'trafficking-grant', { from: FROM, to: TO }).expect(200);
    await t.dataSource.query(`UPDATE session SET step_up_at = step_up_at - interval '1 hour' WHERE user_id = $1`, [org.admin.id]);
    for (const res of [await show(agent, 'trafficking-grant', { from: FROM, to: TO }), await download(agent, 'caseload', { from: FROM, to: TO, format: 'xlsx' })]) {
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body instanceof Buffer ? res.body.toString('utf8') : JSON.stringify(res.body)).code).toBe('AUTH_STEP_UP_REQUIRED');
    }
    await agent.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
    await download(agent, 'caseload', { from: FROM, to: TO, format: 'xlsx' }).expect(200);
  });

  it('caseworkers, partner staff and analysts are refused, and leave no report behind', async () => {
    for (const person of [org.caseworker, org.caseworker2, org.partner, org.analyst]) {
      const agent = await signIn(t, person);
      for (const path of ['/reports/trafficking-grant', '/reports/caseload']) {
        expect((await agent.get(api(path)).query({ from: FROM, to: TO })).status).toBe(403);
        expect((await agent.get(api(`${path}/download`)).query({ from: FROM, to: TO, format: 'csv' })).status).toBe(403);
      }
      expect(await lastAudit(t, person.id, 'read')).toBeUndefined();
      expect(await lastAudit(t, person.id, 'export')).toBeUndefined();
    }
    await request(t.http).get(api('/reports/caseload')).query({ from: FROM, to: TO }).expect(401);
  });

  it('bad input: a 400 naming the field (missing, not a day, an end before its start, over 5 years, a format that is not one)', async () => {
    const fields = async (query: Record<string, string>, path = '/reports/trafficking-grant') => {
      const res = await coordinator.get(api(path)).query(query);
      expect(res.status).toBe(400);
      return Object.keys(res.body.errors ?? {}).sort();
    };
    expect(await fields({ to: TO })).toEqual(['from']);
    expect(await fields({ from: '2025-02-30', to: TO })).toEqual(['from']);
    expect(await fields({ from: FROM, to: 'next week' })).toEqual(['to']);
    expect(await fields({ from: TO, to: FROM })).toEqual(['to']);
    expect(await fields({ from: '2020-01-01', to: '2025-01-01' }, '/reports/caseload')).toEqual(['to']);
    expect(await fields({ from: FROM, to: TO, format: 'pdf' }, '/reports/caseload/download')).toEqual(['format']);
    expect(await fields({ from: FROM, to: TO }, '/reports/caseload/download')).toEqual(['format']);
    // Anything else in the query is refused, not ignored.
    expect((await coordinator.get(api('/reports/caseload')).query({ from: FROM, to: TO, organizationId: other.organizationId })).status).toBe(400);
    // Five years to the day before is the longest period.
    await show(coordinator, 'caseload', { from: '2020-04-01', to: TO }).expect(200);
  });

  it('a period with nothing in it: empty on screen with a sentence, and no file (422), never a file of zeros', async () => {
    const report = (await show(coordinator, 'trafficking-grant', { from: '2010-01-01', to: '2010-03-31' }).expect(200)).body as FunderReportResponse;
    expect(report).toMatchObject({ empty: true, message: expect.stringContaining('Nothing was recorded between 2010-01-01 and 2010-03-31') });
    expect((await show(coordinator, 'caseload', { from: '2010-01-01', to: '2010-03-31' }).expect(200)).body).toMatchObject({ empty: true });
    for (const [kind, format] of [['trafficking-grant', 'xlsx'], ['caseload', 'csv']] as const) {
      const res = await download(coordinator, kind, { from: '2010-01-01', to: '2010-03-31', format });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse((res.body as Buffer).toString('utf8'))).toMatchObject({ code: 'REPORT_PERIOD_EMPTY' });
      expect(res.headers['content-disposition']).toBeUndefined();
    }
    expect(await lastAudit(t, org.coordinator.id, 'export')).toMatchObject({ reason: 'caseload 2010-01-01..2010-03-31 csv refused: empty' });
  });
});
