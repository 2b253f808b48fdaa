import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerUnsavedWork, saveUnsavedWork, unsavedWork, useUnsavedWork, useUnsavedWorkList, type UnsavedWork } from './unsaved-work';

// Quick Exit itself leaves the page; here only what the list asked it to drop is run.
const quickExitCleanups = vi.hoisted(() => [] as (() => void)[]);
vi.mock('./quick-exit', () => ({
  onQuickExit: (cleanup: () => void) => {
    quickExitCleanups.push(cleanup);
    return () => undefined;
  },
}));

afterEach(() => {
  cleanup();
});

const draft = (save = vi.fn(() => Promise.resolve())): UnsavedWork => ({ label: 'lantern.unsaved.intake', saveAtEnd: true, save });
const note = (save = vi.fn(() => Promise.resolve())): UnsavedWork => ({ label: 'lantern.unsaved.note', saveAtEnd: false, save });

describe('the list of unsaved work (the idle warning saves it)', () => {
  it('holds a form’s work while it has unsaved changes, and drops it once saved or gone', () => {
    const { rerender, unmount } = renderHook((work: UnsavedWork | null) => useUnsavedWork(work), { initialProps: draft() as UnsavedWork | null });
    const list = renderHook(() => useUnsavedWorkList());
    expect(list.result.current.map((work) => work.label)).toEqual(['lantern.unsaved.intake']);

    act(() => rerender(null));
    expect(list.result.current).toEqual([]);

    act(() => rerender(draft()));
    expect(unsavedWork()).toHaveLength(1);
    act(() => unmount());
    expect(list.result.current).toEqual([]);
  });

  it('calls the form’s latest save, not the one it registered first', async () => {
    const first = vi.fn(() => Promise.resolve());
    const latest = vi.fn(() => Promise.resolve());
    const { rerender, unmount } = renderHook((work: UnsavedWork | null) => useUnsavedWork(work), { initialProps: draft(first) });
    rerender(draft(latest));
    expect(await saveUnsavedWork()).toEqual([]);
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledTimes(1);
    unmount();
  });

  it('at the end of the session saves the drafts only; when asked, everything; and names what failed', async () => {
    const draftSave = vi.fn(() => Promise.resolve());
    const noteSave = vi.fn(() => Promise.reject(new Error('offline')));
    const drop = [registerUnsavedWork(draft(draftSave)), registerUnsavedWork(note(noteSave))];

    expect(await saveUnsavedWork({ atEnd: true })).toEqual([]);
    expect(draftSave).toHaveBeenCalledTimes(1);
    expect(noteSave).not.toHaveBeenCalled();

    const failed = await saveUnsavedWork();
    expect(failed.map((work) => work.label)).toEqual(['lantern.unsaved.note']);
    expect(draftSave).toHaveBeenCalledTimes(2);
    for (const unregister of drop) unregister();
    expect(unsavedWork()).toEqual([]);
  });

  it('forgets everything on Quick Exit, saving nothing', async () => {
    const save = vi.fn(() => Promise.resolve());
    registerUnsavedWork(draft(save));
    for (const run of quickExitCleanups) run();
    expect(unsavedWork()).toEqual([]);
    expect(await saveUnsavedWork()).toEqual([]);
    expect(save).not.toHaveBeenCalled();
  });
});
