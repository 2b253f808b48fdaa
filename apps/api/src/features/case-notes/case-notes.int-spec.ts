import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { withOrgWorld, type Agent } from '../../testing/builders.js';
import { lastAudit, signIn, api, FIXTURE_PASSWORD } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';

describe('case notes', () => {
  const { t, org, as: { caseworker: cw, caseworker2: cw2, coordinator } } = withOrgWorld(['caseworker', 'caseworker2', 'coordinator'] as const);

  const lastAuditOf = (actorId: string, action: AuditEvent['action']) => lastAudit(t, actorId, action);

  const note = (agent: Agent, caseId: string, body: string, extra: Record<string, unknown> = {}) =>
    agent.post(api('/case-notes')).send({ caseId, noteType: 'contact', contactMethod: 'phone', body, ...extra });

  /** A case of the first caseworker with a plain note and a restricted one. */
  async function caseWithNotes() {
    const { survivor, kase } = await createSurvivorWithCase(cw);
    const plain = (await note(cw, kase.id, 'Called about housing.').expect(201)).body;
    const secret = (await note(cw, kase.id, 'Safe word agreed.', { noteType: 'safety_planning', contactMethod: 'in_person', restricted: true }).expect(201)).body;
    return { survivor, kase, plain, secret };
  }

  it('a list of notes is audited as one row naming every note shown; opening one is audited too', async () => {
    const { kase, plain, secret } = await caseWithNotes();
    expect(plain).toMatchObject({ caseId: kase.id, body: 'Called about housing.', restricted: false, authorId: org.caseworker.id });
    const list = (await cw.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(200)).body as { id: string; body: string }[];
    expect(list.map((n) => n.id).sort()).toEqual([plain.id, secret.id].sort());
    expect(list.find((n) => n.id === secret.id)!.body).toBe('Safe word agreed.');
    const listed = await lastAuditOf(org.caseworker.id, 'list');
    expect(listed).toMatchObject({ subjectType: 'CaseNote' });
    expect(listed!.subjectIds!.sort()).toEqual([plain.id, secret.id].sort());
    expect(listed!.fields).toEqual(expect.arrayContaining(['body', 'restricted']));

    expect((await cw.get(api(`/case-notes/${secret.id}`)).expect(200)).body).toMatchObject({ id: secret.id, body: 'Safe word agreed.' });
    const read = await lastAuditOf(org.caseworker.id, 'read');
    expect(read).toMatchObject({ subjectType: 'CaseNote', subjectId: secret.id });
    expect(read!.fields).toContain('body');
  });

  it('the coordinator sees the unrestricted notes only, and opening a restricted one is a 404', async () => {
    const { kase, plain, secret } = await caseWithNotes();
    const list = (await coordinator.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(200)).body as { id: string }[];
    expect(list.map((n) => n.id)).toEqual([plain.id]);
    expect((await lastAuditOf(org.coordinator.id, 'list'))!.subjectIds).toEqual([plain.id]);
    expect((await coordinator.get(api(`/case-notes/${plain.id}`)).expect(200)).body.body).toBe('Called about housing.');
    await coordinator.get(api(`/case-notes/${secret.id}`)).expect(404);
    expect(await lastAuditOf(org.coordinator.id, 'denied')).toMatchObject({ subjectType: 'CaseNote', subjectId: secret.id });
    // Filtering on restricted does not reveal them either.
    expect((await coordinator.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId: kase.id, restricted: true }) }).expect(200)).body).toEqual([]);
  });

  it('notes follow their case: after a reassignment the new caseworker reads them in full and corrects them', async () => {
    const { kase, plain, secret } = await caseWithNotes();
    await cw2.get(api(`/case-notes/${plain.id}`)).expect(404);
    expect((await cw2.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(200)).body).toEqual([]);
    await note(cw2, kase.id, 'Not mine').expect(400);

    const current = (await coordinator.get(api(`/cases/${kase.id}`)).expect(200)).body;
    await coordinator.post(api(`/cases/${kase.id}/assign`)).send({ caseworkerId: org.caseworker2.id, version: current.version }).expect(200);
    // The new caseworker's only tie is the case (a relation): the notes are hers, body included.
    const opened = (await cw2.get(api(`/case-notes/${secret.id}`)).expect(200)).body;
    expect(opened).toMatchObject({ id: secret.id, body: 'Safe word agreed.', restricted: true, authorId: org.caseworker.id });
    const correction = (await note(cw2, kase.id, 'Correction: it was about legal aid.', { correctsNoteId: plain.id }).expect(201)).body;
    expect(correction).toMatchObject({ correctsNoteId: plain.id, body: 'Correction: it was about legal aid.', authorId: org.caseworker2.id });
    expect((await cw2.get(api(`/case-notes/${plain.id}`)).expect(200)).body.correctedByNoteId).toBe(correction.id);
    const list = (await cw2.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(200)).body as { id: string; correctedByNoteId: string | null }[];
    expect(list.find((n) => n.id === plain.id)!.correctedByNoteId).toBe(correction.id);
    // The first caseworker keeps her own notes (restricted included), not the new one's.
    const own = (await cw.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(200)).body as { id: string }[];
    expect(own.map((n) => n.id).sort()).toEqual([plain.id, secret.id].sort());
    await cw.get(api(`/case-notes/${correction.id}`)).expect(404);
    // A correction must name a note of the same case that the author may read.
    const { kase: otherCase } = await createSurvivorWithCase(cw2);
    await note(cw2, otherCase.id, 'Wrong case', { correctsNoteId: plain.id }).expect(400);
  });

  it('break-glass opens the restricted notes of that survivor to an admin, for the grant\'s time', async () => {
    const { survivor, kase, secret } = await caseWithNotes();
    const admin = await signIn(t, org.admin);
    await admin.get(api(`/case-notes/${secret.id}`)).expect(404);
    await admin.post(api('/break-glass-grants')).send({ survivorId: survivor.id, reason: 'Caller reports imminent danger', password: FIXTURE_PASSWORD }).expect(201);
    expect((await admin.get(api(`/case-notes/${secret.id}`)).expect(200)).body).toMatchObject({ body: 'Safe word agreed.', restricted: true });
    const list = (await admin.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(200)).body as { id: string }[];
    expect(list.map((n) => n.id)).toContain(secret.id);
    expect((await lastAuditOf(org.admin.id, 'list'))!.subjectIds).toContain(secret.id);
    // Admins still do not write notes.
    await note(admin, kase.id, 'x').expect(403);
  });
});
