import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { reindexSurvivorMatches } from '../../case-file/survivor-match-index.js';
import { reindexSurvivorNames } from '../../case-file/survivor-name-index.js';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { withOrgWorld } from '../../testing/builders.js';
import { api, createOrgFixture, FIXTURE_PASSWORD, signIn } from '../../testing/fixtures.js';
import { caselessSurvivor, erasedColumns, secondAdmin, SECRET, survivorFile, verifyChains, type SurvivorFile } from '../../testing/erasure.js';

type Agent = Awaited<ReturnType<typeof signIn>>;

/** Erasure on request (issue 16, part 4): two admins, step-up, and every table of the data map. */
describe('erasure on request', () => {
  let admin: Agent;
  let admin2: Agent;
  let admin2Id: string;
  let caseworker: Agent;
  let file: SurvivorFile;

  const { t, org } = withOrgWorld([]);
  beforeAll(async () => {
    const second = await secondAdmin(t, org);
    admin2Id = second.id;
    [admin, admin2, caseworker] = await Promise.all([signIn(t, org.admin), signIn(t, second), signIn(t, org.caseworker)]);
    file = await survivorFile(t, org, caseworker);
  });

  const request = (agent: Agent, caseNumber = file.caseNumber) => agent.post(api('/retention/erasure-requests')).send({ caseNumber, reason: 'She asked by phone on the hotline' });

  it('refuses every other role, on every route', async () => {
    const others = await Promise.all((['caseworker', 'coordinator', 'partner', 'analyst'] as const).map((role) => signIn(t, org.users[role])));
    for (const agent of others) {
      await agent.get(api('/retention/erasure-requests')).expect(403);
      await request(agent).expect(403);
      await agent.post(api('/retention/erasure-requests/00000000-0000-4000-8000-000000000000/approve')).send({ version: 1 }).expect(403);
      await agent.get(api('/retention/policy')).expect(403);
      await agent.put(api('/retention/policy')).send({ closedCaseYears: 3 }).expect(403);
      await agent.get(api('/retention/preview')).expect(403);
      await agent.get(api('/retention/reports')).expect(403);
      await agent.get(api('/retention/legal-holds')).expect(403);
      await agent.post(api('/retention/legal-holds')).send({ caseNumber: file.caseNumber, reason: 'A subpoena arrived today' }).expect(403);
    }
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM erasure_request WHERE survivor_id = $1`, [file.survivorId])).toEqual([{ n: 0 }]);
  });

  it('answers bad input with a 400 naming the field, and an unknown case number as such', async () => {
    const short = await admin.post(api('/retention/erasure-requests')).send({ caseNumber: file.caseNumber, reason: 'short' }).expect(400);
    expect(short.headers['content-type']).toContain('application/problem+json');
    expect(Object.keys(short.body.errors)).toEqual(['reason']);
    const odd = await admin.post(api('/retention/erasure-requests')).send({ caseNumber: "x' OR 1=1 --", reason: 'She asked by phone on the hotline' }).expect(400);
    expect(Object.keys(odd.body.errors)).toEqual(['caseNumber']);
    const unknown = await request(admin, 'LN-1999-99999').expect(400);
    expect(Object.keys(unknown.body.errors)).toEqual(['caseNumber']);
  });

  it('needs a fresh step-up to ask', async () => {
    await t.dataSource.query(`UPDATE session SET step_up_at = step_up_at - interval '1 hour' WHERE user_id = $1`, [org.admin.id]);
    expect((await request(admin).expect(403)).body.code).toBe('AUTH_STEP_UP_REQUIRED');
    await admin.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
  });

  it('does nothing until a second admin approves; the requester may not approve her own request', async () => {
    const before = await erasedColumns(t, file.survivorId);
    const asked = await request(admin).expect(201);
    expect(asked.body).toMatchObject({ status: 'pending', caseNumbers: [file.caseNumber], survivorId: file.survivorId, requestedBy: org.admin.id, requestedByName: org.admin.displayName, decidedBy: null, decidedByName: null });
    await request(admin2).expect(409); // one pending request per survivor

    const own = await admin.post(api(`/retention/erasure-requests/${asked.body.id}/approve`)).send({ version: asked.body.version }).expect(403);
    expect(own.body.detail).toMatch(/second admin/);
    const denied = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ actorId: org.admin.id, action: 'denied', subjectId: asked.body.id });
    expect(denied.reason).toBe('approve own erasure request');
    expect(await erasedColumns(t, file.survivorId)).toEqual(before);
    expect(before['survivor.legal_name']).toEqual([SECRET]);
    expect(before['case_note.body']).toEqual([SECRET]);
    expect((before['survivor_name_token'] as number[])[0]).toBeGreaterThan(0);

    // The approver's step-up too.
    await t.dataSource.query(`UPDATE session SET step_up_at = step_up_at - interval '1 hour' WHERE user_id = $1`, [admin2Id]);
    await admin2.post(api(`/retention/erasure-requests/${asked.body.id}/approve`)).send({ version: asked.body.version }).expect(403);
    expect(await erasedColumns(t, file.survivorId)).toEqual(before);
    await admin2.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);

    const approved = await admin2.post(api(`/retention/erasure-requests/${asked.body.id}/approve`)).send({ version: asked.body.version, note: 'Checked with her caseworker' }).expect(200);
    const [{ display_name: admin2Name }] = (await t.dataSource.query(`SELECT display_name FROM app_user WHERE id = $1`, [admin2Id])) as { display_name: string }[];
    expect(approved.body).toMatchObject({ status: 'completed', decidedBy: admin2Id, decidedByName: admin2Name, requestedByName: org.admin.displayName });
    const listed = (await admin.get(api('/retention/erasure-requests')).expect(200)).body.find((r: { id: string }) => r.id === asked.body.id);
    expect(listed).toMatchObject({ requestedByName: org.admin.displayName, decidedByName: admin2Name });
    await admin2.post(api(`/retention/erasure-requests/${asked.body.id}/approve`)).send({ version: approved.body.version }).expect(409);
  });

  it('destroys PII, narratives, the blind index and the document, and keeps the structure', async () => {
    const after = await erasedColumns(t, file.survivorId);
    for (const [where, values] of Object.entries(after)) {
      const expected = where.includes('.') ? values.map((v) => (v === null ? null : '')) : [0];
      expect([where, values]).toEqual([where, expected]);
    }
    const [survivor] = await t.dataSource.query(`SELECT alias, birth_year, anonymized_at, name_index FROM survivor WHERE id = $1`, [file.survivorId]);
    expect(survivor).toMatchObject({ alias: 'Anonymized', birth_year: 1995, name_index: [] });
    expect(survivor.anonymized_at).not.toBeNull();
    const [kase] = await t.dataSource.query(`SELECT status, case_number, closed_at, closure_reason FROM survivor_case WHERE id = $1`, [file.caseId]);
    expect(kase).toMatchObject({ status: 'closed', case_number: file.caseNumber, closure_reason: 'completed_plan' });
    const [doc] = await t.dataSource.query(`SELECT wrapped_key, chunk_count, purged_at FROM document WHERE id = $1`, [file.documentId]);
    expect(doc).toMatchObject({ wrapped_key: null, chunk_count: 0 });
    expect(doc.purged_at).not.toBeNull();
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM service_delivery WHERE survivor_id = $1 AND category = 'referral_victim_services'`, [file.survivorId])).toEqual([{ n: 1 }]);
    // The start-up re-index of names gives her no token back, not even decoys.
    await reindexSurvivorNames(t.dataSource, t.app.get(FieldCipher), t.app.get(BlindIndex));
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM survivor_name_token WHERE survivor_id = $1`, [file.survivorId])).toEqual([{ n: 0 }]);
    // Nor does the duplicate check's (case-file/survivor-match-index.ts).
    await reindexSurvivorMatches(t.dataSource, t.app.get(FieldCipher), t.app.get(BlindIndex));
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM survivor_match_token WHERE survivor_id = $1`, [file.survivorId])).toEqual([{ n: 0 }]);
    // Nothing of her remains in clear anywhere in the rows of her file.
    const dump = JSON.stringify(await t.dataSource.query(`SELECT row_to_json(s)::text AS r FROM survivor s WHERE id = $1`, [file.survivorId]));
    expect(dump).not.toContain('Lopez');
    expect(JSON.stringify(await t.dataSource.query(`SELECT decline_reason FROM referral WHERE survivor_id = $1`, [file.survivorId]))).not.toContain('Lopez');
  });

  it('audits it without values, lists it in the purge report, and the audit chain still verifies', async () => {
    const row = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'delete', subjectType: 'Survivor', subjectId: file.survivorId });
    expect(row.actorId).toBe(admin2Id);
    expect(row.fields).toEqual(expect.arrayContaining(['survivor', 'case_note', 'survivor_name_token']));
    expect(JSON.stringify(row)).not.toContain('Lopez');
    const reports = await admin.get(api('/retention/reports')).expect(200);
    expect(reports.body[0]).toMatchObject({ kind: 'request', survivors: 1, cases: 1, caseNumbers: [file.caseNumber] });
    const list = await admin.get(api('/retention/erasure-requests')).expect(200);
    expect(list.body[0]).toMatchObject({ status: 'completed', caseNumbers: [file.caseNumber] });
    expect(await verifyChains(t)).toMatchObject({ outcome: 'ok' });
    // Asking again for an anonymized survivor is a conflict, not a second erasure.
    await request(admin).expect(409);
  });

  it('the caseworker still opens the case; the survivor shows as anonymized, without her name', async () => {
    const res = await caseworker.get(api(`/survivors/${file.survivorId}`)).expect(200);
    expect(res.body.alias).toBe('Anonymized');
    expect(res.body.legalName ?? null).toBeNull();
    await caseworker.get(api(`/cases/${file.caseId}`)).expect(200);
    // The erased texts read back empty, never a 500.
    const notes = await caseworker.get(api(`/case-notes?filter=${encodeURIComponent(JSON.stringify({ caseId: file.caseId }))}`)).expect(200);
    expect(notes.body.map((n: { body: string }) => n.body)).toEqual(['']);
    const docs = await caseworker.get(api('/documents')).query({ filter: JSON.stringify({ caseId: file.caseId }) }).expect(200);
    expect(JSON.stringify(docs.body)).not.toContain('Lopez');
  });

  it('a rejected request erases nothing; the requester may withdraw her own', async () => {
    const other = await survivorFile(t, org, caseworker);
    const before = await erasedColumns(t, other.survivorId);
    const asked = await request(admin, other.caseNumber).expect(201);
    const rejected = await admin2.post(api(`/retention/erasure-requests/${asked.body.id}/reject`)).send({ version: asked.body.version, note: 'Not confirmed' }).expect(200);
    expect(rejected.body.status).toBe('rejected');
    await admin.post(api(`/retention/erasure-requests/${asked.body.id}/approve`)).send({ version: rejected.body.version }).expect(409);
    const again = await request(admin, other.caseNumber).expect(201);
    expect((await admin.post(api(`/retention/erasure-requests/${again.body.id}/reject`)).send({ version: again.body.version }).expect(200)).body.status).toBe('rejected');
    expect(await erasedColumns(t, other.survivorId)).toEqual(before);
  });

  it('refuses a survivor with an open case or a case on legal hold', async () => {
    const other = await survivorFile(t, org, caseworker);
    await t.dataSource.query(`UPDATE survivor_case SET status = 'active', closed_at = NULL WHERE id = $1`, [other.caseId]);
    expect((await request(admin, other.caseNumber).expect(409)).body.detail).toMatch(/still open/);
    await t.dataSource.query(`UPDATE survivor_case SET status = 'closed', closed_at = now() WHERE id = $1`, [other.caseId]);
    const asked = await request(admin, other.caseNumber).expect(201);
    await admin.post(api('/retention/legal-holds')).send({ caseNumber: other.caseNumber, reason: 'Subpoena from the county court' }).expect(201);
    expect((await admin2.post(api(`/retention/erasure-requests/${asked.body.id}/approve`)).send({ version: asked.body.version }).expect(409)).body.detail).toMatch(/legal hold/);
    expect((await erasedColumns(t, other.survivorId))['survivor.legal_name']).toEqual([SECRET]);
  });

  it('reaches a survivor who has no case by her record id, and the records merged into an erased one with her', async () => {
    const ask = (agent: Agent, body: Record<string, unknown>) => agent.post(api('/retention/erasure-requests')).send({ reason: 'She asked by phone on the hotline', ...body });
    const alone = await caselessSurvivor(t, org, caseworker);
    const withCase = await survivorFile(t, org, caseworker);
    const otherOrg = await createOrgFixture(t.dataSource);
    const elsewhere = await caselessSurvivor(t, otherOrg, await signIn(t, otherOrg.caseworker));
    // One way to name her, not both, not neither; an id only for someone who has no case, in this organization.
    for (const [body, field] of [
      [{}, 'caseNumber'],
      [{ caseNumber: withCase.caseNumber, survivorId: alone.survivorId }, 'caseNumber'],
      [{ survivorId: 'not-a-uuid' }, 'survivorId'],
      [{ survivorId: withCase.survivorId }, 'survivorId'],
      [{ survivorId: elsewhere.survivorId }, 'survivorId'],
      [{ survivorId: '00000000-0000-4000-8000-000000000000' }, 'survivorId'],
    ] as const) {
      const res = await ask(admin, body).expect(400);
      expect([JSON.stringify(body), Object.keys(res.body.errors)]).toEqual([JSON.stringify(body), [field]]);
    }
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM erasure_request WHERE survivor_id = ANY($1)`, [[alone.survivorId, withCase.survivorId]])).toEqual([{ n: 0 }]);

    const asked = await ask(admin, { survivorId: alone.survivorId }).expect(201);
    expect(asked.body).toMatchObject({ status: 'pending', survivorId: alone.survivorId, caseNumbers: [] });
    expect((await erasedColumns(t, alone.survivorId))['contact.name']).toEqual([SECRET]);
    await admin2.post(api(`/retention/erasure-requests/${asked.body.id}/approve`)).send({ version: asked.body.version }).expect(200);
    const erased = await erasedColumns(t, alone.survivorId);
    expect([erased['survivor.legal_name'], erased['survivor.phone'], erased['contact.name'], erased['contact.note'], erased['survivor_name_token']]).toEqual([[null], [null], [null], [null], [0]]);
    const [gone] = (await t.dataSource.query(`SELECT anonymized_at, alias FROM survivor WHERE id = $1`, [alone.survivorId])) as { anonymized_at: Date | null; alias: string }[];
    expect(gone).toMatchObject({ alias: 'Anonymized', anonymized_at: expect.any(Date) });
    const report = (await admin.get(api('/retention/reports')).expect(200)).body as { kind: string; survivors: number; cases: number }[];
    expect(report[0]).toMatchObject({ kind: 'request', survivors: 1, cases: 0 });
    await ask(admin, { survivorId: alone.survivorId }).expect(409);

    // A record whose cases were merged away is reached through the record she was merged into.
    const merged = await caselessSurvivor(t, org, caseworker);
    await t.dataSource.query(`UPDATE survivor SET merged_into_id = $2 WHERE id = $1`, [merged.survivorId, withCase.survivorId]);
    expect(Object.keys((await ask(admin, { survivorId: merged.survivorId }).expect(400)).body.errors)).toEqual(['survivorId']);
    const viaCase = await ask(admin, { caseNumber: withCase.caseNumber }).expect(201);
    await admin2.post(api(`/retention/erasure-requests/${viaCase.body.id}/approve`)).send({ version: viaCase.body.version }).expect(200);
    const [mergedRow] = (await t.dataSource.query(`SELECT anonymized_at, legal_name, phone FROM survivor WHERE id = $1`, [merged.survivorId])) as Record<string, unknown>[];
    expect(mergedRow).toMatchObject({ anonymized_at: expect.any(Date), legal_name: null, phone: null });
    expect(await verifyChains(t)).toMatchObject({ outcome: 'ok' });
  });
});
