import { asSubject, defineAbilityFor, type SubjectType } from '@lantern/permissions';
import { PARTNER_OPEN_REFERRAL_STATUSES, REFERRAL_STATUSES, type ReferralStatus } from '@lantern/contracts';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import request from 'supertest';
import { IsNull } from 'typeorm';
import { Session } from '../auth/session.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { openCase, orgWorld, sentReferral, type Agents } from '../../testing/builders.js';
import { signIn, api, FIXTURE_PASSWORD, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import type { TestApp } from '../../testing/test-app.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { rulesToSql } from '../authz/rules-to-sql.js';
import { relationNeeds, withRelations } from './relations.js';
import { sqlTargetFor } from './sql-target.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
type ConsentState = 'live' | 'revoked' | 'expired';
const HOUR = 3_600_000;

/**
 * Issue 11: partner access follows its grounds. Task, referral and survivor-field access for partner
 * staff requires an open referral (sent, accepted, in progress), a live consent and an active partner
 * org, all three. Proved here on the real database (both PGlite and PostgreSQL): the SQL scope of the
 * rules, the rules checked in JavaScript on records with their relations loaded, and the expected
 * answer agree on every combination; and through HTTP, the review's three cases.
 */
describe('partner access follows its grounds', () => {
  let t: TestApp;
  let org: OrgFixture;
  let cw: Agent;
  let coordinator: Agent;
  let admin: Agent;

  beforeAll(async () => {
    let people: Agents<'caseworker' | 'coordinator' | 'admin'>;
    ({ t, org, as: people } = await orgWorld(['caseworker', 'coordinator', 'admin']));
    ({ caseworker: cw, coordinator, admin } = people);
  });
  afterAll(() => t.close());

  describe('every combination of {referral status} × {consent live/revoked/expired} × {partner org active/inactive}, in SQL and in JavaScript', () => {
    interface World {
      partnerOrgs: Record<'active' | 'inactive', string>;
      /** referral id → its combination */
      referrals: Map<string, { status: ReferralStatus; consent: ConsentState; active: boolean; override: boolean }>;
      /** task id → its referral id */
      tasks: Map<string, string>;
    }
    let world: World;

    beforeAll(async () => {
      const make = async (active: boolean) =>
        (
          (await t.dataSource.query(
            `INSERT INTO partner_org (organization_id, name, service_types, capacity, accepting_referrals, active) VALUES ($1, $2, '{housing}', 3, true, $3) RETURNING id`,
            [org.organizationId, `Grounds ${active ? 'active' : 'inactive'} ${Date.now()}`, active],
          )) as { id: string }[]
        )[0]!.id;
      world = { partnerOrgs: { active: await make(true), inactive: await make(false) }, referrals: new Map(), tasks: new Map() };
      const now = t.clock.now().getTime();
      for (const state of ['live', 'revoked', 'expired'] as const) {
        const { survivor, kase } = await createSurvivorWithCase(cw);
        const plan = (await cw.post(api('/service-plans')).send({ caseId: kase.id, planType: 'SexualExploitationRehabilitation', startsOn: new Date(now).toISOString().slice(0, 10), reviewDate: new Date(now + 30 * 24 * HOUR).toISOString().slice(0, 10) }).expect(201)).body;
        const goal = (await cw.post(api('/goals')).send({ planId: plan.id, domain: 'housing', description: 'Housing' }).expect(201)).body;
        for (const [label, partnerOrgId] of Object.entries(world.partnerOrgs)) {
          await t.dataSource.query(
            `INSERT INTO consent (organization_id, survivor_id, purpose, partner_org_id, shared_fields, method, granted_at, expires_at, revoked_at)
             VALUES ($1, $2, 'share_with_partner', $3, '{alias}', 'written', $4, $5, $6)`,
            [
              org.organizationId,
              survivor.id,
              partnerOrgId,
              new Date(now - 48 * HOUR),
              state === 'expired' ? new Date(now - HOUR) : state === 'live' ? new Date(now + 24 * HOUR) : null,
              state === 'revoked' ? new Date(now - HOUR) : null,
            ],
          );
          for (const status of REFERRAL_STATUSES) {
            for (const override of [false, true]) {
              const [referral] = (await t.dataSource.query(
                `INSERT INTO referral (organization_id, case_id, survivor_id, partner_org_id, service_type, status, sent_at, shared_fields, consent_override_reason)
                 VALUES ($1, $2, $3, $4, 'housing', $5, $6, '{alias}', $7) RETURNING id`,
                [org.organizationId, kase.id, survivor.id, partnerOrgId, status, status === 'draft' ? null : new Date(now - 24 * HOUR), override ? 'Verbal consent by phone' : null],
              )) as { id: string }[];
              world.referrals.set(referral!.id, { status, consent: state, active: label === 'active', override });
              // The description is sealed like every task's (other files of this worker rotate the keys over it).
              const taskId = randomUUID();
              const description = t.app.get(FieldCipher).encrypt('x', { table: 'task', column: 'description', rowId: taskId });
              const [task] = (await t.dataSource.query(
                `INSERT INTO task (id, organization_id, plan_id, goal_id, case_id, description, owner, referral_id, partner_org_id)
                 VALUES ($1, $2, $3, $4, $5, $6, 'partner', $7, $8) RETURNING id`,
                [taskId, org.organizationId, plan.id, goal.id, kase.id, description, referral!.id, partnerOrgId],
              )) as { id: string }[];
              world.tasks.set(task!.id, referral!.id);
            }
          }
        }
      }
    });

    /** The expected answer: open, live (or an override no refusal followed), active. */
    const expected = (combo: { status: ReferralStatus; consent: ConsentState; active: boolean; override: boolean }) =>
      PARTNER_OPEN_REFERRAL_STATUSES.includes(combo.status) && combo.active && (combo.consent === 'live' || (combo.consent === 'expired' && combo.override));

    async function decide(subject: SubjectType, table: string, ids: string[], partnerOrgId: string, action: 'read' | 'update') {
      const ability = defineAbilityFor({ id: org.partner.id, role: 'partner', organizationId: org.organizationId, partnerOrgId }, { now: t.clock.now() });
      const fragment = rulesToSql(ability, action, subject, sqlTargetFor(t.dataSource, subject, 'r'));
      const inSql = new Set(
        (
          (await t.dataSource
            .createQueryBuilder()
            .select('r.id', 'id')
            .from(table, 'r')
            .where('r.id IN (:...ids)', { ids })
            .andWhere(`(${fragment.sql})`, fragment.params)
            .getRawMany()) as { id: string }[]
        ).map((r) => r.id),
      );
      const rows = (await t.dataSource.query(`SELECT * FROM ${table} WHERE id = ANY($1)`, [ids])) as Record<string, unknown>[];
      const camel = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v])));
      const loaded = await withRelations(t.dataSource.manager, subject, camel, relationNeeds(ability, subject));
      const inJs = new Set(loaded.filter((record) => ability.can(action, asSubject(subject, record))).map((r) => r.id as string));
      return { inSql, inJs };
    }

    it.each(['read', 'update'] as const)('%s: referrals and tasks are the partner\'s exactly when all three grounds hold', async (action) => {
      for (const [label, partnerOrgId] of Object.entries(world.partnerOrgs)) {
        const referralIds = [...world.referrals.keys()];
        const referrals = await decide('Referral', 'referral', referralIds, partnerOrgId, action);
        const tasks = await decide('Task', 'task', [...world.tasks.keys()], partnerOrgId, action);
        for (const [id, combo] of world.referrals) {
          const theirs = combo.active === (label === 'active');
          const want = theirs && expected(combo);
          expect({ id, combo, sql: referrals.inSql.has(id), js: referrals.inJs.has(id) }).toEqual({ id, combo, sql: want, js: want });
        }
        for (const [taskId, referralId] of world.tasks) {
          const combo = world.referrals.get(referralId)!;
          const want = combo.active === (label === 'active') && expected(combo);
          expect({ taskId, combo, sql: tasks.inSql.has(taskId), js: tasks.inJs.has(taskId) }).toEqual({ taskId, combo, sql: want, js: want });
        }
      }
      // Every combination was there, and some granted: the check is not vacuous.
      expect(world.referrals.size).toBe(3 * 2 * REFERRAL_STATUSES.length * 2);
      expect([...world.referrals.values()].filter(expected).length).toBeGreaterThan(0);
    });

    it('for random subsets of the world and random moments, SQL and JavaScript agree', async () => {
      const ids = [...world.referrals.keys()];
      await fc.assert(
        fc.asyncProperty(fc.subarray(ids, { minLength: 1, maxLength: 12 }), fc.constantFrom(...Object.values(world.partnerOrgs)), async (subset, partnerOrgId) => {
          const { inSql, inJs } = await decide('Referral', 'referral', subset, partnerOrgId, 'read');
          expect([...inSql].sort()).toEqual([...inJs].sort());
        }),
        { numRuns: 25 },
      );
    });
  });

  describe('through HTTP: the review\'s cases', () => {
    let partner: Agent;

    /** A survivor with a case, a live consent for the fixture's partner, a sent referral and a task given to the partner. */
    async function grounded() {
      const kase = await openCase(cw, { safeContactInstructions: 'Call the shelter line, ask for Ana.' });
      const { consent, referral } = await sentReferral({ caseworker: cw, coordinator }, org, kase, { sharedFields: ['alias', 'safeContactInstructions'] });
      const plan = (await cw.post(api('/service-plans')).send({ caseId: kase.caseId, planType: 'SexualExploitationRehabilitation', startsOn: t.clock.now().toISOString().slice(0, 10), reviewDate: new Date(t.clock.now().getTime() + 30 * 24 * HOUR).toISOString().slice(0, 10) }).expect(201)).body;
      const goal = (await cw.post(api('/goals')).send({ planId: plan.id, domain: 'housing', description: 'Housing', referralIds: [referral.id] }).expect(201)).body;
      const task = (await cw.post(api('/tasks')).send({ goalId: goal.id, description: 'Hold a room near the clinic', owner: 'partner', referralId: referral.id }).expect(201)).body;
      // On its grounds: the partner reads the referral with the consented fields, and its task.
      const seen = (await partner.get(api(`/referrals/${referral.id}`)).expect(200)).body;
      expect(seen.survivor).toMatchObject({ safeContactInstructions: 'Call the shelter line, ask for Ana.' });
      expect(await taskIds()).toContain(task.id);
      return { consent, referral, task };
    }

    const taskIds = async () => ((await partner.get(api('/tasks')).query({ range: '[0,99]' }).expect(200)).body as { id: string }[]).map((x) => x.id);
    const inboxIds = async () => ((await partner.get(api('/referrals')).query({ range: '[0,99]' }).expect(200)).body as { id: string }[]).map((x) => x.id);

    /** Out of reach: 404 on the referral and its task, absent from both lists, no move, no tick. */
    async function outOfReach(referral: { id: string }, task: { id: string; version: number }) {
      const res = await partner.get(api(`/referrals/${referral.id}`)).expect(404);
      expect(JSON.stringify(res.body)).not.toContain('shelter line');
      expect(await inboxIds()).not.toContain(referral.id);
      expect(await taskIds()).not.toContain(task.id);
      await partner.post(api(`/referrals/${referral.id}/transitions`)).send({ to: 'accepted' }).expect(404);
      await partner.patch(api(`/tasks/${task.id}`)).send({ done: true, version: task.version }).expect(404);
    }

    beforeAll(async () => {
      partner = await signIn(t, org.partner);
    });

    /** What `run` answered, and every statement's text it sent, on the wire. */
    async function statementsDuring<T>(run: () => Promise<T>): Promise<{ sent: string[]; result: T }> {
      const sent: string[] = [];
      const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
      const spy = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, config: unknown, ...rest: unknown[]) {
        sent.push(typeof config === 'string' ? config : ((config as { text?: string } | undefined)?.text ?? ''));
        return query.call(this, config, ...rest);
      } as never);
      try {
        return { sent, result: await run() };
      } finally {
        spy.mockRestore();
      }
    }

    /** What `run` answered, and the relation loads it sent (TypeORM finds, "FROM <table> <Entity>"). */
    async function loadsDuring<T>(run: () => Promise<T>): Promise<{ loads: string[]; result: T }> {
      const { sent, result } = await statementsDuring(run);
      const loads = sent.flatMap((sql) => /FROM "(partner_org|consent|survivor_case)" "(PartnerOrg|Consent|Case)"/.exec(sql)?.[2] ?? []);
      return { loads, result };
    }

    it('after the survivor revokes her consent, the partner loses the referral, its survivor fields and its tasks', async () => {
      const { consent, referral, task } = await grounded();
      await cw.post(api(`/consents/${consent.id}/revoke`)).send({ reason: 'She withdrew consent' }).expect(200);
      await outOfReach(referral, task);
    });

    it('the inbox page checks each row on the partner org and the consents its own statement brought, and decides as the database does', async () => {
      // A consent that expires tomorrow: live only if the check compares its dates as dates.
      const { referral } = await sentReferral({ caseworker: cw, coordinator }, org, await openCase(cw), {
        sharedFields: ['alias'],
        consent: { expiresAt: new Date(t.clock.now().getTime() + 24 * HOUR).toISOString() },
      });
      // Another survivor's referral to the same partner, whose consent is revoked after the referral went out.
      const { consent: refused, referral: gone } = await sentReferral({ caseworker: cw, coordinator }, org, await openCase(cw), { sharedFields: ['alias'] });
      await cw.post(api(`/consents/${refused.id}/revoke`)).send({ reason: 'She withdrew consent' }).expect(200);
      const { loads, result: inbox } = await loadsDuring(async () => (await partner.get(api('/referrals')).query({ range: '[0,99]', sort: '["sentAt","DESC"]' }).expect(200)).body as Record<string, unknown>[]);
      // One consent read, for which aliases the partner is shown; none for the rules' checks.
      expect(loads).toEqual(['Consent']);
      // The checks found the grounds: the row carries the partner's fields and, under the live consent, the alias.
      const row = inbox.find((r) => r.id === referral.id)!;
      expect(row).toMatchObject({ id: referral.id, status: 'sent', serviceType: expect.any(String), survivor: { alias: expect.any(String) } });
      expect(inbox.map((r) => r.id)).not.toContain(gone.id);

      // A caseworker's referrals: whose case each one is comes from the page's context join.
      const mine = await loadsDuring(async () => ((await cw.get(api('/referrals')).query({ range: '[0,99]' }).expect(200)).body as { id: string }[]).map((r) => r.id));
      expect(mine.loads).toEqual([]);
      expect(mine.result).toEqual(expect.arrayContaining([referral.id, gone.id]));
    });

    it('the inbox page probes each row\'s consents, its total finds the live consents once, in one statement, and the two agree', async () => {
      for (let i = 0; i < 2; i++) await sentReferral({ caseworker: cw, coordinator }, org, await openCase(cw), { sharedFields: ['alias'] });
      const { consent: refused, referral: gone } = await sentReferral({ caseworker: cw, coordinator }, org, await openCase(cw), { sharedFields: ['alias'] });
      await cw.post(api(`/consents/${refused.id}/revoke`)).send({ reason: 'She withdrew consent' }).expect(200);
      const all = ((await partner.get(api('/referrals')).query({ range: '[0,99]' }).expect(200)).body as { id: string }[]).map((r) => r.id);
      expect(all.length).toBeGreaterThanOrEqual(2);
      expect(all).not.toContain(gone.id);

      const { sent, result: first } = await statementsDuring(async () => (await partner.get(api('/referrals')).query({ range: '[0,0]' }).expect(200)) as { body: { id: string }[]; headers: Record<string, string> });
      // One row of a page, and the total of every referral on its grounds, the revoked one left out.
      expect(first.body.map((r) => r.id)).toEqual([all[0]]);
      expect(first.headers['content-range']).toBe(`referrals 0-0/${all.length}`);
      // One statement for the page and its total (kept-lists.ts): the total, its first column, with the
      // membership tests; the page's own conditions with the probes.
      const lists = sent.filter((sql) => /FROM "referral"/.test(sql) && /FROM "consent"/.test(sql));
      expect(lists).toHaveLength(1);
      const statement = lists[0]!;
      const split = statement.indexOf(' AS "kept_list_total", ');
      expect(split).toBeGreaterThan(0);
      const [total, page] = [statement.slice(0, split), statement.slice(split)];
      expect(total).toMatch(/^SELECT \(SELECT COUNT\(\*\)/);
      expect(total).toMatch(/IN \(SELECT [^)]* FROM "consent"/);
      // A probe PostgreSQL may not turn back into a hashed membership test (rules-to-sql.ts, RelationForm).
      expect(page).toMatch(/EXISTS \(SELECT 1 FROM "consent" rel\d+ WHERE [^;]*? OFFSET 0\)/);
      expect(page).not.toMatch(/IN \(SELECT [^)]* FROM "consent"/);

      // A capped count (docs/architecture.md, "Capped counts") reads at most a few rows: it probes each one
      // as the page does, where a membership test would first find every live consent of the partner.
      const { sent: cappedSent, result: second } = await statementsDuring(
        async () => (await partner.get(api('/referrals')).query({ range: '[0,0]' }).set('Prefer', 'count=capped').expect(200)) as { body: { id: string }[]; headers: Record<string, string> },
      );
      expect(second.body.map((r) => r.id)).toEqual([all[0]]);
      // Far below the cap: the exact total.
      expect(second.headers['content-range']).toBe(`referrals 0-0/${all.length}`);
      const cappedLists = cappedSent.filter((sql) => /FROM "referral"/.test(sql) && /FROM "consent"/.test(sql));
      expect(cappedLists).toHaveLength(1);
      const cappedTotal = cappedLists[0]!.slice(0, cappedLists[0]!.indexOf(' AS "kept_list_total", '));
      expect(cappedTotal).toMatch(/^SELECT \(SELECT COUNT\(\*\) AS "total" FROM \(SELECT 1 AS "one" FROM "referral"/);
      expect(cappedTotal).toMatch(/EXISTS \(SELECT 1 FROM "consent" rel\d+ WHERE [^;]*? OFFSET 0\)/);
      expect(cappedTotal).not.toMatch(/IN \(SELECT [^)]* FROM "consent"/);
      expect(cappedTotal).toMatch(/ LIMIT \$\d+\) "capped"\)$/);
    });

    it('after the consent expires, likewise', async () => {
      const { referral } = await sentReferral({ caseworker: cw, coordinator }, org, await openCase(cw), { consent: { expiresAt: new Date(t.clock.now().getTime() + HOUR).toISOString() } });
      await partner.get(api(`/referrals/${referral.id}`)).expect(200);
      t.clock.advance(2 * HOUR);
      // Every session idled out meanwhile: sign in again.
      [partner, cw, coordinator, admin] = await Promise.all([signIn(t, org.partner), signIn(t, org.caseworker), signIn(t, org.coordinator), signIn(t, org.admin)]);
      await partner.get(api(`/referrals/${referral.id}`)).expect(404);
      await partner.post(api(`/referrals/${referral.id}/transitions`)).send({ to: 'accepted' }).expect(404);
    });

    it('after the coordinator cancels the referral, the partner loses it and its tasks', async () => {
      const { referral, task } = await grounded();
      await partner.post(api(`/referrals/${referral.id}/transitions`)).send({ to: 'accepted' }).expect(200);
      await coordinator.post(api(`/referrals/${referral.id}/transitions`)).send({ to: 'cancelled', reason: 'Survivor moved to another city' }).expect(200);
      await outOfReach(referral, task);
    });

    it('the partner\'s own completion ends its access; its answer carries the referral, never the survivor', async () => {
      const { referral, task } = await grounded();
      await partner.post(api(`/referrals/${referral.id}/transitions`)).send({ to: 'accepted' }).expect(200);
      await partner.post(api(`/referrals/${referral.id}/transitions`)).send({ to: 'in_progress' }).expect(200);
      const done = (await partner.post(api(`/referrals/${referral.id}/transitions`)).send({ to: 'completed', outcome: 'housed', outcomeNote: 'Placed.' }).expect(200)).body;
      expect(done).toMatchObject({ id: referral.id, status: 'completed', outcome: 'housed', outcomeNote: 'Placed.' });
      expect(done).not.toHaveProperty(['survivor']);
      expect(done).not.toHaveProperty(['caseId']);
      await outOfReach(referral, task);
    });

    it('after an admin deactivates the partner org, its staff\'s sessions end (401) and they cannot sign in again until it is reactivated', async () => {
      const { referral } = await grounded();
      const current = (await admin.get(api(`/partner-orgs/${org.partnerOrg.id}`)).expect(200)).body;
      await admin.patch(api(`/partner-orgs/${org.partnerOrg.id}`)).send({ active: false, version: current.version }).expect(200);
      await partner.get(api(`/referrals/${referral.id}`)).expect(401);
      await partner.get(api('/auth/me')).expect(401);
      expect(await t.dataSource.getRepository(Session).count({ where: { userId: org.partner.id, revokedAt: IsNull() } })).toBe(0);
      // Other users' sessions are untouched.
      await cw.get(api('/auth/me')).expect(200);

      // The right password and a paused organization: 403 naming why, audited; a wrong password says
      // no more than it ever did.
      const paused = await request(t.http).post(api('/auth/login')).set('X-Forwarded-For', '203.0.113.77').send({ email: org.partner.email, password: FIXTURE_PASSWORD });
      expect(paused.status).toBe(403);
      expect(paused.body.code).toBe('AUTH_ORGANIZATION_PAUSED');
      expect(paused.headers['set-cookie']).toBeUndefined();
      const wrong = await request(t.http).post(api('/auth/login')).set('X-Forwarded-For', '203.0.113.78').send({ email: org.partner.email, password: 'not-the-password-1' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('AUTH_INVALID_CREDENTIALS');
      const denial = await t.dataSource.getRepository(AuditEvent).findOne({ where: { subjectId: org.partner.id, action: 'login_failed', reason: 'partner organization inactive' } });
      expect(denial?.outcome).toBe('denied');
      expect(await t.dataSource.getRepository(Session).count({ where: { userId: org.partner.id, revokedAt: IsNull() } })).toBe(0);

      const paused2 = (await admin.get(api(`/partner-orgs/${org.partnerOrg.id}`)).expect(200)).body;
      await admin.patch(api(`/partner-orgs/${org.partnerOrg.id}`)).send({ active: true, version: paused2.version }).expect(200);
      partner = await signIn(t, org.partner);
      // Back on its grounds: the referral is open and the consent live again for an active partner.
      await partner.get(api(`/referrals/${referral.id}`)).expect(200);
    });
  });
});
