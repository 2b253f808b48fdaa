import type { CustomValue, CustomValuesResponse } from '@lantern/contracts';
import { Alert, Box, Button, Skeleton, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useGetOne, useTranslate } from 'react-admin';
import { Panel } from '../common/Panel';
import { Detail } from '../survivors/SurvivorDetails';
import { CustomValuesDialog } from './CustomValuesDialog';
import { CustomValueText, useLabelText } from './custom-value-text';

/** The records that hold custom values, by the name of their values route (docs/custom-fields.md, "Values"). */
export const CUSTOM_VALUES_ROUTES = ['survivor', 'case', 'intake', 'contact', 'goal', 'outcome-assessment', 'referral'] as const;
export type CustomValuesResource = `custom-values/${(typeof CUSTOM_VALUES_ROUTES)[number]}`;

/**
 * "More details": the organization's own fields on one record, only those the reader's role may read
 * (the API leaves the others out), with an edit dialog when she may write one. Each read is audited by
 * the API, naming the fields shown. One component for every record: a page's own card (`variant="card"`:
 * the survivor, the case, the intake, the contact) or a section inside another card or list (`"section"`:
 * a plan goal, an outcome assessment, a referral), where `hideWhenEmpty` keeps records of an
 * organization without such fields as they were.
 */
export function CustomValuesPanel({
  resource,
  recordId,
  editable,
  hideWhenEmpty = false,
  variant = 'card',
  title,
  subject,
  headingLevel = 'h4',
}: {
  resource: CustomValuesResource;
  recordId: string;
  /** The record itself may change (not closed, voided, submitted...): the API still judges each field. */
  editable: boolean;
  /** Leave the panel out when the organization has no field here the reader may read. */
  hideWhenEmpty?: boolean;
  variant?: 'card' | 'section';
  /** The heading, "More details" unless said (e.g. which assessment). */
  title?: string;
  /** Which record, where several are on the page (a goal, an assessment): names the edit button and dialog. */
  subject?: string;
  /** A section's heading, one level below the heading it sits under (the page's, a card's). */
  headingLevel?: 'h2' | 'h3' | 'h4';
}) {
  const translate = useTranslate();
  const text = useLabelText();
  const [editing, setEditing] = useState(false);
  const { data, isPending, error } = useGetOne<CustomValuesResponse>(resource, { id: recordId });
  const fields = data?.fields ?? [];
  const writable = editable && fields.some((field) => field.writable && !field.retired);
  if (hideWhenEmpty && (isPending || (data && fields.length === 0))) return null;
  const heading = title ?? translate('lantern.customValues.title');
  const action = writable && (
    <Button size="small" onClick={() => setEditing(true)} aria-label={subject ? translate('lantern.customValues.editOf', { subject }) : undefined}>
      {translate('ra.action.edit')}
    </Button>
  );
  const body = (
    <>
      {isPending ? (
        <Skeleton variant="rounded" height={64} />
      ) : error || !data ? (
        <Alert severity="error">{translate('lantern.customValues.failed')}</Alert>
      ) : fields.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('lantern.customValues.none')}
        </Typography>
      ) : (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
          {fields.map((field) => (
            <Box key={field.key} sx={field.type === 'longText' ? { gridColumn: '1 / -1' } : undefined}>
              <Detail label={field.retired ? `${text(field.label)} (${translate('lantern.customFields.retired')})` : text(field.label)}>
                <CustomValueText field={field} value={data.values[field.key] as CustomValue | undefined} />
              </Detail>
            </Box>
          ))}
        </Box>
      )}
      {editing && data && <CustomValuesDialog resource={resource} record={data} subject={subject} onClose={() => setEditing(false)} />}
    </>
  );
  return variant === 'card' ? (
    <Panel title={heading} testId="custom-values-panel" action={action}>
      {body}
    </Panel>
  ) : (
    <Section title={heading} label={subject ? `${heading}: ${subject}` : heading} level={headingLevel} action={action}>
      {body}
    </Section>
  );
}

/** A titled part of another card (a goal, a referral) or of a tab: a heading one level below the card's. */
function Section({ title, label, level, action, children }: { title: string; label: string; level: 'h2' | 'h3' | 'h4'; action: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" aria-label={label} data-testid="custom-values-panel" sx={{ mt: 1.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', minHeight: 32, mb: 0.5 }}>
        <Typography variant="subtitle2" component={level} color="text.secondary" sx={{ flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Stack>
      {children}
    </Box>
  );
}
