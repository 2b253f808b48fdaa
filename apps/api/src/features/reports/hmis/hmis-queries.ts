import type { FunderDataValues, Gender } from '@lantern/contracts';
import { In, type EntityManager } from 'typeorm';
import { decryptSurvivorPii } from '../../../case-file/survivor-fields.js';
import { Survivor } from '../../../case-file/survivor.entity.js';
import type { FieldCipher } from '../../../kernel/crypto/field-cipher.js';
import { bound } from '../report-queries.js';
import type { ReportPeriod } from '../report-period.js';
import type { HmisSource } from './hmis-export.js';

type Row = Record<string, unknown>;

/**
 * The enrollments of the period, as the funder reports count cases (report-queries.ts): the cases open
 * at some moment of it, and those a service was given on in it. A closure after the period is not an
 * exit yet for the period: `closed_at` is kept only when it falls before the period's end.
 */
const CASES = `
  SELECT c.id, c.survivor_id, c.opened_at, c.created_at, c.updated_at, c.created_by,
         CASE WHEN c.closed_at < {end} THEN c.closed_at END AS closed_at,
         CASE WHEN c.closed_at < {end} THEN c.exit_destination END AS exit_destination,
         (SELECT o.housing_situation FROM outcome_assessment o WHERE o.case_id = c.id AND o.stage = 'intake') AS living_situation
    FROM survivor_case c
   WHERE c.organization_id = {org}
     AND ((c.opened_at < {end} AND (c.closed_at IS NULL OR c.closed_at >= {start}))
       OR c.id IN (SELECT d.case_id FROM service_delivery d
                    WHERE d.organization_id = {org} AND d.voided_at IS NULL AND d.delivered_on BETWEEN {from}::date AND {to}::date))
   ORDER BY c.opened_at, c.id`;

const FUNDER_DATA = `SELECT f.*, to_char(f.information_date, 'YYYY-MM-DD') AS information_day, to_char(f.law_enforcement_reported_on, 'YYYY-MM-DD') AS reported_day FROM funder_data f WHERE f.organization_id = {org} AND f.case_id IN (SELECT id FROM survivor_case WHERE organization_id = {org})`;

const SHELTER_NIGHTS = `
  SELECT d.id, d.case_id, to_char(d.delivered_on, 'YYYY-MM-DD') AS delivered_on, d.units, d.created_at, d.updated_at, d.created_by
    FROM service_delivery d
   WHERE d.organization_id = {org} AND d.voided_at IS NULL AND d.category = 'emergency_shelter'
     AND d.delivered_on BETWEEN {from}::date AND {to}::date
   ORDER BY d.delivered_on, d.id`;

const USERS = `SELECT u.id, u.display_name, u.email, u.active, u.created_at, u.updated_at FROM app_user u WHERE u.organization_id = {org}`;
const ORGANIZATION = `SELECT o.id, o.name, o.created_at, o.updated_at FROM organization o WHERE o.id = {org}`;

/**
 * Everything the HMIS CSV export of one organization and period is made of, read in the caller's
 * transaction (one snapshot). Legal names and dates of birth are decrypted here, for the export only,
 * and only of the survivors `identifiable` answers for: those the record-access layer lets the caller
 * export (reports.service.ts). The others go out by alias and birth year, as HMIS's partial data quality.
 */
export async function readHmisSource(
  manager: EntityManager,
  cipher: FieldCipher,
  organizationId: string,
  period: ReportPeriod,
  head: Pick<HmisSource, 'exportId' | 'exportedAt' | 'actorId'>,
  identifiable: (survivorIds: string[]) => Promise<Set<string>>,
): Promise<HmisSource> {
  const run = (sql: string) => manager.query(...bound(sql, organizationId, period)) as Promise<Row[]>;
  const [organization] = await run(ORGANIZATION);
  const cases = await run(CASES);
  const caseIds = new Set(cases.map((c) => c.id as string));
  const survivorIds = [...new Set(cases.map((c) => c.survivor_id as string))];
  const survivors = survivorIds.length === 0 ? [] : await manager.find(Survivor, { where: { id: In(survivorIds), organizationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  const named = await identifiable(survivors.map((s) => s.id));
  const funderData = (await run(FUNDER_DATA)).filter((f) => caseIds.has(f.case_id as string));
  const nights = (await run(SHELTER_NIGHTS)).filter((n) => caseIds.has(n.case_id as string));
  const users = await run(USERS);
  return {
    ...head,
    from: period.from,
    to: period.to,
    organization: { id: organization!.id as string, name: organization!.name as string, createdAt: organization!.created_at as Date, updatedAt: organization!.updated_at as Date },
    users: users.map((u) => ({
      id: u.id as string,
      displayName: u.display_name as string,
      email: u.email as string,
      active: u.active as boolean,
      createdAt: u.created_at as Date,
      updatedAt: u.updated_at as Date,
    })),
    survivors: survivors.map((s) => {
      const clear = named.has(s.id) ? decryptSurvivorPii(cipher, s, new Set(['legalName', 'dateOfBirth'])) : {};
      return {
        id: s.id,
        legalName: clear.legalName ?? null,
        alias: s.alias,
        dateOfBirth: clear.dateOfBirth ?? null,
        birthYear: s.birthYear,
        gender: s.gender as Gender | null,
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
        createdBy: s.createdBy,
      };
    }),
    cases: cases.map((c) => ({
      id: c.id as string,
      survivorId: c.survivor_id as string,
      openedAt: c.opened_at as Date,
      closedAt: (c.closed_at as Date | null) ?? null,
      exitDestination: c.exit_destination === null ? null : Number(c.exit_destination),
      livingSituation: c.living_situation === null ? null : Number(c.living_situation),
      createdAt: c.created_at as Date,
      updatedAt: c.updated_at as Date,
      createdBy: (c.created_by as string | null) ?? null,
    })),
    funderData: funderData.map((f) => ({
      caseId: f.case_id as string,
      informationDate: (f.information_day as string | null) ?? null,
      raceEthnicity: (f.race_ethnicity as FunderDataValues['raceEthnicity']) ?? [],
      raceNone: f.race_none as FunderDataValues['raceNone'],
      veteranStatus: f.veteran_status as FunderDataValues['veteranStatus'],
      disablingCondition: f.disabling_condition as FunderDataValues['disablingCondition'],
      physicalDisability: f.physical_disability as FunderDataValues['physicalDisability'],
      developmentalDisability: f.developmental_disability as FunderDataValues['developmentalDisability'],
      chronicHealthCondition: f.chronic_health_condition as FunderDataValues['chronicHealthCondition'],
      hivAids: f.hiv_aids as FunderDataValues['hivAids'],
      mentalHealthDisorder: f.mental_health_disorder as FunderDataValues['mentalHealthDisorder'],
      substanceUseDisorder: f.substance_use_disorder as FunderDataValues['substanceUseDisorder'],
      relationshipToHoH: f.relationship_to_hoh as FunderDataValues['relationshipToHoH'],
      householdSize: f.household_size as number | null,
      incomeFromAnySource: f.income_from_any_source as FunderDataValues['incomeFromAnySource'],
      totalMonthlyIncome: f.total_monthly_income === null ? null : Number(f.total_monthly_income),
      incomeSources: (f.income_sources as FunderDataValues['incomeSources']) ?? {},
      benefitsFromAnySource: f.benefits_from_any_source as FunderDataValues['benefitsFromAnySource'],
      benefits: (f.benefits as FunderDataValues['benefits']) ?? [],
      insuranceFromAnySource: f.insurance_from_any_source as FunderDataValues['insuranceFromAnySource'],
      insuranceTypes: (f.insurance_types as FunderDataValues['insuranceTypes']) ?? [],
      rentalSubsidyType: f.rental_subsidy_type as FunderDataValues['rentalSubsidyType'],
      destinationSubsidyType: f.destination_subsidy_type as FunderDataValues['destinationSubsidyType'],
      domesticViolenceSurvivor: f.domestic_violence_survivor as FunderDataValues['domesticViolenceSurvivor'],
      dvWhenOccurred: f.dv_when_occurred as FunderDataValues['dvWhenOccurred'],
      dvCurrentlyFleeing: f.dv_currently_fleeing as FunderDataValues['dvCurrentlyFleeing'],
      lawEnforcementReported: f.law_enforcement_reported as FunderDataValues['lawEnforcementReported'],
      lawEnforcementCooperating: f.law_enforcement_cooperating as boolean | null,
      lawEnforcementReportedOn: (f.reported_day as string | null) ?? null,
      createdAt: f.created_at as Date,
      updatedAt: f.updated_at as Date,
      createdBy: (f.created_by as string | null) ?? null,
    })),
    shelterNights: nights.map((n) => ({
      id: n.id as string,
      caseId: n.case_id as string,
      deliveredOn: n.delivered_on as string,
      units: n.units === null ? null : Number(n.units),
      createdAt: n.created_at as Date,
      updatedAt: n.updated_at as Date,
      createdBy: (n.created_by as string | null) ?? null,
    })),
  };
}
