import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ASSESSMENT_DUE_DAYS, ASSESSMENT_WINDOW, REFERRAL_RESPONSE_HOURS, type AttentionResponse, type CaseloadEntry } from '@lantern/contracts';
import { DataSource } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { forbidden } from '../../kernel/http/domain-error.js';
import { casesMostInNeed } from './attention-cases.js';


const STAGES_SQL = `(VALUES ${Object.entries(ASSESSMENT_DUE_DAYS)
  .map(([stage, days]) => `('${stage}', ${days})`)
  .join(', ')}) AS st(stage, days)`;

interface DueRow {
  case_id: string;
  stage: string;
  due_on: string;
}

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

  /**
   * Assessment stages due (or overdue) for open cases matching `where` (a condition on alias c). A stage
   * is due from `remindDaysBefore` before `opened_at::date + days` until `missedDaysAfter` after it, so
   * each stage is one range of `opened_at` (the bounds are dates made timestamps in the session's time
   * zone, as `opened_at::date` is a date in it: the same cases). The ranges use the case indexes on
   * (organization, …, opened_at) instead of working out every open case × every stage: the program
   * overview at 10,000 cases on the embedded database, 45 → 26 ms of CPU (docs/benchmarks.md, "Vacuuming
   * the embedded database").
   */
  private async dueAssessments(where: string, params: unknown[], onlyOverdue = false): Promise<DueRow[]> {
    const today = `$${params.length + 1}::date`;
    // The program overview wants the overdue ones only (due more than overdueDaysAfter ago): filtered
    // here, not in Node (a tenth of the rows at 100k cases).
    const lastDue = onlyOverdue ? `${today} - ${ASSESSMENT_WINDOW.overdueDaysAfter + 1}` : `${today} + ${ASSESSMENT_WINDOW.remindDaysBefore}`;
    return (await this.dataSource.query(
      `SELECT c.id AS case_id, st.stage, to_char(c.opened_at::date + st.days, 'YYYY-MM-DD') AS due_on
         FROM ${STAGES_SQL}
         JOIN survivor_case c
           ON c.opened_at >= (${today} - ${ASSESSMENT_WINDOW.missedDaysAfter} - st.days)::timestamptz
          AND c.opened_at < (${lastDue} - st.days + 1)::timestamptz
        WHERE ${where} AND c.status <> 'closed'
          AND NOT EXISTS (SELECT 1 FROM outcome_assessment o WHERE o.case_id = c.id AND o.stage = st.stage)`,
      [...params, this.today()],
    )) as DueRow[];
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
    }>(
      `SELECT c.id, c.case_number, s.alias, c.status, c.risk_level, c.last_contact_at, c.opened_at, i.status AS intake_status,
              (p.review_date < CAST(:today AS date)) AS review_overdue,
              (SELECT count(*)::int FROM task t WHERE t.plan_id = p.id AND t.done_at IS NULL AND t.due_date < CAST(:today AS date)) AS overdue_tasks
         FROM survivor_case c
         JOIN survivor s ON s.id = c.survivor_id
         LEFT JOIN intake i ON i.case_id = c.id
         LEFT JOIN service_plan p ON p.case_id = c.id AND p.status = 'active'
        WHERE c.assigned_caseworker_id = :me AND c.organization_id = :org AND c.status <> 'closed' AND ${scope.sql}
        ORDER BY CASE c.risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END,
                 c.last_contact_at ASC NULLS FIRST
        LIMIT 100`,
      { ...scope.params, me: actor.id, org: actor.organizationId, today },
    );
    const due = rows.length
      ? await this.dueAssessments('c.assigned_caseworker_id = $1 AND c.organization_id = $2 AND c.id = ANY($3)', [actor.id, actor.organizationId, rows.map((r) => r.id)])
      : [];
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
      assessmentsDue: due
        .filter((d) => d.case_id === r.id)
        .map((d) => ({ stage: d.stage, dueOn: d.due_on, overdue: this.overdue(d.due_on) })),
    }));
  }

  /** Across the organization: overdue reviews, tasks, assessments and referrals, and the cases behind them. */
  async attention(): Promise<AttentionResponse> {
    const { actor } = currentActor();
    // The program-wide view names cases of every caseworker: coordinators only.
    if (actor.role !== 'coordinator') throw forbidden('The program overview is for coordinators');
    const org = actor.organizationId;
    const today = this.today();
    const reviews = (await this.dataSource.query(
      `SELECT p.case_id FROM service_plan p JOIN survivor_case c ON c.id = p.case_id
        WHERE p.organization_id = $1 AND p.status = 'active' AND c.status <> 'closed' AND p.review_date < $2::date`,
      [org, today],
    )) as { case_id: string }[];
    const tasks = (await this.dataSource.query(
      `SELECT t.case_id, count(*)::int AS n FROM task t JOIN service_plan p ON p.id = t.plan_id
        WHERE t.organization_id = $1 AND p.status = 'active' AND t.done_at IS NULL AND t.due_date < $2::date GROUP BY t.case_id`,
      [org, today],
    )) as { case_id: string; n: number }[];
    const assessments = await this.dueAssessments('c.organization_id = $1', [org], true);
    const referrals = (await this.dataSource.query(
      `SELECT case_id FROM referral WHERE organization_id = $1 AND status = 'sent' AND sent_at < $2`,
      [org, new Date(this.clock.now().getTime() - REFERRAL_RESPONSE_HOURS * 3_600_000)],
    )) as { case_id: string }[];
    const unassigned = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM survivor_case WHERE organization_id = $1 AND status <> 'closed' AND assigned_caseworker_id IS NULL`,
      [org],
    )) as { n: number }[];

    const reasons = new Map<string, Set<string>>();
    const add = (caseId: string, reason: string) => reasons.set(caseId, (reasons.get(caseId) ?? new Set()).add(reason));
    reviews.forEach((r) => add(r.case_id, 'plan review overdue'));
    tasks.forEach((r) => add(r.case_id, `${r.n} task(s) overdue`));
    assessments.forEach((r) => add(r.case_id, `${r.stage.replace('_', ' ')} assessment overdue`));
    referrals.forEach((r) => add(r.case_id, 'referral without answer for 48 h'));
    const ids = casesMostInNeed(reasons, 50);
    await this.access.beforeRead();
    const cases = ids.length
      ? ((await this.dataSource.query(
          `SELECT c.id, c.case_number, c.assigned_caseworker_id, s.alias FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id WHERE c.id = ANY($1)`,
          [ids],
        )) as { id: string; case_number: string; assigned_caseworker_id: string | null; alias: string }[])
      : [];
    await this.access.recordReads('Case', cases.map((c) => c.id), ['caseNumber', 'survivorAlias', 'assignedCaseworkerId']);
    return {
      reviewsOverdue: reviews.length,
      tasksOverdue: tasks.reduce((sum, r) => sum + r.n, 0),
      assessmentsOverdue: assessments.length,
      referralsOverdue: referrals.length,
      unassignedCases: unassigned[0]?.n ?? 0,
      cases: cases
        .map((c) => ({ caseId: c.id, caseNumber: c.case_number, survivorAlias: c.alias, assignedCaseworkerId: c.assigned_caseworker_id, reasons: [...(reasons.get(c.id) ?? [])] }))
        .sort((a, b) => b.reasons.length - a.reasons.length || a.caseNumber.localeCompare(b.caseNumber)),
    };
  }
}
