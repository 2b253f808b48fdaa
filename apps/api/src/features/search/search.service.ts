import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GlobalSearchCase, GlobalSearchPartnerOrg, GlobalSearchResult, GlobalSearchSurvivor } from '@lantern/contracts';
import { permittedFields } from '@lantern/permissions';
import { PARTNER_OPEN_REFERRAL_STATUSES, type ReferralStatus } from '@lantern/contracts';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { SecretThrottle } from '../../access/auth/secret-throttle.service.js';
import { countSearch } from '../../access/auth/search-throttle.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { ALIAS_FOLD_SQL, aliasKey } from '../../case-file/name-matching.js';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { forbidden } from '../../kernel/http/domain-error.js';
import { Clock } from '../../kernel/config/clock.js';
import { consentCoverage } from '../consents/index.js';

/** Results per group: the box finds a record to open, it is no list to page through. */
const GROUP_LIMIT = 10;

/** `value` inside a LIKE pattern, its wildcards taken literally (escape character `\`). */
function likeLiteral(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The app bar's search (issue 13): part of a case number, an alias or a partner organization's name.
 * Each group is scoped in SQL to what the caller may read (the record-access layer): a caseworker
 * finds her own cases and survivors, a coordinator the program's, an admin case numbers (never an
 * alias: admins do not read survivors), a partner the referrals sent to it by case number, an analyst
 * nothing (403). The records it discloses are audited as list reads and count against the read
 * budget; the search itself is audited (action `search`) with a keyed hash of its text, shares the name
 * search's limit (10 a minute), and counts in the hourly total the name search's sweep alert looks at
 * (it discloses nothing outside the caller's reach, so it raises no alert of its own).
 */
@Injectable()
export class SearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: RecordAccess,
    private readonly audit: AuditService,
    private readonly throttle: SecretThrottle,
    private readonly blindIndex: BlindIndex,
    private readonly clock: Clock,
  ) {}

  async search(q: string): Promise<GlobalSearchResult> {
    const { actor, ability } = currentActor();
    const reads = {
      cases: ability.can('read', 'Case'),
      survivors: ability.can('read', 'Survivor'),
      partnerOrgs: ability.can('read', 'PartnerOrg'),
      referrals: !ability.can('read', 'Case') && ability.can('read', 'Referral'),
    };
    if (!Object.values(reads).some(Boolean)) throw forbidden('You may not search records');

    const folded = aliasKey(q);
    const trail = { action: 'search' as const, subjectType: null, fields: ['q'], reason: `global ${this.blindIndex.keyed('search-global', folded || q.toLowerCase(), 4)}` };
    await countSearch(this.throttle, this.audit, actor.id, trail);
    if (reads.cases || reads.survivors || reads.referrals) await this.access.beforeRead();

    const number = `%${likeLiteral(q.toUpperCase())}%`;
    const alias = folded.length >= 2 ? `%${folded}%` : null;
    const result: GlobalSearchResult = { cases: [], survivors: [], partnerOrgs: [], referrals: [] };
    const survivorReads = new Set<string>();
    const partnerAliasReads = new Set<string>();

    if (reads.cases) {
      const qb = this.access.scoped<ObjectLiteral>('Case');
      if (alias) {
        // An alias finds a case only through a survivor the caller may read (an admin's cases: by number only).
        const scope = this.access.scopeSql('Survivor', 'gs');
        qb.andWhere(
          `(r.case_number ILIKE :gsNumber ESCAPE '\\' OR EXISTS (SELECT 1 FROM survivor gs WHERE gs.id = r.survivor_id AND ${ALIAS_FOLD_SQL('gs.alias')} LIKE :gsAlias AND (${scope.sql})))`,
          { ...scope.params, gsNumber: number, gsAlias: alias },
        );
      } else {
        qb.andWhere(`r.case_number ILIKE :gsNumber ESCAPE '\\'`, { gsNumber: number });
      }
      const cases = await qb
        .orderBy('CASE WHEN upper(r.case_number) = :gsExact THEN 0 ELSE 1 END', 'ASC')
        .addOrderBy('r.opened_at', 'DESC')
        .setParameter('gsExact', q.toUpperCase())
        .limit(GROUP_LIMIT)
        .getMany();
      const aliases = await this.readableAliases(cases.map((c) => c.survivorId as string));
      result.cases = cases.map((c): GlobalSearchCase => {
        const shown = aliases.get(c.survivorId as string);
        if (shown !== undefined) survivorReads.add(c.survivorId as string);
        return { id: c.id as string, caseNumber: c.caseNumber as string, status: c.status as string, ...(shown !== undefined ? { alias: shown } : {}) };
      });
    }

    if (reads.survivors && alias) {
      const rows = await this.access
        .scoped<ObjectLiteral>('Survivor')
        .andWhere(`${ALIAS_FOLD_SQL('r.alias')} LIKE :gsAlias`, { gsAlias: alias })
        // A record merged into another (issue 17, docs/duplicates.md) is found as the one that stays.
        .andWhere('r.merged_into_id IS NULL')
        .orderBy('r.alias', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .limit(GROUP_LIMIT)
        .getMany();
      const full = await this.access.withRelations('Survivor', rows);
      result.survivors = rows.flatMap((row, i): GlobalSearchSurvivor[] => {
        const fields = new Set(permittedFields(ability, 'read', 'Survivor', full[i]));
        if (!fields.has('alias')) return [];
        survivorReads.add(row.id as string);
        return [{ id: row.id as string, alias: row.alias as string, birthYear: fields.has('birthYear') ? (row.birthYear as number | null) : null }];
      });
    }

    if (reads.partnerOrgs && alias) {
      const rows = await this.access
        .scoped<ObjectLiteral>('PartnerOrg')
        .andWhere(`${ALIAS_FOLD_SQL('r.name')} LIKE :gsAlias`, { gsAlias: alias })
        .orderBy('r.name', 'ASC')
        .limit(GROUP_LIMIT)
        .getMany();
      result.partnerOrgs = rows.map((row): GlobalSearchPartnerOrg => ({ id: row.id as string, name: row.name as string }));
    }

    if (reads.referrals) {
      // Partner staff: the referrals sent to them while their grounds hold, by the case number they show
      // or by the survivor's alias where their inbox shows it too: the referral shares the alias, it is
      // open to them, and a live consent for their organization covers it (referral-reads.ts). A referral
      // that matched by alias alone is dropped unless that holds, so the search tells nothing the inbox
      // would not.
      const qb = this.access
        .scoped<ObjectLiteral>('Referral')
        .innerJoin('survivor_case', 'gc', 'gc.id = r.case_id')
        .addSelect('gc.case_number', 'gs_case_number')
        .addSelect(`gc.case_number ILIKE :gsNumber ESCAPE '\\'`, 'gs_by_number');
      if (alias) {
        qb.innerJoin('survivor', 'gsv', 'gsv.id = r.survivor_id')
          .addSelect('gsv.alias', 'gs_alias')
          .andWhere(
            `(gc.case_number ILIKE :gsNumber ESCAPE '\\' OR (${ALIAS_FOLD_SQL('gsv.alias')} LIKE :gsAlias AND 'alias' = ANY(r.shared_fields) AND r.status IN (:...gsOpen)))`,
            { gsAlias: alias, gsOpen: [...PARTNER_OPEN_REFERRAL_STATUSES] },
          );
      } else {
        qb.andWhere(`gc.case_number ILIKE :gsNumber ESCAPE '\\'`);
      }
      const rows = await qb
        .setParameter('gsNumber', number)
        .orderBy('r.sent_at', 'DESC')
        .limit(GROUP_LIMIT * 2)
        .getRawAndEntities();
      const full = await this.access.withRelations('Referral', rows.entities);
      const raws = rows.raw as Record<string, unknown>[];
      const now = this.clock.now();
      for (const [i, row] of rows.entities.entries()) {
        if (result.referrals.length === GROUP_LIMIT) break;
        const fields = new Set(permittedFields(ability, 'read', 'Referral', full[i]));
        if (!fields.has('caseNumber')) continue;
        const raw = raws.find((r) => r.r_id === row.id);
        const shared = (row.sharedFields as string[]).includes('alias') && PARTNER_OPEN_REFERRAL_STATUSES.includes(row.status as ReferralStatus);
        const covered =
          alias !== null && shared && (await consentCoverage(this.dataSource.manager, row.survivorId as string, row.partnerOrgId as string, now, row.sentAt as Date | null)).covered.has('alias');
        if (!raw?.gs_by_number && !covered) continue;
        if (covered) partnerAliasReads.add(row.survivorId as string);
        result.referrals.push({
          id: row.id as string,
          caseNumber: String(raw?.gs_case_number ?? ''),
          serviceType: row.serviceType as string,
          status: row.status as string,
          ...(covered ? { alias: String(raw?.gs_alias ?? '') } : {}),
        });
      }
    }

    await this.access.recordReads('Case', result.cases.map((c) => c.id), ['id', 'caseNumber', 'status', 'survivorId']);
    await this.access.recordReads('Survivor', [...survivorReads], ['id', 'alias', 'birthYear']);
    await this.access.recordReads('Referral', result.referrals.map((r) => r.id), ['id', 'caseNumber', 'serviceType', 'status']);
    // A partner shown survivors' aliases: that disclosure is a read of those survivors, audited by id.
    await this.access.recordReads('Survivor', [...partnerAliasReads], ['alias']);
    await this.dataSource.transaction((manager) => this.audit.record(manager, trail));
    return result;
  }

  /** The aliases of those survivors the caller may read (scoped in SQL), by survivor id. */
  private async readableAliases(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    const { ability } = currentActor();
    const rows = await this.access.scoped<ObjectLiteral>('Survivor').andWhere('r.id IN (:...gsIds)', { gsIds: [...new Set(ids)] }).getMany();
    const full = await this.access.withRelations('Survivor', rows);
    rows.forEach((row, i) => {
      if (permittedFields(ability, 'read', 'Survivor', full[i]).includes('alias')) out.set(row.id as string, row.alias as string);
    });
    return out;
  }
}
