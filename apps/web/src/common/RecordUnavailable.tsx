import { Alert, Box, Typography } from '@mui/material';
import { useEditContext, useShowContext, useTranslate } from 'react-admin';
import { toApiError } from '../providers/http';

/**
 * What a record's page shows when the API does not give the record: "not found" for a record that
 * does not exist or is out of this person's reach (the API answers 404 for both), else the API's
 * message (the read budget, a fault). Shown in place, at the same address (issue 13): react-admin's
 * default, a redirect to the list, would add a history entry whose Back leads into the same redirect.
 */
export function RecordUnavailable({ error }: { error: unknown }) {
  const translate = useTranslate();
  const apiError = toApiError(error);
  const notFound = apiError.status === 404;
  return (
    <Box sx={{ p: 3 }} data-testid="record-unavailable">
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        {translate(notFound ? 'ra.page.not_found' : 'ra.page.error')}
      </Typography>
      {notFound ? <Typography color="text.secondary">{translate('lantern.common.notFound')}</Typography> : <Alert severity="error">{apiError.message}</Alert>}
    </Box>
  );
}

/** For `<Show error={…}>`: the error of the show page's read. */
export function ShowUnavailable() {
  return <RecordUnavailable error={useShowContext().error} />;
}

/** For `<Edit error={…}>`: the error of the edit page's read. */
export function EditUnavailable() {
  return <RecordUnavailable error={useEditContext().error} />;
}
