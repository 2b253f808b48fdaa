import { PARTNER_OPEN_REFERRAL_STATUSES, type DocumentResponse, type ReferralStatus } from '@lantern/contracts';
import { Alert, Card, CardContent, Skeleton, Stack, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { toApiError } from '../providers/http';
import { DocumentRow } from './DocumentsTab';

/**
 * Partner staff, on a referral they work: the documents the survivor agreed to share with their
 * organization (`documents:<kind>` in a live consent), while the referral is open. Each list and each
 * opening is an audited disclosure; a withdrawn consent takes them away on the next read.
 */
export function SharedDocuments({ referralId, status }: { referralId: string; status: ReferralStatus }) {
  const translate = useTranslate();
  const open = (PARTNER_OPEN_REFERRAL_STATUSES as readonly string[]).includes(status);
  const { data = [], isPending, error } = useGetList<DocumentResponse>(
    'documents',
    { filter: { referralCase: referralId }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: open, staleTime: 0, gcTime: 0 },
  );
  if (!open) return null;
  const title = translate('lantern.documents.sharedTitle');
  return (
    <Card component="section" aria-label={title} data-testid="shared-documents">
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1.5 }}>
          {title}
        </Typography>
        {error ? (
          <Alert severity="error">{toApiError(error).message}</Alert>
        ) : isPending ? (
          <Skeleton variant="rounded" height={80} />
        ) : data.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('lantern.documents.noneShared')}
          </Typography>
        ) : (
          <Stack component="ul" spacing={1} sx={{ p: 0, m: 0 }}>
            {data.map((doc) => (
              <DocumentRow key={doc.id} doc={doc} canOpen />
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
