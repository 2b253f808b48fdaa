import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ContactChannel, DuplicateCheckResult, IdentifiedBy, ReferralSource } from '@lantern/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { Clock } from '../../kernel/config/clock.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { forbidden } from '../../kernel/http/domain-error.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { CasesService } from '../cases/index.js';
import { CustomValuesService } from '../custom-fields/index.js';
import { IntakesService } from '../intakes/index.js';
import { SurvivorsService } from '../survivors/index.js';
import { Contact } from './contact.entity.js';
import { ContactsService } from './contacts.service.js';
import type { Plain } from '../../kernel/http/serialize.js';

type SurvivorBody = Parameters<SurvivorsService['register']>[1];
type IntakeBody = Parameters<IntakesService['startDraft']>[1];

/** How the person came, in the case's referral-source and the intake's identified-by vocabularies. */
const REFERRAL_SOURCE: Record<ContactChannel, ReferralSource> = { call: 'Hotline', text: 'Hotline', walk_in: 'SelfReferral', outreach: 'Outreach', other: 'Other' };
const IDENTIFIED_BY: Record<ContactChannel, IdentifiedBy> = { call: 'Hotline', text: 'Hotline', walk_in: 'SelfReferral', outreach: 'Outreach', other: 'Other' };

export interface Conversion extends DuplicateCheckResult {
  contact: Plain;
  survivorId: string;
  caseId: string;
  caseNumber: string;
  intakeId: string;
}

const CONVERT_FIELDS = ['survivorId', 'caseId', 'outcome', 'linkedAt'];

/**
 * Converts a contact into a new case in one step (issue 17): a survivor record carrying the named
 * details, a case assigned to the caseworker converting it, and an intake draft carrying the date, the
 * needs (immediate needs), the indicators (methods of control) and the note (narrative), each written by
 * its own feature's code (SurvivorsService.register, CasesService.open, IntakesService.startDraft), all
 * in one transaction with the contact's link: any refusal on the way leaves nothing written.
 */
@Injectable()
export class ContactConversionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
    private readonly survivors: SurvivorsService,
    private readonly cases: CasesService,
    private readonly intakes: IntakesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly customValues: CustomValuesService,
  ) {}

  /**
   * Likely duplicates of the survivor this contact would become (issue 17, docs/duplicates.md), asked
   * by the conversion dialog before anything is saved: a duplicate check like the intake's (throttled,
   * audited with keyed hashes only), by whoever may convert the contact and register survivors.
   */
  async duplicates(id: string): Promise<DuplicateCheckResult> {
    const row = await this.access.loadForChange<Contact>({ subject: 'Contact', id, fields: CONVERT_FIELDS });
    this.contacts.refuseLinked(row);
    if (!currentActor().ability.can('create', 'Survivor')) throw forbidden('You may not register survivors');
    const draft = this.draftOf(row);
    return this.survivors.checkDuplicates({ preferredName: draft.preferredName ?? null, phone: draft.phone ?? null, email: draft.email ?? null });
  }

  /** The survivor a contact becomes: the name a caller gives is the one they use, not necessarily their legal name. */
  private draftOf(row: Contact, alias?: string): SurvivorBody {
    const secret = this.contacts.decrypted(row, new Set(['name', 'phone', 'email']));
    const survivorBody: SurvivorBody = { alias: alias ?? `Contact ${row.occurredAt.toISOString().slice(0, 10)}` };
    if (secret.name) survivorBody.preferredName = secret.name;
    if (secret.phone) survivorBody.phone = secret.phone;
    if (secret.email) survivorBody.email = secret.email;
    return survivorBody;
  }

  /**
   * `custom` is the new survivor's custom values, checked as `POST /survivors` checks them (her id drawn
   * first, PII encrypted under it, her form's required fields asked: 400 naming `custom.<key>`) before
   * the transaction, which then writes them with her row: a refusal leaves the contact as it was.
   */
  async convert(id: string, version: number, alias?: string, custom?: Record<string, unknown>): Promise<Conversion> {
    const fields = CONVERT_FIELDS;
    const row = await this.access.loadForChange<Contact>({ subject: 'Contact', id, fields, version });
    this.contacts.refuseLinked(row);
    const secret = this.contacts.decrypted(row, new Set(['note']));
    const occurredOn = row.occurredAt.toISOString().slice(0, 10);
    const survivorBody = this.draftOf(row, alias);
    if (!currentActor().ability.can('create', 'Survivor')) throw forbidden('You may not register survivors');
    const survivorId = randomUUID();
    const preset = { id: survivorId, ...(await this.customValues.forNewRecord('survivor', survivorId, custom)) };

    const done = await this.dataSource.transaction(async (manager) => {
      const survivor = await this.survivors.register(manager, survivorBody, preset);
      const { row: kase } = await this.cases.open(manager, { survivorId: survivor.id, referralSource: REFERRAL_SOURCE[row.channel] });
      const intakeBody: IntakeBody = {
        caseId: kase.id,
        intakeDate: occurredOn,
        identifiedBy: IDENTIFIED_BY[row.channel],
        immediateNeeds: row.needs,
        controlMethods: row.indicators,
      };
      if (secret.note) intakeBody.narrative = secret.note;
      const intake = await this.intakes.startDraft(manager, intakeBody);
      await updateVersioned(manager, Contact, id, version, { survivorId: survivor.id, caseId: kase.id, outcome: 'converted', linkedAt: this.clock.now() });
      await this.audit.record(manager, {
        action: 'transition',
        subjectType: 'Contact',
        subjectId: id,
        subjectIds: [survivor.id, kase.id],
        fields,
        reason: `converted into case ${kase.caseNumber}`,
      });
      return { survivorId: survivor.id, caseId: kase.id, caseNumber: kase.caseNumber, intakeId: intake.id };
    });
    // The duplicate check, again on what was saved: the answer warns, as a create's does (never blocking).
    // The default alias ("Contact <date>") is shared by that day's conversions: it is no evidence.
    const duplicates = await this.survivors.duplicatesOfNew(done.survivorId, { ...survivorBody, alias: alias ?? null });
    return { contact: await this.contacts.get(id), ...done, ...duplicates };
  }
}
