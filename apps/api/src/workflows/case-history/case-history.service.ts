import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseHistoryEntry } from '@lantern/contracts';
import { DataSource } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import type { Case } from '../../case-file/case.entity.js';

/**
 * A case's history (issue 10): it reads the records of every feature that writes into a case's file
 * (intakes, notes, referrals, consents, plans, goals, tasks, outcome assessments, appointments,
 * services, immigration relief, contacts) to find their audit rows, so it lives in workflows/, where
 * SQL may name any table (docs/architecture.md).
 */
@Injectable()
export class CaseHistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: RecordAccess,
  ) {}

  /**
   * Who viewed and who changed what on this case and its survivor's file, oldest first: field names
   * and actors, never values.
   */
  async of(id: string): Promise<CaseHistoryEntry[]> {
    const row = await this.access.findScoped<Case>('Case', id);
    if (!row) throw await this.access.outOfReach('Case', id, 'read');
    // Every record of the file, then the audit rows naming one of them: one by one (an index lookup
    // per record) or in a list read (the GIN index on subject_ids).
    const rows = (await this.dataSource.query(
      `WITH file(subject_type, id) AS (
              SELECT 'Case'::varchar, $2::uuid
    UNION ALL SELECT 'Survivor', $3::uuid
    UNION ALL SELECT 'Intake', id FROM intake WHERE case_id = $2
    UNION ALL SELECT 'CaseNote', id FROM case_note WHERE case_id = $2
    UNION ALL SELECT 'Referral', id FROM referral WHERE case_id = $2
    UNION ALL SELECT 'Consent', id FROM consent WHERE survivor_id = $3
    UNION ALL SELECT 'ServicePlan', id FROM service_plan WHERE case_id = $2
    UNION ALL SELECT 'Goal', id FROM goal WHERE case_id = $2
    UNION ALL SELECT 'Task', id FROM task WHERE case_id = $2
    UNION ALL SELECT 'OutcomeAssessment', id FROM outcome_assessment WHERE case_id = $2
    UNION ALL SELECT 'Appointment', id FROM appointment WHERE case_id = $2
    UNION ALL SELECT 'ServiceDelivery', id FROM service_delivery WHERE case_id = $2
    UNION ALL SELECT 'ImmigrationRelief', id FROM immigration_relief WHERE case_id = $2
    UNION ALL SELECT 'Contact', id FROM contact WHERE case_id = $2 OR survivor_id = $3),
       events AS (
            SELECT a.* FROM file JOIN audit_event a ON a.subject_type = file.subject_type AND a.subject_id = file.id
             WHERE a.organization_id = $1
      UNION SELECT a.* FROM audit_event a
             WHERE a.organization_id = $1 AND a.subject_ids && (SELECT array_agg(id) FROM file))
      SELECT a.id, a.occurred_at, a.actor_id, a.actor_role, a.action, a.outcome, a.subject_type, a.subject_id, a.fields, a.reason,
             u.display_name AS actor_name
        FROM events a
        LEFT JOIN app_user u ON u.id = a.actor_id
       ORDER BY a.seq DESC
       LIMIT 2000`,
      [row.organizationId, id, row.survivorId],
    )) as {
      id: string;
      occurred_at: Date;
      actor_id: string | null;
      actor_role: string | null;
      action: string;
      outcome: CaseHistoryEntry['outcome'];
      subject_type: string | null;
      subject_id: string | null;
      fields: string[];
      reason: string | null;
      actor_name: string | null;
    }[];
    // The newest 2,000, shown oldest first.
    return rows.reverse().map((r) => ({
      id: r.id,
      occurredAt: new Date(r.occurred_at).toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      action: r.action,
      outcome: r.outcome,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      fields: r.fields,
      reason: r.reason,
    }));
  }
}
