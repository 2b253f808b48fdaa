import { act, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorPaths, FocusFirstRefusal } from './FocusFirstRefusal';

const mocks = vi.hoisted(() => ({ notify: vi.fn() }));
vi.mock('react-admin', async (importOriginal) => ({ ...(await importOriginal<typeof import('react-admin')>()), useNotify: () => mocks.notify }));

const CHANNEL = 'Channel';
const OTHER = 'Other';

/** A form refused by the server on `field`: the error is set after a submit, as react-admin does. */
function Refused({ field, withInput }: { field: string; withInput: boolean }) {
  const methods = useForm({ defaultValues: { channel: 'call' } });
  useEffect(() => {
    // react-admin sets the server's errors once the save has come back, after the submit itself.
    void methods.handleSubmit(() => undefined)().then(() => methods.setError(field as 'channel', { type: 'server', message: 'is required' }));
  }, [methods, field]);
  const invalid = Boolean(methods.formState.errors[field as 'channel']);
  return (
    <FormProvider {...methods}>
      <form>
        {withInput && <input aria-label={CHANNEL} aria-invalid={invalid} {...methods.register('channel')} />}
        <input aria-label={OTHER} name="other" />
        <FocusFirstRefusal />
      </form>
    </FormProvider>
  );
}

describe('errorPaths', () => {
  it('names nested errors by their path', () => {
    expect(errorPaths({ channel: { type: 'server', message: 'x' }, custom: { industry: { type: 'server', message: 'y' } } } as never)).toEqual([
      'channel',
      'custom.industry',
    ]);
  });
});

describe('FocusFirstRefusal', () => {
  afterEach(() => {
    mocks.notify.mockReset();
  });

  it('takes her to the refused field, with no notification over the form', async () => {
    render(<Refused field="channel" withInput />);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
    });
    expect(document.activeElement).toBe(screen.getByLabelText(CHANNEL));
    expect(mocks.notify).not.toHaveBeenCalled();
  });

  it('says so once when the refused field is not on the form (a required field her role may not write)', async () => {
    render(<Refused field="custom.industry" withInput={false} />);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
    });
    expect(mocks.notify).toHaveBeenCalledTimes(1);
    expect(mocks.notify).toHaveBeenCalledWith('lantern.common.refusedElsewhere', { type: 'error' });
  });
});
