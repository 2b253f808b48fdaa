import type { EntitySubscriberInterface, InsertEvent, QueryRunner, TransactionCommitEvent } from 'typeorm';
import { Survivor } from '../../case-file/survivor.entity.js';
import { createOrgFixture, signIn, api, type OrgFixture } from '../../testing/fixtures.js';
import { endpointOf, TcpProxy, throughProxy } from '../../testing/tcp-proxy.js';
import { createTestApp, testDatabase, type TestApp } from '../../testing/test-app.js';
import { IdempotencyKey } from './idempotency-key.entity.js';

/** Cuts the database at a chosen point of the next survivor's creation. */
class Trap implements EntitySubscriberInterface {
  point: 'before-commit' | 'after-commit' | null = null;
  private runner: QueryRunner | null = null;

  constructor(private readonly proxy: TcpProxy) {}

  async afterInsert(event: InsertEvent<unknown>): Promise<void> {
    if (event.metadata.name !== 'Survivor' || !this.point) return;
    if (this.point === 'before-commit') {
      this.point = null;
      await this.proxy.cut();
    } else this.runner = event.queryRunner;
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    if (this.point !== 'after-commit' || event.queryRunner !== this.runner) return;
    this.point = null;
    this.runner = null;
    await this.proxy.cut();
  }
}

describe('a database cut in the middle of a keyed create', () => {
  let t: TestApp;
  let org: OrgFixture;
  let proxy: TcpProxy;
  let trap: Trap;

  beforeAll(async () => {
    proxy = new TcpProxy(...endpointOf(testDatabase()));
    await proxy.start();
    t = await createTestApp({ target: throughProxy(proxy, testDatabase()) });
    org = await createOrgFixture(t.dataSource);
    trap = new Trap(proxy);
    t.dataSource.subscribers.push(trap);
  });
  afterAll(async () => {
    await t.close();
    await proxy.cut();
  });

  /** A query, retried while the pool replaces the connections the cut killed. */
  async function settled<T>(query: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await query();
      } catch (error) {
        if (i >= 20) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Retries while the pool reconnects (503), as a client would. */
  async function send(agent: Awaited<ReturnType<typeof signIn>>, key: string, body: object) {
    for (let i = 0; ; i++) {
      const res = await agent.post(api('/survivors')).set('Idempotency-Key', key).send(body);
      if (res.status !== 503 || i >= 20) return res;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('before the commit: neither the record nor a pending key is left, and the retry creates it once', async () => {
    const cw = await signIn(t, org.caseworker);
    const body = { alias: 'Cut Before Commit' };
    trap.point = 'before-commit';
    const cut = await cw.post(api('/survivors')).set('Idempotency-Key', 'cut-before-0001').send(body);
    expect(cut.status).toBe(503);
    await proxy.restore();
    expect(await settled(() => t.dataSource.getRepository(IdempotencyKey).countBy({ key: 'cut-before-0001' }))).toBe(0);
    expect(await t.dataSource.getRepository(Survivor).countBy({ alias: 'Cut Before Commit' })).toBe(0);

    const retry = await send(cw, 'cut-before-0001', body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await t.dataSource.getRepository(Survivor).countBy({ alias: 'Cut Before Commit' })).toBe(1);
    expect(await t.dataSource.getRepository(IdempotencyKey).findOneByOrFail({ key: 'cut-before-0001' })).toMatchObject({ state: 'done', subjectId: retry.body.id });
  });

  it('after the commit, before the answer is stored: the key waits out its lease, then the retry answers with the record', async () => {
    const cw = await signIn(t, org.caseworker);
    const body = { alias: 'Cut After Commit' };
    trap.point = 'after-commit';
    const cut = await cw.post(api('/survivors')).set('Idempotency-Key', 'cut-after-0001').send(body);
    expect([201, 503]).toContain(cut.status);
    await proxy.restore();

    // The record and its key were committed together; the key is still pending.
    const key = await settled(() => t.dataSource.getRepository(IdempotencyKey).findOneByOrFail({ key: 'cut-after-0001' }));
    expect(key).toMatchObject({ state: 'pending', subjectType: 'Survivor' });
    const early = await send(cw, 'cut-after-0001', body);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');

    t.clock.advance(31_000);
    const retry = await send(cw, 'cut-after-0001', body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toMatchObject({ id: key.subjectId, alias: 'Cut After Commit' });
    if (cut.status === 201) expect(cut.body.id).toBe(key.subjectId);
    expect(await t.dataSource.getRepository(Survivor).countBy({ alias: 'Cut After Commit' })).toBe(1);
    expect(await t.dataSource.getRepository(IdempotencyKey).countBy({ key: 'cut-after-0001', state: 'pending' })).toBe(0);
  });
});
