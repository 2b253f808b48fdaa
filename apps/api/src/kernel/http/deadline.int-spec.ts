import pg from 'pg';
import type { EntitySubscriberInterface, InsertEvent, QueryRunner, TransactionRollbackEvent } from 'typeorm';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import { createOrgFixture, signIn, api, type OrgFixture } from '../../testing/fixtures.js';
import { endpointOf, TcpProxy, throughProxy } from '../../testing/tcp-proxy.js';
import { createTestApp, testDatabase, type TestApp } from '../../testing/test-app.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';

const DEADLINE = 2_000;
const server = testDatabase().kind === 'server';

/** Stalls the database right after the next survivor's insert, and tells when that transaction ended. */
class StallTrap implements EntitySubscriberInterface {
  armed = false;
  private runner: QueryRunner | null = null;
  private ended: (outcome: 'rolled back') => void = () => undefined;
  readonly rolledBack = new Promise<'rolled back'>((resolve) => (this.ended = resolve));

  constructor(private readonly proxy: TcpProxy) {}

  afterInsert(event: InsertEvent<unknown>): void {
    if (!this.armed || event.metadata.name !== 'Survivor') return;
    this.armed = false;
    this.runner = event.queryRunner;
    this.proxy.stall();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner === this.runner) this.ended('rolled back');
  }
}

describe('time limits', () => {
  let t: TestApp;
  let org: OrgFixture;
  let proxy: TcpProxy;
  let trap: StallTrap;

  beforeAll(async () => {
    proxy = new TcpProxy(...endpointOf(testDatabase()));
    await proxy.start();
    t = await createTestApp({
      target: throughProxy(proxy, testDatabase()),
      config: { timeouts: { statementMillis: 10_000, lockMillis: 300, requestDeadlineMillis: DEADLINE } },
    });
    org = await createOrgFixture(t.dataSource);
    trap = new StallTrap(proxy);
    t.dataSource.subscribers.push(trap);
  });
  afterAll(async () => {
    proxy.resume();
    await t.close();
    await proxy.cut();
  });

  it('a request stalled on the database past its deadline gets 503 with Retry-After, and its transaction is rolled back', async () => {
    const cw = await signIn(t, org.caseworker);
    trap.armed = true;
    // The database stays stalled until the answer is in: only the deadline can end this request.
    const res = await cw.post(api('/survivors')).set('Idempotency-Key', 'deadline-key-0001').send({ alias: 'Past Deadline' });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });

    proxy.resume();
    await expect(trap.rolledBack).resolves.toBe('rolled back');
    expect(await t.dataSource.getRepository(Survivor).countBy({ alias: 'Past Deadline' })).toBe(0);
    expect(await t.dataSource.getRepository(IdempotencyKey).countBy({ key: 'deadline-key-0001' })).toBe(0);
    // The retry, in time, creates it.
    await cw.post(api('/survivors')).set('Idempotency-Key', 'deadline-key-0001').send({ alias: 'Past Deadline' }).expect(201);
    // It waits out the deadline by design: the default 5 s would leave no room for a loaded machine.
  }, 15_000);

  it('a request still in its guards at the deadline gets 503, and its handler never runs: no read is listed or audited', async () => {
    const cw = await signIn(t, org.caseworker);
    const survivor = (await cw.post(api('/survivors')).send({ alias: 'Deadline Reader' }).expect(201)).body as { id: string };
    await cw.post(api('/cases')).send({ survivorId: survivor.id }).expect(201);
    const listReads = () => t.dataSource.getRepository(AuditEvent).countBy({ actorId: org.caseworker.id, action: 'list' });
    const before = await listReads();

    // The session lookup (AuthGuard) waits on the stalled database past the deadline.
    proxy.stall();
    const late = await cw.get(api('/cases'));
    expect(late.status).toBe(503);
    proxy.resume();
    // The guards then finish; DeadlineGuard keeps the handler (the list and its audit row) from running.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await listReads()).toBe(before);

    // In time, the same list is answered and its read audited.
    await cw.get(api('/cases')).expect(200);
    expect(await listReads()).toBe(before + 1);
  }, 15_000);

  (server ? it : it.skip)('the server database: statement and lock timeouts are set, and a lock wait past its limit is a 503', async () => {
    const [{ statement_timeout }] = (await t.dataSource.query('SHOW statement_timeout')) as { statement_timeout: string }[];
    const [{ lock_timeout }] = (await t.dataSource.query('SHOW lock_timeout')) as { lock_timeout: string }[];
    expect([statement_timeout, lock_timeout]).toEqual(['10s', '300ms']);

    const cw = await signIn(t, org.caseworker);
    const holder = new pg.Client({ connectionString: (testDatabase() as { url: string }).url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE survivor IN SHARE MODE');
      const res = await cw.post(api('/survivors')).send({ alias: 'Locked Out' });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await t.dataSource.getRepository(Survivor).countBy({ alias: 'Locked Out' })).toBe(0);
  });
});
