import { act, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { FocusFirstRefusal, REFUSAL_NOTE } from './FocusFirstRefusal';

const CHANNEL = 'Channel';
const NOTE = 'Refused elsewhere';

/** A form refused by the server on `field` once the save has come back, as react-admin sets it. */
function Refused({ field, withInput }: { field: string; withInput: boolean }) {
  const methods = useForm({ defaultValues: { channel: 'call' } });
  useEffect(() => {
    void methods.handleSubmit(() => undefined)().then(() => methods.setError(field as 'channel', { type: 'server', message: 'is required' }));
  }, [methods, field]);
  const refused = Object.keys(methods.formState.errors).length > 0;
  return (
    <FormProvider {...methods}>
      <form>
        {withInput ? <input aria-label={CHANNEL} aria-invalid={refused} {...methods.register('channel')} /> : refused && <div {...REFUSAL_NOTE}>{NOTE}</div>}
        <FocusFirstRefusal />
      </form>
    </FormProvider>
  );
}

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 50)));

describe('FocusFirstRefusal', () => {
  it('takes her to the refused field', async () => {
    render(<Refused field="channel" withInput />);
    await settle();
    expect(document.activeElement).toBe(screen.getByLabelText(CHANNEL));
  });

  it("takes her to the form's note of a refusal it has no field for (a required field her role may not write)", async () => {
    render(<Refused field="custom.industry" withInput={false} />);
    await settle();
    expect(document.activeElement).toBe(screen.getByText(NOTE));
  });
});
