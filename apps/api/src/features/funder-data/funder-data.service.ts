import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FUNDER_DATA_FIELDS, LAW_ENFORCEMENT_REPORTED, type FunderDataValues } from '@lantern/contracts';
import { DataSource } from 'typeorm';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { RecordWrites } from '../../access/records/record-writes.js';
import { CaseRecordReads, caseRecordPlain } from '../../case-file/case-record-reads.js';
import { Case } from '../../case-file/case.entity.js';
import { refuseIfClosed } from '../../case-file/case-status.js';
import { Clock } from '../../kernel/config/clock.js';
import { DomainError, badRequest } from '../../kernel/http/domain-error.js';
import { caseRecordList } from '../../kernel/http/list-filters.js';
import type { ListSpec } from '../../kernel/http/list-query.js';
import type { CreateFunderDataDto, UpdateFunderDataDto } from './dto/funder-data.dto.js';
import { NOTHING_COLLECTED, funderDataProblems } from './funder-data-rules.js';
import { FunderData } from './funder-data.entity.js';
import { caseToAddTo } from '../../case-file/case-to-add-to.js';
import type { Plain } from '../../kernel/http/serialize.js';

export const FUNDER_DATA_LIST: ListSpec = caseRecordList('funder-data', {
  lawEnforcementReported: { kind: 'eq', type: 'enum', values: LAW_ENFORCEMENT_REPORTED },
});

const HOUR = 3_600_000;

/** Lists and maps that a client may send as null mean "none". */
function normalized(values: Partial<FunderDataValues>): Partial<FunderDataValues> {
  const out: Plain = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  for (const field of ['raceEthnicity', 'benefits', 'insuranceTypes'] as const) if (field in out && out[field] === null) out[field] = [];
  if ('incomeSources' in out && out.incomeSources === null) out.incomeSources = {};
  return out as Partial<FunderDataValues>;
}

/**
 * A case's funder data (HMIS) (issue 16), imitating immigration relief: read through the record-access
 * layer (scoped in SQL, field-filtered, audited), written through RecordWrites, one record per case,
 * checked as a whole (funder-data-rules.ts) before anything is written.
 */
@Injectable()
export class FunderDataService extends CaseRecordReads<FunderData> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly writes: RecordWrites,
  ) {
    super(access, dataSource.manager, 'FunderData', FUNDER_DATA_LIST);
  }

  protected plain(row: FunderData, _readable: Set<string>, caseNumber: string | undefined): Plain {
    return caseRecordPlain(row, caseNumber, { survivorId: row.survivorId, ...Object.fromEntries(FUNDER_DATA_FIELDS.map((field) => [field, row[field]])) });
  }

  /** The case's record, created once (409 FUNDER_DATA_EXISTS after that: change it instead). */
  async create(dto: CreateFunderDataDto): Promise<Plain> {
    const { actor } = currentActor();
    const kase = await caseToAddTo(this.access, 'FunderData', dto, badRequest('caseId', 'is not a case you may record funder data on'));
    const { caseId, ...given } = dto;
    const state = this.checked({ ...NOTHING_COLLECTED, ...normalized(given) });
    refuseIfClosed(kase, 'reopen it to record its funder data');
    if (await this.dataSource.manager.exists(FunderData, { where: { caseId } })) {
      throw new DomainError('FUNDER_DATA_EXISTS', undefined, { caseId: ['already has its funder data record'] });
    }
    const row = await this.writes.insert<FunderData>(
      'FunderData',
      { id: randomUUID(), organizationId: actor.organizationId, caseId, survivorId: kase.survivorId, ...state, createdBy: actor.id },
      Object.keys(dto),
    );
    return this.writes.answer('FunderData', row, (readable) => this.plain(row, readable, kase.caseNumber));
  }

  /** A change: the record as it would stand is checked as a whole before anything is written. */
  async update(id: string, dto: UpdateFunderDataDto): Promise<Plain> {
    const { version, ...given } = dto;
    const changes = normalized(given);
    const fields = Object.keys(changes);
    const row = await this.access.loadForChange<FunderData>({ subject: 'FunderData', id, fields, version });
    const kase = await this.dataSource.manager.findOneOrFail(Case, { select: { id: true, status: true }, where: { id: row.caseId } });
    refuseIfClosed(kase, 'reopen it to change its funder data');
    const current = Object.fromEntries(FUNDER_DATA_FIELDS.map((field) => [field, row[field]])) as unknown as FunderDataValues;
    const state = this.checked({ ...current, ...changes });
    await this.writes.update<FunderData>('FunderData', id, version, state, { fields });
    return this.get(id);
  }

  /** The record as it would stand, or 400 naming every field that does not hold. */
  private checked(state: FunderDataValues): FunderDataValues {
    const latest = new Date(this.clock.now().getTime() + 14 * HOUR).toISOString().slice(0, 10);
    const problems = funderDataProblems(state, latest);
    if (Object.keys(problems).length > 0) throw new DomainError('VALIDATION_FAILED', undefined, problems);
    return state;
  }
}
