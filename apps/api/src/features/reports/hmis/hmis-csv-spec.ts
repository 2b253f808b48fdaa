/**
 * The HUD HMIS CSV FY2024 files Lantern exports (docs/reports.md, "HMIS CSV"): each file's columns, in
 * the specification's order, with the kind of value each holds and, for coded columns, the list of
 * codes the specification allows. The export writes its headers from here and the validator test
 * (hmis-export.int-spec.ts) checks every cell of every file against it; nothing else of Lantern uses it.
 */

/** How a column's value is written: ids and text as they are, dates `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS`. */
export type HmisColumnKind =
  | { kind: 'id' }
  | { kind: 'text'; max: number }
  | { kind: 'date' }
  | { kind: 'datetime' }
  | { kind: 'int' }
  | { kind: 'money' }
  | { kind: 'code'; list: readonly number[] };

export interface HmisColumn {
  name: string;
  type: HmisColumnKind;
  /** The specification requires a value in every row. */
  required?: boolean;
}

// Code lists of the specification (Appendix B), by their HMIS names.
export const NO_YES = [0, 1] as const;
export const NO_YES_MISSING = [0, 1, 99] as const;
export const NO_YES_REASONS = [0, 1, 8, 9, 99] as const;
export const DATA_QUALITY = [1, 2, 8, 9, 99] as const;
export const RACE_GENDER_NONE = [8, 9, 99] as const;
export const SOURCE_TYPE = [1, 2, 3, 4] as const;
/** 1.1 ExportPeriodType: 1 updated, 3 reporting period, 4 other (FY2024 has no 2). */
export const EXPORT_PERIOD_TYPE = [1, 3, 4] as const;
export const EXPORT_DIRECTIVE = [1, 2, 3] as const;
export const HASH_STATUS = [1, 2, 3, 4] as const;
export const PROJECT_TYPE = [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14] as const;
export const HOUSING_TYPE = [1, 2, 3] as const;
export const RRH_SUB_TYPE = [1, 2] as const;
export const TARGET_POPULATION = [1, 3, 4] as const;
export const HOPWA_MED_ASSISTED_LIVING_FAC = [0, 1, 2] as const;
export const RELATIONSHIP_TO_HOH = [1, 2, 3, 4, 5, 99] as const;
/**
 * 3.917 Prior living situation (FY2024): shorter than the destinations. Staying with family or friends is
 * 335 or 336 whatever the tenure (no 312, 313, 422, 423), and there are no HOPWA situations (327, 426).
 */
export const PRIOR_LIVING_SITUATION = [101, 116, 118, 204, 205, 206, 207, 215, 225, 302, 314, 329, 332, 335, 336, 410, 411, 421, 435, 8, 9, 99] as const;
/**
 * 3.12 Destination (FY2024): the situations (335 and 336 are living situations only) and 17 other,
 * 24 deceased, 30 no exit interview. 37 (worker unable to determine) belongs to 4.12, not to 3.12.
 */
export const DESTINATION = [
  101, 116, 118, 204, 205, 206, 207, 215, 225, 302, 312, 313, 314, 327, 329, 332, 410, 411, 421, 422, 423, 426, 435, 17, 24, 30, 8, 9, 99,
] as const;
/** 3.12.A Rental subsidy type, asked with 435 (rental with an ongoing subsidy) in 3.917 and 3.12. */
export const RENTAL_SUBSIDY_TYPE = [419, 420, 428, 431, 433, 434, 436, 437, 438, 439, 440] as const;
export const DATA_COLLECTION_STAGE = [1, 2, 3, 5, 6] as const;
export const WHEN_OCCURRED = [1, 2, 3, 4, 8, 9, 99] as const;
export const HEALTH_STATUS = [1, 2, 3, 4, 5, 8, 9, 99] as const;
/** 1.3 DisabilityType: 5 physical, 6 developmental, 7 chronic health condition, 8 HIV/AIDS, 9 mental health disorder, 10 substance use disorder. */
export const DISABILITY_TYPE = [5, 6, 7, 8, 9, 10] as const;
/** 4.10.2 DisabilityResponse of substance use (type 10): 0 no, 1 alcohol, 2 drug, 3 both; other types answer No/Yes/reasons. */
export const DISABILITY_RESPONSE = [0, 1, 2, 3, 8, 9, 99] as const;
/** W4.B Source of the T-cell count and viral load: 1 medical report, 2 client report, 3 other. */
export const VIRAL_LOAD_SOURCE = [1, 2, 3] as const;
/** 1.4 RecordType of Services.csv: PATH, RHY, HOPWA, SSVF services and assistance, bed nights, HUD-VASH, Moving On. */
export const RECORD_TYPE = [141, 142, 143, 144, 151, 152, 161, 200, 210, 300] as const;

const id = (name: string, required = true): HmisColumn => ({ name, type: { kind: 'id' }, ...(required ? { required } : {}) });
const text = (name: string, max: number, required = false): HmisColumn => ({ name, type: { kind: 'text', max }, ...(required ? { required } : {}) });
const date = (name: string, required = false): HmisColumn => ({ name, type: { kind: 'date' }, ...(required ? { required } : {}) });
const datetime = (name: string, required = false): HmisColumn => ({ name, type: { kind: 'datetime' }, ...(required ? { required } : {}) });
const int = (name: string, required = false): HmisColumn => ({ name, type: { kind: 'int' }, ...(required ? { required } : {}) });
const money = (name: string): HmisColumn => ({ name, type: { kind: 'money' } });
const code = (name: string, list: readonly number[], required = false): HmisColumn => ({ name, type: { kind: 'code', list }, ...(required ? { required } : {}) });

/** The columns every data file ends with. */
const TRAILER = [datetime('DateCreated', true), datetime('DateUpdated', true), id('UserID'), datetime('DateDeleted'), id('ExportID')];

const INCOME = [
  ['Earned', 'EarnedAmount'],
  ['Unemployment', 'UnemploymentAmount'],
  ['SSI', 'SSIAmount'],
  ['SSDI', 'SSDIAmount'],
  ['VADisabilityService', 'VADisabilityServiceAmount'],
  ['VADisabilityNonService', 'VADisabilityNonServiceAmount'],
  ['PrivateDisability', 'PrivateDisabilityAmount'],
  ['WorkersComp', 'WorkersCompAmount'],
  ['TANF', 'TANFAmount'],
  ['GA', 'GAAmount'],
  ['SocSecRetirement', 'SocSecRetirementAmount'],
  ['Pension', 'PensionAmount'],
  ['ChildSupport', 'ChildSupportAmount'],
  ['Alimony', 'AlimonyAmount'],
  ['OtherIncomeSource', 'OtherIncomeAmount'],
] as const;
/** Each 4.02 income source's Yes/No column and its amount column. */
export const INCOME_AMOUNT_COLUMN = Object.fromEntries(INCOME) as Readonly<Record<(typeof INCOME)[number][0], string>>;

const INSURANCE = [
  ['Medicaid', 'NoMedicaidReason'],
  ['Medicare', 'NoMedicareReason'],
  ['SCHIP', 'NoSCHIPReason'],
  ['VHAServices', 'NoVHAReason'],
  ['EmployerProvided', 'NoEmployerProvidedReason'],
  ['COBRA', 'NoCOBRAReason'],
  ['PrivatePay', 'NoPrivatePayReason'],
  ['StateHealthIns', 'NoStateHealthInsReason'],
  ['IndianHealthServices', 'NoIndianHealthServicesReason'],
] as const;
/**
 * 4.04.A Reason not insured (and W3, the same codes for ADAP and Ryan White): 1 applied, decision pending;
 * 2 applied, not eligible; 3 did not apply; 4 not applicable to her; 8, 9, 99.
 */
const REASON_NOT_INSURED = [1, 2, 3, 4, 8, 9, 99] as const;

/** The files of the export, in the order the specification lists them, each with its columns. */
export const HMIS_FILES = {
  Export: [
    id('ExportID'),
    code('SourceType', SOURCE_TYPE, true),
    text('SourceID', 32),
    text('SourceName', 50),
    text('SourceContactFirst', 50),
    text('SourceContactLast', 50),
    text('SourceContactPhone', 10),
    text('SourceContactExtension', 5),
    text('SourceContactEmail', 320),
    datetime('ExportDate', true),
    date('ExportStartDate', true),
    date('ExportEndDate', true),
    text('SoftwareName', 50, true),
    text('SoftwareVersion', 50),
    text('CSVVersion', 50),
    code('ExportPeriodType', EXPORT_PERIOD_TYPE, true),
    code('ExportDirective', EXPORT_DIRECTIVE, true),
    code('HashStatus', HASH_STATUS, true),
    text('ImplementationID', 200, true),
  ],
  Organization: [id('OrganizationID'), text('OrganizationName', 200, true), code('VictimServiceProvider', NO_YES, true), text('OrganizationCommonName', 200), ...TRAILER],
  User: [id('UserID'), text('UserFirstName', 50), text('UserLastName', 50), text('UserPhone', 10), text('UserExtension', 5), text('UserEmail', 320), datetime('DateCreated', true), datetime('DateUpdated', true), datetime('DateDeleted'), id('ExportID')],
  Project: [
    id('ProjectID'),
    id('OrganizationID'),
    text('ProjectName', 200, true),
    text('ProjectCommonName', 200),
    date('OperatingStartDate', true),
    date('OperatingEndDate'),
    code('ContinuumProject', NO_YES, true),
    code('ProjectType', PROJECT_TYPE, true),
    code('HousingType', HOUSING_TYPE),
    code('RRHSubType', RRH_SUB_TYPE),
    code('ResidentialAffiliation', NO_YES),
    code('TargetPopulation', TARGET_POPULATION),
    code('HOPWAMedAssistedLivingFac', HOPWA_MED_ASSISTED_LIVING_FAC),
    int('PITCount'),
    ...TRAILER,
  ],
  Client: [
    id('PersonalID'),
    text('FirstName', 50),
    text('MiddleName', 50),
    text('LastName', 50),
    text('NameSuffix', 50),
    code('NameDataQuality', DATA_QUALITY, true),
    text('SSN', 9),
    code('SSNDataQuality', DATA_QUALITY, true),
    date('DOB'),
    code('DOBDataQuality', DATA_QUALITY, true),
    code('AmIndAKNative', NO_YES_MISSING, true),
    code('Asian', NO_YES_MISSING, true),
    code('BlackAfAmerican', NO_YES_MISSING, true),
    code('HispanicLatinaeo', NO_YES_MISSING, true),
    code('MidEastNAfrican', NO_YES_MISSING, true),
    code('NativeHIPacific', NO_YES_MISSING, true),
    code('White', NO_YES_MISSING, true),
    code('RaceNone', RACE_GENDER_NONE),
    text('AdditionalRaceEthnicity', 100),
    code('Woman', NO_YES_MISSING, true),
    code('Man', NO_YES_MISSING, true),
    code('NonBinary', NO_YES_MISSING, true),
    code('CulturallySpecific', NO_YES_MISSING, true),
    code('Transgender', NO_YES_MISSING, true),
    code('Questioning', NO_YES_MISSING, true),
    code('DifferentIdentity', NO_YES_MISSING, true),
    code('GenderNone', RACE_GENDER_NONE),
    text('DifferentIdentityText', 100),
    code('VeteranStatus', NO_YES_REASONS, true),
    int('YearEnteredService'),
    int('YearSeparated'),
    code('WorldWarII', NO_YES_REASONS),
    code('KoreanWar', NO_YES_REASONS),
    code('VietnamWar', NO_YES_REASONS),
    code('DesertStorm', NO_YES_REASONS),
    code('AfghanistanOEF', NO_YES_REASONS),
    code('IraqOIF', NO_YES_REASONS),
    code('IraqOND', NO_YES_REASONS),
    code('OtherTheater', NO_YES_REASONS),
    code('MilitaryBranch', [1, 2, 3, 4, 6, 7, 8, 9, 99]),
    code('DischargeStatus', [1, 2, 4, 5, 6, 7, 8, 9, 99]),
    ...TRAILER,
  ],
  Enrollment: [
    id('EnrollmentID'),
    id('PersonalID'),
    id('ProjectID'),
    date('EntryDate', true),
    id('HouseholdID'),
    code('RelationshipToHoH', RELATIONSHIP_TO_HOH, true),
    text('EnrollmentCoC', 6),
    code('LivingSituation', PRIOR_LIVING_SITUATION, true),
    code('RentalSubsidyType', RENTAL_SUBSIDY_TYPE),
    code('LengthOfStay', [2, 3, 4, 5, 10, 11, 8, 9, 99]),
    code('LOSUnderThreshold', NO_YES_MISSING),
    code('PreviousStreetESSH', NO_YES_MISSING),
    date('DateToStreetESSH'),
    code('TimesHomelessPastThreeYears', [1, 2, 3, 4, 8, 9, 99]),
    code('MonthsHomelessPastThreeYears', [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 8, 9, 99]),
    code('DisablingCondition', NO_YES_REASONS, true),
    date('DateOfEngagement'),
    date('MoveInDate'),
    date('DateOfPATHStatus'),
    code('ClientEnrolledInPATH', NO_YES),
    code('ReasonNotEnrolled', [1, 2, 3]),
    code('PercentAMI', [1, 2, 3, 4, 99]),
    code('ReferralSource', [1, 2, 7, 8, 9, 11, 18, 28, 30, 34, 35, 37, 38, 39, 99]),
    int('CountOutreachReferralApproaches'),
    date('DateOfBCPStatus'),
    code('EligibleForRHY', NO_YES),
    code('ReasonNoServices', [1, 2, 3, 4, 99]),
    int('RunawayYouth'),
    code('SexualOrientation', [1, 2, 3, 4, 5, 6, 8, 9, 99]),
    text('SexualOrientationOther', 100),
    int('FormerWardChildWelfare'),
    code('ChildWelfareYears', [1, 2, 3, 99]),
    int('ChildWelfareMonths'),
    int('FormerWardJuvenileJustice'),
    code('JuvenileJusticeYears', [1, 2, 3, 99]),
    int('JuvenileJusticeMonths'),
    int('UnemploymentFam'),
    int('MentalHealthDisorderFam'),
    int('PhysicalDisabilityFam'),
    int('AlcoholDrugUseDisorderFam'),
    int('InsufficientIncome'),
    int('IncarceratedParent'),
    text('VAMCStation', 5),
    int('TargetScreenReqd'),
    int('TimeToHousingLoss'),
    int('AnnualPercentAMI'),
    int('LiteralHomelessHistory'),
    int('ClientLeaseholder'),
    int('HOHLeaseholder'),
    int('SubsidyAtRisk'),
    int('EvictionHistory'),
    int('CriminalRecord'),
    int('IncarceratedAdult'),
    int('PrisonDischarge'),
    int('SexOffender'),
    int('DisabledHoH'),
    int('CurrentPregnant'),
    int('SingleParent'),
    int('DependentUnder6'),
    int('HH5Plus'),
    int('CoCPrioritized'),
    int('HPScreeningScore'),
    int('ThresholdScore'),
    int('TranslationNeeded'),
    int('PreferredLanguage'),
    text('PreferredLanguageDifferent', 100),
    ...TRAILER,
  ],
  Exit: [
    id('ExitID'),
    id('EnrollmentID'),
    id('PersonalID'),
    date('ExitDate', true),
    code('Destination', DESTINATION, true),
    code('DestinationSubsidyType', RENTAL_SUBSIDY_TYPE),
    text('OtherDestination', 50),
    code('HousingAssessment', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 99]),
    code('SubsidyInformation', [1, 2, 3, 4, 11, 12]),
    code('ProjectCompletionStatus', [1, 2, 3]),
    code('EarlyExitReason', [1, 2, 3, 4, 5]),
    int('ExchangeForSex'),
    int('ExchangeForSexPastThreeMonths'),
    code('CountOfExchangeForSex', [1, 2, 3, 4, 8, 9, 99]),
    int('AskedOrForcedToExchangeForSex'),
    int('AskedOrForcedToExchangeForSexPastThreeMonths'),
    int('WorkPlaceViolenceThreats'),
    int('WorkplacePromiseDifference'),
    int('CoercedToContinueWork'),
    int('LaborExploitPastThreeMonths'),
    int('CounselingReceived'),
    int('IndividualCounseling'),
    int('FamilyCounseling'),
    int('GroupCounseling'),
    int('SessionCountAtExit'),
    int('PostExitCounselingPlan'),
    int('SessionsInPlan'),
    int('DestinationSafeClient'),
    int('DestinationSafeWorker'),
    int('PosAdultConnections'),
    int('PosPeerConnections'),
    int('PosCommunityConnections'),
    date('AftercareDate'),
    code('AftercareProvided', [0, 1, 9]),
    int('EmailSocialMedia'),
    int('Telephone'),
    int('InPersonIndividual'),
    int('InPersonGroup'),
    code('CMExitReason', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
    ...TRAILER,
  ],
  IncomeBenefits: [
    id('IncomeBenefitsID'),
    id('EnrollmentID'),
    id('PersonalID'),
    date('InformationDate', true),
    code('IncomeFromAnySource', NO_YES_REASONS, true),
    money('TotalMonthlyIncome'),
    ...INCOME.flatMap(([source, amount]) => [code(source, NO_YES), money(amount)]),
    text('OtherIncomeSourceIdentify', 50),
    code('BenefitsFromAnySource', NO_YES_REASONS, true),
    code('SNAP', NO_YES),
    code('WIC', NO_YES),
    code('TANFChildCare', NO_YES),
    code('TANFTransportation', NO_YES),
    code('OtherTANF', NO_YES),
    code('OtherBenefitsSource', NO_YES),
    text('OtherBenefitsSourceIdentify', 50),
    code('InsuranceFromAnySource', NO_YES_REASONS, true),
    ...INSURANCE.flatMap(([insurance, reason]) => [code(insurance, NO_YES), code(reason, REASON_NOT_INSURED)]),
    code('OtherInsurance', NO_YES),
    text('OtherInsuranceIdentify', 50),
    code('ADAP', NO_YES),
    code('NoADAPReason', REASON_NOT_INSURED),
    code('RyanWhiteMedDent', NO_YES),
    code('NoRyanWhiteReason', REASON_NOT_INSURED),
    code('ConnectionWithSOAR', NO_YES_REASONS),
    code('DataCollectionStage', DATA_COLLECTION_STAGE, true),
    ...TRAILER,
  ],
  Disabilities: [
    id('DisabilitiesID'),
    id('EnrollmentID'),
    id('PersonalID'),
    date('InformationDate', true),
    code('DisabilityType', DISABILITY_TYPE, true),
    code('DisabilityResponse', DISABILITY_RESPONSE, true),
    code('IndefiniteAndImpairs', NO_YES_REASONS),
    code('TCellCountAvailable', NO_YES_REASONS),
    int('TCellCount'),
    code('TCellSource', VIRAL_LOAD_SOURCE),
    code('ViralLoadAvailable', [0, 1, 2, 8, 9, 99]),
    int('ViralLoad'),
    code('ViralLoadSource', VIRAL_LOAD_SOURCE),
    code('AntiRetroviral', NO_YES_REASONS),
    code('DataCollectionStage', DATA_COLLECTION_STAGE, true),
    ...TRAILER,
  ],
  HealthAndDV: [
    id('HealthAndDVID'),
    id('EnrollmentID'),
    id('PersonalID'),
    date('InformationDate', true),
    code('DomesticViolenceSurvivor', NO_YES_REASONS, true),
    code('WhenOccurred', WHEN_OCCURRED),
    code('CurrentlyFleeing', NO_YES_REASONS),
    code('GeneralHealthStatus', HEALTH_STATUS),
    code('DentalHealthStatus', HEALTH_STATUS),
    code('MentalHealthStatus', HEALTH_STATUS),
    code('PregnancyStatus', NO_YES_REASONS),
    date('DueDate'),
    code('DataCollectionStage', DATA_COLLECTION_STAGE, true),
    ...TRAILER,
  ],
  Services: [
    id('ServicesID'),
    id('EnrollmentID'),
    id('PersonalID'),
    date('DateProvided', true),
    code('RecordType', RECORD_TYPE, true),
    int('TypeProvided', true),
    text('OtherTypeProvided', 50),
    text('MovingOnOtherType', 50),
    int('SubTypeProvided'),
    money('FAAmount'),
    date('FAStartDate'),
    date('FAEndDate'),
    int('ReferralOutcome'),
    ...TRAILER,
  ],
} as const satisfies Record<string, readonly HmisColumn[]>;

export type HmisFileName = keyof typeof HMIS_FILES;
export const HMIS_FILE_NAMES = Object.keys(HMIS_FILES) as HmisFileName[];
/** The version of the specification, written in Export.csv. */
export const HMIS_CSV_VERSION = 'FY2024';
