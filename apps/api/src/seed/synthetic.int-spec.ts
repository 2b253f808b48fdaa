import { nameTokens, BlindIndex } from '../crypto/blind-index.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { SURVIVOR_COLUMN } from '../survivors/survivor-fields.js';
import { riskLevelOf, SURVIVOR_PII_FIELDS, type RiskAnswers } from '@lantern/contracts';
import { api, createOrgFixture, signIn, type OrgFixture } from '../testing/fixtures.js';
import { createSurvivorWithCase } from '../testing/records.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { createSyntheticFaker, generateCases, type SyntheticCaseBundle, type SyntheticOrg } from './synthetic.js';
import { loadSyntheticCases, type BulkLoadResult } from './synthetic-loader.js';

const N = 60;
const SEED = 4242;

interface CaseRow {
  id: string;
  case_number: string;
  survivor_id: string;
  status: string;
  assigned_caseworker_id: string;
  assigned_at: Date;
  risk_level: string | null;
  opened_at: Date;
  closed_at: Date | null;
  last_contact_at: Date | null;
}

describe('synthetic data generator (real database)', () => {
  let t: TestApp;
  let org: OrgFixture;
  let sorg: SyntheticOrg;
  let cipher: FieldCipher;
  let blindIndex: BlindIndex;
  let loaded: BulkLoadResult;
  /** The same seed, organization and time regenerated in memory: what the database must hold, in clear. */
  let expected: SyntheticCaseBundle[];
  /** Synthetic cases, oldest first (= generation order). */
  let cases: CaseRow[];
  let apiCaseNumber: string;
  const now = new Date();
  const year = now.getUTCFullYear();
  const progress: number[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrgFixture(t.dataSource);
    cipher = new FieldCipher(t.config);
    blindIndex = new BlindIndex(t.config);
    // A case opened through the API first: the synthetic numbers must continue its counter.
    const cw = await signIn(t, org.caseworker);
    const first = await createSurvivorWithCase(cw);
    apiCaseNumber = first.kase.caseNumber as string;

    sorg = { organizationId: org.organizationId, caseworkerIds: [org.caseworker.id, org.caseworker2.id], partnerOrgIds: [org.partnerOrg.id, org.partnerOrg2.id] };
    loaded = await loadSyntheticCases(t.dataSource, t.config, { org: org.slug, cases: N, seed: SEED, now, batchSize: 25, onProgress: (d) => progress.push(d) });
    expected = generateCases(createSyntheticFaker(SEED), sorg, N, now);
    cases = await t.dataSource.query(`SELECT * FROM survivor_case WHERE organization_id = $1 AND id <> $2 ORDER BY opened_at, case_number`, [
      org.organizationId,
      first.kase.id,
    ]);
  });
  afterAll(() => t.close());

  it('writes exactly N cases, survivors, intakes and initial assignments, in batches with progress', async () => {
    expect(loaded.cases).toBe(N);
    expect(cases).toHaveLength(N);
    expect(progress).toEqual([25, 50, 60]);
    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM survivor WHERE organization_id = $1)::int AS survivors,
              (SELECT count(*) FROM intake WHERE organization_id = $1)::int AS intakes,
              (SELECT count(*) FROM case_assignment WHERE organization_id = $1)::int AS assignments,
              (SELECT count(*) FROM consent WHERE organization_id = $1)::int AS consents,
              (SELECT count(*) FROM case_note WHERE organization_id = $1)::int AS notes`,
      [org.organizationId],
    );
    // +1: the case opened through the API.
    expect(counts).toEqual({ survivors: N + 1, intakes: N, assignments: N + 1, consents: loaded.consents, notes: loaded.notes });
    expect(loaded.consents).toBeGreaterThanOrEqual(N);
    expect(loaded.notes).toBeGreaterThanOrEqual(N);

    const assignments: { case_id: string; to_user_id: string; assigned_at: Date; from_user_id: string | null }[] = await t.dataSource.query(
      'SELECT case_id, to_user_id, assigned_at, from_user_id FROM case_assignment WHERE organization_id = $1',
      [org.organizationId],
    );
    const byCase = new Map(assignments.map((a) => [a.case_id, a]));
    for (const c of cases) {
      expect(sorg.caseworkerIds).toContain(c.assigned_caseworker_id);
      expect(byCase.get(c.id)).toMatchObject({ to_user_id: c.assigned_caseworker_id, from_user_id: null, assigned_at: c.opened_at });
      expect(c.assigned_at).toEqual(c.opened_at);
    }
    // Spread over both caseworkers.
    expect(new Set(cases.map((c) => c.assigned_caseworker_id)).size).toBe(2);
  });

  it('numbers cases uniquely per year, in order of opening, continuing the counter the API uses', async () => {
    const numbers = cases.map((c) => c.case_number);
    expect(new Set([...numbers, apiCaseNumber]).size).toBe(N + 1);
    for (const c of cases) expect(c.case_number).toMatch(new RegExp(`^LN-${c.opened_at.getUTCFullYear()}-\\d{5}$`));
    const counters: { year: number; last_value: number }[] = await t.dataSource.query('SELECT year, last_value FROM case_number_counter WHERE organization_id = $1', [
      org.organizationId,
    ]);
    for (const { year: y, last_value } of counters) {
      const values = cases.filter((c) => c.opened_at.getUTCFullYear() === y).map((c) => Number(c.case_number.slice(-5)));
      // Consecutive within the year and following time; the API's case took number 1 of this year.
      const start = y === year ? 2 : 1;
      expect(values).toEqual(values.map((_, i) => start + i));
      expect(last_value).toBe(start + values.length - 1);
    }
    expect(apiCaseNumber).toBe(`LN-${year}-00001`);

    // The next case opened through the API continues the sequence.
    const cw = await signIn(t, org.caseworker2);
    const next = await createSurvivorWithCase(cw);
    const thisYear = counters.find((c) => c.year === year)!.last_value;
    expect(next.kase.caseNumber).toBe(`LN-${year}-${String(thisYear + 1).padStart(5, '0')}`);
  });

  it('stores every survivor PII column as ciphertext that decrypts back to the generated value', async () => {
    const survivors: Record<string, unknown>[] = await t.dataSource.query(`SELECT * FROM survivor WHERE id = ANY($1::uuid[])`, [cases.map((c) => c.survivor_id)]);
    const byId = new Map(survivors.map((s) => [s.id as string, s]));
    cases.forEach((c, i) => {
      const raw = byId.get(c.survivor_id)!;
      const want = expected[i]!.survivor;
      expect(raw.alias).toBe(want.alias);
      expect(raw.birth_year).toBe(want.birthYear);
      expect(raw.legal_name).not.toBeNull();
      for (const field of SURVIVOR_PII_FIELDS) {
        const value = raw[SURVIVOR_COLUMN[field]] as string | null;
        expect(value === null ? null : cipher.decrypt(value, { table: 'survivor', column: SURVIVOR_COLUMN[field], rowId: c.survivor_id })).toBe(want[field]);
        if (value !== null) expect(value).toMatch(/^v1\.t1\./);
      }
    });
  });

  it('keeps generated names, e-mails and phone numbers out of every raw column of survivor, intake and case_note', async () => {
    const ids = { cases: cases.map((c) => c.id), survivors: cases.map((c) => c.survivor_id) };
    const rows: { row: string }[] = [
      ...(await t.dataSource.query('SELECT s::text AS row FROM survivor s WHERE id = ANY($1::uuid[])', [ids.survivors])),
      ...(await t.dataSource.query('SELECT i::text AS row FROM intake i WHERE case_id = ANY($1::uuid[])', [ids.cases])),
      ...(await t.dataSource.query('SELECT n::text AS row FROM case_note n WHERE case_id = ANY($1::uuid[])', [ids.cases])),
      ...(await t.dataSource.query('SELECT c::text AS row FROM survivor_case c WHERE id = ANY($1::uuid[])', [ids.cases])),
    ];
    const dump = rows.map((r) => r.row.toLowerCase()).join('\n');
    const secrets = expected.flatMap((b) => [b.survivor.legalName, b.survivor.email, b.survivor.phone, b.survivor.address].filter((v): v is string => v !== null));
    expect(secrets.length).toBeGreaterThan(N);
    for (const secret of secrets) expect(dump).not.toContain(secret.toLowerCase());
    // The free text is encrypted too, bound to its row.
    const intakes: { id: string; narrative: string | null }[] = await t.dataSource.query('SELECT id, narrative FROM intake WHERE case_id = ANY($1::uuid[])', [ids.cases]);
    const narratives = intakes.filter((i) => i.narrative !== null);
    expect(narratives.length).toBeGreaterThan(N / 2);
    for (const i of narratives) expect(cipher.decrypt(i.narrative!, { table: 'intake', column: 'narrative', rowId: i.id })).toMatch(/fictional|invented|synthetic/i);
    const notes: { id: string; body: string }[] = await t.dataSource.query('SELECT id, body FROM case_note WHERE case_id = ANY($1::uuid[])', [ids.cases]);
    for (const n of notes) expect(cipher.decrypt(n.body, { table: 'case_note', column: 'body', rowId: n.id })).toMatch(/^\[Synthetic\] /);
  });

  it('indexes names blindly: a generated survivor is found by family name and birth year', async () => {
    for (const i of [0, Math.floor(N / 2), N - 1]) {
      const want = expected[i]!.survivor;
      const family = want.legalName.split(' ').at(-1)!;
      const entries = nameTokens(family).map((token) => blindIndex.entry(token, want.birthYear));
      const found: { id: string }[] = await t.dataSource.query(
        'SELECT id FROM survivor WHERE organization_id = $1 AND name_index @> $2::varchar[] AND birth_year = $3',
        [org.organizationId, entries, want.birthYear],
      );
      expect(found.map((r) => r.id)).toContain(cases[i]!.survivor_id);
    }
    // And through the API, by the caseworker the case is assigned to.
    const c = cases[N - 1]!;
    const want = expected[N - 1]!.survivor;
    const user = c.assigned_caseworker_id === org.caseworker.id ? org.caseworker : org.caseworker2;
    const agent = await signIn(t, user);
    const res = await agent.post(api('/survivors/search')).send({ lastName: want.legalName.split(' ').at(-1), birthYear: want.birthYear }).expect(200);
    expect(res.body.matches.map((m: { id: string }) => m.id)).toContain(c.survivor_id);
  });

  it('derives every intake risk level from its answers, and the case carries the submitted one', async () => {
    const intakes: { case_id: string; status: string; risk_screening: RiskAnswers | null; risk_level: string | null; intake_date: string; submitted_at: Date | null }[] =
      await t.dataSource.query(`SELECT case_id, status, risk_screening, risk_level, intake_date::text, submitted_at FROM intake WHERE case_id = ANY($1::uuid[])`, [
        cases.map((c) => c.id),
      ]);
    expect(intakes).toHaveLength(N);
    expect(intakes.filter((i) => i.status === 'submitted').length).toBeGreaterThan(N / 2);
    const byCase = new Map(cases.map((c) => [c.id, c]));
    for (const i of intakes) {
      const kase = byCase.get(i.case_id)!;
      expect(i.risk_level).toBe(i.risk_screening ? riskLevelOf(i.risk_screening) : null);
      if (i.status === 'submitted') {
        expect(i.risk_screening).not.toBeNull();
        expect(kase.risk_level).toBe(i.risk_level);
        expect(i.submitted_at!.getTime()).toBeGreaterThanOrEqual(kase.opened_at.getTime());
      }
      // Intake date: no later than a week after the opening.
      expect(Date.parse(i.intake_date)).toBeLessThanOrEqual(kase.opened_at.getTime() + 8 * 86_400_000);
    }
  });

  it('dates notes, consents and status changes within the life of their case, and tracks the last contact', async () => {
    const notes: { case_id: string; occurred_at: Date; contact_method: string }[] = await t.dataSource.query(
      'SELECT case_id, occurred_at, contact_method FROM case_note WHERE case_id = ANY($1::uuid[])',
      [cases.map((c) => c.id)],
    );
    const changes: { case_id: string; to_status: string; changed_at: Date }[] = await t.dataSource.query(
      'SELECT case_id, to_status, changed_at FROM case_status_change WHERE case_id = ANY($1::uuid[]) ORDER BY changed_at',
      [cases.map((c) => c.id)],
    );
    const consents: { case_id: string; granted_at: Date; revoked_at: Date | null; purpose: string; partner_org_id: string | null }[] = await t.dataSource.query(
      'SELECT case_id, granted_at, revoked_at, purpose, partner_org_id FROM consent WHERE case_id = ANY($1::uuid[])',
      [cases.map((c) => c.id)],
    );
    for (const c of cases) {
      const end = (c.closed_at ?? now).getTime();
      expect(c.status === 'closed').toBe(c.closed_at !== null);
      const own = notes.filter((n) => n.case_id === c.id);
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(8);
      for (const n of own) {
        expect(n.occurred_at.getTime()).toBeGreaterThanOrEqual(c.opened_at.getTime());
        expect(n.occurred_at.getTime()).toBeLessThanOrEqual(end);
      }
      const contacts = own.filter((n) => n.contact_method !== 'none').map((n) => n.occurred_at.getTime());
      expect(c.last_contact_at?.getTime() ?? null).toBe(contacts.length ? Math.max(...contacts) : null);

      const path = changes.filter((s) => s.case_id === c.id);
      expect(path.at(-1)?.to_status ?? 'intake').toBe(c.status);
      for (const s of path) expect(s.changed_at.getTime()).toBeLessThanOrEqual(end);
      if (c.closed_at) expect(path.at(-1)!.changed_at).toEqual(c.closed_at);

      const granted = consents.filter((k) => k.case_id === c.id);
      expect(granted.length).toBeGreaterThanOrEqual(1);
      expect(granted.length).toBeLessThanOrEqual(4);
      expect(granted.map((k) => k.purpose)).toContain('services');
      for (const k of granted) {
        expect(k.granted_at.getTime()).toBeGreaterThanOrEqual(c.opened_at.getTime());
        if (k.revoked_at) expect(k.revoked_at.getTime()).toBeGreaterThan(k.granted_at.getTime());
        if (k.purpose === 'share_with_partner') expect(sorg.partnerOrgIds).toContain(k.partner_org_id);
      }
    }
  });

  it('is deterministic: the same seed gives the same aliases (and a different seed others)', () => {
    const again = generateCases(createSyntheticFaker(SEED), sorg, N, new Date(now.getTime() + 86_400_000));
    expect(again.map((b) => b.survivor.alias)).toEqual(expected.map((b) => b.survivor.alias));
    const other = generateCases(createSyntheticFaker(SEED + 1), sorg, N, now);
    expect(other.map((b) => b.survivor.alias)).not.toEqual(expected.map((b) => b.survivor.alias));
  });

  it('records the load with one audit event, not one per row', async () => {
    const events: { action: string; subject_id: string; fields: string[]; actor_id: string | null }[] = await t.dataSource.query(
      `SELECT action, subject_id, fields, actor_id FROM audit_event WHERE organization_id = $1 AND subject_type = 'SyntheticData'`,
      [org.organizationId],
    );
    expect(events).toEqual([expect.objectContaining({ action: 'create', subject_id: loaded.runId, actor_id: null })]);
    expect(events[0]!.fields).toEqual(expect.arrayContaining(['Survivor', 'Case', 'Intake', 'Consent', 'CaseNote']));
  });
});
