import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APPOINTMENT_KINDS, APPOINTMENT_STATUSES, type AppointmentConflict } from '@lantern/contracts';
import { DataSource, In, type EntityManager } from 'typeorm';
import { User } from '../../access/auth/user.entity.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { RecordWrites } from '../../access/records/record-writes.js';
import { Case } from '../../case-file/case.entity.js';
import { refuseIfClosed } from '../../case-file/case-status.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { DomainError, badRequest } from '../../kernel/http/domain-error.js';
import { caseRecordList } from '../../kernel/http/list-filters.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { PartnerOrgsRepository } from '../partner-orgs/index.js';
import { Appointment, AppointmentAttendee } from './appointment.entity.js';
import type { CreateAppointmentDto, UpdateAppointmentDto } from './dto/appointment.dto.js';
import { caseNumbersOf } from '../../case-file/case-numbers.js';
import { caseToAddTo } from '../../case-file/case-to-add-to.js';
import { caseRecordPlain, readableNote, sealedNote } from '../../case-file/case-record-reads.js';
import type { Plain } from '../../kernel/http/serialize.js';

export const APPOINTMENT_LIST: ListSpec = caseRecordList(
  'appointments',
  {
    kind: { kind: 'eq', type: 'enum', values: APPOINTMENT_KINDS },
    status: { kind: 'eq', type: 'enum', values: APPOINTMENT_STATUSES },
    partnerOrgId: { kind: 'eq', type: 'uuid' },
    // "My appointments" and the coordinator's filter by caseworker: the appointments someone attends.
    attendeeId: {
      kind: 'custom',
      type: 'uuid',
      fields: ['attendeeUserIds'],
      apply: (qb, value, param) =>
        qb.andWhere(`EXISTS (SELECT 1 FROM appointment_attendee aa WHERE aa.appointment_id = ${qb.alias}.id AND aa.user_id = :${param})`, {
          [param]: value,
        }),
    },
    startsFrom: { kind: 'range', bound: 'gte', type: 'date', property: 'startsAt' },
    startsTo: { kind: 'range', bound: 'lte', type: 'date', property: 'startsAt' },
  },
  { sorts: ['startsAt', 'createdAt'], defaultSort: ['startsAt', 'ASC'] },
);

/** Who may attend: the organization's staff who work with survivor files. */
const ATTENDEE_ROLES = ['caseworker', 'coordinator'] as const;
/** How far back and ahead an appointment may be set (a typo of the year is a 400, not a row in 2062). */
const PAST_LIMIT_MS = 366 * 86_400_000;
const FUTURE_LIMIT_MS = 5 * 366 * 86_400_000;

const TABLE = 'appointment';
const MINUTE = 60_000;

@Injectable()
export class AppointmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly writes: RecordWrites,
    private readonly partnerOrgs: PartnerOrgsRepository,
  ) {}

  // ---- presenting -----------------------------------------------------------------------------

  /** The response object of an appointment, before field filtering; the note is decrypted only when readable. */
  private plain(row: Appointment, readable: Set<string>, attendees: string[], caseNumber: string | undefined): Plain {
    return caseRecordPlain(row, caseNumber, {
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      durationMinutes: row.durationMinutes,
      kind: row.kind,
      partnerOrgId: row.partnerOrgId,
      attendeeUserIds: attendees,
      ...readableNote(this.cipher, TABLE, row, readable),
      status: row.status,
      cancelledAt: row.cancelledAt,
    });
  }

  /** The attendees and case numbers of the appointments given: two queries whatever the page size. */
  private async context(manager: EntityManager, rows: Appointment[]): Promise<{ attendees: Map<string, string[]>; numbers: Map<string, string> }> {
    const attendees = new Map<string, string[]>();
    if (rows.length === 0) return { attendees, numbers: new Map() };
    const links = await manager.find(AppointmentAttendee, {
      select: { appointmentId: true, userId: true },
      where: { appointmentId: In(rows.map((r) => r.id)) },
      order: { createdAt: 'ASC' },
    });
    for (const link of links) attendees.set(link.appointmentId, [...(attendees.get(link.appointmentId) ?? []), link.userId]);
    return { attendees, numbers: await caseNumbersOf(manager, rows) };
  }

  // ---- reads ----------------------------------------------------------------------------------

  /**
   * Appointments are part of the survivor's file: scoped in SQL by the rules (a caseworker's cases, a
   * coordinator's program), field-filtered, audited (one row naming every appointment shown).
   */
  list(query: ListQuery): Promise<Page<Plain>> {
    return this.access.list<Appointment>({
      subject: 'Appointment',
      spec: APPOINTMENT_LIST,
      query,
      present: async (rows, readable) => {
        const { attendees, numbers } = await this.context(this.dataSource.manager, rows);
        return rows.map((row) => this.plain(row, readable(row), attendees.get(row.id) ?? [], numbers.get(row.caseId)));
      },
    });
  }

  /** One appointment, opened: audited before the answer (RecordAccess.get). */
  get(id: string): Promise<Plain> {
    return this.access.get<Appointment>({
      subject: 'Appointment',
      id,
      present: async (row, readable, manager) => {
        const { attendees, numbers } = await this.context(manager, [row]);
        return this.plain(row, readable, attendees.get(row.id) ?? [], numbers.get(row.caseId));
      },
    });
  }

  // ---- changes --------------------------------------------------------------------------------

  async create(dto: CreateAppointmentDto): Promise<Plain> {
    const { actor } = currentActor();
    const kase = await caseToAddTo(this.access, 'Appointment', dto, badRequest('caseId', 'is not a case you may add appointments to'));
    refuseIfClosed(kase, 'reopen it to add appointments');
    const startsAt = this.startOf(dto.startsAt);
    const attendeeIds = dto.attendeeUserIds ?? [actor.id];
    await this.assertAttendees(attendeeIds);
    if (dto.partnerOrgId) await this.assertPartnerOrg(dto.partnerOrgId);
    const id = randomUUID();
    const endsAt = new Date(startsAt.getTime() + dto.durationMinutes * MINUTE);
    const row = await this.writes.insert<Appointment>(
      'Appointment',
      {
        id,
        organizationId: actor.organizationId,
        caseId: dto.caseId,
        startsAt,
        durationMinutes: dto.durationMinutes,
        endsAt,
        kind: dto.kind,
        partnerOrgId: dto.partnerOrgId ?? null,
        note: sealedNote(this.cipher, TABLE, id, dto.note),
        status: 'scheduled',
        cancelledAt: null,
        createdBy: actor.id,
      },
      Object.keys(dto),
      (manager, saved) => this.writeAttendees(manager, saved, attendeeIds),
    );
    const conflicts = await this.conflicts(row, attendeeIds);
    return { ...(await this.writes.answer('Appointment', row, (readable) => this.plain(row, readable, attendeeIds, kase.caseNumber))), conflicts };
  }

  async update(id: string, dto: UpdateAppointmentDto): Promise<Plain> {
    const { version, ...changes } = dto;
    const fields = Object.keys(changes).filter((k) => (changes as Plain)[k] !== undefined);
    const row = await this.access.loadForChange<Appointment>({ subject: 'Appointment', id, fields, version });
    await this.assertChangeable(row, 'reopen it to change its appointments');
    const startsAt = changes.startsAt !== undefined ? this.startOf(changes.startsAt) : row.startsAt;
    const duration = changes.durationMinutes ?? row.durationMinutes;
    if (changes.attendeeUserIds) await this.assertAttendees(changes.attendeeUserIds);
    if (changes.partnerOrgId) await this.assertPartnerOrg(changes.partnerOrgId);
    const patch: Partial<Appointment> = {
      startsAt,
      durationMinutes: duration,
      endsAt: new Date(startsAt.getTime() + duration * MINUTE),
      ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
      ...(changes.partnerOrgId !== undefined ? { partnerOrgId: changes.partnerOrgId } : {}),
      ...(changes.note !== undefined ? { note: sealedNote(this.cipher, TABLE, id, changes.note) } : {}),
    };
    const { actor } = currentActor();
    await this.writes.update<Appointment>('Appointment', id, version, patch, { fields }, async (manager) => {
      const current = await manager.findOneByOrFail(Appointment, { id });
      const attendeeIds = changes.attendeeUserIds ?? (await this.attendeesOf(manager, id));
      await manager.delete(AppointmentAttendee, { appointmentId: id });
      await this.writeAttendees(manager, current, attendeeIds, actor.id);
    });
    const conflicts = await this.conflicts({ id, startsAt, endsAt: patch.endsAt! }, changes.attendeeUserIds ?? (await this.attendeesOf(this.dataSource.manager, id)));
    return { ...(await this.get(id)), conflicts };
  }

  /** Cancelling keeps the appointment (and its history); it leaves the diaries and the feeds. */
  async cancel(id: string, version: number): Promise<Plain> {
    const row = await this.access.loadForChange<Appointment>({ subject: 'Appointment', id, fields: ['status'], version });
    await this.assertChangeable(row, 'reopen it to cancel its appointments');
    const now = this.clock.now();
    const audit = { action: 'transition' as const, fields: ['status', 'cancelledAt'], reason: 'cancelled' };
    await this.writes.update<Appointment>('Appointment', id, version, { status: 'cancelled', cancelledAt: now }, audit, async (manager) => {
      await manager.update(AppointmentAttendee, { appointmentId: id }, { status: 'cancelled' });
    });
    return this.get(id);
  }

  // ---- checks ---------------------------------------------------------------------------------

  private async assertChangeable(row: Appointment, hint: string): Promise<void> {
    const kase = await this.dataSource.manager.findOneOrFail(Case, { select: { id: true, status: true }, where: { id: row.caseId } });
    refuseIfClosed(kase, hint, 'caseId');
    if (row.status === 'cancelled') throw new DomainError('APPOINTMENT_CANCELLED', undefined, { status: ['is cancelled'] });
  }

  private startOf(value: string): Date {
    const time = Date.parse(value);
    if (Number.isNaN(time)) throw badRequest('startsAt', 'must be an ISO date-time');
    const now = this.clock.now().getTime();
    if (time < now - PAST_LIMIT_MS) throw badRequest('startsAt', 'is more than a year in the past');
    if (time > now + FUTURE_LIMIT_MS) throw badRequest('startsAt', 'is more than five years ahead');
    return new Date(time);
  }

  /** Attendees are active caseworkers or coordinators of the caller's organization (never another org's). */
  private async assertAttendees(ids: string[]): Promise<void> {
    const { actor } = currentActor();
    const users = await this.dataSource.manager.find(User, {
      select: { id: true },
      where: { id: In(ids), organizationId: actor.organizationId, active: true, role: In([...ATTENDEE_ROLES]) },
    });
    if (users.length !== ids.length) throw badRequest('attendeeUserIds', 'must be active caseworkers or coordinators of your organization');
  }

  private async assertPartnerOrg(id: string): Promise<void> {
    const { actor } = currentActor();
    const partner = await this.partnerOrgs.findInOrganization(actor.organizationId, id);
    if (!partner?.active) throw badRequest('partnerOrgId', 'is not an active partner organization of yours');
  }

  private async attendeesOf(manager: EntityManager, id: string): Promise<string[]> {
    const rows = await manager.find(AppointmentAttendee, { select: { userId: true }, where: { appointmentId: id }, order: { createdAt: 'ASC' } });
    return rows.map((r) => r.userId);
  }

  private async writeAttendees(manager: EntityManager, row: Appointment, userIds: string[], createdBy: string | null = row.createdBy): Promise<void> {
    await manager.insert(
      AppointmentAttendee,
      userIds.map((userId) => ({
        organizationId: row.organizationId,
        appointmentId: row.id,
        userId,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        status: row.status,
        createdBy,
      })),
    );
  }

  /**
   * The attendees' other scheduled appointments that overlap this one: a warning, never a refusal. It
   * names only ids and times (the other appointment may be of a case the caller may not read), found
   * by the (user, time) index. An appointment lasts at most a day, so one that overlaps starts less
   * than a day before this one ends.
   */
  private async conflicts(row: Pick<Appointment, 'id' | 'startsAt' | 'endsAt'>, attendeeIds: string[]): Promise<AppointmentConflict[]> {
    if (attendeeIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT appointment_id, user_id, starts_at, ends_at FROM appointment_attendee
        WHERE user_id = ANY($1) AND status = 'scheduled' AND appointment_id <> $2
          AND starts_at < $3 AND starts_at > $4 AND ends_at > $5
        ORDER BY starts_at, appointment_id`,
      [attendeeIds, row.id, row.endsAt, new Date(row.startsAt.getTime() - 1440 * MINUTE), row.startsAt],
    )) as { appointment_id: string; user_id: string; starts_at: Date; ends_at: Date }[];
    return rows.map((r) => ({
      appointmentId: r.appointment_id,
      attendeeUserId: r.user_id,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
    }));
  }
}
