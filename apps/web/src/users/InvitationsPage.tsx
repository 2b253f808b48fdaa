import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Box,
  Button,
  Card,
  Chip,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { LOCALES, ROLES, type InvitationResponse, type InvitationStatus, type PartnerOrgResponse, type Role } from '@lantern/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { FormDialog } from '../common/FormDialog';
import { formatDateTime } from '../common/labels';
import { ROLE_LABELS } from '../common/choices';
import { PageHeading } from '../common/PageHeading';
import { api, toApiError } from '../providers/http';

const KEY = ['accounts', 'invitations'] as const;

const STATUS_COLOR: Record<InvitationStatus, 'warning' | 'success' | 'default'> = { pending: 'warning', accepted: 'success', revoked: 'default', expired: 'default' };

function InviteDialog({ onClose }: { onClose: () => void }) {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('caseworker');
  const [partnerOrgId, setPartnerOrgId] = useState('');
  const [locale, setLocale] = useState<string>('en');
  const partners = useQuery({
    queryKey: ['partner-orgs', 'for-invitations'],
    queryFn: () => api<PartnerOrgResponse[]>('/partner-orgs?range=[0,99]'),
    enabled: role === 'partner',
  });
  return (
    <FormDialog
      title={translate('lantern.accounts.inviteTitle')}
      intro={<Typography sx={{ mb: 2 }}>{translate('lantern.accounts.inviteIntro')}</Typography>}
      submitLabel={translate('lantern.accounts.send')}
      ready={Boolean(email.trim() && displayName.trim() && (role !== 'partner' || partnerOrgId))}
      onClose={onClose}
      onSubmit={async () => {
        await api<InvitationResponse>('/accounts/invitations', {
          method: 'POST',
          stepUp: true,
          body: { email: email.trim(), displayName: displayName.trim(), role, locale, ...(role === 'partner' ? { partnerOrgId } : {}) },
        });
        notify('lantern.accounts.invited', { type: 'success' });
        await queryClient.invalidateQueries({ queryKey: KEY });
      }}
    >
      {(fieldError) => (
        <Stack spacing={2}>
          <TextField label={translate('lantern.login.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={Boolean(fieldError('email'))} helperText={fieldError('email')} required fullWidth />
          <TextField label={translate('lantern.accounts.displayName')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={Boolean(fieldError('displayName'))} helperText={fieldError('displayName')} required fullWidth />
          <TextField select label={translate('lantern.accounts.role')} value={role} onChange={(e) => setRole(e.target.value as Role)} fullWidth>
            {ROLES.map((r) => (
              <MenuItem key={r} value={r}>
                {ROLE_LABELS[r]}
              </MenuItem>
            ))}
          </TextField>
          {role === 'partner' && (
            <TextField
              select
              label={translate('lantern.accounts.partnerOrg')}
              value={partnerOrgId}
              onChange={(e) => setPartnerOrgId(e.target.value)}
              error={Boolean(fieldError('partnerOrgId'))}
              helperText={fieldError('partnerOrgId')}
              required
              fullWidth
            >
              {(partners.data ?? []).map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.name}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField select label={translate('lantern.accounts.mailLanguage')} value={locale} onChange={(e) => setLocale(e.target.value)} fullWidth>
            {LOCALES.map((l) => (
              <MenuItem key={l} value={l}>
                {translate(`lantern.language.${l}`)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      )}
    </FormDialog>
  );
}

/** Admins: who was invited, which links are still open; resend (a new link) or revoke. */
export function InvitationsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [inviting, setInviting] = useState(false);
  const list = useQuery({ queryKey: KEY, queryFn: () => api<InvitationResponse[]>('/accounts/invitations?range=[0,99]') });

  const act = async (invitation: InvitationResponse, action: 'resend' | 'revoke'): Promise<void> => {
    try {
      await api(`/accounts/invitations/${encodeURIComponent(invitation.id)}/${action}`, { method: 'POST', stepUp: true });
      notify(action === 'resend' ? 'lantern.accounts.resent' : 'lantern.accounts.revoked', { type: 'success' });
    } catch (caught) {
      notify(toApiError(caught).message, { type: 'error' });
    }
    await queryClient.invalidateQueries({ queryKey: KEY });
  };

  return (
    <Box sx={{ py: 2 }}>
      <Title title="lantern.accounts.invitations" />
      <PageHeading title="lantern.accounts.invitations" />
      <Stack direction="row" sx={{ mb: 2, justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <Typography color="text.secondary">{translate('lantern.accounts.invitationsIntro')}</Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setInviting(true)}>
          {translate('lantern.accounts.invite')}
        </Button>
      </Stack>
      {list.error && <Alert severity="error">{toApiError(list.error).message}</Alert>}
      <Card>
        <TableContainer>
          <Table size="small" aria-label={translate('lantern.accounts.invitations')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('lantern.login.email')}</TableCell>
                <TableCell>{translate('lantern.accounts.role')}</TableCell>
                <TableCell>{translate('lantern.accounts.status')}</TableCell>
                <TableCell>{translate('lantern.accounts.expires')}</TableCell>
                <TableCell>{translate('lantern.accounts.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(list.data ?? []).length === 0 && (
                <TableRow>
                  <TableCell colSpan={5}>{translate(list.isLoading ? 'lantern.accounts.checking' : 'lantern.accounts.noInvitations')}</TableCell>
                </TableRow>
              )}
              {(list.data ?? []).map((invitation) => (
                <TableRow key={invitation.id}>
                  <TableCell sx={{ wordBreak: 'break-all' }}>
                    {invitation.email}
                    <Typography variant="body2" color="text.secondary">
                      {invitation.displayName}
                    </Typography>
                  </TableCell>
                  <TableCell>{ROLE_LABELS[invitation.role]}</TableCell>
                  <TableCell>
                    <Chip size="small" color={STATUS_COLOR[invitation.status]} label={translate(`lantern.accounts.statuses.${invitation.status}`)} />
                  </TableCell>
                  <TableCell>{formatDateTime(invitation.expiresAt)}</TableCell>
                  <TableCell>
                    {(invitation.status === 'pending' || invitation.status === 'expired') && (
                      <Stack direction="row" spacing={1}>
                        <Button size="small" onClick={() => void act(invitation, 'resend')} aria-label={translate('lantern.accounts.resendFor', { email: invitation.email })}>
                          {translate('lantern.accounts.resend')}
                        </Button>
                        <Button size="small" color="error" onClick={() => void act(invitation, 'revoke')} aria-label={translate('lantern.accounts.revokeFor', { email: invitation.email })}>
                          {translate('lantern.accounts.revoke')}
                        </Button>
                      </Stack>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </Card>
      {inviting && <InviteDialog onClose={() => setInviting(false)} />}
    </Box>
  );
}
