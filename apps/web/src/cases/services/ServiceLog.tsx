import AddIcon from '@mui/icons-material/Add';
import { SERVICE_VOID_REASON_MAX, type ServiceDeliveryResponse } from '@lantern/contracts';
import { Alert, Button, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetList, useNotify, useTranslate } from 'react-admin';
import { ReasonDialog } from '../../common/ReasonDialog';
import { toApiError } from '../../providers/http';
import { servicesApi } from './service-api';
import { ServiceForm } from './ServiceForm';
import { ServiceRow } from './ServiceRow';

/**
 * A list of services given with its actions (issue 16): the case's Services tab (staff), or the entries
 * of a referral on the partner's page. Whoever may manage them logs, corrects and voids; nothing is
 * ever deleted. Each list is an audited read of the survivor's file.
 */
export function ServiceLog({
  mode,
  filter,
  caseId,
  referralId,
  manage,
  heading,
  intro,
}: {
  mode: 'staff' | 'partner';
  filter: Record<string, string>;
  caseId?: string;
  referralId?: string;
  manage: boolean;
  heading: string;
  intro?: string;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [editing, setEditing] = useState<ServiceDeliveryResponse | 'new' | null>(null);
  const [voiding, setVoiding] = useState<ServiceDeliveryResponse | null>(null);
  const { data = [], isPending, error, refetch } = useGetList<ServiceDeliveryResponse>(
    'service-deliveries',
    { filter, sort: { field: 'deliveredOn', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { staleTime: 0 },
  );
  const given = data.filter((entry) => !entry.voidedAt).length;

  const saved = (): void => {
    setEditing(null);
    notify('lantern.services.saved', { type: 'success' });
    void refetch();
  };

  const voidEntry = async (reason: string | undefined): Promise<void> => {
    if (!voiding || !reason) return;
    await servicesApi.void(voiding.id, voiding.version, reason);
    notify('lantern.services.voidedNotice', { type: 'info' });
    await refetch();
  };

  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' } }}>
        <Stack sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {heading}
          </Typography>
          {intro && (
            <Typography variant="body2" color="text.secondary">
              {intro}
            </Typography>
          )}
        </Stack>
        {manage && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
            {translate('lantern.services.add')}
          </Button>
        )}
      </Stack>
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={80} />
      ) : data.length === 0 ? (
        <Alert severity="info" variant="outlined">
          {translate('lantern.services.empty')}
        </Alert>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary">
            {translate('lantern.services.count', { smart_count: given })}
          </Typography>
          <Stack component="ul" spacing={1} sx={{ p: 0, m: 0 }} aria-label={heading}>
            {data.map((entry) => (
              <ServiceRow
                key={entry.id}
                entry={entry}
                showReferral={mode === 'staff'}
                onEdit={manage ? () => setEditing(entry) : undefined}
                onVoid={manage ? () => setVoiding(entry) : undefined}
              />
            ))}
          </Stack>
        </>
      )}
      {editing && (
        <ServiceForm
          mode={mode}
          caseId={caseId}
          referralId={referralId}
          entry={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={saved}
        />
      )}
      <ReasonDialog
        open={voiding !== null}
        title={translate('lantern.services.voidTitle')}
        description={translate('lantern.services.voidText')}
        confirmLabel={translate('lantern.services.void')}
        confirmColor="warning"
        required
        maxLength={SERVICE_VOID_REASON_MAX}
        onConfirm={voidEntry}
        onClose={() => setVoiding(null)}
      />
    </Stack>
  );
}
