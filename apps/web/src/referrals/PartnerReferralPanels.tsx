import LockIcon from '@mui/icons-material/Lock';
import { REFERRAL_RESPONSE_HOURS, SHAREABLE_SURVIVOR_FIELDS, type ReferralStatus, type SharedCustomValue } from '@lantern/contracts';
import { Alert, Box, Card, CardContent, Link, Skeleton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { countryName, formatDate, formatHours, humanize, languageName, SURVIVOR_FIELD_LABELS } from '../common/labels';
import { translate } from '../i18n/translate';
import { vocabLabel } from '../i18n/vocabulary';
import { Detail } from '../survivors/SurvivorDetails';
import { CustomValueText, useLabelText } from '../custom-fields/custom-value-text';
import type { Referral } from './referral-types';

/** A titled panel of a referral as a partner sees it (referrals/PartnerReferralShow.tsx). */
export function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card component="section" aria-label={title} data-testid={testId}>
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1.5 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

const LIST_FORMATTERS: Record<string, (value: string) => string> = {
  languages: languageName,
  citizenship: countryName,
  immediateNeeds: (value) => vocabLabel('immediateNeed', value, humanize(value)),
};

/** One shared value as a person reads it; nothing is inferred about what was not sent. */
function display(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return translate('lantern.common.notRecorded');
  if (Array.isArray(value)) {
    if (value.length === 0) return translate('lantern.intake.noneRecorded');
    const format = LIST_FORMATTERS[field] ?? String;
    return value.map((item) => format(String(item))).join(', ');
  }
  if (field === 'dateOfBirth') return formatDate(String(value));
  if (field === 'gender') return vocabLabel('gender', String(value), humanize(String(value)));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Exactly the survivor fields the API returned (those consented for this organization), each labelled. */
export function SharedSurvivor({ survivor, loading, status }: { survivor: Record<string, unknown> | undefined; loading: boolean; status: ReferralStatus }) {
  const t = useTranslate();
  // A list row carries no survivor details; until the referral itself is read, nothing is said about them.
  if (survivor === undefined && loading) {
    return (
      <Panel title={t('lantern.partnerReferral.aboutPerson')} testId="shared-survivor">
        <Skeleton variant="rounded" height={72} />
      </Panel>
    );
  }
  const keys = survivor ? Object.keys(survivor) : [];
  const known = SHAREABLE_SURVIVOR_FIELDS.filter((field) => keys.includes(field));
  const others = keys.filter((key) => !(SHAREABLE_SURVIVOR_FIELDS as readonly string[]).includes(key) && key !== 'id');
  const fields = [...known, ...others];
  return (
    <Panel title={t('lantern.partnerReferral.aboutPerson')} testId="shared-survivor">
      {fields.length === 0 && (status === 'declined' || status === 'cancelled') ? (
        <Alert severity="info" variant="outlined" icon={<LockIcon />}>
          {t(status === 'declined' ? 'lantern.partnerReferral.declinedHidden' : 'lantern.partnerReferral.withdrawnHidden')}
        </Alert>
      ) : fields.length === 0 ? (
        <Alert severity="info" variant="outlined" icon={<LockIcon />}>
          {t('lantern.partnerReferral.nothingShared')}
        </Alert>
      ) : (
        <>
          <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', mb: 2 }}>
            {fields.map((field) => (
              <Detail key={field} label={SURVIVOR_FIELD_LABELS[field] ?? humanize(field)}>
                <span data-testid={`shared-${field}`}>{display(field, survivor?.[field])}</span>
              </Detail>
            ))}
          </Box>
          <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', color: 'text.secondary' }}>
            <LockIcon sx={{ fontSize: 16 }} />
            <Typography variant="body2" color="inherit">
              {t('lantern.partnerReferral.noOtherDetails')}
            </Typography>
          </Stack>
        </>
      )}
    </Panel>
  );
}

/** The referring caseworker's work contact (name and work e-mail), as the API gives it on the referral's grounds. */
export function ProgramContact({ contact }: { contact: Referral['caseworkerContact'] }) {
  const t = useTranslate();
  return (
    <Panel title={t('lantern.partnerReferral.contact')} testId="program-contact">
      {contact ? (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            {t('lantern.partnerReferral.contactHint')}
          </Typography>
          <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))' }}>
            <Detail label={t('lantern.partnerReferral.contactName')}>
              <span data-testid="contact-name">{contact.displayName}</span>
            </Detail>
            <Detail label={t('lantern.partnerReferral.contactEmail')}>
              <Link href={`mailto:${contact.email}`} data-testid="contact-email">
                {contact.email}
              </Link>
            </Detail>
          </Box>
        </>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t('lantern.partnerReferral.noContact')}
        </Typography>
      )}
    </Panel>
  );
}

export function WaitingNotice({ record }: { record: Referral }) {
  const t = useTranslate();
  if (record.status !== 'sent') return null;
  return record.overdue ? (
    <Alert severity="error" sx={{ mb: 2 }}>
      {t('lantern.partnerReferral.overdue', { time: formatHours(record.ageHours), hours: REFERRAL_RESPONSE_HOURS })}
    </Alert>
  ) : (
    <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
      {t('lantern.partnerReferral.answerWithin', {
        hours: REFERRAL_RESPONSE_HOURS,
        left: formatHours(Math.max(0, REFERRAL_RESPONSE_HOURS - record.ageHours)),
      })}
    </Alert>
  );
}

/**
 * The shareable custom details the survivor's live consent names for this organization (docs/custom-fields.md,
 * "Sharing with partners"), exactly as the API returned them; nothing when there is none.
 */
export function SharedCustomDetails({ values }: { values: SharedCustomValue[] | undefined }) {
  const t = useTranslate();
  const labelText = useLabelText();
  if (!values || values.length === 0) return null;
  return (
    <Panel title={t('lantern.partnerReferral.customDetails')} testId="shared-custom">
      <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))' }}>
        {values.map((shared) => (
          <Detail key={`${shared.entity}.${shared.key}`} label={labelText(shared.label)}>
            <span data-testid={`shared-custom-${shared.key}`}>
              <CustomValueText
                field={{ ...shared, help: null, required: false, min: null, max: null, retired: false, writable: false, step: null }}
                value={shared.value}
              />
            </span>
          </Detail>
        ))}
      </Box>
    </Panel>
  );
}
