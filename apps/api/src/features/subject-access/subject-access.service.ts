import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { permittedFields, type SubjectType } from '@lantern/permissions';
import { SUBJECT_ACCESS_FORMAT, type SubjectAccessPackage, type SubjectAccessPlanVersion, type SubjectAccessRecord, type SubjectAccessSection } from '@lantern/contracts';
import { DataSource, In, type EntityManager, type ObjectLiteral } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { ENCRYPTED_COLUMNS } from '../../kernel/crypto/key-rotation.js';
import { SURVIVOR_DATA } from '../erasure/index.js';
import { CustomValuesService } from '../custom-fields/index.js';
import type { Plain } from '../../kernel/http/serialize.js';

/** Each section of the package and the permission subject whose records fill it. */
export const PACKAGE_SECTIONS: readonly { section: SubjectAccessSection; subject: SubjectType }[] = [
  { section: 'cases', subject: 'Case' },
  { section: 'intakes', subject: 'Intake' },
  { section: 'consents', subject: 'Consent' },
  { section: 'caseNotes', subject: 'CaseNote' },
  { section: 'servicePlans', subject: 'ServicePlan' },
  { section: 'goals', subject: 'Goal' },
  { section: 'tasks', subject: 'Task' },
  { section: 'outcomeAssessments', subject: 'OutcomeAssessment' },
  { section: 'referrals', subject: 'Referral' },
  { section: 'serviceDeliveries', subject: 'ServiceDelivery' },
  { section: 'immigrationRelief', subject: 'ImmigrationRelief' },
  { section: 'funderData', subject: 'FunderData' },
  { section: 'appointments', subject: 'Appointment' },
  { section: 'contacts', subject: 'Contact' },
  { section: 'documents', subject: 'Document' },
];

/** The agreed revisions of a plan, shown inside the plan (`agreedVersions`); read through the plans already scoped. */
const PLAN_VERSION_TABLE = 'service_plan_version';

/**
 * Tables of the survivor data map (features/erasure/survivor-data-map.ts) the package leaves out, and
 * why. Every other table of the map is in the package: subject-access.int-spec.ts fails on a table that
 * is in neither, so a new table cannot be forgotten here either.
 */
export const NOT_IN_PACKAGE: Readonly<Record<string, string>> = {
  survivor_name_token: 'keyed hashes of her names (a search index): nothing she has not already in her record',
  survivor_match_token: 'keyed hashes for the duplicate check: the same',
  case_assignment: "staff's record of who was assigned to the case",
  case_status_change: "staff's record of the case's moves; the case's status and dates are in the package",
  intake_revision: 'earlier versions of an intake; the intake as it stands is in the package',
  case_note_draft: "a caseworker's unsaved text, not part of the record",
  break_glass_grant: 'an access record (who opened the file in an emergency), like the audit trail',
  referral_transition: "staff's record of a referral's moves; its status and dates are in the package",
  document_chunk: "the documents' content: the package lists the documents, as issue 16 asks",
  notification: "staff's notifications about the case",
  reminder_given: 'which reminder was given when: ids only',
  erasure_request: 'the record of an erasure request about her',
  legal_hold: 'a legal hold on the case, kept as its record',
  survivor_merge: "staff's record that two records of hers were merged (issue 17); what moved is in the package with her record",
  import_record: 'a keyed hash of the spreadsheet row she was imported from: nothing she can read',
};

/**
 * The subject access package (issue 16, part 4; docs/subject-access.md): everything the data map names
 * as hers, read through the record-access layer with the `export` action (scoped in SQL: a restricted
 * note is never selected; field-filtered by the coordinator's export rules: a document's content is not
 * a field of the list), decrypted, and audited as ONE `export` row naming the survivor and every record
 * in the package, written in the same transaction as the reads (no audit, no package). Step-up first.
 */
@Injectable()
export class SubjectAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: RecordAccess,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly customValues: CustomValuesService,
  ) {}

  /** `locale`: the language of the custom fields' labels and answers (the PDF's; docs/subject-access.md). */
  async build(survivorId: string, format: string, locale = 'en'): Promise<SubjectAccessPackage> {
    const { actor } = currentActor();
    // Survivor data leaves the system: the same fresh step-up as the other exports.
    this.auth.requireStepUp(actor);
    const built = await this.dataSource.transaction(async (manager) => {
      const customFields: string[] = [];
      const [survivor] = await this.read(manager, 'Survivor', survivorId, locale, customFields);
      if (!survivor) return null;
      const body: Plain = { format: SUBJECT_ACCESS_FORMAT, generatedAt: this.clock.now().toISOString(), survivor };
      const ids: string[] = [survivorId];
      for (const { section, subject } of PACKAGE_SECTIONS) {
        const records = await this.read(manager, subject, survivorId, locale, customFields, section);
        if (section === 'consents') await this.nameCustomItems(manager, records, locale);
        body[section] = records;
        ids.push(...records.map((r) => r.id as string));
      }
      const versions = await this.planVersions(manager, body.servicePlans as SubjectAccessRecord[]);
      ids.push(...versions);
      await this.audit.record(manager, {
        action: 'export',
        subjectType: 'Survivor',
        subjectId: survivorId,
        subjectIds: ids,
        fields: ['survivor', ...PACKAGE_SECTIONS.map((s) => s.section), ...new Set(customFields)],
        reason: `subject access package (${format})`,
      });
      return body as unknown as SubjectAccessPackage;
    });
    if (!built) throw await this.access.outOfReach('Survivor', survivorId, 'export');
    return built;
  }

  /**
   * Her records of one subject: the `export` scope of the record-access layer AND the data map's
   * condition for the subject's table; then only the fields the export rules allow, decrypted, and the
   * record's custom values (features/custom-fields), named for the audit as `<section>.custom.<key>`.
   */
  private async read(manager: EntityManager, subject: SubjectType, survivorId: string, locale: string, customFields: string[], section = 'survivor'): Promise<SubjectAccessRecord[]> {
    const { ability } = currentActor();
    const metadata = this.dataSource.getMetadata(subject);
    const table = metadata.tableName;
    const entry = SURVIVOR_DATA.find((e) => e.table === table);
    if (!entry) throw new Error(`${table} is not in the survivor data map`);
    const rows = await this.access
      .scoped<ObjectLiteral>(subject, 'export', manager, 't')
      .andWhere(`(${entry.rows.replaceAll('$1', ':survivorId')})`, { survivorId })
      .orderBy('t.createdAt', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
    const full = await this.access.withRelations(subject, rows, manager);
    const encrypted = new Map(
      ENCRYPTED_COLUMNS.filter((c) => c.table === table).flatMap((c) => {
        const column = metadata.findColumnWithDatabaseName(c.column);
        return column ? [[column.propertyName, c.column] as const] : [];
      }),
    );
    const custom = await this.customValues.packageValues(manager, subject, rows, locale);
    return rows.map((row, i) => {
      const out: Plain = {};
      for (const field of permittedFields(ability, 'export', subject, full[i])) {
        if (!(field in row)) continue;
        let value = row[field] as unknown;
        const column = encrypted.get(field);
        if (column && typeof value === 'string') value = this.cipher.decrypt(value, { table, column, rowId: row.id as string });
        out[field] = value instanceof Date ? value.toISOString() : value;
      }
      const values = custom.get(row.id as string) ?? [];
      if (values.length > 0) {
        out.custom = values;
        customFields.push(...values.map((v) => `${section}.custom.${v.key}`));
      }
      return out;
    });
  }

  /**
   * A consent's custom field items (`cf:<field id>`) written as the field's label in her language, so the
   * package says what she agreed to share ("Faith group"), not an id (docs/subject-access.md).
   */
  private async nameCustomItems(manager: EntityManager, consents: SubjectAccessRecord[], locale: string): Promise<void> {
    const items = consents.flatMap((c) => (Array.isArray(c.sharedFields) ? (c.sharedFields as string[]) : []));
    const labels = await this.customValues.shareItemLabels(manager, items, locale);
    if (labels.size === 0) return;
    for (const consent of consents) {
      if (Array.isArray(consent.sharedFields)) consent.sharedFields = (consent.sharedFields as string[]).map((item) => labels.get(item) ?? item);
    }
  }

  /** Puts on each plan the revisions she agreed to, decrypted; returns their ids for the audit row. */
  private async planVersions(manager: EntityManager, plans: SubjectAccessRecord[]): Promise<string[]> {
    const planIds = plans.map((p) => p.id as string);
    const rows = planIds.length === 0 ? [] : await manager.getRepository<ObjectLiteral>('ServicePlanVersion').find({ where: { planId: In(planIds) }, order: { revision: 'ASC' } });
    for (const plan of plans) {
      plan.agreedVersions = rows
        .filter((v) => v.planId === plan.id)
        .map((v): SubjectAccessPlanVersion => {
          const text = this.cipher.decrypt(v.content as string, { table: PLAN_VERSION_TABLE, column: 'content', rowId: v.id as string });
          return { id: v.id as string, revision: v.revision as number, agreedOn: v.agreedOn as string, method: v.method as string, content: parseJson(text) };
        });
    }
    return rows.map((v) => v.id as string);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
