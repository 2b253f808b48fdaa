import { LAW_ENFORCEMENT_REPORTED, type FunderDataFields, type LawEnforcementReported } from '@lantern/contracts';
import { MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { FieldError } from '../../common/FormDialog';
import { localToday } from './service-labels';

/** The law-enforcement answers as the form holds them: '' is "not collected". */
export interface LawEnforcementState {
  reported: LawEnforcementReported | '';
  cooperating: string;
  reportedOn: string;
}

/** The answers as the API takes them: cooperation and the date only once it was reported. */
export function lawEnforcementFields({ reported, cooperating, reportedOn }: LawEnforcementState): Partial<FunderDataFields> {
  return {
    lawEnforcementReported: reported || null,
    lawEnforcementCooperating: reported === 'yes' && cooperating !== '' ? cooperating === 'true' : null,
    lawEnforcementReportedOn: reported === 'yes' && reportedOn ? reportedOn : null,
  };
}

/** The law-enforcement group of the funder data form (FunderDataForm.tsx). */
export function LawEnforcementFields({ value, onChange, fieldError }: { value: LawEnforcementState; onChange: (next: LawEnforcementState) => void; fieldError: FieldError }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`lantern.funderData.${key}`);
  const { reported, cooperating, reportedOn } = value;
  return (
    <>
      <TextField
        select
        label={t('fields.lawEnforcementReported')}
        value={reported}
        onChange={(event) => onChange({ ...value, reported: event.target.value as LawEnforcementReported | '' })}
        error={Boolean(fieldError('lawEnforcementReported'))}
        helperText={fieldError('lawEnforcementReported')}
        sx={{ gridColumn: { sm: '1 / -1' } }}
      >
        <MenuItem value="">{t('notCollected')}</MenuItem>
        {LAW_ENFORCEMENT_REPORTED.map((code) => (
          <MenuItem key={code} value={code}>
            {t(`reported.${code}`)}
          </MenuItem>
        ))}
      </TextField>
      {reported === 'yes' && (
        <TextField
          select
          label={t('fields.lawEnforcementCooperating')}
          value={cooperating}
          onChange={(event) => onChange({ ...value, cooperating: event.target.value })}
          error={Boolean(fieldError('lawEnforcementCooperating'))}
          helperText={fieldError('lawEnforcementCooperating')}
        >
          <MenuItem value="">{t('notCollected')}</MenuItem>
          <MenuItem value="true">{t('codes.noYes.1')}</MenuItem>
          <MenuItem value="false">{t('codes.noYes.0')}</MenuItem>
        </TextField>
      )}
      {reported === 'yes' && (
        <TextField
          label={t('fields.lawEnforcementReportedOn')}
          type="date"
          value={reportedOn}
          onChange={(event) => onChange({ ...value, reportedOn: event.target.value })}
          error={Boolean(fieldError('lawEnforcementReportedOn'))}
          helperText={fieldError('lawEnforcementReportedOn')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: localToday() } }}
        />
      )}
    </>
  );
}
