import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { Case } from '../../case-file/case.entity.js';
import { createOrgFixture, signIn, api, FIXTURE_PASSWORD } from '../../testing/fixtures.js';
import { closeCase, createSurvivorWithCase, FULL_SCREENING } from '../../testing/records.js';
import { testDatabase } from '../../testing/test-app.js';
import { withTwoOrgWorld } from '../../testing/builders.js';

const CANARY = 'Zyxcanary Quortlebeck';

describe('survivor records', () => {
  const { t, org, other } = withTwoOrgWorld([]);

  const audits = (subjectId: string) => t.dataSource.getRepository(AuditEvent).find({ where: { subjectId }, order: { seq: 'ASC' } });

  describe('a caseworker records a survivor, a case, an intake, consents and notes', () => {
    let cw: Awaited<ReturnType<typeof signIn>>;
    let survivorId: string;
    let caseId: string;
    let intakeId: string;

    beforeAll(async () => {
      cw = await signIn(t, org.caseworker);
    });

    it('registers a survivor with PII encrypted in the database', async () => {
      const res = await cw
        .post(api('/survivors'))
        .send({
          alias: 'Blue Heron',
          legalName: CANARY,
          preferredName: 'Quo',
          dateOfBirth: '1994-03-02',
          gender: 'Feminine',
          citizenship: ['MX'],
          languages: ['es', 'en'],
          phone: '+1 555 0199',
          email: 'zyx@example.test',
          address: '12 Fictional Lane',
          safeContactInstructions: 'Text only after 6 pm; say it is the pharmacy.',
        })
        .expect(201);
      survivorId = res.body.id;
      expect(res.body).toMatchObject({ alias: 'Blue Heron', legalName: CANARY, birthYear: 1994, dateOfBirth: '1994-03-02' });
      const raw = (await t.dataSource.query('SELECT * FROM survivor WHERE id = $1', [survivorId]))[0];
      for (const column of ['legal_name', 'preferred_name', 'date_of_birth', 'phone', 'email', 'address', 'safe_contact_instructions']) {
        expect(raw[column]).toMatch(/^v1\.t1\./);
      }
      expect(JSON.stringify(raw)).not.toContain('Zyxcanary');
      expect(JSON.stringify(raw)).not.toContain('pharmacy');
      // Same plaintext, different ciphertexts; a ciphertext moved to another column does not decrypt.
      const again = await cw.post(api('/survivors')).send({ alias: 'Twin', legalName: CANARY }).expect(201);
      const twin = (await t.dataSource.query('SELECT legal_name FROM survivor WHERE id = $1', [again.body.id]))[0];
      expect(twin.legal_name).not.toBe(raw.legal_name);
    });

    it('opens a case with an organization number, assigned to them', async () => {
      const res = await cw.post(api('/cases')).send({ survivorId, referralSource: 'Hotline' }).expect(201);
      caseId = res.body.id;
      expect(res.body.caseNumber).toMatch(new RegExp(`^LN-${t.clock.now().getUTCFullYear()}-\\d{5}$`));
      expect(res.body).toMatchObject({ status: 'intake', assignedCaseworkerId: org.caseworker.id, survivorAlias: 'Blue Heron' });
    });

    it('saves an intake draft step by step, refuses an incomplete submit, then submits', async () => {
      const draft = await cw
        .post(api('/intakes'))
        .send({ caseId, intakeDate: '2026-11-20', identifiedBy: 'Hotline', narrative: `She said ${CANARY} was her birth name.` })
        .expect(201);
      intakeId = draft.body.id;
      expect(draft.body.status).toBe('draft');
      const step2 = await cw
        .patch(api(`/intakes/${intakeId}`))
        .send({ exploitationTypes: ['SexualExploitation'], controlMethods: ['DebtBondage', 'WithholdsDocuments'], version: draft.body.version })
        .expect(200);
      const incomplete = await cw.post(api(`/intakes/${intakeId}/submit`)).send({ version: step2.body.version }).expect(422);
      expect(incomplete.body.errors).toHaveProperty(['riskScreening']);
      const step4 = await cw
        .patch(api(`/intakes/${intakeId}`))
        .send({ riskScreening: FULL_SCREENING, immediateNeeds: ['shelter', 'legal'], version: step2.body.version })
        .expect(200);
      expect(step4.body.riskLevel).toBe('medium');
      const submitted = await cw.post(api(`/intakes/${intakeId}/submit`)).send({ version: step4.body.version }).expect(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', riskLevel: 'medium' });
      const kase = await cw.get(api(`/cases/${caseId}`)).expect(200);
      expect(kase.body).toMatchObject({ riskLevel: 'medium', exploitationTypes: ['SexualExploitation'] });
      const raw = (await t.dataSource.query('SELECT narrative FROM intake WHERE id = $1', [intakeId]))[0];
      expect(raw.narrative).toMatch(/^v1\./);
    });

    it('changes a submitted intake only through an amendment that keeps the original', async () => {
      const current = (await cw.get(api(`/intakes/${intakeId}`)).expect(200)).body;
      const refused = await cw.patch(api(`/intakes/${intakeId}`)).send({ identifiedBy: 'Police', version: current.version }).expect(409);
      expect(refused.body.code).toBe('INTAKE_SUBMITTED');
      await cw.post(api(`/intakes/${intakeId}/amendments`)).send({ identifiedBy: 'Police', version: current.version }).expect(400);
      const amended = await cw
        .post(api(`/intakes/${intakeId}/amendments`))
        .send({ identifiedBy: 'Police', narrative: 'Corrected account.', reason: 'Police made the first contact', version: current.version })
        .expect(200);
      expect(amended.body).toMatchObject({ identifiedBy: 'Police', amendmentCount: 1, narrative: 'Corrected account.' });
      const revisions = (await cw.get(api(`/intakes/${intakeId}/revisions`)).expect(200)).body;
      expect(revisions).toHaveLength(1);
      expect(revisions[0]).toMatchObject({ revision: 0, reason: 'Police made the first contact' });
      expect(revisions[0].snapshot.identifiedBy).toBe('Hotline');
      expect(revisions[0].narrative).toContain(CANARY);
      const rows = await audits(intakeId);
      expect(rows.find((r) => r.action === 'update' && r.reason?.startsWith('amendment'))?.fields.sort()).toEqual(['identifiedBy', 'narrative']);
    });

    it('records consents and shows live, expired and revoked at a glance', async () => {
      const live = await cw
        .post(api('/consents'))
        .send({ survivorId, caseId, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields: ['alias', 'languages'], method: 'written' })
        .expect(201);
      expect(live.body.state).toBe('live');
      const expiring = await cw
        .post(api('/consents'))
        .send({ survivorId, purpose: 'services', method: 'verbal', grantedAt: new Date(t.clock.now().getTime() - 10 * 86_400_000).toISOString(), expiresAt: new Date(t.clock.now().getTime() + 60_000).toISOString() })
        .expect(201);
      const revoked = await cw.post(api(`/consents/${live.body.id}/revoke`)).send({ reason: 'Changed her mind' }).expect(200);
      expect(revoked.body).toMatchObject({ state: 'revoked', revocationReason: 'Changed her mind' });
      t.clock.advanceMinutes(2);
      const list = (await cw.get(api('/consents')).query({ filter: JSON.stringify({ survivorId }) }).expect(200)).body;
      const states = Object.fromEntries(list.map((c: { id: string; state: string }) => [c.id, c.state]));
      expect(states[expiring.body.id]).toBe('expired');
      expect(states[live.body.id]).toBe('revoked');
    });

    it.each([
      ['share_with_partner without a partner', { purpose: 'share_with_partner', sharedFields: ['alias'], method: 'written' }, 'partnerOrgId'],
      ['share_with_partner without fields', { purpose: 'share_with_partner', partnerOrgId: 'P', method: 'written' }, 'sharedFields'],
      ['a partner for another purpose', { purpose: 'services', partnerOrgId: 'P', method: 'written' }, 'partnerOrgId'],
      ['a field that is not a survivor field', { purpose: 'share_with_partner', partnerOrgId: 'P', sharedFields: ['narrative'], method: 'written' }, 'sharedFields'],
      ['an unknown purpose', { purpose: 'marketing', method: 'written' }, 'purpose'],
      ['expiry before grant', { purpose: 'services', method: 'verbal', expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      ['a partner of another organization', { purpose: 'share_with_partner', partnerOrgId: 'OTHER', sharedFields: ['alias'], method: 'written' }, 'partnerOrgId'],
    ])('refuses consent with %s', async (_label, body, field) => {
      const payload = { survivorId, ...body } as Record<string, unknown>;
      if (payload.partnerOrgId === 'P') payload.partnerOrgId = org.partnerOrg.id;
      if (payload.partnerOrgId === 'OTHER') payload.partnerOrgId = other.partnerOrg.id;
      const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM consent WHERE survivor_id = $1', [survivorId]))[0].n;
      const res = await cw.post(api('/consents')).send(payload).expect(400);
      expect(res.body.errors).toHaveProperty([field]);
      expect((await t.dataSource.query('SELECT count(*)::int AS n FROM consent WHERE survivor_id = $1', [survivorId]))[0].n).toBe(before);
    });

    it('keeps notes, encrypted, never edited; a correction links to the note it corrects', async () => {
      const note = await cw
        .post(api('/case-notes'))
        .send({ caseId, noteType: 'contact', contactMethod: 'phone', body: `Called ${CANARY} about housing.` })
        .expect(201);
      const secret = await cw
        .post(api('/case-notes'))
        .send({ caseId, noteType: 'safety_planning', contactMethod: 'in_person', body: 'Safe word agreed.', restricted: true })
        .expect(201);
      const correction = await cw
        .post(api('/case-notes'))
        .send({ caseId, noteType: 'contact', contactMethod: 'phone', body: 'Correction: it was about legal aid.', correctsNoteId: note.body.id })
        .expect(201);
      expect(correction.body.correctsNoteId).toBe(note.body.id);
      await cw.put(api(`/case-notes/${note.body.id}`)).send({ body: 'x' }).expect(404);
      await cw.delete(api(`/case-notes/${note.body.id}`)).expect(404);
      const notes = (await cw.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId }) }).expect(200)).body;
      expect(notes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining([note.body.id, secret.body.id, correction.body.id]));
      expect(notes.find((n: { id: string }) => n.id === note.body.id).correctedByNoteId).toBe(correction.body.id);
      const raw = (await t.dataSource.query('SELECT body FROM case_note WHERE case_id = $1', [caseId])) as { body: string }[];
      for (const r of raw) expect(r.body).toMatch(/^v1\./);
      const kase = await t.dataSource.getRepository(Case).findOneByOrFail({ id: caseId });
      expect(kase.lastContactAt).not.toBeNull();
    });

    it('audits every opening of the file, in order, in the History tab', async () => {
      await cw.get(api(`/survivors/${survivorId}`)).expect(200);
      await cw.get(api(`/cases/${caseId}`)).expect(200);
      await cw.get(api(`/intakes/${intakeId}`)).expect(200);
      const history = (await cw.get(api(`/cases/${caseId}/history`)).expect(200)).body as { action: string; subjectType: string; fields: string[]; actorName: string }[];
      const reads = history.filter((h) => h.action === 'read').map((h) => h.subjectType);
      expect(reads).toEqual(expect.arrayContaining(['Survivor', 'Case', 'Intake']));
      expect(history.some((h) => h.action === 'create' && h.subjectType === 'CaseNote')).toBe(true);
      expect(history[0]!.actorName).toBe(org.caseworker.displayName);
      const survivorRead = history.find((h) => h.action === 'read' && h.subjectType === 'Survivor')!;
      expect(survivorRead.fields).toEqual(expect.arrayContaining(['legalName', 'dateOfBirth']));
      // Values never appear in the audit trail.
      const all = await t.dataSource.query('SELECT * FROM audit_event WHERE organization_id = $1', [org.organizationId]);
      expect(JSON.stringify(all)).not.toContain('Zyxcanary');
    });

    describe('who sees what', () => {
      it('another caseworker finds nothing, and the attempt is audited', async () => {
        const cw2 = await signIn(t, org.caseworker2);
        const list = (await cw2.get(api('/cases')).expect(200)).body;
        expect(list.map((c: { id: string }) => c.id)).not.toContain(caseId);
        await cw2.get(api(`/cases/${caseId}`)).expect(404);
        await cw2.get(api(`/survivors/${survivorId}`)).expect(404);
        await cw2.get(api(`/intakes/${intakeId}`)).expect(404);
        const notes = (await cw2.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId }) }).expect(200)).body;
        expect(notes).toEqual([]);
        await cw2.post(api('/case-notes')).send({ caseId, noteType: 'other', contactMethod: 'none', body: 'x' }).expect(400);
        const denials = await t.dataSource.getRepository(AuditEvent).find({ where: { actorId: org.caseworker2.id, action: 'denied' } });
        expect(denials.map((d) => d.subjectType)).toEqual(expect.arrayContaining(['Case', 'Survivor', 'Intake']));
      });

      it('the coordinator sees the case and the intake without PII, narrative or restricted notes', async () => {
        const coordinator = await signIn(t, org.coordinator);
        const survivor = (await coordinator.get(api(`/survivors/${survivorId}`)).expect(200)).body;
        for (const field of ['legalName', 'preferredName', 'dateOfBirth', 'phone', 'email', 'address', 'safeContactInstructions']) {
          expect(survivor).not.toHaveProperty([field]);
        }
        expect(survivor).toMatchObject({ alias: 'Blue Heron', birthYear: 1994, languages: ['es', 'en'] });
        const intake = (await coordinator.get(api(`/intakes/${intakeId}`)).expect(200)).body;
        expect(intake).not.toHaveProperty(['narrative']);
        expect(intake.immediateNeeds).toEqual(['shelter', 'legal']);
        const revisions = (await coordinator.get(api(`/intakes/${intakeId}/revisions`)).expect(200)).body;
        expect(revisions[0]).not.toHaveProperty(['narrative']);
        const notes = (await coordinator.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId }) }).expect(200)).body;
        expect(notes.every((n: { restricted: boolean }) => !n.restricted)).toBe(true);
        expect(notes.length).toBe(2);
        expect(JSON.stringify(survivor) + JSON.stringify(intake)).not.toContain('Zyxcanary');
        // Coordinators do not write the file.
        await coordinator.patch(api(`/survivors/${survivorId}`)).send({ alias: 'x', version: survivor.version }).expect(403);
        await coordinator.post(api('/case-notes')).send({ caseId, noteType: 'other', contactMethod: 'none', body: 'x' }).expect(403);
      });

      it('an admin sees status fields of cases only and nothing of the survivor', async () => {
        const admin = await signIn(t, org.admin);
        const kase = (await admin.get(api(`/cases/${caseId}`)).expect(200)).body;
        expect(Object.keys(kase).sort()).toEqual(
          ['assignedAt', 'assignedCaseworkerId', 'caseNumber', 'closedAt', 'createdAt', 'id', 'openedAt', 'organizationId', 'permissions', 'status', 'survivorId', 'updatedAt', 'version'].sort(),
        );
        // Nothing of the file is open to the admin without break-glass.
        expect(Object.values(kase.permissions as Record<string, Record<string, boolean>>).every((p) => Object.values(p).every((v) => v === false))).toBe(true);
        await admin.get(api(`/survivors/${survivorId}`)).expect(404);
        // Admins have a (break-glass) rule on these, so the answer is "not found", never the record.
        await admin.get(api(`/intakes/${intakeId}`)).expect(404);
        expect((await admin.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId }) }).expect(200)).body).toEqual([]);
        expect((await admin.get(api('/intakes')).expect(200)).body).toEqual([]);
      });

      it.each(['analyst', 'partner'] as const)('a %s reaches nothing of it', async (role) => {
        const agent = await signIn(t, org.users[role]);
        for (const path of ['/survivors', `/survivors/${survivorId}`, '/cases', `/cases/${caseId}`, `/intakes/${intakeId}`, '/consents', '/case-notes']) {
          await agent.get(api(path)).expect(403);
        }
      });

      it('another organization sees nothing, not even its own admin with break-glass', async () => {
        const foreignAdmin = await signIn(t, other.admin);
        await foreignAdmin.get(api(`/cases/${caseId}`)).expect(404);
        const res = await foreignAdmin
          .post(api('/break-glass-grants'))
          .send({ survivorId, reason: 'Testing cross-organization access', password: FIXTURE_PASSWORD })
          .expect(400);
        expect(res.body.errors).toHaveProperty(['survivorId']);
      });
    });

    it('the coordinator reassigns the case: the new caseworker gains it and the old one loses it at once', async () => {
      const coordinator = await signIn(t, org.coordinator);
      const cw2 = await signIn(t, org.caseworker2);
      const before = (await coordinator.get(api(`/cases/${caseId}`)).expect(200)).body;
      const res = await coordinator
        .post(api(`/cases/${caseId}/assign`))
        .send({ caseworkerId: org.caseworker2.id, reason: 'Robin is on leave', version: before.version })
        .expect(200);
      expect(res.body.assignedCaseworkerId).toBe(org.caseworker2.id);
      await cw2.get(api(`/cases/${caseId}`)).expect(200);
      const survivor = (await cw2.get(api(`/survivors/${survivorId}`)).expect(200)).body;
      expect(survivor.legalName).toBe(CANARY);
      await cw.get(api(`/cases/${caseId}`)).expect(404);
      await cw.get(api(`/survivors/${survivorId}`)).expect(404);
      const search = (await cw.post(api('/survivors/search')).send({ lastName: 'Quortlebeck', birthYear: 1994 }).expect(200)).body;
      expect(search.matches).toEqual([]);
      expect(search.elsewhereInOrganization).toBeGreaterThan(0);
      // A caseworker may not assign.
      await cw2.post(api(`/cases/${caseId}/assign`)).send({ caseworkerId: org.caseworker.id }).expect(403);
      // Only caseworkers of the organization can be assigned.
      await coordinator.post(api(`/cases/${caseId}/assign`)).send({ caseworkerId: other.caseworker.id }).expect(400);
      await coordinator.post(api(`/cases/${caseId}/assign`)).send({ caseworkerId: org.analyst.id }).expect(400);
      const assignments = await t.dataSource.query('SELECT from_user_id, to_user_id, assigned_by, reason FROM case_assignment WHERE case_id = $1 ORDER BY assigned_at', [caseId]);
      expect(assignments.at(-1)).toEqual({ from_user_id: org.caseworker.id, to_user_id: org.caseworker2.id, assigned_by: org.coordinator.id, reason: 'Robin is on leave' });
      // The author keeps sight of their own notes (restricted ones included).
      const ownNotes = (await cw.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId }) }).expect(200)).body;
      expect(ownNotes.length).toBe(3);
    });

    it('break-glass: password and reason, one survivor, 60 minutes, audited, visible to admins and the caseworker', async () => {
      const admin = await signIn(t, org.admin);
      await admin.post(api('/break-glass-grants')).send({ survivorId, reason: 'short', password: FIXTURE_PASSWORD }).expect(400);
      const wrong = await admin.post(api('/break-glass-grants')).send({ survivorId, reason: 'Caller reports imminent danger', password: 'wrong password here' }).expect(400);
      expect(wrong.body.errors).toHaveProperty(['password']);
      await admin.get(api(`/survivors/${survivorId}`)).expect(404);
      const grant = await admin
        .post(api('/break-glass-grants'))
        .send({ survivorId, reason: 'Caller reports imminent danger', password: FIXTURE_PASSWORD })
        .expect(201);
      expect(new Date(grant.body.expiresAt).getTime() - new Date(grant.body.grantedAt).getTime()).toBe(3_600_000);
      const file = (await admin.get(api(`/survivors/${survivorId}`)).expect(200)).body;
      expect(file.legalName).toBe(CANARY);
      const kase = (await admin.get(api(`/cases/${caseId}`)).expect(200)).body;
      expect(kase).toHaveProperty(['riskLevel']);
      // The API tells the web app which tabs the grant opens: reading only.
      expect(kase.permissions).toMatchObject({ survivor: { read: true, update: false }, intake: { read: true, create: false }, consent: { read: true }, notes: { read: true, create: false } });
      const notes = (await admin.get(api('/case-notes')).query({ filter: JSON.stringify({ caseId }) }).expect(200)).body;
      expect(notes.some((n: { restricted: boolean }) => n.restricted)).toBe(true);
      // Only that one survivor.
      const { survivor: otherSurvivor } = await createSurvivorWithCase(await signIn(t, org.caseworker), { legalName: 'Other Person' });
      await admin.get(api(`/survivors/${otherSurvivor.id}`)).expect(404);
      // Listed for admins; visible to the assigned caseworker, in History too.
      const cw2 = await signIn(t, org.caseworker2);
      const seen = (await cw2.get(api('/break-glass-grants')).expect(200)).body;
      expect(seen.map((g: { id: string }) => g.id)).toContain(grant.body.id);
      const history = (await cw2.get(api(`/cases/${caseId}/history`)).expect(200)).body as { action: string; outcome: string; reason: string; actorName: string }[];
      const glass = history.filter((h) => h.action === 'break_glass');
      expect(glass.map((h) => [h.outcome, h.reason])).toEqual([
        ['failure', 'wrong password'],
        ['success', 'Caller reports imminent danger'],
      ]);
      expect(glass[1]!.actorName).toBe(org.admin.displayName);
      const adminList = (await admin.get(api('/break-glass-grants')).expect(200)).body;
      expect(adminList[0]).toMatchObject({ survivorId, userId: org.admin.id, active: true });
      // Caseworkers cannot break the glass.
      await cw2.post(api('/break-glass-grants')).send({ survivorId, reason: 'I want to see it', password: FIXTURE_PASSWORD }).expect(403);
      // Over after 60 minutes.
      t.clock.advanceMinutes(61);
      const again = await signIn(t, org.admin);
      await again.get(api(`/survivors/${survivorId}`)).expect(404);
      const closedAgain = (await again.get(api(`/cases/${caseId}`)).expect(200)).body;
      expect(closedAgain).not.toHaveProperty(['riskLevel']);
      expect(closedAgain.permissions).toMatchObject({ survivor: { read: false }, intake: { read: false }, notes: { read: false } });
    });
  });

  it('the canary name is in no log line, no audit row and no raw column', async () => {
    expect(t.logs.length).toBeGreaterThan(10);
    expect(t.logs.join('\n')).not.toContain('Zyxcanary');
    const audit = await t.dataSource.query('SELECT * FROM audit_event');
    expect(JSON.stringify(audit)).not.toContain('Zyxcanary');
    for (const table of ['survivor', 'survivor_case', 'intake', 'intake_revision', 'consent', 'case_note', 'idempotency_key']) {
      const rows = await t.dataSource.query(`SELECT * FROM ${table}`);
      expect([table, JSON.stringify(rows).includes('Zyxcanary')]).toEqual([table, false]);
    }
  });

  const server = testDatabase().kind === 'server' ? it : it.skip;
  server('pg_dump of the database holds no survivor name', () => {
    const target = testDatabase();
    if (target.kind !== 'server') return;
    const dump = execFileSync('pg_dump', ['--data-only', target.url], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    expect(dump.length).toBeGreaterThan(1000);
    expect(dump).toContain('Blue Heron');
    expect(dump).not.toContain('Zyxcanary');
    expect(dump).not.toContain('pharmacy');
  });

  describe('cases', () => {
    it('numbers cases uniquely under concurrent creation', async () => {
      const fixture = await createOrgFixture(t.dataSource);
      const cw = await signIn(t, fixture.caseworker);
      const survivor = (await cw.post(api('/survivors')).send({ alias: 'Many Cases' }).expect(201)).body;
      const results = await Promise.all(Array.from({ length: 8 }, () => cw.post(api('/cases')).send({ survivorId: survivor.id })));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
      const numbers = results.map((r) => r.body.caseNumber as string).sort();
      expect(new Set(numbers).size).toBe(8);
      expect(numbers[0]).toMatch(/-00001$/);
      expect(numbers[7]).toMatch(/-00008$/);
    });

    it('two caseworkers editing one case: one succeeds, the other gets 409, nothing is lost', async () => {
      const cw = await signIn(t, org.caseworker);
      const { kase } = await createSurvivorWithCase(cw);
      const [a, b] = await Promise.all([
        cw.patch(api(`/cases/${kase.id}`)).send({ riskLevel: 'high', version: kase.version }),
        cw.patch(api(`/cases/${kase.id}`)).send({ referralSource: 'NGO', version: kase.version }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const row = await t.dataSource.getRepository(Case).findOneByOrFail({ id: kase.id });
      expect(row.version).toBe(kase.version + 1);
      expect(row.riskLevel === 'high' || row.referralSource === 'NGO').toBe(true);
    });

    it('follows the status machine, answering 409 with the allowed moves; closing and reopening are their own actions', async () => {
      const cw = await signIn(t, org.caseworker);
      const { kase } = await createSurvivorWithCase(cw);
      const bad = await cw.post(api(`/cases/${kase.id}/transitions`)).send({ to: 'on_hold' }).expect(409);
      expect(bad.body.message).toContain('allowed: active, closed');
      await cw.post(api(`/cases/${kase.id}/transitions`)).send({ to: 'active' }).expect(200);
      await cw.post(api(`/cases/${kase.id}/transitions`)).send({ to: 'on_hold' }).expect(200);
      await cw.post(api(`/cases/${kase.id}/transitions`)).send({ to: 'active' }).expect(200);
      const direct = await cw.post(api(`/cases/${kase.id}/transitions`)).send({ to: 'closed', reason: 'Moved away' }).expect(409);
      expect(direct.body.code).toBe('CASE_CLOSE_ENDPOINT');
      await closeCase(cw, kase.id, { closureReason: 'moved_away' }, t.clock.now());
      const closed = (await cw.get(api(`/cases/${kase.id}`)).expect(200)).body;
      expect(closed).toMatchObject({ status: 'closed', closureReason: 'moved_away', exitDestination: 410 });
      expect(closed.closedAt).not.toBeNull();
      await cw.post(api(`/cases/${kase.id}/transitions`)).send({ to: 'active', reason: 'Back' }).expect(409);
      await cw.post(api(`/cases/${kase.id}/reopen`)).send({ reason: 'Back' }).expect(403);
      await cw.post(api('/case-notes')).send({ caseId: kase.id, noteType: 'other', contactMethod: 'none', body: 'x' }).expect(409);
      const coordinator = await signIn(t, org.coordinator);
      await coordinator.post(api(`/cases/${kase.id}/reopen`)).send({}).expect(400);
      const reopened = await coordinator.post(api(`/cases/${kase.id}/reopen`)).send({ reason: 'She came back' }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'active', closedAt: null, closureReason: null, exitDestination: null });
      const changes = await t.dataSource.query('SELECT from_status, to_status FROM case_status_change WHERE case_id = $1 ORDER BY changed_at', [kase.id]);
      expect(changes.map((c: { from_status: string; to_status: string }) => `${c.from_status}>${c.to_status}`)).toEqual([
        'intake>active',
        'active>on_hold',
        'on_hold>active',
        'active>closed',
        'closed>active',
      ]);
    });

    it('a returning survivor gets a new case on the same survivor', async () => {
      const cw = await signIn(t, org.caseworker);
      const { survivor } = await createSurvivorWithCase(cw);
      const second = await cw.post(api('/cases')).send({ survivorId: survivor.id }).expect(201);
      const cases = (await cw.get(api('/cases')).query({ filter: JSON.stringify({ survivorId: survivor.id }) }).expect(200)).body;
      expect(cases.map((c: { id: string }) => c.id)).toContain(second.body.id);
      expect(cases).toHaveLength(2);
    });
  });

  describe('birth year and date of birth agree (issue 13)', () => {
    it('the year is filled from the date, on registration and on every change of the date', async () => {
      const cw = await signIn(t, org.caseworker);
      const created = (await cw.post(api('/survivors')).send({ alias: 'Year Finch', dateOfBirth: '1993-08-09' }).expect(201)).body;
      expect(created).toMatchObject({ birthYear: 1993, dateOfBirth: '1993-08-09' });
      const moved = (await cw.put(api(`/survivors/${created.id}`)).send({ dateOfBirth: '1995-01-02', version: created.version }).expect(200)).body;
      expect(moved).toMatchObject({ birthYear: 1995, dateOfBirth: '1995-01-02' });
      // The record sent back as fetched, with only the date changed: the old year is no claim.
      const { permissions: _p, ...fetched } = moved;
      const again = (await cw.put(api(`/survivors/${created.id}`)).send({ ...fetched, dateOfBirth: '1996-03-04' }).expect(200)).body;
      expect(again).toMatchObject({ birthYear: 1996, dateOfBirth: '1996-03-04' });
      const audit = await t.dataSource.query(`SELECT fields FROM audit_event WHERE subject_id = $1 AND action = 'update' ORDER BY seq DESC LIMIT 1`, [created.id]);
      expect(audit[0].fields).toEqual(expect.arrayContaining(['dateOfBirth', 'birthYear']));
    });

    it('a birth year that contradicts the date of birth is refused with 400 naming birthYear, on a change too', async () => {
      const cw = await signIn(t, org.caseworker);
      const created = (await cw.post(api('/survivors')).send({ alias: 'Year Wren', dateOfBirth: '1990-05-05' }).expect(201)).body;
      const year = await cw.put(api(`/survivors/${created.id}`)).send({ birthYear: 1991, version: created.version }).expect(400);
      expect(year.body.errors).toEqual({ birthYear: ['does not match dateOfBirth'] });
      const both = await cw.put(api(`/survivors/${created.id}`)).send({ dateOfBirth: '1992-01-01', birthYear: 1993, version: created.version }).expect(400);
      expect(both.body.errors).toHaveProperty(['birthYear']);
      expect((await cw.get(api(`/survivors/${created.id}`)).expect(200)).body).toMatchObject({ birthYear: 1990, dateOfBirth: '1990-05-05' });
      // Without a date of birth, the year alone is whatever is known.
      const yearOnly = (await cw.post(api('/survivors')).send({ alias: 'Year Only', birthYear: 1988 }).expect(201)).body;
      expect(yearOnly).toMatchObject({ birthYear: 1988, dateOfBirth: null });
    });
  });

  describe('bad input: a 4xx naming the field, nothing written', () => {
    it.each([
      ['a birth date in the future', '/survivors', { alias: 'A', dateOfBirth: '2999-01-01' }, 'dateOfBirth'],
      ['an impossible date', '/survivors', { alias: 'A', dateOfBirth: '2001-02-30' }, 'dateOfBirth'],
      ['a birth year that contradicts the date', '/survivors', { alias: 'A', dateOfBirth: '1990-05-05', birthYear: 1991 }, 'birthYear'],
      ['an unknown gender', '/survivors', { alias: 'A', gender: 'Female' }, 'gender'],
      ['a lower-case country', '/survivors', { alias: 'A', citizenship: ['mx'] }, 'citizenship'],
      ['no alias', '/survivors', { legalName: 'No Alias' }, 'alias'],
      ['a forbidden field', '/survivors', { alias: 'A', organizationId: '00000000-0000-4000-8000-000000000000' }, 'organizationId'],
      ['an unknown exploitation type', '/cases', { survivorId: 'S', exploitationTypes: ['Pickpocketing'] }, 'exploitationTypes'],
      ['a survivor not on the caseload', '/cases', { survivorId: '00000000-0000-4000-8000-000000000000' }, 'survivorId'],
      ['an oversized note', '/case-notes', { caseId: 'C', noteType: 'contact', contactMethod: 'phone', body: 'x'.repeat(20_001) }, 'body'],
      ['an unknown note type', '/case-notes', { caseId: 'C', noteType: 'gossip', contactMethod: 'phone', body: 'x' }, 'noteType'],
      ['a note in the future', '/case-notes', { caseId: 'C', noteType: 'contact', contactMethod: 'phone', body: 'x', occurredAt: '2999-01-01T00:00:00Z' }, 'occurredAt'],
      ['an intake before birth', '/intakes', { caseId: 'C2', intakeDate: '1980-01-01' }, 'intakeDate'],
      ['an oversized narrative', '/intakes', { caseId: 'C2', narrative: 'x'.repeat(20_001) }, 'narrative'],
      ['an unknown risk question', '/intakes', { caseId: 'C2', riskScreening: { likesCats: true } }, 'riskScreening.likesCats'],
      ['a risk answer that is not yes/no', '/intakes', { caseId: 'C2', riskScreening: { minor: 'maybe' } }, 'riskScreening.minor'],
      ['an unknown control method', '/intakes', { caseId: 'C2', controlMethods: ['Hypnosis'] }, 'controlMethods'],
    ])('%s', async (_label, path, body, field) => {
      const cw = await signIn(t, org.caseworker);
      const { survivor, kase } = await createSurvivorWithCase(cw, { dateOfBirth: '1990-01-01' });
      const { kase: kase2 } = await createSurvivorWithCase(cw, { dateOfBirth: '1990-01-01' });
      const payload = JSON.parse(JSON.stringify(body).replace('"S"', `"${survivor.id}"`).replace('"C"', `"${kase.id}"`).replace('"C2"', `"${kase2.id}"`));
      const count = async () => (await t.dataSource.query('SELECT (SELECT count(*) FROM survivor) + (SELECT count(*) FROM survivor_case) + (SELECT count(*) FROM case_note) + (SELECT count(*) FROM intake) AS n'))[0].n;
      const before = await count();
      const res = await cw.post(api(path)).send(payload);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors).toHaveProperty([field]);
      expect(await count()).toBe(before);
    });
  });

  it('create endpoints of the file honour Idempotency-Key: a retried intake creates one survivor and one case', async () => {
    const cw = await signIn(t, org.caseworker);
    const body = { alias: 'Retry Wren', legalName: 'Retry Wrenfield' };
    const first = await cw.post(api('/survivors')).set('Idempotency-Key', 'intake-retry-0001').send(body).expect(201);
    const again = await cw.post(api('/survivors')).set('Idempotency-Key', 'intake-retry-0001').send(body).expect(201);
    // The replay re-reads the survivor as GET /survivors/:id does (with what the reader may change); the
    // duplicate warning belongs to the create's own answer only (issue 13).
    const { possibleDuplicates, elsewhereInOrganization, ...record } = first.body;
    expect([possibleDuplicates, elsewhereInOrganization]).toEqual([[], 0]);
    expect(again.body).toMatchObject(record);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const kase = { survivorId: first.body.id };
    const c1 = await cw.post(api('/cases')).set('Idempotency-Key', 'intake-retry-0002').send(kase).expect(201);
    const c2 = await cw.post(api('/cases')).set('Idempotency-Key', 'intake-retry-0002').send(kase).expect(201);
    expect(c2.body.caseNumber).toBe(c1.body.caseNumber);
    const counts = (await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM survivor WHERE alias = 'Retry Wren') AS survivors, (SELECT count(*)::int FROM survivor_case WHERE survivor_id = $1) AS cases`,
      [first.body.id],
    ))[0];
    expect(counts).toEqual({ survivors: 1, cases: 1 });
    // The stored answer holds PII: it is encrypted at rest.
    const stored = await t.dataSource.query(`SELECT response_body FROM idempotency_key WHERE key = 'intake-retry-0001'`);
    expect(stored[0].response_body).toMatch(/^v1\./);
  });

  describe('search by name and birth year', () => {
    it('finds on the caller\'s caseload and only counts matches elsewhere', async () => {
      const cw = await signIn(t, org.caseworker);
      const cw2 = await signIn(t, org.caseworker2);
      await createSurvivorWithCase(cw, { legalName: 'Ana María García-López', dateOfBirth: '1991-07-07' });
      await createSurvivorWithCase(cw2, { legalName: 'Rosa Garcia', dateOfBirth: '1991-01-01' });
      await createSurvivorWithCase(cw, { legalName: 'Lucia Garcia', dateOfBirth: '1992-01-01' });
      const res = (await cw.post(api('/survivors/search')).send({ lastName: 'garcia', birthYear: 1991 }).expect(200)).body;
      expect(res.matches).toHaveLength(1);
      expect(res.matches[0]).not.toHaveProperty(['legalName']);
      expect(res.elsewhereInOrganization).toBe(1);
      const coordinator = await signIn(t, org.coordinator);
      const coord = (await coordinator.post(api('/survivors/search')).send({ lastName: 'García', birthYear: 1991 }).expect(200)).body;
      expect(coord.matches).toEqual([]);
      await cw.post(api('/survivors/search')).send({ lastName: '1', birthYear: 1991 }).expect(400);
    });
  });

  describe('fail closed', () => {
    it('a read whose audit row cannot be written fails, without leaking the record', async () => {
      const cw = await signIn(t, org.caseworker);
      const { survivor } = await createSurvivorWithCase(cw, { legalName: 'Failclosed Canaryname' });
      await t.dataSource.query(`CREATE FUNCTION refuse_survivor_reads() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.subject_type = 'Survivor' AND NEW.action = 'read' THEN RAISE EXCEPTION 'audit store unavailable'; END IF; RETURN NEW; END $$`);
      await t.dataSource.query('CREATE TRIGGER trg_refuse_survivor_reads BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_survivor_reads()');
      try {
        const res = await cw.get(api(`/survivors/${survivor.id}`));
        expect(res.status).toBeGreaterThanOrEqual(500);
        expect(JSON.stringify(res.body)).not.toContain('Failclosed');
        expect(JSON.stringify(res.body)).not.toMatch(/audit store|RAISE|INSERT/);
      } finally {
        await t.dataSource.query('DROP TRIGGER trg_refuse_survivor_reads ON audit_event');
        await t.dataSource.query('DROP FUNCTION refuse_survivor_reads()');
      }
      await cw.get(api(`/survivors/${survivor.id}`)).expect(200);
    });

    it('an anonymous caller gets 401 everywhere', async () => {
      for (const path of ['/survivors', '/cases', '/intakes', '/consents', '/case-notes', '/break-glass-grants']) {
        await request(t.http).get(api(path)).expect(401);
      }
    });
  });
});
