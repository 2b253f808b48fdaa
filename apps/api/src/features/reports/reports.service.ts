import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REPORT_TABLES_OF, type CustomFieldResponse, type FunderReportResponse, type ReportCustomFieldResponse, type ReportFormat, type ReportKind } from '@lantern/contracts';
import { permittedFields } from '@lantern/permissions';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { badRequest, DomainError } from '../../kernel/http/domain-error.js';
import { HMIS_FILE_NAMES } from './hmis/hmis-csv-spec.js';
import { hmisFiles, hmisId, hmisTables, hmisZip } from './hmis/hmis-export.js';
import { readHmisSource } from './hmis/hmis-queries.js';
import { caseloadReport, traffickingGrantReport } from './report-builder.js';
import { chosenFields, customTable, REPORT_CUSTOM_ENTITIES, reportableFields } from './report-custom.js';
import { CustomFieldsService } from '../custom-fields/index.js';
import { reportFile, reportFilename } from './report-files.js';
import { parseReportFormat, parseReportPeriod, type ReportPeriod } from './report-period.js';
import { countCaseload, countContacts, countPeople, countReferrals, countReliefMilestones, countServices, organizationName } from './report-queries.js';

/** The audit's name for a report run (docs/reports.md): a capability, not a record. */
export const REPORT_AUDIT_SUBJECT = 'FunderReport';

/**
 * Funder reports (issue 16, part 2): exact counts of the caller's organization over a period. Each run,
 * on screen or as a file, needs a fresh step-up and leaves one audit row (`read` on screen, `export` for
 * a file) naming the report, the period and the tables; a period with nothing in it is answered
 * `empty: true` on screen and 422 REPORT_PERIOD_EMPTY as a file, never as a file of zeros.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly access: RecordAccess,
    private readonly customFields: CustomFieldsService,
  ) {}

  /** The organization's case and intake fields a report's custom section may count (docs/reports.md, "The custom section"). */
  async reportableFields(): Promise<ReportCustomFieldResponse[]> {
    return reportableFields(await this.definitions());
  }

  private async definitions(): Promise<CustomFieldResponse[]> {
    const { actor } = currentActor();
    return (await Promise.all(REPORT_CUSTOM_ENTITIES.map((entity) => this.customFields.definitionsOf(actor.organizationId, entity)))).flat();
  }

  /**
   * The survivors whose legal name and date of birth the HMIS export may carry for this person: those
   * the record-access layer lets her export, scoped in SQL, when her export rules cover both fields (a
   * coordinator; docs/subject-access.md). An admin runs the export but reads no survivor file: her
   * export carries aliases and birth years (HMIS data quality 2), never a name.
   */
  private async identifiable(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    const { ability } = currentActor();
    const fields = new Set(permittedFields(ability, 'export', 'Survivor'));
    if (ids.length === 0 || !fields.has('legalName') || !fields.has('dateOfBirth')) return new Set();
    const rows = await this.access.scoped<{ id: string }>('Survivor', 'export', manager).select('r.id', 'id').andWhere('r.id = ANY(:hmisIds)', { hmisIds: ids }).getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /** The report as the screen shows it. */
  async show(kind: ReportKind, from: unknown, to: unknown, custom?: unknown): Promise<FunderReportResponse> {
    const period = parseReportPeriod(from, to);
    const fields = await this.chosen(kind, custom);
    const report = await this.run(kind, period, fields);
    await this.audited(kind, period, 'read', report.empty ? 'empty' : 'json', report);
    return report;
  }

  /** The custom section's fields (`?custom=`): the trafficking-grant report's only. */
  private async chosen(kind: ReportKind, custom: unknown): Promise<CustomFieldResponse[]> {
    if (custom === undefined || custom === '') return [];
    if (kind !== 'trafficking_grant') throw badRequest('custom', 'only the trafficking-grant report has a custom section');
    return chosenFields(custom, await this.definitions());
  }

  /** The report as a file; a period with nothing in it makes no file. */
  async download(kind: ReportKind, query: { from?: unknown; to?: unknown; format?: unknown; custom?: unknown }): Promise<{ file: Buffer; filename: string; format: ReportFormat }> {
    const period = parseReportPeriod(query.from, query.to);
    const format = parseReportFormat(query.format);
    const fields = await this.chosen(kind, query.custom);
    const report = await this.run(kind, period, fields);
    if (report.empty) {
      await this.audited(kind, period, 'export', `${format} refused: empty`, report);
      throw new DomainError('REPORT_PERIOD_EMPTY', report.message ?? undefined, { from: ['nothing was recorded in this period'], to: ['nothing was recorded in this period'] });
    }
    const file = await reportFile(report, format);
    await this.audited(kind, period, 'export', format, report);
    return { file, filename: reportFilename(report, format), format };
  }

  /**
   * The HMIS CSV export (FY2024) of the period, as a zip (docs/reports.md, "HMIS CSV"): exact records of
   * the program, names and dates of birth included, for a comparable database under a data-use
   * agreement. The same step-up as the reports; ONE `export` audit row names the period, the files and
   * every survivor in them, and is written before the file leaves (no audit, no file). A period with no
   * enrollment makes no file (422 REPORT_PERIOD_EMPTY).
   */
  async hmisCsv(query: { from?: unknown; to?: unknown }): Promise<{ file: Buffer; filename: string }> {
    const period = parseReportPeriod(query.from, query.to);
    const { actor } = currentActor();
    this.auth.requireStepUp(actor);
    const exportedAt = this.clock.now();
    const source = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      readHmisSource(manager, this.cipher, actor.organizationId, period, { exportId: hmisId(randomUUID()), exportedAt, actorId: actor.id }, (ids) => this.identifiable(manager, ids)),
    );
    const audit = (how: string, survivors: string[]) =>
      this.audit.recordAlone({
        action: 'export',
        subjectType: REPORT_AUDIT_SUBJECT,
        subjectIds: survivors,
        fields: [...HMIS_FILE_NAMES],
        reason: `hmis_csv ${period.from}..${period.to} ${how}`,
      });
    if (source.cases.length === 0) {
      await audit('zip refused: empty', []);
      throw new DomainError('REPORT_PERIOD_EMPTY', undefined, { from: ['nothing was recorded in this period'], to: ['nothing was recorded in this period'] });
    }
    const file = hmisZip(hmisFiles(hmisTables(source)), exportedAt);
    await audit(`zip export ${source.exportId}`, source.survivors.map((s) => s.id));
    return { file, filename: `hmis-csv-fy2024-${period.from}-${period.to}.zip` };
  }

  private async run(kind: ReportKind, period: ReportPeriod, custom: CustomFieldResponse[] = []): Promise<FunderReportResponse> {
    const { actor } = currentActor();
    // Exact counts of a whole program: the password again, within the last minutes (docs/security-model.md, step-up).
    this.auth.requireStepUp(actor);
    const org = actor.organizationId;
    const generatedAt = this.clock.now();
    // One snapshot for every table, so the totals of one report agree with one another.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const heading = { organizationName: await organizationName(manager, org), period, generatedAt };
      if (kind === 'caseload') return caseloadReport(heading, await countCaseload(manager, org, period));
      const people = await countPeople(manager, org, period);
      const services = await countServices(manager, org, period);
      const relief = await countReliefMilestones(manager, org, period);
      const referrals = await countReferrals(manager, org, period);
      const contacts = await countContacts(manager, org, period);
      const report = traffickingGrantReport(heading, { people, services, relief, referrals, contacts });
      // The custom section: one table per field chosen, counted in the same snapshot.
      for (const field of custom) report.tables.push(await customTable(manager, org, period, field));
      return report;
    });
  }

  /** One row per run, committed before the answer leaves (if the audit fails, the report is not given). */
  private audited(kind: ReportKind, period: ReportPeriod, action: 'read' | 'export', how: string, report: FunderReportResponse): Promise<void> {
    return this.audit.recordAlone({
      action,
      subjectType: REPORT_AUDIT_SUBJECT,
      // The custom section's tables too (`custom.<entity>.<key>`).
      fields: [...REPORT_TABLES_OF[kind], ...report.tables.map((t) => t.id).filter((id) => id.startsWith('custom.'))],
      reason: `${kind} ${period.from}..${period.to} ${how}`,
    });
  }
}
