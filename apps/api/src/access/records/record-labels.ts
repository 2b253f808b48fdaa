import type { SubjectType } from '@lantern/permissions';
import type { DataSource } from 'typeorm';
import { entityOf, SURVIVOR_FILE_SUBJECTS } from './subject-entities.js';

/** Subjects named by a column of their own (not part of a survivor's file). */
const NAMED_BY: Partial<Record<SubjectType, string>> = { User: 'display_name', PartnerOrg: 'name' };

/**
 * How the audit log and histories name records (issue 13: "record names, never raw ids"), for one
 * organization: people by display name, partner organizations by name, and every record of a survivor's
 * file by the number of its case (a case by its own number, a survivor by the number of their first
 * case). Never a survivor's name or alias: the reader of an audit log (an admin) may not read the file,
 * and a case number tells them which file without opening it. Ids without a label (another
 * organization's, or a record with no case) are simply absent from the answer.
 */
export async function recordLabels(dataSource: DataSource, organizationId: string, subjects: { type: string; id: string }[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const byType = new Map<string, Set<string>>();
  for (const { type, id } of subjects) byType.set(type, (byType.get(type) ?? new Set()).add(id));
  for (const [type, idSet] of byType) {
    const subject = type as SubjectType;
    const ids = [...idSet];
    let rows: { id: string; label: string }[] = [];
    if (NAMED_BY[subject]) {
      const table = dataSource.getMetadata(entityOf(subject)).tableName;
      rows = await dataSource.query(`SELECT id, ${NAMED_BY[subject]} AS label FROM ${table} WHERE id = ANY($1) AND organization_id = $2`, [ids, organizationId]);
    } else if (subject === 'Case') {
      rows = await dataSource.query(`SELECT id, case_number AS label FROM survivor_case WHERE id = ANY($1) AND organization_id = $2`, [ids, organizationId]);
    } else if (subject === 'Survivor') {
      rows = await dataSource.query(
        `SELECT survivor_id AS id, min(case_number) AS label FROM survivor_case WHERE survivor_id = ANY($1) AND organization_id = $2 GROUP BY survivor_id`,
        [ids, organizationId],
      );
    } else if (SURVIVOR_FILE_SUBJECTS.has(subject)) {
      const metadata = dataSource.getMetadata(entityOf(subject));
      if (!metadata.findColumnWithPropertyName('caseId')) continue;
      rows = await dataSource.query(
        `SELECT r.id, c.case_number AS label FROM ${metadata.tableName} r JOIN survivor_case c ON c.id = r.case_id WHERE r.id = ANY($1) AND c.organization_id = $2`,
        [ids, organizationId],
      );
    }
    for (const row of rows) labels.set(`${type}:${row.id}`, row.label);
  }
  return labels;
}
