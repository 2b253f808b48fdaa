import AssessmentIcon from '@mui/icons-material/Assessment';
import type { CaseResponse, ClosureCheckResponse, ClosureReason, CustomValuesResponse, FormKey } from '@lantern/contracts';
import { Alert, AlertTitle, Box, Button, Checkbox, DialogContentText, FormControlLabel, MenuItem, Skeleton, Stack, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useCreatePath, useDataProvider, useGetOne, useNavigate, useNotify, useRefresh, useTranslate } from 'react-admin';
import { CLOSURE_REASON_CHOICES } from '../../common/choices';
import { FormDialog } from '../../common/FormDialog';
import { useLabelText } from '../../custom-fields/custom-value-text';
import { hmisOptions } from '../../common/hmis-options';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { BUILT_IN_LABEL_KEY } from '../../forms/form-view';

const NOTE_MAX = 500;

/**
 * The labels of the case's own fields the closure still needs (`custom.<key>`, docs/custom-fields.md), in
 * her language, read from the case's "More details" only when one is missing; a field her role may not
 * read keeps its key.
 */
function useCustomLabels(caseId: string, missing: ClosureCheckResponse['missing']): (key: string) => string {
  const text = useLabelText();
  const wanted = missing.some((m) => m.code === 'REQUIRED_FIELDS_MISSING' && (m.fields ?? []).some((f) => f.startsWith('custom.')));
  const { data } = useGetOne<CustomValuesResponse>('custom-values/case', { id: caseId }, { enabled: wanted });
  return (key) => {
    const field = data?.fields.find((f) => f.key === key);
    return field ? text(field.label) : key;
  };
}
const DESTINATION_OPTIONS = hmisOptions('destination');

/**
 * Closing a case: the API says first what stands in the way (an exit assessment, open referrals), so
 * the dialog explains it before it lets anyone close. The reason and the HUD HMIS exit destination
 * feed the exit metrics; open referrals may be cancelled in the same step (the partners are told).
 */
export function CloseCaseDialog({ record, onClose }: { record: CaseResponse; onClose: () => void }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const check = useQuery({
    queryKey: ['cases', record.id, 'closure-check'],
    queryFn: () => dataProvider.closureCheck(record.id),
    staleTime: 0,
    gcTime: 0,
  });
  const [closureReason, setClosureReason] = useState<ClosureReason | ''>('');
  const [destination, setDestination] = useState('');
  const [note, setNote] = useState('');
  const [cancelReferrals, setCancelReferrals] = useState(false);

  const missing = check.data?.missing ?? [];
  const customLabel = useCustomLabels(record.id, missing);
  // `<form>.<field>` as the person knows the field (docs/forms.md); `custom.<key>` by its label where she may read it.
  const fieldName = (path: string): string => {
    const [form, key] = path.split('.') as [FormKey | 'custom', string];
    if (form === 'custom') return customLabel(key);
    return BUILT_IN_LABEL_KEY[form] ? translate(BUILT_IN_LABEL_KEY[form](key)) : path;
  };
  const exitMissing = missing.some((m) => m.code === 'EXIT_ASSESSMENT_MISSING');
  const openReferrals = check.data?.openReferrals ?? 0;
  const requiredMissing = missing.find((m) => m.code === 'REQUIRED_FIELDS_MISSING');
  const blocked = !check.data || exitMissing || Boolean(requiredMissing) || missing.some((m) => m.code === 'ALREADY_CLOSED') || (openReferrals > 0 && !cancelReferrals);
  const ready = !blocked && Boolean(closureReason) && Boolean(destination) && note.length <= NOTE_MAX;

  const recordExit = (): void => {
    onClose();
    navigate(`${createPath({ resource: 'cases', type: 'show', id: record.id })}/outcomes`, { state: { stage: 'exit' } });
  };

  const submit = async (): Promise<void> => {
    if (!closureReason) return;
    const trimmed = note.trim();
    await dataProvider.closeCase(record.id, {
      closureReason,
      exitDestination: Number(destination),
      ...(openReferrals > 0 ? { cancelOpenReferrals: cancelReferrals } : {}),
      ...(trimmed ? { note: trimmed } : {}),
      version: record.version,
    });
    notify('lantern.closeCase.closed', { type: 'success' });
    refresh();
  };

  return (
    <FormDialog
      title={translate('lantern.closeCase.title')}
      intro={<DialogContentText sx={{ mb: 2 }}>{translate('lantern.closeCase.intro')}</DialogContentText>}
      submitLabel={translate('lantern.closeCase.close')}
      submitColor="error"
      ready={ready}
      onSubmit={submit}
      onClose={onClose}
      onError={() => void check.refetch()}
    >
      {(fieldError) => (
        <>
          {check.error ? (
            <Alert severity="error" sx={{ mb: 2 }}>
              {toApiError(check.error).message}
            </Alert>
          ) : check.isPending ? (
            <Skeleton variant="rounded" height={56} sx={{ mb: 2 }} />
          ) : missing.length > 0 ? (
            <Stack spacing={1} sx={{ mb: 2 }} data-testid="closure-check">
              {exitMissing && (
                <Alert
                  severity="warning"
                  action={
                    <Button color="inherit" size="small" startIcon={<AssessmentIcon />} onClick={recordExit}>
                      {translate('lantern.closeCase.recordIt')}
                    </Button>
                  }
                >
                  <AlertTitle>{translate('lantern.closeCase.exitMissing')}</AlertTitle>
                  {translate('lantern.closeCase.exitMissingText')}
                </Alert>
              )}
              {openReferrals > 0 && (
                <Alert severity={cancelReferrals ? 'info' : 'warning'}>
                  <AlertTitle>{translate('lantern.closeCase.openReferrals', { smart_count: openReferrals })}</AlertTitle>
                  {translate('lantern.closeCase.openReferralsText', { smart_count: openReferrals })}
                  <FormControlLabel
                    sx={{ display: 'flex', mt: 0.5 }}
                    control={<Checkbox checked={cancelReferrals} onChange={(event) => setCancelReferrals(event.target.checked)} />}
                    label={translate('lantern.closeCase.cancelReferrals', { smart_count: openReferrals })}
                  />
                </Alert>
              )}
              {requiredMissing && (
                <Alert severity="warning" data-testid="closure-required-fields">
                  <AlertTitle>{translate('lantern.closeCase.requiredMissing')}</AlertTitle>
                  {translate('lantern.closeCase.requiredMissingText', { fields: (requiredMissing.fields ?? []).map(fieldName).join(', ') })}
                </Alert>
              )}
              {missing
                .filter((m) => m.code === 'ALREADY_CLOSED')
                .map((m) => (
                  <Alert key={m.code} severity="info">
                    {m.message}
                  </Alert>
                ))}
            </Stack>
          ) : (
            <Alert severity="success" variant="outlined" sx={{ mb: 2 }} data-testid="closure-check">
              {translate('lantern.closeCase.ready')}
            </Alert>
          )}
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, mb: 2 }}>
            <TextField
              select
              label={translate('resources.cases.fields.closureReason')}
              value={closureReason}
              onChange={(event) => setClosureReason(event.target.value as ClosureReason)}
              required
              error={Boolean(fieldError('closureReason'))}
              helperText={fieldError('closureReason')}
            >
              {CLOSURE_REASON_CHOICES.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={translate('resources.cases.fields.exitDestination')}
              value={destination}
              onChange={(event) => setDestination(event.target.value)}
              required
              error={Boolean(fieldError('exitDestination'))}
              helperText={fieldError('exitDestination') ?? translate('lantern.closeCase.destinationHelp')}
            >
              {DESTINATION_OPTIONS}
            </TextField>
          </Box>
          <TextField
            label={translate('lantern.common.optional', { label: translate('resources.case-notes.fields.body') })}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            multiline
            minRows={2}
            fullWidth
            error={note.length > NOTE_MAX || Boolean(fieldError('note'))}
            helperText={fieldError('note') ?? `${note.length}/${NOTE_MAX}`}
            slotProps={{ htmlInput: { maxLength: NOTE_MAX } }}
          />
        </>
      )}
    </FormDialog>
  );
}
