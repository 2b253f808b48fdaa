import type { CustomValue, IntakeResponse } from '@lantern/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useIntakeFormView } from '../../forms/use-form-view';
import { useFormContext } from 'react-hook-form';
import { useUnsavedWork } from '../../layout/unsaved-work';
import type { LanternDataProvider } from '../../providers/data-provider';
import { api, toApiError, type ApiError } from '../../providers/http';
import {
  changesOf,
  emptyValues,
  FIELD_LABELS,
  missingForSubmit,
  payloadOf,
  stepOfField,
  unsavedChanges,
  valuesOf,
  type IntakeField,
  type IntakeValues,
} from './intake-model';
import { NARRATIVE_MAX } from './IntakeSteps';
import { useAutosave } from './use-autosave';
import { useIntakeCustom } from './use-intake-custom';

export type IntakeMode = 'draft' | 'amend';

export interface IntakeSaveOptions {
  caseId: string;
  mode: IntakeMode;
  /** What the form holds now. */
  values: IntakeValues;
  /** The intake as last saved (or read). */
  saved: IntakeResponse | undefined;
  /** The intake as the page last read it (a refetch, another tab's save). */
  incoming: IntakeResponse | undefined;
  onSaved: (intake: IntakeResponse) => void;
  onSubmitted: () => void;
  go: (step: number) => void;
}

/**
 * Saving the intake: the draft (by hand, on each move and every 10 s while it has unsaved changes),
 * its submission and amendments. Saves go one at a time, each with the version the last one returned;
 * a 409 is shown and stops the autosave rather than being overwritten. A save never resets the form:
 * it moves the form's baseline to what was sent (react-hook-form's `reset` with `keepValues`), so what
 * is typed while a save is on its way stays, and stays unsaved.
 */
export function useIntakeSave({ caseId, mode, values, saved, incoming, onSaved, onSubmitted, go }: IntakeSaveOptions) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const { getValues, reset } = useFormContext();
  const [apiErrors, setApiErrors] = useState<Partial<Record<string, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [start] = useState(emptyValues);
  const savedRef = useRef(saved);
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  // Asked from the first step (before the draft exists) and in an amendment (docs/custom-fields.md).
  const custom = useIntakeCustom(saved?.id, true);
  const baseOf = (intake: IntakeResponse | undefined): IntakeValues => ({ ...(intake ? valuesOf(intake) : start), custom: custom.base() });
  const changes = unsavedChanges(values, baseOf(saved));
  const dirty = Object.keys(changes).length > 0;
  const narrativeTooLong = (values.narrative?.length ?? 0) > NARRATIVE_MAX;
  const view = useIntakeFormView();
  const missing = missingForSubmit(values, view ? view.requiredAt('intake_submit') : []);

  // A fresher copy (another tab, a refetch) replaces ours when it is newer, unless the form holds
  // changes: those are saved on the version they were made on, and meet a conflict instead.
  useEffect(() => {
    if (!incoming || dirty || (saved && incoming.id === saved.id && incoming.version <= saved.version)) return;
    savedRef.current = incoming;
    onSaved(incoming);
    reset({ ...valuesOf(incoming), custom: getValues('custom') as unknown });
  }, [incoming, saved, dirty, onSaved, reset, getValues]);

  const takeApiError = (apiError: ApiError, move: boolean): Partial<Record<string, string>> => {
    const fields: Partial<Record<string, string>> = {};
    for (const [field, messages] of Object.entries(apiError.body.fieldErrors)) {
      if (field === 'version') continue;
      const label = FIELD_LABELS[field.split('.')[0] as IntakeField] ?? (field.startsWith('custom.') ? custom.label(field.slice(7)) : undefined) ?? field;
      fields[field] = `${label} ${messages.join('; ')}`;
    }
    setApiErrors(fields);
    const stale = apiError.status === 409;
    setProblem(stale ? translate('lantern.intake.stale') : apiError.message);
    if (stale) autosave.markConflict();
    const steps = Object.keys(fields).map((field) => stepOfField(field, custom.fields));
    if (move && steps.length > 0) go(Math.min(...steps));
    return fields;
  };

  /** One save at a time: the next starts from what the last returned (its id, its version). */
  const persist = (background: boolean): Promise<IntakeResponse | undefined> => {
    const work = async (): Promise<IntakeResponse | undefined> => {
      const sent = structuredClone(getValues()) as Record<string, unknown>;
      const current = { ...valuesOf(undefined), ...sent } as IntakeValues;
      const previous = savedRef.current;
      const body = unsavedChanges(current, baseOf(previous));
      if (Object.keys(body).length === 0 && (previous || background)) return previous;
      // The first save starts the draft with the custom values given so far (POST /intakes takes `custom`).
      const first = previous ? undefined : custom.first(current.custom);
      const result = previous
        ? await api<IntakeResponse>(`/intakes/${encodeURIComponent(previous.id)}`, { method: 'PUT', body: { ...body, version: previous.version }, background })
        : await api<IntakeResponse>('/intakes', { method: 'POST', body: { caseId, ...payloadOf(current, true), ...(first ? { custom: first } : {}) }, background });
      const sentCustom = previous ? body.custom : first;
      if (sentCustom) custom.saved(sentCustom as Record<string, CustomValue>);
      savedRef.current = result;
      onSaved(result);
      reset(sent, { keepValues: true, keepErrors: true, keepTouched: true });
      setApiErrors({});
      // An automatic save is a background request (it must not keep an unattended screen signed in),
      // and so is what it updates: the cached copy, not a refetch.
      if (background) queryClient.setQueriesData<IntakeResponse>({ queryKey: ['intakes', 'getOne'] }, (old) => (old?.id === result.id ? result : old));
      else await Promise.all(['intakes', 'custom-values/intake'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
      return result;
    };
    const next = chain.current.then(work, work);
    chain.current = next.catch(() => undefined);
    return next;
  };

  const autosave = useAutosave({
    dirty,
    enabled: mode === 'draft' && !narrativeTooLong,
    revision: JSON.stringify(changes),
    save: async () => {
      await persist(true);
      setProblem(null);
    },
    onError: (error, status) => {
      if (status !== 'retrying') takeApiError(error, false);
    },
  });

  // The idle warning saves the draft before the session ends, and offers to before that.
  useUnsavedWork(
    mode === 'draft' && dirty
      ? {
          label: 'lantern.unsaved.intake',
          saveAtEnd: true,
          save: async () => {
            if (!(await autosave.flush())) throw new Error(translate('lantern.autosave.notSaved'));
          },
        }
      : null,
  );

  const saveDraft = async (): Promise<void> => {
    if (narrativeTooLong) return;
    setBusy(true);
    setProblem(null);
    try {
      await persist(false);
      autosave.markSaved();
      notify('lantern.intake.draftSaved', { type: 'success' });
    } catch (caught) {
      takeApiError(toApiError(caught), true);
    } finally {
      setBusy(false);
    }
  };

  const submitting = useRef(false);
  const submit = async (): Promise<void> => {
    // Once at a time, even for two presses within one render (the button is disabled only after it).
    if (submitting.current) return;
    setAttempted(true);
    setProblem(null);
    const open = Object.keys(missing);
    if (open.length > 0) {
      go(Math.min(...open.map((field) => stepOfField(field, custom.fields))));
      notify('lantern.intake.stillNeededNotice', { type: 'warning' });
      return;
    }
    if (narrativeTooLong) return;
    submitting.current = true;
    setBusy(true);
    try {
      const draft = await persist(false);
      if (!draft) return;
      const submitted = await dataProvider.submitIntake(draft.id, draft.version);
      onSaved(submitted);
      notify('lantern.intake.submitted', { type: 'success' });
      refresh();
      onSubmitted();
    } catch (caught) {
      takeApiError(toApiError(caught), true);
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  const amend = async (reason: string | undefined): Promise<void> => {
    if (!saved || !reason) return;
    // The custom values she changed go with the built-in fields, under the same reason.
    const changedCustom = unsavedChanges(values, { ...values, custom: custom.base() }).custom;
    const amendment = { ...changesOf(payloadOf(values, true), saved), ...(changedCustom ? { custom: changedCustom } : {}) };
    if (Object.keys(amendment).length === 0) throw new Error(translate('lantern.intake.nothingChanged'));
    let amended: IntakeResponse;
    try {
      amended = await dataProvider.amendIntake(saved.id, { reason, version: saved.version, ...amendment });
    } catch (caught) {
      // A refused custom value is named by its label, in the dialog and under the field.
      const apiError = toApiError(caught);
      if (!Object.keys(apiError.body.fieldErrors).some((field) => field.startsWith('custom.'))) throw caught;
      const refused = Object.entries(takeApiError(apiError, true)).filter(([field]) => field.startsWith('custom.'));
      throw new Error(translate('lantern.intake.amendCustomRefused', { fields: refused.map(([, message]) => message).join('; ') }));
    }
    if (changedCustom) custom.saved(changedCustom as Record<string, CustomValue>);
    onSaved(amended);
    notify('lantern.intake.amendmentSaved', { type: 'success' });
    refresh();
    onSubmitted();
  };

  return { customFields: custom.fields, allCustomFields: custom.all, apiErrors, problem, busy, attempted, missing, dirty, narrativeTooLong, autosave, saveDraft, submit, amend };
}
