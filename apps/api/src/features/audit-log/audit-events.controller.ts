import type { AuditEventResponse } from '@lantern/contracts';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '@lantern/contracts';
import type { FastifyReply as Response } from 'fastify';
import { DataSource } from 'typeorm';
import { Policy } from '../../access/authz/access.decorators.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { scopeQuery } from '../../access/authz/rules-to-sql.js';
import { applyListQuery, contentRange, parseListQuery, type ListQuery, type ListSpec, type Page } from '../../kernel/http/list-query.js';
import { notFound } from '../../kernel/http/domain-error.js';
import { serialize } from '../../kernel/http/serialize.js';
import { UuidPipe } from '../../kernel/http/uuid.pipe.js';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { recordLabels } from '../../access/records/record-labels.js';
import { answer, Returns, ReturnsFile } from '../../kernel/http/openapi.js';
import { RecordExports } from '../../access/records/record-exports.js';

export const AUDIT_LIST: ListSpec = {
  resource: 'audit-events',
  filters: {
    subjectType: { kind: 'eq', type: 'string' },
    subjectId: { kind: 'eq', type: 'uuid' },
    actorId: { kind: 'eq', type: 'uuid' },
    action: { kind: 'eq', type: 'enum', values: AUDIT_ACTIONS },
    outcome: { kind: 'eq', type: 'enum', values: AUDIT_OUTCOMES },
    occurredAt_gte: { kind: 'range', bound: 'gte', type: 'date', property: 'occurredAt' },
    occurredAt_lte: { kind: 'range', bound: 'lte', type: 'date', property: 'occurredAt' },
  },
  sorts: ['occurredAt', 'seq'],
  defaultSort: ['seq', 'DESC'],
};

@ApiTags('audit')
@Controller('audit-events')
export class AuditEventsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly exports: RecordExports,
  ) {}

  @Get()
  @Policy('read', 'AuditEvent')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: subjectType, subjectId, actorId, action, outcome, occurredAt_gte, occurredAt_lte' })
  @ApiQuery({ name: 'range', required: false, example: '[0,49]' })
  @ApiQuery({ name: 'sort', required: false, example: '["occurredAt","DESC"]' })
  @Returns('AuditEventResponse', { list: true })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<AuditEventResponse[]> {
    const page = await this.page(parseListQuery(query, AUDIT_LIST));
    res.header('Content-Range', contentRange(AUDIT_LIST.resource, page));
    return answer<AuditEventResponse[]>(page.rows as unknown as AuditEventResponse[]);
  }

  @Get('export')
  @Policy('read', 'AuditEvent')
  @ApiOperation({ summary: 'The audit log, with its filters and sort, as CSV (at most 10,000 rows; the export is itself audited)' })
  @ApiQuery({ name: 'filter', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @ReturnsFile('text/csv', 'A CSV file: the columns are the fields the person may read')
  export(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.exports.csv(res, 'AuditEvent', AUDIT_LIST.resource, parseListQuery(query, AUDIT_LIST), (all) => this.page(all));
  }

  /** A page of the organization's events, scoped by the rules, with their subjects' names. */
  private async page(list: ListQuery): Promise<Page<Record<string, unknown>>> {
    const { ability } = currentActor();
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('a');
    scopeQuery(qb, ability, 'read', 'AuditEvent');
    applyListQuery(qb, list);
    const [rows, total] = await qb.getManyAndCount();
    const labels = await this.labels(rows);
    return { rows: rows.map((row) => this.toResponse(row, labels)), total, skip: list.skip };
  }

  @Get(':id')
  @Policy('read', 'AuditEvent')
  @Returns('AuditEventResponse')
  async get(@Param('id', UuidPipe) id: string): Promise<AuditEventResponse> {
    const { ability } = currentActor();
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('a').where('a.id = :id', { id });
    scopeQuery(qb, ability, 'read', 'AuditEvent');
    const row = await qb.getOne();
    if (!row) throw notFound('Audit event');
    return answer<AuditEventResponse>(this.toResponse(row, await this.labels([row])));
  }

  /** The events' subjects by name (record-labels.ts): display names, partner names, case numbers. */
  private labels(rows: AuditEvent[]): Promise<Map<string, string>> {
    const subjects = rows.flatMap((row) => (row.subjectType && row.subjectId ? [{ type: row.subjectType, id: row.subjectId }] : []));
    return recordLabels(this.dataSource, currentActor().actor.organizationId, subjects);
  }

  private toResponse(row: AuditEvent, labels: Map<string, string>): Record<string, unknown> {
    const { ability } = currentActor();
    return serialize(ability, 'AuditEvent', row, {
      id: row.id,
      occurredAt: row.occurredAt,
      actorId: row.actorId,
      actorRole: row.actorRole,
      action: row.action,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      subjectLabel: row.subjectType && row.subjectId ? (labels.get(`${row.subjectType}:${row.subjectId}`) ?? null) : null,
      subjectIds: row.subjectIds,
      fields: row.fields,
      outcome: row.outcome,
      requestId: row.requestId,
      ip: row.ip,
      reason: row.reason,
    });
  }
}
