import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LightShell } from '../boot/SignInShell';
import { FieldAccess } from './FieldAccess';
import { creationOf, useFieldDraft, type FieldDraft } from './field-draft';

let latest: FieldDraft | undefined;

function Editor({ savedRequired = false }: { savedRequired?: boolean }) {
  const state = useFieldDraft();
  latest = state.draft;
  return <FieldAccess state={state} fieldError={() => undefined} savedRequired={savedRequired} />;
}

const renderEditor = (savedRequired = false) =>
  render(
    <LightShell>
      <Editor savedRequired={savedRequired} />
    </LightShell>,
  );

afterEach(() => {
  cleanup();
  latest = undefined;
});

describe('the field editor: filling in the records that already exist (FieldAccess)', () => {
  it('offers it only once the field is required, and sends the value typed for them', () => {
    renderEditor();
    expect(screen.queryByRole('switch', { name: 'Fill in the records that already exist' })).toBeNull();
    fireEvent.click(screen.getByRole('switch', { name: 'Required' }));
    const fill = screen.getByRole('switch', { name: 'Fill in the records that already exist' });
    expect(screen.queryByTestId('custom-field-backfill-value')).toBeNull();
    fireEvent.click(fill);
    const value = screen.getByRole('textbox', { name: /Value for the records that already exist/ });
    fireEvent.change(value, { target: { value: 'Not asked yet' } });
    expect(creationOf({ ...latest!, key: 'k', labelEn: 'K' })).toMatchObject({ required: true, applyTo: 'backfill', backfillValue: 'Not asked yet' });
  });

  it('is not offered when the field was required already (nothing becomes required); PII: field-draft.test.ts', () => {
    renderEditor();
    fireEvent.click(screen.getByRole('switch', { name: 'Required' }));
    expect(screen.getByRole('switch', { name: 'Fill in the records that already exist' })).toBeTruthy();
    cleanup();
    renderEditor(true);
    fireEvent.click(screen.getByRole('switch', { name: 'Required' }));
    expect(screen.queryByRole('switch', { name: 'Fill in the records that already exist' })).toBeNull();
  });
});
