/**
 * Merging two records of one person (issue 17; docs/duplicates.md, "Merge"). A coordinator merges a
 * duplicate survivor record into the one that stays: her cases, consents, documents, contacts and the
 * other records that hang off her id move, the merged-away record is kept (marked merged into the one
 * that stays) so both ids resolve, and the merge can be undone for 30 days. Times are ISO 8601, UTC.
 */

/** Days, by the application's clock, during which a merge can be undone. */
export const MERGE_UNDO_DAYS = 30;

/** What moves in a merge, by kind of record: the counts the confirmation names. */
export const MERGE_COUNT_KEYS = ['cases', 'consents', 'documents', 'contacts', 'referrals', 'services', 'immigrationRelief', 'outcomeAssessments', 'funderData'] as const;
export type MergeCountKey = (typeof MERGE_COUNT_KEYS)[number];
export type MergeCounts = Record<MergeCountKey, number>;

/** `POST /survivors/:id/merges`: `:id` is the record that stays. */
export interface MergeSurvivorBody {
  /** The duplicate record, merged away into `:id`. */
  mergedSurvivorId: string;
  /** Why staff are sure it is the same person (10 to 500 characters); never her story. */
  reason: string;
}

/** `POST /survivor-merges/:id/undo`. */
export interface UndoMergeBody {
  reason: string;
  /** The version of the merge you read. */
  version: number;
}

/** `GET /survivors/:id/merge-preview?other=`: what a merge of `other` into `:id` would move. */
export interface MergePreviewResponse {
  survivorId: string;
  survivorAlias: string;
  mergedSurvivorId: string;
  mergedAlias: string;
  counts: MergeCounts;
}

export interface SurvivorMergeResponse {
  id: string;
  /** The record that stays. */
  survivorId: string;
  /** The record merged away (kept, marked merged into `survivorId`). */
  mergedSurvivorId: string;
  mergedAlias: string;
  reason: string;
  mergedBy: string;
  mergedByName: string | null;
  mergedAt: string;
  /** What moved. */
  counts: MergeCounts;
  /** Until when it can be undone (MERGE_UNDO_DAYS after the merge). */
  undoableUntil: string;
  /** Not undone and still within the period (other reasons may still refuse it: docs/duplicates.md). */
  undoable: boolean;
  undoneAt: string | null;
  undoneBy: string | null;
  undoReason: string | null;
  version: number;
}
