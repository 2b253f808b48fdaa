import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { withOrgWorld, type Agent } from '../../testing/builders.js';
import { lastAudit, api } from '../../testing/fixtures.js';
import { closeCase, createSurvivorWithCase } from '../../testing/records.js';

/** Drafts of notes (issue 13): features/case-notes/note-drafts.service.ts. */
describe('drafts of case notes', () => {
  const { t, org, as: { caseworker: cw, caseworker2: cw2, coordinator, admin } } = withOrgWorld(['caseworker', 'caseworker2', 'coordinator', 'admin']);

  const draft = (caseId: string, extra: Record<string, unknown> = {}) => ({
    caseId,
    noteType: 'session',
    contactMethod: 'phone',
    occurredAt: null,
    restricted: true,
    body: 'She is thinking about the shelter in',
    ...extra,
  });
  const mine = (agent: Agent, caseId: string) => agent.get(api('/case-notes/drafts/mine')).query({ caseId });

  it('its author saves, reads and replaces her draft; the body is ciphertext in the table; reads and writes are audited', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    await mine(cw, kase.id).expect(404);
    const first = (await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id)).expect(200)).body;
    expect(first).toMatchObject({ caseId: kase.id, authorId: org.caseworker.id, noteType: 'session', occurredAt: null, restricted: true, version: 1 });
    expect(await lastAudit(t, org.caseworker.id, 'create')).toMatchObject({ subjectType: 'CaseNoteDraft', subjectId: first.id });

    const occurredAt = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    const second = (await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id, { version: 1, occurredAt, body: 'She is thinking about the shelter in town.' })).expect(200)).body;
    expect(second).toMatchObject({ id: first.id, version: 2, occurredAt, body: 'She is thinking about the shelter in town.' });
    expect(await lastAudit(t, org.caseworker.id, 'update')).toMatchObject({ subjectType: 'CaseNoteDraft', subjectId: first.id });

    expect((await mine(cw, kase.id).expect(200)).body).toMatchObject({ id: first.id, version: 2, body: 'She is thinking about the shelter in town.' });
    expect(await lastAudit(t, org.caseworker.id, 'read')).toMatchObject({ subjectType: 'CaseNoteDraft', subjectId: first.id });

    const [raw] = (await t.dataSource.query('SELECT body FROM case_note_draft WHERE id = $1', [first.id])) as { body: string }[];
    expect(raw!.body).toMatch(/^v1\./);
    expect(raw!.body).not.toContain('shelter');
    // The body is bound to its own table, column and row: not readable as a note's.
    expect(() => t.app.get(FieldCipher).decrypt(raw!.body, { table: 'case_note', column: 'body', rowId: first.id })).toThrow();
  });

  it('nobody but its author reads it: another caseworker, the coordinator and an admin get 404, and none can overwrite it', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id)).expect(200);
    await mine(cw2, kase.id).expect(404);
    await mine(coordinator, kase.id).expect(404);
    await mine(admin, kase.id).expect(404);
    // Not on her caseload: refused naming the case, as a note would be.
    const refused = await cw2.put(api('/case-notes/drafts/mine')).send(draft(kase.id)).expect(400);
    expect(refused.body.errors).toHaveProperty('caseId');
    await coordinator.put(api('/case-notes/drafts/mine')).send(draft(kase.id)).expect(403);
    await cw2.delete(api('/case-notes/drafts/mine')).query({ caseId: kase.id }).expect(404);
    expect((await mine(cw, kase.id).expect(200)).body.body).toBe('She is thinking about the shelter in');

    // After a reassignment the draft stays its author's, and she no longer reads it.
    const current = (await coordinator.get(api(`/cases/${kase.id}`)).expect(200)).body;
    await coordinator.post(api(`/cases/${kase.id}/assign`)).send({ caseworkerId: org.caseworker2.id, version: current.version }).expect(200);
    await mine(cw, kase.id).expect(404);
    await mine(cw2, kase.id).expect(404);
  });

  it('a stale version, or a second start from another tab, is 409; discarding removes it', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id)).expect(200);
    await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id, { version: 1, body: 'first tab' })).expect(200);
    expect((await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id, { version: 1, body: 'second tab' })).expect(409)).body.code).toBe('STALE_VERSION');
    await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id, { body: 'a new start' })).expect(409);
    expect((await mine(cw, kase.id).expect(200)).body.body).toBe('first tab');

    await cw.delete(api('/case-notes/drafts/mine')).query({ caseId: kase.id }).expect(204);
    expect(await lastAudit(t, org.caseworker.id, 'delete')).toMatchObject({ subjectType: 'CaseNoteDraft' });
    await mine(cw, kase.id).expect(404);
    await cw.delete(api('/case-notes/drafts/mine')).query({ caseId: kase.id }).expect(404);
    // Saving with the version of a discarded draft is stale too.
    await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id, { version: 2 })).expect(409);
  });

  it('saving the note removes its author\'s draft in the same commit; a correction leaves it', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id)).expect(200);
    const note = (await cw.post(api('/case-notes')).send({ caseId: kase.id, noteType: 'session', contactMethod: 'phone', body: 'Shelter in town.' }).expect(201)).body;
    await mine(cw, kase.id).expect(404);
    expect(await t.dataSource.query('SELECT id FROM case_note_draft WHERE case_id = $1', [kase.id])).toEqual([]);

    await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id)).expect(200);
    await cw.post(api('/case-notes')).send({ caseId: kase.id, noteType: 'session', contactMethod: 'phone', body: 'Correction.', correctsNoteId: note.id }).expect(201);
    await mine(cw, kase.id).expect(200);
  });

  it('a closed case takes no draft (409 CASE_CLOSED); its author may still discard hers', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id)).expect(200);
    await closeCase(cw, kase.id);
    const closed = await cw.put(api('/case-notes/drafts/mine')).send(draft(kase.id, { version: 1 })).expect(409);
    expect(closed.body.code).toBe('CASE_CLOSED');
    await cw.delete(api('/case-notes/drafts/mine')).query({ caseId: kase.id }).expect(204);
  });

  it('bad input is 400 naming the field', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    const field = async (body: Record<string, unknown>) =>
      Object.keys(((await cw.put(api('/case-notes/drafts/mine')).send(body).expect(400)).body as { errors: Record<string, string[]> }).errors);
    expect(await field(draft(kase.id, { noteType: 'gossip' }))).toContain('noteType');
    expect(await field(draft(kase.id, { contactMethod: 'pigeon' }))).toContain('contactMethod');
    expect(await field(draft(kase.id, { occurredAt: 'yesterday' }))).toContain('occurredAt');
    expect(await field(draft(kase.id, { restricted: 'yes' }))).toContain('restricted');
    expect(await field(draft(kase.id, { body: 'x'.repeat(20_001) }))).toContain('body');
    expect(await field(draft(kase.id, { version: 0 }))).toContain('version');
    expect(await field(draft('not-a-case'))).toContain('caseId');
    expect(await field(draft(kase.id, { authorId: org.caseworker2.id }))).toContain('authorId');
    const query = await cw.get(api('/case-notes/drafts/mine')).query({ caseId: 'nope' }).expect(400);
    expect(Object.keys(query.body.errors)).toContain('caseId');
  });
});
