import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ErasureRequestResponse } from '@lantern/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { staffNames } from '../../access/auth/user-profile.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import type { Case } from '../../case-file/case.entity.js';
import { Clock } from '../../kernel/config/clock.js';
import { badRequest, DomainError, forbidden, notFound, staleVersion } from '../../kernel/http/domain-error.js';
import { Anonymizer, type Erasability } from './anonymizer.js';
import type { CreateErasureRequestDto, DecideErasureRequestDto } from './dto/erasure.dto.js';
import { ErasureRequest, PurgeRun } from './erasure.entity.js';
import { placeActive } from './place-active.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** 404 when there is no such survivor; 409 naming what stops her erasure. */
function refuseUnlessErasable(state: Erasability | null): void {
  if (!state) throw notFound('Survivor');
  if (state.anonymized) throw new DomainError('CONFLICT', 'This survivor is already anonymized');
  if (state.held) throw new DomainError('CONFLICT', 'A case of this survivor is on legal hold: lift the hold first');
  if (state.open) throw new DomainError('CONFLICT', 'A case of this survivor is still open: close it first');
}

/**
 * Erasure on request (issue 16, part 4; docs/retention.md). An admin asks (fresh step-up, a reason); a
 * second admin of the same organization approves (fresh step-up) and only then is the survivor
 * anonymized, in the transaction that marks the request completed and writes the purge report. The
 * requester may withdraw (reject) her own request but never approve it. A request is refused while the
 * survivor has an open case or a case on legal hold, and checked again at approval.
 */
@Injectable()
export class ErasureRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RecordAccess,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly anonymizer: Anonymizer,
  ) {}

  async list(): Promise<ErasureRequestResponse[]> {
    const { actor } = currentActor();
    const rows = await this.dataSource.getRepository(ErasureRequest).find({ where: { organizationId: actor.organizationId }, order: { createdAt: 'DESC' }, take: 200 });
    return this.present(rows);
  }

  async create(dto: CreateErasureRequestDto): Promise<ErasureRequestResponse> {
    const { actor } = currentActor();
    this.auth.requireStepUp(actor);
    if (!dto.caseNumber === !dto.survivorId) throw badRequest('caseNumber', 'give one of her case numbers, or her record id (survivorId) when she has no case, not both');
    const survivorId = dto.survivorId ? await this.caselessSurvivor(dto.survivorId) : (await this.caseByNumber(dto.caseNumber!)).survivorId;
    const row = await this.dataSource.transaction(async (manager) => {
      await this.assertErasable(manager, survivorId);
      return placeActive(manager, this.audit, ErasureRequest, {
        subjectType: 'ErasureRequest',
        active: { survivorId, status: 'pending' },
        conflict: 'An erasure request for this survivor is already waiting for approval',
        values: { organizationId: actor.organizationId, survivorId, requestedBy: actor.id, reason: dto.reason, status: 'pending', createdBy: actor.id },
        fields: ['survivorId', 'reason'],
        reason: 'erasure requested',
      });
    });
    return (await this.present([row]))[0]!;
  }

  async approve(id: string, dto: DecideErasureRequestDto): Promise<ErasureRequestResponse> {
    const { actor } = currentActor();
    this.auth.requireStepUp(actor);
    const request = await this.pending(id, dto.version);
    if (request.requestedBy === actor.id) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'ErasureRequest', subjectId: id, reason: 'approve own erasure request' });
      throw forbidden('A second admin must approve: you asked for this erasure');
    }
    // Refused before her documents are destroyed, and again under the lock in the erasing transaction.
    await this.dataSource.transaction((manager) => this.assertErasable(manager, request.survivorId));
    const now = this.clock.now();
    let locked: ErasureRequest | null = null;
    const row = await this.anonymizer.anonymize(request.survivorId, now, { organizationId: actor.organizationId, reason: `anonymized: erasure request ${id}` }, {
      mayErase: async (manager, state) => {
        locked = await manager.findOne(ErasureRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!locked || locked.status !== 'pending' || locked.version !== dto.version) throw staleVersion();
        refuseUnlessErasable(state);
        return true;
      },
      after: async (manager, outcome) => {
        Object.assign(locked!, { status: 'completed', decidedBy: actor.id, decidedAt: now, decisionNote: dto.note || null, completedAt: now });
        const saved = await manager.save(locked!);
        await manager.save(
          manager.create(PurgeRun, { organizationId: actor.organizationId, kind: 'request', ranAt: now, survivors: 1, cases: outcome.caseNumbers.length, caseNumbers: outcome.caseNumbers, createdBy: actor.id }),
        );
        await this.audit.record(manager, { action: 'transition', subjectType: 'ErasureRequest', subjectId: id, fields: ['status'], reason: 'approved' });
        return saved;
      },
    });
    return (await this.present([row!]))[0]!;
  }

  async reject(id: string, dto: DecideErasureRequestDto): Promise<ErasureRequestResponse> {
    const { actor } = currentActor();
    this.auth.requireStepUp(actor);
    await this.pending(id, dto.version);
    const row = await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(ErasureRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.status !== 'pending' || locked.version !== dto.version) throw staleVersion();
      Object.assign(locked, { status: 'rejected', decidedBy: actor.id, decidedAt: this.clock.now(), decisionNote: dto.note || null });
      const saved = await manager.save(locked);
      await this.audit.record(manager, { action: 'transition', subjectType: 'ErasureRequest', subjectId: id, fields: ['status'], reason: locked.requestedBy === actor.id ? 'withdrawn' : 'rejected' });
      return saved;
    });
    return (await this.present([row]))[0]!;
  }

  /** A pending request of the caller's organization at the version she read: else 404, 409. */
  private async pending(id: string, version: number): Promise<ErasureRequest> {
    const { actor } = currentActor();
    const request = await this.dataSource.getRepository(ErasureRequest).findOneBy({ id, organizationId: actor.organizationId });
    if (!request) throw notFound('Erasure request');
    if (request.status !== 'pending') throw new DomainError('CONFLICT', `This request is already ${request.status}`);
    if (request.version !== version) throw staleVersion();
    return request;
  }

  /** One case by its number, through the record-access layer (scoped, audited). 400 naming the field when none. */
  async caseByNumber(caseNumber: string): Promise<Case> {
    const found = await this.records.scoped<Case>('Case').andWhere('r.caseNumber = :caseNumber', { caseNumber }).getOne();
    if (!found) throw badRequest('caseNumber', 'is not the number of a case of your organization');
    await this.records.recordReads('Case', [found.id], ['caseNumber', 'survivorId', 'status']);
    return found;
  }

  /**
   * A survivor of the caller's organization who has no case (nor was merged into another record), named by
   * her id: someone registered from a contact, an import or the duplicate check and never given a case, or
   * the record left when her cases were merged away. Only whether she exists is read, never her file. A
   * survivor with a case is named by one of its numbers instead, as admins always do (400 naming `survivorId`).
   */
  private async caselessSurvivor(survivorId: string): Promise<string> {
    const { actor } = currentActor();
    const [row] = (await this.dataSource.query(
      `SELECT s.id FROM survivor s
        WHERE s.id = $1 AND s.organization_id = $2 AND s.merged_into_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM survivor_case c WHERE c.survivor_id = s.id)`,
      [survivorId, actor.organizationId],
    )) as { id: string }[];
    if (!row) throw badRequest('survivorId', 'is not a survivor of your organization without a case: name one of her case numbers instead');
    return row.id;
  }

  /** 409 when the survivor is already anonymized, has a case still open, or a case on legal hold. */
  private async assertErasable(manager: EntityManager, survivorId: string): Promise<void> {
    refuseUnlessErasable(await this.anonymizer.erasability(manager, survivorId, false));
  }

  /** The response rows: case numbers through the record-access layer, people by display name. */
  private async present(rows: ErasureRequest[]): Promise<ErasureRequestResponse[]> {
    if (rows.length === 0) return [];
    const survivorIds = [...new Set(rows.map((r) => r.survivorId))];
    const cases = await this.records
      .scoped<Case>('Case')
      .select(['r.id', 'r.caseNumber', 'r.survivorId', 'r.openedAt'])
      .andWhere('r.survivorId IN (:...survivorIds)', { survivorIds })
      .orderBy('r.openedAt', 'ASC')
      .getMany();
    await this.records.recordReads('Case', cases.map((c) => c.id), ['caseNumber', 'survivorId']);
    const numbers = new Map<string, string[]>();
    for (const c of cases) numbers.set(c.survivorId, [...(numbers.get(c.survivorId) ?? []), c.caseNumber]);
    const name = await staffNames(this.dataSource.manager, rows.flatMap((r) => [r.requestedBy, r.decidedBy]));
    return rows.map((r) => ({
      id: r.id,
      survivorId: r.survivorId,
      caseNumbers: numbers.get(r.survivorId) ?? [],
      requestedBy: r.requestedBy,
      requestedByName: name(r.requestedBy),
      requestedAt: r.createdAt.toISOString(),
      reason: r.reason,
      status: r.status,
      decidedBy: r.decidedBy,
      decidedByName: name(r.decidedBy),
      decidedAt: iso(r.decidedAt),
      decisionNote: r.decisionNote,
      completedAt: iso(r.completedAt),
      version: r.version,
    }));
  }
}
