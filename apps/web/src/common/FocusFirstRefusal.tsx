import { useEffect, useRef } from 'react';
import { useFormState } from 'react-hook-form';

/** Marks a refusal the form shows without a field of its own (FormCustomInputs' note), for focus to reach. */
export const REFUSAL_NOTE = { 'data-refusal': true, tabIndex: -1 } as const;

/**
 * In a form that tells its refusals under the fields instead of in a notification (react-admin's
 * `disableInvalidFormNotification`): after a save that comes back refused, focus moves to the first field
 * marked invalid, or else to the form's note of a refusal it has no field for, so she sees the refusal there
 * (a phone's notification would cover the Save button). Once per save: fixing one field does not pull her
 * to the next.
 */
export function FocusFirstRefusal() {
  const anchor = useRef<HTMLSpanElement>(null);
  const { submitCount, errors } = useFormState();
  const handled = useRef(0);
  const refused = Object.keys(errors).length > 0;
  useEffect(() => {
    if (!refused || submitCount === handled.current) return;
    const first = anchor.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"], [data-refusal]');
    if (!first) return;
    handled.current = submitCount;
    first.focus();
  });
  return <span ref={anchor} hidden />;
}
