import type { DuplicateCheckBody, DuplicateCheckResult } from '@lantern/contracts';
import { Alert, AlertTitle, Box, Button, List, ListItem, ListItemText } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useCreatePath, useNavigate, useTranslate } from 'react-admin';
import { api } from '../providers/http';

/** Quiet time after the last keystroke before the draft is checked (each check counts as a search). */
const SETTLE_MS = 1200;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * Issue 13: "A duplicate alias is accepted without warning." Inside a survivor form, checks the draft
 * (alias, names, birth year) against the organization once typing pauses, and warns — before saving —
 * with links to the likely matches this person may read; matches in other caseloads are only counted.
 * Never blocking: staff decide. The draft travels in a POST body; nothing is kept in the browser.
 */
export function DuplicateWarning() {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const navigate = useNavigate();
  const [alias, legalName, preferredName, birthYear, dateOfBirth] = useWatch({ name: ['alias', 'legalName', 'preferredName', 'birthYear', 'dateOfBirth'] }) as unknown[];
  const [result, setResult] = useState<DuplicateCheckResult | null>(null);
  const [failed, setFailed] = useState(false);
  const asked = useRef('');

  useEffect(() => {
    const body: DuplicateCheckBody = {};
    const a = text(alias);
    if (a && a.length >= 2) body.alias = a;
    if (text(legalName)) body.legalName = text(legalName);
    if (text(preferredName)) body.preferredName = text(preferredName);
    const year = Number(birthYear);
    if (Number.isInteger(year) && year >= 1900 && year <= new Date().getFullYear()) body.birthYear = year;
    else if (typeof dateOfBirth === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) body.birthYear = Number(dateOfBirth.slice(0, 4));
    const key = JSON.stringify(body);
    if (!body.alias && !body.legalName && !body.preferredName) {
      asked.current = key;
      setResult(null);
      return undefined;
    }
    if (key === asked.current) return undefined;
    let live = true;
    const timer = setTimeout(() => {
      asked.current = key;
      api<DuplicateCheckResult>('/survivors/duplicates', { method: 'POST', body })
        .then((found) => {
          if (!live) return;
          setResult(found);
          setFailed(false);
        })
        .catch(() => {
          if (!live) return;
          asked.current = '';
          setFailed(true);
        });
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [alias, legalName, preferredName, birthYear, dateOfBirth]);

  if (failed) {
    return (
      <Alert severity="info" sx={{ my: 2 }}>
        {translate('lantern.duplicates.unavailable')}
      </Alert>
    );
  }
  if (!result || (result.possibleDuplicates.length === 0 && result.elsewhereInOrganization === 0)) return null;
  return (
    <Alert severity="warning" sx={{ my: 2 }} data-testid="duplicate-warning">
      <AlertTitle>{translate('lantern.duplicates.title')}</AlertTitle>
      {result.possibleDuplicates.length > 0 && (
        <>
          {translate('lantern.duplicates.intro')}
          <List dense disablePadding>
            {result.possibleDuplicates.map((match) => (
              <ListItem key={match.id} disableGutters sx={{ flexWrap: 'wrap', gap: 1 }}>
                <ListItemText
                  primary={match.alias}
                  secondary={[
                    match.caseNumbers.join(', '),
                    match.birthYear ? translate('lantern.survivors.born', { year: match.birthYear }) : '',
                    match.reasons.map((reason) => translate(`lantern.duplicates.reason.${reason}`)).join(' · '),
                  ]
                    .filter(Boolean)
                    .join(' — ')}
                />
                <Button size="small" onClick={() => navigate(createPath({ resource: 'survivors', type: 'show', id: match.id }))}>
                  {translate('lantern.duplicates.open')}
                </Button>
              </ListItem>
            ))}
          </List>
        </>
      )}
      {result.elsewhereInOrganization > 0 && (
        <Box sx={{ mt: 1 }}>{translate('lantern.duplicates.elsewhere', { smart_count: result.elsewhereInOrganization })}</Box>
      )}
      <Box sx={{ mt: 1 }}>{translate('lantern.duplicates.decide')}</Box>
    </Alert>
  );
}
