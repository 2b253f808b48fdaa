import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  OPEN_REFERRAL_STATUSES,
  PARTNER_OPEN_REFERRAL_STATUSES,
  REFERRAL_RESPONSE_HOURS,
  REFERRAL_STATUSES,
  SERVICE_TYPES,
  type ReferralStatus,
} from '@lantern/contracts';
import { REFERRAL_PARTNER_FIELDS } from '@lantern/permissions';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListNarrowing } from '../../access/records/kept-lists.js';
import { RecordAccess, type Preload } from '../../access/records/record-access.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { immediateNeedsOf } from '../intakes/index.js';
import { decryptSurvivorPii } from '../../case-file/survivor-fields.js';
import { Case } from '../../case-file/case.entity.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import { consentCoverage, consentCoverages, type ConsentCoverage } from '../consents/index.js';
import { CustomValuesService } from '../custom-fields/index.js';
import { Referral } from './referral.entity.js';
import type { Plain } from '../../kernel/http/serialize.js';

const HOUR = 3_600_000;
/** Where a referral's encrypted texts sit: the AAD of each (kernel/crypto/field-cipher.ts). */
export const reasonAt = (id: string) => ({ table: 'referral', column: 'reason', rowId: id });
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
  (field) => !['survivor', 'sharedCustom', 'caseNumber', 'caseworkerContact', 'ageHours', 'overdue'].includes(field),
);

/**
 * What a referral's read shows beside it: its case's number and caseworker, and the survivor's alias, in
 * the read's own statement (LEFT JOINs on each table's primary key: one row per referral; a list's count
 * leaves them out). Staff only: serialize drops them for partners, whose inbox shows the alias only
 * where a live consent covers it.
 */
const CONTEXT_JOINS: NonNullable<ListNarrowing['joins']> = [
  { entity: Case, alias: 'ctx_c', on: 'ctx_c.id = r.case_id', select: { ctx_case_number: 'ctx_c.case_number', ctx_caseworker_id: 'ctx_c.assigned_caseworker_id' } },
  { entity: Survivor, alias: 'ctx_s', on: 'ctx_s.id = ctx_c.survivor_id', select: { ctx_alias: 'ctx_s.alias' } },
];

/**
 * Whose case each referral is, as the caseworker's rule looks at it, from the context join: a page of a
 * caseworker's referrals checks its rows without reading their cases again.
 */
function caseOfRow(row: Referral, raw: Plain): Preload {
  const rows = raw.ctx_case_number === undefined || raw.ctx_case_number === null ? [] : [{ id: row.caseId, assignedCaseworkerId: raw.ctx_caseworker_id ?? null }];
  return { subject: 'Case', foreignKey: 'id', keys: [row.caseId], fields: ['id', 'assignedCaseworkerId'], rows };
}

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
      // The coordinator's board: open referrals, oldest first, from a partial index of the open statuses.
      open: { kind: 'oneOf', property: 'status', values: OPEN_REFERRAL_STATUSES },
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

/**
 * Reading referrals: the board, a partner's inbox, one referral (with, for its partner, the consented
 * survivor fields), its timeline, and the answer to a partner's own move. Each read is scoped, field-
 * filtered and audited by the record-access layer; the changes are in referrals.service.ts.
 */
@Injectable()
export class ReferralReads {
  readonly listSpec: ListSpec;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly customValues: CustomValuesService,
  ) {
    this.listSpec = referralListSpec(() => this.clock.now());
    // A partner's inbox brings what its rules check on each row in the page's own statement: the partner
    // org (is it active?) and the survivor's consents (is one live for this partner?). Without them the
    // page's checks read both again, two more statements a page (docs/architecture.md, "Statements a
    // page sends"). The fields are those partner staff's rules look at (libs/permissions, the grounds).
    const partnerOrg = access.relationColumn('Referral', 'partnerOrg', ['active']);
    const consents = access.relationColumn('Referral', 'consents', ['partnerOrgId', 'purpose', 'revokedAt', 'grantedAt', 'expiresAt']);
    this.partnerNarrowing = { joins: [{ ...CONTEXT_JOINS[0]!, select: { ...CONTEXT_JOINS[0]!.select, ...partnerOrg.select, ...consents.select } }, CONTEXT_JOINS[1]!] };
    this.partnerRelated = (row, raw) => [partnerOrg.of(row, raw), consents.of(row, raw)];
  }

  /** One object each, so a list's kept SQL is found by the same key on every request (kept-lists.ts). */
  private readonly staffNarrowing: ListNarrowing = { joins: CONTEXT_JOINS };
  private readonly partnerNarrowing: ListNarrowing;
  private readonly partnerRelated: (row: Referral, raw: Plain) => Preload[];

  private timing(row: Referral): { ageHours: number; overdue: boolean } {
    const now = this.clock.now().getTime();
    const since = (row.sentAt ?? row.createdAt).getTime();
    return {
      ageHours: Math.round(((now - since) / HOUR) * 10) / 10,
      overdue: row.status === 'sent' && !!row.sentAt && now - row.sentAt.getTime() > REFERRAL_RESPONSE_HOURS * HOUR,
    };
  }

  /** A referral as answered, before field filtering: its columns, its timing, its case context and the texts in clear given. */
  plain(row: Referral, context: { caseNumber?: string; alias?: string; caseworkerId?: string | null }, clear: Plain = {}): Plain {
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

  /** A referral's case context (case number, caseworker, the survivor's alias) from its read's display joins (`CONTEXT_JOINS`). */
  private context(raw: Plain): { caseNumber?: string; alias?: string; caseworkerId?: string | null } {
    if (raw.ctx_case_number === undefined || raw.ctx_case_number === null) return {};
    return { caseNumber: String(raw.ctx_case_number), alias: String(raw.ctx_alias ?? ''), caseworkerId: (raw.ctx_caseworker_id as string | null) ?? null };
  }

  /** Staff-only text, decrypted when the caller may read it. */
  private clearText(row: Referral, allowed: Set<string>): Plain {
    return {
      ...(allowed.has('reason') ? { reason: row.reason === null ? null : this.cipher.decrypt(row.reason, reasonAt(row.id)) } : {}),
      ...(allowed.has('outcomeNote') ? { outcomeNote: row.outcomeNote === null ? null : this.cipher.decrypt(row.outcomeNote, outcomeAt(row.id)) } : {}),
    };
  }

  /** The coordinator's board, a caseworker's referrals, a partner's inbox: scoped, field-filtered and audited. */
  /** `extra`: what each row carries beyond the referral's fields (its custom values, features/custom-fields). */
  list(query: ListQuery, extra?: (rows: Referral[]) => Plain[]): Promise<Page<Plain>> {
    const partner = currentActor().actor.role === 'partner';
    return this.access.list<Referral>({
      extra,
      subject: 'Referral',
      spec: this.listSpec,
      query,
      narrow: partner ? this.partnerNarrowing : this.staffNarrowing,
      // A partner's inbox comes newest first from its index and its rows are mostly on their grounds:
      // its page checks each row's consents, where its count finds the partner's live consents once.
      probeRelations: partner,
      related: partner ? this.partnerRelated : (row, raw) => [caseOfRow(row, raw)],
      present: async (rows, readable, raw) => {
        const manager = this.dataSource.manager;
        const covered = partner ? await this.aliasesCovered(manager, rows) : new Set<Referral>();
        const out: Plain[] = [];
        for (const row of rows) {
          // Lists never carry the free-text reason.
          const allowed = new Set(readable(row));
          allowed.delete('reason');
          const context = this.context(raw(row));
          const extra = this.clearText(row, allowed);
          // A partner's inbox row tells its referrals apart by the case number and, only when a live
          // consent for this partner covers it, the survivor's alias (issue 13).
          if (partner) extra.survivor = context.caseNumber !== undefined && covered.has(row) ? { alias: context.alias } : {};
          out.push(this.plain(row, context, extra));
        }
        return out;
      },
    });
  }

  /**
   * One referral. Staff see the request and its reason (an audited read); partner staff see the
   * request and exactly the survivor fields consented for their organization, and that disclosure is
   * audited before the answer (which fields, whose, to which partner org, under which consent).
   */
  get(id: string): Promise<Plain> {
    const { actor } = currentActor();
    let disclosed: { fields: string[]; reason: string; subjectType: 'Survivor'; subjectId: string } | null = null;
    return this.access.get<Referral>({
      subject: 'Referral',
      id,
      joins: CONTEXT_JOINS,
      present: async (row, readable, manager, raw) => {
        const context = this.context(raw);
        const extra: Plain = this.clearText(row, readable);
        if (actor.role === 'partner') {
          const view = DISCLOSING.includes(row.status) ? await this.partnerView(manager, row) : { survivor: {}, fields: [], basis: null, coverage: null };
          extra.survivor = view.survivor;
          extra.caseworkerContact = DISCLOSING.includes(row.status) ? await this.caseworkerContact(manager, context.caseworkerId) : null;
          // Shareable custom values: only what a live consent names (`cf:<field id>`), never under an
          // override alone, checked at this request, so a revocation hides them on the next one.
          const shared = view.coverage ? await this.customValues.sharedWithPartner(manager, row, view.coverage.customFields) : [];
          extra.sharedCustom = shared;
          const fields = [...view.fields, ...shared.map((v) => `custom.${v.entity}.${v.key}`)];
          if (fields.length > 0) {
            disclosed = {
              fields,
              reason: `to partner org ${row.partnerOrgId} under ${view.basis ?? 'no consent'}; referral ${row.id}`,
              subjectType: 'Survivor',
              subjectId: row.survivorId,
            };
          }
        }
        return this.plain(row, context, extra);
      },
      disclose: () => disclosed,
    });
  }

  /**
   * The rows of a page whose survivor's alias a partner may see on its inbox: the referral shares it, it
   * is open to them, and a live share_with_partner consent for this partner covers it (never an override
   * alone). One query for the page, not one per row (docs/benchmarks.md, the partner inbox).
   */
  private async aliasesCovered(manager: EntityManager, rows: Referral[]): Promise<Set<Referral>> {
    const asking = rows.filter((row) => DISCLOSING.includes(row.status) && row.sharedFields.includes('alias'));
    const covered = new Set<Referral>();
    const now = this.clock.now();
    // A partner's rows all go to its own organization: one look-up, whatever the page.
    for (const partnerOrgId of new Set(asking.map((row) => row.partnerOrgId))) {
      const mine = asking.filter((row) => row.partnerOrgId === partnerOrgId);
      const coverage = await consentCoverages(manager, mine.map((row) => row.survivorId), partnerOrgId, now);
      for (const row of mine) if (coverage.get(row.survivorId)?.covered.has('alias')) covered.add(row);
    }
    return covered;
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
  private async partnerView(manager: EntityManager, row: Referral): Promise<{ survivor: Plain; fields: string[]; basis: string | null; coverage: ConsentCoverage }> {
    const coverage = await consentCoverage(manager, row.survivorId, row.partnerOrgId, this.clock.now(), row.sentAt);
    let fields: string[] = row.sharedFields.filter((f) => coverage.covered.has(f));
    let basis = coverage.consentId ? `consent ${coverage.consentId}` : null;
    // A coordinator's override stands for what it named, until the survivor refuses (revokes) afterwards.
    if (row.consentOverrideReason && !coverage.revokedSince) {
      fields = [...row.sharedFields];
      basis = basis ? `${basis} and a coordinator override` : 'a coordinator override';
    }
    if (fields.length === 0) return { survivor: {}, fields, basis, coverage };
    const survivor = await manager.findOneByOrFail(Survivor, { id: row.survivorId });
    const clear = decryptSurvivorPii(this.cipher, survivor, new Set(fields.filter((f) => PII_FIELDS.has(f))));
    const out: Plain = {};
    for (const field of fields) {
      if (PII_FIELDS.has(field)) out[field] = clear[field as keyof typeof clear] ?? null;
      else if (field === 'immediateNeeds') out[field] = await immediateNeedsOf(manager, row.caseId);
      else out[field] = (survivor as unknown as Plain)[field] ?? null;
    }
    return { survivor: out, fields, basis, coverage };
  }

  /**
   * A partner's own move that ends its access (declining, completing): the answer is the referral as
   * it now stands, without the survivor or anything of the case, since the referral is no longer theirs to read.
   */
  async partnerReceipt(id: string): Promise<Plain> {
    const row = await this.dataSource.manager.findOneByOrFail(Referral, { id });
    const full = this.plain(row, {}, { outcomeNote: row.outcomeNote === null ? null : this.cipher.decrypt(row.outcomeNote, outcomeAt(row.id)) });
    return Object.fromEntries(PARTNER_RECEIPT_FIELDS.map((field) => [field, full[field] ?? null]));
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
}
