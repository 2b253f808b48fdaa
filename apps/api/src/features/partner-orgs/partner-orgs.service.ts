import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { asSubject } from '@lantern/permissions';
import { DataSource } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { SessionService } from '../../access/auth/session.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { DomainError, forbidden, notFound, staleVersion } from '../../kernel/http/domain-error.js';
import type { ListQuery, Page } from '../../kernel/http/list-query.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { assertWritable, changedFields, serialize, type Plain } from '../../kernel/http/serialize.js';
import type { CreatePartnerOrgDto, UpdatePartnerOrgDto } from './dto/partner-org.dto.js';
import { PartnerOrg } from './partner-org.entity.js';
import { PartnerOrgsRepository } from './partner-orgs.repository.js';

function plain(org: PartnerOrg): Plain {
  return {
    id: org.id,
    organizationId: org.organizationId,
    name: org.name,
    serviceTypes: org.serviceTypes,
    serviceArea: org.serviceArea,
    capacity: org.capacity,
    acceptingReferrals: org.acceptingReferrals,
    contactName: org.contactName,
    contactEmail: org.contactEmail,
    phone: org.phone,
    active: org.active,
    languages: org.languages,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
    version: org.version,
  };
}

@Injectable()
export class PartnerOrgsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PartnerOrgsRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly access: RecordAccess,
  ) {}

  async list(query: ListQuery): Promise<Page<Plain>> {
    const { ability } = currentActor();
    const page = await this.repository.list(ability, query);
    return { ...page, rows: page.rows.map((org) => serialize(ability, 'PartnerOrg', org, plain(org))) };
  }

  async get(id: string): Promise<Plain> {
    const { ability } = currentActor();
    const org = await this.repository.findReadable(ability, id);
    if (!org) throw await this.deniedOrMissing(id, 'read');
    return serialize(ability, 'PartnerOrg', org, plain(org));
  }

  async create(dto: CreatePartnerOrgDto): Promise<Plain> {
    const { actor, ability } = currentActor();
    const values = { ...dto, organizationId: actor.organizationId };
    if (!ability.can('create', asSubject('PartnerOrg', values))) throw forbidden('You may not add partner organizations');
    assertWritable(ability, 'create', 'PartnerOrg', values, Object.keys(dto));
    const org = await this.dataSource.transaction(async (manager) => {
      const created = await this.repository.insert(manager, { ...values, createdBy: actor.id });
      await this.audit.record(manager, {
        action: 'create',
        subjectType: 'PartnerOrg',
        subjectId: created.id,
        fields: Object.keys(dto),
      });
      return created;
    });
    return serialize(ability, 'PartnerOrg', org, plain(org));
  }

  async update(id: string, dto: UpdatePartnerOrgDto): Promise<Plain> {
    const { ability } = currentActor();
    const { version, ...patch } = dto;
    // Checks run before the transaction: a denial's audit row must survive the refusal, and the
    // embedded database has a single connection that an open transaction would hold.
    const org = await this.repository.findReadable(ability, id);
    if (!org) throw await this.deniedOrMissing(id, 'update');
    const requested = Object.keys(patch);
    if (!ability.can('update', asSubject('PartnerOrg', org))) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'PartnerOrg', subjectId: id, reason: 'update' });
      throw forbidden('You may not change this partner organization');
    }
    try {
      assertWritable(ability, 'update', 'PartnerOrg', org, requested);
    } catch (error) {
      await this.audit.recordAlone({
        action: 'denied',
        outcome: 'denied',
        subjectType: 'PartnerOrg',
        subjectId: id,
        fields: requested,
        reason: 'update',
      });
      throw error;
    }
    if (org.version !== version) throw staleVersion();
    this.access.assertEchoes('PartnerOrg', org);
    const fields = changedFields(plain(org), patch);
    if (fields.length === 0) return serialize(ability, 'PartnerOrg', org, plain(org));
    // Switching a partner organization off (or on again) decides who reaches survivor data: step-up (issue 11).
    if (fields.includes('active')) this.auth.requireStepUp(currentActor().actor);
    const updated = await this.dataSource.transaction(async (manager) => {
      // The version in the WHERE clause closes the race between the check above and this write.
      await updateVersioned(manager, PartnerOrg, id, version, patch);
      await this.audit.record(manager, { action: 'update', subjectType: 'PartnerOrg', subjectId: id, fields });
      // Deactivating a partner org ends its staff's sessions at once, in the same transaction (issue 11).
      if (patch.active === false && org.active) {
        const ended = await this.sessions.revokeAllForPartnerOrg(manager, id);
        await this.audit.record(manager, { action: 'update', subjectType: 'PartnerOrg', subjectId: id, fields: ['sessions'], reason: `deactivated: ${ended} session(s) of its staff ended` });
      }
      return (await this.repository.findReadable(ability, id, manager))!;
    });
    return serialize(ability, 'PartnerOrg', updated, plain(updated));
  }

  /** Out of scope and nonexistent answer alike (404); a real record out of scope is audited as denied. */
  private async deniedOrMissing(id: string, action: string): Promise<DomainError> {
    if (await this.repository.exists(id)) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'PartnerOrg', subjectId: id, reason: action });
    }
    return notFound('Partner organization');
  }
}
