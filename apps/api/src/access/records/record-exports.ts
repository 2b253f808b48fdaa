import { Injectable } from '@nestjs/common';
import type { SubjectType } from '@lantern/permissions';
import type { FastifyReply } from 'fastify';
import { Clock } from '../../kernel/config/clock.js';
import { sendCsv, type CsvColumn } from '../../kernel/http/csv.js';
import { DomainError } from '../../kernel/http/domain-error.js';
import type { ListQuery, Page } from '../../kernel/http/list-query.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { currentActor } from '../authz/current-actor.js';
import { asExport } from './record-access.js';
import { SURVIVOR_FILE_SUBJECTS } from './subject-entities.js';
import type { Plain } from '../../kernel/http/serialize.js';

/** The most rows one export may hold (issue 16): a larger one asks for narrower filters. */
export const EXPORT_ROW_LIMIT = 10_000;

/**
 * `GET /<resource>/export`: a list as a CSV file, for the lists people work from (cases, referrals,
 * partner organizations, users, the audit log). The controller hands over the list as its page route
 * runs it (through `RecordAccess.list`, or a feature's own scoped list), so the file holds exactly the
 * rows and fields a page of it would, with its filters and sort. Survivor-file records need a fresh
 * step-up. At most EXPORT_ROW_LIMIT rows: a larger export is refused (422 naming the filter) rather than
 * cut short. One audit row, `export`, names every record and field in the file; exports stand outside
 * the read budget, as the metrics job does.
 */
@Injectable()
export class RecordExports {
  constructor(
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  /**
   * `labelled`: columns the file carries whatever the rows hold, with their own header: the custom
   * fields the person may read (features/custom-fields, `CustomListFields.exportColumns`), given the rows.
   */
  async csv(reply: FastifyReply, subject: SubjectType, resource: string, query: ListQuery, run: (query: ListQuery) => Promise<Page<Plain>>, labelled?: (rows: Plain[]) => CsvColumn[]): Promise<string> {
    const rows = await this.rows(subject, query, run);
    return sendCsv(reply, resource, rows, this.clock.now(), labelled?.(rows) ?? []);
  }

  async rows(subject: SubjectType, query: ListQuery, run: (query: ListQuery) => Promise<Page<Plain>>): Promise<Plain[]> {
    const { actor } = currentActor();
    // The same step-up as every other sensitive action (the funder reports, the metrics, admin changes).
    if (SURVIVOR_FILE_SUBJECTS.has(subject)) this.auth.requireStepUp(actor);
    const page = await asExport(() => run({ ...query, skip: 0, take: EXPORT_ROW_LIMIT + 1 }));
    if (page.rows.length > EXPORT_ROW_LIMIT) {
      throw new DomainError('EXPORT_TOO_LARGE', undefined, { filter: [`matches more than ${EXPORT_ROW_LIMIT.toLocaleString('en')} records: narrow it`] });
    }
    const ids = page.rows.map((row) => row.id).filter((id): id is string => typeof id === 'string');
    // Custom values are named one by one, `custom.<key>`, as the list's audit row names them.
    const named = (row: Plain) => Object.entries(row).flatMap(([key, value]) => (key === 'custom' && value && typeof value === 'object' ? Object.keys(value).map((k) => `custom.${k}`) : [key]));
    const fields = [...new Set(page.rows.flatMap(named))];
    await this.audit.recordAlone({ action: 'export', subjectType: subject, subjectIds: ids, fields, reason: `csv ${ids.length} rows` });
    return page.rows;
  }
}
