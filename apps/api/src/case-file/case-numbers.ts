import { In, type EntityManager } from 'typeorm';
import { Case } from './case.entity.js';

/**
 * The case numbers of the cases some records belong to, by case id: one query whatever their number.
 * A case's child records (appointments, services given, immigration relief) name their case by number.
 */
export async function caseNumbersOf(manager: EntityManager, rows: readonly { caseId: string }[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const cases = await manager.find(Case, { select: { id: true, caseNumber: true }, where: { id: In([...new Set(rows.map((r) => r.caseId))]) } });
  return new Map(cases.map((c) => [c.id, c.caseNumber]));
}
