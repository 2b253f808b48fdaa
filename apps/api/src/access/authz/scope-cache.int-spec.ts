import { randomUUID } from 'node:crypto';
import { ROLES } from '@lantern/contracts';
import { ACTIONS, SUBJECT_TYPES, defineAbilityFor, type SubjectType } from '@lantern/permissions';
import { withTestApp } from '../../testing/builders.js';
import { api, createOrgFixture, FIXTURE_PASSWORD, signIn } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { sqlTargetFor } from '../records/sql-target.js';
import { entityOf } from '../records/subject-entities.js';
import { rulesToSql } from './rules-to-sql.js';
import { ScopeCache } from './scope-cache.js';

/**
 * Scopes translated once per shape of rules (scope-cache.ts) are exactly the translation of each
 * person's own rules, and the instant bound into them is the request's: a break-glass grant ends
 * within the session that used it, with every cache warm.
 */
describe('scopes translated once per shape of rules', () => {
  const t = withTestApp();

  const tables = (): SubjectType[] =>
    SUBJECT_TYPES.filter((s) => {
      try {
        return t.dataSource.hasMetadata(entityOf(s));
      } catch {
        return false;
      }
    });

  it('gives every person of every role, at any instant, the SQL and parameters of their own rules', () => {
    const cache = new ScopeCache();
    const subjects = tables();
    expect(subjects.length).toBeGreaterThan(15);
    const people = ROLES.flatMap((role) =>
      [0, 1].map((i) => ({ id: randomUUID(), role, organizationId: randomUUID(), partnerOrgId: role === 'partner' ? randomUUID() : null, now: new Date(Date.UTC(2026, 0, 1 + i, 9, i)) })),
    );
    let translated = 0;
    for (const { now, ...person } of people) {
      const ability = defineAbilityFor(person, { now });
      for (const subject of subjects) {
        for (const action of ACTIONS) {
          const target = () => sqlTargetFor(t.dataSource, subject, 'r');
          const fresh = rulesToSql(ability, action, subject, target(), 'p_');
          expect(cache.scopeSql(ability, action, subject, target, 'r', 'p_')).toEqual(fresh);
          if (fresh.sql !== 'FALSE') translated++;
        }
      }
    }
    expect(translated).toBeGreaterThan(100);
  });

  it('ends a break-glass grant at the very next request after it expires, in the same session', async () => {
    const org = await createOrgFixture(t.dataSource);
    const caseworker = await signIn(t, org.caseworker);
    const { survivor } = await createSurvivorWithCase(caseworker);
    const admin = await signIn(t, org.admin);
    await admin.get(api(`/survivors/${survivor.id}`)).expect(404);
    await admin.post(api('/break-glass-grants')).send({ survivorId: survivor.id, reason: 'Caller reports imminent danger', password: FIXTURE_PASSWORD }).expect(201);
    const listed = async () => ((await admin.get(api('/survivors')).expect(200)).body as { id: string }[]).map((s) => s.id);
    // Kept alive (the idle limit is 15 minutes) up to a minute before the grant's end.
    for (let minute = 0; minute < 55; minute += 11) {
      t.clock.advanceMinutes(11);
      await admin.get(api(`/survivors/${survivor.id}`)).expect(200);
      expect(await listed()).toContain(survivor.id);
    }
    t.clock.advanceMinutes(6);
    await admin.get(api(`/survivors/${survivor.id}`)).expect(404);
    expect(await listed()).not.toContain(survivor.id);
  });
});
