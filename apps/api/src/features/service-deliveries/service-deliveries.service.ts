import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SERVICE_CATEGORIES, SERVICE_PROVIDER_KINDS, type ServiceProviderKind } from '@lantern/contracts';
import { DataSource, In } from 'typeorm';
import { User } from '../../access/auth/user.entity.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { RecordWrites } from '../../access/records/record-writes.js';
import { Case } from '../../case-file/case.entity.js';
import { closedCaseError } from '../../case-file/case-status.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { DomainError, badRequest } from '../../kernel/http/domain-error.js';
import type { ListSpec } from '../../kernel/http/list-query.js';
import { caseRecordList, whetherSet } from '../../kernel/http/list-filters.js';
import { PartnerOrgsRepository } from '../partner-orgs/index.js';
import type { CreateServiceDeliveryDto, UpdateServiceDeliveryDto } from './dto/service-delivery.dto.js';
import { ServiceDelivery } from './service-delivery.entity.js';
import { CaseRecordReads, caseRecordPlain, readableNote, sealedNote } from '../../case-file/case-record-reads.js';
import type { Plain } from '../../kernel/http/serialize.js';

export const SERVICE_DELIVERY_LIST: ListSpec = caseRecordList(
  'service-deliveries',
  {
    referralId: { kind: 'eq', type: 'uuid' },
    category: { kind: 'eq', type: 'enum', values: SERVICE_CATEGORIES },
    providerKind: { kind: 'eq', type: 'enum', values: SERVICE_PROVIDER_KINDS },
    partnerOrgId: { kind: 'eq', type: 'uuid' },
    // Reports leave voided entries out: `voided: false`.
    voided: whetherSet('voidedAt', 'voided_at'),
    deliveredFrom: { kind: 'range', bound: 'gte', type: 'day', property: 'deliveredOn' },
    deliveredTo: { kind: 'range', bound: 'lte', type: 'day', property: 'deliveredOn' },
  },
  { sorts: ['deliveredOn', 'createdAt'], defaultSort: ['deliveredOn', 'DESC'] },
);

/** Who may be named as the staff member who gave a service: the organization's staff who work with survivors. */
const PROVIDER_ROLES = ['caseworker', 'coordinator'] as const;
const HOUR = 3_600_000;

/** The columns of a referral this feature needs, read through the record-access layer's scope. */
interface ReferralRef {
  id: string;
  caseId: string;
  partnerOrgId: string;
}

/** The provider of a service as stored: exactly one of a staff member and a partner organization. */
interface Provider {
  providerKind: ServiceProviderKind;
  providerUserId: string | null;
  partnerOrgId: string | null;
}

const TABLE = 'service_delivery';

@Injectable()
export class ServiceDeliveriesService extends CaseRecordReads<ServiceDelivery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly writes: RecordWrites,
    private readonly partnerOrgs: PartnerOrgsRepository,
  ) {
    super(access, dataSource.manager, 'ServiceDelivery', SERVICE_DELIVERY_LIST);
  }

  // ---- presenting -----------------------------------------------------------------------------

  /** The response object of an entry, before field filtering; the note is decrypted only when readable. */
  protected plain(row: ServiceDelivery, readable: Set<string>, caseNumber: string | undefined): Plain {
    return caseRecordPlain(row, caseNumber, {
      survivorId: row.survivorId,
      deliveredOn: row.deliveredOn,
      category: row.category,
      providerKind: row.providerKind,
      providerUserId: row.providerUserId,
      partnerOrgId: row.partnerOrgId,
      referralId: row.referralId,
      units: row.units,
      durationMinutes: row.durationMinutes,
      ...readableNote(this.cipher, TABLE, row, readable),
      voidedAt: row.voidedAt,
      voidReason: row.voidReason,
    });
  }

  // ---- reads: `list` and `get` (a case's services, or a referral's for its partner) come from CaseRecordReads

  // ---- changes --------------------------------------------------------------------------------

  /**
   * Logs a service. Staff name the case (and may name a referral of it); partner staff name a referral
   * their organization accepted, and log as that organization. Everything is checked before anything is
   * written; the write and its audit row are one transaction.
   */
  async create(dto: CreateServiceDeliveryDto): Promise<Plain> {
    const { actor } = currentActor();
    const partner = actor.role === 'partner';
    const refusal = partner
      ? badRequest('referralId', 'is not a referral your organization has accepted and may log services on')
      : badRequest('caseId', 'is not a case you may log services on');
    if (partner && !dto.referralId) throw badRequest('referralId', 'is required: log a service on a referral your organization accepted');
    if (!partner && !dto.caseId && !dto.referralId) throw badRequest('caseId', 'is required');
    if (partner && dto.providerKind === 'staff') throw badRequest('providerKind', 'must be partner_org: partner staff log services as their organization');
    if (partner && dto.caseId) throw badRequest('caseId', 'is not given by partner staff: name the referral instead');
    if (partner && dto.partnerOrgId && dto.partnerOrgId !== actor.partnerOrgId) throw badRequest('partnerOrgId', 'must be your own organization');

    const referral = dto.referralId ? await this.referralOf(dto.referralId, partner ? refusal : undefined) : null;
    if (referral && dto.caseId && referral.caseId !== dto.caseId) throw badRequest('referralId', 'is not a referral of this case');
    const caseId = dto.caseId ?? referral!.caseId;
    const kind: ServiceProviderKind = partner ? 'partner_org' : (dto.providerKind ?? 'staff');
    const claimed = {
      caseId,
      referralId: referral?.id ?? null,
      providerKind: kind,
      partnerOrgId: partner ? actor.partnerOrgId : (dto.partnerOrgId ?? null),
      providerUserId: partner ? null : (dto.providerUserId ?? null),
      createdBy: actor.id,
    };
    // May this person log this service here at all (her case, their accepted referral), and set these fields?
    await this.access.assertCreate('ServiceDelivery', claimed, Object.keys(dto), refusal);
    // Partner staff never read the case itself; its referral, read within their scope, led here.
    const kase = partner
      ? await this.dataSource.manager.findOne(Case, { where: { id: caseId, organizationId: actor.organizationId } })
      : await this.access.findScoped<Case>('Case', caseId);
    if (!kase) throw refusal;

    const provider = await this.provider(kind, dto.providerUserId, claimed.partnerOrgId, referral, actor.id);
    this.checkDay(dto.deliveredOn, kase);
    this.checkAmount(dto.units ?? null, dto.durationMinutes ?? null);
    if (kase.status === 'closed') throw closedCaseError('reopen it to log services', partner ? 'referralId' : 'caseId');

    const id = randomUUID();
    const row = await this.writes.insert<ServiceDelivery>(
      'ServiceDelivery',
      {
        id,
        organizationId: actor.organizationId,
        caseId,
        survivorId: kase.survivorId,
        deliveredOn: dto.deliveredOn,
        category: dto.category,
        ...provider,
        referralId: referral?.id ?? null,
        units: dto.units ?? null,
        durationMinutes: dto.durationMinutes ?? null,
        note: sealedNote(this.cipher, TABLE, id, dto.note),
        voidedAt: null,
        voidReason: null,
        createdBy: actor.id,
      },
      Object.keys(dto),
    );
    return this.writes.answer('ServiceDelivery', row, (readable) => this.plain(row, readable, kase.caseNumber));
  }

  /** A correction: the fields given change (never the case); the result is checked as a whole, as on creation. */
  async update(id: string, dto: UpdateServiceDeliveryDto): Promise<Plain> {
    const { actor } = currentActor();
    const { version, ...changes } = dto;
    const fields = Object.keys(changes).filter((k) => (changes as Plain)[k] !== undefined);
    const row = await this.access.loadForChange<ServiceDelivery>({ subject: 'ServiceDelivery', id, fields, version });
    const kase = await this.assertChangeable(row, 'reopen it to correct its services');
    for (const field of ['deliveredOn', 'category', 'providerKind'] as const) {
      if (changes[field] === null) throw badRequest(field, 'cannot be empty');
    }

    let referral: ReferralRef | null = null;
    const referralId = changes.referralId !== undefined ? changes.referralId : row.referralId;
    if (referralId) {
      referral = await this.referralOf(referralId);
      if (referral.caseId !== row.caseId) throw badRequest('referralId', 'is not a referral of this case');
    }
    const kind = changes.providerKind ?? row.providerKind;
    const kindChanged = kind !== row.providerKind;
    const provider = await this.provider(
      kind,
      changes.providerUserId !== undefined ? changes.providerUserId : kindChanged ? null : row.providerUserId,
      changes.partnerOrgId !== undefined ? changes.partnerOrgId : kindChanged ? null : row.partnerOrgId,
      referral,
      kind === 'staff' && !kindChanged ? (row.providerUserId ?? actor.id) : actor.id,
    );
    const deliveredOn = changes.deliveredOn ?? row.deliveredOn;
    if (changes.deliveredOn !== undefined) this.checkDay(deliveredOn, kase);
    const units = changes.units !== undefined ? changes.units : row.units;
    const durationMinutes = changes.durationMinutes !== undefined ? changes.durationMinutes : row.durationMinutes;
    this.checkAmount(units, durationMinutes);

    const patch: Partial<ServiceDelivery> = {
      deliveredOn,
      ...(changes.category !== undefined ? { category: changes.category } : {}),
      ...provider,
      referralId: referral?.id ?? null,
      units,
      durationMinutes,
      ...(changes.note !== undefined ? { note: sealedNote(this.cipher, TABLE, id, changes.note) } : {}),
    };
    await this.writes.update<ServiceDelivery>('ServiceDelivery', id, version, patch, { fields });
    return this.get(id);
  }

  /** An entry logged in error is voided, never deleted: kept with its reason, read-only, out of reports. */
  async void(id: string, version: number, reason: string): Promise<Plain> {
    const row = await this.access.loadForChange<ServiceDelivery>({ subject: 'ServiceDelivery', id, fields: ['voidedAt', 'voidReason'], version });
    await this.assertChangeable(row, 'reopen it to void its services');
    const text = reason.trim();
    if (text.length < 3) throw badRequest('reason', 'must say why (3 characters at least)');
    const fields = ['voidedAt', 'voidReason'];
    await this.writes.update<ServiceDelivery>('ServiceDelivery', id, version, { voidedAt: this.clock.now(), voidReason: text }, { action: 'transition', fields, reason: 'voided' });
    return this.get(id);
  }

  // ---- checks ---------------------------------------------------------------------------------

  /**
   * A referral the caller may read, through the record-access layer's scope (her cases' referrals, the
   * program's, or those sent to a partner's organization while they stand on their grounds).
   */
  private async referralOf(id: string, refusal = badRequest('referralId', 'is not a referral you may read')): Promise<ReferralRef> {
    const found = await this.access.findScoped<ReferralRef & { id: string }>('Referral', id);
    if (!found) throw refusal;
    return { id: found.id, caseId: found.caseId, partnerOrgId: found.partnerOrgId };
  }

  /**
   * Exactly one provider: a staff member (an active caseworker or coordinator of the organization; the
   * person logging, unless named) or a partner organization of the organization (one that gave it in the
   * past may since have been deactivated), which must be the referral's when one is named.
   */
  private async provider(
    kind: ServiceProviderKind,
    providerUserId: string | null | undefined,
    partnerOrgId: string | null | undefined,
    referral: ReferralRef | null,
    defaultUser: string,
  ): Promise<Provider> {
    const { actor } = currentActor();
    if (kind === 'staff') {
      if (partnerOrgId) throw badRequest('partnerOrgId', "is only given for a partner organization's service");
      const userId = providerUserId ?? defaultUser;
      const user = await this.dataSource.manager.findOne(User, {
        select: { id: true },
        where: { id: userId, organizationId: actor.organizationId, active: true, role: In([...PROVIDER_ROLES]) },
      });
      if (!user) throw badRequest('providerUserId', 'must be an active caseworker or coordinator of your organization');
      return { providerKind: 'staff', providerUserId: userId, partnerOrgId: null };
    }
    if (providerUserId) throw badRequest('providerUserId', "is only given for a staff member's service");
    if (!partnerOrgId) throw badRequest('partnerOrgId', "is required for a partner organization's service");
    if (!(await this.partnerOrgs.findInOrganization(actor.organizationId, partnerOrgId))) throw badRequest('partnerOrgId', 'is not a partner organization of yours');
    if (referral && referral.partnerOrgId !== partnerOrgId) throw badRequest('referralId', 'was sent to another partner organization');
    return { providerKind: 'partner_org', providerUserId: null, partnerOrgId };
  }

  /**
   * Not in the future and not before the case opened, as a calendar day anywhere: the day may be a day
   * ahead of UTC (up to UTC+14) or behind it (down to UTC−12), since people log in their own time zone.
   */
  private checkDay(deliveredOn: string, kase: Pick<Case, 'openedAt'>): void {
    const latest = new Date(this.clock.now().getTime() + 14 * HOUR).toISOString().slice(0, 10);
    if (deliveredOn > latest) throw badRequest('deliveredOn', 'is in the future');
    const earliest = new Date(kase.openedAt.getTime() - 12 * HOUR).toISOString().slice(0, 10);
    if (deliveredOn < earliest) throw badRequest('deliveredOn', 'is before the case was opened');
  }

  /** How much was given: units, minutes, or both. */
  private checkAmount(units: number | null, durationMinutes: number | null): void {
    if (units === null && durationMinutes === null) {
      const need = ['say how much was given: units, durationMinutes, or both'];
      throw new DomainError('VALIDATION_FAILED', undefined, { units: need, durationMinutes: need });
    }
  }

  /** A closed case's entries are read-only (409 CASE_CLOSED), and so is a voided entry (409). Returns the case. */
  private async assertChangeable(row: ServiceDelivery, hint: string): Promise<Pick<Case, 'id' | 'status' | 'openedAt'>> {
    const kase = await this.dataSource.manager.findOneOrFail(Case, { select: { id: true, status: true, openedAt: true }, where: { id: row.caseId } });
    if (kase.status === 'closed') throw closedCaseError(hint, currentActor().actor.role === 'partner' ? 'referralId' : 'caseId');
    if (row.voidedAt) throw new DomainError('SERVICE_DELIVERY_VOIDED', undefined, { voidedAt: ['is set: this entry was voided'] });
    return kase;
  }
}
