import { CircularProgress } from '@mui/material';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useLocaleState } from 'react-admin';
import { afterEach, describe, expect, it } from 'vitest';
import { LightShell } from '../boot/SignInShell';
import { i18nProvider } from '../providers/i18n-provider';

afterEach(async () => {
  cleanup();
  await act(() => i18nProvider.changeLocale('en'));
});

/** The app's own way to switch language: react-admin's locale state (i18n/language.tsx). */
function SpanishButton() {
  const [, setLocale] = useLocaleState();
  const spanish = 'es';
  return <button onClick={() => setLocale(spanish)}>{spanish}</button>;
}

describe('spinners have a name (axe: aria-progressbar-name)', () => {
  it('names a spinner that brings none, in the user’s language, and keeps a name it brings', async () => {
    render(
      <LightShell>
        <CircularProgress />
        <CircularProgress aria-label="Saving the note" />
        <SpanishButton />
      </LightShell>,
    );
    expect(screen.getByRole('progressbar', { name: 'Loading' })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Saving the note' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'es' }));
    expect(await screen.findByRole('progressbar', { name: 'Cargando' })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Saving the note' })).toBeTruthy();
  });

  it('leaves no spinner nameless outside the shell either way round: without it MUI gives none', () => {
    render(<CircularProgress />);
    expect(screen.getByRole('progressbar').getAttribute('aria-label')).toBeNull();
  });
});
