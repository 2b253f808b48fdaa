import type { FormDefinitionResponse, FormKey, UpdateFormSettingsBody } from '@lantern/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../providers/http';

/** The routes of the form settings (apps/api/src/features/forms/forms.controller.ts; docs/forms.md). */
export const FORMS_KEY = ['forms'] as const;

export const useFormDefinition = (form: FormKey, enabled = true) =>
  useQuery({ queryKey: [...FORMS_KEY, form], queryFn: () => api<FormDefinitionResponse>(`/forms/${form}`), enabled, staleTime: 60_000 });

/** An admin's change of a form's settings: the API asks for a step-up (the dialog of the one HTTP client). */
export const saveFormSettings = (form: FormKey, body: UpdateFormSettingsBody) => api<FormDefinitionResponse>(`/forms/${form}`, { method: 'PUT', body, stepUp: true });
