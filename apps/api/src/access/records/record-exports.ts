import { Injectable } from '@nestjs/common';
import type { SubjectType } from '@lantern/permissions';
import type { FastifyReply } from 'fastify';
import { Clock } from '../../kernel/config/clock.js';
import { sendCsv } from '../../kernel/http/csv.js';
import type { ListQuery, Page } from '../../kernel/http/list-query.js';
import { RecordAccess } from './record-access.js';

type Plain = Record<string, unknown>;

/**
 * `GET /<resource>/export`: a list as a CSV file, for the lists people work from (cases, referrals,
 * partner organizations, users, the audit log). The controller hands over the list as its page route
 * runs it; `RecordAccess.export` runs it whole, with the same scope and field filtering, the step-up for
 * survivor data, the 10,000-row cap and the export's audit row.
 */
@Injectable()
export class RecordExports {
  constructor(
    private readonly access: RecordAccess,
    private readonly clock: Clock,
  ) {}

  async csv(reply: FastifyReply, subject: SubjectType, resource: string, query: ListQuery, run: (query: ListQuery) => Promise<Page<Plain>>): Promise<string> {
    const rows = await this.access.export(subject, query, run);
    return sendCsv(reply, resource, rows, this.clock.now());
  }
}
