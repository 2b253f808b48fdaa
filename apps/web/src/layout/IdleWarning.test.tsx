import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LightShell } from '../boot/SignInShell';
import { IdleWarning } from './IdleWarning';
import { registerUnsavedWork } from './unsaved-work';

const START = Date.parse('2026-12-05T10:00:00Z');
const IDLE_SECONDS = 900;

const mocks = vi.hoisted(() => ({
  logout: vi.fn(() => Promise.resolve()),
  notify: vi.fn(),
  loadSession: vi.fn(() => Promise.resolve()),
}));
vi.mock('react-admin', async (importOriginal) => ({
  ...(await importOriginal<typeof import('react-admin')>()),
  useLogout: () => mocks.logout,
  useNotify: () => mocks.notify,
}));
vi.mock('../providers/session', () => ({ loadSession: mocks.loadSession }));
// The server last saw the person at START; nothing refreshes it during a test.
vi.mock('../providers/activity', () => ({ getLastServerTouch: () => START, subscribeServerTouch: () => () => undefined }));

const unregister: (() => void)[] = [];
function unsaved(label: string, saveAtEnd: boolean) {
  const save = vi.fn(() => Promise.resolve());
  unregister.push(registerUnsavedWork({ label, saveAtEnd, save }));
  return save;
}

/** The page as it is `ms` after the server last saw the person. */
async function at(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms - (Date.now() - START)));
}

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  for (const drop of unregister.splice(0)) drop();
  cleanup();
  vi.useRealTimers();
});

function renderWarning() {
  render(
    <LightShell>
      <IdleWarning idleTimeoutSeconds={IDLE_SECONDS} absoluteExpiresAt="2026-12-05T22:00:00Z" />
    </LightShell>,
  );
}

describe('the idle warning and unsaved work (issue 13)', () => {
  it('names the unsaved work and saves all of it on "Save and stay signed in"', async () => {
    const draft = unsaved('lantern.unsaved.intake', true);
    const note = unsaved('lantern.unsaved.note', false);
    renderWarning();
    await at(14 * 60_000);
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Not saved yet: the intake draft, a case note.');

    fireEvent.click(screen.getByRole('button', { name: 'Save and stay signed in' }));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(draft).toHaveBeenCalledTimes(1);
    expect(note).toHaveBeenCalledTimes(1);
    expect(mocks.loadSession).toHaveBeenCalledWith({ force: true });
    expect(mocks.notify).not.toHaveBeenCalled();
  });

  it('offers plain "Stay signed in" when nothing is unsaved', async () => {
    renderWarning();
    await at(14 * 60_000);
    expect(screen.getByRole('button', { name: 'Stay signed in' })).toBeTruthy();
    expect(screen.queryByTestId('idle-unsaved')).toBeNull();
  });

  it('saves the drafts, not the notes, shortly before the end, then signs out', async () => {
    const draft = unsaved('lantern.unsaved.intake', true);
    const note = unsaved('lantern.unsaved.note', false);
    renderWarning();
    await at(IDLE_SECONDS * 1000 - 20_000);
    expect(draft).not.toHaveBeenCalled();
    await at(IDLE_SECONDS * 1000 - 10_000);
    expect(draft).toHaveBeenCalledTimes(1);
    expect(mocks.logout).not.toHaveBeenCalled();
    await at(IDLE_SECONDS * 1000 + 1_000);
    expect(mocks.logout).toHaveBeenCalledTimes(1);
    expect(draft).toHaveBeenCalledTimes(1);
    expect(note).not.toHaveBeenCalled();
  });
});
