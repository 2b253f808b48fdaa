import { REFERRAL_STATUSES } from '@lantern/contracts';
import { describe, expect, it } from 'vitest';
import { boardColumns, COLUMN_PAGE, columnQuery, FINISHED_COLUMNS, OPEN_COLUMNS, sharedFilter } from './board';

describe('the referral board (issue 13: columns by status, newest first, with filters)', () => {
  it('has a column per open status, and the finished ones on request: every status exactly once', () => {
    expect(boardColumns(false)).toEqual(['draft', 'sent', 'accepted', 'in_progress']);
    const all = boardColumns(true);
    expect([...all].sort()).toEqual([...REFERRAL_STATUSES].sort());
    expect(new Set(all).size).toBe(all.length);
    expect(all.slice(0, OPEN_COLUMNS.length)).toEqual(OPEN_COLUMNS);
    expect(all.slice(OPEN_COLUMNS.length)).toEqual(FINISHED_COLUMNS);
  });

  it('asks for each column newest first, with the shared filters and its own status', () => {
    const filters = { partnerOrgId: 'p1', serviceType: 'housing', assignedCaseworkerId: 'u1', overdue: true };
    expect(columnQuery('sent', filters, COLUMN_PAGE)).toEqual({
      filter: { partnerOrgId: 'p1', serviceType: 'housing', assignedCaseworkerId: 'u1', overdue: true, status: 'sent' },
      sort: { field: 'createdAt', order: 'DESC' },
      pagination: { page: 1, perPage: COLUMN_PAGE },
    });
    expect(columnQuery('draft', {}, 30).pagination).toEqual({ page: 1, perPage: 30 });
  });

  it('lets no filter override a column’s status, and "only overdue" turned off filters nothing', () => {
    expect(sharedFilter({ status: 'completed', open: true, overdue: false, partnerOrgId: '', serviceType: 'legal' })).toEqual({ serviceType: 'legal' });
    expect(columnQuery('accepted', { status: 'draft' }, 10).filter).toEqual({ status: 'accepted' });
  });
});
