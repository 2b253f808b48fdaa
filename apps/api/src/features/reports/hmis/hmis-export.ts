import { GENDERS, HMIS_BENEFITS, HMIS_INCOME_SOURCES, HMIS_INSURANCE_TYPES, HMIS_RACES, type FunderDataValues, type Gender } from '@lantern/contracts';
import { zipSync } from 'fflate';
import { hmisCollections, type HmisStage } from './hmis-stages.js';
import { HMIS_CSV_VERSION, HMIS_FILES, HMIS_FILE_NAMES, DESTINATION, INCOME_AMOUNT_COLUMN, PRIOR_LIVING_SITUATION, type HmisColumn, type HmisFileName } from './hmis-csv-spec.js';

/** What the export is made of, read by hmis-queries.ts (names and dates of birth already decrypted). */
export interface HmisSource {
  exportId: string;
  exportedAt: Date;
  from: string;
  to: string;
  /** Who runs the export: the UserID of rows whose author Lantern does not know. */
  actorId: string;
  organization: { id: string; name: string; createdAt: Date; updatedAt: Date };
  users: { id: string; displayName: string; email: string; active: boolean; createdAt: Date; updatedAt: Date }[];
  survivors: {
    id: string;
    legalName: string | null;
    alias: string;
    dateOfBirth: string | null;
    birthYear: number | null;
    gender: Gender | null;
    createdAt: Date;
    updatedAt: Date;
    createdBy: string | null;
  }[];
  cases: {
    id: string;
    survivorId: string;
    openedAt: Date;
    closedAt: Date | null;
    exitDestination: number | null;
    /** The housing situation of the case's intake assessment (an HMIS living-situation code). */
    livingSituation: number | null;
    createdAt: Date;
    updatedAt: Date;
    createdBy: string | null;
  }[];
  funderData: (FunderDataValues & { caseId: string; createdAt: Date; updatedAt: Date; createdBy: string | null })[];
  /** The safe-house nights of the exported cases in the period (emergency_shelter services). */
  shelterNights: { id: string; caseId: string; deliveredOn: string; units: number | null; createdAt: Date; updatedAt: Date; createdBy: string | null }[];
}

export type HmisCell = string | number | null;
export type HmisRow = Record<string, HmisCell>;
export type HmisTables = Record<HmisFileName, HmisRow[]>;

/** HMIS ids are at most 32 characters: a uuid without its dashes. */
export const hmisId = (uuid: string): string => uuid.replace(/-/g, '');
/** `YYYY-MM-DD HH:MM:SS`, UTC. */
export const hmisTimestamp = (at: Date): string => at.toISOString().slice(0, 19).replace('T', ' ');
export const hmisDate = (at: Date): string => at.toISOString().slice(0, 10);

/** The software that made the export, written in Export.csv. */
export const HMIS_SOFTWARE = { name: 'Lantern', version: '0.1.0' };

/** HMIS 1.3 DisabilityType of each disability of the funder data. */
const DISABILITY_FIELDS: readonly [number, 'physicalDisability' | 'developmentalDisability' | 'chronicHealthCondition' | 'hivAids' | 'mentalHealthDisorder' | 'substanceUseDisorder'][] = [
  [5, 'physicalDisability'],
  [6, 'developmentalDisability'],
  [7, 'chronicHealthCondition'],
  [8, 'hivAids'],
  [9, 'mentalHealthDisorder'],
  [10, 'substanceUseDisorder'],
];

/**
 * 3.917 Prior living situation from Lantern's living-situation code: FY2024 asks where she stayed with family
 * or friends (335, 336), not for how long (312/422, 313/423); a code 3.917 does not have is 99.
 */
export function priorLivingSituation(code: number | null): number {
  if (code === null) return 99;
  const merged = code === 312 || code === 422 ? 335 : code === 313 || code === 423 ? 336 : code;
  return (PRIOR_LIVING_SITUATION as readonly number[]).includes(merged) ? merged : 99;
}

/** 3.12 Destination from the code recorded at closure: one 3.12 does not have (37, 335, 336) is 99. */
export function destination(code: number | null): number {
  return code !== null && (DESTINATION as readonly number[]).includes(code) ? code : 99;
}

/** A 4.02–4.11 element not collected: 99. */
const orMissing = (code: number | null | undefined): number => code ?? 99;

/**
 * 3.06 Gender (FY2024) from Lantern's gender: the columns that apply are 1, the others 0; nothing
 * recorded (or "not specified") is GenderNone 99 with every column 99, as for a question not asked.
 */
function genderColumns(gender: Gender | null): HmisRow {
  const columns = ['Woman', 'Man', 'NonBinary', 'CulturallySpecific', 'Transgender', 'Questioning', 'DifferentIdentity'] as const;
  const chosen: Record<Gender, (typeof columns)[number][]> = {
    Feminine: ['Woman'],
    Masculine: ['Man'],
    TransgenderFeminine: ['Woman', 'Transgender'],
    TransgenderMasculine: ['Man', 'Transgender'],
    NonConforming: ['NonBinary'],
    NonSpecifiedUnknown: [],
  };
  const yes = gender && GENDERS.includes(gender) ? chosen[gender] : [];
  if (yes.length === 0) return { ...Object.fromEntries(columns.map((c) => [c, 99])), GenderNone: 99, DifferentIdentityText: null };
  return { ...Object.fromEntries(columns.map((c) => [c, yes.includes(c) ? 1 : 0])), GenderNone: null, DifferentIdentityText: null };
}

/** 3.01 Name: the legal name split in first, middle and last; else the alias, a code name (quality 2). */
function nameColumns(legalName: string | null, alias: string): HmisRow {
  const parts = (legalName ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length >= 2) return { FirstName: parts[0]!, MiddleName: parts.slice(1, -1).join(' ') || null, LastName: parts.at(-1)!, NameSuffix: null, NameDataQuality: 1 };
  if (parts.length === 1) return { FirstName: parts[0]!, MiddleName: null, LastName: null, NameSuffix: null, NameDataQuality: 2 };
  return { FirstName: alias, MiddleName: null, LastName: null, NameSuffix: null, NameDataQuality: 2 };
}

/** 3.03 Date of birth: the full date (quality 1), else the birth year's first day (approximate, 2), else 99. */
function dobColumns(dateOfBirth: string | null, birthYear: number | null): HmisRow {
  if (dateOfBirth) return { DOB: dateOfBirth, DOBDataQuality: 1 };
  if (birthYear) return { DOB: `${birthYear}-01-01`, DOBDataQuality: 2 };
  return { DOB: null, DOBDataQuality: 99 };
}

/** 3.04 Race and ethnicity (FY2024): 1 for each she identifies with; none chosen is RaceNone (99 when not collected). */
function raceColumns(data: FunderDataValues | undefined): HmisRow {
  const chosen = data?.raceEthnicity ?? [];
  return { ...Object.fromEntries(HMIS_RACES.map((race) => [race, chosen.includes(race) ? 1 : 0])), RaceNone: chosen.length > 0 ? null : orMissing(data?.raceNone), AdditionalRaceEthnicity: null };
}

/**
 * 4.02, 4.03 and 4.04: the sources, benefits and insurance types are 0/1 when the answer to "any source"
 * is No or Yes, blank otherwise. The reasons for not being insured (4.04.A) are HOPWA's: left blank.
 */
function incomeColumns(data: FunderDataValues | undefined): HmisRow {
  const income = orMissing(data?.incomeFromAnySource);
  const benefits = orMissing(data?.benefitsFromAnySource);
  const row: HmisRow = { IncomeFromAnySource: income, TotalMonthlyIncome: income === 1 ? money(data!.totalMonthlyIncome ?? 0) : null };
  for (const source of HMIS_INCOME_SOURCES) {
    const amount = data?.incomeSources[source];
    row[source] = income === 0 || income === 1 ? (amount ? 1 : 0) : null;
    row[INCOME_AMOUNT_COLUMN[source]] = income === 1 && amount ? money(amount) : null;
  }
  row.BenefitsFromAnySource = benefits;
  for (const benefit of HMIS_BENEFITS) row[benefit] = benefits === 0 || benefits === 1 ? (data!.benefits.includes(benefit) ? 1 : 0) : null;
  const insurance = orMissing(data?.insuranceFromAnySource);
  row.InsuranceFromAnySource = insurance;
  for (const type of HMIS_INSURANCE_TYPES) row[type] = insurance === 0 || insurance === 1 ? (data!.insuranceTypes.includes(type) ? 1 : 0) : null;
  return row;
}

const money = (amount: number): string => amount.toFixed(2);

/**
 * The HMIS CSV tables of one export (docs/reports.md, "HMIS CSV"). Pure: the source in, one row object
 * per record out, keyed by the specification's column names (hmis-csv-spec.ts); `hmisFiles` writes them.
 */
export function hmisTables(source: HmisSource): HmisTables {
  const exportId = source.exportId;
  const orgId = hmisId(source.organization.id);
  const projectId = orgId;
  const userOf = (createdBy: string | null) => hmisId(createdBy ?? source.actorId);
  const trailer = (row: { createdAt: Date; updatedAt: Date; createdBy: string | null }) => ({
    DateCreated: hmisTimestamp(row.createdAt),
    DateUpdated: hmisTimestamp(row.updatedAt),
    UserID: userOf(row.createdBy),
    DateDeleted: null,
    ExportID: exportId,
  });
  const dataOfCase = new Map(source.funderData.map((d) => [d.caseId, d]));
  // A person's answers are those of her latest case that has them.
  const dataOfSurvivor = new Map<string, FunderDataValues>();
  for (const kase of [...source.cases].sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime())) {
    const data = dataOfCase.get(kase.id);
    if (data) dataOfSurvivor.set(kase.survivorId, data);
  }
  const org = source.organization;
  const tables: HmisTables = {
    Export: [
      {
        ExportID: exportId,
        SourceType: 2,
        SourceID: orgId,
        SourceName: org.name.slice(0, 50),
        SourceContactFirst: null,
        SourceContactLast: null,
        SourceContactPhone: null,
        SourceContactExtension: null,
        SourceContactEmail: null,
        ExportDate: hmisTimestamp(source.exportedAt),
        ExportStartDate: source.from,
        ExportEndDate: source.to,
        SoftwareName: HMIS_SOFTWARE.name,
        SoftwareVersion: HMIS_SOFTWARE.version,
        CSVVersion: HMIS_CSV_VERSION,
        ExportPeriodType: 3,
        ExportDirective: 2,
        HashStatus: 1,
        ImplementationID: orgId,
      },
    ],
    Organization: [
      { OrganizationID: orgId, OrganizationName: org.name, VictimServiceProvider: 1, OrganizationCommonName: null, ...trailer({ ...org, createdBy: null }) },
    ],
    Project: [
      {
        ProjectID: projectId,
        OrganizationID: orgId,
        ProjectName: org.name,
        ProjectCommonName: null,
        OperatingStartDate: hmisDate(org.createdAt),
        OperatingEndDate: null,
        ContinuumProject: 0,
        ProjectType: 6,
        HousingType: null,
        RRHSubType: null,
        ResidentialAffiliation: 0,
        TargetPopulation: 4,
        HOPWAMedAssistedLivingFac: 2,
        PITCount: null,
        ...trailer({ ...org, createdBy: null }),
      },
    ],
    User: [],
    Client: source.survivors.map((s) => ({
      PersonalID: hmisId(s.id),
      ...nameColumns(s.legalName, s.alias),
      // Lantern keeps no Social Security number.
      SSN: null,
      SSNDataQuality: 99,
      ...dobColumns(s.dateOfBirth, s.birthYear),
      ...raceColumns(dataOfSurvivor.get(s.id)),
      ...genderColumns(s.gender),
      VeteranStatus: orMissing(dataOfSurvivor.get(s.id)?.veteranStatus),
      YearEnteredService: null,
      YearSeparated: null,
      WorldWarII: null,
      KoreanWar: null,
      VietnamWar: null,
      DesertStorm: null,
      AfghanistanOEF: null,
      IraqOIF: null,
      IraqOND: null,
      OtherTheater: null,
      MilitaryBranch: null,
      DischargeStatus: null,
      ...trailer(s),
    })),
    Enrollment: source.cases.map((c) => {
      const data = dataOfCase.get(c.id);
      return {
        EnrollmentID: hmisId(c.id),
        PersonalID: hmisId(c.survivorId),
        ProjectID: projectId,
        EntryDate: hmisDate(c.openedAt),
        HouseholdID: hmisId(c.id),
        RelationshipToHoH: orMissing(data?.relationshipToHoH),
        EnrollmentCoC: null,
        LivingSituation: priorLivingSituation(c.livingSituation),
        // 3.12.A is asked only with 435, a rental with an ongoing subsidy.
        RentalSubsidyType: priorLivingSituation(c.livingSituation) === 435 ? (data?.rentalSubsidyType ?? null) : null,
        DisablingCondition: orMissing(data?.disablingCondition),
        ...trailer(c),
      };
    }),
    Exit: source.cases
      .filter((c) => c.closedAt !== null)
      .map((c) => ({
        ExitID: hmisId(c.id),
        EnrollmentID: hmisId(c.id),
        PersonalID: hmisId(c.survivorId),
        ExitDate: hmisDate(c.closedAt!),
        Destination: destination(c.exitDestination),
        DestinationSubsidyType: destination(c.exitDestination) === 435 ? (dataOfCase.get(c.id)?.destinationSubsidyType ?? null) : null,
        ...trailer({ createdAt: c.closedAt!, updatedAt: c.updatedAt, createdBy: c.createdBy }),
      })),
    IncomeBenefits: [],
    Disabilities: [],
    HealthAndDV: [],
    Services: [],
  };

  // Income and benefits, disabilities and domestic violence at the stages the funder data's date supports (hmis-stages.ts).
  const suffix: Record<HmisStage, string> = { 1: 'S', 2: 'U', 3: 'X', 5: 'A' };
  for (const c of source.cases) {
    const data = dataOfCase.get(c.id);
    const base = { EnrollmentID: hmisId(c.id), PersonalID: hmisId(c.survivorId) };
    const author = data ?? { createdAt: c.createdAt, updatedAt: c.updatedAt, createdBy: c.createdBy };
    const exit = c.closedAt ? hmisDate(c.closedAt) : null;
    for (const { stage, at, answered } of hmisCollections(hmisDate(c.openedAt), exit, data?.informationDate ?? null, data !== undefined)) {
      const answers = answered ? data : undefined;
      const id = `${hmisId(c.id).slice(0, 30)}${suffix[stage]}${stage}`;
      tables.IncomeBenefits.push({ IncomeBenefitsID: id, ...base, InformationDate: at, ...incomeColumns(answers), DataCollectionStage: stage, ...trailer(author) });
      // 4.05–4.10: one record per disability type.
      for (const [type, field] of DISABILITY_FIELDS) {
        const response = orMissing(answers?.[field]);
        tables.Disabilities.push({
          DisabilitiesID: `${hmisId(c.id).slice(0, 28)}${suffix[stage]}${String(type).padStart(3, '0')}`,
          ...base,
          InformationDate: at,
          DisabilityType: type,
          DisabilityResponse: response,
          // Whether it is expected to be long-continuing and impairing: Lantern asks the disabling condition (3.08) instead.
          IndefiniteAndImpairs: response === 0 || response >= 8 ? null : 99,
          DataCollectionStage: stage,
          ...trailer(author),
        });
      }
      // 4.11: when it occurred and whether she is fleeing, for a survivor only.
      const survivor = orMissing(answers?.domesticViolenceSurvivor);
      tables.HealthAndDV.push({
        HealthAndDVID: id,
        ...base,
        InformationDate: at,
        DomesticViolenceSurvivor: survivor,
        WhenOccurred: survivor === 1 ? orMissing(answers!.dvWhenOccurred) : null,
        CurrentlyFleeing: survivor === 1 ? orMissing(answers!.dvCurrentlyFleeing) : null,
        DataCollectionStage: stage,
        ...trailer(author),
      });
    }
  }

  const caseOf = new Map(source.cases.map((c) => [c.id, c]));
  for (const night of source.shelterNights) {
    const c = caseOf.get(night.caseId);
    if (!c) continue;
    // One bed night (RecordType 200, TypeProvided 200) per night of the entry, within the period.
    const first = new Date(`${night.deliveredOn}T00:00:00Z`);
    for (let i = 0; i < Math.max(1, night.units ?? 1); i++) {
      const day = hmisDate(new Date(first.getTime() + i * 86_400_000));
      // HMIS dates a service within its enrollment; the export, within its period.
      if (day > source.to || (c.closedAt && day > hmisDate(c.closedAt))) break;
      if (day < hmisDate(c.openedAt)) continue;
      tables.Services.push({
        ServicesID: `${hmisId(night.id).slice(0, 28)}${String(i).padStart(4, '0')}`,
        EnrollmentID: hmisId(c.id),
        PersonalID: hmisId(c.survivorId),
        DateProvided: day,
        RecordType: 200,
        TypeProvided: 200,
        ...trailer(night),
      });
    }
  }

  // Every user a row names, and the one who ran the export.
  const named = new Set<string>([hmisId(source.actorId)]);
  for (const file of HMIS_FILE_NAMES) for (const row of tables[file]) if (typeof row.UserID === 'string') named.add(row.UserID);
  tables.User = source.users
    .filter((u) => named.has(hmisId(u.id)))
    .map((u) => {
      const parts = u.displayName.trim().split(/\s+/);
      return {
        UserID: hmisId(u.id),
        UserFirstName: parts[0] ?? null,
        UserLastName: parts.length > 1 ? parts.slice(1).join(' ') : null,
        UserPhone: null,
        UserExtension: null,
        UserEmail: u.email,
        DateCreated: hmisTimestamp(u.createdAt),
        DateUpdated: hmisTimestamp(u.updatedAt),
        DateDeleted: null,
        ExportID: exportId,
      };
    });
  return tables;
}

/** One CSV cell: as it is, quoted (RFC 4180) only when it holds a comma, a quote or a line break. */
function cell(value: HmisCell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Each table as its CSV file: the header of the specification, then one line per row, CRLF. */
export function hmisFiles(tables: HmisTables): Record<`${HmisFileName}.csv`, string> {
  const files = {} as Record<`${HmisFileName}.csv`, string>;
  for (const file of HMIS_FILE_NAMES) {
    const columns: readonly HmisColumn[] = HMIS_FILES[file];
    const lines = [columns.map((c) => c.name).join(','), ...tables[file].map((row) => columns.map((c) => cell(row[c.name] ?? null)).join(','))];
    files[`${file}.csv`] = `${lines.join('\r\n')}\r\n`;
  }
  return files;
}

/** The zip of the files, with fixed timestamps (the export's), so the bytes depend only on the data. */
export function hmisZip(files: Record<string, string>, exportedAt: Date): Buffer {
  const encoder = new TextEncoder();
  const mtime = exportedAt.getTime() < Date.UTC(1980, 0, 1) ? new Date(Date.UTC(1980, 0, 1)) : exportedAt;
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [encoder.encode(text), { mtime }]])), { level: 9 }));
}
