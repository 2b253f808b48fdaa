import type { FunderReportResponse } from '@lantern/contracts';
import request from 'supertest';
import { nameTokens, BlindIndex } from '../kernel/crypto/blind-index.js';
import { FieldCipher } from '../kernel/crypto/field-cipher.js';
import { consentCoverage } from '../features/consents/index.js';
import { SURVIVOR_COLUMN } from '../case-file/survivor-fields.js';
import {
  ASSESSMENT_DUE_DAYS,
  CLOSURE_REASONS,
  HMIS_LIVING_ONLY,
  HMIS_LIVING_SITUATIONS,
  OPEN_REFERRAL_STATUSES,
  REFERRAL_RESPONSE_HOURS,
  REFERRAL_TRANSITIONS,
  riskLevelOf,
  SURVIVOR_PII_FIELDS,
  type ReferralStatus,
  type RiskAnswers,
} from '@lantern/contracts';
import { withOrgWorld } from '../testing/builders.js';
import { api, freshIp, signIn } from '../testing/fixtures.js';
import { createSurvivorWithCase } from '../testing/records.js';
import { preparedScratch, type ScratchDatabase } from '../testing/scratch-database.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { DEMO_PASSWORD } from './demo-seed.js';
import { createSyntheticFaker, generateCases, type SyntheticCaseBundle, type SyntheticOrg } from '@lantern/synthetic';
import { loadSyntheticCases, resolveSyntheticOrg, type BulkLoadResult } from './synthetic-loader.js';

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

interface ReferralRow {
  id: string;
  organization_id: string;
  case_id: string;
  survivor_id: string;
  partner_org_id: string;
  service_type: string;
  urgency: string;
  reason: string | null;
  shared_fields: string[];
  status: ReferralStatus;
  created_at: Date;
  updated_at: Date;
  created_by: string;
  version: number;
  sent_at: Date | null;
  responded_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  decline_reason: string | null;
  suggested_partner_org_id: string | null;
  consent_id: string | null;
  consent_override_reason: string | null;
  outcome_note: string | null;
  overdue_notified_at: Date | null;
}

interface TransitionRow {
  referral_id: string;
  from_status: ReferralStatus | null;
  to_status: ReferralStatus;
  reason: string | null;
  actor_id: string;
  actor_role: string;
  occurred_at: Date;
  user_role: string | null;
  user_partner_org_id: string | null;
}

const HOUR = 3_600_000;

/** Lists what is wrong over many rows: one expect instead of thousands. */
function problems<T>(rows: readonly T[], check: (row: T, fail: (what: string) => void) => void): string[] {
  const out: string[] = [];
  for (const row of rows) check(row, (what) => out.push(what));
  return out.slice(0, 10);
}

describe('synthetic data generator (real database)', () => {
  const { t, org } = withOrgWorld([]);
  let sorg: SyntheticOrg;
  let cipher: FieldCipher;
  let blindIndex: BlindIndex;
  let loaded: BulkLoadResult;
  /** The same seed, organization and time regenerated in memory: what the database must hold, in clear. */
  let expected: SyntheticCaseBundle[];
  /** Synthetic cases, oldest first (= generation order). */
  let cases: CaseRow[];
  let referrals: ReferralRow[];
  let transitions: Map<string, TransitionRow[]>;
  let apiCaseNumber: string;
  /** The app's time, from its one test clock (testing/test-clock.ts), read once the app is up. */
  let now: Date;
  let year: number;
  const progress: number[] = [];

  beforeAll(async () => {
    now = t.clock.now();
    year = now.getUTCFullYear();
    cipher = new FieldCipher(t.config);
    blindIndex = new BlindIndex(t.config);
    // A case opened through the API first: the synthetic numbers must continue its counter.
    const cw = await signIn(t, org.caseworker);
    const first = await createSurvivorWithCase(cw);
    apiCaseNumber = first.kase.caseNumber as string;

    loaded = await loadSyntheticCases(t.dataSource, t.config, { org: org.slug, cases: N, seed: SEED, now, batchSize: 25, onProgress: (d) => progress.push(d) });
    // The organization as the loader saw it: caseworkers, the coordinator, both partners and the partner user.
    sorg = await resolveSyntheticOrg(t.dataSource.manager, org.slug);
    expected = generateCases(createSyntheticFaker(SEED), sorg, N, now);
    cases = await t.dataSource.query(`SELECT * FROM survivor_case WHERE organization_id = $1 AND id <> $2 ORDER BY opened_at, case_number`, [
      org.organizationId,
      first.kase.id,
    ]);
    referrals = await t.dataSource.query('SELECT * FROM referral WHERE organization_id = $1 ORDER BY created_at', [org.organizationId]);
    const steps: TransitionRow[] = await t.dataSource.query(
      `SELECT t.referral_id, t.from_status, t.to_status, t.reason, t.actor_id, t.actor_role, t.occurred_at, u.role AS user_role, u.partner_org_id AS user_partner_org_id
         FROM referral_transition t LEFT JOIN app_user u ON u.id = t.actor_id AND u.organization_id = t.organization_id
        WHERE t.organization_id = $1 ORDER BY t.occurred_at`,
      [org.organizationId],
    );
    transitions = new Map();
    for (const step of steps) transitions.set(step.referral_id, [...(transitions.get(step.referral_id) ?? []), step]);
  });

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
      ...(await t.dataSource.query('SELECT r::text AS row FROM referral r WHERE case_id = ANY($1::uuid[])', [ids.cases])),
      ...(await t.dataSource.query('SELECT t::text AS row FROM referral_transition t JOIN referral r ON r.id = t.referral_id WHERE r.case_id = ANY($1::uuid[])', [ids.cases])),
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

      // Up to four of the case's own, and those recorded for its referrals.
      const forReferrals = new Set(referrals.filter((r) => r.case_id === c.id && r.consent_id).map((r) => r.consent_id));
      const granted = consents.filter((k) => k.case_id === c.id);
      expect(granted.length).toBeGreaterThanOrEqual(1);
      expect(granted.length).toBeLessThanOrEqual(4 + forReferrals.size);
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
    expect(events[0]!.fields).toEqual(
      expect.arrayContaining(['Survivor', 'Case', 'Intake', 'Consent', 'CaseNote', 'Referral', 'ReferralTransition', 'ServicePlan', 'ServicePlanVersion', 'Goal', 'Task', 'OutcomeAssessment']),
    );
  });

  it('loads the referrals of each case as generated, for its survivor, to partners offering the service', async () => {
    expect(referrals).toHaveLength(loaded.referrals);
    expect(loaded.referrals).toBeGreaterThan(N * 2);
    expect([...transitions.values()].reduce((sum, steps) => sum + steps.length, 0)).toBe(loaded.referralTransitions);
    // The same seed, organization and time give the same referrals.
    cases.forEach((c, i) => {
      const stored = referrals.filter((r) => r.case_id === c.id).map((r) => [r.service_type, r.urgency, r.status, r.created_at.getTime()]);
      const want = [...expected[i]!.referrals].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      expect(stored).toEqual(want.map((r) => [r.serviceType, r.urgency, r.status, r.createdAt.getTime()]));
    });
    const partners: { id: string; service_types: string[] }[] = await t.dataSource.query('SELECT id, service_types FROM partner_org WHERE organization_id = $1', [
      org.organizationId,
    ]);
    const offers = new Map(partners.map((p) => [p.id, p.service_types]));
    const byCase = new Map(cases.map((c) => [c.id, c]));
    expect(
      problems(referrals, (r, fail) => {
        const kase = byCase.get(r.case_id);
        if (!kase) return fail(`referral ${r.id} of an unknown case`);
        if (r.survivor_id !== kase.survivor_id) fail(`referral ${r.id}: not the case's survivor`);
        if (!offers.get(r.partner_org_id)?.includes(r.service_type)) fail(`referral ${r.id}: partner does not offer ${r.service_type}`);
        if (r.suggested_partner_org_id && (r.status !== 'declined' || !offers.get(r.suggested_partner_org_id)?.includes(r.service_type))) fail(`referral ${r.id}: suggestion`);
        if (r.created_by !== kase.assigned_caseworker_id) fail(`referral ${r.id}: not requested by the case's caseworker`);
      }),
    ).toEqual([]);
    for (const status of ['completed', 'declined', 'cancelled', 'in_progress'] as const) expect(referrals.some((r) => r.status === status)).toBe(true);
  });

  it('walks every referral from draft along the state machine, one transition per step, by people of the right role', () => {
    const byCase = new Map(cases.map((c) => [c.id, c]));
    expect(
      problems(referrals, (r, fail) => {
        const steps = transitions.get(r.id) ?? [];
        // Follow the chain by its links (timestamps may tie).
        let status: ReferralStatus | null = null;
        for (let i = 0; i < steps.length; i++) {
          const next = steps.find((s) => s.from_status === status);
          if (!next) return fail(`referral ${r.id}: no step from ${status}`);
          if (status === null ? next.to_status !== 'draft' : !REFERRAL_TRANSITIONS[status].includes(next.to_status)) fail(`referral ${r.id}: ${status} → ${next.to_status}`);
          const role = next.actor_role;
          if (next.user_role !== role) fail(`referral ${r.id}: actor is not a ${role} of the organization`);
          if (next.to_status === 'draft' && next.actor_id !== byCase.get(r.case_id)!.assigned_caseworker_id) fail(`referral ${r.id}: draft not by the caseworker`);
          if (next.to_status === 'sent' && role !== 'coordinator') fail(`referral ${r.id}: sent by ${role}`);
          if (next.to_status === 'cancelled' && role !== 'coordinator' && !(status === 'draft' && role === 'caseworker')) fail(`referral ${r.id}: cancelled by ${role}`);
          if (['accepted', 'declined', 'in_progress', 'completed'].includes(next.to_status)) {
            // The partner's own staff answer when the partner has a Lantern account; a coordinator records it otherwise.
            const want = r.partner_org_id === org.partnerOrg.id ? 'partner' : 'coordinator';
            if (role !== want) fail(`referral ${r.id}: ${next.to_status} by ${role}`);
            if (role === 'partner' && next.user_partner_org_id !== r.partner_org_id) fail(`referral ${r.id}: answered by another partner's staff`);
          }
          if ((next.to_status === 'declined' || next.to_status === 'cancelled') && !next.reason) fail(`referral ${r.id}: ${next.to_status} without a reason`);
          status = next.to_status;
        }
        if (status !== r.status) fail(`referral ${r.id}: steps end at ${status}, row says ${r.status}`);
        if (r.version !== steps.length + (r.overdue_notified_at ? 1 : 0)) fail(`referral ${r.id}: version ${r.version}`);
      }),
    ).toEqual([]);
  });

  it('keeps referral timestamps consistent with the steps, the case and now', () => {
    const byCase = new Map(cases.map((c) => [c.id, c]));
    const end = now.getTime() + 1000;
    expect(
      problems(referrals, (r, fail) => {
        const kase = byCase.get(r.case_id)!;
        const steps = transitions.get(r.id) ?? [];
        const at = (to: string) => steps.find((s) => s.to_status === to)?.occurred_at.getTime() ?? null;
        const same = (value: Date | null, want: number | null, what: string) => (value?.getTime() ?? null) !== want && fail(`referral ${r.id}: ${what}`);
        same(r.created_at, at('draft'), 'created_at');
        same(r.sent_at, at('sent'), 'sent_at');
        same(r.responded_at, at('accepted') ?? at('declined'), 'responded_at');
        same(r.started_at, at('in_progress'), 'started_at');
        same(r.completed_at, at('completed'), 'completed_at');
        same(r.cancelled_at, at('cancelled'), 'cancelled_at');
        const times = [r.created_at, r.sent_at, r.responded_at, r.started_at, r.completed_at, r.cancelled_at].filter((d): d is Date => d !== null).map((d) => d.getTime());
        const limit = kase.closed_at?.getTime() ?? end;
        if (times.some((x) => x < kase.opened_at.getTime() || x > limit)) fail(`referral ${r.id}: outside the life of the case`);
        if (r.sent_at && r.responded_at && r.responded_at < r.sent_at) fail(`referral ${r.id}: answered before sent`);
        if (r.started_at && r.responded_at && r.started_at < r.responded_at) fail(`referral ${r.id}: started before accepted`);
        if (r.completed_at && r.started_at && r.completed_at < r.started_at) fail(`referral ${r.id}: completed before started`);
        if (r.updated_at.getTime() > end || r.updated_at.getTime() < Math.max(...times)) fail(`referral ${r.id}: updated_at`);
        if (kase.status === 'closed' && OPEN_REFERRAL_STATUSES.includes(r.status)) fail(`referral ${r.id}: ${r.status} on a closed case`);
        if ((r.decline_reason !== null) !== (r.status === 'declined')) fail(`referral ${r.id}: decline reason`);
        if ((r.outcome_note !== null) !== (r.status === 'completed')) fail(`referral ${r.id}: outcome note`);
        if (r.overdue_notified_at) {
          const notified = r.overdue_notified_at.getTime();
          const answered = steps.find((s) => s.from_status === 'sent')?.occurred_at.getTime() ?? end;
          if (notified < r.sent_at!.getTime() + REFERRAL_RESPONSE_HOURS * HOUR || notified > answered) fail(`referral ${r.id}: overdue notice`);
        }
      }),
    ).toEqual([]);
  });

  it('stores the reason and the outcome note as ciphertext bound to the referral', () => {
    const withReason = referrals.filter((r) => r.reason !== null);
    const withOutcome = referrals.filter((r) => r.outcome_note !== null);
    expect(withReason.length).toBeGreaterThan(referrals.length / 2);
    expect(withOutcome.length).toBeGreaterThan(0);
    for (const r of withReason) {
      expect(r.reason).toMatch(/^v1\.t1\./);
      expect(cipher.decrypt(r.reason!, { table: 'referral', column: 'reason', rowId: r.id })).toMatch(/^\[Synthetic\] /);
    }
    for (const r of withOutcome) {
      expect(r.outcome_note).toMatch(/^v1\.t1\./);
      expect(cipher.decrypt(r.outcome_note!, { table: 'referral', column: 'outcome_note', rowId: r.id })).toMatch(/^\[Synthetic\] /);
    }
    // Bound to row and column: moved elsewhere, it does not decrypt.
    const [a, b] = withReason;
    expect(() => cipher.decrypt(a!.reason!, { table: 'referral', column: 'reason', rowId: b!.id })).toThrow();
    expect(() => cipher.decrypt(a!.reason!, { table: 'referral', column: 'outcome_note', rowId: a!.id })).toThrow();
  });

  it('sends every referral under a live consent covering its fields, or with a coordinator override reason', async () => {
    const sent = referrals.filter((r) => r.sent_at !== null);
    expect(sent.length).toBeGreaterThan(N);
    const wrong: string[] = [];
    for (const r of sent) {
      const sentStep = transitions.get(r.id)!.find((s) => s.to_status === 'sent')!;
      if (r.consent_override_reason) {
        if (sentStep.reason !== `consent override: ${r.consent_override_reason}`) wrong.push(`referral ${r.id}: override not on the transition`);
        continue;
      }
      // At the moment of sending: consents in force then (a consent revoked later still covered it then).
      const [then] = await t.dataSource.query(
        `SELECT coalesce(array_agg(DISTINCT f), '{}') AS fields FROM consent c, unnest(c.shared_fields) f
          WHERE c.survivor_id = $1 AND c.partner_org_id = $2 AND c.purpose = 'share_with_partner' AND c.granted_at <= $3
            AND (c.revoked_at IS NULL OR c.revoked_at > $3) AND (c.expires_at IS NULL OR c.expires_at > $3)`,
        [r.survivor_id, r.partner_org_id, r.sent_at],
      );
      const missingThen = r.shared_fields.filter((f) => !(then.fields as string[]).includes(f));
      if (missingThen.length > 0) wrong.push(`referral ${r.id}: ${missingThen.join(', ')} not covered when sent`);
      // For a referral still open, the application's own gate now.
      if (OPEN_REFERRAL_STATUSES.includes(r.status)) {
        const coverage = await consentCoverage(t.dataSource.manager, r.survivor_id, r.partner_org_id, now);
        const missing = r.shared_fields.filter((f) => !coverage.covered.has(f as never));
        if (missing.length > 0) wrong.push(`referral ${r.id}: ${missing.join(', ')} not covered now`);
      }
      const [consent] = await t.dataSource.query('SELECT survivor_id, partner_org_id, purpose, shared_fields FROM consent WHERE id = $1', [r.consent_id]);
      if (!consent || consent.survivor_id !== r.survivor_id || consent.partner_org_id !== r.partner_org_id || consent.purpose !== 'share_with_partner') {
        wrong.push(`referral ${r.id}: consent_id names no share_with_partner consent of the survivor for this partner`);
      } else if (r.shared_fields.some((f) => !consent.shared_fields.includes(f))) wrong.push(`referral ${r.id}: its consent does not cover the fields`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    const overridden = sent.filter((r) => r.consent_override_reason).length / sent.length;
    expect(overridden).toBeGreaterThan(0.03);
    expect(overridden).toBeLessThan(0.35);
    expect(referrals.filter((r) => r.sent_at === null && (r.consent_id || r.consent_override_reason))).toEqual([]);
  });

  describe('service plans, goals, tasks and outcome assessments', () => {
    const today = () => t.clock.now().toISOString().slice(0, 10);
    const iso = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d : d.toISOString().slice(0, 10));
    /** The generated bundle of a loaded case (same order: oldest first). */
    const bundleOf = (caseId: string) => expected[cases.findIndex((c) => c.id === caseId)]!;

    it('loads every plan, agreed version, goal, task and assessment as generated, free text encrypted to its row', async () => {
      const want = {
        plans: expected.reduce((n, b) => n + b.plans.length, 0),
        versions: expected.reduce((n, b) => n + b.plans.reduce((m, p) => m + p.versions.length, 0), 0),
        goals: expected.reduce((n, b) => n + b.plans.reduce((m, p) => m + p.goals.length, 0), 0),
        tasks: expected.reduce((n, b) => n + b.plans.reduce((m, p) => m + p.goals.reduce((k, g) => k + g.tasks.length, 0), 0), 0),
        assessments: expected.reduce((n, b) => n + b.assessments.length, 0),
      };
      expect({ plans: loaded.plans, versions: loaded.planVersions, goals: loaded.goals, tasks: loaded.tasks, assessments: loaded.assessments }).toEqual(want);
      expect(want.plans).toBeGreaterThan(N / 2);
      expect(want.assessments).toBeGreaterThan(N);

      const ids = cases.map((c) => c.id);
      const plans: { id: string; case_id: string; plan_number: number; plan_type: string; status: string; starts_on: string; review_date: string; revision: number; agreed_revision: number | null }[] =
        await t.dataSource.query('SELECT id, case_id, plan_number, plan_type, status, starts_on::text, review_date::text, revision, agreed_revision FROM service_plan WHERE case_id = ANY($1::uuid[])', [ids]);
      const goals: { id: string; plan_id: string; case_id: string; domain: string; description: string; status: string; target_date: string | null; reached_on: string | null; referral_ids: string[]; created_at: Date }[] =
        await t.dataSource.query('SELECT id, plan_id, case_id, domain, description, status, target_date::text, reached_on::text, referral_ids, created_at FROM goal WHERE case_id = ANY($1::uuid[])', [ids]);
      const tasks: { id: string; goal_id: string; description: string; owner: string; referral_id: string | null; partner_org_id: string | null; due_date: string | null; done_at: Date | null }[] =
        await t.dataSource.query('SELECT id, goal_id, description, owner, referral_id, partner_org_id, due_date::text, done_at FROM task WHERE case_id = ANY($1::uuid[])', [ids]);
      const versions: { id: string; plan_id: string; revision: number; content: string }[] = await t.dataSource.query(
        'SELECT v.id, v.plan_id, v.revision, v.content FROM service_plan_version v JOIN service_plan p ON p.id = v.plan_id WHERE p.case_id = ANY($1::uuid[])',
        [ids],
      );
      const outcomes: Record<string, unknown>[] = await t.dataSource.query(
        `SELECT case_id, stage, assessed_on::text, housing_situation, employment, education, monthly_income, income_change, safety_rating, returned_to_trafficker FROM outcome_assessment WHERE case_id = ANY($1::uuid[])`,
        [ids],
      );
      const referralCase = new Map(referrals.map((r) => [r.id, r]));
      const wrong: string[] = [];
      cases.forEach((c, i) => {
        const b = expected[i]!;
        const stored = plans.filter((p) => p.case_id === c.id).sort((x, y) => x.plan_number - y.plan_number);
        const shape = stored.map((p) => [p.plan_number, p.plan_type, p.status, p.starts_on, p.review_date, p.revision, p.agreed_revision]);
        if (JSON.stringify(shape) !== JSON.stringify(b.plans.map((p) => [p.planNumber, p.planType, p.status, p.startsOn, p.reviewDate, p.revision, p.agreedRevision]))) wrong.push(`${c.case_number}: plans`);
        stored.forEach((p, k) => {
          const gen = b.plans[k]!;
          const own = goals.filter((g) => g.plan_id === p.id).sort((x, y) => x.created_at.getTime() - y.created_at.getTime());
          const clear = own.map((g) => [g.domain, g.status, g.target_date, g.reached_on, cipher.decrypt(g.description, { table: 'goal', column: 'description', rowId: g.id })]);
          if (JSON.stringify(clear) !== JSON.stringify(gen.goals.map((g) => [g.domain, g.status, g.targetDate, g.reachedOn, g.description]))) wrong.push(`${c.case_number}: goals`);
          own.forEach((g, j) => {
            if (!g.description.startsWith('v1.')) wrong.push(`${c.case_number}: goal in clear`);
            // Goal ↔ referral links name referrals of the same case.
            if (g.referral_ids.some((id) => referralCase.get(id)?.case_id !== c.id)) wrong.push(`${c.case_number}: goal links a referral of another case`);
            if (g.referral_ids.length !== gen.goals[j]!.referralIds.length) wrong.push(`${c.case_number}: goal links`);
            const mine = tasks.filter((x) => x.goal_id === g.id);
            const key = (owner: string, due: string | null, done: boolean, text: string) => `${owner}|${due}|${done}|${text}`;
            const got = mine.map((x) => key(x.owner, x.due_date, x.done_at !== null, cipher.decrypt(x.description, { table: 'task', column: 'description', rowId: x.id }))).sort();
            const exp = gen.goals[j]!.tasks.map((x) => key(x.owner, x.dueDate, x.doneAt !== null, x.description)).sort();
            if (JSON.stringify(got) !== JSON.stringify(exp)) wrong.push(`${c.case_number}: tasks`);
            for (const x of mine.filter((x) => x.owner === 'partner')) {
              const r = referralCase.get(x.referral_id!);
              if (!r || r.case_id !== c.id || r.partner_org_id !== x.partner_org_id || !g.referral_ids.includes(r.id)) wrong.push(`${c.case_number}: partner task`);
            }
          });
          for (const v of versions.filter((x) => x.plan_id === p.id)) {
            const content = JSON.parse(cipher.decrypt(v.content, { table: 'service_plan_version', column: 'content', rowId: v.id })) as { id: string }[];
            if (content.some((g) => !own.some((x) => x.id === g.id))) wrong.push(`${c.case_number}: version content`);
          }
        });
        const got = outcomes
          .filter((o) => o.case_id === c.id)
          .map((o) => [o.stage, o.assessed_on, o.housing_situation, o.employment, o.education, o.monthly_income, o.income_change, o.safety_rating, o.returned_to_trafficker])
          .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
        const exp = b.assessments
          .map((a) => [a.stage, a.assessedOn, a.housingSituation, a.employment, a.education, a.monthlyIncome, a.incomeChange, a.safetyRating, a.returnedToTrafficker])
          .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
        if (JSON.stringify(got) !== JSON.stringify(exp)) wrong.push(`${c.case_number}: assessments`);
      });
      expect(wrong.slice(0, 10)).toEqual([]);
      expect(versions.length).toBeGreaterThan(0);
      expect(tasks.some((x) => x.owner === 'partner')).toBe(true);
    });

    it('lets the caseworker open a generated plan through the API, goals and tasks in clear, and keeps it from the other caseworker', async () => {
      const candidates = cases.filter((c) => c.assigned_caseworker_id === org.caseworker.id && bundleOf(c.id).plans.some((p) => p.versions.length > 0 && p.goals.length > 1));
      expect(candidates.length).toBeGreaterThan(0);
      const c = candidates.at(-1)!;
      const gen = bundleOf(c.id).plans.find((p) => p.versions.length > 0 && p.goals.length > 1)!;
      const [{ id }] = await t.dataSource.query('SELECT id FROM service_plan WHERE case_id = $1 AND plan_number = $2', [c.id, gen.planNumber]);
      const cw = await signIn(t, org.caseworker);
      const plan = (await cw.get(api(`/service-plans/${id}`)).expect(200)).body as Record<string, unknown> & { goals: { domain: string; status: string; description: string; tasks: unknown[] }[] };
      expect(plan).toMatchObject({ caseId: c.id, planType: gen.planType, status: gen.status, revision: gen.revision, agreementCurrent: gen.agreedRevision === gen.revision });
      expect(plan.reviewOverdue).toBe(gen.status === 'active' && gen.reviewDate < today());
      const byText = <T extends { description: string }>(xs: T[]) => [...xs].sort((a, b) => a.description.localeCompare(b.description));
      expect(byText(plan.goals).map((g) => [g.domain, g.status, g.description, g.tasks.length])).toEqual(
        byText(gen.goals).map((g) => [g.domain, g.status, g.description, g.tasks.length]),
      );
      const versions = (await cw.get(api(`/service-plans/${id}/versions`)).expect(200)).body as { revision: number; goals: { description: string }[] }[];
      expect(versions.map((v) => v.revision)).toEqual(gen.versions.map((v) => v.revision));
      expect(versions.at(-1)!.goals.every((g) => g.description.startsWith('[Synthetic] '))).toBe(true);
      const goals = (await cw.get(api('/goals')).query({ filter: JSON.stringify({ planId: id }) }).expect(200)).body as { id: string }[];
      expect(goals).toHaveLength(gen.goals.length);
      const outcomes = (await cw.get(api('/outcomes')).query({ filter: JSON.stringify({ caseId: c.id }) }).expect(200)).body as { stage: string; housingCategory: string | null }[];
      expect(outcomes.map((o) => o.stage).sort()).toEqual(bundleOf(c.id).assessments.map((a) => a.stage).sort());
      // Not on the other caseworker's caseload: not found.
      await (await signIn(t, org.caseworker2)).get(api(`/service-plans/${id}`)).expect(404);
    });

    it('closes every closed case as the API demands: closure reason, HMIS exit destination, exit assessment, closed plan, nothing open', async () => {
      const closed = cases.filter((c) => c.status === 'closed');
      expect(closed.length).toBeGreaterThan(3);
      const rows: { id: string; closure_reason: string; exit_destination: number; exits: number; exit_housing: number | null; open_referrals: number; open_plans: number }[] = await t.dataSource.query(
        `SELECT c.id, c.closure_reason, c.exit_destination,
                (SELECT count(*)::int FROM outcome_assessment o WHERE o.case_id = c.id AND o.stage = 'exit') AS exits,
                (SELECT o.housing_situation FROM outcome_assessment o WHERE o.case_id = c.id AND o.stage = 'exit') AS exit_housing,
                (SELECT count(*)::int FROM referral r WHERE r.case_id = c.id AND r.status = ANY($2)) AS open_referrals,
                (SELECT count(*)::int FROM service_plan p WHERE p.case_id = c.id AND p.status = 'active') AS open_plans
           FROM survivor_case c WHERE c.id = ANY($1::uuid[])`,
        [closed.map((c) => c.id), [...OPEN_REFERRAL_STATUSES]],
      );
      expect(
        problems(rows, (r, fail) => {
          if (!(CLOSURE_REASONS as readonly string[]).includes(r.closure_reason)) fail(`${r.id}: reason ${r.closure_reason}`);
          if (!(r.exit_destination in HMIS_LIVING_SITUATIONS) || HMIS_LIVING_ONLY.includes(r.exit_destination)) fail(`${r.id}: destination ${r.exit_destination}`);
          if (r.exits !== 1 || r.exit_housing !== r.exit_destination) fail(`${r.id}: exit assessment`);
          if (r.open_referrals !== 0 || r.open_plans !== 0) fail(`${r.id}: left open`);
        }),
      ).toEqual([]);
      // The API's own closure check: nothing missing but that the case is closed already.
      const coordinator = await signIn(t, org.coordinator);
      for (const c of closed.slice(-3)) {
        const check = (await coordinator.get(api(`/cases/${c.id}/closure-check`)).expect(200)).body as { missing: { code: string }[]; openReferrals: number };
        expect(check).toMatchObject({ openReferrals: 0, missing: [{ code: 'ALREADY_CLOSED' }] });
      }
      // And an open case still needs its exit assessment.
      const open = cases.find((c) => c.status === 'active')!;
      const check = (await coordinator.get(api(`/cases/${open.id}/closure-check`)).expect(200)).body as { missing: { code: string }[] };
      expect(check.missing.map((m) => m.code)).toContain('EXIT_ASSESSMENT_MISSING');
    });

    it("flags overdue reviews, tasks and assessments on the caseworker's caseload and the coordinator's overview", async () => {
      const day = today();
      const activePlan = (b: SyntheticCaseBundle) => b.plans.find((p) => p.status === 'active');
      const overdueTasks = (b: SyntheticCaseBundle) => activePlan(b)?.goals.reduce((n, g) => n + g.tasks.filter((x) => !x.doneAt && x.dueDate !== null && x.dueDate < day).length, 0) ?? 0;
      const reviewOverdue = (b: SyntheticCaseBundle) => (activePlan(b)?.reviewDate ?? '9999') < day;
      /** Stages due from two weeks ahead to 90 days back and not recorded (the caseload's window). */
      const due = (c: CaseRow, b: SyntheticCaseBundle) =>
        Object.entries(ASSESSMENT_DUE_DAYS)
          .filter(([stage, days]) => {
            const on = new Date(Date.parse(iso(c.opened_at)!) + days * 86_400_000).toISOString().slice(0, 10);
            const lo = new Date(Date.parse(day) - 90 * 86_400_000).toISOString().slice(0, 10);
            const hi = new Date(Date.parse(day) + 14 * 86_400_000).toISOString().slice(0, 10);
            return on <= hi && on >= lo && !b.assessments.some((a) => a.stage === stage);
          })
          .map(([stage]) => stage)
          .sort();

      const cw = await signIn(t, org.caseworker);
      const caseload = (await cw.get(api('/cases/caseload')).expect(200)).body as { caseId: string; reviewOverdue: boolean; overdueTasks: number; assessmentsDue: { stage: string }[] }[];
      const mine = cases.filter((c) => c.assigned_caseworker_id === org.caseworker.id && c.status !== 'closed');
      expect(caseload.filter((e) => mine.some((c) => c.id === e.caseId))).toHaveLength(mine.length);
      expect(
        problems(mine, (c, fail) => {
          const entry = caseload.find((e) => e.caseId === c.id)!;
          const b = bundleOf(c.id);
          if (entry.reviewOverdue !== reviewOverdue(b)) fail(`${c.case_number}: reviewOverdue ${entry.reviewOverdue}`);
          if (entry.overdueTasks !== overdueTasks(b)) fail(`${c.case_number}: overdueTasks ${entry.overdueTasks}, want ${overdueTasks(b)}`);
          if (entry.assessmentsDue.map((a) => a.stage).sort().join() !== due(c, b).join()) fail(`${c.case_number}: assessments due ${entry.assessmentsDue.map((a) => a.stage)}`);
        }),
      ).toEqual([]);
      // Something to act on, from the generated data alone.
      expect(caseload.some((e) => mine.some((c) => c.id === e.caseId) && (e.reviewOverdue || e.overdueTasks > 0 || e.assessmentsDue.length > 0))).toBe(true);

      const coordinator = await signIn(t, org.coordinator);
      const attention = (await coordinator.get(api('/cases/attention')).expect(200)).body as { reviewsOverdue: number; tasksOverdue: number; cases: { caseId: string; reasons: string[] }[] };
      const open = cases.filter((c) => c.status !== 'closed');
      expect(attention.reviewsOverdue).toBe(open.filter((c) => reviewOverdue(bundleOf(c.id))).length);
      expect(attention.tasksOverdue).toBe(open.reduce((n, c) => n + overdueTasks(bundleOf(c.id)), 0));
      expect(attention.reviewsOverdue + attention.tasksOverdue).toBeGreaterThan(0);
      for (const entry of attention.cases.filter((e) => cases.some((c) => c.id === e.caseId))) {
        const b = bundleOf(entry.caseId);
        expect(entry.reasons.includes('plan review overdue')).toBe(reviewOverdue(b));
        if (overdueTasks(b) > 0) expect(entry.reasons).toContain(`${overdueTasks(b)} task(s) overdue`);
      }
    });
  });
});

describe('demo seed (real database)', () => {
  let t: TestApp;
  const now = Date.now();

  let scratch: ScratchDatabase;

  beforeAll(async () => {
    // Its own database: the demo organization's fixed sign-in names must not reach other test files.
    // seedDemo ran on a fresh migrated database in jest's global setup (testing/prepared-data.ts), timed
    // there; this is a copy.
    const prepared = await preparedScratch('demo');
    scratch = prepared.scratch;
    expect(prepared.info.seeded).toBe(true);
    t = await createTestApp({ target: scratch.target });
  });
  afterAll(async () => {
    await t.close();
    await scratch.drop();
  });

  const demoAgent = async (email: string) => {
    const agent = request.agent(t.http).set('X-Forwarded-For', freshIp());
    await agent.post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200);
    return agent;
  };

  // How long the seed takes is not asserted here: a timed test fails on a loaded two-core machine (it took
  // 51 s and 134 s there against 15 s) without anything being wrong. The global setup still records it.
  it('gives Safe Homes languages and an inbox of new, accepted and running referrals under live consent', async () => {
    const [safeHomes] = await t.dataSource.query(`SELECT id, languages FROM partner_org WHERE name = 'Safe Homes'`);
    expect(safeHomes.languages).toEqual(['en', 'es']);
    const open: ReferralRow[] = await t.dataSource.query(`SELECT * FROM referral WHERE partner_org_id = $1 AND status IN ('sent', 'accepted', 'in_progress')`, [safeHomes.id]);
    for (const status of ['sent', 'accepted', 'in_progress'] as const) expect(open.filter((r) => r.status === status).length).toBeGreaterThanOrEqual(1);
    const featured = open.filter((r) => ['alias', 'languages', 'immediateNeeds', 'safeContactInstructions'].every((f) => r.shared_fields.includes(f)) && !r.consent_override_reason);
    expect(featured.length).toBeGreaterThanOrEqual(5);
    for (const r of featured) {
      const coverage = await consentCoverage(t.dataSource.manager, r.survivor_id, r.partner_org_id, t.clock.now());
      expect([...coverage.covered]).toEqual(expect.arrayContaining(['alias', 'languages', 'immediateNeeds', 'safeContactInstructions']));
    }
    expect(open.some((r) => r.status === 'sent' && now - r.sent_at!.getTime() > REFERRAL_RESPONSE_HOURS * HOUR)).toBe(true);
    expect(open.some((r) => r.status === 'sent' && now - r.sent_at!.getTime() < 24 * HOUR)).toBe(true);
  });

  it('lets the Safe Homes partner sign in to a real inbox and see the consented fields', async () => {
    const partner = await demoAgent('partner@safehomes.demo');
    const inbox = (await partner.get(api('/referrals')).query({ filter: JSON.stringify({ open: true }), sort: JSON.stringify(['sentAt', 'DESC']), range: JSON.stringify([0, 99]) }).expect(200)).body as {
      id: string;
      status: string;
      sharedFields: string[];
    }[];
    expect(inbox.length).toBeGreaterThanOrEqual(5);
    // One of the featured referrals (the rest of the program refers to Safe Homes too, with other fields).
    const accepted = inbox.find((r) => r.status === 'accepted' && ['alias', 'languages', 'immediateNeeds'].every((f) => r.sharedFields.includes(f)))!;
    expect(accepted).toBeDefined();
    const detail = (await partner.get(api(`/referrals/${accepted.id}`)).expect(200)).body;
    expect(Object.keys(detail.survivor)).toEqual(expect.arrayContaining(['alias', 'languages', 'immediateNeeds']));
    expect(detail.survivor).not.toHaveProperty('legalName');
  });

  it("gives the demo caseworker plans to work on and something due on the dashboard, and every closed case its exit assessment", async () => {
    const caseworker = await demoAgent('caseworker@harbor.demo');
    const caseload = (await caseworker.get(api('/cases/caseload')).expect(200)).body as { caseId: string; reviewOverdue: boolean; overdueTasks: number; assessmentsDue: unknown[] }[];
    expect(caseload.length).toBeGreaterThan(2);
    expect(caseload.some((e) => e.reviewOverdue || e.overdueTasks > 0 || e.assessmentsDue.length > 0)).toBe(true);
    const plans = (await caseworker.get(api('/service-plans')).query({ filter: JSON.stringify({ status: 'active' }) }).expect(200)).body as { id: string; caseId: string }[];
    expect(plans.length).toBeGreaterThan(1);
    expect(plans.every((p) => caseload.some((e) => e.caseId === p.caseId))).toBe(true);
    const plan = (await caseworker.get(api(`/service-plans/${plans[0]!.id}`)).expect(200)).body as { goals: { description: string; tasks: unknown[] }[] };
    expect(plan.goals.length).toBeGreaterThanOrEqual(2);
    expect(plan.goals.every((g) => g.description.startsWith('[Synthetic] '))).toBe(true);
    const [missing] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM survivor_case c WHERE c.status = 'closed' AND NOT EXISTS (SELECT 1 FROM outcome_assessment o WHERE o.case_id = c.id AND o.stage = 'exit')`,
    );
    expect(missing.n).toBe(0);
    const [closed] = await t.dataSource.query(`SELECT count(*)::int AS n FROM survivor_case WHERE status = 'closed'`);
    expect(closed.n).toBeGreaterThan(0);
  });

  it('gives the demo services and immigration relief that follow the API\'s own rules, so the funder reports have figures', async () => {
    // Each service is dated within its case's life and never in the future; a partner's is on a referral it started.
    const [wrong] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM service_delivery d JOIN survivor_case c ON c.id = d.case_id
        WHERE d.delivered_on < c.opened_at::date OR d.delivered_on > current_date OR (c.closed_at IS NOT NULL AND d.delivered_on > c.closed_at::date)
           OR d.survivor_id <> c.survivor_id
           OR (d.provider_kind = 'partner_org' AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.id = d.referral_id AND r.partner_org_id = d.partner_org_id
                                                                AND r.case_id = d.case_id AND r.status IN ('in_progress', 'completed')))`,
    );
    expect(wrong.n).toBe(0);
    const [relief] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE t_visa_decided_on < t_visa_applied_on OR t_visa_decided_on > current_date)::int AS wrong FROM immigration_relief`,
    );
    expect(relief).toEqual({ n: expect.any(Number), wrong: 0 });
    expect(relief.n).toBeGreaterThan(0);

    // The caseworker sees the services of her cases through the API, staff and partner ones.
    const caseworker = await demoAgent('caseworker@harbor.demo');
    const services = (await caseworker.get(api('/service-deliveries')).query({ range: '[0,99]' }).expect(200)).body as { providerKind: string }[];
    expect(services.some((d) => d.providerKind === 'staff')).toBe(true);

    // The coordinator's quarterly report counts them (a fresh sign-in is a step-up).
    const coordinator = await demoAgent('coordinator@harbor.demo');
    const to = t.clock.now().toISOString().slice(0, 10);
    const from = new Date(t.clock.now().getTime() - 364 * 86_400_000).toISOString().slice(0, 10);
    const report = (await coordinator.get(api('/reports/trafficking-grant')).query({ from, to }).expect(200)).body as FunderReportResponse;
    expect(report.empty).toBe(false);
    const [given] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM service_delivery d JOIN organization o ON o.id = d.organization_id
        WHERE o.slug = 'harbor' AND d.delivered_on BETWEEN $1 AND $2 AND d.voided_at IS NULL`,
      [from, to],
    );
    expect(given.n).toBeGreaterThan(0);
    const byCategory = report.tables.find((table) => table.id === 'services_by_voca_category')!;
    expect(byCategory.total!.values[byCategory.columns.indexOf('services')]).toBe(given.n);
  });

  it('leaves a few notifications for the coordinator, the caseworkers and the partner, naming no person', async () => {
    const rows: { email: string; kind: string; title: string; read_at: Date | null }[] = await t.dataSource.query(
      `SELECT u.email, n.kind, n.title, n.read_at FROM notification n JOIN app_user u ON u.id = n.user_id JOIN organization o ON o.id = n.organization_id WHERE o.slug = 'harbor'`,
    );
    for (const email of ['coordinator@harbor.demo', 'partner@safehomes.demo']) expect(rows.filter((r) => r.email === email).length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.email.startsWith('caseworker'))).toBe(true);
    expect(rows.some((r) => r.read_at === null)).toBe(true);
    expect(rows.some((r) => r.kind === 'referral_received' && r.email === 'partner@safehomes.demo')).toBe(true);
    expect(rows.some((r) => r.kind === 'referral_response' && /^Safe Homes accepted the (housing|emergency shelter) referral for LN-\d{4}-\d{5}$/.test(r.title))).toBe(true);
    const aliases: { alias: string }[] = await t.dataSource.query('SELECT alias FROM survivor');
    for (const { title } of rows) for (const { alias } of aliases) expect(title).not.toContain(alias);
    const coordinator = await demoAgent('coordinator@harbor.demo');
    expect((await coordinator.get(api('/notifications/unread-count')).expect(200)).body.count).toBeGreaterThanOrEqual(1);
  });
});
