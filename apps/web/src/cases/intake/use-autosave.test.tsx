import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../providers/http';
import { AUTOSAVE_MS, useAutosave, type AutosaveOptions } from './use-autosave';

const refusal = (status: number, code?: 'STALE_VERSION'): ApiError =>
  new ApiError('refused', status, { code, message: 'refused', fieldErrors: {} });

function setup(options: Partial<AutosaveOptions> & Pick<AutosaveOptions, 'save'>) {
  return renderHook((props: AutosaveOptions) => useAutosave(props), { initialProps: { dirty: true, ...options } });
}

/** Lets the timers run and the saves they start settle. */
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('autosave (issue 13: never lose work)', () => {
  it('saves 10 s after the form has unsaved changes, and says when', async () => {
    const save = vi.fn(() => Promise.resolve());
    const { result } = setup({ save });
    await wait(AUTOSAVE_MS - 1);
    expect(save).not.toHaveBeenCalled();
    expect(result.current.status).toBe('idle');
    await wait(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(result.current.status).toBe('saved');
    expect(result.current.savedAt).toBeInstanceOf(Date);
  });

  it('saves nothing while the form is clean, nor once it is clean again', async () => {
    const save = vi.fn(() => Promise.resolve());
    const { result, rerender } = setup({ dirty: false, save });
    await wait(AUTOSAVE_MS * 6);
    expect(save).not.toHaveBeenCalled();
    expect(result.current.status).toBe('idle');

    rerender({ dirty: true, save });
    await wait(AUTOSAVE_MS);
    expect(save).toHaveBeenCalledTimes(1);
    rerender({ dirty: false, save });
    await wait(AUTOSAVE_MS * 6);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('saves nothing while it is turned off (a narrative over the limit, an amendment)', async () => {
    const save = vi.fn(() => Promise.resolve());
    const { result } = setup({ enabled: false, save });
    await wait(AUTOSAVE_MS * 3);
    expect(save).not.toHaveBeenCalled();
    await act(async () => expect(await result.current.flush()).toBe(false));
  });

  it('retries a save that failed on the way at the next tick, and reports it meanwhile', async () => {
    const save = vi.fn().mockRejectedValueOnce(refusal(503)).mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue(undefined);
    const onError = vi.fn();
    const { result } = setup({ save, onError });
    await wait(AUTOSAVE_MS);
    expect(result.current.status).toBe('retrying');
    expect(onError).toHaveBeenLastCalledWith(expect.objectContaining({ status: 503 }), 'retrying');
    await wait(AUTOSAVE_MS);
    expect(result.current.status).toBe('retrying');
    expect(onError).toHaveBeenLastCalledWith(expect.objectContaining({ status: 0 }), 'retrying');
    await wait(AUTOSAVE_MS);
    expect(save).toHaveBeenCalledTimes(3);
    expect(result.current.status).toBe('saved');
  });

  it('reports a conflict (409) and never saves again on its own, nor when asked', async () => {
    const save = vi.fn(() => Promise.reject(refusal(409, 'STALE_VERSION')));
    const onError = vi.fn();
    const { result } = setup({ save, onError });
    await wait(AUTOSAVE_MS);
    expect(result.current.status).toBe('conflict');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ status: 409 }), 'conflict');
    await wait(AUTOSAVE_MS * 6);
    await act(async () => expect(await result.current.flush()).toBe(false));
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('does not send refused values again: it waits until they change', async () => {
    const save = vi.fn().mockRejectedValueOnce(refusal(400)).mockResolvedValue(undefined);
    const { result, rerender } = setup({ save, revision: 'a' });
    await wait(AUTOSAVE_MS);
    expect(result.current.status).toBe('rejected');
    await wait(AUTOSAVE_MS * 3);
    expect(save).toHaveBeenCalledTimes(1);
    rerender({ dirty: true, save, revision: 'b' });
    await wait(AUTOSAVE_MS);
    expect(save).toHaveBeenCalledTimes(2);
    expect(result.current.status).toBe('saved');
  });

  it('saves at once when asked (a move to another step), one save at a time', async () => {
    let finish: () => void = () => undefined;
    let running = 0;
    let overlapped = false;
    const save = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          running += 1;
          overlapped ||= running > 1;
          finish = () => {
            running -= 1;
            resolve();
          };
        }),
    );
    const { result } = setup({ save });
    let first: Promise<boolean> = Promise.resolve(false);
    let second: Promise<boolean> = Promise.resolve(false);
    act(() => {
      first = result.current.flush();
      second = result.current.flush();
    });
    await wait(0);
    expect(save).toHaveBeenCalledTimes(1);
    expect(result.current.status).toBe('saving');
    // A tick while a save is on its way starts none.
    await wait(AUTOSAVE_MS);
    expect(save).toHaveBeenCalledTimes(1);
    await act(async () => finish());
    await wait(0);
    await act(async () => finish());
    await act(async () => {
      expect(await first).toBe(true);
      expect(await second).toBe(true);
    });
    expect(overlapped).toBe(false);
    expect(result.current.status).toBe('saved');
  });
});
