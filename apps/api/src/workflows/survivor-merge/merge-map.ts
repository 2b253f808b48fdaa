import type { MergeCountKey } from '@lantern/contracts';

/**
 * What a merge moves (issue 17; docs/duplicates.md, "Merge"): every table of the survivor data map
 * (features/erasure/survivor-data-map.ts) with a `survivor_id` column either moves to the record that
 * stays or stays with its own record, and says why; survivor-merge.int-spec.ts checks the database's
 * catalogue against these two lists, so a new table cannot be forgotten. Tables tied to her only through
 * a case (notes, intake, plans, appointments...) follow their case and need no move of their own.
 */
export const MERGE_MOVES: readonly { table: string; key: MergeCountKey }[] = [
  { table: 'survivor_case', key: 'cases' },
  { table: 'consent', key: 'consents' },
  { table: 'document', key: 'documents' },
  { table: 'contact', key: 'contacts' },
  { table: 'referral', key: 'referrals' },
  { table: 'service_delivery', key: 'services' },
  { table: 'immigration_relief', key: 'immigrationRelief' },
  { table: 'outcome_assessment', key: 'outcomeAssessments' },
  { table: 'funder_data', key: 'funderData' },
];

/** Tables with a `survivor_id` that stay with their own record, and why. */
export const MERGE_STAYS: Readonly<Record<string, string>> = {
  survivor_name_token: "the merged-away record's name tokens are removed (she is found by the record that stays), and rebuilt by an undo",
  survivor_match_token: "the merged-away record's duplicate-check tokens are removed, and rebuilt by an undo",
  break_glass_grant: 'who opened which record and why: an access record, like the audit trail',
  erasure_request: 'a merge is refused while one is pending; a decided one is the record of its decision',
  survivor_merge: 'the merges themselves',
  import_record: 'which spreadsheet row a record was imported from (workflows/imports): a sheet imported again still finds the row, wherever the record went',
};
