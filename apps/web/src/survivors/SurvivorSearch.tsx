import SearchIcon from '@mui/icons-material/Search';
import type { SurvivorResponse } from '@lantern/contracts';
import { Alert, Box, Button, List, ListItem, ListItemText, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useCreatePath, useDataProvider, useNavigate, useTranslate } from 'react-admin';
import type { LanternDataProvider, SurvivorSearchResult } from '../providers/data-provider';
import { toApiError } from '../providers/http';

/**
 * "Has this person been here before?" An exact match on a name and birth year, sent in a POST body
 * so the name never reaches an address, the history or a server log. Matches outside the caller's
 * caseload are only counted.
 */
export function SurvivorSearch({
  renderActions,
  dense = false,
}: {
  /** Buttons for each match; by default "Open record". */
  renderActions?: (survivor: SurvivorResponse) => ReactNode;
  dense?: boolean;
}) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const translate = useTranslate();
  const [lastName, setLastName] = useState('');
  const [birthYear, setBirthYear] = useState('');
  const [result, setResult] = useState<SurvivorSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const year = Number(birthYear);
  const validYear = /^\d{4}$/.test(birthYear) && year >= 1900 && year <= new Date().getFullYear();
  const ready = lastName.trim().length >= 2 && validYear;

  const search = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    event.stopPropagation();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await dataProvider.searchSurvivors({ lastName: lastName.trim(), birthYear: year }));
    } catch (caught) {
      setResult(null);
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  const clear = (): void => {
    setLastName('');
    setBirthYear('');
    setResult(null);
    setError(null);
  };

  return (
    <Box component="form" onSubmit={(event: FormEvent) => void search(event)} noValidate role="search" aria-label={translate('lantern.survivors.searchLabel')}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'flex-start' } }}>
        <TextField
          label={translate('lantern.survivors.familyName')}
          value={lastName}
          onChange={(event) => setLastName(event.target.value)}
          size={dense ? 'small' : 'medium'}
          autoComplete="off"
          slotProps={{ htmlInput: { maxLength: 100 } }}
        />
        <TextField
          label={translate('resources.survivors.fields.birthYear')}
          value={birthYear}
          onChange={(event) => setBirthYear(event.target.value.replace(/\D/g, '').slice(0, 4))}
          size={dense ? 'small' : 'medium'}
          autoComplete="off"
          error={birthYear.length === 4 && !validYear}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          sx={{ width: 140 }}
        />
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
        {translate('lantern.survivors.searchHint')}
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
                      renderActions(survivor)
                    ) : (
                      <Button size="small" onClick={() => navigate(createPath({ resource: 'survivors', type: 'show', id: survivor.id }))}>
                        {translate('lantern.overview.openRecord')}
                      </Button>
                    )
                  }
                >
                  <ListItemText
                    primary={survivor.alias}
                    secondary={survivor.birthYear ? translate('lantern.survivors.born', { year: survivor.birthYear }) : undefined}
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
