import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MERGE_COUNT_KEYS, MERGE_UNDO_DAYS, type MergeCounts, type MergePreviewResponse, type SurvivorMergeResponse } from '@lantern/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { staffNames } from '../../access/auth/user-profile.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import type { StoredCustomValues } from '../../case-file/custom-values.js';
import { matchPerson, writeMatchTokens } from '../../case-file/survivor-match-index.js';
import { writeNameTokens } from '../../case-file/survivor-name-index.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import { Clock } from '../../kernel/config/clock.js';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { badRequest, DomainError, notFound, staleVersion } from '../../kernel/http/domain-error.js';
import type { MergeSurvivorDto, UndoMergeDto } from './dto/survivor-merge.dto.js';
import { MERGE_MOVES } from './merge-map.js';
import { SurvivorMerge, SurvivorMergeRow } from './survivor-merge.entity.js';

const DAY_MS = 86_400_000;
const emptyCounts = (): MergeCounts => Object.fromEntries(MERGE_COUNT_KEYS.map((k) => [k, 0])) as MergeCounts;
const conflict = (field: string, problem: string): DomainError => new DomainError('CONFLICT', `${field} ${problem}`, { [field]: [problem] });

/**
 * Merging two records of one survivor, and undoing it (issue 17; docs/duplicates.md, "Merge").
 *
 * A coordinator (fresh step-up, a reason) merges `mergedSurvivorId` into the survivor that stays: in one
 * transaction, every row of the tables in merge-map.ts that names the merged-away record moves to the
 * one that stays (the rows tied to her through a case follow their case), the ids of the moved rows are
 * recorded, the merged-away record is marked `mergedIntoId` (kept, so her id still resolves) and loses
 * her name and duplicate-check tokens (so she no longer shows in searches or as a duplicate), and one
 * audit row is written. Within MERGE_UNDO_DAYS by the application's clock, a coordinator (fresh
 * step-up, a reason) moves back exactly the recorded rows; refused (409, naming the field) when a moved
 * row no longer belongs to the survivor that stays, when records were added to a moved case since (they
 * would be split from their case), or when either survivor is anonymized, under an erasure request or on
 * legal hold. This is a workflow: it writes the survivor-file tables of several features, by the map.
 */
@Injectable()
export class SurvivorMergeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RecordAccess,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
  ) {}

  /** What merging `otherId` into `survivorId` would move (no step-up: nothing changes; the two reads are audited). */
  async preview(survivorId: string, otherId: string): Promise<MergePreviewResponse> {
    const { kept, merged } = await this.pair(survivorId, otherId);
    await this.dataSource.transaction((manager) => this.assertMergeable(manager, kept.id, merged.id));
    const counts = emptyCounts();
    for (const move of MERGE_MOVES) {
      const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM "${move.table}" WHERE survivor_id = $1`, [merged.id])) as { n: number }[];
      counts[move.key] = row?.n ?? 0;
    }
    await this.records.recordReads('Survivor', [kept.id, merged.id], ['id', 'alias']);
    return { survivorId: kept.id, survivorAlias: kept.alias, mergedSurvivorId: merged.id, mergedAlias: merged.alias, counts };
  }

  async merge(survivorId: string, dto: MergeSurvivorDto): Promise<SurvivorMergeResponse> {
    const { actor } = currentActor();
    this.auth.requireStepUp(actor);
    const { kept, merged } = await this.pair(survivorId, dto.mergedSurvivorId);
    const now = this.clock.now();
    const saved = await this.dataSource.transaction(async (manager) => {
      await this.assertMergeable(manager, kept.id, merged.id);
      const mergeId = randomUUID();
      const counts = emptyCounts();
      const moved: { table: string; ids: string[] }[] = [];
      for (const move of MERGE_MOVES) {
        const ids = ((await manager.query(`SELECT id FROM "${move.table}" WHERE survivor_id = $1 ORDER BY id`, [merged.id])) as { id: string }[]).map((r) => r.id);
        if (ids.length === 0) continue;
        await manager.query(`UPDATE "${move.table}" SET survivor_id = $1 WHERE id = ANY($2::uuid[])`, [kept.id, ids]);
        counts[move.key] = ids.length;
        moved.push({ table: move.table, ids });
      }
      const customFilled = await this.fillCustom(manager, kept.id, merged.id, now);
      const merge = await manager.save(
        manager.create(SurvivorMerge, {
          id: mergeId,
          organizationId: actor.organizationId,
          survivorId: kept.id,
          mergedSurvivorId: merged.id,
          reason: dto.reason,
          mergedBy: actor.id,
          mergedAt: now,
          counts,
          customFilled,
          createdBy: actor.id,
        }),
      );
      for (const { table, ids } of moved) {
        await manager.query(`INSERT INTO survivor_merge_row (merge_id, table_name, row_id) SELECT $1, $2, unnest($3::uuid[])`, [mergeId, table, ids]);
      }
      await manager.query(`UPDATE survivor SET merged_into_id = $2, updated_at = $3, version = version + 1 WHERE id = $1`, [merged.id, kept.id, now]);
      await manager.query(`DELETE FROM survivor_name_token WHERE survivor_id = $1`, [merged.id]);
      await manager.query(`DELETE FROM survivor_match_token WHERE survivor_id = $1`, [merged.id]);
      await this.audit.record(manager, {
        action: 'create',
        subjectType: 'SurvivorMerge',
        subjectId: mergeId,
        subjectIds: [kept.id, merged.id, ...(await casesOf(manager, [kept.id]))],
        fields: [...moved.map((m) => m.table), ...(customFilled.length > 0 ? ['survivor.custom'] : [])],
        reason: 'survivor records merged',
      });
      return merge;
    });
    return (await this.present([saved]))[0]!;
  }

  /** The merges into or out of this survivor, newest first (a coordinator's; scoped through the record-access layer). */
  async list(survivorId: string): Promise<SurvivorMergeResponse[]> {
    const survivor = await this.records.findScoped<Survivor>('Survivor', survivorId);
    if (!survivor) throw await this.records.outOfReach('Survivor', survivorId, 'read');
    const rows = await this.records
      .scoped<SurvivorMerge>('SurvivorMerge')
      .andWhere('(r.survivorId = :id OR r.mergedSurvivorId = :id)', { id: survivorId })
      .orderBy('r.mergedAt', 'DESC')
      .getMany();
    return this.present(rows);
  }

  async undo(mergeId: string, dto: UndoMergeDto): Promise<SurvivorMergeResponse> {
    const { actor } = currentActor();
    this.auth.requireStepUp(actor);
    const found = await this.records.findScoped<SurvivorMerge>('SurvivorMerge', mergeId, 'update');
    if (!found) throw notFound('Merge');
    if (found.undoneAt) throw conflict('undoneAt', 'is set: this merge is already undone');
    if (found.version !== dto.version) throw staleVersion();
    const now = this.clock.now();
    if (now.getTime() - found.mergedAt.getTime() > MERGE_UNDO_DAYS * DAY_MS) throw conflict('mergedAt', `is more than ${MERGE_UNDO_DAYS} days ago: the merge can no longer be undone`);

    const saved = await this.dataSource.transaction(async (manager) => {
      const merge = await manager.findOne(SurvivorMerge, { where: { id: mergeId }, lock: { mode: 'pessimistic_write' } });
      if (!merge || merge.undoneAt || merge.version !== dto.version) throw staleVersion();
      await this.assertUndoable(manager, merge);
      const rows = await manager.find(SurvivorMergeRow, { where: { mergeId } });
      const byTable = new Map<string, string[]>();
      for (const r of rows) byTable.set(r.tableName, [...(byTable.get(r.tableName) ?? []), r.rowId]);
      for (const [table, ids] of byTable) {
        await manager.query(`UPDATE "${table}" SET survivor_id = $1 WHERE id = ANY($2::uuid[])`, [merge.mergedSurvivorId, ids]);
      }
      const customEmptied = await this.unfillCustom(manager, merge, now);
      await manager.query(`UPDATE survivor SET merged_into_id = NULL, updated_at = $2, version = version + 1 WHERE id = $1`, [merge.mergedSurvivorId, now]);
      const back = await manager.findOneByOrFail(Survivor, { id: merge.mergedSurvivorId });
      const person = matchPerson(this.cipher, back);
      await writeNameTokens(manager, this.blindIndex, back, [person.legalName, person.preferredName]);
      await writeMatchTokens(manager, this.blindIndex, [{ survivor: back, person }]);
      Object.assign(merge, { undoneAt: now, undoneBy: actor.id, undoReason: dto.reason });
      const undone = await manager.save(merge);
      await this.audit.record(manager, {
        action: 'transition',
        subjectType: 'SurvivorMerge',
        subjectId: mergeId,
        subjectIds: [merge.survivorId, merge.mergedSurvivorId, ...(await casesOf(manager, [merge.survivorId, merge.mergedSurvivorId]))],
        fields: ['undoneAt', ...byTable.keys(), ...(customEmptied ? ['survivor.custom'] : [])],
        reason: 'survivor merge undone',
      });
      return undone;
    });
    return (await this.present([saved]))[0]!;
  }

  /**
   * The survivor's own custom values (issue 18; docs/custom-fields.md, "On the survivor"): the record
   * that stays keeps each value it has, and a field it has no value for takes the merged-away record's.
   * A PII value is decrypted under the merged-away record's AAD and encrypted under the kept one's
   * (`survivor|custom.<field id>|<id>`), as a ciphertext never moves between rows. The merged-away
   * record keeps its own values (for an undo, and the erasure clears both). Returns the field ids filled.
   */
  private async fillCustom(manager: EntityManager, keptId: string, mergedId: string, now: Date): Promise<string[]> {
    const custom = await this.customOf(manager, [keptId, mergedId]);
    const kept = custom.get(keptId) ?? {};
    const additions: StoredCustomValues = {};
    for (const [fieldId, value] of Object.entries(custom.get(mergedId) ?? {})) {
      if (Object.hasOwn(kept, fieldId)) continue;
      additions[fieldId] = isCiphertext(value) ? { c: this.cipher.encrypt(this.cipher.decrypt(value.c, aad(fieldId, mergedId)), aad(fieldId, keptId)) } : value;
    }
    const filled = Object.keys(additions).sort();
    if (filled.length === 0) return [];
    await manager.query(`UPDATE survivor SET custom = custom || $2::jsonb, updated_at = $3, version = version + 1 WHERE id = $1`, [keptId, JSON.stringify(additions), now]);
    return filled;
  }

  /**
   * An undo takes back the values the merge filled in, those still as the merge left them (equal to the
   * merged-away record's, decrypted); one changed on the kept record since is a later edit and stays.
   * Returns whether any was removed.
   */
  private async unfillCustom(manager: EntityManager, merge: SurvivorMerge, now: Date): Promise<boolean> {
    if (merge.customFilled.length === 0) return false;
    const custom = await this.customOf(manager, [merge.survivorId, merge.mergedSurvivorId]);
    const kept = custom.get(merge.survivorId) ?? {};
    const merged = custom.get(merge.mergedSurvivorId) ?? {};
    const plain = (value: StoredCustomValues[string] | undefined, fieldId: string, rowId: string): string =>
      isCiphertext(value) ? this.cipher.decrypt(value.c, aad(fieldId, rowId)) : JSON.stringify(value ?? null);
    const removed = merge.customFilled.filter(
      (fieldId) => Object.hasOwn(kept, fieldId) && plain(kept[fieldId], fieldId, merge.survivorId) === plain(merged[fieldId], fieldId, merge.mergedSurvivorId),
    );
    if (removed.length === 0) return false;
    await manager.query(`UPDATE survivor SET custom = custom - $2::text[], updated_at = $3, version = version + 1 WHERE id = $1`, [merge.survivorId, removed, now]);
    return true;
  }

  private async customOf(manager: EntityManager, ids: string[]): Promise<Map<string, StoredCustomValues>> {
    const rows = (await manager.query(`SELECT id, custom FROM survivor WHERE id = ANY($1::uuid[])`, [ids])) as { id: string; custom: StoredCustomValues }[];
    return new Map(rows.map((r) => [r.id, r.custom ?? {}]));
  }

  /** Both survivors, readable by this person (else 404, whether they exist or not); never one with herself. */
  private async pair(survivorId: string, otherId: string): Promise<{ kept: Survivor; merged: Survivor }> {
    if (survivorId === otherId.toLowerCase()) throw badRequest('mergedSurvivorId', 'must be another record than the one that stays');
    const kept = await this.records.findScoped<Survivor>('Survivor', survivorId);
    if (!kept) throw await this.records.outOfReach('Survivor', survivorId, 'merge');
    const merged = await this.records.findScoped<Survivor>('Survivor', otherId);
    if (!merged) throw await this.records.outOfReach('Survivor', otherId, 'merge');
    return { kept, merged };
  }

  /** Locks both records; 409 naming the field when either is merged, anonymized, asked to be erased or on legal hold. */
  private async assertMergeable(manager: EntityManager, keptId: string, mergedId: string): Promise<void> {
    const states = await this.states(manager, [keptId, mergedId]);
    for (const [id, field] of [
      [keptId, 'survivorId'],
      [mergedId, 'mergedSurvivorId'],
    ] as const) {
      const s = states.get(id);
      if (!s) throw notFound('Survivor');
      if (s.merged_into_id) throw conflict(field, 'is already merged into another record');
      this.assertFree(s, field);
    }
  }

  /** An undo: the same guards, and every moved row still where the merge put it, and no record added to a moved case since. */
  private async assertUndoable(manager: EntityManager, merge: SurvivorMerge): Promise<void> {
    const states = await this.states(manager, [merge.survivorId, merge.mergedSurvivorId]);
    const kept = states.get(merge.survivorId);
    const merged = states.get(merge.mergedSurvivorId);
    if (!kept || !merged) throw notFound('Survivor');
    if (kept.merged_into_id) throw conflict('survivorId', 'has since been merged into another record: undo that merge first');
    this.assertFree(kept, 'survivorId');
    this.assertFree(merged, 'mergedSurvivorId');
    const rows = await manager.find(SurvivorMergeRow, { where: { mergeId: merge.id } });
    const byTable = new Map<string, string[]>();
    for (const r of rows) byTable.set(r.tableName, [...(byTable.get(r.tableName) ?? []), r.rowId]);
    for (const [table, ids] of byTable) {
      const [row] = (await manager.query(`SELECT count(*)::int AS n FROM "${table}" WHERE id = ANY($1::uuid[]) AND survivor_id = $2`, [ids, merge.survivorId])) as { n: number }[];
      if ((row?.n ?? 0) !== ids.length) throw conflict('survivorId', 'no longer holds every record the merge moved');
    }
    const caseIds = byTable.get('survivor_case') ?? [];
    if (caseIds.length === 0) return;
    const [held] = (await manager.query(`SELECT count(*)::int AS n FROM legal_hold WHERE case_id = ANY($1::uuid[]) AND lifted_at IS NULL`, [caseIds])) as { n: number }[];
    if ((held?.n ?? 0) > 0) throw conflict('cases', 'a moved case is on legal hold');
    for (const move of MERGE_MOVES) {
      if (move.table === 'survivor_case') continue;
      const [added] = (await manager.query(
        `SELECT count(*)::int AS n FROM "${move.table}" WHERE case_id = ANY($1::uuid[]) AND survivor_id = $2 AND NOT (id = ANY($3::uuid[]))`,
        [caseIds, merge.survivorId, byTable.get(move.table) ?? []],
      )) as { n: number }[];
      if ((added?.n ?? 0) > 0) throw conflict('cases', 'have records added since the merge, which an undo would split from their case');
    }
  }

  private assertFree(s: SurvivorState, field: string): void {
    if (s.anonymized_at) throw conflict(field, 'is anonymized');
    if (s.erasure) throw conflict(field, 'is under an erasure request');
    if (s.held) throw conflict(field, 'has a case on legal hold');
  }

  private async states(manager: EntityManager, ids: string[]): Promise<Map<string, SurvivorState>> {
    // Both rows locked, in id order: a merge and an undo (or two merges) of the same records wait for each other.
    await manager.query(`SELECT id FROM survivor WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    const rows = (await manager.query(
      `SELECT s.id, s.merged_into_id, s.anonymized_at,
              EXISTS (SELECT 1 FROM erasure_request e WHERE e.survivor_id = s.id AND e.status = 'pending') AS erasure,
              EXISTS (SELECT 1 FROM legal_hold h JOIN survivor_case c ON c.id = h.case_id WHERE c.survivor_id = s.id AND h.lifted_at IS NULL) AS held
         FROM survivor s WHERE s.id = ANY($1::uuid[])`,
      [ids],
    )) as SurvivorState[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async present(rows: SurvivorMerge[]): Promise<SurvivorMergeResponse[]> {
    if (rows.length === 0) return [];
    const survivorIds = [...new Set(rows.map((r) => r.mergedSurvivorId))];
    const aliases = (await this.dataSource.query(`SELECT id, alias FROM survivor WHERE id = ANY($1::uuid[])`, [survivorIds])) as { id: string; alias: string }[];
    const name = await staffNames(this.dataSource.manager, rows.map((r) => r.mergedBy));
    const now = this.clock.now().getTime();
    return rows.map((r) => {
      const until = r.mergedAt.getTime() + MERGE_UNDO_DAYS * DAY_MS;
      return {
        id: r.id,
        survivorId: r.survivorId,
        mergedSurvivorId: r.mergedSurvivorId,
        mergedAlias: aliases.find((a) => a.id === r.mergedSurvivorId)?.alias ?? '',
        reason: r.reason,
        mergedBy: r.mergedBy,
        mergedByName: name(r.mergedBy),
        mergedAt: r.mergedAt.toISOString(),
        counts: { ...emptyCounts(), ...r.counts },
        undoableUntil: new Date(until).toISOString(),
        undoable: !r.undoneAt && now <= until,
        undoneAt: r.undoneAt ? r.undoneAt.toISOString() : null,
        undoneBy: r.undoneBy,
        undoReason: r.undoReason,
        version: r.version,
      };
    });
  }
}

const isCiphertext = (value: unknown): value is { c: string } => typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { c?: unknown }).c === 'string';
const aad = (fieldId: string, rowId: string) => ({ table: 'survivor', column: `custom.${fieldId}`, rowId });

interface SurvivorState {
  id: string;
  merged_into_id: string | null;
  anonymized_at: Date | null;
  erasure: boolean;
  held: boolean;
}

/**
 * The cases of these survivors, named by a merge's audit rows beside the two survivors: each case the
 * merge moved and each of the record that stays, so their histories (workflows/case-history) show the
 * merge and its undo even once a later merge has given the case another survivor.
 */
async function casesOf(manager: EntityManager, survivorIds: string[]): Promise<string[]> {
  const rows = (await manager.query(`SELECT id FROM survivor_case WHERE survivor_id = ANY($1::uuid[]) ORDER BY id`, [survivorIds])) as { id: string }[];
  return rows.map((r) => r.id);
}
