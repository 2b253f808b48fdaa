import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../providers/http';
import { AUTOSAVE_MS } from '../intake/use-autosave';
import { useNoteDraft, type NoteDraftValues } from './use-note-draft';

const mocks = vi.hoisted(() => ({ api: vi.fn() }));
vi.mock('react-admin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('react-admin')>()),
  useTranslate: () => (key: string) => key,
}));
vi.mock('../../providers/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../providers/http')>()),
  api: mocks.api,
}));

const CASE_ID = '0b7d5c1e-0000-4000-8000-000000000001';
const EMPTY: NoteDraftValues = { noteType: 'contact', contactMethod: 'in_person', occurredAt: '2026-12-05T10:00', restricted: false, body: '' };
const notFound = () => new ApiError('not found', 404, { code: 'NOT_FOUND', message: 'not found', fieldErrors: {} });
const stored = (version: number, body: string) => ({
  id: 'd1', caseId: CASE_ID, authorId: 'u1', noteType: 'session', contactMethod: 'phone', occurredAt: null, restricted: true, body,
  createdAt: '2026-12-05T09:00:00Z', updatedAt: '2026-12-05T09:00:00Z', version,
});
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

function setup(values: NoteDraftValues = EMPTY) {
  const onLoaded = vi.fn();
  const hook = renderHook((props: { values: NoteDraftValues }) => useNoteDraft({ caseId: CASE_ID, enabled: true, values: props.values, onLoaded }), {
    initialProps: { values },
  });
  return { ...hook, onLoaded };
}

beforeEach(() => {
  vi.useFakeTimers();
  mocks.api.mockReset();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a note being written is drafted on the server (issue 13)', () => {
  it('opens on the author\'s draft, then saves changes every 10 s with the version last returned', async () => {
    mocks.api.mockResolvedValueOnce(stored(3, 'Called about'));
    const { result, rerender, onLoaded } = setup();
    await wait(0);
    expect(mocks.api).toHaveBeenCalledWith(`/case-notes/drafts/mine?caseId=${CASE_ID}`);
    const restored = { ...EMPTY, noteType: 'session', contactMethod: 'phone', restricted: true, body: 'Called about' } as NoteDraftValues;
    expect(onLoaded).toHaveBeenCalledWith(restored);
    rerender({ values: restored });
    expect(result.current).toMatchObject({ loaded: true, hasDraft: true, dirty: false });

    mocks.api.mockResolvedValueOnce(stored(4, 'Called about housing'));
    rerender({ values: { ...restored, body: 'Called about housing' } });
    expect(result.current.dirty).toBe(true);
    await wait(AUTOSAVE_MS);
    expect(mocks.api).toHaveBeenLastCalledWith('/case-notes/drafts/mine', {
      method: 'PUT',
      background: true,
      body: expect.objectContaining({ caseId: CASE_ID, version: 3, body: 'Called about housing', occurredAt: new Date('2026-12-05T10:00').toISOString() }),
    });
    expect(result.current).toMatchObject({ dirty: false });
    expect(result.current.autosave.status).toBe('saved');
  });

  it('starts a draft (no version) only once something is typed, and keeps the text out of browser storage', async () => {
    mocks.api.mockRejectedValueOnce(notFound());
    const { result, rerender } = setup();
    await wait(0);
    rerender({ values: { ...EMPTY, noteType: 'session' } });
    expect(result.current.dirty).toBe(false);
    mocks.api.mockResolvedValueOnce(stored(1, 'Safe word'));
    rerender({ values: { ...EMPTY, body: 'Safe word' } });
    await wait(AUTOSAVE_MS);
    const [, options] = mocks.api.mock.calls.at(-1) as [string, { body: Record<string, unknown> }];
    expect(options.body).not.toHaveProperty('version');
    expect(JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })).not.toContain('Safe word');
  });

  it('a draft saved in another window (409) stops the autosave and says so', async () => {
    mocks.api.mockRejectedValueOnce(notFound());
    const { result, rerender } = setup();
    await wait(0);
    mocks.api.mockRejectedValueOnce(new ApiError('stale', 409, { code: 'STALE_VERSION', message: 'stale', fieldErrors: {} }));
    rerender({ values: { ...EMPTY, body: 'Two tabs' } });
    await wait(AUTOSAVE_MS);
    expect(result.current.autosave.status).toBe('conflict');
    expect(result.current.problem).toBe('lantern.notes.draftStale');
    await wait(AUTOSAVE_MS * 3);
    expect(mocks.api).toHaveBeenCalledTimes(2);
  });

  it('discarding deletes the draft on the server', async () => {
    mocks.api.mockResolvedValueOnce(stored(2, 'Not needed'));
    const { result } = setup();
    await wait(0);
    mocks.api.mockResolvedValueOnce(undefined);
    await act(() => result.current.discard());
    expect(mocks.api).toHaveBeenLastCalledWith(`/case-notes/drafts/mine?caseId=${CASE_ID}`, { method: 'DELETE' });
    expect(result.current.hasDraft).toBe(false);
  });
});
