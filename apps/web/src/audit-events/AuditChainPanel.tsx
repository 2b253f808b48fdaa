import type { AuditChainStatusResponse } from '@lantern/contracts';
import { Alert, AlertTitle, Box, Card, CardContent, Chip, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useTranslate } from 'react-admin';
import { formatDateTime, formatNumber } from '../i18n/format';
import type { LanternDataProvider } from '../providers/data-provider';

const OUTCOME_COLOR: Record<NonNullable<AuditChainStatusResponse['outcome']>, 'success' | 'error' | 'warning'> = {
  ok: 'success',
  broken: 'error',
  wrong_key: 'warning',
};

/**
 * The audit chain panel of the admin's audit page (issue 11, audit anchor): the last verification (the
 * API's daily job or `npm run audit:verify`), the first broken row when there is one, and this
 * organization's chain head, to be kept outside Lantern so that a rewritten history shows.
 */
export function AuditChainPanel() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<LanternDataProvider>();
  const status = useQuery({ queryKey: ['audit-chain'], queryFn: () => dataProvider.auditChain(), staleTime: 60_000 });
  const t = (key: string, options?: Record<string, unknown>) => translate(`lantern.auditChain.${key}`, options);

  if (status.isPending) return <Skeleton variant="rounded" height={96} sx={{ mb: 2 }} />;
  if (status.isError || !status.data) return <Alert severity="warning" sx={{ mb: 2 }}>{t('loadFailed')}</Alert>;
  const data = status.data;

  return (
    <Card variant="outlined" sx={{ mb: 2 }} component="section" aria-labelledby="audit-chain-title" data-testid="audit-chain">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
          <Typography id="audit-chain-title" variant="h6" component="h2">
            {t('title')}
          </Typography>
          {data.outcome ? <Chip size="small" color={OUTCOME_COLOR[data.outcome]} label={t(`outcome.${data.outcome}`)} /> : null}
        </Stack>
        {data.outcome === null ? (
          <Typography variant="body2">{t('never')}</Typography>
        ) : (
          <Stack spacing={1}>
            <Typography variant="body2">
              {t('verifiedAt', { time: formatDateTime(data.verifiedAt) })} · {t('rows', { count: formatNumber(data.rowsChecked ?? 0) })} · {t('key', { fingerprint: data.keyFingerprint ?? '' })}
            </Typography>
            {data.outcome === 'broken' && data.firstBreak ? (
              <Alert severity="error">
                <AlertTitle>{t('brokenTitle')}</AlertTitle>
                {t('firstBreak', { seq: data.firstBreak.seq, id: data.firstBreak.id })}
              </Alert>
            ) : null}
            {data.outcome === 'wrong_key' && !data.elsewhere ? (
              <Alert severity="warning">
                <AlertTitle>{t('wrongKeyTitle')}</AlertTitle>
                {data.expectedFingerprint
                  ? t('wrongKey', { actual: data.keyFingerprint ?? '', expected: data.expectedFingerprint })
                  : t('wrongKeyUnknown', { actual: data.keyFingerprint ?? '' })}
              </Alert>
            ) : null}
            {data.elsewhere ? <Alert severity="warning">{t('elsewhere')}</Alert> : null}
            {data.head ? (
              <Box>
                <Typography variant="subtitle2" component="h3">
                  {t('head')}
                </Typography>
                <Typography variant="body2">{t('headSeq', { seq: data.head.seq })}</Typography>
                <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="audit-chain-head">
                  {data.head.hash}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {t('headHelp')}
                </Typography>
              </Box>
            ) : null}
            {data.anchor ? (
              <Typography variant="body2" color={data.anchor === 'failed' ? 'error' : 'text.secondary'}>
                {t(`anchor.${data.anchor}`)}
              </Typography>
            ) : null}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
