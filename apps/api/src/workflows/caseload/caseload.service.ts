import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ASSESSMENT_DUE_DAYS, ASSESSMENT_WINDOW, REFERRAL_RESPONSE_HOURS, type AttentionResponse, type CaseloadEntry } from '@lantern/contracts';
import { DataSource } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { forbidden } from '../../kernel/http/domain-error.js';

const STAGES_SQL = `(VALUES ${Object.entries(ASSESSMENT_DUE_DAYS)
  .map(([stage, days]) => `('${stage}', ${days})`)
  .join(', ')}) AS st(stage, days)`;

/**
 * Assessment stages due (or overdue) for open cases matching `where` (a condition on alias c), with
 * `today` the SQL of today's date. A stage is due from `remindDaysBefore` before `opened_at::date + days`
 * until `missedDaysAfter` after it, so each stage is one range of `opened_at` (the bounds are dates made
 * timestamps in the session's time zone, as `opened_at::date` is a date in it: the same cases). The
 * ranges use the case indexes on (organization, …, opened_at) instead of working out every open case ×
 * every stage: the program overview at 10,000 cases on the embedded database, 45 → 26 ms of CPU
 * (docs/benchmarks.md, "Vacuuming the embedded database"). `onlyOverdue`: those due more than
 * `overdueDaysAfter` ago (the program overview's), filtered here rather than in Node.
 */
function dueAssessmentsSql(where: string, today: string, onlyOverdue: boolean): string {
  const lastDue = onlyOverdue ? `${today} - ${ASSESSMENT_WINDOW.overdueDaysAfter + 1}` : `${today} + ${ASSESSMENT_WINDOW.remindDaysBefore}`;
  return `SELECT c.id AS case_id, st.stage, st.days, to_char(c.opened_at::date + st.days, 'YYYY-MM-DD') AS due_on
            FROM ${STAGES_SQL}
            JOIN survivor_case c
              ON c.opened_at >= (${today} - ${ASSESSMENT_WINDOW.missedDaysAfter} - st.days)::timestamptz
             AND c.opened_at < (${lastDue} - st.days + 1)::timestamptz
           WHERE ${where} AND c.status <> 'closed'
             AND NOT EXISTS (SELECT 1 FROM outcome_assessment o WHERE o.case_id = c.id AND o.stage = st.stage)`;
}

/** The cases the program overview names: those with the most reasons, at most this many. */
const ATTENTION_CASES = 50;

/**
 * The program overview in one statement: what is overdue across the organization ($1), counted, and
 * the cases with the most reasons, ranked. Today is $2; a referral sent before $3 has waited too long.
 * Each reason is counted once per case (a case's two overdue referrals are one reason), and a case's
 * reasons come in the order reviews, tasks, assessments (earliest stage first), referrals. Cases with as
 * many reasons are ranked by their first kind of reason, then by number: taking the first cases found
 * instead would fill the list with one kind of reason, and a case with three could be left out.
 */
const ATTENTION_SQL = `
  WITH reviews AS (
         SELECT p.case_id FROM service_plan p JOIN survivor_case c ON c.id = p.case_id
          WHERE p.organization_id = $1 AND p.status = 'active' AND c.status <> 'closed' AND p.review_date < $2::date),
       tasks AS (
         SELECT t.case_id, count(*)::int AS n FROM task t JOIN service_plan p ON p.id = t.plan_id
          WHERE t.organization_id = $1 AND p.status = 'active' AND t.done_at IS NULL AND t.due_date < $2::date GROUP BY t.case_id),
       assessments AS (${dueAssessmentsSql('c.organization_id = $1', '$2::date', true)}),
       referrals AS (
         SELECT case_id FROM referral WHERE organization_id = $1 AND status = 'sent' AND sent_at < $3),
       reasons AS (
         SELECT case_id, 0 AS kind, 0 AS days, 'plan review overdue' AS reason FROM reviews
         UNION SELECT case_id, 1, 0, n || ' task(s) overdue' FROM tasks
         UNION SELECT case_id, 2, days, replace(stage, '_', ' ') || ' assessment overdue' FROM assessments
         UNION SELECT case_id, 3, 0, 'referral without answer for 48 h' FROM referrals),
       ranked AS (
         SELECT c.id, c.case_number, c.assigned_caseworker_id, c.survivor_id, r.reasons, r.n, r.first_kind
           FROM (SELECT case_id, array_agg(reason ORDER BY kind, days) AS reasons, count(*) AS n, min(kind) AS first_kind
                   FROM reasons GROUP BY case_id) r
           JOIN survivor_case c ON c.id = r.case_id
          ORDER BY r.n DESC, r.first_kind, c.case_number
          LIMIT ${ATTENTION_CASES})
  SELECT (SELECT count(*)::int FROM reviews) AS reviews_overdue,
         (SELECT coalesce(sum(n), 0)::int FROM tasks) AS tasks_overdue,
         (SELECT count(*)::int FROM assessments) AS assessments_overdue,
         (SELECT count(*)::int FROM referrals) AS referrals_overdue,
         (SELECT count(*)::int FROM survivor_case WHERE organization_id = $1 AND status <> 'closed' AND assigned_caseworker_id IS NULL) AS unassigned,
         (SELECT coalesce(json_agg(json_build_object('caseId', k.id, 'caseNumber', k.case_number, 'survivorAlias', s.alias,
                                                     'assignedCaseworkerId', k.assigned_caseworker_id, 'reasons', k.reasons)
                                   ORDER BY k.n DESC, k.case_number), '[]')
            FROM ranked k JOIN survivor s ON s.id = k.survivor_id) AS cases`;

/** A caseload's order: riskiest first, then longest without contact (the caseload index's order), on alias `a`. */
const URGENCY = (a: string) => `CASE ${a}.risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END, ${a}.last_contact_at ASC NULLS FIRST`;

/**
 * The caseworker's day and the coordinator's overview: what is due or overdue (reviews, tasks,
 * outcome assessments, referrals). Dates come from the clock so tests can move time.
 */
@Injectable()
export class CaseloadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
  ) {}

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private overdue(dueOn: string): boolean {
    const limit = new Date(`${dueOn}T00:00:00Z`);
    limit.setUTCDate(limit.getUTCDate() + ASSESSMENT_WINDOW.overdueDaysAfter);
    return this.today() > limit.toISOString().slice(0, 10);
  }

  /**
   * My open cases, riskiest and longest without contact first, with what is due on each: the 100 most
   * urgent (the caseload index's order), scoped by the same rules as every case read, and audited.
   */
  async caseload(): Promise<CaseloadEntry[]> {
    const { actor } = currentActor();
    const today = this.today();
    await this.access.beforeRead();
    const scope = this.access.scopeSql('Case', 'c');
    const rows = await this.access.query<{
      id: string;
      case_number: string;
      alias: string;
      status: CaseloadEntry['status'];
      risk_level: CaseloadEntry['riskLevel'];
      last_contact_at: Date | null;
      opened_at: Date;
      intake_status: CaseloadEntry['intakeStatus'];
      review_overdue: boolean | null;
      overdue_tasks: number | null;
      due: { stage: string; dueOn: string }[];
    }>(
      // The 100 most urgent first (the caseload index's order), then each one's assessment stages due, in
      // the same statement.
      `SELECT k.*,
              (SELECT coalesce(json_agg(json_build_object('stage', d.stage, 'dueOn', d.due_on) ORDER BY d.days), '[]')
                 FROM (${dueAssessmentsSql('c.id = k.id', 'CAST(:today AS date)', false)}) d) AS due
         FROM (SELECT c.id, c.case_number, s.alias, c.status, c.risk_level, c.last_contact_at, c.opened_at, i.status AS intake_status,
                      (p.review_date < CAST(:today AS date)) AS review_overdue,
                      (SELECT count(*)::int FROM task t WHERE t.plan_id = p.id AND t.done_at IS NULL AND t.due_date < CAST(:today AS date)) AS overdue_tasks
                 FROM survivor_case c
                 JOIN survivor s ON s.id = c.survivor_id
                 LEFT JOIN intake i ON i.case_id = c.id
                 LEFT JOIN service_plan p ON p.case_id = c.id AND p.status = 'active'
                WHERE c.assigned_caseworker_id = :me AND c.organization_id = :org AND c.status <> 'closed' AND ${scope.sql}
                ORDER BY ${URGENCY('c')}
                LIMIT 100) k
        ORDER BY ${URGENCY('k')}`,
      { ...scope.params, me: actor.id, org: actor.organizationId, today },
    );
    await this.access.recordReads('Case', rows.map((r) => r.id), ['caseNumber', 'survivorAlias', 'status', 'riskLevel', 'lastContactAt', 'openedAt']);
    return rows.map((r) => ({
      caseId: r.id,
      caseNumber: r.case_number,
      survivorAlias: r.alias,
      status: r.status,
      riskLevel: r.risk_level,
      lastContactAt: r.last_contact_at ? new Date(r.last_contact_at).toISOString() : null,
      openedAt: new Date(r.opened_at).toISOString(),
      intakeStatus: r.intake_status,
      reviewOverdue: r.review_overdue === true,
      overdueTasks: r.overdue_tasks ?? 0,
      assessmentsDue: r.due.map((d) => ({ stage: d.stage, dueOn: d.dueOn, overdue: this.overdue(d.dueOn) })),
    }));
  }

  /** Across the organization: overdue reviews, tasks, assessments and referrals, and the cases behind them. */
  async attention(): Promise<AttentionResponse> {
    const { actor } = currentActor();
    // The program-wide view names cases of every caseworker: coordinators only.
    if (actor.role !== 'coordinator') throw forbidden('The program overview is for coordinators');
    await this.access.beforeRead();
    const waitedTooLong = new Date(this.clock.now().getTime() - REFERRAL_RESPONSE_HOURS * 3_600_000);
    const [row] = (await this.dataSource.query(ATTENTION_SQL, [actor.organizationId, this.today(), waitedTooLong])) as {
      reviews_overdue: number;
      tasks_overdue: number;
      assessments_overdue: number;
      referrals_overdue: number;
      unassigned: number;
      cases: AttentionResponse['cases'];
    }[];
    await this.access.recordReads('Case', row!.cases.map((c) => c.caseId), ['caseNumber', 'survivorAlias', 'assignedCaseworkerId']);
    return {
      reviewsOverdue: row!.reviews_overdue,
      tasksOverdue: row!.tasks_overdue,
      assessmentsOverdue: row!.assessments_overdue,
      referralsOverdue: row!.referrals_overdue,
      unassignedCases: row!.unassigned,
      cases: row!.cases,
    };
  }
}
