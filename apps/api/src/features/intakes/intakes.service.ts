import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assessedRiskLevelOf, INTAKE_STATUSES, riskLevelOf, type RiskAnswers } from '@lantern/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { RecordWrites } from '../../access/records/record-writes.js';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Case } from '../../case-file/case.entity.js';
import { Clock } from '../../kernel/config/clock.js';
import { refuseIfClosed } from '../../case-file/case-status.js';
import { DomainError, badRequest } from '../../kernel/http/domain-error.js';
import { caseRecordList } from '../../kernel/http/list-filters.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { changedFields, type Plain } from '../../kernel/http/serialize.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import type { AmendIntakeDto, CreateIntakeDto, IntakeFieldsDto, UpdateIntakeDto } from './dto/intake.dto.js';
import { CustomValuesService } from '../custom-fields/index.js';
import { IntakeFormChecks } from './intake-form-checks.js';
import { checkAgainstBirth } from './intake-birth-checks.js';
import { Intake, IntakeRevision } from './intake.entity.js';
import { caseStatusOnSubmit, refuseIncomplete, refuseIntakeStep } from './intake-rules.js';
import { recordCaseTransition } from '../../case-file/case-transition.js';
import { caseToAddTo } from '../../case-file/case-to-add-to.js';
import type { StoredCustomValues } from '../../case-file/custom-values.js';

export const INTAKE_LIST: ListSpec = caseRecordList(
  'intakes',
  { status: { kind: 'eq', type: 'enum', values: INTAKE_STATUSES } },
  { sorts: ['createdAt', 'updatedAt', 'intakeDate'], defaultSort: ['createdAt', 'DESC'] },
);

/** The intake's encrypted free texts: the narrative and the two region texts (AAD `table|column|id`). */
const SECRETS = ['narrative', 'recruitmentRegion', 'exploitationRegion'] as const;
type Secret = (typeof SECRETS)[number];
type Secrets = Partial<Record<Secret, string | null>>;
const COLUMN_OF: Record<Secret, string> = { narrative: 'narrative', recruitmentRegion: 'recruitment_region', exploitationRegion: 'exploitation_region' };
const secretAt = (field: Secret, id: string) => ({ table: 'intake', column: COLUMN_OF[field], rowId: id });
const revisionSecretAt = (field: Secret, id: string) => ({ table: 'intake_revision', column: COLUMN_OF[field], rowId: id });
const narrativeAt = (id: string) => secretAt('narrative', id);

const STRUCTURED = [
  'intakeDate',
  'identifiedBy',
  'exploitationTypes',
  'controlMethods',
  'recruitmentMethods',
  'immediateNeeds',
  'riskScreening',
  'traffickingStatus',
  'recruitmentCountry',
  'exploitationCountry',
  'forcedLabourIndustry',
  'sexualExploitationTypes',
  'relationshipToTrafficker',
  'ageWhenTrafficked',
] as const;

/** The intake as the API returns it; each secret only when given (decrypted for a reader allowed it). */
export function intakePlain(row: Intake, secrets: Secrets = {}): Plain {
  return {
    id: row.id,
    organizationId: row.organizationId,
    caseId: row.caseId,
    intakeDate: row.intakeDate,
    identifiedBy: row.identifiedBy,
    exploitationTypes: row.exploitationTypes,
    controlMethods: row.controlMethods,
    recruitmentMethods: row.recruitmentMethods,
    immediateNeeds: row.immediateNeeds,
    traffickingStatus: row.traffickingStatus,
    recruitmentCountry: row.recruitmentCountry,
    ...('recruitmentRegion' in secrets ? { recruitmentRegion: secrets.recruitmentRegion } : {}),
    exploitationCountry: row.exploitationCountry,
    ...('exploitationRegion' in secrets ? { exploitationRegion: secrets.exploitationRegion } : {}),
    forcedLabourIndustry: row.forcedLabourIndustry,
    sexualExploitationTypes: row.sexualExploitationTypes,
    relationshipToTrafficker: row.relationshipToTrafficker,
    ageWhenTrafficked: row.ageWhenTrafficked,
    riskScreening: row.riskScreening ?? {},
    riskLevel: row.riskLevel,
    ...('narrative' in secrets ? { narrative: secrets.narrative } : {}),
    status: row.status,
    submittedAt: row.submittedAt,
    amendmentCount: row.amendmentCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

@Injectable()
export class IntakesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly writes: RecordWrites,
    private readonly required: IntakeFormChecks,
    private readonly customValues: CustomValuesService,
  ) {}

  /** The encrypted texts the reader may read (all of them when `allowed` is omitted), decrypted. */
  private decryptSecrets(row: Intake, allowed?: Set<string>): Secrets {
    const out: Secrets = {};
    for (const field of SECRETS) {
      if (allowed && !allowed.has(field)) continue;
      const value = row[field];
      out[field] = value === null ? null : this.cipher.decrypt(value, secretAt(field, row.id));
    }
    return out;
  }

  /** The date and the age when trafficked, against her date of birth (intake-birth-checks.ts). */
  private checkAgainstBirth(manager: EntityManager, caseId: string, dto: IntakeFieldsDto): Promise<void> {
    return checkAgainstBirth(manager, this.cipher, this.clock.now(), caseId, dto);
  }

  private normalize(dto: IntakeFieldsDto): Plain {
    const values: Plain = { ...dto };
    if (dto.riskScreening) values.riskScreening = { ...dto.riskScreening };
    return values;
  }

  /** Lists never carry the narrative; opening the intake does (and is audited). `extra`: each row's custom values. */
  list(query: ListQuery, extra?: (rows: Intake[]) => Plain[]): Promise<Page<Plain>> {
    return this.access.list<Intake>({ extra, subject: 'Intake', spec: INTAKE_LIST, query, present: (rows) => rows.map((row) => intakePlain(row)) });
  }

  get(id: string): Promise<Plain> {
    return this.access.get<Intake>({
      subject: 'Intake',
      id,
      present: (row, readable) => intakePlain(row, this.decryptSecrets(row, readable)),
    });
  }

  async create(body: CreateIntakeDto): Promise<Plain> {
    const { custom, ...dto } = body;
    await this.required.refuseIncompleteDraft(currentActor().actor.organizationId, { ...dto });
    // Its custom values, checked as PUT /custom-values checks them and sealed with the id drawn here, before
    // the transaction (the definitions are read outside it); required ones wait for the submission.
    const id = randomUUID();
    const given = { id, ...(await this.customValues.forNewRecord('intake', id, custom)) };
    const row = await this.dataSource.transaction((manager) => this.startDraft(manager, dto, given));
    return this.get(row.id);
  }

  /**
   * Starts the draft inside the caller's transaction, every check first (the case on the caller's
   * caseload and open, the date, one intake per case), then the row and its audit row: the write behind
   * `create`, and the last step of converting a contact into a case (features/contacts). `given`: the id
   * and the custom values `create` checked, inserted with the row and named in its audit row.
   */
  async startDraft(manager: EntityManager, dto: Omit<CreateIntakeDto, 'custom'>, given?: { id: string; custom: StoredCustomValues; fields: string[] }): Promise<Intake> {
    const { actor } = currentActor();
    const values: Plain = { ...this.normalize(dto), organizationId: actor.organizationId };
    const notHers = badRequest('caseId', 'is not a case on your caseload');
    const kase = await caseToAddTo(this.access, 'Intake', { ...values, caseId: dto.caseId }, notHers, 'update', { fields: Object.keys(dto), manager });
    refuseIfClosed(kase, 'reopen it to record an intake');
    await this.checkAgainstBirth(manager, dto.caseId, dto);
    if (await manager.exists(Intake, { where: { caseId: dto.caseId } })) {
      throw new DomainError('INTAKE_EXISTS', undefined, { caseId: ['already has an intake'] });
    }
    const id = given?.id ?? randomUUID();
    const saved = await manager.save(
      manager.create(Intake, {
        id,
        organizationId: actor.organizationId,
        caseId: dto.caseId,
        intakeDate: dto.intakeDate ?? null,
        identifiedBy: dto.identifiedBy ?? null,
        exploitationTypes: dto.exploitationTypes ?? [],
        controlMethods: dto.controlMethods ?? [],
        recruitmentMethods: dto.recruitmentMethods ?? [],
        immediateNeeds: dto.immediateNeeds ?? [],
        traffickingStatus: dto.traffickingStatus ?? null,
        recruitmentCountry: dto.recruitmentCountry ?? null,
        recruitmentRegion: dto.recruitmentRegion ? this.cipher.encrypt(dto.recruitmentRegion, secretAt('recruitmentRegion', id)) : null,
        exploitationCountry: dto.exploitationCountry ?? null,
        exploitationRegion: dto.exploitationRegion ? this.cipher.encrypt(dto.exploitationRegion, secretAt('exploitationRegion', id)) : null,
        forcedLabourIndustry: dto.forcedLabourIndustry ?? null,
        sexualExploitationTypes: dto.sexualExploitationTypes ?? [],
        relationshipToTrafficker: dto.relationshipToTrafficker ?? null,
        ageWhenTrafficked: dto.ageWhenTrafficked ?? null,
        riskScreening: (values.riskScreening as RiskAnswers | undefined) ?? {},
        // Null ("not assessed") until the answers settle a level: never "low" before any answer.
        riskLevel: assessedRiskLevelOf(values.riskScreening as RiskAnswers | undefined),
        narrative: dto.narrative ? this.cipher.encrypt(dto.narrative, narrativeAt(id)) : null,
        status: 'draft',
        createdBy: actor.id,
        custom: given?.custom ?? {},
      }),
    );
    await this.audit.record(manager, { action: 'create', subjectType: 'Intake', subjectId: id, fields: [...Object.keys(dto), ...(given?.fields ?? [])] });
    return saved;
  }

  private loadForChange(id: string, fields: string[], version: number): Promise<Intake> {
    return this.access.loadForChange<Intake>({ subject: 'Intake', id, fields, version, refusal: 'You may not change this intake' });
  }

  /** The column values for a change: narrative and regions encrypted, risk level recomputed from the screening. */
  private patchOf(row: Intake, dto: IntakeFieldsDto): { patch: Partial<Intake>; fields: string[] } {
    const values = this.normalize(dto);
    const current = intakePlain(row, this.decryptSecrets(row));
    const fields = changedFields({ ...current, riskScreening: JSON.stringify(current.riskScreening) }, {
      ...values,
      ...(values.riskScreening ? { riskScreening: JSON.stringify(values.riskScreening) } : {}),
    });
    const patch: Partial<Intake> = {};
    for (const key of fields) {
      if ((SECRETS as readonly string[]).includes(key)) {
        const field = key as Secret;
        const text = dto[field];
        patch[field] = text ? this.cipher.encrypt(text, secretAt(field, row.id)) : null;
      } else (patch as Plain)[key] = values[key];
    }
    if (patch.riskScreening) patch.riskLevel = assessedRiskLevelOf(patch.riskScreening);
    return { patch, fields };
  }

  /** Drafts change freely, with their custom values in the same write (docs/custom-fields.md); a submitted intake only through an amendment. */
  async update(id: string, dto: UpdateIntakeDto): Promise<Plain> {
    const { version, custom, ...changes } = dto;
    const row = await this.loadForChange(id, Object.keys(changes), version);
    const refused = refuseIntakeStep('edit', row.status);
    if (refused) throw refused;
    await this.checkAgainstBirth(this.dataSource.manager, row.caseId, changes);
    const { patch, fields } = this.patchOf(row, changes);
    await this.required.refuseIncompleteDraft(row.organizationId, { ...row, ...patch });
    const customChange = custom ? await this.customValues.changeOf('intake', row, custom, 'custom') : null;
    if (customChange) patch.custom = customChange.custom;
    fields.push(...(customChange?.fields ?? []));
    if (fields.length > 0) {
      await this.writes.update<Intake>('Intake', row.id, row.version, patch, { fields });
    }
    return this.get(id);
  }

  /**
   * Submitting checks every required step, then carries the risk level and exploitation types to the
   * case and moves a case still in `intake` to `active` (caseStatusOnSubmit), with its status-change
   * row and audit, all in one transaction.
   */
  async submit(id: string, version: number): Promise<Plain> {
    const { actor } = currentActor();
    const row = await this.loadForChange(id, [], version);
    const refused = refuseIntakeStep('submit', row.status) ?? refuseIncomplete('submit', row, await this.required.atSubmit(row));
    if (refused) throw refused;
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await updateVersioned(manager, Intake, row.id, row.version, { status: 'submitted', submittedAt: now, submittedBy: actor.id, riskLevel: riskLevelOf(row.riskScreening ?? {}) });
      const kase = await manager.findOneOrFail(Case, { where: { id: row.caseId }, lock: { mode: 'pessimistic_write' } });
      const nextStatus = caseStatusOnSubmit(kase.status);
      await manager
        .createQueryBuilder()
        .update(Case)
        .set({
          riskLevel: riskLevelOf(row.riskScreening ?? {}),
          exploitationTypes: row.exploitationTypes,
          // The update moves the case's version (TypeORM's version column): an edit that read it before gets 409.
          ...(nextStatus ? { status: nextStatus } : {}),
        })
        .where('id = :id', { id: row.caseId })
        .execute();
      await this.audit.record(manager, { action: 'transition', subjectType: 'Intake', subjectId: id, fields: ['status'], reason: 'draft → submitted' });
      await this.audit.record(manager, { action: 'update', subjectType: 'Case', subjectId: row.caseId, fields: ['exploitationTypes', 'riskLevel'], reason: 'from the submitted intake' });
      if (nextStatus) {
        await recordCaseTransition(manager, this.audit, {
          kase,
          to: nextStatus,
          reason: 'intake submitted',
          fields: ['status'],
          audited: `${kase.status} → ${nextStatus}: intake submitted`,
          by: actor.id,
          at: now,
        });
      }
    });
    return this.get(id);
  }

  /**
   * An amendment keeps what was there as a revision (the original is revision 0), with the reason. Its
   * `custom` values go through the values route's checks (`CustomValuesService.changeOf`: write roles,
   * types, options, retired fields, PII sealed, a required value not emptied), in the same write.
   */
  async amend(id: string, dto: AmendIntakeDto): Promise<Plain> {
    const { actor } = currentActor();
    const { version, reason, custom, ...changes } = dto;
    const row = await this.loadForChange(id, Object.keys(changes), version);
    const notSubmitted = refuseIntakeStep('amend', row.status);
    if (notSubmitted) throw notSubmitted;
    await this.checkAgainstBirth(this.dataSource.manager, row.caseId, changes);
    const { patch, fields } = this.patchOf(row, changes);
    const amended = { ...row, ...patch } as Intake;
    const incomplete = refuseIncomplete('amend', amended, await this.required.ofIntake(amended));
    if (incomplete) throw incomplete;
    const customChange = custom ? await this.customValues.changeOf('intake', row, custom, 'custom') : null;
    if (customChange) patch.custom = customChange.custom;
    fields.push(...(customChange?.fields ?? []));
    if (fields.length === 0) throw badRequest('reason', 'names no change: send the fields to amend');
    await this.dataSource.transaction(async (manager) => {
      const revisionId = randomUUID();
      const secrets = this.decryptSecrets(row);
      const sealFor = (field: Secret) => {
        const text = secrets[field];
        return text === null || text === undefined ? null : this.cipher.encrypt(text, revisionSecretAt(field, revisionId));
      };
      const snapshot = { ...Object.fromEntries(STRUCTURED.map((key) => [key, row[key]])), riskLevel: row.riskLevel, submittedAt: row.submittedAt?.toISOString() ?? null };
      await manager.save(
        manager.create(IntakeRevision, {
          id: revisionId,
          organizationId: row.organizationId,
          intakeId: row.id,
          revision: row.amendmentCount,
          snapshot,
          narrative: sealFor('narrative'),
          recruitmentRegion: sealFor('recruitmentRegion'),
          exploitationRegion: sealFor('exploitationRegion'),
          // The custom values as they were, PII sealed anew for the revision's row.
          custom: this.customValues.copyStored('intake', row, 'intake_revision', revisionId),
          reason,
          createdBy: actor.id,
        }),
      );
      await updateVersioned(manager, Intake, row.id, row.version, { ...patch, amendmentCount: row.amendmentCount + 1 });
      // Names the fields and `custom.<key>` changed, never a value.
      await this.audit.record(manager, { action: 'update', subjectType: 'Intake', subjectId: id, fields, reason: `amendment: ${reason}` });
    });
    return this.get(id);
  }

  /** Earlier states of a submitted intake, oldest first; narratives and regions only for those who may read them. */
  async revisions(id: string): Promise<Plain[]> {
    // Each revision's custom values as the reader may see them (her role's fields only), as on the intake.
    const customOf = await this.customValues.readerOf('intake', 'intake_revision');
    const body = await this.access.get<Intake>({
      subject: 'Intake',
      id,
      auditFields: () => ['revisions'],
      present: (row, readable) => intakePlain(row, Object.fromEntries(SECRETS.filter((f) => readable.has(f)).map((f) => [f, null]))),
      // The narrative of earlier states only for those who may read the intake's narrative.
      after: async (intake) => {
        const revisions = await this.dataSource.manager.find(IntakeRevision, { where: { intakeId: id }, order: { revision: 'ASC' } });
        const readable = SECRETS.filter((field) => Object.hasOwn(intake, field));
        const open = (r: IntakeRevision, field: Secret) => {
          const value = r[field];
          return value === null ? null : this.cipher.decrypt(value, revisionSecretAt(field, r.id));
        };
        return {
          revisions: revisions.map((r) => ({
            id: r.id,
            revision: r.revision,
            snapshot: r.snapshot,
            ...Object.fromEntries(readable.map((field) => [field, open(r, field)])),
            custom: customOf(r),
            reason: r.reason,
            createdAt: r.createdAt.toISOString(),
            createdBy: r.createdBy,
          })),
        };
      },
    });
    return body.revisions as Plain[];
  }
}
