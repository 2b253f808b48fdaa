import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { asSubject } from '@lantern/permissions';
import { DataSource } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { badRequest, forbidden } from '../../kernel/http/domain-error.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { serialize, type Plain } from '../../kernel/http/serialize.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import { BreakGlassGrant } from './break-glass-grant.entity.js';
import type { CreateBreakGlassGrantDto } from './dto/break-glass.dto.js';

/** docs/security-model.md: one survivor record, at most 60 minutes. */
export const BREAK_GLASS_MILLIS = 60 * 60_000;

export const BREAK_GLASS_LIST: ListSpec = {
  resource: 'break-glass-grants',
  filters: { survivorId: { kind: 'eq', type: 'uuid' }, userId: { kind: 'eq', type: 'uuid' } },
  sorts: ['grantedAt', 'expiresAt'],
  defaultSort: ['grantedAt', 'DESC'],
};

@Injectable()
export class BreakGlassService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
  ) {}

  private plain(row: BreakGlassGrant): Plain {
    return {
      id: row.id,
      organizationId: row.organizationId,
      survivorId: row.survivorId,
      userId: row.userId,
      reason: row.reason,
      grantedAt: row.grantedAt,
      expiresAt: row.expiresAt,
      active: row.expiresAt.getTime() > this.clock.now().getTime(),
    };
  }

  list(query: ListQuery): Promise<Page<Plain>> {
    return this.access.list<BreakGlassGrant>({ subject: 'BreakGlassGrant', spec: BREAK_GLASS_LIST, query, present: (rows) => rows.map((row) => this.plain(row)) });
  }

  /**
   * Opens one survivor's whole file to an admin or coordinator for an hour, after they enter their
   * password again and state why. The grant is audited as `break_glass` with the reason.
   */
  async open(dto: CreateBreakGlassGrantDto): Promise<Plain> {
    const { actor, ability } = currentActor();
    const values = { organizationId: actor.organizationId, survivorId: dto.survivorId, userId: actor.id };
    if (!ability.can('create', asSubject('BreakGlassGrant', values))) throw forbidden('You may not use emergency access');
    // Throttled with every other check of a password (429 once throttled, right password or not).
    if (!(await this.auth.verifyOwnPassword(actor, dto.password))) {
      await this.audit.recordAlone({ action: 'break_glass', outcome: 'failure', subjectType: 'Survivor', subjectId: dto.survivorId, reason: 'wrong password' });
      throw badRequest('password', 'is not correct');
    }
    if (!(await this.dataSource.manager.exists(Survivor, { where: { id: dto.survivorId, organizationId: actor.organizationId } }))) {
      throw badRequest('survivorId', 'is not a survivor of your organization');
    }
    const now = this.clock.now();
    const row = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(BreakGlassGrant, {
          organizationId: actor.organizationId,
          userId: actor.id,
          survivorId: dto.survivorId,
          reason: dto.reason,
          grantedAt: now,
          expiresAt: new Date(now.getTime() + BREAK_GLASS_MILLIS),
          createdBy: actor.id,
        }),
      );
      await this.audit.record(manager, { action: 'break_glass', subjectType: 'Survivor', subjectId: dto.survivorId, reason: dto.reason });
      return saved;
    });
    return serialize(ability, 'BreakGlassGrant', row, this.plain(row));
  }
}
