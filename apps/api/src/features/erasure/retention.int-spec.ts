import { Logger } from '@nestjs/common';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { Jobs } from '../../kernel/jobs/jobs.js';
import { withOrgWorld } from '../../testing/builders.js';
import { api, createOrgFixture, FIXTURE_PASSWORD, signIn } from '../../testing/fixtures.js';
import { caselessSurvivor, erasedColumns, SECRET, survivorFile, verifyChains, type SurvivorFile } from '../../testing/erasure.js';
import { RETENTION_PURGE_JOB } from './retention.job.js';
import { RetentionService } from './retention.service.js';

type Agent = Awaited<ReturnType<typeof signIn>>;

/**
 * Retention (issue 16, part 5). The files are written now, then moved 8 years into the past (every date
 * their last activity is made of), so a case opened and closed then is 8 years old, past the default
 * period of 7. The clock stays: moving it would make every closed case of the other test files in this
 * jest worker's database due as well.
 */
describe('retention', () => {
  let admin: Agent;
  let purged: SurvivorFile;
  let held: SurvivorFile;
  let soon: SurvivorFile;
  let recent: SurvivorFile;
  let holdId: string;

  /** Runs the purge once and answers how the run ended: a run still going after 20 s fails the test here, not at a later assertion. */
  const runJob = async (): Promise<string> => {
    const jobs = t.app.get(Jobs);
    const id = await jobs.runNow(RETENTION_PURGE_JOB);
    await jobs.drain({ names: [RETENTION_PURGE_JOB] });
    // The process's own worker may have taken the run before drain did: wait until it has ended.
    let state = 'unknown';
    for (let i = 0; i < 200; i++) {
      const [run] = (await t.dataSource.query(`SELECT state FROM pgboss.job WHERE id = $1`, [id])) as { state: string }[];
      // Gone from the queue's table: archived, so ended.
      state = run?.state ?? 'archived';
      if (['completed', 'failed', 'retry', 'cancelled', 'archived'].includes(state)) return state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the retention run had not ended after 20 s (${state})`);
  };
  /** Moves every date a file's last activity is made of `days` into the past. */
  const age = async (files: SurvivorFile[], days: number) => {
    const cases = files.map((f) => f.caseId);
    const ago = `${days} days`;
    await t.dataSource.query(
      `UPDATE survivor_case SET opened_at = opened_at - $2::interval, closed_at = closed_at - $2::interval, last_contact_at = last_contact_at - $2::interval, updated_at = updated_at - $2::interval WHERE id = ANY($1)`,
      [cases, ago],
    );
    for (const table of ['case_note', 'service_delivery']) await t.dataSource.query(`UPDATE ${table} SET created_at = created_at - $2::interval WHERE case_id = ANY($1)`, [cases, ago]);
    await t.dataSource.query(`UPDATE referral SET updated_at = updated_at - $2::interval WHERE case_id = ANY($1)`, [cases, ago]);
  };
  const anonymized = async (f: SurvivorFile) => ((await t.dataSource.query(`SELECT anonymized_at FROM survivor WHERE id = $1`, [f.survivorId])) as { anonymized_at: Date | null }[])[0]!.anonymized_at !== null;

  const { t, org } = withOrgWorld([]);
  beforeAll(async () => {
    const caseworker = await signIn(t, org.caseworker);
    purged = await survivorFile(t, org, caseworker);
    held = await survivorFile(t, org, caseworker);
    soon = await survivorFile(t, org, caseworker);
    recent = await survivorFile(t, org, caseworker);
    // Everything written 8 years and 2 days ago; then `soon` closed 7 years minus 10 days ago, `recent` half a year ago.
    await age([purged, held, soon, recent], 8 * 365 + 2);
    await t.dataSource.query(`UPDATE survivor_case SET closed_at = now() - interval '7 years' + interval '10 days', last_contact_at = now() - interval '7 years' + interval '10 days' WHERE id = $1`, [soon.caseId]);
    await t.dataSource.query(`UPDATE survivor_case SET closed_at = now() - interval '6 months' WHERE id = $1`, [recent.caseId]);
    admin = await signIn(t, org.admin);
  });

  it('keeps 7 years by default; admins set 1 to 50, anything else is a 400 naming the field', async () => {
    expect((await admin.get(api('/retention/policy')).expect(200)).body).toMatchObject({ closedCaseYears: 7 });
    for (const bad of [0, 51, 7.5, 'seven', null]) {
      const res = await admin.put(api('/retention/policy')).send({ closedCaseYears: bad }).expect(400);
      expect(Object.keys(res.body.errors)).toEqual(['closedCaseYears']);
    }
    expect((await admin.put(api('/retention/policy')).send({ closedCaseYears: 7 }).expect(200)).body).toMatchObject({ closedCaseYears: 7, version: 1 });
    const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ actorId: org.admin.id, action: 'update', subjectType: 'RetentionPolicy' });
    expect(audit.fields).toEqual(['closedCaseYears']);
  });

  it('puts a case on legal hold with a reason, audited; one active hold per case', async () => {
    await admin.post(api('/retention/legal-holds')).send({ caseNumber: held.caseNumber, reason: 'short' }).expect(400);
    const res = await admin.post(api('/retention/legal-holds')).send({ caseNumber: held.caseNumber, reason: 'Subpoena from the county court' }).expect(201);
    expect(res.body).toMatchObject({ caseNumber: held.caseNumber, active: true, placedBy: org.admin.id, placedByName: org.admin.displayName });
    holdId = res.body.id;
    await admin.post(api('/retention/legal-holds')).send({ caseNumber: held.caseNumber, reason: 'Subpoena from the county court' }).expect(409);
    expect(await t.dataSource.getRepository(AuditEvent).findOneBy({ action: 'create', subjectType: 'LegalHold', subjectId: holdId })).not.toBeNull();
  });

  it('previews what the next 30 days will purge: case numbers and dates, held cases left out', async () => {
    const res = await admin.get(api('/retention/preview')).expect(200);
    const numbers = (res.body.cases as { caseNumber: string }[]).map((c) => c.caseNumber).sort();
    expect(numbers).toEqual([purged.caseNumber, soon.caseNumber].sort());
    expect(res.body).toMatchObject({ closedCaseYears: 7, survivors: 2, held: 1 });
    expect(JSON.stringify(res.body)).not.toContain('Lopez');
  });

  it('the job purges a case opened 8 years ago and closed since, never a held one, and the audit chain still verifies', async () => {
    expect(await runJob()).toBe('completed');
    expect(await anonymized(purged)).toBe(true);
    expect((await erasedColumns(t, purged.survivorId))['survivor.legal_name']).toEqual([null]);
    expect((await erasedColumns(t, purged.survivorId))['case_note.body']).toEqual(['']);
    for (const kept of [held, soon, recent]) {
      expect(await anonymized(kept)).toBe(false);
      expect((await erasedColumns(t, kept.survivorId))['survivor.legal_name']).toEqual([SECRET]);
    }
    const report = await admin.get(api('/retention/reports')).expect(200);
    expect(report.body).toEqual([expect.objectContaining({ kind: 'retention', survivors: 1, cases: 1, caseNumbers: [purged.caseNumber] })]);
    const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'delete', subjectType: 'Survivor', subjectId: purged.survivorId });
    expect([audit.actorId, audit.reason]).toEqual([null, 'anonymized: retention period']);
    expect(await verifyChains(t)).toMatchObject({ outcome: 'ok' });
    // Run again: nothing more, no empty report.
    await runJob();
    expect((await admin.get(api('/retention/reports')).expect(200)).body).toHaveLength(1);
  });

  it('lifting the hold needs a reason and a step-up; then the next run purges it', async () => {
    const listed = (await admin.get(api('/retention/legal-holds')).expect(200)).body.find((h: { id: string }) => h.id === holdId);
    expect(listed).toMatchObject({ placedBy: org.admin.id, placedByName: org.admin.displayName });
    const version = listed.version;
    await admin.post(api(`/retention/legal-holds/${holdId}/lift`)).send({ version }).expect(400);
    await t.dataSource.query(`UPDATE session SET step_up_at = step_up_at - interval '1 hour' WHERE user_id = $1`, [org.admin.id]);
    expect((await admin.post(api(`/retention/legal-holds/${holdId}/lift`)).send({ version, reason: 'The trial is over' }).expect(403)).body.code).toBe('AUTH_STEP_UP_REQUIRED');
    await admin.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
    const lifted = await admin.post(api(`/retention/legal-holds/${holdId}/lift`)).send({ version, reason: 'The trial is over' }).expect(200);
    expect(lifted.body).toMatchObject({ active: false, liftedBy: org.admin.id });
    expect(await t.dataSource.getRepository(AuditEvent).findOneBy({ action: 'update', subjectType: 'LegalHold', subjectId: holdId })).not.toBeNull();
    expect(await runJob()).toBe('completed');
    expect(await anonymized(held)).toBe(true);
    expect(await anonymized(soon)).toBe(false);
    expect(await verifyChains(t)).toMatchObject({ outcome: 'ok' });
  });

  it('one survivor who cannot be anonymized holds up no one; the run fails, is retried, and says nothing of her', async () => {
    const caseworker = await signIn(t, org.caseworker);
    const stuck = await survivorFile(t, org, caseworker);
    const next = await survivorFile(t, org, caseworker);
    // `stuck` is the older, so the run reaches her first.
    await age([stuck], 9 * 365);
    await age([next], 8 * 365 + 2);
    await t.dataSource.query(
      `CREATE FUNCTION retention_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = '${stuck.survivorId}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
    );
    await t.dataSource.query(`CREATE TRIGGER retention_test_refuse BEFORE UPDATE ON survivor FOR EACH ROW EXECUTE FUNCTION retention_test_refuse()`);
    // What the service logs (Nest's Logger: the test app writes no Nest log lines of its own).
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      expect(['retry', 'failed']).toContain(await runJob());
      expect(await anonymized(next)).toBe(true);
      expect(await anonymized(stuck)).toBe(false);
      const [run] = (await t.dataSource.query(`SELECT state FROM pgboss.job WHERE name = $1 ORDER BY created_on DESC LIMIT 1`, [RETENTION_PURGE_JOB])) as { state: string }[];
      expect(['retry', 'failed']).toContain(run!.state);
      const lines = errors.mock.calls.map((call) => call.map(String).join(' ')).join('\n');
      expect(lines).toContain('a survivor could not be anonymized');
      expect(lines).not.toContain(stuck.survivorId);
      expect(lines).not.toContain(SECRET);
    } finally {
      errors.mockRestore();
      await t.dataSource.query(`DROP TRIGGER retention_test_refuse ON survivor`);
      await t.dataSource.query(`DROP FUNCTION retention_test_refuse()`);
    }
    expect(await runJob()).toBe('completed');
    expect(await anonymized(stuck)).toBe(true);
  });

  it('an organization whose purge cannot run holds up no other; the run is retried', async () => {
    const caseworker = await signIn(t, org.caseworker);
    const due = await survivorFile(t, org, caseworker);
    await age([due], 8 * 365 + 2);
    // Another organization, read before or after this one (ids are random): its purge throws.
    const other = await createOrgFixture(t.dataSource);
    const service = t.app.get(RetentionService);
    const purgeOrganization = service.purgeOrganization.bind(service);
    const spy = jest.spyOn(service, 'purgeOrganization').mockImplementation(async (id) => {
      if (id === other.organizationId) throw new Error('refused by the test');
      return purgeOrganization(id);
    });
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      expect(['retry', 'failed']).toContain(await runJob());
      expect(spy.mock.calls.map(([id]) => id)).toEqual(expect.arrayContaining([org.organizationId, other.organizationId]));
      expect(await anonymized(due)).toBe(true);
      expect(errors.mock.calls.map((call) => call.map(String).join(' ')).join('\n')).toContain("an organization's purge could not run");
    } finally {
      errors.mockRestore();
      spy.mockRestore();
    }
  });

  it('reaches survivors who never had a case: due by the last change of their record, contacts and consents', async () => {
    const caseworker = await signIn(t, org.caseworker);
    const [old, contacted, fresh] = [await caselessSurvivor(t, org, caseworker), await caselessSurvivor(t, org, caseworker), await caselessSurvivor(t, org, caseworker)];
    // `old` and `contacted` registered 8 years ago; `contacted` reached out again last month.
    await t.dataSource.query(`UPDATE survivor SET created_at = created_at - interval '8 years', updated_at = updated_at - interval '8 years' WHERE id = ANY($1)`, [[old.survivorId, contacted.survivorId]]);
    await t.dataSource.query(`UPDATE contact SET created_at = created_at - interval '8 years', updated_at = updated_at - interval '8 years' WHERE id = $1`, [old.contactId]);
    await t.dataSource.query(`UPDATE contact SET updated_at = updated_at - interval '30 days' WHERE id = $1`, [contacted.contactId]);

    const preview = (await admin.get(api('/retention/preview')).expect(200)).body as { cases: { caseNumber: string }[]; survivors: number; withoutCase: number };
    expect(preview).toMatchObject({ survivors: 2, withoutCase: 1 });
    expect(preview.cases.map((c) => c.caseNumber)).toEqual([soon.caseNumber]);
    expect(JSON.stringify(preview)).not.toContain(old.survivorId);

    expect(await runJob()).toBe('completed');
    expect(await anonymized({ survivorId: old.survivorId } as SurvivorFile)).toBe(true);
    expect((await erasedColumns(t, old.survivorId))['contact.name']).toEqual([null]);
    for (const kept of [contacted, fresh]) {
      expect(await anonymized({ survivorId: kept.survivorId } as SurvivorFile)).toBe(false);
      expect((await erasedColumns(t, kept.survivorId))['survivor.legal_name']).toEqual([SECRET]);
    }
    const [latest] = (await admin.get(api('/retention/reports')).expect(200)).body as { kind: string; survivors: number; cases: number; caseNumbers: string[] }[];
    expect(latest).toMatchObject({ kind: 'retention', survivors: 1, cases: 0, caseNumbers: [] });
    expect(await verifyChains(t)).toMatchObject({ outcome: 'ok' });
  });
});
