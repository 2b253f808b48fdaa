import { randomUUID } from 'node:crypto';
import { CustomValuesService } from '../custom-fields/index.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ASSESSMENT_STAGES, HMIS_LIVING_SITUATIONS, housingCategoryOf, type IncomeChange } from '@lantern/contracts';
import { DataSource } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { RecordWrites } from '../../access/records/record-writes.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Case } from '../../case-file/case.entity.js';
import { Clock } from '../../kernel/config/clock.js';
import { closedCaseError } from '../../case-file/case-status.js';
import { DomainError, badRequest } from '../../kernel/http/domain-error.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { changedFields, type Plain } from '../../kernel/http/serialize.js';
import type { CreateOutcomeDto, OutcomeFieldsDto, UpdateOutcomeDto } from './dto/outcome.dto.js';
import { OutcomeAssessment } from './outcome-assessment.entity.js';
import { caseToAddTo } from '../../case-file/case-to-add-to.js';

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
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly writes: RecordWrites,
    private readonly customValues: CustomValuesService,
  ) {}

  /** `extra`: what each row carries beyond the assessment's fields (its custom values, features/custom-fields). */
  list(query: ListQuery, extra?: (rows: OutcomeAssessment[]) => Plain[]): Promise<Page<Plain>> {
    return this.access.list<OutcomeAssessment>({ extra, subject: 'OutcomeAssessment', spec: OUTCOME_LIST, query, present: (rows) => rows.map((r) => outcomePlain(r)) });
  }

  /** Opening an assessment: audited before the answer (RecordAccess.get). */
  get(id: string): Promise<Plain> {
    return this.access.get<OutcomeAssessment>({ subject: 'OutcomeAssessment', id, present: (row) => outcomePlain(row) });
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

  async create(body: CreateOutcomeDto): Promise<Plain> {
    const { actor } = currentActor();
    const { custom: customValues, ...dto } = body;
    const kase = await caseToAddTo(this.access, 'OutcomeAssessment', dto, badRequest('caseId', 'is not a case on your caseload'));
    if (kase.status === 'closed' && !FOLLOW_UP_STAGES.includes(dto.stage)) {
      throw closedCaseError('only follow-up assessments may be added', 'caseId', { stage: ['is not a follow-up stage'] });
    }
    this.checkHmis(dto.housingSituation);
    this.checkDate(dto.assessedOn);
    if (dto.assessedOn < kase.openedAt.toISOString().slice(0, 10) && dto.stage !== 'intake') throw badRequest('assessedOn', 'is before the case was opened');
    if (await this.dataSource.manager.exists(OutcomeAssessment, { where: { caseId: dto.caseId, stage: dto.stage } })) {
      throw new DomainError('ASSESSMENT_STAGE_RECORDED', `The ${dto.stage} assessment was already recorded; correct it instead`, { stage: ['was already recorded'] });
    }
    const incomeChange = await this.incomeChange(dto.caseId, dto.stage, dto.monthlyIncome, dto.incomeChange);
    const id = randomUUID();
    // Its custom values, checked as PUT /custom-values checks them, and the assessment form's required ones.
    const custom = await this.customValues.forNewRecord('outcomeAssessment', id, customValues);
    const values = {
      id,
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
      custom: custom.custom,
    };
    const row = await this.writes.insert<OutcomeAssessment>('OutcomeAssessment', values, [...Object.keys(dto), ...custom.fields]);
    // The rules look at the assessment's case: checked with it loaded.
    return this.writes.answer('OutcomeAssessment', row, () => outcomePlain(row));
  }

  async update(id: string, dto: UpdateOutcomeDto): Promise<Plain> {
    const { version, ...patch } = dto;
    // 404 out of reach, 403 (audited) when readable but not changeable, 409 when stale.
    const row = await this.access.loadForChange<OutcomeAssessment>({ subject: 'OutcomeAssessment', id, version, refusal: 'You may not change this assessment' });
    const kase = await this.dataSource.manager.findOneByOrFail(Case, { id: row.caseId });
    if (kase.status === 'closed' && !FOLLOW_UP_STAGES.includes(row.stage)) throw closedCaseError('its assessments are read-only', 'id');
    this.checkHmis(patch.housingSituation);
    if (patch.assessedOn) this.checkDate(patch.assessedOn);
    const values: Plain = { ...(patch as OutcomeFieldsDto) };
    if (patch.monthlyIncome !== undefined && patch.incomeChange === undefined) {
      values.incomeChange = await this.incomeChange(row.caseId, row.stage, patch.monthlyIncome, undefined);
    }
    const fields = changedFields(row as unknown as Plain, values);
    if (fields.length > 0) {
      await this.writes.update<OutcomeAssessment>('OutcomeAssessment', id, version, values, { fields });
    }
    return this.get(id);
  }
}
