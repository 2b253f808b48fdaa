import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OPEN_REFERRAL_STATUSES, PARTNER_OPEN_REFERRAL_STATUSES, type ServiceType } from '@lantern/contracts';
import { DataSource } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Case } from '../../case-file/case.entity.js';
import { Clock } from '../../kernel/config/clock.js';
import { DomainError, badRequest, forbidden, staleVersion } from '../../kernel/http/domain-error.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { changedFields, type Plain } from '../../kernel/http/serialize.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { NotificationsService } from '../notifications/index.js';
import { PartnerDirectoryService, PartnerOrgsRepository, type PartnerOrg } from '../partner-orgs/index.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import { consentCoverage } from '../consents/index.js';
import { CustomValuesService } from '../custom-fields/index.js';
import type { CreateReferralDto, ReferralTransitionDto, RerouteReferralDto, UpdateReferralDto } from './dto/referral.dto.js';
import { Referral } from './referral.entity.js';
import { refuseReferralMove, runReferralPlan, type ReferralPlanDeps, type SealedReferralColumn } from './referral-plan.runner.js';
import { ReferralReads, reasonAt } from './referral-reads.js';
import { partnerProblem, planDraft, planTransition, type ReferralDecision, type ReferralPlan } from './referral-workflow.js';
import { caseToAddTo } from '../../case-file/case-to-add-to.js';

/**
 * Drafting and moving referrals: the partners a draft could go to, the draft, its edits, every move
 * to another status and the re-route. The workflow decides (referral-workflow.ts); this service loads
 * what it needs, lets the record-access layer check, and answers with the referral as read
 * (referral-reads.ts).
 */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly directory: PartnerDirectoryService,
    private readonly partnerOrgs: PartnerOrgsRepository,
    private readonly access: RecordAccess,
    private readonly reads: ReferralReads,
    private readonly customValues: CustomValuesService,
  ) {}

  /** The partner as one of the organization's (null when it is not). */
  private partnerOf(organizationId: string, partnerOrgId: string): Promise<PartnerOrg | null> {
    return this.partnerOrgs.findInOrganization(organizationId, partnerOrgId);
  }

  /** The partner must belong to the organization, be active, accept referrals and offer the service. */
  private async checkPartner(organizationId: string, partnerOrgId: string, serviceType: ServiceType): Promise<void> {
    const problem = partnerProblem(await this.partnerOf(organizationId, partnerOrgId), serviceType);
    if (problem) throw problem;
  }

  private get planDeps(): ReferralPlanDeps {
    return {
      audit: this.audit,
      notifications: this.notifications,
      seal: (column: SealedReferralColumn, id: string, clear: string) => this.cipher.encrypt(clear, { table: 'referral', column, rowId: id }),
    };
  }

  /** A decision of the workflow carried out: a refusal (its denial audited) or the plan, in one transaction. */
  private async carryOut(decision: ReferralDecision): Promise<ReferralPlan> {
    if (!decision.ok) return refuseReferralMove(decision, this.audit);
    const { actor } = currentActor();
    await this.dataSource.transaction((manager) => runReferralPlan(manager, decision, actor, this.planDeps));
    return decision;
  }

  async create(body: CreateReferralDto): Promise<Plain> {
    const { actor } = currentActor();
    const { custom, ...dto } = body;
    const kase = await caseToAddTo(this.access, 'Referral', dto, badRequest('caseId', 'is not a case you may refer'));
    const id = randomUUID();
    const decision = planDraft(
      {
        id,
        organizationId: actor.organizationId,
        caseId: kase.id,
        survivorId: kase.survivorId,
        partnerOrgId: dto.partnerOrgId,
        serviceType: dto.serviceType,
        ...(dto.urgency ? { urgency: dto.urgency } : {}),
        ...(dto.reason !== undefined ? { reason: dto.reason } : {}),
        ...(dto.sharedFields ? { sharedFields: dto.sharedFields } : {}),
        fields: Object.keys(dto),
      },
      actor,
      { now: this.clock.now(), case: kase, partner: await this.partnerOf(actor.organizationId, dto.partnerOrgId) },
    );
    if (decision.ok && custom) {
      // Its custom values, checked as PUT /custom-values checks them and sealed with its id, are
      // inserted with it and named in its create audit row (docs/custom-fields.md).
      const values = await this.customValues.forNewRecord('referral', id, custom);
      const [step] = decision.steps;
      if (step?.write.kind === 'insert') step.write.row.custom = values.custom;
      step?.audit[0]?.fields?.push(...values.fields);
    }
    const plan = await this.carryOut(decision);
    return this.reads.get(plan.referralId);
  }

  /** 404 when out of reach, an audited 403 when readable but not changeable (or a field may not be set). */
  private loadForChange(id: string, fields: string[]): Promise<Referral> {
    return this.access.loadForChange<Referral>({ subject: 'Referral', id, fields, refusal: 'You may not change this referral' });
  }

  async update(id: string, dto: UpdateReferralDto): Promise<Plain> {
    const { version, ...changes } = dto;
    const row = await this.loadForChange(id, Object.keys(changes));
    if (row.status !== 'draft') throw new DomainError('REFERRAL_NOT_DRAFT');
    if (row.version !== version) throw staleVersion();
    if (changes.partnerOrgId || changes.serviceType) {
      await this.checkPartner(row.organizationId, changes.partnerOrgId ?? row.partnerOrgId, changes.serviceType ?? row.serviceType);
    }
    const current = this.reads.plain(row, {}, { reason: row.reason === null ? null : this.cipher.decrypt(row.reason, reasonAt(row.id)) });
    const fields = changedFields(current, changes);
    if (fields.length > 0) {
      const patch: Partial<Referral> = { ...(changes as Partial<Referral>) };
      if (changes.reason !== undefined) patch.reason = changes.reason ? this.cipher.encrypt(changes.reason, reasonAt(id)) : null;
      await this.dataSource.transaction(async (manager) => {
        await updateVersioned(manager, Referral, row.id, row.version, patch);
        await this.audit.record(manager, { action: 'update', subjectType: 'Referral', subjectId: id, fields });
      });
    }
    return this.reads.get(id);
  }

  /**
   * Every move to another status: the record-access checks here (404, an audited 403, a stale version),
   * then the workflow decides (referral-workflow.ts) and its plan is carried out in one transaction.
   */
  async transition(id: string, dto: ReferralTransitionDto): Promise<Plain> {
    const { actor } = currentActor();
    const fields = [
      'status',
      ...(dto.outcomeNote ? ['outcomeNote'] : []),
      ...(dto.outcome ? ['outcome'] : []),
      ...(dto.outcomeReason ? ['outcomeReason'] : []),
      ...(dto.suggestedPartnerOrgId ? ['suggestedPartnerOrgId'] : []),
    ];
    const row = await this.loadForChange(id, fields);
    const manager = this.dataSource.manager;
    const now = this.clock.now();
    const decision = planTransition(row, dto, actor, {
      now,
      case: await manager.findOneByOrFail(Case, { id: row.caseId }),
      partner: await this.partnerOf(row.organizationId, row.partnerOrgId),
      ...(dto.to === 'sent'
        ? {
            coverage: await consentCoverage(manager, row.survivorId, row.partnerOrgId, now),
            missingCustom: await this.customValues.missingRequired('referral', row, 'custom', 'is required to send the referral'),
          }
        : {}),
      ...(dto.to === 'declined' && dto.suggestedPartnerOrgId ? { suggestedPartner: await this.partnerOf(row.organizationId, dto.suggestedPartnerOrgId) } : {}),
    });
    await this.carryOut(decision);
    if (actor.role === 'partner' && !PARTNER_OPEN_REFERRAL_STATUSES.includes(dto.to)) return this.reads.partnerReceipt(id);
    return this.reads.get(id);
  }

  /**
   * Re-routing, one move in one transaction: the referral is cancelled (when still open) or left
   * declined, a new referral goes to another partner (a draft, or sent at once when a coordinator
   * asks and the consent allows), and the two are linked. Answers with the new referral.
   */
  async reroute(id: string, dto: RerouteReferralDto): Promise<Plain> {
    const { actor } = currentActor();
    // Re-routing starts from a referral the person may read; the workflow decides whether they may re-route it.
    const row = await this.access.findScoped<Referral>('Referral', id);
    if (!row) throw await this.access.outOfReach('Referral', id, 'update');
    const manager = this.dataSource.manager;
    const now = this.clock.now();
    const decision = planTransition(row, { to: 'reroute', ...dto }, actor, {
      now,
      case: await manager.findOneByOrFail(Case, { id: row.caseId }),
      newPartner: await this.partnerOf(row.organizationId, dto.partnerOrgId),
      newReferralId: randomUUID(),
      sourceReason: dto.reason === undefined && row.reason !== null ? this.cipher.decrypt(row.reason, reasonAt(row.id)) : null,
      ...(dto.send
        ? {
            coverage: await consentCoverage(manager, row.survivorId, dto.partnerOrgId, now),
            // The new referral holds no custom value yet: its required fields keep it a draft.
            missingCustom: await this.customValues.missingRequired('referral', { organizationId: row.organizationId, custom: {}, createdAt: null }, 'custom', 'is required to send the referral'),
          }
        : {}),
    });
    if (decision.ok) {
      // The record-access layer has the last word on both referrals: cancelling this one, creating the new one.
      const [fresh] = decision.steps;
      if (fresh?.write.kind === 'insert') {
        const { caseId, partnerOrgId, serviceType, urgency, sharedFields } = fresh.write.row;
        const values = { caseId, partnerOrgId, serviceType, urgency, reason: fresh.seal.reason ?? null, sharedFields };
        await this.access.assertCreate('Referral', values, Object.keys(values), badRequest('caseId', 'is not a case you may refer'));
      }
      if (OPEN_REFERRAL_STATUSES.includes(row.status) && !(await this.access.can('update', 'Referral', row, 'status'))) {
        await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'Referral', subjectId: id, fields: ['status'], reason: 'reroute' });
        throw forbidden('You may not change this referral');
      }
    }
    const plan = await this.carryOut(decision);
    return this.reads.get(plan.referralId);
  }

  /**
   * Partners that could take this referral, best first: offering the service, accepting, with room,
   * speaking the survivor's languages, answering reliably.
   */
  async suggestions(caseId: string, serviceType: ServiceType): Promise<Plain[]> {
    const { actor } = currentActor();
    const kase = await this.access.findScoped<Case>('Case', caseId);
    if (!kase) throw badRequest('caseId', 'is not a case you may refer');
    const survivor = await this.dataSource.manager.findOneByOrFail(Survivor, { id: kase.survivorId });
    const partners = await this.partnerOrgs.candidatesFor(actor.organizationId, serviceType);
    const rates = await this.directory.acceptanceRates(partners.map((p) => p.id));
    return partners
      .map((p) => {
        const matchedLanguages = survivor.languages.filter((l) => p.languages.includes(l));
        const languageScore = survivor.languages.length === 0 ? 0.5 : matchedLanguages.length / survivor.languages.length;
        const rate = rates.get(p.id) ?? null;
        const score = Math.round((languageScore * 50 + (rate ?? 0.5) * 30 + Math.min(p.capacity, 10) * 2) * 10) / 10;
        return {
          partnerOrgId: p.id,
          name: p.name,
          serviceArea: p.serviceArea,
          capacity: p.capacity,
          languages: p.languages,
          matchedLanguages,
          acceptanceRate: rate,
          score,
        };
      })
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  }
}
