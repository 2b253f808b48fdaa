import type { MetricMode, MetricReleaseResponse } from '@lantern/contracts';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
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
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { toApiError, type ApiError } from '../providers/http';
import { metricsApi, type MetricCatalogue } from './metrics-api';
import { formatEpsilon, MODE_EXPLANATIONS, MODE_LABELS, periodOptionLabel } from './metrics-labels';

/** The API's refusals in words that say what to do next. */
function refusalOf(error: ApiError): { message: string; fields: Record<string, string> } {
  const fields = Object.fromEntries(Object.entries(error.body.fieldErrors).map(([field, messages]) => [field, messages.join('; ')]));
  switch (error.code) {
    case 'AUTH_STEP_UP_REQUIRED':
      return { message: 'The release was not started: it needs your password confirmed first. Start it again to confirm.', fields };
    case 'METRICS_PERIOD_NOT_FROZEN':
      return { message: `${error.message}. Late data is still arriving for that period; choose an earlier one.`, fields };
    case 'METRICS_BUDGET_EXCEEDED':
      return { message: `${error.message}. Choose fewer tables, or use threshold and rounding, which spends no budget.`, fields };
    default:
      if (error.status === 403) return { message: 'Your role may not start a release of outcome metrics.', fields };
      return { message: error.message, fields };
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
  const [period, setPeriod] = useState(catalogue.periods.find((p) => p.kind === 'quarter')?.id ?? catalogue.periods[0]?.id ?? '');
  const [mode, setMode] = useState<MetricMode>('k');
  const [tables, setTables] = useState<string[]>(() => catalogue.tables.map((t) => t.id));
  const [refusal, setRefusal] = useState<{ message: string; fields: Record<string, string> } | null>(null);

  const chosen = catalogue.periods.find((p) => p.id === period);
  const budget = chosen ? catalogue.budget.find((b) => b.year === chosen.year) : undefined;
  const left = budget ? Math.max(0, budget.cap - budget.spent) : 0;
  const cost = mode === 'noise' ? tables.length * catalogue.epsilonPerTable : 0;
  const overBudget = mode === 'noise' && cost > left + 1e-9;
  const noTables = mode === 'noise' && tables.length === 0;

  const start = useMutation({
    mutationFn: () => metricsApi.createRelease({ period, mode, ...(mode === 'noise' ? { tables } : {}) }),
    onSuccess: ({ release, created }) => {
      void client.invalidateQueries({ queryKey: ['metrics'] });
      setRefusal(null);
      onStarted(release, created);
    },
    onError: (error) => setRefusal(refusalOf(toApiError(error))),
  });

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!period || overBudget || noTables) return;
    setRefusal(null);
    start.mutate();
  };

  const toggle = (id: string, checked: boolean): void =>
    setTables((current) => (checked ? catalogue.tables.map((t) => t.id).filter((t) => t === id || current.includes(t)) : current.filter((t) => t !== id)));

  return (
    <Dialog open={open} onClose={start.isPending ? undefined : onClose} aria-labelledby="new-release-title" maxWidth="sm" fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id="new-release-title">New release</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            A release holds every table of the catalogue for one whole quarter or year, counted once {catalogue.freezeDays} days after
            the period ends and never changed afterwards. Asking again gives the same file.
          </Typography>
          {refusal && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {refusal.message}
            </Alert>
          )}
          {catalogue.periods.length === 0 ? (
            <Alert severity="info">No period is frozen yet: the first quarter can be released {catalogue.freezeDays} days after it ends.</Alert>
          ) : (
            <TextField
              select
              label="Period"
              value={period}
              onChange={(event) => setPeriod(event.target.value)}
              error={Boolean(refusal?.fields.period)}
              helperText={refusal?.fields.period ?? 'Only periods whose data is complete (frozen) are offered.'}
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
          <FormControl component="fieldset" sx={{ mb: 2 }} error={Boolean(refusal?.fields.mode)}>
            <FormLabel component="legend">Protection</FormLabel>
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
            {refusal?.fields.mode && <FormHelperText>{refusal.fields.mode}</FormHelperText>}
          </FormControl>
          {mode === 'noise' && chosen && (
            <FormControl component="fieldset" error={overBudget || noTables || Boolean(refusal?.fields.tables)} sx={{ display: 'block' }}>
              <FormLabel component="legend">Tables</FormLabel>
              <Box sx={{ my: 1 }}>
                <Typography variant="body2" aria-live="polite">
                  Cost: {formatEpsilon(cost)} ({formatEpsilon(catalogue.epsilonPerTable)} per table) · {chosen.year} has {formatEpsilon(left)} left of{' '}
                  {formatEpsilon(budget?.cap ?? 0)}
                </Typography>
                <LinearProgress
                  variant="determinate"
                  value={budget && budget.cap > 0 ? Math.min(100, ((budget.spent + cost) / budget.cap) * 100) : 100}
                  color={overBudget ? 'error' : 'primary'}
                  aria-label={`Privacy budget of ${chosen.year} used with this release`}
                  sx={{ height: 8, borderRadius: 1, mt: 0.5 }}
                />
              </Box>
              <Stack direction="row" spacing={1} sx={{ mb: 0.5 }}>
                <Button size="small" onClick={() => setTables(catalogue.tables.map((t) => t.id))}>
                  Select all
                </Button>
                <Button size="small" onClick={() => setTables([])}>
                  Select none
                </Button>
              </Stack>
              <FormGroup>
                {catalogue.tables.map((table) => (
                  <FormControlLabel
                    key={table.id}
                    control={<Checkbox checked={tables.includes(table.id)} onChange={(event) => toggle(table.id, event.target.checked)} />}
                    label={table.title}
                  />
                ))}
              </FormGroup>
              {(overBudget || noTables || refusal?.fields.tables) && (
                <FormHelperText>
                  {refusal?.fields.tables
                    ? `The API says: ${refusal.fields.tables}.`
                    : noTables
                      ? 'Choose at least one table.'
                      : `That is more than the ${chosen.year} budget allows: choose at most ${Math.floor(left / catalogue.epsilonPerTable + 1e-9)} tables.`}
                </FormHelperText>
              )}
            </FormControl>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} color="inherit" disabled={start.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={start.isPending || !period || overBudget || noTables}>
            Start release
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
