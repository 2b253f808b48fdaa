import request from 'supertest';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { withTwoOrgWorld, type Agent } from '../../testing/builders.js';
import { api, freshIp, lastAudit, signIn } from '../../testing/fixtures.js';
import { closeCase, createSurvivorWithCase } from '../../testing/records.js';
import { appointmentsStartingBetween } from './index.js';

/** Canary values: none may ever reach the calendar feed. */
const CANARY_NAME = 'Zyxcanary Quortlebeck';
const CANARY_ALIAS = 'Vellumfinch Canary';
const CANARY_NOTE = 'Bring the Zyxnotecanary papers to the clerk';

const HOUR = 3_600_000;

describe('appointments', () => {
  const { t, org, other, as: { caseworker: cw, caseworker2: cw2, coordinator } } = withTwoOrgWorld(['caseworker', 'caseworker2', 'coordinator']);

  /** A whole hour a number of days from now (UTC), so tests never overlap by accident unless they mean to. */
  let dayOffset = 2;
  const slot = (days = dayOffset++, hour = 10) => {
    const d = new Date(t.clock.now().getTime() + days * 24 * HOUR);
    d.setUTCHours(hour, 0, 0, 0);
    return d;
  };

  const add = (agent: Agent, caseId: string, startsAt: Date, extra: Record<string, unknown> = {}) =>
    agent.post(api('/appointments')).send({ caseId, startsAt: startsAt.toISOString(), durationMinutes: 60, kind: 'meeting', ...extra });

  const rowCount = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM appointment'))[0].n);

  describe('create, read, change, cancel', () => {
    it('creates an appointment with its attendees, encrypts the note at rest, and audits the write and the reads', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const startsAt = slot();
      const created = (await add(cw, kase.id, startsAt, { kind: 'court', note: CANARY_NOTE, partnerOrgId: org.partnerOrg.id }).expect(201)).body;
      expect(created).toMatchObject({
        caseId: kase.id,
        caseNumber: kase.caseNumber,
        kind: 'court',
        durationMinutes: 60,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
        attendeeUserIds: [org.caseworker.id],
        partnerOrgId: org.partnerOrg.id,
        note: CANARY_NOTE,
        status: 'scheduled',
        conflicts: [],
      });
      expect(await lastAudit(t, org.caseworker.id, 'create')).toMatchObject({ subjectType: 'Appointment', subjectId: created.id });

      const raw = (await t.dataSource.query('SELECT * FROM appointment WHERE id = $1', [created.id]))[0];
      expect(raw.note).toMatch(/^v1\.t1\./);
      expect(JSON.stringify(raw)).not.toContain('Zyxnotecanary');

      const list = (await cw.get(api('/appointments')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(200)).body as { id: string; note: string }[];
      expect(list.map((a) => a.id)).toEqual([created.id]);
      expect(list[0]!.note).toBe(CANARY_NOTE);
      const listed = await lastAudit(t, org.caseworker.id, 'list');
      expect(listed).toMatchObject({ subjectType: 'Appointment', subjectIds: [created.id] });
      expect(listed!.fields).toContain('note');

      await cw.get(api(`/appointments/${created.id}`)).expect(200);
      expect(await lastAudit(t, org.caseworker.id, 'read')).toMatchObject({ subjectType: 'Appointment', subjectId: created.id });
      // The case's history shows the appointment's creation and reads (names, never values).
      const history = (await cw.get(api(`/cases/${kase.id}/history`)).expect(200)).body as { subjectType: string; subjectId: string; action: string }[];
      const about = history.filter((h) => h.subjectType === 'Appointment' && h.subjectId === created.id).map((h) => h.action);
      expect(about).toEqual(expect.arrayContaining(['create', 'read']));
    });

    it('changes an appointment with the version it read (stale: 409), and cancels it rather than deleting it', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const a = (await add(cw, kase.id, slot()).expect(201)).body;
      const later = slot();
      const changed = (
        await cw
          .put(api(`/appointments/${a.id}`))
          .send({ version: a.version, startsAt: later.toISOString(), durationMinutes: 90, kind: 'medical', note: 'Fasting', attendeeUserIds: [org.caseworker.id, org.coordinator.id] })
          .expect(200)
      ).body;
      expect(changed).toMatchObject({ kind: 'medical', durationMinutes: 90, note: 'Fasting', startsAt: later.toISOString(), version: a.version + 1 });
      expect(changed.attendeeUserIds.sort()).toEqual([org.caseworker.id, org.coordinator.id].sort());
      expect((await lastAudit(t, org.caseworker.id, 'update'))!.fields!.sort()).toEqual(['attendeeUserIds', 'durationMinutes', 'kind', 'note', 'startsAt']);
      // The attendee rows follow the appointment's time.
      const links = await t.dataSource.query('SELECT user_id, starts_at, ends_at FROM appointment_attendee WHERE appointment_id = $1', [a.id]);
      expect(links).toHaveLength(2);
      for (const l of links) expect(new Date(l.ends_at).getTime() - new Date(l.starts_at).getTime()).toBe(90 * 60_000);

      const stale = await cw.put(api(`/appointments/${a.id}`)).send({ version: a.version, kind: 'other' }).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');

      // The coordinator manages the program's appointments too.
      const cancelled = (await coordinator.post(api(`/appointments/${a.id}/cancel`)).send({ version: changed.version }).expect(200)).body;
      expect(cancelled).toMatchObject({ status: 'cancelled' });
      expect(cancelled.cancelledAt).toEqual(expect.any(String));
      expect(await lastAudit(t, org.coordinator.id, 'transition')).toMatchObject({ subjectType: 'Appointment', subjectId: a.id, reason: 'cancelled' });
      expect((await t.dataSource.query('SELECT status FROM appointment WHERE id = $1', [a.id]))[0].status).toBe('cancelled');
      const again = await cw.put(api(`/appointments/${a.id}`)).send({ version: cancelled.version, kind: 'other' }).expect(409);
      expect(again.body.code).toBe('APPOINTMENT_CANCELLED');
    });
  });

  describe('who may see and change them', () => {
    it('another caseworker, another organization, partners, admins and analysts cannot read or write them', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const a = (await add(cw, kase.id, slot(), { note: CANARY_NOTE }).expect(201)).body;

      await cw2.get(api(`/appointments/${a.id}`)).expect(404);
      expect(await lastAudit(t, org.caseworker2.id, 'denied')).toMatchObject({ subjectType: 'Appointment', subjectId: a.id });
      expect((await cw2.get(api('/appointments')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(200)).body).toEqual([]);
      expect((await add(cw2, kase.id, slot()).expect(400)).body.errors).toHaveProperty('caseId');
      await cw2.put(api(`/appointments/${a.id}`)).send({ version: a.version, kind: 'other' }).expect(404);
      await cw2.post(api(`/appointments/${a.id}/cancel`)).send({ version: a.version }).expect(404);

      const otherCoordinator = await signIn(t, other.coordinator);
      await otherCoordinator.get(api(`/appointments/${a.id}`)).expect(404);
      expect((await otherCoordinator.get(api('/appointments')).expect(200)).body.map((x: { id: string }) => x.id)).not.toContain(a.id);
      expect((await add(otherCoordinator, kase.id, slot()).expect(400)).body.errors).toHaveProperty('caseId');
      // No audit row in the other organization's chain names this organization's appointment.
      expect(await lastAudit(t, other.coordinator.id, 'denied')).toBeUndefined();

      for (const role of ['partner', 'admin', 'analyst'] as const) {
        const agent = await signIn(t, org[role]);
        await agent.get(api('/appointments')).expect(403);
        await agent.get(api(`/appointments/${a.id}`)).expect(403);
        await add(agent, kase.id, slot()).expect(403);
        await agent.post(api('/calendar-feed')).expect(403);
      }

      // The coordinator reads the whole program, and filters the team's diary by caseworker.
      expect((await coordinator.get(api(`/appointments/${a.id}`)).expect(200)).body.note).toBe(CANARY_NOTE);
      const team = (await coordinator.get(api('/appointments')).query({ filter: JSON.stringify({ attendeeId: org.caseworker.id }), range: '[0,99]' }).expect(200)).body as { id: string }[];
      expect(team.map((x) => x.id)).toContain(a.id);
      const none = (await coordinator.get(api('/appointments')).query({ filter: JSON.stringify({ attendeeId: org.caseworker2.id }), range: '[0,99]' }).expect(200)).body as { id: string }[];
      expect(none.map((x) => x.id)).not.toContain(a.id);
    });

    it('a reassigned case takes its appointments with it', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const a = (await add(cw, kase.id, slot()).expect(201)).body;
      const current = (await coordinator.get(api(`/cases/${kase.id}`)).expect(200)).body;
      await coordinator.post(api(`/cases/${kase.id}/assign`)).send({ caseworkerId: org.caseworker2.id, version: current.version }).expect(200);
      await cw2.get(api(`/appointments/${a.id}`)).expect(200);
      await cw.get(api(`/appointments/${a.id}`)).expect(404);
    });

    it('a closed case is read-only: no new appointment, no change, no cancellation; reading still works', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const a = (await add(cw, kase.id, slot()).expect(201)).body;
      await closeCase(cw, kase.id, {}, t.clock.now());
      const before = await rowCount();
      const refused = await add(cw, kase.id, slot()).expect(409);
      expect(refused.body).toMatchObject({ code: 'CASE_CLOSED' });
      expect(refused.body.errors).toHaveProperty('caseId');
      expect((await cw.put(api(`/appointments/${a.id}`)).send({ version: a.version, kind: 'other' }).expect(409)).body.code).toBe('CASE_CLOSED');
      expect((await coordinator.post(api(`/appointments/${a.id}/cancel`)).send({ version: a.version }).expect(409)).body.code).toBe('CASE_CLOSED');
      expect(await rowCount()).toBe(before);
      expect((await cw.get(api(`/appointments/${a.id}`)).expect(200)).body.status).toBe('scheduled');
    });
  });

  describe('conflicts are warned about, not refused', () => {
    it('names the overlapping appointments of the attendees by id and time only', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const { kase: kase2 } = await createSurvivorWithCase(cw);
      const { kase: theirs } = await createSurvivorWithCase(cw2);
      const start = slot();
      const first = (await add(cw, kase.id, start).expect(201)).body;
      // Back to back is no conflict.
      expect((await add(cw, kase2.id, new Date(start.getTime() + HOUR)).expect(201)).body.conflicts).toEqual([]);
      const overlapping = (await add(cw, kase2.id, new Date(start.getTime() + HOUR / 2)).expect(201)).body;
      expect(overlapping.conflicts.map((c: { appointmentId: string }) => c.appointmentId)).toContain(first.id);
      expect(overlapping.conflicts.find((c: { appointmentId: string }) => c.appointmentId === first.id)).toEqual({
        appointmentId: first.id,
        attendeeUserId: org.caseworker.id,
        startsAt: first.startsAt,
        endsAt: first.endsAt,
      });

      // Another caseworker invites her to a meeting of a case she cannot read: warned with the time only.
      const invite = await add(cw2, theirs.id, new Date(start.getTime() + 15 * 60_000), { attendeeUserIds: [org.caseworker2.id, org.caseworker.id] }).expect(201);
      const seen = invite.body.conflicts.find((c: { appointmentId: string }) => c.appointmentId === first.id);
      expect(Object.keys(seen).sort()).toEqual(['appointmentId', 'attendeeUserId', 'endsAt', 'startsAt']);
      expect(JSON.stringify(invite.body.conflicts)).not.toContain(kase.caseNumber as string);

      // Moving an appointment onto another warns too; a cancelled appointment no longer counts.
      const moved = (await cw.put(api(`/appointments/${overlapping.id}`)).send({ version: overlapping.version, startsAt: start.toISOString() }).expect(200)).body;
      expect(moved.conflicts.map((c: { appointmentId: string }) => c.appointmentId)).toContain(first.id);
      await cw.post(api(`/appointments/${first.id}/cancel`)).send({ version: first.version }).expect(200);
      const again = (await cw.put(api(`/appointments/${overlapping.id}`)).send({ version: moved.version, kind: 'other' }).expect(200)).body;
      expect(again.conflicts.map((c: { appointmentId: string }) => c.appointmentId)).not.toContain(first.id);
    });
  });

  describe('bad input', () => {
    it('answers 400 naming the field, and writes nothing', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const before = await rowCount();
      const cases: [Record<string, unknown>, string][] = [
        [{ kind: 'party' }, 'kind'],
        [{ durationMinutes: 0 }, 'durationMinutes'],
        [{ durationMinutes: 1441 }, 'durationMinutes'],
        [{ durationMinutes: 30.5 }, 'durationMinutes'],
        [{ caseId: '00000000-0000-4000-8000-000000000000' }, 'caseId'],
        [{ caseId: 'not-a-uuid' }, 'caseId'],
        [{ attendeeUserIds: [other.caseworker.id] }, 'attendeeUserIds'],
        [{ attendeeUserIds: [org.partner.id] }, 'attendeeUserIds'],
        [{ attendeeUserIds: [] }, 'attendeeUserIds'],
        [{ partnerOrgId: other.partnerOrg.id }, 'partnerOrgId'],
        [{ startsAt: 'next tuesday' }, 'startsAt'],
        [{ startsAt: '2026-02-30T10:00:00Z' }, 'startsAt'],
        [{ startsAt: '2091-01-01T10:00:00Z' }, 'startsAt'],
        [{ note: 'bell\u0007' }, 'note'],
        [{ organizationId: other.organizationId }, 'organizationId'],
      ];
      for (const [patch, field] of cases) {
        const res = await cw.post(api('/appointments')).send({ caseId: kase.id, startsAt: slot().toISOString(), durationMinutes: 60, kind: 'meeting', ...patch });
        expect([JSON.stringify(patch), res.status]).toEqual([JSON.stringify(patch), 400]);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(Object.keys(res.body.errors ?? {})).toContain(field);
      }
      expect(await rowCount()).toBe(before);
      const bad = await cw.get(api('/appointments')).query({ filter: JSON.stringify({ startsFrom: 'soon' }) }).expect(400);
      expect(bad.body.errors).toHaveProperty(['filter.startsFrom']);
    });
  });

  describe('the private calendar feed', () => {
    const fetchFeed = (path: string, ip = freshIp()) => request(t.http).get(path).set('X-Forwarded-For', ip);

    it('shows case number, kind and time only, never a name, alias, note or partner; each fetch is audited', async () => {
      const { kase } = await createSurvivorWithCase(cw, { alias: CANARY_ALIAS, legalName: CANARY_NAME, preferredName: 'Zyxpreferred' });
      const court = (await add(cw, kase.id, slot(), { kind: 'court', note: `${CANARY_NOTE} for ${CANARY_NAME}`, partnerOrgId: org.partnerOrg.id }).expect(201)).body;
      const cancelled = (await add(cw, kase.id, slot(), { kind: 'medical' }).expect(201)).body;
      await cw.post(api(`/appointments/${cancelled.id}/cancel`)).send({ version: cancelled.version }).expect(200);
      const farAway = (await add(cw, kase.id, slot(400)).expect(201)).body;

      expect((await cw.get(api('/calendar-feed')).expect(200)).body).toEqual({ active: false, createdAt: null, lastUsedAt: null });
      const feed = (await cw.post(api('/calendar-feed')).expect(201)).body;
      expect(feed.path).toMatch(/^\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      expect(await lastAudit(t, org.caseworker.id, 'create')).toMatchObject({ subjectType: 'CalendarFeed' });
      // Only the hash is stored.
      const token = /calendar\/(.+)\.ics$/.exec(feed.path)![1]!;
      const stored = JSON.stringify(await t.dataSource.query('SELECT * FROM calendar_feed WHERE user_id = $1', [org.caseworker.id]));
      expect(stored).not.toContain(token);
      // Status never shows the URL again.
      expect((await cw.get(api('/calendar-feed')).expect(200)).body).toEqual({ active: true, createdAt: feed.createdAt, lastUsedAt: null });

      const res = await fetchFeed(feed.path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
      expect(res.headers['cache-control']).toContain('no-store');
      const text = res.text;
      expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      const unfolded = text.replace(/\r\n /g, '');
      expect(unfolded).toContain(`UID:${court.id}@lantern`);
      expect(unfolded).toContain(`SUMMARY:${kase.caseNumber} – Court`);
      expect(unfolded).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
      expect(unfolded).toContain(`DTSTART:${court.startsAt.replace(/[-:]/g, '').replace('.000', '')}`);
      expect(unfolded).not.toContain(cancelled.id);
      expect(unfolded).not.toContain(farAway.id);
      for (const secret of ['Zyxcanary', 'Quortlebeck', 'Vellumfinch', 'Zyxnotecanary', 'Zyxpreferred', org.partnerOrg.name, org.partnerOrg.id, kase.id]) {
        expect([secret, unfolded.includes(secret as string)]).toEqual([secret, false]);
      }
      const audited = (await t.dataSource.getRepository(AuditEvent).findOne({ where: { requestId: res.headers['x-request-id'] } }))!;
      expect(audited).toMatchObject({ action: 'list', subjectType: 'Appointment', actorId: org.caseworker.id, reason: 'calendar feed' });
      expect(audited.subjectIds).toContain(court.id);
      expect((await cw.get(api('/calendar-feed')).expect(200)).body.lastUsedAt).toEqual(expect.any(String));
    });

    it('shows only what its owner may read: an invitation to a case that is not hers stays out', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const shared = (await add(cw, kase.id, slot(), { attendeeUserIds: [org.caseworker.id, org.caseworker2.id] }).expect(201)).body;
      const feed = (await cw2.post(api('/calendar-feed')).expect(201)).body;
      expect((await fetchFeed(feed.path).expect(200)).text).not.toContain(shared.id);
    });

    it('regenerating revokes the old URL; revoking ends it; unknown, revoked and malformed tokens get the same 404', async () => {
      const first = (await coordinator.post(api('/calendar-feed')).expect(201)).body;
      await fetchFeed(first.path).expect(200);
      const second = (await coordinator.post(api('/calendar-feed')).expect(201)).body;
      expect(second.path).not.toBe(first.path);
      const revoked = await fetchFeed(first.path).expect(404);
      await fetchFeed(second.path).expect(200);
      const unknown = await fetchFeed(`/api/v1/calendar/${'A'.repeat(43)}.ics`).expect(404);
      const malformed = await fetchFeed('/api/v1/calendar/short.ics').expect(404);
      const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined, instance: undefined });
      expect(strip(revoked.body)).toEqual(strip(unknown.body));
      expect(strip(malformed.body)).toEqual(strip(unknown.body));
      expect((await coordinator.delete(api('/calendar-feed')).expect(200)).body.active).toBe(false);
      expect(await lastAudit(t, org.coordinator.id, 'delete')).toMatchObject({ subjectType: 'CalendarFeed', reason: 'revoked' });
      await fetchFeed(second.path).expect(404);
      // The URL never reaches the logs.
      const token = /calendar\/(.+)\.ics$/.exec(second.path)![1]!;
      expect(t.logs.join('\n')).not.toContain(token);
    });

    it('is rate-limited per client address, known token or not', async () => {
      const ip = freshIp();
      for (let i = 0; i < 60; i += 1) await fetchFeed(`/api/v1/calendar/${'B'.repeat(43)}.ics`, ip).expect(404);
      const limited = await fetchFeed(`/api/v1/calendar/${'B'.repeat(43)}.ics`, ip).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      await fetchFeed(`/api/v1/calendar/${'B'.repeat(43)}.ics`).expect(404);
    });
  });

  it('appointmentsStartingBetween gives the reminders ids, case number, attendees, time and kind only', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    const start = slot(60, 7);
    const a = (await add(cw, kase.id, start, { kind: 'housing_viewing', note: CANARY_NOTE, attendeeUserIds: [org.caseworker.id, org.coordinator.id] }).expect(201)).body;
    const cancelled = (await add(cw, kase.id, new Date(start.getTime() + HOUR)).expect(201)).body;
    await cw.post(api(`/appointments/${cancelled.id}/cancel`)).send({ version: cancelled.version }).expect(200);
    const rows = await appointmentsStartingBetween(t.dataSource.manager, new Date(start.getTime() - HOUR), new Date(start.getTime() + 3 * HOUR));
    const mine = rows.filter((r) => r.caseId === kase.id);
    expect(mine).toHaveLength(1);
    expect(Object.keys(mine[0]!).sort()).toEqual(['appointmentId', 'attendeeUserIds', 'caseId', 'caseNumber', 'kind', 'startsAt']);
    expect(mine[0]).toMatchObject({ appointmentId: a.id, caseNumber: kase.caseNumber, kind: 'housing_viewing' });
    expect(mine[0]!.startsAt.toISOString()).toBe(start.toISOString());
    expect(mine[0]!.attendeeUserIds.sort()).toEqual([org.caseworker.id, org.coordinator.id].sort());
  });
});
