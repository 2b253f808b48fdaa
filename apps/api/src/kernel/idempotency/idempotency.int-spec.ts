import { PartnerOrg } from '../../features/partner-orgs/partner-org.entity.js';
import { createOrgFixture, signIn, api, type OrgFixture } from '../../testing/fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { IdempotencyKey } from './idempotency-key.entity.js';

describe('Idempotency-Key on create', () => {
  let t: TestApp;
  let org: OrgFixture;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrgFixture(t.dataSource);
  });
  afterAll(() => t.close());

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

  it('refuses a malformed key', async () => {
    const admin = await signIn(t, org.admin);
    const res = await admin.post(api('/partner-orgs')).set('Idempotency-Key', 'bad key!').send({ name: 'X', serviceTypes: ['legal'] }).expect(400);
    expect(res.body.errors).toHaveProperty(['Idempotency-Key']);
  });
});
