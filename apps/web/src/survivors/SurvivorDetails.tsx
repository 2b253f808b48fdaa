import LockIcon from '@mui/icons-material/Lock';
import { SURVIVOR_PII_FIELDS, type SurvivorResponse } from '@lantern/contracts';
import { Alert, Box, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { countryName, formatDate, humanize, languageName, SURVIVOR_FIELD_LABELS } from '../common/labels';
import { vocabLabel } from '../i18n/vocabulary';

export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ lineHeight: 1.4 }}>
        {label}
      </Typography>
      <Typography variant="body2" component="div" sx={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

/** Whether the API returned any identifying field: it sends those keys only to people allowed to read them. */
export function hasPii(survivor: Partial<SurvivorResponse>): boolean {
  return SURVIVOR_PII_FIELDS.some((field) => Object.hasOwn(survivor, field));
}

const grid = { display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))' } as const;

/**
 * A survivor's details as the API returned them. Identifying details appear only when their keys are
 * in the response; otherwise a sentence says why they are not shown.
 */
export function SurvivorDetails({
  survivor,
  piiHiddenNote,
  headingLevel = 'h3',
}: {
  survivor: SurvivorResponse;
  piiHiddenNote?: ReactNode;
  /** `h3` inside a titled panel (the case overview); `h2` in the survivor page's own card, under its h1. */
  headingLevel?: 'h2' | 'h3';
}) {
  const pii = hasPii(survivor);
  const translate = useTranslate();
  const label = (field: string): string => translate(`resources.survivors.fields.${field}`);
  const value = (field: keyof SurvivorResponse): string => {
    const raw = survivor[field];
    if (raw === null || raw === undefined || raw === '') return '—';
    if (field === 'dateOfBirth') return formatDate(String(raw));
    return String(raw);
  };
  return (
    <Stack spacing={2}>
      <Box sx={grid}>
        <Detail label={label('birthYear')}>{survivor.birthYear ?? '—'}</Detail>
        <Detail label={label('gender')}>{survivor.gender ? vocabLabel('gender', survivor.gender, humanize(survivor.gender)) : '—'}</Detail>
        <Detail label={label('pronouns')}>{survivor.pronouns || '—'}</Detail>
        <Detail label={label('languages')}>{survivor.languages.length ? survivor.languages.map(languageName).join(', ') : '—'}</Detail>
        <Detail label={label('citizenship')}>{survivor.citizenship.length ? survivor.citizenship.map(countryName).join(', ') : '—'}</Detail>
      </Box>
      <Divider />
      {pii ? (
        <Box>
          <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', mb: 1, color: 'text.secondary' }}>
            <LockIcon sx={{ fontSize: 16 }} />
            <Typography variant="subtitle2" component={headingLevel}>
              {translate('lantern.survivors.identifying')}
            </Typography>
          </Stack>
          <Box sx={grid} data-testid="survivor-pii">
            {SURVIVOR_PII_FIELDS.filter((field) => Object.hasOwn(survivor, field)).map((field) => (
              <Detail key={field} label={SURVIVOR_FIELD_LABELS[field] ?? field}>
                {value(field)}
              </Detail>
            ))}
          </Box>
        </Box>
      ) : (
        <Alert severity="info" icon={<LockIcon fontSize="small" />} variant="outlined">
          {piiHiddenNote ?? translate('lantern.survivors.piiHidden')}
        </Alert>
      )}
    </Stack>
  );
}
