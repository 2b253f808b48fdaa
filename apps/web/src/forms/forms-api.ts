import type { FormDefinitionResponse, FormDocument, FormImportResult, FormKey, UpdateFormSettingsBody } from '@lantern/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../providers/http';

/** The routes of the form settings (apps/api/src/features/forms/forms.controller.ts; docs/forms.md). */
export const FORMS_KEY = ['forms'] as const;

export const useFormDefinition = (form: FormKey, enabled = true) =>
  useQuery({ queryKey: [...FORMS_KEY, form], queryFn: () => api<FormDefinitionResponse>(`/forms/${form}`), enabled, staleTime: 60_000 });

/** An admin's change of a form's settings: the API asks for a step-up (the dialog of the one HTTP client). */
export const saveFormSettings = (form: FormKey, body: UpdateFormSettingsBody) => api<FormDefinitionResponse>(`/forms/${form}`, { method: 'PUT', body, stepUp: true });

/** The form as a JSON document to share with another program (admins; docs/forms.md, "Sharing a form"). */
export const exportForm = (form: FormKey) => api<FormDocument>(`/forms/${form}/export`);

/** A shared document tried (`dryRun`) or applied: the API asks for a step-up, as for a change of the settings. */
export const importForm = (form: FormKey, document: unknown, dryRun: boolean) =>
  api<FormImportResult>(`/forms/${form}/import`, { method: 'POST', body: { document, dryRun }, stepUp: true });
