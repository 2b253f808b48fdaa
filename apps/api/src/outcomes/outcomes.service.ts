import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ASSESSMENT_STAGES, HMIS_LIVING_SITUATIONS, housingCategoryOf, type IncomeChange } from '@lantern/contracts';
import { asSubject } from '@lantern/permissions';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { currentActor } from '../authz/current-actor.js';
import { Case } from '../cases/case.entity.js';
import { Clock } from '../config/clock.js';
import { DomainError, badRequest, staleVersion } from '../common/domain-error.js';
import { applyListQuery, type ListQuery, type ListSpec, type Page } from '../common/list-query.js';
import { findScoped, outOfReach, scopedQuery, updateVersioned } from '../common/records.js';
import { assertWritable, changedFields, serialize } from '../common/serialize.js';
import type { CreateOutcomeDto, OutcomeFieldsDto, UpdateOutcomeDto } from './dto/outcome.dto.js';
import { OutcomeAssessment } from './outcome-assessment.entity.js';

type Plain = Record<string, unknown>;

export const OUTCOME_LIST: ListSpec = {
  resource: 'outcomes',
  filters: { caseId: { kind: 'eq', type: 'uuid' }, stage: { kind: 'eq', type: 'enum', values: ASSESSMENT_STAGES } },
  sorts: ['assessedOn', 'createdAt'],
  defaultSort: ['assessedOn', 'ASC'],
};

/** Follow-up stages may still be recorded after a case is closed (the survivor is reached again later). */
const FOLLOW_UP_STAGES = ['90_days', '180_days', '365_days'];
const STAGE_ORDER = new Map(ASSESSMENT_STAGES.map((s, i) => [s, i]));

export function outcomePlain(row: OutcomeAssessment): Plain {
  return { ...row, housingCategory: row.housingSituation === null ? null : housingCategoryOf(row.housingSituation) };
}

@Injectable()
export class OutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: ListQuery): Promise<Page<Plain>> {
    const { ability } = currentActor();
    const qb = scopedQuery(this.dataSource.manager, OutcomeAssessment, ability, 'read', 'OutcomeAssessment');
    applyListQuery(qb, query);
    const [rows, total] = await qb.getManyAndCount();
    return { rows: rows.map((r) => serialize(ability, 'OutcomeAssessment', r, outcomePlain(r))), total, skip: query.skip };
  }

  async get(id: string): Promise<Plain> {
    const { ability } = currentActor();
    const row = await findScoped(this.dataSource.manager, OutcomeAssessment, ability, 'read', 'OutcomeAssessment', id);
    if (!row) throw await outOfReach(this.dataSource.manager, this.audit, OutcomeAssessment, 'OutcomeAssessment', id, 'read', 'Assessment');
    return serialize(ability, 'OutcomeAssessment', row, outcomePlain(row));
  }

  private checkDate(assessedOn: string): void {
    if (assessedOn > this.clock.now().toISOString().slice(0, 10)) throw badRequest('assessedOn', 'is in the future');
    if (assessedOn < '2000-01-01') throw badRequest('assessedOn', 'is too far in the past');
  }

  private checkHmis(code: number | null | undefined): void {
    if (code !== undefined && code !== null && !(code in HMIS_LIVING_SITUATIONS)) {
      throw badRequest('housingSituation', 'is not a HUD HMIS FY2024 living situation code');
    }
  }

  /** Income change against the latest earlier stage with a known income, when not given. */
  private async incomeChange(caseId: string, stage: string, monthlyIncome: number | null | undefined, given: IncomeChange | null | undefined): Promise<IncomeChange | null> {
    if (given !== undefined) return given;
    if (monthlyIncome === undefined || monthlyIncome === null) return null;
    const earlier = (await this.dataSource.manager.find(OutcomeAssessment, { where: { caseId } }))
      .filter((o) => o.monthlyIncome !== null && (STAGE_ORDER.get(o.stage) ?? 0) < (STAGE_ORDER.get(stage as never) ?? 0))
      .sort((a, b) => (STAGE_ORDER.get(b.stage) ?? 0) - (STAGE_ORDER.get(a.stage) ?? 0))[0];
    if (!earlier) return null;
    return monthlyIncome > earlier.monthlyIncome! ? 'increased' : monthlyIncome < earlier.monthlyIncome! ? 'decreased' : 'same';
  }

  async create(dto: CreateOutcomeDto): Promise<Plain> {
    const { actor, ability } = currentActor();
    const values: Plain = { ...dto, organizationId: actor.organizationId };
    if (!ability.can('create', asSubject('OutcomeAssessment', values))) throw badRequest('caseId', 'is not a case on your caseload');
    assertWritable(ability, 'create', 'OutcomeAssessment', values, Object.keys(dto));
    const kase = await findScoped(this.dataSource.manager, Case, ability, 'read', 'Case', dto.caseId);
    if (!kase) throw badRequest('caseId', 'is not a case on your caseload');
    if (kase.status === 'closed' && !FOLLOW_UP_STAGES.includes(dto.stage)) {
      throw new DomainError('CASE_CLOSED', 409, 'This case is closed: only follow-up assessments may be added', { stage: ['is not a follow-up stage'] });
    }
    this.checkHmis(dto.housingSituation);
    this.checkDate(dto.assessedOn);
    if (dto.assessedOn < kase.openedAt.toISOString().slice(0, 10) && dto.stage !== 'intake') throw badRequest('assessedOn', 'is before the case was opened');
    if (await this.dataSource.manager.exists(OutcomeAssessment, { where: { caseId: dto.caseId, stage: dto.stage } })) {
      throw new DomainError('ASSESSMENT_STAGE_RECORDED', 409, `The ${dto.stage} assessment was already recorded; correct it instead`, { stage: ['was already recorded'] });
    }
    const incomeChange = await this.incomeChange(dto.caseId, dto.stage, dto.monthlyIncome, dto.incomeChange);
    const row = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(OutcomeAssessment, {
          organizationId: actor.organizationId,
          caseId: kase.id,
          survivorId: kase.survivorId,
          stage: dto.stage,
          assessedOn: dto.assessedOn,
          housingSituation: dto.housingSituation ?? null,
          employment: dto.employment ?? null,
          education: dto.education ?? null,
          monthlyIncome: dto.monthlyIncome ?? null,
          incomeChange,
          safetyRating: dto.safetyRating ?? null,
          returnedToTrafficker: dto.returnedToTrafficker ?? null,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(manager, { action: 'create', subjectType: 'OutcomeAssessment', subjectId: saved.id, fields: Object.keys(dto) });
      return saved;
    });
    return serialize(ability, 'OutcomeAssessment', row, outcomePlain(row));
  }

  async update(id: string, dto: UpdateOutcomeDto): Promise<Plain> {
    const { ability } = currentActor();
    const { version, ...patch } = dto;
    const row = await findScoped(this.dataSource.manager, OutcomeAssessment, ability, 'read', 'OutcomeAssessment', id);
    if (!row) throw await outOfReach(this.dataSource.manager, this.audit, OutcomeAssessment, 'OutcomeAssessment', id, 'update', 'Assessment');
    if (!ability.can('update', asSubject('OutcomeAssessment', row))) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'OutcomeAssessment', subjectId: id, reason: 'update' });
      throw new DomainError('FORBIDDEN', 403, 'You may not change this assessment');
    }
    if (row.version !== version) throw staleVersion();
    const kase = await this.dataSource.manager.findOneByOrFail(Case, { id: row.caseId });
    if (kase.status === 'closed' && !FOLLOW_UP_STAGES.includes(row.stage)) throw new DomainError('CASE_CLOSED', 409, 'This case is closed: its assessments are read-only');
    this.checkHmis(patch.housingSituation);
    if (patch.assessedOn) this.checkDate(patch.assessedOn);
    const values: Plain = { ...(patch as OutcomeFieldsDto) };
    if (patch.monthlyIncome !== undefined && patch.incomeChange === undefined) {
      values.incomeChange = await this.incomeChange(row.caseId, row.stage, patch.monthlyIncome, undefined);
    }
    const fields = changedFields(row as unknown as Plain, values);
    if (fields.length > 0) {
      await this.dataSource.transaction(async (manager) => {
        await updateVersioned(manager, OutcomeAssessment, id, version, values);
        await this.audit.record(manager, { action: 'update', subjectType: 'OutcomeAssessment', subjectId: id, fields });
      });
    }
    return this.get(id);
  }
}
