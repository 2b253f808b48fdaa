import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  RETENTION_DEFAULT_YEARS,
  RETENTION_PREVIEW_DAYS,
  type LegalHoldResponse,
  type PurgeRunResponse,
  type RetentionPolicyResponse,
  type RetentionPreviewResponse,
} from '@lantern/contracts';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { staffNames } from '../../access/auth/user-profile.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { Clock } from '../../kernel/config/clock.js';
import { DomainError, notFound, staleVersion } from '../../kernel/http/domain-error.js';
import { Anonymizer } from './anonymizer.js';
import type { LiftLegalHoldDto, PlaceLegalHoldDto, UpdateRetentionPolicyDto } from './dto/erasure.dto.js';
import { ErasureRequestsService } from './erasure-requests.service.js';
import { LegalHold, PurgeRun, RetentionPolicy } from './erasure.entity.js';
import { placeActive } from './place-active.js';

const DAY = 86_400_000;
/** At most this many survivors per organization and run: the next run takes the rest. */
const PURGE_BATCH = 200;

interface CandidateRow {
  /** Null for the one row of a survivor who has no case. */
  case_id: string | null;
  case_number: string | null;
  survivor_id: string;
  closed_at: Date | null;
  last_activity: Date;
  held: boolean;
}

/**
 * A case's last activity: the latest of its own dates (opened, closed, last contact, last change) and of
 * the notes, services and referrals written on it. Only survivors not yet anonymized whose cases are all
 * closed are candidates. `scope` narrows the cases to what the reader may read (the preview); the job
 * runs for the whole organization.
 *
 * A survivor with no case at all (registered from a contact, an import or the duplicate check and never
 * given a case; not a record merged into another, which goes with that one) is a candidate too, with one
 * row without a case: her last activity is the latest change of her record, of the records merged into
 * it, and of her contacts, consents and documents.
 */
const CANDIDATES = (scope: string) => `
  SELECT * FROM (
  SELECT c.id AS case_id, c.case_number, c.survivor_id, c.closed_at,
         GREATEST(c.opened_at, c.closed_at, c.last_contact_at, c.updated_at,
                  (SELECT max(n.created_at) FROM case_note n WHERE n.case_id = c.id),
                  (SELECT max(d.created_at) FROM service_delivery d WHERE d.case_id = c.id),
                  (SELECT max(f.updated_at) FROM referral f WHERE f.case_id = c.id)) AS last_activity,
         EXISTS (SELECT 1 FROM legal_hold h WHERE h.case_id = c.id AND h.lifted_at IS NULL) AS held
    FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id
   WHERE c.organization_id = :organizationId AND c.status = 'closed' AND s.anonymized_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM survivor_case o WHERE o.survivor_id = c.survivor_id AND o.status <> 'closed')
     AND (${scope})
  UNION ALL
  SELECT NULL::uuid, NULL::varchar, s.id, NULL::timestamptz,
         GREATEST(s.created_at, s.updated_at,
                  (SELECT max(m.updated_at) FROM survivor m WHERE m.merged_into_id = s.id),
                  (SELECT max(k.updated_at) FROM contact k WHERE k.survivor_id = s.id),
                  (SELECT max(n.updated_at) FROM consent n WHERE n.survivor_id = s.id),
                  (SELECT max(d.updated_at) FROM document d WHERE d.survivor_id = s.id)),
         FALSE
    FROM survivor s
   WHERE s.organization_id = :organizationId AND s.anonymized_at IS NULL AND s.merged_into_id IS NULL
     AND NOT EXISTS (SELECT 1 FROM survivor_case o WHERE o.survivor_id = s.id)
  ) due
   ORDER BY last_activity, case_number`;

export interface SurvivorDue {
  survivorId: string;
  dueAt: Date;
  held: boolean;
  cases: CandidateRow[];
}

/**
 * Retention (issue 16, part 5; docs/retention.md): the organization's period, the preview of what the job
 * will anonymize in the next 30 days, legal holds, and the purge itself. A survivor is due when all her
 * cases are closed and the latest last activity among them is older than the period; a case on legal
 * hold keeps its survivor out of every purge while the hold stands.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RecordAccess,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly anonymizer: Anonymizer,
    private readonly requests: ErasureRequestsService,
  ) {}

  async policy(organizationId = currentActor().actor.organizationId): Promise<RetentionPolicyResponse> {
    const row = await this.dataSource.getRepository(RetentionPolicy).findOneBy({ organizationId });
    return { closedCaseYears: row?.closedCaseYears ?? RETENTION_DEFAULT_YEARS, updatedAt: row ? row.updatedAt.toISOString() : null, version: row?.version ?? 0 };
  }

  async updatePolicy(dto: UpdateRetentionPolicyDto): Promise<RetentionPolicyResponse> {
    const { actor } = currentActor();
    // A shorter period can purge files sooner: the same step-up as every sensitive admin change.
    this.auth.requireStepUp(actor);
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(RetentionPolicy, { where: { organizationId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (row) await manager.save(Object.assign(row, { closedCaseYears: dto.closedCaseYears }));
      else await manager.save(manager.create(RetentionPolicy, { organizationId: actor.organizationId, closedCaseYears: dto.closedCaseYears, createdBy: actor.id }));
      await this.audit.record(manager, { action: 'update', subjectType: 'RetentionPolicy', subjectId: actor.organizationId, fields: ['closedCaseYears'], reason: `${dto.closedCaseYears} years` });
    });
    return this.policy(actor.organizationId);
  }

  /** Survivors whose due date (last activity + the period) is before `until`, grouped, held or not. */
  async due(organizationId: string, until: Date, scoped: boolean): Promise<SurvivorDue[]> {
    const years = (await this.policy(organizationId)).closedCaseYears;
    const scope = scoped ? this.records.scopeSql('Case', 'c') : { sql: 'TRUE', params: {} };
    const rows = await this.records.query<CandidateRow>(CANDIDATES(scope.sql), { ...scope.params, organizationId });
    const bySurvivor = new Map<string, SurvivorDue>();
    for (const row of rows) {
      const dueAt = addYears(new Date(row.last_activity), years);
      const entry = bySurvivor.get(row.survivor_id) ?? { survivorId: row.survivor_id, dueAt, held: false, cases: [] };
      if (dueAt > entry.dueAt) entry.dueAt = dueAt;
      entry.held ||= row.held;
      entry.cases.push(row);
      bySurvivor.set(row.survivor_id, entry);
    }
    return [...bySurvivor.values()].filter((s) => s.dueAt <= until);
  }

  /** What the job will anonymize within RETENTION_PREVIEW_DAYS (overdue included), read through the record-access layer. */
  async preview(): Promise<RetentionPreviewResponse> {
    const { actor } = currentActor();
    await this.records.beforeRead();
    const years = (await this.policy(actor.organizationId)).closedCaseYears;
    const due = await this.due(actor.organizationId, new Date(this.clock.now().getTime() + RETENTION_PREVIEW_DAYS * DAY), true);
    const open = due.filter((s) => !s.held);
    const cases = open.flatMap((s) =>
      s.cases.flatMap((c) => (c.case_id === null ? [] : [{ ...c, case_id: c.case_id, case_number: c.case_number! }])).map((c) => ({ caseId: c.case_id, caseNumber: c.case_number, closedAt: c.closed_at ? new Date(c.closed_at).toISOString() : null, lastActivityAt: new Date(c.last_activity).toISOString(), dueOn: s.dueAt.toISOString().slice(0, 10) })),
    );
    await this.records.recordReads('Case', cases.map((c) => c.caseId), ['caseNumber', 'closedAt']);
    const withoutCase = open.filter((s) => s.cases.every((c) => c.case_id === null)).length;
    return { closedCaseYears: years, cases, survivors: open.length, withoutCase, held: due.filter((s) => s.held).reduce((n, s) => n + s.cases.filter((c) => c.held).length, 0) };
  }

  /** The scheduled purge: every organization, survivors due now and not held. Safe to repeat. */
  async purgeAll(): Promise<{ survivors: number }> {
    const orgs = (await this.dataSource.query(`SELECT id FROM organization ORDER BY id`)) as { id: string }[];
    let survivors = 0;
    let failed = 0;
    let failedOrganizations = 0;
    for (const { id } of orgs) {
      // An organization whose candidates cannot be read holds up no other organization either.
      const run = await this.purgeOrganization(id).catch((error: unknown) => {
        this.logger.error(`retention: an organization's purge could not run (${error instanceof Error ? error.name : 'error'})`);
        failedOrganizations += 1;
        return { survivors: 0, failed: 0 };
      });
      survivors += run.survivors;
      failed += run.failed;
    }
    // One survivor who could not be anonymized holds up no one else; the run fails at the end so the
    // job is retried, and she is due again then.
    if (failed > 0 || failedOrganizations > 0) {
      throw new Error(`retention: ${failed} survivors and ${failedOrganizations} organizations could not be purged; ${survivors} survivors were anonymized`);
    }
    return { survivors };
  }

  async purgeOrganization(organizationId: string): Promise<{ survivors: number; failed: number }> {
    const now = this.clock.now();
    const due = (await this.due(organizationId, now, false)).filter((s) => !s.held).slice(0, PURGE_BATCH);
    const caseNumbers: string[] = [];
    let survivors = 0;
    let failed = 0;
    for (const s of due) {
      const done = await this.purgeOne(organizationId, s.survivorId, now).catch((error: unknown) => {
        // The error's kind only: its message may quote a value of her file.
        this.logger.error(`retention: a survivor could not be anonymized (${error instanceof Error ? error.name : 'error'})`);
        failed += 1;
        return null;
      });
      if (done) {
        survivors += 1;
        caseNumbers.push(...done.caseNumbers);
      }
    }
    if (survivors > 0) {
      await this.dataSource.getRepository(PurgeRun).save({ organizationId, kind: 'retention', ranAt: now, survivors, cases: caseNumbers.length, caseNumbers });
      this.logger.log(`retention: ${survivors} survivors anonymized in one organization`);
    }
    return { survivors, failed };
  }

  /** One survivor, if she is still due: not anonymized, no case open, none on hold (a case opened for a caseless survivor meanwhile wins too). */
  private purgeOne(organizationId: string, survivorId: string, now: Date) {
    return this.anonymizer.anonymize(survivorId, now, { organizationId, reason: 'anonymized: retention period', actor: null }, {
      mayErase: async (_manager, state) => !!state && !state.anonymized && !state.open && !state.held,
    });
  }

  async reports(): Promise<PurgeRunResponse[]> {
    const { actor } = currentActor();
    const rows = await this.dataSource.getRepository(PurgeRun).find({ where: { organizationId: actor.organizationId }, order: { ranAt: 'DESC' }, take: 100 });
    return rows.map((r) => ({ id: r.id, kind: r.kind, ranAt: r.ranAt.toISOString(), survivors: r.survivors, cases: r.cases, caseNumbers: r.caseNumbers }));
  }

  // ---- legal holds ------------------------------------------------------------------------------

  async holds(): Promise<LegalHoldResponse[]> {
    const { actor } = currentActor();
    const rows = await this.dataSource.getRepository(LegalHold).find({ where: { organizationId: actor.organizationId }, order: { placedAt: 'DESC' }, take: 200 });
    return this.presentHolds(rows);
  }

  async placeHold(dto: PlaceLegalHoldDto): Promise<LegalHoldResponse> {
    const { actor } = currentActor();
    const found = await this.requests.caseByNumber(dto.caseNumber);
    const row = await this.dataSource.transaction((manager) =>
      placeActive(manager, this.audit, LegalHold, {
        subjectType: 'LegalHold',
        active: { caseId: found.id, liftedAt: IsNull() },
        conflict: 'This case is already on legal hold',
        values: { organizationId: actor.organizationId, caseId: found.id, reason: dto.reason, placedBy: actor.id, placedAt: this.clock.now(), createdBy: actor.id },
        fields: ['caseId', 'reason'],
        reason: 'legal hold placed',
      }),
    );
    return (await this.presentHolds([row]))[0]!;
  }

  async liftHold(id: string, dto: LiftLegalHoldDto): Promise<LegalHoldResponse> {
    const { actor } = currentActor();
    // Lifting a hold lets the purge reach the case: a fresh step-up.
    this.auth.requireStepUp(actor);
    const row = await this.dataSource.transaction(async (manager) => {
      const hold = await manager.findOne(LegalHold, { where: { id, organizationId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!hold) throw notFound('Legal hold');
      if (hold.liftedAt) throw new DomainError('CONFLICT', 'This hold is already lifted');
      if (hold.version !== dto.version) throw staleVersion();
      Object.assign(hold, { liftedAt: this.clock.now(), liftedBy: actor.id, liftReason: dto.reason });
      const saved = await manager.save(hold);
      await this.audit.record(manager, { action: 'update', subjectType: 'LegalHold', subjectId: id, fields: ['liftedAt', 'liftReason'], reason: 'legal hold lifted' });
      return saved;
    });
    return (await this.presentHolds([row]))[0]!;
  }

  private async presentHolds(rows: LegalHold[]): Promise<LegalHoldResponse[]> {
    if (rows.length === 0) return [];
    const caseIds = [...new Set(rows.map((r) => r.caseId))];
    const cases = await this.records.scoped<{ id: string; caseNumber: string }>('Case').select(['r.id', 'r.caseNumber']).andWhere('r.id IN (:...caseIds)', { caseIds }).getMany();
    await this.records.recordReads('Case', cases.map((c) => c.id), ['caseNumber']);
    const name = await staffNames(this.dataSource.manager, rows.flatMap((r) => [r.placedBy, r.liftedBy]));
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      caseNumber: cases.find((c) => c.id === r.caseId)?.caseNumber ?? '',
      reason: r.reason,
      placedBy: r.placedBy,
      placedByName: name(r.placedBy),
      placedAt: r.placedAt.toISOString(),
      liftedBy: r.liftedBy,
      liftedAt: r.liftedAt ? r.liftedAt.toISOString() : null,
      liftReason: r.liftReason,
      active: r.liftedAt === null,
      version: r.version,
    }));
  }
}

function addYears(date: Date, years: number): Date {
  const d = new Date(date.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}
