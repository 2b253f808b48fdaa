import { Check, Column, Entity, ForeignKey, Index, Unique } from 'typeorm';
import type { AppointmentKind, AppointmentStatus } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * An appointment of a case (issue 14): when, how long, what for, with which partner org and which
 * staff. Never deleted: cancelling keeps the row (status `cancelled`), audited. `endsAt` is kept beside
 * the duration so overlaps are a plain range comparison on an index.
 */
@Entity('appointment')
// The case page's upcoming appointments.
@Index('ix_appointment_case_starts', ['caseId', 'startsAt'])
// The coordinator's team view and the reminders (appointmentsStartingBetween): an organization's diary by time.
@Index('ix_appointment_org_starts', ['organizationId', 'startsAt'])
@Check('ck_appointment_kind', `kind IN ('meeting', 'court', 'medical', 'housing_viewing', 'other')`)
@Check('ck_appointment_status', `status IN ('scheduled', 'cancelled')`)
@Check('ck_appointment_duration', `duration_minutes BETWEEN 1 AND 1440`)
@Check('ck_appointment_ends', `ends_at > starts_at`)
export class Appointment extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_appointment_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_appointment_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'integer' })
  durationMinutes!: number;

  /** startsAt + durationMinutes, written by the service. */
  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 20 })
  kind!: AppointmentKind;

  @ForeignKey('PartnerOrg', { name: 'fk_appointment_partner_org', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  partnerOrgId!: string | null;

  /** Encrypted (AAD appointment|note|id), like every narrative field. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'scheduled' })
  status!: AppointmentStatus;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;
}

/**
 * A staff member attending an appointment. The appointment's time and status are copied here (and
 * rewritten with every change of the appointment, in its transaction) so "my appointments this week"
 * and the overlap check are one range scan of (user, time).
 */
@Entity('appointment_attendee')
@Unique('uq_appointment_attendee', ['appointmentId', 'userId'])
@Index('ix_appointment_attendee_user_starts', ['userId', 'startsAt'])
export class AppointmentAttendee extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Appointment', { name: 'fk_appointment_attendee_appointment', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  appointmentId!: string;

  @ForeignKey('User', { name: 'fk_appointment_attendee_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 12 })
  status!: AppointmentStatus;
}

/**
 * A user's private calendar feed (issue 14): only the SHA-256 of its 256-bit token is stored, so a
 * database dump gives no working feed URL. At most one live feed per user; regenerating revokes the old.
 */
@Entity('calendar_feed')
@Index('uq_calendar_feed_token', ['tokenHash'], { unique: true })
@Index('uq_calendar_feed_user_live', ['userId'], { unique: true, where: 'revoked_at IS NULL' })
export class CalendarFeed extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('User', { name: 'fk_calendar_feed_user', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
