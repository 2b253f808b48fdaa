import {
  FUNDER_DISABILITY_FIELDS,
  HMIS_BENEFITS,
  HMIS_INCOME_SOURCES,
  HMIS_INSURANCE_TYPES,
  HMIS_NO_YES_REASONS,
  HMIS_RACE_NONE,
  HMIS_RACES,
  HMIS_RELATIONSHIPS_TO_HOH,
  HMIS_RENTAL_SUBSIDY_TYPES,
  HMIS_SUBSTANCE_USE,
  HMIS_WHEN_OCCURRED,
  type FunderDataFields,
  type FunderDataResponse,
  type HmisBenefit,
  type HmisIncomeSource,
  type HmisInsuranceType,
  type HmisRace,
} from '@lantern/contracts';
import { Box, Checkbox, FormControlLabel, MenuItem, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { FormDialog, type FieldError } from '../../common/FormDialog';
import { FormGroup } from './CaseRecordPanel';
import { funderDataApi } from './funder-data-api';
import { LawEnforcementFields, lawEnforcementFields, type LawEnforcementState } from './FunderLawEnforcementFields';
import { localToday } from './service-labels';

/** The coded answers of the form: '' is "not collected". */
type CodeField =
  | 'raceNone'
  | 'veteranStatus'
  | 'disablingCondition'
  | (typeof FUNDER_DISABILITY_FIELDS)[number]
  | 'substanceUseDisorder'
  | 'relationshipToHoH'
  | 'incomeFromAnySource'
  | 'benefitsFromAnySource'
  | 'insuranceFromAnySource'
  | 'rentalSubsidyType'
  | 'destinationSubsidyType'
  | 'domesticViolenceSurvivor'
  | 'dvWhenOccurred'
  | 'dvCurrentlyFleeing';

/** Each coded field's HMIS list and the i18n list its labels come from. */
const CODES: Record<CodeField, { values: readonly number[]; list: string }> = {
  raceNone: { values: HMIS_RACE_NONE, list: 'noYes' },
  veteranStatus: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
  disablingCondition: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
  physicalDisability: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
  developmentalDisability: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
  chronicHealthCondition: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
  hivAids: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
  mentalHealthDisorder: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
  substanceUseDisorder: { values: HMIS_SUBSTANCE_USE, list: 'substanceUse' },
  relationshipToHoH: { values: HMIS_RELATIONSHIPS_TO_HOH, list: 'relationship' },
  incomeFromAnySource: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
  benefitsFromAnySource: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
  insuranceFromAnySource: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
  rentalSubsidyType: { values: HMIS_RENTAL_SUBSIDY_TYPES, list: 'subsidy' },
  destinationSubsidyType: { values: HMIS_RENTAL_SUBSIDY_TYPES, list: 'subsidy' },
  domesticViolenceSurvivor: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
  dvWhenOccurred: { values: HMIS_WHEN_OCCURRED, list: 'whenOccurred' },
  dvCurrentlyFleeing: { values: HMIS_NO_YES_REASONS, list: 'noYes' },
};
const CODE_FIELDS = Object.keys(CODES) as CodeField[];

/** The label of an HMIS code of a field (also used by the panel). */
export function codeLabel(translate: (key: string) => string, field: CodeField, code: number): string {
  const list = CODES[field].list;
  // 8, 9 and 99 read the same in every list.
  return translate(`lantern.funderData.codes.${[8, 9, 99].includes(code) ? 'noYes' : list}.${code}`);
}

const cents = (text: string): number => Math.round(Number(text) * 100);
/** A stored answer as the form's text: '' when not collected. */
const asText = (value: number | boolean | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/**
 * Starts or changes a case's funder data (HMIS, issue 16). What depends on an answer (the sources when
 * she has income, when it occurred when she is a survivor of domestic violence, the date once it was
 * reported) is asked only then, and cleared otherwise; the monthly total is the sum of the amounts.
 * The API checks the whole record and names the field at fault.
 */
export function FunderDataForm({
  caseId,
  record,
  onClose,
  onSaved,
}: {
  caseId: string;
  record?: FunderDataResponse;
  onClose: () => void;
  onSaved: (saved: FunderDataResponse) => void;
}) {
  const translate = useTranslate();
  const today = localToday();
  const t = (key: string) => translate(`lantern.funderData.${key}`);
  const [informationDate, setInformationDate] = useState(record?.informationDate ?? '');
  const [races, setRaces] = useState<HmisRace[]>(record?.raceEthnicity ?? []);
  const [codes, setCodes] = useState<Record<CodeField, string>>(
    Object.fromEntries(CODE_FIELDS.map((field) => [field, asText(record?.[field])])) as Record<CodeField, string>,
  );
  const [householdSize, setHouseholdSize] = useState(asText(record?.householdSize));
  const [amounts, setAmounts] = useState<Partial<Record<HmisIncomeSource, string>>>(
    Object.fromEntries(Object.entries(record?.incomeSources ?? {}).map(([source, amount]) => [source, String(amount)])),
  );
  const [benefits, setBenefits] = useState<HmisBenefit[]>(record?.benefits ?? []);
  const [insuranceTypes, setInsuranceTypes] = useState<HmisInsuranceType[]>(record?.insuranceTypes ?? []);
  const [lawEnforcement, setLawEnforcement] = useState<LawEnforcementState>({
    reported: record?.lawEnforcementReported ?? '',
    cooperating: asText(record?.lawEnforcementCooperating),
    reportedOn: record?.lawEnforcementReportedOn ?? '',
  });

  const hasIncome = codes.incomeFromAnySource === '1';
  const hasBenefits = codes.benefitsFromAnySource === '1';
  const hasInsurance = codes.insuranceFromAnySource === '1';
  const dvSurvivor = codes.domesticViolenceSurvivor === '1';
  const sources = hasIncome ? HMIS_INCOME_SOURCES.filter((source) => (amounts[source] ?? '') !== '') : [];
  const total = sources.reduce((sum, source) => sum + cents(amounts[source]!), 0) / 100;
  const ready = sources.every((source) => Number.isFinite(Number(amounts[source])) && Number(amounts[source]) > 0);

  const code = (field: CodeField) => (codes[field] === '' ? null : Number(codes[field]));
  const save = async (): Promise<void> => {
    const body: FunderDataFields = {
      informationDate: informationDate || null,
      raceEthnicity: races,
      ...(Object.fromEntries(CODE_FIELDS.map((field) => [field, code(field)])) as Partial<FunderDataFields>),
      raceNone: races.length > 0 ? null : (code('raceNone') as FunderDataFields['raceNone']),
      dvWhenOccurred: dvSurvivor ? (code('dvWhenOccurred') as FunderDataFields['dvWhenOccurred']) : null,
      dvCurrentlyFleeing: dvSurvivor ? (code('dvCurrentlyFleeing') as FunderDataFields['dvCurrentlyFleeing']) : null,
      householdSize: householdSize === '' ? null : Number(householdSize),
      incomeSources: Object.fromEntries(sources.map((source) => [source, cents(amounts[source]!) / 100])),
      totalMonthlyIncome: hasIncome ? total : null,
      benefits: hasBenefits ? benefits : [],
      insuranceTypes: hasInsurance ? insuranceTypes : [],
      ...lawEnforcementFields(lawEnforcement),
    };
    onSaved(record ? await funderDataApi.update(record.id, { ...body, version: record.version }) : await funderDataApi.create(caseId, body));
  };

  const select = (field: CodeField, fieldError: FieldError, wide = false) => (
    <TextField
      key={field}
      select
      label={t(`fields.${field}`)}
      value={codes[field]}
      onChange={(event) => setCodes({ ...codes, [field]: event.target.value })}
      error={Boolean(fieldError(field))}
      helperText={fieldError(field)}
      sx={wide ? { gridColumn: { sm: '1 / -1' } } : undefined}
    >
      <MenuItem value="">{t('notCollected')}</MenuItem>
      {CODES[field].values.map((value) => (
        <MenuItem key={value} value={String(value)}>
          {codeLabel(translate, field, value)}
        </MenuItem>
      ))}
    </TextField>
  );
  const check = <T extends string>(values: readonly T[], chosen: T[], set: (next: T[]) => void, labelOf: (value: T) => string) =>
    values.map((value) => (
      <FormControlLabel
        key={value}
        control={<Checkbox checked={chosen.includes(value)} onChange={(event) => set(event.target.checked ? [...chosen, value] : chosen.filter((v) => v !== value))} />}
        label={labelOf(value)}
      />
    ));

  return (
    <FormDialog title={t(record ? 'editTitle' : 'addTitle')} submitLabel={t('save')} ready={ready} onSubmit={save} onClose={onClose}>
      {(fieldError) => (
        <Box sx={{ display: 'grid', gap: 3, pt: 1 }}>
          <TextField
            label={t('fields.informationDate')}
            type="date"
            value={informationDate}
            onChange={(event) => setInformationDate(event.target.value)}
            error={Boolean(fieldError('informationDate'))}
            helperText={fieldError('informationDate') ?? t('informationDateHelp')}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
          />
          <FormGroup title={t('groups.race')}>
            <Box sx={{ gridColumn: { sm: '1 / -1' }, display: 'flex', flexWrap: 'wrap', columnGap: 2 }}>
              {check(HMIS_RACES, races, setRaces, (race) => t(`races.${race}`))}
            </Box>
            {races.length === 0 && select('raceNone', fieldError, true)}
            {fieldError('raceEthnicity') && <Typography color="error" variant="caption">{fieldError('raceEthnicity')}</Typography>}
          </FormGroup>
          <FormGroup title={t('groups.health')}>
            {select('veteranStatus', fieldError)}
            {select('disablingCondition', fieldError)}
            {FUNDER_DISABILITY_FIELDS.map((field) => select(field, fieldError))}
            {select('substanceUseDisorder', fieldError)}
          </FormGroup>
          <FormGroup title={t('groups.household')}>
            {select('relationshipToHoH', fieldError)}
            <TextField
              label={t('fields.householdSize')}
              type="number"
              value={householdSize}
              onChange={(event) => setHouseholdSize(event.target.value)}
              error={Boolean(fieldError('householdSize'))}
              helperText={fieldError('householdSize')}
              slotProps={{ htmlInput: { min: 1, max: 30, step: 1 } }}
            />
          </FormGroup>
          <FormGroup title={t('groups.income')}>
            {select('incomeFromAnySource', fieldError, true)}
            {hasIncome &&
              HMIS_INCOME_SOURCES.map((source) => (
                <TextField
                  key={source}
                  label={t(`incomeSources.${source}`)}
                  type="number"
                  value={amounts[source] ?? ''}
                  onChange={(event) => setAmounts({ ...amounts, [source]: event.target.value })}
                  slotProps={{ htmlInput: { min: 0, step: 0.01, inputMode: 'decimal' } }}
                />
              ))}
            {hasIncome && (
              <Typography sx={{ gridColumn: { sm: '1 / -1' } }} color={fieldError('incomeSources') || fieldError('totalMonthlyIncome') ? 'error' : undefined}>
                {fieldError('incomeSources') ?? fieldError('totalMonthlyIncome') ?? translate('lantern.funderData.totalIs', { total: total.toFixed(2) })}
              </Typography>
            )}
            {select('benefitsFromAnySource', fieldError, true)}
            {hasBenefits && (
              <Box sx={{ gridColumn: { sm: '1 / -1' }, display: 'flex', flexWrap: 'wrap', columnGap: 2 }}>
                {check(HMIS_BENEFITS, benefits, setBenefits, (benefit) => t(`benefits.${benefit}`))}
              </Box>
            )}
            {fieldError('benefits') && <Typography color="error" variant="caption">{fieldError('benefits')}</Typography>}
          </FormGroup>
          <FormGroup title={t('groups.insurance')}>
            {select('insuranceFromAnySource', fieldError, true)}
            {hasInsurance && (
              <Box sx={{ gridColumn: { sm: '1 / -1' }, display: 'flex', flexWrap: 'wrap', columnGap: 2 }}>
                {check(HMIS_INSURANCE_TYPES, insuranceTypes, setInsuranceTypes, (type) => t(`insuranceTypes.${type}`))}
              </Box>
            )}
            {fieldError('insuranceTypes') && <Typography color="error" variant="caption">{fieldError('insuranceTypes')}</Typography>}
          </FormGroup>
          <FormGroup title={t('groups.subsidy')}>
            <Typography variant="body2" color="text.secondary" sx={{ gridColumn: { sm: '1 / -1' } }}>
              {t('subsidyHelp')}
            </Typography>
            {select('rentalSubsidyType', fieldError)}
            {select('destinationSubsidyType', fieldError)}
          </FormGroup>
          <FormGroup title={t('groups.dv')}>
            {select('domesticViolenceSurvivor', fieldError, true)}
            {dvSurvivor && select('dvWhenOccurred', fieldError)}
            {dvSurvivor && select('dvCurrentlyFleeing', fieldError)}
          </FormGroup>
          <FormGroup title={t('groups.lawEnforcement')}>
            <LawEnforcementFields value={lawEnforcement} onChange={setLawEnforcement} fieldError={fieldError} />
          </FormGroup>
        </Box>
      )}
    </FormDialog>
  );
}
