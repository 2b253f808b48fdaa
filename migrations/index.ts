import { CreateFoundation1795805337191 } from './1795805337191-CreateFoundation.js';
import { AddIdempotencyKeys1795807106042 } from './1795807106042-AddIdempotencyKeys.js';
import { AddSurvivorRecords1795808711729 } from './1795808711729-AddSurvivorRecords.js';
import { AddReferrals1795814522793 } from './1795814522793-AddReferrals.js';
import { AddServicePlansAndOutcomes1795815557052 } from './1795815557052-AddServicePlansAndOutcomes.js';
import { AddMetricReleases1795818963691 } from './1795818963691-AddMetricReleases.js';
import { AddCaseloadIndexes1795819349322 } from './1795819349322-AddCaseloadIndexes.js';
import { AuditListReads1796428800000 } from './1796428800000-AuditListReads.js';
import { AccessPathIndexes1796601600000 } from './1796601600000-AccessPathIndexes.js';
import { LinkReroutedReferrals1796515200000 } from './1796515200000-LinkReroutedReferrals.js';
import { AddUserLocale1796690000000 } from './1796690000000-AddUserLocale.js';
import { AuditAnchor1796700000000 } from './1796700000000-AuditAnchor.js';
import { SecretThrottle1796710000000 } from './1796710000000-SecretThrottle.js';
import { IdempotencyInTransaction1796720000000 } from './1796720000000-IdempotencyInTransaction.js';
import { IntakeRiskNotAssessed1796730000000 } from './1796730000000-IntakeRiskNotAssessed.js';
import { ReferralOutcomes1796740000000 } from './1796740000000-ReferralOutcomes.js';
import { AddAppointments1796770000000 } from './1796770000000-AddAppointments.js';
import { DurableJobs1796750000000 } from './1796750000000-DurableJobs.js';
import { MailDeliveryAndAccounts1796760000000 } from './1796760000000-MailDeliveryAndAccounts.js';
import { Reminders1796780000000 } from './1796780000000-Reminders.js';
import { SurvivorNameTokens1796790000000 } from './1796790000000-SurvivorNameTokens.js';
import { AddDocuments1796800000000 } from './1796800000000-AddDocuments.js';
import { PartnerGroundsIndexes1796820000000 } from './1796820000000-PartnerGroundsIndexes.js';
import { DocumentContentStore1796830000000 } from './1796830000000-DocumentContentStore.js';
import { AuditChainLinkUnique1796840000000 } from './1796840000000-AuditChainLinkUnique.js';
import { ServiceDeliveries1796850000000 } from './1796850000000-ServiceDeliveries.js';
import { ImmigrationRelief1796860000000 } from './1796860000000-ImmigrationRelief.js';
import { Contacts1796880000000 } from './1796880000000-Contacts.js';
import { CaseNoteDrafts1796890000000 } from './1796890000000-CaseNoteDrafts.js';
import { ErasureAndRetention1796900000000 } from './1796900000000-ErasureAndRetention.js';
import { SurvivorMatchTokens1796910000000 } from './1796910000000-SurvivorMatchTokens.js';
import { IntakeHtcdsCore1796940000000 } from './1796940000000-IntakeHtcdsCore.js';
import { SurvivorMerges1796950000000 } from './1796950000000-SurvivorMerges.js';
import { FunderData1796960000000 } from './1796960000000-FunderData.js';
import { SpreadsheetImports1796980000000 } from './1796980000000-SpreadsheetImports.js';
import { FormFieldSettings1797000000000 } from './1797000000000-FormFieldSettings.js';
import { CustomFields1797010000000 } from './1797010000000-CustomFields.js';
import { ImportRunHeader1797020000000 } from './1797020000000-ImportRunHeader.js';
import { FunderDataInsuranceSubsidy1797030000000 } from './1797030000000-FunderDataInsuranceSubsidy.js';
import { SurvivorCustomValues1797050000000 } from './1797050000000-SurvivorCustomValues.js';
import { OrganizationDefinitionsStamp1797070000000 } from './1797070000000-OrganizationDefinitionsStamp.js';
import { IntakeRevisionCustom1797140000000 } from './1797140000000-IntakeRevisionCustom.js';
import { GroundAndOverdueIndexes1797240000000 } from './1797240000000-GroundAndOverdueIndexes.js';
import { OpenReferralIndex1797270000000 } from './1797270000000-OpenReferralIndex.js';

/** Every migration, oldest first. A migration that has landed is never edited: add a new one. */
export const MIGRATIONS: (new () => object)[] = [
  CreateFoundation1795805337191,
  AddIdempotencyKeys1795807106042,
  AddSurvivorRecords1795808711729,
  AddReferrals1795814522793,
  AddServicePlansAndOutcomes1795815557052,
  AddMetricReleases1795818963691,
  AddCaseloadIndexes1795819349322,
  AuditListReads1796428800000,
  LinkReroutedReferrals1796515200000,
  AccessPathIndexes1796601600000,
  AddUserLocale1796690000000,
  AuditAnchor1796700000000,
  SecretThrottle1796710000000,
  IdempotencyInTransaction1796720000000,
  IntakeRiskNotAssessed1796730000000,
  ReferralOutcomes1796740000000,
  DurableJobs1796750000000,
  MailDeliveryAndAccounts1796760000000,
  AddAppointments1796770000000,
  Reminders1796780000000,
  SurvivorNameTokens1796790000000,
  AddDocuments1796800000000,
  PartnerGroundsIndexes1796820000000,
  DocumentContentStore1796830000000,
  AuditChainLinkUnique1796840000000,
  ServiceDeliveries1796850000000,
  ImmigrationRelief1796860000000,
  Contacts1796880000000,
  CaseNoteDrafts1796890000000,
  ErasureAndRetention1796900000000,
  SurvivorMatchTokens1796910000000,
  IntakeHtcdsCore1796940000000,
  SurvivorMerges1796950000000,
  FunderData1796960000000,
  SpreadsheetImports1796980000000,
  FormFieldSettings1797000000000,
  CustomFields1797010000000,
  ImportRunHeader1797020000000,
  FunderDataInsuranceSubsidy1797030000000,
  SurvivorCustomValues1797050000000,
  OrganizationDefinitionsStamp1797070000000,
  IntakeRevisionCustom1797140000000,
  GroundAndOverdueIndexes1797240000000,
  OpenReferralIndex1797270000000,
];
