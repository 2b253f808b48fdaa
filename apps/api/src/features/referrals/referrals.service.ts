import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OPEN_REFERRAL_STATUSES,
  PARTNER_OPEN_REFERRAL_STATUSES,
  REFERRAL_RESPONSE_HOURS,
  REFERRAL_STATUSES,
  SERVICE_TYPES,
  SERVICE_TYPE_LABELS,
  type ReferralStatus,
  type ServiceType,
} from '@lantern/contracts';
import { REFERRAL_PARTNER_FIELDS } from '@lantern/permissions';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Case } from '../../case-file/case.entity.js';
import { Clock } from '../../kernel/config/clock.js';
import { DomainError, badRequest, forbidden, staleVersion } from '../../kernel/http/domain-error.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { changedFields } from '../../kernel/http/serialize.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { immediateNeedsOf } from '../intakes/index.js';
import { NotificationsService } from '../notifications/index.js';
import { PartnerDirectoryService, PartnerOrgsRepository, type PartnerOrg } from '../partner-orgs/index.js';
import { decryptSurvivorPii } from '../../case-file/survivor-fields.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import { consentCoverage } from '../consents/index.js';
import type { CreateReferralDto, ReferralTransitionDto, RerouteReferralDto, UpdateReferralDto } from './dto/referral.dto.js';
import { Referral } from './referral.entity.js';
import { refuseReferralMove, runReferralPlan, type ReferralPlanDeps, type SealedReferralColumn } from './referral-plan.runner.js';
import { partnerProblem, planDraft, planTransition, type ReferralDecision, type ReferralPlan } from './referral-workflow.js';

type Plain = Record<string, unknown>;

const HOUR = 3_600_000;
const reasonAt = (id: string) => ({ table: 'referral', column: 'reason', rowId: id });
const outcomeAt = (id: string) => ({ table: 'referral', column: 'outcome_note', rowId: id });
const PII_FIELDS = new Set(['legalName', 'preferredName', 'dateOfBirth', 'phone', 'email', 'address', 'safeContactInstructions']);
/**
 * Partner staff see survivor fields only while the referral is theirs to work: the rules of
 * @lantern/permissions already keep every other referral out of their reach (issue 11).
 */
const DISCLOSING: readonly ReferralStatus[] = PARTNER_OPEN_REFERRAL_STATUSES;
/**
 * What a partner is told of the referral its own move just took out of its reach (declined, completed):
 * the request, never the survivor nor anything of the case (its number, its caseworker).
 */
const PARTNER_RECEIPT_FIELDS: readonly string[] = REFERRAL_PARTNER_FIELDS.filter(
  (field) => !['survivor', 'caseNumber', 'caseworkerContact', 'ageHours', 'overdue'].includes(field),
);

export function referralListSpec(now: () => Date): ListSpec {
  return {
    resource: 'referrals',
    filters: {
      status: { kind: 'eq', type: 'enum', values: REFERRAL_STATUSES },
      partnerOrgId: { kind: 'eq', type: 'uuid' },
      serviceType: { kind: 'eq', type: 'enum', values: SERVICE_TYPES },
      caseId: { kind: 'eq', type: 'uuid' },
      assignedCaseworkerId: {
        kind: 'custom',
        type: 'uuid',
        fields: ['assignedCaseworkerId'],
        apply: (qb, value, param) =>
          qb.andWhere(`${qb.alias}.case_id IN (SELECT id FROM survivor_case WHERE assigned_caseworker_id = :${param})`, { [param]: value }),
      },
      open: {
        kind: 'custom',
        type: 'boolean',
        fields: ['status'],
        apply: (qb, value, param) =>
          qb.andWhere(`${qb.alias}.status ${value ? 'IN' : 'NOT IN'} (:...${param})`, { [param]: OPEN_REFERRAL_STATUSES }),
      },
      overdue: {
        kind: 'custom',
        type: 'boolean',
        fields: ['status', 'sentAt'],
        apply: (qb, value, param) =>
          qb.andWhere(
            value
              ? `(${qb.alias}.status = 'sent' AND ${qb.alias}.sent_at < :${param})`
              : `NOT (${qb.alias}.status = 'sent' AND ${qb.alias}.sent_at < :${param})`,
            { [param]: new Date(now().getTime() - REFERRAL_RESPONSE_HOURS * HOUR) },
          ),
      },
    },
    sorts: ['createdAt', 'sentAt', 'updatedAt', 'urgency', 'status'],
    defaultSort: ['createdAt', 'DESC'],
  };
}

@Injectable()
export class ReferralsService {
  readonly listSpec: ListSpec;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly directory: PartnerDirectoryService,
    private readonly partnerOrgs: PartnerOrgsRepository,
    private readonly access: RecordAccess,
  ) {
    this.listSpec = referralListSpec(() => this.clock.now());
  }

  private timing(row: Referral): { ageHours: number; overdue: boolean } {
    const now = this.clock.now().getTime();
    const since = (row.sentAt ?? row.createdAt).getTime();
    return {
      ageHours: Math.round(((now - since) / HOUR) * 10) / 10,
      overdue: row.status === 'sent' && !!row.sentAt && now - row.sentAt.getTime() > REFERRAL_RESPONSE_HOURS * HOUR,
    };
  }

  private plain(row: Referral, context: { caseNumber?: string; alias?: string; caseworkerId?: string | null }, clear: Plain = {}): Plain {
    return {
      id: row.id,
      organizationId: row.organizationId,
      caseId: row.caseId,
      caseNumber: context.caseNumber,
      survivorId: row.survivorId,
      survivorAlias: context.alias,
      partnerOrgId: row.partnerOrgId,
      serviceType: row.serviceType,
      urgency: row.urgency,
      sharedFields: row.sharedFields,
      status: row.status,
      sentAt: row.sentAt,
      respondedAt: row.respondedAt,
      startedAt: row.startedAt,
      completedAt: row.completedAt,
      cancelledAt: row.cancelledAt,
      declineReason: row.declineReason,
      suggestedPartnerOrgId: row.suggestedPartnerOrgId,
      consentId: row.consentId,
      consentOverrideReason: row.consentOverrideReason,
      reroutedFromId: row.reroutedFromId,
      reroutedToId: row.reroutedToId,
      outcome: row.outcome,
      outcomeReason: row.outcomeReason,
      ...this.timing(row),
      assignedCaseworkerId: context.caseworkerId,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
      ...clear,
    };
  }

  /** Case numbers, aliases and caseworkers for a page of referrals (staff only; serialize drops them for partners). */
  private async contexts(manager: EntityManager, rows: Referral[]): Promise<Map<string, { caseNumber: string; alias: string; caseworkerId: string | null }>> {
    if (rows.length === 0) return new Map();
    const cases = (await manager.query(
      `SELECT c.id, c.case_number, c.assigned_caseworker_id, s.alias FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id WHERE c.id = ANY($1)`,
      [[...new Set(rows.map((r) => r.caseId))]],
    )) as { id: string; case_number: string; assigned_caseworker_id: string | null; alias: string }[];
    return new Map(cases.map((c) => [c.id, { caseNumber: c.case_number, alias: c.alias, caseworkerId: c.assigned_caseworker_id }]));
  }

  /** Staff-only text, decrypted when the caller may read it. */
  private clearText(row: Referral, allowed: Set<string>): Plain {
    return {
      ...(allowed.has('reason') ? { reason: row.reason === null ? null : this.cipher.decrypt(row.reason, reasonAt(row.id)) } : {}),
      ...(allowed.has('outcomeNote') ? { outcomeNote: row.outcomeNote === null ? null : this.cipher.decrypt(row.outcomeNote, outcomeAt(row.id)) } : {}),
    };
  }

  /** The coordinator's board, a caseworker's referrals, a partner's inbox: scoped, field-filtered and audited. */
  list(query: ListQuery): Promise<Page<Plain>> {
    return this.access.list<Referral>({
      subject: 'Referral',
      spec: this.listSpec,
      query,
      present: async (rows, readable) => {
        const manager = this.dataSource.manager;
        const contexts = await this.contexts(manager, rows);
        const partner = currentActor().actor.role === 'partner';
        // One coverage look-up per survivor on the page (a partner's rows all share one partner org).
        const covered = new Map<string, Promise<boolean>>();
        const aliasCovered = (row: Referral): Promise<boolean> => {
          const key = `${row.survivorId}|${row.partnerOrgId}|${row.status}|${row.sharedFields.includes('alias')}`;
          if (!covered.has(key)) covered.set(key, this.aliasCovered(manager, row));
          return covered.get(key)!;
        };
        const out: Plain[] = [];
        for (const row of rows) {
          // Lists never carry the free-text reason.
          const allowed = new Set(readable(row));
          allowed.delete('reason');
          const context = contexts.get(row.caseId);
          const extra = this.clearText(row, allowed);
          // A partner's inbox row tells its referrals apart by the case number and, only when a live
          // consent for this partner covers it, the survivor's alias (issue 13).
          if (partner) extra.survivor = context && (await aliasCovered(row)) ? { alias: context.alias } : {};
          out.push(this.plain(row, context ?? {}, extra));
        }
        return out;
      },
    });
  }

  /**
   * One referral. Staff see the request and its reason (an audited read); partner staff see the
   * request and exactly the survivor fields consented for their organization, and that disclosure is
   * audited in the same transaction (which fields, whose, to which partner org, under which consent).
   */
  get(id: string): Promise<Plain> {
    const { actor } = currentActor();
    let disclosed: { fields: string[]; reason: string; subjectType: 'Survivor'; subjectId: string } | null = null;
    return this.access.get<Referral>({
      subject: 'Referral',
      id,
      present: async (row, readable, manager) => {
        const contexts = await this.contexts(manager, [row]);
        const extra: Plain = this.clearText(row, readable);
        if (actor.role === 'partner') {
          const view = DISCLOSING.includes(row.status) ? await this.partnerView(manager, row) : { survivor: {}, fields: [], basis: null };
          extra.survivor = view.survivor;
          extra.caseworkerContact = DISCLOSING.includes(row.status) ? await this.caseworkerContact(manager, contexts.get(row.caseId)?.caseworkerId) : null;
          if (view.fields.length > 0) {
            disclosed = {
              fields: view.fields,
              reason: `to partner org ${row.partnerOrgId} under ${view.basis}; referral ${row.id}`,
              subjectType: 'Survivor',
              subjectId: row.survivorId,
            };
          }
        }
        return this.plain(row, contexts.get(row.caseId) ?? {}, extra);
      },
      disclose: () => disclosed,
    });
  }

  /**
   * Whether a partner may see the survivor's alias on its inbox row: the referral shares it, it is open
   * to them, and a live share_with_partner consent for this partner covers it (never an override alone).
   */
  private async aliasCovered(manager: EntityManager, row: Referral): Promise<boolean> {
    if (!DISCLOSING.includes(row.status) || !row.sharedFields.includes('alias')) return false;
    const coverage = await consentCoverage(manager, row.survivorId, row.partnerOrgId, this.clock.now(), row.sentAt);
    return coverage.covered.has('alias');
  }

  /** The referring caseworker's work contact (display name, work e-mail), while that person is active; nothing else of them. */
  private async caseworkerContact(manager: EntityManager, caseworkerId: string | null | undefined): Promise<{ displayName: string; email: string } | null> {
    if (!caseworkerId) return null;
    const [user] = (await manager.query(`SELECT display_name, email FROM app_user WHERE id = $1 AND active`, [caseworkerId])) as {
      display_name: string;
      email: string;
    }[];
    return user ? { displayName: user.display_name, email: user.email } : null;
  }

  /** The survivor as one partner may see them now: the referral's fields that a live consent covers. */
  private async partnerView(manager: EntityManager, row: Referral): Promise<{ survivor: Plain; fields: string[]; basis: string | null }> {
    const coverage = await consentCoverage(manager, row.survivorId, row.partnerOrgId, this.clock.now(), row.sentAt);
    let fields: string[] = row.sharedFields.filter((f) => coverage.covered.has(f));
    let basis = coverage.consentId ? `consent ${coverage.consentId}` : null;
    // A coordinator's override stands for what it named, until the survivor refuses (revokes) afterwards.
    if (row.consentOverrideReason && !coverage.revokedSince) {
      fields = [...row.sharedFields];
      basis = basis ? `${basis} and a coordinator override` : 'a coordinator override';
    }
    if (fields.length === 0) return { survivor: {}, fields, basis };
    const survivor = await manager.findOneByOrFail(Survivor, { id: row.survivorId });
    const clear = decryptSurvivorPii(this.cipher, survivor, new Set(fields.filter((f) => PII_FIELDS.has(f))));
    const out: Plain = {};
    for (const field of fields) {
      if (PII_FIELDS.has(field)) out[field] = clear[field as keyof typeof clear] ?? null;
      else if (field === 'immediateNeeds') out[field] = await immediateNeedsOf(manager, row.caseId);
      else out[field] = (survivor as unknown as Plain)[field] ?? null;
    }
    return { survivor: out, fields, basis };
  }

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

  async create(dto: CreateReferralDto): Promise<Plain> {
    const { actor } = currentActor();
    await this.access.assertCreate('Referral', { ...dto }, Object.keys(dto), badRequest('caseId', 'is not a case you may refer'));
    const kase = await this.access.findScoped<Case>('Case', dto.caseId);
    if (!kase) throw badRequest('caseId', 'is not a case you may refer');
    const decision = planDraft(
      {
        id: randomUUID(),
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
    const plan = await this.carryOut(decision);
    return this.get(plan.referralId);
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
    const current = this.plain(row, {}, { reason: row.reason === null ? null : this.cipher.decrypt(row.reason, reasonAt(row.id)) });
    const fields = changedFields(current, changes);
    if (fields.length > 0) {
      const patch: Partial<Referral> = { ...(changes as Partial<Referral>) };
      if (changes.reason !== undefined) patch.reason = changes.reason ? this.cipher.encrypt(changes.reason, reasonAt(id)) : null;
      await this.dataSource.transaction(async (manager) => {
        await updateVersioned(manager, Referral, row.id, row.version, patch);
        await this.audit.record(manager, { action: 'update', subjectType: 'Referral', subjectId: id, fields });
      });
    }
    return this.get(id);
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
      ...(dto.to === 'sent' ? { coverage: await consentCoverage(manager, row.survivorId, row.partnerOrgId, now) } : {}),
      ...(dto.to === 'declined' && dto.suggestedPartnerOrgId ? { suggestedPartner: await this.partnerOf(row.organizationId, dto.suggestedPartnerOrgId) } : {}),
    });
    await this.carryOut(decision);
    if (actor.role === 'partner' && !PARTNER_OPEN_REFERRAL_STATUSES.includes(dto.to)) return this.partnerReceipt(id);
    return this.get(id);
  }

  /**
   * A partner's own move that ends its access (declining, completing): the answer is the referral as
   * it now stands, without the survivor or anything of the case, since the referral is no longer theirs to read.
   */
  private async partnerReceipt(id: string): Promise<Plain> {
    const row = await this.dataSource.manager.findOneByOrFail(Referral, { id });
    const full = this.plain(row, {}, { outcomeNote: row.outcomeNote === null ? null : this.cipher.decrypt(row.outcomeNote, outcomeAt(row.id)) });
    return Object.fromEntries(PARTNER_RECEIPT_FIELDS.map((field) => [field, full[field] ?? null]));
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
      ...(dto.send ? { coverage: await consentCoverage(manager, row.survivorId, dto.partnerOrgId, now) } : {}),
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
    return this.get(plan.referralId);
  }

  /** Referrals sent more than 48 hours ago with no answer: the coordinators and the caseworker hear once. */
  async notifyOverdue(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - REFERRAL_RESPONSE_HOURS * HOUR);
    const rows = await this.dataSource
      .getRepository(Referral)
      .createQueryBuilder('r')
      .where(`r.status = 'sent' AND r.sent_at < :cutoff AND r.overdue_notified_at IS NULL`, { cutoff })
      .limit(500)
      .getMany();
    for (const row of rows) {
      await this.dataSource.transaction(async (manager) => {
        const claimed = await manager
          .createQueryBuilder()
          .update(Referral)
          .set({ overdueNotifiedAt: this.clock.now() })
          .where('id = :id AND overdue_notified_at IS NULL', { id: row.id })
          .callListeners(false)
          .execute();
        if ((claimed.affected ?? 0) !== 1) return;
        const kase = await manager.findOneByOrFail(Case, { id: row.caseId });
        const partner = await this.partnerOrgs.findInOrganization(row.organizationId, row.partnerOrgId, manager);
        if (!partner) return;
        await this.notifications.notify(manager, {
          organizationId: row.organizationId,
          referralId: row.id,
          caseId: row.caseId,
          userIds: [...(await this.notifications.recipients(manager, row.organizationId, ['coordinator'])), ...(kase.assignedCaseworkerId ? [kase.assignedCaseworkerId] : [])],
          kind: 'referral_overdue',
          title: `No answer from ${partner.name} in 48 hours on the ${SERVICE_TYPE_LABELS[row.serviceType].toLowerCase()} referral for ${kase.caseNumber}`,
        });
      });
    }
    return rows.length;
  }

  /** Every move of one referral: a read of the referral's history, audited like any read of the file. */
  async timeline(id: string): Promise<Plain[]> {
    const row = await this.access.findScoped<Referral>('Referral', id);
    if (!row) throw await this.access.outOfReach('Referral', id, 'read');
    await this.access.beforeRead();
    const partnerView = currentActor().actor.role === 'partner';
    const rows = (await this.dataSource.query(
      `SELECT t.from_status, t.to_status, t.reason, t.actor_role, t.occurred_at, u.display_name
         FROM referral_transition t LEFT JOIN app_user u ON u.id = t.actor_id
        WHERE t.referral_id = $1 ORDER BY t.occurred_at, t.created_at, t.from_status IS NOT NULL`,
      [id],
    )) as { from_status: string | null; to_status: string; reason: string | null; actor_role: string; occurred_at: Date; display_name: string | null }[];
    const entries = rows
      .filter((r) => !partnerView || r.to_status !== 'draft')
      .map((r) => ({
        fromStatus: r.from_status,
        toStatus: r.to_status,
        // Partners see their own moves' reasons; the program's internal reasons (and overrides) stay inside.
        reason: partnerView && r.actor_role !== 'partner' ? null : r.reason,
        actorName: partnerView && r.actor_role !== 'partner' ? null : r.display_name,
        actorRole: r.actor_role,
        occurredAt: new Date(r.occurred_at).toISOString(),
      }));
    await this.access.recordReads('Referral', [id], ['timeline']);
    return entries;
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
