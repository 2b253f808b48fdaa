import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, CONTACT_SUMMARY_MAX_DAYS, type ContactSummaryResponse, type ContactSummaryRow } from '@lantern/contracts';
import { CONTACT_PRIVATE_FIELDS } from '@lantern/permissions';
import { DataSource, In } from 'typeorm';
import { User } from '../../access/auth/user.entity.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { CustomValuesService } from '../custom-fields/index.js';
import { RecordWrites } from '../../access/records/record-writes.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { DomainError, badRequest, forbidden } from '../../kernel/http/domain-error.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { caseRecordList, whetherSet } from '../../kernel/http/list-filters.js';
import { Contact } from './contact.entity.js';
import type { CreateContactDto, UpdateContactDto } from './dto/contact.dto.js';
import type { Plain } from '../../kernel/http/serialize.js';

type PrivateField = 'name' | 'phone' | 'email' | 'area' | 'note';
const PRIVATE = CONTACT_PRIVATE_FIELDS as PrivateField[];
const NAMED = ['name', 'phone', 'email'] as const;

export const CONTACT_LIST: ListSpec = caseRecordList(
  'contacts',
  {
    channel: { kind: 'eq', type: 'enum', values: CONTACT_CHANNELS },
    outcome: { kind: 'eq', type: 'enum', values: CONTACT_OUTCOMES },
    followUpNeeded: { kind: 'eq', type: 'boolean' },
    survivorId: { kind: 'eq', type: 'uuid' },
    staffUserId: { kind: 'eq', type: 'uuid' },
    voided: whetherSet('voidedAt', 'voided_at'),
    occurredFrom: { kind: 'range', bound: 'gte', type: 'date', property: 'occurredAt' },
    occurredTo: { kind: 'range', bound: 'lte', type: 'date', property: 'occurredAt' },
  },
  { sorts: ['occurredAt', 'createdAt', 'followUpOn'], defaultSort: ['occurredAt', 'DESC'] },
);

/** Who may be named as the staff member who handled a contact. */
const STAFF_ROLES = ['caseworker', 'coordinator'] as const;
/** A contact is logged as it happens: a clock a few minutes ahead is tolerated, never a later day. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

export const contactCell = (id: string, column: PrivateField) => ({ table: 'contact', column, rowId: id });

/** The stored values of a contact after a create or a correction, checked as a whole. */
interface ContactValues {
  anonymous: boolean;
  name: string | null;
  phone: string | null;
  email: string | null;
  followUpNeeded: boolean;
  followUpOn: string | null;
}

@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly writes: RecordWrites,
    private readonly customValues: CustomValuesService,
  ) {}

  // ---- presenting -----------------------------------------------------------------------------

  /** The decrypted private fields of a contact, those this person may read only. */
  decrypted(row: Contact, readable: Set<string>): Partial<Record<PrivateField, string | null>> {
    const out: Partial<Record<PrivateField, string | null>> = {};
    for (const field of PRIVATE) {
      if (!readable.has(field)) continue;
      const value = row[field];
      out[field] = value === null ? null : this.cipher.decrypt(value, contactCell(row.id, field));
    }
    return out;
  }

  plain(row: Contact, readable: Set<string>): Plain {
    const secret = this.decrypted(row, readable);
    return {
      id: row.id,
      organizationId: row.organizationId,
      occurredAt: row.occurredAt,
      channel: row.channel,
      staffUserId: row.staffUserId,
      anonymous: row.anonymous,
      ...('name' in secret ? { name: secret.name } : {}),
      ...('phone' in secret ? { phone: secret.phone } : {}),
      ...('email' in secret ? { email: secret.email } : {}),
      countryCode: row.countryCode,
      ...('area' in secret ? { area: secret.area } : {}),
      needs: row.needs,
      indicators: row.indicators,
      immediateDanger: row.immediateDanger,
      actions: row.actions,
      followUpNeeded: row.followUpNeeded,
      followUpOn: row.followUpOn,
      ...('note' in secret ? { note: secret.note } : {}),
      outcome: row.outcome,
      survivorId: row.survivorId,
      caseId: row.caseId,
      linkedAt: row.linkedAt,
      voidedAt: row.voidedAt,
      voidReason: row.voidReason,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
    };
  }

  // ---- reads ----------------------------------------------------------------------------------

  /**
   * Contacts this person may read: scoped in SQL by the rules, field-filtered, audited. `extra`: what
   * each row carries beyond the contact's fields (its custom values, features/custom-fields).
   */
  list(query: ListQuery, extra?: (rows: Contact[]) => Plain[]): Promise<Page<Plain>> {
    return this.access.list<Contact>({
      extra,
      subject: 'Contact',
      spec: CONTACT_LIST,
      query,
      present: (rows, readable) => rows.map((row) => this.plain(row, readable(row))),
    });
  }

  /** One contact, opened: audited before the answer (RecordAccess.get). */
  get(id: string): Promise<Plain> {
    return this.access.get<Contact>({ subject: 'Contact', id, present: (row, readable) => this.plain(row, readable) });
  }

  /**
   * The weekly summary: contacts counted by week (Monday, UTC), channel and outcome over a period,
   * voided ones left out, within what this person may read (a coordinator: the whole program). Counts
   * only: no record is shown, so no read is audited.
   */
  async summary(from: string, to: string): Promise<ContactSummaryResponse> {
    const { actor } = currentActor();
    if (to < from) throw badRequest('to', 'is before from');
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
    if (days > CONTACT_SUMMARY_MAX_DAYS) throw badRequest('to', `must be within ${CONTACT_SUMMARY_MAX_DAYS} days of from`);
    const scope = this.access.scopeSql('Contact', 'c');
    const rows = await this.access.query<{ week: string; channel: ContactSummaryRow['channel']; outcome: ContactSummaryRow['outcome']; count: number | string }>(
      `SELECT to_char(date_trunc('week', c.occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, c.channel, c.outcome, count(*) AS count
         FROM contact c
        WHERE c.organization_id = :organizationId AND c.voided_at IS NULL
          AND c.occurred_at >= CAST(:from AS timestamptz) AND c.occurred_at < CAST(:until AS timestamptz)
          AND (${scope.sql})
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      {
        ...scope.params,
        organizationId: actor.organizationId,
        from: `${from}T00:00:00Z`,
        until: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString(),
      },
    );
    const out = rows.map((r) => ({ week: r.week, channel: r.channel, outcome: r.outcome, count: Number(r.count) }));
    return { from, to, total: out.reduce((sum, r) => sum + r.count, 0), rows: out };
  }

  // ---- changes --------------------------------------------------------------------------------

  /** Logs a contact (the quick hotline form): checked as a whole, then written with its audit row. */
  async create(body: CreateContactDto): Promise<Plain> {
    const { actor } = currentActor();
    const { custom: customValues, ...dto } = body;
    const staffUserId = dto.staffUserId ?? actor.id;
    await this.access.assertCreate('Contact', { createdBy: actor.id, staffUserId }, Object.keys(dto), forbidden('You may not log contacts'));
    await this.checkStaff(staffUserId);
    const occurredAt = dto.occurredAt ? this.checkWhen(dto.occurredAt) : this.clock.now();
    const named = NAMED.some((f) => dto[f]);
    const values = this.checkValues({
      anonymous: dto.anonymous ?? !named,
      name: dto.name ?? null,
      phone: dto.phone ?? null,
      email: dto.email ?? null,
      followUpNeeded: dto.followUpNeeded ?? Boolean(dto.followUpOn),
      followUpOn: dto.followUpOn ?? null,
    });
    const id = randomUUID();
    // Its custom values, checked as PUT /custom-values checks them, and the contact form's required ones.
    const custom = await this.customValues.forNewRecord('contact', id, customValues);
    const seal = (field: PrivateField, value: string | null | undefined) => (value ? this.cipher.encrypt(value, contactCell(id, field)) : null);
    await this.writes.insert<Contact>(
      'Contact',
      {
        id,
        organizationId: actor.organizationId,
        occurredAt,
        channel: dto.channel,
        staffUserId,
        anonymous: values.anonymous,
        name: seal('name', values.name),
        phone: seal('phone', values.phone),
        email: seal('email', values.email),
        countryCode: dto.countryCode ?? null,
        area: seal('area', dto.area),
        needs: dto.needs ?? [],
        indicators: dto.indicators ?? [],
        immediateDanger: dto.immediateDanger ?? 'unknown',
        actions: dto.actions ?? [],
        followUpNeeded: values.followUpNeeded,
        followUpOn: values.followUpOn,
        note: seal('note', dto.note),
        outcome: 'contact_only',
        createdBy: actor.id,
        custom: custom.custom,
      },
      [...Object.keys(dto), ...custom.fields],
    );
    return this.get(id);
  }

  /** A correction: the fields given change; the result is checked as a whole, as on creation. */
  async update(id: string, dto: UpdateContactDto): Promise<Plain> {
    const { version, ...changes } = dto;
    const fields = Object.keys(changes).filter((k) => (changes as Plain)[k] !== undefined);
    const row = await this.access.loadForChange<Contact>({ subject: 'Contact', id, fields, version });
    this.refuseVoided(row);
    for (const field of ['channel', 'occurredAt', 'staffUserId', 'anonymous', 'followUpNeeded', 'immediateDanger', 'needs', 'indicators', 'actions'] as const) {
      if ((changes as Plain)[field] === null) throw badRequest(field, 'cannot be empty');
    }
    if (changes.staffUserId !== undefined) await this.checkStaff(changes.staffUserId);
    const current = this.decrypted(row, new Set(NAMED));
    const pick = <K extends keyof ContactValues>(key: K, stored: ContactValues[K]): ContactValues[K] =>
      (changes as Plain)[key] !== undefined ? ((changes as Plain)[key] as ContactValues[K]) : stored;
    const values = this.checkValues({
      anonymous: pick('anonymous', row.anonymous),
      name: pick('name', current.name ?? null),
      phone: pick('phone', current.phone ?? null),
      email: pick('email', current.email ?? null),
      followUpNeeded: pick('followUpNeeded', row.followUpNeeded),
      followUpOn: changes.followUpNeeded === false && changes.followUpOn === undefined ? null : pick('followUpOn', row.followUpOn),
    });
    const patch: Partial<Contact> = {
      anonymous: values.anonymous,
      followUpNeeded: values.followUpNeeded,
      followUpOn: values.followUpOn,
    };
    if (changes.occurredAt !== undefined) patch.occurredAt = this.checkWhen(changes.occurredAt);
    for (const key of ['channel', 'staffUserId', 'countryCode', 'needs', 'indicators', 'immediateDanger', 'actions'] as const) {
      if (changes[key] !== undefined) (patch as Plain)[key] = changes[key];
    }
    for (const field of PRIVATE) {
      if (changes[field] !== undefined) patch[field] = changes[field] ? this.cipher.encrypt(changes[field], contactCell(id, field)) : null;
    }
    await this.writes.update<Contact>('Contact', id, version, patch, { fields });
    return this.get(id);
  }

  /** Links the contact to a survivor this person may read (once: a wrong link is corrected by voiding and logging anew). */
  async link(id: string, version: number, survivorId: string): Promise<Plain> {
    const fields = ['survivorId', 'outcome', 'linkedAt'];
    const row = await this.access.loadForChange<Contact>({ subject: 'Contact', id, fields, version });
    this.refuseLinked(row);
    const survivor = await this.access.findScoped<{ id: string }>('Survivor', survivorId);
    if (!survivor) throw badRequest('survivorId', 'is not a survivor you may read');
    const audit = { action: 'transition' as const, subjectIds: [survivorId], fields, reason: 'linked to a survivor' };
    await this.writes.update<Contact>('Contact', id, version, { survivorId, outcome: 'linked', linkedAt: this.clock.now() }, audit);
    return this.get(id);
  }

  /** A contact logged in error is voided, never deleted: kept with its reason, read-only, out of the counts. */
  async void(id: string, version: number, reason: string): Promise<Plain> {
    const fields = ['voidedAt', 'voidReason'];
    const row = await this.access.loadForChange<Contact>({ subject: 'Contact', id, fields, version });
    this.refuseVoided(row);
    const text = reason.trim();
    if (text.length < 3) throw badRequest('reason', 'must say why (3 characters at least)');
    await this.writes.update<Contact>('Contact', id, version, { voidedAt: this.clock.now(), voidReason: text }, { action: 'transition', fields, reason: 'voided' });
    return this.get(id);
  }

  // ---- checks ---------------------------------------------------------------------------------

  refuseVoided(row: Contact): void {
    if (row.voidedAt) throw new DomainError('CONTACT_VOIDED', undefined, { voidedAt: ['is set: this contact was voided'] });
  }

  refuseLinked(row: Contact): void {
    this.refuseVoided(row);
    if (row.survivorId) throw new DomainError('CONTACT_ALREADY_LINKED', undefined, { survivorId: ['is already set'] });
  }

  /** The staff member: an active caseworker or coordinator of the organization. */
  private async checkStaff(userId: string): Promise<void> {
    const { actor } = currentActor();
    const user = await this.dataSource.manager.findOne(User, {
      select: { id: true },
      where: { id: userId, organizationId: actor.organizationId, active: true, role: In([...STAFF_ROLES]) },
    });
    if (!user) throw badRequest('staffUserId', 'must be an active caseworker or coordinator of your organization');
  }

  private checkWhen(occurredAt: string): Date {
    const when = new Date(occurredAt);
    if (when.getTime() > this.clock.now().getTime() + FUTURE_TOLERANCE_MS) throw badRequest('occurredAt', 'is in the future');
    if (when.getUTCFullYear() < 2000) throw badRequest('occurredAt', 'is too far in the past');
    return when;
  }

  /** Anonymous means no named detail at all; a follow-up date only when a follow-up is needed. */
  private checkValues(values: ContactValues): ContactValues {
    if (values.anonymous) {
      const given = NAMED.find((f) => values[f]);
      if (given) throw badRequest(given, 'is given but the contact is anonymous: clear it, or set anonymous to false');
    }
    if (values.followUpOn && !values.followUpNeeded) throw badRequest('followUpOn', 'is only given when followUpNeeded is true');
    return values;
  }
}
