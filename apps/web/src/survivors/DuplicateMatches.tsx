import type { DuplicateCheckResult } from '@lantern/contracts';
import { Alert, AlertTitle, Box, Button, List, ListItem, ListItemText } from '@mui/material';
import { useCreatePath, useNavigate, useTranslate } from 'react-admin';
import { useCan } from '../common/use-can';
import { MERGE_STATE } from './SurvivorMerge';

/**
 * The answer of a duplicate check (issue 17, docs/duplicates.md), shown before saving a new survivor
 * (DuplicateWarning) and before converting a contact (contacts/ContactActions.tsx): the likely matches
 * this person may read, with what matched, and a count of those in other caseloads, with nothing that
 * identifies them. Never blocking: staff decide.
 */
export function DuplicateMatches({ result, failed, recordId }: { result: DuplicateCheckResult | null; failed?: boolean; recordId?: string }) {
  const translate = useTranslate();
  // A coordinator may go to merge (issue 17): to the match's page, its merge dialog open (with this record when it exists).
  const canMerge = useCan()('create', 'SurvivorMerge');
  const createPath = useCreatePath();
  const navigate = useNavigate();
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
                    translate(match.likely ? 'lantern.duplicates.likely' : 'lantern.duplicates.aliasOnly'),
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
                {canMerge && (
                  <Button size="small" onClick={() => navigate(createPath({ resource: 'survivors', type: 'show', id: match.id }), { state: { [MERGE_STATE]: recordId ?? '' } })}>
                    {translate('lantern.merge.goToMerge')}
                  </Button>
                )}
              </ListItem>
            ))}
          </List>
        </>
      )}
      {result.elsewhereInOrganization > 0 && (
        <Box sx={{ mt: 1 }}>{translate('lantern.duplicates.elsewhere', { smart_count: result.elsewhereInOrganization })}</Box>
      )}
      <Box sx={{ mt: 1 }}>{translate('lantern.duplicates.decide')}</Box>
      {!canMerge && result.possibleDuplicates.length > 0 && <Box sx={{ mt: 1 }}>{translate('lantern.duplicates.mergeHint')}</Box>}
    </Alert>
  );
}
