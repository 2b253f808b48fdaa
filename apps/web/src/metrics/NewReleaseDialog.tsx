import type { MetricMode, MetricReleaseResponse } from '@lantern/contracts';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  LinearProgress,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { FormDialog } from '../common/FormDialog';
import { translate } from '../i18n/translate';
import type { ApiError } from '../providers/http';
import { metricsApi, type MetricCatalogue } from './metrics-api';
import { formatEpsilon, MODE_EXPLANATIONS, MODE_LABELS, periodOptionLabel, tableWords } from './metrics-labels';

/** The API's refusals in words that say what to do next. */
function refusalOf(error: ApiError): string {
  switch (error.code) {
    case 'AUTH_STEP_UP_REQUIRED':
      return translate('lantern.metrics.refusal.stepUp');
    case 'METRICS_PERIOD_NOT_FROZEN':
      return translate('lantern.metrics.refusal.notFrozen', { message: error.message });
    case 'METRICS_BUDGET_EXCEEDED':
      return translate('lantern.metrics.refusal.budget', { message: error.message });
    default:
      if (error.status === 403) return translate('lantern.metrics.refusal.forbidden');
      return error.message;
  }
}

export function NewReleaseDialog({
  catalogue,
  open,
  onClose,
  onStarted,
}: {
  catalogue: MetricCatalogue;
  open: boolean;
  onClose: () => void;
  /** `created` is false when this period and protection were released before (a period is released once). */
  onStarted: (release: MetricReleaseResponse, created: boolean) => void;
}) {
  const client = useQueryClient();
  const t = useTranslate();
  const [period, setPeriod] = useState(catalogue.periods.find((p) => p.kind === 'quarter')?.id ?? catalogue.periods[0]?.id ?? '');
  const [mode, setMode] = useState<MetricMode>('k');
  const [tables, setTables] = useState<string[]>(() => catalogue.tables.map((t) => t.id));

  const chosen = catalogue.periods.find((p) => p.id === period);
  const budget = chosen ? catalogue.budget.find((b) => b.year === chosen.year) : undefined;
  const left = budget ? Math.max(0, budget.cap - budget.spent) : 0;
  const cost = mode === 'noise' ? tables.length * catalogue.epsilonPerTable : 0;
  const overBudget = mode === 'noise' && cost > left + 1e-9;
  const noTables = mode === 'noise' && tables.length === 0;

  const start = async (): Promise<void> => {
    const { release, created } = await metricsApi.createRelease({ period, mode, ...(mode === 'noise' ? { tables } : {}) });
    void client.invalidateQueries({ queryKey: ['metrics'] });
    onStarted(release, created);
  };

  const toggle = (id: string, checked: boolean): void =>
    setTables((current) => (checked ? catalogue.tables.map((t) => t.id).filter((t) => t === id || current.includes(t)) : current.filter((t) => t !== id)));

  return (
    <FormDialog
      open={open}
      title={t('lantern.metrics.newRelease')}
      intro={
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('lantern.metrics.newReleaseText', { days: catalogue.freezeDays })}
        </Typography>
      }
      submitLabel={t('lantern.metrics.start')}
      ready={Boolean(period) && !overBudget && !noTables}
      onSubmit={start}
      onClose={onClose}
      messageOf={refusalOf}
    >
      {(fieldError) => (
        <>
          {catalogue.periods.length === 0 ? (
            <Alert severity="info">{t('lantern.metrics.noPeriod', { days: catalogue.freezeDays })}</Alert>
          ) : (
            <TextField
              select
              label={t('lantern.metrics.period')}
              value={period}
              onChange={(event) => setPeriod(event.target.value)}
              error={Boolean(fieldError('period'))}
              helperText={fieldError('period') ?? t('lantern.metrics.periodHelp')}
              fullWidth
              sx={{ mb: 2 }}
            >
              {catalogue.periods.map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {periodOptionLabel(p)}
                </MenuItem>
              ))}
            </TextField>
          )}
          <FormControl component="fieldset" sx={{ mb: 2 }} error={Boolean(fieldError('mode'))}>
            <FormLabel component="legend">{t('lantern.metrics.protection')}</FormLabel>
            <RadioGroup value={mode} onChange={(event) => setMode(event.target.value as MetricMode)}>
              {(['k', 'noise'] as const).map((value) => (
                <Box key={value} sx={{ mb: 1 }}>
                  <FormControlLabel value={value} control={<Radio />} label={MODE_LABELS[value]} />
                  <Typography variant="body2" color="text.secondary" sx={{ ml: 4 }}>
                    {MODE_EXPLANATIONS[value]}
                  </Typography>
                </Box>
              ))}
            </RadioGroup>
            {fieldError('mode') && <FormHelperText>{fieldError('mode')}</FormHelperText>}
          </FormControl>
          {mode === 'noise' && chosen && (
            <FormControl component="fieldset" error={overBudget || noTables || Boolean(fieldError('tables'))} sx={{ display: 'block' }}>
              <FormLabel component="legend">{t('lantern.metrics.tables')}</FormLabel>
              <Box sx={{ my: 1 }}>
                <Typography variant="body2" aria-live="polite">
                  {t('lantern.metrics.cost', {
                    cost: formatEpsilon(cost),
                    perTable: formatEpsilon(catalogue.epsilonPerTable),
                    year: chosen.year,
                    left: formatEpsilon(left),
                    cap: formatEpsilon(budget?.cap ?? 0),
                  })}
                </Typography>
                <LinearProgress
                  variant="determinate"
                  value={budget && budget.cap > 0 ? Math.min(100, ((budget.spent + cost) / budget.cap) * 100) : 100}
                  color={overBudget ? 'error' : 'primary'}
                  aria-label={t('lantern.metrics.budgetUsed', { year: chosen.year })}
                  sx={{ height: 8, borderRadius: 1, mt: 0.5 }}
                />
              </Box>
              <Stack direction="row" spacing={1} sx={{ mb: 0.5 }}>
                <Button size="small" onClick={() => setTables(catalogue.tables.map((t) => t.id))}>
                  {t('lantern.metrics.selectAll')}
                </Button>
                <Button size="small" onClick={() => setTables([])}>
                  {t('lantern.metrics.selectNone')}
                </Button>
              </Stack>
              <FormGroup>
                {catalogue.tables.map((table) => (
                  <FormControlLabel
                    key={table.id}
                    control={<Checkbox checked={tables.includes(table.id)} onChange={(event) => toggle(table.id, event.target.checked)} />}
                    label={tableWords(table).title}
                  />
                ))}
              </FormGroup>
              {(overBudget || noTables || fieldError('tables')) && (
                <FormHelperText>
                  {fieldError('tables')
                    ? t('lantern.metrics.apiSays', { message: fieldError('tables') })
                    : noTables
                      ? t('lantern.metrics.chooseTable')
                      : t('lantern.metrics.overBudget', { year: chosen.year, max: Math.floor(left / catalogue.epsilonPerTable + 1e-9) })}
                </FormHelperText>
              )}
            </FormControl>
          )}
        </>
      )}
    </FormDialog>
  );
}
