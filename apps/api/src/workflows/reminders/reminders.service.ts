import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ASSESSMENT_DUE_DAYS, ASSESSMENT_WINDOW, REMINDER_KINDS, type Locale, type ReminderKind, type ReminderPreferences } from '@lantern/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { badRequest } from '../../kernel/http/domain-error.js';
import { appointmentsStartingBetween } from '../../features/appointments/index.js';
import { Mailer, NotificationsService } from '../../features/notifications/index.js';
import { ReminderPreference } from './reminder.entity.js';
import { reminderTitle, type ReminderItem } from './reminder-text.js';

const DAY = 86_400_000;
/** Overdue tasks are reminded of in their first week overdue: a first run on old data does not bury anyone. */
export const OVERDUE_LOOKBACK_DAYS = 7;
/** Plan reviews are reminded of a week ahead; consents two weeks before they expire. */
export const REVIEW_NOTICE_DAYS = 7;
export const CONSENT_NOTICE_DAYS = 14;
/** IDs, visas and permits take time to renew: a document's expiry is announced 30 days ahead (issue 15). */
export const DOCUMENT_NOTICE_DAYS = 30;
/** How long a given reminder is remembered (a due date older than this cannot come back). */
export const REMINDERS_KEPT_DAYS = 400;

/** Something due for someone: one row per user, kind and item. */
interface Due {
  userId: string;
  kind: ReminderKind;
  subjectId: string;
  caseId: string;
  caseNumber: string;
  dueOn: string;
  stage?: string;
}

export interface ReminderRun {
  /** Reminders given this run (one per user, kind and item), before muting. */
  given: number;
  /** In-app notifications made (items of one kind on one case for one user make one). */
  notifications: number;
  /** Users who get a digest e-mail for this run. */
  digests: number;
}

/** A digest: what one user was reminded of today, as counts and case numbers only. */
export interface ReminderDigest {
  userId: string;
  organizationId: string;
  locale: Locale;
  lines: string[];
}

const STAGES_SQL = `(VALUES ${Object.entries(ASSESSMENT_DUE_DAYS)
  .map(([stage, days]) => `('${stage}', ${days})`)
  .join(', ')}) AS st(stage, days)`;

/**
 * Reminders (issue 14): tasks due tomorrow and overdue, plan reviews due, assessment stages due and
 * overdue, consents about to expire, and tomorrow's appointments, as in-app notifications to the people
 * who act on them (the case's caseworker; an appointment's staff), once per item and due date, plus an
 * optional daily digest e-mail per user. Run by the `reminders.daily` job; a run is idempotent, so
 * retries and several API processes never remind twice (the unique `reminder_given`).
 *
 * It reads due dates and case numbers, never survivor-file content (no names, no narrative), and what
 * it writes names a case by its number only.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger('Reminders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly mailer: Mailer,
  ) {}

  private day(offsetDays = 0): string {
    return new Date(this.clock.now().getTime() + offsetDays * DAY).toISOString().slice(0, 10);
  }

  /** Everything due today, for every organization (open cases, active users only). */
  async dueItems(manager: EntityManager = this.dataSource.manager): Promise<Due[]> {
    const today = this.day();
    const tomorrow = this.day(1);
    const q = async <T>(sql: string, params: unknown[]) => (await manager.query(sql, params)) as T[];
    type Row = { user_id: string; subject_id: string; case_id: string; case_number: string; due_on: string; stage?: string };
    const rows = (kind: ReminderKind, list: Row[]): Due[] =>
      list.map((r) => ({ userId: r.user_id, kind, subjectId: r.subject_id, caseId: r.case_id, caseNumber: r.case_number, dueOn: r.due_on, ...(r.stage ? { stage: r.stage } : {}) }));
    const open = `c.status <> 'closed' AND c.assigned_caseworker_id IS NOT NULL`;
    const caseworker = `c.assigned_caseworker_id AS user_id, c.id AS case_id, c.case_number`;

    // A partner's tasks are the partner's to keep; the caseworker is reminded of hers and the survivor's.
    const tasks = (cond: string, params: unknown[]) =>
      q<Row>(
        `SELECT ${caseworker}, t.id AS subject_id, to_char(t.due_date, 'YYYY-MM-DD') AS due_on
           FROM task t JOIN service_plan p ON p.id = t.plan_id AND p.status = 'active' JOIN survivor_case c ON c.id = t.case_id
          WHERE t.done_at IS NULL AND t.owner <> 'partner' AND ${open} AND ${cond}`,
        params,
      );
    const due = [
      ...rows('task_due', await tasks('t.due_date = $1::date', [tomorrow])),
      ...rows('task_overdue', await tasks(`t.due_date < $1::date AND t.due_date >= $1::date - ${OVERDUE_LOOKBACK_DAYS}`, [today])),
      ...rows(
        'plan_review_due',
        await q<Row>(
          `SELECT ${caseworker}, p.id AS subject_id, to_char(p.review_date, 'YYYY-MM-DD') AS due_on
             FROM service_plan p JOIN survivor_case c ON c.id = p.case_id
            WHERE p.status = 'active' AND ${open} AND p.review_date BETWEEN $1::date AND $1::date + ${REVIEW_NOTICE_DAYS}`,
          [today],
        ),
      ),
    ];
    // Assessment stages: the caseload's window (ASSESSMENT_WINDOW), one reminder as it comes due and one
    // once it is overdue; the subject is the case, the due date tells the stages apart.
    const stages = (await q<Row>(
      `SELECT ${caseworker}, c.id AS subject_id, st.stage, to_char(c.opened_at::date + st.days, 'YYYY-MM-DD') AS due_on
         FROM survivor_case c CROSS JOIN ${STAGES_SQL}
        WHERE ${open}
          AND c.opened_at::date + st.days <= $1::date + ${ASSESSMENT_WINDOW.remindDaysBefore}
          AND c.opened_at::date + st.days >= $1::date - ${ASSESSMENT_WINDOW.missedDaysAfter}
          AND NOT EXISTS (SELECT 1 FROM outcome_assessment o WHERE o.case_id = c.id AND o.stage = st.stage)`,
      [today],
    )) as (Row & { stage: string })[];
    for (const s of stages) {
      const overdueFrom = new Date(new Date(`${s.due_on}T00:00:00Z`).getTime() + ASSESSMENT_WINDOW.overdueDaysAfter * DAY).toISOString().slice(0, 10);
      due.push(...rows(today > overdueFrom ? 'assessment_overdue' : 'assessment_due', [s]));
    }
    due.push(
      ...rows(
        'consent_expiring',
        await q<Row>(
          `SELECT ${caseworker}, k.id AS subject_id, to_char(k.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS due_on
             FROM consent k JOIN survivor_case c ON c.id = k.case_id
            WHERE k.revoked_at IS NULL AND k.expires_at > $1 AND k.expires_at <= $2 AND ${open}`,
          [this.clock.now(), new Date(this.clock.now().getTime() + CONSENT_NOTICE_DAYS * DAY)],
        ),
      ),
    );
    // Documents about to expire (an ID, a visa): the case's caseworker, once, 30 days ahead. Deleted
    // documents and uploads under way are not reminded of; the reminder names the case, never the paper.
    due.push(
      ...rows(
        'document_expiring',
        await q<Row>(
          `SELECT ${caseworker}, d.id AS subject_id, to_char(d.expires_on, 'YYYY-MM-DD') AS due_on
             FROM document d JOIN survivor_case c ON c.id = d.case_id
            WHERE d.deleted_at IS NULL AND d.scan_status <> 'uploading' AND ${open}
              AND d.expires_on > $1::date AND d.expires_on <= $1::date + ${DOCUMENT_NOTICE_DAYS}`,
          [today],
        ),
      ),
    );
    // Tomorrow's appointments, for each of their staff who may read the case today (its caseworker, or a
    // coordinator of its organization): the list is not scoped to anyone (features/appointments/index.ts),
    // and a reminder names the case.
    const from = new Date(`${tomorrow}T00:00:00Z`);
    const appointments = await appointmentsStartingBetween(manager, from, new Date(from.getTime() + DAY));
    if (appointments.length > 0) {
      const readers = new Set(
        (
          (await manager.query(
            `SELECT c.id AS case_id, u.id AS user_id FROM survivor_case c
               JOIN app_user u ON u.organization_id = c.organization_id AND u.active
                AND (u.id = c.assigned_caseworker_id OR u.role = 'coordinator')
              WHERE c.id = ANY($1) AND c.status <> 'closed'`,
            [[...new Set(appointments.map((a) => a.caseId))]],
          )) as { case_id: string; user_id: string }[]
        ).map((r) => `${r.case_id}|${r.user_id}`),
      );
      for (const a of appointments) {
        for (const userId of a.attendeeUserIds.filter((id) => readers.has(`${a.caseId}|${id}`))) {
          due.push({ userId, kind: 'appointment_tomorrow', subjectId: a.appointmentId, caseId: a.caseId, caseNumber: a.caseNumber, dueOn: tomorrow });
        }
      }
    }
    return due;
  }

  /**
   * Gives today's reminders: records each new one (user, kind, item, due date) and makes one in-app
   * notification per user, kind and case, in the user's language, unless the user muted that kind.
   * Everything in one transaction, so a failed run leaves nothing half-given and its retry starts over.
   */
  async run(): Promise<ReminderRun> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM reminder_given WHERE created_at < $1`, [new Date(this.clock.now().getTime() - REMINDERS_KEPT_DAYS * DAY)]);
      const due = await this.dueItems(manager);
      if (due.length === 0) return { given: 0, notifications: 0, digests: 0 };
      const fresh: Due[] = [];
      // In chunks: a first run on a large program may find thousands of items.
      for (let i = 0; i < due.length; i += 500) {
        const chunk = due.slice(i, i + 500);
        const inserted = (await manager.query(
          `INSERT INTO reminder_given (user_id, kind, subject_id, case_id, due_on)
           SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::date[])
           ON CONFLICT ON CONSTRAINT uq_reminder_given DO NOTHING
           RETURNING user_id, kind, subject_id, to_char(due_on, 'YYYY-MM-DD') AS due_on`,
          [chunk.map((d) => d.userId), chunk.map((d) => d.kind), chunk.map((d) => d.subjectId), chunk.map((d) => d.caseId), chunk.map((d) => d.dueOn)],
        )) as { user_id: string; kind: string; subject_id: string; due_on: string }[];
        const key = (d: { userId: string; kind: string; subjectId: string; dueOn: string }) => `${d.userId}|${d.kind}|${d.subjectId}|${d.dueOn}`;
        const added = new Set(inserted.map((r) => key({ userId: r.user_id, kind: r.kind, subjectId: r.subject_id, dueOn: r.due_on })));
        fresh.push(...chunk.filter((d) => added.has(key(d))));
      }
      const users = await this.recipients(manager, [...new Set(fresh.map((d) => d.userId))]);
      let notifications = 0;
      for (const [userId, items] of groupBy(fresh, (d) => d.userId)) {
        const user = users.get(userId);
        if (!user) continue;
        for (const [, group] of groupBy(items.filter((d) => !user.muted.has(d.kind)), (d) => `${d.kind}|${d.caseId}`)) {
          const first = group[0]!;
          const item: ReminderItem = { kind: first.kind, caseNumber: first.caseNumber, count: group.length, dueOn: first.dueOn, ...(first.stage ? { stage: first.stage } : {}) };
          await this.notifications.notify(manager, {
            organizationId: user.organizationId,
            userIds: [userId],
            kind: first.kind,
            title: reminderTitle(item, user.locale),
            caseId: first.caseId,
            email: false,
          });
          notifications += 1;
        }
      }
      // The digests count from the items found above: the due items are worked out once a run.
      const digests = (await this.digests(manager, due)).length;
      this.logger.log(`reminders given: ${fresh.length} (${notifications} notifications, ${digests} digests)`);
      return { given: fresh.length, notifications, digests };
    });
  }

  /**
   * Puts today's digest e-mails in the outbox (one per user who asked for one and has something due),
   * in one transaction; the mail worker delivers them. Returns how many were queued.
   */
  async queueDigests(): Promise<number> {
    const queued = await this.dataSource.transaction(async (manager) => {
      const since = new Date(`${this.day()}T00:00:00Z`);
      // One digest a day: a job run again by hand (an admin's "run now"), or retried, sends no second one.
      // (next_attempt_at is set from the Clock when a mail is queued, and only moves later on a retry.)
      const sent = new Set(
        ((await manager.query(`SELECT user_id FROM notification_outbox WHERE template = 'reminder_digest' AND next_attempt_at >= $1`, [since])) as { user_id: string }[]).map(
          (r) => r.user_id,
        ),
      );
      const digests = (await this.digests(manager)).filter((d) => !sent.has(d.userId));
      for (const digest of digests) {
        await this.mailer.queue(manager, {
          organizationId: digest.organizationId,
          userId: digest.userId,
          template: 'reminder_digest',
          locale: digest.locale,
          items: digest.lines,
          linkPath: '/',
        });
      }
      return digests.length;
    });
    if (queued > 0) this.mailer.kick();
    return queued;
  }

  /**
   * Today's digests: for each user who asked for one, everything due for them now (not only what was
   * new today: a digest is the day's list), one line per kind and case, muted kinds left out. Counts and
   * case numbers only, never a name, a task's text or a note. `known` is today's due items when the
   * caller has them already (the reminder run), so they are not worked out twice.
   */
  async digests(manager: EntityManager = this.dataSource.manager, known?: Due[]): Promise<ReminderDigest[]> {
    const wanting = (await manager.query(
      `SELECT u.id, u.organization_id, u.locale, p.muted_kinds FROM reminder_preference p JOIN app_user u ON u.id = p.user_id AND u.active WHERE p.daily_digest`,
    )) as { id: string; organization_id: string; locale: Locale; muted_kinds: string[] | string }[];
    if (wanting.length === 0) return [];
    const due = groupBy(known ?? (await this.dueItems(manager)), (d) => d.userId);
    const digests: ReminderDigest[] = [];
    for (const user of wanting) {
      const muted = new Set(parseArray(user.muted_kinds));
      const items = (due.get(user.id) ?? []).filter((d) => !muted.has(d.kind));
      if (items.length === 0) continue;
      const lines = [...groupBy(items, (d) => `${REMINDER_KINDS.indexOf(d.kind as never)}|${d.caseNumber}|${d.kind}`)]
        .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
        .map(([, group]) => {
          const first = group[0]!;
          return reminderTitle({ kind: first.kind, caseNumber: first.caseNumber, count: group.length, dueOn: first.dueOn, ...(first.stage ? { stage: first.stage } : {}) }, user.locale);
        });
      digests.push({ userId: user.id, organizationId: user.organization_id, locale: user.locale, lines });
    }
    return digests;
  }

  private async recipients(manager: EntityManager, ids: string[]) {
    const found = ids.length
      ? ((await manager.query(
          `SELECT u.id, u.organization_id, u.locale, coalesce(p.muted_kinds, '{}') AS muted_kinds, coalesce(p.daily_digest, false) AS daily_digest
             FROM app_user u LEFT JOIN reminder_preference p ON p.user_id = u.id
            WHERE u.id = ANY($1) AND u.active`,
          [ids],
        )) as { id: string; organization_id: string; locale: Locale; muted_kinds: string[] | string; daily_digest: boolean }[])
      : [];
    return new Map(
      found.map((u) => [
        u.id,
        { id: u.id, organizationId: u.organization_id, locale: u.locale, muted: new Set(parseArray(u.muted_kinds)), dailyDigest: u.daily_digest },
      ]),
    );
  }

  async preferences(): Promise<ReminderPreferences> {
    const { actor } = currentActor();
    const row = await this.dataSource.manager.findOneBy(ReminderPreference, { userId: actor.id });
    return { mutedKinds: row?.mutedKinds ?? [], dailyDigest: row?.dailyDigest ?? false };
  }

  async setPreferences(input: ReminderPreferences): Promise<ReminderPreferences> {
    const { actor } = currentActor();
    const unknown = input.mutedKinds.filter((k) => !(REMINDER_KINDS as readonly string[]).includes(k));
    if (unknown.length) throw badRequest('mutedKinds', `must be among ${REMINDER_KINDS.join(', ')}`);
    const mutedKinds = [...new Set(input.mutedKinds)];
    await this.dataSource.manager.upsert(ReminderPreference, { userId: actor.id, mutedKinds, dailyDigest: input.dailyDigest, createdBy: actor.id }, ['userId']);
    return { mutedKinds, dailyDigest: input.dailyDigest };
  }
}

function groupBy<T>(list: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** node-postgres returns varchar[] as an array, PGlite sometimes as its text form '{a,b}'. */
function parseArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}
