import type { ReferralStatus } from '@lantern/contracts';

/**
 * The referral board's columns and what each one asks the API (issue 13: columns by status, newest
 * first, with filters). Pure, so the grouping is tested on its own (board.test.ts).
 */

/** Open referrals, in the order a referral moves through them. */
export const OPEN_COLUMNS: readonly ReferralStatus[] = ['draft', 'sent', 'accepted', 'in_progress'];
/** Finished ones, shown on request. */
export const FINISHED_COLUMNS: readonly ReferralStatus[] = ['declined', 'completed', 'cancelled'];

/** Cards a column shows at first, and how many more each "Show more" adds. */
export const COLUMN_PAGE = 10;

export function boardColumns(showFinished: boolean): readonly ReferralStatus[] {
  return showFinished ? [...OPEN_COLUMNS, ...FINISHED_COLUMNS] : OPEN_COLUMNS;
}

/** Filters the columns share: the status is each column's own, and "only overdue" off means no filter. */
export function sharedFilter(filterValues: Record<string, unknown>): Record<string, unknown> {
  const shared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filterValues)) {
    if (key === 'status' || key === 'open') continue;
    if (key === 'overdue' && value !== true) continue;
    if (value === undefined || value === null || value === '') continue;
    shared[key] = value;
  }
  return shared;
}

/** One column's request: its status with the shared filters, newest first, the first `shown` cards. */
export function columnQuery(status: ReferralStatus, filterValues: Record<string, unknown>, shown: number) {
  return {
    filter: { ...sharedFilter(filterValues), status },
    sort: { field: 'createdAt', order: 'DESC' as const },
    pagination: { page: 1, perPage: shown },
  };
}

/** Whether a status can be overdue at all (waiting for the partner's answer): other columns are empty under "only overdue". */
export const canBeOverdue = (status: ReferralStatus): boolean => status === 'sent';
