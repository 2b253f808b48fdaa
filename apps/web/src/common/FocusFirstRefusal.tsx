import { useEffect, useRef } from 'react';
import { useFormState } from 'react-hook-form';

/**
 * In a form that tells its refusals under the fields instead of in a notification (react-admin's
 * `disableInvalidFormNotification`): after a save that comes back refused, focus moves to the first field
 * marked invalid, so she sees the refusal there (a phone's notification would cover the Save button).
 * Once per save: fixing one field does not pull her to the next.
 */
export function FocusFirstRefusal() {
  const anchor = useRef<HTMLSpanElement>(null);
  const { submitCount, errors } = useFormState();
  const handled = useRef(0);
  const refused = Object.keys(errors).length > 0;
  useEffect(() => {
    if (!refused || submitCount === handled.current) return;
    const first = anchor.current?.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!first) return;
    handled.current = submitCount;
    first.focus();
  });
  return <span ref={anchor} hidden />;
}
