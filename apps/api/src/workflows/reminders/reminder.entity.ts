import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ReminderKind } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * One reminder given: who was reminded of what (a task, a plan, an assessment stage of a case, a
 * consent, an appointment) for which due date. Unique, so a reminder is given once however often the
 * job runs, on however many API processes; a new due date (a task moved, a plan's next review) is a
 * new reminder. Kept 400 days, then deleted by the same job. Holds ids and dates only.
 */
@Entity('reminder_given')
@Unique('uq_reminder_given', ['userId', 'kind', 'subjectId', 'dueOn'])
@Index('ix_reminder_given_created', ['createdAt'])
export class ReminderGiven {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @ForeignKey('User', { name: 'fk_reminder_given_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 30 })
  kind!: ReminderKind;

  /** The task, plan, case (an assessment stage), consent or appointment. */
  @Column({ type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'date' })
  dueOn!: string;
}

/** A user's own choice of reminders (GET/PUT /reminders/preferences); no row means every reminder, no digest. */
@Entity('reminder_preference')
@Unique('uq_reminder_preference_user', ['userId'])
export class ReminderPreference extends BaseRecord {
  @ForeignKey('User', { name: 'fk_reminder_preference_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 30, array: true, default: () => "'{}'" })
  mutedKinds!: ReminderKind[];

  @Column({ type: 'boolean', default: false })
  dailyDigest!: boolean;
}
