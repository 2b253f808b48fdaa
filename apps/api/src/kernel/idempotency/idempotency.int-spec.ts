import { PartnerOrg } from '../../features/partner-orgs/partner-org.entity.js';
import { withOrgWorld } from '../../testing/builders.js';
import { lastAudit, signIn, api } from '../../testing/fixtures.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import { createSurvivorWithCase } from '../../testing/records.js';

describe('Idempotency-Key on create', () => {
  const { t, org } = withOrgWorld([]);

  const count = (name: string) => t.dataSource.getRepository(PartnerOrg).count({ where: { organizationId: org.organizationId, name } });

  it('replays the first answer to a retry instead of creating twice', async () => {
    const admin = await signIn(t, org.admin);
    const body = { name: 'Retry Shelter', serviceTypes: ['shelter'] };
    const first = await admin.post(api('/partner-orgs')).set('Idempotency-Key', 'retry-key-0001').send(body).expect(201);
    const again = await admin.post(api('/partner-orgs')).set('Idempotency-Key', 'retry-key-0001').send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count('Retry Shelter')).toBe(1);
    // The stored answer is encrypted at rest.
    const stored = await t.dataSource.getRepository(IdempotencyKey).findOneByOrFail({ key: 'retry-key-0001' });
    expect(stored.responseBody).not.toContain('Retry Shelter');
  });

  it('refuses the same key with another body (422) and keeps keys per user', async () => {
    const admin = await signIn(t, org.admin);
    await admin.post(api('/partner-orgs')).set('Idempotency-Key', 'retry-key-0002').send({ name: 'Key Two', serviceTypes: ['legal'] }).expect(201);
    const reused = await admin
      .post(api('/partner-orgs'))
      .set('Idempotency-Key', 'retry-key-0002')
      .send({ name: 'Key Two Changed', serviceTypes: ['legal'] })
      .expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('Key Two Changed')).toBe(0);
  });

  it('answers 409 to a duplicate that arrives while the first is still running', async () => {
    const admin = await signIn(t, org.admin);
    const body = { name: 'Concurrent Shelter', serviceTypes: ['shelter'] };
    const results = await Promise.all(
      Array.from({ length: 3 }, () => admin.post(api('/partner-orgs')).set('Idempotency-Key', 'retry-key-0003').send(body)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await count('Concurrent Shelter')).toBe(1);
  });

  it('lets a failed request be retried with the same key', async () => {
    const admin = await signIn(t, org.admin);
    await admin.post(api('/partner-orgs')).set('Idempotency-Key', 'retry-key-0004').send({ name: '', serviceTypes: ['legal'] }).expect(400);
    await admin.post(api('/partner-orgs')).set('Idempotency-Key', 'retry-key-0004').send({ name: 'Fixed Name', serviceTypes: ['legal'] }).expect(201);
  });

  it('forgets keys after 24 hours', async () => {
    const admin = await signIn(t, org.admin);
    const body = { name: 'Day Old', serviceTypes: ['legal'] };
    await admin.post(api('/partner-orgs')).set('Idempotency-Key', 'retry-key-0005').send(body).expect(201);
    t.clock.advance(23 * 3_600_000);
    const fresh = await signIn(t, org.admin);
    await fresh.post(api('/partner-orgs')).set('Idempotency-Key', 'retry-key-0005').send(body).expect(201);
    expect(await count('Day Old')).toBe(1);
    t.clock.advance(2 * 3_600_000);
    const later = await signIn(t, org.admin);
    // The key is gone, so this is a new request: the duplicate name is refused by the database.
    await later.post(api('/partner-orgs')).set('Idempotency-Key', 'retry-key-0005').send(body).expect(409);
  });

  it('a replay re-reads the record through the access layer: audited, and 404 once out of reach (issue 11, point 6)', async () => {
    const cw = await signIn(t, org.caseworker);
    const survivor = (await cw.post(api('/survivors')).send({ alias: 'Replay Alias' }).expect(201)).body as { id: string };
    const body = { survivorId: survivor.id, referralSource: 'Hotline' };
    const first = await cw.post(api('/cases')).set('Idempotency-Key', 'replay-access-0001').send(body).expect(201);
    const again = await cw.post(api('/cases')).set('Idempotency-Key', 'replay-access-0001').send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ id: first.body.id, survivorId: survivor.id, referralSource: 'Hotline' });
    expect(await lastAudit(t, org.caseworker.id, 'read')).toMatchObject({ subjectType: 'Case', subjectId: first.body.id });

    // The case goes to another caseworker: the first one may no longer read it, replay or not.
    await t.dataSource.query('UPDATE survivor_case SET assigned_caseworker_id = $1 WHERE id = $2', [org.caseworker2.id, first.body.id]);
    await cw.get(api(`/cases/${first.body.id}`)).expect(404);
    const lost = await cw.post(api('/cases')).set('Idempotency-Key', 'replay-access-0001').send(body).expect(404);
    expect(lost.body.code).toBe('NOT_FOUND');
    expect(JSON.stringify(lost.body)).not.toMatch(/Hotline|survivorId/);
    expect(await lastAudit(t, org.caseworker.id, 'denied')).toMatchObject({ subjectType: 'Case', subjectId: first.body.id });
  });

  it('a record with no read route of its own (a goal) is replayed from its first answer, through the same checks', async () => {
    const cw = await signIn(t, org.caseworker);
    const { kase } = await createSurvivorWithCase(cw);
    const today = t.clock.now().toISOString().slice(0, 10);
    const review = new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    const plan = (await cw.post(api('/service-plans')).send({ caseId: kase.id, planType: 'Livelihood', startsOn: today, reviewDate: review }).expect(201)).body as { id: string };
    const body = { planId: plan.id, domain: 'housing', description: 'A safe flat of my own' };
    const first = await cw.post(api('/goals')).set('Idempotency-Key', 'goal-key-0001').send(body).expect(201);
    const again = await cw.post(api('/goals')).set('Idempotency-Key', 'goal-key-0001').send(body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await lastAudit(t, org.caseworker.id, 'read')).toMatchObject({ subjectType: 'Goal', subjectId: first.body.id });
    await t.dataSource.query('UPDATE survivor_case SET assigned_caseworker_id = $1 WHERE id = $2', [org.caseworker2.id, kase.id]);
    const lost = await cw.post(api('/goals')).set('Idempotency-Key', 'goal-key-0001').send(body).expect(404);
    expect(JSON.stringify(lost.body)).not.toContain('safe flat');
  });

  it('a pending key answers 409 during its lease, then a retry takes it over and answers with the record', async () => {
    const cw = await signIn(t, org.caseworker);
    const body = { alias: 'Lease Alias' };
    const first = await cw.post(api('/survivors')).set('Idempotency-Key', 'lease-key-0001').send(body).expect(201);
    // As if the process died between the commit and storing the answer.
    await t.dataSource.query(`UPDATE idempotency_key SET state = 'pending', response_body = NULL, response_status = NULL, claimed_at = $1 WHERE key = 'lease-key-0001'`, [
      t.clock.now(),
    ]);
    const busy = await cw.post(api('/survivors')).set('Idempotency-Key', 'lease-key-0001').send(body).expect(409);
    expect(busy.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(busy.headers['retry-after']).toBeDefined();
    t.clock.advance(31_000);
    const taken = await cw.post(api('/survivors')).set('Idempotency-Key', 'lease-key-0001').send(body).expect(201);
    expect(taken.headers['idempotent-replayed']).toBe('true');
    expect(taken.body).toMatchObject({ id: first.body.id, alias: 'Lease Alias' });
    expect(await t.dataSource.getRepository(Survivor).countBy({ alias: 'Lease Alias' })).toBe(1);
    expect(await t.dataSource.getRepository(IdempotencyKey).findOneByOrFail({ key: 'lease-key-0001' })).toMatchObject({ state: 'done' });
  });

  it('a pending key past its lease whose record does not exist is taken over and the request runs', async () => {
    const cw = await signIn(t, org.caseworker);
    const body = { alias: 'Orphan Alias' };
    // The hash of this request (it does not cover the key), from a first one under another key.
    await cw.post(api('/survivors')).set('Idempotency-Key', 'orphan-key-0000').send(body).expect(201);
    const { requestHash } = await t.dataSource.getRepository(IdempotencyKey).findOneByOrFail({ key: 'orphan-key-0000' });
    // A key of the old design, written before its request ran, that the request never got to finish.
    await t.dataSource.getRepository(IdempotencyKey).insert({
      userId: org.caseworker.id,
      key: 'orphan-key-0001',
      requestHash,
      state: 'pending',
      claimedAt: t.clock.now(),
      expiresAt: new Date(t.clock.now().getTime() + 3_600_000),
    });
    t.clock.advance(31_000);
    const res = await cw.post(api('/survivors')).set('Idempotency-Key', 'orphan-key-0001').send(body).expect(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await t.dataSource.getRepository(Survivor).countBy({ alias: 'Orphan Alias' })).toBe(2);
    expect(await t.dataSource.getRepository(IdempotencyKey).findOneByOrFail({ key: 'orphan-key-0001' })).toMatchObject({ state: 'done', subjectId: res.body.id });
  });

  it('refuses a malformed key', async () => {
    const admin = await signIn(t, org.admin);
    const res = await admin.post(api('/partner-orgs')).set('Idempotency-Key', 'bad key!').send({ name: 'X', serviceTypes: ['legal'] }).expect(400);
    expect(res.body.errors).toHaveProperty(['Idempotency-Key']);
  });
});
