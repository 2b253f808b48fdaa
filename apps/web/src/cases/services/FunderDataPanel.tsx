import { FUNDER_DISABILITY_FIELDS, type CaseResponse, type FunderDataResponse } from '@lantern/contracts';
import { useTranslate } from 'react-admin';
import { formatDate } from '../../common/labels';
import { Detail } from '../../survivors/SurvivorDetails';
import { CaseRecordPanel } from './CaseRecordPanel';
import { FunderDataForm, codeLabel } from './FunderDataForm';

/** The 3.12.A subsidy types of her living situation at entry and of her destination at exit. */
const SUBSIDY_FIELDS = ['rentalSubsidyType', 'destinationSubsidyType'] as const;

/**
 * A case's funder data (HMIS, issue 16), on its Services tab: the HMIS elements funders ask a comparable
 * database for (race and ethnicity, veteran status, disabilities, household, income and benefits,
 * domestic violence) and law-enforcement involvement. The case's caseworker records and changes it while
 * the case is open; coordinators read it. Reading it is an audited read of the survivor's file.
 */
export function FunderDataPanel({ record }: { record: CaseResponse }) {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`lantern.funderData.${key}`, options);
  const coded = (field: Parameters<typeof codeLabel>[1], value: number | null) => (value === null ? t('notCollected') : codeLabel(translate, field, value));
  return (
    <CaseRecordPanel<FunderDataResponse>
      kind="funderData"
      record={record}
      form={({ caseId, current, onClose, onSaved }) => <FunderDataForm caseId={caseId} record={current} onClose={onClose} onSaved={onSaved} />}
    >
      {(data0) => (
        <>
          <Detail label={t('groups.race')}>
            {data0.raceEthnicity.length > 0 ? data0.raceEthnicity.map((race) => t(`races.${race}`)).join(', ') : coded('raceNone', data0.raceNone)}
          </Detail>
          <Detail label={t('fields.veteranStatus')}>{coded('veteranStatus', data0.veteranStatus)}</Detail>
          <Detail label={t('fields.disablingCondition')}>{coded('disablingCondition', data0.disablingCondition)}</Detail>
          <Detail label={t('disabilities')}>
            {[...FUNDER_DISABILITY_FIELDS.filter((field) => data0[field] === 1).map((field) => t(`fields.${field}`)), ...(data0.substanceUseDisorder && [1, 2, 3].includes(data0.substanceUseDisorder) ? [coded('substanceUseDisorder', data0.substanceUseDisorder)] : [])].join(', ') || t('noneYes')}
          </Detail>
          <Detail label={t('groups.household')}>
            {[coded('relationshipToHoH', data0.relationshipToHoH), data0.householdSize === null ? null : t('people', { smart_count: data0.householdSize })].filter(Boolean).join(' · ')}
          </Detail>
          <Detail label={t('groups.income')}>
            {data0.incomeFromAnySource === 1
              ? `${t('totalIs', { total: (data0.totalMonthlyIncome ?? 0).toFixed(2) })} (${Object.keys(data0.incomeSources).map((source) => t(`incomeSources.${source}`)).join(', ')})`
              : coded('incomeFromAnySource', data0.incomeFromAnySource)}
            {data0.informationDate && ` · ${formatDate(data0.informationDate)}`}
          </Detail>
          <Detail label={t('fields.benefitsFromAnySource')}>
            {data0.benefitsFromAnySource === 1 ? data0.benefits.map((benefit) => t(`benefits.${benefit}`)).join(', ') : coded('benefitsFromAnySource', data0.benefitsFromAnySource)}
          </Detail>
          <Detail label={t('groups.insurance')}>
            {data0.insuranceFromAnySource === 1 ? data0.insuranceTypes.map((type) => t(`insuranceTypes.${type}`)).join(', ') : coded('insuranceFromAnySource', data0.insuranceFromAnySource)}
          </Detail>
          {(data0.rentalSubsidyType !== null || data0.destinationSubsidyType !== null) && (
            <Detail label={t('groups.subsidy')}>
              {SUBSIDY_FIELDS.filter((field) => data0[field] !== null)
                .map((field) => `${t(`fields.${field}`)}: ${coded(field, data0[field])}`)
                .join(' · ')}
            </Detail>
          )}
          <Detail label={t('groups.dv')}>
            {[coded('domesticViolenceSurvivor', data0.domesticViolenceSurvivor), data0.dvWhenOccurred === null ? null : coded('dvWhenOccurred', data0.dvWhenOccurred)].filter(Boolean).join(' · ')}
          </Detail>
          <Detail label={t('groups.lawEnforcement')}>
            {[
              data0.lawEnforcementReported ? t(`reported.${data0.lawEnforcementReported}`) : t('notCollected'),
              data0.lawEnforcementCooperating === null ? null : t(data0.lawEnforcementCooperating ? 'cooperating' : 'notCooperating'),
              data0.lawEnforcementReportedOn ? formatDate(data0.lawEnforcementReportedOn) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Detail>
        </>
      )}
    </CaseRecordPanel>
  );
}
