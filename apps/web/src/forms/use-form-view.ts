import type { FormKey, FormLanguage } from '@lantern/contracts';
import { createContext, useContext, useMemo } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { useCan } from '../common/use-can';
import { BUILT_IN_LABEL_KEY, formView, type FormView } from './form-view';

export { BUILT_IN_LABEL_KEY };
import { useFormDefinition } from './forms-api';

/**
 * A form as the organization shaped it, in the reader's language: labels, help, order, hidden and
 * required (docs/forms.md). Until the definition arrives, or for a role that does not read it, the
 * form is Lantern's own.
 */
export function useFormView(form: FormKey): FormView {
  const can = useCan();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const allowed = can('read', 'FormSettings');
  const query = useFormDefinition(form, allowed);
  // A disabled query still answers from the cache: someone who may not read the settings gets Lantern's form.
  const data = allowed ? query.data : undefined;
  const language: FormLanguage = locale === 'es' ? 'es' : 'en';
  return useMemo(() => formView(form, data, language, (key) => translate(BUILT_IN_LABEL_KEY[form](key))), [form, data, language, translate]);
}

/** The intake's view, given once by the stepper to its steps. */
export const IntakeFormViewContext = createContext<FormView | null>(null);

export function useIntakeFormView(): FormView | null {
  return useContext(IntakeFormViewContext);
}
