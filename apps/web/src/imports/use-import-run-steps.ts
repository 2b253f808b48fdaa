import type { ImportRunResponse } from '@lantern/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify } from 'react-admin';
import { ApiError, toApiError } from '../providers/http';
import { draftOf, mappingOf, type Draft } from './import-draft';
import { IMPORTS_KEY, isBusy, saveRunMapping, startDryRun, startImport } from './imports-api';

/**
 * The state of one run's steps (docs/imports.md): the mapping being edited, the fields the API refused
 * in it, and the two actions. `check` saves the mapping and starts a dry run; `start` starts the import
 * (the step-up dialog opens by itself when the password is asked again, so that refusal is not shown).
 * Either way the run is read again afterwards.
 */
export function useImportRunSteps(run: ImportRunResponse) {
  const notify = useNotify();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(run));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const busy = isBusy(run) || pending;
  const refresh = () => client.invalidateQueries({ queryKey: IMPORTS_KEY });

  const check = async () => {
    setPending(true);
    setErrors({});
    try {
      const mapped = await saveRunMapping(run, mappingOf(draft));
      await startDryRun(mapped.id);
    } catch (error) {
      const apiError = toApiError(error);
      setErrors(Object.fromEntries(Object.entries(apiError.body.fieldErrors ?? {}).map(([field, messages]) => [field, messages.join(' ')])));
      notify(apiError.message, { type: 'error' });
    } finally {
      setPending(false);
      await refresh();
    }
  };

  const start = async () => {
    setPending(true);
    try {
      await startImport(run.id);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'AUTH_STEP_UP_REQUIRED')) notify(toApiError(error).message, { type: 'error' });
    } finally {
      setPending(false);
      await refresh();
    }
  };

  return { draft, setDraft, errors, busy, check, start };
}
