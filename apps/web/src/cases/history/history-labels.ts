import type { CaseHistoryEntry } from '@lantern/contracts';

/**
 * The entries of a case's history told as a sentence of their own rather than "action · record": a
 * merge of two records of the survivor, and its undo (docs/duplicates.md). Their audit rows name the
 * tables the merge moved, not fields, so no field list follows. Null for every other entry.
 */
export function sentenceKey(entry: Pick<CaseHistoryEntry, 'action' | 'subjectType' | 'outcome'>): string | null {
  if (entry.subjectType !== 'SurvivorMerge' || entry.outcome !== 'success') return null;
  if (entry.action === 'create') return 'lantern.history.merged';
  if (entry.action === 'transition') return 'lantern.history.mergeUndone';
  return null;
}
