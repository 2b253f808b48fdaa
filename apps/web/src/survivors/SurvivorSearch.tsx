import SearchIcon from '@mui/icons-material/Search';
import type { NameSearchBody, NameSearchMatch, NameSearchResult, SurvivorResponse } from '@lantern/contracts';
import { Alert, Box, Button, Chip, List, ListItem, ListItemText, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useCreatePath, useNavigate, useTranslate } from 'react-admin';
import { api, toApiError } from '../providers/http';

const THIS_YEAR = new Date().getFullYear();
const yearValid = (value: string) => value === '' || (/^\d{4}$/.test(value) && Number(value) >= 1900 && Number(value) <= THIS_YEAR);

/**
 * "Has this person been here before?" Any name or the start of one, matched tolerantly (accents,
 * spellings that sound alike: "Quinteros" finds Quintero), the birth year optional or a range. Sent in
 * a POST body so the name never reaches an address, the history or a server log. Matches outside the
 * caller's caseload are only counted.
 */
export function SurvivorSearch({
  renderActions,
  dense = false,
}: {
  /** Buttons for each match; by default "Open record". */
  renderActions?: (survivor: SurvivorResponse) => ReactNode;
  dense?: boolean;
}) {
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const translate = useTranslate();
  const [lastName, setLastName] = useState('');
  const [yearFrom, setYearFrom] = useState('');
  const [yearTo, setYearTo] = useState('');
  const [result, setResult] = useState<NameSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rangeValid = yearValid(yearFrom) && yearValid(yearTo) && (yearFrom === '' || yearTo === '' || Number(yearFrom) <= Number(yearTo));
  const ready = lastName.trim().length >= 2 && rangeValid;

  const search = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    event.stopPropagation();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const body: NameSearchBody = { name: lastName.trim() };
      if (yearFrom) body.birthYearFrom = Number(yearFrom);
      if (yearTo) body.birthYearTo = Number(yearTo);
      setResult(await api<NameSearchResult>('/survivors/search', { method: 'POST', body }));
    } catch (caught) {
      setResult(null);
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  const clear = (): void => {
    setLastName('');
    setYearFrom('');
    setYearTo('');
    setResult(null);
    setError(null);
  };

  return (
    <Box component="form" onSubmit={(event: FormEvent) => void search(event)} noValidate role="search" aria-label={translate('lantern.survivors.searchLabel')}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'flex-start' } }}>
        <TextField
          label={translate('lantern.search.name')}
          value={lastName}
          onChange={(event) => setLastName(event.target.value)}
          size={dense ? 'small' : 'medium'}
          autoComplete="off"
          slotProps={{ htmlInput: { maxLength: 100 } }}
        />
        <Stack direction="row" spacing={1}>
          {(
            [
              ['lantern.search.bornFrom', yearFrom, setYearFrom],
              ['lantern.search.bornTo', yearTo, setYearTo],
            ] as const
          ).map(([label, value, set]) => (
            <TextField
              key={label}
              label={translate(label)}
              value={value}
              onChange={(event) => set(event.target.value.replace(/\D/g, '').slice(0, 4))}
              size={dense ? 'small' : 'medium'}
              autoComplete="off"
              error={value.length === 4 && !rangeValid}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              sx={{ width: 130 }}
            />
          ))}
        </Stack>
        <Button type="submit" variant="outlined" startIcon={<SearchIcon />} disabled={!ready || busy} sx={{ height: dense ? 40 : 56 }}>
          {translate('ra.action.search')}
        </Button>
        {(result || lastName) && (
          <Button onClick={clear} color="inherit" sx={{ height: dense ? 40 : 56 }}>
            {translate('lantern.survivors.clear')}
          </Button>
        )}
      </Stack>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.5 }}>
        {translate('lantern.search.nameHint')}
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error}
        </Alert>
      )}
      {result && (
        <Box sx={{ mt: 1.5 }} aria-live="polite">
          {result.matches.length === 0 && result.elsewhereInOrganization === 0 && (
            <Alert severity="info">{translate('lantern.survivors.noMatch')}</Alert>
          )}
          {result.matches.length > 0 && (
            <List dense aria-label={translate('lantern.survivors.matches')} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, py: 0 }}>
              {result.matches.map((survivor) => (
                <ListItem
                  key={survivor.id}
                  divider
                  secondaryAction={
                    renderActions ? (
                      renderActions(survivor as unknown as SurvivorResponse)
                    ) : (
                      <Button size="small" onClick={() => navigate(createPath({ resource: 'survivors', type: 'show', id: survivor.id }))}>
                        {translate('lantern.overview.openRecord')}
                      </Button>
                    )
                  }
                >
                  <ListItemText
                    primary={survivor.alias}
                    secondary={
                      <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                        {survivor.birthYear ? translate('lantern.survivors.born', { year: survivor.birthYear }) : null}
                        <MatchChip match={survivor.match} />
                      </Box>
                    }
                    slotProps={{ primary: { sx: { fontWeight: 600 } } }}
                  />
                </ListItem>
              ))}
            </List>
          )}
          {result.elsewhereInOrganization > 0 && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {translate('lantern.survivors.elsewhere', { smart_count: result.elsewhereInOrganization })}
            </Alert>
          )}
        </Box>
      )}
    </Box>
  );
}

/** How the name matched, in words: as typed, the start of a name, or a name that sounds alike. */
function MatchChip({ match }: { match: NameSearchMatch['match'] }) {
  const translate = useTranslate();
  return <Chip component="span" size="small" variant="outlined" label={translate(`lantern.search.match.${match}`)} />;
}
