import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OPEN_REFERRAL_STATUSES,
  REFERRAL_MOVES_BY_ROLE,
  REFERRAL_RESPONSE_HOURS,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  SERVICE_TYPES,
  SERVICE_TYPE_LABELS,
  type ReferralStatus,
  type ServiceType,
} from '@lantern/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordAccess } from '../access/record-access.js';
import { AuditService } from '../audit/audit.service.js';
import { currentActor } from '../authz/current-actor.js';
import { Case } from '../cases/case.entity.js';
import { Clock } from '../config/clock.js';
import { DomainError, badRequest, staleVersion } from '../common/domain-error.js';
import type { ListQuery, ListSpec, Page } from '../common/list-query.js';
import { updateVersioned } from '../common/records.js';
import { changedFields } from '../common/serialize.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { Intake } from '../intakes/intake.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PartnerDirectoryService } from '../partner-orgs/partner-directory.service.js';
import { PartnerOrg } from '../partner-orgs/partner-org.entity.js';
import { decryptSurvivorPii } from '../survivors/survivor-fields.js';
import { Survivor } from '../survivors/survivor.entity.js';
import { consentCoverage } from './consent-gate.js';
import type { CreateReferralDto, ReferralTransitionDto, UpdateReferralDto } from './dto/referral.dto.js';
import { Referral, ReferralTransition } from './referral.entity.js';

type Plain = Record<string, unknown>;

const HOUR = 3_600_000;
const reasonAt = (id: string) => ({ table: 'referral', column: 'reason', rowId: id });
const outcomeAt = (id: string) => ({ table: 'referral', column: 'outcome_note', rowId: id });
const PII_FIELDS = new Set(['legalName', 'preferredName', 'dateOfBirth', 'phone', 'email', 'address', 'safeContactInstructions']);
/** Partner staff see survivor fields only while the referral is theirs to work (or done). */
const DISCLOSING: readonly ReferralStatus[] = ['sent', 'accepted', 'in_progress', 'completed'];

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
        const contexts = await this.contexts(this.dataSource.manager, rows);
        return rows.map((row) => {
          // Lists never carry the free-text reason.
          const allowed = new Set(readable(row));
          allowed.delete('reason');
          return this.plain(row, contexts.get(row.caseId) ?? {}, this.clearText(row, allowed));
        });
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
      else if (field === 'immediateNeeds') out[field] = (await manager.findOne(Intake, { where: { caseId: row.caseId } }))?.immediateNeeds ?? [];
      else out[field] = (survivor as unknown as Plain)[field] ?? null;
    }
    return { survivor: out, fields, basis };
  }

  /** The partner must belong to the organization, be active, accept referrals and offer the service. */
  private async checkPartner(manager: EntityManager, organizationId: string, partnerOrgId: string, serviceType: ServiceType): Promise<PartnerOrg> {
    const partner = await manager.findOne(PartnerOrg, { where: { id: partnerOrgId, organizationId } });
    if (!partner) throw badRequest('partnerOrgId', 'is not a partner organization of yours');
    if (!partner.active) throw badRequest('partnerOrgId', 'is inactive');
    if (!partner.acceptingReferrals) throw badRequest('partnerOrgId', 'is not accepting referrals');
    if (!partner.serviceTypes.includes(serviceType)) throw badRequest('serviceType', `is not offered by ${partner.name}`);
    return partner;
  }

  async create(dto: CreateReferralDto): Promise<Plain> {
    const { actor } = currentActor();
    await this.access.assertCreate('Referral', { ...dto }, Object.keys(dto), badRequest('caseId', 'is not a case you may refer'));
    const kase = await this.access.findScoped<Case>('Case', dto.caseId);
    if (!kase) throw badRequest('caseId', 'is not a case you may refer');
    if (kase.status === 'closed') throw badRequest('caseId', 'is closed');
    await this.checkPartner(this.dataSource.manager, actor.organizationId, dto.partnerOrgId, dto.serviceType);
    const id = randomUUID();
    const row = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(Referral, {
          id,
          organizationId: actor.organizationId,
          caseId: kase.id,
          survivorId: kase.survivorId,
          partnerOrgId: dto.partnerOrgId,
          serviceType: dto.serviceType,
          urgency: dto.urgency ?? 'routine',
          reason: dto.reason ? this.cipher.encrypt(dto.reason, reasonAt(id)) : null,
          sharedFields: dto.sharedFields ?? [],
          status: 'draft',
          createdBy: actor.id,
        }),
      );
      await manager.insert(ReferralTransition, {
        organizationId: actor.organizationId,
        referralId: id,
        fromStatus: null,
        toStatus: 'draft',
        reason: actor.role === 'caseworker' ? 'requested by the caseworker' : null,
        actorId: actor.id,
        actorRole: actor.role,
        occurredAt: this.clock.now(),
        createdBy: actor.id,
      });
      await this.audit.record(manager, { action: 'create', subjectType: 'Referral', subjectId: id, fields: Object.keys(dto) });
      return saved;
    });
    return this.get(row.id);
  }

  /** 404 when out of reach, an audited 403 when readable but not changeable (or a field may not be set). */
  private loadForChange(id: string, fields: string[]): Promise<Referral> {
    return this.access.loadForChange<Referral>({ subject: 'Referral', id, fields, refusal: 'You may not change this referral' });
  }

  async update(id: string, dto: UpdateReferralDto): Promise<Plain> {
    const { version, ...changes } = dto;
    const row = await this.loadForChange(id, Object.keys(changes));
    if (row.status !== 'draft') throw new DomainError('REFERRAL_NOT_DRAFT', 409, 'Only drafts are edited; cancel and create a new referral instead');
    if (row.version !== version) throw staleVersion();
    if (changes.partnerOrgId || changes.serviceType) {
      await this.checkPartner(this.dataSource.manager, row.organizationId, changes.partnerOrgId ?? row.partnerOrgId, changes.serviceType ?? row.serviceType);
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

  /** Every move goes through here: the state machine, who may make it, and the consent gate on sending. */
  async transition(id: string, dto: ReferralTransitionDto): Promise<Plain> {
    const { actor } = currentActor();
    const fields = ['status', ...(dto.outcomeNote ? ['outcomeNote'] : []), ...(dto.suggestedPartnerOrgId ? ['suggestedPartnerOrgId'] : [])];
    const row = await this.loadForChange(id, fields);
    if (dto.version !== undefined && row.version !== dto.version) throw staleVersion();
    const allowed = REFERRAL_TRANSITIONS[row.status];
    if (!allowed.includes(dto.to)) {
      throw new DomainError(
        'REFERRAL_INVALID_TRANSITION',
        409,
        allowed.length ? `A referral cannot go from ${row.status} to ${dto.to}; allowed: ${allowed.join(', ')}` : `A ${row.status} referral is final`,
        { to: [allowed.length ? `must be one of ${allowed.join(', ')}` : 'no further moves'] },
      );
    }
    if (!((REFERRAL_MOVES_BY_ROLE as Partial<Record<string, Partial<Record<ReferralStatus, readonly ReferralStatus[]>>>>)[actor.role]?.[row.status] ?? []).includes(dto.to)) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'Referral', subjectId: id, fields: ['status'], reason: `${row.status} → ${dto.to}` });
      throw new DomainError('FORBIDDEN', 403, `Your role may not move a referral from ${row.status} to ${dto.to}`);
    }
    if ((dto.to === 'declined' || dto.to === 'cancelled') && !dto.reason) throw badRequest('reason', `is required to ${dto.to === 'declined' ? 'decline' : 'cancel'}`);
    if (dto.outcomeNote && dto.to !== 'completed') throw badRequest('outcomeNote', 'belongs to completing a referral');
    if (dto.overrideReason && dto.to !== 'sent') throw badRequest('overrideReason', 'applies only to sending');
    if (dto.suggestedPartnerOrgId && dto.to !== 'declined') throw badRequest('suggestedPartnerOrgId', 'applies only to declining');

    const now = this.clock.now();
    const patch: Partial<Referral> = { status: dto.to };
    const kase = await this.dataSource.manager.findOneByOrFail(Case, { id: row.caseId });
    if (dto.to === 'sent') {
      if (kase.status === 'closed') throw badRequest('caseId', 'is closed');
      await this.checkPartner(this.dataSource.manager, row.organizationId, row.partnerOrgId, row.serviceType);
      if (row.sharedFields.length === 0) throw badRequest('sharedFields', 'must name what the partner may see');
      const coverage = await consentCoverage(this.dataSource.manager, row.survivorId, row.partnerOrgId, now);
      const missing = row.sharedFields.filter((f) => !coverage.covered.has(f));
      if (missing.length > 0 && !dto.overrideReason) {
        throw new DomainError(
          'REFERRAL_CONSENT_MISSING',
          422,
          coverage.consentId
            ? `The survivor's consent for this partner does not cover: ${missing.join(', ')}`
            : 'There is no live consent to share with this partner organization',
          {
            consent: ['the survivor has not consented to share these details with this partner'],
            sharedFields: [`not covered by a live consent: ${missing.join(', ')}`],
          },
        );
      }
      patch.sentAt = now;
      patch.consentId = coverage.consentId;
      patch.consentOverrideReason = missing.length > 0 ? dto.overrideReason! : null;
    }
    if (dto.to === 'accepted' || dto.to === 'declined') patch.respondedAt = now;
    if (dto.to === 'declined') {
      patch.declineReason = dto.reason!;
      if (dto.suggestedPartnerOrgId) {
        const suggested = await this.dataSource.manager.findOne(PartnerOrg, { where: { id: dto.suggestedPartnerOrgId, organizationId: row.organizationId } });
        if (!suggested) throw badRequest('suggestedPartnerOrgId', 'is not a partner organization of this program');
        patch.suggestedPartnerOrgId = suggested.id;
      }
    }
    if (dto.to === 'in_progress') patch.startedAt = now;
    if (dto.to === 'completed') {
      patch.completedAt = now;
      if (dto.outcomeNote) patch.outcomeNote = this.cipher.encrypt(dto.outcomeNote, outcomeAt(id));
    }
    if (dto.to === 'cancelled') patch.cancelledAt = now;

    const partner = await this.dataSource.manager.findOneByOrFail(PartnerOrg, { id: row.partnerOrgId });
    const service = SERVICE_TYPE_LABELS[row.serviceType].toLowerCase();
    await this.dataSource.transaction(async (manager) => {
      await updateVersioned(manager, Referral, row.id, row.version, patch);
      await manager.insert(ReferralTransition, {
        organizationId: row.organizationId,
        referralId: id,
        fromStatus: row.status,
        toStatus: dto.to,
        reason: dto.to === 'sent' && patch.consentOverrideReason ? `consent override: ${patch.consentOverrideReason}` : (dto.reason ?? null),
        actorId: actor.id,
        actorRole: actor.role,
        occurredAt: now,
        createdBy: actor.id,
      });
      await this.audit.record(manager, {
        action: 'transition',
        subjectType: 'Referral',
        subjectId: id,
        fields: Object.keys(patch),
        reason: `${row.status} → ${dto.to}${patch.consentOverrideReason ? ' (consent override, reason recorded)' : ''}`,
      });
      if (patch.consentOverrideReason) {
        // Visible on the case: the override is recorded against the case as well.
        await this.audit.record(manager, {
          action: 'update',
          subjectType: 'Case',
          subjectId: row.caseId,
          fields: ['referrals'],
          reason: `referral sent without covering consent: ${patch.consentOverrideReason}`,
        });
      }
      await this.notifyTransition(manager, row, kase, partner, dto.to, service);
    });
    return this.get(id);
  }

  private async notifyTransition(manager: EntityManager, row: Referral, kase: Case, partner: PartnerOrg, to: ReferralStatus, service: string): Promise<void> {
    const staff = async () => [
      ...(await this.notifications.recipients(manager, row.organizationId, ['coordinator'])),
      ...(kase.assignedCaseworkerId ? [kase.assignedCaseworkerId] : []),
    ];
    const base = { organizationId: row.organizationId, referralId: row.id };
    if (to === 'sent') {
      await this.notifications.notify(manager, {
        ...base,
        userIds: await this.notifications.recipients(manager, row.organizationId, ['partner'], row.partnerOrgId),
        kind: 'referral_received',
        title: `New ${service} referral${row.urgency === 'routine' ? '' : ` (${row.urgency})`}`,
      });
    } else if (to === 'accepted' || to === 'declined') {
      await this.notifications.notify(manager, {
        ...base,
        caseId: row.caseId,
        userIds: await staff(),
        kind: 'referral_response',
        title: `${partner.name} ${to} the ${service} referral for ${kase.caseNumber}`,
      });
    } else if (to === 'in_progress' || to === 'completed') {
      await this.notifications.notify(manager, {
        ...base,
        caseId: row.caseId,
        userIds: kase.assignedCaseworkerId ? [kase.assignedCaseworkerId] : [],
        kind: 'referral_update',
        title: `${partner.name} ${to === 'completed' ? 'completed' : 'started'} the ${service} referral for ${kase.caseNumber}`,
      });
    } else if (to === 'cancelled' && row.status !== 'draft') {
      await this.notifications.notify(manager, {
        ...base,
        userIds: await this.notifications.recipients(manager, row.organizationId, ['partner'], row.partnerOrgId),
        kind: 'referral_update',
        title: `A ${service} referral was withdrawn`,
      });
    }
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
        const partner = await manager.findOneByOrFail(PartnerOrg, { id: row.partnerOrgId });
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
        WHERE t.referral_id = $1 ORDER BY t.occurred_at, t.created_at`,
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
    const partners = await this.dataSource.getRepository(PartnerOrg).createQueryBuilder('p')
      .where('p.organization_id = :org AND p.active AND p.accepting_referrals AND p.capacity > 0 AND p.service_types @> :types', {
        org: actor.organizationId,
        types: [serviceType],
      })
      .getMany();
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
