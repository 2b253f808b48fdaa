import { In, type EntityManager } from 'typeorm';
import { Case } from './case.entity.js';
import type { Plain } from '../kernel/http/serialize.js';

/**
 * The case numbers of the cases some records belong to, by case id: one query whatever their number.
 * A case's child records (appointments, services given, immigration relief) name their case by number.
 */
export async function caseNumbersOf(manager: EntityManager, rows: readonly { caseId: string }[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const cases = await manager.find(Case, { select: { id: true, caseNumber: true }, where: { id: In([...new Set(rows.map((r) => r.caseId))]) } });
  return new Map(cases.map((c) => [c.id, c.caseNumber]));
}

type PresentWithNumber<E> = (row: E, readable: Set<string>, caseNumber: string | undefined) => Plain;

/**
 * The `present` of a list (RecordAccess.list) of records that name their case by number: one query
 * for the page's case numbers, then `plain` for each row with what this person may read of it.
 */
export function listedWithCaseNumbers<E extends { caseId: string }>(manager: EntityManager, plain: PresentWithNumber<E>) {
  return async (rows: E[], readable: (row: E) => Set<string>): Promise<Plain[]> => {
    const numbers = await caseNumbersOf(manager, rows);
    return rows.map((row) => plain(row, readable(row), numbers.get(row.caseId)));
  };
}

/** The `present` of one record opened (RecordAccess.get) that names its case by number. */
export function openedWithCaseNumber<E extends { caseId: string }>(plain: PresentWithNumber<E>) {
  return async (row: E, readable: Set<string>, manager: EntityManager): Promise<Plain> => plain(row, readable, (await caseNumbersOf(manager, [row])).get(row.caseId));
}
