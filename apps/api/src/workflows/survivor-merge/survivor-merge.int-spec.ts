import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { Anonymizer } from '../../features/erasure/anonymizer.js';
import { SURVIVOR_DATA } from '../../features/erasure/survivor-data-map.js';
import { withOrgWorld } from '../../testing/builders.js';
import { survivorFile, verifyChains, type SurvivorFile } from '../../testing/erasure.js';
import { api, createOrgFixture, FIXTURE_PASSWORD, signIn } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { MERGE_MOVES, MERGE_STAYS } from './merge-map.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
const DAY = 86_400_000;
const REASON = 'Same person: same date of birth and phone, confirmed with her caseworker';

/**
 * Issue 17, merge (docs/duplicates.md, "Merge"): a coordinator merges a duplicate record into the one
 * that stays, with a step-up and a reason; every row that names the merged-away record moves, in one
 * transaction, audited; her id still resolves; an undo within 30 days moves back exactly those rows.
 */
describe('merging two records of one survivor (issue 17)', () => {
  let coordinator: Agent;
  let caseworker: Agent;
  let dup: SurvivorFile;
  let keptId: string;
  let keptCaseId: string;
  let elsewhereId: string;

  const { t, org } = withOrgWorld([]);
  beforeAll(async () => {
    const other = await createOrgFixture(t.dataSource);
    [coordinator, caseworker] = await Promise.all([signIn(t, org.coordinator), signIn(t, org.caseworker)]);
    // The duplicate: a full file (case, document, referral, service, relief, contact, note...) by the caseworker.
    dup = await survivorFile(t, org, caseworker);
    const caseworker2 = await signIn(t, org.caseworker2);
    const kept = await createSurvivorWithCase(caseworker2, { legalName: 'Maria F. Lopez Garcia', birthYear: 1995 });
    keptId = kept.survivor.id;
    keptCaseId = kept.kase.id;
    elsewhereId = (await createSurvivorWithCase(await signIn(t, other.caseworker))).survivor.id;
  });

  const merge = (agent: Agent, body: Record<string, unknown> = { mergedSurvivorId: dup.survivorId, reason: REASON }, into = keptId) => agent.post(api(`/survivors/${into}/merges`)).send(body);
  const owners = async () => {
    const out: Record<string, string[]> = {};
    for (const { table } of MERGE_MOVES) {
      const rows = (await t.dataSource.query(`SELECT DISTINCT survivor_id FROM "${table}" WHERE survivor_id = ANY($1::uuid[]) ORDER BY survivor_id`, [[dup.survivorId, keptId]])) as { survivor_id: string }[];
      out[table] = rows.map((r) => (r.survivor_id === keptId ? 'kept' : 'dup'));
    }
    return out;
  };
  const countOf = async (sql: string, params: unknown[]) => ((await t.dataSource.query(sql, params)) as { n: number }[])[0]!.n;

  it('moves or keeps, by name, every table that holds a survivor_id (a new one must be placed)', async () => {
    const rows = (await t.dataSource.query(
      `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE' AND c.column_name = 'survivor_id' ORDER BY 1`,
    )) as { table_name: string }[];
    const placed = new Set([...MERGE_MOVES.map((m) => m.table), ...Object.keys(MERGE_STAYS)]);
    expect(rows.map((r) => r.table_name).filter((table) => !placed.has(table))).toEqual([]);
    // Every table the merge moves is one of the survivor data map's.
    const mapped = new Set(SURVIVOR_DATA.map((e) => e.table));
    expect(MERGE_MOVES.filter((m) => !mapped.has(m.table))).toEqual([]);
  });

  it('refuses every role but the coordinator, on every route, and moves nothing', async () => {
    const before = await owners();
    for (const role of ['admin', 'caseworker', 'caseworker2', 'partner', 'analyst'] as const) {
      const agent = role === 'caseworker' ? caseworker : await signIn(t, org.users[role]);
      await agent.get(api(`/survivors/${keptId}/merge-preview?other=${dup.survivorId}`)).expect(403);
      await merge(agent).expect(403);
      await agent.get(api(`/survivors/${keptId}/merges`)).expect(403);
      await agent.post(api('/survivor-merges/00000000-0000-4000-8000-000000000000/undo')).send({ reason: REASON, version: 1 }).expect(403);
    }
    expect(await owners()).toEqual(before);
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor_merge WHERE organization_id = $1`, [org.organizationId])).toBe(0);
  });

  it('answers bad input with a 4xx naming the field, another organization with 404', async () => {
    const self = await merge(coordinator, { mergedSurvivorId: keptId, reason: REASON }).expect(400);
    expect(self.headers['content-type']).toContain('application/problem+json');
    expect(Object.keys(self.body.errors)).toEqual(['mergedSurvivorId']);
    expect(Object.keys((await merge(coordinator, { mergedSurvivorId: "x' OR 1=1", reason: REASON }).expect(400)).body.errors)).toEqual(['mergedSurvivorId']);
    expect(Object.keys((await merge(coordinator, { mergedSurvivorId: dup.survivorId, reason: 'short' }).expect(400)).body.errors)).toEqual(['reason']);
    expect(Object.keys((await coordinator.get(api(`/survivors/${keptId}/merge-preview?other=nope`)).expect(400)).body.errors)).toEqual(['other']);
    // Another organization's survivor, or one that does not exist: the same 404.
    const elsewhere = await merge(coordinator, { mergedSurvivorId: elsewhereId, reason: REASON }).expect(404);
    const unknown = await merge(coordinator, { mergedSurvivorId: '00000000-0000-4000-8000-000000000000', reason: REASON }).expect(404);
    expect(elsewhere.body.detail).toBe(unknown.body.detail);
    await merge(coordinator, undefined, elsewhereId).expect(404);
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor_merge WHERE organization_id = $1`, [org.organizationId])).toBe(0);
  });

  it('needs a fresh step-up', async () => {
    await t.dataSource.query(`UPDATE session SET step_up_at = step_up_at - interval '1 hour' WHERE user_id = $1`, [org.coordinator.id]);
    expect((await merge(coordinator).expect(403)).body.code).toBe('AUTH_STEP_UP_REQUIRED');
    await coordinator.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
  });

  it('refuses a survivor under an erasure request or with a case on legal hold (409 naming the field)', async () => {
    const [request] = (await t.dataSource.query(
      `INSERT INTO erasure_request (organization_id, survivor_id, requested_by, reason, status) VALUES ($1, $2, $3, 'She asked by phone', 'pending') RETURNING id`,
      [org.organizationId, dup.survivorId, org.admin.id],
    )) as { id: string }[];
    const erasing = await merge(coordinator).expect(409);
    expect(Object.keys(erasing.body.errors)).toEqual(['mergedSurvivorId']);
    await t.dataSource.query(`DELETE FROM erasure_request WHERE id = $1`, [request!.id]);
    const [hold] = (await t.dataSource.query(
      `INSERT INTO legal_hold (organization_id, case_id, reason, placed_by, placed_at) VALUES ($1, $2, 'Subpoena from the court', $3, now()) RETURNING id`,
      [org.organizationId, keptCaseId, org.admin.id],
    )) as { id: string }[];
    const held = await merge(coordinator).expect(409);
    expect(Object.keys(held.body.errors)).toEqual(['survivorId']);
    await t.dataSource.query(`DELETE FROM legal_hold WHERE id = $1`, [hold!.id]);
  });

  it('writes nothing when a move fails half-way', async () => {
    const before = await owners();
    await t.dataSource.query(`CREATE FUNCTION merge_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await t.dataSource.query(`CREATE TRIGGER merge_test_refuse BEFORE UPDATE ON contact FOR EACH ROW EXECUTE FUNCTION merge_test_refuse()`);
    try {
      const failed = await merge(coordinator).expect(500);
      expect(JSON.stringify(failed.body)).not.toMatch(/refused by the test|contact|UPDATE/);
    } finally {
      await t.dataSource.query(`DROP TRIGGER merge_test_refuse ON contact`);
      await t.dataSource.query(`DROP FUNCTION merge_test_refuse()`);
    }
    expect(await owners()).toEqual(before);
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor_merge WHERE organization_id = $1`, [org.organizationId])).toBe(0);
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor WHERE id = $1 AND merged_into_id IS NULL`, [dup.survivorId])).toBe(1);
    expect(await countOf(`SELECT count(*)::int AS n FROM audit_event WHERE subject_type = 'SurvivorMerge' AND action = 'create' AND organization_id = $1`, [org.organizationId])).toBe(0);
  });

  let mergeId: string;
  let mergeVersion: number;
  let movedRows: number;

  it('moves every row of the duplicate in one audited transaction; her id still resolves, and she is no longer a duplicate', async () => {
    const preview = await coordinator.get(api(`/survivors/${keptId}/merge-preview?other=${dup.survivorId}`)).expect(200);
    expect(preview.body.counts).toMatchObject({ cases: 1, documents: 1, contacts: 1, referrals: 1, services: 1, immigrationRelief: 1 });

    const done = await merge(coordinator).expect(201);
    expect(done.body).toMatchObject({ survivorId: keptId, mergedSurvivorId: dup.survivorId, reason: REASON, mergedBy: org.coordinator.id, mergedByName: org.coordinator.displayName, undoable: true, undoneAt: null });
    expect(done.body.counts).toEqual(preview.body.counts);
    mergeId = done.body.id;
    mergeVersion = done.body.version;

    for (const [table, who] of Object.entries(await owners())) expect([table, who.includes('dup')]).toEqual([table, false]);
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor_case WHERE survivor_id = $1`, [keptId])).toBe(2);
    movedRows = await countOf(`SELECT count(*)::int AS n FROM survivor_merge_row WHERE merge_id = $1`, [mergeId]);
    expect(movedRows).toBe(Object.values(done.body.counts as Record<string, number>).reduce((a, b) => a + b, 0));
    // The notes, intake and appointment follow their case.
    expect(await countOf(`SELECT count(*)::int AS n FROM case_note n JOIN survivor_case c ON c.id = n.case_id WHERE c.survivor_id = $1`, [keptId])).toBeGreaterThan(0);

    // One audit row in the chain, naming both records, their cases (for the cases' histories) and the tables, never a value.
    const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ subjectType: 'SurvivorMerge', subjectId: mergeId, action: 'create' });
    expect(audit).toMatchObject({ actorId: org.coordinator.id, reason: 'survivor records merged' });
    expect([...audit.subjectIds!].sort()).toEqual([keptId, dup.survivorId, keptCaseId, dup.caseId].sort());
    expect(JSON.stringify(audit)).not.toContain('Lopez');
    expect((await verifyChains(t)).outcome).toBe('ok');

    // Her old id resolves, and says where she is now; lists show only the record that stays.
    const old = await coordinator.get(api(`/survivors/${dup.survivorId}`)).expect(200);
    expect(old.body.mergedInto).toBe(keptId);
    expect((await coordinator.get(api(`/survivors/${keptId}`)).expect(200)).body.mergedInto).toBeUndefined();
    const listed = await coordinator.get(api('/survivors')).query({ range: '[0,99]' }).expect(200);
    expect(listed.body.map((s: { id: string }) => s.id)).toContain(keptId);
    expect(listed.body.map((s: { id: string }) => s.id)).not.toContain(dup.survivorId);
    const dupAlias = ((await t.dataSource.query(`SELECT alias FROM survivor WHERE id = $1`, [dup.survivorId])) as { alias: string }[])[0]!.alias;
    const searched = await coordinator.post(api('/search')).send({ q: dupAlias }).expect(200);
    expect(searched.body.survivors.map((s: { id: string }) => s.id)).not.toContain(dup.survivorId);
    // No longer a duplicate of anyone (her tokens are gone); the record that stays still is found.
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor_match_token WHERE survivor_id = $1`, [dup.survivorId])).toBe(0);
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor_name_token WHERE survivor_id = $1`, [dup.survivorId])).toBe(0);
    const found = await caseworker.post(api('/survivors/duplicates')).send({ legalName: 'Maria Fernanda Lopez', birthYear: 1995 }).expect(200);
    expect(found.body.possibleDuplicates.map((d: { id: string }) => d.id)).not.toContain(dup.survivorId);
    const coordinatorSees = await coordinator.get(api(`/survivors/${keptId}/merges`)).expect(200);
    expect(coordinatorSees.body).toEqual([expect.objectContaining({ id: mergeId, mergedAlias: expect.any(String), undoable: true })]);

    // Not twice, nor into the merged-away record.
    expect(Object.keys((await merge(coordinator).expect(409)).body.errors)).toEqual(['mergedSurvivorId']);
    expect(Object.keys((await merge(coordinator, { mergedSurvivorId: keptId, reason: REASON }, dup.survivorId).expect(409)).body.errors)).toEqual(['survivorId']);
  });

  it('refuses to undo when a record was added to a moved case since, or without a step-up', async () => {
    const [added] = (await t.dataSource.query(
      `INSERT INTO service_delivery (organization_id, case_id, survivor_id, delivered_on, category, provider_kind, provider_user_id, units) VALUES ($1, $2, $3, current_date, 'referral_victim_services', 'staff', $4, 1) RETURNING id`,
      [org.organizationId, dup.caseId, keptId, org.caseworker.id],
    )) as { id: string }[];
    const blocked = await coordinator.post(api(`/survivor-merges/${mergeId}/undo`)).send({ reason: 'Not the same person after all', version: mergeVersion }).expect(409);
    expect(Object.keys(blocked.body.errors)).toEqual(['cases']);
    await t.dataSource.query(`DELETE FROM service_delivery WHERE id = $1`, [added!.id]);
    await t.dataSource.query(`UPDATE session SET step_up_at = step_up_at - interval '1 hour' WHERE user_id = $1`, [org.coordinator.id]);
    expect((await coordinator.post(api(`/survivor-merges/${mergeId}/undo`)).send({ reason: 'Not the same person after all', version: mergeVersion }).expect(403)).body.code).toBe('AUTH_STEP_UP_REQUIRED');
    await coordinator.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
    expect(Object.keys((await coordinator.post(api(`/survivor-merges/${mergeId}/undo`)).send({ reason: 'short', version: mergeVersion }).expect(400)).body.errors)).toEqual(['reason']);
  });

  it('undoes: exactly the rows that moved move back, her tokens return, audited', async () => {
    const keptOwnCases = await countOf(`SELECT count(*)::int AS n FROM survivor_case WHERE survivor_id = $1 AND id <> $2`, [keptId, dup.caseId]);
    const undone = await coordinator.post(api(`/survivor-merges/${mergeId}/undo`)).send({ reason: 'Not the same person after all', version: mergeVersion }).expect(200);
    expect(undone.body).toMatchObject({ id: mergeId, undoable: false, undoReason: 'Not the same person after all' });
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor_case WHERE survivor_id = $1`, [dup.survivorId])).toBe(1);
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor_case WHERE survivor_id = $1`, [keptId])).toBe(keptOwnCases);
    for (const { table } of MERGE_MOVES) {
      expect([table, await countOf(`SELECT count(*)::int AS n FROM "${table}" t JOIN survivor_merge_row r ON r.row_id = t.id AND r.table_name = $2 WHERE r.merge_id = $1 AND t.survivor_id <> $3`, [mergeId, table, dup.survivorId])]).toEqual([table, 0]);
    }
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor WHERE id = $1 AND merged_into_id IS NULL`, [dup.survivorId])).toBe(1);
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor_match_token WHERE survivor_id = $1`, [dup.survivorId])).toBeGreaterThan(0);
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor_name_token WHERE survivor_id = $1`, [dup.survivorId])).toBeGreaterThan(0);
    const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ subjectType: 'SurvivorMerge', subjectId: mergeId, action: 'transition' });
    expect(audit.reason).toBe('survivor merge undone');
    expect((await verifyChains(t)).outcome).toBe('ok');
    expect((await coordinator.get(api(`/survivors/${dup.survivorId}`)).expect(200)).body.mergedInto).toBeUndefined();
    // Not twice.
    expect(Object.keys((await coordinator.post(api(`/survivor-merges/${mergeId}/undo`)).send({ reason: 'Not the same person after all', version: undone.body.version }).expect(409)).body.errors)).toEqual(['undoneAt']);
  });

  it('can be undone for 30 days by the application clock, and no longer after', async () => {
    const again = await merge(coordinator).expect(201);
    t.clock.advance(29 * DAY);
    coordinator = await signIn(t, org.coordinator);
    expect((await coordinator.get(api(`/survivors/${keptId}/merges`)).expect(200)).body[0]).toMatchObject({ id: again.body.id, undoable: true });
    t.clock.advance(2 * DAY);
    coordinator = await signIn(t, org.coordinator);
    expect((await coordinator.get(api(`/survivors/${keptId}/merges`)).expect(200)).body[0]).toMatchObject({ id: again.body.id, undoable: false });
    const late = await coordinator.post(api(`/survivor-merges/${again.body.id}/undo`)).send({ reason: 'Not the same person after all', version: again.body.version }).expect(409);
    expect(Object.keys(late.body.errors)).toEqual(['mergedAt']);
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor_case WHERE survivor_id = $1`, [dup.survivorId])).toBe(0);
  });

  it('anonymizing the record that stays anonymizes the records merged into it (they hold her names too)', async () => {
    expect(await countOf(`SELECT count(*)::int AS n FROM survivor WHERE id = $1 AND legal_name IS NOT NULL`, [dup.survivorId])).toBe(1);
    await t.dataSource.transaction((manager) => t.app.get(Anonymizer).erase(manager, keptId, t.clock.now(), { organizationId: org.organizationId, reason: 'test', actor: null }));
    const [row] = (await t.dataSource.query(`SELECT alias, legal_name, phone, address, merged_into_id FROM survivor WHERE id = $1`, [dup.survivorId])) as Record<string, unknown>[];
    expect(row).toEqual({ alias: 'Anonymized', legal_name: null, phone: null, address: null, merged_into_id: keptId });
  });
});
