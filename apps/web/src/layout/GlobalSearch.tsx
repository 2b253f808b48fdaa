import CloseIcon from '@mui/icons-material/Close';
import SearchIcon from '@mui/icons-material/Search';
import type { GlobalSearchResult } from '@lantern/contracts';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogContent,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Stack,
  TextField,
  Tooltip,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useRef, useState, type FormEvent } from 'react';
import { useCreatePath, useNavigate, useTranslate } from 'react-admin';
import { api, toApiError } from '../providers/http';
import { QUICK_EXIT_BAND } from './QuickExitButton';

type Group = 'cases' | 'survivors' | 'referrals' | 'partnerOrgs';
interface Hit {
  key: string;
  primary: string;
  secondary?: string;
  open: () => void;
}

/**
 * The app bar's search (issue 13): part of a case number, an alias or a partner organization's name.
 * An icon that opens a search dialog (full screen on a phone, where the pinned Quick Exit stays over
 * it), so the bar keeps its room at 390 px. The text goes in a POST body, never in the address bar,
 * and is not kept: closing the dialog forgets it. The API answers only what this person may read.
 */
export function GlobalSearch() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<GlobalSearchResult | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const ready = q.trim().length >= 2;

  const close = (): void => {
    setOpen(false);
    setQ('');
    setResult(null);
    setError(null);
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api<GlobalSearchResult>('/search', { method: 'POST', body: { q: q.trim() } }));
    } catch (caught) {
      setResult(null);
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  const go = (resource: string, id: string) => () => {
    close();
    navigate(createPath({ resource, type: 'show', id }));
  };

  const groups: { name: Group; hits: Hit[] }[] = result
    ? [
        {
          name: 'cases',
          hits: result.cases.map((c) => ({
            key: c.id,
            primary: c.caseNumber,
            secondary: [c.alias, translate(`lantern.vocab.caseStatus.${c.status}`, { _: c.status })].filter(Boolean).join(' · '),
            open: go('cases', c.id),
          })),
        },
        {
          name: 'survivors',
          hits: result.survivors.map((s) => ({
            key: s.id,
            primary: s.alias,
            secondary: s.birthYear ? translate('lantern.survivors.born', { year: s.birthYear }) : undefined,
            open: go('survivors', s.id),
          })),
        },
        {
          name: 'referrals',
          hits: result.referrals.map((r) => ({
            key: r.id,
            primary: r.caseNumber,
            secondary: [r.alias, translate(`lantern.vocab.serviceType.${r.serviceType}`, { _: r.serviceType })].filter(Boolean).join(' · '),
            open: go('referrals', r.id),
          })),
        },
        { name: 'partnerOrgs', hits: result.partnerOrgs.map((p) => ({ key: p.id, primary: p.name, open: go('partner-orgs', p.id) })) },
      ]
    : [];
  const found = groups.some((g) => g.hits.length > 0);

  return (
    <>
      <Tooltip title={translate('lantern.search.open')}>
        <IconButton color="inherit" onClick={() => setOpen(true)} aria-label={translate('lantern.search.open')} data-testid="global-search">
          <SearchIcon />
        </IconButton>
      </Tooltip>
      <Dialog
        open={open}
        onClose={close}
        fullScreen={phone}
        fullWidth
        maxWidth="sm"
        aria-labelledby="global-search-title"
        slotProps={{ transition: { onEntered: () => input.current?.focus() } }}
        sx={{ '& .MuiDialog-container': { alignItems: phone ? 'stretch' : 'flex-start' } }}
      >
        {/* The band under the pinned Quick Exit: the close button sits at the left, clear of it. */}
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minHeight: QUICK_EXIT_BAND, px: 1, pr: phone ? 16 : 2, borderBottom: 1, borderColor: 'divider' }}>
          <IconButton onClick={close} aria-label={translate('lantern.search.close')}>
            <CloseIcon />
          </IconButton>
          <Typography id="global-search-title" component="h2" variant="h6" sx={{ fontSize: '1.1rem' }}>
            {translate('lantern.search.title')}
          </Typography>
        </Box>
        <DialogContent sx={{ pt: 2 }}>
          <Box component="form" role="search" aria-label={translate('lantern.search.title')} noValidate onSubmit={(event: FormEvent) => void submit(event)}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', mt: 1 }}>
              <TextField
                inputRef={input}
                label={translate('lantern.search.label')}
                value={q}
                onChange={(event) => setQ(event.target.value)}
                helperText={translate('lantern.search.hint')}
                autoComplete="off"
                fullWidth
                slotProps={{ htmlInput: { maxLength: 80, enterKeyHint: 'search', 'data-testid': 'global-search-input' } }}
              />
              <Button type="submit" variant="contained" disabled={!ready || busy} sx={{ height: 56, flexShrink: 0 }}>
                {translate('ra.action.search')}
              </Button>
            </Stack>
          </Box>
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
          <Box aria-live="polite" sx={{ mt: 2 }}>
            {result && !found && <Alert severity="info">{translate('lantern.search.none')}</Alert>}
            {groups
              .filter((g) => g.hits.length > 0)
              .map((g) => (
                <Box key={g.name} component="section" aria-labelledby={`global-search-${g.name}`} sx={{ mb: 2 }}>
                  <Typography id={`global-search-${g.name}`} component="h3" variant="subtitle2" sx={{ mb: 0.5 }}>
                    {translate(`lantern.search.groups.${g.name}`)}
                  </Typography>
                  <List dense disablePadding sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
                    {g.hits.map((hit) => (
                      <ListItem key={hit.key} disablePadding divider>
                        <ListItemButton onClick={hit.open}>
                          <ListItemText primary={hit.primary} secondary={hit.secondary} slotProps={{ primary: { sx: { fontWeight: 600 } } }} />
                        </ListItemButton>
                      </ListItem>
                    ))}
                  </List>
                </Box>
              ))}
          </Box>
        </DialogContent>
      </Dialog>
    </>
  );
}
