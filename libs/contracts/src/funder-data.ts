/**
 * Issue 16: a case's funder data (HMIS), one record per case: the HUD HMIS FY2024 universal and
 * program-specific data elements Lantern did not collect elsewhere, as a comparable database keeps them,
 * and the survivor's involvement with law enforcement. Codes are HMIS's own (docs/reports.md, "HMIS
 * CSV"): `null` is "not collected yet" and is exported as 99 (Data not collected).
 */

/** HMIS 1.8 No/Yes/Reasons for missing data. */
export const HMIS_NO_YES_REASONS = [0, 1, 8, 9, 99] as const;
export type HmisNoYesReasons = (typeof HMIS_NO_YES_REASONS)[number];
/** HMIS 1.6 RaceGenderNone: client doesn't know, prefers not to answer, data not collected. */
export const HMIS_RACE_NONE = [8, 9, 99] as const;
export type HmisRaceNone = (typeof HMIS_RACE_NONE)[number];

/** HMIS 3.04 Race and Ethnicity (FY2024), one column each in Client.csv; several may apply. */
export const HMIS_RACES = ['AmIndAKNative', 'Asian', 'BlackAfAmerican', 'HispanicLatinaeo', 'MidEastNAfrican', 'NativeHIPacific', 'White'] as const;
export type HmisRace = (typeof HMIS_RACES)[number];

/** HMIS 3.15 Relationship to head of household. */
export const HMIS_RELATIONSHIPS_TO_HOH = [1, 2, 3, 4, 5, 99] as const;
export type HmisRelationshipToHoH = (typeof HMIS_RELATIONSHIPS_TO_HOH)[number];

/** HMIS 4.10 Substance use disorder: no, alcohol, drug, both, and the reasons for missing data. */
export const HMIS_SUBSTANCE_USE = [0, 1, 2, 3, 8, 9, 99] as const;
export type HmisSubstanceUse = (typeof HMIS_SUBSTANCE_USE)[number];

/** HMIS 4.11.A When the experience occurred: within 3 months, 3–6 months, 6–12 months, a year or more. */
export const HMIS_WHEN_OCCURRED = [1, 2, 3, 4, 8, 9, 99] as const;
export type HmisWhenOccurred = (typeof HMIS_WHEN_OCCURRED)[number];

/** HMIS 4.05–4.09 disabilities answered No/Yes/reasons (4.10 has its own list). */
export const FUNDER_DISABILITY_FIELDS = ['physicalDisability', 'developmentalDisability', 'chronicHealthCondition', 'hivAids', 'mentalHealthDisorder'] as const;
export type FunderDisabilityField = (typeof FUNDER_DISABILITY_FIELDS)[number];

/** HMIS 4.02 income sources, by their IncomeBenefits.csv column; the amount column is `<source>Amount` (OtherIncomeSource: OtherIncomeAmount). */
export const HMIS_INCOME_SOURCES = [
  'Earned',
  'Unemployment',
  'SSI',
  'SSDI',
  'VADisabilityService',
  'VADisabilityNonService',
  'PrivateDisability',
  'WorkersComp',
  'TANF',
  'GA',
  'SocSecRetirement',
  'Pension',
  'ChildSupport',
  'Alimony',
  'OtherIncomeSource',
] as const;
export type HmisIncomeSource = (typeof HMIS_INCOME_SOURCES)[number];

/** HMIS 4.03 non-cash benefits, by their IncomeBenefits.csv column. */
export const HMIS_BENEFITS = ['SNAP', 'WIC', 'TANFChildCare', 'TANFTransportation', 'OtherTANF', 'OtherBenefitsSource'] as const;
export type HmisBenefit = (typeof HMIS_BENEFITS)[number];

/**
 * HMIS 4.04 health insurance, by their IncomeBenefits.csv column (VHAServices: Veteran's Health
 * Administration; OtherInsurance: any other). A type not listed is "No".
 */
export const HMIS_INSURANCE_TYPES = ['Medicaid', 'Medicare', 'SCHIP', 'VHAServices', 'EmployerProvided', 'COBRA', 'PrivatePay', 'StateHealthIns', 'IndianHealthServices', 'OtherInsurance'] as const;
export type HmisInsuranceType = (typeof HMIS_INSURANCE_TYPES)[number];

/**
 * HMIS 3.12.A rental subsidy type (FY2024), asked with living situation or destination 435 (rental by
 * the client, with an ongoing housing subsidy): 419 VASH, 420 other ongoing subsidy, 428 GPD TIP,
 * 431 RRH or equivalent, 433 Housing Choice Voucher, 434 public housing, 436 Emergency Housing Voucher,
 * 437 Family Unification Program, 438 Foster Youth to Independence, 439 permanent supportive housing,
 * 440 other permanent housing dedicated to formerly homeless persons.
 */
export const HMIS_RENTAL_SUBSIDY_TYPES = [419, 420, 428, 431, 433, 434, 436, 437, 438, 439, 440] as const;
export type HmisRentalSubsidyType = (typeof HMIS_RENTAL_SUBSIDY_TYPES)[number];

/** Whether the trafficking was reported to law enforcement (the survivor may decline to say). */
export const LAW_ENFORCEMENT_REPORTED = ['yes', 'no', 'declined'] as const;
export type LawEnforcementReported = (typeof LAW_ENFORCEMENT_REPORTED)[number];

/** A monthly amount: at most this many dollars (amounts keep cents). */
export const FUNDER_AMOUNT_MAX = 1_000_000;
export const FUNDER_HOUSEHOLD_MAX = 30;

/** The fields people set, in the order the form shows them (POST with `caseId`, PUT with `version`). */
export const FUNDER_DATA_FIELDS = [
  'informationDate',
  'raceEthnicity',
  'raceNone',
  'veteranStatus',
  'disablingCondition',
  ...FUNDER_DISABILITY_FIELDS,
  'substanceUseDisorder',
  'relationshipToHoH',
  'householdSize',
  'incomeFromAnySource',
  'totalMonthlyIncome',
  'incomeSources',
  'benefitsFromAnySource',
  'benefits',
  'insuranceFromAnySource',
  'insuranceTypes',
  'rentalSubsidyType',
  'destinationSubsidyType',
  'domesticViolenceSurvivor',
  'dvWhenOccurred',
  'dvCurrentlyFleeing',
  'lawEnforcementReported',
  'lawEnforcementCooperating',
  'lawEnforcementReportedOn',
] as const;
export type FunderDataField = (typeof FUNDER_DATA_FIELDS)[number];

/** What a case's funder data holds; every field may be null (not collected). */
export interface FunderDataValues {
  /** `YYYY-MM-DD`: when the answers were collected (HMIS InformationDate); required with income or benefits. */
  informationDate: string | null;
  /** Distinct races and ethnicities she identifies with; empty with `raceNone`. */
  raceEthnicity: HmisRace[];
  raceNone: HmisRaceNone | null;
  veteranStatus: HmisNoYesReasons | null;
  disablingCondition: HmisNoYesReasons | null;
  physicalDisability: HmisNoYesReasons | null;
  developmentalDisability: HmisNoYesReasons | null;
  chronicHealthCondition: HmisNoYesReasons | null;
  hivAids: HmisNoYesReasons | null;
  mentalHealthDisorder: HmisNoYesReasons | null;
  substanceUseDisorder: HmisSubstanceUse | null;
  relationshipToHoH: HmisRelationshipToHoH | null;
  /** People in her household, herself included. */
  householdSize: number | null;
  incomeFromAnySource: HmisNoYesReasons | null;
  /** Dollars a month: the sum of the sources' amounts. */
  totalMonthlyIncome: number | null;
  /** The sources she receives, each with its monthly amount in dollars; a source not listed is "No". */
  incomeSources: Partial<Record<HmisIncomeSource, number>>;
  benefitsFromAnySource: HmisNoYesReasons | null;
  /** The non-cash benefits she receives; one not listed is "No". */
  benefits: HmisBenefit[];
  /** HMIS 4.04 InsuranceFromAnySource; with 1, the types she has (at least one). */
  insuranceFromAnySource: HmisNoYesReasons | null;
  insuranceTypes: HmisInsuranceType[];
  /** 3.12.A of her living situation at entry, when that is 435 (a rental with an ongoing subsidy). */
  rentalSubsidyType: HmisRentalSubsidyType | null;
  /** 3.12.A of where she is going, when her case closes to destination 435; recorded before the closure. */
  destinationSubsidyType: HmisRentalSubsidyType | null;
  /** HMIS 4.11 Domestic violence survivor (FY2024), when it occurred and whether she is fleeing. */
  domesticViolenceSurvivor: HmisNoYesReasons | null;
  dvWhenOccurred: HmisWhenOccurred | null;
  dvCurrentlyFleeing: HmisNoYesReasons | null;
  lawEnforcementReported: LawEnforcementReported | null;
  /** Whether she is cooperating with an investigation; only once it was reported. */
  lawEnforcementCooperating: boolean | null;
  /** `YYYY-MM-DD`: when it was reported; only once it was reported. */
  lawEnforcementReportedOn: string | null;
}

/** GET /funder-data(/:id): the case's record. */
export interface FunderDataResponse extends FunderDataValues {
  id: string;
  organizationId?: string;
  caseId: string;
  caseNumber?: string;
  survivorId?: string;
  createdBy?: string | null;
  createdAt?: string;
  updatedAt?: string;
  version: number;
}

/** The body of POST (with `caseId`) and PUT (with `version`): only the fields given change. */
export type FunderDataFields = Partial<FunderDataValues>;
