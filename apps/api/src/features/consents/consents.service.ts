import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONSENT_PURPOSES, customFieldShareItem, isCustomFieldShareItem, type ConsentCustomItemResponse, type ConsentState } from '@lantern/contracts';
import { DataSource } from 'typeorm';
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
import { PartnerOrgsRepository } from '../partner-orgs/index.js';
import { CustomFieldsService } from '../custom-fields/index.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import type { CreateConsentDto, RevokeConsentDto } from './dto/consent.dto.js';
import { Consent } from './consent.entity.js';
import type { Plain } from '../../kernel/http/serialize.js';

export const CONSENT_LIST: ListSpec = caseRecordList(
  'consents',
  {
    survivorId: { kind: 'eq', type: 'uuid' },
    purpose: { kind: 'eq', type: 'enum', values: CONSENT_PURPOSES },
    partnerOrgId: { kind: 'eq', type: 'uuid' },
  },
  { sorts: ['grantedAt', 'expiresAt', 'createdAt'], defaultSort: ['grantedAt', 'DESC'] },
);

/** Live until revoked or past its expiry: checked at every request, so a revocation applies at once. */
export function consentState(row: Pick<Consent, 'revokedAt' | 'expiresAt'>, now: Date): ConsentState {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'live';
}

@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly writes: RecordWrites,
    private readonly partnerOrgs: PartnerOrgsRepository,
    private readonly customFields: CustomFieldsService,
  ) {}

  /**
   * The organization's custom fields a consent to share with a partner may name (`cf:<field id>`):
   * shareable, not PII, not retired, readable by partner staff (docs/custom-fields.md). Definitions
   * only, no record's value.
   */
  async customItems(): Promise<ConsentCustomItemResponse[]> {
    const { actor } = currentActor();
    const fields = await this.customFields.shareableFields(actor.organizationId);
    return fields.map((f) => ({ id: f.id, item: customFieldShareItem(f.id), entity: f.entity, key: f.key, label: f.label }));
  }

  private plain(row: Consent): Plain {
    return {
      id: row.id,
      organizationId: row.organizationId,
      survivorId: row.survivorId,
      caseId: row.caseId,
      purpose: row.purpose,
      partnerOrgId: row.partnerOrgId,
      sharedFields: row.sharedFields,
      method: row.method,
      grantedAt: row.grantedAt,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      revocationReason: row.revocationReason,
      state: consentState(row, this.clock.now()),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
    };
  }

  /** A survivor's consents: scoped, field-filtered and audited like any read of the file. */
  list(query: ListQuery): Promise<Page<Plain>> {
    return this.access.list<Consent>({ subject: 'Consent', spec: CONSENT_LIST, query, present: (rows) => rows.map((row) => this.plain(row)) });
  }

  /** One consent, opened: audited before the answer (RecordAccess.get). */
  get(id: string): Promise<Plain> {
    return this.access.get<Consent>({ subject: 'Consent', id, present: (row) => this.plain(row) });
  }

  async create(dto: CreateConsentDto): Promise<Plain> {
    const { actor } = currentActor();
    await this.access.assertCreate('Consent', { ...dto }, Object.keys(dto), badRequest('survivorId', 'is not a survivor on your caseload'));
    const now = this.clock.now();
    const grantedAt = dto.grantedAt ? new Date(dto.grantedAt) : now;
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (grantedAt.getTime() > now.getTime() + 60_000) throw badRequest('grantedAt', 'is in the future');
    if (expiresAt && expiresAt.getTime() <= grantedAt.getTime()) throw badRequest('expiresAt', 'must be after grantedAt');

    // The survivor in reach: on a caseworker's caseload, or in a coordinator's program (the consent
    // rule, checked above with the survivor's cases, already says whose consent this person records).
    const survivor = await this.access.findScoped<Survivor>('Survivor', dto.survivorId, 'read');
    if (!survivor) throw badRequest('survivorId', 'is not a survivor on your caseload');
    if (dto.caseId) {
      const kase = await this.dataSource.manager.findOne(Case, { where: { id: dto.caseId, survivorId: dto.survivorId } });
      if (!kase) throw badRequest('caseId', 'is not a case of this survivor');
      // A closed case's consents may be revoked, never added to (issue 13: closed cases are read-only).
      refuseIfClosed(kase, 'record the consent on an open case');
    }
    const sharedFields = dto.sharedFields ?? [];
    if (dto.purpose === 'share_with_partner') {
      if (!dto.partnerOrgId) throw badRequest('partnerOrgId', 'is required to share with a partner');
      const partner = await this.partnerOrgs.findInOrganization(actor.organizationId, dto.partnerOrgId);
      if (!partner) throw badRequest('partnerOrgId', 'is not a partner organization of yours');
      if (sharedFields.length === 0) throw badRequest('sharedFields', 'must name at least one field to share');
      const custom = sharedFields.filter(isCustomFieldShareItem);
      if (custom.length > 0) {
        const shareable = new Set((await this.customFields.shareableFields(actor.organizationId)).map((f) => customFieldShareItem(f.id)));
        const refused = custom.find((item) => !shareable.has(item));
        if (refused) throw badRequest('sharedFields', `${refused} is not a custom field your organization shares with partners`);
      }
    } else {
      if (dto.partnerOrgId) throw badRequest('partnerOrgId', 'applies only to share_with_partner');
      if (sharedFields.length > 0) throw badRequest('sharedFields', 'applies only to share_with_partner');
    }

    const values = {
      id: randomUUID(),
      organizationId: actor.organizationId,
      survivorId: dto.survivorId,
      caseId: dto.caseId ?? null,
      purpose: dto.purpose,
      partnerOrgId: dto.partnerOrgId ?? null,
      sharedFields,
      method: dto.method,
      grantedAt,
      expiresAt,
      createdBy: actor.id,
    };
    const row = await this.writes.insert<Consent>('Consent', values, Object.keys(dto));
    // The survivor's relations loaded, so rules that follow them (her caseload) decide on the new record.
    return this.writes.answer('Consent', row, () => this.plain(row));
  }

  /** Revocation takes effect on the next request everywhere: every use of a consent checks its state then. */
  async revoke(id: string, dto: RevokeConsentDto): Promise<Plain> {
    const { actor } = currentActor();
    const row = await this.access.loadForChange<Consent>({
      subject: 'Consent',
      id,
      fields: ['revokedAt', 'revocationReason'],
      refusal: 'You may not revoke this consent',
    });
    if (row.revokedAt) throw new DomainError('CONSENT_REVOKED');
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(Consent)
        .set({ revokedAt: this.clock.now(), revokedBy: actor.id, revocationReason: dto.reason })
        .where('id = :id AND revoked_at IS NULL', { id })
        .execute();
      await this.audit.record(manager, {
        action: 'transition',
        subjectType: 'Consent',
        subjectId: id,
        fields: ['revokedAt', 'revocationReason'],
        reason: 'revoked',
      });
    });
    return this.get(id);
  }
}
