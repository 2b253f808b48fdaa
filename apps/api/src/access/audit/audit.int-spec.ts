import { withTwoOrgWorld } from '../../testing/builders.js';
import { signIn, api } from '../../testing/fixtures.js';
import { TEST_KEYS } from '../../testing/test-app.js';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { requestContext } from '../../kernel/http/request-context.js';
import { appendAuditEvents, AuditService } from './audit.service.js';
import { verifyAuditChain } from './audit-chain.js';
import { AuditEvent } from './audit-event.entity.js';

describe('audit trail', () => {
  const { t, org, other } = withTwoOrgWorld([]);
  beforeAll(async () => {
    const admin = await signIn(t, org.admin);
    const created = await admin.post(api('/partner-orgs')).send({ name: 'Audited Partner', serviceTypes: ['legal'] }).expect(201);
    await admin.put(api(`/partner-orgs/${created.body.id}`)).send({ capacity: 2, version: 1 }).expect(200);
    const otherAdmin = await signIn(t, other.admin);
    await otherAdmin.post(api('/partner-orgs')).send({ name: 'Foreign Partner', serviceTypes: ['legal'] }).expect(201);
  });

  it.each([
    ['UPDATE', `UPDATE audit_event SET reason = 'edited' WHERE id = (SELECT id FROM audit_event LIMIT 1)`],
    ['DELETE', `DELETE FROM audit_event WHERE id = (SELECT id FROM audit_event LIMIT 1)`],
    ['TRUNCATE', 'TRUNCATE audit_event'],
  ])('the database refuses %s', async (_op, sql) => {
    const before = await t.dataSource.getRepository(AuditEvent).count();
    await expect(t.dataSource.query(sql)).rejects.toThrow(/append-only/);
    expect(await t.dataSource.getRepository(AuditEvent).count()).toBe(before);
  });

  it('the chain verifies, and tampering with one row is found at that row', async () => {
    const intact = await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey);
    expect(intact.firstBreak).toBeNull();
    expect(intact.rowsChecked).toBeGreaterThan(0);

    const target = await t.dataSource
      .getRepository(AuditEvent)
      .findOneOrFail({ where: { organizationId: org.organizationId }, order: { seq: 'ASC' } });
    // Someone with database superuser rights bypasses the trigger to rewrite history...
    await t.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_event DISABLE TRIGGER trg_audit_event_no_update_delete');
      await manager.query(`UPDATE audit_event SET action = 'read' WHERE id = $1`, [target.id]);
      await manager.query('ALTER TABLE audit_event ENABLE TRIGGER trg_audit_event_no_update_delete');
    });
    try {
      const report = await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey);
      // ...and the verifier names exactly that row (chains are walked in order; other chains may come first).
      expect(report.firstBreak).toMatchObject({ id: target.id, problem: 'row hash does not match its content' });
      // Another key is told apart from tampering: it is a wrong key, and no row is judged (issue 12).
      const wrongKey = await verifyAuditChain(t.dataSource, Buffer.alloc(32, 1));
      expect(wrongKey).toMatchObject({ outcome: 'wrong_key', firstBreak: null });
    } finally {
      await t.dataSource.transaction(async (manager) => {
        await manager.query('ALTER TABLE audit_event DISABLE TRIGGER trg_audit_event_no_update_delete');
        await manager.query(`UPDATE audit_event SET action = $2 WHERE id = $1`, [target.id, target.action]);
        await manager.query('ALTER TABLE audit_event ENABLE TRIGGER trg_audit_event_no_update_delete');
      });
    }
    expect((await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey)).firstBreak).toBeNull();
  });

  it('group commit: list reads arriving together share transactions, one row each, and the chain holds', async () => {
    const cw = await signIn(t, org.caseworker);
    for (let i = 0; i < 3; i++) await cw.post(api('/survivors')).send({ alias: `Grouped ${i}` }).expect(201);
    const before = await t.dataSource.getRepository(AuditEvent).count({ where: { actorId: org.caseworker.id, action: 'list' } });
    let transactions = 0;
    const counting = t.dataSource.createQueryRunner;
    const spy = jest.spyOn(t.dataSource, 'createQueryRunner').mockImplementation(function (this: typeof t.dataSource, ...args) {
      const runner = counting.apply(this, args);
      const start = runner.startTransaction.bind(runner);
      runner.startTransaction = async (level) => {
        transactions += 1;
        return start(level);
      };
      return runner;
    });
    try {
      const answers = await Promise.all(Array.from({ length: 12 }, () => cw.get(api('/survivors?range=[0,24]')).expect(200)));
      expect(answers.every((a) => a.body.length >= 3)).toBe(true);
    } finally {
      spy.mockRestore();
    }
    // One row per read, none lost, none doubled...
    expect(await t.dataSource.getRepository(AuditEvent).count({ where: { actorId: org.caseworker.id, action: 'list' } })).toBe(before + 12);
    // ...in fewer transactions than reads (the reads that waited went together)...
    expect(transactions).toBeLessThan(12);
    // ...and the chain's links follow seq through the batches.
    expect((await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey)).firstBreak).toBeNull();
  });

  it('a list read appends in one statement against the head it remembers; a head moved meanwhile is caught by the link index', async () => {
    const cw = await signIn(t, org.caseworker);
    await cw.post(api('/survivors')).send({ alias: 'Head one' }).expect(201);
    const lists = () => t.dataSource.getRepository(AuditEvent).count({ where: { actorId: org.caseworker.id, action: 'list' } });
    // The first read after a write learns the head in the locked transaction; the ones after it know it.
    await cw.get(api('/survivors?range=[0,9]')).expect(200);
    const before = await lists();
    // Counted on the wire (node-postgres's client): the one-statement append goes to the pool directly, as
    // a named statement on a server (docs/architecture.md, "Named statements").
    const statements: string[] = [];
    const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
    const spy = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, config: unknown, ...rest: unknown[]) {
      const sql = typeof config === 'string' ? config : ((config as { text?: string } | undefined)?.text ?? '');
      if (/audit_event/.test(sql)) statements.push(sql.trim().split(/\s+/)[0]!);
      return query.call(this, config, ...rest);
    } as never);
    let transactions = 0;
    const transaction = jest.spyOn(t.dataSource, 'transaction');
    try {
      for (let i = 0; i < 3; i++) await cw.get(api('/survivors?range=[0,9]')).expect(200);
      expect(statements).toEqual(['INSERT', 'INSERT', 'INSERT']);
      transactions = transaction.mock.calls.length;
      expect(transactions).toBe(0);

      // Another writer appends (as a second API process would): the remembered head is stale. The link
      // index refuses the one-statement append, which falls back to the locked path, and loses nothing.
      await t.dataSource.transaction((manager) =>
        appendAuditEvents(manager, TEST_KEYS.auditKey, [
          { action: 'denied', actor: null, organizationId: org.organizationId, occurredAt: t.clock.now(), requestId: null, ip: null, reason: 'other process' },
        ]),
      );
      statements.length = 0;
      await cw.get(api('/survivors?range=[0,9]')).expect(200);
      expect(statements[0]).toBe('INSERT');
      expect(statements.length).toBeGreaterThan(1);
    } finally {
      spy.mockRestore();
      transaction.mockRestore();
    }
    expect(await lists()).toBe(before + 4);
    expect((await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey)).firstBreak).toBeNull();

    // The index itself: a second row after the same row of a chain is refused.
    const [head] = (await t.dataSource.query('SELECT * FROM audit_event WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1', [org.organizationId])) as Record<string, unknown>[];
    const fork: Record<string, unknown> = { ...head!, id: randomUUID(), row_hash: 'f'.repeat(64) };
    delete fork.seq;
    const columns = Object.keys(fork);
    await expect(
      t.dataSource.query(`INSERT INTO audit_event (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, [
        ...columns.map((c) => fork[c]),
      ]),
    ).rejects.toMatchObject({ code: '23505', constraint: 'ux_audit_event_chain_link' });
  });

  it('group commit: a request past its deadline neither loses its row nor stops the writer for the requests after it', async () => {
    const audit = t.app.get(AuditService);
    const actor = { id: org.caseworker.id, role: 'caseworker' as const, organizationId: org.organizationId, partnerOrgId: null, sessionId: 'late', stepUpAt: null };
    const count = () => t.dataSource.getRepository(AuditEvent).count({ where: { reason: 'deadline probe' } });
    const before = await count();
    // The late request starts the chain's writer; its deadline has passed (it answered 503), which refuses
    // any commit made in its context (kernel/http/deadline.ts). The writer runs outside it.
    const late = requestContext.run({ requestId: randomUUID(), ip: null, userAgent: null, actor, deadline: Date.now() - 1 }, () =>
      audit.recordAlone({ action: 'list', subjectType: 'Case', subjectIds: [], reason: 'deadline probe' }),
    );
    const others = Array.from({ length: 5 }, () =>
      requestContext.run({ requestId: randomUUID(), ip: null, userAgent: null, actor }, () =>
        audit.recordAlone({ action: 'list', subjectType: 'Case', subjectIds: [], reason: 'deadline probe' }),
      ),
    );
    await Promise.all([late, ...others]);
    expect(await count()).toBe(before + 6);
    expect((await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey)).firstBreak).toBeNull();
  });

  it('a deleted row breaks the link of the row after it', async () => {
    const rows = await t.dataSource
      .getRepository(AuditEvent)
      .find({ where: { organizationId: org.organizationId }, order: { seq: 'ASC' }, take: 3 });
    expect(rows.length).toBe(3);
    const [, middle, after] = rows;
    const snapshot = (await t.dataSource.query('SELECT * FROM audit_event WHERE id = $1', [middle!.id]))[0];
    await t.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_event DISABLE TRIGGER trg_audit_event_no_update_delete');
      await manager.query('DELETE FROM audit_event WHERE id = $1', [middle!.id]);
      await manager.query('ALTER TABLE audit_event ENABLE TRIGGER trg_audit_event_no_update_delete');
    });
    try {
      const report = await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey);
      expect(report.firstBreak).toMatchObject({ id: after!.id, problem: 'previous hash does not match the row before' });
    } finally {
      const columns = Object.keys(snapshot);
      await t.dataSource.query(
        `INSERT INTO audit_event (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((c) => snapshot[c]),
      );
    }
    expect((await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey)).firstBreak).toBeNull();
  });

  describe('GET /audit-events', () => {
    it('names each subject as the admin knows it: a case by its number, a person by name, a partner by name; never a survivor\'s alias', async () => {
      const cw = await signIn(t, org.caseworker);
      const survivor = (await cw.post(api('/survivors')).send({ alias: 'Labelcanary Qx' }).expect(201)).body;
      const kase = (await cw.post(api('/cases')).send({ survivorId: survivor.id, referralSource: 'Hotline' }).expect(201)).body;
      await cw.post(api('/case-notes')).send({ caseId: kase.id, noteType: 'contact', contactMethod: 'phone', body: 'Labelled' }).expect(201);
      const admin = await signIn(t, org.admin);
      const events = (await admin.get(api('/audit-events')).query({ range: '[0,99]' }).expect(200)).body as {
        subjectType: string;
        subjectId: string;
        subjectLabel: string | null;
        action: string;
      }[];
      const label = (type: string, id?: string) => events.find((e) => e.subjectType === type && (!id || e.subjectId === id))?.subjectLabel;
      expect(label('Case', kase.id)).toBe(kase.caseNumber);
      expect(label('Survivor', survivor.id)).toBe(kase.caseNumber);
      expect(label('CaseNote')).toBe(kase.caseNumber);
      expect(label('PartnerOrg')).toBe('Audited Partner');
      const loginOfCaseworker = events.find((e) => e.subjectType === 'User' && e.subjectId === org.caseworker.id);
      if (loginOfCaseworker) expect(loginOfCaseworker.subjectLabel).toBe(org.caseworker.displayName);
      expect(JSON.stringify(events)).not.toContain('Labelcanary');
      const one = (await admin.get(api(`/audit-events/${(events.find((e) => e.subjectType === 'Case') as { id?: string } | undefined)?.id}`)).expect(200)).body;
      expect(one.subjectLabel).toBe(kase.caseNumber);
    });

    it('shows an admin their organization\'s events, filterable by subject, actor, action and time', async () => {
      const admin = await signIn(t, org.admin);
      const all = await admin.get(api('/audit-events')).query({ range: '[0,99]' }).expect(200);
      expect(all.body.length).toBeGreaterThan(0);
      const created = all.body.find((e: { action: string; subjectType: string }) => e.action === 'create' && e.subjectType === 'PartnerOrg');
      expect(created).toBeDefined();

      const bySubject = await admin
        .get(api('/audit-events'))
        .query({ filter: JSON.stringify({ subjectType: 'PartnerOrg', subjectId: created.subjectId }) })
        .expect(200);
      expect(bySubject.body.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
      expect(bySubject.body.every((e: { subjectId: string }) => e.subjectId === created.subjectId)).toBe(true);

      const byActor = await admin.get(api('/audit-events')).query({ filter: JSON.stringify({ actorId: org.admin.id, action: 'login' }) }).expect(200);
      expect(byActor.body.length).toBeGreaterThan(0);
      expect(byActor.body.every((e: { actorId: string; action: string }) => e.actorId === org.admin.id && e.action === 'login')).toBe(true);

      const future = await admin
        .get(api('/audit-events'))
        .query({ filter: JSON.stringify({ occurredAt_gte: new Date(t.clock.now().getTime() + 86_400_000).toISOString() }) })
        .expect(200);
      expect(future.body).toEqual([]);

      const ids = new Set(all.body.map((e: { id: string }) => e.id));
      const foreign = await t.dataSource.getRepository(AuditEvent).find({ where: { organizationId: other.organizationId } });
      expect(foreign.length).toBeGreaterThan(0);
      for (const row of foreign) expect(ids.has(row.id)).toBe(false);
      expect(Object.keys(created).sort()).toEqual(
        ['action', 'actorId', 'actorRole', 'fields', 'id', 'ip', 'occurredAt', 'outcome', 'reason', 'requestId', 'subjectId', 'subjectIds', 'subjectLabel', 'subjectType'].sort(),
      );
    });

    it.each(['coordinator', 'caseworker', 'partner', 'analyst'] as const)('is refused to a %s', async (role) => {
      const agent = await signIn(t, org.users[role]);
      await agent.get(api('/audit-events')).expect(403);
    });

    it('rejects bad filters', async () => {
      const admin = await signIn(t, org.admin);
      await admin.get(api('/audit-events')).query({ filter: '{"action":"steal"}' }).expect(400);
      await admin.get(api('/audit-events')).query({ filter: '{"occurredAt_gte":"yesterday"}' }).expect(400);
      await admin.get(api('/audit-events')).query({ filter: '{"prevHash":"x"}' }).expect(400);
    });
  });

  it('writes exactly one row per change, with actor, action, subject, outcome and request id', async () => {
    const admin = await signIn(t, org.admin);
    const before = await t.dataSource.getRepository(AuditEvent).count({ where: { actorId: org.admin.id } });
    const created = await admin
      .post(api('/partner-orgs'))
      .set('X-Request-Id', 'req-exactly-one-1')
      .send({ name: `Exactly One ${Date.now()}`, serviceTypes: ['medical'] })
      .expect(201);
    await admin
      .put(api(`/partner-orgs/${created.body.id}`))
      .set('X-Request-Id', 'req-exactly-one-2')
      .send({ capacity: 3, version: 1 })
      .expect(200);
    const rows = await t.dataSource.getRepository(AuditEvent).find({ where: { actorId: org.admin.id }, order: { seq: 'ASC' } });
    expect(rows.length - before).toBe(2);
    expect(rows.slice(-2).map((r) => [r.action, r.requestId, r.subjectId, r.outcome])).toEqual([
      ['create', 'req-exactly-one-1', created.body.id, 'success'],
      ['update', 'req-exactly-one-2', created.body.id, 'success'],
    ]);
  });
});
