import { useEffect, useRef } from 'react';
import { useNotify } from 'react-admin';
import { useFormState, type FieldErrors } from 'react-hook-form';

/** The paths of a form's errors (`custom.industry` for `{ custom: { industry: {...} } }`). */
export function errorPaths(errors: FieldErrors, prefix = ''): string[] {
  return Object.entries(errors).flatMap(([key, value]) => {
    if (!value || typeof value !== 'object') return [];
    const path = prefix ? `${prefix}.${key}` : key;
    if ('type' in value || 'message' in value) return [path];
    return errorPaths(value as FieldErrors, path);
  });
}

/**
 * In a form that tells its refusals under the fields instead of in a notification (react-admin's
 * `disableInvalidFormNotification`): after a save that comes back refused, focus moves to the first field
 * marked invalid, so she sees the refusal there (a phone's notification would cover the Save button).
 * Once per save: fixing one field does not pull her to the next. A refusal of a field the form does not
 * show (a required custom field her role may not write) has nowhere to show, so it is said once in a
 * notification instead of being lost.
 */
export function FocusFirstRefusal() {
  const anchor = useRef<HTMLSpanElement>(null);
  const { submitCount, errors } = useFormState();
  const handled = useRef(0);
  const notify = useNotify();
  const paths = errorPaths(errors);
  useEffect(() => {
    if (paths.length === 0 || submitCount === handled.current) return;
    const form = anchor.current?.closest('form');
    if (!form) return;
    handled.current = submitCount;
    const shown = (path: string) => form.querySelector(`[name="${path.replace(/["\\]/g, '\\$&')}"]`) !== null;
    if (!paths.every(shown)) notify('lantern.common.refusedElsewhere', { type: 'error' });
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
  return <span ref={anchor} hidden />;
}
